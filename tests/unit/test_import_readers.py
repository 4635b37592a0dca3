"""Opening files: CSV encodings and delimiters, the sheet to read, the header row to use."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from csdesk.services.importing.read import read_orders

CSV_HEADER = ["No. Pesanan", "Status Pesanan", "Waktu Pesanan Dibuat", "Nama Produk"]
CSV_TAIL = ["Jumlah", "Total Pembayaran", "Nama Penerima"]
CSV_ROW = ["2503010000001", "Selesai", "2025-03-01 11:05", "Kerudung Café", "2", "74.400", "Siti"]


def test_csv_utf8_bom_with_tabs(tmp_path: Path) -> None:
    lines = ["\t".join(CSV_HEADER + CSV_TAIL), "\t".join(CSV_ROW)]
    (tmp_path / "p.csv").write_text("\n".join(lines), encoding="utf-8-sig")
    order = read_orders(tmp_path / "p.csv").orders[0]
    assert (order.order_no, order.total, order.items[0].product) == (
        "2503010000001",
        74400,
        "Kerudung Café",
    )


def test_csv_commas_in_quoted_cells(tmp_path: Path) -> None:
    row = [*CSV_ROW[:3], '"Kerudung, Hitam"', *CSV_ROW[4:]]
    (tmp_path / "p.csv").write_text(",".join(CSV_HEADER + CSV_TAIL) + "\n" + ",".join(row))
    assert read_orders(tmp_path / "p.csv").orders[0].items[0].product == "Kerudung, Hitam"


def test_known_sheet_first_else_first_recognisable_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Catatan"
    workbook.active.append(["Ekspor ini dibuat otomatis"])
    other = workbook.create_sheet("Data")
    other.append(CSV_HEADER + CSV_TAIL)
    other.append(CSV_ROW)
    workbook.save(tmp_path / "dua.xlsx")
    parsed = read_orders(tmp_path / "dua.xlsx")
    assert (parsed.file_format, parsed.orders[0].first_row) == ("shopee", 2)


def test_header_below_blank_and_title_rows(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Pesanan Toko Hijab Ayu"])
    sheet.append([])
    sheet.append(CSV_HEADER + CSV_TAIL)
    sheet.append(CSV_ROW)
    sheet.append([])
    sheet.append(CSV_ROW[:1] + ["Dikirim"] + CSV_ROW[2:])  # the same order again: folded
    workbook.save(tmp_path / "judul.xlsx")
    parsed = read_orders(tmp_path / "judul.xlsx")
    assert parsed.rows == 2
    assert [o.first_row for o in parsed.orders] == [4]
    assert len(parsed.orders[0].items) == 2
