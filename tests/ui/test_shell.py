"""The main window on a demo shop: navigation, shortcuts, refresh, status bar, geometry."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest

from csdesk.models import Order
from csdesk.services.demo import generate_demo
from csdesk.ui.main_window import MainWindow, window_settings

TITLES = [
    "Dasbor",
    "Inbox",
    "Pelanggan",
    "Pesanan",
    "Keluhan",
    "Produk",
    "Template",
    "Laporan",
    "Pengaturan",
]


@pytest.fixture
def demo(db):
    generate_demo(200, seed=7)
    return db


@pytest.fixture
def window(qtbot, demo):
    win = MainWindow(demo)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def test_opens_on_the_dashboard_with_every_navigation_item(window: MainWindow) -> None:
    assert window.welcome is None
    assert window.current_key() == "dashboard"
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == TITLES


def test_every_navigation_item_shows_its_panel(window: MainWindow) -> None:
    for row, title in enumerate(TITLES):
        window.nav.setCurrentRow(row)
        panel = window.stack.currentWidget()
        assert panel is window.panels[window.specs[row].key]
        assert panel.title == title
        assert panel.isVisible()


def test_ctrl_number_shortcuts_switch_panels(qtbot, window: MainWindow) -> None:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    for number, spec in enumerate(window.specs, start=1):
        assert window.panel_actions[spec.key].shortcut() == QKeySequence(f"Ctrl+{number}")
    QTest.keySequence(window, QKeySequence("Ctrl+4"))
    assert window.current_key() == "orders"
    QTest.keySequence(window, QKeySequence("Ctrl+2"))
    assert window.current_key() == "inbox"
    assert window.panels["inbox"].row_count() > 0


def test_f5_reloads_the_visible_list(qtbot, window: MainWindow) -> None:
    orders = window.show_panel("orders")
    before = orders.row_count()
    assert orders.count_label.text() == f"{before} pesanan"
    Order.create(
        marketplace="manual",
        order_no="WA-TES-0001",
        status="to_ship",
        ordered_at=dt.datetime(2026, 11, 23, 3, 0),
        buyer_name="Pembeli Baru",
        total=150_000,
    )
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(window, QKeySequence("F5"))
    assert orders.row_count() == before + 1


def test_status_bar_shows_the_database_and_its_counts(qtbot, window: MainWindow, db_path) -> None:
    assert str(db_path) in window.db_label.text()
    qtbot.waitUntil(lambda: "pesanan" in window.counts_label.text(), timeout=10_000)
    assert window.counts_label.text().startswith("200 pesanan · ")


def test_window_size_is_remembered(qtbot, demo) -> None:
    first = MainWindow(demo)
    qtbot.addWidget(first)
    first.resize(1000, 700)
    first.show()
    orders = first.show_panel("orders")
    orders.splitter.setSizes([500, 300])
    kept = orders.splitter.sizes()
    first.close()
    assert window_settings().value("geometry") == first.saveGeometry()
    second = MainWindow(demo)
    qtbot.addWidget(second)
    second.show()
    # The offscreen screen is 800 px tall: the restored frame may shift by its border.
    assert second.width() == 1000 and abs(second.height() - 700) <= 10
    assert second.show_panel("orders").splitter.sizes() == kept
    QThreadPool.globalInstance().waitForDone(30_000)


@pytest.fixture
def app_globals(monkeypatch: pytest.MonkeyPatch):
    """run_gui installs process-wide hooks; put them back after the test."""
    import faulthandler
    import logging
    import sys
    import threading

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    handlers = list(logging.getLogger().handlers)
    yield
    for handler in logging.getLogger().handlers:
        if handler not in handlers:
            logging.getLogger().removeHandler(handler)
            handler.close()
    faulthandler.enable()


def test_a_file_that_is_not_a_database_is_refused_untouched(
    qtbot, tmp_path, app_globals, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from csdesk.app import run_gui

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _title, text: shown.append(text))
    notes = tmp_path / "catatan.sqlite"
    notes.write_bytes(b"daftar belanja, bukan database")
    assert run_gui(str(notes)) == 2
    assert shown and "catatan.sqlite" in shown[0]
    assert notes.read_bytes() == b"daftar belanja, bukan database"


def test_a_second_start_says_csdesk_is_already_open(
    qtbot, db_path, app_globals, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from csdesk.app import acquire_single_instance, run_gui

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _title, text: shown.append(text))
    first = acquire_single_instance()
    assert first is not None
    try:
        assert run_gui(str(db_path)) == 0
    finally:
        first.unlock()
    assert shown == ["csdesk sudah terbuka di jendela lain."]
    assert not db_path.exists()


def test_an_error_on_a_worker_thread_is_logged_and_shown(
    qtbot, data_dir, app_globals, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    from csdesk.app import CrashReporter, setup_logging
    from csdesk.ui.dialogs.crash import CrashDialog

    shown: list[str] = []
    monkeypatch.setattr(CrashDialog, "exec", lambda self: shown.append(self.text.toPlainText()))
    log_path = setup_logging()
    reporter = CrashReporter(log_path)
    reporter.install()

    def broken() -> None:
        raise ValueError("stok tidak boleh negatif")

    worker = threading.Thread(target=broken)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown))
    assert "ValueError: stok tidak boleh negatif" in shown[0]
    assert "stok tidak boleh negatif" in log_path.read_text(encoding="utf-8")


def test_background_jobs_hand_results_back_and_close_their_connection(qtbot, db, db_path) -> None:
    import sqlite3

    import peewee as pw

    from csdesk.models import Customer, database_proxy
    from csdesk.ui.workers import run_in_background

    Customer.create(name="Ani")
    # A binding whose connections may be inspected from this thread once the job is over.
    shared = pw.SqliteDatabase(str(db_path), check_same_thread=False)
    database_proxy.initialize(shared)
    connections: list[sqlite3.Connection] = []
    results: list[int] = []

    def count(_progress, _cancelled) -> int:
        connections.append(shared.connection())  # the worker thread's own connection
        return Customer.select().count()

    try:
        job = run_in_background(None, count, results.append)
        qtbot.waitUntil(lambda: not job.running)
        QThreadPool.globalInstance().waitForDone(5_000)
    finally:
        database_proxy.initialize(db)
    assert results == [1]
    with pytest.raises(sqlite3.ProgrammingError, match="closed database"):
        connections[0].execute("SELECT 1")


def test_a_refused_background_job_shows_its_message(
    qtbot, db, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from csdesk.errors import ValidationError
    from csdesk.ui.workers import run_in_background

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _title, text: shown.append(text))

    def refuse(_progress, _cancelled) -> None:
        raise ValidationError("Jumlah pesanan contoh minimal 1")

    job = run_in_background(None, refuse, lambda _result: None)
    qtbot.waitUntil(lambda: not job.running)
    assert shown == ["Jumlah pesanan contoh minimal 1"]


def test_a_link_in_a_detail_pane_opens_that_record(qtbot, window: MainWindow) -> None:
    from PySide6.QtCore import Qt

    order = Order.select().where(Order.customer.is_null(False)).order_by(Order.id).first()
    window.open_record("order", order.id)
    orders = window.panels["orders"]
    assert orders.table.current_id() == order.id
    link = orders.detail.customer_card.name_button
    assert link.text().startswith(order.customer.name)
    qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert window.current_key() == "customers"
    assert window.panels["customers"].table.current_id() == order.customer.id


def test_an_edit_in_a_detail_pane_updates_the_list_and_the_dashboard(
    qtbot, window: MainWindow
) -> None:
    from PySide6.QtCore import Qt

    dashboard = window.panels["dashboard"]
    waiting_before = int(dashboard.cards["chats_waiting"].value.text())
    window.navigate("inbox", {"view": "waiting"})
    inbox = window.panels["inbox"]
    assert inbox.row_count() == waiting_before
    inbox.select_first()
    chat_id = inbox.table.current_id()
    qtbot.mouseClick(inbox.detail.close_button, Qt.MouseButton.LeftButton)
    assert inbox.row_count() == waiting_before - 1
    assert inbox.model.row_of(chat_id) is None
    window.show_panel("dashboard")
    assert int(dashboard.cards["chats_waiting"].value.text()) == waiting_before - 1
