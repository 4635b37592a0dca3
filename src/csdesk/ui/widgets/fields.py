"""A label–value grid for detail panes, with a copy button beside values admins paste elsewhere
(order numbers, phones, addresses, tracking numbers go into chats and courier sites all day).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QToolButton, QWidget

from csdesk.ui import glyphs
from csdesk.ui.widgets.card import plain_label

EMPTY_VALUE = "—"


def copy_to_clipboard(text: str) -> None:
    clipboard = QGuiApplication.clipboard()
    if clipboard is not None:
        clipboard.setText(text)


class CopyButton(QToolButton):
    """A small copy icon; `text_getter` is asked at click time so it copies what is shown."""

    copied = Signal(str)

    def __init__(self, tooltip: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = ""
        self.setIcon(glyphs.icon("fa5s.copy", color="#6b7480"))
        self.setIconSize(QSize(13, 13))
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(tooltip or QCoreApplication.translate("CopyButton", "Salin"))
        self.clicked.connect(self._copy)

    def _copy(self) -> None:
        if self.value:
            copy_to_clipboard(self.value)
            self.copied.emit(self.value)


class FieldGrid(QWidget):
    """Rows of `Label   value [copy]`. Values are plain text and selectable; an empty value
    shows a dash so a row never looks broken."""

    copied = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(12)
        self._grid.setVerticalSpacing(6)
        self._grid.setColumnStretch(1, 1)
        self._values: dict[str, QLabel] = {}
        self._captions: dict[str, QLabel] = {}
        self._copy: dict[str, CopyButton] = {}

    def add_field(self, key: str, caption: str, *, copyable: bool = False) -> QLabel:
        row = self._grid.rowCount()
        label = QLabel(caption)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("color: #6b7480;")
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        value = plain_label(EMPTY_VALUE)
        value.setObjectName(f"field_{key}")
        self._grid.addWidget(label, row, 0, Qt.AlignmentFlag.AlignTop)
        self._grid.addWidget(value, row, 1, Qt.AlignmentFlag.AlignTop)
        self._captions[key] = label
        self._values[key] = value
        if copyable:
            button = CopyButton(
                QCoreApplication.translate("FieldGrid", "Salin {0}").format(caption.lower())
            )
            button.setObjectName(f"copy_{key}")
            button.copied.connect(self.copied)
            button.setEnabled(False)
            self._grid.addWidget(button, row, 2, Qt.AlignmentFlag.AlignTop)
            self._copy[key] = button
        return value

    def set_value(self, key: str, text: str, *, copy_text: str | None = None) -> None:
        """Show `text`; the copy button copies `copy_text` when given (a phone in E.164 while
        the label shows it spaced), else the text itself."""
        self._values[key].setText(text or EMPTY_VALUE)
        button = self._copy.get(key)
        if button is not None:
            button.value = text if copy_text is None else copy_text
            button.setEnabled(bool(button.value))

    def value(self, key: str) -> str:
        text = self._values[key].text()
        return "" if text == EMPTY_VALUE else text

    def copy_button(self, key: str) -> CopyButton:
        return self._copy[key]

    def set_row_visible(self, key: str, visible: bool) -> None:
        self._captions[key].setVisible(visible)
        self._values[key].setVisible(visible)
        if key in self._copy:
            self._copy[key].setVisible(visible)
