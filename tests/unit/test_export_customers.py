"""Customers → Excel: the cells a seller sees, read back with openpyxl from a real file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import peewee as pw
import pytest
from list_factories import NOW, clock, complaint, customer, identity, order

from csdesk.services.customer_merge import merge_customers
from csdesk.services.customer_stats import refresh_customers
from csdesk.services.customers_list import CustomerListSource
from csdesk.services.exporting.csdesk_columns import MONEY_FORMAT
from csdesk.services.exporting.customers_xlsx import COLUMNS, export_customers
from csdesk.services.exporting.orders_xlsx import ExportCancelled
from csdesk.services.listing import ListQuery


@pytest.fixture
def shop(db: pw.Database) -> None:
    sari = customer("Sari Wulandari", nickname="Kak Sari", city="Bandung", tags="VIP, reseller")
    identity(sari, "phone", "0812-3456-7890", normalized="+6281234567890")
    identity(sari, "email", "sari@example.com")
    identity(sari, "marketplace", "sari.w", marketplace="shopee")
    for n, day in enumerate((1, 2, 3)):
        # 4 March 18.00 UTC is already 5 March in WIB.
        order(f"S{n}", ordered_at=dt.datetime(2025, 3, day + 1, 18), customer=sari, total=400_000)
    evil = customer('=HYPERLINK("http://x","klik")', nickname="@SUM(1)", city="-Depok")
    identity(evil, "phone", "(+62)812******32", normalized="(+62)812******32", masked=True)
    order("E1", ordered_at=dt.datetime(2025, 2, 20, 3), customer=evil, total=55_000)
    complaint("KL-2025-0003", customer=evil)
    customer("Ayu")
    twin = customer("Sari W")
    order("T1", ordered_at=dt.datetime(2025, 1, 5, 3), customer=twin, total=10_000)
    refresh_customers()
    merge_customers(sari.id, twin.id, now=NOW)


def read(path: Path) -> list[list[object]]:
    workbook = openpyxl.load_workbook(path)
    try:
        sheet = workbook["Pelanggan"]
        return [[cell.value for cell in row] for row in sheet.iter_rows()]
    finally:
        workbook.close()


def test_the_current_list_to_excel(shop: None, tmp_path: Path) -> None:
    source = CustomerListSource(now=clock)
    ids = source.ids(ListQuery())
    out = tmp_path / "pelanggan.xlsx"
    seen: list[tuple[int, int]] = []

    result = export_customers(out, ids, now=NOW, progress=lambda d, t: seen.append((d, t)))

    rows = read(out)
    assert result.rows == 3 == len(rows) - 1  # the merged-away twin is not in the list
    assert seen == [(3, 3)]
    assert rows[0] == [
        "Nama", "Panggilan", "Telepon", "Email", "Marketplace", "Kota", "Pesanan",
        "Nilai belanja", "Pesanan terakhir (WIB)", "Segmen", "Tag",
    ]  # fmt: skip
    assert len(rows[0]) == len(COLUMNS)
    assert rows[1] == [
        "Sari Wulandari", "Kak Sari", "+6281234567890", "sari@example.com", "Shopee: sari.w",
        "Bandung", 4, 1_210_000, dt.datetime(2025, 3, 5), "Loyal", "VIP, reseller",
    ]  # fmt: skip
    assert rows[2] == [
        '=HYPERLINK("http://x","klik")', "@SUM(1)", "(+62)812******32", None, None, "-Depok",
        1, 55_000, dt.datetime(2025, 2, 20), "Pernah Komplain", None,
    ]  # fmt: skip
    assert rows[3] == ["Ayu", None, None, None, None, None, 0, 0, None, "Baru", None]


def test_formula_like_text_stays_text(shop: None, tmp_path: Path) -> None:
    out = tmp_path / "pelanggan.xlsx"
    export_customers(out, CustomerListSource(now=clock).ids(ListQuery()), now=NOW)

    workbook = openpyxl.load_workbook(out)
    try:
        sheet = workbook["Pelanggan"]
        for cell in (sheet["A3"], sheet["B3"], sheet["F3"]):
            assert cell.data_type == "s"
            assert cell.quotePrefix  # Excel keeps it text even after editing
        assert sheet["H2"].number_format == MONEY_FORMAT
    finally:
        workbook.close()


def test_a_filtered_list_in_its_order(shop: None, tmp_path: Path) -> None:
    source = CustomerListSource(now=clock)
    ids = source.ids(ListQuery(sort="name", descending=False))
    out = tmp_path / "urut.xlsx"
    export_customers(out, ids, now=NOW)
    assert [row[0] for row in read(out)[1:]] == [
        '=HYPERLINK("http://x","klik")',
        "Ayu",
        "Sari Wulandari",
    ]
    loyal = source.ids(ListQuery(filters={"segment": "loyal"}))
    export_customers(out, loyal, now=NOW)
    assert [row[0] for row in read(out)[1:]] == ["Sari Wulandari"]


def test_cancel_leaves_no_file(shop: None, tmp_path: Path) -> None:
    out = tmp_path / "pelanggan.xlsx"
    out.write_bytes(b"lama")
    with pytest.raises(ExportCancelled, match="Ekspor dibatalkan"):
        export_customers(out, [1, 3, 4], is_cancelled=lambda: True)
    assert out.read_bytes() == b"lama"
    assert [p.name for p in tmp_path.iterdir() if "xlsx" in p.name] == ["pelanggan.xlsx"]
