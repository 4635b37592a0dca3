"""The Dasbor's "Tindak lanjut hari ini (n)": every pending follow-up due by the end of the shop's
day, overdue first, each row with Selesai and Tunda besok, and a double-click or Enter on a row
opening its customer. Which day "today" is follows the shop's zone (services/follow_ups), so at
23.30 WIB tomorrow's are not here yet and at 00.05 they are.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from csdesk.errors import CsdeskError
from csdesk.models.base import utcnow
from csdesk.services import follow_ups as service
from csdesk.services import settings
from csdesk.ui.panels.customer_follow_ups import FollowUpRow
from csdesk.ui.widgets.card import muted_label
from csdesk.ui.widgets.messages import error_label, show_error


class TodayFollowUps(QWidget):
    """`open_record("customer", id)`: a row was opened; `open_record("order" | "complaint", id)`:
    its link was clicked. `changed()`: one was done or snoozed here. Set `author` (who finishes
    them) before acting."""

    open_record = Signal(str, int)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.author = ""
        self.now: dt.datetime | None = None  # the clock of the last refresh when pinned
        self.rows: list[FollowUpRow] = []

        self.heading = QLabel(self)
        self.heading.setObjectName("sectionTitle")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.error = error_label(self, name="followUpError")

        self.page = QWidget()
        self.page.setObjectName("followUpPage")
        self.page.setAutoFillBackground(True)
        self.page.setBackgroundRole(QPalette.ColorRole.Base)
        self.column = QVBoxLayout(self.page)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(0)
        self.empty = muted_label(self.tr("Tidak ada tindak lanjut untuk hari ini."))
        self.empty.setObjectName("followUpEmpty")
        self.empty.setContentsMargins(4, 8, 4, 8)
        self.column.addWidget(self.empty)
        self.column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setObjectName("todayFollowUps")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.StyledPanel)  # boxed like the chats beside it
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(self.page)
        self.scroll.setMinimumHeight(160)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.error)
        layout.addWidget(self.scroll, 1)

    def refresh(self, now: dt.datetime | None = None) -> None:
        """Re-read the list as of `now` (naive UTC; None: the clock), keeping the keyboard on
        the same row when it is still there."""
        self.now = now
        now = now or utcnow()
        zone = settings.load().zone
        lines = service.due_follow_ups(now)
        # Keep the keyboard where it was: on the same follow-up, or (when it just left the
        # list) on the row that took its place.
        focus = QApplication.focusWidget()
        held = next(
            (n for n, row in enumerate(self.rows) if row is focus or row.isAncestorOf(focus)),
            None,
        )
        held_id = self.rows[held].line.id if held is not None else None

        for row in self.rows:
            self.column.removeWidget(row)
            row.hide()
            row.deleteLater()  # it may be the row whose button is being handled
        self.rows = []
        for n, line in enumerate(lines):
            row = FollowUpRow(line, now, zone, on_dashboard=True, parent=self.page)
            row.done.connect(self.mark_done)
            row.snooze.connect(self.snooze_days)
            row.activated.connect(self._open_customer)
            row.open_record.connect(self.open_record)
            row.step.connect(self._step)
            self.column.insertWidget(n, row)
            self.rows.append(row)
        if held is not None and self.rows:
            ids = self.ids()
            self._focus_row(ids.index(held_id) if held_id in ids else min(held, len(ids) - 1))
        self.empty.setVisible(not lines)
        self.heading.setText(self.tr("Tindak lanjut hari ini (%d)") % len(lines))

    def ids(self) -> list[int]:
        return [row.line.id for row in self.rows]

    # --- actions --------------------------------------------------------------------------

    def mark_done(self, follow_up_id: int) -> None:
        self._run(lambda: service.mark_done(follow_up_id, now=self.now, author=self.author))

    def snooze_days(self, follow_up_id: int, days: int) -> None:
        self._run(lambda: service.snooze_days(follow_up_id, days, now=self.now))

    # --- internals ------------------------------------------------------------------------

    def _run(self, action) -> None:  # noqa: ANN001 - a callable
        """A refusal (another admin finished it a moment ago) shows above the list; the list is
        re-read either way."""
        try:
            action()
        except CsdeskError as err:
            self.refresh(self.now)
            show_error(self.error, str(err))
            return
        show_error(self.error, "")
        self.refresh(self.now)
        self.changed.emit()

    def _open_customer(self, follow_up_id: int) -> None:
        row = next((r for r in self.rows if r.line.id == follow_up_id), None)
        if row is not None:
            self.open_record.emit("customer", row.line.customer_id)

    def _step(self, follow_up_id: int, step: int) -> None:
        ids = self.ids()
        if follow_up_id in ids:
            self._focus_row(ids.index(follow_up_id) + step)

    def _focus_row(self, n: int) -> None:
        if 0 <= n < len(self.rows):
            self.rows[n].setFocus(Qt.FocusReason.TabFocusReason)
            self.scroll.ensureWidgetVisible(self.rows[n])
