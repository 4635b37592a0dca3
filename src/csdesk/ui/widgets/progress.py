"""A progress dialog with Cancel for a background job (see csdesk.ui.workers)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from csdesk.ui.workers import BackgroundOp, JobFn, run_in_background, show_error

SHOW_AFTER_MS = 300  # quick jobs finish before a dialog would flash up


class JobProgressDialog(QProgressDialog):
    def __init__(self, title: str, label: str, parent: QWidget | None = None):
        super().__init__(label, self.tr("Batal"), 0, 0, parent)
        self.setWindowTitle(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(SHOW_AFTER_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(380)

    def show_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))


def run_with_progress(
    parent: QWidget | None,
    title: str,
    label: str,
    fn: JobFn,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> tuple[BackgroundOp, JobProgressDialog]:
    """Run `fn` in the background behind a progress dialog; Cancel asks the job to stop."""
    dialog = JobProgressDialog(title, label, parent)
    report_error = on_error or (lambda exc: show_error(parent, exc))

    def finished(result: Any) -> None:
        dialog.close()
        dialog.deleteLater()
        on_done(result)

    def failed(exc: BaseException) -> None:
        dialog.close()
        dialog.deleteLater()
        report_error(exc)

    op = run_in_background(parent, fn, finished, failed)
    op.progressed.connect(dialog.show_progress)

    def cancel() -> None:
        if not op.running:  # close() after the job ended also emits canceled
            return
        dialog.setLabelText(dialog.tr("Membatalkan…"))
        dialog.setCancelButton(None)
        op.cancel()

    dialog.canceled.connect(cancel)
    dialog.setValue(0)
    return op, dialog
