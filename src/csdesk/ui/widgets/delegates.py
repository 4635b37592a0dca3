"""Status badges: a rounded coloured pill per status key, the same colours on every screen;
and deadline cells marked late (red) or due today (amber).

Colours follow the seller's reading of urgency: red for what is late or lost, amber for what
waits on the shop, blue for what is on its way, green for what is done, grey for the rest.
A deadline is never told by colour alone (some sellers are colour-blind): a late cell has a
warning sign, a due-today cell a clock, and the tooltip says it in words.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QHelpEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
)

from csdesk.ui import glyphs
from csdesk.ui.widgets.lazy_table import RAW_ROLE, LazyTableModel

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


DEADLINE_LOOKS = {"late": (RED, "fa6s.triangle-exclamation"), "due_today": (AMBER, "fa6s.clock")}
DEADLINE_ICON_SIZE = 14
# Room the sign takes beside the date (icon and its gap), so the date is never cut off.
DEADLINE_EXTRA_WIDTH = DEADLINE_ICON_SIZE + 8


class DeadlineDelegate(QStyledItemDelegate):
    """A ship-by cell: red with a warning sign when late, amber with a clock when due today,
    the reason ("Terlambat 2 hari") in its tooltip. The flag comes from the row the source
    returned (`deadline`, `deadline_note`), so the table and the filters agree on "late"."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # Drawn on every paint of every visible deadline cell: built once.
        self._icons = {
            kind: glyphs.icon(icon, color=colours[1])
            for kind, (colours, icon) in DEADLINE_LOOKS.items()
        }

    @staticmethod
    def flag(index: QModelIndex | QPersistentModelIndex) -> tuple[str, str]:
        """("late" | "due_today" | "", the sentence for it) of the cell's row."""
        model = index.model()
        if not isinstance(model, LazyTableModel):
            return "", ""
        values = model.row_values(index.row())
        return str(values.get("deadline") or ""), str(values.get("deadline_note") or "")

    def initStyleOption(  # noqa: N802 - Qt's name
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        kind, _note = self.flag(index)
        looks = DEADLINE_LOOKS.get(kind)
        if looks is None:
            return
        (background, foreground), _icon = looks
        option.icon = self._icons[kind]
        option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
        option.decorationSize = QSize(DEADLINE_ICON_SIZE, DEADLINE_ICON_SIZE)
        option.backgroundBrush = QBrush(QColor(background))
        option.palette.setColor(QPalette.ColorRole.Text, QColor(foreground))
        option.font.setBold(kind == "late")

    def helpEvent(  # noqa: N802 - Qt's name
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            _kind, note = self.flag(index)
            if note:
                QToolTip.showText(event.globalPos(), note, view)
                return True
        return super().helpEvent(event, view, option, index)
