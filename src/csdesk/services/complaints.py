"""What an admin does to a complaint: open it (from a chat, an order or by hand), move its
status, record the resolution, add notes.

Every change writes a ComplaintEvent in Indonesian, so the complaint's log reads as its story.
Status and resolution changes carry the `version` the admin saw (optimistic locking).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import peewee as pw

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import (
    Complaint,
    ComplaintEvent,
    ComplaintItem,
    Conversation,
    Customer,
    Order,
    OrderItem,
    database_proxy,
    utcnow,
)
from csdesk.models.complaints import (
    COMPLAINT_CATEGORIES,
    COMPLAINT_STATUSES,
    PRIORITIES,
    RESOLUTIONS,
)
from csdesk.services import fmt, settings
from csdesk.services.details_common import OrderLine, order_lines
from csdesk.services.labels import (
    COMPLAINT_CATEGORY_LABELS,
    COMPLAINT_STATUS_LABELS,
    RESOLUTION_LABELS,
)
from csdesk.services.locking import update_versioned
from csdesk.services.manual_orders import fk_id

CONFLICT = "Komplain ini baru saja diubah oleh admin lain. Muat ulang lalu coba lagi."
CLOSED_STATUSES = ("resolved", "rejected")
REFUND_RESOLUTIONS = ("refund", "partial_refund")


def _missing(complaint_id: int) -> str:
    return f"Komplain #{complaint_id} tidak ditemukan"


def _complaint(complaint_id: int) -> Complaint:
    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    if complaint is None:
        raise NotFoundError(_missing(complaint_id))
    return complaint


# The orders offered when a complaint is opened: a buyer complains about a recent one.
CUSTOMER_ORDERS = 50
# Two desks opening a complaint at the same moment draw the same next code; the one whose
# insert hits the unique index takes the number after it.
CODE_ATTEMPTS = 5


def next_complaint_code(now: dt.datetime | None = None) -> str:
    """`KL-2026-0013`: the shop-local year of `now`, numbered after the highest code of that
    year (by value, so `KL-2026-10000` follows `KL-2026-9999`)."""
    year = fmt.to_local(now or utcnow(), settings.load().zone).year
    prefix = f"KL-{year}-"
    last = (
        Complaint.select(Complaint.code)
        .where(Complaint.code.startswith(prefix))
        .order_by(pw.fn.LENGTH(Complaint.code).desc(), Complaint.code.desc())
        .first()
    )
    number = int(last.code.rsplit("-", 1)[1]) + 1 if last is not None else 1
    return f"{prefix}{number:04d}"


def complaint_due_at(order_id: int | None = None, now: dt.datetime | None = None) -> dt.datetime:
    """When a complaint opened `now` must be settled: `now` plus the complaint window of the
    order's marketplace (`settings.complaint_window_days`; "manual" without an order).

    The clock starts when the complaint is opened, not at delivery: the marketplace's dispute
    clock runs from the buyer's claim, we keep no delivery time, and a complaint about a
    long-completed order would otherwise be overdue the moment it is written down."""
    windows = settings.load().complaint_window_days
    marketplace = "manual"
    if order_id is not None:
        order = Order.get_or_none(Order.id == order_id)
        if order is not None:
            marketplace = order.marketplace
    days = windows.get(marketplace, windows.get("manual", 7))
    return (now or utcnow()) + dt.timedelta(days=days)


def customer_orders(customer_id: int | None, include: int | None = None) -> list[OrderLine]:
    """The customer's orders a complaint may be about, newest first; `include` (the order
    the complaint comes from) is put first when it is not among them."""
    lines = order_lines(Order.customer == customer_id, CUSTOMER_ORDERS) if customer_id else []
    if include is not None and all(line.id != include for line in lines):
        lines = order_lines(Order.id == include, 1) + lines
    return lines


def _living_customer(customer_id: int | None) -> int:
    """The customer's id, or the one they were merged into (the complaint belongs to the
    person, wherever their record went)."""
    if customer_id is None:
        raise ValidationError("Pilih pelanggan yang mengeluh")
    seen: set[int] = set()
    current: int = customer_id
    while current not in seen:
        seen.add(current)
        customer = Customer.get_or_none(Customer.id == current)
        if customer is None:
            raise ValidationError(f"Pelanggan #{customer_id} tidak ditemukan")
        merged_into = fk_id(customer, "merged_into")
        if merged_into is None:
            return current
        current = merged_into
    return current


def create_complaint(
    *,
    customer_id: int | None,
    category: str,
    description: str,
    order_id: int | None = None,
    conversation_id: int | None = None,
    priority: str = "normal",
    channel: str = "",
    author: str = "",
    now: dt.datetime | None = None,
    items: Sequence[tuple[int, int]] = (),
) -> int:
    """Open a complaint (status "new") and log "Keluhan dibuat"; returns its id.

    `items`: (order item id, quantity) pairs of the order's items the complaint is about; they
    are copied (product, SKU, variant) so reports by product survive a re-import of the order.

    The code is the next `KL-<year>-NNNN`; `due_at` follows `complaint_due_at`. The order, if
    given, must be the customer's (or nobody's). Segments read complaints directly
    (`segments.complained_customers`), so the customer counts as "Pernah Komplain" at once
    with no stored figure to refresh."""
    if category not in COMPLAINT_CATEGORIES:
        raise ValidationError(f"Kategori keluhan tidak dikenal: {category}")
    if priority not in PRIORITIES:
        raise ValidationError(f"Prioritas tidak dikenal: {priority}")
    description = description.strip()
    if not description:
        raise ValidationError("Tulis dulu keluhan pelanggan")
    now = now or utcnow()
    for attempt in range(CODE_ATTEMPTS):
        try:
            with database_proxy.atomic():
                complaint_id = _create(
                    customer_id, category, description, order_id, conversation_id,
                    priority, channel, author, now,
                )  # fmt: skip
                _add_items(complaint_id, order_id, items)
                return complaint_id
        except pw.IntegrityError:
            if attempt == CODE_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _create(
    customer_id: int | None,
    category: str,
    description: str,
    order_id: int | None,
    conversation_id: int | None,
    priority: str,
    channel: str,
    author: str,
    now: dt.datetime,
) -> int:
    customer = _living_customer(customer_id)
    if order_id is not None:
        order = Order.get_or_none(Order.id == order_id)
        if order is None:
            raise ValidationError(f"Pesanan #{order_id} tidak ditemukan")
        owner = fk_id(order, "customer")
        if owner is not None and _living_customer(owner) != customer:
            raise ValidationError(f"Pesanan {order.order_no} milik pelanggan lain")
    if (
        conversation_id is not None
        and Conversation.get_or_none(Conversation.id == conversation_id) is None
    ):
        raise ValidationError(f"Percakapan #{conversation_id} tidak ditemukan")
    code = next_complaint_code(now)
    complaint = Complaint.create(
        code=code,
        customer=customer,
        order=order_id,
        conversation=conversation_id,
        category=category,
        priority=priority,
        channel=channel,
        description=description,
        due_at=complaint_due_at(order_id, now),
        created_at=now,
        updated_at=now,
    )
    ComplaintEvent.create(
        complaint=complaint.id,
        at=now,
        kind="created",
        author=author,
        detail=f"Keluhan dibuat: {COMPLAINT_CATEGORY_LABELS[category]}",
    )
    return int(complaint.id)


@dataclass(frozen=True)
class OrderItemChoice:
    id: int
    text: str  # "Gamis Aisyah (Navy, L)"
    quantity: int


def order_items(order_id: int | None) -> list[OrderItemChoice]:
    """The items of the order a complaint may name, in the order's order."""
    if order_id is None:
        return []
    return [
        OrderItemChoice(
            item.id, item.product + (f" ({item.variant})" if item.variant else ""), item.quantity
        )
        for item in OrderItem.select().where(OrderItem.order == order_id).order_by(OrderItem.id)
    ]


