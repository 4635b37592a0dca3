"""The four detail panes over real rows: what an admin sees and what their clicks change."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from csdesk.models import (
    Complaint,
    ComplaintEvent,
    Conversation,
    Customer,
    Message,
    Order,
    OrderItem,
)
from csdesk.services import conversations, settings, templates
from csdesk.ui.panels.complaint_detail import ComplaintDetailView
from csdesk.ui.panels.conversation_detail import ConversationDetailView
from csdesk.ui.panels.customer_detail import CustomerDetailView
from csdesk.ui.panels.order_detail import OrderDetailView

T0 = dt.datetime(2026, 3, 5, 2, 15)


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    shop = settings.load()
    shop.bank_accounts = [settings.BankAccount("BCA", "1234567890", "Ayu Lestari")]
    settings.save(shop)
    siti = Customer.create(
        name="Siti Rahma", nickname="Kak Siti", order_count=1, lifetime_value=1_250_000
    )
    order = Order.create(
        marketplace="shopee",
        order_no="2603051K7QX9PT",
        customer=siti,
        status="shipped",
        ordered_at=T0,
        courier="J&T Express",
        tracking_no="JP4821937745",
        recipient="Siti Rahma",
        phone="0812-3456-7890",
        address="Jl. Melati No. 12",
        city="Bandung",
        buyer_note="<b>tolong</b> bungkus rapi",
        shipping_fee=15_000,
        total=1_250_000,
    )
    OrderItem.create(order=order, product="Gamis Rayon", variant="Navy, L", quantity=2,
                     unit_price=600_000, subtotal=1_200_000)  # fmt: skip
    OrderItem.create(order=order, product="Pashmina", quantity=1, unit_price=35_000,
                     subtotal=35_000)  # fmt: skip
    conv = Conversation.create(
        customer=siti, order=order, waiting_since=T0, last_message_at=T0, message_count=2
    )
    Message.create(conversation=conv, direction="in", author="Siti", sent_at=T0, body="Kak?")
    Message.create(
        conversation=conv, direction="in", author="Siti", sent_at=T0, body="<i>paket</i> mana?"
    )
    complaint = Complaint.create(
        code="KL-2026-0001", customer=siti, order=order, category="damaged",
        description="Jahitan lepas", due_at=T0 - dt.timedelta(days=1),
    )  # fmt: skip
    ComplaintEvent.create(complaint=complaint, kind="created", author="Ayu", detail="Dicatat")
    return {"customer": siti.id, "order": order.id, "conv": conv.id, "complaint": complaint.id}


def test_empty_state_until_an_order_is_chosen(shop: dict[str, int], qtbot: QtBot) -> None:
    view = OrderDetailView()
    qtbot.addWidget(view)
    view.show_id(None)
    assert view.stack.currentWidget() is view.empty
    assert view.empty.label.text() == "Pilih pesanan di daftar untuk melihat detailnya"
    view.show_id(999)
    assert view.stack.currentWidget() is view.empty
    assert "999" in view.empty.label.text()


def test_order_shows_number_items_total_and_plain_notes(shop: dict[str, int], qtbot: QtBot) -> None:
    view = OrderDetailView()
    qtbot.addWidget(view)
    opened: list[tuple[str, int]] = []
    view.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    view.show_id(shop["order"])
    assert view.stack.currentWidget() is view.scroll
    assert view.order_no.text() == "2603051K7QX9PT"
    assert view.status.text() == "Dikirim"
    assert view.items.rowCount() == 2
    assert view.items_card.title_label.text() == "Barang (3)"
    assert view.totals.value("total") == "Rp1.250.000"
    assert view.totals.value("shipping_fee") == "Rp15.000"
    note = view.findChild(QLabel, "field_buyer_note")
    assert note.text() == "<b>tolong</b> bungkus rapi"
    assert note.textFormat() == Qt.TextFormat.PlainText
    qtbot.mouseClick(view.customer_card.name_button, Qt.MouseButton.LeftButton)
    assert opened == [("customer", shop["customer"])]


def test_copy_buttons_put_tracking_and_status_message_on_the_clipboard(
    shop: dict[str, int], qtbot: QtBot
) -> None:
    view = OrderDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["order"])
    clipboard = QGuiApplication.clipboard()
    qtbot.mouseClick(view.shipping.copy_button("tracking_no"), Qt.MouseButton.LeftButton)
    assert clipboard.text() == "JP4821937745"
    qtbot.mouseClick(view.shipping.copy_button("phone"), Qt.MouseButton.LeftButton)
    assert clipboard.text() == "+6281234567890"
    qtbot.mouseClick(view.copy_status, Qt.MouseButton.LeftButton)
    assert clipboard.text().startswith(
        "Halo Kak Siti, pesanan 2603051K7QX9PT sudah dikirim via J&T Express dengan nomor "
        "resi JP4821937745."
    )


def test_customer_shows_stats_orders_and_opens_an_order(shop: dict[str, int], qtbot: QtBot) -> None:
    view = CustomerDetailView()
    qtbot.addWidget(view)
    opened: list[tuple[str, int]] = []
    view.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    view.show_id(shop["customer"])
    assert view.name.text() == "Siti Rahma"
    assert view.stats.value("lifetime_value") == "Rp1.250.000"
    assert view.orders.rowCount() == 1
    assert view.orders.item(0, 0).text() == "2603051K7QX9PT"
    assert view.complaints.rowCount() == 1
    view.orders.cellDoubleClicked.emit(0, 1)
    assert opened == [("order", shop["order"])]


def test_conversation_thread_and_close(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    changed: list[bool] = []
    view.changed.connect(lambda: changed.append(True))
    view.show_id(shop["conv"])
    assert [b.text for b in view.thread.bubbles] == ["Kak?", "<i>paket</i> mana?"]
    assert view.status.text() == "Terbuka"
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert Conversation.get_by_id(shop["conv"]).status == "closed"
    assert view.status.text() == "Selesai"
    assert view.close_button.text() == "Buka lagi"
    assert changed == [True]
    qtbot.mouseClick(view.close_button, Qt.MouseButton.LeftButton)
    assert Conversation.get_by_id(shop["conv"]).status == "open"


def test_conversation_stale_version_is_refused_visibly(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["conv"])
    # Another admin closes it at another desk meanwhile.
    conversations.set_status(shop["conv"], "closed", author="Budi", expected_version=1)
    view.snooze()
    assert Conversation.get_by_id(shop["conv"]).status == "closed"
    assert "baru saja diubah oleh admin lain" in view.error_banner.text()
    assert not view.error_banner.isHidden()
    assert view.status.text() == "Selesai"  # reloaded: shows the other admin's change


def test_shortcut_fills_template_and_reply_is_logged(shop: dict[str, int], qtbot: QtBot) -> None:
    templates.save_template(
        None, title="Resi", shortcut="/resi", body="Halo {panggilan|kak}, resi {resi} ya"
    )
    templates.save_template(None, title="Diskon", shortcut="/diskon", body="Kode {kode_promo}")
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["conv"])
    qtbot.keyClicks(view.reply.edit, "/resi")
    qtbot.keyClick(view.reply.edit, Qt.Key.Key_Space)
    assert view.reply.edit.toPlainText() == "Halo Kak Siti, resi JP4821937745 ya"
    qtbot.mouseClick(view.reply.send_button, Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == "Halo Kak Siti, resi JP4821937745 ya"
    conv = Conversation.get_by_id(shop["conv"])
    assert conv.waiting_since is None
    assert conv.message_count == 3
    assert view.reply.edit.toPlainText() == ""
    assert view.thread.bubbles[-1].text == "Halo Kak Siti, resi JP4821937745 ya"


def test_unfilled_placeholder_is_a_visible_warning(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show()
    view.show_id(shop["conv"])
    view.reply.insert_template("Total {total}, kurir {kurir}, ongkir {no_toko}")
    assert not view.reply.warning.isHidden()
    assert "{no_toko}" in view.reply.warning.text()


def test_note_is_added_to_the_thread(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["conv"])
    view.add_note("Sudah cek ke J&T")
    assert view.thread.bubbles[-1].text == "Sudah cek ke J&T"
    assert Message.get(Message.direction == "note").author == view.author


def test_complaint_status_and_resolution(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ComplaintDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["complaint"])
    assert view.code.text() == "KL-2026-0001"
    assert "lewat batas" in view.fields.value("due_at")
    assert view.description.text() == "Jahitan lepas"
    view.status_combo.setCurrentIndex(view.status_combo.findData("resolved"))
    view.status_note.setText("Barang diganti baru")
    qtbot.mouseClick(view.status_button, Qt.MouseButton.LeftButton)
    saved = Complaint.get_by_id(shop["complaint"])
    assert saved.status == "resolved" and saved.resolved_at is not None
    assert view.status.text() == "Selesai"
    assert "Status: Baru → Selesai\nBarang diganti baru" in view.history.lines
    view.resolution_combo.setCurrentIndex(view.resolution_combo.findData("refund"))
    view.refund.setValue(2_000_000)
    qtbot.mouseClick(view.resolution_button, Qt.MouseButton.LeftButton)
    assert "melebihi total pesanan" in view.error_banner.text()
    assert Complaint.get_by_id(shop["complaint"]).resolution == ""
    view.resolution_combo.setCurrentIndex(view.resolution_combo.findData("refund"))
    view.refund.setValue(100_000)
    qtbot.mouseClick(view.resolution_button, Qt.MouseButton.LeftButton)
    saved = Complaint.get_by_id(shop["complaint"])
    assert (saved.resolution, saved.refund_amount) == ("refund", 100_000)
    assert view.error_banner.isHidden()
