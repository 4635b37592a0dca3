"""A table model that holds only row ids and fetches the rows people scroll to, page by page.

The idea is Anki's browser model: the id list for the current search is cheap (one indexed
query), the display values are not, so they are read a page at a time when `data()` first asks
and kept in a small LRU cache. A million orders therefore scroll without loading at once.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from csdesk.services import fmt
from csdesk.services.listing import Column, ListQuery, ListSource, Row
from csdesk.ui.widgets.cells import cell_text

ID_ROLE = Qt.ItemDataRole.UserRole + 1  # the row's record id
RAW_ROLE = Qt.ItemDataRole.UserRole + 2  # the stored value (a status key for badges)

PAGE_SIZE = 100
MAX_PAGES = 30
TOOLTIP_MIN_CHARS = 40  # shorter cells are readable in full in the cell itself

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

AnyIndex = QModelIndex | QPersistentModelIndex


def _as_list(ids: Sequence[int]) -> list[int]:
    """The source's list itself when it is one: copying a million ids costs ~30 ms."""
    return ids if isinstance(ids, list) else list(ids)


class LazyTableModel(QAbstractTableModel):
    def __init__(self, source: ListSource, parent: Any = None, *, zone: str = fmt.DEFAULT_ZONE):
        super().__init__(parent)
        self.source = source
        self.columns: Sequence[Column] = tuple(source.columns)
        self.zone = zone
        self._query = ListQuery()
        self._ids: list[int] = []
        self._pages: OrderedDict[int, dict[int, Row]] = OrderedDict()

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
        self._ids = _as_list(self.source.ids(self._query))
        self._pages.clear()
        self.endResetModel()

    def id_at(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        # list.index scans in C (a few ms for a million ids); a dict would cost more to build
        # than the one or two look-ups a query usually gets.
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
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column.kind in ("money", "int") else _LEFT
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
        self._ids = _as_list(self.source.ids(self._query))
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

    # --- internals ------------------------------------------------------------------------

    def _display(self, column: Column, value: Any) -> str:
        if column.kind == "badge":
            badge_label = getattr(self.source, "badge_label", None)
            if value is None or value == "":
                return ""
            return str(badge_label(column.key, value)) if badge_label else str(value)
        return cell_text(column.kind, value, self.zone)

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
