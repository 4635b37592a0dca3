"""`csdesk --self-test`: open the real main window, visit every panel, report, exit.

It proves a build works on the machine it runs on (a PyInstaller folder included): Qt loads
its plugins, the database opens, every panel builds and fills its detail pane. Each panel
prints one line (`ok Pesanan: 1.000 baris, 85 ms`); `--screenshots DIR` saves what each panel
looked like at 1280×800, which is also where the README's images come from. The database is
only read: the welcome page, if the database would show it, is skipped without saving.

With `--screenshots`, the shipping labels are pictured too, rendered by the app's own print
path (the PDF the seller prints, rasterised by QtPdf): `label.png`, one A6 label, and
`label-a4.png`, an A4 sheet of four, from the first orders waiting to be shipped.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QThreadPool
from PySide6.QtWidgets import QApplication

from csdesk.errors import CsdeskError

WINDOW_SIZE = (1280, 800)
EXIT_FAILED = 1
EXIT_NO_DATABASE = 2
LABELS_PICTURED = 4
# (size, file, title, pixels per mm): one A6 label at about its real size on a common screen
# (~3.8 px/mm at 96 dpi), so its small print stays legible; the A4 sheet at a size a README
# shows whole.
LABEL_PICTURES = (
    ("a6", "label.png", "Label A6", 4.0),
    ("a4", "label-a4.png", "Label A4", 2.5),
)


def _use_offscreen_without_display() -> None:
    """On Linux without X11/Wayland (CI, SSH) render offscreen; Windows and macOS always have
    a screen."""
    headless = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _settle(app: QApplication) -> None:
    """Let queued work (background counts, layouts, paints) finish before measuring or grabbing."""
    QThreadPool.globalInstance().waitForDone(10_000)
    for _ in range(3):
        app.processEvents()


def _describe_rows(panel: object) -> str:
    from csdesk.ui.widgets.cells import number

    row_count = getattr(panel, "row_count", None)
    if callable(row_count):
        return f"{number(row_count())} baris, "
    return ""


def run_self_test(db_target: str | None, screenshots: Path | None) -> int:
    _use_offscreen_without_display()
    from csdesk.app import create_application
    from csdesk.services.database import close_database, open_database

    app = create_application()
    try:
        database = open_database(db_target)
    except CsdeskError as exc:
        print(f"GAGAL database: {exc}", flush=True)
        return EXIT_NO_DATABASE

    from csdesk.ui.main_window import MainWindow

    failures = 0
    started = time.perf_counter()
    window = MainWindow(database)
    try:
        window.leave_welcome()
        window.resize(*WINDOW_SIZE)
        window.show()
        _settle(app)
        if screenshots is not None:
            screenshots.mkdir(parents=True, exist_ok=True)
        for spec in window.specs:
            if not _visit(app, window, spec.key, spec.title, screenshots):
                failures += 1
        if screenshots is not None:
            failures += _picture_labels(screenshots)
    finally:
        _settle(app)
        window.hide()
        window.deleteLater()
        QCoreApplication.sendPostedEvents()
        close_database()
    total_ms = round((time.perf_counter() - started) * 1000)
    verdict = "selesai" if not failures else f"{failures} GAGAL"
    print(f"{verdict}: {len(window.specs)} panel, {total_ms} ms", flush=True)
    return EXIT_FAILED if failures else 0


def _visit(app: QApplication, window: object, key: str, title: str, shots: Path | None) -> bool:
    """Show one panel, select its first row, report; False (with the reason) when it fails."""
    try:
        t0 = time.perf_counter()
        panel = window.show_panel(key)  # type: ignore[attr-defined]
        select_first = getattr(panel, "select_first", None)
        if callable(select_first):
            select_first()
        _settle(app)
        elapsed = round((time.perf_counter() - t0) * 1000)
        if shots is not None:
            target = shots / f"{key}.png"
            if not window.grab().save(str(target)):  # type: ignore[attr-defined]
                raise OSError(f"gambar tidak bisa disimpan: {target}")
        print(f"ok {title}: {_describe_rows(panel)}{elapsed} ms", flush=True)
        return True
    except Exception as exc:
        print(f"GAGAL {title}: {type(exc).__name__}: {exc}", flush=True)
        traceback.print_exc(file=sys.stderr)
        return False


def _orders_to_picture() -> list[int]:
    """The first orders waiting to be shipped (earliest deadline first), those with a resi
    before those without (a label with its barcode shows more), else the newest orders."""
    from csdesk.errors import NotFoundError
    from csdesk.models import Order
    from csdesk.services.listing import ListQuery
    from csdesk.services.orders_list import OrderListSource
    from csdesk.services.printing.print_run import order_ids_for

    try:
        waiting = order_ids_for(status="to_ship")
    except NotFoundError:
        return OrderListSource().ids(ListQuery(), limit=LABELS_PICTURED)
    with_resi = {
        order.id
        for order in Order.select(Order.id).where(
            Order.id.in_(waiting[:200]), Order.tracking_no != ""
        )
    }
    waiting.sort(key=lambda order_id: order_id not in with_resi)  # stable: deadlines kept
    return waiting[:LABELS_PICTURED]


def _picture_labels(shots: Path) -> int:
    """Save the label pictures; returns how many failed. Nothing is marked printed."""
    ids = _orders_to_picture()
    if not ids:
        print("lewati label: belum ada pesanan", flush=True)
        return 0
    return sum(
        not _picture_label(ids, size, shots / name, title, scale)
        for size, name, title, scale in LABEL_PICTURES
    )


def _picture_label(ids: list[int], size: str, target: Path, title: str, px_per_mm: float) -> bool:
    from csdesk.services.printing.print_run import render_labels_pdf
    from csdesk.services.printing.sizes import LABEL_SIZES
    from csdesk.ui.dialogs.pdf_pages import open_pdf, render_page_mm

    try:
        t0 = time.perf_counter()
        first_page = ids[: LABEL_SIZES[size].labels_per_page]
        with tempfile.TemporaryDirectory(prefix="csdesk-selftest-") as folder:
            result = render_labels_pdf(first_page, Path(folder) / "label.pdf", size)
            document = open_pdf(result.path)
            try:
                image = render_page_mm(document, 0, px_per_mm)
            finally:
                document.close()
        if not image.save(str(target)):
            raise OSError(f"gambar tidak bisa disimpan: {target}")
        elapsed = round((time.perf_counter() - t0) * 1000)
        print(f"ok {title}: {target.name}, {result.labels} label, {elapsed} ms", flush=True)
        return True
    except Exception as exc:
        print(f"GAGAL {title}: {type(exc).__name__}: {exc}", flush=True)
        traceback.print_exc(file=sys.stderr)
        return False
