"""'Catat pesan masuk' offscreen: paste, Ctrl+Enter, and the conversation opens in the Inbox."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from csdesk.models import Conversation, Customer, CustomerIdentity, Message
from csdesk.ui.dialogs.quick_capture import QuickCaptureDialog
from csdesk.ui.panels.inbox import InboxPanel

SNIPPET = (
    "05/03/25 09.15 - Siti Rahma: Kak, gamis navy L ready?\n05/03/25 09.16 - Siti Rahma: Mau 2 ya"
)


@pytest.fixture
def siti(db: object) -> int:
    customer = Customer.create(name="Siti Rahma")
    CustomerIdentity.create(
        customer=customer, kind="whatsapp", value="Siti Rahma", normalized="siti rahma"
    )
    return int(customer.id)


def test_paste_and_ctrl_enter_captures_for_the_customer_the_snippet_names(
    siti: int, qtbot: QtBot
) -> None:
    dialog = QuickCaptureDialog()
    qtbot.addWidget(dialog)
    got: list[int] = []
    dialog.captured.connect(got.append)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.text.hasFocus()  # ready for Ctrl+V
    dialog.text.setPlainText(SNIPPET)
    dialog.update_preview()
    assert "2 pesan" in dialog.preview.text()
    assert dialog.picker.customer_id() == siti
    QTest.keySequence(dialog, QKeySequence("Ctrl+Return"))
    assert len(got) == 1
    conv = Conversation.get_by_id(got[0])
    assert (conv.customer_id, conv.channel, conv.message_count) == (siti, "whatsapp", 2)
    assert not dialog.isVisible()


def test_typed_message_for_a_new_customer_and_the_channel_is_remembered(
    db: object, qtbot: QtBot
) -> None:
    dialog = QuickCaptureDialog()
    qtbot.addWidget(dialog)
    dialog.channel.setCurrentIndex(dialog.channel.findData("tiktok"))
    dialog.picker.set_new_mode(True)
    dialog.picker.new_name.setText("Dewi Lestari")
    dialog.text.setPlainText("Kak, bisa COD ke Bekasi?")
    dialog.save()
    conv = Conversation.get(Conversation.channel == "tiktok")
    assert conv.customer.name == "Dewi Lestari"
    assert Message.get(Message.conversation == conv.id).body == "Kak, bisa COD ke Bekasi?"
    again = QuickCaptureDialog()
    qtbot.addWidget(again)
    assert again.channel.currentData() == "tiktok"
    assert again.channel.currentText() == "TikTok Shop"


def test_refusal_is_shown_in_the_dialog_and_nothing_is_written(db: object, qtbot: QtBot) -> None:
    dialog = QuickCaptureDialog()
    qtbot.addWidget(dialog)
    dialog.text.setPlainText("Halo kak")
    dialog.save()
    assert not dialog.error.isHidden()
    assert "Pilih pelanggan" in dialog.error.text()
    assert Conversation.select().count() == 0


def test_channels_offered(db: object, qtbot: QtBot) -> None:
    dialog = QuickCaptureDialog()
    qtbot.addWidget(dialog)
    offered = [dialog.channel.itemText(i) for i in range(dialog.channel.count())]
    assert offered == [
        "WhatsApp",
        "Instagram",
        "Shopee",
        "Tokopedia",
        "TikTok Shop",
        "Telepon",
        "Email",
    ]


def test_captured_conversation_opens_in_the_inbox(siti: int, qtbot: QtBot) -> None:
    panel = InboxPanel()
    qtbot.addWidget(panel)
    panel.ensure_loaded()
    assert panel.row_count() == 0
    asked: list[tuple[str, int]] = []
    panel.open_requested.connect(lambda kind, rid: asked.append((kind, rid)))
    dialog = panel.open_quick_capture()
    dialog.picker.set_customer(siti)
    dialog.text.setPlainText("Rekening BCA berapa kak?")
    dialog.save()
    conv_id = Conversation.get().id
    assert panel.row_count() == 1
    assert panel.table.current_id() == conv_id
    assert panel.detail_view.current_id == conv_id
    assert panel.detail_view.thread.bubbles[-1].text == "Rekening BCA berapa kak?"
    assert asked == [("conversation", conv_id)]
