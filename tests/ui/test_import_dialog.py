"""Importing order files from the window: check and preview, column mapping, import with
progress, the result with its problems, drag-and-drop, Ctrl+I, and undo from the history."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest
from import_files import SHOPEE, shopee_copy
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QThreadPool, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from csdesk.models import Order
from csdesk.services import settings as shop_settings
from csdesk.ui.dialogs.import_history import ImportHistoryDialog
from csdesk.ui.dialogs.import_orders import ImportDialog
from csdesk.ui.main_window import MainWindow

SHOPEE_ORDERS, SHOPEE_ITEMS, SHOPEE_ROWS = 25, 46, 46


@pytest.fixture
def window(qtbot, db):
    shop = shop_settings.load()
    shop.onboarded = True
    shop_settings.save(shop)
    win = MainWindow(db)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    QThreadPool.globalInstance().waitForDone(30_000)


def open_checked(qtbot, window: MainWindow, *paths: Path) -> ImportDialog:
    window.imports.open_import([str(p) for p in paths])
    dialog = window.imports.import_dialog
    assert isinstance(dialog, ImportDialog)
    qtbot.waitUntil(lambda: len(dialog.checks) == len(paths) and dialog.tabs.count() == len(paths))
    return dialog


def run_import(qtbot, dialog: ImportDialog) -> None:
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.pages.currentWidget() is dialog.result_page, timeout=20_000)


def summary_row(dialog: ImportDialog, row: int = 0) -> dict[str, str]:
    model = dialog.result_page.summary
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    return dict(zip(headers, (model.cell(row, c) for c in range(model.columnCount())), strict=True))


def test_the_dialog_previews_the_file_then_imports_it(qtbot, qtmodeltester, window) -> None:
    dialog = open_checked(qtbot, window, SHOPEE)
    tab = dialog.tabs.widget(0)
    assert dialog.tabs.tabText(0) == "shopee_pesanan.xlsx"
    assert "Format Shopee" in tab.summary.text()
    assert f"{SHOPEE_ROWS} baris data" in tab.summary.text()
    assert f"{SHOPEE_ORDERS} pesanan" in tab.summary.text()
    qtmodeltester.check(tab.preview, force_py=True)
    assert tab.preview.headerData(0, Qt.Orientation.Horizontal) == "No. Pesanan"
    assert 0 < tab.preview.rowCount() <= 8
    assert Order.select().count() == 0  # checking writes nothing

    run_import(qtbot, dialog)
    assert summary_row(dialog) == {
        "Berkas": "shopee_pesanan.xlsx",
        "Format": "Shopee",
        "Baris data": str(SHOPEE_ROWS),
        "Baru": str(SHOPEE_ORDERS),
        "Diperbarui": "0",
        "Tidak berubah": "0",
        "Item": str(SHOPEE_ITEMS),
        "Masalah": "0",
    }
    qtmodeltester.check(dialog.result_page.summary, force_py=True)
    assert Order.select().count() == SHOPEE_ORDERS
    assert window.show_panel("orders").row_count() == SHOPEE_ORDERS


def test_the_visible_panel_refreshes_after_an_import(qtbot, window) -> None:
    orders = window.show_panel("orders")
    assert orders.row_count() == 0
    run_import(qtbot, open_checked(qtbot, window, SHOPEE))
    assert orders.row_count() == SHOPEE_ORDERS

    again = open_checked(qtbot, window, SHOPEE)
    run_import(qtbot, again)
    assert summary_row(again)["Tidak berubah"] == str(SHOPEE_ORDERS)
    assert summary_row(again)["Baru"] == "0"


def test_cancel_during_the_import_leaves_nothing(qtbot, window) -> None:
    dialog = open_checked(qtbot, window, SHOPEE)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    dialog.reject()  # Esc while importing: the dialog stays, the progress dialog cancels
    assert dialog.isVisible()
    _job, progress = dialog.job
    progress.canceled.emit()  # the progress dialog's Batal
    qtbot.waitUntil(lambda: "dibatalkan" in dialog.status.text(), timeout=20_000)
    assert dialog.status.text() == "Impor dibatalkan; tidak ada yang diimpor."
    assert Order.select().count() == 0
    assert dialog.import_button.isEnabled()  # the seller may try again
    assert window.isEnabled()


def test_a_refused_file_shows_its_message_and_nothing_is_imported(
    qtbot, window, tmp_path: Path
) -> None:
    fake = tmp_path / "bukan_excel.xlsx"
    fake.write_text("ini hanya teks\n", encoding="utf-8")
    dialog = open_checked(qtbot, window, SHOPEE, fake)
    refused = dialog.tabs.widget(1)
    assert "bukan_excel.xlsx" in refused.summary.text()
    assert dialog.tabs.tabText(1).endswith("bukan_excel.xlsx")
    assert not dialog.import_button.isEnabled()
    assert "ditolak" in dialog.status.text()
    assert Order.select().count() == 0


def test_problems_are_listed_with_row_and_column_and_can_be_saved(
    qtbot, qtmodeltester, window, tmp_path: Path, monkeypatch
) -> None:
    odd = shopee_copy(tmp_path, "status_aneh.xlsx", cells={"B2": "Status Aneh"})
    dialog = open_checked(qtbot, window, odd)
    tab = dialog.tabs.widget(0)
    assert "1 peringatan" in tab.summary.text()
    assert tab.warnings.cell(0, 0) == "2"
    run_import(qtbot, dialog)
    page = dialog.result_page
    qtmodeltester.check(page.problem_model, force_py=True)
    assert page.problem_model.rowCount() == 1
    assert [page.problem_model.cell(0, c) for c in range(3)] == [
        "status_aneh.xlsx",
        "2",
        "Status Pesanan",
    ]
    assert "Status Aneh" in page.problem_model.cell(0, 3)

    for name in ("masalah.csv", "masalah.xlsx"):
        target = tmp_path / name
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", lambda *_a, t=target, **_k: (str(t), "")
        )
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        assert str(target) in page.saved_label.text()
    with (tmp_path / "masalah.csv").open(encoding="utf-8-sig", newline="") as saved:
        rows = list(csv.reader(saved))
    assert rows[0] == ["Berkas", "Baris", "Kolom", "Masalah"]
    assert rows[1][:3] == ["status_aneh.xlsx", "2", "Status Pesanan"]
    workbook = openpyxl.load_workbook(tmp_path / "masalah.xlsx")
    sheet = workbook.active
    assert sheet is not None
    assert [c.value for c in sheet[2]][:3] == ["status_aneh.xlsx", 2, "Status Pesanan"]
    workbook.close()


def test_a_renamed_column_is_mapped_once_and_remembered(
    qtbot, qtmodeltester, window, tmp_path: Path
) -> None:
    renamed = shopee_copy(tmp_path, "shopee_nomor_order.xlsx", cells={"A1": "Nomor Order"})
    dialog = open_checked(qtbot, window, renamed)
    qtbot.waitUntil(lambda: dialog.mapping_dialog is not None and dialog.mapping_dialog.isVisible())
    mapping = dialog.mapping_dialog
    assert mapping is not None
    assert not dialog.import_button.isEnabled()
    assert list(mapping.choices) == ["order_no"]
    qtmodeltester.check(mapping.preview, force_py=True)
    assert mapping.preview.headerData(0, Qt.Orientation.Horizontal) == "Nomor Order"
    assert not mapping.save_button.isEnabled()
    mapping.choose("order_no", "Nomor Order")
    qtbot.mouseClick(mapping.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.import_button.isEnabled)
    run_import(qtbot, dialog)
    assert summary_row(dialog)["Baru"] == str(SHOPEE_ORDERS)
    assert summary_row(dialog)["Item"] == str(SHOPEE_ITEMS)

    second = open_checked(qtbot, window, renamed)
    assert second.import_button.isEnabled()
    assert second.mapping_dialog is None
    run_import(qtbot, second)
    assert summary_row(second)["Tidak berubah"] == str(SHOPEE_ORDERS)


def drag_and_drop(window: MainWindow, *paths: Path) -> bool:
    """Drag files over the window and let go; False when the window refused the drag."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    button, no_key = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPoint(300, 300), Qt.DropAction.CopyAction, mime, button, no_key)
    QApplication.sendEvent(window, enter)
    if not enter.isAccepted():
        return False
    drop = QDropEvent(QPointF(300, 300), Qt.DropAction.CopyAction, mime, button, no_key)
    QApplication.sendEvent(window, drop)
    return drop.isAccepted()


