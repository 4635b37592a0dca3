"""The import dialog's last page: what each file did and every problem, with row and column.

The problem list can be saved (xlsx or CSV) for whoever fixes the source data.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.services.exporting.problems import ProblemRow, save_problems
from csdesk.services.importing.upsert import FileResult
from csdesk.services.labels import MARKETPLACE_LABELS, label
from csdesk.ui.widgets.card import plain_label
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.text_table import TextTable, TextTableModel


def format_name(file_format: str) -> str:
    if file_format == "csdesk":
        return "csdesk"
    return label(MARKETPLACE_LABELS, file_format) or file_format


class ImportResultPage(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.problems: list[ProblemRow] = []
        self.heading = QLabel(self)
        self.heading.setObjectName("panelTitle")
        self.summary = TextTableModel(parent=self, numeric=range(2, 8))
        self.problem_model = TextTableModel(parent=self, numeric=(1,))
        self.problem_title = plain_label(selectable=False)
        self.save_button = QPushButton(self.tr("Simpan daftar masalah…"), self)
        self.save_button.clicked.connect(self.save_problems)
        self.saved_label = plain_label()
        self.saved_label.setObjectName("muted")
        summary_table = TextTable(self.summary, self)
        summary_table.setMaximumHeight(150)
        summary_table.horizontalHeader().setStretchLastSection(False)

        actions = QHBoxLayout()
        actions.addWidget(self.saved_label, 1)
        actions.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(summary_table)
        layout.addWidget(self.problem_title)
        layout.addWidget(TextTable(self.problem_model, self), 1)
        layout.addLayout(actions)

    def show_results(self, results: Sequence[FileResult]) -> None:
        new = sum(r.orders_new for r in results)
        updated = sum(r.orders_updated for r in results)
        self.heading.setText(
            self.tr("Impor selesai: %s pesanan baru, %s diperbarui")
            % (number(new), number(updated))
        )
        self.summary.set_rows(
            [
                self.tr("Berkas"),
                self.tr("Format"),
                self.tr("Baris data"),
                self.tr("Baru"),
                self.tr("Diperbarui"),
                self.tr("Tidak berubah"),
                self.tr("Item"),
                self.tr("Masalah"),
            ],
            [
                [
                    Path(r.file).name,
                    format_name(r.format),
                    number(r.rows),
                    number(r.orders_new),
                    number(r.orders_updated),
                    number(r.orders_unchanged),
                    number(r.items),
                    number(len(r.errors)),
                ]
                for r in results
            ],
        )
        self.problems = [
            (Path(r.file).name, p.row, p.column, p.message) for r in results for p in r.errors
        ]
        self.problem_model.set_rows(
            [self.tr("Berkas"), self.tr("Baris"), self.tr("Kolom"), self.tr("Masalah")],
            [
                [file, "" if row is None else str(row), column, message]
                for file, row, column, message in self.problems
            ],
        )
        self.problem_title.setText(
            self.tr("%s masalah yang tidak menghentikan impor:") % number(len(self.problems))
            if self.problems
            else self.tr("Tidak ada masalah.")
        )
        self.save_button.setEnabled(bool(self.problems))
        self.saved_label.clear()

    def save_problems(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Simpan daftar masalah"),
            str(Path.home() / "masalah-impor.xlsx"),
            self.tr("Excel (*.xlsx);;CSV (*.csv)"),
        )
        if not target:
            return
        try:
            count = save_problems(target, self.problems)
        except OSError as exc:
            self.saved_label.setText(self.tr("Gagal menyimpan %s: %s") % (target, exc.strerror))
            return
        self.saved_label.setText(self.tr("%s masalah tersimpan di %s") % (number(count), target))
