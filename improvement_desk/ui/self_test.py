"""`improvement-desk --self-test OUT.pdf`: proves a build (above all a PyInstaller bundle) works.

A bundle can import cleanly and still fail the first time the officer uses it:
a migration script, a font or a Qt plugin left out of the build only shows when
a board is created, a window drawn or a pack printed. So the self-test does what
an officer would, through the same code: it makes the demo board in a temporary
folder, opens it in the real main window through the BoardOpener, selects the
latest meeting on the Meetings page, triggers Board pack… and saves the full
pack through the dialog (PackService on a BackgroundTask), then checks the PDF
has pages, closes the window and returns 0.

Any message box the app raises is a failure (the self-test cannot answer it)
and is reported on stderr, as is a run that takes longer than the watchdog: a
Qt timer fails it cleanly, and a thread ends the process should the event loop
itself be stuck.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from improvement_desk.domain.errors import DeskError
from improvement_desk.runtime.identity import current_actor
from improvement_desk.runtime.paths import AppPaths
from improvement_desk.ui.messages import Messenger

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

TIMEOUT_S = 120.0
# Beyond the Qt watchdog: time for a clean failure before the process is ended outright.
HARD_GRACE_S = 15.0


class SelfTestFailed(Exception):
    """Why the self-test failed, in words for stderr."""


class RecordingMessenger(Messenger):
    """Nobody is there to answer: an error fails the run, and a question is answered No
    (the only one expected is "Open the saved pack now?")."""

    def __init__(self, fail: Callable[[str], None]) -> None:
        super().__init__()
        self._fail = fail
        self.questions: list[str] = []

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._fail(f"the app reported an error: {title}: {text}")

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        log.info("self-test: information shown: %s: %s", title, text)

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        on_yes: Callable[[], None],
        *,
        yes: str = "OK",
        on_no: Callable[[], None] | None = None,
    ) -> None:
        self.questions.append(title)
        log.info("self-test: answered No to: %s", title)
        if on_no is not None:
            QTimer.singleShot(0, on_no)


def pdf_pages(path: Path) -> int:
    """The page count as an independent reader (pypdf) sees it."""
    from pypdf import PdfReader

    return len(PdfReader(str(path)).pages)


class SelfTest:
    """One run: `start()` schedules the steps on the event loop; `result` is set when done."""

    def __init__(
        self, out: Path, folder: Path, paths: AppPaths, *, timeout_s: float = TIMEOUT_S
    ) -> None:
        self.out = out.expanduser().resolve()
        self.folder = folder
        self.paths = paths
        self.timeout_s = timeout_s
        self.result: int | None = None
        self.error = ""
        self.pages = 0
        self.window: MainWindow | None = None
        self.messenger = RecordingMessenger(self.fail)
        self._started = time.perf_counter()
        self._watchdog = QTimer()
        self._watchdog.setSingleShot(True)
        self._watchdog.timeout.connect(
            lambda: self.fail(f"no result after {self.timeout_s:.0f} s (watchdog)")
        )

    # -- the steps -----------------------------------------------------------------------------

    def start(self) -> None:
        self._watchdog.start(int(self.timeout_s * 1000))
        QTimer.singleShot(0, self._guarded(self._open_board))

    def _open_board(self) -> None:
        from improvement_desk.services.demo import create_demo_board
        from improvement_desk.ui.board_opener import BoardOpener
        from improvement_desk.ui.main_window import MainWindow
        from improvement_desk.ui.preferences import Preferences

        actor = current_actor("Self-test")
        board = self.folder / "demo.db"
        create_demo_board(board, actor)
        self._step("demo board created")
        # Preferences of its own: the self-test must not touch the user's recent boards.
        settings = QSettings(str(self.folder / "preferences.ini"), QSettings.Format.IniFormat)
        opener = BoardOpener(actor, self.messenger)
        window = MainWindow(
            None,
            opener=opener,
            messenger=self.messenger,
            preferences=Preferences(settings),
            paths=self.paths,
        )
        self.window = window
        window.show()
        opener.open(
            window,
            board,
            self._guarded(self._opened),
            on_failed=lambda: self.fail(f"the demo board {board} did not open"),
        )

    def _opened(self, desk: Desk) -> None:
        window = self.window
        assert window is not None
        window.install_desk(desk)
        self._step("board opened")
        page = window.meetings_page
        if page is None or not window.show_module(page.title):
            raise SelfTestFailed("the Meetings page is missing")
        meeting_id = desk.meeting_reader.latest_id()
        if meeting_id is None or not page.select_meeting(meeting_id):
            raise SelfTestFailed("the demo board has no meeting to build a pack for")
        page.acts.board_pack.trigger()
        dialog = page.packs.dialog
        if dialog is None or dialog.meeting.id != meeting_id:
            raise SelfTestFailed("Board pack… did not open the pack dialog")
        self.out.parent.mkdir(parents=True, exist_ok=True)
        dialog.choose_path = lambda _suggested: str(self.out)
        task = dialog.save_as()
        if task is None:
            raise SelfTestFailed("the pack dialog did not start a build")
        task.succeeded.connect(lambda _report: QTimer.singleShot(0, self._guarded(self._built)))
        task.failed.connect(lambda error: self.fail(f"the board pack build failed: {error}"))
        self._step(f"building the pack of {dialog.meeting.label}")

    def _built(self) -> None:
        if not self.out.is_file():
            raise SelfTestFailed(f"the pack was reported saved but {self.out} does not exist")
        self.pages = pdf_pages(self.out)
        if self.pages < 1:
            raise SelfTestFailed(f"{self.out} has no pages")
        self._step(f"pack written: {self.out} ({self.pages} pages)")
        self._save_screenshots()
        self._finish(0)

    def _save_screenshots(self) -> None:
        """OUT.png and OUT-dialog.png beside the PDF: how the build draws (fonts, icons), for a
        person to look at; not being able to write them fails nothing."""
        window = self.window
        page = window.meetings_page if window is not None else None
        dialog = page.packs.dialog if page is not None else None
        shots: list[tuple[QWidget | None, Path]] = [
            (window, self.out.with_suffix(".png")),
            (dialog, self.out.with_name(f"{self.out.stem}-dialog.png")),
        ]
        for widget, path in shots:
            if widget is not None and not widget.grab().save(str(path)):
                log.warning("self-test: could not save %s", path)

    # -- ending --------------------------------------------------------------------------------

    def fail(self, message: str) -> None:
        if self.result is None:
            self.error = message
            log.error("self-test failed: %s", message)
            self._finish(1)

    def _finish(self, code: int) -> None:
        if self.result is not None:
            return
        self.result = code
        self._watchdog.stop()
        QTimer.singleShot(0, self._close)

    def _close(self) -> None:
        window = self.window
        if window is not None:
            dialog = window.meetings_page.packs.dialog if window.meetings_page else None
            if dialog is not None and dialog.running:
                dialog.cancel()
            # Only the exit below ends the loop: closing the last window would post a second
            # quit, which a later event loop (a test's, in-process) would obey at once.
            window.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
            window.close()  # closes the board too
        QApplication.exit(self.result or 0)

    def _guarded(self, step: Callable[..., None]) -> Callable[..., None]:
        """A step whose exception fails the run instead of escaping into the event loop."""

        def run(*args: object) -> None:
            if self.result is not None:
                return
            try:
                step(*args)
            except (SelfTestFailed, DeskError, OSError) as exc:
                self.fail(str(exc))
            except Exception as exc:  # a bug in the build is exactly what this must report
                log.exception("self-test step failed")
                self.fail(f"{type(exc).__name__}: {exc}")

        return run

    def _step(self, what: str) -> None:
        log.info("self-test: %s after %.2f s", what, time.perf_counter() - self._started)


def run_self_test(out: Path, paths: AppPaths, *, timeout_s: float = TIMEOUT_S) -> int:
    """0 when the pack was built through the window and has pages; 1 (with the reason on
    stderr) otherwise. Uses the running QApplication if there is one."""
    from improvement_desk import APP_ID, APP_NAME
    from improvement_desk.ui.icons import app_icon
    from improvement_desk.ui.qt_logging import route_qt_messages

    app = QApplication.instance()
    if app is None:  # as the app itself; a test keeps its own QApplication and Qt log handler
        app = QApplication([sys.argv[0]])
        route_qt_messages()
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    icon = app_icon()
    if icon.pixmap(32, 32).isNull():  # a bundle without Qt's SVG support draws no icon
        print("self-test FAILED: the app icon cannot be drawn", file=sys.stderr, flush=True)
        return 1
    app.setWindowIcon(icon)
    started = time.perf_counter()
    hard_stop = threading.Timer(timeout_s + HARD_GRACE_S, _hard_stop, args=(timeout_s,))
    hard_stop.daemon = True
    hard_stop.start()
    try:
        with tempfile.TemporaryDirectory(prefix="improvement-desk-self-test-") as folder:
            test = SelfTest(out, Path(folder), paths, timeout_s=timeout_s)
            test.start()
            app.exec()
            if test.result is None:
                test.fail("the event loop ended before the self-test did")
    finally:
        hard_stop.cancel()
    elapsed = time.perf_counter() - started
    if test.result == 0:
        print(f"self-test passed: {test.out} ({test.pages} pages) in {elapsed:.1f} s", flush=True)
        return 0
    print(f"self-test FAILED: {test.error}", file=sys.stderr, flush=True)
    return test.result or 1


def _hard_stop(timeout_s: float) -> None:
    print(
        f"self-test FAILED: the event loop is stuck (no result after {timeout_s:.0f} s)",
        file=sys.stderr,
        flush=True,
    )
    os._exit(3)
