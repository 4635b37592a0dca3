"""What the import dialog shows before writing: format, counts, first rows, or the refusal."""

from __future__ import annotations

from pathlib import Path

from test_import_mappings import SHOPEE, renamed_shopee

from csdesk.models import Order
from csdesk.services.importing.preview import check_file


def test_a_readable_file_is_counted_and_previewed(db: object) -> None:
    check = check_file(SHOPEE)
    assert check.ok and check.missing is None
    assert (check.file_format, check.rows, check.orders, check.items) == ("shopee", 46, 25, 46)
    assert check.preview[0][:2] == ["No. Pesanan", "Status Pesanan"]
    assert len(check.preview) == 9  # the header and eight rows
    assert all(isinstance(cell, str) for row in check.preview for cell in row)
    assert Order.select().count() == 0


def test_a_missing_column_keeps_the_preview_for_the_mapping_dialog(
    db: object, tmp_path: Path
) -> None:
    check = check_file(renamed_shopee(tmp_path))
    assert not check.ok
    assert check.missing is not None and check.missing.missing == ["order_no"]
    assert "shopee_nomor_order.xlsx" in check.error
    assert check.preview[0][0] == "Nomor Order"


def test_an_unreadable_file_has_its_message_and_no_preview(db: object, tmp_path: Path) -> None:
    fake = tmp_path / "teks.xlsx"
    fake.write_text("bukan excel", encoding="utf-8")
    check = check_file(fake)
    assert not check.ok and check.missing is None
    assert check.error.startswith("teks.xlsx")
    assert check.preview == []
