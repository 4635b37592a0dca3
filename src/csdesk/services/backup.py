"""Backups of the SQLite database: online copy, verified restore, integrity check.

Copies go through SQLite's online backup API, so a backup taken while the app is open is a
consistent snapshot (WAL included). Every copy is written to a temporary file beside its
destination, checked, flushed to disk and only then renamed into place: a crash or a full disk
never leaves a half-written backup, and a restore never leaves a half-replaced database.

Backup files are named `<stem>-YYYYmmdd-HHMMSS-<reason>.sqlite` with the time in UTC.
Automatic backups (any reason but `manual`) are rotated; manual ones are the user's to delete.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from csdesk.errors import BackupError
from csdesk.models.base import utcnow
from csdesk.models.db import SQLITE_MAGIC, is_foreign, read_file_info, readonly_connection
from csdesk.models.schema import SCHEMA_VERSION
from csdesk.paths import backups_dir_for
from csdesk.services.pg import check_server

MANUAL = "manual"
KEEP_AUTOMATIC = 10
SUFFIX = ".sqlite"
_STAMP = "%Y%m%d-%H%M%S"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9-]+)\.sqlite$")
_SEARCH_TABLES = ("order_search", "item_search", "customer_search", "message_search")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    created: dt.datetime  # naive UTC, from the file name
    reason: str
    size: int  # bytes

    @property
    def automatic(self) -> bool:
        return self.reason != MANUAL


def _sqlite_file(db: pw.Database | Path) -> Path:
    if isinstance(db, Path):
        return db
    if isinstance(db, pw.SqliteDatabase):
        return Path(db.database)
    raise BackupError(
        "Cadangan dan pemeriksaan bawaan hanya untuk database SQLite; "
        "untuk PostgreSQL pakai pg_dump / pg_restore di server"
    )


def _fsync_file(path: Path) -> None:
    # Opened for writing: Windows refuses to flush a read-only handle.
    with path.open("ab") as fh:
        os.fsync(fh.fileno())


def _fsync_folder(folder: Path) -> None:
    # A rename is durable only once its folder is flushed; Windows cannot open folders.
    if os.name == "posix":
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _remove_quietly(path: Path) -> None:
    for candidate in (path, *_sidecars(path)):
        candidate.unlink(missing_ok=True)


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal")]


def _copy(source: sqlite3.Connection, target: Path) -> None:
    """Copy `source` into `target` as one self-contained file (rollback journal, no -wal)."""
    dest = sqlite3.connect(target)
    try:
        source.backup(dest)
        dest.execute("PRAGMA journal_mode=DELETE")
    finally:
        dest.close()


def _integrity_problems(con: sqlite3.Connection) -> list[str]:
    rows = [str(row[0]) for row in con.execute("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def _unique_name(folder: Path, stem: str, reason: str) -> Path:
    # Names must sort in the order the backups were made, or rotation would delete the newest.
    # Several backups within one second (an import right after a migration) therefore take
    # the second after the newest existing one rather than reusing a freed name.
    when = utcnow().replace(microsecond=0)
    stamps = [info.created for info in _scan(folder, stem)]
    if stamps and max(stamps) >= when:
        when = max(stamps) + dt.timedelta(seconds=1)
    return folder / f"{stem}-{when.strftime(_STAMP)}-{reason}{SUFFIX}"


def _clean_reason(reason: str) -> str:
    cleaned = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-")
    return cleaned or MANUAL


def backup_database(db: pw.Database | Path, dest: Path | None = None, reason: str = MANUAL) -> Path:
    """Copy the live database to `dest` (a file, or a folder to put it in; default: the
    `backups` folder beside the database), verify the copy, rotate automatic backups."""
    source_path = _sqlite_file(db)
    if not source_path.is_file():
        raise BackupError(f"Database tidak ditemukan: {source_path}")
    reason = _clean_reason(reason)
    default_folder = backups_dir_for(source_path)
    if dest is None or dest.is_dir():
        folder = dest or default_folder
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupError(f"Folder cadangan tidak bisa dibuat: {folder} ({exc})") from exc
        target = _unique_name(folder, source_path.stem, reason)
    else:
        target = dest
        if target.exists() and target.samefile(source_path):
            raise BackupError(f"Tujuan cadangan adalah database itu sendiri: {target}")
        if not target.parent.is_dir():
            raise BackupError(f"Folder tujuan cadangan tidak ada: {target.parent}")
    temp = target.with_name(target.name + ".tmp")
    try:
        source = sqlite3.connect(source_path)
        try:
            _copy(source, temp)
        finally:
            source.close()
        check = sqlite3.connect(temp)
        try:
            problems = _integrity_problems(check)
        finally:
            check.close()
        if problems:
            raise BackupError(f"Salinan cadangan {target} tidak lolos pemeriksaan: {problems[0]}")
        _fsync_file(temp)
        os.replace(temp, target)
        _fsync_folder(target.parent)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Cadangan ke {target} gagal: {exc}") from exc
    finally:
        _remove_quietly(temp)
    if reason != MANUAL and target.parent == default_folder:
        _rotate(source_path)
    return target


def _scan(folder: Path, stem: str) -> list[BackupInfo]:
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"*{SUFFIX}"):
        match = _NAME.match(path.name)
        if match and match["stem"] == stem:
            created = dt.datetime.strptime(match["stamp"], _STAMP)
            found.append(BackupInfo(path, created, match["reason"], path.stat().st_size))
    return found


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Backups of the database at `db_path` in its backups folder, newest first."""
    found = _scan(backups_dir_for(db_path), db_path.stem)
    return sorted(found, key=lambda info: info.created, reverse=True)


