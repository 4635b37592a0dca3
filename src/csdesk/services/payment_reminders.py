"""Who to remind to pay: unpaid manual orders, with the reminder text ready to copy.

Only manual orders are listed: Shopee, TikTok Shop, Tokopedia and Lazada remind their buyers
themselves and cancel unpaid orders on their own clock. An order is due `payment_deadline_hours`
(Pengaturan) after it was made; overdue orders come first, then the rest by due time, so the
admin works from the top. The text is the shop's `/ingatbayar` template filled for the order (a
plain reminder when the shop deleted that template); `wa_link` opens it in WhatsApp.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from urllib.parse import quote

from csdesk.models import Customer, Order, utcnow
from csdesk.services import fmt, templates
from csdesk.services import settings as shop_settings
from csdesk.services.manual_orders import MARKETPLACE, customer_phone, fk_id

FALLBACK = (
    "Halo {panggilan|kak}, pesanan {no_pesanan} sebesar {total} masih menunggu pembayaran. "
    "Kalau sudah transfer, mohon kirim bukti transfernya ya 🙏"
)


@dataclass(frozen=True)
class Reminder:
    order_id: int
    order_no: str
    customer_id: int | None
    name: str
    phone: str  # E.164, or "" when neither the order nor the customer has a real phone
    total: int
    ordered_at: dt.datetime
    due_at: dt.datetime
    overdue: bool
    text: str


def reminders(now: dt.datetime | None = None, include_later: bool = True) -> list[Reminder]:
    """Unpaid manual orders to remind: overdue first, then by due time. Without
    `include_later`, only the overdue ones."""
    now = now or utcnow()
    deadline = dt.timedelta(hours=shop_settings.load().payment_deadline_hours)
    template = templates.find_by_shortcut("/ingatbayar")
    body = template.body if template is not None else FALLBACK
    query = Order.select().where(Order.marketplace == MARKETPLACE, Order.status == "unpaid")
    if not include_later:
        query = query.where(Order.ordered_at <= now - deadline)
    result = []
    for order in query.order_by(Order.ordered_at, Order.id):
        customer_id = fk_id(order, "customer")
        customer = Customer.get_or_none(Customer.id == customer_id) if customer_id else None
        phone = fmt.phone_e164(order.phone) or (
            fmt.phone_e164(customer_phone(customer_id)) if customer_id else None
        )
        due = order.ordered_at + deadline
        result.append(
            Reminder(
                order_id=order.id,
                order_no=order.order_no,
                customer_id=customer_id,
                name=customer.name if customer else order.buyer_name or order.recipient,
                phone=phone or "",
                total=order.total,
                ordered_at=order.ordered_at,
                due_at=due,
                overdue=due <= now,
                text=templates.fill(body, templates.context_for(None, order.id)).text,
            )
        )
    return result


def wa_link(phone: str, text: str) -> str:
    """`https://wa.me/62812…?text=…` to open the chat with the text typed in; "" when the
    phone is not a real number (masked, empty, garbage)."""
    e164 = fmt.phone_e164(phone)
    if e164 is None:
        return ""
    return f"https://wa.me/{e164.lstrip('+')}?text={quote(text, safe='')}"
