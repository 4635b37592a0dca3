"""Pesanan → "Ekspor ke Excel…" (Ctrl+E): exactly the orders the current filter lists.

The ids are read and the workbook written off the GUI thread behind a progress dialog with
Cancel (a cancelled export leaves no file); the end is a message with the row count and a
button that opens the folder. Messages are opened, not exec()'d, so nothing blocks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from csdesk.errors import CsdeskError
from csdesk.services.exporting.orders_xlsx import ExportCancelled, ExportResult, export_orders
from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.progress import run_with_progress
from csdesk.ui.workers import show_error


class OrdersExport:
    """One export at a time for a panel; `message` is the last message box shown."""

    def __init__(self, parent: QWidget, source: OrderListSource):
        self.parent = parent
        self.source = source
        self.message: QMessageBox | None = None

    def tr(self, text: str) -> str:
        return self.parent.tr(text)

    def start(self, query: ListQuery) -> None:
        folder = Path.home()
        default = folder / f"pesanan-{dt.date.today():%Y-%m-%d}.xlsx"
        chosen, _ = QFileDialog.getSaveFileName(
            self.parent,
            self.tr("Ekspor pesanan ke Excel"),
            str(default),
            self.tr("Buku kerja Excel (*.xlsx)"),
        )
        if not chosen:
            return
        target = Path(chosen if chosen.lower().endswith(".xlsx") else chosen + ".xlsx")
        source = self.source

        def work(progress: Any, cancelled: Any) -> ExportResult:
            ids = source.ids(query)
            return export_orders(target, order_ids=ids, progress=progress, is_cancelled=cancelled)

        run_with_progress(
            self.parent,
            self.tr("Ekspor pesanan"),
            self.tr("Menulis %s…") % target.name,
            work,
            lambda result: self._done(target, result),
            self._failed,
        )

    def _done(self, target: Path, result: ExportResult) -> None:
        box = self._show(
            QMessageBox.Icon.Information,
            self.tr("%s pesanan (%s baris) tersimpan di:\n%s")
            % (number(result.orders), number(result.rows), target),
        )
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
        box = QMessageBox(icon, self.tr("Ekspor pesanan"), text, parent=self.parent)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(box.deleteLater)
        self.message = box
        return box
