"""Long work with a progress dialog: off the UI thread, cancellable, never blocking.

The dialog is window-modal and opened with `open()` (never `exec()`), and only
after `SHOW_AFTER_MS`, so a quick job finishes without a dialog flashing up.
How much work there is is rarely known up front, so it shows a busy bar and
says how far the work has got ("Read 400 rows…").
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget
from shiboken6 import isValid

from improvement_desk.domain.errors import DeskError
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.tasks import BackgroundTask, Work

log = logging.getLogger(__name__)

SHOW_AFTER_MS = 400

_running: set[BackgroundTask] = set()  # each task is referenced here until it has finished


def running_tasks() -> int:
    """How many tasks started here have not finished yet (tests wait for none)."""
    return len(_running)


def run_with_progress(
    parent: QWidget,
    title: str,
    label: str,
    work: Work,
    on_success: Callable[[Any], None],
    on_failure: Callable[[DeskError], None] | None,
    messenger: Messenger,
    *,
    progress_text: Callable[[int], str] | None = None,
    cancellable: bool = True,
    on_cancelled: Callable[[DeskError], None] | None = None,
) -> BackgroundTask:
    """Runs `work(progress, cancelled)` in the background and returns its task.

    A result goes to `on_success`. An expected failure (`DeskError`) goes to
    `on_cancelled` when the user cancelled, else to `on_failure`, else is shown
    by `messenger`. Anything else is a bug: it is raised on the UI thread, where
    the crash handler reports it.
    """
    task = BackgroundTask(work)
    dialog = QProgressDialog(parent)
    dialog.setObjectName("progress_dialog")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    text = QLabel(dialog)
    text.setTextFormat(Qt.TextFormat.PlainText)  # the label may quote a file name
    text.setWordWrap(True)
    text.setMinimumWidth(360)
    text.setText(label)
    dialog.setLabel(text)
    dialog.setRange(0, 0)  # busy: how much there is to do is not known up front
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if cancellable:
        dialog.setCancelButtonText("Cancel")
        dialog.canceled.connect(task.cancel)
    else:
        dialog.setCancelButton(None)  # no button: cannot be stopped
    dialog.hide()
    show_timer = QTimer(dialog)
    show_timer.setSingleShot(True)

    def show() -> None:
        if task.running and not task.cancelled:
            dialog.open()

    show_timer.timeout.connect(show)

    def progressed(count: int) -> None:
        if progress_text is not None and isValid(text):
            text.setText(progress_text(count))

    def finish() -> None:
        _running.discard(task)
        if isValid(dialog):  # gone when its parent closed while the work ran
            show_timer.stop()
            dialog.reset()  # stops Qt's own show timer; hide(), not close(): close emits canceled
            dialog.hide()
            dialog.deleteLater()

    def succeeded(result: object) -> None:
        finish()
        on_success(result)

    def failed(error: object) -> None:
        finish()
        if not isinstance(error, DeskError):
            raise error if isinstance(error, BaseException) else RuntimeError(str(error))
        log.info("%s: %s", title, error)
        if task.cancelled and on_cancelled is not None:
            on_cancelled(error)
        elif on_failure is not None:
            on_failure(error)
        else:
            messenger.problem(parent, title, error)

    task.progressed.connect(progressed)
    task.succeeded.connect(succeeded)
    task.failed.connect(failed)
    _running.add(task)
    task.start()
    show_timer.start(SHOW_AFTER_MS)
    return task
