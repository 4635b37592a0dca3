"""A list's "Ekspor ke Excel…": ask where, write off the GUI thread behind a progress dialog
with Cancel (a cancelled export leaves no file), then a message with the row count and a button
that opens the folder. Messages are opened, not exec()'d, so nothing blocks.

Each list says what it writes: `write(target, progress, is_cancelled)` reads the ids and writes
the workbook (in the worker thread), `summary(result, target)` is the message's text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from csdesk.errors import CsdeskError
from csdesk.services.exporting.orders_xlsx import ExportCancelled
from csdesk.ui.widgets.progress import run_with_progress
from csdesk.ui.workers import show_error

R = TypeVar("R")
Write = Callable[[Path, Any, Any], R]


class ListExport(Generic[R]):
    """One export at a time for a panel; `message` is the last message box shown."""

    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        file_stem: str,
        summary: Callable[[R, Path], str],
    ):
        self.parent = parent
        self.title = title
        self.file_stem = file_stem
        self.summary = summary
        self.message: QMessageBox | None = None

    def tr(self, text: str) -> str:
        return self.parent.tr(text)

    def choose_target(self) -> Path | None:
        default = Path.home() / f"{self.file_stem}-{dt.date.today():%Y-%m-%d}.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(
            self.parent, self.title, str(default), self.tr("Buku kerja Excel (*.xlsx)")
        )
        if not chosen:
            return None
        return Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")

    def run(self, write: Write[R]) -> None:
        """Ask for the file, then `write(target, progress, is_cancelled)` in the background."""
        target = self.choose_target()
        if target is None:
            return
        run_with_progress(
            self.parent,
            self.title,
            self.tr("Menulis %s…") % target.name,
            lambda progress, cancelled: write(target, progress, cancelled),
            lambda result: self._done(target, result),
            self._failed,
        )

    def _done(self, target: Path, result: R) -> None:
        box = self._show(QMessageBox.Icon.Information, self.summary(result, target))
        folder = box.addButton(self.tr("Buka folder"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(self.tr("Tutup"), QMessageBox.ButtonRole.AcceptRole)
        folder.clicked.connect(
            lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(target.parent)))
        )
        box.open()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ExportCancelled):
            text = self.tr("Ekspor dibatalkan; tidak ada berkas yang ditulis.")
            self._show(QMessageBox.Icon.Information, text).open()
        elif isinstance(exc, CsdeskError):
            self._show(QMessageBox.Icon.Warning, str(exc)).open()
        else:
            show_error(self.parent, exc)

    def _show(self, icon: QMessageBox.Icon, text: str) -> QMessageBox:
        box = QMessageBox(icon, self.title, text, parent=self.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(box.deleteLater)
        self.message = box
        return box
