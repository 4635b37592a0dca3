"""The complaint pane: the case, its order and customer, its evidence and its story so far."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields

from csdesk.errors import NotFoundError
from csdesk.models import (
    Complaint,
    ComplaintEvent,
    ComplaintEvidence,
    ComplaintItem,
    Order,
    User,
    utcnow,
)
from csdesk.services.details_common import (
    ComplaintLabels,
    CustomerSummary,
    EventLine,
    OrderLine,
    customer_summary,
    order_lines,
    record,
)
from csdesk.services.labels import (
    PRIORITY_LABELS,
    RESOLUTION_LABELS,
    label,
)


@dataclass(frozen=True)
class EvidenceLine:
    id: int
    path: str  # relative to the app's attachment folder
    kind: str
    added_at: dt.datetime


@dataclass(frozen=True)
class ComplaintDetail(ComplaintLabels):
    id: int
    code: str
    category: str
    priority: str
    status: str
    channel: str
    description: str
    resolution: str
    refund_amount: int
    cost: int
    due_at: dt.datetime | None
    resolved_at: dt.datetime | None
    created_at: dt.datetime
    updated_at: dt.datetime
    version: int
    assignee_name: str
    conversation_id: int | None
    order: OrderLine | None
    customer: CustomerSummary | None
    evidence: list[EvidenceLine]
    events: list[EventLine]  # oldest first: the log reads as the complaint's story
    due_overridden: bool = False  # the deadline was set by hand
    replacement: OrderLine | None = None  # the replacement order sent for it
    items: list[str] = field(default_factory=list)  # "1× Gamis Aisyah (Navy, L)"

    @property
    def priority_label(self) -> str:
        return label(PRIORITY_LABELS, self.priority)

    @property
    def resolution_label(self) -> str:
        return label(RESOLUTION_LABELS, self.resolution) if self.resolution else ""


def complaint_detail(complaint_id: int, now: dt.datetime | None = None) -> ComplaintDetail:
    complaint = record(Complaint, complaint_id)
    if complaint is None:
        raise NotFoundError(f"Komplain #{complaint_id} tidak ditemukan")
    assignee = record(User, complaint["assignee"])
    order_id = complaint["order"]
    orders = order_lines(Order.id == order_id, 1) if order_id is not None else []
    replaced = complaint["replacement_order"]
    replacements = order_lines(Order.id == replaced, 1) if replaced is not None else []
    evidence = [
        EvidenceLine(id=e.id, path=e.path, kind=e.kind, added_at=e.added_at)
        for e in ComplaintEvidence.select()
        .where(ComplaintEvidence.complaint == complaint_id)
        .order_by(ComplaintEvidence.added_at, ComplaintEvidence.id)
    ]
    events = [
        EventLine(at=e.at, kind=e.kind, author=e.author, detail=e.detail)
        for e in ComplaintEvent.select()
        .where(ComplaintEvent.complaint == complaint_id)
        .order_by(ComplaintEvent.at, ComplaintEvent.id)
    ]
    own = {name: complaint[name] for name in _OWN_FIELDS}
    return ComplaintDetail(
        **own,
        assignee_name=assignee["name"] if assignee else "",
        conversation_id=complaint["conversation"],
        order=orders[0] if orders else None,
        customer=customer_summary(complaint["customer"], now or utcnow()),
        evidence=evidence,
        events=events,
        due_overridden=bool(complaint["due_overridden"]),
        replacement=replacements[0] if replacements else None,
        items=[
            f"{i.quantity}× {i.product}" + (f" ({i.variant})" if i.variant else "")
            for i in ComplaintItem.select()
            .where(ComplaintItem.complaint == complaint_id)
            .order_by(ComplaintItem.id)
        ],
    )


# Every other ComplaintDetail field is the complaint's own column of the same name.
_RELATED = {
    "assignee_name", "conversation_id", "order", "customer", "evidence", "events",
    "due_overridden", "replacement", "items",
}  # fmt: skip
_OWN_FIELDS = [f.name for f in fields(ComplaintDetail) if f.name not in _RELATED]