def _rotate(db_path: Path) -> None:
    automatic = [info for info in list_backups(db_path) if info.automatic]
    for info in automatic[KEEP_AUTOMATIC:]:
        info.path.unlink(missing_ok=True)


def check_database(db: pw.Database | Path) -> list[str]:
    """Problems found by SQLite's integrity and foreign-key checks and the search indexes'
    own checks (on PostgreSQL: `pg.check_server`), as sentences for the user; an empty list
    means the database is healthy."""
    if isinstance(db, pw.Database) and not isinstance(db, pw.SqliteDatabase):
        return check_server(db)
    path = _sqlite_file(db)
    con = sqlite3.connect(path)
    problems: list[str] = []
    try:
        problems += _integrity_problems(con)
        for table, rowid, parent, _ in con.execute("PRAGMA foreign_key_check"):
            problems.append(f"Tabel {table} baris {rowid} merujuk data {parent} yang tidak ada")
        tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master")}
        for table in _SEARCH_TABLES:
            if table not in tables:
                continue
            try:
                con.execute(f"INSERT INTO {table}({table}) VALUES('integrity-check')")
            except sqlite3.DatabaseError as exc:
                problems.append(f"Indeks pencarian {table} tidak cocok dengan datanya: {exc}")
        con.rollback()
    except sqlite3.DatabaseError as exc:
        problems.append(f"Database tidak bisa diperiksa: {exc}")
    finally:
        con.close()
    return problems


def verify_backup_file(source: Path) -> None:
    """Raise BackupError naming `source` and what failed unless it is a sound csdesk
    database this build can open. Reads only; never writes beside `source`."""
    if not source.is_file():
        raise BackupError(f"File cadangan tidak ditemukan: {source}")
    with source.open("rb") as fh:
        if fh.read(len(SQLITE_MAGIC)) != SQLITE_MAGIC:
            raise BackupError(f"{source} bukan file database SQLite")
    try:
        con = readonly_connection(source)
        try:
            problems = _integrity_problems(con)
            tables, app_id, version = read_file_info(con)
        finally:
            con.close()
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise BackupError(f"{source} rusak, tidak bisa dibaca sebagai database: {exc}") from exc
    if problems:
        raise BackupError(f"{source} rusak: pemeriksaan integritas gagal ({problems[0]})")
    if is_foreign(tables, app_id) or version == 0:
        raise BackupError(f"{source} bukan cadangan database csdesk")
    if version > SCHEMA_VERSION:
        raise BackupError(
            f"{source} dibuat oleh csdesk versi yang lebih baru (skema {version}, aplikasi ini "
            f"mengenal skema {SCHEMA_VERSION}); perbarui csdesk dulu"
        )


def restore_database(db_path: Path, source: Path) -> Path | None:
    """Replace the database at `db_path` with the backup `source`, all or nothing.

    Call it with the database closed in this process. `source` is verified first; the current
    database is backed up (reason `pre-restore`) and its path returned (None when there was no
    database yet). If anything fails, the current database is left as it was.
    """
    verify_backup_file(source)
    safety = None
    if db_path.exists() and db_path.stat().st_size:
        safety = _keep_current(db_path)
    temp = db_path.with_name(f".{db_path.name}.restore.tmp")
    try:
        con = readonly_connection(source)
        try:
            _copy(con, temp)
        finally:
            con.close()
        _fsync_file(temp)
        os.replace(temp, db_path)
        _fsync_folder(db_path.parent)
    except (OSError, sqlite3.Error) as exc:
        raise BackupError(f"Pemulihan dari {source} gagal, database tidak diubah: {exc}") from exc
    finally:
        _remove_quietly(temp)
    # The old database's -wal was emptied by _leave_wal_mode; anything left is stale and
    # would be replayed onto the restored file.
    for sidecar in _sidecars(db_path):
        sidecar.unlink(missing_ok=True)
    return safety


def _keep_current(db_path: Path) -> Path:
    """Save the database about to be replaced. A damaged one (the usual reason to restore)
    cannot go through the backup API, so its bytes (and its -wal) are kept as they are."""
    try:
        safety = backup_database(db_path, reason="pre-restore")
    except BackupError:
        folder = backups_dir_for(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        safety = _unique_name(folder, db_path.stem, "pre-restore")
        shutil.copyfile(db_path, safety)
        wal = db_path.with_name(db_path.name + "-wal")
        if wal.exists():
            shutil.copyfile(wal, safety.with_name(safety.name + "-wal"))
    _leave_wal_mode(db_path)
    return safety


def _leave_wal_mode(db_path: Path) -> None:
    """Fold the -wal file into the database before it is replaced, so no old WAL pages can
    ever be applied to the restored file. Needs the database closed everywhere."""
    try:
        con = sqlite3.connect(db_path, timeout=1)
        try:
            mode = con.execute("PRAGMA journal_mode=DELETE").fetchone()[0]
        finally:
            con.close()
    except sqlite3.OperationalError as exc:  # locked or busy: another connection has it
        mode = str(exc)
    except sqlite3.DatabaseError:
        # Too damaged to open: its -wal is in the safety copy; drop it here.
        for sidecar in _sidecars(db_path):
            sidecar.unlink(missing_ok=True)
        return
    if mode != "delete":
        raise BackupError(
            f"Database {db_path} sedang dipakai; tutup csdesk di jendela lain lalu ulangi ({mode})"
        )
