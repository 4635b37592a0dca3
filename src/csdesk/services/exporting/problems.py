"""An import's list of problems saved for the seller, as xlsx or CSV (by the extension).

The CSV starts with a byte-order mark: without it Excel reads UTF-8 as the local code page.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Sequence
from pathlib import Path

import xlsxwriter

from csdesk.services.exporting.safe_text import WORKBOOK_OPTIONS, SafeTextWriter

HEADERS = ("Berkas", "Baris", "Kolom", "Masalah")

# One problem: file name, sheet row (None when the problem is not tied to a row), column, text.
ProblemRow = tuple[str, int | None, str, str]


def save_problems(path: str | os.PathLike[str], problems: Sequence[ProblemRow]) -> int:
    """Write `problems` to `path` (.xlsx, else CSV); returns the number of problems written."""
    target = Path(path)
    if target.suffix.lower() == ".xlsx":
        _save_xlsx(target, problems)
    else:
        with target.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(HEADERS)
            for file, row, column, message in problems:
                writer.writerow((file, "" if row is None else row, column, message))
    return len(problems)


def _save_xlsx(target: Path, problems: Sequence[ProblemRow]) -> None:
    workbook = xlsxwriter.Workbook(str(target), WORKBOOK_OPTIONS)
    sheet = workbook.add_worksheet("Masalah")
    text = SafeTextWriter(workbook, sheet)
    bold = workbook.add_format({"bold": True})
    for col, header in enumerate(HEADERS):
        sheet.write_string(0, col, header, bold)
    for number, (file, row, column, message) in enumerate(problems, start=1):
        text.write(number, 0, file)
        if row is not None:
            sheet.write_number(number, 1, row)
        text.write(number, 2, column)
        text.write(number, 3, message)
    sheet.freeze_panes(1, 0)
    sheet.set_column(0, 0, 28)
    sheet.set_column(1, 1, 8)
    sheet.set_column(2, 2, 24)
    sheet.set_column(3, 3, 80)
    workbook.close()
