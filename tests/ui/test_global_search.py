"""Ctrl+K: find a record from anywhere and land on it, selected, in its own panel."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from csdesk.models import Customer, Order
from csdesk.services.demo import generate_demo
from csdesk.ui.dialogs.global_search import KIND_ROLE
from csdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db):
    generate_demo(200, seed=7)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def test_ctrl_k_finds_an_order_by_part_of_its_tracking_number(qtbot, window: MainWindow) -> None:
    order = Order.select().where(Order.tracking_no != "").order_by(Order.id).first()
    part = order.tracking_no[-8:]
    QTest.keySequence(window, QKeySequence("Ctrl+K"))
    dialog = window._search_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.edit, part)
    qtbot.waitUntil(lambda: dialog.results.count() > 0)
    headings = [
        dialog.results.item(i).text()
        for i in range(dialog.results.count())
        if dialog.results.item(i).data(KIND_ROLE) is None
    ]
    assert "PESANAN" in headings
    while dialog.results.currentItem().data(
        KIND_ROLE
    ) != "order" or not dialog.results.currentItem().text().startswith(order.order_no):
        qtbot.keyClick(dialog.edit, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert window.current_key() == "orders"
    orders = window.panels["orders"]
    assert orders.table.current_id() == order.id
    row = orders.table.currentIndex().row()
    assert orders.model.data(orders.model.index(row, 0)) == order.order_no


def test_a_customer_hit_opens_in_pelanggan(qtbot, window: MainWindow) -> None:
    customer = Customer.select().order_by(Customer.id).first()
    window.open_search()
    dialog = window._search_dialog
    qtbot.keyClicks(dialog.edit, customer.name)
    dialog.run_search()
    first = dialog.results.currentItem()
    assert first.data(KIND_ROLE) == "customer"
    assert customer.name in first.text()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert window.current_key() == "customers"
    assert window.panels["customers"].table.current_id() is not None


def test_nothing_found_says_so(qtbot, window: MainWindow) -> None:
    window.open_search()
    dialog = window._search_dialog
    dialog.edit.setText("zzqqxx")
    dialog.run_search()
    assert dialog.results.count() == 0
    assert "zzqqxx" in dialog.hint.text()
    qtbot.keyClick(dialog.edit, Qt.Key.Key_Return)
    assert dialog.isVisible()
