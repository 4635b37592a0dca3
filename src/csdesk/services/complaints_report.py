"""Learning from complaints: one month's report (seed 004: "learn from frequent complaints").

Rules:
- A month is the shop's calendar month (WIB/WITA/WIT from Pengaturan); a complaint belongs to the
  month it was opened in (`created_at`).
- Pareto tables (category, product/SKU, courier, marketplace) count the month's complaints,
  largest first, each with its share and the cumulative share. A complaint counts once per
  product it names: the items chosen when it was opened, else every item of its order; one
  without either counts under "Tanpa barang". Courier and marketplace come from its order
  ("Tanpa pesanan" without one).
- Resolution time is from opening to `resolved_at`, for the complaints settled (selesai or
  ditolak) within the month, whenever they were opened: the median and the mean in hours,
  overall and per category.
- Money: refunds, replacement and compensation costs and the total cost of the month's
  complaints, as recorded on them.
- Repeat complainers: customers with two or more complaints in the 90 days up to the month's end.
- Open at the month's end (for the month still running: now): opened before then and not
  settled by then; overdue: of those, due before then.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

import peewee as pw

from csdesk.models import Complaint, ComplaintItem, Customer, Order, OrderItem, utcnow
from csdesk.services import fmt, settings
from csdesk.services.labels import COMPLAINT_CATEGORY_LABELS, MARKETPLACE_LABELS, label
from csdesk.services.list_sql import chunked, fetch_dicts

CLOSED = ("resolved", "rejected")
REPEAT_WINDOW_DAYS = 90
NO_ITEMS = "Tanpa barang"
NO_ORDER = "Tanpa pesanan"
NO_COURIER = "Kurir tidak tercatat"


@dataclass(frozen=True)
class ParetoRow:
    key: str
    label: str
    count: int
    share: float  # 0..1 of the month's complaints
    cumulative: float  # 0..1, largest first


@dataclass(frozen=True)
class ResolutionTime:
    key: str  # a category, or "" for all
    label: str
    settled: int
    median_hours: float | None
    mean_hours: float | None


@dataclass(frozen=True)
class RepeatComplainer:
    customer_id: int
    name: str
    complaints: int


@dataclass(frozen=True)
class ComplaintRow:
    code: str
    created_at: dt.datetime
    customer: str
    category: str
    status: str
    order_no: str
    marketplace: str
    courier: str
    products: str
    resolution: str
    refund_amount: int
    cost: int
    resolved_at: dt.datetime | None


@dataclass(frozen=True)
class ComplaintReport:
    month: dt.date  # the first day of the month
    zone: str
    total: int
    settled_in_month: int
    open_at_end: int
    overdue_at_end: int
    by_category: list[ParetoRow]
    by_product: list[ParetoRow]
    by_courier: list[ParetoRow]
    by_marketplace: list[ParetoRow]
    resolution_times: list[ResolutionTime]  # the first is "" (all categories)
    refund_total: int
    replacements: int
    replacement_cost: int
    compensation_cost: int
    total_cost: int
    repeat_complainers: list[RepeatComplainer]
    complaints: list[ComplaintRow] = field(default_factory=list)

    @property
    def month_label(self) -> str:
        return f"{fmt.MONTHS_LONG[self.month.month - 1]} {self.month.year}"

    @property
    def overall_time(self) -> ResolutionTime:
        return self.resolution_times[0]


def month_bounds(month: dt.date, zone: str) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of the shop's calendar month, in naive UTC."""
    first = month.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    start = fmt.to_utc(dt.datetime.combine(first, dt.time()), zone)
    return start, fmt.to_utc(dt.datetime.combine(following, dt.time()), zone)


def this_month(now: dt.datetime | None = None) -> dt.date:
    zone = settings.load().zone
    return fmt.to_local(now or utcnow(), zone).date().replace(day=1)


def _pareto(counts: Counter[str], labels: dict[str, str], total: int) -> list[ParetoRow]:
    rows, running = [], 0
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], labels.get(kv[0], kv[0]))):
        running += count
        rows.append(
            ParetoRow(
                key,
                labels.get(key, key),
                count,
                count / total if total else 0.0,
                running / total if total else 0.0,
            )
        )
    return rows


def _hours(rows: list[dict[str, object]]) -> tuple[float | None, float | None]:
    hours = [
        (row["resolved_at"] - row["created_at"]).total_seconds() / 3600  # type: ignore[operator]
        for row in rows
    ]
    if not hours:
        return None, None
    return statistics.median(hours), statistics.fmean(hours)


def _products(ids: list[int], order_of: dict[int, int | None]) -> dict[int, list[str]]:
    """complaint id → the products it names (items chosen, else its order's items)."""
    named: dict[int, list[str]] = defaultdict(list)
    for chunk in chunked(ids):
        for item in fetch_dicts(
            ComplaintItem.select(ComplaintItem.complaint, ComplaintItem.product, ComplaintItem.sku)
            .where(ComplaintItem.complaint.in_(chunk))
            .order_by(ComplaintItem.id)
        ):
            named[item["complaint"]].append(_product_key(item["sku"], item["product"]))
    orders = {order for cid, order in order_of.items() if cid not in named and order is not None}
    by_order: dict[int, list[str]] = defaultdict(list)
    for chunk in chunked(sorted(orders)):
        for item in fetch_dicts(
            OrderItem.select(OrderItem.order, OrderItem.product, OrderItem.sku)
            .where(OrderItem.order.in_(chunk))
            .order_by(OrderItem.id)
        ):
            by_order[item["order"]].append(_product_key(item["sku"], item["product"]))
    for cid, order in order_of.items():
        if cid not in named:
            named[cid] = by_order.get(order, []) if order is not None else []
    return {cid: list(dict.fromkeys(products)) for cid, products in named.items()}


