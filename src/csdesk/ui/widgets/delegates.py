"""Status badges: a rounded coloured pill per status key, the same colours on every screen.

Colours follow the seller's reading of urgency: red for what is late or lost, amber for what
waits on the shop, blue for what is on its way, green for what is done, grey for the rest.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from csdesk.ui.widgets.lazy_table import RAW_ROLE

RED = ("#fde2e1", "#a61b1b")
AMBER = ("#fff1d6", "#8a5300")
BLUE = ("#dcebff", "#1d4f91")
GREEN = ("#dcf5e3", "#1b6b35")
GREY = ("#ebedf0", "#4a5360")
PURPLE = ("#ede4ff", "#5b2fa8")
ORANGE = ("#ffe4d4", "#b23c00")

BADGE_COLOURS: dict[str, tuple[str, str]] = {
    # orders
    "unpaid": GREY,
    "to_ship": AMBER,
    "shipped": BLUE,
    "delivered": BLUE,
    "completed": GREEN,
    "cancelled": GREY,
    "returned": RED,
    # conversations
    "open": AMBER,
    "pending": BLUE,
    "snoozed": GREY,
    "closed": GREEN,
    # complaints
    "new": RED,
    "waiting_customer": AMBER,
    "waiting_courier": BLUE,
    "waiting_marketplace": PURPLE,
    "resolved": GREEN,
    "rejected": GREY,
    # priorities
    "low": GREY,
    "normal": BLUE,
    "high": AMBER,
    "urgent": RED,
    # marketplaces and channels: each platform's own colour family
    "shopee": ORANGE,
    "tokopedia": GREEN,
    "tiktok": GREY,
    "lazada": BLUE,
    "manual": PURPLE,
    "whatsapp": GREEN,
    "instagram": PURPLE,
    # customer segments
    "baru": BLUE,
    "berulang": GREEN,
    "loyal": PURPLE,
    "pernah_komplain": RED,
    "tidak_aktif": GREY,
}


def badge_colours(key: str) -> tuple[QColor, QColor]:
    """(background, text) for a status key; grey for keys without a colour of their own."""
    background, foreground = BADGE_COLOURS.get(key, GREY)
    return QColor(background), QColor(foreground)


class BadgeDelegate(QStyledItemDelegate):
    """Draws the cell's text as a pill coloured by the cell's raw status key."""

    H_PADDING = 8
    V_MARGIN = 4

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        # Selection and alternating-row background come from the style, as for any cell.
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        if not text:
            return
        background, foreground = badge_colours(str(index.data(RAW_ROLE) or ""))
        metrics = QFontMetrics(option.font)
        cell = option.rect
        width = min(metrics.horizontalAdvance(text) + 2 * self.H_PADDING, cell.width() - 6)
        height = min(metrics.height() + 4, cell.height() - 2 * self.V_MARGIN)
        pill = QRectF(cell.left() + 4, cell.center().y() - height / 2 + 1, width, height)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(background)
        painter.drawRoundedRect(pill, height / 2, height / 2)
        painter.setPen(foreground)
        painter.setFont(option.font)
        shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(width) - self.H_PADDING)
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, shown)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        text: Any = index.data(Qt.ItemDataRole.DisplayRole) or ""
        width = QFontMetrics(option.font).horizontalAdvance(str(text)) + 2 * self.H_PADDING + 8
        return QSize(max(base.width(), width), base.height() + 2 * self.V_MARGIN)
