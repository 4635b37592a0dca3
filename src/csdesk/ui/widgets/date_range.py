"""A date-range filter: a drop-down of presets (Hari ini, 7 hari terakhir, Bulan lalu, …) and
"Pilih tanggal…", which opens a small popup with two calendars (dari / sampai).

The value is what list_sql.date_range_bounds reads: "" for all days, a preset key, or
`YYYY-MM-DD..YYYY-MM-DD` (both days included). A chosen range stays in the drop-down as its
own entry ("01 Nov 2026 – 23 Nov 2026") until another is chosen; closing the popup without
"Terapkan" leaves the previous choice.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.models import utcnow
from csdesk.services import fmt, settings
from csdesk.services.list_sql import RANGE_SEPARATOR, custom_range, range_days
from csdesk.services.listing import Filter

PICK = "pick"  # the "Pilih tanggal…" entry's data: opens the popup, never a query value


def day_text(day: dt.date) -> str:
    """`05 Mar 2025`, as dates read in the tables."""
    return f"{day.day:02d} {fmt.MONTHS[day.month - 1]} {day.year}"


def range_text(value: str) -> str:
    first, last = range_days(value, dt.date.today())
    return day_text(first) if first == last else f"{day_text(first)} – {day_text(last)}"


def shop_today() -> dt.date:
    return fmt.to_local(utcnow(), settings.load().zone).date()


class DateRangePopup(QFrame):
    """Dari / sampai with calendar pop-ups; `chosen(first, last)` on "Terapkan"."""

    chosen = Signal(object, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.first = self._date_edit()
        self.last = self._date_edit()
        form = QFormLayout()
        form.addRow(self.tr("Dari"), self.first)
        form.addRow(self.tr("Sampai"), self.last)
        self.apply = QPushButton(self.tr("Terapkan"), self)
        self.apply.setDefault(True)
        self.apply.clicked.connect(self._apply)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.first.dateChanged.connect(self._keep_order)

    def _date_edit(self) -> QDateEdit:
        edit = QDateEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd/MM/yyyy")
        return edit

    def open_at(self, where: QPoint, first: dt.date, last: dt.date) -> None:
        self.first.setDate(QDate(first.year, first.month, first.day))
        self.last.setDate(QDate(last.year, last.month, last.day))
        self.adjustSize()
        self.move(where)
        self.show()
        self.first.setFocus()

    def _keep_order(self, first: QDate) -> None:
        if self.last.date() < first:
            self.last.setDate(first)

    def _apply(self) -> None:
        first, last = self.first.date().toPython(), self.last.date().toPython()
        self.hide()
        self.chosen.emit(first, last)


class DateRangeFilter(QComboBox):
    """The drop-down itself; `value_changed()` when the range it stands for changes."""

    value_changed = Signal()

    def __init__(self, spec: Filter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(spec.label)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for choice in spec.choices:
            self.addItem(choice.label, choice.value)
        self.addItem(self.tr("Pilih tanggal…"), PICK)
        self._presets = len(spec.choices)
        self._previous = 0
        self.popup_frame = DateRangePopup(self)
        self.popup_frame.chosen.connect(self.set_range)
        self.activated.connect(self._on_activated)

    def value(self) -> str:
        data = self.currentData()
        return "" if data in (None, PICK) else str(data)

    def set_value(self, value: str) -> None:
        """Show `value` (a preset, a range or ""), without `value_changed`."""
        found = self.findData(value)
        if found < 0 and RANGE_SEPARATOR in value:
            found = self._custom_index(value)
        self.blockSignals(True)
        self.setCurrentIndex(max(found, 0))
        self.blockSignals(False)
        self._previous = self.currentIndex()

    def set_range(self, first: dt.date, last: dt.date) -> None:
        """Choose the days `first` to `last` (as "Terapkan" in the popup does)."""
        self.set_value(custom_range(first, last))
        self.value_changed.emit()

    def _custom_index(self, value: str) -> int:
        """The entry of a chosen range: one at most, just before "Pilih tanggal…"."""
        if self.count() > self._presets + 1:
            self.removeItem(self._presets)
        self.insertItem(self._presets, range_text(value), value)
        return self._presets

    def _on_activated(self, index: int) -> None:
        if self.itemData(index) == PICK:
            self._open_popup()
            return
        if index != self._previous:
            self._previous = index
            self.value_changed.emit()

    def _open_popup(self) -> None:
        # The drop-down shows its previous choice until a range is applied.
        self.blockSignals(True)
        self.setCurrentIndex(self._previous)
        self.blockSignals(False)
        current = self.value()
        today = shop_today()
        first, last = range_days(current, today) if current else (today, today)
        self.popup_frame.open_at(self.mapToGlobal(QPoint(0, self.height())), first, last)
