"""Shared fixtures: a real SQLite database in a temporary folder, and a private data folder.

Qt runs offscreen when there is no display, so UI tests run on CI and over SSH alike.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

DATA = Path(__file__).parent / "data"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own csdesk data folder; nothing touches the real per-user one."""
    folder = tmp_path / "csdesk-data"
    folder.mkdir()
    monkeypatch.setenv("CSDESK_DATA_DIR", str(folder))
    monkeypatch.delenv("CSDESK_DB", raising=False)
    return folder


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "shop.sqlite"


@pytest.fixture
def db(db_path: Path) -> Iterator[object]:
    """An empty, migrated csdesk database (real SQLite file) bound to the models."""
    from csdesk.models import db as dbmod
    from csdesk.models import schema

    database = dbmod.connect(str(db_path))
    schema.migrate(database)
    yield database
    database.close()
