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

import qtawesome as qta
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
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
from csdesk.ui import theme
from csdesk.ui.dialogs.follow_up import NewFollowUpDialog, SnoozeDayDialog
from csdesk.ui.widgets.card import Card, LinkButton, muted_label, plain_label
from csdesk.ui.widgets.messages import error_label, show_error

STATE_LOOKS = {  # colour, icon
    "overdue": (theme.RED, "fa6s.triangle-exclamation"),
    "today": (theme.AMBER, "fa6s.clock"),
    "tomorrow": (theme.MUTED, "fa6s.calendar-day"),
    "later": (theme.MUTED, "fa6s.calendar"),
}
SNOOZE_CHOICES = (("Besok", 1), ("3 hari lagi", 3), ("Minggu depan", 7))
ICON_SIZE = 15
ROW_STYLE = f"""
QFrame#followUpRow {{ border: 1px solid {theme.BORDER}; border-radius: 6px;
    background: palette(base); }}
QFrame#followUpRow[state="overdue"] {{ border-left: 3px solid {theme.RED}; }}
QFrame#followUpRow[state="today"] {{ border-left: 3px solid {theme.AMBER}; }}
QFrame#followUpRow:focus {{ border: 2px solid {theme.ACCENT}; }}
"""


def customer_text(line: service.FollowUpLine) -> str:
    return f"{line.customer_name} ({line.nickname})" if line.nickname else line.customer_name


