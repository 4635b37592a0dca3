"""Opening the database: the right file, created when new, refused files left untouched."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import peewee as pw
import pytest

from csdesk.errors import DatabaseOpenError, NewerSchemaError
from csdesk.models import Customer, schema
from csdesk.models import db as dbmod
from csdesk.services import database
from csdesk.services.backup import list_backups


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(autouse=True)
def _close_after() -> object:
    yield None
    database.close_database()


def test_default_database_is_created_in_the_data_folder(data_dir: Path) -> None:
    folder = data_dir / "nested" / "csdesk"
    os.environ["CSDESK_DATA_DIR"] = str(folder)
    db = database.open_database()
    assert Path(db.database) == folder / "csdesk.sqlite"
    assert schema.read_version(db) == schema.SCHEMA_VERSION
    Customer.create(name="Sari")
    assert Customer.select().count() == 1


def test_env_var_chooses_the_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "dari-env.sqlite"
    monkeypatch.setenv("CSDESK_DB", str(target))
    db = database.open_database()
    assert Path(db.database) == target
    assert target.exists()


def test_db_argument_wins_over_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CSDESK_DB", str(tmp_path / "env.sqlite"))
    db = database.open_database(str(tmp_path / "arg.sqlite"))
    assert Path(db.database) == tmp_path / "arg.sqlite"
    assert not (tmp_path / "env.sqlite").exists()


def test_reopening_keeps_data_and_takes_no_backup(db_path: Path) -> None:
    database.open_database(str(db_path))
    Customer.create(name="Budi")
    database.close_database()
    database.open_database(str(db_path))
    assert [c.name for c in Customer.select()] == ["Budi"]
    assert list_backups(db_path) == []


CURRENT = schema.SCHEMA_VERSION
NEXT = CURRENT + 1


def _with_next_migration(
    monkeypatch: pytest.MonkeyPatch, apply: Callable[[pw.Database], None]
) -> None:
    """Pretend a newer build adds one more migration after this build's last."""
    monkeypatch.setattr(schema, "MIGRATIONS", [*schema.MIGRATIONS, (NEXT, apply)])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", NEXT)


