"""Pelanggan → "Ekspor ke Excel…" (Ctrl+E): the customers the current search and filters list,
in the list's order, with segment and lifetime value (services/exporting/customers_xlsx.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from csdesk.services.customers_list import CustomerListSource
from csdesk.services.exporting.customers_xlsx import CustomerExportResult, export_customers
from csdesk.services.listing import ListQuery
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.list_export import ListExport


class CustomersExport(ListExport[CustomerExportResult]):
    def __init__(self, parent: QWidget):
        super().__init__(
            parent,
            title=parent.tr("Ekspor pelanggan"),
            file_stem="pelanggan",
            summary=lambda result, target: (
                parent.tr("%s pelanggan tersimpan di:\n%s") % (number(result.rows), target)
            ),
        )

    def start(self, source: CustomerListSource, query: ListQuery) -> None:
        def write(target: Path, progress: Any, cancelled: Any) -> CustomerExportResult:
            ids = source.ids(query)
            return export_customers(target, ids, progress=progress, is_cancelled=cancelled)

        self.run(write)
