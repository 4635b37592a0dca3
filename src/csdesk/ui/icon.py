"""The csdesk icon, drawn with QPainter: a chat bubble with a parcel on a teal tile.

Drawn at run time (crisp at every size, nothing to bundle) and by resources/make_icon.py for
the installers' PNG/ICO/ICNS files.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QIcon,
    QImage,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
)

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
TEAL_TOP = QColor("#14b8a6")
TEAL_BOTTOM = QColor("#0f766e")
PARCEL = QColor("#f59e0b")
PARCEL_DARK = QColor("#b45309")


def draw_icon(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    s = size / 100.0  # draw on a 100×100 grid
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(s, s)

    tile = QLinearGradient(QPointF(0, 0), QPointF(0, 100))
    tile.setColorAt(0, TEAL_TOP)
    tile.setColorAt(1, TEAL_BOTTOM)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(QBrush(tile))
    p.drawRoundedRect(QRectF(4, 4, 92, 92), 22, 22)

    bubble = QPainterPath()
    bubble.addRoundedRect(QRectF(16, 18, 60, 44), 14, 14)
    tail = QPainterPath()
    tail.moveTo(26, 58)
    tail.lineTo(20, 76)
    tail.lineTo(42, 60)
    tail.closeSubpath()
    p.setBrush(QColor("white"))
    p.drawPath(bubble.united(tail))

    p.setBrush(TEAL_BOTTOM)
    for x in (32, 46, 60):
        p.drawEllipse(QPointF(x, 40), 4.6, 4.6)

    p.setPen(QPen(QColor("white"), 3.5))
    p.setBrush(PARCEL)
    box = QRectF(56, 56, 32, 30)
    p.drawRoundedRect(box, 4, 4)
    p.setPen(QPen(PARCEL_DARK, 3))
    p.drawLine(QPointF(box.center().x(), box.top() + 2), QPointF(box.center().x(), box.top() + 12))
    p.drawLine(QPointF(box.left() + 2, box.top() + 10), QPointF(box.right() - 2, box.top() + 10))
    p.end()
    return image


def app_icon() -> QIcon:
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addPixmap(QPixmap.fromImage(draw_icon(size)))
    return icon
