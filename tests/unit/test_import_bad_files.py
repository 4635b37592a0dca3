"""Bad input is refused with a message naming the file, and row and column where there is one."""

from __future__ import annotations

import time
import zipfile
from pathlib import Path

import openpyxl
import pytest

from csdesk.services.importing.read import read_orders
from csdesk.services.importing.records import ImportFormatError, MissingColumnsError

SAMPLES = Path(__file__).parents[1] / "data" / "samples"


def refused(path: Path) -> ImportFormatError:
    with pytest.raises(ImportFormatError) as caught:
        read_orders(path)
    assert path.name in str(caught.value)
    return caught.value


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "kosong.xlsx").write_bytes(b"")
    assert "kosong" in refused(tmp_path / "kosong.xlsx").reason


def test_text_named_xlsx(tmp_path: Path) -> None:
    (tmp_path / "pesanan.xlsx").write_text("No. Pesanan,Status\n1,Selesai\n")
    assert "bukan file Excel" in refused(tmp_path / "pesanan.xlsx").reason


def test_truncated_xlsx(tmp_path: Path) -> None:
    data = (SAMPLES / "shopee_pesanan.xlsx").read_bytes()
    (tmp_path / "terpotong.xlsx").write_bytes(data[: len(data) // 2])
    assert "terpotong" in refused(tmp_path / "terpotong.xlsx").reason


def test_zip_bomb_refused_fast_without_unpacking(tmp_path: Path) -> None:
    bomb = tmp_path / "bom.xlsx"
    zeros = bytes(1 << 20)
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            for _ in range(1024):  # 1 GB of zeros, about 1 MB compressed
                member.write(zeros)
    started = time.perf_counter()
    error = refused(bomb)
    assert time.perf_counter() - started < 1
    assert "zip bomb" in error.reason


def test_sheet_without_order_number_column(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(SAMPLES / "shopee_pesanan.xlsx")
    workbook.worksheets[0]["A1"] = "Nomor"
    workbook.save(tmp_path / "tanpa_nomor.xlsx")
    error = refused(tmp_path / "tanpa_nomor.xlsx")
    assert isinstance(error, MissingColumnsError)
    assert error.missing == ["order_no"]
    assert error.file_format == "shopee"
    assert "'No. Pesanan'" in error.reason
    assert error.row == 1


def test_unknown_layout(tmp_path: Path) -> None:
    (tmp_path / "belanja.csv").write_text("Tanggal,Barang,Harga\n2025-03-01,Kerudung,37.200\n")
    assert "tidak dikenali" in refused(tmp_path / "belanja.csv").reason


def test_garbled_date_names_row_and_column(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(SAMPLES / "shopee_pesanan.xlsx")
    workbook.worksheets[0]["J4"] = "kemarin sore"
    workbook.save(tmp_path / "tanggal.xlsx")
    error = refused(tmp_path / "tanggal.xlsx")
    assert (error.row, error.column) == (4, "Waktu Pesanan Dibuat")


def test_absurd_cell_names_row_and_column(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(SAMPLES / "shopee_pesanan.xlsx")
    workbook.worksheets[0]["AO5"] = "x" * 40_000
    workbook.save(tmp_path / "sel.xlsx")
    error = refused(tmp_path / "sel.xlsx")
    assert (error.row, error.column) == (5, "Catatan dari Pembeli")
    assert "terlalu panjang" in error.reason


def test_order_number_that_lost_digits_as_a_number(tmp_path: Path) -> None:
    workbook = openpyxl.load_workbook(SAMPLES / "tiktok_OrderSKUList.xlsx")
    workbook.worksheets[0]["A3"] = 577772503010000258.0
    workbook.save(tmp_path / "angka.xlsx")
    error = refused(tmp_path / "angka.xlsx")
    assert (error.row, error.column) == (3, "Order ID")


def test_unknown_format_name() -> None:
    with pytest.raises(ImportFormatError, match="format 'ebay'"):
        read_orders(SAMPLES / "shopee_pesanan.xlsx", file_format="ebay")
