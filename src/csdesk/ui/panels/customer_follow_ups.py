"""Follow-ups on screen: one row per pending follow-up (used here and on the Dasbor), and the
customer page's "Tindak lanjut" card built from them.

A row says when it is due in words, by shop day: overdue ones red with a warning sign
("Terlambat 2 hari"), today's amber with a clock ("Hari ini"), later ones by date — the words
carry the state, the colour only repeats it. Below: the reason, the note, and the linked order or
complaint as links. Selesai and Tunda sit on the row itself, so nothing needs choosing first.
The card lists pending ones first; done ones wait under a collapsed "Riwayat (n)" with who
finished them and when.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QKeyEvent, QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.models.base import utcnow
from csdesk.services import fmt, settings
from csdesk.services import follow_ups as service
from csdesk.ui import glyphs, theme
from csdesk.ui.widgets.card import Card, LinkButton, muted_label, plain_label
from csdesk.ui.widgets.messages import error_label, show_error

if TYPE_CHECKING:
    # Imported when first opened: the Dasbor shows these rows at start-up and should not load
    # the dialogs' order pickers with them.
    from csdesk.ui.dialogs.follow_up import NewFollowUpDialog, SnoozeDayDialog

STATE_LOOKS = {  # colour, icon
    "overdue": (theme.RED, "fa6s.triangle-exclamation"),
    "today": (theme.AMBER, "fa6s.clock"),
    "tomorrow": (theme.MUTED, "fa6s.calendar-day"),
    "later": (theme.MUTED, "fa6s.calendar"),
}
SNOOZE_CHOICES = (("Besok", 1), ("3 hari lagi", 3), ("Minggu depan", 7))
ICON_SIZE = 15
ROW_STYLE = f"""
QFrame#followUpRow {{ background: palette(base); border: none;
    border-bottom: 1px solid {theme.BORDER}; border-left: 3px solid transparent; }}
