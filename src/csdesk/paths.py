"""Where csdesk keeps its files: the per-user data folder, logs, attachments, backups.

`CSDESK_DATA_DIR` overrides the platform's per-user folder (tests, portable installs).
Backups of a SQLite database sit in a `backups` folder beside that database, so copying the
folder that holds the database copies its backups too.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from csdesk import APP_NAME


def data_dir() -> Path:
    override = os.environ.get("CSDESK_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    return path


def default_db_path() -> Path:
    return data_dir() / "csdesk.sqlite"


def log_dir() -> Path:
    return data_dir() / "logs"


def attachments_dir() -> Path:
    return data_dir() / "attachments"


def backups_dir_for(db_path: Path) -> Path:
    return db_path.parent / "backups"
