"""Pieces the four detail panes share: small tables of related orders and complaints (double
click opens the record), an event history, and the customer card."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from csdesk.models.complaints import OPEN_COMPLAINT_STATUSES as OPEN_STATUSES
from csdesk.services import fmt
from csdesk.services.details import ComplaintLine, CustomerSummary, EventLine, OrderLine
from csdesk.services.labels import (
    COMPLAINT_CATEGORY_LABELS,
    COMPLAINT_STATUS_LABELS,
    ORDER_STATUS_LABELS,
    label,
)
from csdesk.ui.widgets.card import Badge, Card, LinkButton, muted_label, plain_label
from csdesk.ui.widgets.delegates import badge_colours

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_HEIGHT = 26
MIN_COLUMN_WIDTH = 48


def clear_layout(layout: QLayout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item is None:
            continue
        widget = item.widget()
        if widget is not None:
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class RecordTable(QTableWidget):
    """A read-only table of related records sized to its rows; `activated_id` fires on double
    click or Enter with the record's id.

    Detail panes are narrow and must never scroll sideways, so columns always fit the width:
    every column gets its content's width, and when that is too much the `elastic` columns
    (in that order) give way, elided with the full text in the tooltip. Spare room goes to
    the first elastic column.
    """

    activated_id = Signal(int)

    def __init__(
        self,
        headers: Sequence[str],
        parent: QWidget | None = None,
        *,
        elastic: Sequence[int] = (),
    ) -> None:
        super().__init__(0, len(headers), parent)
        self._elastic = list(elastic) or [len(headers) - 1]
        self.setHorizontalHeaderLabels(list(headers))
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(MIN_COLUMN_WIDTH)
        self.cellDoubleClicked.connect(lambda row, _col: self._activate(row))
        self.setToolTip(self.tr("Klik dua kali untuk membuka"))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self.fit_columns()

    def fit_columns(self) -> None:
        """Share the viewport's width between the columns (see the class doc)."""
        header = self.horizontalHeader()
        count = self.columnCount()
        widths = [
            max(self.sizeHintForColumn(c), header.sectionSizeHint(c), MIN_COLUMN_WIDTH)
            for c in range(count)
        ]
        room = self.viewport().width()
        excess = sum(widths) - room
        for column in self._elastic:
            if excess <= 0:
                break
            give = min(excess, widths[column] - MIN_COLUMN_WIDTH)
            widths[column] -= give
            excess -= give
        if excess > 0:
            # Even the elastic columns at their minimum do not fit: every column shrinks
            # alike rather than one disappearing past the edge.
            scale = room / sum(widths)
            widths = [max(1, int(w * scale)) for w in widths]
        widths[self._elastic[0]] += max(0, room - sum(widths))
        for column, width in enumerate(widths):
            header.resizeSection(column, width)

    def keyPressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt's name
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentRow() >= 0:
            self._activate(self.currentRow())
            return
        super().keyPressEvent(event)

    def _activate(self, row: int) -> None:
        item = self.item(row, 0)
        if item is not None:
            self.activated_id.emit(int(item.data(ID_ROLE)))

    def set_rows(self, rows: Sequence[tuple[int, Sequence[str], str]]) -> None:
        """Each row: (record id, cell texts, the status key colouring the badge column 2)."""
        self.setRowCount(len(rows))
        for r, (record_id, cells, status) in enumerate(rows):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 0:
                    item.setData(ID_ROLE, record_id)
                if c == 2 and status:
                    background, foreground = badge_colours(status)
                    item.setBackground(background)
                    item.setForeground(foreground)
                self.setItem(r, c, item)
        # Sized to show every row: the pane scrolls as a whole, tables inside it do not.
        header = self.horizontalHeader().sizeHint().height()
        self.setFixedHeight(header + ROW_HEIGHT * len(rows) + 2 * self.frameWidth() + 2)
        self.setVisible(bool(rows))
        self.fit_columns()


