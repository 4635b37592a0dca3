"""Counts of everything in the database, for `csdesk stats` and the dashboard's totals.

Every value is a plain int so the result goes straight to JSON. The grouped counts list every
known key (zero when absent) plus any unexpected value found, so a consumer can rely on keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import peewee as pw

from csdesk.models import Complaint, Conversation, Customer, Message, Order, OrderItem
from csdesk.models.complaints import COMPLAINT_CATEGORIES, OPEN_COMPLAINT_STATUSES
from csdesk.models.orders import MARKETPLACES, NON_REVENUE_STATUSES, ORDER_STATUSES


def _count_by(field: pw.Field, known: Iterable[str]) -> dict[str, int]:
    counts = dict.fromkeys(known, 0)
    query = field.model.select(field, pw.fn.COUNT(pw.SQL("*"))).group_by(field).tuples()
    for key, count in query:
        counts[str(key)] = int(count)
    return counts


def revenue_idr() -> int:
    """Sum of the totals of orders that count towards revenue (not unpaid/cancelled/returned)."""
    total = (
        Order.select(pw.fn.COALESCE(pw.fn.SUM(Order.total), 0))
        .where(Order.status.not_in(NON_REVENUE_STATUSES))
        .scalar()
    )
    return int(total)


def collect() -> dict[str, Any]:
    """The DESIGN.md `stats --json` object, plus open complaints and complaints by category."""
    return {
        "customers": Customer.select().where(Customer.merged_into.is_null()).count(),
        "orders": Order.select().count(),
        "order_items": OrderItem.select().count(),
        "conversations": Conversation.select().count(),
        "messages": Message.select().count(),
        "complaints": Complaint.select().count(),
        "complaints_open": Complaint.select()
        .where(Complaint.status.in_(OPEN_COMPLAINT_STATUSES))
        .count(),
        "orders_by_marketplace": _count_by(Order.marketplace, MARKETPLACES),
        "orders_by_status": _count_by(Order.status, ORDER_STATUSES),
        "complaints_by_category": _count_by(Complaint.category, COMPLAINT_CATEGORIES),
        "revenue_idr": revenue_idr(),
    }