def test_an_older_schema_is_backed_up_before_migrating(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database.open_database(str(db_path))
    Customer.create(name="Budi")
    database.close_database()
    _with_next_migration(monkeypatch, lambda db: db.execute_sql("CREATE TABLE v2_note (body TEXT)"))

    db = database.open_database(str(db_path))

    assert schema.read_version(db) == NEXT
    assert "v2_note" in db.get_tables()
    backups = list_backups(db_path)
    assert [b.reason for b in backups] == [f"pre-migrate-v{CURRENT}"]
    con = sqlite3.connect(backups[0].path)
    assert con.execute("SELECT name FROM customer").fetchall() == [("Budi",)]
    assert con.execute(f"SELECT value FROM {schema.META_TABLE}").fetchall() == [(str(CURRENT),)]
    con.close()


def test_a_failing_migration_leaves_the_old_schema(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database.open_database(str(db_path))
    Customer.create(name="Budi")
    database.close_database()
    shipped = (schema.MIGRATIONS, schema.SCHEMA_VERSION)

    def broken(db: pw.Database) -> None:
        db.execute_sql("CREATE TABLE v2_note (body TEXT)")
        db.execute_sql("ALTER TABLE tidak_ada ADD COLUMN x TEXT")

    _with_next_migration(monkeypatch, broken)
    with pytest.raises(DatabaseOpenError, match="Pembaruan skema"):
        database.open_database(str(db_path))

    monkeypatch.setattr(schema, "MIGRATIONS", shipped[0])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", shipped[1])
    db = database.open_database(str(db_path))
    assert schema.read_version(db) == CURRENT
    assert "v2_note" not in db.get_tables()
    assert [c.name for c in Customer.select()] == ["Budi"]


def test_missing_folder_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "tidak-ada" / "toko.sqlite"
    with pytest.raises(DatabaseOpenError, match="Folder database tidak ada"):
        database.open_database(str(target))
    assert not target.parent.exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(DatabaseOpenError, match="hanya-baca"):
            database.open_database(str(folder / "toko.sqlite"))
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o755)


def test_a_text_file_is_refused_untouched(tmp_path: Path) -> None:
    (tmp_path / "toko").mkdir()
    target = tmp_path / "toko" / "catatan.sqlite"
    target.write_text("Daftar belanja: gamis, hijab\n")
    before = digest(target)
    with pytest.raises(DatabaseOpenError, match="bukan file SQLite"):
        database.open_database(str(target))
    assert digest(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["catatan.sqlite"]


def test_another_apps_sqlite_file_is_refused_untouched(tmp_path: Path) -> None:
    (tmp_path / "toko").mkdir()
    target = tmp_path / "toko" / "kasir.sqlite"
    con = sqlite3.connect(target)
    con.execute("CREATE TABLE sales (id INTEGER PRIMARY KEY, amount INTEGER)")
    con.execute("INSERT INTO sales (amount) VALUES (150000)")
    con.commit()
    con.close()
    before = digest(target)
    with pytest.raises(DatabaseOpenError, match="aplikasi lain"):
        database.open_database(str(target))
    assert digest(target) == before
    assert sorted(p.name for p in target.parent.iterdir()) == ["kasir.sqlite"]


def test_a_newer_schema_is_refused_untouched(db_path: Path) -> None:
    db = database.open_database(str(db_path))
    db.execute_sql(f"UPDATE {schema.META_TABLE} SET value = '99'")
    database.close_database()
    before = digest(db_path)
    with pytest.raises(NewerSchemaError, match="versi yang lebih baru"):
        database.open_database(str(db_path))
    assert digest(db_path) == before
    assert list_backups(db_path) == []


def test_a_corrupt_sqlite_file_is_refused_untouched(db_path: Path) -> None:
    database.open_database(str(db_path))
    Customer.insert_many([{"name": f"Pelanggan {i}"} for i in range(2000)]).execute()
    database.close_database()
    data = bytearray(db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the schema page
    db_path.write_bytes(bytes(data))
    before = digest(db_path)
    with pytest.raises(DatabaseOpenError, match="tidak bisa dibuka"):
        database.open_database(str(db_path))
    assert digest(db_path) == before


def test_open_without_migrate_leaves_a_new_file_empty(db_path: Path) -> None:
    db = database.open_database(str(db_path), migrate=False)
    assert schema.read_version(db) == 0
    assert dbmod.sqlite_path(db) == db_path


def test_a_version_1_database_gains_payments_and_item_search(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A shop's database from the first release opens in this build: backed up, migrated, and
    the orders it already had are found by product name."""
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 1)
    database.open_database(str(db_path))
    from csdesk.models import Order, OrderItem, utcnow

    order = Order.create(marketplace="manual", order_no="A1", status="to_ship", ordered_at=utcnow())
    OrderItem.create(order=order, product="Gamis Syari Aisyah", variant="Navy, L", sku="GSA-NV-L")
    database.close_database()
    monkeypatch.undo()

    db = database.open_database(str(db_path))

    assert schema.read_version(db) == schema.SCHEMA_VERSION
    assert {"payment", "customer_merge", "follow_up"} <= set(db.get_tables())
    found = db.execute_sql("SELECT rowid FROM item_search WHERE item_search MATCH '\"syari\"'")
    assert [row[0] for row in found.fetchall()] == [1]
    assert [b.reason for b in list_backups(db_path)] == ["pre-migrate-v1"]


def test_a_version_3_database_gains_who_did_a_follow_up(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 3 had follow-ups without `done_by`: the column is added, old rows kept."""
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:3])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 3)
    db = database.open_database(str(db_path))
    db.execute_sql("ALTER TABLE follow_up DROP COLUMN done_by")  # the table as v3 made it
    from csdesk.models import Customer

    Customer.create(name="Sari")
    db.execute_sql(
        "INSERT INTO follow_up (customer_id, due_at, reason, note, status, author, created_at)"
        " VALUES (1, '2026-01-02', 'review', 'minta ulasan', 'open', 'Rina', '2026-01-01')"
    )
    database.close_database()
    monkeypatch.undo()

    db = database.open_database(str(db_path))

    assert schema.read_version(db) == schema.SCHEMA_VERSION
    from csdesk.models import FollowUp

    kept = FollowUp.get()
    assert (kept.note, kept.author, kept.done_by) == ("minta ulasan", "Rina", "")


def test_a_version_4_database_gains_the_complaint_desk_columns(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Version 4's complaints keep their data and gain items, a replacement order, a manual
    due date flag, the checklist and the evidence's name/size/author, all with defaults."""
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:4])
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 4)
    db = database.open_database(str(db_path))
    # The tables as v4 had them. SQLite cannot drop a foreign-key column: rebuild the table
    # from its own CREATE statement without the v5 columns.
    (create,) = db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'complaint'"
    ).fetchone()
    for v5 in (
        ', "replacement_order_id" INTEGER',
        ', "due_overridden" INTEGER NOT NULL',
        ', "checklist_done" TEXT NOT NULL',
        ', FOREIGN KEY ("replacement_order_id") REFERENCES "orders" ("id") ON DELETE SET NULL',
    ):
        assert v5 in create
        create = create.replace(v5, "")
    db.execute_sql("PRAGMA foreign_keys = OFF")
    db.execute_sql("DROP TABLE complaint")
    db.execute_sql(create)
    db.execute_sql("PRAGMA foreign_keys = ON")
    for column in ("original_name", "size", "author"):
        db.execute_sql(f"ALTER TABLE complaint_evidence DROP COLUMN {column}")
    db.execute_sql(
        "INSERT INTO complaint (code, category, priority, status, channel, description,"
        " resolution, refund_amount, cost, version, created_at, updated_at) VALUES"
        " ('KL-2026-0001', 'damaged', 'normal', 'new', 'whatsapp', 'pecah', '', 0, 0, 1,"
        " '2026-01-01', '2026-01-01')"
    )
    db.execute_sql(
        "INSERT INTO complaint_evidence (complaint_id, path, kind, added_at)"
        " VALUES (1, 'complaints/1.jpg', 'photo', '2026-01-01')"
    )
    database.close_database()
    monkeypatch.undo()

    db = database.open_database(str(db_path))

    assert schema.read_version(db) == schema.SCHEMA_VERSION
    from csdesk.models import Complaint, ComplaintEvidence, ComplaintItem, Order, utcnow

    complaint = Complaint.get()
    assert (complaint.code, complaint.description) == ("KL-2026-0001", "pecah")
    assert (complaint.replacement_order, complaint.due_overridden) == (None, False)
    assert complaint.checklist_done == "[]"
    evidence = ComplaintEvidence.get()
    assert (evidence.path, evidence.original_name, evidence.size) == ("complaints/1.jpg", "", 0)
    ComplaintItem.create(complaint=complaint, product="Gamis", sku="G-1")
    order = Order.create(
        marketplace="manual", order_no="WA-1", status="to_ship", ordered_at=utcnow()
    )
    complaint.replacement_order = order
    complaint.save()
    order.delete_instance()
    assert Complaint.get().replacement_order is None  # the foreign key lets go of a deleted order
