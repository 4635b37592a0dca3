"""A customer's story with the shop, newest first: orders, chats, complaints, the admins' notes
on their orders, follow-ups and merges, so whoever answers sees the whole relationship at once.

Each source is read newest first with its own LIMIT (and `before`, for the next page), then the
sources are merged and cut to `limit`: a profile with 500 orders and 5,000 messages reads at most
`limit` rows per source, never every row. A conversation is one entry at its latest message (its
messages are in the Inbox); a complaint has an entry when opened and another when closed; a
follow-up when made and when done. Entries of a merged-away customer already belong to the
survivor (the merge moved them), so the survivor's timeline holds them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import peewee as pw

from csdesk.models import (
    Complaint,
    Conversation,
    Customer,
    CustomerMerge,
    FollowUp,
    Order,
    OrderEvent,
)
from csdesk.services import fmt
from csdesk.services.follow_ups import REASON_LABELS
from csdesk.services.labels import (
    CHANNEL_LABELS,
    COMPLAINT_CATEGORY_LABELS,
    COMPLAINT_STATUS_LABELS,
    MARKETPLACE_LABELS,
    ORDER_STATUS_LABELS,
    RESOLUTION_LABELS,
    label,
)
from csdesk.services.list_sql import fetch_dicts
from csdesk.services.order_notes import NOTE_KIND

PAGE = 50
CLOSED = ("resolved", "rejected")
KIND_LABELS: dict[str, str] = {
    "order": "Pesanan",
    "conversation": "Percakapan",
    "complaint": "Keluhan",
    "note": "Catatan",
    "follow_up": "Tindak lanjut",
    "merge": "Penggabungan",
}


@dataclass(frozen=True)
class TimelineEntry:
    at: dt.datetime  # naive UTC
    kind: str  # a key of KIND_LABELS
    title: str
    detail: str
    record_kind: str  # what activating it opens: order | conversation | complaint | customer | ""
    record_id: int | None

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def _newest(
    query: pw.Select, column: pw.ColumnBase, before: dt.datetime | None, limit: int
) -> list[dict[str, Any]]:
    if before is not None:
        query = query.where(column < before)
    return fetch_dicts(query.order_by(column.desc()).limit(limit))


def _orders(customer_id: int, before: dt.datetime | None, limit: int) -> Iterable[TimelineEntry]:
    query = Order.select(
        Order.id, Order.order_no, Order.marketplace, Order.status, Order.total, Order.ordered_at
    ).where(Order.customer == customer_id)
    for row in _newest(query, Order.ordered_at, before, limit):
        yield TimelineEntry(
            at=row["ordered_at"],
            kind="order",
            title=f"Pesanan {row['order_no']}",
            detail=f"{label(ORDER_STATUS_LABELS, row['status'])} · "
            f"{label(MARKETPLACE_LABELS, row['marketplace'])} · {fmt.rupiah(row['total'])}",
            record_kind="order",
            record_id=row["id"],
        )


def _notes(customer_id: int, before: dt.datetime | None, limit: int) -> Iterable[TimelineEntry]:
    query = (
        OrderEvent.select(OrderEvent.at, OrderEvent.author, OrderEvent.detail, Order.id, Order.order_no)
        .join(Order)
        .where(Order.customer == customer_id, OrderEvent.kind == NOTE_KIND)
    )  # fmt: skip
    for row in _newest(query, OrderEvent.at, before, limit):
        who = f" — {row['author']}" if row["author"] else ""
        yield TimelineEntry(
            at=row["at"],
            kind="note",
            title=f"Catatan pada pesanan {row['order_no']}{who}",
            detail=row["detail"],
            record_kind="order",
            record_id=row["id"],
        )


def _conversations(
    customer_id: int, before: dt.datetime | None, limit: int
) -> Iterable[TimelineEntry]:
    query = Conversation.select(
        Conversation.id,
        Conversation.channel,
        Conversation.last_message_at,
        Conversation.last_message_preview,
        Conversation.message_count,
        Conversation.created_at,
    ).where(Conversation.customer == customer_id)
    last = pw.fn.COALESCE(Conversation.last_message_at, Conversation.created_at)
    for row in _newest(query, last, before, limit):
        count = row["message_count"]
        yield TimelineEntry(
            at=row["last_message_at"] or row["created_at"],
            kind="conversation",
            title=f"Chat {label(CHANNEL_LABELS, row['channel'])} · {count} pesan",
            detail=row["last_message_preview"],
            record_kind="conversation",
            record_id=row["id"],
        )


def _complaints(
    customer_id: int, before: dt.datetime | None, limit: int
) -> Iterable[TimelineEntry]:
    fields = (
        Complaint.id,
        Complaint.code,
        Complaint.category,
        Complaint.status,
        Complaint.resolution,
        Complaint.description,
        Complaint.created_at,
        Complaint.resolved_at,
    )
    mine = Complaint.customer == customer_id
    opened = Complaint.select(*fields).where(mine)
    for row in _newest(opened, Complaint.created_at, before, limit):
        yield TimelineEntry(
            at=row["created_at"],
            kind="complaint",
            title=f"Keluhan {row['code']} dibuka: "
            f"{label(COMPLAINT_CATEGORY_LABELS, row['category'])}",
            detail=row["description"],
            record_kind="complaint",
            record_id=row["id"],
        )
    closed = Complaint.select(*fields).where(mine, Complaint.resolved_at.is_null(False))
    for row in _newest(closed, Complaint.resolved_at, before, limit):
        how = label(RESOLUTION_LABELS, row["resolution"]) if row["resolution"] else ""
        yield TimelineEntry(
            at=row["resolved_at"],
            kind="complaint",
            title=f"Keluhan {row['code']} {label(COMPLAINT_STATUS_LABELS, row['status']).lower()}",
            detail=how,
            record_kind="complaint",
            record_id=row["id"],
        )


def _follow_ups(
    customer_id: int, before: dt.datetime | None, limit: int
) -> Iterable[TimelineEntry]:
    mine = FollowUp.customer == customer_id
    made = FollowUp.select().where(mine)
    for row in _newest(made, FollowUp.created_at, before, limit):
        due = fmt.date_long(row["due_at"].date())
        yield TimelineEntry(
            at=row["created_at"],
            kind="follow_up",
            title=f"Tindak lanjut dibuat: {REASON_LABELS.get(row['reason'], row['reason'])}",
            detail=f"Jatuh tempo {due}" + (f" · {row['note']}" if row["note"] else ""),
            record_kind="",
            record_id=row["id"],
        )
    done = FollowUp.select().where(mine, FollowUp.done_at.is_null(False))
    for row in _newest(done, FollowUp.done_at, before, limit):
        who = f" oleh {row['done_by']}" if row["done_by"] else ""
        yield TimelineEntry(
            at=row["done_at"],
            kind="follow_up",
            title=f"Tindak lanjut selesai{who}: {REASON_LABELS.get(row['reason'], row['reason'])}",
            detail=row["note"],
            record_kind="",
            record_id=row["id"],
        )


def _merges(customer_id: int, before: dt.datetime | None, limit: int) -> Iterable[TimelineEntry]:
    other = Customer.alias()
    query = (
        CustomerMerge.select(
            CustomerMerge.id,
            CustomerMerge.at,
            CustomerMerge.author,
            CustomerMerge.undone_at,
            CustomerMerge.other,
            other.name.alias("other_name"),
        )
        .join(other, on=(CustomerMerge.other == other.id))
        .where(CustomerMerge.kept == customer_id)
    )
    for row in _newest(query, CustomerMerge.at, before, limit):
        who = f" oleh {row['author']}" if row["author"] else ""
        yield TimelineEntry(
            at=row["at"],
            kind="merge",
            title=f"Digabung dengan {row['other_name']}{who}",
            detail="Dibatalkan kemudian" if row["undone_at"] else "",
            record_kind="customer",
            record_id=row["other"],
        )


SOURCES = (_orders, _notes, _conversations, _complaints, _follow_ups, _merges)


def timeline(
    customer_id: int, limit: int = PAGE, before: dt.datetime | None = None
) -> list[TimelineEntry]:
    """The newest `limit` entries (strictly before `before` when given: the next page starts
    before the last entry shown), newest first."""
    entries = [entry for source in SOURCES for entry in source(customer_id, before, limit)]
    entries.sort(key=lambda e: (e.at, e.kind), reverse=True)
    return entries[:limit]
