"""What a list shows instead of an empty table: an icon, a sentence, and the next step."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from csdesk.ui import glyphs

MUTED = "#6b7280"


class EmptyState(QWidget):
    """`action_clicked` fires when the optional button is pressed."""

    action_clicked = Signal()

    def __init__(
        self,
        icon: str,
        text: str,
        action_text: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setObjectName("emptyState")
        layout = QVBoxLayout(self)
        layout.addStretch(2)
        self._icon = QLabel(self)
        self._icon.setPixmap(glyphs.icon(icon, color="#b0b7c3").pixmap(QSize(56, 56)))
        self._icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self._icon)
        self.label = QLabel(text, self)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet(f"color: {MUTED}; font-size: 11pt;")
        layout.addWidget(self.label)
        self.button = QPushButton(action_text, self)
        self.button.setVisible(bool(action_text))
        self.button.clicked.connect(self.action_clicked)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(3)

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def set_action(self, text: str) -> None:
        self.button.setText(text)
        self.button.setVisible(bool(text))
