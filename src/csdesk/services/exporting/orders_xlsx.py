"""Orders out to Excel: sheet `Pesanan`, one row per item, in the `csdesk` format that
`import-orders --format csdesk` reads back unchanged.

Fast at 100,000 item rows and flat in memory: xlsxwriter in `constant_memory` mode (each row
goes to disk as soon as the next starts), fed from the raw database cursor one chunk of orders
at a time; peewee only builds the SQL. Typed writes (`write_string`, `write_number`,
`write_datetime`) skip xlsxwriter's per-cell type guessing, which is also what keeps customer
text that looks like a formula as text (see `safe_text`).

All or nothing: the workbook is written to a hidden temporary file beside the target and
renamed over it at the end, so a cancel, a full disk or a crash never leaves a half-written
file under the seller's chosen name.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import peewee as pw
import xlsxwriter
import xlsxwriter.exceptions

from csdesk.errors import CsdeskError, ValidationError
from csdesk.models import Customer, Order, OrderItem
from csdesk.models.base import database_proxy, run_sql
from csdesk.models.orders import MARKETPLACES, ORDER_STATUSES
from csdesk.services import fmt, settings
from csdesk.services.exporting.atomic import ExportError as ExportError
from csdesk.services.exporting.atomic import write_atomically
from csdesk.services.exporting.csdesk_columns import (
    COLUMNS,
    MONEY_FORMAT,
    SHEET_NAME,
    TIME_FORMAT,
    header_text,
)
from csdesk.services.exporting.safe_text import WORKBOOK_OPTIONS, SafeTextWriter
from csdesk.services.labels import MARKETPLACE_LABELS, ORDER_STATUS_LABELS, label
from csdesk.services.list_sql import CHUNK, fetch_ids

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]

# Excel's last row is 1,048,576; the header takes one.
MAX_DATA_ROWS = 1_048_575


@dataclass(frozen=True)
class ExportResult:
    rows: int  # item rows written (an order without items still gets one row)
    orders: int


class ExportCancelled(CsdeskError):
    """The user cancelled; no file was written (an existing file at the target is untouched)."""

    def __init__(self) -> None:
        super().__init__("Ekspor dibatalkan; tidak ada file yang ditulis")


def export_orders(
    path: str | os.PathLike[str],
    *,
    order_ids: Sequence[int] | None = None,
    status: str | None = None,
    marketplace: str | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> ExportResult:
    """Write the orders to `path` (.xlsx). `order_ids` (the Orders panel's current list, in
    its order) or else every order, oldest first; the filters narrow either. `since`/`until`
    are shop-local days of the order's creation, both included."""
    target = Path(path)
    zone = settings.load().zone
    conditions = filter_conditions(status, marketplace, since, until, zone)
    if order_ids is None:
        query = Order.select(Order.id).where(*conditions) if conditions else Order.select(Order.id)
        ids: Sequence[int] = fetch_ids(query.order_by(Order.ordered_at, Order.id))
        conditions = []  # already applied
    else:
        ids = order_ids
    return write_atomically(
        target, lambda temp: _write(temp, ids, conditions, zone, progress, is_cancelled)
    )


def filter_conditions(
    status: str | None,
    marketplace: str | None,
    since: dt.date | None,
    until: dt.date | None,
    zone: str,
) -> list[pw.Expression]:
    """The WHERE of an export, refusing values no order can have (a typo in the CLI)."""
    conditions: list[pw.Expression] = []
    if status:
        if status not in ORDER_STATUSES:
            known = ", ".join(ORDER_STATUSES)
            raise ValidationError(f"Status tidak dikenal: {status!r} (pilih: {known})")
        conditions.append(Order.status == status)
    if marketplace:
        if marketplace not in MARKETPLACES:
            known = ", ".join(MARKETPLACES)
            raise ValidationError(f"Marketplace tidak dikenal: {marketplace!r} (pilih: {known})")
        conditions.append(Order.marketplace == marketplace)
    if since and until and since > until:
        raise ValidationError(f"Tanggal awal {since} setelah tanggal akhir {until}")
    if since:
        conditions.append(Order.ordered_at >= _day_start_utc(since, zone))
    if until:
        conditions.append(Order.ordered_at < _day_start_utc(until + dt.timedelta(days=1), zone))
    return conditions


def _day_start_utc(day: dt.date, zone: str) -> dt.datetime:
    return fmt.to_utc(dt.datetime.combine(day, dt.time()), zone)


