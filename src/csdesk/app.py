"""Start-up of the desktop app: QApplication, one instance per data folder, logging, crash
reports, and the database opened before any window.

`run_gui` is what `csdesk` without a command runs; `create_application` is shared with the
self-test so both look the same.
"""

from __future__ import annotations

import faulthandler
import logging
import logging.handlers
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import IO

from PySide6.QtCore import QCoreApplication, QLockFile, QObject, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from csdesk import APP_NAME, __version__, paths
from csdesk.errors import DatabaseOpenError

log = logging.getLogger("csdesk")

LOG_FILE = "csdesk.log"
FAULT_FILE = "crash-native.log"
_fault_stream: IO[str] | None = None  # kept open for faulthandler for the app's lifetime


def setup_logging() -> Path:
    """Rotating log in the data folder; returns its path."""
    folder = paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    log_path = folder / LOG_FILE
    root = logging.getLogger()
    if not any(getattr(h, "baseFilename", None) == str(log_path) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            log_path, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return log_path


def enable_faulthandler() -> None:
    """A hard crash inside Qt leaves no Python traceback; faulthandler writes one to a file."""
    global _fault_stream
    if _fault_stream is None:
        _fault_stream = (paths.log_dir() / FAULT_FILE).open("a", encoding="utf-8")
        faulthandler.enable(_fault_stream)


def disable_faulthandler() -> None:
    """Stop writing native tracebacks and close the file (run_gui may run again, in tests)."""
    global _fault_stream
    if _fault_stream is not None:
        faulthandler.disable()
        _fault_stream.close()
        _fault_stream = None


def create_application() -> QApplication:
    """The QApplication with csdesk's name, icon and look (reused when one already exists)."""
    from csdesk.ui.icon import app_icon
    from csdesk.ui.theme import apply_theme

    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    app.setApplicationDisplayName("csdesk")
    app.setWindowIcon(app_icon())
    apply_theme(app)
    return app


class CrashReporter(QObject):
    """Turns an uncaught exception (from any thread) into a log entry and a crash dialog.

    The dialog is shown through a queued signal, so an error on a worker thread still opens it
    on the GUI thread.
    """

    _show = Signal(str)

    def __init__(self, log_path: Path):
        super().__init__()
        self.log_path = log_path
        self._showing = False
        self._show.connect(self._show_dialog)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def excepthook(
        self,
        kind: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        details = "".join(traceback.format_exception(kind, exc, tb))
        log.critical("uncaught exception\n%s", details)
        self._show.emit(f"csdesk {__version__}\n{details}")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self.excepthook(args.exc_type, args.exc_value, args.exc_traceback)

    def _show_dialog(self, details: str) -> None:
        if self._showing:  # a second error while the first is on screen: logged only
            return
        from csdesk.ui.dialogs.crash import CrashDialog

        self._showing = True
        try:
            CrashDialog(details, self.log_path, QApplication.activeWindow()).exec()
        finally:
            self._showing = False


def acquire_single_instance() -> QLockFile | None:
    """The lock that keeps a second csdesk off the same data folder; None when it is held."""
    folder = paths.data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(folder / "csdesk.lock"))
    if not lock.tryLock(200):
        return None
    return lock


def run_gui(db_target: str | None) -> int:
    """Open the main window on the database; returns the process exit status."""
    log_path = setup_logging()
    enable_faulthandler()
    try:
        return _run_window(db_target, log_path)
    finally:
        disable_faulthandler()


def _run_window(db_target: str | None, log_path: Path) -> int:
    from csdesk.services.database import close_database, open_database

    app = create_application()
    lock = acquire_single_instance()
    if lock is None:
        QMessageBox.information(None, "csdesk", app.tr("csdesk sudah terbuka di jendela lain."))
        return 0
    reporter = CrashReporter(log_path)
    reporter.install()
    log.info("csdesk %s starting (pid %s)", __version__, os.getpid())
    try:
        database = open_database(db_target)
    except DatabaseOpenError as exc:
        log.warning("database refused: %s", exc)
        QMessageBox.critical(None, app.tr("Database tidak bisa dibuka"), str(exc))
        lock.unlock()
        return 2

    from csdesk.ui.main_window import MainWindow

    window = MainWindow(database)
    window.show()
    try:
        return app.exec()
    finally:
        from csdesk.ui.workers import stop_all

        stop_all()
        close_database()
        lock.unlock()
        log.info("csdesk stopped")
