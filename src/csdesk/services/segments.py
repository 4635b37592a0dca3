"""Customer segments: new, repeat, loyal, has complained, inactive.

The thresholds are the shop's settings (loyal from N orders or from a lifetime value, inactive
after N days without an order). The same rules exist twice, kept side by side here on purpose:
`segment_of` for one customer in Python (detail panes, the CLI), `condition` as SQL for the
customer list's filter over many thousands of rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import peewee as pw

from csdesk.models import Complaint, Customer
from csdesk.services import settings

SEGMENTS = ("baru", "berulang", "loyal", "pernah_komplain", "tidak_aktif")
# Beside a loyal customer's name in the Inbox, Pesanan and pickers: words, not colour alone.
LOYAL_MARK = "★\u00a0Loyal"


@dataclass(frozen=True)
class SegmentRules:
    loyal_min_orders: int = 3
    loyal_min_value: int = 1_000_000
    inactive_days: int = 90


def rules() -> SegmentRules:
    s = settings.load()
    return SegmentRules(s.loyal_min_orders, s.loyal_min_value, s.inactive_days)


def is_loyal(order_count: int | None, lifetime_value: int | None, rules: SegmentRules) -> bool:
    return (order_count or 0) >= rules.loyal_min_orders or (
        lifetime_value or 0
    ) >= rules.loyal_min_value


def with_loyal_mark(name: str, loyal: bool) -> str:
    """`Sari Wulandari  ★ Loyal` for a loyal customer's name in a list, else the name."""
    return f"{name}  {LOYAL_MARK}" if loyal and name else name


def segment_of(
    *,
    order_count: int,
    lifetime_value: int,
    last_order_at: dt.datetime | None,
    has_complaint: bool,
    rules: SegmentRules,
    now: dt.datetime,
) -> str:
    """The one segment shown as a customer's badge. A customer may fit several filters (a
    loyal customer is also a repeat one); the badge shows what matters most when replying:
    loyal first, then a past complaint, then gone quiet, then repeat, else new."""
    if is_loyal(order_count, lifetime_value, rules):
        return "loyal"
    if has_complaint:
        return "pernah_komplain"
    if last_order_at is not None and last_order_at < now - dt.timedelta(days=rules.inactive_days):
        return "tidak_aktif"
    if order_count >= 2:
        return "berulang"
    return "baru"


def complained_customers() -> pw.Select:
    return Complaint.select(Complaint.customer).where(Complaint.customer.is_null(False))


def condition(segment: str, rules: SegmentRules, now: dt.datetime) -> pw.Expression | None:
    """The customer list's filter for `segment` (None for an unknown key: no filtering)."""
    if segment == "baru":
        return Customer.order_count <= 1
    if segment == "berulang":
        return Customer.order_count >= 2
    if segment == "loyal":
        return (Customer.order_count >= rules.loyal_min_orders) | (
            Customer.lifetime_value >= rules.loyal_min_value
        )
    if segment == "pernah_komplain":
        return Customer.id.in_(complained_customers())
    if segment == "tidak_aktif":
        return Customer.last_order_at < now - dt.timedelta(days=rules.inactive_days)
    return None
