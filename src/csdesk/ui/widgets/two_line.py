"""List items with a title and a muted second line, drawn as plain text (never markup).

Used where a list names a record and says something about it: search results, waiting chats.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

SUBTITLE_ROLE = Qt.ItemDataRole.UserRole + 10
MUTED = QColor("#6b7280")
PADDING = 6


class TwoLineDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        subtitle = str(index.data(SUBTITLE_ROLE) or "")
        if not subtitle:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        title = option.text
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
            text_rect = style.subElementRect(
                QStyle.SubElement.SE_ItemViewItemText, option, option.widget
            )
        else:
            text_rect = option.rect
        text_rect = text_rect.adjusted(2, PADDING, -2, -PADDING)
        metrics = QFontMetrics(option.font)
        small = QFont(option.font)
        small.setPointSizeF(option.font.pointSizeF() * 0.9)
        small_metrics = QFontMetrics(small)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        highlighted = option.palette.color(QPalette.ColorRole.HighlightedText)
        foreground = index.data(Qt.ItemDataRole.ForegroundRole)
        painter.save()
        painter.setFont(option.font)
        if selected:
            painter.setPen(highlighted)
        elif foreground is not None:
            painter.setPen(QBrush(foreground).color())
        else:
            painter.setPen(option.palette.color(QPalette.ColorRole.Text))
        title_rect = QRect(text_rect.left(), text_rect.top(), text_rect.width(), metrics.height())
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        painter.setFont(small)
        painter.setPen(highlighted if selected else MUTED)
        sub_rect = QRect(
            text_rect.left(), title_rect.bottom() + 2, text_rect.width(), small_metrics.height()
        )
        painter.drawText(
            sub_rect,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            small_metrics.elidedText(subtitle, Qt.TextElideMode.ElideRight, sub_rect.width()),
        )
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        if not index.data(SUBTITLE_ROLE):
            return base
        metrics = QFontMetrics(option.font)
        height = metrics.height() * 2 + 2 + 2 * PADDING
        return QSize(base.width(), max(base.height(), height))
