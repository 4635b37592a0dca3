"""Dasbor: what needs the seller today, at a glance, each number one click from its list.

Cards count what is due (parcels to ship, chats waiting, complaints open); a click or Enter on
a card emits `navigate(panel_key, filters)` with the same filters its count used, so the list
that opens has exactly as many rows as the card said. Below, side by side, the chats waiting
longest and today's follow-ups (a row opens its customer).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from csdesk.models.base import utcnow
from csdesk.services import conversations, dashboard, fmt
from csdesk.services import settings as shop_settings
from csdesk.ui import glyphs, theme
from csdesk.ui.panels.dashboard_follow_ups import TodayFollowUps
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.two_line import SUBTITLE_ROLE, TwoLineDelegate

_T = QCoreApplication.translate
ID_ROLE = Qt.ItemDataRole.UserRole + 1
WAITING_LIMIT = 8


@dataclass(frozen=True)
class CardSpec:
    name: str  # a DashboardCounts field and a DASHBOARD_LINKS key
    title: str
    icon: str
    tone: str  # "", "red" or "amber": the number's colour when it is not zero


def card_specs() -> list[CardSpec]:
    return [
        CardSpec("orders_to_ship", _T("Dashboard", "Perlu Dikirim"), "fa6s.box", ""),
        CardSpec("orders_late", _T("Dashboard", "Terlambat Dikirim"), "fa6s.truck-fast", "red"),
        CardSpec(
            "orders_due_today",
            _T("Dashboard", "Batas Kirim Hari Ini"),
            "fa6s.calendar-day",
            "amber",
        ),
        CardSpec("chats_waiting", _T("Dashboard", "Chat Menunggu Balasan"), "fa6s.comments", ""),
        CardSpec("chats_overdue", _T("Dashboard", "Chat Terlambat"), "fa6s.hourglass-half", "red"),
        CardSpec(
            "complaints_open", _T("Dashboard", "Keluhan Terbuka"), "fa6s.circle-exclamation", ""
        ),
        CardSpec(
            "complaints_due_today",
            _T("Dashboard", "Keluhan Jatuh Tempo Hari Ini"),
            "fa6s.clock",
            "amber",
        ),
        CardSpec("orders_today", _T("Dashboard", "Pesanan & Omzet Hari Ini"), "fa6s.receipt", ""),
    ]


def greeting(local_hour: int) -> str:
    """The Indonesian time-of-day greeting: "pagi" starts at 04.00 and "malam" runs past
    midnight, so 02.30 is still night, not morning."""
    if 4 <= local_hour < 10:
        return _T("Dashboard", "Selamat pagi")
    if 10 <= local_hour < 15:
        return _T("Dashboard", "Selamat siang")
    if 15 <= local_hour < 18:
        return _T("Dashboard", "Selamat sore")
    return _T("Dashboard", "Selamat malam")


class StatCard(QFrame):
    """A clickable, keyboard-focusable card: icon, title, big number, optional sub-line."""

    clicked = Signal()

    def __init__(self, spec: CardSpec, parent: QWidget | None = None):
        super().__init__(parent)
        self.spec = spec
        self.setObjectName("statCard")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(QSize(200, 118))
        self.setAccessibleName(spec.title)
        icon = QLabel(self)
        icon.setPixmap(glyphs.icon(spec.icon, color=theme.MUTED).pixmap(QSize(18, 18)))
        self.title = QLabel(spec.title, self)
        self.title.setObjectName("statTitle")
        self.title.setWordWrap(True)
        self.value = QLabel("–", self)
        self.value.setObjectName("statValue")
        self.detail = QLabel("", self)
        self.detail.setObjectName("statDetail")
        # The number and its sub-line sit at the bottom, so numbers line up across a row of
        # cards even when one title needs two lines.
        self.detail.setFixedHeight(self.detail.fontMetrics().height())
        layout = QGridLayout(self)
        layout.setContentsMargins(16, 14, 16, 12)
        layout.setHorizontalSpacing(8)
        layout.setVerticalSpacing(2)
        layout.addWidget(icon, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.title, 0, 1)
        layout.setRowStretch(1, 1)
        layout.addWidget(self.value, 2, 0, 1, 2)
        layout.addWidget(self.detail, 3, 0, 1, 2)
        layout.setColumnStretch(1, 1)

    def set_value(self, count: int, detail: str = "") -> None:
        self.value.setText(number(count))
        colour = {"red": theme.RED, "amber": theme.AMBER}.get(self.spec.tone, theme.TEXT)
        self.value.setStyleSheet(f"color: {colour if count else theme.TEXT};")
        self.detail.setText(detail)
        self.setToolTip(_T("Dashboard", "Klik atau tekan Enter untuk membuka daftarnya"))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)


CARD_STYLE = f"""
QFrame#statCard {{ background: palette(base); border: 1px solid {theme.BORDER}; border-radius: 10px; }}
QFrame#statCard:hover {{ border-color: #9ca3af; }}
QFrame#statCard:focus {{ border: 2px solid {theme.ACCENT}; }}
QLabel#statTitle {{ color: {theme.MUTED}; font-weight: 600; }}
QLabel#statValue {{ font-size: 22pt; font-weight: 700; }}
QLabel#statDetail {{ color: {theme.MUTED}; }}
QLabel#greeting {{ font-size: 18pt; font-weight: 600; color: {theme.TEXT}; }}
QLabel#sectionTitle {{ font-size: 12pt; font-weight: 600; color: {theme.TEXT}; }}
"""


class DashboardPanel(QWidget):
    """`navigate(panel_key, filters)`: a card was chosen; `open_requested(kind, id)`: a chat
    ("conversation"), a follow-up's customer ("customer") or its order/complaint; `changed()`:
    a follow-up was done or snoozed here."""

    key = "dashboard"
    title = _T("Panels", "Dasbor")
    refresh_on_show = True  # counts depend on the clock, not only on data

    navigate = Signal(str, dict)
    open_requested = Signal(str, int)
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setStyleSheet(CARD_STYLE)
        self.greeting = QLabel(self)
        self.greeting.setObjectName("greeting")
        self.greeting.setTextFormat(Qt.TextFormat.PlainText)
        self.date_label = QLabel(self)
        self.date_label.setObjectName("muted")

        self.cards: dict[str, StatCard] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for n, spec in enumerate(card_specs()):
            card = StatCard(spec, self)
            card.clicked.connect(lambda name=spec.name: self.open_card(name))
            grid.addWidget(card, n // 4, n % 4)
            self.cards[spec.name] = card

        waiting_title = QLabel(self.tr("Chat yang paling lama menunggu"), self)
        waiting_title.setObjectName("sectionTitle")
        self.waiting = QListWidget(self)
        self.waiting.setObjectName("waitingList")
        self.waiting.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.waiting.setMinimumHeight(160)
        self.waiting.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.waiting.setItemDelegate(TwoLineDelegate(self.waiting))
        self.waiting.itemActivated.connect(self._open_chat)
        self.waiting.itemClicked.connect(self._open_chat)

        self.follow_ups = TodayFollowUps(self)
        self.follow_ups.open_record.connect(self.open_requested)
        self.follow_ups.changed.connect(self.changed)

        lists = QHBoxLayout()
        lists.setSpacing(20)
        waiting = QVBoxLayout()
        waiting.setSpacing(8)
        waiting.addWidget(waiting_title)
        waiting.addWidget(self.waiting, 1)
        # The follow-ups get the wider half: each row carries its reason and two buttons.
        lists.addLayout(waiting, 4)
        lists.addWidget(self.follow_ups, 5)

        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        layout.addWidget(self.greeting)
        layout.addWidget(self.date_label)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addSpacing(10)
        layout.addLayout(lists, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- panel interface ------------------------------------------------------------------

    def refresh(self) -> None:
        profile = shop_settings.load()
        now = utcnow()
        local = fmt.to_local(now, profile.zone)
        hello = greeting(local.hour)
        self.greeting.setText(f"{hello}, {profile.shop_name}" if profile.shop_name else hello)
        self.date_label.setText(fmt.date_long(local.date()))

        counts = dashboard.today()
        for name, card in self.cards.items():
            if name == "orders_today":
                card.set_value(counts.orders_today, fmt.rupiah(counts.revenue_today))
            elif name == "complaints_open" and counts.complaints_overdue:
                card.set_value(
                    counts.complaints_open,
                    self.tr("%s lewat tenggat") % number(counts.complaints_overdue),
                )
            else:
                card.set_value(int(getattr(counts, name)))
        self._fill_waiting(now)
        self.follow_ups.author = conversations.current_author()
        self.follow_ups.refresh()

    def ensure_loaded(self) -> None:
        self.refresh()

    def apply_filter(self, **_filters: str) -> None:
        self.refresh()

    def open_record(self, _record_id: int) -> None:
        self.refresh()

    def open_card(self, name: str) -> None:
        panel_key, filters = dashboard.DASHBOARD_LINKS[name]
        self.navigate.emit(panel_key, dict(filters))

    # --- internals ------------------------------------------------------------------------

    def _fill_waiting(self, now: dt.datetime) -> None:
        self.waiting.clear()
        chats = dashboard.recent_waiting(WAITING_LIMIT)
        if not chats:
            item = QListWidgetItem(self.tr("Tidak ada chat yang menunggu balasan. Mantap!"))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.waiting.addItem(item)
            return
        for chat in chats:
            waited = fmt.duration((now - chat.waiting_since).total_seconds())
            # QListWidgetItem shows plain text: a customer's message cannot inject markup.
            item = QListWidgetItem(
                glyphs.icon("fa6s.comment", color=theme.MUTED),
                self.tr("%s · %s · menunggu %s") % (chat.title, chat.channel_label, waited),
            )
            item.setData(SUBTITLE_ROLE, chat.preview)
            item.setData(ID_ROLE, chat.id)
            self.waiting.addItem(item)

    def _open_chat(self, item: QListWidgetItem) -> None:
        record_id = item.data(ID_ROLE)
        if record_id is not None:
            self.open_requested.emit("conversation", int(record_id))
