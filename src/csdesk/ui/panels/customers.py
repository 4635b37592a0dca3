"""The Pelanggan panel: every customer (merged ones excluded) with segment filters and their detail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from csdesk.services.customers_list import CustomerListSource
from csdesk.ui import glyphs
from csdesk.ui.dialogs.customer_duplicates import DuplicatesDialog
from csdesk.ui.panels.customer_detail import CustomerDetailView
from csdesk.ui.panels.customers_export import CustomersExport
from csdesk.ui.widgets.list_panel import ListPanel


class CustomersPanel(ListPanel):
    key = "customers"
    title = QCoreApplication.translate("Panels", "Pelanggan")
    detail_share = 0.42  # name, nickname, contact, orders and spend fit beside it at 1280 px

    def __init__(self, parent: QWidget | None = None):
        source = CustomerListSource()
        super().__init__(
            source,
            CustomerDetailView(),
            noun=QCoreApplication.translate("Panels", "pelanggan"),
            empty_icon="fa6s.user-plus",
            empty_text=QCoreApplication.translate(
                "Panels",
                "Belum ada pelanggan. Pelanggan tercatat otomatis dari pesanan dan chat yang diimpor, atau isi data contoh.",
            ),
            empty_action=QCoreApplication.translate("Panels", "Isi data contoh"),
            empty_text_with_data=QCoreApplication.translate(
                "Panels",
                "Belum ada pelanggan. Pelanggan tercatat otomatis dari pesanan dan chat yang diimpor.",
            ),
            parent=parent,
        )
        self.duplicates_dialog: DuplicatesDialog | None = None
        self.duplicates_button = QPushButton(
            glyphs.icon("fa6s.people-arrows", color="#0f766e"), self.tr("Pelanggan ganda…"), self
        )
        self.duplicates_button.setToolTip(
            self.tr(
                "Profil yang kemungkinan orang yang sama (nomor, email, atau nama dan kota "
                "sama): gabungkan atau tandai bukan duplikat (Ctrl+Shift+D)"
            )
        )
        self.duplicates_button.clicked.connect(self.review_duplicates)
        self.title_row.addWidget(self.duplicates_button)
        duplicates = QShortcut(QKeySequence("Ctrl+Shift+D"), self)
        duplicates.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        duplicates.activated.connect(self.review_duplicates)
        for keys, handler in self.detail.shortcuts.items():  # type: ignore[attr-defined]
            action = QShortcut(QKeySequence(keys), self)
            action.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.activated.connect(handler)
        self.exporter = CustomersExport(self)
        self.export_button = QPushButton(
            glyphs.icon("fa6s.file-excel", color="#0f766e"), self.tr("Ekspor ke Excel…"), self
        )
        self.export_button.setToolTip(
            self.tr(
                "Simpan pelanggan yang sedang tampil (pencarian dan filter ini) ke Excel (Ctrl+E)"
            )
        )
        self.export_button.clicked.connect(self.export_current)
        self.title_row.addWidget(self.export_button)
        shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.export_current)

    def review_duplicates(self) -> DuplicatesDialog:
        """ "Pelanggan ganda…": review likely pairs; the list follows every merge."""
        dialog = DuplicatesDialog(self, author=self.detail.author)  # type: ignore[attr-defined]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.merged.connect(lambda _kept: self.refresh())
        dialog.open_customer.connect(self.open_record)
        self.duplicates_dialog = dialog
        dialog.open()
        return dialog

    def export_current(self) -> None:
        """Export exactly the customers the current search and filters list, in its order."""
        self.exporter.start(self.source, self.model.query)  # type: ignore[arg-type]
