"""Undoing an import from the history: the database is exactly as before, or the undo is
refused when later work depends on it."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_factories import dump, order, parsed

from csdesk.errors import CsdeskError
from csdesk.models import Conversation, Customer, ImportBatch, Order
from csdesk.services.importing.records import ItemRecord
from csdesk.services.importing.undo import list_imports, undo_import
from csdesk.services.importing.upsert import import_parsed


def last_batch() -> int:
    return int(ImportBatch.select().order_by(ImportBatch.id.desc()).get().id)


def test_undo_of_new_orders_leaves_the_database_as_before(db: object, db_path: Path) -> None:
    import_parsed(parsed(order("A1", buyer_username="sari")))
    before = dump(db_path)
    import_parsed(parsed(order("A2", buyer_username="sari"), order("B1", buyer_username="budi",
                                                                     phone="0813-2222-3333")))  # fmt: skip
    result = undo_import(last_batch())
    assert (result.orders_removed, result.orders_restored, result.customers_removed) == (2, 0, 1)
    assert dump(db_path) == before
    found = db.execute_sql("SELECT count(*) FROM order_search").fetchone()  # type: ignore[attr-defined]
    assert found == (1,)


def test_undo_restores_updated_orders_exactly(db: object, db_path: Path) -> None:
    import_parsed(parsed(order("A1"), order("A2")))
    before = dump(db_path)
    bigger = [ItemRecord("Gamis Katun", sku="GK-L", variant="L", quantity=3, unit_price=150_000,
                         subtotal=450_000)]  # fmt: skip
    newer = parsed(
        order("A1", status="completed", tracking_no="SPX9", items=bigger, total=450_000),
        order("A2"),
        order("A3", buyer_username="lain", phone=""),
    )
    assert import_parsed(newer).orders_updated == 1
    assert Customer.get(Customer.name == "Sari Wulandari").lifetime_value == 600_000
    result = undo_import(last_batch())
    assert (result.orders_removed, result.orders_restored) == (1, 1)
    assert dump(db_path) == before
    assert Customer.get().lifetime_value == 300_000


def test_undo_is_refused_when_a_later_import_changed_the_orders(db: object) -> None:
    import_parsed(parsed(order("A1")))
    first = last_batch()
    import_parsed(parsed(order("A1", status="shipped")))
    with pytest.raises(CsdeskError, match="impor #"):
        undo_import(first)
    undo_import(last_batch())
    undo_import(first)
    assert Order.select().count() == 0


def test_undo_is_refused_after_an_edit_or_when_a_chat_points_at_the_order(db: object) -> None:
    import_parsed(parsed(order("A1")))
    Order.update(version=Order.version + 1, seller_note="bonus").execute()
    with pytest.raises(CsdeskError, match="sudah diubah"):
        undo_import(last_batch())
    import_parsed(parsed(order("B1", buyer_username="budi", phone="")))
    Conversation.create(channel="whatsapp", order=Order.get(Order.order_no == "B1"))
    with pytest.raises(CsdeskError, match="percakapan"):
        undo_import(last_batch())


def test_a_customer_with_other_things_is_kept(db: object) -> None:
    import_parsed(parsed(order("A1")))
    sari = Customer.get()
    Conversation.create(channel="whatsapp", customer=sari)
    undo_import(last_batch())
    assert Customer.get_by_id(sari.id).order_count == 0


def test_history_lists_imports_newest_first_and_undo_only_once(db: object) -> None:
    import_parsed(parsed(order("A1"), path="satu.xlsx"))
    import_parsed(parsed(order("A1", status="shipped"), order("A2"), path="dua.xlsx"))
    history = list_imports()
    assert [(h.file_name, h.created, h.updated, h.unchanged) for h in history] == [
        ("dua.xlsx", 1, 1, 0),
        ("satu.xlsx", 1, 0, 0),
    ]
    undo_import(history[0].id)
    assert list_imports()[0].undone_at is not None
    with pytest.raises(CsdeskError, match="sudah dibatalkan"):
        undo_import(history[0].id)


def test_a_customer_merged_away_after_the_import_is_kept_with_its_merge(db: object) -> None:
    """The batch made Sari; an admin then merged her into an older record. Undoing the import
    takes its order away but keeps the merged-away record, so the merge stays in the survivor's
    history (and can still be undone) instead of vanishing with a deleted customer."""
    from csdesk.services.customer_merge import merge_customers, merges

    older = Customer.create(name="Sari W.")
    import_parsed(parsed(order("A1")))
    batch_sari = Customer.get(Customer.name == "Sari Wulandari")
    merge_customers(older.id, batch_sari.id, author="Rina")

    result = undo_import(last_batch())

    assert (result.orders_removed, result.customers_removed) == (1, 0)
    assert Customer.get_by_id(batch_sari.id).merged_into_id == older.id
    assert [m.other_id for m in merges(older.id)] == [batch_sari.id]
    assert Customer.get_by_id(older.id).order_count == 0
