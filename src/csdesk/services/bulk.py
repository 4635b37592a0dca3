"""Fast inserts of many rows: one prepared INSERT run by the driver's `executemany`.

peewee's `insert_many` builds the SQL text in Python (~5 s per 100,000 rows); a prepared
statement with `executemany` takes a tenth of that, which keeps a 100,000-order demo and a
100,000-row order import quick. Rows carry explicit ids (from `next_id` in a single-writer
generator, `allocate_ids` where other desks may be writing) so that the rows inserted next
(items, messages) can point at them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import peewee as pw

CHUNK = 5000


def next_id(model: type[pw.Model]) -> int:
    """The first free id of `model`'s table (ids are handed out by the generator itself)."""
    return int(model.select(pw.fn.MAX(model._meta.primary_key)).scalar() or 0) + 1


def allocate_ids(model: type[pw.Model], count: int) -> list[int]:
    """`count` ids for new rows of `model`, safe while other desks insert too.

    PostgreSQL hands them out from the table's sequence. SQLite has one writer at a time: call
    this inside a transaction that has already written (holds the write lock), so nobody can
    take the ids between this query and the insert.
    """
    if count <= 0:
        return []
    db = model._meta.database
    if is_postgres(db):
        table = model._meta.table_name
        cursor = db.execute_sql(
            f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
            (count,),
        )
        return [int(row[0]) for row in cursor.fetchall()]
    first = next_id(model)
    return list(range(first, first + count))


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
    if count and is_postgres(db):
        # Explicit ids bypass the sequence; move it past them, never back (another desk may
        # have drawn higher values meanwhile).
        table = model._meta.table_name
        db.execute_sql(
            f"SELECT setval(seq, GREATEST((SELECT MAX(id) FROM {quote(db, table)}), "
            "COALESCE(pg_sequence_last_value(seq::regclass), 1))) "
            f"FROM pg_get_serial_sequence('{table}', 'id') AS seq"
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
    columns = ", ".join(quote(db, field.column_name) for field in fields)
    marks = ", ".join([db.param] * len(fields))
    sql = f"INSERT INTO {quote(db, model._meta.table_name)} ({columns}) VALUES ({marks})"
    # itemgetter picks a row's cells in C: this runs for every cell of a 100,000-row import.
    pick = itemgetter(*names) if len(names) > 1 else lambda row: (row[names[0]],)
    if defaults:
        values = [list(pick({**defaults, **row})) for row in rows]
    else:
        values = [list(pick(row)) for row in rows]
    for index in [i for i, text in enumerate(as_text) if text]:
        for record in values:
            value = record[index]
            if isinstance(value, dt.datetime):
                record[index] = str(value)
    db.cursor().executemany(sql, values)
    return len(rows)


def placeholders(db: Any, count: int) -> str:
    """`count` bound-parameter marks for `IN (…)`: a raw query with them is far cheaper to build
    than peewee's `.in_()` expression, which costs more than the query on 500 values."""
    return ", ".join([db.param] * count)


def quote(db: Any, name: str) -> str:
    """`name` in the database's identifier quotes (peewee keeps them as a pair: '""')."""
    opening, closing = db.quote
    return f"{opening}{name}{closing}"


def _default(field: pw.Field) -> Any:
    default = field.default
    return default() if callable(default) else default


def is_postgres(db: Any) -> bool:
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
    if is_sqlite(db):
        for name, sql in db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?",
            (table,),
        ).fetchall():
            body = _INSERT_BODY.search(sql)
            if body and re.search(r"\bAFTER\s+INSERT\b", sql, re.IGNORECASE):
                triggers.append((name, sql, body))
    for name, _, _ in triggers:
        db.execute_sql(f"DROP TRIGGER {quote(db, name)}")
    yield
    for _, sql, body in triggers:
        insert, values = body.groups()
        db.execute_sql(
            f"{insert} SELECT {values} FROM {quote(db, table)} AS new WHERE new.id >= ?",
            (first_id,),
        )
        db.execute_sql(sql)


def is_sqlite(db: Any) -> bool:
    target = db.obj if isinstance(db, pw.DatabaseProxy) else db
    return isinstance(target, pw.SqliteDatabase)