def test_dropping_order_files_on_the_window_opens_the_import(qtbot, window, tmp_path: Path) -> None:
    note = tmp_path / "catatan.pdf"  # nothing imports a PDF (.txt now means a WhatsApp chat)
    note.write_bytes(b"%PDF-1.4 bukan pesanan")
    assert not drag_and_drop(window, note)
    assert window.imports.import_dialog is None
    assert drag_and_drop(window, SHOPEE, note)
    dialog = window.imports.import_dialog
    assert isinstance(dialog, ImportDialog)
    assert dialog.paths == [str(SHOPEE)]
    qtbot.waitUntil(dialog.import_button.isEnabled)


def test_ctrl_i_asks_for_files_and_opens_the_import(qtbot, window, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *_a, **_k: ([str(SHOPEE)], ""))
    assert window.import_action.shortcut() == QKeySequence("Ctrl+I")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keySequence(window, QKeySequence("Ctrl+I"))
    assert isinstance(window.imports.import_dialog, ImportDialog)
    qtbot.waitUntil(window.imports.import_dialog.import_button.isEnabled)


def confirm_undo(qtbot, history: ImportHistoryDialog, row: int) -> None:
    history.select_row(row)
    assert history.undo_button.isEnabled()
    qtbot.mouseClick(history.undo_button, Qt.MouseButton.LeftButton)
    box = history.confirm
    assert isinstance(box, QMessageBox) and box.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not history.busy, timeout=20_000)


def test_undo_from_the_history_removes_the_new_orders(
    qtbot, qtmodeltester, window, tmp_path: Path
) -> None:
    orders = window.show_panel("orders")
    run_import(qtbot, open_checked(qtbot, window, SHOPEE))
    assert orders.row_count() == SHOPEE_ORDERS
    newer = shopee_copy(tmp_path, "shopee_baru.xlsx", cells={"E2": "SPXID0000000001"})
    run_import(qtbot, open_checked(qtbot, window, newer))

    window.imports.open_history()
    history = window.imports.history_dialog
    assert isinstance(history, ImportHistoryDialog)
    qtmodeltester.check(history.model, force_py=True)
    assert history.model.rowCount() == 2
    assert history.model.cell(0, 1) == "shopee_baru.xlsx"
    assert history.model.cell(1, 4) == str(SHOPEE_ORDERS)

    confirm_undo(qtbot, history, 1)  # the first import: a later one changed its orders
    assert "tidak bisa dibatalkan" in history.status.text()
    assert Order.select().count() == SHOPEE_ORDERS

    confirm_undo(qtbot, history, 0)
    confirm_undo(qtbot, history, 1)
    assert "dihapus" in history.status.text()
    assert history.model.cell(1, 9) != ""
    assert not history.undo_button.isEnabled()
    assert Order.select().count() == 0
    assert orders.row_count() == 0
