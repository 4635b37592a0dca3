"""Saved column mappings: a file with a renamed order-number column imports once mapped, and
the next file like it is read with the saved mapping without asking again."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from csdesk.services.importing.mappings import (
    load_mapping,
    read_with_saved_mapping,
    save_mapping,
)
from csdesk.services.importing.records import MissingColumnsError
from csdesk.services.importing.run import import_files

SHOPEE = Path(__file__).parents[1] / "data" / "samples" / "shopee_pesanan.xlsx"


def renamed_shopee(folder: Path, header: str = "Nomor Order") -> Path:
    """The Shopee sample with its `No. Pesanan` header renamed."""
    workbook = openpyxl.load_workbook(SHOPEE)
    sheet = workbook.active
    assert sheet is not None and sheet["A1"].value == "No. Pesanan"
    sheet["A1"].value = header
    target = folder / "shopee_nomor_order.xlsx"
    workbook.save(target)
    workbook.close()
    return target


def test_no_mapping_is_saved_at_first(db: object) -> None:
    assert load_mapping("shopee") == {}


def test_a_saved_mapping_is_kept_per_format_and_merged(db: object) -> None:
    save_mapping("shopee", {"order_no": "Nomor Order"})
    save_mapping("shopee", {"status": "Keadaan"})
    save_mapping("lazada", {"order_no": "Kode"})
    assert load_mapping("shopee") == {"order_no": "Nomor Order", "status": "Keadaan"}
    assert load_mapping("lazada") == {"order_no": "Kode"}


def test_a_renamed_column_is_refused_until_mapped(db: object, tmp_path: Path) -> None:
    path = renamed_shopee(tmp_path)
    with pytest.raises(MissingColumnsError) as refused:
        read_with_saved_mapping(path)
    assert refused.value.file_format == "shopee"
    assert refused.value.missing == ["order_no"]
    assert "Nomor Order" in refused.value.headers
    save_mapping("shopee", {"order_no": "Nomor Order"})
    parsed = read_with_saved_mapping(path)
    assert (parsed.file_format, len(parsed.orders), parsed.items) == ("shopee", 25, 46)


def test_a_mapping_that_does_not_fit_reports_the_original_missing_columns(
    db: object, tmp_path: Path
) -> None:
    save_mapping("shopee", {"order_no": "Kolom Lain"})
    with pytest.raises(MissingColumnsError) as refused:
        read_with_saved_mapping(renamed_shopee(tmp_path))
    assert refused.value.missing == ["order_no"]


def test_import_files_uses_the_saved_mapping(db: object, tmp_path: Path) -> None:
    save_mapping("shopee", {"order_no": "Nomor Order"})
    (result,) = import_files([renamed_shopee(tmp_path)])
    assert (result.orders_new, result.items) == (25, 46)
