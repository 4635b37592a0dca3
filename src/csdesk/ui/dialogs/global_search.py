"""Ctrl+K: one box that finds customers, orders and chats; Enter opens the record in its panel.

Results are grouped by kind under plain headings. The arrow keys move through the results
while the cursor stays in the search box, so the whole search is done from the keyboard.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.services.search import SearchHit, global_search
from csdesk.ui.widgets.two_line import SUBTITLE_ROLE, TwoLineDelegate

DEBOUNCE_MS = 200
MIN_CHARS = 2
KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2

_T = QCoreApplication.translate
KIND_TITLES = {
    "customer": lambda: _T("GlobalSearch", "Pelanggan"),
    "order": lambda: _T("GlobalSearch", "Pesanan"),
    "conversation": lambda: _T("GlobalSearch", "Percakapan"),
}

Searcher = Callable[[str], Sequence[SearchHit]]


class GlobalSearchDialog(QDialog):
    """`open_record(kind, id)` fires when a result is chosen; the dialog then closes."""

    open_record = Signal(str, int)

    def __init__(self, parent: QWidget | None = None, search: Searcher = global_search):
        super().__init__(parent)
        self._search = search
        self.setWindowTitle(self.tr("Cari di semua data"))
        self.setMinimumSize(560, 420)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("Nama, nomor HP, nomor pesanan, resi, atau isi chat…"))
        self.edit.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setUniformItemSizes(False)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setItemDelegate(TwoLineDelegate(self.results))
        self.hint = QLabel(self)
        self.hint.setObjectName("muted")
        self.hint.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.hint)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.run_search)
        self.edit.textChanged.connect(lambda _t: self._timer.start())
        self.edit.returnPressed.connect(self.open_current)
        self.edit.installEventFilter(self)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        self._show_hint()

    def start(self, text: str = "") -> None:
        """Show the dialog ready for typing (not modal-blocking: the caller keeps running)."""
        self.edit.setText(text)
        self.edit.selectAll()
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()

    def run_search(self) -> None:
        self._timer.stop()
        term = self.edit.text().strip()
        self.results.clear()
        if len(term) < MIN_CHARS:
            self._show_hint()
            return
        hits = list(self._search(term))
        groups: dict[str, list[SearchHit]] = {}
        for hit in hits:
            groups.setdefault(hit.kind, []).append(hit)
        for kind in sorted(
            groups, key=lambda k: list(KIND_TITLES).index(k) if k in KIND_TITLES else 99
        ):
            self._add_heading(KIND_TITLES[kind]() if kind in KIND_TITLES else kind)
            for hit in groups[kind]:
                self._add_hit(hit)
        if hits:
            self.hint.setText(self.tr("↑↓ pilih · Enter buka · Esc tutup"))
            self._select_next(1)
        else:
            self.hint.setText(self.tr("Tidak ada yang cocok dengan \u201c%s\u201d.") % term)

    def open_current(self) -> None:
        if self._timer.isActive():
            self.run_search()
        item = self.results.currentItem()
        if item is None or item.data(KIND_ROLE) is None:
            return
        self.open_record.emit(str(item.data(KIND_ROLE)), int(item.data(ID_ROLE)))
        self.accept()

    def eventFilter(self, watched, event) -> bool:  # noqa: ANN001 - Qt's QObject, QEvent
        if (
            watched is self.edit
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if event.key() == Qt.Key.Key_Down:
                self._select_next(1)
                return True
            if event.key() == Qt.Key.Key_Up:
                self._select_next(-1)
                return True
        return super().eventFilter(watched, event)

    # --- internals ------------------------------------------------------------------------

    def _show_hint(self) -> None:
        self.hint.setText(self.tr("Ketik minimal %d huruf.") % MIN_CHARS)

    def _add_heading(self, text: str) -> None:
        item = QListWidgetItem(text.upper())
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.results.font())
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 0.85)
        item.setFont(font)
        self.results.addItem(item)

    def _add_hit(self, hit: SearchHit) -> None:
        # QListWidgetItem text is always plain: customer names cannot inject markup here.
        item = QListWidgetItem(hit.title)
        item.setData(SUBTITLE_ROLE, hit.subtitle)
        item.setData(KIND_ROLE, hit.kind)
        item.setData(ID_ROLE, int(hit.id))
        item.setToolTip(f"{hit.title}\n{hit.subtitle}" if hit.subtitle else hit.title)
        self.results.addItem(item)

    def _select_next(self, step: int) -> None:
        count = self.results.count()
        row = self.results.currentRow()
        for _ in range(count):
            row = (row + step) % count if count else -1
            item = self.results.item(row)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsSelectable:
                self.results.setCurrentRow(row)
                return