class OrderTable(RecordTable):
    """Recent orders in a narrow pane: number, day, status and total always show; the
    courier and resi (one click away in the order) are in each row's tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Pesanan"), self.tr("Tanggal"), self.tr("Status"), self.tr("Total")],
            parent,
            elastic=(0,),
        )
        # When even the number has to give way, its start (the date in Shopee's numbers) and
        # its end (what a buyer reads out) are what identify it.
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)

    def set_orders(self, orders: Sequence[OrderLine], zone: str) -> None:
        self.set_rows(
            [
                (
                    o.id,
                    (
                        o.order_no,
                        _day(o.ordered_at, zone),
                        label(ORDER_STATUS_LABELS, o.status),
                        fmt.rupiah(o.total),
                    ),
                    o.status,
                )
                for o in orders
            ]
        )
        for row, o in enumerate(orders):
            shipping = " ".join(p for p in (o.courier, o.tracking_no) if p)
            tip = o.order_no + (self.tr("\nResi: %s") % shipping if shipping else "")
            for column in range(self.columnCount()):
                item = self.item(row, column)
                if item is not None:
                    item.setToolTip(tip)


def _day(utc: dt.datetime | None, zone: str) -> str:
    """`05 Mar 2025`: the day is enough in a list of recent orders, and the time of day
    would cost the narrow pane a column's width."""
    return fmt.datetime_short(utc, zone).rsplit(" ", 1)[0]


class ComplaintTable(RecordTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            [self.tr("Kode"), self.tr("Kategori"), self.tr("Status"), self.tr("Batas"),
             self.tr("Pesanan")],
            parent,
            elastic=(4, 1),
        )  # fmt: skip

    def set_complaints(
        self, complaints: Sequence[ComplaintLine], zone: str, now: dt.datetime
    ) -> None:
        self.set_rows(
            [
                (
                    c.id,
                    (
                        c.code,
                        label(COMPLAINT_CATEGORY_LABELS, c.category),
                        label(COMPLAINT_STATUS_LABELS, c.status),
                        fmt.datetime_short(c.due_at, zone),
                        c.order_no,
                    ),
                    c.status,
                )
                for c in complaints
            ]
        )
        for row, c in enumerate(complaints):
            item = self.item(row, 3)
            if c.due_at is not None and c.due_at < now and c.status in OPEN_STATUSES and item:
                item.setForeground(QColor("#b91c1c"))


class EventList(QWidget):
    """A history: one line per event, `when · who` then what happened."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        self.lines: list[str] = []

    def set_events(self, events: Sequence[EventLine], zone: str, empty_text: str) -> None:
        clear_layout(self._layout)
        self.lines = []
        if not events:
            self._layout.addWidget(muted_label(empty_text))
        for event in events:
            who = f" · {event.author}" if event.author else ""
            self._layout.addWidget(muted_label(f"{fmt.datetime_long(event.at, zone)}{who}"))
            text = event.detail or event.kind
            line = plain_label(text)
            line.setContentsMargins(8, 0, 0, 4)
            self._layout.addWidget(line)
            self.lines.append(text)


class CustomerCard(Card):
    """Who the record belongs to, in brief; the name opens the customer."""

    open_customer = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pelanggan"), parent)
        self.customer_id: int | None = None
        row = QHBoxLayout()
        self.name_button = LinkButton()
        self.name_button.clicked.connect(self._open)
        self.segment = Badge()
        row.addWidget(self.name_button)
        row.addWidget(self.segment)
        row.addStretch(1)
        self.add(row)
        self.stats = muted_label()
        self.add(self.stats)

    def set_customer(self, customer: CustomerSummary | None, fallback_name: str = "") -> None:
        self.customer_id = customer.id if customer else None
        if customer is None:
            self.name_button.setText(fallback_name or self.tr("Belum terhubung ke pelanggan"))
            self.name_button.setEnabled(False)
            self.segment.set_status("", "")
            self.stats.setText(self.tr("Pesanan ini belum dikaitkan dengan data pelanggan."))
            return
        name = customer.name
        if customer.nickname:
            name += f" ({customer.nickname})"
        self.name_button.setText(name)
        self.name_button.setEnabled(True)
        self.name_button.setToolTip(self.tr("Buka data pelanggan"))
        self.segment.set_status(customer.segment, customer.segment_label)
        parts = [
            self.tr("%d pesanan") % customer.order_count,
            self.tr("belanja %s") % fmt.rupiah(customer.lifetime_value),
        ]
        if customer.open_complaints:
            parts.append(self.tr("%d komplain terbuka") % customer.open_complaints)
        self.stats.setText(" · ".join(parts))

    def _open(self) -> None:
        if self.customer_id is not None:
            self.open_customer.emit(self.customer_id)
