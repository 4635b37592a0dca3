"""The Produk panel: the shop's products (SKU, variant, price, stock) beside an edit form.

These are what the manual order dialog offers as items; stock 0 shows in red in the list so
what cannot be sold is seen at a glance.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import QPushButton, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from csdesk.services.products_list import ProductListSource
from csdesk.ui import glyphs
from csdesk.ui.panels.product_detail import ProductDetailView
from csdesk.ui.widgets.lazy_table import RAW_ROLE
from csdesk.ui.widgets.list_panel import ListPanel

OUT_OF_STOCK = QColor("#b91c1c")


class StockDelegate(QStyledItemDelegate):
    """The stock cell in bold red when nothing is left."""

    def initStyleOption(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        super().initStyleOption(option, index)
        stock = index.data(RAW_ROLE)
        if isinstance(stock, int) and stock <= 0:
            option.palette.setColor(option.palette.ColorRole.Text, OUT_OF_STOCK)
            option.palette.setColor(option.palette.ColorRole.HighlightedText, OUT_OF_STOCK)
            option.font.setBold(True)


class ProductsPanel(ListPanel):
    key = "products"
    title = QCoreApplication.translate("Panels", "Produk")
    detail_share = 0.34  # SKU, name, variant, price, stock and status fit beside it at 1280 px

    def __init__(self, parent: QWidget | None = None):
        detail = ProductDetailView()
        empty = QCoreApplication.translate(
            "Panels", "Belum ada produk. Tambahkan produk agar bisa dipilih di pesanan manual."
        )
        super().__init__(
            ProductListSource(),
            detail,
            noun=QCoreApplication.translate("Panels", "produk"),
            empty_icon="fa6s.shirt",
            empty_text=empty,
            empty_text_with_data=empty,
            parent=parent,
        )
        self.product_detail = detail
        stock_column = self.model.column_of("stock")
        if stock_column is not None:
            self.stock_delegate = StockDelegate(self.table)
            self.table.setItemDelegateForColumn(stock_column, self.stock_delegate)
        self.new_button = QPushButton(
            glyphs.icon("fa6s.plus", color="#ffffff"), self.tr("Produk baru"), self
        )
        self.new_button.setObjectName("primary")
        self.new_button.setToolTip(self.tr("Tambah produk (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_product)
        self.title_row.addWidget(self.new_button)
        self.product_detail.saved.connect(self.open_record)
        for keys, slot in (
            (QKeySequence.StandardKey.New, self.new_product),
            (QKeySequence.StandardKey.Save, self.product_detail.save),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def new_product(self) -> None:
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        self.product_detail.new_product()

    # The list's empty state offers "Produk baru" whatever else the shop holds (the base
    # class offers the demo fill, which only makes sense for a shop with no data at all).
    def _update_count_and_empty_state(self) -> None:
        super()._update_count_and_empty_state()
        if self.model.rowCount() == 0 and self.filter_bar.is_clear():
            self.empty.set_action(self.tr("Produk baru"))

    def _on_empty_action(self) -> None:
        if self.filter_bar.is_clear():
            self.new_product()
        else:
            self.filter_bar.clear()
