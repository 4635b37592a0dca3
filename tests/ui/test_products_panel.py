"""The Produk panel: add a product, see it listed, edit it, delete it after confirming."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox, QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from csdesk.models import Product
from csdesk.services import products
from csdesk.ui.panels.products import ProductsPanel


@pytest.fixture
def panel(db: object, qtbot: QtBot) -> ProductsPanel:
    widget = ProductsPanel()
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    widget.refresh()
    return widget


def cell(panel: ProductsPanel, row: int, key: str) -> str:
    column = panel.model.column_of(key)
    assert column is not None
    return str(panel.model.index(row, column).data())


def test_empty_list_offers_a_new_product(panel: ProductsPanel, qtbot: QtBot) -> None:
    assert panel.empty.isVisible()
    assert "Belum ada produk" in panel.empty.label.text()
    assert panel.empty.button.text() == "Produk baru"
    qtbot.mouseClick(panel.empty.button, Qt.MouseButton.LeftButton)
    assert panel.product_detail.is_editing()
    assert panel.product_detail.heading.text() == "Produk baru"


def test_creating_a_product_lists_it(panel: ProductsPanel, qtbot: QtBot) -> None:
    qtbot.mouseClick(panel.new_button, Qt.MouseButton.LeftButton)
    detail = panel.product_detail
    qtbot.keyClicks(detail.sku, "GKA-NVY-L")
    qtbot.keyClicks(detail.name, "Gamis Aisyah")
    qtbot.keyClicks(detail.variant, "Navy, L")
    detail.price.setValue(185_000)
    detail.stock.setValue(7)
    qtbot.mouseClick(detail.save_button, Qt.MouseButton.LeftButton)

    product = Product.get(Product.sku == "GKA-NVY-L")
    assert (product.name, product.variant, product.price, product.stock) == (
        "Gamis Aisyah",
        "Navy, L",
        185_000,
        7,
    )
    assert panel.row_count() == 1
    assert cell(panel, 0, "name") == "Gamis Aisyah"
    assert cell(panel, 0, "price") == "Rp185.000"
    assert panel.table.current_id() == product.id
    assert detail.heading.text() == "Gamis Aisyah — Navy, L"


def test_editing_a_product_and_a_refused_sku(panel: ProductsPanel, qtbot: QtBot) -> None:
    first = products.save_product(None, sku="A-1", name="Bergo", stock=3)
    products.save_product(None, sku="B-2", name="Khimar", stock=0)
    panel.refresh()
    panel.open_record(first)
    detail = panel.product_detail
    assert detail.sku.text() == "A-1"
    detail.stock.setValue(0)
    assert detail.stock_hint.text() == "Habis"
    detail.price.setValue(30_000)
    detail.save()
    assert Product.get_by_id(first).price == 30_000
    assert cell(panel, 0, "stock") == "0"

    detail.sku.setText("B-2")
    detail.save()
    assert detail.error_banner.isVisible()
    assert "SKU B-2 sudah dipakai" in detail.error_banner.text()
    assert Product.get_by_id(first).sku == "A-1"


def test_out_of_stock_is_red_in_the_list(panel: ProductsPanel) -> None:
    products.save_product(None, sku="B-2", name="Khimar", stock=0)
    panel.refresh()
    column = panel.model.column_of("stock")
    assert column is not None
    option = QStyleOptionViewItem()
    panel.stock_delegate.initStyleOption(option, panel.model.index(0, column))
    assert option.palette.color(option.palette.ColorRole.Text) == QColor("#b91c1c")


def test_delete_asks_first(panel: ProductsPanel, qtbot: QtBot) -> None:
    product_id = products.save_product(None, sku="A-1", name="Bergo")
    panel.refresh()
    panel.open_record(product_id)
    detail = panel.product_detail
    qtbot.mouseClick(detail.delete_button, Qt.MouseButton.LeftButton)
    box = detail.delete_box
    assert isinstance(box, QMessageBox)
    back = next(b for b in box.buttons() if b.text() == "Kembali")
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert Product.select().count() == 1

    qtbot.mouseClick(detail.delete_button, Qt.MouseButton.LeftButton)
    box = detail.delete_box
    assert box is not None
    delete = next(b for b in box.buttons() if b.text() == "Hapus")
    qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)
    assert Product.select().count() == 0
    assert panel.row_count() == 0
