"""Opening a complaint offscreen: from a chat (Ctrl+Shift+K), from an order's "Buat keluhan…",
and by hand from the Keluhan panel (Ctrl+N); what the dialog shows and refuses."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from csdesk.models import Complaint, ComplaintEvent, Conversation, Customer, Order, utcnow
from csdesk.services import complaints, fmt
from csdesk.ui.dialogs.new_complaint import NewComplaintDialog
from csdesk.ui.panels.complaints import ComplaintsPanel
from csdesk.ui.panels.conversation_detail import ConversationDetailView
from csdesk.ui.panels.order_detail import OrderDetailView


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    now = utcnow()
    siti = Customer.create(name="Siti Rahma", nickname="Kak Siti")
    old = Order.create(
        order_no="261101AAAA", marketplace="tokopedia", customer=siti, status="completed",
        ordered_at=now - dt.timedelta(days=20),
    )  # fmt: skip
    recent = Order.create(
        order_no="261121KVQQURA7", marketplace="shopee", customer=siti, status="completed",
        ordered_at=now - dt.timedelta(days=4),
    )  # fmt: skip
    chat = Conversation.create(customer=siti, channel="shopee", order=old)
    Complaint.create(code=f"KL-{fmt.to_local(now).year}-0012", customer=siti, category="late")
    return {"siti": siti.id, "old": old.id, "recent": recent.id, "chat": chat.id}


def combo_texts(dialog: NewComplaintDialog) -> list[str]:
    return [dialog.order.itemText(i) for i in range(dialog.order.count())]


def due_text(days: int) -> str:
    due = fmt.to_local(utcnow() + dt.timedelta(days=days))
    return f"Batas penyelesaian: {fmt.DAYS[due.weekday()]}, {due.day:02d} " + (
        f"{fmt.MONTHS[due.month - 1]} {due.year}"
    )


def test_from_a_chat_the_dialog_is_prefilled_and_ctrl_s_saves(
    shop: dict[str, int], qtbot: QtBot
) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    view.show_id(shop["chat"])
    qtbot.waitUntil(view.isActiveWindow)
    assert "Buat keluhan…" in [a.text() for a in view.chat_menu.actions()]
    QTest.keySequence(view, QKeySequence("Ctrl+Shift+K"))
    dialog = view.complaint_dialog
    assert isinstance(dialog, NewComplaintDialog)
    year = fmt.to_local(utcnow()).year
    assert dialog.windowTitle() == f"Keluhan baru KL-{year}-0013"
    assert dialog.customer.search.text() == "Siti Rahma"
    assert dialog.customer.search.isReadOnly()
    texts = combo_texts(dialog)
    assert texts[0].startswith("261121KVQQURA7 · Shopee · Selesai · ")  # newest first
    assert texts[1].startswith("261101AAAA · Tokopedia · Selesai")
    assert texts[-1] == "Tanpa pesanan"
    assert dialog.order.currentText().startswith("261101AAAA")  # the chat's order
    assert dialog.channel.currentText() == "Shopee"
    assert dialog.due.text() == due_text(2)  # Tokopedia's 2-day window
    assert [dialog.category.itemText(i) for i in range(dialog.category.count())][:3] == [
        "Stok habis",
        "Beda dengan foto",
        "Kualitas tidak sesuai",
    ]
    assert dialog.category.count() == 10

    dialog.category.setCurrentIndex(dialog.category.findData("damaged"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.description.setFocus()
    qtbot.keyClicks(dialog.description, "Kemeja sobek, ada video unboxing")
    opened: list[tuple[str, int]] = []
    view.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    with qtbot.waitSignal(dialog.created) as signal:
        QTest.keySequence(dialog, QKeySequence.StandardKey.Save)

    saved = Complaint.get_by_id(signal.args[0])
    assert saved.code == f"KL-{year}-0013"
    assert (saved.customer_id, saved.order_id, saved.conversation_id) == (
        shop["siti"],
        shop["old"],
        shop["chat"],
    )
    assert (saved.category, saved.channel, saved.status) == ("damaged", "shopee", "new")
    assert saved.description == "Kemeja sobek, ada video unboxing"
    assert opened == [("complaint", saved.id)]
    assert not dialog.isVisible()
    assert view.related_toggle.text() == "Pesanan (2) · Komplain (2)"


def test_an_empty_description_is_explained_in_the_dialog(
    shop: dict[str, int], qtbot: QtBot
) -> None:
    dialog = NewComplaintDialog(customer_id=shop["siti"], author="Ayu")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.isVisible()
    assert dialog.error.text() == "Tulis dulu keluhan pelanggan"
    assert dialog.isVisible()
    assert Complaint.select().count() == 1  # only the fixture's


def test_by_hand_from_the_keluhan_panel(shop: dict[str, int], qtbot: QtBot) -> None:
    panel = ComplaintsPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    qtbot.waitUntil(panel.isActiveWindow)
    assert panel.new_button.text() == "Keluhan baru…"
    panel.table.setFocus()
    QTest.keySequence(panel.table, QKeySequence.StandardKey.New)
    dialog = panel.complaint_dialog
    assert isinstance(dialog, NewComplaintDialog)
    assert combo_texts(dialog) == ["Tanpa pesanan"]
    assert dialog.due.text() == due_text(7)  # the shop's own window
    assert not dialog.customer.new_button.isVisible()

    qtbot.keyClicks(dialog.description, "Telepon: minta nota untuk kantor")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Pilih pelanggan yang mengeluh"

    dialog.customer.set_customer(shop["siti"])
    assert combo_texts(dialog)[0].startswith("261121KVQQURA7")
    dialog.order.setCurrentIndex(dialog.order.count() - 1)  # Tanpa pesanan
    dialog.priority.setCurrentIndex(dialog.priority.findData("urgent"))
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.description.setFocus()
    with qtbot.waitSignal(dialog.created) as signal:
        QTest.keySequence(dialog.description, QKeySequence("Ctrl+Return"))
    saved = Complaint.get_by_id(signal.args[0])
    assert (saved.order_id, saved.priority) == (None, "urgent")
    assert [
        e.kind for e in ComplaintEvent.select().where(ComplaintEvent.complaint == saved.id)
    ] == ["created"]
    qtbot.waitUntil(lambda: panel.detail.current_id == saved.id)  # type: ignore[attr-defined]


def test_from_an_order_without_complaints(shop: dict[str, int], qtbot: QtBot) -> None:
    view = OrderDetailView()
    qtbot.addWidget(view)
    view.show()
    view.show_id(shop["recent"])
    assert view.new_complaint_button.isVisible()
    assert not view.complaints.isVisible()
    qtbot.mouseClick(view.new_complaint_button, Qt.MouseButton.LeftButton)
    dialog = view.complaint_dialog
    assert isinstance(dialog, NewComplaintDialog)
    assert dialog.order.currentText().startswith("261121KVQQURA7")
    assert dialog.due.text() == due_text(3)  # Shopee's 3-day window
    dialog.category.setCurrentIndex(dialog.category.findData("wrong_item"))
    qtbot.keyClicks(dialog.description, "Pesan hitam, datang biru")
    opened: list[tuple[str, int]] = []
    view.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = Complaint.get(Complaint.order == shop["recent"])
    assert saved.category == "wrong_item"
    assert opened == [("complaint", saved.id)]
    assert view.complaints.isVisible()
    assert view.complaints.rowCount() == 1


def test_an_order_outside_the_newest_still_shows_when_given(
    shop: dict[str, int], qtbot: QtBot
) -> None:
    stranger = Order.create(
        order_no="NOBODY1", marketplace="lazada", status="completed", ordered_at=utcnow()
    )
    lines = complaints.customer_orders(shop["siti"], include=stranger.id)
    assert [line.order_no for line in lines] == ["NOBODY1", "261121KVQQURA7", "261101AAAA"]
