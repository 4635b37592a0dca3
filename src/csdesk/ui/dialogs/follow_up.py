""" "Tindak lanjut baru": what to do for a customer, on which day, about which order; and the
calendar behind "Tunda → Pilih tanggal…".

The day is a shop day (WIB/WITA/WIT), tomorrow unless chosen; Besok / 3 hari / Minggu depan set
it in one click, and the line under it says when it will show on the Dasbor. The order list is
the customer's orders, newest first, plus "Tanpa pesanan". Ctrl+Enter (or Ctrl+S) saves; a
refusal shows in the dialog, which stays open with what was typed.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget,
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
from csdesk.services import complaints, fmt, settings
from csdesk.services.follow_ups import REASON_LABELS, add_follow_up, shop_today
from csdesk.ui.dialogs.new_complaint import order_text
from csdesk.ui.widgets.card import heading_label, muted_label
from csdesk.ui.widgets.messages import error_label

QUICK_DAYS = (("Besok", 1), ("3 hari", 3), ("Minggu depan", 7))
INDONESIAN = QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


class NewFollowUpDialog(QDialog):
    """`created(follow_up_id)` fires once it is written; the dialog then closes."""

    created = Signal(int)

    def __init__(
        self,
        customer_id: int,
        author: str,
        parent: QWidget | None = None,
        reason: str = "",
        order_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.customer_id = customer_id
        self.author = author
        self.created_id: int | None = None
        zone = settings.load().zone
        self.today = shop_today()
        customer = Customer.get_by_id(customer_id)
        who = customer.name + (f" ({customer.nickname})" if customer.nickname else "")
        self.setWindowTitle(self.tr("Tindak lanjut baru"))
        self.setMinimumWidth(540)

        self.reason = QComboBox(self)
        self.reason.setObjectName("followUpReason")
        for key, text in REASON_LABELS.items():
            self.reason.addItem(self.tr(text), key)
        if reason:
            self.reason.setCurrentIndex(max(0, self.reason.findData(reason)))

        self.day = QDateEdit(self)
        self.day.setObjectName("followUpDay")
        self.day.setCalendarPopup(True)
        self.day.setLocale(INDONESIAN)
        self.day.setDisplayFormat("ddd, dd MMM yyyy")
        self.day.setMinimumDate(qdate(self.today))
        self.day_hint = muted_label()
        self.day_hint.setObjectName("followUpDayHint")
        self.day.dateChanged.connect(self._show_day_hint)
        day_row = QHBoxLayout()
        day_row.setContentsMargins(0, 0, 0, 0)
        day_row.addWidget(self.day, 1)
        self.quick_buttons: list[QPushButton] = []
        for text, days in QUICK_DAYS:
            button = QPushButton(self.tr(text), self)
            button.setAutoDefault(False)
            button.setProperty("days", days)
            button.clicked.connect(self._quick_day)
            day_row.addWidget(button)
            self.quick_buttons.append(button)
        day_column = QVBoxLayout()
        day_column.setContentsMargins(0, 0, 0, 0)
        day_column.setSpacing(2)
        day_column.addLayout(day_row)
        day_column.addWidget(self.day_hint)
        self.set_day(self.today + dt.timedelta(days=1))

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
        form.addRow(self.tr("Tanggal"), day_column)
        form.addRow(self.tr("Pesanan"), self.order)
        form.addRow(self.tr("Catatan"), self.note)

        self.error = error_label(self, boxed=True, name="followUpError")

        buttons = QDialogButtonBox(self)
        self.save_button = buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setToolTip(self.tr("Simpan (Ctrl+Enter)"))
        buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.addWidget(heading_label(self.tr("Tindak lanjut untuk %s") % who, size_delta=3))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        # Enter in the note is a new line, so saving from the keyboard needs a modifier.
        for keys in ("Ctrl+Return", "Ctrl+Enter", QKeySequence.StandardKey.Save):
            QShortcut(QKeySequence(keys), self, self.save)
        self.reason.setFocus()

    def set_day(self, day: dt.date) -> None:
        self.day.setDate(qdate(day))

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

    def _quick_day(self) -> None:
        self.set_day(self.today + dt.timedelta(days=int(self.sender().property("days"))))

    def _show_day_hint(self) -> None:
        day = self.chosen_day()
        if day == self.today:
            self.day_hint.setText(self.tr("Muncul di Dasbor hari ini"))
        else:
            self.day_hint.setText(self.tr("Muncul di Dasbor pada %s") % fmt.date_long(day))


class SnoozeDayDialog(QDialog):
    """ "Tunda → Pilih tanggal…": a calendar from tomorrow on; `chosen(day)` on OK."""

    chosen = Signal(object)  # dt.date

    def __init__(self, first: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tunda sampai"))
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(INDONESIAN)
        self.calendar.setMinimumDate(qdate(first))
        self.calendar.setSelectedDate(self.calendar.minimumDate())
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Tunda"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Batal"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)
        self.accepted.connect(self._accepted)

    def _accepted(self) -> None:
        self.chosen.emit(self.day())

    def day(self) -> dt.date:
        return self.calendar.selectedDate().toPython()  # type: ignore[no-any-return]
