"""The Pelanggan list out to Excel: sheet `Pelanggan`, one row per customer, in the list's order.

The caller passes the ids the list shows (`CustomerListSource.ids(query)`), so the file holds
what the seller filtered and sorted. Columns: name, nickname, phones (E.164 for real ones,
masked ones as written), emails, marketplace usernames (`shopee: sari.w`), city, orders,
lifetime value (`"Rp"#,##0`), last order (date, shop's zone), segment, tags. Text goes through
`SafeTextWriter`: a name like `=HYPERLINK(…)` stays text. Written like the orders export:
xlsxwriter in constant-memory mode, a chunk of customers at a time, into a hidden file beside
the target renamed at the end, so a cancel or a crash leaves no half-written file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter
import xlsxwriter.exceptions

from csdesk.models import Complaint, Customer, CustomerIdentity, utcnow
from csdesk.services import fmt, segments, settings
from csdesk.services.details_customers import split_tags
from csdesk.services.exporting.atomic import write_atomically
from csdesk.services.exporting.csdesk_columns import MONEY_FORMAT
from csdesk.services.exporting.orders_xlsx import (
    MAX_DATA_ROWS,
    Cancelled,
    ExportCancelled,
    ExportError,
    Progress,
)
from csdesk.services.exporting.safe_text import WORKBOOK_OPTIONS, SafeTextWriter
from csdesk.services.labels import MARKETPLACE_LABELS, SEGMENT_LABELS, label
from csdesk.services.list_sql import CHUNK, fetch_dicts, fetch_ids

SHEET_NAME = "Pelanggan"
DATE_FORMAT = "yyyy-mm-dd"
COLUMNS: tuple[tuple[str, int], ...] = (
    ("Nama", 26),
    ("Panggilan", 14),
    ("Telepon", 18),
    ("Email", 24),
    ("Marketplace", 26),
    ("Kota", 16),
    ("Pesanan", 9),
    ("Nilai belanja", 15),
    ("Pesanan terakhir", 16),
    ("Segmen", 15),
    ("Tag", 24),
)


@dataclass(frozen=True)
class CustomerExportResult:
    rows: int  # customers written


def _joined(values: list[str]) -> str:
    seen: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.append(value)
    return ", ".join(seen)


def _contacts(identities: list[dict[str, Any]]) -> tuple[str, str, str]:
    phones, emails, usernames = [], [], []
    for i in identities:
        if i["kind"] == "phone":
            real = None if i["masked"] else fmt.phone_e164(i["value"])
            phones.append(real or i["value"])
        elif i["kind"] == "email":
            emails.append(i["value"])
        elif i["kind"] == "marketplace":
            shop = label(MARKETPLACE_LABELS, i["marketplace"]) if i["marketplace"] else ""
            usernames.append(f"{shop}: {i['value']}" if shop else i["value"])
    return _joined(phones), _joined(emails), _joined(usernames)


def export_customers(
    path: str | os.PathLike[str],
    customer_ids: Sequence[int],
    *,
    now: dt.datetime | None = None,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> CustomerExportResult:
    """Write the customers `customer_ids` (in that order) to `path` (.xlsx)."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"{target} adalah folder; pilih nama file .xlsx")
    if len(customer_ids) > MAX_DATA_ROWS:
        raise ExportError(
            f"Lebih dari {MAX_DATA_ROWS:,} pelanggan: terlalu banyak untuk satu lembar Excel"
        )
    return write_atomically(
        target, lambda temp: _write(temp, customer_ids, now or utcnow(), progress, is_cancelled)
    )


def _write(
    temp: Path,
    ids: Sequence[int],
    now: dt.datetime,
    progress: Progress | None,
    is_cancelled: Cancelled | None,
) -> CustomerExportResult:
    shop = settings.load()
    rules = segments.rules()
    workbook = xlsxwriter.Workbook(str(temp), {"constant_memory": True, **WORKBOOK_OPTIONS})
    try:
        sheet = workbook.add_worksheet(SHEET_NAME)
        text = SafeTextWriter(workbook, sheet)
        money = workbook.add_format({"num_format": MONEY_FORMAT})
        day = workbook.add_format({"num_format": DATE_FORMAT})
        header = workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1})
        for col, (title, width) in enumerate(COLUMNS):
            sheet.set_column(col, col, width)
            title = f"{title} ({shop.zone})" if title == "Pesanan terakhir" else title
            sheet.write_string(0, col, title, header)
        row_no = 0
        for start in range(0, len(ids), CHUNK):
            if is_cancelled and is_cancelled():
                raise ExportCancelled()
            chunk = list(ids[start : start + CHUNK])
            identities: dict[int, list[dict[str, Any]]] = {}
            query = CustomerIdentity.select().where(CustomerIdentity.customer.in_(chunk))
            for identity in fetch_dicts(query.order_by(CustomerIdentity.id)):
                identities.setdefault(identity["customer"], []).append(identity)
            complained = set(
                fetch_ids(segments.complained_customers().where(Complaint.customer.in_(chunk)))
            )
            customers = {
                c["id"]: c for c in fetch_dicts(Customer.select().where(Customer.id.in_(chunk)))
            }
            for cid in chunk:
                c = customers.get(cid)
                if c is None:
                    continue  # deleted since the list was read
                row_no += 1
                phones, emails, usernames = _contacts(identities.get(cid, []))
                segment = segments.segment_of(
                    order_count=c["order_count"],
                    lifetime_value=c["lifetime_value"],
                    last_order_at=c["last_order_at"],
                    has_complaint=cid in complained,
                    rules=rules,
                    now=now,
                )
                for col, value in enumerate(
                    (c["name"], c["nickname"], phones, emails, usernames, c["city"])
                ):
                    text.write(row_no, col, value)
                sheet.write_number(row_no, 6, int(c["order_count"]))
                sheet.write_number(row_no, 7, int(c["lifetime_value"]), money)
                if c["last_order_at"] is not None:
                    local = fmt.to_local(c["last_order_at"], shop.zone).replace(tzinfo=None)
                    sheet.write_datetime(
                        row_no, 8, dt.datetime.combine(local.date(), dt.time()), day
                    )
                text.write(row_no, 9, label(SEGMENT_LABELS, segment))
                text.write(row_no, 10, ", ".join(split_tags(c["tags"])))
            if progress:
                progress(start + len(chunk), len(ids))
        if is_cancelled and is_cancelled():
            raise ExportCancelled()
        sheet.freeze_panes(1, 0)
        sheet.autofilter(0, 0, row_no, len(COLUMNS) - 1)
    finally:
        workbook.close()
    return CustomerExportResult(rows=row_no)