def _add_items(complaint_id: int, order_id: int | None, items: Sequence[tuple[int, int]]) -> None:
    if not items:
        return
    if order_id is None:
        raise ValidationError("Pilih pesanannya dulu untuk memilih barang yang dikeluhkan")
    for item_id, quantity in items:
        item = OrderItem.get_or_none(OrderItem.id == item_id, OrderItem.order == order_id)
        if item is None:
            raise ValidationError(f"Barang #{item_id} tidak ada di pesanan ini")
        if not 1 <= quantity <= max(1, item.quantity):
            raise ValidationError(
                f"Jumlah {item.product} yang dikeluhkan harus 1 sampai {max(1, item.quantity)}"
            )
        ComplaintItem.create(
            complaint=complaint_id,
            order_item_id=item_id,
            product=item.product,
            sku=item.sku,
            variant=item.variant,
            quantity=quantity,
        )


def set_due(
    complaint_id: int,
    due_at: dt.datetime | None,
    *,
    author: str,
    expected_version: int,
    now: dt.datetime | None = None,
) -> int:
    """Set the deadline by hand (naive UTC; e.g. the marketplace gave more time), or with None
    go back to the marketplace window counted from when the complaint was opened. Logged;
    returns the new version."""
    with database_proxy.atomic():
        complaint = _complaint(complaint_id)
        if due_at is None:
            opened = complaint.created_at
            due = complaint_due_at(fk_id(complaint, "order"), opened)
            detail = "Batas penyelesaian kembali ke batas marketplace"
        else:
            if due_at < complaint.created_at:
                raise ValidationError("Batas penyelesaian tidak boleh sebelum keluhan dibuat")
            due = due_at
            zone = settings.load().zone
            detail = f"Batas penyelesaian diubah ke {fmt.datetime_long(due_at, zone)}"
        version = update_versioned(
            Complaint,
            complaint_id,
            expected_version,
            {"due_at": due, "due_overridden": due_at is not None},
            conflict_message=CONFLICT,
            missing_message=_missing(complaint_id),
        )
        _log(complaint_id, "due", author, detail)
    return version


