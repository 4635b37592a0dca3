"""Pending follow-ups with Selesai and Tunda: the customer's card and the Dasbor's
"Tindak lanjut hari ini" are both this list.

A row reads `⚠ Terlambat 2 hari · Minta ulasan` (with the customer's name on the Dasbor) over
its note and linked order; overdue rows are red and marked ⚠, today's amber with a clock, so the
state is never told by colour alone. The buttons act on the current row; Tunda offers Besok,
3 hari lagi, Minggu depan or a chosen day (shop days). Refusals show under the list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, QLocale, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.models.base import utcnow
from csdesk.services import fmt
from csdesk.services import follow_ups as service
from csdesk.services import settings as shop_settings
from csdesk.ui import glyphs, theme
from csdesk.ui.widgets.messages import error_label
from csdesk.ui.widgets.two_line import SUBTITLE_ROLE, TwoLineDelegate

ID_ROLE = Qt.ItemDataRole.UserRole + 1
STATE_COLOURS = {"overdue": "#b91c1c", "today": "#b45309"}
STATE_ICONS = {"overdue": "fa6s.triangle-exclamation", "today": "fa6s.clock"}
ROW_HEIGHT = 46


def local_today(zone: str, now: dt.datetime | None = None) -> dt.date:
    return fmt.to_local(now or utcnow(), zone).date()


class DayDialog(QDialog):
    """ "Pilih tanggal…": a calendar from tomorrow on."""

    def __init__(self, first: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Tunda sampai"))
        self.calendar = QCalendarWidget(self)
        self.calendar.setLocale(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        self.calendar.setMinimumDate(QDate(first.year, first.month, first.day))
        self.calendar.setSelectedDate(self.calendar.minimumDate())
        self.calendar.setGridVisible(True)
        self.calendar.activated.connect(self.accept)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.calendar)
        layout.addWidget(buttons)

    def day(self) -> dt.date:
        return self.calendar.selectedDate().toPython()  # type: ignore[no-any-return]


class FollowUpList(QWidget):
    """`changed()`: one was done or snoozed. `activated(customer_id, order_id or 0)`: a row was
    opened (double-click or Enter)."""

    changed = Signal()
    activated = Signal(int, int)

    def __init__(
        self,
        *,
        show_customer: bool,
        empty_text: str,
        fit_rows: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """`fit_rows`: the list is as tall as its rows (up to six) — for a card; otherwise it
        fills the height it is given (the Dasbor)."""
        super().__init__(parent)
        self.show_customer = show_customer
        self.fit_rows = fit_rows
        self.empty_text = empty_text
        self.author = ""
        self.day_dialog: DayDialog | None = None
        self._lines: dict[int, service.FollowUpLine] = {}

        self.list = QListWidget(self)
        self.list.setObjectName("followUpList")
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemActivated.connect(self._activate)
        self.list.currentItemChanged.connect(lambda *_: self._update_buttons())

        self.done_button = QPushButton(
            glyphs.icon("fa6s.check", color=theme.ACCENT), self.tr("Selesai"), self
        )
        self.done_button.setToolTip(self.tr("Tandai tindak lanjut yang dipilih sudah dikerjakan"))
        self.done_button.clicked.connect(self.mark_done)
        self.snooze_button = QToolButton(self)
        self.snooze_button.setText(self.tr("Tunda"))
        self.snooze_button.setIcon(glyphs.icon("fa6s.clock-rotate-left", color=theme.MUTED))
        self.snooze_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.snooze_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.snooze_button)
        menu.addAction(self.tr("Besok"), lambda: self.snooze_days(1))
        menu.addAction(self.tr("3 hari lagi"), lambda: self.snooze_days(3))
        menu.addAction(self.tr("Minggu depan"), lambda: self.snooze_days(7))
        menu.addSeparator()
        menu.addAction(self.tr("Pilih tanggal…"), self.choose_day)
        self.snooze_button.setMenu(menu)
        self.snooze_menu = menu

        self.error = error_label(self, name="followUpError")

        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.snooze_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.error)
        self._update_buttons()

    # --- content --------------------------------------------------------------------------

    def set_lines(
        self, lines: Sequence[service.FollowUpLine], now: dt.datetime | None = None
    ) -> None:
        """Show `lines` (pending ones), keeping the current row when it is still there."""
        keep = self.current_id()
        zone = shop_settings.load().zone
        now = now or utcnow()
        self._lines = {line.id: line for line in lines}
        self.list.clear()
        self.error.hide()
        if not lines:
            item = QListWidgetItem(self.empty_text)
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        for line in lines:
            state, due = service.due_text(line.due_at, now, zone)
            title = [due, line.reason_label]
            if self.show_customer:
                who = line.customer_name
                if line.nickname:
                    who += f" ({line.nickname})"
                title.append(who)
            detail = [line.note] if line.note else []
            if line.order_no:
                detail.append(self.tr("Pesanan %s") % line.order_no)
            if line.complaint_code:
                detail.append(self.tr("Keluhan %s") % line.complaint_code)
            if line.status == "snoozed":
                detail.append(self.tr("ditunda"))
            text = " · ".join(title)
            if state == "overdue":
                text = "⚠ " + text
            item = QListWidgetItem(text)
            if state in STATE_ICONS:
                item.setIcon(glyphs.icon(STATE_ICONS[state], color=STATE_COLOURS[state]))
                item.setForeground(QBrush(QColor(STATE_COLOURS[state])))
            item.setData(SUBTITLE_ROLE, " · ".join(detail))
            item.setData(ID_ROLE, line.id)
            item.setToolTip(
                self.tr("Jatuh tempo %s · dibuat %s%s")
                % (
                    fmt.datetime_long(line.due_at, zone),
                    fmt.datetime_short(line.created_at, zone),
                    f" oleh {line.author}" if line.author else "",
                )
            )
            self.list.addItem(item)
            if line.id == keep:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and lines:
            self.list.setCurrentRow(0)  # Selesai and Tunda work at once on the first
        if self.fit_rows:
            rows = max(1, len(lines))
            self.list.setFixedHeight(min(rows, 6) * ROW_HEIGHT + 6)
        self._update_buttons()

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        value = item.data(ID_ROLE) if item is not None else None
        return None if value is None else int(value)

    def select_first(self) -> None:
        if self._lines:
            self.list.setCurrentRow(0)

    def ids(self) -> list[int]:
        return list(self._lines)

    # --- actions --------------------------------------------------------------------------

    def mark_done(self) -> None:
        follow_up = self.current_id()
        if follow_up is not None:
            self._run(lambda: service.mark_done(follow_up, author=self.author))

    def snooze_days(self, days: int) -> None:
        follow_up = self.current_id()
        if follow_up is None:
            return
        day = local_today(shop_settings.load().zone) + dt.timedelta(days=days)
        self._run(lambda: service.snooze(follow_up, day))

    def choose_day(self) -> None:
        follow_up = self.current_id()
        if follow_up is None:
            return
        tomorrow = local_today(shop_settings.load().zone) + dt.timedelta(days=1)
        dialog = DayDialog(tomorrow, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._run(lambda: service.snooze(follow_up, dialog.day())))
        self.day_dialog = dialog
        dialog.open()

    def _run(self, action) -> None:  # noqa: ANN001 - a callable
        try:
            action()
        except CsdeskError as err:
            self.error.setText(str(err))
            self.error.show()
            return
        self.error.hide()
        self.changed.emit()

    def _activate(self, item: QListWidgetItem) -> None:
        value = item.data(ID_ROLE)
        line = self._lines.get(int(value)) if value is not None else None
        if line is not None:
            self.activated.emit(line.customer_id, line.order_id or 0)

    def _update_buttons(self) -> None:
        chosen = self.current_id() is not None
        self.done_button.setEnabled(chosen)
        self.snooze_button.setEnabled(chosen)
        # Nothing pending: no buttons that could only ever be greyed out.
        self.done_button.setVisible(bool(self._lines))
        self.snooze_button.setVisible(bool(self._lines))
