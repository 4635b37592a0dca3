"""Pesanan → "Ekspor ke Excel…" (Ctrl+E): exactly the orders the current filter lists, read
and written off the GUI thread (ui/widgets/list_export.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from csdesk.services.exporting.orders_xlsx import ExportResult, export_orders
from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.list_export import ListExport


class OrdersExport(ListExport[ExportResult]):
    def __init__(self, parent: QWidget, source: OrderListSource):
        super().__init__(
            parent,
            title=parent.tr("Ekspor pesanan"),
            file_stem="pesanan",
            summary=lambda result, target: (
                parent.tr("%s pesanan (%s baris) tersimpan di:\n%s")
                % (number(result.orders), number(result.rows), target)
            ),
        )
        self.source = source

    def start(self, query: ListQuery) -> None:
        source = self.source

        def write(target: Path, progress: Any, cancelled: Any) -> ExportResult:
            ids = source.ids(query)
            return export_orders(target, order_ids=ids, progress=progress, is_cancelled=cancelled)

        self.run(write)
