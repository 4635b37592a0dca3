"""Dasbor: the cards' numbers, their click-through to the filtered list, and waiting chats."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QThreadPool

from csdesk.models.base import utcnow
from csdesk.services import dashboard, fmt
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
