"""The month's complaint report as a workbook (`csdesk report complaints OUT.xlsx`, the Laporan
panel's "Ekspor ke Excel…").

Sheets: Ringkasan (the month's figures), Kategori, Produk, Kurir, Marketplace (Pareto: count,
share and cumulative share as percentages), Waktu penyelesaian, Pelanggan berulang, Daftar
keluhan (every complaint of the month). Rupiah are numbers with a Rupiah format, dates are date
cells in the shop's zone, text goes through SafeTextWriter (a `=…` name stays text), and the
file is written beside the target and renamed at the end (exporting/atomic.py).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import xlsxwriter

from csdesk.services.complaints_report import ComplaintReport, ParetoRow
from csdesk.services.exporting.atomic import write_atomically
from csdesk.services.exporting.csdesk_columns import MONEY_FORMAT
from csdesk.services.exporting.orders_xlsx import shop_time
from csdesk.services.exporting.safe_text import WORKBOOK_OPTIONS, SafeTextWriter
from csdesk.services.labels import COMPLAINT_STATUS_LABELS, RESOLUTION_LABELS, label

PARETO_SHEETS = (
    ("Kategori", "Kategori", "by_category"),
    ("Produk", "Produk / SKU", "by_product"),
    ("Kurir", "Kurir", "by_courier"),
    ("Marketplace", "Marketplace", "by_marketplace"),
)


def export_complaints_report(path: str | os.PathLike[str], report: ComplaintReport) -> int:
    """Write `report` to `path`; returns the number of complaints listed."""
    write_atomically(Path(path), lambda temp: _write(temp, report))
    return len(report.complaints)


def _write(temp: Path, report: ComplaintReport) -> None:
    workbook = xlsxwriter.Workbook(str(temp), WORKBOOK_OPTIONS)
    formats = {
        "bold": workbook.add_format({"bold": True}),
        "head": workbook.add_format({"bold": True, "bg_color": "#E8EEF7", "border": 1}),
        "title": workbook.add_format({"bold": True, "font_size": 14}),
        "money": workbook.add_format({"num_format": MONEY_FORMAT}),
        "pct": workbook.add_format({"num_format": "0.0%"}),
        "hours": workbook.add_format({"num_format": "0.0"}),
        "date": workbook.add_format({"num_format": "yyyy-mm-dd hh:mm"}),
    }
    _summary(workbook, report, formats)
    for sheet_name, caption, attribute in PARETO_SHEETS:
        _pareto(workbook, sheet_name, caption, getattr(report, attribute), formats)
    _times(workbook, report, formats)
    _repeaters(workbook, report, formats)
    _complaints(workbook, report, formats)
    workbook.close()


def _header(sheet: Any, titles: list[tuple[str, int]], head: Any) -> None:
    for col, (title, width) in enumerate(titles):
        sheet.set_column(col, col, width)
        sheet.write_string(0, col, title, head)
    sheet.freeze_panes(1, 0)


def _summary(workbook: Any, report: ComplaintReport, formats: dict[str, Any]) -> None:
    sheet = workbook.add_worksheet("Ringkasan")
    sheet.set_column(0, 0, 38)
    sheet.set_column(1, 1, 18)
    sheet.write_string(
        0, 0, f"Laporan keluhan {report.month_label} ({report.zone})", formats["title"]
    )
    overall = report.overall_time
    rows: list[tuple[str, Any, str]] = [
        ("Keluhan masuk", report.total, ""),
        ("Selesai/ditolak dalam bulan ini", report.settled_in_month, ""),
        ("Masih terbuka di akhir bulan", report.open_at_end, ""),
        ("Lewat tenggat di akhir bulan", report.overdue_at_end, ""),
        ("Median waktu penyelesaian (jam)", overall.median_hours, "hours"),
        ("Rata-rata waktu penyelesaian (jam)", overall.mean_hours, "hours"),
        ("Total refund", report.refund_total, "money"),
        ("Ganti barang (jumlah)", report.replacements, ""),
        ("Biaya ganti barang", report.replacement_cost, "money"),
        ("Biaya kompensasi", report.compensation_cost, "money"),
        ("Total biaya keluhan", report.total_cost, "money"),
        ("Pelanggan yang berulang mengeluh (90 hari)", len(report.repeat_complainers), ""),
    ]
    for n, (caption, value, kind) in enumerate(rows, start=2):
        sheet.write_string(n, 0, caption, formats["bold"])
        if value is None:
            sheet.write_string(n, 1, "—")
        else:
            sheet.write_number(n, 1, value, formats.get(kind))


def _pareto(
    workbook: Any, name: str, caption: str, rows: list[ParetoRow], formats: dict[str, Any]
) -> None:
    sheet = workbook.add_worksheet(name)
    _header(
        sheet, [(caption, 40), ("Jumlah", 10), ("Porsi", 10), ("Kumulatif", 12)], formats["head"]
    )
    text = SafeTextWriter(workbook, sheet)
    for n, row in enumerate(rows, start=1):
        text.write(n, 0, row.label)
        sheet.write_number(n, 1, row.count)
        sheet.write_number(n, 2, row.share, formats["pct"])
        sheet.write_number(n, 3, row.cumulative, formats["pct"])


def _times(workbook: Any, report: ComplaintReport, formats: dict[str, Any]) -> None:
    sheet = workbook.add_worksheet("Waktu penyelesaian")
    titles = [("Kategori", 28), ("Selesai", 10), ("Median (jam)", 14), ("Rata-rata (jam)", 16)]
    _header(sheet, titles, formats["head"])
    for n, time in enumerate(report.resolution_times, start=1):
        sheet.write_string(n, 0, time.label)
        sheet.write_number(n, 1, time.settled)
        for col, value in ((2, time.median_hours), (3, time.mean_hours)):
            if value is None:
                sheet.write_string(n, col, "—")
            else:
                sheet.write_number(n, col, value, formats["hours"])


def _repeaters(workbook: Any, report: ComplaintReport, formats: dict[str, Any]) -> None:
    sheet = workbook.add_worksheet("Pelanggan berulang")
    _header(sheet, [("Pelanggan", 30), ("Keluhan (90 hari)", 18)], formats["head"])
    text = SafeTextWriter(workbook, sheet)
    for n, who in enumerate(report.repeat_complainers, start=1):
        text.write(n, 0, who.name)
        sheet.write_number(n, 1, who.complaints)


def _complaints(workbook: Any, report: ComplaintReport, formats: dict[str, Any]) -> None:
    sheet = workbook.add_worksheet("Daftar keluhan")
    titles = [
        ("Kode", 14), (f"Dibuat ({report.zone})", 17), ("Pelanggan", 24), ("Kategori", 20),
        ("Status", 18), ("No. Pesanan", 24), ("Marketplace", 13), ("Kurir", 14),
        ("Produk", 40), ("Penyelesaian", 16), ("Refund", 13), ("Biaya", 13),
        (f"Selesai ({report.zone})", 17),
    ]  # fmt: skip
    _header(sheet, titles, formats["head"])
    text = SafeTextWriter(workbook, sheet)
    for n, c in enumerate(report.complaints, start=1):
        sheet.write_string(n, 0, c.code)
        sheet.write_datetime(n, 1, shop_time(c.created_at, report.zone), formats["date"])
        for col, value in (
            (2, c.customer),
            (3, c.category),
            (4, label(COMPLAINT_STATUS_LABELS, c.status)),
            (5, c.order_no),
            (6, c.marketplace),
            (7, c.courier),
            (8, c.products),
            (9, label(RESOLUTION_LABELS, c.resolution) if c.resolution else ""),
        ):
            text.write(n, col, value)
        sheet.write_number(n, 10, c.refund_amount, formats["money"])
        sheet.write_number(n, 11, c.cost, formats["money"])
        if c.resolved_at is not None:
            sheet.write_datetime(n, 12, shop_time(c.resolved_at, report.zone), formats["date"])
