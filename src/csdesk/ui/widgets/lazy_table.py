"""A table model that holds only row ids and fetches the rows people scroll to, page by page.

The idea is Anki's browser model: the id list for the current search is cheap (one indexed
query), the display values are not, so they are read a page at a time when `data()` first asks
and kept in a small LRU cache. A million orders therefore scroll without loading at once.

Even the ids are not free at that size (~0.5 s to build a million Python ints), so over a
`CountingListSource` the model reads only the first `PREFIX_ROWS` ids and the count, shows
those at once (rows past the prefix say "memuat…"), and reads the whole list on the thread
pool. When it arrives it replaces the prefix without a reset if it starts with the same ids;
a result for an older query or sort is dropped.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from csdesk.services import fmt
from csdesk.services.listing import Column, CountingListSource, ListQuery, ListSource, Row
from csdesk.ui.widgets.cells import cell_text
from csdesk.ui.workers import BackgroundOp, run_in_background, show_error

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's record id
RAW_ROLE = Qt.ItemDataRole.UserRole + 2  # the stored value (a status key for badges)

PAGE_SIZE = 100
MAX_PAGES = 30
TOOLTIP_MIN_CHARS = 40  # shorter cells are readable in full in the cell itself
# Ids read before the list is shown: many screens of rows, a few ms even at a million orders.
# A multiple of PAGE_SIZE, so no cached page straddles the end of the prefix.
PREFIX_ROWS = 2000

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

AnyIndex = QModelIndex | QPersistentModelIndex


def _as_list(ids: Sequence[int]) -> list[int]:
    """The source's list itself when it is one: copying a million ids costs ~30 ms."""
    return ids if isinstance(ids, list) else list(ids)


def _copy(query: ListQuery) -> ListQuery:
    """A query a background job can keep while the model's own one changes (sort edits it)."""
    return ListQuery(query.search, dict(query.filters), query.sort, query.descending)


