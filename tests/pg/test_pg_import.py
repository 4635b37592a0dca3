"""Order import on PostgreSQL: a sample export imports to the same counts as on SQLite, again
unchanged, and undo removes it."""

from __future__ import annotations

import json
from pathlib import Path

import peewee as pw
import pytest

from csdesk.models import Customer, CustomerIdentity, Order, OrderItem
from csdesk.services.database import open_database
from csdesk.services.importing.run import import_files
from csdesk.services.importing.undo import list_imports, undo_import

pytest.importorskip("psycopg2", reason="psycopg2 (driver PostgreSQL) tidak terpasang")

SAMPLES = Path(__file__).parents[1] / "data" / "samples"


@pytest.fixture
def pg_db(pg_url: str) -> pw.Database:
    return open_database(pg_url)


def test_shopee_sample_imports_with_the_same_counts(pg_db: pw.Database) -> None:
    expected = json.loads((SAMPLES / "expected.json").read_text(encoding="utf-8"))
    shopee = expected["shopee_pesanan.xlsx"]
    (result,) = import_files([SAMPLES / "shopee_pesanan.xlsx"])
    assert (result.orders_new, result.items) == (shopee["orders"], shopee["items"])
    assert Customer.select().count() == shopee["customers"]
    assert OrderItem.select().count() == shopee["items"]
    revenue = Order.select(pw.fn.SUM(Order.total)).where(
        Order.status.not_in(("unpaid", "cancelled", "returned"))
    )
    assert revenue.scalar() == shopee["revenue_idr"]
    (again,) = import_files([SAMPLES / "shopee_pesanan.xlsx"])
    assert (again.orders_new, again.orders_updated, again.orders_unchanged) == (0, 0, 25)
    # Ids came from the sequences: a plain insert afterwards gets a fresh one.
    extra = Customer.create(name="Pelanggan baru")
    assert extra.id > max(c.id for c in Customer.select().where(Customer.id != extra.id))
    undo_import(list_imports()[-1].id)
    assert Order.select().count() == 0
    assert CustomerIdentity.select().count() == 0
    assert Customer.select().count() == 1
