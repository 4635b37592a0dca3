"""Search box, one drop-down per filter, and optional status tabs with live counts.

Typing is debounced (250 ms) so a million-row list is re-queried once per pause, not once per
key. `changed` fires whenever the query the bar describes has changed.

A filter of kind "date_range" is a DateRangeFilter (presets and "Pilih tanggal…"); any other
is a plain drop-down of its choices.

Tab counts cost a grouped count over every matching row (~150 ms at a million orders), so they
never run on the GUI thread: they are read on the thread pool and the captions filled in when
they arrive; a result for a search or filter no longer shown is dropped. They do not depend on
the chosen tab, so they are kept per search-and-filters and switching tabs recounts nothing;
`forget_counts()` (a refresh) drops what was kept.
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
from csdesk.ui.widgets.date_range import DateRangeFilter
from csdesk.ui.workers import BackgroundOp, run_in_background, show_error

DEBOUNCE_MS = 250

TabCounts = Callable[[ListQuery], dict[str, int]]
CountsKey = tuple[str, tuple[tuple[str, str], ...]]


def counts_key(query: ListQuery) -> CountsKey:
    return query.search, tuple(sorted(query.filters.items()))


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
        self._counts: dict[CountsKey, dict[str, int]] = {}
        self._counting: tuple[CountsKey, BackgroundOp] | None = None
        self._epoch = 0  # bumped by forget_counts(): counts read before it are not kept
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
        self.date_ranges: dict[str, DateRangeFilter] = {}
        for spec in filters:
            if spec is self._tab_filter:
                continue
            caption = QLabel(spec.label, self)
            caption.setObjectName("filterLabel")
            row.addWidget(caption)
            if spec.kind == "date_range":
                dates = DateRangeFilter(spec, self)
                dates.value_changed.connect(self._emit_now)
                caption.setBuddy(dates)
                row.addWidget(dates)
                self.date_ranges[spec.key] = dates
                continue
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
        for key, dates in self.date_ranges.items():
            if dates.value():
                filters[key] = dates.value()
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
        for key, dates in self.date_ranges.items():
            dates.set_value(filters.get(key, ""))
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
        """Show the tab captions for the current search and filters (`Perlu Dikirim (12)`):
        at once when already counted, else when the count arrives from the thread pool."""
        if self._tab_filter is None or self.tabs is None or self._tab_counts is None:
            return
        query = self.query()
        query.filters.pop(self._tab_filter.key, None)
        key = counts_key(query)
        counts = self._counts.get(key)
        if counts is not None:
            self._show_counts(counts)
            return
        if self._counting is not None and self._counting[0] == key:
            return  # already being counted
        self._show_counts(None)
        if self._counting is not None:
            self._counting[1].cancel()
        count, epoch = self._tab_counts, self._epoch
        op = run_in_background(
            self,
            lambda _progress, _cancelled: count(query),
            lambda result: self._counted(key, epoch, result),
            lambda exc: self._count_failed(key, exc),
        )
        self._counting = (key, op)

    def forget_counts(self) -> None:
        """Counts kept so far are out of date (a refresh: imports, edits elsewhere)."""
        self._counts.clear()
        self._epoch += 1
        if self._counting is not None:
            self._counting[1].cancel()
            self._counting = None

    def counts_pending(self) -> bool:
        return self._counting is not None

    def _counted(self, key: CountsKey, epoch: int, counts: dict[str, int]) -> None:
        if self._counting is not None and self._counting[0] == key:
            self._counting = None
        if epoch != self._epoch:
            return  # counted before a refresh: perhaps out of date
        self._counts[key] = counts
        query = self.query()
        if self._tab_filter is not None:
            query.filters.pop(self._tab_filter.key, None)
        if counts_key(query) == key:
            self._show_counts(counts)

    def _count_failed(self, key: CountsKey, exc: BaseException) -> None:
        if self._counting is not None and self._counting[0] == key:
            self._counting = None
        show_error(self, exc)

    def _show_counts(self, counts: dict[str, int] | None) -> None:
        """Captions with counts, or plain captions while counting (tabs stay as they were)."""
        if self._tab_filter is None or self.tabs is None:
            return
        current = self.tabs.currentIndex()
        for index, choice in enumerate(self._tab_filter.choices):
            if counts is None:
                self.tabs.setTabText(index, choice.label)
                continue
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
