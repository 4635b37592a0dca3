"""What the import dialog shows before anything is written: each file checked and previewed.

`check_file` reads a file the way the import will (saved column mappings included) and keeps
what the seller needs to decide: the detected format, the data-row count, the warnings so
far, the first rows as text, or why the file is refused. Nothing touches the order tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from csdesk.services import fmt
from csdesk.services.importing.mappings import read_with_saved_mapping
from csdesk.services.importing.readers import open_sheets
from csdesk.services.importing.records import (
    ImportFormatError,
    MissingColumnsError,
    Problem,
)

PREVIEW_ROWS = 8
PREVIEW_COLUMNS = 60
PREVIEW_CELL_CHARS = 120

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass
class FileCheck:
    path: str
    file_format: str = ""
    rows: int = 0
    orders: int = 0
    items: int = 0
    warnings: list[Problem] = field(default_factory=list)
    preview: list[list[str]] = field(default_factory=list)  # the header row first
    error: str = ""  # why the file is refused; empty when it can be imported
    missing: MissingColumnsError | None = None  # refused only for want of a column mapping

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def ok(self) -> bool:
        return not self.error


def check_file(
    path: str | Path,
    *,
    zone: str = fmt.DEFAULT_ZONE,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> FileCheck:
    """Read and check one file; an ImportFormatError becomes `error`, ImportCancelled passes."""
    check = FileCheck(str(path))
    header_row = 1
    try:
        parsed = read_with_saved_mapping(
            path, zone=zone, progress=progress, is_cancelled=is_cancelled
        )
    except MissingColumnsError as exc:
        check.error, check.missing, check.file_format = str(exc), exc, exc.file_format
        header_row = exc.row or 1
    except ImportFormatError as exc:
        check.error = str(exc)
        return check
    else:
        check.file_format, check.rows = parsed.file_format, parsed.rows
        check.orders, check.items, check.warnings = (
            len(parsed.orders),
            parsed.items,
            parsed.warnings,
        )
    check.preview = preview_rows(path, start_row=header_row)
    return check


def preview_rows(
    path: str | Path, *, start_row: int = 1, limit: int = PREVIEW_ROWS
) -> list[list[str]]:
    """The first non-blank rows from `start_row` of the file's first sheet with content, as text
    (a file that cannot be opened has no preview; its error says why)."""
    try:
        sheets = open_sheets(Path(path))
        for sheet in sheets:
            rows: list[list[str]] = []
            for number, cells in sheet.rows():
                if number < start_row or all(cell is None or cell == "" for cell in cells):
                    continue
                rows.append([_text(cell) for cell in cells[:PREVIEW_COLUMNS]])
                if len(rows) > limit:
                    break
            if rows:
                width = max(len(row) for row in rows)
                return [row + [""] * (width - len(row)) for row in rows]
    except ImportFormatError:
        return []
    return []


def _text(cell: object) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    elif isinstance(cell, dt.datetime):
        text = cell.strftime("%d-%m-%Y %H:%M")
    elif isinstance(cell, dt.date):
        text = cell.strftime("%d-%m-%Y")
    else:
        text = " ".join(str(cell).split())
    return text[:PREVIEW_CELL_CHARS]
