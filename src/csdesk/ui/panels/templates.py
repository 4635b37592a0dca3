"""Template: the shop's quick replies, a searchable list (filtered by category) beside an
editor with a live preview, and import/export to Excel to share them between desks.

The preview fills the placeholders with a sample customer ("Siti Rahma", "Kak Siti") and the
shop's own settings, so a wrong placeholder shows before any customer sees it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.services import templates, templates_xlsx
from csdesk.ui.widgets.card import Card, muted_label
from csdesk.ui.widgets.empty_state import EmptyState

ID_ROLE = Qt.ItemDataRole.UserRole + 1
CHIP_COLUMNS = 4
ALL_CATEGORIES = ""


class TemplatesPanel(QWidget):
    key = "templates"
    title = "Template"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.current_id: int | None = None
        self._sample: dict[str, str] | None = None
        self._loaded = False

        heading = QLabel(self.tr("Template"), self)
        heading.setObjectName("panelTitle")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        self.import_button = QPushButton(self.tr("Impor…"), self)
        self.import_button.setToolTip(
            self.tr("Tambah atau perbarui template dari file Excel/CSV (Judul, Pintasan, Isi)")
        )
        self.import_button.clicked.connect(self.ask_import)
        self.export_button = QPushButton(self.tr("Ekspor…"), self)
        self.export_button.setToolTip(self.tr("Simpan semua template ke file Excel"))
        self.export_button.clicked.connect(self.ask_export)
        self.message_box: QMessageBox | None = None
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch(1)
        top.addWidget(self.count_label)
        top.addWidget(self.import_button)
        top.addWidget(self.export_button)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(self.tr("Cari judul, pintasan atau isi template…"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.refresh)
        self.category_filter = QComboBox(self)
        self.category_filter.setToolTip(self.tr("Tampilkan satu kategori saja"))
        self.category_filter.currentIndexChanged.connect(self.refresh)
        self.list = QListWidget(self)
        self.list.setAlternatingRowColors(True)
        self.list.setStyleSheet("QListWidget::item { padding: 5px 6px; }")
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list_empty = EmptyState("fa5s.comment-dots", "", parent=self)
        self.list_empty.action_clicked.connect(self._on_list_empty_action)
        self.list_stack = QStackedWidget(self)
        self.list_stack.addWidget(self.list)
        self.list_stack.addWidget(self.list_empty)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        # One above the other: side by side, the narrow list column cut the search's hint.
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.category_filter)
        left_layout.addWidget(self.list_stack, 1)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self._build_editor())
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        QShortcut(QKeySequence.StandardKey.Save, self, self.save)
        QShortcut(QKeySequence.StandardKey.New, self, self.new_template)
        self.new_template()

    def _build_editor(self) -> QWidget:
        editor = Card(self.tr("Ubah template"), self)
        self.editor_card = editor
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.title_edit = QLineEdit(editor)
        self.title_edit.setPlaceholderText(self.tr("mis. Nomor rekening"))
        self.shortcut_edit = QLineEdit(editor)
        self.shortcut_edit.setPlaceholderText("/rek")
        self.category_edit = QComboBox(editor)
        self.category_edit.setEditable(True)
        self.category_edit.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.body_edit = QPlainTextEdit(editor)
        self.body_edit.setPlaceholderText(
            self.tr("Halo {panggilan|kak}, untuk pembayaran bisa transfer ke {rekening} ya 🙏")
        )
        self.body_edit.setMinimumHeight(120)
        self.body_edit.textChanged.connect(self._update_preview)
        form.addRow(self.tr("Judul"), self.title_edit)
        form.addRow(self.tr("Pintasan"), self.shortcut_edit)
        form.addRow(self.tr("Kategori"), self.category_edit)
        form.addRow(self.tr("Isi"), self.body_edit)
        editor.add(form)

        editor.add(
            muted_label(
                self.tr(
                    "Klik untuk menyisipkan. {panggilan|kak} memakai \u201ckak\u201d bila "
                    "pelanggan belum punya panggilan."
                )
            )
        )
        chips = QGridLayout()
        chips.setSpacing(4)
        for n, (key, meaning) in enumerate(templates.PLACEHOLDERS.items()):
            chip = QToolButton(editor)
            chip.setText("{" + key + "}")
            chip.setToolTip(meaning)
            chip.setObjectName(f"chip_{key}")
            chip.setCursor(Qt.CursorShape.PointingHandCursor)
            chip.setStyleSheet(
                "QToolButton { background: #e6f4f1; color: #0f766e; border-radius: 9px;"
                " padding: 2px 8px; } QToolButton:hover { background: #ccfbf1; }"
            )
            chip.clicked.connect(lambda _=False, k=key: self.insert_placeholder(k))
            chips.addWidget(chip, n // CHIP_COLUMNS, n % CHIP_COLUMNS)
        chips.setColumnStretch(CHIP_COLUMNS, 1)
        editor.add(chips)

        editor.add(muted_label(self.tr("Pratinjau (contoh pelanggan: Siti Rahma, Kak Siti)")))
        self.preview = QPlainTextEdit(editor)
        self.preview.setReadOnly(True)
        self.preview.setMinimumHeight(90)
        self.preview.setMaximumHeight(160)
        self.preview.setStyleSheet("QPlainTextEdit { background: #dcf8c6; border-radius: 6px; }")
        editor.add(self.preview)
        self.missing_label = QLabel(editor)
        self.missing_label.setTextFormat(Qt.TextFormat.PlainText)
        self.missing_label.setWordWrap(True)
        self.missing_label.setStyleSheet("color: #b45309;")
        self.missing_label.hide()
        editor.add(self.missing_label)

        self.error_label = QLabel(editor)
        self.error_label.setObjectName("templateError")
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b91c1c; font-weight: 600;")
        self.error_label.hide()
        editor.add(self.error_label)

        buttons = QHBoxLayout()
        self.new_button = QPushButton(self.tr("Baru"), editor)
        self.new_button.setToolTip(self.tr("Template baru (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_template)
        self.delete_button = QPushButton(self.tr("Hapus"), editor)
        self.delete_button.clicked.connect(self.delete_current)
        self.save_button = QPushButton(self.tr("Simpan"), editor)
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Simpan template (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        editor.add(buttons)
        editor.body.addStretch(1)
        return editor

    # --- what the main window calls -------------------------------------------------------

    def ensure_loaded(self) -> None:
        if not self._loaded:
            self.refresh()

    def refresh(self) -> None:
        """Re-read the list for the current search, keeping the template being edited."""
        self._loaded = True
        self._sample = None
        self._refresh_categories()
        category = self.category_filter.currentData()
        rows = [
            info
            for info in templates.list_templates(self.search.text())
            if not category or info.category == category
        ]
        self.list.blockSignals(True)
        self.list.clear()
        for info in rows:
            item = QListWidgetItem(f"{info.title}\n{info.shortcut}   {info.category}".rstrip())
            item.setData(ID_ROLE, info.id)
            item.setToolTip(info.body)
            self.list.addItem(item)
            if info.id == self.current_id:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        total = len(templates.list_templates())
        self.count_label.setText(self.tr("%n template", "", total))
        self._update_list_empty_state(bool(rows))
        self._update_preview()

    def apply_filter(self, **filters: str) -> None:
        self.category_filter.blockSignals(True)
        self.category_filter.setCurrentIndex(
            max(0, self.category_filter.findData(filters.get("category", ALL_CATEGORIES)))
        )
        self.category_filter.blockSignals(False)
        self.search.setText(filters.get("search", ""))
        self.refresh()

    def open_record(self, record_id: int) -> None:
        self.ensure_loaded()
        if self._item_for(record_id) is None and self._filtered():
            self.apply_filter()
        item = self._item_for(record_id)
        if item is not None:
            self.list.setCurrentItem(item)
        else:
            self._edit(record_id)

    def select_first(self) -> bool:
        """Show the first listed template in the editor (the self-test's screenshot, and a
        first visit, should show a real template rather than an empty form)."""
        self.ensure_loaded()
        if self.list.count() == 0:
            return False
        self.list.setCurrentRow(0)
        return True

    # --- actions --------------------------------------------------------------------------

    def new_template(self) -> None:
        self.list.clearSelection()
        self.list.setCurrentItem(None)
        self.current_id = None
        self.editor_card.set_title(self.tr("Template baru"))
        self.title_edit.clear()
        self.shortcut_edit.setText("/")
        self.category_edit.setCurrentText("")
        self.body_edit.clear()
        self.delete_button.setEnabled(False)
        self._show_error("")
        self.title_edit.setFocus()

    def save(self) -> None:
        try:
            info = templates.save_template(
                self.current_id,
                title=self.title_edit.text(),
                shortcut=self.shortcut_edit.text(),
                body=self.body_edit.toPlainText(),
                category=self.category_edit.currentText(),
            )
        except CsdeskError as err:
            self._show_error(str(err))
            return
        self._show_error("")
        self.current_id = info.id
        if self._item_for(info.id) is None and self._filtered():
            self.apply_filter()
        self.refresh()
        self._edit(info.id)

    def delete_current(self) -> None:
        if self.current_id is None:
            return
        title = self.title_edit.text() or self.shortcut_edit.text()
        answer = QMessageBox.question(
            self,
            self.tr("Hapus template"),
            self.tr("Hapus template \u201c%s\u201d? Tindakan ini tidak bisa dibatalkan.") % title,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            templates.delete_template(self.current_id)
        except CsdeskError as err:
            self._show_error(str(err))
            return
        self.new_template()
        self.refresh()

    def insert_placeholder(self, key: str) -> None:
        self.body_edit.insertPlainText("{" + key + "}")
        self.body_edit.setFocus()

    def ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Impor template"),
            "",
            self.tr("Excel atau CSV (*.xlsx *.xls *.csv);;Semua file (*)"),
        )
        if path:
            self.import_file(path)

    def ask_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Ekspor template"), "template.xlsx", self.tr("Excel (*.xlsx)")
        )
        if path:
            self.export_file(path if path.lower().endswith(".xlsx") else f"{path}.xlsx")

    def import_file(self, path: str) -> None:
        """Import templates from `path` and say what changed (or why nothing did)."""
        try:
            result = templates_xlsx.import_templates(path)
        except CsdeskError as err:
            self._tell(QMessageBox.Icon.Warning, self.tr("Impor template gagal"), str(err))
            return
        self.refresh()
        self._tell(
            QMessageBox.Icon.Information,
            self.tr("Impor template"),
            self.tr("%s: %d baru, %d diperbarui, %d sama (tidak diubah).")
            % (result.file, result.added, result.updated, result.unchanged),
        )

    def export_file(self, path: str) -> None:
        try:
            count = templates_xlsx.export_templates(path)
        except CsdeskError as err:
            self._tell(QMessageBox.Icon.Warning, self.tr("Ekspor template gagal"), str(err))
            return
        self._tell(
            QMessageBox.Icon.Information,
            self.tr("Ekspor template"),
            self.tr("%d template disimpan ke %s") % (count, Path(path).name),
        )

    # --- internals ------------------------------------------------------------------------

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        # Window-modal but not blocking (open, not exec): the panel's caller goes on.
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setTextFormat(Qt.TextFormat.PlainText)
        self.message_box = box
        box.open()

    def _filtered(self) -> bool:
        return bool(self.search.text() or self.category_filter.currentData())

    def _item_for(self, record_id: int) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.data(ID_ROLE) == record_id:
                return item
        return None

    def _on_current_changed(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._edit(int(item.data(ID_ROLE)))

    def _edit(self, record_id: int) -> None:
        try:
            info = templates.get_template(record_id)
        except CsdeskError as err:
            self._show_error(str(err))
            return
        self.current_id = info.id
        self.editor_card.set_title(self.tr("Ubah template"))
        self.title_edit.setText(info.title)
        self.shortcut_edit.setText(info.shortcut)
        self.category_edit.setCurrentText(info.category)
        self.body_edit.setPlainText(info.body)
        self.delete_button.setEnabled(True)
        self._show_error("")

    def _refresh_categories(self) -> None:
        current = self.category_edit.currentText()
        names = sorted(
            {t.category for t in templates.list_templates() if t.category}, key=str.lower
        )
        self.category_edit.blockSignals(True)
        self.category_edit.clear()
        self.category_edit.addItems(names)
        self.category_edit.setCurrentText(current)
        self.category_edit.blockSignals(False)
        shown = self.category_filter.currentData() or ALL_CATEGORIES
        self.category_filter.blockSignals(True)
        self.category_filter.clear()
        self.category_filter.addItem(self.tr("Semua kategori"), ALL_CATEGORIES)
        for name in names:
            self.category_filter.addItem(name, name)
        self.category_filter.setCurrentIndex(max(0, self.category_filter.findData(shown)))
        self.category_filter.blockSignals(False)

    def _update_list_empty_state(self, has_rows: bool) -> None:
        if has_rows:
            self.list_stack.setCurrentWidget(self.list)
            return
        if self._filtered():
            self.list_empty.set_text(self.tr("Tidak ada template yang cocok dengan pencarian ini."))
            self.list_empty.set_action(self.tr("Hapus pencarian"))
        else:
            self.list_empty.set_text(
                self.tr("Belum ada template. Tulis balasan yang sering dipakai di sebelah kanan.")
            )
            self.list_empty.set_action("")
        self.list_stack.setCurrentWidget(self.list_empty)

    def _on_list_empty_action(self) -> None:
        self.apply_filter()

    def _update_preview(self) -> None:
        if self._sample is None:
            self._sample = templates.sample_context()
        filled = templates.fill(self.body_edit.toPlainText(), self._sample)
        self.preview.setPlainText(filled.text)
        if filled.missing:
            names = ", ".join("{" + key + "}" for key in filled.missing)
            self.missing_label.setText(
                self.tr("⚠ Tidak bisa diisi: %s. Periksa ejaannya atau lengkapi Pengaturan.")
                % names
            )
        self.missing_label.setVisible(bool(filled.missing))

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))
