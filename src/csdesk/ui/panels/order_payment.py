"""The payment card of a manual order's detail pane: is it paid, by which transfer (with the
proof), and the actions of a manual order: confirm the payment, edit, copy the confirmation
text, cancel. Marketplace orders are paid and cancelled on the marketplace: the card hides.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.models import utcnow
from csdesk.services import conversations, fmt, manual_orders, payments
from csdesk.services import settings as shop_settings
from csdesk.services.labels import ORDER_STATUS_LABELS, label
from csdesk.ui import glyphs
from csdesk.ui.dialogs.manual_order import ManualOrderDialog
from csdesk.ui.dialogs.payment import PaymentDialog
from csdesk.ui.panels.detail_parts import clear_layout
from csdesk.ui.widgets.card import Card, LinkButton, muted_label, plain_label
from csdesk.ui.widgets.fields import copy_to_clipboard

EDITABLE = ("unpaid", "to_ship")
OVERDUE = "#b91c1c"


def short_time(utc: dt.datetime, zone: str) -> str:
    """`23 Nov 10.12`: the year is clear from the order."""
    local = fmt.to_local(utc, zone)
    return f"{local.day} {fmt.MONTHS[local.month - 1]} {local:%H.%M}"


def payment_line(line: payments.PaymentLine, zone: str) -> str:
    """`Transfer BCA 7310246891 · Rp175.000 · 23 Nov 10.12 · dikonfirmasi Ayu`."""
    to = f"Transfer {line.bank} {line.account_number}".strip() if line.bank else "Lainnya/tunai"
    parts = [to, fmt.rupiah(line.amount)]
    if line.transferred_at is not None:
        parts.append(short_time(line.transferred_at, zone))
    if line.author:
        parts.append(f"dikonfirmasi {line.author}")
    if line.note:
        parts.append(line.note)
    return "  ·  ".join(parts)


class OrderPaymentCard(Card):
    """`changed()` fires after the order was paid, edited or cancelled from here."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pembayaran"), parent)
        self.order_id: int | None = None
        self.status = ""
        self._author = ""
        self.dialog: ManualOrderDialog | PaymentDialog | None = None
        self.cancel_box: QMessageBox | None = None

        self.status_label = plain_label()
        self.status_label.setObjectName("paymentStatus")
        self.add(self.status_label)
        self.lines = QVBoxLayout()
        self.lines.setSpacing(2)
        self.add(self.lines)
        self.error_label = plain_label()
        self.error_label.setStyleSheet(f"color: {OVERDUE};")
        self.error_label.hide()
        self.add(self.error_label)

        self.confirm_button = QPushButton(self.tr("Konfirmasi pembayaran…"), self)
        self.confirm_button.setIcon(glyphs.icon("fa6s.circle-check", color="#0f766e"))
        self.confirm_button.clicked.connect(self.confirm_payment)
        self.edit_button = QPushButton(self.tr("Ubah pesanan…"), self)
        self.edit_button.clicked.connect(self.edit_order)
        self.copy_button = QPushButton(self.tr("Salin teks konfirmasi"), self)
        self.copy_button.setToolTip(self.tr("Salin teks konfirmasi pesanan untuk pelanggan"))
        self.copy_button.clicked.connect(self.copy_confirmation)
        self.cancel_button = QPushButton(self.tr("Batalkan pesanan…"), self)
        self.cancel_button.setStyleSheet(f"QPushButton {{ color: {OVERDUE}; }}")
        self.cancel_button.clicked.connect(self.ask_cancel)
        self.copied_hint = muted_label()
        first = QHBoxLayout()
        first.addWidget(self.confirm_button)
        first.addWidget(self.edit_button)
        first.addStretch(1)
        second = QHBoxLayout()
        second.addWidget(self.copy_button)
        second.addWidget(self.cancel_button)
        second.addWidget(self.copied_hint, 1)
        self.add(first)
        self.add(second)
        self.hide()

    @property
    def author(self) -> str:
        if not self._author:
            self._author = conversations.current_author()
        return self._author

    @author.setter
    def author(self, name: str) -> None:
        self._author = name

    def set_order(self, order_id: int, marketplace: str, status: str) -> None:
        """Show this order's payment; hidden unless it is a manual order."""
        self.order_id = order_id
        self.status = status
        self.copied_hint.clear()
        self.show_error("")
        manual = marketplace == manual_orders.MARKETPLACE
        self.setVisible(manual)
        if manual:
            self._fill()

    def _fill(self) -> None:
        assert self.order_id is not None
        zone = shop_settings.load().zone
        try:
            lines = payments.payments_for(self.order_id)
            due = payments.payment_due(self.order_id)
        except CsdeskError as err:
            self.show_error(str(err))
            return
        self.status_label.setStyleSheet("")
        if self.status == "unpaid":
            text = self.tr("Menunggu transfer")
            if due is not None:
                if due <= utcnow():
                    text += self.tr(" · lewat jatuh tempo %s") % fmt.datetime_long(due, zone)
                    self.status_label.setStyleSheet(f"color: {OVERDUE}; font-weight: 600;")
                else:
                    text += self.tr(" · jatuh tempo %s") % fmt.datetime_long(due, zone)
        elif self.status == "cancelled":
            text = self.tr("Dibatalkan")
        elif lines:
            text = self.tr("Lunas ✓")
            self.status_label.setStyleSheet("color: #1b6b35; font-weight: 600;")
        else:
            text = label(ORDER_STATUS_LABELS, self.status)
        self.status_label.setText(text)

        clear_layout(self.lines)
        for line in lines:
            row = QHBoxLayout()
            row.addWidget(muted_label(payment_line(line, zone)), 1)
            if line.proof_path is not None:
                proof = LinkButton(self.tr("Lihat bukti"))
                proof.setToolTip(str(line.proof_path))
                proof.clicked.connect(
                    lambda _=False, p=line.proof_path: QDesktopServices.openUrl(
                        QUrl.fromLocalFile(str(p))
                    )
                )
                row.addWidget(proof)
            self.lines.addLayout(row)

        editable = self.status in EDITABLE
        self.confirm_button.setVisible(self.status == "unpaid")
        self.edit_button.setVisible(editable)
        self.cancel_button.setVisible(editable)
        self.copy_button.setVisible(self.status != "cancelled")

    # --- actions --------------------------------------------------------------------------

    def confirm_payment(self) -> None:
        if self.order_id is None:
            return
        dialog = PaymentDialog(self.order_id, self, author=self.author)
        dialog.confirmed.connect(self._after_change)
        self._open(dialog)

    def edit_order(self) -> None:
        if self.order_id is None:
            return
        dialog = ManualOrderDialog(self.order_id, parent=self, author=self.author)
        dialog.saved.connect(self._after_change)
        self._open(dialog)

    def _open(self, dialog: ManualOrderDialog | PaymentDialog) -> None:
        self.dialog = dialog
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def copy_confirmation(self) -> None:
        if self.order_id is None:
            return
        try:
            text = manual_orders.order_confirmation_text(self.order_id)
        except CsdeskError as err:
            self.show_error(str(err))
            return
        copy_to_clipboard(text)
        self.copied_hint.setText(self.tr("Disalin ✓"))

    def ask_cancel(self) -> None:
        if self.order_id is None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Batalkan pesanan"))
        box.setText(self.tr("Batalkan pesanan ini? Stok yang sudah diambil dikembalikan."))
        cancel = box.addButton(self.tr("Batalkan pesanan"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Kembali"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)

        def answered(button: QAbstractButton) -> None:
            self.cancel_box = None
            if button is cancel:
                self.cancel_order()

        box.buttonClicked.connect(answered)
        self.cancel_box = box
        box.open()

    def cancel_order(self) -> None:
        if self.order_id is None:
            return
        try:
            manual_orders.cancel_manual_order(self.order_id, author=self.author)
        except CsdeskError as err:
            self.show_error(str(err))
            return
        self.status = "cancelled"
        self._fill()
        self.changed.emit()

    def _after_change(self, _order_id: int) -> None:
        if self.order_id is not None:
            order = manual_orders.get_order(self.order_id)
            self.status = order.status
            self._fill()
        self.changed.emit()

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
