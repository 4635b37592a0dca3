"""Opening the database: SQLite by default, PostgreSQL by URL, checked before it is used.

`resolve_target` decides which database (`--db`, else `CSDESK_DB`, else the per-user file);
`connect` opens it, refuses what is not a csdesk database, and binds every model to it.
Migrations are a separate step (`schema.migrate`), so the caller can back up first.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlsplit

import peewee as pw

from csdesk.errors import DatabaseOpenError
from csdesk.models.base import database_proxy, run_sql
from csdesk.models.schema import META_TABLE, check_not_newer, read_version
from csdesk.paths import default_db_path

SQLITE_MAGIC = b"SQLite format 3\x00"
# PRAGMA application_id marks a SQLite file as csdesk's ("csds").
APPLICATION_ID = 0x63736473
SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": 1,  # NORMAL; imports switch to FULL for their transaction
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -32000,
}


def resolve_target(db_arg: str | None) -> str:
    """`--db`, else `CSDESK_DB`, else the per-user default file."""
    return db_arg or os.environ.get("CSDESK_DB") or str(default_db_path())


def is_url(target: str) -> bool:
    return target.startswith(("postgresql://", "postgres://", "sqlite://"))


def describe(target: str) -> str:
    """The target for messages, without a password."""
    if is_url(target) and "@" in target:
        scheme, rest = target.split("://", 1)
        return f"{scheme}://…@{rest.split('@', 1)[1]}"
    return target


def _server_error(exc: Exception, url: str) -> str:
    """A driver error as one line without the URL's password: libpq's messages span lines
    ("… Connection refused\n\tIs the server running …"), and the CLI prints one line."""
    text = " ".join(str(exc).split())
    password = urlsplit(url).password
    for secret in {password, unquote(password)} if password else ():
        text = text.replace(secret, "…")
    return text


def _check_sqlite_file(path: Path) -> None:
    folder = path.parent
    if not folder.is_dir():
        raise DatabaseOpenError(f"Folder database tidak ada: {folder}")
    if path.is_dir():
        raise DatabaseOpenError(f"{path} adalah folder, bukan file database")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise DatabaseOpenError(f"File database tidak bisa dibaca: {path}")
        size = path.stat().st_size
        if size:
            with path.open("rb") as fh:
                head = fh.read(len(SQLITE_MAGIC))
            if head != SQLITE_MAGIC:
                raise DatabaseOpenError(f"{path} bukan database csdesk (bukan file SQLite)")
        if not os.access(path, os.W_OK):
            raise DatabaseOpenError(f"File database hanya-baca, tidak bisa diubah: {path}")
    # SQLite in WAL mode writes its -wal/-shm files beside the database, new or not.
    if not os.access(folder, os.W_OK):
        raise DatabaseOpenError(
            f"Folder database hanya-baca, database tidak bisa dipakai: {folder}"
        )


def readonly_connection(path: Path) -> sqlite3.Connection:
    """A read-only sqlite3 connection that never writes to `path` or beside it.

    Without a -wal file everything is in the main file, and `immutable` reads it without
    leaving -wal/-shm files behind; with one, a plain read-only open sees its pages too.
    """
    wal = path.with_name(path.name + "-wal")
    uri = path.resolve().as_uri() + ("?mode=ro" if wal.exists() else "?mode=ro&immutable=1")
    return sqlite3.connect(uri, uri=True)


def read_file_info(con: sqlite3.Connection) -> tuple[set[str], int, int]:
    """(table names, application_id, csdesk schema version or 0) of an open SQLite file."""
    tables = {row[0] for row in con.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    app_id = int(con.execute("PRAGMA application_id").fetchone()[0])
    version = 0
    if META_TABLE in tables:
        row = con.execute(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row else 0
    return tables, app_id, version


def is_foreign(tables: set[str], app_id: int) -> bool:
    """True for a SQLite file that belongs to another application."""
    return bool(tables and META_TABLE not in tables) or app_id not in (0, APPLICATION_ID)


def _probe_sqlite(path: Path) -> None:
    """Look at an existing file read-only first: the connection pragmas (WAL) write to the
    file, and a refused file (another app's database, a newer schema) must stay untouched."""
    try:
        con = readonly_connection(path)
        try:
            tables, app_id, version = read_file_info(con)
        finally:
            con.close()
    except (sqlite3.DatabaseError, ValueError) as exc:
        raise DatabaseOpenError(f"{path} tidak bisa dibuka sebagai database: {exc}") from exc
    if is_foreign(tables, app_id):
        raise DatabaseOpenError(
            f"{path} adalah database SQLite milik aplikasi lain, bukan database csdesk"
        )
    check_not_newer(version)


def _open_sqlite(path: Path) -> pw.SqliteDatabase:
    _check_sqlite_file(path)
    if path.exists() and path.stat().st_size:
        _probe_sqlite(path)
    db = pw.SqliteDatabase(str(path), pragmas=list(SQLITE_PRAGMAS.items()))
    try:
        db.connect()
        tables = db.get_tables()
        app_id = run_sql(db, "PRAGMA application_id").fetchone()[0]
    except (pw.DatabaseError, sqlite3.DatabaseError) as exc:
        db.close()
        raise DatabaseOpenError(f"{path} tidak bisa dibuka sebagai database: {exc}") from exc
    if not tables and app_id == 0:
        run_sql(db, f"PRAGMA application_id = {APPLICATION_ID}")
    return db


def _open_url(url: str) -> pw.Database:
    from playhouse.db_url import connect as url_connect

    db: pw.Database | None = None
    try:
        db = url_connect(url)
        db.connect()
        tables = db.get_tables()
        # As for a SQLite file: a newer csdesk's database is refused before anything runs.
        version = read_version(db) if META_TABLE in tables else 0
    except Exception as exc:  # driver errors vary: psycopg2, psycopg, missing driver
        if db is not None:
            db.close()
        raise DatabaseOpenError(
            f"Database {describe(url)} tidak bisa dibuka: {_server_error(exc, url)}"
        ) from exc
    try:
        if tables and META_TABLE not in tables:
            raise DatabaseOpenError(f"{describe(url)} berisi tabel lain, bukan database csdesk")
        check_not_newer(version)
    except DatabaseOpenError:
        db.close()
        raise
    return db


def connect(target: str) -> pw.Database:
    """Open the database at `target` (path or URL) and bind the models to it."""
    db = _open_url(target) if is_url(target) else _open_sqlite(Path(target).expanduser())
    database_proxy.initialize(db)
    return db


def sqlite_path(db: pw.Database) -> Path | None:
    if isinstance(db, pw.SqliteDatabase):
        return Path(db.database)
    return None
