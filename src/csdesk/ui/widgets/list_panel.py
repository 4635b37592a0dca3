"""A list panel: title and row count, filter bar, lazy table and a detail pane side by side.

Every list screen (Inbox, Pelanggan, Pesanan, Keluhan) is one of these over its ListSource and
its detail view. The detail view is any widget with `show_id(id | None)` and the signals
`open_record(kind, id)` (forwarded as `open_requested`) and `changed` (reloads the list).

Sorting: a header click is the seller's choice and stays across searches and tabs; until then
`default_sort(query)` picks the order for each query (e.g. Perlu Dikirim: earliest deadline
first), shown by the header's indicator like a chosen one.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.services import settings as shop_settings
from csdesk.services import stats
from csdesk.services.listing import ListQuery, ListSource
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.data_table import DataTable
from csdesk.ui.widgets.empty_state import EmptyState
from csdesk.ui.widgets.filter_bar import FilterBar, TabCounts
from csdesk.ui.widgets.lazy_table import LazyTableModel

DETAIL_MIN_WIDTH = 420


class ListPanel(QWidget):
    """Subclasses set `key`, `title` and `icon` and pass their source and detail view.

    `open_requested(kind, id)`: the detail pane asked to show another record.
    `empty_action_requested()`: the empty state's button was pressed (e.g. "Isi data contoh");
    `empty_text` and that button show only while the database has no orders and no customers,
    `empty_text_with_data` when this list alone is empty.
    """

    key = ""
    title = ""
    icon = ""
    detail_share = 0.45  # of the splitter's width, until the seller drags it

    open_requested = Signal(str, int)
    empty_action_requested = Signal()

    def __init__(
        self,
        source: ListSource,
        detail: QWidget,
        *,
        noun: str,
        empty_icon: str,
        empty_text: str,
        empty_action: str = "",
        empty_text_with_data: str = "",
        tab_filter: str | None = None,
        tab_counts: TabCounts | None = None,
        multi_select: bool = False,
        deadline_columns: tuple[str, ...] = (),
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.source = source
        self.detail = detail
        self._noun = noun
        self._empty_text = empty_text
        self._empty_action = empty_action
        self._empty_text_with_data = empty_text_with_data
        self.model = LazyTableModel(source, self)
        self.table = DataTable(
            self.model, self, multi_select=multi_select, deadline_columns=deadline_columns
        )
        self.filter_bar = FilterBar(
            source.filters, tab_filter=tab_filter, tab_counts=tab_counts, parent=self
        )
        self.empty = EmptyState(empty_icon, empty_text, empty_action, self)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.selection_label = QLabel(self)
        self.selection_label.setObjectName("selectionLabel")
        self.selection_label.hide()

        heading = QLabel(self.title, self)
        heading.setObjectName("panelTitle")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.selection_label)
        top.addWidget(self.count_label)
        self.title_row = top  # subclasses add their panel-wide buttons here

        self._list_stack = QStackedWidget(self)
        self._list_stack.addWidget(self.table)
        self._list_stack.addWidget(self.empty)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self._list_stack)
        self.splitter.addWidget(detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.splitter, 1)

        self.table.current_id_changed.connect(self._show_detail)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.model.modelReset.connect(self._on_selection_changed)
        self.model.completed.connect(self._on_list_complete)
        self.filter_bar.changed.connect(self._requery)
        self.empty.action_clicked.connect(self._on_empty_action)
        detail.open_record.connect(self.open_requested)  # type: ignore[attr-defined]
        detail.changed.connect(self.refresh)  # type: ignore[attr-defined]
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.activated.connect(self.focus_search)
        self._loaded = False
        self._sized = False
        self._reselect: int | None = None  # selected before a query, still loading since
        self._auto_sort: tuple[str, bool] | None = None  # the default_sort in use, if any

    # --- what the main window calls -------------------------------------------------------

    def refresh(self) -> None:
        """Re-read the list (new imports, edits elsewhere), keeping the selected record."""
        self.filter_bar.forget_counts()
        self._run_query(self.model.query)

    def default_sort(self, query: ListQuery) -> tuple[str | None, bool]:
        """(column key or None for the source's natural order, descending) for `query` while
        the seller has not sorted by a header. Subclasses override it."""
        return None, True

    def selected_ids(self) -> list[int]:
        """The ids of the selected rows, top to bottom as the table shows them."""
        spans = self.table.selected_spans()
        if not spans:
            return []
        ids = [self.model.id_at(row) for top, bottom in spans for row in range(top, bottom + 1)]
        if None in ids:
            # Rows whose ids are still loading in the background (Ctrl+A on a big list): read
            # the whole list now rather than leave them out.
            every = self.source.ids(self.model.query)
            return [every[row] for top, bottom in spans for row in range(top, bottom + 1)]
        return [record_id for record_id in ids if record_id is not None]

    def ensure_loaded(self) -> None:
        """Load the list the first time the panel is shown (start-up reads only one panel)."""
        if not self._loaded:
            self.refresh()

    def apply_filter(self, **filters: str) -> None:
        """Show exactly these filters, with an empty search (a Dasbor card's click-through)."""
        self._loaded = True
        self.filter_bar.set_filters(search="", **filters)

    def open_record(self, record_id: int) -> None:
        """Select and scroll to a record, clearing the search and filters if they hide it."""
        self.ensure_loaded()
        if self.model.row_of(record_id) is None and not self.filter_bar.is_clear():
            self.filter_bar.clear()
        if not self.table.select_id(record_id):
            # Not listed (e.g. a merged customer): still show it in the detail pane.
            self.table.clearSelection()
            self.detail.show_id(record_id)  # type: ignore[attr-defined]
        self.table.setFocus()

    def select_first(self) -> bool:
        self.ensure_loaded()
        if self.model.rowCount() == 0:
            return False
        self.table.select_row(0)
        return True

    def row_count(self) -> int:
        return self.model.rowCount()

    def focus_search(self) -> None:
        self.filter_bar.search.setFocus()
        self.filter_bar.search.selectAll()

    def splitter_state(self) -> QByteArray:
        return self.splitter.saveState()

    def restore_splitter_state(self, state: QByteArray) -> None:
        self._sized = self.splitter.restoreState(state)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._sized and self.splitter.width() > 0:
            # Size hints alone squeeze whichever side has the wider content; start from a
            # fixed share instead: the list a little wider than the detail pane.
            self._sized = True
            width = self.splitter.width()
            detail = max(DETAIL_MIN_WIDTH, int(width * self.detail_share))
            self.splitter.setSizes([width - detail, detail])

    # --- internals ------------------------------------------------------------------------

    def _requery(self) -> None:
        query = self.filter_bar.query()
        sort, descending = self.model.query.sort, self.model.query.descending
        chosen = sort is not None and (sort, descending) != self._auto_sort
        if not chosen:
            sort, descending = self.default_sort(query)
            self._auto_sort = None if sort is None else (sort, descending)
            self.table.show_sort(sort, descending)
        query.sort, query.descending = sort, descending
        self._run_query(query)

    def _run_query(self, query) -> None:  # noqa: ANN001 - a ListQuery
        self._loaded = True
        keep = self.table.current_id()
        # Times show in the shop's zone, which Pengaturan may have changed since the last load.
        self.model.zone = shop_settings.load().zone
        self._reselect = None
        self.model.set_query(query)
        if keep is not None:
            row = self.model.loaded_row_of(keep)
            if row is not None:
                self.table.select_row(row)
            elif self.model.is_complete():
                self.detail.show_id(None)  # type: ignore[attr-defined]
            else:  # past the first rows of a big list: select it when the whole list is in
                self._reselect = keep
        self.filter_bar.update_counts()
        self._update_count_and_empty_state()

    def _on_list_complete(self) -> None:
        keep, self._reselect = self._reselect, None
        if keep is not None and self.table.current_id() is None and not self.table.select_id(keep):
            self.detail.show_id(None)  # type: ignore[attr-defined]
        self._update_count_and_empty_state()

    def _update_count_and_empty_state(self) -> None:
        rows = self.model.rowCount()
        self.count_label.setText(f"{number(rows)} {self._noun}")
        if rows:
            self._list_stack.setCurrentWidget(self.table)
            return
        if not self.filter_bar.is_clear():
            self.empty.set_text(
                self.tr("Tidak ada %s yang cocok dengan pencarian/filter ini.") % self._noun
            )
            self.empty.set_action(self.tr("Hapus filter"))
        elif self._shop_is_empty():
            self.empty.set_text(self._empty_text)
            self.empty.set_action(self._empty_action)
        else:
            # The demo fill refuses a database that has data, so its button would only
            # lead to an error: say what fills this list instead.
            self.empty.set_text(self._empty_text_with_data or self._empty_text)
            self.empty.set_action("")
        self._list_stack.setCurrentWidget(self.empty)

    def _shop_is_empty(self) -> bool:
        counts = stats.collect()
        return not counts["orders"] and not counts["customers"]

    def _on_empty_action(self) -> None:
        if self.filter_bar.is_clear():
            self.empty_action_requested.emit()
        else:
            self.filter_bar.clear()

    def _on_selection_changed(self) -> None:
        count = self.table.selected_count()
        self.selection_label.setText(self.tr("%s %s dipilih") % (number(count), self._noun))
        self.selection_label.setVisible(count > 1)

    def _show_detail(self, record_id: int) -> None:
        self.detail.show_id(record_id or None)  # type: ignore[attr-defined]
