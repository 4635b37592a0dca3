"""Small building blocks of the detail panes: a titled card, a status badge, plain-text labels
and link-like buttons for jumping to a related record.

Everything here shows customer text as plain text: a buyer's note that happens to contain
`<b>` or a link must read exactly as typed, never be rendered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from csdesk.ui.widgets.delegates import badge_colours

CARD_STYLE = """
QFrame#card { background: palette(base); border: 1px solid #d9dde3; border-radius: 8px; }
QLabel#cardTitle { color: #4a5360; font-weight: 600; }
"""


def plain_label(text: str = "", *, wrap: bool = True, selectable: bool = True) -> QLabel:
    """A QLabel that never interprets its text as HTML."""
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


def muted_label(text: str = "") -> QLabel:
    """Secondary text (hints, counts, empty lines inside a card)."""
    label = plain_label(text, selectable=False)
    label.setStyleSheet("color: #6b7480;")
    return label


def heading_label(text: str = "", *, size_delta: int = 4) -> QLabel:
    """The big line at the top of a pane (order number, customer name)."""
    label = plain_label(text)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + size_delta)
    font.setBold(True)
    label.setFont(font)
    return label


class Badge(QLabel):
    """A coloured pill for a status, priority, marketplace or segment key; the colours are the
    list tables' (delegates.BADGE_COLOURS), so a status looks the same everywhere."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.key = ""

    def set_status(self, key: str, text: str) -> None:
        self.key = key
        background, foreground = badge_colours(key)
        self.setStyleSheet(
            f"QLabel {{ background: {background.name()}; color: {foreground.name()};"
            " border-radius: 9px; padding: 2px 9px; font-weight: 600; }"
        )
        self.setText(text)
        self.setVisible(bool(text))


class LinkButton(QPushButton):
    """A flat, link-coloured button: a customer's name or an order number that opens it."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setFlat(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        self.setStyleSheet(
            "QPushButton { color: #1d4f91; text-align: left; border: none; padding: 0;"
            " font-weight: 600; } QPushButton:hover { text-decoration: underline; }"
        )


class Card(QFrame):
    """A titled, bordered section of a detail pane. Put content into `body`."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("card")
        self.setStyleSheet(CARD_STYLE)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 12)
        outer.setSpacing(8)
        self.header = QHBoxLayout()
        self.header.setSpacing(6)
        self.title_label = QLabel(title)
        self.title_label.setObjectName("cardTitle")
        self.title_label.setTextFormat(Qt.TextFormat.PlainText)
        self.header.addWidget(self.title_label)
        self.header.addStretch(1)
        outer.addLayout(self.header)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        outer.addLayout(self.body)

    def set_title(self, title: str) -> None:
        self.title_label.setText(title)

    def add_header_widget(self, widget: QWidget) -> None:
        """A small action on the title line (a copy button, a counter)."""
        self.header.addWidget(widget)

    def add(self, item: QWidget | QLayout) -> None:
        if isinstance(item, QWidget):
            self.body.addWidget(item)
        else:
            self.body.addLayout(item)
