"""`csdesk report complaints OUT.xlsx [--month YYYY-MM]` as a user runs it, and the workbook's
cells: the month's numbers, Pareto percentages, Rupiah and dates as real cells, text kept text."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
import pytest
from test_cli import digest, run

from csdesk.models import Complaint, Customer, Order
from csdesk.services.complaints_report import month_report
from csdesk.services.exporting.complaints_xlsx import export_complaints_report


def wib(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2026, 11, day, hour) - dt.timedelta(hours=7)


@pytest.fixture
def november(db: object) -> None:
    sari = Customer.create(name='=HYPERLINK("http://x")')  # a name that looks like a formula
    order = Order.create(marketplace="shopee", order_no="S1", status="completed",
                         ordered_at=wib(1, 9), courier="JNE", customer=sari)  # fmt: skip
    Complaint.create(code="KL-2026-0001", category="damaged", created_at=wib(2, 10), order=order,
                     customer=sari, status="resolved", resolved_at=wib(3, 12),
                     resolution="refund", refund_amount=75_000, cost=75_000)  # fmt: skip
    Complaint.create(code="KL-2026-0002", category="damaged", created_at=wib(9, 10),
                     customer=sari, status="new", due_at=wib(16, 10))  # fmt: skip
    Complaint.create(code="KL-2026-0003", category="late", created_at=wib(10, 8), order=order,
                     customer=sari, status="waiting_courier")  # fmt: skip


def test_the_workbook_holds_the_months_numbers(november: None, tmp_path: Path) -> None:
    out = tmp_path / "keluhan.xlsx"
    assert export_complaints_report(out, month_report(dt.date(2026, 11, 1))) == 3
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == [
        "Ringkasan", "Kategori", "Produk", "Kurir", "Marketplace", "Waktu penyelesaian",
        "Pelanggan berulang", "Daftar keluhan",
    ]  # fmt: skip
    summary = {row[0]: row[1] for row in book["Ringkasan"].iter_rows(min_row=3, values_only=True)}
    assert summary["Keluhan masuk"] == 3
    assert summary["Total refund"] == 75_000
    assert summary["Median waktu penyelesaian (jam)"] == pytest.approx(26.0)
    categories = list(book["Kategori"].iter_rows(min_row=2, values_only=True))
    assert categories == [("Rusak", 2, pytest.approx(2 / 3), pytest.approx(2 / 3)),
                          ("Terlambat", 1, pytest.approx(1 / 3), 1.0)]  # fmt: skip
    assert book["Kategori"]["C2"].number_format == "0.0%"
    listing = book["Daftar keluhan"]
    first = [cell.value for cell in listing[2]]
    assert first[0] == "KL-2026-0001"
    assert first[1] == dt.datetime(2026, 11, 2, 10, 0)  # WIB, a real date cell
    assert first[2] == '=HYPERLINK("http://x")'  # text, not a formula
    assert listing["C2"].data_type == "s"
    assert (first[10], listing["K2"].number_format) == (75_000, '"Rp"#,##0')
    assert [
        row[0] for row in book["Pelanggan berulang"].iter_rows(min_row=2, values_only=True)
    ] == ['=HYPERLINK("http://x")']


def test_cli_writes_the_report_and_refuses_a_bad_month(tmp_path: Path) -> None:
    db_path = tmp_path / "toko.sqlite"
    assert run("--db", str(db_path), "demo", "--orders", "120").returncode == 0
    before = digest(db_path)
    out = tmp_path / "laporan.xlsx"
    result = run("--db", str(db_path), "report", "complaints", str(out), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["file"] == str(out) and data["complaints"] == sum(data["by_category"].values())
    assert out.exists() and digest(db_path) == before  # a report changes nothing

    bad = run("--db", str(db_path), "report", "complaints", str(out), "--month", "2026-13")
    assert bad.returncode == 2
    assert "--month harus bulan YYYY-MM" in bad.stderr and "2026-13" in bad.stderr
    wrong = run("--db", str(db_path), "report", "complaints", str(tmp_path / "x.csv"))
    assert wrong.returncode == 2 and ".xlsx" in wrong.stderr
