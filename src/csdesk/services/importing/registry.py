"""The order-file formats csdesk reads, and how a new one plugs in.

A format is a `Format` registered once at import time of its module::

    from csdesk.services.importing.registry import Format, register

    def build(rows: Iterator[Row], warnings: list[Problem]) -> list[OrderRecord]:
        ...  # fold the rows into orders; append Problems for what does not stop the file

    register(Format(
        name="csdesk",                      # the --format value and ParsedFile.file_format
        fields={"order_no": ("No. Pesanan", "Nomor Pesanan"), ...},  # field → header aliases
        required=("order_no", "status", "ordered_at"),
        build=build,
        sheet_names=("Pesanan",),
    ))

and its module is imported by `read.py` (one line there). `read_orders` finds the sheet and
header row, detects the format from the headers (the most fields found, among the formats
whose required fields are all there), maps columns by name (case/space-insensitive; the
user's mapping wins), skips the description row where `description_row` says so, and hands
`build` the data rows as `table.Row`s — blank rows already dropped, progress and
cancellation already handled. `Row.text/identifier/money/count/time(field)` read a field;
a value that cannot be read raises an error naming file, row and column by itself.
`formats.common` has the shared folding (rows → orders, items, statuses).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from csdesk.services.importing.records import OrderRecord, Problem
from csdesk.services.importing.table import Row

Build = Callable[[Iterator[Row], list[Problem]], list[OrderRecord]]


@dataclass(frozen=True)
class Format:
    name: str
    # field → header aliases, the first one the name shown to people.
    fields: Mapping[str, tuple[str, ...]]
    required: tuple[str, ...]
    build: Build
    # Sheets this format's exports use; another sheet is tried only when none of these exists.
    sheet_names: tuple[str, ...] = ()
    # A free-text row right below the header explains the columns (TikTok Shop).
    description_row: bool = False

    def display(self, field_name: str) -> str:
        aliases = self.fields.get(field_name)
        return aliases[0] if aliases else field_name


_FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    if "order_no" not in fmt.required:
        raise ValueError(f"format {fmt.name}: order_no must be required")
    _FORMATS[fmt.name] = fmt
    return fmt


def get_format(name: str) -> Format | None:
    return _FORMATS.get(name)


def registered_formats() -> tuple[Format, ...]:
    return tuple(_FORMATS.values())
