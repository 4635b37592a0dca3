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
from csdesk.models.base import run_sql
from csdesk.models.orders import NON_REVENUE_STATUSES

# The customers to refresh, one row each: one UPDATE joins it, however many there are, where
# chunks of `IN (…)` cost more to build in peewee than to run (~1 s for 50,000 customers).
_TOUCHED = "csdesk_touched_customer"


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
    ids = [(cid,) for cid in sorted(set(customer_ids))]
    if not ids:
        return 0
    db = Customer._meta.database
    with db.atomic():
        run_sql(db, f"CREATE TEMPORARY TABLE IF NOT EXISTS {_TOUCHED} (id BIGINT PRIMARY KEY)")
        run_sql(db, f"DELETE FROM {_TOUCHED}")
        db.cursor().executemany(f"INSERT INTO {_TOUCHED} (id) VALUES ({db.param})", ids)
        touched = Customer.id.in_(pw.SQL(f"(SELECT id FROM {_TOUCHED})"))
        return int(Customer.update(figures).where(touched).execute())
