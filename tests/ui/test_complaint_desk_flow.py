"""Done when (issue 8): from a complaint chat to a resolved complaint with a replacement order,
seen in the month's report. Everything through the window, with real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool

from csdesk.models import (
    Complaint,
    Conversation,
    Message,
    Order,
    Product,
    utcnow,
)
from csdesk.services.complaints_report import month_report
from csdesk.ui.dialogs.complaint_actions import ReplacementDialog
from csdesk.ui.dialogs.new_complaint import NewComplaintDialog
from csdesk.ui.main_window import MainWindow
from csdesk.ui.panels.complaint_detail import ComplaintDetailView
from csdesk.ui.widgets import confirm

JPEG = b"\xff\xd8\xff\xe0" + b"\0" * 500
MP4 = b"\0\0\0\x18ftypisom" + b"\0" * 800


@pytest.fixture
def shop(sari_order: dict[str, int]) -> dict[str, int]:
    """Sari's order (conftest) and the chat in which she complains about it."""
    chat = Conversation.create(customer=sari_order["customer"], channel="whatsapp",
                               order=sari_order["order"], last_message_at=utcnow(),
                               status="open", message_count=1)  # fmt: skip
    Message.create(conversation=chat, direction="in", sent_at=utcnow(),
                   body="Kak, gamisnya sobek di jahitan lengan 😢")  # fmt: skip
    return {**sari_order, "chat": chat.id}


@pytest.fixture
def window(qtbot, db, monkeypatch):
    monkeypatch.setattr(confirm, "ask", lambda *_args: True)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def test_from_a_complaint_chat_to_a_replacement_and_the_report(
    qtbot, window: MainWindow, shop: dict[str, int], tmp_path: Path
) -> None:
    # The chat: Buat keluhan (Ctrl+Shift+K), category Rusak, the gamis.
    window.open_record("conversation", shop["chat"])
    inbox = window.panel("inbox")
    chat_view = inbox.detail_view
    qtbot.waitUntil(lambda: chat_view.current_id == shop["chat"])
    chat_view.new_complaint()
    dialog = chat_view.complaint_dialog
    assert isinstance(dialog, NewComplaintDialog)
    dialog.category.setCurrentIndex(dialog.category.findData("damaged"))
    box, _spin = dialog.item_checks[shop["gamis"]]
    box.setChecked(True)
    dialog.description.setPlainText("Jahitan lengan sobek saat dibuka")
    dialog.save()
    complaint = Complaint.get()
    assert (complaint.category, complaint.conversation_id) == ("damaged", shop["chat"])

    page = window.panel("complaints").detail
    assert isinstance(page, ComplaintDetailView)
    qtbot.waitUntil(lambda: page.current_id == complaint.id)
    assert page.items.text() == "Barang: 1× Gamis Aisyah (Navy, L)"

    # Evidence: a photo and the unboxing video; the checklist fills, the rest by hand.
    photo = tmp_path / "IMG_2041.jpg"
    photo.write_bytes(JPEG)
    video = tmp_path / "unboxing.mp4"
    video.write_bytes(MP4)
    assert page.evidence.add_files([photo, video, tmp_path / "hilang.jpg"]) == 2
    assert "hilang.jpg" in page.evidence.error.text()
    assert page.evidence.boxes["unboxing_video"].isChecked()
    assert page.evidence.boxes["parcel_photo"].isChecked()
    page.evidence.boxes["item_photo"].setChecked(True)
    assert all(b.isChecked() for b in page.evidence.boxes.values())

    # Menunggu kurir, then ganti barang with the shop paying Rp12.000 shipping.
    page.status_combo.setCurrentIndex(page.status_combo.findData("waiting_courier"))
    page.change_status()
    assert Complaint.get_by_id(complaint.id).status == "waiting_courier"
    replacement = page.make_replacement()
    assert isinstance(replacement, ReplacementDialog)
    replacement.shipping.setValue(12_000)
    replacement.create()
    made = Complaint.get_by_id(complaint.id)
    order = Order.get_by_id(made.replacement_order_id)
    assert (order.total, order.status, [i.product for i in order.items]) == (
        0, "to_ship", ["Gamis Aisyah"],
    )  # fmt: skip
    assert (made.resolution, made.cost) == ("replacement", 201_000)
    assert page.replacement_link.text().startswith(f"Pesanan pengganti {order.order_no}")
    assert Product.get(Product.sku == "GA-NV-L").stock == 4

    # It is in Pesanan, in Perlu Dikirim.
    window.open_record("order", order.id)
    orders = window.panel("orders")
    qtbot.waitUntil(lambda: orders.table.current_id() == order.id)

    # The reply goes to the chat's reply box, with the replacement's number.
    window.open_record("complaint", complaint.id)
    qtbot.waitUntil(lambda: page.current_id == complaint.id)
    assert page.reply.title.text().startswith("Template /ganti")
    page.reply.to_chat()
    assert window.stack.currentWidget() is inbox
    text = chat_view.reply.edit.toPlainText()
    assert "Kak Sari" in text and order.order_no in text

    # Selesai; the month's report counts it with its cost.
    window.open_record("complaint", complaint.id)
    qtbot.waitUntil(lambda: page.current_id == complaint.id)
    page.status_combo.setCurrentIndex(page.status_combo.findData("resolved"))
    page.change_status()
    assert Complaint.get_by_id(complaint.id).status == "resolved"
    report = month_report()
    assert [(r.key, r.count) for r in report.by_category] == [("damaged", 1)]
    assert (report.replacements, report.replacement_cost, report.settled_in_month) == (
        1, 201_000, 1,
    )  # fmt: skip
