"""The Pesanan panel: every order with status tabs (live counts), marketplace and deadline filters."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from csdesk.services.orders_list import OrderListSource
from csdesk.ui.panels.order_detail import OrderDetailView
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
