"""Background tasks: results and errors arrive on the UI thread; cancel is seen by the work."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from improvement_desk.domain.errors import StorageError
from improvement_desk.ui.tasks import BackgroundTask

pytestmark = pytest.mark.gui


def test_result_and_progress_arrive_on_the_ui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    seen_threads: list[object] = []
    progress: list[int] = []

    def work(report: Callable[[int], None], cancelled: Callable[[], bool]) -> str:
        seen_threads.append(threading.current_thread())
        for i in range(3):
            report(i)
        return "done"

    task = BackgroundTask(work)
    task.progressed.connect(progress.append)
    on_ui: list[bool] = []
    task.succeeded.connect(
        lambda _: on_ui.append(QThread.currentThread() is QApplication.instance().thread())
    )
    with qtbot.waitSignal(task.succeeded, timeout=5000) as blocker:
        task.start()
    assert blocker.args == ["done"]
    assert seen_threads[0] is not threading.main_thread()
    qtbot.waitUntil(lambda: progress == [0, 1, 2])
    assert on_ui == [True]
    assert not task.running


def test_errors_arrive_as_the_exception(qtbot) -> None:  # type: ignore[no-untyped-def]
    def work(report: Callable[[int], None], cancelled: Callable[[], bool]) -> None:
        raise StorageError("The disk is full")

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.failed, timeout=5000) as blocker:
        task.start()
    assert isinstance(blocker.args[0], StorageError)
    assert str(blocker.args[0]) == "The disk is full"


def test_cancel_is_seen_by_the_work(qtbot) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()

    def work(report: Callable[[int], None], cancelled: Callable[[], bool]) -> str:
        started.set()
        deadline = time.monotonic() + 5
        while not cancelled():
            if time.monotonic() > deadline:
                return "never cancelled"
            time.sleep(0.01)
        return "stopped"

    task = BackgroundTask(work)
    with qtbot.waitSignal(task.succeeded, timeout=6000) as blocker:
        task.start()
        assert started.wait(5)
        task.cancel()
    assert blocker.args == ["stopped"]
    assert task.cancelled
