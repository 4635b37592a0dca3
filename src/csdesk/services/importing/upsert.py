"""Writing one parsed file into the database: one transaction, idempotent, in bulk.

Orders are identified by (marketplace, order number); a TikTok Shop row whose Tokopedia invoice
number names an order from a Tokopedia legacy export updates that order. New orders are inserted
with their items; existing ones are compared (changes.py) and updated only where the file brings
something new. Every insert and update leaves an OrderEvent tied to the ImportBatch, the update's
event holding the previous values, so that undo.py can restore them exactly.

Speed (100,000 item rows in seconds): existing orders, items and customer identities are looked
up with one query per chunk of orders, new rows go in through the driver's `executemany`
(services/bulk.py), and the search-index triggers run once per file instead of once per row.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import peewee as pw

from csdesk.models import Customer, ImportBatch, Order, OrderEvent, OrderItem, User, utcnow
from csdesk.models.base import run_sql
from csdesk.services.bulk import (
    allocate_ids,
    insert_rows,
    next_id,
    placeholders,
    quote,
    replayed_insert_triggers,
)
from csdesk.services.customer_stats import refresh_customers
from csdesk.services.importing.changes import (
    FIELDS,
    ITEM_FIELDS,
    TIME_FIELDS,
    Comparison,
    Item,
    compare,
    item_row,
    item_tuple,
    record_values,
    to_json_value,
)
from csdesk.services.importing.customers_match import CustomerMatcher, identity_search_deferred
from csdesk.services.importing.records import (
    ImportCancelled,
    OrderRecord,
    ParsedFile,
    Problem,
)

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Orders per lookup query: two parameters each stays far below any driver's limit.
CHUNK = 500


@dataclass
class FileResult:
    """What importing one file did; `as_dict` is exactly one entry of `--json`'s `files`."""

    file: str
    format: str
    rows: int
    orders_new: int = 0
    orders_updated: int = 0
    orders_unchanged: int = 0
    items: int = 0
    errors: list[Problem] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "format": self.format,
            "rows": self.rows,
            "orders_new": self.orders_new,
            "orders_updated": self.orders_updated,
            "orders_unchanged": self.orders_unchanged,
            "items": self.items,
            "errors": [problem.as_dict() for problem in self.errors],
        }


@dataclass
class _Stored:
    """An order as it is in the database, with what an update must be able to restore."""

    id: int
    customer_id: int | None
    version: int
    updated_at: Any
    source_rows: str
    batch_id: int | None
    values: dict[str, Any]
    items: list[Item] = field(default_factory=list)
    item_ids: list[int] = field(default_factory=list)


_STORED_COLUMNS = (
    Order.id,
    Order.marketplace,
    Order.order_no,
    Order.customer,
    Order.version,
    Order.updated_at,
    Order.source_rows,
    Order.batch,
    *(getattr(Order, name) for name in FIELDS),
)
# SQLite hands times back as text: peewee's own conversion, applied to the raw rows below.
_FIELD_CONVERTERS: tuple[Callable[[Any], Any] | None, ...] = tuple(
    getattr(Order, name).python_value if name in TIME_FIELDS else None for name in FIELDS
)
_UPDATED_AT: Callable[[Any], Any] = Order.updated_at.python_value


def _stored_sql(db: pw.Database, count: int) -> str:
    columns = ", ".join(quote(db, field.column_name) for field in _STORED_COLUMNS)
    return (
        f"SELECT {columns} FROM {quote(db, 'orders')} "
        f"WHERE marketplace = {db.param} AND order_no IN ({placeholders(db, count)})"
    )


def _items_sql(db: pw.Database, count: int) -> str:
    columns = ", ".join(quote(db, getattr(OrderItem, n).column_name) for n in ITEM_FIELDS)
    return (
        f"SELECT id, order_id, {columns} FROM {quote(db, OrderItem._meta.table_name)} "
        f"WHERE order_id IN ({placeholders(db, count)}) ORDER BY id"
    )


