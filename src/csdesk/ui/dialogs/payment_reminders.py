"""Who to remind to pay: unpaid manual orders, overdue first, each with its reminder text ready
to copy or to open in WhatsApp, and the payment confirmation one click away when the transfer
has already arrived.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.models import utcnow
from csdesk.services import fmt, payment_reminders
from csdesk.services import settings as shop_settings
from csdesk.services.payment_reminders import Reminder
from csdesk.ui import glyphs
from csdesk.ui.dialogs.payment import PaymentDialog
from csdesk.ui.widgets.card import heading_label, muted_label
from csdesk.ui.widgets.empty_state import EmptyState
from csdesk.ui.widgets.fields import copy_to_clipboard

OVERDUE = "#b91c1c"
ROW_HEIGHT = 30


def due_text(reminder: Reminder, now: dt.datetime, zone: str) -> str:
    """`Lewat 3 jam` for an overdue order, else `Jatuh tempo 23 Nov 14.00`."""
    if reminder.overdue:
        return f"Lewat {fmt.duration((now - reminder.due_at).total_seconds())}"
    local = fmt.to_local(reminder.due_at, zone)
    return f"Jatuh tempo {local.day} {fmt.MONTHS[local.month - 1]} {local:%H.%M}"


class PaymentRemindersDialog(QDialog):
    """`changed()` fires after a payment was confirmed from here (lists should reload)."""

    changed = Signal()

    ORDER_NO, NAME, TOTAL, DUE = range(4)

    def __init__(self, parent: QWidget | None = None, *, author: str = "") -> None:
        super().__init__(parent)
        self.author = author
        self.reminders: list[Reminder] = []
        self.payment_dialog: PaymentDialog | None = None
        self.setWindowTitle(self.tr("Pengingat pembayaran"))
        self.setMinimumSize(760, 540)

        heading = heading_label(self.tr("Pengingat pembayaran"), size_delta=3)
        subtitle = muted_label(
            self.tr(
                "Pesanan manual yang belum dibayar; yang lewat jatuh tempo paling atas. "
                "Pilih pesanan, salin pengingatnya, lalu kirim ke pelanggan."
            )
        )
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(
            [self.tr("No. pesanan"), self.tr("Pelanggan"), self.tr("Total"), self.tr("Jatuh tempo")]
        )
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(self.NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((self.ORDER_NO, 130), (self.TOTAL, 110), (self.DUE, 240)):
            self.table.setColumnWidth(column, width)
        self.table.currentCellChanged.connect(lambda *_: self._show_selected())
        self.empty = EmptyState(
            "fa6s.circle-check",
            self.tr("Tidak ada pesanan yang menunggu pembayaran 🎉"),
            parent=self,
        )
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.table)
        self.list_stack.addWidget(self.empty)

        self.text = QPlainTextEdit(self)
        self.text.setObjectName("reminderText")
        self.text.setReadOnly(True)
        self.text.setMaximumHeight(120)
        self.text.setStyleSheet("QPlainTextEdit { background: #dcf8c6; border-radius: 6px; }")
        self.copy_button = QPushButton(
            glyphs.icon("fa5s.copy", color="#ffffff"), self.tr("Salin teks"), self
        )
        self.copy_button.setObjectName("primary")
        self.copy_button.clicked.connect(self.copy_text)
        self.whatsapp_button = QPushButton(
            glyphs.icon("fa6b.whatsapp", color="#1b6b35"), self.tr("Buka WhatsApp"), self
        )
        self.whatsapp_button.clicked.connect(self.open_whatsapp)
        self.confirm_button = QPushButton(self.tr("Konfirmasi pembayaran…"), self)
        self.confirm_button.setToolTip(self.tr("Transfer sudah masuk? Catat pembayarannya"))
        self.confirm_button.clicked.connect(self.confirm_payment)
        self.copied_hint = muted_label()
        close = QPushButton(self.tr("Tutup"), self)
        close.clicked.connect(self.accept)
        for button in (self.copy_button, self.whatsapp_button, self.confirm_button, close):
            button.setAutoDefault(False)
        actions = QHBoxLayout()
        actions.addWidget(self.copy_button)
        actions.addWidget(self.whatsapp_button)
        actions.addWidget(self.confirm_button)
        actions.addWidget(self.copied_hint, 1)
        actions.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(subtitle)
        layout.addWidget(self.list_stack, 1)
        layout.addWidget(self.text)
        layout.addLayout(actions)
        self.refresh()

    def refresh(self) -> None:
        """Re-read who still has to pay, keeping the selected order when it is still listed."""
        keep = self.current()
        now = utcnow()
        zone = shop_settings.load().zone
        self.reminders = payment_reminders.reminders(now)
        self.table.setRowCount(len(self.reminders))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for row, reminder in enumerate(self.reminders):
            cells = (
                reminder.order_no,
                reminder.name,
                fmt.rupiah(reminder.total),
                due_text(reminder, now, zone),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == self.TOTAL:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
            due = self.table.item(row, self.DUE)
            due.setToolTip(fmt.datetime_long(reminder.due_at, zone))
            if reminder.overdue:
                due.setForeground(QColor(OVERDUE))
                due.setFont(bold)
                due.setIcon(glyphs.icon("fa6s.triangle-exclamation", color=OVERDUE))
            else:
                due.setIcon(glyphs.icon("fa6s.clock", color="#9ca3af"))
        self.list_stack.setCurrentWidget(self.table if self.reminders else self.empty)
        rows = [r.order_id for r in self.reminders]
        if self.reminders:
            target = rows.index(keep.order_id) if keep and keep.order_id in rows else 0
            self.table.selectRow(target)
        self._show_selected()

    def current(self) -> Reminder | None:
        row = self.table.currentRow()
        return self.reminders[row] if 0 <= row < len(self.reminders) else None

    def _show_selected(self) -> None:
        reminder = self.current()
        self.text.setPlainText(reminder.text if reminder else "")
        self.copied_hint.clear()
        has = reminder is not None
        self.copy_button.setEnabled(has)
        self.confirm_button.setEnabled(has)
        self.whatsapp_button.setEnabled(has and bool(reminder and reminder.phone))
        self.whatsapp_button.setToolTip(
            self.tr("Buka chat WhatsApp dengan teks ini")
            if reminder is None or reminder.phone
            else self.tr("Pelanggan ini belum punya nomor HP yang valid")
        )
        self.text.setVisible(has)

    def copy_text(self) -> None:
        reminder = self.current()
        if reminder is not None:
            copy_to_clipboard(reminder.text)
            self.copied_hint.setText(self.tr("Disalin ✓"))

    def open_whatsapp(self) -> None:
        reminder = self.current()
        link = payment_reminders.wa_link(reminder.phone, reminder.text) if reminder else ""
        if link:
            QDesktopServices.openUrl(QUrl(link))

    def confirm_payment(self) -> None:
        reminder = self.current()
        if reminder is None:
            return
        dialog = PaymentDialog(reminder.order_id, self, author=self.author)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.confirmed.connect(self._after_payment)
        self.payment_dialog = dialog
        dialog.open()

    def _after_payment(self, _order_id: int) -> None:
        self.refresh()
        self.changed.emit()
