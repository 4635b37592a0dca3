"""The Pesanan panel: every order with status tabs (live counts), marketplace and deadline filters."""

from __future__ import annotations

import qtawesome as qta
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from csdesk.services.orders_list import OrderListSource
from csdesk.ui.panels.order_detail import OrderDetailView
from csdesk.ui.panels.orders_export import OrdersExport
from csdesk.ui.widgets.list_panel import ListPanel


class OrdersPanel(ListPanel):
    key = "orders"
    title = QCoreApplication.translate("Panels", "Pesanan")
    icon = "fa6s.box"
    # The list's first four columns (a Tokopedia INV/… number is ~230 px) fit at 1280 px.
    detail_share = 0.42

    def __init__(self, parent: QWidget | None = None):
        source = OrderListSource()
        super().__init__(
            source,
            OrderDetailView(),
            noun=QCoreApplication.translate("Panels", "pesanan"),
            empty_icon="fa6s.box-open",
            empty_text=QCoreApplication.translate(
                "Panels", "Belum ada pesanan. Impor file pesanan atau isi data contoh."
            ),
            empty_action=QCoreApplication.translate("Panels", "Isi data contoh"),
            empty_text_with_data=QCoreApplication.translate(
                "Panels",
                "Belum ada pesanan. Impor file pesanan dari marketplace.",
            ),
            tab_filter="status",
            tab_counts=source.count_by_status,
            parent=parent,
        )
        self.exporter = OrdersExport(self, source)
        self.export_button = QPushButton(
            qta.icon("fa6s.file-excel", color="#0f766e"), self.tr("Ekspor ke Excel…"), self
        )
        self.export_button.setToolTip(
            self.tr("Simpan pesanan yang sedang tampil (filter ini) ke Excel (Ctrl+E)")
        )
        self.export_button.clicked.connect(self.export_current)
        self.title_row.addWidget(self.export_button)
        shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.export_current)

    def export_current(self) -> None:
        """Export exactly the orders the current search and filters list."""
        self.exporter.start(self.model.query)