def _select(ids: list[int], conditions: list[pw.Expression]) -> pw.Select:
    """One chunk of orders with their items (an order without items gives one row of NULLs
    on the item side) and their customer, in the columns' order after the order id."""
    fields: list[pw.Node] = [Order.id]
    for column in COLUMNS:
        if column.key == "customer_id":
            fields.append(Order.customer)
        elif column.key == "customer_name":
            fields.append(Customer.name)
        else:
            fields.append(getattr(OrderItem if column.item else Order, column.key))
    return (
        Order.select(*fields)
        .join(Customer, pw.JOIN.LEFT_OUTER, on=(Order.customer == Customer.id))
        .switch(Order)
        .join(OrderItem, pw.JOIN.LEFT_OUTER, on=(OrderItem.order == Order.id))
        .where(Order.id.in_(ids), *conditions)
        .order_by(Order.id, OrderItem.id)
    )


def order_rows(
    ids: Sequence[int], conditions: list[pw.Expression], is_cancelled: Cancelled | None
) -> Iterator[tuple[int, list[tuple[Any, ...]]]]:
    """(orders done so far, the chunk's rows in the order of `ids`), chunk by chunk."""
    db = database_proxy.obj
    for start in range(0, len(ids), CHUNK):
        if is_cancelled and is_cancelled():
            raise ExportCancelled()
        chunk = list(ids[start : start + CHUNK])
        sql, params = _select(chunk, conditions).sql()
        by_order: dict[int, list[tuple[Any, ...]]] = {}
        for row in run_sql(db, sql, params).fetchall():
            by_order.setdefault(row[0], []).append(row)
        yield start + len(chunk), [row for i in chunk for row in by_order.get(i, ())]


def _write(
    temp: Path,
    ids: Sequence[int],
    conditions: list[pw.Expression],
    zone: str,
    progress: Progress | None,
    is_cancelled: Cancelled | None,
) -> ExportResult:
    workbook = xlsxwriter.Workbook(str(temp), {"constant_memory": True, **WORKBOOK_OPTIONS})
    try:
        sheet = workbook.add_worksheet(SHEET_NAME)
        writers = _cell_writers(workbook, sheet, zone)
        header = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
        for col, column in enumerate(COLUMNS):
            sheet.set_column(col, col, column.width)
            sheet.write_string(0, col, header_text(column, zone), header)
        row_no = orders = 0
        previous = None
        for done, rows in order_rows(ids, conditions, is_cancelled):
            for row in rows:
                row_no += 1
                if row_no > MAX_DATA_ROWS:
                    raise ExportError(
                        f"Lebih dari {MAX_DATA_ROWS:,} baris item: terlalu banyak untuk satu "
                        "lembar Excel; saring pesanan dulu (status, marketplace, tanggal)"
                    )
                if row[0] != previous:
                    orders += 1
                    previous = row[0]
                for col, write in writers:
                    value = row[col + 1]
                    if value is not None:
                        write(row_no, col, value)
            if progress:
                progress(done, len(ids))
        if is_cancelled and is_cancelled():
            raise ExportCancelled()
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, row_no, len(COLUMNS) - 1)
    finally:
        workbook.close()
    return ExportResult(rows=row_no, orders=orders)


Writer = Callable[[int, int, Any], None]


def _cell_writers(workbook: Any, sheet: Any, zone: str) -> list[tuple[int, Writer]]:
    """One typed writer per column, chosen once rather than per cell."""
    text = SafeTextWriter(workbook, sheet)
    money = workbook.add_format({"num_format": MONEY_FORMAT})
    time = workbook.add_format({"num_format": TIME_FORMAT})

    def write_money(row: int, col: int, value: Any) -> None:
        sheet.write_number(row, col, int(value), money)

    def write_int(row: int, col: int, value: Any) -> None:
        sheet.write_number(row, col, int(value))

    def write_time(row: int, col: int, value: Any) -> None:
        sheet.write_datetime(row, col, shop_time(value, zone), time)

    def write_text(row: int, col: int, value: Any) -> None:
        text.write(row, col, str(value))

    def labelled(labels: dict[str, str]) -> Writer:
        def write_label(row: int, col: int, value: Any) -> None:
            text.write(row, col, label(labels, value))

        return write_label

    by_kind: dict[str, Writer] = {
        "text": write_text,
        "money": write_money,
        "int": write_int,
        "customer_id": write_int,
        "time": write_time,
        "status": labelled(ORDER_STATUS_LABELS),
        "marketplace": labelled(MARKETPLACE_LABELS),
    }
    return [(col, by_kind[column.kind]) for col, column in enumerate(COLUMNS)]


def shop_time(value: dt.datetime | str, zone: str) -> dt.datetime:
    """A stored UTC time (SQLite gives text, PostgreSQL a datetime) as the shop's naive local
    time, to the second: Excel keeps only milliseconds, whole seconds read back exactly, and
    the importer compares times without their fraction (so truncate, never round up)."""
    utc = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(value)
    return fmt.to_local(utc, zone).replace(tzinfo=None, microsecond=0)
