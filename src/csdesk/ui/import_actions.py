"""The main window's import entry points: Berkas → Impor pesanan… / Impor chat WhatsApp… /
Riwayat impor…, and files dropped anywhere on the window (an event filter, so no child widget
needs to know): order files (.xlsx, .xls, .csv) go to the order import, chat exports (.txt,
.zip) to the chat import; a drop of both opens the orders first and the chats once that
dialog is closed, so two progress dialogs never compete.

The dialogs are imported on first use: start-up does not pay for the file readers.
`orders_changed` fires after an order import or an undo, `chats_changed` after a chat import,
so the window re-reads its panels; `open_conversation(id)` asks it to show an imported chat.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QWidget

ORDER_FILE_SUFFIXES = (".xlsx", ".xls", ".csv")
CHAT_FILE_SUFFIXES = (".txt", ".zip")


def dropped_files(event: QDragEnterEvent | QDropEvent, suffixes: tuple[str, ...]) -> list[str]:
    """The local files being dragged whose names end in one of `suffixes`."""
    mime = event.mimeData()
    if mime is None or not mime.hasUrls():
        return []
    paths = [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if Path(path).suffix.lower() in suffixes]


class ImportActions(QObject):
    orders_changed = Signal()
    chats_changed = Signal()
    open_conversation = Signal(int)

    def __init__(self, window: QWidget, can_import: Callable[[], bool]):
        super().__init__(window)
        self.window = window
        self.can_import = can_import  # not while the welcome page is up
        self.import_dialog: Any = None
        self.history_dialog: Any = None
        self.chat_import: Any = None
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

    def choose_chats(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.window.tr("Impor chat WhatsApp"),
            str(Path.home()),
            self.window.tr("Chat WhatsApp (*.txt *.zip)"),
        )
        if paths:
            self.open_chat_import(paths)

    def open_chat_import(self, paths: list[str]) -> None:
        from csdesk.ui.dialogs.import_chats import ChatImport

        if not self.can_import():
            return
        self.chat_import = ChatImport(paths, self.window)
        self.chat_import.imported.connect(self.chats_changed)
        self.chat_import.open_conversation.connect(self.open_conversation)
        self.chat_import.start()

    def open_dropped(self, orders: list[str], chats: list[str]) -> None:
        if orders:
            self.open_import(orders)
            if chats and self.import_dialog is not None:
                self.import_dialog.finished.connect(lambda _result: self.open_chat_import(chats))
        elif chats:
            self.open_chat_import(chats)

    def open_history(self) -> None:
        from csdesk.ui.dialogs.import_history import ImportHistoryDialog

        self.history_dialog = ImportHistoryDialog(self.window)
        self.history_dialog.changed.connect(self.orders_changed)
        self.history_dialog.open()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QDragEnterEvent | QDropEvent):
            allowed = self.can_import()
            orders = dropped_files(event, ORDER_FILE_SUFFIXES) if allowed else []
            chats = dropped_files(event, CHAT_FILE_SUFFIXES) if allowed else []
            if not orders and not chats:
                event.ignore()
                return True
            event.acceptProposedAction()
            if event.type() == QEvent.Type.Drop:
                self.open_dropped(orders, chats)
            return True
        return super().eventFilter(watched, event)
