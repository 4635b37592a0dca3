"""The manual order dialog as an admin uses it: pick or type a customer, add products, save."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from csdesk.models import Customer, Order, OrderItem
from csdesk.services import manual_orders, products
from csdesk.ui.dialogs.manual_order import ManualOrderDialog


@pytest.fixture
def catalog(db: object) -> dict[str, int]:
    return {
        "gamis": products.save_product(
            None, sku="GKA-NVY-L", name="Gamis Aisyah", variant="Navy, L", price=185_000, stock=5
        ),
        "pashmina": products.save_product(
            None, sku="PSM-MCA", name="Pashmina Ceruty", variant="Mocca", price=45_000, stock=1
        ),
    }


def open_dialog(qtbot: QtBot, **kwargs: object) -> ManualOrderDialog:
    dialog = ManualOrderDialog(author="Ayu", **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def pick_product(dialog: ManualOrderDialog, qtbot: QtBot, row: int, typed: str) -> None:
    """Type into the product field of `row` and take the first suggestion."""
    while len(dialog.items.rows) <= row:
        dialog.add_item()
    field = dialog.items.rows[row].product
    field.setFocus()
    qtbot.keyClicks(field, typed)
    qtbot.waitUntil(lambda: field.suggestions.rowCount() > 0)
    field.choose(0)


def new_customer(dialog: ManualOrderDialog, qtbot: QtBot) -> None:
    qtbot.mouseClick(dialog.customer.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(dialog.customer.new_name, "Siti Rahma")
    qtbot.keyClicks(dialog.customer.new_phone, "0812-3456-7890")
    qtbot.keyClicks(dialog.customer.new_nickname, "Kak Siti")


def test_new_order_with_a_new_customer_and_two_products(
    catalog: dict[str, int], qtbot: QtBot
) -> None:
    dialog = open_dialog(qtbot)
    assert "WA-" in dialog.number_label.text()
    new_customer(dialog, qtbot)
    pick_product(dialog, qtbot, 0, "aisyah")
    assert dialog.items.rows[0].sku.text() == "GKA-NVY-L"
    assert dialog.items.rows[0].price.value() == 185_000
    dialog.items.rows[0].quantity.setValue(2)
    pick_product(dialog, qtbot, 1, "PSM")
    qtbot.keyClicks(dialog.recipient, "Siti Rahma")
    dialog.address.setPlainText("Jl. Melati No. 5")
    dialog.courier.setCurrentText("J&T Express")
    dialog.shipping_fee.setValue(18_000)
    assert dialog.total_label.text() == "Total Rp433.000"

    qtbot.keyClick(dialog.recipient, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    order = Order.get()
    assert dialog.saved_order_id == order.id
    assert (order.marketplace, order.status, order.total) == ("manual", "unpaid", 433_000)
    assert order.courier == "J&T Express" and order.shipping_fee == 18_000
    assert Customer.get(Customer.id == order.customer).name == "Siti Rahma"
    items = [(i.sku, i.quantity, i.subtotal) for i in OrderItem.select().order_by(OrderItem.id)]
    assert items == [("GKA-NVY-L", 2, 370_000), ("PSM-MCA", 1, 45_000)]
    # The confirmation text is ready to send, and WhatsApp can open with it.
    assert dialog.pages.currentIndex() == 1
    assert order.order_no in dialog.confirmation.toPlainText()
    assert dialog.whatsapp_button.isEnabled()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert dialog.copied_hint.text() == "Disalin ✓"


def test_short_stock_warns_and_kembali_saves_nothing(catalog: dict[str, int], qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot)
    new_customer(dialog, qtbot)
    pick_product(dialog, qtbot, 0, "pashmina")
    dialog.items.rows[0].quantity.setValue(3)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    box = dialog.shortfall_box
    assert isinstance(box, QMessageBox)
    assert "Stok Pashmina Ceruty — Mocca tinggal 1, dipesan 3" in box.informativeText()
    back = next(b for b in box.buttons() if b.text() == "Kembali")
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert Order.select().count() == 0
    assert dialog.pages.currentIndex() == 0

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    box = dialog.shortfall_box
    assert box is not None
    keep = next(b for b in box.buttons() if b.text() == "Simpan tetap")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert Order.select().count() == 1


def test_an_order_without_items_is_refused_in_the_dialog(
    catalog: dict[str, int], qtbot: QtBot
) -> None:
    dialog = open_dialog(qtbot)
    new_customer(dialog, qtbot)
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() == "Pesanan belum berisi barang"
    assert Order.select().count() == 0


def test_choosing_a_customer_prefills_shipping_from_their_last_order(
    catalog: dict[str, int], qtbot: QtBot
) -> None:
    first = manual_orders.create_manual_order(
        manual_orders.ManualOrderDraft(
            new_customer=manual_orders.CustomerDraft("Dewi Lestari", "0813-1111-2222"),
            recipient="Dewi L.",
            address="Jl. Kenanga 7",
            city="Bandung",
            items=[manual_orders.ItemDraft("Gamis Aisyah", "Navy, L", "GKA-NVY-L", 1, 185_000)],
        )
    )
    customer_id = Order.get_by_id(first).customer.id
    dialog = open_dialog(qtbot)
    qtbot.keyClicks(dialog.customer.search, "Dewi")
    qtbot.waitUntil(lambda: dialog.customer.search.suggestions.rowCount() == 1)
    dialog.customer.search.choose(0)
    assert dialog.customer.customer_id() == customer_id
    assert dialog.recipient.text() == "Dewi L."
    assert dialog.address.toPlainText() == "Jl. Kenanga 7"
    assert dialog.city.text() == "Bandung"


def test_editing_an_order_saves_the_change(catalog: dict[str, int], qtbot: QtBot) -> None:
    order_id = manual_orders.create_manual_order(
        manual_orders.ManualOrderDraft(
            new_customer=manual_orders.CustomerDraft("Rina"),
            items=[manual_orders.ItemDraft("Gamis Aisyah", "Navy, L", "GKA-NVY-L", 1, 185_000)],
        )
    )
    order_no = Order.get_by_id(order_id).order_no
    dialog = open_dialog(qtbot, order_id=order_id)
    assert dialog.windowTitle() == f"Ubah pesanan {order_no}"
    assert dialog.customer.search.text() == "Rina"
    assert [row.sku.text() for row in dialog.items.rows] == ["GKA-NVY-L"]
    dialog.items.rows[0].quantity.setValue(2)
    dialog.shipping_fee.setValue(10_000)
    with qtbot.waitSignal(dialog.saved):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    order = Order.get_by_id(order_id)
    assert order.total == 380_000
    assert OrderItem.get(OrderItem.order == order_id).quantity == 2


def test_a_save_from_another_desk_in_between_is_a_conflict(
    catalog: dict[str, int], qtbot: QtBot
) -> None:
    order_id = manual_orders.create_manual_order(
        manual_orders.ManualOrderDraft(
            new_customer=manual_orders.CustomerDraft("Rina"),
            items=[manual_orders.ItemDraft("Gamis Aisyah", "Navy, L", "GKA-NVY-L", 1, 185_000)],
        )
    )
    dialog = open_dialog(qtbot, order_id=order_id)
    draft, version = manual_orders.load_draft(order_id)
    draft.seller_note = "dari desk lain"
    manual_orders.update_manual_order(order_id, draft, version)
    dialog.city.setText("Garut")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "admin lain" in dialog.error_label.text()
    assert dialog.reload_button.isVisible()
    assert Order.get_by_id(order_id).city == ""
    qtbot.mouseClick(dialog.reload_button, Qt.MouseButton.LeftButton)
    assert dialog.seller_note.text() == "dari desk lain"
    assert not dialog.error_label.isVisible()