def _product_key(sku: str, product: str) -> str:
    return f"{sku} · {product}" if sku else product


def month_report(month: dt.date | None = None, now: dt.datetime | None = None) -> ComplaintReport:
    """The report of `month` (any day in it; this month by default). See the module's rules."""
    zone = settings.load().zone
    month = (month or this_month(now)).replace(day=1)
    start, end = month_bounds(month, zone)
    query = (
        Complaint.select(
            Complaint.id,
            Complaint.code,
            Complaint.category,
            Complaint.status,
            Complaint.resolution,
            Complaint.refund_amount,
            Complaint.cost,
            Complaint.created_at,
            Complaint.resolved_at,
            Complaint.due_at,
            Complaint.order,
            Complaint.customer,
            Order.order_no,
            Order.marketplace,
            Order.courier,
            Customer.name.alias("customer_name"),
        )
        .join(Order, on=(Complaint.order == Order.id), join_type=pw.JOIN.LEFT_OUTER)
        .switch(Complaint)
        .join(Customer, on=(Complaint.customer == Customer.id), join_type=pw.JOIN.LEFT_OUTER)
    )
    rows = fetch_dicts(
        query.where(Complaint.created_at >= start, Complaint.created_at < end).order_by(
            Complaint.created_at, Complaint.id
        )
    )
    total = len(rows)
    products = _products([r["id"] for r in rows], {r["id"]: r["order"] for r in rows})

    categories: Counter[str] = Counter(r["category"] for r in rows)
    by_product: Counter[str] = Counter()
    for r in rows:
        for product in products.get(r["id"]) or [NO_ITEMS]:
            by_product[product] += 1
    couriers: Counter[str] = Counter(
        (r["courier"] or NO_COURIER) if r["order"] is not None else NO_ORDER for r in rows
    )
    markets: Counter[str] = Counter(r["marketplace"] or NO_ORDER for r in rows)

    settled = fetch_dicts(
        Complaint.select(Complaint.category, Complaint.created_at, Complaint.resolved_at).where(
            Complaint.status.in_(CLOSED),
            Complaint.resolved_at >= start,
            Complaint.resolved_at < end,
        )
    )
    times = [ResolutionTime("", "Semua kategori", len(settled), *_hours(settled))]
    by_category: dict[str, list[dict[str, object]]] = defaultdict(list)
    for row in settled:
        by_category[str(row["category"])].append(row)
    for key, group in sorted(by_category.items(), key=lambda kv: -len(kv[1])):
        times.append(
            ResolutionTime(key, label(COMPLAINT_CATEGORY_LABELS, key), len(group), *_hours(group))
        )

    cutoff = min(end, now or utcnow())
    still_open = Complaint.select(Complaint.due_at).where(
        Complaint.created_at < cutoff,
        Complaint.resolved_at.is_null() | (Complaint.resolved_at >= cutoff),
    )
    open_rows = fetch_dicts(still_open)
    overdue = sum(1 for r in open_rows if r["due_at"] is not None and r["due_at"] < cutoff)

    repeat_since = end - dt.timedelta(days=REPEAT_WINDOW_DAYS)
    repeat = fetch_dicts(
        Complaint.select(Complaint.customer, Customer.name, Complaint.id)
        .join(Customer, on=(Complaint.customer == Customer.id))
        .where(Complaint.created_at >= repeat_since, Complaint.created_at < end)
    )
    per_customer: Counter[int] = Counter(r["customer"] for r in repeat)
    names = {r["customer"]: r["name"] for r in repeat}
    repeaters = [
        RepeatComplainer(cid, names[cid], n)
        for cid, n in sorted(per_customer.items(), key=lambda kv: (-kv[1], names[kv[0]]))
        if n >= 2
    ]

    return ComplaintReport(
        month=month,
        zone=zone,
        total=total,
        settled_in_month=len(settled),
        open_at_end=len(open_rows),
        overdue_at_end=overdue,
        by_category=_pareto(categories, COMPLAINT_CATEGORY_LABELS, total),
        by_product=_pareto(by_product, {}, total),
        by_courier=_pareto(couriers, {}, total),
        by_marketplace=_pareto(markets, {**MARKETPLACE_LABELS, NO_ORDER: NO_ORDER}, total),
        resolution_times=times,
        refund_total=sum(r["refund_amount"] for r in rows),
        replacements=sum(1 for r in rows if r["resolution"] == "replacement"),
        replacement_cost=sum(r["cost"] for r in rows if r["resolution"] == "replacement"),
        compensation_cost=sum(r["cost"] for r in rows if r["resolution"] == "compensation"),
        total_cost=sum(r["cost"] for r in rows),
        repeat_complainers=repeaters,
        complaints=[
            ComplaintRow(
                code=r["code"],
                created_at=r["created_at"],
                customer=r["customer_name"] or "",
                category=label(COMPLAINT_CATEGORY_LABELS, r["category"]),
                status=r["status"],
                order_no=r["order_no"] or "",
                marketplace=label(MARKETPLACE_LABELS, r["marketplace"]) if r["marketplace"] else "",
                courier=r["courier"] or "",
                products=", ".join(products.get(r["id"], [])),
                resolution=r["resolution"],
                refund_amount=r["refund_amount"],
                cost=r["cost"],
                resolved_at=r["resolved_at"],
            )
            for r in rows
        ],
    )
