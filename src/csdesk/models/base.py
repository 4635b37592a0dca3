"""The database proxy every model binds to, and the shared base model."""

from __future__ import annotations

import datetime as dt

import peewee as pw

database_proxy = pw.DatabaseProxy()


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
