"""Confirming a transfer: the order moves on, the payment and its proof are kept, bad proofs
are refused with a message."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from csdesk.models import Order, Payment, Product
from csdesk.paths import attachments_dir
from csdesk.services import manual_orders, products, settings
from csdesk.ui.dialogs.payment import PaymentDialog


@pytest.fixture
def order_id(db: object) -> int:
    shop = settings.load()
    shop.bank_accounts = [settings.BankAccount("BCA", "7310246891", "Ayu Lestari")]
    settings.save(shop)
    products.save_product(
        None, sku="PSM-MCA", name="Pashmina", variant="Mocca", price=45_000, stock=4
    )
    return manual_orders.create_manual_order(
        manual_orders.ManualOrderDraft(
            new_customer=manual_orders.CustomerDraft("Siti Rahma"),
            shipping_fee=10_000,
            items=[manual_orders.ItemDraft("Pashmina", "Mocca", "PSM-MCA", 3, 45_000)],
        )
    )


def open_dialog(qtbot: QtBot, order_id: int) -> PaymentDialog:
    dialog = PaymentDialog(order_id, author="Ayu")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_confirming_with_a_png_proof(order_id: int, qtbot: QtBot, tmp_path: Path) -> None:
    proof = tmp_path / "bukti.png"
    image = QImage(40, 80, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b82f6"))
    assert image.save(str(proof))
    dialog = open_dialog(qtbot, order_id)
    assert dialog.amount.value() == 145_000
    assert dialog.account.currentText() == "BCA 7310246891 a.n. Ayu Lestari"
    dialog.set_proof(proof)
    assert not dialog.thumbnail.pixmap().isNull()

    with qtbot.waitSignal(dialog.confirmed) as signal:
        qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)

    assert signal.args == [order_id]
    assert Order.get_by_id(order_id).status == "to_ship"
    payment = Payment.get(Payment.order == order_id)
    assert (payment.bank, payment.amount, payment.author) == ("BCA", 145_000, "Ayu")
    stored = attachments_dir() / payment.proof_path
    assert stored.read_bytes() == proof.read_bytes()
    assert Product.get(Product.sku == "PSM-MCA").stock == 1
    assert "PSM-MCA: 4 → 1" in dialog.result_text.text()


def test_a_text_file_named_png_is_refused(order_id: int, qtbot: QtBot, tmp_path: Path) -> None:
    fake = tmp_path / "bukti.png"
    fake.write_text("bukan gambar")
    dialog = open_dialog(qtbot, order_id)
    dialog.set_proof(fake)
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    assert dialog.error_label.isVisible()
    assert "harus berupa foto (JPG, PNG, WebP) atau PDF" in dialog.error_label.text()
    assert Order.get_by_id(order_id).status == "unpaid"
    assert Payment.select().count() == 0


def test_an_amount_below_the_total_warns_before_saving(order_id: int, qtbot: QtBot) -> None:
    dialog = open_dialog(qtbot, order_id)
    assert not dialog.warning_label.isVisible()
    dialog.amount.setValue(140_000)
    assert dialog.warning_label.isVisible()
    assert "kurang Rp5.000 dari total Rp145.000" in dialog.warning_label.text()


def test_a_shop_without_bank_accounts_is_told_where_to_add_them(
    order_id: int, qtbot: QtBot
) -> None:
    shop = settings.load()
    shop.bank_accounts = []
    settings.save(shop)
    dialog = open_dialog(qtbot, order_id)
    assert dialog.no_accounts.isVisible()
    assert "Pengaturan" in dialog.no_accounts.text()
    assert dialog.account.currentText() == "Lainnya / tunai"


def test_a_paid_order_cannot_be_confirmed_again(order_id: int, qtbot: QtBot) -> None:
    first = open_dialog(qtbot, order_id)
    first.confirm()
    again = open_dialog(qtbot, order_id)
    assert not again.confirm_button.isEnabled()
    assert "tidak menunggu pembayaran" in again.error_label.text()
