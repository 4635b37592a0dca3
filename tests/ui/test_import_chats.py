"""Importing WhatsApp chats from the window: the files chosen, the shop's name asked and
remembered, the result per chat, "Buka percakapan" opening the Inbox, a refused file, Batal,
and a chat dropped on the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThreadPool, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from csdesk.models import Conversation, Customer, Message
from csdesk.services import settings as shop_settings
from csdesk.ui.dialogs.import_chats import ChatImport, ChatImportResultDialog, SellerNameDialog
from csdesk.ui.dialogs.import_orders import ImportDialog
from csdesk.ui.main_window import MainWindow

SAMPLES = Path(__file__).parents[1] / "data" / "samples"
ANDROID_ID = SAMPLES / "wa_android_id.txt"
SHOPEE = SAMPLES / "shopee_pesanan.xlsx"
ANDROID_ID_MESSAGES = 18
TIMEOUT = 20_000
# Not Ctrl+Shift+I: the Inbox's conversation pane writes an internal note with it, and a
# window shortcut of the same keys would make both ambiguous there.
CHAT_IMPORT_KEYS = "Ctrl+Shift+O"


@pytest.fixture
def window(qtbot: QtBot, db: object):
    shop = shop_settings.load()
    shop.onboarded = True
    shop_settings.save(shop)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def choose_files(monkeypatch: pytest.MonkeyPatch, *paths: Path) -> list[tuple[str, str]]:
    """Answer the file dialog with `paths`; returns what it was asked (title, filter)."""
    asked: list[tuple[str, str]] = []

    def answer(_parent, title, _folder, filters):
        asked.append((title, filters))
        return [str(p) for p in paths], ""

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", answer)
    return asked


def current_import(window: MainWindow) -> ChatImport:
    flow = window.imports.chat_import
    assert isinstance(flow, ChatImport)
    return flow


def name_dialog(qtbot: QtBot, flow: ChatImport) -> SellerNameDialog:
    qtbot.waitUntil(
        lambda: flow.name_dialog is not None and flow.name_dialog.isVisible(), timeout=TIMEOUT
    )
    assert flow.name_dialog is not None
    return flow.name_dialog


def result_dialog(qtbot: QtBot, flow: ChatImport) -> ChatImportResultDialog:
    qtbot.waitUntil(
        lambda: flow.result_dialog is not None and flow.result_dialog.isVisible(),
        timeout=TIMEOUT,
    )
    assert flow.result_dialog is not None
    return flow.result_dialog


def message_box(qtbot: QtBot, flow: ChatImport) -> QMessageBox:
    qtbot.waitUntil(lambda: flow.message is not None and flow.message.isVisible(), timeout=TIMEOUT)
    assert flow.message is not None
    return flow.message


def test_the_shop_name_is_asked_remembered_and_the_chat_opens_in_the_inbox(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = choose_files(monkeypatch, ANDROID_ID)
    assert window.chat_import_action.text() == "Impor chat WhatsApp…"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(window, QKeySequence(CHAT_IMPORT_KEYS))
    assert asked == [("Impor chat WhatsApp", "Chat WhatsApp (*.txt *.zip)")]
    flow = current_import(window)

    naming = name_dialog(qtbot, flow)
    assert Message.select().count() == 0  # nothing is written before the shop is known
    assert naming.intro.text().startswith("wa_android_id.txt: pilih nama yang dipakai toko")
    assert naming.given_note.isHidden()
    assert [b.text() for b in naming.sender_buttons] == ["Budi Santoso", "Hijab Ayu"]
    assert naming.remember.isChecked()
    assert not naming.import_button.isEnabled()  # no sender is guessed
    naming.sender_buttons[1].click()
    assert naming.import_button.isEnabled()
    qtbot.mouseClick(naming.import_button, Qt.MouseButton.LeftButton)

    result = result_dialog(qtbot, flow)
    assert result.lines() == ["wa_android_id.txt — Budi Santoso: 18 pesan baru, 0 sudah ada"]
    assert result.heading.text() == "Impor chat selesai"
    assert result.summary.text() == "18 pesan baru, 0 sudah ada · 1 pelanggan baru"
    assert result.warning_title.text() == "Tidak ada peringatan."
    assert shop_settings.load().whatsapp_names == ["Hijab Ayu"]

    conv = Conversation.get()
    assert conv.customer.name == "Budi Santoso"
    messages = Message.select().where(Message.conversation == conv.id)
    assert messages.count() == ANDROID_ID_MESSAGES
    assert {m.author for m in messages if m.direction == "out"} == {"Hijab Ayu"}
    assert {m.author for m in messages if m.direction == "in"} == {"Budi Santoso"}

    window.show_panel("orders")
    qtbot.mouseClick(result.open_button, Qt.MouseButton.LeftButton)
    assert not result.isVisible()
    assert window.current_key() == "inbox"
    inbox = window.panels["inbox"]
    assert inbox.table.current_id() == conv.id
    assert inbox.detail_view.current_id == conv.id
    assert inbox.detail_view.thread.bubbles[-1].text == "Mohon maaf atas ketidaknyamanannya kak"


def test_the_chat_import_keys_work_on_the_inbox_too(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = shop_settings.load()
    shop.whatsapp_names = ["Hijab Ayu"]
    shop_settings.save(shop)
    asked = choose_files(monkeypatch)  # the seller closes the file dialog
    window.imports.open_chat_import([str(ANDROID_ID)])
    result_dialog(qtbot, current_import(window)).open_selected()
    inbox = window.panels["inbox"]
    assert inbox.detail_view.isVisible()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(window, QKeySequence(CHAT_IMPORT_KEYS))
    assert len(asked) == 1
    assert Message.select().count() == ANDROID_ID_MESSAGES


def test_the_remembered_name_is_not_asked_again_and_nothing_is_doubled(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shop = shop_settings.load()
    shop.whatsapp_names = ["hijab  ayu"]
    shop_settings.save(shop)
    choose_files(monkeypatch, ANDROID_ID)
    for new, old in ((ANDROID_ID_MESSAGES, 0), (0, ANDROID_ID_MESSAGES)):
        window.imports.choose_chats()
        flow = current_import(window)
        result = result_dialog(qtbot, flow)
        assert flow.name_dialog is None
        assert result.lines() == [
            f"wa_android_id.txt — Budi Santoso: {new} pesan baru, {old} sudah ada"
        ]
        qtbot.mouseClick(result.close_button, Qt.MouseButton.LeftButton)
    assert Message.select().count() == ANDROID_ID_MESSAGES
    assert shop_settings.load().whatsapp_names == ["hijab  ayu"]


def test_a_name_not_remembered_is_used_once(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_files(monkeypatch, ANDROID_ID)
    window.imports.choose_chats()
    flow = current_import(window)
    naming = name_dialog(qtbot, flow)
    naming.choose("Hijab Ayu")
    naming.remember.setChecked(False)
    naming.accept()
    result = result_dialog(qtbot, flow)
    assert result.lines()[0].endswith("18 pesan baru, 0 sudah ada")
    assert shop_settings.load().whatsapp_names == []
    assert Message.select().where(Message.direction == "out").count() > 0


def test_a_typed_name_no_sender_used_is_asked_again(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    choose_files(monkeypatch, ANDROID_ID)
    window.imports.choose_chats()
    flow = current_import(window)
    first = name_dialog(qtbot, flow)
    first.other_name.setFocus()
    QTest.keyClicks(first.other_name, "Toko Ayu")
    assert first.other_button.isChecked()
    assert first.name() == "Toko Ayu"
    QTest.keyClick(first.other_name, Qt.Key.Key_Return)

    qtbot.waitUntil(lambda: flow.name_dialog is not first, timeout=TIMEOUT)
    again = name_dialog(qtbot, flow)
    assert again.given_note.text() == "'Toko Ayu' tidak ada di antara pengirim chat ini."
    assert Message.select().count() == 0
    assert shop_settings.load().whatsapp_names == []  # a name no sender used is not kept
    again.reject()
    assert Message.select().count() == 0


def test_a_file_that_is_not_a_chat_is_refused_and_nothing_is_written(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    note = tmp_path / "catatan.txt"
    note.write_text("Belanja besok:\nkain voal 3 m\n", encoding="utf-8")
    choose_files(monkeypatch, note, ANDROID_ID)
    window.imports.choose_chats()
    flow = current_import(window)
    box = message_box(qtbot, flow)
    assert box.text().startswith("catatan.txt (baris 1): bukan ekspor chat WhatsApp")
    assert "Tidak ada chat yang diimpor" in box.text()
    assert flow.name_dialog is None  # the refusal comes before any question
    assert Message.select().count() == 0
    assert Conversation.select().count() == 0
    assert Customer.select().count() == 0


def test_a_refused_file_after_the_name_question_still_writes_nothing(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    note = tmp_path / "catatan.txt"
    note.write_text("Belanja besok:\nkain voal 3 m\n", encoding="utf-8")
    choose_files(monkeypatch, ANDROID_ID, note)
    window.imports.choose_chats()
    flow = current_import(window)
    naming = name_dialog(qtbot, flow)
    naming.choose("Hijab Ayu")
    qtbot.mouseClick(naming.import_button, Qt.MouseButton.LeftButton)
    box = message_box(qtbot, flow)
    assert box.text().startswith("catatan.txt (baris 1): ")
    assert Message.select().count() == 0
    assert Conversation.select().count() == 0


def big_chat(folder: Path, messages: int) -> Path:
    lines = [
        f"{1 + i // 1440 % 28:02d}/03/25 {i // 60 % 24:02d}.{i % 60:02d} - "
        + ("Budi Santoso: Kak, ready?" if i % 2 else "Hijab Ayu: Ready kak")
        for i in range(messages)
    ]
    path = folder / "WhatsApp Chat with Budi Santoso.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_batal_during_the_import_leaves_no_messages(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    chat = big_chat(tmp_path, 30_000)
    window.imports.open_chat_import([str(chat)])
    flow = current_import(window)
    _job, progress = flow.job
    progress.canceled.emit()  # the progress dialog's Batal, while the file is still read
    box = message_box(qtbot, flow)
    assert box.text() == "Impor chat dibatalkan; tidak ada yang diimpor."
    assert Message.select().count() == 0
    assert Conversation.select().count() == 0
    assert window.isEnabled()


def drop(window: MainWindow, *paths: Path) -> bool:
    """Drag files over the window and let go; False when the window refused the drag."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    button, no_key = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime, button, no_key)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    event = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, button, no_key)
    QApplication.sendEvent(window, event)
    return event.isAccepted()


