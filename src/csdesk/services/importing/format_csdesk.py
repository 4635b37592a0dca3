"""csdesk's own export (`export-orders`, sheet `Pesanan`) read back as orders.

The columns are the export's (exporting.csdesk_columns), so the two sides cannot drift apart.
This file is the one format that round-trips exactly, so it is read more literally than the
marketplaces' files:
- text is kept as written (a seller note `-` stays `-`; marketplaces use `-` for "empty");
- orders are keyed by (marketplace, order number): one export may hold the same number on two
  marketplaces;
- times are in the zone the header names (`Waktu Pesanan (WITA)`), whatever the importing
  shop's zone, falling back to the shop's zone for a header without one;
- statuses and marketplaces are csdesk's own labels (or keys), not a marketplace's texts;
- `ID Pelanggan` / `Nama Pelanggan` name the customer, so an import into an empty database
  rebuilds the same customers (customers_match uses them for this format).
A row without an item (an order exported without items) adds the order only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from csdesk.services import fmt
from csdesk.services.exporting.csdesk_columns import (
    COLUMNS,
    SHEET_NAME,
    CsdeskColumn,
    header_text,
    normalize_header,
)
from csdesk.services.importing import parse
from csdesk.services.importing.formats import common
from csdesk.services.importing.records import OrderRecord, Problem
from csdesk.services.importing.registry import Format, register
from csdesk.services.importing.table import Row
from csdesk.services.labels import MARKETPLACE_LABELS, ORDER_STATUS_LABELS


def _aliases(column: CsdeskColumn) -> tuple[str, ...]:
    if column.kind != "time":
        return (column.header,)
    return (column.header, *(header_text(column, zone) for zone in fmt.ZONES))


FIELDS: dict[str, tuple[str, ...]] = {column.key: _aliases(column) for column in COLUMNS}
ORDER_TEXTS = (*common.ORDER_TEXTS, "raw_status", "customer_name")
EXACT_IDS = ("phone", "tracking_no")
ITEM_FIELDS = tuple(column.key for column in COLUMNS if column.item)


def _lookup(labels: dict[str, str]) -> dict[str, str]:
    """Label or key, case- and space-insensitive → key."""
    found = {_key(key): key for key in labels}
    found.update({_key(text): key for key, text in labels.items()})
    return found


def _key(text: str) -> str:
    return "".join(text.split()).casefold()


_MARKETPLACES = _lookup(MARKETPLACE_LABELS)
_STATUSES = _lookup(ORDER_STATUS_LABELS)


def build(rows: Iterator[Row], warnings: list[Problem]) -> list[OrderRecord]:
    orders: dict[tuple[str, str], OrderRecord] = {}
    zones: dict[str, str] = {}
    for row in rows:
        source = row.source_json()
        order_no = _exact_id(row, "order_no")
        if not order_no:
            warnings.append(row.problem("order_no", "baris tanpa nomor pesanan dilewati"))
            continue
        if not zones:
            zones.update(_time_zones(row))
        marketplace = _marketplace(row)
        order = orders.get((marketplace, order_no))
        if order is None:
            order = orders[marketplace, order_no] = _start(row, marketplace, order_no, zones)
            _set_status(order, row, warnings)
        if _has_item(row):
            order.items.append(common.item_of(row))
        order.source_rows.append(source)
    return list(orders.values())


def _start(row: Row, marketplace: str, order_no: str, zones: dict[str, str]) -> OrderRecord:
    order = OrderRecord(marketplace, order_no, status="other", first_row=row.number)
    for name in ORDER_TEXTS:
        setattr(order, name, _exact_text(row, name))
    for name in EXACT_IDS:
        setattr(order, name, _exact_id(row, name))
    for name in common.ORDER_TIMES:
        setattr(order, name, _time(row, name, zones[name]))
    if order.ordered_at is None:
        raise row.error("ordered_at", "tanggal wajib diisi")
    order.shipping_fee = row.money("shipping_fee") or 0
    order.total = row.money("total") or 0
    order.customer_id = row.count("customer_id")
    return order


def _time_zones(row: Row) -> dict[str, str]:
    """The zone of each time column, from its header; the shop's zone when it names none."""
    zones: dict[str, str] = {}
    for name in common.ORDER_TIMES:
        zone = normalize_header(row.column(name))[1] if row.has(name) else None
        zones[name] = zone or row.columns.zone
    return zones


def _time(row: Row, name: str, zone: str) -> dt.datetime | None:
    try:
        local = parse.local_time(row.cell(name))
    except ValueError as exc:
        raise row.error(name, str(exc)) from None
    if local is None:
        return None
    # Excel keeps milliseconds at best; the export writes whole seconds.
    local = (local + dt.timedelta(microseconds=500_000)).replace(microsecond=0)
    return fmt.to_utc(local, zone)


def _exact_text(row: Row, name: str) -> str:
    cell = row.cell(name)
    if cell is None:
        return ""
    return cell if isinstance(cell, str) else parse.text(cell)


def _exact_id(row: Row, name: str) -> str:
    """An id as written; a numeric cell (a re-saved file) only while it is still exact."""
    cell = row.cell(name)
    return cell if isinstance(cell, str) else row.identifier(name)


def _marketplace(row: Row) -> str:
    text = row.text("marketplace")
    found = _MARKETPLACES.get(_key(text))
    if found is None:
        known = ", ".join(MARKETPLACE_LABELS.values())
        raise row.error("marketplace", f"marketplace '{text}' tidak dikenal (pilih: {known})")
    return found


def _set_status(order: OrderRecord, row: Row, warnings: list[Problem]) -> None:
    text = row.text("status")
    status = _STATUSES.get(_key(text))
    if status is None:
        warnings.append(
            row.problem("status", f"status '{text}' tidak dikenal; diimpor sebagai 'lainnya'")
        )
        status = "other"
    order.status = status


def _has_item(row: Row) -> bool:
    return any(not parse.is_missing(row.cell(name)) for name in ITEM_FIELDS)


CSDESK = register(
    Format(
        name="csdesk",
        fields=FIELDS,
        required=("order_no", "marketplace", "status", "ordered_at"),
        build=build,
        sheet_names=(SHEET_NAME,),
    )
)
