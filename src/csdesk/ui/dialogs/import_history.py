"""Berkas → Riwayat impor: every order import, newest first, and undoing one of them.

Undo asks first; a refusal (a later import or an admin changed those orders, a complaint uses
one) is shown as the service's own message, and nothing changes.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.services import fmt
from csdesk.services import settings as shop_settings
from csdesk.services.importing.undo import ImportSummary, UndoResult, list_imports, undo_import
from csdesk.ui.dialogs.import_result import format_name
from csdesk.ui.widgets.card import plain_label
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.text_table import TextTable, TextTableModel
from csdesk.ui.workers import run_in_background, show_error


class ImportHistoryDialog(QDialog):
    """`changed` fires after an undo, so the panels re-read their lists."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Riwayat impor"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(980, 460)
        self.imports: list[ImportSummary] = []
        self.model = TextTableModel(parent=self, numeric=range(3, 8))
        self.table = TextTable(self.model, self)
        self.table.setSelectionMode(TextTable.SelectionMode.SingleSelection)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.status = plain_label()
        self.undo_button = QPushButton(self.tr("Batalkan impor ini"), self)
        self.undo_button.clicked.connect(self.ask_undo)
        close = QPushButton(self.tr("Tutup"), self)
        close.clicked.connect(self.accept)
        self.confirm: QMessageBox | None = None
        self.busy = False  # an undo is running

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.undo_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.reload()

    def done(self, result: int) -> None:
        if not self.busy:  # the undo's callbacks need the dialog
            super().done(result)

    def reload(self) -> None:
        zone = shop_settings.load().zone
        self.imports = list_imports()
        self.model.set_rows(
            [
                self.tr("Waktu (%s)") % zone,
                self.tr("Berkas"),
                self.tr("Format"),
                self.tr("Baris"),
                self.tr("Baru"),
                self.tr("Diperbarui"),
                self.tr("Tidak berubah"),
                self.tr("Masalah"),
                self.tr("Oleh"),
                self.tr("Dibatalkan"),
            ],
            [
                [
                    fmt.datetime_short(s.started_at, zone),
                    s.file_name,
                    format_name(s.file_format),
                    number(s.rows),
                    number(s.created),
                    number(s.updated),
                    number(s.unchanged),
                    number(s.warnings),
                    s.author,
                    fmt.datetime_short(s.undone_at, zone) if s.undone_at else "",
                ]
                for s in self.imports
            ],
        )
        if not self.imports:
            self.status.setText(self.tr("Belum ada impor pesanan."))
        self._update_buttons()

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)

    def selected(self) -> ImportSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.imports[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        free = chosen is not None and chosen.undone_at is None and not self.busy
        self.undo_button.setEnabled(free)

    def ask_undo(self) -> None:
        chosen = self.selected()
        if chosen is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Batalkan impor"),
            self.tr(
                "Batalkan impor %s (%s)? Pesanan baru dari impor ini dihapus dan pesanan yang "
                "diperbarui dikembalikan seperti sebelumnya."
            )
            % (chosen.file_name, fmt.datetime_short(chosen.started_at, shop_settings.load().zone)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Ya, batalkan impor"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("Tidak"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda button: button is yes and self.undo(chosen.id))
        box.finished.connect(box.deleteLater)
        self.confirm = box
        box.open()

    def undo(self, batch_id: int) -> None:
        """Undo off the GUI thread (a big import has many orders to put back)."""
        self.undo_button.setEnabled(False)
        self.status.setStyleSheet("")
        self.status.setText(self.tr("Membatalkan impor…"))
        self.busy = True
        run_in_background(
            self, lambda _progress, _cancelled: undo_import(batch_id), self._undone, self._refused
        )

    def _undone(self, result: UndoResult) -> None:
        self.busy = False
        self.status.setText(
            self.tr("Impor dibatalkan: %s pesanan dihapus, %s pesanan dikembalikan.")
            % (number(result.orders_removed), number(result.orders_restored))
        )
        self.changed.emit()
        self.reload()

    def _refused(self, exc: BaseException) -> None:
        self.busy = False
        self._update_buttons()
        if not isinstance(exc, CsdeskError):
            self.status.clear()
            show_error(self, exc)
            return
        self.status.setStyleSheet("color: #b91c1c;")
        self.status.setText(str(exc))
