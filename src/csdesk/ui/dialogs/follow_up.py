""" "Tindak lanjut baru": what to do for a customer, on which day, about which order.

The day is a shop day (WIB/WITA/WIT), tomorrow unless chosen; Besok / 3 hari / Minggu depan set
it in one click. The order list is the customer's orders, newest first, plus "Tanpa pesanan".
Ctrl+S or Ctrl+Enter saves; a refusal shows in the dialog.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.models import Customer
from csdesk.services import complaints, settings
from csdesk.services.follow_ups import REASON_LABELS, add_follow_up
from csdesk.ui.dialogs.new_complaint import order_text
from csdesk.ui.widgets.card import heading_label
from csdesk.ui.widgets.follow_up_list import local_today
from csdesk.ui.widgets.messages import error_label

QUICK_DAYS = (("Besok", 1), ("3 hari lagi", 3), ("Minggu depan", 7))


class NewFollowUpDialog(QDialog):
    """`created(follow_up_id)` fires once it is written; the dialog then closes."""

    created = Signal(int)

    def __init__(
        self,
        customer_id: int,
        author: str = "",
        parent: QWidget | None = None,
        *,
        reason: str = "",
        order_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.customer_id = customer_id
        self.author = author
        self.created_id: int | None = None
        zone = settings.load().zone
        self.today = local_today(zone)
        customer = Customer.get_by_id(customer_id)
        title = self.tr("Tindak lanjut untuk %s") % customer.name
        self.setWindowTitle(self.tr("Tindak lanjut baru"))
        self.setMinimumWidth(520)

        self.reason = QComboBox(self)
        for key, text in REASON_LABELS.items():
            self.reason.addItem(self.tr(text), key)
        if reason:
            self.reason.setCurrentIndex(max(0, self.reason.findData(reason)))

        self.day = QDateEdit(self)
        self.day.setObjectName("followUpDay")
        self.day.setCalendarPopup(True)
        self.day.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.day.setDisplayFormat("ddd, dd MMM yyyy")
        self.day.setMinimumDate(_qdate(self.today))
        self.set_day(self.today + dt.timedelta(days=1))
        quick = QHBoxLayout()
        quick.setContentsMargins(0, 0, 0, 0)
        quick.addWidget(self.day, 1)
        self.quick_buttons: list[QPushButton] = []
        for text, days in QUICK_DAYS:
            button = QPushButton(self.tr(text), self)
            button.setAutoDefault(False)
            button.clicked.connect(
                lambda _=False, d=days: self.set_day(self.today + dt.timedelta(days=d))
            )
            quick.addWidget(button)
            self.quick_buttons.append(button)

        self.order = QComboBox(self)
        self.order.setObjectName("followUpOrder")
        for line in complaints.customer_orders(customer_id, include=order_id):
            self.order.addItem(order_text(line, zone), line.id)
        self.order.addItem(self.tr("Tanpa pesanan"), None)
        index = self.order.findData(order_id) if order_id is not None else -1
        self.order.setCurrentIndex(index if index >= 0 else self.order.count() - 1)

        self.note = QPlainTextEdit(self)
        self.note.setObjectName("followUpNote")
        self.note.setPlaceholderText(self.tr("Mis. kabari kalau gamis navy ukuran L sudah datang"))
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(84)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.addRow(self.tr("Alasan"), self.reason)
        form.addRow(self.tr("Tanggal"), quick)
        form.addRow(self.tr("Pesanan"), self.order)
        form.addRow(self.tr("Catatan"), self.note)

        self.error = error_label(self, boxed=True, name="followUpError")

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+S atau Ctrl+Enter)"))
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(heading_label(title, size_delta=3))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save)
        self.reason.setFocus()

    def set_day(self, day: dt.date) -> None:
        self.day.setDate(_qdate(day))

    def chosen_day(self) -> dt.date:
        return self.day.date().toPython()  # type: ignore[no-any-return]

    def save(self) -> None:
        if self.created_id is not None:
            return
        order = self.order.currentData()
        try:
            follow_up = add_follow_up(
                self.customer_id,
                self.chosen_day(),
                str(self.reason.currentData()),
                note=self.note.toPlainText(),
                order_id=None if order is None else int(order),
                author=self.author,
            )
        except CsdeskError as err:
            self.error.setText(str(err))
            self.error.show()
            return
        self.created_id = follow_up
        self.created.emit(follow_up)
        self.accept()


def _qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)
