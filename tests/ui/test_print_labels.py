"""Cetak label: the dialog warns about labels printed before, saves and prints the very PDF it
previews, marks orders printed only after a print or save, and a cancel leaves nothing."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QThreadPool, Signal
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton, QWidget

from csdesk.models import Order, OrderEvent, OrderItem
from csdesk.services.printing.print_run import mark_printed, render_labels_pdf
from csdesk.ui.dialogs import print_labels
from csdesk.ui.dialogs.pdf_pages import open_pdf, print_pdf
from csdesk.ui.dialogs.print_labels import PrintLabelsDialog
from csdesk.ui.panels.orders import OrdersPanel
from csdesk.ui.panels.orders_print import OrdersPrint
from csdesk.ui.widgets.progress import JobProgressDialog

NUMBERS = ("2411224PRINTA1", "2411224PRINTB2", "2411224PRINTC3")


def make_order(order_no: str, status: str = "to_ship") -> int:
    order = Order.create(
        order_no=order_no,
        marketplace="shopee",
        status=status,
        ordered_at=dt.datetime(2026, 11, 22, 2, 0),
        courier="J&T Express",
        service="EZ",
        tracking_no=f"JP{order_no[-6:]}",
        recipient=f"Penerima {order_no[-2:]}",
        phone="081234567890",
        address="Jl. Merdeka No. 1",
        city="Kota Bandung",
        province="Jawa Barat",
        total=150_000,
    )
    OrderItem.create(order=order.id, product="Pashmina Ceruty", variant="Mocca", quantity=2)
    return int(order.id)


@pytest.fixture
def orders(db) -> list[int]:
    return [make_order(no) for no in NUMBERS]


@pytest.fixture
def dialog(qtbot, orders: list[int]):
    def make(ids: list[int] | None = None) -> PrintLabelsDialog:
        widget = PrintLabelsDialog(orders if ids is None else ids, author="Rina")
        qtbot.addWidget(widget)
        widget.show()
        return widget

    yield make
    QThreadPool.globalInstance().waitForDone(30_000)


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def pdf_pages(path: Path) -> list[tuple[float, float]]:
    """The size in points of every page (pdfinfo)."""
    out = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(path)], check=True, capture_output=True, text=True
    ).stdout
    sizes = []
    for line in out.splitlines():
        if line.startswith("Page") and " size:" in line:
            width, _x, height = line.split(":", 1)[1].split()[:3]
            sizes.append((float(width), float(height)))
    return sizes


def save_to(monkeypatch, target: Path) -> list[str]:
    """getSaveFileName answers `target`; returns the default names it was offered."""
    offered: list[str] = []

    def choose(_parent: QWidget, _title: str, default: str, _filter: str) -> tuple[str, str]:
        offered.append(default)
        return str(target), "PDF (*.pdf)"

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    return offered


def printed_numbers() -> set[str]:
    return {o.order_no for o in Order.select().where(Order.printed_at.is_null(False))}


def test_warning_names_the_order_printed_before_and_skipping_is_the_default(
    dialog, orders: list[int]
) -> None:
    mark_printed(orders[2:], "a6", now=dt.datetime(2026, 11, 22, 7, 5))
    widget = dialog()
    assert widget.windowTitle() == "Cetak label pengiriman"
    assert widget.warning.isVisible()
    text = widget.warning.text().replace("\N{NO-BREAK SPACE}", " ")
    assert text == "1 pesanan sudah pernah dicetak:\n2411224PRINTC3 (22 Nov 14.05)"
    assert widget.skip_printed.isChecked()
    assert widget.summary.text() == "3 pesanan · 2 label (1 dilewati)"
    widget.skip_printed.setChecked(False)
    assert widget.summary.text() == "3 pesanan · 3 label"
    widget.set_size("a4")
    assert widget.summary.text() == "3 pesanan · 3 label · 1 lembar"


def test_no_warning_when_nothing_was_printed(dialog) -> None:
    widget = dialog()
    assert not widget.warning.isVisible()
    assert not widget.skip_printed.isVisible()
    assert widget.summary.text() == "3 pesanan · 3 label"
    assert widget.preview_button.isDefault()


def test_save_pdf_writes_the_labels_and_marks_them_printed(
    qtbot, dialog, tmp_path: Path, monkeypatch
) -> None:
    target = tmp_path / "hari-ini.pdf"
    offered = save_to(monkeypatch, target)
    widget = dialog()
    with qtbot.waitSignal(widget.printed, timeout=30_000) as signal:
        widget.save_pdf()
    assert signal.args == [3]
    assert Path(offered[0]) == Path.home() / f"label-{dt.date.today():%Y-%m-%d}.pdf"
    text = pdf_text(target)
    for number in NUMBERS:
        assert number in text
    assert printed_numbers() == set(NUMBERS)
    assert OrderEvent.select().where(OrderEvent.kind == "printed").count() == 3
    assert widget.done_label.text() == f"3 label dicetak ke PDF:\n{target}"
    assert widget.open_folder_button.isVisible()
    assert widget.saved_to == tmp_path
    # Now all three were printed: the warning names them and a second save asks first.
    assert widget.warning.text().startswith("3 pesanan sudah pernah dicetak:\n")
    assert not widget.skip_printed.isChecked()


def test_skip_printed_leaves_the_printed_order_out_of_the_pdf(
    qtbot, dialog, orders: list[int], tmp_path: Path, monkeypatch
) -> None:
    earlier = dt.datetime(2026, 11, 22, 7, 5)
    mark_printed(orders[:1], "a6", now=earlier)
    target = tmp_path / "sisa.pdf"
    save_to(monkeypatch, target)
    widget = dialog()
    assert widget.skip_printed.isChecked()
    with qtbot.waitSignal(widget.printed, timeout=30_000):
        widget.save_pdf()
    text = pdf_text(target)
    assert NUMBERS[0] not in text
    assert NUMBERS[1] in text and NUMBERS[2] in text
    assert len(pdf_pages(target)) == 2
    assert Order.get_by_id(orders[0]).printed_at == earlier


def test_printing_again_needs_an_explicit_yes(
    qtbot, dialog, orders: list[int], tmp_path: Path, monkeypatch
) -> None:
    mark_printed(orders, "a6", now=dt.datetime(2026, 11, 22, 7, 5))
    target = tmp_path / "ulang.pdf"
    offered = save_to(monkeypatch, target)
    widget = dialog()
    assert not widget.skip_printed.isChecked()  # all printed: nothing left if skipped
    widget.save_pdf()
    box = widget.confirm_box
    assert box is not None and box.isVisible()
    assert box.text().startswith("3 label sudah pernah dicetak dan akan dicetak lagi.")
    assert offered == [] and not target.exists()
    again = next(b for b in box.buttons() if b.text() == "Cetak ulang")
    with qtbot.waitSignal(widget.printed, timeout=30_000):
        again.click()
    assert len(pdf_pages(target)) == 3


def test_skipping_when_all_were_printed_leaves_nothing_to_print(dialog, orders: list[int]) -> None:
    mark_printed(orders, "a6")
    widget = dialog()
    widget.skip_printed.setChecked(True)
    assert widget.summary.text() == "3 pesanan · 0 label (3 dilewati)"
    assert not widget.save_button.isEnabled() and not widget.print_button.isEnabled()


def test_cancelling_the_render_writes_nothing_and_marks_nothing(
    qtbot, db, tmp_path: Path, monkeypatch
) -> None:
    ids = [make_order(f"2411224CANCEL{n:02d}") for n in range(40)]
    target = tmp_path / "batal.pdf"
    save_to(monkeypatch, target)
    widget = PrintLabelsDialog(ids, author="Rina")
    qtbot.addWidget(widget)
    widget.show()
    widget.save_pdf()
    progress = widget.findChild(JobProgressDialog)
    assert progress is not None
    cancel = progress.findChild(QPushButton)
    assert cancel is not None and cancel.text() == "Batal"
    cancel.click()
    qtbot.waitUntil(lambda: widget.done_label.isVisible(), timeout=30_000)
    assert widget.done_label.text() == "Dibatalkan; tidak ada label yang dicetak."
    assert not target.exists()
    assert list(tmp_path.glob("*.pdf*")) == []
    assert list(widget._folder.iterdir()) == []
    assert printed_numbers() == set()
    assert OrderEvent.select().where(OrderEvent.kind == "printed").count() == 0
    folder = widget._folder
    widget.close()
    assert not folder.exists()


class PdfPrintDialog(QObject):
    """Stands in for QPrintDialog: the seller picks "Print to File (PDF)" and presses Print."""

    accepted = Signal()
    finished = Signal(int)
    target: Path

    def __init__(self, printer: QPrinter, _parent: QWidget) -> None:
        super().__init__()
        self.printer = printer

    def setWindowTitle(self, _title: str) -> None:
        pass

    def open(self) -> None:
        self.printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer.setOutputFileName(str(self.target))
        self.accepted.emit()
        self.finished.emit(1)


def test_cetak_paints_every_page_onto_the_printer_and_marks_printed(
    qtbot, dialog, tmp_path: Path, monkeypatch
) -> None:
    PdfPrintDialog.target = tmp_path / "printer.pdf"
    monkeypatch.setattr(print_labels, "QPrintDialog", PdfPrintDialog)
    widget = dialog()
    widget.set_size("80mm")
    with qtbot.waitSignal(widget.printed, timeout=30_000):
        widget.print_labels()
    assert widget.done_label.text() == "3 label dicetak"
    assert not widget.open_folder_button.isVisible()
    assert len(pdf_pages(PdfPrintDialog.target)) == 3
    assert printed_numbers() == set(NUMBERS)
    event = OrderEvent.get(OrderEvent.kind == "printed")
    assert (event.author, event.detail) == ("Rina", "Label thermal 80 mm dicetak")


@pytest.mark.parametrize("size", ["a4", "58mm"])
def test_print_pdf_gives_each_printer_page_the_pdf_page_size(
    qtbot, orders: list[int], tmp_path: Path, size: str
) -> None:
    OrderItem.insert_many(
        [{"order": orders[1], "product": f"Gamis Katun {n}", "quantity": 1} for n in range(6)]
    ).execute()  # a longer thermal label: pages of different heights
    source = render_labels_pdf(orders * 3, tmp_path / "labels.pdf", size).path
    document = open_pdf(source)
    try:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "printed.pdf"))
        assert print_pdf(printer, document) == document.pageCount()
    finally:
        document.close()
    wanted = pdf_pages(source)
    got = pdf_pages(tmp_path / "printed.pdf")
    assert len(got) == len(wanted) == (3 if size == "a4" else 9)
    assert len(set(wanted)) == (1 if size == "a4" else 2)
    for (w1, h1), (w2, h2) in zip(got, wanted, strict=True):
        assert abs(w1 - w2) < 1.5 and abs(h1 - h2) < 1.5


def test_preview_shows_the_pdf_pages_and_prints_from_there(
    qtbot, dialog, tmp_path: Path, monkeypatch
) -> None:
    PdfPrintDialog.target = tmp_path / "dari-pratinjau.pdf"
    monkeypatch.setattr(print_labels, "QPrintDialog", PdfPrintDialog)
    widget = dialog()
    widget.set_size("a6")
    widget.show_preview()
    qtbot.waitUntil(lambda: widget.preview is not None, timeout=30_000)
    preview = widget.preview
    assert preview is not None
    assert preview.page_label.text() == "Halaman 1 dari 3"
    preview.next_page()
    qtbot.waitUntil(lambda: preview.page_label.text() == "Halaman 2 dari 3")
    assert printed_numbers() == set()  # looking is not printing
    with qtbot.waitSignal(widget.printed, timeout=30_000):
        preview.print_button.click()
    assert len(pdf_pages(PdfPrintDialog.target)) == 3
    assert printed_numbers() == set(NUMBERS)


def test_size_choice_is_remembered(dialog) -> None:
    first = dialog()
    first.set_size("58mm")
    first.close()
    assert dialog().size == "58mm"


def test_print_all_to_ship_without_such_orders_says_so(qtbot, db) -> None:
    make_order("2411224DONE01", status="delivered")
    panel, _refreshed = orders_panel(qtbot)
    printing = OrdersPrint(panel)
    printing.print_all_to_ship()
    assert printing.dialog is None
    box = printing.message
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.text() == "Tidak ada pesanan Perlu Dikirim; tidak ada label untuk dicetak."
    printing.print_ids([])
    assert printing.message.text().startswith("Pilih pesanan dulu")


def test_print_all_to_ship_opens_the_dialog_and_refreshes_the_list_after(
    qtbot, orders: list[int], tmp_path: Path, monkeypatch
) -> None:
    make_order("2411224DONE02", status="delivered")
    save_to(monkeypatch, tmp_path / "semua.pdf")
    panel, refreshed = orders_panel(qtbot)
    printing = OrdersPrint(panel)
    printing.print_all_to_ship()
    widget = printing.dialog
    assert widget is not None and widget.order_ids == orders
    with qtbot.waitSignal(widget.printed, timeout=30_000):
        widget.save_pdf()
    assert refreshed == [1]
    assert "2411224DONE02" not in pdf_text(tmp_path / "semua.pdf")
    widget.close()
    QThreadPool.globalInstance().waitForDone(30_000)


def orders_panel(qtbot) -> tuple[OrdersPanel, list[int]]:
    """The real Pesanan panel, counting its refreshes (the list re-read after printing)."""
    panel = OrdersPanel()
    qtbot.addWidget(panel)
    refreshed: list[int] = []
    original = panel.refresh

    def refresh() -> None:
        refreshed.append(1)
        original()

    panel.refresh = refresh  # type: ignore[method-assign]
    return panel, refreshed
