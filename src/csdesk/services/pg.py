"""Checks for a csdesk database on a PostgreSQL server.

The server guards its own pages and foreign keys, so there is no integrity scan to run as
SQLite has; what can go wrong is the connection, a table dropped or never created, a schema
version this build does not expect, or an index left invalid by an interrupted build.
"""

from __future__ import annotations

import peewee as pw

from csdesk.models.base import run_sql
from csdesk.models.schema import ALL_MODELS, META_TABLE, SCHEMA_VERSION, read_version

_INVALID_INDEXES = """
    SELECT c.relname FROM pg_index i
    JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE NOT i.indisvalid AND n.nspname = current_schema()
    ORDER BY c.relname"""


def check_server(db: pw.Database) -> list[str]:
    """Problems of a csdesk database on a server, as sentences; empty when it is healthy."""
    try:
        run_sql(db, "SELECT 1").fetchone()
        tables = set(db.get_tables())
        problems = [
            f"Tabel {name} tidak ada di database"
            for name in sorted({m._meta.table_name for m in ALL_MODELS} | {META_TABLE})
            if name not in tables
        ]
        version = read_version(db)
        if version != SCHEMA_VERSION:
            problems.append(
                f"Versi skema database {version}, aplikasi ini memakai skema {SCHEMA_VERSION}"
            )
        for (index,) in run_sql(db, _INVALID_INDEXES).fetchall():
            problems.append(f"Indeks {index} tidak valid; buat ulang dengan REINDEX")
    except pw.DatabaseError as exc:
        return [f"Database tidak bisa diperiksa: {' '.join(str(exc).split())}"]
    return problems
