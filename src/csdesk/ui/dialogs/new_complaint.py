"""Open a complaint: from a chat (customer, order and channel already known), from an order, or
by hand (the customer found by name or phone first).

The order is one of the customer's, newest first, or "Tanpa pesanan"; the deadline shown
follows the order's marketplace window. A refused complaint (no customer, nothing written) is
explained inside the dialog, which stays open with what was typed.

Keys: Ctrl+S or Ctrl+Enter saves, Esc closes.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.models import utcnow
from csdesk.models.complaints import COMPLAINT_CATEGORIES, PRIORITIES
from csdesk.services import complaints, conversations, fmt, settings
from csdesk.services.details_common import OrderLine
from csdesk.services.labels import (
    CHANNEL_LABELS,
    COMPLAINT_CATEGORY_LABELS,
    MARKETPLACE_LABELS,
    ORDER_STATUS_LABELS,
    PRIORITY_LABELS,
    label,
)
from csdesk.ui.dialogs.customer_picker import CustomerPicker
from csdesk.ui.widgets import messages
from csdesk.ui.widgets.card import heading_label, muted_label

ERROR_STYLE = messages.BOX_STYLE


def short_date(utc: dt.datetime, zone: str, *, year: bool = True) -> str:
    """`Sab, 28 Nov 2026` (or `21 Nov` for an order's line) in the shop's zone."""
    t = fmt.to_local(utc, zone)
    if not year:
        return f"{t.day:02d} {fmt.MONTHS[t.month - 1]}"
    return f"{fmt.DAYS[t.weekday()]}, {t.day:02d} {fmt.MONTHS[t.month - 1]} {t.year}"


def order_text(order: OrderLine, zone: str) -> str:
    """`261121KVQQURA7 · Shopee · Selesai · 21 Nov`."""
    return " · ".join(
        (
            order.order_no,
            label(MARKETPLACE_LABELS, order.marketplace),
            label(ORDER_STATUS_LABELS, order.status),
            short_date(order.ordered_at, zone, year=False),
        )
    )


class NewComplaintDialog(QDialog):
    """`created(complaint_id)` fires once the complaint is written; the dialog then closes."""

    created = Signal(int)

    def __init__(
        self,
        customer_id: int | None = None,
        order_id: int | None = None,
        conversation_id: int | None = None,
        channel: str = "",
        parent: QWidget | None = None,
        *,
        author: str = "",
    ) -> None:
        super().__init__(parent)
        self.conversation_id = conversation_id
        self.author = author or conversations.current_author()
        self.zone = settings.load().zone
        self.created_id: int | None = None
        self._orders: dict[int, OrderLine] = {}
        self._channel_given = bool(channel)
        self.setMinimumWidth(560)

        code = complaints.next_complaint_code()
        title = self.tr("Keluhan baru %s") % code
        self.setWindowTitle(title)
        self.heading = heading_label(title, size_delta=3)

        self.customer = CustomerPicker(self)
        # A complaint comes from someone who bought or chatted, so they are on file already.
        self.customer.new_button.hide()
        # Nor does its unused "new customer" page reserve room under the search box.
        self.customer.pages.widget(1).setSizePolicy(
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored
        )
        self._given_order = order_id
        self.customer.customer_chosen.connect(lambda cid: self._fill_orders(cid, self._given_order))
        self.order = QComboBox(self)
        self.order.setObjectName("complaintOrder")
        self.order.currentIndexChanged.connect(self._order_changed)
        # Which of the order's items it is about, and how many of each (for the report by
        # product and for a replacement).
        self.items_box = QWidget(self)
        self.items_grid = QGridLayout(self.items_box)
        self.items_grid.setContentsMargins(0, 0, 0, 0)
        self.item_checks: dict[int, tuple[QCheckBox, QSpinBox]] = {}
        self.category = QComboBox(self)
        for key in COMPLAINT_CATEGORIES:
            self.category.addItem(self.tr(COMPLAINT_CATEGORY_LABELS[key]), key)
        self.priority = QComboBox(self)
        for key in PRIORITIES:
            self.priority.addItem(self.tr(PRIORITY_LABELS[key]), key)
        self.priority.setCurrentIndex(self.priority.findData("normal"))
        self.channel = QComboBox(self)
        for key, text in CHANNEL_LABELS.items():
            self.channel.addItem(self.tr(text), key)
        if channel and self.channel.findData(channel) < 0:
            self.channel.addItem(channel, channel)
        self.description = QPlainTextEdit(self)
        self.description.setObjectName("complaintDescription")
        self.description.setPlaceholderText(
            self.tr("Apa yang dikeluhkan pelanggan? Tulis dengan kata-katanya sendiri…")
        )
        self.description.setTabChangesFocus(True)
        self.description.setMinimumHeight(96)
        self.description.setMaximumHeight(160)
        self.due = muted_label()
        self.due.setWordWrap(False)
        self.due.setObjectName("complaintDue")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Pelanggan"), self.customer)
        form.addRow(self.tr("Pesanan"), self.order)
        form.addRow(self.tr("Barang"), self.items_box)
        self.items_label = form.labelForField(self.items_box)
        form.addRow(self.tr("Kategori"), self.category)
        form.addRow(self.tr("Prioritas"), self.priority)
        form.addRow(self.tr("Saluran"), self.channel)
        form.addRow(self.tr("Keluhan"), self.description)
        form.addRow(self.due)

        self.error = QLabel(self)
        self.error.setObjectName("complaintError")
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Simpan keluhan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+S atau Ctrl+Enter)"))
        self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)

        if customer_id is not None:
            self.customer.set_customer(customer_id)
            # From a chat or an order the customer is who it is; only the order may change.
            self.customer.search.setReadOnly(True)
            self.customer.search.setClearButtonEnabled(False)
        self._fill_orders(customer_id, order_id)
        if channel:
            self.channel.setCurrentIndex(self.channel.findData(channel))
        if customer_id is None:
            self.customer.focus_input()
        else:
            self.category.setFocus()

    # --- what the form shows --------------------------------------------------------------

    def selected_order(self) -> int | None:
        data = self.order.currentData()
        return None if data is None else int(data)

    def _fill_orders(self, customer_id: int | None, selected: int | None) -> None:
        lines = complaints.customer_orders(customer_id, include=selected)
        self._orders = {o.id: o for o in lines}
        self.order.blockSignals(True)
        self.order.clear()
        for line in lines:
            self.order.addItem(order_text(line, self.zone), line.id)
        self.order.addItem(self.tr("Tanpa pesanan"), None)
        index = self.order.findData(selected) if selected is not None else 0
        self.order.setCurrentIndex(max(0, index))
        self.order.blockSignals(False)
        self._order_changed()

    def selected_items(self) -> list[tuple[int, int]]:
        """(order item id, quantity) of the ticked items."""
        return [
            (item_id, spin.value())
            for item_id, (box, spin) in self.item_checks.items()
            if box.isChecked()
        ]

    def _fill_items(self, order_id: int | None) -> None:
        while self.items_grid.count():
            entry = self.items_grid.takeAt(0)
            if entry.widget() is not None:
                entry.widget().deleteLater()
        self.item_checks = {}
        items = complaints.order_items(order_id)
        for row, item in enumerate(items):
            box = QCheckBox(item.text, self.items_box)
            spin = QSpinBox(self.items_box)
            spin.setRange(1, max(1, item.quantity))
            spin.setValue(max(1, item.quantity))
            spin.setSuffix(self.tr(" pcs"))
            spin.setEnabled(False)
            box.toggled.connect(spin.setEnabled)
            self.items_grid.addWidget(box, row, 0)
            self.items_grid.addWidget(spin, row, 1)
            self.item_checks[item.id] = (box, spin)
        if len(items) == 1:
            next(iter(self.item_checks.values()))[0].setChecked(True)
        self.items_box.setVisible(bool(items))
        if self.items_label is not None:
            self.items_label.setVisible(bool(items))

    def _order_changed(self) -> None:
        order_id = self.selected_order()
        self._fill_items(order_id)
        due = complaints.complaint_due_at(order_id, utcnow())
        self.due.setText(self.tr("Batas penyelesaian: %s") % short_date(due, self.zone))
        order = self._orders.get(order_id) if order_id is not None else None
        if order is not None and not self._channel_given:
            index = self.channel.findData(order.marketplace)
            if index >= 0:
                self.channel.setCurrentIndex(index)

    # --- saving ---------------------------------------------------------------------------

    def save(self) -> None:
        if self.created_id is not None:
            return
        try:
            complaint_id = complaints.create_complaint(
                customer_id=self.customer.customer_id(),
                category=str(self.category.currentData()),
                description=self.description.toPlainText(),
                order_id=self.selected_order(),
                conversation_id=self.conversation_id,
                priority=str(self.priority.currentData()),
                channel=str(self.channel.currentData() or ""),
                author=self.author,
                items=self.selected_items(),
            )
        except CsdeskError as err:
            self.error.setText(str(err))
            self.error.show()
            return
        self.created_id = complaint_id
        self.error.hide()
        self.created.emit(complaint_id)
        self.accept()
