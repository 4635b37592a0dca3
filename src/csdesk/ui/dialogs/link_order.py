"""'Tautkan pesanan…': which order a conversation is about.

It opens on the customer's newest orders; typing an order number or a resi searches every
order (the buyer may write from another account or for a relative). Enter or a double click
links the chosen order; `chosen(order_id)` tells the conversation pane, which does the linking.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.services import details_conversations, fmt, settings
from csdesk.services.details_common import OrderLine
from csdesk.ui.widgets.card import muted_label

ID_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_DELAY_MS = 250
HEADERS = ("No. Pesanan", "Toko", "Status", "Tanggal", "Total", "Resi")


class _SearchEdit(QLineEdit):
    """Down moves into the list, so choosing takes no mouse."""

    def __init__(self, table: QTableWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._table = table

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.key() == Qt.Key.Key_Down and self._table.rowCount():
            self._table.setFocus()
            self._table.selectRow(max(0, self._table.currentRow()))
            return
        super().keyPressEvent(event)


class LinkOrderDialog(QDialog):
    chosen = Signal(int)

    def __init__(
        self,
        *,
        customer_id: int | None,
        current: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tautkan pesanan"))
        self.resize(720, 420)
        self.customer_id = customer_id
        self.current = current
        self.zone = settings.load().zone
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.cellDoubleClicked.connect(lambda _row, _col: self.accept())
        self.table.itemSelectionChanged.connect(self._update_button)
        self.search = _SearchEdit(self.table, self)
        self.search.setPlaceholderText(self.tr("Cari no. pesanan atau resi di semua pesanan…"))
        self.search.setClearButtonEnabled(True)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DELAY_MS)
        self._debounce.timeout.connect(self.refresh)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self._search_now_or_accept)
        self.hint = muted_label()
        self.hint.setObjectName("linkHint")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Tautkan"))
        ok.setToolTip(self.tr("Tautkan pesanan yang dipilih (Enter)"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.refresh()
        self.search.setFocus()

    def refresh(self) -> None:
        self._debounce.stop()
        text = self.search.text().strip()
        lines = details_conversations.orders_to_link(self.customer_id, text)
        self._fill(lines)
        if text:
            found = self.tr("%d pesanan cocok") % len(lines) if lines else ""
            self.hint.setText(found or self.tr("Tidak ada pesanan dengan nomor atau resi itu."))
        elif self.customer_id is None:
            self.hint.setText(self.tr("Percakapan tanpa pelanggan: cari nomor pesanannya."))
        elif lines:
            self.hint.setText(self.tr("Pesanan terbaru pelanggan ini — atau cari nomor lain."))
        else:
            self.hint.setText(
                self.tr("Pelanggan ini belum punya pesanan. Cari nomor pesanan di atas.")
            )

    def selected_id(self) -> int | None:
        row = self.table.currentRow()
        item = self.table.item(row, 0) if row >= 0 else None
        return int(item.data(ID_ROLE)) if item is not None else None

    def accept(self) -> None:
        order_id = self.selected_id()
        if order_id is None:
            return
        self.chosen.emit(order_id)
        super().accept()

    def _search_now_or_accept(self) -> None:
        if self._debounce.isActive():
            self.refresh()
        elif self.selected_id() is not None:
            self.accept()

    def _fill(self, lines: list[OrderLine]) -> None:
        self.table.setRowCount(len(lines))
        for row, line in enumerate(lines):
            mark = "🔗 " if line.id == self.current else ""
            cells = (
                mark + line.order_no,
                line.marketplace_label,
                line.status_label,
                fmt.datetime_short(line.ordered_at, self.zone),
                fmt.rupiah(line.total),
                " ".join(x for x in (line.courier, line.tracking_no) if x),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 0:
                    item.setData(ID_ROLE, line.id)
                    if line.id == self.current:
                        item.setToolTip(self.tr("Sudah tertaut ke percakapan ini"))
                self.table.setItem(row, column, item)
        if lines:
            self.table.selectRow(0)
        self._update_button()

    def _update_button(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.selected_id() is not None)
