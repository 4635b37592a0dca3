"""How a refused action is shown where it happened: a red line in a card, a red box in a
dialog. Plain text always (a customer's name never becomes markup)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

BOX_STYLE = "QLabel { background: #fde2e1; color: #a61b1b; border-radius: 6px; padding: 8px; }"
LINE_STYLE = "color: #a61b1b;"


def error_label(parent: QWidget, *, boxed: bool = False, name: str = "") -> QLabel:
    """A hidden label for refusals: `boxed` for dialogs, a plain red line for cards."""
    label = QLabel(parent)
    if name:
        label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(BOX_STYLE if boxed else LINE_STYLE)
    label.hide()
    return label


def show_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))
