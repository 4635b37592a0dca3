"""Schema versions and migrations.

The version lives in the `csdesk_meta` table (it works on SQLite and PostgreSQL alike). Each
migration is a function of the database run inside one transaction together with the version
bump, so a crash mid-migration leaves the previous schema intact. A database whose version is
newer than this build's is refused rather than touched.
"""

from __future__ import annotations

from collections.abc import Callable

import peewee as pw

from csdesk.errors import NewerSchemaError
from csdesk.models.base import run_sql
from csdesk.models.catalog import FaqEntry, Product, Setting, Template
from csdesk.models.complaints import Complaint, ComplaintEvent, ComplaintEvidence, ComplaintItem
from csdesk.models.conversations import Conversation, Message
from csdesk.models.orders import ImportBatch, Order, OrderEvent, OrderItem, Payment
from csdesk.models.people import Customer, CustomerIdentity, CustomerMerge, FollowUp, User

# The tables of schema version 1, as they were created then (later versions add their own).
V1_MODELS: list[type[pw.Model]] = [
    User,
    Customer,
    CustomerIdentity,
    ImportBatch,
    Order,
    OrderItem,
    OrderEvent,
    Conversation,
    Message,
    Complaint,
    ComplaintEvidence,
    ComplaintEvent,
    Product,
    FaqEntry,
    Template,
    Setting,
]
ALL_MODELS: list[type[pw.Model]] = [*V1_MODELS, Payment, CustomerMerge, FollowUp, ComplaintItem]

META_TABLE = "csdesk_meta"

# Search indexes (SQLite only): FTS5 trigram tables keyed by the row id of what they index,
# kept current by triggers so every writer (imports, edits, merges) updates them.
_SQLITE_SEARCH_DDL = [
    """CREATE VIRTUAL TABLE order_search USING fts5(
        order_no, tracking_no, buyer, recipient, phone, tokenize='trigram')""",
    """CREATE TRIGGER order_search_ai AFTER INSERT ON orders BEGIN
        INSERT INTO order_search(rowid, order_no, tracking_no, buyer, recipient, phone)
        VALUES (new.id, new.order_no, new.tracking_no,
                new.buyer_name || ' ' || new.buyer_username, new.recipient, new.phone);
    END""",
    """CREATE TRIGGER order_search_au AFTER UPDATE OF
        order_no, tracking_no, buyer_name, buyer_username, recipient, phone ON orders BEGIN
        UPDATE order_search SET order_no = new.order_no, tracking_no = new.tracking_no,
            buyer = new.buyer_name || ' ' || new.buyer_username,
            recipient = new.recipient, phone = new.phone
        WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER order_search_ad AFTER DELETE ON orders BEGIN
        DELETE FROM order_search WHERE rowid = old.id;
    END""",
    """CREATE VIRTUAL TABLE customer_search USING fts5(
        name, nickname, identities, tokenize='trigram')""",
    """CREATE TRIGGER customer_search_ai AFTER INSERT ON customer BEGIN
        INSERT INTO customer_search(rowid, name, nickname, identities)
        VALUES (new.id, new.name, new.nickname, '');
    END""",
    """CREATE TRIGGER customer_search_au AFTER UPDATE OF name, nickname ON customer BEGIN
        UPDATE customer_search SET name = new.name, nickname = new.nickname
        WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER customer_search_ad AFTER DELETE ON customer BEGIN
        DELETE FROM customer_search WHERE rowid = old.id;
    END""",
    """CREATE TRIGGER customer_identity_search_ai AFTER INSERT ON customer_identity BEGIN
        UPDATE customer_search SET identities = (
            SELECT group_concat(value, ' ') FROM customer_identity
            WHERE customer_id = new.customer_id) WHERE rowid = new.customer_id;
    END""",
    """CREATE TRIGGER customer_identity_search_au AFTER UPDATE ON customer_identity BEGIN
        UPDATE customer_search SET identities = (
            SELECT group_concat(value, ' ') FROM customer_identity
            WHERE customer_id = old.customer_id) WHERE rowid = old.customer_id;
        UPDATE customer_search SET identities = (
            SELECT group_concat(value, ' ') FROM customer_identity
            WHERE customer_id = new.customer_id) WHERE rowid = new.customer_id;
    END""",
    """CREATE TRIGGER customer_identity_search_ad AFTER DELETE ON customer_identity BEGIN
        UPDATE customer_search SET identities = (
            SELECT group_concat(value, ' ') FROM customer_identity
            WHERE customer_id = old.customer_id) WHERE rowid = old.customer_id;
    END""",
    """CREATE VIRTUAL TABLE message_search USING fts5(body, tokenize='trigram')""",
    """CREATE TRIGGER message_search_ai AFTER INSERT ON message BEGIN
        INSERT INTO message_search(rowid, body) VALUES (new.id, new.body);
    END""",
    """CREATE TRIGGER message_search_au AFTER UPDATE OF body ON message BEGIN
        UPDATE message_search SET body = new.body WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER message_search_ad AFTER DELETE ON message BEGIN
        DELETE FROM message_search WHERE rowid = old.id;
    END""",
]


