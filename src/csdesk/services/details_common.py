"""Pieces several detail panes show: a customer in brief, order and complaint lines, events."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import peewee as pw

from csdesk.models import Complaint, Customer, Order
from csdesk.models.base import BaseModel
from csdesk.models.complaints import OPEN_COMPLAINT_STATUSES
from csdesk.services import segments
from csdesk.services.labels import (
    CHANNEL_LABELS,
    COMPLAINT_CATEGORY_LABELS,
    COMPLAINT_STATUS_LABELS,
    CONVERSATION_STATUS_LABELS,
    MARKETPLACE_LABELS,
    ORDER_STATUS_LABELS,
    SEGMENT_LABELS,
    label,
)
from csdesk.services.list_sql import fetch_dicts


@dataclass(frozen=True)
class CustomerSummary:
    id: int
    name: str
    nickname: str
    order_count: int
    lifetime_value: int
    open_complaints: int
    segment: str

    @property
    def segment_label(self) -> str:
        return label(SEGMENT_LABELS, self.segment)


@dataclass(frozen=True)
class OrderLine:
    id: int
    order_no: str
    marketplace: str
    status: str
    ordered_at: dt.datetime
    total: int
    courier: str
    tracking_no: str

    @property
    def status_label(self) -> str:
        return label(ORDER_STATUS_LABELS, self.status)

    @property
    def marketplace_label(self) -> str:
        return label(MARKETPLACE_LABELS, self.marketplace)


class ConversationLabels:
    """Labels shared by a conversation's line in a customer's profile and its full detail."""

    channel: str
    status: str

    @property
    def channel_label(self) -> str:
        return label(CHANNEL_LABELS, self.channel)

    @property
    def status_label(self) -> str:
        return label(CONVERSATION_STATUS_LABELS, self.status)


class ComplaintLabels:
    """Labels shared by a complaint's line in lists and its full detail."""

    category: str
    status: str

    @property
    def category_label(self) -> str:
        return label(COMPLAINT_CATEGORY_LABELS, self.category)

    @property
    def status_label(self) -> str:
        return label(COMPLAINT_STATUS_LABELS, self.status)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_COMPLAINT_STATUSES


@dataclass(frozen=True)
class ComplaintLine(ComplaintLabels):
    id: int
    code: str
    category: str
    status: str
    priority: str
    created_at: dt.datetime
    due_at: dt.datetime | None
    order_no: str


@dataclass(frozen=True)
class EventLine:
    at: dt.datetime
    kind: str
    author: str
    detail: str


def record(model: type[BaseModel], record_id: int | None) -> dict[str, Any] | None:
    """One row as a dict, foreign keys as plain ids (`row["customer"]`), None when absent."""
    if record_id is None:
        return None
    rows = fetch_dicts(model.select().where(model.id == record_id))
    return rows[0] if rows else None


def customer_summary(customer_id: int | None, now: dt.datetime) -> CustomerSummary | None:
    customer = record(Customer, customer_id)
    if customer is None:
        return None
    complaints = Complaint.select().where(Complaint.customer == customer["id"])
    open_count = complaints.where(Complaint.status.in_(OPEN_COMPLAINT_STATUSES)).count()
    segment = segments.segment_of(
        order_count=customer["order_count"],
        lifetime_value=customer["lifetime_value"],
        last_order_at=customer["last_order_at"],
        has_complaint=complaints.exists(),
        rules=segments.rules(),
        now=now,
    )
    return CustomerSummary(
        id=customer["id"],
        name=customer["name"],
        nickname=customer["nickname"],
        order_count=customer["order_count"],
        lifetime_value=customer["lifetime_value"],
        open_complaints=open_count,
        segment=segment,
    )


def order_lines(where: pw.Expression, limit: int) -> list[OrderLine]:
    """The newest `limit` orders matching `where`."""
    query = (
        Order.select(
            Order.id,
            Order.order_no,
            Order.marketplace,
            Order.status,
            Order.ordered_at,
            Order.total,
            Order.courier,
            Order.tracking_no,
        )
        .where(where)
        .order_by(Order.ordered_at.desc(), Order.id.desc())
        .limit(limit)
    )
    return [OrderLine(**row) for row in fetch_dicts(query)]


def complaint_lines(where: pw.Expression) -> list[ComplaintLine]:
    """Complaints matching `where`, newest first, with their order's number."""
    query = (
        Complaint.select(
            Complaint.id,
            Complaint.code,
            Complaint.category,
            Complaint.status,
            Complaint.priority,
            Complaint.created_at,
            Complaint.due_at,
            pw.fn.COALESCE(Order.order_no, "").alias("order_no"),
        )
        .join(Order, pw.JOIN.LEFT_OUTER, on=(Complaint.order == Order.id))
        .where(where)
        .order_by(Complaint.created_at.desc(), Complaint.id.desc())
    )
    return [ComplaintLine(**row) for row in fetch_dicts(query)]
