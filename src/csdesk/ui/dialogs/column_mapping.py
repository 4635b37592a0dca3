"""Which column holds which field: asked when a file's headers miss a field its format needs.

The dialog shows the file's first rows and, for each missing field, a drop-down of the file's
headers. "Simpan" saves the choice for the format (services/importing/mappings.py), so the
next file of that format with the same headers is read without asking.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from csdesk.services.importing.mappings import save_mapping
from csdesk.services.importing.records import MissingColumnsError
from csdesk.services.importing.registry import get_format
from csdesk.services.labels import MARKETPLACE_LABELS, label
from csdesk.ui.widgets.card import plain_label
from csdesk.ui.widgets.text_table import TextTable, TextTableModel


class ColumnMappingDialog(QDialog):
    """Opened with `open()`; `accepted` means the mapping is saved and the file can be re-read."""

    def __init__(
        self,
        file_name: str,
        missing: MissingColumnsError,
        preview: list[list[str]],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.missing = missing
        self.setWindowTitle(self.tr("Pilih kolom"))
        self.setMinimumSize(720, 460)
        known = get_format(missing.file_format)
        format_name = label(MARKETPLACE_LABELS, missing.file_format) or missing.file_format
        intro = plain_label(
            self.tr(
                "Berkas %s mirip ekspor %s, tetapi kolom berikut tidak ditemukan. Pilih kolom "
                "berkas yang berisi datanya; pilihan ini disimpan untuk berkas %s berikutnya."
            )
            % (file_name, format_name, format_name),
            selectable=False,
        )
        headers = [h for h in dict.fromkeys(missing.headers) if h]
        form = QFormLayout()
        self.choices: dict[str, QComboBox] = {}
        for field_name in missing.missing:
            box = QComboBox(self)
            box.addItem(self.tr("— pilih kolom —"), "")
            for header in headers:
                box.addItem(header, header)
            box.currentIndexChanged.connect(self._update_ok)
            self.choices[field_name] = box
            shown = known.display(field_name) if known is not None else field_name
            form.addRow(QLabel(shown + ":", self), box)
        self.preview = TextTableModel(preview[0] if preview else (), preview[1:], self)
        table = TextTable(self.preview, self)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.save_button.setObjectName("primary")
        self.buttons.addButton(self.tr("Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(plain_label(self.tr("Baris pertama berkas:"), selectable=False))
        layout.addWidget(table, 1)
        layout.addWidget(self.buttons)
        self._update_ok()

    def choose(self, field_name: str, header: str) -> None:
        box = self.choices[field_name]
        box.setCurrentIndex(box.findData(header))

    def mapping(self) -> dict[str, str]:
        return {name: box.currentData() for name, box in self.choices.items() if box.currentData()}

    def _update_ok(self) -> None:
        self.save_button.setEnabled(len(self.mapping()) == len(self.choices))

    def _save(self) -> None:
        save_mapping(self.missing.file_format, self.mapping())
        self.accept()
