"""The models layer: schema versions, uniqueness, and the search tables kept by triggers."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import peewee as pw
import pytest

from csdesk.errors import NewerSchemaError
from csdesk.models import Conversation, Customer, CustomerIdentity, Message, Order, schema
from csdesk.models import db as dbmod


def matches(db: pw.Database, table: str, text: str) -> list[int]:
    """Row ids the trigram search finds for `text` (quoted: a phrase, not FTS syntax)."""
    phrase = '"' + text.replace('"', '""') + '"'
    cursor = db.execute_sql(f"SELECT rowid FROM {table} WHERE {table} MATCH ?", (phrase,))
    return sorted(row[0] for row in cursor)


def new_order(no: str = "250301ABCD", tracking: str = "SPXID0123456789") -> Order:
    return Order.create(
        marketplace="shopee",
        order_no=no,
        status="to_ship",
        ordered_at=dt.datetime(2025, 3, 1, 2, 0),
        tracking_no=tracking,
        recipient="Siti Rahma",
        phone="+6281234567890",
    )


def test_a_new_database_records_the_schema_version(db: pw.Database) -> None:
    assert schema.read_version(db) == schema.SCHEMA_VERSION
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == dbmod.APPLICATION_ID
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrating_twice_changes_nothing(db: pw.Database) -> None:
    new_order()
    tables = db.get_tables()
    assert schema.migrate(db) == []
    assert db.get_tables() == tables
    assert Order.select().count() == 1


def test_a_version_99_database_is_refused_and_unchanged(db_path: Path, db: pw.Database) -> None:
    db.execute_sql(f"UPDATE {schema.META_TABLE} SET value = '99'")
    db.close()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    with pytest.raises(NewerSchemaError, match="skema 99"):
        dbmod.connect(str(db_path))
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before


def test_migrate_itself_refuses_a_newer_schema(db: pw.Database) -> None:
    db.execute_sql(f"UPDATE {schema.META_TABLE} SET value = '99'")
    with pytest.raises(NewerSchemaError):
        schema.migrate(db)
    assert schema.read_version(db) == 99


def test_order_numbers_are_unique_per_marketplace(db: pw.Database) -> None:
    new_order("INV/20250301/001")
    Order.create(
        marketplace="tokopedia",
        order_no="250301ABCD",
        status="unpaid",
        ordered_at=dt.datetime(2025, 3, 1),
    )
    with pytest.raises(pw.IntegrityError), db.atomic():
        new_order("INV/20250301/001", tracking="JNT0001")
    assert Order.select().count() == 2


def test_order_search_follows_insert_update_and_delete(db: pw.Database) -> None:
    order = new_order()
    assert matches(db, "order_search", "0123456") == [order.id]
    assert matches(db, "order_search", "iti rah") == [order.id]

    order.tracking_no = "JP9876543210"
    order.save()
    assert matches(db, "order_search", "0123456") == []
    assert matches(db, "order_search", "9876543") == [order.id]

    order.delete_instance()
    assert matches(db, "order_search", "9876543") == []


def test_customer_search_finds_names_and_later_identities(db: pw.Database) -> None:
    sari = Customer.create(name="Sari Wulandari", nickname="Kak Sari")
    assert matches(db, "customer_search", "wulan") == [sari.id]
    assert matches(db, "customer_search", "6285") == []

    phone = CustomerIdentity.create(
        customer=sari, kind="phone", value="+6285712345678", normalized="+6285712345678"
    )
    assert matches(db, "customer_search", "6285712") == [sari.id]

    sari.name = "Sari W."
    sari.save()
    assert matches(db, "customer_search", "wulan") == []
    assert matches(db, "customer_search", "6285712") == [sari.id]

    phone.delete_instance()
    assert matches(db, "customer_search", "6285712") == []


def test_identity_moved_to_another_customer_moves_in_search(db: pw.Database) -> None:
    old = Customer.create(name="Dobel")
    keep = Customer.create(name="Asli")
    ident = CustomerIdentity.create(
        customer=old, kind="whatsapp", value="Bunda Rafa", normalized="bunda rafa"
    )
    ident.customer = keep
    ident.save()
    assert matches(db, "customer_search", "bunda rafa") == [keep.id]


def test_message_search_follows_insert_update_and_delete(db: pw.Database) -> None:
    chat = Conversation.create()
    msg = Message.create(
        conversation=chat,
        direction="in",
        sent_at=dt.datetime(2025, 3, 1, 2, 0),
        body="Kak, gamis warna dusty pink masih ready?",
    )
    assert matches(db, "message_search", "dusty pink") == [msg.id]
    msg.body = "Kak, jadi yang navy saja"
    msg.save()
    assert matches(db, "message_search", "dusty") == []
    assert matches(db, "message_search", "navy") == [msg.id]
    chat.delete_instance(recursive=True)
    assert matches(db, "message_search", "navy") == []