def import_parsed(
    parsed: ParsedFile,
    *,
    author: str = "",
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> FileResult:
    """Write `parsed` into the bound database in one transaction and return what it did.

    Cancelling (`is_cancelled()` true between chunks) raises ImportCancelled and rolls the
    whole file back.
    """
    db = Order._meta.database
    with db.atomic():
        return _FileWriter(db, parsed, author).run(progress, is_cancelled)


class _FileWriter:
    def __init__(self, db: pw.Database, parsed: ParsedFile, author: str) -> None:
        self.db = db
        self.parsed = parsed
        self.author = author
        self.file_name = Path(parsed.path).name
        self.now = utcnow()
        self.result = FileResult(
            file=parsed.path,
            format=parsed.file_format,
            rows=parsed.rows,
            items=parsed.items,
            errors=list(parsed.warnings),
        )
        self.matcher = CustomerMatcher(exported=parsed.file_format == "csdesk")
        self.touched: set[int] = set()
        self.seen: set[int] = set()  # stored orders already handled by an earlier record
        self.batch = ImportBatch.create(
            kind="orders",
            file_name=self.file_name,
            file_format=parsed.file_format,
            rows=parsed.rows,
            author=User.get_or_none(User.name == author) if author else None,
        )

    def run(self, progress: Progress | None, is_cancelled: Cancelled | None) -> FileResult:
        records = self._unique(self.parsed.orders)
        total = len(records)
        # The batch row written above holds SQLite's write lock, so these ids stay free.
        first_order, first_customer = next_id(Order), next_id(Customer)
        first_item = next_id(OrderItem)
        with (
            identity_search_deferred(self.db, self.matcher),
            replayed_insert_triggers(Customer, first_customer),
            replayed_insert_triggers(Order, first_order),
            replayed_insert_triggers(OrderItem, first_item),
        ):
            for start in range(0, total, CHUNK):
                if is_cancelled is not None and is_cancelled():
                    raise ImportCancelled()
                self._chunk(records[start : start + CHUNK])
                if progress is not None:
                    progress(min(start + CHUNK, total), total)
        if is_cancelled is not None and is_cancelled():
            raise ImportCancelled()
        refresh_customers(self.touched)
        self._finish_batch()
        return self.result

    def _unique(self, records: list[OrderRecord]) -> list[OrderRecord]:
        kept: dict[tuple[str, str], OrderRecord] = {}
        for record in records:
            key = (record.marketplace, record.order_no)
            if key in kept:
                self.result.errors.append(
                    Problem(
                        record.first_row or None,
                        "order_no",
                        f"Pesanan {record.order_no} muncul lagi di file; yang pertama dipakai",
                    )
                )
                continue
            kept[key] = record
        return list(kept.values())

    def _chunk(self, records: list[OrderRecord]) -> None:
        stored, linked = self._lookup(records)
        new: list[OrderRecord] = []
        updates: list[tuple[OrderRecord, _Stored, Comparison]] = []
        for record in records:
            found = stored.get((record.marketplace, record.order_no))
            if found is None and record.linked_order_no:
                found = linked.get(record.linked_order_no)
            if found is None:
                new.append(record)
                continue
            if found.id in self.seen:
                self.result.orders_unchanged += 1
                continue
            self.seen.add(found.id)
            comparison = compare(record, found.values, found.items, record.order_no)
            self.result.errors += comparison.warnings
            if comparison.changed:
                updates.append((record, found, comparison))
            else:
                self.result.orders_unchanged += 1
        self._insert(new)
        self._update(updates)

    def _lookup(
        self, records: list[OrderRecord]
    ) -> tuple[dict[tuple[str, str], _Stored], dict[str, _Stored]]:
        numbers: dict[str, list[str]] = defaultdict(list)
        for record in records:
            numbers[record.marketplace].append(record.order_no)
        links = [record.linked_order_no for record in records if record.linked_order_no]
        if links:
            numbers["tokopedia"] += links
        stored: dict[tuple[str, str], _Stored] = {}
        by_id: dict[int, _Stored] = {}
        for marketplace, nos in numbers.items():
            rows = run_sql(self.db, _stored_sql(self.db, len(nos)), (marketplace, *nos))
            for row in rows.fetchall():
                oid, _, order_no, customer, version, updated_at, source, batch = row[:8]
                values = {
                    name: convert(value) if convert else value
                    for name, convert, value in zip(FIELDS, _FIELD_CONVERTERS, row[8:], strict=True)
                }
                found = _Stored(
                    oid, customer, version, _UPDATED_AT(updated_at), source, batch, values
                )
                stored[(marketplace, order_no)] = by_id[oid] = found
        if by_id:
            ids = list(by_id)
            for start in range(0, len(ids), CHUNK):
                part = ids[start : start + CHUNK]
                rows = run_sql(self.db, _items_sql(self.db, len(part)), part)
                for item_id, order_id, *values in rows.fetchall():
                    by_id[order_id].items.append(tuple(values))
                    by_id[order_id].item_ids.append(item_id)
        linked = {no: found for (mp, no), found in stored.items() if mp == "tokopedia"}
        return stored, linked

    def _insert(self, records: list[OrderRecord]) -> None:
        if not records:
            return
        choices = self.matcher.choose(records)
        ids = allocate_ids(Order, len(records))
        orders, items, events = [], [], []
        for record, order_id, choice in zip(records, ids, choices, strict=True):
            orders.append(
                {
                    "id": order_id,
                    "marketplace": record.marketplace,
                    "order_no": record.order_no,
                    "customer": choice.customer_id,
                    **record_values(record),
                    "source_rows": _source_rows(record),
                    "batch": self.batch.id,
                    "created_at": self.now,
                    "updated_at": self.now,
                }
            )
            for item in record.items:
                items.append(item_row(order_id, item_tuple(item)))
            detail = {
                "file": self.file_name,
                "customer_created": choice.created_customer,
                "identities_added": choice.identity_ids,
            }
            events.append(self._event(order_id, "imported", detail))
            if choice.customer_id is not None:
                self.touched.add(choice.customer_id)
        insert_rows(Order, orders)
        insert_rows(OrderItem, items)
        insert_rows(OrderEvent, events)
        self.result.orders_new += len(records)

    def _update(self, updates: list[tuple[OrderRecord, _Stored, Comparison]]) -> None:
        if not updates:
            return
        db = self.db
        assignments = ", ".join(f"{quote(db, name)} = {db.param}" for name in FIELDS)
        sql = (
            f"UPDATE {quote(db, 'orders')} SET {assignments}, source_rows = {db.param}, "
            f"batch_id = {db.param}, version = version + 1, updated_at = {db.param} "
            f"WHERE id = {db.param}"
        )
        params, events, replaced, items = [], [], [], []
        for record, stored, comparison in updates:
            values = dict(stored.values)
            values.update({name: new for name, (_, new) in comparison.changes.items()})
            params.append(
                [_param(values[name]) for name in FIELDS]
                + [_source_rows(record), self.batch.id, str(self.now), stored.id]
            )
            detail: dict[str, Any] = {
                "file": self.file_name,
                "changes": {
                    name: [to_json_value(old), to_json_value(new)]
                    for name, (old, new) in comparison.changes.items()
                },
                "previous": {
                    "version": stored.version,
                    "updated_at": to_json_value(stored.updated_at),
                    "source_rows": stored.source_rows,
                    "batch": stored.batch_id,
                },
            }
            if comparison.items_differ:
                detail["items"] = {
                    "old": [
                        [item_id, *item]
                        for item_id, item in zip(stored.item_ids, stored.items, strict=True)
                    ],
                    "new": [list(item_tuple(item)) for item in record.items],
                }
                replaced.append(stored.id)
                for item in record.items:
                    items.append(item_row(stored.id, item_tuple(item)))
            events.append(self._event(stored.id, "updated", detail))
            if stored.customer_id is not None:
                self.touched.add(stored.customer_id)
        db.cursor().executemany(sql, params)  # type: ignore[no-untyped-call]
        if replaced:
            OrderItem.delete().where(OrderItem.order.in_(replaced)).execute()
            insert_rows(OrderItem, items)
        insert_rows(OrderEvent, events)
        self.result.orders_updated += len(updates)

    def _event(self, order_id: int, kind: str, detail: dict[str, Any]) -> dict[str, Any]:
        return {
            "order": order_id,
            "at": self.now,
            "kind": kind,
            "author": self.author,
            "batch": self.batch.id,
            "detail": json.dumps(detail, ensure_ascii=False),
        }

    def _finish_batch(self) -> None:
        batch = self.batch
        batch.finished_at = utcnow()
        batch.created = self.result.orders_new
        batch.updated = self.result.orders_updated
        batch.unchanged = self.result.orders_unchanged
        batch.warnings = json.dumps(
            [problem.as_dict() for problem in self.result.errors], ensure_ascii=False
        )
        batch.save()


def _source_rows(record: OrderRecord) -> str:
    # The rows are JSON texts already: joining them is far cheaper than re-encoding.
    return "[" + ",".join(record.source_rows) + "]"


def _param(value: Any) -> Any:
    # Times as the text peewee itself writes (sqlite3's datetime adapter is deprecated).
    return str(value) if hasattr(value, "isoformat") else value
