"""Long work off the UI thread: a worker runs a function on the thread pool and reports back.

The function receives `progress(n)` and `cancelled()` callables (the shape every
service that reads or writes a file accepts); its result or its error arrives
on the UI thread as a signal. Each service call opens its own short session, so
no database object crosses threads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)

Work = Callable[[Callable[[int], None], Callable[[], bool]], Any]


class _Signals(QObject):
    progressed = Signal(int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception


class BackgroundTask(QObject):
    """Start with `start()`; connect `progressed`, `succeeded`, `failed` first."""

    progressed = Signal(int)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._work = work
        self._cancel = threading.Event()
        self._signals = _Signals()
        self._signals.progressed.connect(self.progressed)
        self._signals.succeeded.connect(self._finish_ok)
        self._signals.failed.connect(self._finish_error)
        self.running = False

    def start(self, pool: QThreadPool | None = None) -> None:
        self.running = True
        runnable = _Runnable(self._work, self._signals, self._cancel)
        (pool or QThreadPool.globalInstance()).start(runnable)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _finish_ok(self, result: object) -> None:
        self.running = False
        self.succeeded.emit(result)

    def _finish_error(self, error: object) -> None:
        self.running = False
        self.failed.emit(error)


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals, cancel: threading.Event) -> None:
        super().__init__()
        self._work = work
        self._signals = signals
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._work(self._signals.progressed.emit, self._cancel.is_set)
        except Exception as exc:  # handed to the UI thread, which decides how to show it
            log.info("background task ended with %s", type(exc).__name__)
            self._signals.failed.emit(exc)
        else:
            self._signals.succeeded.emit(result)
