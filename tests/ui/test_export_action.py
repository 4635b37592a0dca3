"""Pesanan → Ekspor ke Excel: exactly the filtered orders, in the background, then a message
with the count and a button that opens the folder."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QThreadPool, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from csdesk.models import Order
from csdesk.services.demo import generate_demo
from csdesk.ui.main_window import MainWindow
from csdesk.ui.panels.orders import OrdersPanel


@pytest.fixture
def window(qtbot, db):
    generate_demo(120, seed=3)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def exported_order_numbers(path: Path) -> list[str]:
    workbook = openpyxl.load_workbook(path)
    try:
        sheet = workbook["Pesanan"]
        rows = list(sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    column = rows[0].index("No. Pesanan")
    return [str(row[column]) for row in rows[1:]]


def wait_for_message(qtbot, panel: OrdersPanel) -> QMessageBox:
    qtbot.waitUntil(lambda: panel.exporter.message is not None, timeout=20_000)
    box = panel.exporter.message
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    return box


def test_export_writes_exactly_the_filtered_orders(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    panel = window.show_panel("orders")
    assert isinstance(panel, OrdersPanel)
    panel.apply_filter(status="to_ship")
    wanted = {o.order_no for o in Order.select().where(Order.status == "to_ship")}
    assert 0 < len(wanted) < Order.select().count()
    assert panel.row_count() == len(wanted)

    target = tmp_path / "perlu_dikirim"  # the extension is added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    box = wait_for_message(qtbot, panel)

    written = tmp_path / "perlu_dikirim.xlsx"
    numbers = exported_order_numbers(written)
    assert set(numbers) == wanted
    assert f"{len(wanted)} pesanan ({len(numbers)} baris)" in box.text()
    assert str(written) in box.text()
    folder = next(b for b in box.buttons() if b.text() == "Buka folder")
    qtbot.mouseClick(folder, Qt.MouseButton.LeftButton)
    assert [url.toLocalFile() for url in opened] == [str(tmp_path)]


def test_ctrl_e_exports_the_searched_orders(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    panel = window.show_panel("orders")
    assert isinstance(panel, OrdersPanel)
    one = Order.select().order_by(Order.id).first()
    panel.filter_bar.set_filters(search=one.order_no)
    qtbot.waitUntil(lambda: panel.row_count() == 1)
    target = tmp_path / "satu.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    window.activateWindow()
    panel.table.setFocus()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(panel.table, QKeySequence("Ctrl+E"))
    wait_for_message(qtbot, panel)
    assert set(exported_order_numbers(target)) == {one.order_no}


def test_no_file_chosen_exports_nothing(qtbot, window: MainWindow, monkeypatch) -> None:
    panel = window.show_panel("orders")
    assert isinstance(panel, OrdersPanel)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: ("", ""))
    qtbot.mouseClick(panel.export_button, Qt.MouseButton.LeftButton)
    assert panel.exporter.message is None
