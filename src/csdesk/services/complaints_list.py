"""The Komplain list: open cases and their deadlines, searchable by code, customer or order.

A shop has hundreds of complaints, not millions, so the search is a plain LIKE over the code,
the customer's name and the order number (joined), with no search table of its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Sequence

import peewee as pw

from csdesk.models import Complaint, Customer, Order
from csdesk.models.complaints import OPEN_COMPLAINT_STATUSES, PRIORITIES
from csdesk.services import text_match
from csdesk.services.labels import (
    COMPLAINT_CATEGORY_LABELS,
    COMPLAINT_STATUS_LABELS,
    PRIORITY_LABELS,
    label,
)
from csdesk.services.list_sql import (
    ALL,
    Clock,
    choices,
    chunked,
    count_rows,
    day_bounds,
    default_clock,
    fetch_dicts,
    fetch_ids,
    order_by,
    shop_zone,
    useful_limit,
    where_all,
)
from csdesk.services.listing import Choice, Column, Filter, ListQuery, Row

OPEN = "open"  # the status filter's "Terbuka": any status still needing work
DUE_LABELS = {"overdue": "Lewat batas waktu", "today": "Batas hari ini"}
BADGE_LABELS = {
    "category": COMPLAINT_CATEGORY_LABELS,
    "priority": PRIORITY_LABELS,
    "status": COMPLAINT_STATUS_LABELS,
}


def is_open() -> pw.Expression:
    return Complaint.status.in_(OPEN_COMPLAINT_STATUSES)


def is_overdue(now: dt.datetime) -> pw.Expression:
    return is_open() & (Complaint.due_at < now)


def is_due_today(now: dt.datetime, zone: str) -> pw.Expression:
    start, end = day_bounds(now, zone)
    return is_open() & (Complaint.due_at >= start) & (Complaint.due_at < end)


def _search(text: str) -> pw.Expression | None:
    terms = text_match.parse(text)
    if terms is None:
        return None
    columns = [Complaint.code, Customer.name, Order.order_no]
    return functools.reduce(
        operator.and_, [text_match.like_any(columns, word) for word in terms.words]
    )


def _priority_rank() -> pw.ColumnBase:
    return pw.Case(Complaint.priority, [(key, rank) for rank, key in enumerate(PRIORITIES)], 1)


def _joined(select: pw.ModelSelect[Complaint]) -> pw.ModelSelect[Complaint]:
    return (
        select.join(Customer, pw.JOIN.LEFT_OUTER, on=(Complaint.customer == Customer.id))
        .switch(Complaint)
        .join(Order, pw.JOIN.LEFT_OUTER, on=(Complaint.order == Order.id))
    )


class ComplaintListSource:
    columns = (
        Column("code", "Kode", width=113),
        Column("customer", "Pelanggan", width=140),
        Column("order_no", "Pesanan", width=175),
        Column("category", "Kategori", "badge", width=176),
        Column("priority", "Prioritas", "badge", width=90),
        Column("status", "Status", "badge", width=178),
        Column("due_at", "Batas Waktu", "datetime", width=130),
        Column("created_at", "Dibuat", "datetime", width=130),
    )
    filters = (
        Filter(
            "status",
            "Status",
            (ALL, Choice(OPEN, "Terbuka"), *choices(COMPLAINT_STATUS_LABELS)[1:]),
        ),
        Filter("category", "Kategori", choices(COMPLAINT_CATEGORY_LABELS)),
        Filter("due", "Batas waktu", (ALL, *(Choice(k, v) for k, v in DUE_LABELS.items()))),
    )

    def __init__(self, now: Clock | None = None):
        self._now = default_clock(now)

    def badge_label(self, column_key: str, value: str) -> str:
        return label(BADGE_LABELS.get(column_key, {}), value)

    def conditions(self, query: ListQuery) -> list[pw.Expression]:
        conditions: list[pw.Expression] = []
        found = _search(query.search)
        if found is not None:
            conditions.append(found)
        status = query.filters.get("status")
        if status == OPEN:
            conditions.append(is_open())
        elif status:
            conditions.append(Complaint.status == status)
        category = query.filters.get("category")
        if category:
            conditions.append(Complaint.category == category)
        due = query.filters.get("due")
        if due == "overdue":
            conditions.append(is_overdue(self._now()))
        elif due == "today":
            conditions.append(is_due_today(self._now(), shop_zone()))
        return conditions

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        sortable: dict[str, pw.ColumnBase] = {
            "code": Complaint.code,
            "customer": Customer.name,
            "order_no": Order.order_no,
            "category": Complaint.category,
            "priority": _priority_rank(),
            "status": Complaint.status,
            "due_at": Complaint.due_at,
            "created_at": Complaint.created_at,
        }
        natural = [Complaint.created_at.desc(), Complaint.id.desc()]
        ordered = self._select(query).order_by(*order_by(query, sortable, natural, Complaint.id))
        return fetch_ids(ordered.limit(useful_limit(query, limit)))

    def count(self, query: ListQuery) -> int:
        return count_rows(self._select(query))

    def _select(self, query: ListQuery) -> pw.Select:
        select = _joined(Complaint.select(Complaint.id))
        select = where_all(select, self.conditions(query))
        return select

    def rows(self, ids: Sequence[int]) -> dict[int, Row]:
        result: dict[int, Row] = {}
        for chunk in chunked(ids):
            select = _joined(
                Complaint.select(
                    Complaint.id,
                    Complaint.code,
                    pw.fn.COALESCE(Customer.name, "").alias("customer"),
                    pw.fn.COALESCE(Order.order_no, "").alias("order_no"),
                    Complaint.category,
                    Complaint.priority,
                    Complaint.status,
                    Complaint.due_at,
                    Complaint.created_at,
                )
            ).where(Complaint.id.in_(chunk))
            for record in fetch_dicts(select):
                result[record.pop("id")] = record
        return result