def complaint_items(complaint_id: int) -> list[ComplaintItem]:
    return list(
        ComplaintItem.select()
        .where(ComplaintItem.complaint == complaint_id)
        .order_by(ComplaintItem.id)
    )


def _log(complaint_id: int, kind: str, author: str, detail: str) -> None:
    ComplaintEvent.create(complaint=complaint_id, kind=kind, author=author, detail=detail)


def change_status(
    complaint_id: int, status: str, *, author: str, expected_version: int, note: str = ""
) -> int:
    """Move the complaint to `status`; resolved/rejected stamp `resolved_at`, reopening clears
    it. Returns the new version."""
    if status not in COMPLAINT_STATUSES:
        raise ValidationError(f"Status komplain tidak dikenal: {status}")
    with database_proxy.atomic():
        before = _complaint(complaint_id).status
        version = update_versioned(
            Complaint,
            complaint_id,
            expected_version,
            {"status": status, "resolved_at": utcnow() if status in CLOSED_STATUSES else None},
            conflict_message=CONFLICT,
            missing_message=_missing(complaint_id),
        )
        detail = (
            f"Status: {COMPLAINT_STATUS_LABELS.get(before, before)} → "
            f"{COMPLAINT_STATUS_LABELS[status]}"
        )
        if note.strip():
            detail += f"\n{note.strip()}"
        _log(complaint_id, "status", author, detail)
    return version


def set_resolution(
    complaint_id: int,
    resolution: str,
    refund_amount: int,
    cost: int,
    *,
    author: str,
    expected_version: int,
) -> int:
    """Record how the complaint is settled: replacement, (partial) refund, voucher or an
    explanation, what goes back to the customer and what it cost the shop."""
    if resolution not in RESOLUTIONS:
        raise ValidationError("Pilih penyelesaian komplain")
    if refund_amount < 0 or cost < 0:
        raise ValidationError("Nominal refund dan biaya tidak boleh negatif")
    if resolution in REFUND_RESOLUTIONS and refund_amount == 0:
        raise ValidationError("Isi nominal refund untuk penyelesaian berupa refund")
    if resolution not in REFUND_RESOLUTIONS and refund_amount:
        raise ValidationError(
            f"Nominal refund hanya untuk refund, bukan {RESOLUTION_LABELS[resolution].lower()}"
        )
    with database_proxy.atomic():
        complaint = _complaint(complaint_id)
        order = complaint.order
        order_total = order.total if order is not None else 0
        if order_total and refund_amount > order_total:
            raise ValidationError(
                f"Refund {fmt.rupiah(refund_amount)} melebihi total pesanan "
                f"{fmt.rupiah(order_total)}"
            )
        version = update_versioned(
            Complaint,
            complaint_id,
            expected_version,
            {"resolution": resolution, "refund_amount": refund_amount, "cost": cost},
            conflict_message=CONFLICT,
            missing_message=_missing(complaint_id),
        )
        detail = RESOLUTION_LABELS[resolution]
        if refund_amount:
            detail += f", refund {fmt.rupiah(refund_amount)}"
        if cost:
            detail += f", biaya {fmt.rupiah(cost)}"
        _log(complaint_id, "resolution", author, detail)
    return version


def add_note(complaint_id: int, body: str, author: str) -> None:
    """A note in the complaint's log. Notes only append, so they need no version check."""
    body = body.strip()
    if not body:
        raise ValidationError("Catatan masih kosong")
    with database_proxy.atomic():
        _complaint(complaint_id)
        _log(complaint_id, "note", author, body)
        Complaint.update(updated_at=utcnow()).where(Complaint.id == complaint_id).execute()
