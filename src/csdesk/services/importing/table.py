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
from functools import cached_property, lru_cache
from typing import TypeVar

from csdesk.services import fmt
from csdesk.services.importing import parse
from csdesk.services.importing.records import ImportFormatError, Problem

# Excel's own limit for one cell: anything longer is not an export but a broken or hostile file.
# calamine cuts longer cells to exactly this length, so a cell that reaches it is refused too:
# reading it would silently lose text.
MAX_CELL_CHARS = 32_767

T = TypeVar("T")

# json's own string encoder (its C version), as json.dumps(ensure_ascii=False) applies it.
_json_string: Callable[[str], str] = json.encoder.encode_basestring


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

    @cached_property
    def json_keys(self) -> tuple[str, ...]:
        """The source-row JSON keys: the headers, a repeated or empty one made unique."""
        keys: list[str] = []
        seen: set[str] = set()
        for position, header in enumerate(self.headers, 1):
            key = header or f"#{position}"
            if key in seen:
                key = f"{key} #{position}"
            seen.add(key)
            keys.append(key)
        return tuple(keys)

    @cached_property
    def json_prefixes(self) -> tuple[str, ...]:
        """Each key as JSON text followed by `:`, encoded once per file rather than per cell."""
        return tuple(f"{_json_string(key)}:" for key in self.json_keys)


@lru_cache(maxsize=1024)
def _utc_offset(day: dt.date, zone: str) -> dt.timedelta:
    """The zone's offset on a day, from fmt.to_utc once per day rather than once per cell.

    Indonesia's zones have kept one offset all day (no daylight saving) since 1964.
    """
    midnight = dt.datetime(day.year, day.month, day.day)
    return midnight - fmt.to_utc(midnight, zone)


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
        # `cell` inlined: ~20 fields on each of 100k rows make the extra call a second.
        index = self.columns.index.get(field)
        cells = self.cells
        cell = cells[index] if index is not None and index < len(cells) else None
        if cell.__class__ is str:  # the common case, kept cheap: ~20 fields on 100k rows
            value = cell.strip()
            # Only short texts can be a missing-value mark: most cells skip the call.
            return "" if len(value) <= 6 and parse.is_missing(value) else value
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
        if local is None:
            return None
        return local - _utc_offset(local.date(), self.columns.zone)

    def required_time(self, field: str) -> dt.datetime:
        value = self.time(field)
        if value is None:
            raise self.error(field, "tanggal wajib diisi")
        return value

    def _read(self, field: str, parser: Callable[[object], T | None]) -> T | None:
        index = self.columns.index.get(field)  # `cell` inlined, as in `text`
        cells = self.cells
        try:
            return parser(cells[index] if index is not None and index < len(cells) else None)
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

        The text is exactly `json.dumps(…, ensure_ascii=False, separators=(",", ":"))` of that
        dict, joined from the pre-encoded keys: json.dumps took ~3 s on 100,000 rows.
        Refuses a cell longer than Excel allows, naming its row and column.
        """
        columns = self.columns
        cells = self.cells
        if len(cells) > len(columns.json_keys):
            return self._source_json_beyond_header()
        text = (
            "{"
            + ",".join(
                [
                    prefix + _json_string(cell if cell.__class__ is str else parse.text(cell))
                    for prefix, cell in zip(columns.json_prefixes, cells, strict=False)
                    if cell is not None and cell != ""
                ]
            )
            + "}"
        )
        # A cell is no longer than its JSON text, so only a long row needs the cell by cell test.
        if len(text) >= MAX_CELL_CHARS:
            for key, cell in zip(columns.json_keys, cells, strict=False):
                if cell.__class__ is str and len(cell) >= MAX_CELL_CHARS:
                    raise self._too_long(key, len(cell))
        return text

    def _source_json_beyond_header(self) -> str:
        # Keyed by the encoded key, so a cell beyond the header whose `#n` a header already
        # names replaces that value in place, as in the dict json.dumps would get.
        parts: dict[str, str] = {}
        columns = self.columns
        for key, prefix, cell in zip(
            columns.json_keys, columns.json_prefixes, self.cells, strict=False
        ):
            if cell.__class__ is str:
                if cell:
                    if len(cell) >= MAX_CELL_CHARS:
                        raise self._too_long(key, len(cell))
                    parts[prefix] = _json_string(cell)
            elif cell is not None:
                parts[prefix] = _json_string(parse.text(cell))
        for position in range(len(columns.json_keys), len(self.cells)):
            # Cells beyond the header: kept, under their column number.
            value = parse.text(self.cells[position])
            if len(value) >= MAX_CELL_CHARS:
                raise self._too_long(f"#{position + 1}", len(value))
            if value:
                parts[f"{_json_string(f'#{position + 1}')}:"] = _json_string(value)
        return "{" + ",".join(key + value for key, value in parts.items()) + "}"

    def _too_long(self, column: str, length: int) -> ImportFormatError:
        message = f"isi sel terlalu panjang ({length:,} karakter, batas Excel {MAX_CELL_CHARS:,})"
        return ImportFormatError(
            self.columns.file, message.replace(",", "."), row=self.number, column=column
        )
