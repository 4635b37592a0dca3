"""What a list panel shows, without Qt: columns, a query, row ids, and rows fetched by page.

A `ListSource` answers two questions. `ids(query)` returns the ids of every row matching the
current search and filters, in display order (cheap: one indexed query, ids only). `rows(ids)`
returns the display values of a page of those ids. The UI's lazy table model holds the id list
and asks for rows only as they scroll into view, so a million orders never load at once.

A `CountingListSource` also answers `ids(query, limit)` (the first ids only) and `count(query)`.
Even a list of ids costs ~0.5 s at a million rows, so the model shows the first ids and the
count at once and reads the whole list in the background. A source may return more than
`limit` ids when limiting saves nothing (a search finds and sorts every match anyway): the
model then has the whole list at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, runtime_checkable

ColumnKind = Literal["text", "int", "money", "datetime", "badge", "phone"]
# "choice": a drop-down of `choices`. "date_range": the same presets plus "Pilih tanggal…",
# whose value is `FIRST..LAST` (ISO days, both included; see list_sql.date_range_bounds).
FilterKind = Literal["choice", "date_range"]


@dataclass(frozen=True)
class Column:
    key: str
    title: str  # Indonesian header text
    kind: ColumnKind = "text"
    width: int = 120  # a sensible starting width in pixels
    sortable: bool = True


@dataclass(frozen=True)
class Choice:
    """One option of a filter drop-down or tab: `value` goes into the query, `label` is shown."""

    value: str
    label: str


@dataclass(frozen=True)
class Filter:
    key: str
    label: str
    choices: tuple[Choice, ...]
    kind: FilterKind = "choice"


@dataclass
class ListQuery:
    search: str = ""
    filters: dict[str, str] = field(default_factory=dict)
    sort: str | None = None  # a Column.key; None = the source's natural order
    descending: bool = True


Row = dict[str, Any]


class ListSource(Protocol):
    columns: Sequence[Column]
    filters: Sequence[Filter]

    def ids(self, query: ListQuery) -> list[int]: ...

    def rows(self, ids: Sequence[int]) -> dict[int, Row]: ...


@runtime_checkable
class CountingListSource(ListSource, Protocol):
    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]: ...

    def count(self, query: ListQuery) -> int:
        """How many rows `ids(query)` returns, without reading them."""
        ...
