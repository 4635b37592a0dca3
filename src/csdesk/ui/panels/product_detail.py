"""The Produk detail pane: one product's form (SKU, name, variant, price, stock, weight, on sale),
saved with Ctrl+S, deleted after a confirmation. With no product selected it is a blank form
for a new one, so "Produk baru" is just an empty pane.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.services import products
from csdesk.ui.dialogs.manual_order_items import money_spin
from csdesk.ui.panels.detail_view import DetailView
from csdesk.ui.widgets.card import Card, heading_label, muted_label

OUT_OF_STOCK = "QSpinBox { color: #b91c1c; font-weight: 600; }"


class ProductDetailView(DetailView):
    """`saved(id)` fires after a save (the panel selects the product in the list)."""

    saved = Signal(int)
    empty_icon = "fa6s.shirt"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Pilih produk di daftar, atau buat produk baru (Ctrl+N)"), parent)
        self.heading = heading_label()
        self.content.addWidget(self.heading)
        card = Card(self.tr("Data produk"))
        self.sku = QLineEdit()
        self.sku.setPlaceholderText(self.tr("mis. GKA-NVY-L"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("mis. Gamis Aisyah"))
        self.variant = QLineEdit()
        self.variant.setPlaceholderText(self.tr("mis. Navy, L"))
        self.price = money_spin()
        self.price.setMaximumWidth(200)
        self.stock = QSpinBox()
        self.stock.setRange(-1_000_000, 1_000_000)  # below zero after orders confirmed short
        self.stock.setMaximumWidth(200)
        self.stock.valueChanged.connect(self._mark_stock)
        self.stock_hint = muted_label()
        self.weight = QSpinBox()
        self.weight.setRange(0, 100_000)
        self.weight.setSuffix(" g")
        self.weight.setMaximumWidth(200)
        self.active = QCheckBox(self.tr("Aktif dijual"))
        self.active.setToolTip(self.tr("Produk aktif muncul saat mengisi pesanan manual"))
        self.active.setChecked(True)
        form = QFormLayout()
        form.addRow(self.tr("SKU"), self.sku)
        form.addRow(self.tr("Nama produk"), self.name)
        form.addRow(self.tr("Varian"), self.variant)
        form.addRow(self.tr("Harga"), self.price)
        stock_row = QHBoxLayout()
        stock_row.addWidget(self.stock)
        stock_row.addWidget(self.stock_hint, 1)
        form.addRow(self.tr("Stok"), stock_row)
        form.addRow(self.tr("Berat"), self.weight)
        form.addRow("", self.active)
        card.add(form)

        self.delete_button = QPushButton(self.tr("Hapus"))
        self.delete_button.clicked.connect(self.ask_delete)
        self.save_button = QPushButton(self.tr("Simpan"))
        self.save_button.setObjectName("primary")
        self.save_button.setToolTip(self.tr("Simpan produk (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        card.add(buttons)
        self.content.addWidget(card)
        self.content.addWidget(
            muted_label(
                self.tr(
                    "Stok berkurang otomatis saat pembayaran pesanan manual dikonfirmasi "
                    "(atau saat pesanan COD dibuat), dan kembali bila pesanan dibatalkan."
                )
            )
        )
        self.content.addStretch(1)
        self.delete_box: QMessageBox | None = None
        self.editing: int | None = None

    def load(self, record_id: int) -> None:
        info = products.get_product(record_id)
        self.editing = info.id
        self.heading.setText(info.label)
        self.sku.setText(info.sku)
        self.name.setText(info.name)
        self.variant.setText(info.variant)
        self.price.setValue(info.price)
        self.stock.setValue(info.stock)
        self.weight.setValue(info.weight_grams)
        self.active.setChecked(info.active)
        self.delete_button.setEnabled(True)
        self._mark_stock(info.stock)

    def new_product(self) -> None:
        """An empty form for a new product."""
        self.current_id = None
        self.editing = None
        self.show_error("")
        self.heading.setText(self.tr("Produk baru"))
        for edit in (self.sku, self.name, self.variant):
            edit.clear()
        self.price.setValue(0)
        self.stock.setValue(0)
        self.weight.setValue(0)
        self.active.setChecked(True)
        self.delete_button.setEnabled(False)
        self._mark_stock(0)
        self.stack.setCurrentWidget(self.scroll)
        self.sku.setFocus()

    def is_editing(self) -> bool:
        return self.stack.currentWidget() is self.scroll

    def save(self) -> None:
        if not self.is_editing():
            return
        try:
            product_id = products.save_product(
                self.editing,
                sku=self.sku.text(),
                name=self.name.text(),
                variant=self.variant.text(),
                price=self.price.value(),
                stock=self.stock.value(),
                weight_grams=self.weight.value(),
                active=self.active.isChecked(),
            )
        except CsdeskError as err:
            self.show_error(str(err))
            return
        self.show_error("")
        self.editing = product_id
        self.changed.emit()
        self.saved.emit(product_id)

    def ask_delete(self) -> None:
        if self.editing is None:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Hapus produk"))
        box.setText(
            self.tr(
                "Hapus produk \u201c%s\u201d? Produk yang sudah ada di pesanan hanya dinonaktifkan."
            )
            % self.heading.text()
        )
        delete = box.addButton(self.tr("Hapus"), QMessageBox.ButtonRole.DestructiveRole)
        back = box.addButton(self.tr("Kembali"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(back)

        def answered(button: QAbstractButton) -> None:
            self.delete_box = None
            if button is delete:
                self.delete()

        box.buttonClicked.connect(answered)
        self.delete_box = box
        box.open()

    def delete(self) -> None:
        if self.editing is None:
            return
        try:
            products.delete_product(self.editing)
        except CsdeskError as err:
            self.show_error(str(err))
            return
        self.editing = None
        self.show_id(None)
        self.changed.emit()

    def _mark_stock(self, stock: int) -> None:
        self.stock.setStyleSheet(OUT_OF_STOCK if stock <= 0 else "")
        self.stock_hint.setText(self.tr("Habis") if stock <= 0 else "")
        self.stock_hint.setStyleSheet("color: #b91c1c; font-weight: 600;")
