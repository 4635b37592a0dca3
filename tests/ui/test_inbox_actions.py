"""Working the inbox offscreen: the list it opens on, late marks, keys, the lazy thread, and
linking an order or writing a manual one from the chat."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from csdesk.models import Conversation, Customer, Message, Order, User, database_proxy, utcnow
from csdesk.services.details_conversations import OLDER_PAGE, PAGE
from csdesk.ui.dialogs.link_order import LinkOrderDialog
from csdesk.ui.dialogs.manual_order import ManualOrderDialog
from csdesk.ui.panels.conversation_detail import ConversationDetailView
from csdesk.ui.panels.inbox import InboxPanel
from csdesk.ui.widgets.delegates import DeadlineDelegate
from csdesk.ui.widgets.list_panel import DETAIL_MIN_WIDTH


@pytest.fixture
def shop(db: object) -> dict[str, int]:
    now = utcnow()
    siti = Customer.create(name="Siti Rahma", nickname="Kak Siti")
    budi = Customer.create(name="Budi Santoso")
    ayu = User.create(name="Ayu", role="owner")
    order = Order.create(
        order_no="2603051K7QX9PT", marketplace="shopee", customer=siti, status="shipped",
        ordered_at=now - dt.timedelta(days=2), courier="J&T Express", tracking_no="JP4821937745",
    )  # fmt: skip
    other = Order.create(
        order_no="INV/2026/0042", marketplace="manual", customer=budi, status="unpaid",
        ordered_at=now - dt.timedelta(days=1),
    )  # fmt: skip
    late = Conversation.create(
        customer=siti, channel="whatsapp", waiting_since=now - dt.timedelta(hours=2),
        first_response_due=now - dt.timedelta(hours=1), last_message_at=now, message_count=1,
        last_message_preview="Kak, paket saya kapan sampai?",
    )  # fmt: skip
    Message.create(conversation=late, direction="in", author="Siti", sent_at=now,
                   body="Kak, paket saya kapan sampai?")  # fmt: skip
    mine = Conversation.create(
        customer=budi, channel="instagram", assignee=ayu, last_message_at=now - dt.timedelta(1)
    )
    closed = Conversation.create(customer=budi, channel="shopee", status="closed")
    return {
        "late": late.id,
        "mine": mine.id,
        "closed": closed.id,
        "order": order.id,
        "other": other.id,
        "siti": siti.id,
    }


def listed(panel: InboxPanel) -> list[int]:
    return [panel.model.id_at(row) or 0 for row in range(panel.row_count())]


def test_inbox_opens_on_active_longest_wait_first_late_marked(
    shop: dict[str, int], qtbot: QtBot
) -> None:
    panel = InboxPanel()
    qtbot.addWidget(panel)
    panel.ensure_loaded()
    assert panel.filter_bar.combos["status"].currentText() == "Aktif"
    assert listed(panel) == [shop["late"], shop["mine"]]  # the closed one is not listed
    waiting = panel.model.index(0, panel.model.column_of("waiting") or 0)
    assert waiting.data() == "2 jam"
    kind, note = DeadlineDelegate.flag(waiting)
    assert kind == "late"
    assert note.startswith("Terlambat 1 jam")
    assert DeadlineDelegate.flag(panel.model.index(1, 1))[0] == ""


def test_mine_view_lists_the_desk_admins_conversations(shop: dict[str, int], qtbot: QtBot) -> None:
    panel = InboxPanel()
    qtbot.addWidget(panel)
    panel.apply_filter(view="mine")
    assert listed(panel) == [shop["mine"]]
    assert panel.filter_bar.combos["view"].currentText() == "Milik saya"


def test_enter_on_the_list_goes_to_the_reply_box(shop: dict[str, int], qtbot: QtBot) -> None:
    panel = InboxPanel()
    qtbot.addWidget(panel)
    panel.show()
    panel.activateWindow()
    panel.select_first()
    panel.table.setFocus()
    qtbot.waitUntil(panel.isActiveWindow)
    qtbot.keyClick(panel.table, Qt.Key.Key_Down)
    assert panel.detail_view.current_id == shop["mine"]
    QTest.keySequence(panel.table, QKeySequence("Return"))
    assert QApplication.focusWidget() is panel.detail_view.reply.edit


def test_close_shortcut(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show()
    view.activateWindow()
    view.show_id(shop["late"])
    qtbot.waitUntil(view.isActiveWindow)
    QTest.keySequence(view, QKeySequence("Ctrl+Shift+C"))
    assert Conversation.get_by_id(shop["late"]).status == "closed"
    assert "Ctrl+Shift+C" in view.close_button.toolTip()


def test_long_thread_builds_a_page_and_loads_the_previous_one(db: object, qtbot: QtBot) -> None:
    conv = Conversation.create(channel="whatsapp", title="Grup reseller")
    start = dt.datetime(2025, 1, 1)
    rows = [
        {"conversation": conv.id, "direction": "in" if n % 2 else "out", "author": "x",
         "sent_at": start + dt.timedelta(minutes=n), "body": f"pesan {n}"}
        for n in range(20_000)
    ]  # fmt: skip
    with database_proxy.atomic():
        for begin in range(0, len(rows), 500):
            Message.insert_many(rows[begin : begin + 500]).execute()
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show_id(conv.id)
    assert len(view.thread.bubbles) == PAGE
    assert view.thread.bubbles[-1].text == "pesan 19999"
    button = view.thread.older_button
    assert not button.isHidden()
    assert "19.950" in button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert len(view.thread.bubbles) == PAGE + OLDER_PAGE
    assert view.thread.bubbles[0].text == f"pesan {20_000 - PAGE - OLDER_PAGE}"
    assert view.thread.bubbles[-1].text == "pesan 19999"
    assert f"{20_000 - PAGE - OLDER_PAGE:,}".replace(",", ".") in button.text()


def test_short_thread_has_no_older_button(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["late"])
    assert view.thread.older_button.isHidden()
    assert [b.text for b in view.thread.bubbles] == ["Kak, paket saya kapan sampai?"]


def test_link_an_order_from_a_search_then_unlink(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["late"])
    assert view.linked_row.isHidden()
    view.ask_link_order()
    dialog = view.link_dialog
    assert isinstance(dialog, LinkOrderDialog)
    # The customer's own orders first; a number from another account by search.
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 0).text() == "2603051K7QX9PT"
    qtbot.keyClicks(dialog.search, "2026/0042")
    dialog.refresh()
    assert dialog.table.item(0, 0).text() == "INV/2026/0042"
    dialog.accept()
    assert Conversation.get_by_id(shop["late"]).order_id == shop["other"]
    assert not view.linked_row.isHidden()
    assert view.linked_order.text().startswith("INV/2026/0042")
    opened: list[tuple[str, int]] = []
    view.open_record.connect(lambda kind, rid: opened.append((kind, rid)))
    qtbot.mouseClick(view.linked_order, Qt.MouseButton.LeftButton)
    assert opened == [("order", shop["other"])]
    qtbot.mouseClick(view.unlink_button, Qt.MouseButton.LeftButton)
    assert Conversation.get_by_id(shop["late"]).order_id is None
    assert view.linked_row.isHidden()
    dialog.close()


def test_linked_order_fits_the_pane_and_names_courier_and_resi(
    shop: dict[str, int], qtbot: QtBot
) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["late"])
    view.link_order(shop["order"])
    assert view.linked_order.text() == "2603051K7QX9PT · Dikirim"
    assert view.linked_order.toolTip().endswith("J&T Express JP4821937745")
    view.link_order(shop["other"])  # a Tokopedia INV/… number
    assert view.scroll.widget().minimumSizeHint().width() <= DETAIL_MIN_WIDTH


def test_manual_order_from_the_chat_is_linked(shop: dict[str, int], qtbot: QtBot) -> None:
    view = ConversationDetailView()
    qtbot.addWidget(view)
    view.show_id(shop["late"])
    view.new_manual_order()
    dialog = view.manual_dialog
    assert isinstance(dialog, ManualOrderDialog)
    assert dialog.customer.customer_id() == shop["siti"]
    new = Order.create(order_no="INV/2026/0099", marketplace="manual", customer=shop["siti"],
                       status="unpaid", ordered_at=utcnow())  # fmt: skip
    dialog.saved.emit(new.id)
    assert Conversation.get_by_id(shop["late"]).order_id == new.id
    assert view.linked_order.text().startswith("INV/2026/0099")
    dialog.close()