# Version 2: order items become searchable by product, SKU and variant (the Pesanan search
# finds an order by what was bought); the index is filled from the items already stored.
_SQLITE_ITEM_SEARCH_DDL = [
    """CREATE VIRTUAL TABLE item_search USING fts5(
        product, sku, variant, tokenize='trigram')""",
    """CREATE TRIGGER item_search_ai AFTER INSERT ON order_item BEGIN
        INSERT INTO item_search(rowid, product, sku, variant)
        VALUES (new.id, new.product, new.sku, new.variant);
    END""",
    """CREATE TRIGGER item_search_au AFTER UPDATE OF product, sku, variant ON order_item BEGIN
        UPDATE item_search SET product = new.product, sku = new.sku, variant = new.variant
        WHERE rowid = new.id;
    END""",
    """CREATE TRIGGER item_search_ad AFTER DELETE ON order_item BEGIN
        DELETE FROM item_search WHERE rowid = old.id;
    END""",
    """INSERT INTO item_search(rowid, product, sku, variant)
        SELECT id, product, sku, variant FROM order_item""",
]


def _v1_initial(db: pw.Database) -> None:
    db.create_tables(V1_MODELS)
    if isinstance(db, pw.SqliteDatabase):
        for ddl in _SQLITE_SEARCH_DDL:
            run_sql(db, ddl)


def _v2_payments_item_search(db: pw.Database) -> None:
    """Payment confirmations for manual orders; the order-item search index."""
    db.create_tables([Payment])
    if isinstance(db, pw.SqliteDatabase):
        for ddl in _SQLITE_ITEM_SEARCH_DDL:
            run_sql(db, ddl)


def _v3_merges_follow_ups(db: pw.Database) -> None:
    """Customer merges that can be undone; follow-ups per customer."""
    db.create_tables([CustomerMerge, FollowUp])


def _literal(value: object) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _add_missing_columns(db: pw.Database, model: type[pw.Model], *fields: pw.Field) -> None:
    """`ALTER TABLE … ADD COLUMN` for each of `fields` not in `model`'s table yet, with the
    field's default as the column's (so existing rows get it) and its foreign key. Earlier
    migrations create tables from the current models, so a table that a later version widens
    may already have the column; it is then left alone."""
    table = model._meta.table_name
    present = {column.name for column in db.get_columns(table)}
    for field in fields:
        if field.column_name in present:
            continue
        ctx = db.get_sql_context()
        ctx.sql(field.ddl(ctx))  # type: ignore[no-untyped-call]
        column, _ = ctx.query()
        if not field.null:
            column += f" DEFAULT {_literal(field.default)}"
        if isinstance(field, pw.ForeignKeyField):
            target = field.rel_model._meta.table_name
            column += f' REFERENCES "{target}" ("{field.rel_field.column_name}")'
            if field.on_delete:
                column += f" ON DELETE {field.on_delete}"
        run_sql(db, f'ALTER TABLE "{table}" ADD COLUMN {column}')


def _v4_follow_up_done_by(db: pw.Database) -> None:
    """Who marked a follow-up done."""
    _add_missing_columns(db, FollowUp, FollowUp.done_by)


def _v5_complaint_desk(db: pw.Database) -> None:
    """Complaints: the items they are about, the replacement order, a due date set by hand,
    the evidence checklist, and who added each evidence file with its name and size."""
    db.create_tables([ComplaintItem])
    _add_missing_columns(
        db,
        Complaint,
        Complaint.replacement_order,
        Complaint.due_overridden,
        Complaint.checklist_done,
    )
    _add_missing_columns(
        db,
        ComplaintEvidence,
        ComplaintEvidence.original_name,
        ComplaintEvidence.size,
        ComplaintEvidence.author,
    )


MIGRATIONS: list[tuple[int, Callable[[pw.Database], None]]] = [
    (1, _v1_initial),
    (2, _v2_payments_item_search),
    (3, _v3_merges_follow_ups),
    (4, _v4_follow_up_done_by),
    (5, _v5_complaint_desk),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


def has_search_index(db: pw.Database) -> bool:
    return isinstance(db, pw.SqliteDatabase)


def read_version(db: pw.Database) -> int:
    """The schema version of an open database; 0 for an empty (new) one."""
    if META_TABLE not in db.get_tables():
        return 0
    row = run_sql(db, f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def _write_version(db: pw.Database, version: int) -> None:
    run_sql(
        db, f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key VARCHAR(64) PRIMARY KEY, value TEXT)"
    )
    run_sql(db, f"DELETE FROM {META_TABLE} WHERE key = 'schema_version'")
    run_sql(
        db,
        f"INSERT INTO {META_TABLE} (key, value) VALUES ('schema_version', %s)" % db.param,
        (str(version),),
    )


def check_not_newer(version: int) -> None:
    """Refuse a database written by a newer csdesk before anything touches it."""
    if version > SCHEMA_VERSION:
        raise NewerSchemaError(
            f"Database ini dibuat oleh csdesk versi yang lebih baru (skema {version}, "
            f"aplikasi ini mengenal skema {SCHEMA_VERSION}). Perbarui csdesk untuk membukanya."
        )


def pending_migrations(db: pw.Database) -> list[int]:
    current = read_version(db)
    check_not_newer(current)
    return [version for version, _ in MIGRATIONS if version > current]


def migrate(db: pw.Database, before: Callable[[int], None] | None = None) -> list[int]:
    """Bring the schema up to date. `before(current_version)` runs first when an existing
    database is about to change (the automatic backup). Returns the versions applied."""
    todo = pending_migrations(db)
    if not todo:
        return []
    current = read_version(db)
    if current and before is not None:
        before(current)
    with db.atomic():
        for version, apply in MIGRATIONS:
            if version in todo:
                apply(db)
                _write_version(db, version)
    return todo
