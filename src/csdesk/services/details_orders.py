"""The order detail pane: every field, the items, the buyer in brief, and the order's history."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

from csdesk.errors import NotFoundError
from csdesk.models import Complaint, Order, OrderEvent, OrderItem, utcnow
from csdesk.services import settings
from csdesk.services.details_common import (
    ComplaintLine,
    CustomerSummary,
    EventLine,
    complaint_lines,
    customer_summary,
    record,
)
from csdesk.services.labels import MARKETPLACE_LABELS, ORDER_STATUS_LABELS, label
from csdesk.services.order_history import event_text
from csdesk.services.order_notes import NOTE_KIND


@dataclass(frozen=True)
class ItemLine:
    sku: str
    product: str
    variant: str
    quantity: int
    unit_price: int
    subtotal: int


@dataclass(frozen=True)
class OrderDetail:
    id: int
    marketplace: str
    order_no: str
    status: str
    raw_status: str
    ordered_at: dt.datetime
    paid_at: dt.datetime | None
    ship_by: dt.datetime | None
    shipped_at: dt.datetime | None
    completed_at: dt.datetime | None
    printed_at: dt.datetime | None
    buyer_name: str
    buyer_username: str
    courier: str
    service: str
    tracking_no: str
    recipient: str
    phone: str
    address: str
    city: str
    province: str
    buyer_note: str
    seller_note: str
    payment_method: str
    shipping_fee: int
    total: int
    version: int
    items: list[ItemLine]
    customer: CustomerSummary | None
    complaints: list[ComplaintLine]
    events: list[EventLine]  # newest first, notes among them

    @property
    def notes(self) -> list[EventLine]:
        """The admins' internal notes (order_notes), newest first."""
        return [event for event in self.events if event.kind == NOTE_KIND]

    @property
    def status_label(self) -> str:
        return label(ORDER_STATUS_LABELS, self.status)

    @property
    def marketplace_label(self) -> str:
        return label(MARKETPLACE_LABELS, self.marketplace)

    @property
    def items_total(self) -> int:
        return sum(item.subtotal for item in self.items)


def order_detail(order_id: int, now: dt.datetime | None = None) -> OrderDetail:
    order = record(Order, order_id)
    if order is None:
        raise NotFoundError(f"Pesanan #{order_id} tidak ditemukan")
    zone = settings.load().zone
    items = [
        ItemLine(
            sku=item.sku,
            product=item.product,
            variant=item.variant,
            quantity=item.quantity,
            unit_price=item.unit_price,
            subtotal=item.subtotal,
        )
        for item in OrderItem.select().where(OrderItem.order == order_id).order_by(OrderItem.id)
    ]
    events = [
        EventLine(
            at=event.at,
            kind=event.kind,
            author=event.author,
            detail=event_text(event.kind, event.detail, zone),
        )
        for event in OrderEvent.select()
        .where(OrderEvent.order == order_id)
        .order_by(OrderEvent.at.desc(), OrderEvent.id.desc())
    ]
    own = {name: order[name] for name in _OWN_FIELDS}
    return OrderDetail(
        **own,
        items=items,
        customer=customer_summary(order["customer"], now or utcnow()),
        complaints=complaint_lines(Complaint.order == order_id),
        events=events,
    )


# Every other OrderDetail field is the order's own column of the same name.
_RELATED = {"items", "customer", "complaints", "events"}
_OWN_FIELDS = [f.name for f in fields(OrderDetail) if f.name not in _RELATED]
