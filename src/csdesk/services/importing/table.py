"""Columns found by header name, and one data row read through them.

A `Columns` is the result of matching a header row against a format's fields: field name →
column index. A `Row` wraps one sheet row while a format folds it into orders; its typed
getters turn a cell that cannot be read into an `ImportFormatError` naming file, row and
column, so a format never handles parse errors itself.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

from csdesk.services import fmt
from csdesk.services.importing import parse
from csdesk.services.importing.records import ImportFormatError, Problem

# Excel's own limit for one cell: anything longer is not an export but a broken or hostile file.
MAX_CELL_CHARS = 32_767

T = TypeVar("T")


def header_key(header: object) -> str:
    """`Status Pembatalan/ Pengembalian` and `status pembatalan/pengembalian` are one header."""
    return "".join(parse.text(header).split()).casefold()


def match_columns(
    headers: Sequence[object],
    fields: Mapping[str, Sequence[str]],
    mapping: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """Field → column index, by alias; the user's `mapping` (field → header) wins.

    The first column with a matching header is taken: exports that repeat a header name put
    the main column first.
    """
    positions: dict[str, int] = {}
    for position, header in enumerate(headers):
        positions.setdefault(header_key(header), position)
    found: dict[str, int] = {}
    for name, aliases in fields.items():
        for alias in aliases:
            index = positions.get(header_key(alias))
            if index is not None:
                found[name] = index
                break
    for name, header in (mapping or {}).items():
        chosen = positions.get(header_key(header))
        if chosen is not None:
            found[name] = chosen
    return found


@dataclass(frozen=True)
class Columns:
    """What every row of one sheet shares: where each field is, and how to name a place."""

    file: str
    headers: tuple[str, ...]
    index: Mapping[str, int]
    zone: str = fmt.DEFAULT_ZONE


class Row:
    """One data row; `number` is the sheet's 1-based row number, as Excel shows it."""

    __slots__ = ("cells", "columns", "number")

    def __init__(self, columns: Columns, number: int, cells: Sequence[object]):
        self.columns = columns
        self.number = number
        self.cells = cells

    def has(self, field: str) -> bool:
        return field in self.columns.index

    def column(self, field: str) -> str:
        """The header of a field's column as the file writes it (for messages)."""
        index = self.columns.index.get(field)
        return self.columns.headers[index] if index is not None else field

    def cell(self, field: str) -> object:
        index = self.columns.index.get(field)
        if index is None or index >= len(self.cells):
            return None
        return self.cells[index]

    def text(self, field: str) -> str:
        cell = self.cell(field)
        return "" if parse.is_missing(cell) else parse.text(cell)

    def identifier(self, field: str) -> str:
        return self._read(field, parse.identifier) or ""

    def money(self, field: str) -> int | None:
        return self._read(field, parse.money)

    def count(self, field: str) -> int | None:
        return self._read(field, parse.count)

    def time(self, field: str) -> dt.datetime | None:
        """A time column as naive UTC (the file holds the shop's local time)."""
        local = self._read(field, parse.local_time)
        return fmt.to_utc(local, self.columns.zone) if local is not None else None

    def required_time(self, field: str) -> dt.datetime:
        value = self.time(field)
        if value is None:
            raise self.error(field, "tanggal wajib diisi")
        return value

    def _read(self, field: str, parser: Callable[[object], T | None]) -> T | None:
        try:
            return parser(self.cell(field))
        except ValueError as exc:
            raise self.error(field, str(exc)) from None

    def error(self, field: str, message: str) -> ImportFormatError:
        return ImportFormatError(
            self.columns.file, message, row=self.number, column=self.column(field)
        )

    def problem(self, field: str, message: str) -> Problem:
        return Problem(self.number, self.column(field), message)

    def source_json(self) -> str:
        """The row as compact JSON (header → cell text, empty cells left out).

        Refuses a cell longer than Excel allows, naming its row and column.
        """
        data: dict[str, str] = {}
        headers = self.columns.headers
        for index, cell in enumerate(self.cells):
            if cell is None or cell == "":
                continue
            value = parse.text(cell)
            if len(value) > MAX_CELL_CHARS:
                column = headers[index] if index < len(headers) else f"#{index + 1}"
                raise ImportFormatError(
                    self.columns.file,
                    f"isi sel terlalu panjang ({len(value):,} karakter; batas Excel "
                    f"{MAX_CELL_CHARS:,})".replace(",", "."),
                    row=self.number,
                    column=column,
                )
            if value:
                key = headers[index] if index < len(headers) and headers[index] else f"#{index + 1}"
                data.setdefault(key, value)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))
