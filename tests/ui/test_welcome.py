"""The first start of a new shop: the welcome page, the profile it saves, and the demo fill."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from csdesk.services import settings as shop_settings
from csdesk.services import stats
from csdesk.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, db):
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def test_empty_database_opens_on_the_welcome_page(window: MainWindow) -> None:
    assert window.welcome is not None and window.welcome.isVisible()
    assert not window.search_action.isEnabled()
    assert not window.panel_actions["orders"].isEnabled()


def test_demo_button_fills_the_database_and_saves_the_profile(qtbot, window: MainWindow) -> None:
    page = window.welcome
    page.shop_name.setText("Toko Hijab Aulia")
    page.shop_phone.setText("0812-3456-7890")
    page.bank.setText("BCA")
    page.account_no.setText("1234567890")
    page.demo_button.click()
    qtbot.waitUntil(lambda: window.welcome is None, timeout=60_000)
    assert window.current_key() == "dashboard"
    assert stats.collect()["orders"] > 0
    saved = shop_settings.load()
    assert saved.onboarded
    assert saved.shop_name == "Toko Hijab Aulia"
    assert saved.shop_phone == "+62 812-3456-7890"
    assert saved.bank_accounts[0].number == "1234567890"
    assert saved.bank_accounts[0].holder == "Toko Hijab Aulia"
    dashboard = window.panels["dashboard"]
    assert dashboard.greeting.text().endswith("Toko Hijab Aulia")


def test_cancelling_the_demo_fill_changes_nothing(qtbot, window: MainWindow) -> None:
    page = window.welcome
    page.demo_button.click()
    dialog = page.findChild(QProgressDialog)
    assert dialog is not None
    dialog.findChild(QPushButton).click()
    qtbot.waitUntil(lambda: page.demo_op is not None and not page.demo_op.running, timeout=60_000)
    assert window.welcome is page and page.demo_button.isEnabled()
    counts = stats.collect()
    assert counts["orders"] == counts["customers"] == 0
    assert not shop_settings.load().onboarded


def test_empty_start_marks_the_shop_set_up(qtbot, db, window: MainWindow) -> None:
    window.welcome.shop_name.setText("Toko Kosong")
    window.welcome.empty_button.click()
    assert window.welcome is None
    assert window.current_key() == "dashboard"
    assert shop_settings.load().shop_name == "Toko Kosong"
    again = MainWindow(db)
    qtbot.addWidget(again)
    assert again.welcome is None
    # An empty list offers the demo fill too.
    orders = again.show_panel("orders")
    assert orders.empty.label.text().startswith("Belum ada pesanan")
    assert orders.empty.button.text() == "Isi data contoh"


def test_a_phone_that_is_not_a_number_is_refused(
    window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    window.welcome.shop_phone.setText("nomor saya")
    window.welcome.empty_button.click()
    assert window.welcome is not None
    assert shown and "nomor saya" in shown[0]
    assert not shop_settings.load().onboarded