class FollowUpRow(QFrame):
    """A pending follow-up with its own buttons. The row only asks; its list does the work:
    `done(id)`, `snooze(id, days)`, `choose_day(id)`, `open_record(kind, id)` for its order or
    complaint, and — on the Dasbor, where a row stands for its customer — `activated(id)` on a
    double-click or Enter, and `step(±1)` for the arrow keys."""

    done = Signal(int)
    snooze = Signal(int, int)
    choose_day = Signal(int)
    open_record = Signal(str, int)
    activated = Signal(int)
    step = Signal(int)

    def __init__(
        self,
        line: service.FollowUpLine,
        now: dt.datetime,
        zone: str,
        *,
        on_dashboard: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`on_dashboard`: the customer's name on the row, the row focusable and openable, and
        "Tunda besok" in place of the Tunda menu (the Dasbor is for today; other days are
        chosen on the customer's page)."""
        super().__init__(parent)
        self.line = line
        self.state, due = service.due_text(line.due_at, now, zone)
        self.setObjectName("followUpRow")
        self.setProperty("state", self.state)
        self.setStyleSheet(ROW_STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        colour, icon_name = STATE_LOOKS[self.state]

        icon = QLabel(self)
        icon.setPixmap(qta.icon(icon_name, color=colour).pixmap(QSize(ICON_SIZE, ICON_SIZE)))
        icon.setFixedWidth(ICON_SIZE + 2)
        self.due = plain_label(due, wrap=False, selectable=False)
        self.due.setObjectName("followUpDue")
        weight = "700" if self.state == "overdue" else "600"
        self.due.setStyleSheet(f"color: {colour}; font-weight: {weight};")
        reason = line.reason_label
        if line.status == "snoozed":
            reason += self.tr(" (ditunda)")
        self.reason = plain_label(f"· {reason}", selectable=False)
        self.reason.setObjectName("followUpReason")
        title = QHBoxLayout()
        title.setContentsMargins(0, 0, 0, 0)
        title.setSpacing(6)
        title.addWidget(icon, 0, Qt.AlignmentFlag.AlignVCenter)
        title.addWidget(self.due, 0, Qt.AlignmentFlag.AlignVCenter)
        title.addWidget(self.reason, 1, Qt.AlignmentFlag.AlignVCenter)

        text = QVBoxLayout()
        text.setContentsMargins(0, 0, 0, 0)
        text.setSpacing(3)
        text.addLayout(title)
        self.customer = plain_label(customer_text(line), selectable=False)
        self.customer.setObjectName("followUpCustomer")
        self.customer.setStyleSheet("font-weight: 600;")
        self.customer.setVisible(on_dashboard)
        text.addWidget(self.customer)
        self.note = muted_label(line.note)
        self.note.setObjectName("followUpNote")
        self.note.setVisible(bool(line.note))
        text.addWidget(self.note)
        self.links: dict[str, LinkButton] = {}
        links = QHBoxLayout()
        links.setContentsMargins(0, 0, 0, 0)
        links.setSpacing(14)
        for kind, record_id, caption in (
            ("order", line.order_id, self.tr("Pesanan %s") % line.order_no),
            ("complaint", line.complaint_id, self.tr("Keluhan %s") % line.complaint_code),
        ):
            if record_id is None:
                continue
            link = LinkButton(caption, self)
            link.setToolTip(self.tr("Buka %s") % caption)
            link.clicked.connect(lambda _=False, k=kind, r=record_id: self.open_record.emit(k, r))
            links.addWidget(link)
            self.links[kind] = link
        links.addStretch(1)
        if self.links:
            text.addLayout(links)

        self.done_button = QPushButton(
            qta.icon("fa6s.check", color=theme.ACCENT), self.tr("Selesai"), self
        )
        self.done_button.setObjectName("followUpDone")
        self.done_button.setToolTip(self.tr("Sudah dikerjakan: pindah ke riwayat pelanggan"))
        self.done_button.clicked.connect(lambda: self.done.emit(line.id))
        self.snooze_menu: QMenu | None = None
        if on_dashboard:
            self.snooze_button: QPushButton | QToolButton = QPushButton(
                qta.icon("fa6s.clock-rotate-left", color=theme.MUTED), self.tr("Tunda besok"), self
            )
            self.snooze_button.setToolTip(self.tr("Muncul lagi besok di daftar ini"))
            self.snooze_button.clicked.connect(lambda: self.snooze.emit(line.id, 1))
        else:
            button = QToolButton(self)
            button.setText(self.tr("Tunda"))
            button.setIcon(qta.icon("fa6s.clock-rotate-left", color=theme.MUTED))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            menu = QMenu(button)
            for caption, days in SNOOZE_CHOICES:
                menu.addAction(self.tr(caption), lambda d=days: self.snooze.emit(line.id, d))
            menu.addSeparator()
            menu.addAction(self.tr("Pilih tanggal…"), lambda: self.choose_day.emit(line.id))
            button.setMenu(menu)
            self.snooze_menu = menu
            self.snooze_button = button
        self.snooze_button.setObjectName("followUpSnooze")
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.setSpacing(6)
        buttons.addWidget(self.done_button)
        buttons.addWidget(self.snooze_button)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 7, 8, 7)
        layout.setSpacing(10)
        layout.addLayout(text, 1)
        layout.addLayout(buttons)
        layout.setAlignment(buttons, Qt.AlignmentFlag.AlignTop)

        self.on_dashboard = on_dashboard
        if on_dashboard:
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.setAccessibleName(f"{due} · {line.reason_label} · {customer_text(line)}")
        self.setToolTip(self._tooltip(zone))

    def title(self) -> str:
        """The row's first line as read: `Terlambat 2 hari · Pengingat pembayaran`."""
        return f"{self.due.text()} {self.reason.text()}"

    def _tooltip(self, zone: str) -> str:
        line = self.line
        parts = [self.tr("Jatuh tempo %s") % fmt.datetime_long(line.due_at, zone)]
        made = self.tr("dibuat %s") % fmt.datetime_long(line.created_at, zone)
        parts.append(made + (self.tr(" oleh %s") % line.author if line.author else ""))
        if self.on_dashboard:
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
            self.step.emit(-1 if key == Qt.Key.Key_Up else 1)
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

        self.add_button = QToolButton(self)
        self.add_button.setObjectName("addFollowUp")
        self.add_button.setText(self.tr("Tambah"))
        self.add_button.setIcon(qta.icon("fa6s.plus", color=theme.ACCENT))
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
        if self.customer_id is None:
            return None
        dialog = NewFollowUpDialog(self.customer_id, self.author, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.created.connect(lambda _id: self._after_change())
        self.dialog = dialog
        dialog.open()
        return dialog

    def mark_done(self, follow_up_id: int) -> None:
        self._run(lambda: service.mark_done(follow_up_id, now=self.now, author=self.author))

    def snooze_days(self, follow_up_id: int, days: int) -> None:
        self._run(lambda: service.snooze_days(follow_up_id, days, now=self.now))

    def choose_day(self, follow_up_id: int) -> SnoozeDayDialog:
        """ "Tunda → Pilih tanggal…": a calendar from tomorrow on."""
        tomorrow = service.shop_today(self.now) + dt.timedelta(days=1)
        dialog = SnoozeDayDialog(tomorrow, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.chosen.connect(
            lambda day: self._run(lambda: service.snooze(follow_up_id, day, now=self.now))
        )
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

    def _done_text(self, line: service.FollowUpLine, zone: str) -> str:
        head = f"✓ {line.reason_label}" + (f" — {line.note}" if line.note else "")
        about = [x for x in (line.order_no, line.complaint_code) if x]
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
            qta.icon("fa6s.chevron-down" if shown else "fa6s.chevron-right", color=theme.MUTED)
        )
