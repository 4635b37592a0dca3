"""The import history and undoing one import, exactly, in one transaction.

Undo works from the batch's own order events (upsert.py): an `imported` event names a new order
and the customer and identities created for it; an `updated` event holds every changed field's
previous value, the previous items when they were replaced, and the order's previous version,
update time, source rows and batch. Undo removes the new orders, puts the updated ones back as
they were, removes the identities the batch added and the customers it created that have
nothing else, and marks the batch undone. It refuses when anything changed those orders later
(a later import, an admin's edit) or when a complaint or conversation points at a new order,
since undoing would then lose someone's work.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import peewee as pw

from csdesk.errors import CsdeskError, NotFoundError
from csdesk.models import (
    Complaint,
    Conversation,
    Customer,
    CustomerIdentity,
    ImportBatch,
    Order,
    OrderEvent,
    OrderItem,
    User,
    utcnow,
)
from csdesk.services.bulk import insert_rows
from csdesk.services.customer_stats import refresh_customers
from csdesk.services.importing.changes import from_json_value, item_row
from csdesk.services.list_sql import fetch_tuples

_CHUNK = 900


@dataclass(frozen=True)
class ImportSummary:
    """One row of the import history."""

    id: int
    file_name: str
    file_format: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    rows: int
    created: int
    updated: int
    unchanged: int
    warnings: int
    author: str
    undone_at: dt.datetime | None


@dataclass(frozen=True)
class UndoResult:
    orders_removed: int
    orders_restored: int
    customers_removed: int


def list_imports(limit: int = 500) -> list[ImportSummary]:
    """Order imports, newest first."""
    columns = (
        ImportBatch.id,
        ImportBatch.file_name,
        ImportBatch.file_format,
        ImportBatch.started_at,
        ImportBatch.finished_at,
        ImportBatch.rows,
        ImportBatch.created,
        ImportBatch.updated,
        ImportBatch.unchanged,
        ImportBatch.warnings,
        pw.fn.COALESCE(User.name, ""),
        ImportBatch.undone_at,
    )
    query = (
        ImportBatch.select(*columns)
        .join(User, pw.JOIN.LEFT_OUTER)
        .where(ImportBatch.kind == "orders")
        .order_by(ImportBatch.id.desc())
        .limit(limit)
    )
    summaries = []
    for row in fetch_tuples(query):
        values = list(row)
        values[9] = len(json.loads(values[9] or "[]"))
        summaries.append(ImportSummary(*values))
    return summaries


def _chunks(ids: Iterable[int]) -> Iterator[list[int]]:
    ordered = sorted(set(ids))
    for start in range(0, len(ordered), _CHUNK):
        yield ordered[start : start + _CHUNK]


def undo_import(batch_id: int) -> UndoResult:
    """Undo order import `batch_id` (see the module docstring); CsdeskError when refused."""
    with Order._meta.database.atomic():
        batch = ImportBatch.get_or_none(ImportBatch.id == batch_id)
        if batch is None or batch.kind != "orders":
            raise NotFoundError(f"Impor pesanan #{batch_id} tidak ditemukan")
        if batch.undone_at is not None:
            raise CsdeskError(f"Impor #{batch_id} ({batch.file_name}) sudah dibatalkan")
        events = fetch_tuples(
            OrderEvent.select(
                OrderEvent.id, OrderEvent.order, OrderEvent.kind, OrderEvent.detail
            ).where(OrderEvent.batch == batch_id, OrderEvent.kind.in_(("imported", "updated")))
        )
        new = {order: json.loads(detail) for _, order, kind, detail in events if kind == "imported"}
        updated = {
            order: json.loads(detail) for _, order, kind, detail in events if kind == "updated"
        }
        _refuse_if_changed_since(batch, new, updated)
        customers = _customers_of([*new, *updated])
        created = {customers[o] for o, d in new.items() if d["customer_created"] and o in customers}
        for chunk in _chunks(new):
            OrderItem.delete().where(OrderItem.order.in_(chunk)).execute()
            OrderEvent.delete().where(OrderEvent.order.in_(chunk)).execute()
            Order.delete().where(Order.id.in_(chunk)).execute()
        for order_id, detail in updated.items():
            _restore(order_id, detail)
        OrderEvent.delete().where(
            OrderEvent.batch == batch_id, OrderEvent.kind == "updated"
        ).execute()
        identities = [i for d in new.values() for i in d["identities_added"]]
        for chunk in _chunks(identities):
            CustomerIdentity.delete().where(CustomerIdentity.id.in_(chunk)).execute()
        removed = _remove_unused_customers(created)
        refresh_customers(set(customers.values()) - removed)
        batch.undone_at = utcnow()
        batch.save()
    return UndoResult(len(new), len(updated), len(removed))


def _refuse_if_changed_since(
    batch: ImportBatch, new: dict[int, Any], updated: dict[int, dict[str, Any]]
) -> None:
    expected = dict.fromkeys(new, 1)
    expected.update({order: detail["previous"]["version"] + 1 for order, detail in updated.items()})
    for chunk in _chunks(expected):
        later = (
            OrderEvent.select(OrderEvent.batch, Order.order_no)
            .join(Order)
            .where(OrderEvent.order.in_(chunk), OrderEvent.batch > batch.id)
            .first()
        )
        if later is not None:
            raise CsdeskError(
                f"Impor #{batch.id} tidak bisa dibatalkan: pesanan {later.order.order_no} sudah "
                f"diubah oleh impor #{later.batch_id} sesudahnya; batalkan impor itu dulu"
            )
        rows = Order.select(Order.id, Order.order_no, Order.version).where(Order.id.in_(chunk))
        for order_id, order_no, version in fetch_tuples(rows):
            if version != expected[order_id]:
                raise CsdeskError(
                    f"Impor #{batch.id} tidak bisa dibatalkan: pesanan {order_no} sudah diubah "
                    "setelah impor ini"
                )
        new_chunk = [order_id for order_id in chunk if order_id in new]
        for model in (Complaint, Conversation):
            used = fetch_tuples(
                model.select(Order.order_no).join(Order).where(model.order.in_(new_chunk)).limit(1)
            )
            if used:
                raise CsdeskError(
                    f"Impor #{batch.id} tidak bisa dibatalkan: pesanan {used[0][0]} "
                    "sudah dipakai di keluhan atau percakapan"
                )


def _customers_of(order_ids: list[int]) -> dict[int, int]:
    found: dict[int, int] = {}
    for chunk in _chunks(order_ids):
        query = Order.select(Order.id, Order.customer).where(
            Order.id.in_(chunk), Order.customer.is_null(False)
        )
        found.update(dict(fetch_tuples(query)))
    return found


def _restore(order_id: int, detail: dict[str, Any]) -> None:
    previous = detail["previous"]
    values: dict[Any, Any] = {
        getattr(Order, name): from_json_value(name, old)
        for name, (old, _new) in detail["changes"].items()
    }
    values[Order.version] = previous["version"]
    values[Order.updated_at] = from_json_value("updated_at", previous["updated_at"])
    values[Order.source_rows] = previous["source_rows"]
    values[Order.batch] = previous["batch"]
    Order.update(values).where(Order.id == order_id).execute()
    if "items" in detail:
        OrderItem.delete().where(OrderItem.order == order_id).execute()
        # The old rows come back with their own ids: the restore is exact.
        rows = [{"id": item[0], **item_row(order_id, item[1:])} for item in detail["items"]["old"]]
        insert_rows(OrderItem, rows)


def _remove_unused_customers(candidates: set[int]) -> set[int]:
    """Delete the customers the batch created that have nothing else (orders, chats,
    complaints, other identities, customers merged into them); returns those deleted."""
    removed: set[int] = set()
    for chunk in _chunks(candidates):
        busy: set[int] = set()
        for model, column in (
            (Order, Order.customer),
            (Conversation, Conversation.customer),
            (Complaint, Complaint.customer),
            (CustomerIdentity, CustomerIdentity.customer),
            (Customer, Customer.merged_into),
        ):
            busy |= {cid for (cid,) in fetch_tuples(model.select(column).where(column.in_(chunk)))}
        unused = [cid for cid in chunk if cid not in busy]
        if unused:
            Customer.delete().where(Customer.id.in_(unused)).execute()
            removed.update(unused)
    return removed
