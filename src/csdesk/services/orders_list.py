"""The Pesanan list: every order, searchable and filterable, fast at a million rows.

`ids()` is one indexed query returning ints straight from the cursor (`count()` counts the same
rows): status and date use the (status, ordered_at) and ordered_at indexes, a search goes through
the `order_search` trigram index and joins by primary key. `rows()` reads one page with one query, joined to the customer
for the buyer's name when the marketplace gave none.

The search box also finds orders by what was bought: an order matches when every word is in
its own fields (number, resi, buyer, recipient, phone) or every word is in one of its items
(product, SKU, variant), through `item_search` on SQLite and ILIKE on PostgreSQL.

Deadlines are the shop's: a `to_ship` order whose ship-by time has passed is late, one due
before the end of the shop's day is due today. Rows carry that flag and a sentence for it, so
the table can mark the cell with more than a colour.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import peewee as pw

from csdesk.models import Customer, Order, OrderItem
from csdesk.models.orders import ORDER_STATUSES
from csdesk.services import customers_list, fmt, segments, text_match
from csdesk.services.labels import MARKETPLACE_LABELS, ORDER_STATUS_LABELS, label
from csdesk.services.list_sql import (
    ALL,
    Clock,
    choices,
    chunked,
    count_rows,
    date_range_bounds,
    date_range_filter,
    day_bounds,
    default_clock,
    fetch_dicts,
    fetch_ids,
    fetch_tuples,
    order_by,
    shop_zone,
    useful_limit,
    where_all,
)
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row

DEADLINE_LABELS = {"late": "Terlambat dikirim", "due_today": "Kirim hari ini"}

ITEM_COLUMNS = (OrderItem.product, OrderItem.sku, OrderItem.variant)

SEARCH_COLUMNS = (
    Order.order_no,
    Order.tracking_no,
    Order.buyer_name,
    Order.buyer_username,
    Order.recipient,
    Order.phone,
)


def search_condition(text: str, newest: int | None = None) -> pw.Expression | None:
    """Orders whose number, tracking number, buyer, recipient or phone contain `text`
    (`newest`: see text_match.condition)."""
    terms = text_match.parse(text)
    if terms is None:
        return None
    return text_match.condition(
        terms,
        table="order_search",
        id_column=Order.id,
        like=lambda word: text_match.like_any(SEARCH_COLUMNS, word),
        newest=newest,
    )


def item_hits(text: str) -> pw.Select | None:
    """The order ids having an item whose product name, SKU or variant contain every word of
    `text` (one item holds them all, as an item is what people describe)."""
    terms = text_match.parse(text)
    if terms is None:
        return None
    items = text_match.condition(
        terms,
        table="item_search",
        id_column=OrderItem.id,
        like=lambda word: text_match.like_any(ITEM_COLUMNS, word),
    )
    return OrderItem.select(OrderItem.order).where(items)


def list_search_condition(text: str) -> pw.Expression | None:
    """The Pesanan search: the order's own fields (search_condition), one of its items, or its
    buyer's phone in another format (customers_list.phone_customers). All
    hit lists are joined by UNION in one id subquery, so each side keeps its own index."""
    own = search_condition(text)
    items = item_hits(text)
    if own is None or items is None:
        return None
    hits = Order.select(Order.id).where(own) | items
    by_phone = customers_list.phone_customers(text)
    if by_phone is not None:  # the buyer's phone typed in another format than the file's
        hits |= Order.select(Order.id).where(Order.customer.in_(by_phone))
    return Order.id.in_(hits)


def deadline_flag(
    status: str, ship_by: dt.datetime | None, now: dt.datetime, zone: str
) -> tuple[str, str]:
    """("late", "Terlambat 2 hari"), ("due_today", "Kirim hari ini, sebelum 17.00 WIB") or
    ("", "") for an order that has nothing to ship or time to spare. Days are the shop's
    calendar days: due yesterday evening is a day late this morning."""
    if status != "to_ship" or ship_by is None:
        return "", ""
    if ship_by < now:
        days = (fmt.to_local(now, zone).date() - fmt.to_local(ship_by, zone).date()).days
        if days >= 1:
            return "late", f"Terlambat {days} hari"
        hours = max(1, int((now - ship_by).total_seconds() // 3600))
        return "late", f"Terlambat {hours} jam"
    _start, end = day_bounds(now, zone)
    if ship_by < end:
        return "due_today", f"Kirim hari ini, sebelum {fmt.to_local(ship_by, zone):%H.%M} {zone}"
    return "", ""


CountsKey = tuple[str, tuple[tuple[str, str], ...]]


def _without_status(query: ListQuery) -> CountsKey:
    """What the per-status counts depend on: the search and every filter but the status."""
    filters = tuple(sorted((k, v) for k, v in query.filters.items() if k != "status"))
    return query.search.strip(), filters


def _buyer() -> pw.ColumnBase:
    """The buyer as shown: the marketplace's buyer name, else the customer's name."""
    return pw.fn.COALESCE(pw.fn.NULLIF(Order.buyer_name, ""), Customer.name, "")


class OrderListSource:
    columns = (
        Column("order_no", "No. Pesanan", width=230),
        Column("marketplace", "Marketplace", width=110),
        Column("status", "Status", "badge", width=116),
        Column("ordered_at", "Tanggal", "datetime", width=130),
        Column("ship_by", "Kirim Sebelum", "datetime", width=130),
        Column("buyer", "Pembeli", width=150),
        Column("recipient", "Penerima", width=150),
        Column("city", "Kota", width=110),
        Column("courier", "Kurir", width=100),
        Column("tracking_no", "No. Resi", width=150),
        Column("total", "Total", "money", width=110),
    )
    filters = (
        Filter("status", "Status", choices(ORDER_STATUS_LABELS)),
        Filter("marketplace", "Marketplace", choices(MARKETPLACE_LABELS)),
        date_range_filter("ordered", "Tanggal"),
        Filter(
            "deadline",
            "Batas kirim",
            (ALL, *(Choice(k, v) for k, v in DEADLINE_LABELS.items())),
        ),
    )

    def __init__(self, now: Clock | None = None):
        self._now = default_clock(now)
        self._status_counts: dict[CountsKey, dict[str, int]] = {}
        self._counts_generation = 0

    def badge_label(self, column_key: str, value: str) -> str:
        return label(ORDER_STATUS_LABELS, value)

    def conditions(self, query: ListQuery, *, with_status: bool = True) -> list[pw.Expression]:
        conditions: list[pw.Expression] = []
        found = list_search_condition(query.search)
        if found is not None:
            conditions.append(found)
        status = query.filters.get("status")
        if status and with_status:
            conditions.append(Order.status == status)
        marketplace = query.filters.get("marketplace")
        if marketplace:
            conditions.append(Order.marketplace == marketplace)
        ordered = query.filters.get("ordered")
        if ordered:
            start, end = date_range_bounds(ordered, self._now(), shop_zone())
            conditions += [Order.ordered_at >= start, Order.ordered_at < end]
        deadline = query.filters.get("deadline")
        if deadline == "late":
            conditions += [Order.status == "to_ship", Order.ship_by < self._now()]
        elif deadline == "due_today":
            start, end = day_bounds(self._now(), shop_zone())
            conditions += [Order.status == "to_ship", Order.ship_by >= start, Order.ship_by < end]
        return conditions

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        sortable: dict[str, pw.ColumnBase] = {
            "order_no": Order.order_no,
            "marketplace": Order.marketplace,
            "status": Order.status,
            "ordered_at": Order.ordered_at,
            "ship_by": Order.ship_by,
            "buyer": _buyer(),
            "recipient": Order.recipient,
            "city": Order.city,
            "courier": Order.courier,
            "tracking_no": Order.tracking_no,
            "total": Order.total,
        }
        select = Order.select(Order.id)
        if query.sort == "buyer":
            select = select.join(Customer, pw.JOIN.LEFT_OUTER, on=(Order.customer == Customer.id))
        select = where_all(select, self.conditions(query))
        natural = [Order.ordered_at.desc(), Order.id.desc()]
        keys = order_by(query, sortable, natural, Order.id)
        if query.sort == "ship_by":
            # Orders without a deadline after those with one, whichever the direction.
            keys.insert(0, Order.ship_by.is_null())
        ordered = select.order_by(*keys)
        return fetch_ids(ordered.limit(useful_limit(query, limit)))

    def count(self, query: ListQuery) -> int:
        """Rows of `query`; for a status tab, taken from the last count_by_status of the same
        search and filters when there is one (a tab switch then counts nothing)."""
        status = query.filters.get("status")
        if status:
            known = self._status_counts.get(_without_status(query))
            if known is not None and status in known:
                return known[status]
        select = Order.select(Order.id)
        select = where_all(select, self.conditions(query))
        return count_rows(select)

    def count_by_status(self, query: ListQuery) -> dict[str, int]:
        """Orders per status for the query without its status filter (the tabs' counts).
        Kept for count() until forget_counts(); safe to call on a worker thread."""
        generation = self._counts_generation
        counts = dict.fromkeys(ORDER_STATUSES, 0)
        select = Order.select(Order.status, pw.fn.COUNT(Order.id))
        select = where_all(select, self.conditions(query, with_status=False))
        for status, count in fetch_tuples(select.group_by(Order.status)):
            counts[str(status)] = int(count)
        if generation == self._counts_generation:  # not counted across a forget_counts()
            self._status_counts[_without_status(query)] = dict(counts)
        return counts

    def forget_counts(self) -> None:
        """The kept counts may be out of date (orders imported or edited)."""
        self._counts_generation += 1
        self._status_counts.clear()

    def numbers(self, ids: Sequence[int]) -> list[tuple[str, str]]:
        """(order number, tracking number) of each id, in the order of `ids` (unknown ids
        left out): what "Salin nomor pesanan/resi" copies."""
        found: dict[int, tuple[str, str]] = {}
        for chunk in chunked(ids):
            select = Order.select(Order.id, Order.order_no, Order.tracking_no)
            for order_id, order_no, tracking_no in fetch_tuples(select.where(Order.id.in_(chunk))):
                found[int(order_id)] = (str(order_no), str(tracking_no or ""))
        return [found[i] for i in ids if i in found]

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        """Display values by id; besides the columns, `deadline` ("late", "due_today" or "")
        and `deadline_note` (its sentence, see deadline_flag)."""
        now, zone = self._now(), shop_zone()
        rules = segments.rules()
        result: dict[int, Row] = {}
        for chunk in chunked(ids):
            select = (
                Order.select(
                    Order.id,
                    Order.order_no,
                    Order.marketplace,
                    Order.status,
                    Order.ordered_at,
                    Order.ship_by,
                    _buyer().alias("buyer"),
                    Customer.order_count.alias("customer_orders"),
                    Customer.lifetime_value.alias("customer_value"),
                    Order.recipient,
                    Order.city,
                    Order.courier,
                    Order.service,
                    Order.tracking_no,
                    Order.total,
                )
                .join(Customer, pw.JOIN.LEFT_OUTER, on=(Order.customer == Customer.id))
                .where(Order.id.in_(chunk))
            )
            for record in fetch_dicts(select):
                result[record["id"]] = _row(record, now, zone)
                loyal = segments.is_loyal(
                    record["customer_orders"], record["customer_value"], rules
                )
                row = result[record["id"]]
                row["loyal"] = loyal
                row["buyer"] = segments.with_loyal_mark(row["buyer"], loyal)
        return result


def _row(record: dict[str, Any], now: dt.datetime, zone: str) -> Row:
    courier = " ".join(part for part in (record["courier"], record["service"]) if part)
    deadline, note = deadline_flag(record["status"], record["ship_by"], now, zone)
    return {
        "deadline": deadline,
        "deadline_note": note,
        "order_no": record["order_no"],
        "marketplace": label(MARKETPLACE_LABELS, record["marketplace"]),
        "status": record["status"],
        "ordered_at": record["ordered_at"],
        "ship_by": record["ship_by"],
        "buyer": record["buyer"],
        "recipient": record["recipient"],
        "city": record["city"],
        "courier": courier,
        "tracking_no": record["tracking_no"],
        "total": int(record["total"]),
    }
