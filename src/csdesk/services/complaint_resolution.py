"""Settling a complaint: the replacement order for "ganti barang", and the apology/solution
reply from the shop's quick replies.

A replacement is a manual order (`WA-2026-0014`) for the complaint's customer with the items the
complaint names (else the whole order's items) at Rp0, shipped where the original order went,
confirmed at once with its stock taken ("Pengganti (gratis)", never a COD). The complaint records
it (`replacement_order`), its resolution becomes "ganti barang", and its cost is what the shop
gives away: the items at their original price plus the shipping the shop pays. One transaction;
a complaint already replaced is refused rather than sent twice.

The reply is the quick reply that fits where the complaint stands (REPLY_FOR: the resolution's,
else an apology, or the unboxing-video request while a damaged/missing/wrong-item complaint still
lacks its video), filled for the customer and the order (the replacement for /ganti). It is
text for the admin to send: nothing is sent by itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from csdesk.errors import NotFoundError, ValidationError
from csdesk.models import Complaint, ComplaintEvent, Order, OrderItem, database_proxy
from csdesk.models.base import fk_id
from csdesk.services import fmt, templates
from csdesk.services.complaint_evidence import checklist
from csdesk.services.complaints import CONFLICT, complaint_items
from csdesk.services.locking import update_versioned
from csdesk.services.manual_orders import (
    ItemDraft,
    ManualOrderDraft,
    create_manual_order,
    shipping_from_customer,
)
from csdesk.services.templates_default import DEFAULT_TEMPLATES

REPLY_FOR = {
    "replacement": "/ganti",
    "refund": "/refund",
    "partial_refund": "/refund",
    "compensation": "/kompensasi",
    "explanation": "/maaf",
}


@dataclass(frozen=True)
class Replacement:
    order_id: int
    order_no: str
    cost: int  # items at their original price + the shipping the shop pays
    version: int  # the complaint's new version


@dataclass(frozen=True)
class Reply:
    shortcut: str
    title: str
    text: str
    missing: list[str]  # placeholders nothing filled (shown as a warning before sending)


def _complaint(complaint_id: int) -> Complaint:
    complaint = Complaint.get_or_none(Complaint.id == complaint_id)
    if complaint is None:
        raise NotFoundError(f"Keluhan #{complaint_id} tidak ditemukan")
    return complaint


def replacement_items(complaint: Complaint) -> list[tuple[ItemDraft, int]]:
    """(the replacement's item at Rp0, what that item cost the buyer) for each item."""
    chosen = complaint_items(complaint.id)
    prices: dict[int, int] = {}
    order_id = fk_id(complaint, "order")
    if order_id is not None:
        for item in OrderItem.select().where(OrderItem.order == order_id):
            prices[item.id] = item.unit_price
    if chosen:
        return [
            (
                ItemDraft(product=i.product, variant=i.variant, sku=i.sku, quantity=i.quantity),
                prices.get(i.order_item_id or 0, 0) * i.quantity,
            )
            for i in chosen
        ]
    if order_id is None:
        raise ValidationError(
            "Keluhan ini belum menyebut pesanan atau barang; pilih barang yang diganti dulu"
        )
    return [
        (
            ItemDraft(product=i.product, variant=i.variant, sku=i.sku, quantity=i.quantity),
            i.unit_price * i.quantity,
        )
        for i in OrderItem.select().where(OrderItem.order == order_id).order_by(OrderItem.id)
    ]


def replacement_draft(complaint_id: int, shipping_cost: int = 0) -> tuple[ManualOrderDraft, int]:
    """The replacement order as it will be made, and the value of its items."""
    complaint = _complaint(complaint_id)
    customer_id = fk_id(complaint, "customer")
    if customer_id is None:
        raise ValidationError("Keluhan ini belum punya pelanggan")
    draft = shipping_from_customer(customer_id)
    original = Order.get_or_none(Order.id == fk_id(complaint, "order"))
    if original is not None and original.address:
        draft.recipient, draft.phone = original.recipient, original.phone
        draft.address, draft.city, draft.province = (
            original.address,
            original.city,
            original.province,
        )
        draft.courier, draft.service = original.courier, original.service
    items = replacement_items(complaint)
    draft.items = [item for item, _value in items]
    draft.channel = "other"
    draft.payment = "replacement"
    draft.seller_note = f"Barang pengganti untuk keluhan {complaint.code}"
    draft.shipping_fee = 0  # the buyer pays nothing; the shop's shipping is the complaint's cost
    if shipping_cost < 0:
        raise ValidationError("Ongkir pengganti tidak boleh negatif")
    return draft, sum(value for _item, value in items)


def create_replacement_order(
    complaint_id: int, *, author: str, expected_version: int, shipping_cost: int = 0
) -> Replacement:
    """Make the replacement order and settle the complaint as "ganti barang" (module rules)."""
    draft, value = replacement_draft(complaint_id, shipping_cost)
    with database_proxy.atomic():
        complaint = _complaint(complaint_id)
        existing = fk_id(complaint, "replacement_order")
        if existing is not None:
            order = Order.get_or_none(Order.id == existing)
            number = order.order_no if order is not None else f"#{existing}"
            raise ValidationError(
                f"Keluhan {complaint.code} sudah punya pesanan pengganti {number}"
            )
        order_id = create_manual_order(draft, author=author)
        cost = value + shipping_cost
        version = update_versioned(
            Complaint,
            complaint_id,
            expected_version,
            {"replacement_order": order_id, "resolution": "replacement", "refund_amount": 0,
             "cost": cost},
            conflict_message=CONFLICT,
            missing_message=f"Keluhan #{complaint_id} tidak ditemukan",
        )  # fmt: skip
        order_no = Order.get_by_id(order_id).order_no
        ComplaintEvent.create(
            complaint=complaint_id,
            kind="resolution",
            author=author,
            detail=f"Ganti barang: pesanan pengganti {order_no}, biaya {fmt.rupiah(cost)}",
        )
    return Replacement(order_id, order_no, cost, version)


def _template(shortcut: str) -> tuple[str, str]:
    found = templates.find_by_shortcut(shortcut)
    if found is not None:
        return found.title, found.body
    seed = next(s for s in DEFAULT_TEMPLATES if s.shortcut == shortcut)
    return seed.title, seed.body


def reply_shortcut(complaint: Complaint) -> str:
    if complaint.resolution in REPLY_FOR:
        return REPLY_FOR[complaint.resolution]
    lacking_video = any(
        item.needs == "video" and not item.done for item in checklist(int(complaint.id))
    )
    return "/unboxing" if lacking_video else "/maaf"


def reply(complaint_id: int) -> Reply:
    """The reply that fits the complaint now, filled for its customer and order."""
    complaint = _complaint(complaint_id)
    shortcut = reply_shortcut(complaint)
    order_id = fk_id(complaint, "order")
    if shortcut == "/ganti":
        order_id = fk_id(complaint, "replacement_order") or order_id
    title, body = _template(shortcut)
    filled = templates.fill(body, templates.context_for(fk_id(complaint, "customer"), order_id))
    return Reply(shortcut, title, filled.text, filled.missing)
