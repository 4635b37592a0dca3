"""The database proxy every model binds to, and the shared base model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import peewee as pw

database_proxy = pw.DatabaseProxy()


def run_sql(db: pw.Database, sql: str, params: Sequence[object] = ()) -> Any:
    """`db.execute_sql` for typed code: peewee's stubs leave it untyped, strict mypy refuses it."""
    return db.execute_sql(sql, params)  # type: ignore[no-untyped-call]


def fk_id(record: pw.Model, name: str) -> int | None:
    """The id a foreign key column holds, without loading the record it points at."""
    value = record.__data__.get(name)
    return None if value is None else int(value)


def utcnow() -> dt.datetime:
    """Naive UTC 'now': every stored time is UTC; the shop's zone is applied when shown."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


class BaseModel(pw.Model):
    # Declared (peewee adds the same column implicitly) so type checkers know `Model.id`.
    id = pw.AutoField()

    class Meta:
        database = database_proxy
        legacy_table_names = False


class VersionedModel(BaseModel):
    """A record several admins may edit: `version` grows on each save (optimistic locking)."""

    version = pw.IntegerField(default=1)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
