"""Backups, restore and the integrity check, on real SQLite files."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import peewee as pw
import pytest

from csdesk.errors import BackupError
from csdesk.models import Customer, Order, schema
from csdesk.models.base import utcnow
from csdesk.services import backup, database


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def names(path: Path) -> list[str]:
    con = sqlite3.connect(path)
    try:
        return [row[0] for row in con.execute("SELECT name FROM customer ORDER BY name")]
    finally:
        con.close()


@pytest.fixture
def shop(db_path: Path) -> Iterator[pw.Database]:
    """A database with two customers and an order, open as the app opens it."""
    db = database.open_database(str(db_path))
    Customer.create(name="Ayu")
    budi = Customer.create(name="Budi")
    Order.create(
        marketplace="shopee",
        order_no="250301ABCD",
        customer=budi,
        status="completed",
        ordered_at=utcnow(),
        tracking_no="SPXID0123456789",
        total=125_000,
    )
    yield db
    database.close_database()


def test_backup_goes_to_the_backups_folder_and_holds_the_data(
    shop: pw.Database, db_path: Path
) -> None:
    path = backup.backup_database(shop)
    assert path.parent == db_path.parent / "backups"
    assert path.name.startswith("shop-") and path.name.endswith("-manual.sqlite")
    assert names(path) == ["Ayu", "Budi"]
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    con.close()
    [info] = backup.list_backups(db_path)
    assert (info.path, info.reason, info.size) == (path, "manual", path.stat().st_size)
    assert abs((utcnow() - info.created).total_seconds()) < 5


def test_backup_sees_uncheckpointed_writes(shop: pw.Database) -> None:
    # The app runs in WAL mode: fresh writes live in the -wal file until a checkpoint.
    Customer.create(name="Citra")
    assert names(backup.backup_database(shop)) == ["Ayu", "Budi", "Citra"]


def test_backup_to_a_chosen_file_or_folder(shop: pw.Database, tmp_path: Path) -> None:
    file_dest = tmp_path / "flashdisk" / "cadangan-toko.sqlite"
    file_dest.parent.mkdir()
    assert backup.backup_database(shop, file_dest) == file_dest
    assert names(file_dest) == ["Ayu", "Budi"]

    folder = tmp_path / "arsip"
    folder.mkdir()
    in_folder = backup.backup_database(shop, folder)
    assert in_folder.parent == folder and names(in_folder) == ["Ayu", "Budi"]
    assert [p.name for p in folder.iterdir()] == [in_folder.name]


def test_backup_into_a_missing_folder_is_a_clear_error(shop: pw.Database, tmp_path: Path) -> None:
    with pytest.raises(BackupError, match="Folder tujuan cadangan tidak ada"):
        backup.backup_database(shop, tmp_path / "tidak-ada" / "x.sqlite")


def test_automatic_backups_are_rotated_manual_ones_kept(shop: pw.Database, db_path: Path) -> None:
    manual = [backup.backup_database(shop) for _ in range(2)]
    automatic = [backup.backup_database(shop, reason="pre-import") for _ in range(12)]
    kept = backup.list_backups(db_path)
    assert [b.path for b in kept if b.automatic] == automatic[::-1][:10]
    assert sorted(b.path for b in kept if not b.automatic) == sorted(manual)
    assert all(p.exists() for p in manual)
    assert not automatic[0].exists() and not automatic[1].exists()


def test_backup_onto_the_database_itself_is_refused(shop: pw.Database, db_path: Path) -> None:
    before = names(db_path)
    with pytest.raises(BackupError, match="database itu sendiri"):
        backup.backup_database(shop, db_path)
    assert names(db_path) == before


def test_postgresql_is_pointed_to_pg_dump() -> None:
    server = pw.PostgresqlDatabase("toko", host="db.example")
    with pytest.raises(BackupError, match="pg_dump"):
        backup.backup_database(server)


def test_a_healthy_database_has_no_problems(shop: pw.Database) -> None:
    assert backup.check_database(shop) == []


def test_check_reports_a_broken_reference(shop: pw.Database, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    con.execute("PRAGMA foreign_keys = OFF")
    con.execute(
        "INSERT INTO order_item (order_id, sku, product, variant, quantity, unit_price, subtotal)"
        " VALUES (9999, 'GMS-01', 'Gamis', '', 1, 1000, 1000)"
    )
    con.commit()
    con.close()
    problems = backup.check_database(shop)
    assert problems == ["Tabel order_item baris 1 merujuk data orders yang tidak ada"]


def test_check_reports_a_search_index_out_of_step(shop: pw.Database, db_path: Path) -> None:
    con = sqlite3.connect(db_path)
    # Change the indexed text behind the index's back, as a crash of a buggy writer might.
    con.execute("UPDATE order_search_content SET c1 = 'JNT999' WHERE id = 1")
    con.commit()
    con.close()
    problems = backup.check_database(shop)
    assert len(problems) == 1 and "order_search" in problems[0]


def test_restore_brings_back_the_backup_and_keeps_the_replaced_data(
    shop: pw.Database, db_path: Path
) -> None:
    saved = backup.backup_database(shop)
    Customer.create(name="Dewi")
    database.close_database()

    previous = backup.restore_database(db_path, saved)

    assert names(db_path) == ["Ayu", "Budi"]
    assert previous is not None and names(previous) == ["Ayu", "Budi", "Dewi"]
    assert [b.reason for b in backup.list_backups(db_path)] == ["pre-restore", "manual"]
    for suffix in ("-wal", "-shm"):
        assert not db_path.with_name(db_path.name + suffix).exists()
    database.open_database(str(db_path))
    assert Order.get().tracking_no == "SPXID0123456789"
    assert backup.check_database(database.open_database(str(db_path))) == []


def test_a_damaged_database_is_restored_and_its_bytes_kept(
    shop: pw.Database, db_path: Path, tmp_path: Path
) -> None:
    Customer.insert_many([{"name": f"Pelanggan {i:05d}"} for i in range(3000)]).execute()
    saved = backup.backup_database(shop, tmp_path / "kemarin.sqlite")
    database.close_database()
    _flipped(db_path, db_path)
    assert backup.check_database(db_path) != []
    damaged = digest(db_path)

    previous = backup.restore_database(db_path, saved)

    assert previous is not None and digest(previous) == damaged
    assert backup.check_database(db_path) == []
    assert len(names(db_path)) == 3002


def test_restore_into_a_new_place_needs_no_safety_copy(shop: pw.Database, tmp_path: Path) -> None:
    saved = backup.backup_database(shop)
    fresh = tmp_path / "laptop-baru.sqlite"
    assert backup.restore_database(fresh, saved) is None
    assert names(fresh) == ["Ayu", "Budi"]


def _truncated(good: Path, bad: Path) -> None:
    data = good.read_bytes()
    bad.write_bytes(data[: len(data) // 2])


def _flipped(good: Path, bad: Path) -> None:
    data = bytearray(good.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle : middle + 512] = bytes(b ^ 0xFF for b in data[middle : middle + 512])
    bad.write_bytes(bytes(data))


def _text(good: Path, bad: Path) -> None:
    bad.write_text("ini bukan cadangan\n")


def _foreign(good: Path, bad: Path) -> None:
    con = sqlite3.connect(bad)
    con.execute("CREATE TABLE sales (amount INTEGER)")
    con.commit()
    con.close()


def _newer(good: Path, bad: Path) -> None:
    bad.write_bytes(good.read_bytes())
    con = sqlite3.connect(bad)
    con.execute(f"UPDATE {schema.META_TABLE} SET value = '99'")
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (_truncated, "rusak"),
        (_flipped, "rusak"),
        (_text, "bukan file database SQLite"),
        (_foreign, "bukan cadangan database csdesk"),
        (_newer, "lebih baru"),
    ],
)
def test_a_bad_backup_is_refused_and_the_database_is_untouched(
    shop: pw.Database,
    db_path: Path,
    tmp_path: Path,
    spoil: object,
    message: str,
) -> None:
    # Enough rows for several pages, so damage in the middle hits real data.
    Customer.insert_many([{"name": f"Pelanggan {i:05d}"} for i in range(3000)]).execute()
    good = backup.backup_database(shop, tmp_path / "good.sqlite")
    database.close_database()
    bad = tmp_path / "dari-teman.sqlite"
    spoil(good, bad)  # type: ignore[operator]
    before = digest(db_path)
    backups_before = backup.list_backups(db_path)

    with pytest.raises(BackupError, match=message) as refused:
        backup.restore_database(db_path, bad)

    assert "dari-teman.sqlite" in str(refused.value)
    assert digest(db_path) == before
    assert backup.list_backups(db_path) == backups_before


def test_restore_refuses_while_another_window_has_the_database_open(
    shop: pw.Database, db_path: Path
) -> None:
    saved = backup.backup_database(shop)
    Customer.create(name="Eko")
    with pytest.raises(BackupError, match="sedang dipakai"):
        backup.restore_database(db_path, saved)
    assert [c.name for c in Customer.select().order_by(Customer.name)] == ["Ayu", "Budi", "Eko"]
