"""The issue's "done when", as a new seller goes through it in the Pesanan panel:

1. import a Shopee export, choose the Perlu Dikirim tab, select every order, Cetak label →
   Simpan PDF: the PDF holds one real label per order (order no, recipient, resi), and the
   orders are marked printed;
2. a WhatsApp sale: Pesanan manual… with a new customer and a product, saved unpaid; the
   payment card confirms the transfer; the order moves to Perlu Dikirim with its stock taken
   and is ready for its label.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from csdesk.models import Order, Payment, Product
from csdesk.services import products, settings
from csdesk.services.importing.run import import_files
from csdesk.ui.panels.orders import OrdersPanel

SAMPLES = Path(__file__).parent.parent / "data" / "samples"


def open_panel(qtbot: QtBot) -> OrdersPanel:
    panel = OrdersPanel()
    qtbot.addWidget(panel)
    panel.resize(1280, 760)
    panel.show()
    panel.ensure_loaded()
    return panel


def choose_tab(qtbot: QtBot, panel: OrdersPanel, caption: str) -> None:
    tabs = panel.filter_bar.tabs
    assert tabs is not None
    qtbot.waitUntil(lambda: any(tabs.tabText(i).startswith(caption) for i in range(tabs.count())))
    index = next(i for i in range(tabs.count()) if tabs.tabText(i).startswith(caption))
    tabs.setCurrentIndex(index)
    panel.filter_bar.flush()
    qtbot.waitUntil(panel.model.is_complete)


def save_pdf_to(monkeypatch, target: Path) -> None:
    def choose(_parent: QWidget, _title: str, _default: str, _filter: str) -> tuple[str, str]:
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def test_import_filter_to_ship_and_print_the_days_labels(
    db: object, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:
    import_files([SAMPLES / "shopee_pesanan.xlsx"])
    waiting = list(Order.select().where(Order.status == "to_ship"))
    assert waiting, "the sample has orders waiting to ship"
    panel = open_panel(qtbot)

    choose_tab(qtbot, panel, "Perlu Dikirim")
    assert panel.row_count() == len(waiting)
    panel.table.setFocus()
    panel.table.selectAll()
    assert sorted(panel.selected_ids()) == sorted(o.id for o in waiting)
    action = next(a for a in panel.batch.build_menu().actions() if a.text() == "Cetak label…")
    action.trigger()
    dialog = panel.printing.dialog
    assert dialog is not None and dialog.isVisible()

    target = tmp_path / "label-hari-ini.pdf"
    save_pdf_to(monkeypatch, target)
    with qtbot.waitSignal(dialog.printed, timeout=60_000) as signal:
        dialog.save_pdf()
    assert signal.args == [len(waiting)]
    text = pdf_text(target)
    assert text.count("\f") == len(waiting)  # one A6 page per parcel
    for order in waiting:
        assert order.order_no in text
        assert order.recipient.split()[0] in text
        if order.tracking_no:
            assert order.tracking_no in text
    printed = Order.select().where(Order.printed_at.is_null(False))
    assert {o.id for o in printed} == {o.id for o in waiting}
    dialog.close()
    QThreadPool.globalInstance().waitForDone(30_000)


def test_a_whatsapp_sale_from_order_to_paid_and_ready_to_ship(db: object, qtbot: QtBot) -> None:
    shop = settings.load()
    shop.bank_accounts = [settings.BankAccount("BCA", "7310246891", "Ayu Lestari")]
    settings.save(shop)
    products.save_product(
        None, sku="GKA-NVY-L", name="Gamis Aisyah", variant="Navy, L", price=185_000, stock=5
    )
    panel = open_panel(qtbot)

    form = panel.new_manual_order()
    qtbot.mouseClick(form.customer.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(form.customer.new_name, "Siti Rahma")
    qtbot.keyClicks(form.customer.new_phone, "0812-3456-7890")
    if not form.items.rows:
        form.add_item()
    field = form.items.rows[0].product
    field.setFocus()
    qtbot.keyClicks(field, "aisyah")
    qtbot.waitUntil(lambda: field.suggestions.rowCount() > 0)
    field.choose(0)
    form.items.rows[0].quantity.setValue(2)
    qtbot.keyClicks(form.recipient, "Siti Rahma")
    form.address.setPlainText("Jl. Melati No. 5, Bandung")
    form.courier.setCurrentText("JNE")
    form.shipping_fee.setValue(15_000)
    with qtbot.waitSignal(form.saved, timeout=10_000) as saved:
        form.save()
    order_id = saved.args[0]
    order = Order.get_by_id(order_id)
    assert (order.marketplace, order.status, order.total) == ("manual", "unpaid", 385_000)
    qtbot.waitUntil(lambda: panel.detail.current_id == order_id)  # listed and selected

    card = panel.detail.payment_card
    assert card.isVisible() and card.confirm_button.isVisible()
    card.confirm_payment()
    payment_dialog = card.dialog
    assert payment_dialog is not None
    assert payment_dialog.amount.value() == 385_000
    with qtbot.waitSignal(payment_dialog.confirmed, timeout=10_000):
        payment_dialog.confirm_button.click()

    order = Order.get_by_id(order_id)
    assert order.status == "to_ship" and order.ship_by is not None
    assert Payment.get(Payment.order == order_id).amount == 385_000
    assert Product.get(Product.sku == "GKA-NVY-L").stock == 3
    payment_dialog.close()
    choose_tab(qtbot, panel, "Perlu Dikirim")
    assert order.order_no in [
        panel.model.data(panel.model.index(row, 0)) for row in range(panel.row_count())
    ]
