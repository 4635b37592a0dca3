"""Fast inserts of many rows: one prepared INSERT run by the driver's `executemany`.

peewee's `insert_many` builds the SQL text in Python (~5 s per 100,000 rows); a prepared
statement with `executemany` takes a tenth of that, which keeps a 100,000-order demo quick.
Rows carry explicit ids so that the rows inserted next (items, messages) can point at them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import peewee as pw

CHUNK = 5000


def next_id(model: type[pw.Model]) -> int:
    """The first free id of `model`'s table (ids are handed out by the generator itself)."""
    return int(model.select(pw.fn.MAX(model._meta.primary_key)).scalar() or 0) + 1


def insert_rows(model: type[pw.Model], rows: Iterable[Mapping[str, Any]]) -> int:
    """Insert `rows` (field name → value) into `model`'s table; returns how many.

    Every row has the same keys. Fields a row leaves out take the model's default, evaluated
    once per call (so every row of one call shares the same `created_at`).
    """
    db = model._meta.database
    batch: list[Mapping[str, Any]] = []
    count = 0
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            count += _insert_chunk(db, model, batch)
            batch = []
    if batch:
        count += _insert_chunk(db, model, batch)
    if count and _is_postgres(db):
        table = model._meta.table_name
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"(SELECT MAX(id) FROM {_quote(db, table)}))"
        )
    return count


def _insert_chunk(db: Any, model: type[pw.Model], rows: list[Mapping[str, Any]]) -> int:
    given = rows[0].keys()
    fields = [
        field
        for field in model._meta.sorted_fields
        if field.name in given or not isinstance(field, pw.AutoField)
    ]
    defaults = {field.name: _default(field) for field in fields if field.name not in given}
    # Times go in as text in the format peewee writes: sqlite3's own datetime adapter is
    # deprecated, and PostgreSQL parses the same text.
    as_text = [isinstance(field, pw.DateTimeField) for field in fields]
    names = [field.name for field in fields]
    columns = ", ".join(_quote(db, field.column_name) for field in fields)
    marks = ", ".join([db.param] * len(fields))
    sql = f"INSERT INTO {_quote(db, model._meta.table_name)} ({columns}) VALUES ({marks})"
    values = []
    for row in rows:
        record = []
        for name, text in zip(names, as_text, strict=True):
            value = row[name] if name in row else defaults[name]
            if text and isinstance(value, dt.datetime):
                value = str(value)
            record.append(value)
        values.append(record)
    db.cursor().executemany(sql, values)
    return len(rows)


def _quote(db: Any, name: str) -> str:
    """`name` in the database's identifier quotes (peewee keeps them as a pair: '""')."""
    opening, closing = db.quote
    return f"{opening}{name}{closing}"


def _default(field: pw.Field) -> Any:
    default = field.default
    return default() if callable(default) else default


def _is_postgres(db: Any) -> bool:
    target = db.obj if isinstance(db, pw.DatabaseProxy) else db
    return isinstance(target, pw.PostgresqlDatabase)


_INSERT_BODY = re.compile(
    r"\bBEGIN\s+(INSERT\s+INTO\s+.+?)\s+VALUES\s*\((.+)\)\s*;\s*END\s*$",
    re.IGNORECASE | re.DOTALL,
)


@contextmanager
def replayed_insert_triggers(model: type[pw.Model], first_id: int) -> Iterator[None]:
    """Bulk-insert rows with ids from `first_id` into `model`'s table, running its AFTER INSERT
    search-index triggers once for all of them rather than once per row.

    FTS5 flushes its pending terms at every statement, so a trigger that indexes each new row
    makes a 100,000-row insert several times slower. Inside the caller's transaction, each
    trigger whose body is `INSERT INTO … VALUES (new.…)` is dropped, the block runs, the body is
    replayed as one `INSERT INTO … SELECT … FROM table AS new WHERE new.id >= first_id`, and
    the trigger is recreated from its own stored SQL (a rollback restores it as well). Other
    triggers, and databases without them, are left as they are.
    """
    db = model._meta.database
    table = model._meta.table_name
    triggers: list[tuple[str, str, re.Match[str]]] = []
    if _is_sqlite(db):
        for name, sql in db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            (table,),
        ).fetchall():
            body = _INSERT_BODY.search(sql)
            if body and re.search(r"\bAFTER\s+INSERT\b", sql, re.IGNORECASE):
                triggers.append((name, sql, body))
    for name, _, _ in triggers:
        db.execute_sql(f"DROP TRIGGER {_quote(db, name)}")
    yield
    for _, sql, body in triggers:
        insert, values = body.groups()
        db.execute_sql(
            f"{insert} SELECT {values} FROM {_quote(db, table)} AS new WHERE new.id >= ?",
            (first_id,),
        )
        db.execute_sql(sql)


def _is_sqlite(db: Any) -> bool:
    target = db.obj if isinstance(db, pw.DatabaseProxy) else db
    return isinstance(target, pw.SqliteDatabase)
