"""The payment card of the order detail pane: hidden for marketplace orders; for manual ones
the status, the confirmed transfer with its proof, and cancelling after a confirmation."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from csdesk.models import Order, OrderEvent, utcnow
from csdesk.services import manual_orders, payments, settings
from csdesk.ui.panels.order_payment import OrderPaymentCard
from csdesk.ui.widgets.card import LinkButton


@pytest.fixture
def order_id(db: object) -> int:
    shop = settings.load()
    shop.bank_accounts = [settings.BankAccount("BCA", "7310246891", "Ayu Lestari")]
    settings.save(shop)
    return manual_orders.create_manual_order(
        manual_orders.ManualOrderDraft(
            new_customer=manual_orders.CustomerDraft("Siti Rahma"),
            items=[manual_orders.ItemDraft("Pashmina Ceruty", "Mocca", "", 2, 45_000)],
        )
    )


@pytest.fixture
def card(qtbot: QtBot) -> OrderPaymentCard:
    widget = OrderPaymentCard()
    widget.author = "Ayu"
    qtbot.addWidget(widget)
    widget.resize(460, 200)
    return widget


def test_hidden_for_marketplace_orders(card: OrderPaymentCard, order_id: int) -> None:
    card.set_order(order_id, "shopee", "to_ship")
    assert card.isHidden()


def test_unpaid_order_shows_its_due_time_and_actions(
    card: OrderPaymentCard, order_id: int, qtbot: QtBot
) -> None:
    card.set_order(order_id, "manual", "unpaid")
    card.show()
    assert card.status_label.text().startswith("Menunggu transfer · jatuh tempo ")
    assert card.confirm_button.isVisible() and card.cancel_button.isVisible()
    qtbot.mouseClick(card.copy_button, Qt.MouseButton.LeftButton)
    order_no = Order.get_by_id(order_id).order_no
    assert order_no in QGuiApplication.clipboard().text()


def test_paid_order_lists_the_transfer_with_its_proof(
    card: OrderPaymentCard, order_id: int, tmp_path: Path
) -> None:
    proof = tmp_path / "bukti.png"
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    image.save(str(proof))
    payments.confirm_payment(
        order_id,
        payments.PaymentDraft(0, 90_000, utcnow() - dt.timedelta(hours=1), proof),
        author="Ayu",
    )
    card.set_order(order_id, "manual", "to_ship")
    card.show()
    assert card.status_label.text() == "Lunas ✓"
    assert not card.confirm_button.isVisible()
    texts = [w.text() for w in card.findChildren(LinkButton)]
    assert "Lihat bukti" in texts
    assert any(
        "Transfer BCA 7310246891  ·  Rp90.000" in label.text()
        for label in card.findChildren(type(card.status_label))
    )


def test_confirming_from_the_card_emits_changed(
    card: OrderPaymentCard, order_id: int, qtbot: QtBot
) -> None:
    card.set_order(order_id, "manual", "unpaid")
    card.show()
    qtbot.mouseClick(card.confirm_button, Qt.MouseButton.LeftButton)
    dialog = card.dialog
    assert dialog is not None
    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)  # type: ignore[union-attr]
    assert Order.get_by_id(order_id).status == "to_ship"
    assert card.status_label.text() == "Lunas ✓"


def test_cancel_asks_then_cancels(card: OrderPaymentCard, order_id: int, qtbot: QtBot) -> None:
    card.set_order(order_id, "manual", "unpaid")
    card.show()
    qtbot.mouseClick(card.cancel_button, Qt.MouseButton.LeftButton)
    box = card.cancel_box
    assert isinstance(box, QMessageBox)
    back = next(b for b in box.buttons() if b.text() == "Kembali")
    qtbot.mouseClick(back, Qt.MouseButton.LeftButton)
    assert Order.get_by_id(order_id).status == "unpaid"

    qtbot.mouseClick(card.cancel_button, Qt.MouseButton.LeftButton)
    box = card.cancel_box
    assert box is not None
    yes = next(b for b in box.buttons() if b.text() == "Batalkan pesanan")
    with qtbot.waitSignal(card.changed):
        qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert Order.get_by_id(order_id).status == "cancelled"
    assert OrderEvent.get(OrderEvent.kind == "cancelled").author == "Ayu"
    assert card.status_label.text() == "Dibatalkan"
    assert not card.cancel_button.isVisible()
