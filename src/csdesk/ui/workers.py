"""Background jobs: work runs on the thread pool, results come back on the GUI thread.

Anki's QueryOp idea: a job is a function `fn(progress, is_cancelled)` plus `on_done(result)` and
`on_error(exc)` callbacks, which always run on the GUI thread (queued signals), so no widget is
ever touched from a worker thread. peewee keeps one SQLite connection per thread: the job closes
its own thread's connection when it ends. It must: Python forgets a Qt pool thread's
thread-local state between jobs, so an unclosed connection would linger until garbage
collection, holding the database file open.
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from csdesk.errors import CsdeskError
from csdesk.models import database_proxy

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
JobFn = Callable[[Progress, IsCancelled], Any]


class BackgroundOp(QObject):
    """One running job. `progressed(done, total)` fires on the GUI thread as work advances."""

    progressed = Signal(int, int)
    _succeeded = Signal(object)
    _failed = Signal(object)

    def __init__(
        self,
        fn: JobFn,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self._fn = fn
        self._cancel = threading.Event()
        self.running = True
        self._succeeded.connect(lambda result: self._finish(on_done, result))
        self._failed.connect(lambda exc: self._finish(on_error, exc))

    def cancel(self) -> None:
        self._cancel.set()

    def is_cancelled(self) -> bool:
        return self._cancel.is_set()

    def _finish(self, callback: Callable[[Any], None], value: Any) -> None:
        self.running = False
        _RUNNING.discard(self)
        callback(value)

    def _work(self) -> None:
        try:
            result = self._fn(self.progressed.emit, self._cancel.is_set)
        except BaseException as exc:  # handed to on_error on the GUI thread, never lost
            self._failed.emit(exc)
        else:
            self._succeeded.emit(result)
        finally:
            _close_thread_connection()


# Jobs stay referenced until they finish, even when the caller keeps no handle.
_RUNNING: set[BackgroundOp] = set()


def _close_thread_connection() -> None:
    database = database_proxy.obj
    if database is not None and not database.is_closed():
        database.close()


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    """Errors people cause get their message in a dialog; anything else is a crash report."""
    if isinstance(exc, CsdeskError):
        QMessageBox.warning(parent, "csdesk", str(exc))
        return
    log.error("background job failed", exc_info=exc)
    sys.excepthook(type(exc), exc, exc.__traceback__)


def run_in_background(
    parent: QWidget | None,
    fn: JobFn,
    on_done: Callable[[Any], None],
    on_error: Callable[[BaseException], None] | None = None,
) -> BackgroundOp:
    """Start `fn(progress, is_cancelled)` on the thread pool; callbacks run on the GUI thread."""
    op = BackgroundOp(fn, on_done, on_error or (lambda exc: show_error(parent, exc)))
    _RUNNING.add(op)
    QThreadPool.globalInstance().start(QRunnable.create(op._work))
    return op


def running_jobs() -> int:
    return len(_RUNNING)


def stop_all(timeout_ms: int = 30_000) -> bool:
    """At exit: ask every job to stop and wait for the pool, so no worker still uses the
    database when it is closed. False when a job outlived the timeout."""
    for op in list(_RUNNING):
        op.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
