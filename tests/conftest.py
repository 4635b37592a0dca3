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


@pytest.fixture
def sari_order(db: object) -> dict[str, int]:
    """Sari's completed Shopee order with a gamis (Rp189.000, 5 in stock) and a pashmina,
    shipped to Bandung by J&T: what the complaint tests start from."""
    import datetime as dt

    from csdesk.models import Customer, Order, OrderItem, Product, utcnow

    sari = Customer.create(name="Sari Wulandari", nickname="Kak Sari")
    order = Order.create(
        customer=sari, marketplace="shopee", order_no="2611SARI01", status="completed",
        ordered_at=utcnow() - dt.timedelta(days=3), total=239_000, recipient="Sari",
        phone="081234567890", address="Jl. Melati 5", city="Bandung", courier="J&T",
    )  # fmt: skip
    gamis = OrderItem.create(order=order, product="Gamis Aisyah", variant="Navy, L",
                             sku="GA-NV-L", quantity=1, unit_price=189_000, subtotal=189_000)  # fmt: skip
    OrderItem.create(order=order, product="Pashmina", sku="PS-01", quantity=1, unit_price=50_000,
                     subtotal=50_000)  # fmt: skip
    Product.create(sku="GA-NV-L", name="Gamis Aisyah", variant="Navy, L", price=189_000, stock=5)
    return {"customer": sari.id, "order": order.id, "gamis": gamis.id}
