"""PDF pages on paper and on screen: painted onto a QPrinter, rendered into a QImage, shown in
a preview dialog.

The labels exist once, as the PDF reportlab writes; the screen, the printer and the saved file
all show that PDF, so what the seller previews is what comes out. Qt cannot send a PDF to a
printer as is, so each page is rasterised by QtPdf at the printer's resolution (capped: a
1200 dpi laser gains nothing on labels over 300 dpi but would need 16 times the memory) and
drawn on a printer page of the PDF page's own size — thermal labels vary in height page by page.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QObject, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import QImage, QKeySequence, QPageLayout, QPageSize, QPainter, QShortcut
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from csdesk.errors import CsdeskError
from csdesk.services.printing.print_run import PrintCancelled
from csdesk.ui import glyphs

MAX_PRINT_DPI = 300
POINTS_PER_INCH = 72.0
MM_PER_INCH = 25.4
ZOOM_STEP = 1.25


class PdfOpenError(CsdeskError):
    """QtPdf could not read the PDF the labels were written to."""


def open_pdf(path: Path, parent: QObject | None = None) -> QPdfDocument:
    """The PDF at `path`, loaded; the caller closes it (`document.close()`) when done."""
    document = QPdfDocument(parent)
    error = document.load(str(path))
    if error != QPdfDocument.Error.None_:
        document.close()
        raise PdfOpenError(f"PDF {path.name} tidak bisa dibuka ({error.name})")
    return document


def render_page(document: QPdfDocument, page: int, dpi: float) -> QImage:
    """Page `page` as an image at `dpi`, on white (a PDF page has no background of its own)."""
    points = document.pagePointSize(page)
    pixels = QSize(
        max(1, round(points.width() * dpi / POINTS_PER_INCH)),
        max(1, round(points.height() * dpi / POINTS_PER_INCH)),
    )
    image = document.render(page, pixels)
    if image.hasAlphaChannel():
        flat = QImage(image.size(), QImage.Format.Format_RGB32)
        flat.fill(Qt.GlobalColor.white)
        painter = QPainter(flat)
        painter.drawImage(0, 0, image)
        painter.end()
        return flat
    return image


def render_page_mm(document: QPdfDocument, page: int, px_per_mm: float) -> QImage:
    """Page `page` at `px_per_mm` pixels per millimetre (README pictures)."""
    return render_page(document, page, px_per_mm * MM_PER_INCH)


def _page_layout(points: QSizeF) -> QPageLayout:
    size = QPageSize(points, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = (
        QPageLayout.Orientation.Landscape
        if points.width() > points.height()
        else QPageLayout.Orientation.Portrait
    )
    return QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)


def print_pdf(
    printer: QPrinter,
    document: QPdfDocument,
    progress: Callable[[int, int], None] | None = None,
    is_cancelled: Callable[[], bool] | None = None,
) -> int:
    """Every page of `document` onto `printer`, each on a page of its own size with no margins;
    returns the pages painted. This is the code path of both the "Cetak" button and the tests
    (which point the printer at a PDF file). A cancel aborts the print job (nothing is sent)
    and raises PrintCancelled.

    Safe on a worker thread when `document` was opened there: QPrinter is a plain paint device
    and QtPdf serialises its renderer."""
    count = document.pageCount()
    if count == 0:
        return 0
    printer.setFullPage(True)
    printer.setPageLayout(_page_layout(document.pagePointSize(0)))
    painter = QPainter()
    if not painter.begin(printer):
        raise CsdeskError("Printer tidak bisa dipakai; periksa printer lalu coba lagi")
    try:
        for page in range(count):
            if is_cancelled is not None and is_cancelled():
                printer.abort()
                raise PrintCancelled()
            if page:
                printer.setPageLayout(_page_layout(document.pagePointSize(page)))
                printer.newPage()
            _paint_page(painter, printer, document, page)
            if progress is not None:
                progress(page + 1, count)
    finally:
        painter.end()
    return count


def _paint_page(painter: QPainter, printer: QPrinter, document: QPdfDocument, page: int) -> None:
    """One page, scaled to fit the paper (a driver may refuse the exact size) and kept at its
    proportions, from the top left corner where label printers start."""
    dpi = min(printer.resolution(), MAX_PRINT_DPI)
    image = render_page(document, page, dpi)
    paper = QRectF(printer.pageLayout().fullRectPixels(printer.resolution()))
    scale = min(paper.width() / image.width(), paper.height() / image.height())
    target = QRectF(QPointF(0, 0), QSizeF(image.width() * scale, image.height() * scale))
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.drawImage(target, image)


class LabelPreviewDialog(QDialog):
    """The PDF itself on screen (see print_labels for why not QPrintPreviewDialog): pages one
    under the other, zoom, page buttons, and the dialog's Cetak / Simpan PDF actions."""

    print_requested = Signal()
    save_requested = Signal()

    def __init__(self, path: Path, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.document = open_pdf(path, self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        self.view.setPageSpacing(12)
        self.view.setStyleSheet("QPdfView { background: #7b8490; }")
        self.view.pageNavigator().currentPageChanged.connect(self._page_changed)

        def tool(icon: str, tip: str, slot: Callable[[], None], keys: str) -> QToolButton:
            button = QToolButton(self)
            button.setIcon(glyphs.icon(icon, color="#4a5360"))
            button.setToolTip(f"{tip} ({keys})" if keys else tip)
            button.clicked.connect(slot)
            if keys:
                QShortcut(QKeySequence(keys), self, slot)
            return button

        self.page_label = QLabel(self)
        self.page_label.setObjectName("previewPage")
        self.page_label.setMinimumWidth(130)
        self.page_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bar = QHBoxLayout()
        bar.addWidget(tool("fa6s.chevron-left", self.tr("Halaman sebelumnya"), self.previous_page,
                           "Ctrl+PgUp"))  # fmt: skip
        bar.addWidget(self.page_label)
        bar.addWidget(tool("fa6s.chevron-right", self.tr("Halaman berikutnya"), self.next_page,
                           "Ctrl+PgDown"))  # fmt: skip
        bar.addSpacing(12)
        bar.addWidget(tool("fa6s.magnifying-glass-minus", self.tr("Perkecil"), self.zoom_out,
                           "Ctrl+-"))  # fmt: skip
        bar.addWidget(tool("fa6s.magnifying-glass-plus", self.tr("Perbesar"), self.zoom_in,
                           "Ctrl++"))  # fmt: skip
        bar.addWidget(tool("fa6s.expand", self.tr("Satu halaman penuh"), self.fit_page,
                           "Ctrl+0"))  # fmt: skip
        bar.addStretch(1)
        close = QPushButton(self.tr("Tutup"), self)
        close.setAutoDefault(False)
        close.clicked.connect(self.close)
        save = QPushButton(self.tr("Simpan PDF…"), self)
        save.setAutoDefault(False)
        save.setToolTip(self.tr("Simpan label sebagai file PDF (Ctrl+S)"))
        save.clicked.connect(self.save_requested)
        self.print_button = QPushButton(glyphs.icon("fa6s.print", color="white"), self.tr("Cetak…"))
        self.print_button.setObjectName("primary")
        self.print_button.setToolTip(self.tr("Pilih printer lalu cetak (Ctrl+P)"))
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.print_requested)
        bar.addWidget(close)
        bar.addWidget(save)
        bar.addWidget(self.print_button)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_requested.emit)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_requested.emit)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        self.resize(620, 760)
        self.finished.connect(self.document.close)
        self._page_changed(0)

    def page(self) -> int:
        return self.view.pageNavigator().currentPage()

    def go_to(self, page: int) -> None:
        page = max(0, min(page, self.document.pageCount() - 1))
        self.view.pageNavigator().jump(page, QPointF(), self.view.pageNavigator().currentZoom())

    def previous_page(self) -> None:
        self.go_to(self.page() - 1)

    def next_page(self) -> None:
        self.go_to(self.page() + 1)

    def zoom_in(self) -> None:
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    def _zoom(self, factor: float) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(max(0.2, min(factor, 8.0)))

    def _page_changed(self, page: int) -> None:
        self.page_label.setText(
            self.tr("Halaman %s dari %s") % (page + 1, self.document.pageCount())
        )
