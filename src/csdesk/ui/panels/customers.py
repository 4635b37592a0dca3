"""The Pelanggan panel: every customer (merged ones excluded) with segment filters and their detail."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from csdesk.services.customers_list import CustomerListSource
from csdesk.ui.panels.customer_detail import CustomerDetailView
from csdesk.ui.widgets.list_panel import ListPanel


class CustomersPanel(ListPanel):
    key = "customers"
    title = QCoreApplication.translate("Panels", "Pelanggan")
    icon = "fa6s.users"
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
