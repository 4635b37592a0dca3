"""The customer page's "Riwayat": orders, chats, complaints, notes, follow-ups and merges in one
list, newest first (services/customer_timeline.py). A row opens its order, chat, complaint or
customer; "Tampilkan lebih lama" reads the next page."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from csdesk.services import fmt, settings
from csdesk.services.customer_timeline import PAGE, TimelineEntry, timeline
from csdesk.ui import glyphs, theme
from csdesk.ui.widgets.card import Card, LinkButton
from csdesk.ui.widgets.two_line import SUBTITLE_ROLE, TwoLineDelegate

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
ICONS = {
    "order": "fa6s.box",
    "conversation": "fa6s.comment",
    "complaint": "fa6s.triangle-exclamation",
    "note": "fa6s.note-sticky",
    "follow_up": "fa6s.bell",
    "merge": "fa6s.code-merge",
}
ROW_HEIGHT = 44
VISIBLE_ROWS = 8


class TimelineCard(Card):
    """`open_record(kind, id)` when a row is activated."""

    open_record = Signal(str, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Riwayat"), parent)
        self.customer_id: int | None = None
        self.entries: list[TimelineEntry] = []
        self.list = QListWidget(self)
        self.list.setObjectName("timeline")
        self.list.setItemDelegate(TwoLineDelegate(self.list))
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.itemActivated.connect(self._activate)
        self.more = LinkButton(self.tr("Tampilkan lebih lama"), self)
        self.more.clicked.connect(self.load_more)
        self.add(self.list)
        self.add(self.more)

    def load(self, customer_id: int) -> None:
        self.customer_id = customer_id
        self.entries = []
        self.list.clear()
        self._append(timeline(customer_id, PAGE))

    def load_more(self) -> None:
        if self.customer_id is None or not self.entries:
            return
        self._append(timeline(self.customer_id, PAGE, before=self.entries[-1].at))

    def _append(self, entries: list[TimelineEntry]) -> None:
        zone = settings.load().zone
        for entry in entries:
            item = QListWidgetItem(
                glyphs.icon(ICONS.get(entry.kind, "fa6s.circle"), color=theme.MUTED),
                entry.title,
            )
            when = fmt.datetime_short(entry.at, zone)
            item.setData(SUBTITLE_ROLE, f"{when} · {entry.detail}" if entry.detail else when)
            item.setData(KIND_ROLE, entry.record_kind)
            item.setData(ID_ROLE, entry.record_id)
            item.setToolTip(f"{entry.kind_label}: {entry.title}\n{entry.detail}".strip())
            self.list.addItem(item)
        self.entries += entries
        if not self.entries:
            item = QListWidgetItem(self.tr("Belum ada riwayat dengan pelanggan ini."))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self.more.setVisible(len(entries) == PAGE)
        rows = min(max(1, self.list.count()), VISIBLE_ROWS)
        self.list.setFixedHeight(rows * ROW_HEIGHT + 6)

    def _activate(self, item: QListWidgetItem) -> None:
        kind = item.data(KIND_ROLE)
        record_id = item.data(ID_ROLE)
        if kind and record_id is not None:
            self.open_record.emit(str(kind), int(record_id))
