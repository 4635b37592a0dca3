"""Dasbor: the cards' numbers, their click-through to the filtered list, and waiting chats."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from csdesk.models.base import utcnow
from csdesk.services import conversations, dashboard, fmt
from csdesk.services import settings as shop_settings
from csdesk.services.demo import generate_demo
from csdesk.ui.main_window import MainWindow
from csdesk.ui.panels.dashboard import ID_ROLE, greeting


@pytest.fixture
def window(qtbot, db):
    generate_demo(300, seed=11)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def test_greeting_shows_today_in_indonesian(window: MainWindow) -> None:
    panel = window.panels["dashboard"]
    zone = shop_settings.load().zone
    assert panel.date_label.text() == fmt.date_long(fmt.to_local(utcnow(), zone).date())
    assert panel.greeting.text().startswith("Selamat ")


@pytest.mark.parametrize(
    ("hour", "expected"),
    [
        (2, "Selamat malam"),  # 02.30 WIB is still night, not morning
        (3, "Selamat malam"),
        (4, "Selamat pagi"),
        (9, "Selamat pagi"),
        (10, "Selamat siang"),
        (14, "Selamat siang"),
        (15, "Selamat sore"),
        (17, "Selamat sore"),
        (18, "Selamat malam"),
        (23, "Selamat malam"),
        (0, "Selamat malam"),
    ],
)
def test_greeting_follows_the_indonesian_time_of_day(hour: int, expected: str) -> None:
    assert greeting(hour) == expected


def test_cards_show_todays_counts(window: MainWindow) -> None:
    panel = window.panels["dashboard"]
    counts = dashboard.today()
    assert panel.cards["orders_to_ship"].value.text() == str(counts.orders_to_ship)
    assert panel.cards["orders_today"].detail.text() == fmt.rupiah(counts.revenue_today)
    assert [c.spec.title for c in panel.cards.values()] == [
        "Perlu Dikirim",
        "Terlambat Dikirim",
        "Batas Kirim Hari Ini",
        "Chat Menunggu Balasan",
        "Chat Terlambat",
        "Keluhan Terbuka",
        "Keluhan Jatuh Tempo Hari Ini",
        "Pesanan & Omzet Hari Ini",
    ]


def test_late_card_opens_pesanan_filtered_to_the_same_rows(qtbot, window: MainWindow) -> None:
    card = window.panels["dashboard"].cards["orders_late"]
    late = int(card.value.text().replace(".", ""))
    assert late > 0, "the demo shop has parcels that missed their ship-by time"
    qtbot.mouseClick(card, Qt.MouseButton.LeftButton)
    assert window.current_key() == "orders"
    orders = window.panels["orders"]
    assert orders.row_count() == late
    assert orders.count_label.text() == f"{late} pesanan"
    statuses = {orders.model.data(orders.model.index(r, 2)) for r in range(orders.row_count())}
    assert statuses == {"Perlu Dikirim"}


def test_every_card_lands_on_a_list_with_its_count(qtbot, window: MainWindow) -> None:
    panel = window.panels["dashboard"]
    for name, card in panel.cards.items():
        if name == "orders_today":
            continue  # opens the whole list, newest first: today's orders on top
        window.show_panel("dashboard")
        card.setFocus()
        qtbot.keyClick(card, Qt.Key.Key_Return)
        target_key, _filters = dashboard.DASHBOARD_LINKS[name]
        assert window.current_key() == target_key, name
        shown = window.panels[target_key].row_count()
        assert shown == int(card.value.text().replace(".", "")), name


def test_waiting_chat_opens_in_inbox(qtbot, window: MainWindow) -> None:
    waiting = window.panels["dashboard"].waiting
    assert waiting.count() > 0
    item = waiting.item(0)
    chat_id = item.data(ID_ROLE)
    assert "menunggu" in item.text()
    rect = waiting.visualItemRect(item)
    qtbot.mouseClick(waiting.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_key() == "inbox"
    assert window.panels["inbox"].table.current_id() == chat_id


def test_todays_follow_ups_sit_beside_the_chats_overdue_first(window: MainWindow) -> None:
    panel = window.panels["dashboard"]
    follow_ups = panel.follow_ups
    due = [row.line for row in follow_ups.rows]
    assert follow_ups.heading.text() == f"Tindak lanjut hari ini ({len(due)})"
    assert len(due) >= 2, "the demo shop has one overdue follow-up and some for today"
    states = [row.state for row in follow_ups.rows]
    assert states[0] == "overdue" and states[-1] == "today"
    assert states == sorted(states, key=["overdue", "today"].index)  # overdue ones first
    assert follow_ups.rows[0].title().startswith("Terlambat ")
    # Both lists fit the 1280×800 window side by side, the follow-ups' buttons in sight.
    window.resize(1280, 800)
    QApplication.processEvents()
    waiting = panel.waiting
    assert waiting.isVisible() and follow_ups.isVisible()
    assert (
        waiting.mapTo(panel, waiting.rect().topRight()).x()
        < follow_ups.mapTo(panel, follow_ups.rect().topLeft()).x()
    )
    first = follow_ups.rows[0]
    button_right = first.snooze_button.mapTo(panel, first.snooze_button.rect().bottomRight())
    assert panel.rect().contains(button_right)
    assert (
        button_right.x()
        <= follow_ups.scroll.viewport()
        .mapTo(panel, follow_ups.scroll.viewport().rect().topRight())
        .x()
    )


def test_a_follow_up_row_opens_its_customer_on_the_pelanggan_page(
    qtbot, window: MainWindow
) -> None:
    follow_ups = window.panels["dashboard"].follow_ups
    row = follow_ups.rows[0]
    customer_id = row.line.customer_id
    qtbot.mouseDClick(row.customer, Qt.MouseButton.LeftButton)
    assert window.current_key() == "customers"
    page = window.panels["customers"].detail
    qtbot.waitUntil(lambda: page.current_id == customer_id)
    assert page.name.text() == row.line.customer_name
    assert any(r.line.id == row.line.id for r in page.follow_ups.rows)


def test_selesai_on_the_dasbor_reaches_an_open_customer_page(qtbot, window: MainWindow) -> None:
    """Done on the Dasbor while the customer's page is already open in Pelanggan: going back
    there shows it under Riwayat, not still pending."""
    dashboard_panel = window.panels["dashboard"]
    line = dashboard_panel.follow_ups.rows[0].line
    window.open_record("customer", line.customer_id)
    page = window.panels["customers"].detail
    qtbot.waitUntil(lambda: page.current_id == line.customer_id)
    assert any(r.line.id == line.id for r in page.follow_ups.rows)

    window.show_panel("dashboard")
    row = next(r for r in dashboard_panel.follow_ups.rows if r.line.id == line.id)
    qtbot.mouseClick(row.done_button, Qt.MouseButton.LeftButton)
    assert line.id not in dashboard_panel.follow_ups.ids()

    window.show_panel("customers")
    qtbot.waitUntil(lambda: all(r.line.id != line.id for r in page.follow_ups.rows))
    assert f"oleh {conversations.current_author()}" in page.follow_ups.history.text()
