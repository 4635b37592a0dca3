"""The main window's order-import entry points: Berkas → Impor pesanan… / Riwayat impor… and
order files dropped anywhere on the window (an event filter, so no child widget needs to know).

The dialogs are imported on first use: start-up does not pay for the file readers.
`orders_changed` fires after an import or an undo, so the window re-reads its panels.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

ORDER_FILE_SUFFIXES = (".xlsx", ".xls", ".csv")


def dropped_order_files(event: QDragEnterEvent | QDropEvent) -> list[str]:
    """The order files (.xlsx, .xls, .csv) among the local files being dragged."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if Path(path).suffix.lower() in ORDER_FILE_SUFFIXES]


class ImportActions(QObject):
    orders_changed = Signal()

    def __init__(self, window: QWidget, can_import: Callable[[], bool]):
        super().__init__(window)
        self.window = window
        self.can_import = can_import  # not while the welcome page is up
        self.import_dialog: Any = None
        self.history_dialog: Any = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.window.tr("Impor pesanan"),
            str(Path.home()),
            self.window.tr("Ekspor pesanan marketplace (*.xlsx *.xls *.csv)"),
        )
        if paths:
            self.open_import(paths)

    def open_import(self, paths: list[str]) -> None:
        from csdesk.ui.dialogs.import_orders import ImportDialog

        if not self.can_import():
            return
        self.import_dialog = ImportDialog(paths, self.window)
        self.import_dialog.imported.connect(self.orders_changed)
        self.import_dialog.start()

    def open_history(self) -> None:
        from csdesk.ui.dialogs.import_history import ImportHistoryDialog

        self.history_dialog = ImportHistoryDialog(self.window)
        self.history_dialog.changed.connect(self.orders_changed)
        self.history_dialog.open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDropEvent):
            paths = dropped_order_files(event) if self.can_import() else []
            if not paths:
                event.ignore()
                return True
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.open_import(paths)
            return True
        return super().eventFilter(watched, event)
