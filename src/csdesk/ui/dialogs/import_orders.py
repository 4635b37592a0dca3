"""Importing marketplace order files: check and preview, import in the background, result.

The dialog first reads every file off the GUI thread (check_file: detected format, data rows,
warnings, the first rows) and shows one tab per file. A file whose columns cannot all be found
opens the column-mapping dialog; a refused file shows its message and blocks the import, since
an import of several files is all checked before anything is written (services/importing/run).
"Impor" then runs `import_files` behind a progress dialog with Cancel, and the last page shows
what each file did. `imported` tells the main window to refresh its panels.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from csdesk.models import ImportBatch
from csdesk.services import settings as shop_settings
from csdesk.services.conversations import current_author
from csdesk.services.importing.preview import FileCheck, check_file
from csdesk.services.importing.records import ImportCancelled, ImportFormatError
from csdesk.services.importing.run import import_files
from csdesk.ui.dialogs.column_mapping import ColumnMappingDialog
from csdesk.ui.dialogs.import_result import ImportResultPage, format_name
from csdesk.ui.widgets.card import plain_label
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.progress import run_with_progress
from csdesk.ui.widgets.text_table import TextTable, TextTableModel
from csdesk.ui.workers import show_error


class FileTab(QWidget):
    """One checked file: its summary or refusal, the first rows, the warnings so far."""

    map_requested = Signal(str)

    def __init__(self, check: FileCheck, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = check
        self.summary = plain_label()
        if check.ok:
            self.summary.setText(
                self.tr("Format %s · %s baris data · %s pesanan · %s item · %s peringatan")
                % (
                    format_name(check.file_format),
                    number(check.rows),
                    number(check.orders),
                    number(check.items),
                    number(len(check.warnings)),
                )
            )
        else:
            self.summary.setText(check.error)
            self.summary.setStyleSheet("color: #b91c1c;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        if check.missing is not None:
            choose = QPushButton(self.tr("Pilih kolom…"), self)
            choose.clicked.connect(lambda: self.map_requested.emit(check.path))
            row = QHBoxLayout()
            row.addWidget(choose)
            row.addStretch(1)
            layout.addLayout(row)
        preview = check.preview
        self.preview = TextTableModel(preview[0] if preview else (), preview[1:], self)
        layout.addWidget(plain_label(self.tr("Baris pertama berkas:"), selectable=False))
        layout.addWidget(TextTable(self.preview, self), 2)
        self.warnings = TextTableModel(
            [self.tr("Baris"), self.tr("Kolom"), self.tr("Peringatan")],
            [["" if w.row is None else str(w.row), w.column, w.message] for w in check.warnings],
            self,
        )
        if check.warnings:
            layout.addWidget(TextTable(self.warnings, self), 1)


class ImportDialog(QDialog):
    """Start with `start()`; every step is non-blocking (progress dialogs, `open()`)."""

    imported = Signal()

    def __init__(self, paths: Sequence[str | Path], parent: QWidget | None = None):
        super().__init__(parent)
        self.paths = [str(p) for p in paths]
        self.checks: dict[str, FileCheck] = {}
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.busy = False  # checking or importing: the dialog stays open
        self.setWindowTitle(self.tr("Impor pesanan"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(900, 600)

        self.tabs = QTabWidget(self)
        self.status = plain_label(selectable=True)
        self.import_button = QPushButton(self.tr("Impor"), self)
        self.import_button.setObjectName("primary")
        self.import_button.setEnabled(False)
        self.import_button.clicked.connect(self.run_import)
        self.close_button = QPushButton(self.tr("Batal"), self)
        self.close_button.clicked.connect(self.reject)
        self.result_page = ImportResultPage(self)

        check_page = QWidget(self)
        check_layout = QVBoxLayout(check_page)
        check_layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Periksa berkas sebelum diimpor"), check_page)
        heading.setObjectName("panelTitle")
        check_layout.addWidget(heading)
        check_layout.addWidget(self.tabs, 1)
        self.pages = QStackedWidget(self)
        self.pages.addWidget(check_page)
        self.pages.addWidget(self.result_page)

        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

    def start(self) -> None:
        self.open()
        self._check(self.paths)

    # --- checking -------------------------------------------------------------------------

    def done(self, result: int) -> None:
        # Closing while a job runs would leave its callbacks without a dialog: the progress
        # dialog's Batal stops the job instead.
        if not self.busy:
            super().done(result)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.close_button.setEnabled(not busy)

    def _check(self, paths: list[str]) -> None:
        zone = shop_settings.load().zone
        self.import_button.setEnabled(False)
        self._set_busy(True)
        self.status.setText(self.tr("Memeriksa berkas…"))

        def work(progress: Any, cancelled: Any) -> list[FileCheck]:
            return [
                check_file(p, zone=zone, progress=progress, is_cancelled=cancelled) for p in paths
            ]

        title, label = self.tr("Impor pesanan"), self.tr("Memeriksa berkas…")
        run_with_progress(self, title, label, work, self._checked, self._failed)

    def _checked(self, checks: list[FileCheck]) -> None:
        self._set_busy(False)
        for check in checks:
            self.checks[check.path] = check
        current = self.tabs.currentIndex()
        self.tabs.clear()
        for path in self.paths:
            check = self.checks[path]
            tab = FileTab(check, self.tabs)
            tab.map_requested.connect(self.ask_mapping)
            self.tabs.addTab(tab, check.name if check.ok else "⚠ " + check.name)
        self.tabs.setCurrentIndex(max(current, 0))
        refused = [c for c in self.checks.values() if not c.ok]
        if not refused:
            rows = sum(c.rows for c in self.checks.values())
            self.status.setText(
                self.tr("%s berkas siap diimpor (%s baris data).")
                % (number(len(self.paths)), number(rows))
            )
            self.import_button.setEnabled(True)
            return
        self.status.setText(
            self.tr("%s berkas ditolak; tidak ada yang diimpor sampai semua berkas bisa dibaca.")
            % number(len(refused))
        )
        waiting = next((c for c in refused if c.missing is not None), None)
        if waiting is not None and self.mapping_dialog is None:
            self.ask_mapping(waiting.path)

    def ask_mapping(self, path: str) -> None:
        check = self.checks[path]
        if check.missing is None:
            return
        self.tabs.setCurrentIndex(self.paths.index(path))
        dialog = ColumnMappingDialog(check.name, check.missing, check.preview, self)
        self.mapping_dialog = dialog
        dialog.accepted.connect(lambda: self._check([path]))
        dialog.finished.connect(lambda _result: self._mapping_closed(dialog))
        dialog.open()

    def _mapping_closed(self, dialog: ColumnMappingDialog) -> None:
        # Not deleted here: it is this dialog's child and goes with it.
        if self.mapping_dialog is dialog:
            self.mapping_dialog = None

    # --- importing ------------------------------------------------------------------------

    def run_import(self) -> None:
        self.import_button.setEnabled(False)
        self._set_busy(True)
        self.status.setText(self.tr("Mengimpor…"))
        paths, author = list(self.paths), current_author()
        self._last_batch = _last_batch_id()

        def work(progress: Any, cancelled: Any) -> list[Any]:
            return import_files(paths, progress=progress, is_cancelled=cancelled, author=author)

        title, label = self.tr("Impor pesanan"), self.tr("Mengimpor pesanan…")
        self.job = run_with_progress(self, title, label, work, self._imported, self._import_failed)

    def _imported(self, results: list[Any]) -> None:
        self.result_page.show_results(results)
        self.pages.setCurrentWidget(self.result_page)
        self.import_button.hide()
        self.close_button.setText(self.tr("Tutup"))
        self._set_busy(False)
        self.status.clear()
        self.imported.emit()

    def _import_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        kept = _last_batch_id() != self._last_batch
        if kept:
            self.imported.emit()
        if isinstance(exc, ImportCancelled):
            if kept:
                text = self.tr(
                    "Impor dibatalkan. Berkas yang selesai sebelum itu tetap tersimpan; "
                    "lihat Berkas → Riwayat impor."
                )
            else:
                text = self.tr("Impor dibatalkan; tidak ada yang diimpor.")
            self.status.setText(text)
            self.import_button.setEnabled(True)
        elif isinstance(exc, ImportFormatError):
            self.status.setText(str(exc))
        else:
            self.status.setText(self.tr("Impor gagal."))
            show_error(self, exc)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, ImportCancelled):
            self.status.setText(self.tr("Pemeriksaan dibatalkan; tidak ada yang diimpor."))
            return
        self.status.setText(self.tr("Pemeriksaan gagal."))
        show_error(self, exc)


def _last_batch_id() -> int:
    last = ImportBatch.select(ImportBatch.id).order_by(ImportBatch.id.desc()).first()
    return int(last.id) if last is not None else 0