def test_a_chat_dropped_on_the_window_is_imported(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    picture = tmp_path / "foto.jpg"
    picture.write_bytes(b"\xff\xd8\xff")
    assert not drop(window, picture)
    assert window.imports.chat_import is None

    shop = shop_settings.load()
    shop.whatsapp_names = ["Hijab Ayu"]
    shop_settings.save(shop)
    inbox = window.show_panel("inbox")
    assert inbox.row_count() == 0
    assert drop(window, ANDROID_ID)
    flow = current_import(window)
    assert flow.paths == [str(ANDROID_ID)]
    assert window.imports.import_dialog is None  # no order import for a chat
    result = result_dialog(qtbot, flow)
    assert result.lines()[0].startswith("wa_android_id.txt — Budi Santoso: 18 pesan baru")
    assert Message.select().count() == ANDROID_ID_MESSAGES
    assert inbox.row_count() == 1  # the visible panel re-read after the import


def test_orders_and_chats_dropped_together_import_the_orders_first(
    qtbot: QtBot, window: MainWindow
) -> None:
    shop = shop_settings.load()
    shop.whatsapp_names = ["Hijab Ayu"]
    shop_settings.save(shop)
    assert drop(window, ANDROID_ID, SHOPEE)
    orders = window.imports.import_dialog
    assert isinstance(orders, ImportDialog)
    assert orders.paths == [str(SHOPEE)]
    assert window.imports.chat_import is None  # the chats wait for the order dialog
    qtbot.waitUntil(orders.import_button.isEnabled, timeout=TIMEOUT)
    qtbot.mouseClick(orders.close_button, Qt.MouseButton.LeftButton)
    flow = current_import(window)
    assert flow.paths == [str(ANDROID_ID)]
    assert result_dialog(qtbot, flow).lines()[0].endswith("18 pesan baru, 0 sudah ada")
    assert Message.select().count() == ANDROID_ID_MESSAGES
