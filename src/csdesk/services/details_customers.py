"""The customer detail pane: who they are, how to reach them, and their history with the shop."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from csdesk.errors import NotFoundError
from csdesk.models import Complaint, Conversation, Customer, CustomerIdentity, Order, utcnow
from csdesk.services.details_common import (
    ComplaintLine,
    ConversationLabels,
    OrderLine,
    complaint_lines,
    customer_summary,
    order_lines,
    record,
)
from csdesk.services.labels import (
    SEGMENT_LABELS,
    label,
)

RECENT_ORDERS = 20


@dataclass(frozen=True)
class IdentityLine:
    id: int
    kind: str  # phone | email | marketplace | whatsapp | instagram
    marketplace: str
    value: str
    masked: bool


@dataclass(frozen=True)
class ConversationLine(ConversationLabels):
    id: int
    channel: str
    status: str
    last_message_at: dt.datetime | None
    preview: str
    waiting_since: dt.datetime | None


@dataclass(frozen=True)
class CustomerDetail:
    id: int
    name: str
    nickname: str
    tags: list[str]
    notes: str
    preferences: str
    city: str
    first_order_at: dt.datetime | None
    last_order_at: dt.datetime | None
    order_count: int
    lifetime_value: int
    open_complaints: int
    segment: str
    merged_into_id: int | None  # set when this record was merged into another customer
    version: int
    identities: list[IdentityLine]
    recent_orders: list[OrderLine]  # the newest RECENT_ORDERS
    conversations: list[ConversationLine]  # most recent first
    complaints: list[ComplaintLine]  # newest first

    @property
    def segment_label(self) -> str:
        return label(SEGMENT_LABELS, self.segment)

    @property
    def phones(self) -> list[str]:
        return [i.value for i in self.identities if i.kind == "phone"]


def split_tags(tags: str) -> list[str]:
    return [tag.strip() for tag in tags.split(",") if tag.strip()]


def customer_detail(customer_id: int, now: dt.datetime | None = None) -> CustomerDetail:
    customer = record(Customer, customer_id)
    summary = customer_summary(customer_id, now or utcnow())
    if customer is None or summary is None:
        raise NotFoundError(f"Pelanggan #{customer_id} tidak ditemukan")
    identities = [
        IdentityLine(
            id=i.id, kind=i.kind, marketplace=i.marketplace, value=i.value, masked=i.masked
        )
        for i in CustomerIdentity.select()
        .where(CustomerIdentity.customer == customer_id)
        .order_by(CustomerIdentity.id)
    ]
    conversations = [
        ConversationLine(
            id=c.id,
            channel=c.channel,
            status=c.status,
            last_message_at=c.last_message_at,
            preview=c.last_message_preview,
            waiting_since=c.waiting_since,
        )
        for c in Conversation.select()
        .where(Conversation.customer == customer_id)
        .order_by(Conversation.last_message_at.desc(), Conversation.id.desc())
    ]
    return CustomerDetail(
        id=customer_id,
        name=customer["name"],
        nickname=customer["nickname"],
        tags=split_tags(customer["tags"]),
        notes=customer["notes"],
        preferences=customer["preferences"],
        city=customer["city"],
        first_order_at=customer["first_order_at"],
        last_order_at=customer["last_order_at"],
        order_count=customer["order_count"],
        lifetime_value=customer["lifetime_value"],
        open_complaints=summary.open_complaints,
        segment=summary.segment,
        merged_into_id=customer["merged_into"],
        version=customer["version"],
        identities=identities,
        recent_orders=order_lines(Order.customer == customer_id, RECENT_ORDERS),
        conversations=conversations,
        complaints=complaint_lines(Complaint.customer == customer_id),
    )
