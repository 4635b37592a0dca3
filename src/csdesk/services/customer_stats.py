"""The order figures kept on each customer: order count, lifetime value, first and last order.

Lists and segments read these columns instead of aggregating the order table per row, so every
writer of orders (imports, merges, edits, the demo) calls `refresh_customers` for the customers
it touched. One UPDATE with correlated subqueries does the work in the database: refreshing
100,000 customers is a matter of seconds, not a Python loop.
"""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

from csdesk.models import Customer, Order
from csdesk.models.orders import NON_REVENUE_STATUSES

# Well below SQLite's bound-parameter limit, so any number of ids works.
_CHUNK = 900


def _figures() -> dict[pw.Field, pw.Node]:
    orders = Order.alias()

    def of_customer(expression: pw.Node) -> pw.Select:
        return orders.select(expression).where(orders.customer == Customer.id)

    return {
        # Every order counts here, cancelled ones too: the count matches the customer's order
        # list; only revenue (lifetime value) leaves out unpaid, cancelled and returned orders.
        Customer.order_count: of_customer(pw.fn.COUNT(orders.id)),
        Customer.lifetime_value: of_customer(pw.fn.COALESCE(pw.fn.SUM(orders.total), 0)).where(
            orders.status.not_in(NON_REVENUE_STATUSES)
        ),
        Customer.first_order_at: of_customer(pw.fn.MIN(orders.ordered_at)),
        Customer.last_order_at: of_customer(pw.fn.MAX(orders.ordered_at)),
    }


def refresh_customers(customer_ids: Iterable[int] | None = None) -> int:
    """Recompute the order figures of these customers (all when None); returns rows updated."""
    figures = _figures()
    if customer_ids is None:
        return int(Customer.update(figures).execute())
    ids = sorted(set(customer_ids))
    updated = 0
    with Customer._meta.database.atomic():
        for start in range(0, len(ids), _CHUNK):
            chunk = ids[start : start + _CHUNK]
            updated += Customer.update(figures).where(Customer.id.in_(chunk)).execute()
    return updated
