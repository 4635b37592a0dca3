"""Order files for the import dialog tests, made from the real Shopee sample."""

from __future__ import annotations

from pathlib import Path

import openpyxl

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
SHOPEE = SAMPLES / "shopee_pesanan.xlsx"


def shopee_copy(folder: Path, name: str, *, cells: dict[str, str] | None = None) -> Path:
    """The Shopee sample saved as `name` with `cells` (e.g. {"A1": "Nomor Order"}) changed."""
    workbook = openpyxl.load_workbook(SHOPEE)
    sheet = workbook.active
    assert sheet is not None
    for ref, value in (cells or {}).items():
        sheet[ref].value = value
    target = folder / name
    workbook.save(target)
    workbook.close()
    return target
