"""Opening the shop's database for the GUI, the CLI and the tests: one way in.

`open_database` chooses the database (`--db`, else `CSDESK_DB`, else the per-user file),
refuses what is not a csdesk database before touching it, and brings the schema up to date
after an automatic backup of the existing file.
"""

from __future__ import annotations

import peewee as pw

from csdesk.errors import DatabaseOpenError
from csdesk.models import schema
from csdesk.models.base import database_proxy
from csdesk.models.db import connect, describe, resolve_target
from csdesk.paths import default_db_path
from csdesk.services.backup import backup_database


def open_database(target: str | None = None, *, migrate: bool = True) -> pw.Database:
    """Open (and, with `migrate`, update) the database and bind every model to it."""
    resolved = resolve_target(target)
    default = default_db_path()
    if resolved == str(default):
        try:
            default.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseOpenError(
                f"Folder data csdesk tidak bisa dibuat: {default.parent} ({exc})"
            ) from exc
    db = connect(resolved)
    if migrate:
        try:
            _migrate(db, resolved)
        except BaseException:
            db.close()
            raise
    return db


def _migrate(db: pw.Database, target: str) -> None:
    def backup_first(current_version: int) -> None:
        # A PostgreSQL server is backed up by its own tools (pg_dump); its migration still
        # runs in one transaction, so a failure leaves the old schema.
        if isinstance(db, pw.SqliteDatabase):
            backup_database(db, reason=f"pre-migrate-v{current_version}")

    try:
        schema.migrate(db, before=backup_first)
    except pw.DatabaseError as exc:
        raise DatabaseOpenError(
            f"Pembaruan skema database {describe(target)} gagal; database tidak diubah: {exc}"
        ) from exc


def close_database() -> None:
    """Close the database the models are bound to (before a restore, at exit)."""
    db = database_proxy.obj
    if db is not None and not db.is_closed():
        db.close()
