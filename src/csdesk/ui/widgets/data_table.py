"""The one table view every list panel uses, configured once for a LazyTableModel."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from csdesk.ui.widgets.delegates import DEADLINE_EXTRA_WIDTH, BadgeDelegate, DeadlineDelegate
from csdesk.ui.widgets.lazy_table import LazyTableModel

ROW_HEIGHT = 30
CELL_PADDING = 18
WIDEST_SAMPLE = {"datetime": "30 Sep 2026 23.59", "money": "Rp99.999.999"}


class DataTable(QTableView):
    """Alternating rows, whole-row selection, sortable headers, widths from the columns.

    `current_id_changed(id)` reports the current record (0 when nothing is selected, since a
    Signal(int) cannot carry None). With `multi_select` rows are chosen with Ctrl/Shift-click
    and Ctrl+A as well; the current row (the detail pane's) is still one of them.
    `deadline_columns` are drawn by DeadlineDelegate (late / due today marks).
    """

    current_id_changed = Signal(int)

    def __init__(
        self,
        model: LazyTableModel,
        parent: QWidget | None = None,
        *,
        multi_select: bool = False,
        deadline_columns: tuple[str, ...] = (),
    ):
        super().__init__(parent)
        self._model = model
        self._badges = BadgeDelegate(self)
        self.setModel(model)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(
            QAbstractItemView.SelectionMode.ExtendedSelection
            if multi_select
            else QAbstractItemView.SelectionMode.SingleSelection
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setShowGrid(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vertical = self.verticalHeader()
        vertical.setVisible(False)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(ROW_HEIGHT)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setStretchLastSection(True)
        header.setSortIndicatorClearable(True)
        # No indicator at first: the source's natural order (e.g. newest first) is the default.
        header.setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.setSortingEnabled(True)
        self._deadlines = DeadlineDelegate(self)
        for number, column in enumerate(model.columns):
            width = max(column.width, self._fitting_width(column.kind))
            if column.key in deadline_columns:
                self.setItemDelegateForColumn(number, self._deadlines)
                width = max(column.width, self._fitting_width(column.kind) + DEADLINE_EXTRA_WIDTH)
            self.setColumnWidth(number, width)
            if column.kind == "badge":
                self.setItemDelegateForColumn(number, self._badges)
        header.sortIndicatorChanged.connect(self._keep_indicator_on_sortable)
        self.selectionModel().currentRowChanged.connect(self._emit_current)
        model.modelReset.connect(lambda: self.current_id_changed.emit(0))

    def _fitting_width(self, kind: str) -> int:
        """Dates and money must never be cut off, whatever the font: the width of the widest
        value of that kind, plus the cell's padding."""
        sample = WIDEST_SAMPLE.get(kind)
        if sample is None:
            return 0
        return self.fontMetrics().horizontalAdvance(sample) + CELL_PADDING

    def current_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row()):
            return None
        return self._model.id_at(index.row())

    def select_id(self, record_id: int) -> bool:
        """Select and scroll to `record_id`; False when it is not in the current list."""
        row = self._model.row_of(record_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def selected_spans(self) -> list[tuple[int, int]]:
        """The selected rows as (first, last) spans, both included, top to bottom. Spans, not
        rows: Ctrl+A over a million orders is one span, not a million indexes."""
        spans = sorted((r.top(), r.bottom()) for r in self.selectionModel().selection())
        merged: list[tuple[int, int]] = []
        for top, bottom in spans:
            if merged and top <= merged[-1][1] + 1:
                merged[-1] = (merged[-1][0], max(merged[-1][1], bottom))
            else:
                merged.append((top, bottom))
        return merged

    def selected_count(self) -> int:
        return sum(bottom - top + 1 for top, bottom in self.selected_spans())

    def show_sort(self, key: str | None, descending: bool) -> None:
        """Show the header's sort indicator for a sort the panel chose (no re-query)."""
        column = self._model.column_of(key) if key else None
        header = self.horizontalHeader()
        header.blockSignals(True)
        header.setSortIndicator(
            -1 if column is None else column,
            Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder,
        )
        header.blockSignals(False)
        header.viewport().update()

    def select_row(self, row: int) -> None:
        index = self._model.index(row, 0)
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _emit_current(self) -> None:
        self.current_id_changed.emit(self.current_id() or 0)

    def _keep_indicator_on_sortable(self, section: int, _order: Qt.SortOrder) -> None:
        if 0 <= section < len(self._model.columns) and not self._model.columns[section].sortable:
            header = self.horizontalHeader()
            sort_key = self._model.query.sort
            column = self._model.column_of(sort_key) if sort_key else None
            previous = -1 if column is None else column
            header.blockSignals(True)
            previous_order = (
                Qt.SortOrder.DescendingOrder
                if self._model.query.descending
                else Qt.SortOrder.AscendingOrder
            )
            header.setSortIndicator(previous, previous_order)
            header.blockSignals(False)