class LazyTableModel(QAbstractTableModel):
    """`completed()` fires when the whole id list of the current query has arrived (only when
    it was read in the background)."""

    completed = Signal()

    def __init__(self, source: ListSource, parent: Any = None, *, zone: str = fmt.DEFAULT_ZONE):
        super().__init__(parent)
        self.source = source
        self.columns: Sequence[Column] = tuple(source.columns)
        self.zone = zone
        self._query = ListQuery()
        self._ids: list[int] = []  # the first ids only while the rest loads
        self._count = 0  # rows of the current query, loaded or not
        self._generation = 0  # bumped by every new id query; older results are stale
        self._loading: BackgroundOp | None = None
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()
        self._loading_text = QCoreApplication.translate("LazyTableModel", "memuat…")

    # --- what the panel calls -------------------------------------------------------------

    @property
    def query(self) -> ListQuery:
        return self._query

    def set_query(self, query: ListQuery) -> None:
        """Run `query` and show its rows (a model reset: views drop their selection)."""
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Re-read the id list for the current query and forget every cached row."""
        self.beginResetModel()
        self._read_first_ids()
        self._pages.clear()
        self.endResetModel()
        self._load_rest()

    def is_complete(self) -> bool:
        """True when every id of the current query is in (not still loading)."""
        return len(self._ids) >= self._count

    def id_at(self, row: int) -> int | None:
        """The record id at `row`; None past the end or while that part is still loading."""
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        """The row of `record_id`, None when the query does not list it. A record past the
        loaded part waits for the whole list (read at once, on this thread)."""
        # list.index scans in C (a few ms for a million ids); a dict would cost more to build
        # than the one or two look-ups a query usually gets.
        row = self.loaded_row_of(record_id)
        if row is None and not self.is_complete():
            self._take_all(self._generation, self.source.ids(_copy(self._query)))
            row = self.loaded_row_of(record_id)
        return row

    def loaded_row_of(self, record_id: int) -> int | None:
        """The row of `record_id` among the ids loaded so far (never waits)."""
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    def column_of(self, key: str) -> int | None:
        for number, column in enumerate(self.columns):
            if column.key == key:
                return number
        return None

    def row_values(self, row: int) -> Row:
        """The display values of `row` as the source returned them (empty for a stale id)."""
        record_id = self.id_at(row)
        if record_id is None:
            return {}
        return self._page(row // PAGE_SIZE).get(record_id, {})

    def cached_pages(self) -> int:
        return len(self._pages)

    # --- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < self._count:
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.kind in ("money", "int") else _LEFT
        if index.row() >= len(self._ids):  # its id is still loading
            if role == Qt.ItemDataRole.DisplayRole:
                return self._loading_text if index.column() == 0 else ""
            return "" if role in (Qt.ItemDataRole.ToolTipRole, RAW_ROLE) else None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, RAW_ROLE):
            return None
        value = self.row_values(index.row()).get(column.key)
        if role == RAW_ROLE:
            return "" if value is None else value
        text = self._display(column, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) >= TOOLTIP_MIN_CHARS else ""
        return text

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.title
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.kind in ("money", "int") else _LEFT
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by re-querying ids; column -1 (or a column that cannot sort) = natural order."""
        key = self.columns[column].key if 0 <= column < len(self.columns) else None
        if key is not None and not self.columns[column].sortable:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self._query.sort and (key is None or descending == self._query.descending):
            return  # e.g. the view's setSortingEnabled(True): nothing to re-query
        self._query.sort = key
        self._query.descending = descending
        self.layoutAboutToBeChanged.emit()
        old_persistent = self.persistentIndexList()
        old_ids = [self.id_at(index.row()) for index in old_persistent]
        self._read_first_ids()
        if any(i is not None and i not in self._ids for i in old_ids) and not self.is_complete():
            # A selected record past the first ids: keep it selected, whatever it costs.
            self._ids = _as_list(self.source.ids(_copy(self._query)))
            self._count = len(self._ids)
        self._pages.clear()
        new_persistent = []
        row_by_id = {rid: row for row, rid in enumerate(self._ids)} if old_persistent else {}
        for index, record_id in zip(old_persistent, old_ids, strict=True):
            row = row_by_id.get(record_id) if record_id is not None else None
            new_persistent.append(
                self.index(row, index.column()) if row is not None else QModelIndex()
            )
        self.changePersistentIndexList(old_persistent, new_persistent)
        self.layoutChanged.emit()
        self._load_rest()

    # --- internals ------------------------------------------------------------------------

    def _display(self, column: Column, value: Any) -> str:
        if column.kind == "badge":
            badge_label = getattr(self.source, "badge_label", None)
            if value is None or value == "":
                return ""
            return str(badge_label(column.key, value)) if badge_label else str(value)
        return cell_text(column.kind, value, self.zone)

    def _read_first_ids(self) -> None:
        """Read the ids to show now: all of them from a plain source, else the first
        PREFIX_ROWS and the count. Whatever an older query was still loading is dropped."""
        self._generation += 1
        if self._loading is not None:
            self._loading.cancel()
            self._loading = None
        query = _copy(self._query)
        if not isinstance(self.source, CountingListSource):
            self._ids = _as_list(self.source.ids(query))
            self._count = len(self._ids)
            return
        self._ids = _as_list(self.source.ids(query, limit=PREFIX_ROWS))
        complete = len(self._ids) != PREFIX_ROWS  # fewer: that is all; more: the source sent all
        self._count = len(self._ids) if complete else max(self.source.count(query), len(self._ids))

    def _load_rest(self) -> None:
        """Read the whole id list on the thread pool when only its start is in."""
        if self.is_complete():
            return
        generation = self._generation
        query = _copy(self._query)
        source = self.source

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                show_error(None, exc)

        self._loading = run_in_background(
            None,
            lambda _progress, _cancelled: source.ids(query),
            lambda ids: self._take_all(generation, ids),
            failed,
        )

    def _take_all(self, generation: int, ids: Sequence[int]) -> None:
        """The whole id list of query number `generation` has arrived."""
        if not shiboken6.isValid(self) or generation != self._generation or self.is_complete():
            return  # the model is gone, a newer query replaced it, or row_of read it already
        self._loading = None
        ids = _as_list(ids)
        loaded = len(self._ids)
        if len(ids) == self._count and ids[:loaded] == self._ids:
            self._ids = ids
            if loaded % PAGE_SIZE:  # a cached page holding only the first rows
                self._pages.pop(loaded // PAGE_SIZE, None)
            last = self.index(self._count - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(loaded, 0), last)
        else:  # rows changed between the two reads
            self.beginResetModel()
            self._ids = ids
            self._count = len(ids)
            self._pages.clear()
            self.endResetModel()
        self.completed.emit()

    def _page(self, page: int) -> dict[int, Row]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        ids = self._ids[page * PAGE_SIZE : (page + 1) * PAGE_SIZE]
        rows = self.source.rows(ids)
        self._pages[page] = rows
        while len(self._pages) > MAX_PAGES:
            self._pages.popitem(last=False)
        return rows
