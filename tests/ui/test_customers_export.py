"""Pelanggan → Ekspor ke Excel: the customers the segment filter lists, in the list's order,
with their segment and lifetime value."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog

from csdesk.services.demo import generate_demo
from csdesk.ui.main_window import MainWindow
from csdesk.ui.panels.customers import CustomersPanel


@pytest.fixture
def window(qtbot, db):
    generate_demo(120, seed=3)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def test_ctrl_e_exports_the_loyal_customers_as_listed(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    panel = window.show_panel("customers")
    assert isinstance(panel, CustomersPanel)
    panel.apply_filter(segment="loyal")
    qtbot.waitUntil(lambda: panel.model.is_complete(), timeout=10_000)
    listed = [panel.model.row_values(row)["name"] for row in range(panel.row_count())]
    assert listed

    target = tmp_path / "loyal.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a, **_k: (str(target), ""))
    panel.table.setFocus()
    QTest.keySequence(panel.table, QKeySequence("Ctrl+E"))
    qtbot.waitUntil(lambda: panel.exporter.message is not None, timeout=20_000)
    box = panel.exporter.message
    assert box is not None
    assert f"{len(listed)} pelanggan" in box.text()

    workbook = openpyxl.load_workbook(target)
    rows = list(workbook["Pelanggan"].iter_rows(values_only=True))
    workbook.close()
    header = rows[0]
    names = [row[header.index("Nama")] for row in rows[1:]]
    assert names == listed
    assert {row[header.index("Segmen")] for row in rows[1:]} == {"Loyal"}
    assert all(row[header.index("Nilai belanja")] > 0 for row in rows[1:])
    box.close()
