"""The Pesanan panel: every order with status tabs (live counts), marketplace, date and deadline
filters, late / due-today marks on the ship-by column, and actions on the selected orders.

Rows are chosen with Ctrl/Shift-click or Ctrl+A; the detail pane follows the current row. The
right-click menu acts on the selection: copy the order numbers or the resi numbers (one per
line, as they are pasted into a marketplace's search or a chat), export them to Excel.
Other features add their own batch actions through `add_batch_action` (menu and a button).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QWidget

from csdesk.services.listing import ListQuery
from csdesk.services.orders_list import OrderListSource
from csdesk.ui import glyphs
from csdesk.ui.dialogs.manual_order import ManualOrderDialog
from csdesk.ui.dialogs.payment_reminders import PaymentRemindersDialog
from csdesk.ui.panels.order_detail import OrderDetailView
from csdesk.ui.panels.orders_export import OrdersExport
from csdesk.ui.panels.orders_print import OrdersPrint
from csdesk.ui.widgets.batch_actions import BatchActions, BatchCallback
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.fields import copy_to_clipboard
from csdesk.ui.widgets.list_panel import ListPanel


class ChosenOrders(OrderListSource):
    """Exactly these orders, in this order, whatever the query: what "Ekspor yang dipilih"
    hands the export (which lists the ids of a source's query)."""

    def __init__(self, ids: Sequence[int]):
        super().__init__()
        self._chosen = list(ids)

    def ids(self, query: ListQuery, limit: int | None = None) -> list[int]:
        return list(self._chosen)


class OrdersPanel(ListPanel):
    key = "orders"
    title = QCoreApplication.translate("Panels", "Pesanan")
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
            multi_select=True,
            deadline_columns=("ship_by",),
            parent=parent,
        )
        self.order_source = source
        self.exporter = OrdersExport(self, source)
        self.batch = BatchActions(self.table, self.selected_ids, self, self.title_row)
        self.batch.add(self.tr("Salin nomor pesanan"), "fa6s.copy", self.copy_order_numbers)
        self.batch.add(self.tr("Salin nomor resi"), "fa6s.truck", self.copy_tracking_numbers)
        self.batch.add(
            self.tr("Ekspor yang dipilih ke Excel…"), "fa6s.file-excel", self.export_selected
        )
        self.printing = OrdersPrint(self)
        self.add_batch_action(
            self.tr("Cetak label…"), "fa6s.print", self.printing.print_ids, shortcut="Ctrl+P"
        )
        self.title_row.addWidget(self.printing.make_all_button())
        self.new_order_button = QPushButton(
            glyphs.icon("fa6s.plus", color="#0f766e"), self.tr("Pesanan manual…"), self
        )
        self.new_order_button.setToolTip(
            self.tr("Catat pesanan dari WhatsApp, Instagram atau telepon (Ctrl+Shift+N)")
        )
        self.new_order_button.clicked.connect(self.new_manual_order)
        self.title_row.addWidget(self.new_order_button)
        self.reminders_button = QPushButton(
            glyphs.icon("fa6s.bell", color="#b45309"), self.tr("Pengingat bayar…"), self
        )
        self.reminders_button.setToolTip(
            self.tr("Pesanan manual yang menunggu transfer: teks pengingat siap disalin")
        )
        self.reminders_button.clicked.connect(self.open_reminders)
        self.title_row.addWidget(self.reminders_button)
        new_order = QShortcut(QKeySequence("Ctrl+Shift+N"), self)
        new_order.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        new_order.activated.connect(self.new_manual_order)
        self.export_button = QPushButton(
            glyphs.icon("fa6s.file-excel", color="#0f766e"), self.tr("Ekspor ke Excel…"), self
        )
        self.export_button.setToolTip(
            self.tr("Simpan pesanan yang sedang tampil (filter ini) ke Excel (Ctrl+E)")
        )
        self.export_button.clicked.connect(self.export_current)
        self.title_row.addWidget(self.export_button)
        shortcut = QShortcut(QKeySequence("Ctrl+E"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.export_current)

    def refresh(self) -> None:
        self.order_source.forget_counts()
        super().refresh()

    # --- batch actions --------------------------------------------------------------------

    def add_batch_action(
        self, text: str, icon: str, callback: Callable[[list[int]], None], shortcut: str = ""
    ) -> QAction:
        """Offer an action on the selected orders: `callback(ids)` gets them in the table's
        order, from the right-click menu, a title-row button with `icon` (a qtawesome name)
        and `shortcut` (e.g. "Ctrl+P", anywhere in the panel). Disabled while nothing is
        selected. Returns the QAction (to change its text or tooltip later)."""
        action_callback: BatchCallback = callback
        return self.batch.add(text, icon, action_callback, shortcut=shortcut, button=True)

    def copy_order_numbers(self, ids: list[int]) -> None:
        numbers = [order_no for order_no, _resi in self.order_source.numbers(ids)]
        copy_to_clipboard("\n".join(numbers))
        self._say(self.tr("%s nomor pesanan disalin ✓") % number(len(numbers)))

    def copy_tracking_numbers(self, ids: list[int]) -> None:
        numbers = [resi for _order_no, resi in self.order_source.numbers(ids) if resi]
        if not numbers:
            self._say(self.tr("Pesanan yang dipilih belum punya nomor resi"))
            return
        copy_to_clipboard("\n".join(numbers))
        self._say(self.tr("%s nomor resi disalin ✓") % number(len(numbers)))

    def export_selected(self, ids: list[int]) -> None:
        OrdersExport(self, ChosenOrders(ids)).start(ListQuery())

    def new_manual_order(self) -> ManualOrderDialog:
        """The new-order form; the saved order is listed and selected."""
        dialog = ManualOrderDialog(parent=self, author=self.detail.author)  # type: ignore[attr-defined]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self._show_saved_order)
        dialog.open()
        return dialog

    def _show_saved_order(self, order_id: int) -> None:
        self.refresh()
        self.open_record(order_id)

    def open_reminders(self) -> PaymentRemindersDialog:
        dialog = PaymentRemindersDialog(self, author=self.detail.author)  # type: ignore[attr-defined]
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.changed.connect(self.refresh)
        dialog.open()
        return dialog

    def export_current(self) -> None:
        """Export exactly the orders the current search and filters list."""
        self.exporter.start(self.model.query)

    def default_sort(self, query: ListQuery) -> tuple[str | None, bool]:
        """Perlu Dikirim: the earliest deadline first, so what is late or due today is on top."""
        if query.filters.get("status") == "to_ship":
            return "ship_by", False
        return None, True

    def _say(self, text: str) -> None:
        """A short confirmation where the selection count is (until the selection changes)."""
        self.selection_label.setText(text)
        self.selection_label.show()
