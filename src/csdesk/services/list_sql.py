"""Pieces every list source shares: running an id query on the raw cursor, the shop's day, the
'Semua' choice, date-range filters, and ordering by a column.

Id lists can hold a million entries, so they come straight from the cursor as ints; peewee only
builds the SQL (quoting and placeholders right for SQLite and PostgreSQL alike).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar, cast

import peewee as pw

from csdesk.errors import ValidationError
from csdesk.models.base import database_proxy, run_sql, utcnow
from csdesk.services import fmt, settings
from csdesk.services.listing import Choice, Filter, ListQuery

ALL = Choice("", "Semua")

DATE_PRESETS = (
    ALL,
    Choice("today", "Hari ini"),
    Choice("yesterday", "Kemarin"),
    Choice("last7", "7 hari terakhir"),
    Choice("last30", "30 hari terakhir"),
    Choice("this_month", "Bulan ini"),
    Choice("last_month", "Bulan lalu"),
)
RANGE_SEPARATOR = ".."

Clock = Callable[[], dt.datetime]


def fetch_ids(query: pw.Select) -> list[int]:
    sql, params = query.sql()
    return [row[0] for row in run_sql(database_proxy.obj, sql, params).fetchall()]


SelectT = TypeVar("SelectT", bound=pw.Select)


def where_all(select: SelectT, conditions: Sequence[pw.Expression]) -> SelectT:
    """`select` narrowed by every condition; unchanged for none (peewee's where() needs one)."""
    return select.where(*conditions) if conditions else select


def useful_limit(query: ListQuery, limit: int | None) -> int | None:
    """The `limit` worth applying to an id query: none with a search, whose matches must all be
    found and sorted anyway, so counting them apart would do that work twice."""
    return None if query.search.strip() else limit


def count_rows(query: pw.Select) -> int:
    """The number of rows `query` returns, counted by the database (its ORDER BY dropped)."""
    sql, params = query.order_by().sql()
    cursor = run_sql(database_proxy.obj, f"SELECT COUNT(*) FROM ({sql}) AS counted", params)
    return int(cursor.fetchone()[0])


def fetch_dicts(query: pw.Select) -> list[dict[str, Any]]:
    """Rows as dicts with peewee's conversions (datetimes parsed), no model objects built."""
    return cast(list[dict[str, Any]], list(query.dicts()))


def fetch_tuples(query: pw.Select) -> list[tuple[Any, ...]]:
    return cast(list[tuple[Any, ...]], list(query.tuples()))


def choices(labels: Mapping[str, str], *, keys: Sequence[str] | None = None) -> tuple[Choice, ...]:
    """'Semua' followed by one choice per key (all of `labels` in their order by default)."""
    return (ALL, *(Choice(key, labels[key]) for key in (keys or labels)))


def shop_zone() -> str:
    return settings.load().zone


def day_bounds(now_utc: dt.datetime, zone: str) -> tuple[dt.datetime, dt.datetime]:
    """Start and end (naive UTC, end excluded) of the shop-local day that contains `now_utc`."""
    local = fmt.to_local(now_utc, zone).replace(tzinfo=None)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return fmt.to_utc(start, zone), fmt.to_utc(start + dt.timedelta(days=1), zone)


def date_range_filter(key: str, label: str) -> Filter:
    """A "Tanggal"-style filter: the presets of DATE_PRESETS, or any range of days."""
    return Filter(key, label, DATE_PRESETS, kind="date_range")


def custom_range(first: dt.date, last: dt.date) -> str:
    """The filter value of the days `first` to `last`, both included (swapped if reversed)."""
    first, last = min(first, last), max(first, last)
    return f"{first.isoformat()}{RANGE_SEPARATOR}{last.isoformat()}"


def range_days(value: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day (both included) a date-range value means on the shop's `today`.

    Presets move with the day (a list left open past midnight shows the new "Hari ini" at its
    next query); `YYYY-MM-DD..YYYY-MM-DD` is fixed. Anything else is refused."""
    month_start = today.replace(day=1)
    if value == "today":
        return today, today
    if value == "yesterday":
        yesterday = today - dt.timedelta(days=1)
        return yesterday, yesterday
    if value == "last7":
        return today - dt.timedelta(days=6), today
    if value == "last30":
        return today - dt.timedelta(days=29), today
    if value == "this_month":
        return month_start, today
    if value == "last_month":
        last = month_start - dt.timedelta(days=1)
        return last.replace(day=1), last
    head, separator, tail = value.partition(RANGE_SEPARATOR)
    try:
        if not separator:
            raise ValueError(value)
        start, end = dt.date.fromisoformat(head), dt.date.fromisoformat(tail)
    except ValueError:
        raise ValidationError(f"Rentang tanggal tidak dikenali: {value!r}") from None
    return min(start, end), max(start, end)


def date_range_bounds(
    value: str, now_utc: dt.datetime, zone: str
) -> tuple[dt.datetime, dt.datetime]:
    """Start and end (naive UTC, end excluded) of a date-range value's days in the shop's zone:
    an order at 23.30 WIB belongs to that day, though it is already the next day's 16.30 UTC."""
    today = fmt.to_local(now_utc, zone).date()
    first, last = range_days(value, today)
    midnight = dt.time()
    start = fmt.to_utc(dt.datetime.combine(first, midnight), zone)
    end = fmt.to_utc(dt.datetime.combine(last + dt.timedelta(days=1), midnight), zone)
    return start, end


def default_clock(now: Clock | None) -> Clock:
    return now or utcnow


def order_by(
    query: ListQuery,
    sortable: Mapping[str, pw.ColumnBase],
    natural: Sequence[pw.Node],
    id_column: pw.Field,
) -> list[pw.Node]:
    """The ORDER BY for `query.sort` (a column key) or the source's natural order. The id is
    the last key so equal values keep a stable order between reloads.

    Empty values (NULL: no deadline, no due time) sort as SQLite sorts them, smallest: first
    going up, last going down. PostgreSQL is told so explicitly (its default is the opposite),
    so both databases list the same rows in the same order; SQLite keeps its plain ORDER BY,
    which its indexes serve.
    """
    expression = sortable.get(query.sort or "")
    if expression is None:
        return list(natural)
    postgres = isinstance(database_proxy.obj, pw.PostgresqlDatabase)
    if query.descending:
        return [expression.desc(nulls="LAST" if postgres else None), id_column.desc()]
    return [expression.asc(nulls="FIRST" if postgres else None), id_column.asc()]


# Well below SQLite's bound-parameter limit, so a caller may pass any number of ids.
CHUNK = 900


def chunked(ids: Sequence[int]) -> list[list[int]]:
    return [list(ids[start : start + CHUNK]) for start in range(0, len(ids), CHUNK)]
