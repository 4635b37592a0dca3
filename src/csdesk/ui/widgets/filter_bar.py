"""Search box, one drop-down per filter, and optional status tabs with live counts.

Typing is debounced (250 ms) so a million-row list is re-queried once per pause, not once per
key. `changed` fires whenever the query the bar describes has changed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from csdesk.services.listing import Filter, ListQuery
from csdesk.ui.widgets.cells import number

DEBOUNCE_MS = 250

TabCounts = Callable[[ListQuery], dict[str, int]]


class FilterBar(QWidget):
    changed = Signal()

    def __init__(
        self,
        filters: Sequence[Filter],
        *,
        tab_filter: str | None = None,
        tab_counts: TabCounts | None = None,
        parent: QWidget | None = None,
    ):
        """`tab_filter` names the filter shown as tabs instead of a drop-down; `tab_counts`
        returns the count per tab value for a query without that filter."""
        super().__init__(parent)
        self._tab_filter = next((f for f in filters if f.key == tab_filter), None)
        self._tab_counts = tab_counts
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.tabs: QTabBar | None = None
        if self._tab_filter is not None:
            self.tabs = QTabBar(self)
            self.tabs.setExpanding(False)
            self.tabs.setDrawBase(False)
            self.tabs.setDocumentMode(True)
            for choice in self._tab_filter.choices:
                self.tabs.addTab(choice.label)
            self.tabs.currentChanged.connect(self._on_tab)
            layout.addWidget(self.tabs)

        row = QHBoxLayout()
        row.setSpacing(6)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Cari…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.flush)
        row.addWidget(self.search, 1)
        self.combos: dict[str, QComboBox] = {}
        for spec in filters:
            if spec is self._tab_filter:
                continue
            caption = QLabel(spec.label, self)
            caption.setObjectName("filterLabel")
            row.addWidget(caption)
            combo = QComboBox(self)
            combo.setToolTip(spec.label)
            caption.setBuddy(combo)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            for choice in spec.choices:
                combo.addItem(choice.label, choice.value)
            combo.currentIndexChanged.connect(lambda _i: self._emit_now())
            row.addWidget(combo)
            self.combos[spec.key] = combo
        layout.addLayout(row)

    # --- the query ------------------------------------------------------------------------

    def query(self) -> ListQuery:
        """Search text and chosen filters (sorting belongs to the table, not the bar)."""
        filters: dict[str, str] = {}
        for key, combo in self.combos.items():
            value = combo.currentData()
            if value:
                filters[key] = str(value)
        if self._tab_filter is not None and self.tabs is not None:
            index = self.tabs.currentIndex()
            if 0 <= index < len(self._tab_filter.choices):
                value = self._tab_filter.choices[index].value
                if value:
                    filters[self._tab_filter.key] = value
        return ListQuery(search=self.search.text().strip(), filters=filters)

    def set_filters(self, search: str | None = None, **filters: str) -> None:
        """Show exactly these filters (others back to 'all'); `changed` fires once."""
        with QSignalBlocker(self.search):
            if search is not None:
                self.search.setText(search)
        for key, combo in self.combos.items():
            with QSignalBlocker(combo):
                found = combo.findData(filters.get(key, ""))
                combo.setCurrentIndex(max(found, 0))
        if self._tab_filter is not None and self.tabs is not None:
            values = [c.value for c in self._tab_filter.choices]
            wanted = filters.get(self._tab_filter.key, "")
            with QSignalBlocker(self.tabs):
                self.tabs.setCurrentIndex(values.index(wanted) if wanted in values else 0)
        self._emit_now()

    def clear(self) -> None:
        self.set_filters(search="")

    def is_clear(self) -> bool:
        query = self.query()
        return not query.search and not query.filters

    def flush(self) -> None:
        """Apply pending typing at once (Enter in the search box)."""
        if self._debounce.isActive():
            self._emit_now()

    def update_counts(self) -> None:
        """Refresh the tab captions: `Perlu Dikirim (12)` for the current search and filters."""
        if self._tab_filter is None or self.tabs is None or self._tab_counts is None:
            return
        query = self.query()
        query.filters.pop(self._tab_filter.key, None)
        counts = self._tab_counts(query)
        current = self.tabs.currentIndex()
        for index, choice in enumerate(self._tab_filter.choices):
            count = counts.get(choice.value) if choice.value else sum(counts.values())
            caption = choice.label if count is None else f"{choice.label} ({number(count)})"
            self.tabs.setTabText(index, caption)
            # An empty status (e.g. "Lainnya (0)") only takes room; the chosen tab stays.
            self.tabs.setTabVisible(index, not choice.value or bool(count) or index == current)

    # --- internals ------------------------------------------------------------------------

    def _on_tab(self, _index: int) -> None:
        self._emit_now()

    def _emit_now(self) -> None:
        self._debounce.stop()
        self.changed.emit()

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt's QKeyEvent
        if event.key() == Qt.Key.Key_Escape and self.search.text():
            self.search.clear()
            self._emit_now()
            return
        super().keyPressEvent(event)
