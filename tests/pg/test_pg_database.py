"""Opening a PostgreSQL database: schema created once, newer and foreign databases refused
untouched, migrations all or nothing, and the SQLite-only tools refusing politely."""

from __future__ import annotations

from collections.abc import Callable

import peewee as pw
import pytest

from csdesk.errors import BackupError, DatabaseOpenError, NewerSchemaError
from csdesk.models import Customer, schema
from csdesk.models import db as dbmod
from csdesk.models.schema import ALL_MODELS, META_TABLE, SCHEMA_VERSION
from csdesk.services.backup import backup_database, check_database
from csdesk.services.database import close_database, open_database

psycopg2 = pytest.importorskip("psycopg2", reason="psycopg2 (driver PostgreSQL) tidak terpasang")


def raw(url: str, sql: str) -> list[tuple[object, ...]]:
    """Run SQL straight through the driver, around csdesk: what a second desk would see."""
    con = psycopg2.connect(url)
    try:
        with con, con.cursor() as cur:
            cur.execute(sql)
            return list(cur.fetchall()) if cur.description else []
    finally:
        con.close()


def snapshot(url: str) -> list[tuple[object, ...]]:
    """Every table with its row count and the xmin (last writer) of its rows."""
    tables = raw(
        url,
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = 'public' ORDER BY table_name",
    )
    result: list[tuple[object, ...]] = []
    for (table,) in tables:
        rows = raw(url, f'SELECT count(*), max(xmin::text) FROM "{table}"')
        result.append((table, *rows[0]))
    return result


def test_open_creates_the_schema_and_writes_the_version(pg_url: str) -> None:
    db = open_database(pg_url)
    assert isinstance(db, pw.PostgresqlDatabase)
    tables = set(db.get_tables())
    assert {model._meta.table_name for model in ALL_MODELS} | {META_TABLE} == tables
    assert raw(pg_url, f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]
    assert not schema.has_search_index(db)


def test_second_open_changes_nothing(pg_url: str) -> None:
    open_database(pg_url)
    Customer.create(name="Sari Wulandari")
    close_database()
    before = snapshot(pg_url)

    db = open_database(pg_url)
    assert schema.migrate(db) == []
    assert [c.name for c in Customer.select()] == ["Sari Wulandari"]
    close_database()
    assert snapshot(pg_url) == before


def test_newer_schema_is_refused_and_left_unchanged(pg_url: str) -> None:
    open_database(pg_url)
    Customer.create(name="Budi")
    close_database()
    raw(pg_url, f"UPDATE {META_TABLE} SET value = '99' WHERE key = 'schema_version'")
    before = snapshot(pg_url)

    with pytest.raises(NewerSchemaError, match="skema 99"):
        open_database(pg_url)
    # Connecting without migrating (as a read-only tool would) refuses it as well.
    with pytest.raises(NewerSchemaError):
        dbmod.connect(pg_url)
    assert snapshot(pg_url) == before


def test_another_apps_database_is_refused_and_left_unchanged(pg_url: str) -> None:
    raw(pg_url, "CREATE TABLE faktur (id serial PRIMARY KEY, nomor text)")
    raw(pg_url, "INSERT INTO faktur (nomor) VALUES ('INV-001')")
    before = snapshot(pg_url)

    with pytest.raises(DatabaseOpenError, match="tabel lain") as caught:
        open_database(pg_url)
    assert not isinstance(caught.value, NewerSchemaError)
    assert "csdesk_test" in str(caught.value)
    assert snapshot(pg_url) == before


NEXT = schema.SCHEMA_VERSION + 1


def _with_next_migration(
    monkeypatch: pytest.MonkeyPatch, apply: Callable[[pw.Database], None]
) -> None:
    """Pretend a newer build adds one more migration after this build's last."""
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, (NEXT, apply)])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)


def test_a_migration_runs_without_a_file_backup(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, data_dir: object
) -> None:
    open_database(pg_url)
    Customer.create(name="Budi")
    close_database()

    def add_column(db: pw.Database) -> None:
        db.execute_sql("ALTER TABLE customer ADD COLUMN birthday date")

    _with_next_migration(monkeypatch, add_column)
    db = open_database(pg_url)
    assert schema.read_version(db) == NEXT
    assert "birthday" in {column.name for column in db.get_columns("customer")}
    assert [c.name for c in Customer.select()] == ["Budi"]


def test_a_failed_migration_leaves_the_old_schema(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_database(pg_url)
    Customer.create(name="Budi")
    close_database()
    before = snapshot(pg_url)

    def half_done(db: pw.Database) -> None:
        db.execute_sql("CREATE TABLE v2_note (body text)")
        db.execute_sql("ALTER TABLE customer ADD COLUMN nope nonexistent_type")

    _with_next_migration(monkeypatch, half_done)
    with pytest.raises(DatabaseOpenError, match="tidak diubah"):
        open_database(pg_url)
    # PostgreSQL DDL is transactional: the table made before the failure is gone too.
    assert snapshot(pg_url) == before


def test_backup_points_to_pg_dump(pg_url: str) -> None:
    db = open_database(pg_url)
    with pytest.raises(BackupError, match="pg_dump"):
        backup_database(db)


def test_check_passes_on_a_sound_database(pg_url: str) -> None:
    db = open_database(pg_url)
    Customer.create(name="Budi")
    assert check_database(db) == []


def test_check_reports_a_missing_table(pg_url: str) -> None:
    db = open_database(pg_url)
    db.execute_sql("DROP TABLE faq_entry")
    problems = check_database(db)
    assert len(problems) == 1
    assert "faq_entry" in problems[0]


def test_a_version_3_database_gains_the_later_columns(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Columns added by later versions (follow-up done_by; the complaint desk's) arrive on a
    PostgreSQL database made by version 3, with their defaults filled in for existing rows."""
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    open_database(pg_url)
    close_database()
    for table, column in (
        ("follow_up", "done_by"),
        ("complaint", "replacement_order_id"),
        ("complaint", "due_overridden"),
        ("complaint", "checklist_done"),
        ("complaint_evidence", "size"),
    ):
        raw(pg_url, f"ALTER TABLE {table} DROP COLUMN {column}")
    raw(
        pg_url,
        "INSERT INTO complaint (code, category, priority, status, channel, description,"
        " resolution, refund_amount, cost, version, created_at, updated_at) VALUES"
        " ('KL-2026-0001', 'late', 'normal', 'new', '', 'telat', '', 0, 0, 1, now(), now())",
    )
    monkeypatch.undo()

    open_database(pg_url)

    assert raw(pg_url, "SELECT code, due_overridden, checklist_done FROM complaint") == [
        ("KL-2026-0001", False, "[]")
    ]
    assert raw(pg_url, f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)
    ]
