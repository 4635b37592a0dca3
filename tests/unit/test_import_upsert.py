"""Writing parsed order files into a real SQLite database: new, updated, unchanged, all or
nothing (files are built as ParsedFile here; the sample files are in test_import_samples)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from import_factories import ORDERED, dump, order, parsed

from csdesk.models import ImportBatch, Order, OrderEvent, OrderItem
from csdesk.services.importing.records import ImportCancelled, ItemRecord
from csdesk.services.importing.upsert import import_parsed


def test_new_orders_are_inserted_with_items_rows_and_batch(db: object) -> None:
    two_items = [ItemRecord("Gamis", quantity=2, unit_price=50_000, subtotal=100_000),
                 ItemRecord("Pashmina", sku="PS-1", unit_price=45_000, subtotal=45_000)]  # fmt: skip
    result = import_parsed(parsed(order("250305A"), order("250305B", items=two_items)))
    assert result.as_dict() == {
        "file": "pesanan.xlsx",
        "format": "shopee",
        "rows": 3,
        "orders_new": 2,
        "orders_updated": 0,
        "orders_unchanged": 0,
        "items": 3,
        "errors": [],
    }
    b = Order.get(Order.order_no == "250305B")
    assert [(i.product, i.quantity, i.subtotal) for i in b.items.order_by(OrderItem.id)] == [
        ("Gamis", 2, 100_000),
        ("Pashmina", 1, 45_000),
    ]
    assert json.loads(b.source_rows) == [{"No. Pesanan": "250305B"}]
    assert b.ordered_at == ORDERED and b.status == "to_ship"
    batch = ImportBatch.get()
    assert (batch.file_name, batch.created, batch.rows) == ("pesanan.xlsx", 2, 3)
    assert b.batch_id == batch.id and batch.finished_at is not None
    assert [e.kind for e in OrderEvent.select().where(OrderEvent.batch == batch)] == [
        "imported",
        "imported",
    ]


def test_new_orders_are_found_by_search(db: object) -> None:
    import_parsed(parsed(order("250305XYZ", tracking_no="SPXID0123456")))
    con = db  # the FTS index is filled by replaying the insert trigger once
    found = con.execute_sql(  # type: ignore[attr-defined]
        "SELECT rowid FROM order_search WHERE order_search MATCH '\"SPXID01\"'"
    ).fetchall()
    assert found == [(Order.get().id,)]
    identities = con.execute_sql(  # type: ignore[attr-defined]
        "SELECT identities FROM customer_search"
    ).fetchall()
    assert identities == [("0812-3456-7890 sari.w",)]


def test_importing_again_changes_nothing(db: object, db_path: Path) -> None:
    file = parsed(order("250305A"), order("250305B", status="completed"))
    import_parsed(file)
    before = dump(db_path)
    again = import_parsed(file)
    assert (again.orders_new, again.orders_updated, again.orders_unchanged) == (0, 0, 2)
    assert dump(db_path) == before
    assert ImportBatch.select().count() == 2


def test_newer_file_updates_status_tracking_and_times(db: object) -> None:
    import_parsed(parsed(order("250305A"), order("250305B")))
    shipped = dt.datetime(2025, 3, 6, 4, 0)
    newer = parsed(
        order("250305A", status="shipped", raw_status="Dikirim", tracking_no="SPXID01",
              shipped_at=shipped),
        order("250305B"),
        path="pesanan-baru.xlsx",
    )  # fmt: skip
    result = import_parsed(newer)
    assert (result.orders_new, result.orders_updated, result.orders_unchanged) == (0, 1, 1)
    a = Order.get(Order.order_no == "250305A")
    assert (a.status, a.tracking_no, a.shipped_at, a.version) == ("shipped", "SPXID01", shipped, 2)
    batch = ImportBatch.get(ImportBatch.file_name == "pesanan-baru.xlsx")
    assert a.batch_id == batch.id
    event = OrderEvent.get(OrderEvent.kind == "updated")
    assert event.batch_id == batch.id and event.order_id == a.id
    changes = json.loads(event.detail)["changes"]
    assert changes["status"] == ["to_ship", "shipped"]
    assert changes["tracking_no"] == ["", "SPXID01"]
    assert changes["shipped_at"] == [None, "2025-03-06 04:00:00"]


def test_status_never_moves_backwards(db: object, db_path: Path) -> None:
    import_parsed(
        parsed(order("250305A", status="completed"), order("250305B", status="cancelled"))
    )
    before = dump(db_path)
    older = parsed(order("250305A", status="shipped", first_row=7), order("250305B"))
    result = import_parsed(older)
    assert (result.orders_updated, result.orders_unchanged) == (0, 2)
    assert [(p.row, p.column) for p in result.errors] == [(7, "status"), (2, "status")]
    assert "status mundur diabaikan" in result.errors[0].message
    assert dump(db_path) == before


def test_empty_tracking_never_clears_a_known_one(db: object, db_path: Path) -> None:
    import_parsed(parsed(order("250305A", tracking_no="SPXID01")))
    before = dump(db_path)
    result = import_parsed(parsed(order("250305A", tracking_no="")))
    assert result.orders_unchanged == 1
    assert len(result.errors) == 1 and "SPXID01" in result.errors[0].message
    assert dump(db_path) == before


def test_item_set_is_replaced_when_it_differs(db: object) -> None:
    import_parsed(parsed(order("250305A")))
    items = [ItemRecord("Gamis Katun", sku="GK-L", variant="L", quantity=2, unit_price=150_000,
                        subtotal=300_000)]  # fmt: skip
    result = import_parsed(parsed(order("250305A", items=items, total=300_000)))
    assert result.orders_updated == 1
    assert [(i.quantity, i.subtotal) for i in OrderItem.select()] == [(2, 300_000)]
    detail = json.loads(OrderEvent.get(OrderEvent.kind == "updated").detail)
    assert detail["items"]["old"] == [[1, "GK-L", "Gamis Katun", "L", 1, 150_000, 150_000]]


def test_items_in_another_order_are_not_a_change(db: object) -> None:
    items = [ItemRecord("A", unit_price=1, subtotal=1), ItemRecord("B", unit_price=2, subtotal=2)]
    import_parsed(parsed(order("250305A", items=items)))
    result = import_parsed(parsed(order("250305A", items=list(reversed(items)))))
    assert result.orders_unchanged == 1


def test_tiktok_row_updates_the_tokopedia_legacy_order(db: object) -> None:
    legacy = order("INV/20250305/MPL/1234567890", marketplace="tokopedia", buyer_name="Sari",
                   buyer_username="", status="to_ship")  # fmt: skip
    import_parsed(parsed(legacy))
    tiktok = order("578123456789012345", marketplace="tiktok", status="shipped",
                   linked_order_no="INV/20250305/MPL/1234567890", phone="(+62)812******90",
                   buyer_username="sari_w", tracking_no="JX123")  # fmt: skip
    result = import_parsed(parsed(tiktok))
    assert (result.orders_new, result.orders_updated) == (0, 1)
    only = Order.get()
    assert (only.marketplace, only.status, only.tracking_no) == ("tokopedia", "shipped", "JX123")
    assert only.phone == "0812-3456-7890"  # a masked phone never replaces a real one
    assert import_parsed(parsed(tiktok)).orders_unchanged == 1
    assert Order.select().count() == 1


def test_cancel_mid_file_leaves_the_database_unchanged(db: object, db_path: Path) -> None:
    import_parsed(parsed(order("EXISTING")))
    before = dump(db_path, ("orders", "order_item", "customer", "import_batch"))
    triggers_sql = "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
    triggers = db.execute_sql(triggers_sql).fetchall()  # type: ignore[attr-defined]
    many = [order(f"2503{n:06d}", buyer_username=f"buyer{n}", phone="") for n in range(1200)]
    calls = iter([False, True])
    with pytest.raises(ImportCancelled):
        import_parsed(parsed(*many), is_cancelled=lambda: next(calls, True))
    assert dump(db_path, ("orders", "order_item", "customer", "import_batch")) == before
    # The bulk path's dropped triggers came back with the rollback, word for word.
    assert db.execute_sql(triggers_sql).fetchall() == triggers  # type: ignore[attr-defined]
    assert len(triggers) == 15


def test_a_failing_file_writes_nothing(db: object, db_path: Path) -> None:
    before = dump(db_path, ("orders", "customer", "import_batch"))
    broken = order("250305B")
    broken = dataclasses.replace(broken, items=[ItemRecord(None)])  # type: ignore[arg-type]
    with pytest.raises(Exception, match="NOT NULL"):
        import_parsed(parsed(order("250305A"), broken))
    assert dump(db_path, ("orders", "customer", "import_batch")) == before


def test_progress_reports_orders_written(db: object) -> None:
    seen: list[tuple[int, int]] = []
    many = [order(f"2503{n:06d}") for n in range(1100)]
    import_parsed(parsed(*many), progress=lambda done, total: seen.append((done, total)))
    assert seen == [(500, 1100), (1000, 1100), (1100, 1100)]
