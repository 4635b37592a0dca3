"""Pesanan → "Cetak label…": shipping labels for the chosen orders, previewed, printed or saved.

One rendering path: the labels are rendered once, by the printing service, to a PDF in a
private temporary folder (off the GUI thread, behind a progress dialog whose Cancel leaves no
file and marks nothing). The preview shows that PDF, "Cetak" paints its pages onto the printer
(`pdf_pages.print_pdf`), "Simpan PDF" copies it; so the preview is exactly what comes out.

The preview is a QPdfView in a dialog of its own rather than a QPrintPreviewDialog: QPdfView
draws the vector PDF crisply at any zoom and renders only the pages in sight, so a day's 300
labels open at once, while QPrintPreviewDialog would rasterise every page into memory on the
GUI thread before showing the first. Its "Cetak…" button goes through the same printer path.

Only a successful print or save marks the orders printed (`printed_at` and an event), and an
order printed before is named in a warning: "Lewati yang sudah dicetak" leaves them out, and
printing them again asks once more.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from csdesk import paths
from csdesk.errors import CsdeskError
from csdesk.services import conversations, fmt
from csdesk.services import settings as shop_settings
from csdesk.services.printing.print_run import (
    PrintCancelled,
    PrintedBefore,
    RenderResult,
    already_printed,
    mark_printed,
    render_labels_pdf,
)
from csdesk.services.printing.sizes import DEFAULT_SIZE, LABEL_SIZES
from csdesk.ui import glyphs
from csdesk.ui.dialogs.pdf_pages import LabelPreviewDialog, open_pdf, print_pdf
from csdesk.ui.widgets.card import Card, LinkButton, heading_label, muted_label, plain_label
from csdesk.ui.widgets.cells import number
from csdesk.ui.widgets.progress import run_with_progress
from csdesk.ui.workers import BackgroundOp, show_error

SIZE_SETTING = "print/label_size"
NAMES_SHOWN = 5
WARNING_STYLE = "QLabel { background: #fff1d6; color: #8a5300; border-radius: 6px; padding: 8px; }"
DONE_STYLE = "QLabel { background: #dcf5e3; color: #1b6b35; border-radius: 6px; padding: 8px; }"


def print_settings() -> QSettings:
    """Beside the data, like the window geometry, so a test or portable data folder keeps its
    own choice."""
    return QSettings(str(paths.data_dir() / "window.ini"), QSettings.Format.IniFormat)


def printed_when(utc: dt.datetime, zone: str) -> str:
    """`22 Nov 14.05` in the shop's zone: enough to recognise this morning's print run."""
    t = fmt.to_local(utc, zone)
    return f"{t.day}\N{NO-BREAK SPACE}{fmt.MONTHS[t.month - 1]}\N{NO-BREAK SPACE}{t:%H.%M}"


class PrintLabelsDialog(QDialog):
    """`printed(count)` fires after labels were printed or saved and the orders marked."""

    printed = Signal(int)

    def __init__(self, order_ids: list[int], parent: QWidget | None = None, author: str = ""):
        super().__init__(parent)
        self.order_ids = list(dict.fromkeys(order_ids))
        self.author = author or conversations.current_author()
        self.zone = shop_settings.load().zone
        self.before: list[PrintedBefore] = []
        self.preview: LabelPreviewDialog | None = None
        self.confirm_box: QMessageBox | None = None
        self.saved_to: Path | None = None
        self._folder = Path(tempfile.mkdtemp(prefix="csdesk-label-"))
        self._rendered: tuple[tuple[tuple[int, ...], str], RenderResult] | None = None
        self._renders = 0
        self._busy = False
        self._closed = False
        self._op: BackgroundOp | None = None
        self.setWindowTitle(self.tr("Cetak label pengiriman"))
        self.setMinimumWidth(520)
        self._build()
        self.finished.connect(self._cleanup)
        self.refresh_printed()

    # --- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = heading_label(self.tr("Cetak label pengiriman"), size_delta=3)
        self.summary = plain_label()
        self.summary.setObjectName("printSummary")

        card = Card(self.tr("Ukuran label"), self)
        self.sizes = QButtonGroup(self)
        chosen = str(print_settings().value(SIZE_SETTING, DEFAULT_SIZE))
        if chosen not in LABEL_SIZES:
            chosen = DEFAULT_SIZE
        for key, size in LABEL_SIZES.items():
            button = QRadioButton(size.title, card)
            button.setProperty("sizeKey", key)
            button.setChecked(key == chosen)
            self.sizes.addButton(button)
            card.add(button)
        self.sizes.buttonToggled.connect(self._size_changed)

        self.warning = QLabel(self)
        self.warning.setObjectName("printedWarning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.skip_printed = QCheckBox(self.tr("&Lewati yang sudah dicetak"), self)
        self.skip_printed.toggled.connect(self._update_summary)

        self.done_label = QLabel(self)
        self.done_label.setObjectName("printDone")
        self.done_label.setTextFormat(Qt.TextFormat.PlainText)
        self.done_label.setWordWrap(True)
        self.done_label.setStyleSheet(DONE_STYLE)
        self.open_folder_button = LinkButton(self.tr("Buka folder"), self)
        self.open_folder_button.clicked.connect(self.open_folder)
        done_row = QHBoxLayout()
        done_row.addWidget(self.done_label, 1)
        done_row.addWidget(self.open_folder_button)

        self.close_button = QPushButton(self.tr("Tutup"), self)
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        self.save_button = QPushButton(
            glyphs.icon("fa6s.file-pdf", color="#4a5360"), self.tr("Simpan PDF…"), self
        )
        self.save_button.setToolTip(self.tr("Simpan label sebagai file PDF (Ctrl+S)"))
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save_pdf)
        self.print_button = QPushButton(
            glyphs.icon("fa6s.print", color="#4a5360"), self.tr("Cetak…"), self
        )
        self.print_button.setToolTip(self.tr("Pilih printer lalu cetak (Ctrl+P)"))
        self.print_button.setAutoDefault(False)
        self.print_button.clicked.connect(self.print_labels)
        self.preview_button = QPushButton(
            glyphs.icon("fa6s.eye", color="white"), self.tr("Pratinjau…"), self
        )
        self.preview_button.setObjectName("primary")
        self.preview_button.setToolTip(self.tr("Lihat label persis seperti yang akan dicetak"))
        self.preview_button.setDefault(True)
        self.preview_button.clicked.connect(self.show_preview)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.preview_button)
        QShortcut(QKeySequence.StandardKey.Print, self, self.print_labels)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_pdf)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 14, 16, 14)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addWidget(card)
        layout.addWidget(self.warning)
        layout.addWidget(self.skip_printed)
        layout.addLayout(done_row)
        layout.addWidget(muted_label(self.tr("Pesanan ditandai sudah dicetak setelah dicetak "
                                             "atau disimpan sebagai PDF.")))  # fmt: skip
        layout.addStretch(1)
        layout.addLayout(buttons)
        self._show_done("")

    # --- state ----------------------------------------------------------------------------

    @property
    def size(self) -> str:
        button = self.sizes.checkedButton()
        return str(button.property("sizeKey")) if button is not None else DEFAULT_SIZE

    def set_size(self, key: str) -> None:
        for button in self.sizes.buttons():
            if button.property("sizeKey") == key:
                button.setChecked(True)

    def ids_to_print(self) -> list[int]:
        if not self.skip_printed.isChecked():
            return list(self.order_ids)
        skipped = {p.order_id for p in self.before}
        return [i for i in self.order_ids if i not in skipped]

    def reprints(self) -> int:
        """How many of the labels about to be printed were printed before."""
        return 0 if self.skip_printed.isChecked() else len(self.before)

    def refresh_printed(self) -> None:
        """Read which orders were printed before; skipping them is the default when only some
        were (the day's new orders plus a few from this morning's run)."""
        self.before = already_printed(self.order_ids)
        if self.before:
            lines = [
                f"{p.order_no} ({printed_when(p.printed_at, self.zone)})"
                for p in self.before[:NAMES_SHOWN]
            ]
            more = len(self.before) - NAMES_SHOWN
            if more > 0:
                lines.append(self.tr("dan %s lainnya") % number(more))
            heading = self.tr("%s pesanan sudah pernah dicetak:") % number(len(self.before))
            self.warning.setText("\n".join([heading, *lines]))
        self.warning.setVisible(bool(self.before))
        self.skip_printed.setVisible(bool(self.before))
        self.skip_printed.setChecked(0 < len(self.before) < len(self.order_ids))
        self._update_summary()
        self._fit()

    def _update_summary(self) -> None:
        count = len(self.ids_to_print())
        size = LABEL_SIZES[self.size]
        text = self.tr("%s pesanan · %s label") % (number(len(self.order_ids)), number(count))
        if size.labels_per_page > 1:
            sheets = -(-count // size.labels_per_page)
            text += self.tr(" · %s lembar") % number(sheets)
        skipped = len(self.order_ids) - count
        if skipped:
            text += self.tr(" (%s dilewati)") % number(skipped)
        self.summary.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = bool(self.ids_to_print()) and not self._busy
        for button in (self.preview_button, self.print_button, self.save_button):
            button.setEnabled(ready)

    def _size_changed(self, _button: object, checked: bool) -> None:
        if checked:
            print_settings().setValue(SIZE_SETTING, self.size)
            self._update_summary()

    def _show_done(self, text: str, folder: Path | None = None) -> None:
        self.done_label.setText(text)
        self.done_label.setVisible(bool(text))
        self.saved_to = folder
        self.open_folder_button.setVisible(folder is not None)
        self._fit()

    def _fit(self) -> None:
        """Grow to show a warning or result line that appeared, rather than squash the rest
        (a layout's minimum size ignores how tall wrapped text becomes)."""
        if not self.isVisible():
            return
        self.layout().activate()
        wanted = self.heightForWidth(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    # --- actions --------------------------------------------------------------------------

    def show_preview(self) -> None:
        self._with_pdf(self._open_preview)

    def print_labels(self) -> None:
        self._confirm_reprint(self._choose_printer)

    def save_pdf(self) -> None:
        self._confirm_reprint(self._choose_file)

    def open_folder(self) -> None:
        if self.saved_to is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.saved_to)))

    def _confirm_reprint(self, then: Any) -> None:
        """Printing a label twice happens (a torn label, a jammed printer) but never by
        accident: the seller says so once more."""
        if not self.ids_to_print() or self._busy:
            return
        count = self.reprints()
        if not count:
            then()
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Cetak ulang label?"),
            self.tr(
                "%s label sudah pernah dicetak dan akan dicetak lagi. "
                "Centang “Lewati yang sudah dicetak” untuk melewatinya."
            )
            % number(count),
            parent=self._front(),
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        again = box.addButton(self.tr("Cetak ulang"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Batal"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(again)
        again.clicked.connect(then)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def _with_pdf(self, then: Any) -> None:
        """Render the labels (or reuse the last render of the same orders and size), then
        call `then(result)` on the GUI thread."""
        ids, size = self.ids_to_print(), self.size
        key = (tuple(ids), size)
        if self._rendered is not None and self._rendered[0] == key:
            then(self._rendered[1])
            return
        self._renders += 1
        target = self._folder / f"label-{size}-{self._renders}.pdf"

        def work(progress: Any, cancelled: Any) -> RenderResult:
            return render_labels_pdf(ids, target, size, progress=progress, is_cancelled=cancelled)

        def done(result: RenderResult) -> None:
            self._set_busy(False)
            if self._closed:
                return
            self._rendered = (key, result)
            then(result)

        self._set_busy(True)
        self._show_done("")
        self._op, _ = run_with_progress(
            self,
            self.tr("Cetak label"),
            self.tr("Menyiapkan %s label…") % number(len(ids)),
            work,
            done,
            self._failed,
        )

    def _open_preview(self, result: RenderResult) -> None:
        if self.preview is not None:
            self.preview.close()
        size = LABEL_SIZES[self.size]
        preview = LabelPreviewDialog(
            result.path,
            self.tr("Pratinjau: %s label %s") % (number(result.labels), size.title),
            self,
        )
        preview.print_requested.connect(self.print_labels)
        preview.save_requested.connect(self.save_pdf)
        preview.finished.connect(lambda _code: self._forget_preview(preview))
        self.preview = preview
        preview.show()

    def _forget_preview(self, preview: LabelPreviewDialog) -> None:
        if self.preview is preview:
            self.preview = None

    def _front(self) -> QWidget:
        """Where questions appear: over the preview while it is open."""
        return self.preview if self.preview is not None else self

    def _choose_printer(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Label pengiriman"))
        chooser = QPrintDialog(printer, self._front())
        chooser.setWindowTitle(self.tr("Cetak label"))
        chooser.accepted.connect(lambda: self._with_pdf(lambda r: self._print_to(printer, r)))
        chooser.finished.connect(chooser.deleteLater)
        chooser.open()

    def _print_to(self, printer: QPrinter, result: RenderResult) -> None:
        ids, size = self.ids_to_print(), self.size

        def work(progress: Any, cancelled: Any) -> int:
            # Opened on the worker thread that paints it: QtPdf objects stay on one thread.
            document = open_pdf(result.path)
            try:
                return print_pdf(printer, document, progress, cancelled)
            finally:
                document.close()

        def done(_pages: int) -> None:
            self._set_busy(False)
            if not self._closed:
                self._finish(ids, size, self.tr("%s label dicetak") % number(len(ids)))

        self._set_busy(True)
        self._op, _ = run_with_progress(
            self,
            self.tr("Cetak label"),
            self.tr("Mengirim %s halaman ke printer…") % number(result.pages),
            work,
            done,
            self._failed,
        )

    def _choose_file(self) -> None:
        default = Path.home() / f"label-{dt.date.today():%Y-%m-%d}.pdf"
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Simpan label sebagai PDF"), str(default), self.tr("PDF (*.pdf)")
        )
        if not chosen:
            return
        target = Path(chosen if chosen.lower().endswith(".pdf") else chosen + ".pdf")
        self._with_pdf(lambda result: self._copy_to(target, result))

    def _copy_to(self, target: Path, result: RenderResult) -> None:
        ids, size = self.ids_to_print(), self.size
        try:
            shutil.copyfile(result.path, target)
        except OSError as exc:
            text = self.tr("File %s tidak bisa ditulis: %s") % (target, exc.strerror or exc)
            self._message(QMessageBox.Icon.Warning, text)
            return
        text = self.tr("%s label dicetak ke PDF:\n%s") % (number(len(ids)), target)
        self._finish(ids, size, text, target.parent)

    def _finish(self, ids: list[int], size: str, text: str, folder: Path | None = None) -> None:
        marked = mark_printed(ids, size, self.author)
        self.refresh_printed()
        self._show_done(text, folder)
        self.printed.emit(marked)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if self._closed:
            return
        if isinstance(exc, PrintCancelled):
            self._show_done(self.tr("Dibatalkan; tidak ada label yang dicetak."))
        elif isinstance(exc, CsdeskError):
            self._message(QMessageBox.Icon.Warning, str(exc))
        else:
            show_error(self, exc)

    def _message(self, icon: QMessageBox.Icon, text: str) -> None:
        box = QMessageBox(icon, self.tr("Cetak label"), text, parent=self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.finished.connect(box.deleteLater)
        self.confirm_box = box
        box.open()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        if not self._closed:
            self._update_buttons()

    def _cleanup(self) -> None:
        """The preview lets go of its PDF before the temporary folder goes (Windows cannot
        remove an open file); a render still running finds its folder gone and fails quietly."""
        self._closed = True
        if self._op is not None and self._op.running:
            self._op.cancel()
        if self.preview is not None:
            self.preview.close()
        shutil.rmtree(self._folder, ignore_errors=True)
