"""`read_orders`: any supported order file → a ParsedFile, without touching the database.

The file is opened safely (readers), the sheet, header row and format are found from the
header names (the format's own sheet first, then any sheet), and the data rows are streamed
into the format's `build`, with progress reported and cancellation checked on the way.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path

from csdesk.services import fmt

# Registers the formats (registry.register at import): the marketplaces' and csdesk's own.
from csdesk.services.importing import format_csdesk  # noqa: F401
from csdesk.services.importing.formats import lazada, shopee, tiktok, tokopedia  # noqa: F401
from csdesk.services.importing.readers import Cells, Sheet, open_sheets
from csdesk.services.importing.records import (
    ImportCancelled,
    ImportFormatError,
    MissingColumnsError,
    ParsedFile,
    Problem,
)
from csdesk.services.importing.registry import Format, get_format, registered_formats
from csdesk.services.importing.table import Columns, Row, header_key, match_columns

# Tokopedia legacy puts a few title rows above its header; nobody puts thirty.
HEADER_SCAN_ROWS = 30
PROGRESS_EVERY = 2000
# An order id: one word of letters, digits and `/ - _` (`INV/20250305/MPL/1`), with a digit.
_ID = re.compile(r"(?=.*\d)[\w/.-]+")

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def read_orders(
    path: str | Path,
    *,
    file_format: str = "auto",
    zone: str = fmt.DEFAULT_ZONE,
    mapping: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    is_cancelled: Cancelled | None = None,
) -> ParsedFile:
    """Read and check one file. Raises ImportFormatError (MissingColumnsError when needed
    columns are not found) or ImportCancelled; `mapping` is field → header, from the user."""
    path = Path(path)
    if file_format == "auto":
        candidates = registered_formats()
    else:
        chosen = get_format(file_format)
        if chosen is None:
            raise ImportFormatError(path.name, f"format '{file_format}' tidak dikenal")
        candidates = (chosen,)
    found = _find_table(path.name, open_sheets(path), candidates, mapping or {})
    columns = Columns(path.name, found.headers, found.index, zone)
    counter = _Counter(found.sheet.height() - found.header_row, progress, is_cancelled)
    counter.check()
    warnings: list[Problem] = []
    rows = _data_rows(columns, found, counter)
    orders = found.format.build(rows, warnings)
    counter.finish()
    return ParsedFile(str(path), found.format.name, counter.done, orders, warnings)


@dataclass
class _Found:
    sheet: Sheet
    format: Format
    header_row: int
    headers: tuple[str, ...]
    index: dict[str, int]
    rest: Iterator[tuple[int, Cells]]


def _find_table(
    file: str, sheets: Sequence[Sheet], formats: Sequence[Format], mapping: Mapping[str, str]
) -> _Found:
    """The first sheet (the formats' own sheets first) whose header row a format recognises;
    among formats that find all their required columns, the one that finds the most."""
    known = {header_key(name) for f in formats for name in f.sheet_names}
    ordered = sorted(sheets, key=lambda sheet: header_key(sheet.name) not in known)
    best: tuple[int, Format, int, Cells, dict[str, int]] | None = None
    for sheet in ordered:
        rows = sheet.rows()
        head = list(islice(rows, HEADER_SCAN_ROWS))
        complete: tuple[int, Format, int, Cells, dict[str, int]] | None = None
        for position, (number, cells) in enumerate(head):
            for candidate in formats:
                index = match_columns(cells, candidate.fields, mapping)
                if all(name in index for name in candidate.required):
                    if complete is None or len(index) > len(complete[4]):
                        complete = (position, candidate, number, cells, index)
                elif best is None or len(index) > len(best[4]):
                    best = (position, candidate, number, cells, index)
        if complete is not None:
            position, chosen, number, cells, index = complete
            return _Found(
                sheet,
                chosen,
                number,
                tuple(_header_text(cell) for cell in cells),
                index,
                chain(head[position + 1 :], rows),
            )
    raise _missing_columns(file, best)


def _header_text(cell: object) -> str:
    return " ".join(str(cell).split()) if cell is not None else ""


def _missing_columns(
    file: str, best: tuple[int, Format, int, Cells, dict[str, int]] | None
) -> ImportFormatError:
    if best is None or not best[4]:
        return ImportFormatError(
            file,
            "tata letak file tidak dikenali: tidak ada baris judul kolom pesanan Shopee, "
            "TikTok Shop, Tokopedia atau Lazada",
        )
    _, candidate, number, cells, index = best
    missing = [name for name in candidate.required if name not in index]
    names = ", ".join(f"'{candidate.display(name)}'" for name in missing)
    return MissingColumnsError(
        file,
        f"kolom yang dibutuhkan tidak ditemukan: {names}",
        file_format=candidate.name,
        missing=missing,
        headers=[_header_text(cell) for cell in cells],
        row=number,
    )


class _Counter:
    """Counts data rows, reports progress and honours Cancel every PROGRESS_EVERY rows."""

    def __init__(self, total: int, progress: Progress | None, is_cancelled: Cancelled | None):
        self.done = 0
        self.total = max(total, 0)
        self.progress = progress
        self.is_cancelled = is_cancelled

    def step(self) -> None:
        self.done += 1
        if self.done % PROGRESS_EVERY == 0:
            self.check()
            if self.progress is not None:
                self.progress(self.done, max(self.total, self.done))

    def check(self) -> None:
        if self.is_cancelled is not None and self.is_cancelled():
            raise ImportCancelled()

    def finish(self) -> None:
        self.check()
        if self.progress is not None:
            self.progress(self.done, self.done)


def _data_rows(columns: Columns, found: _Found, counter: _Counter) -> Iterator[Row]:
    """The rows below the header: blank rows dropped, the description row skipped."""
    order_column = columns.index["order_no"]
    expect_description = found.format.description_row
    for number, cells in found.rest:
        if all(cell is None or cell == "" for cell in cells):
            continue
        if expect_description:
            expect_description = False
            cell = cells[order_column] if order_column < len(cells) else ""
            if isinstance(cell, str) and not _ID.fullmatch(cell.strip()):
                continue
        counter.step()
        yield Row(columns, number, cells)