QFrame#followUpRow[state="overdue"] {{ border-left-color: {theme.RED}; }}
QFrame#followUpRow[state="today"] {{ border-left-color: {theme.AMBER}; }}
QFrame#followUpRow:focus {{ background: {theme.ACCENT_LIGHT}; }}
"""


def customer_text(line: service.FollowUpLine) -> str:
    return f"{line.customer_name} ({line.nickname})" if line.nickname else line.customer_name


class ElidedLabel(QLabel):
    """One line of plain text cut with "…" to the width it gets, the whole text in its
    tooltip when cut: a long note never pushes a row's buttons out of sight."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.full_text = text
        self._elide()

    def set_full_text(self, text: str) -> None:
        self.full_text = text
        self._elide()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self.full_text) + 2, metrics.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(24, self.fontMetrics().height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(
            self.full_text, Qt.TextElideMode.ElideRight, max(0, self.width())
        )
        self.setText(shown)
        self.setToolTip(self.full_text if shown != self.full_text else "")


class FollowUpRow(QFrame):
    """A pending follow-up with its own buttons. The row only asks; its list does the work:
    `done(id)`, `snooze(id, days)`, `choose_day(id)`, `open_record(kind, id)` for its order or
    complaint, and — on the Dasbor, where a row stands for its customer — `activated(id)` on a
    double-click or Enter, and `step(id, ±1)` for the arrow keys."""

    done = Signal(int)
    snooze = Signal(int, int)
    choose_day = Signal(int)
    open_record = Signal(str, int)
    activated = Signal(int)
    step = Signal(int, int)

    def __init__(
        self,
        line: service.FollowUpLine,
        now: dt.datetime,
        zone: str,
        *,
        on_dashboard: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`on_dashboard`: two lines (the customer's name and the note cut to fit), the row
        focusable and opening its customer, and "Tunda besok" in place of the Tunda menu (the
        Dasbor is about today; other days are chosen on the customer's page). On the customer's
        page the note wraps and the linked order or complaint are links."""
        super().__init__(parent)
        self.line = line
        self.on_dashboard = on_dashboard
        self.state, due = service.due_text(line.due_at, now, zone)
        self.setObjectName("followUpRow")
        self.setProperty("state", self.state)
        self.setStyleSheet(ROW_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        colour, icon_name = STATE_LOOKS[self.state]

        icon = QLabel(self)
        icon.setPixmap(glyphs.icon(icon_name, color=colour).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        icon.setFixedWidth(ICON_SIZE + 2)
        self.due = plain_label(due, wrap=False, selectable=False)
        self.due.setObjectName("followUpDue")
        weight = "700" if self.state == "overdue" else "600"
        self.due.setStyleSheet(f"color: {colour}; font-weight: {weight};")
        self.reason_text = line.reason_label
        if line.status == "snoozed":
            self.reason_text += self.tr(" (ditunda)")
        title = QHBoxLayout()
        title.setContentsMargins(0, 0, 0, 0)
        title.setSpacing(6)
        title.addWidget(icon)
        title.addWidget(self.due)
        # On the Dasbor the reason shares the first line (a row keeps to two lines, cut to fit);
        # on the narrower customer page it gets a line of its own and nothing is cut.
        self.reason: QLabel
        if on_dashboard:
            self.reason = ElidedLabel(f"· {self.reason_text}", self)
            title.addWidget(self.reason, 1)
        else:
            self.reason = plain_label(self.reason_text, selectable=False)
            self.reason.setStyleSheet("font-weight: 600;")
            title.addStretch(1)
        self.reason.setObjectName("followUpReason")

        self.done_button = QPushButton(
            glyphs.icon("fa6s.check", color=theme.ACCENT), self.tr("Selesai"), self
        )
        self.done_button.setObjectName("followUpDone")
        self.done_button.setToolTip(self.tr("Sudah dikerjakan: pindah ke riwayat pelanggan"))
        self.done_button.clicked.connect(self._done_clicked)
        self.snooze_button = QPushButton(
            glyphs.icon("fa6s.clock-rotate-left", color=theme.MUTED), "", self
        )
        self.snooze_button.setObjectName("followUpSnooze")
        self.snooze_menu: QMenu | None = None
        if on_dashboard:
            self.snooze_button.setText(self.tr("Tunda besok"))
            self.snooze_button.setToolTip(self.tr("Muncul lagi besok di daftar ini"))
            self.snooze_button.clicked.connect(self._snooze_clicked)
        else:
            self.snooze_button.setText(self.tr("Tunda"))
            menu = QMenu(self.snooze_button)
            for caption, days in SNOOZE_CHOICES:
                menu.addAction(self.tr(caption)).setData(days)
            menu.addSeparator()
            menu.addAction(self.tr("Pilih tanggal…")).setData(0)
            menu.triggered.connect(self._menu_chosen)
            self.snooze_button.setMenu(menu)  # drawn with its ▾
            self.snooze_menu = menu
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(6)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.snooze_button)

        grid = QGridLayout(self)
        grid.setContentsMargins(8, 6, 6, 6)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(3)
        grid.addLayout(title, 0, 0)
        grid.addLayout(buttons, 0, 1)
        grid.setColumnStretch(0, 1)
        indent = ICON_SIZE + 2 + title.spacing()
        self.links: dict[str, LinkButton] = {}
        if on_dashboard:
            self._dashboard_lines(grid, indent)
        else:
            self._card_lines(grid, indent)
        self.setToolTip(self._tooltip(zone))

    def _dashboard_lines(self, grid: QGridLayout, indent: int) -> None:
        """Who, then what was noted, on one line; the row itself opens the customer."""
        line = self.line
        self.customer = plain_label(customer_text(line), wrap=False, selectable=False)
        self.customer.setObjectName("followUpCustomer")
        self.customer.setStyleSheet("font-weight: 600;")
        detail = [x for x in (line.note,) if x]
        if line.order_no:
            detail.append(self.tr("Pesanan %s") % line.order_no)
        if line.complaint_code:
            detail.append(self.tr("Keluhan %s") % line.complaint_code)
        self.note = ElidedLabel(" · ".join(detail), self)
        self.note.setObjectName("followUpNote")
        self.note.setStyleSheet(f"color: {theme.MUTED};")
        second = QHBoxLayout()
        second.setContentsMargins(indent, 0, 0, 0)
        second.setSpacing(8)
        second.addWidget(self.customer)
        second.addWidget(self.note, 1)
        grid.addLayout(second, 1, 0, 1, 2)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(f"{self.title()} · {customer_text(line)}")

    def _card_lines(self, grid: QGridLayout, indent: int) -> None:
        """The reason, the note in full, and the order or complaint it is about as links."""
        line = self.line
        self.reason.setContentsMargins(indent, 0, 0, 0)
        grid.addWidget(self.reason, 1, 0, 1, 2)
        self.note = muted_label(line.note)
        self.note.setObjectName("followUpNote")
        self.note.setContentsMargins(indent, 0, 0, 0)
        self.note.setVisible(bool(line.note))
        grid.addWidget(self.note, 2, 0, 1, 2)
        links = QHBoxLayout()
        links.setContentsMargins(indent, 0, 0, 0)
        links.setSpacing(14)
        for kind, record_id, caption in (
            ("order", line.order_id, self.tr("Pesanan %s") % line.order_no),
            ("complaint", line.complaint_id, self.tr("Keluhan %s") % line.complaint_code),
        ):
            if record_id is None:
                continue
            link = LinkButton(caption, self)
            link.setToolTip(self.tr("Buka %s") % caption)
            link.setProperty("record", (kind, record_id))
            link.clicked.connect(self._link_clicked)
            links.addWidget(link)
            self.links[kind] = link
        links.addStretch(1)
        if self.links:
            grid.addLayout(links, 3, 0, 1, 2)

    # Slots are bound methods, not lambdas holding the row: a lambda kept by a child's
    # connection can hold the last reference to its parent and free it while Qt is deleting it.
    def _done_clicked(self) -> None:
        self.done.emit(self.line.id)

    def _snooze_clicked(self) -> None:
        self.snooze.emit(self.line.id, 1)

    def _menu_chosen(self, action: QAction) -> None:
        days = int(action.data())
        if days:
            self.snooze.emit(self.line.id, days)
        else:
            self.choose_day.emit(self.line.id)

    def _link_clicked(self) -> None:
        kind, record_id = self.sender().property("record")
        self.open_record.emit(kind, record_id)

    def title(self) -> str:
        """The row's first line in full: `Terlambat 2 hari · Pengingat pembayaran`."""
        return f"{self.due.text()} · {self.reason_text}"

    def _tooltip(self, zone: str) -> str:
        line = self.line
        parts = [self.tr("Jatuh tempo %s") % fmt.datetime_long(line.due_at, zone)]
        made = self.tr("dibuat %s") % fmt.datetime_long(line.created_at, zone)
        parts.append(made + (self.tr(" oleh %s") % line.author if line.author else ""))
        if self.on_dashboard:
            if line.note:
                parts.append(line.note)
            parts.append(self.tr("Klik dua kali atau Enter: buka pelanggan"))
        return "\n".join(parts)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self.on_dashboard and event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(self.line.id)
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        if self.on_dashboard and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.activated.emit(self.line.id)
            return
        if self.on_dashboard and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step.emit(self.line.id, -1 if key == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class FollowUpsCard(Card):
    """`changed()`: a follow-up was added, done or snoozed; `open_record(kind, id)`: a linked
    order ("order") or complaint ("complaint") was clicked. Set `author` before `load`."""

    changed = Signal()
    open_record = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Tindak lanjut"), parent)
        self.customer_id: int | None = None
        self.author = ""
        self.now: dt.datetime | None = None  # a pinned clock (tests); None: the real one
        self.dialog: NewFollowUpDialog | SnoozeDayDialog | None = None
        self.rows: list[FollowUpRow] = []
        self._history_open = False
        self._snoozing = 0  # the follow-up "Pilih tanggal…" is for

        self.add_button = QToolButton(self)
        self.add_button.setObjectName("addFollowUp")
        self.add_button.setText(self.tr("Tambah"))
        self.add_button.setIcon(glyphs.icon("fa6s.plus", color=theme.ACCENT))
        self.add_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.add_button.setToolTip(
            self.tr("Ingatkan diri sendiri: tagih transfer, minta ulasan, kabari stok datang")
        )
        self.add_button.clicked.connect(self.new_follow_up)
        self.add_header_widget(self.add_button)

        self.pending = QVBoxLayout()
        self.pending.setContentsMargins(0, 0, 0, 0)
        self.pending.setSpacing(6)
        self.add(self.pending)
        self.empty = muted_label(self.tr("Belum ada tindak lanjut."))
        self.empty.setObjectName("followUpEmpty")
        self.add(self.empty)
        self.error = error_label(self, name="followUpError")
        self.add(self.error)
        self.history_toggle = LinkButton("", self)
        self.history_toggle.setObjectName("followUpHistoryToggle")
        self.history_toggle.clicked.connect(self._toggle_history)
        self.add(self.history_toggle)
        self.history = muted_label()
        self.history.setObjectName("followUpHistory")
        self.history.setContentsMargins(18, 0, 0, 0)
        self.add(self.history)
        self.history.hide()

    # --- content --------------------------------------------------------------------------

    def load(self, customer_id: int) -> None:
        if customer_id != self.customer_id:
            self._history_open = False
            show_error(self.error, "")
        self.customer_id = customer_id
        now = self.now or utcnow()
        zone = settings.load().zone
        lines = service.customer_follow_ups(customer_id, now)
        pending = [line for line in lines if line.status in service.PENDING]
        done = [line for line in lines if line.status not in service.PENDING]

        for row in self.rows:
            self.pending.removeWidget(row)
            row.hide()
            row.deleteLater()  # it may be the row whose button is being handled
        self.rows = []
        for line in pending:
            row = FollowUpRow(line, now, zone, parent=self)
            row.done.connect(self.mark_done)
            row.snooze.connect(self.snooze_days)
            row.choose_day.connect(self.choose_day)
            row.open_record.connect(self.open_record)
            self.pending.addWidget(row)
            self.rows.append(row)
        self.empty.setVisible(not pending)

        self.history_toggle.setText(self.tr("Riwayat (%d)") % len(done))
        self.history_toggle.setVisible(bool(done))
        self.history.setText("\n".join(self._done_text(line, zone) for line in done))
        self._show_history(self._history_open and bool(done))

    def reload(self) -> None:
        if self.customer_id is not None:
            self.load(self.customer_id)

    # --- actions --------------------------------------------------------------------------

    def new_follow_up(self) -> NewFollowUpDialog | None:
        """ "+ Tambah": the new-follow-up dialog for this customer."""
        from csdesk.ui.dialogs.follow_up import NewFollowUpDialog

        if self.customer_id is None:
            return None
        dialog = NewFollowUpDialog(self.customer_id, self.author, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(self._created)
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_done(self, follow_up_id: int) -> None:
        self._run(lambda: service.mark_done(follow_up_id, now=self.now, author=self.author))

    def snooze_days(self, follow_up_id: int, days: int) -> None:
        self._run(lambda: service.snooze_days(follow_up_id, days, now=self.now))

    def choose_day(self, follow_up_id: int) -> SnoozeDayDialog:
        """ "Tunda → Pilih tanggal…": a calendar from tomorrow on."""
        from csdesk.ui.dialogs.follow_up import SnoozeDayDialog

        tomorrow = service.shop_today(self.now) + dt.timedelta(days=1)
        dialog = SnoozeDayDialog(tomorrow, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._snoozing = follow_up_id
        dialog.chosen.connect(self._snooze_to)
        self.dialog = dialog
        dialog.open()
        return dialog

    # --- internals ------------------------------------------------------------------------

    def _run(self, action) -> None:  # noqa: ANN001 - a callable
        """Run a change; a refusal (another admin finished it first) shows under the rows, and
        the card re-reads either way so it shows what is true now."""
        try:
            action()
        except CsdeskError as err:
            self.reload()
            show_error(self.error, str(err))
            return
        show_error(self.error, "")
        self._after_change()

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

    def _created(self, _follow_up_id: int) -> None:
        self._after_change()

    def _snooze_to(self, day: dt.date) -> None:
        follow_up_id = self._snoozing
        self._run(lambda: service.snooze(follow_up_id, day, now=self.now))

    def _done_text(self, line: service.FollowUpLine, zone: str) -> str:
        head = f"✓ {line.reason_label}" + (f" — {line.note}" if line.note else "")
        about = [self.tr("Pesanan %s") % line.order_no] if line.order_no else []
        if line.complaint_code:
            about.append(self.tr("Keluhan %s") % line.complaint_code)
        when = self.tr("selesai %s") % fmt.datetime_long(line.done_at, zone)
        if line.done_by:
            when += self.tr(" oleh %s") % line.done_by
        return f"{head}\n    {' · '.join([*about, when])}"

    def _toggle_history(self) -> None:
        self._history_open = not self._history_open
        self._show_history(self._history_open)

    def _show_history(self, shown: bool) -> None:
        self.history.setVisible(shown)
        self.history_toggle.setIcon(
            glyphs.icon("fa6s.chevron-down" if shown else "fa6s.chevron-right", color=theme.MUTED)
        )
