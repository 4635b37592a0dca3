"""The Dasbor's numbers for today, and where each one leads.

Every count is computed with the very conditions the list panels filter by (the list sources'
`conditions`), so clicking a card opens a list with exactly that many rows. `DASHBOARD_LINKS`
names, for each count, the panel and filters to open.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from csdesk.models import Complaint, Conversation, Customer, Order, utcnow
from csdesk.models.base import BaseModel
from csdesk.models.orders import NON_REVENUE_STATUSES
from csdesk.services.complaints_list import ComplaintListSource
from csdesk.services.conversations_list import ConversationListSource, is_waiting
from csdesk.services.labels import CHANNEL_LABELS, label
from csdesk.services.list_sql import day_bounds, fetch_dicts, shop_zone, where_all
from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource

DASHBOARD_LINKS: dict[str, tuple[str, dict[str, str]]] = {
    "orders_to_ship": ("orders", {"status": "to_ship"}),
    "orders_late": ("orders", {"deadline": "late"}),
    "orders_due_today": ("orders", {"deadline": "due_today"}),
    "chats_waiting": ("inbox", {"view": "waiting"}),
    "chats_overdue": ("inbox", {"view": "late"}),
    "complaints_open": ("complaints", {"status": "open"}),
    "complaints_due_today": ("complaints", {"due": "today"}),
    "complaints_overdue": ("complaints", {"due": "overdue"}),
    # The order list is newest first: today's orders are at its top.
    "orders_today": ("orders", {}),
    "revenue_today": ("orders", {}),
}


@dataclass(frozen=True)
class DashboardCounts:
    orders_to_ship: int
    orders_late: int
    orders_due_today: int
    chats_waiting: int
    chats_overdue: int
    complaints_open: int
    complaints_due_today: int
    complaints_overdue: int
    revenue_today: int  # rupiah, orders placed today that count towards revenue
    orders_today: int  # orders placed today (shop-local day), whatever their status


@dataclass(frozen=True)
class WaitingChat:
    id: int
    title: str  # the customer's name, else the conversation's own title
    channel: str
    preview: str
    waiting_since: dt.datetime

    @property
    def channel_label(self) -> str:
        return label(CHANNEL_LABELS, self.channel)


def _count(model: type[BaseModel], conditions: list[pw.Expression]) -> int:
    select = where_all(model.select(model.id), conditions)
    return int(select.count())


def today(now_utc: dt.datetime | None = None) -> DashboardCounts:
    now = now_utc or utcnow()

    def clock() -> dt.datetime:
        return now

    orders = OrderListSource(now=clock)
    chats = ConversationListSource(now=clock)
    complaints = ComplaintListSource(now=clock)

    def of(key: str) -> list[pw.Expression]:
        panel, filters = DASHBOARD_LINKS[key]
        query = ListQuery(filters=dict(filters))
        if panel == "orders":
            return orders.conditions(query)
        if panel == "inbox":
            return chats.conditions(query)
        return complaints.conditions(query)

    start, end = day_bounds(now, shop_zone())
    placed_today = (Order.ordered_at >= start) & (Order.ordered_at < end)
    revenue = (
        Order.select(pw.fn.COALESCE(pw.fn.SUM(Order.total), 0))
        .where(placed_today, Order.status.not_in(NON_REVENUE_STATUSES))
        .scalar()
    )
    return DashboardCounts(
        orders_to_ship=_count(Order, of("orders_to_ship")),
        orders_late=_count(Order, of("orders_late")),
        orders_due_today=_count(Order, of("orders_due_today")),
        chats_waiting=_count(Conversation, of("chats_waiting")),
        chats_overdue=_count(Conversation, of("chats_overdue")),
        complaints_open=_count(Complaint, of("complaints_open")),
        complaints_due_today=_count(Complaint, of("complaints_due_today")),
        complaints_overdue=_count(Complaint, of("complaints_overdue")),
        revenue_today=int(revenue),
        orders_today=_count(Order, [placed_today]),
    )


def recent_waiting(limit: int = 8) -> list[WaitingChat]:
    """The conversations waiting longest for the shop's answer, longest first."""
    select = (
        Conversation.select(
            Conversation.id,
            pw.fn.COALESCE(Customer.name, Conversation.title).alias("title"),
            Conversation.channel,
            Conversation.last_message_preview.alias("preview"),
            Conversation.waiting_since,
        )
        .join(Customer, pw.JOIN.LEFT_OUTER, on=(Conversation.customer == Customer.id))
        .where(is_waiting())
        .order_by(Conversation.waiting_since, Conversation.id)
        .limit(limit)
    )
    return [WaitingChat(**row) for row in fetch_dicts(select)]
