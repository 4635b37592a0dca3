"""The crash report: what went wrong, where the log is, and a button to copy it for support.

Shown instead of a silent exit (Picard's idea), so a seller can send the text to whoever helps
them and keep working.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class CrashDialog(QDialog):
    def __init__(self, details: str, log_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("csdesk mengalami masalah"))
        self.resize(640, 420)
        self.details = details
        intro = QLabel(
            self.tr(
                "Maaf, terjadi kesalahan yang tidak terduga. Data yang sudah tersimpan tetap "
                "aman. Salin laporan di bawah ini dan kirimkan ke orang yang membantu Anda "
                "mengurus csdesk."
            ),
            self,
        )
        intro.setWordWrap(True)
        self.text = QPlainTextEdit(details, self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.log_label = QLabel(self.tr("Catatan lengkap: %s") % log_path, self)
        self.log_label.setTextFormat(Qt.TextFormat.PlainText)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_label.setWordWrap(True)

        buttons = QDialogButtonBox(self)
        self.copy_button = QPushButton(self.tr("Salin laporan"), self)
        self.copy_button.clicked.connect(self.copy)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        close = buttons.addButton(self.tr("Tutup"), QDialogButtonBox.ButtonRole.AcceptRole)
        close.clicked.connect(self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.log_label)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(f"{self.details}\n{self.log_label.text()}")
        self.copy_button.setText(self.tr("Tersalin"))
