"""Each sample export reads to exactly the counts in expected.json, in every variant.

Lazada rows are units: equal SKUs of one order are folded into one item with a quantity, so
its item count is expected.json's `items_folded`.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from csdesk.models.orders import NON_REVENUE_STATUSES
from csdesk.services.importing import parse
from csdesk.services.importing.read import read_orders
from csdesk.services.importing.records import ImportCancelled, ParsedFile

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
EXPECTED = json.loads((SAMPLES / "expected.json").read_text())
ORDER_FILES = [name for name, facts in EXPECTED.items() if "orders" in facts]


def assert_matches(parsed: ParsedFile, facts: dict[str, object]) -> None:
    assert parsed.file_format == facts["marketplace"]
    assert len(parsed.orders) == facts["orders"]
    assert parsed.items == facts.get("items_folded", facts["items"])
    assert dict(Counter(order.status for order in parsed.orders)) == facts["by_status"]
    revenue = sum(o.total for o in parsed.orders if o.status not in NON_REVENUE_STATUSES)
    assert revenue == facts["revenue_idr"]
    buyers = {o.buyer_username or (o.buyer_name, o.buyer_phone or o.phone) for o in parsed.orders}
    assert len(buyers) == facts["customers"]
    assert parsed.warnings == []


@pytest.mark.parametrize("name", ORDER_FILES)
def test_sample_reads_to_expected_counts(name: str) -> None:
    parsed = read_orders(SAMPLES / name)
    assert_matches(parsed, EXPECTED[name])
    assert all(order.ordered_at is not None for order in parsed.orders)
    assert sum(len(order.source_rows) for order in parsed.orders) == parsed.rows


def test_shopee_order_fields_taken_once_and_times_in_utc() -> None:
    parsed = read_orders(SAMPLES / "shopee_pesanan.xlsx")
    order = parsed.orders[0]
    assert order.order_no == "25032503010000564"
    assert order.total == 470400  # `Total Pembayaran` on both rows, not summed
    assert [(i.sku, i.quantity, i.subtotal) for i in order.items] == [
        ("TAS-05-HIT", 1, 64900),
        ("GMS-02-M", 3, 387000),
    ]
    assert str(order.ordered_at) == "2025-03-01 04:05:00"  # 11:05 WIB
    assert order.first_row == 2
    assert json.loads(order.source_rows[0])["No. Pesanan"] == "25032503010000564"
    wita = read_orders(SAMPLES / "shopee_pesanan.xlsx", zone="WITA").orders[0]
    assert str(wita.ordered_at) == "2025-03-01 03:05:00"


def test_shopee_csv_in_cp1252_with_semicolons(tmp_path: Path) -> None:
    rows = CalamineWorkbook.from_path(str(SAMPLES / "shopee_pesanan.xlsx")).get_sheet_by_index(0)
    target = tmp_path / "pesanan.csv"
    with target.open("w", encoding="cp1252", newline="") as handle:
        writer = csv.writer(handle, delimiter=";")
        for cells in rows.iter_rows():
            writer.writerow([parse.text(cell) for cell in cells])
    assert_matches(read_orders(target), EXPECTED["shopee_pesanan.xlsx"])


ENGLISH_SHOPEE = {
    "No. Pesanan": "Order ID",
    "Status Pesanan": "Order Status",
    "No. Resi": "Tracking Number*",
    "Opsi Pengiriman": "Shipping Option",
    "Waktu Pesanan Dibuat": "Order Creation Date",
    "Nama Produk": "Product Name",
    "Nama Variasi": "Variation Name",
    "Jumlah": "Quantity",
    "Harga Setelah Diskon": "Deal Price",
    "Total Pembayaran": "Grand Total",
    "Username (Pembeli)": "Username (Buyer)",
    "Nama Penerima": "Receiver Name",
    "No. Telepon": "Phone Number",
    "Alamat Pengiriman": "Delivery Address",
    "Kota/Kabupaten": "City",
    "Provinsi": "Province",
    "Catatan dari Pembeli": "Remark from buyer",
    "Waktu Pesanan Selesai": "Order Complete Time",
}
ENGLISH_STATUSES = {"Perlu Dikirim": "To ship", "Dikirim": "Shipping", "Selesai": "Completed"}


def rewrite(source: Path, target: Path, headers: dict[str, str], values: dict[str, str]) -> Path:
    """The sample with some headers renamed and some cell values replaced."""
    workbook = openpyxl.load_workbook(source)
    sheet = workbook.worksheets[0]
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.value = headers.get(cell.value, values.get(cell.value, cell.value))
    workbook.save(target)
    return target


def test_shopee_english_headers(tmp_path: Path) -> None:
    english = rewrite(
        SAMPLES / "shopee_pesanan.xlsx",
        tmp_path / "orders_en.xlsx",
        ENGLISH_SHOPEE,
        ENGLISH_STATUSES | {"Belum Bayar": "Unpaid"},
    )
    assert_matches(read_orders(english), EXPECTED["shopee_pesanan.xlsx"])


def test_lazada_title_case_headers(tmp_path: Path) -> None:
    title_case = {
        "orderNumber": "Order Number",
        "createTime": "Created at",
        "sellerSku": "Seller SKU",
        "customerName": "Customer Name",
        "shippingPhone": "Shipping Phone Number",
        "paidPrice": "Paid Price",
        "unitPrice": "Unit Price",
        "shippingFee": "Shipping Fee",
        "itemName": "Item Name",
        "variation": "Variation",
        "status": "Status",
    }
    old = rewrite(SAMPLES / "lazada_orders.xlsx", tmp_path / "lazada_old.xlsx", title_case, {})
    assert_matches(read_orders(old), EXPECTED["lazada_orders.xlsx"])


def test_tiktok_description_row_linked_invoice_and_masked_phone() -> None:
    parsed = read_orders(SAMPLES / "tiktok_OrderSKUList.xlsx")
    first = parsed.orders[0]
    assert first.first_row == 3  # row 2 is the description row
    assert first.order_no == "577772503010000258"
    assert first.total == 502700
    assert first.phone == "(+62)820******91"
    assert parsed.rows == 34


def test_tokopedia_header_below_title_rows_and_total_summed() -> None:
    parsed = read_orders(SAMPLES / "tokopedia_laporan_penjualan.xlsx")
    first = parsed.orders[0]
    assert first.order_no == "INV/20250305/MPL/2503010000691"
    assert first.first_row == 6
    assert first.total == 129000 + 89500 + 37200
    assert first.paid_at == first.ordered_at
    assert (first.buyer_name, first.buyer_phone) == ("Fajar Santoso", "081758456085")


def test_lazada_units_fold_into_items() -> None:
    order = read_orders(SAMPLES / "lazada_orders.xlsx").orders[0]
    assert [(i.sku, i.quantity, i.subtotal) for i in order.items] == [
        ("KAO-06-ALL", 3, 54000),
        ("MKN-03-PUT", 1, 89500),
    ]
    assert len(order.source_rows) == 4


def test_unknown_status_and_rows_without_order_number_warn(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(SAMPLES / "shopee_pesanan.xlsx")
    sheet = workbook.worksheets[0]
    sheet["B2"] = "Sedang Dikemas Ulang"
    sheet["B3"] = "Sedang Dikemas Ulang"
    sheet.append(["", "", "", "Total"])
    workbook.save(tmp_path / "orders.xlsx")
    parsed = read_orders(tmp_path / "orders.xlsx")
    order = parsed.orders[0]
    assert (order.status, order.raw_status) == ("other", "Sedang Dikemas Ulang")
    assert len(parsed.orders) == 25
    messages = [(p.row, p.column) for p in parsed.warnings]
    assert messages == [(2, "Status Pesanan"), (48, "No. Pesanan")]


def test_forced_format_and_user_mapping(tmp_path: Path) -> None:
    odd = rewrite(
        SAMPLES / "shopee_pesanan.xlsx",
        tmp_path / "odd.xlsx",
        {"No. Pesanan": "Nomer Order Kami"},
        {},
    )
    parsed = read_orders(odd, file_format="shopee", mapping={"order_no": "Nomer Order Kami"})
    assert_matches(parsed, EXPECTED["shopee_pesanan.xlsx"])


def test_progress_and_cancel() -> None:
    calls: list[tuple[int, int]] = []
    read_orders(SAMPLES / "shopee_pesanan.xlsx", progress=lambda d, t: calls.append((d, t)))
    assert calls[-1] == (46, 46)
    with pytest.raises(ImportCancelled, match="Impor dibatalkan"):
        read_orders(SAMPLES / "shopee_pesanan.xlsx", is_cancelled=lambda: True)


@pytest.mark.parametrize("name", ORDER_FILES)
def test_legacy_xls_reads_like_the_xlsx(name: str, tmp_path: Path) -> None:
    """Older seller centres and Excel 'Save as 97-2003' give .xls; every cell is copied as the
    xlsx has it (text stays text, numbers stay numbers)."""
    xlwt = pytest.importorskip("xlwt")
    book = xlwt.Workbook()
    source = openpyxl.load_workbook(SAMPLES / name)
    try:
        for sheet in source.worksheets:
            target = book.add_sheet(sheet.title)
            for r, row in enumerate(sheet.iter_rows(values_only=True)):
                for c, value in enumerate(row):
                    if value is not None:
                        target.write(r, c, value)
    finally:
        source.close()
    path = tmp_path / (Path(name).stem + ".xls")
    book.save(str(path))
    assert_matches(read_orders(path), EXPECTED[name])


@pytest.mark.parametrize(
    ("drop", "add"),
    [
        # 45 columns: an older layout without the package-discount and coin columns
        (("Paket Diskon (Diskon dari Shopee)", "Paket Diskon (Diskon dari Penjual)",
          "Potongan Koin Shopee", "Cashback Koin"), ()),
        # 51 columns, reordered: newer columns Shopee added, placed first
        ((), ("Nomor Referensi Pengembalian", "Biaya Layanan")),
    ],
)  # fmt: skip
def test_shopee_layouts_with_fewer_or_more_columns(
    drop: tuple[str, ...], add: tuple[str, ...], tmp_path: Path
) -> None:
    """Columns are found by name: a missing optional column or an unknown new one, anywhere,
    changes nothing."""
    workbook = openpyxl.load_workbook(SAMPLES / "shopee_pesanan.xlsx")
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    for name in drop:
        sheet.delete_cols(headers.index(name) + 1)
        headers.remove(name)
    if add:
        sheet.insert_cols(1, len(add))
        for offset, name in enumerate(add):
            sheet.cell(row=1, column=offset + 1, value=name)
            for row in range(2, sheet.max_row + 1):
                sheet.cell(row=row, column=offset + 1, value="x")
    assert sheet.max_column == 49 - len(drop) + len(add)
    target = tmp_path / "pesanan_variant.xlsx"
    workbook.save(target)
    assert_matches(read_orders(target), EXPECTED["shopee_pesanan.xlsx"])
