"""Carrying out the first-run choice with the window's own commands.

The page (`ui/first_run.py`) only asks; here the name is stored (so the first
board's first audit rows carry it) and the choice is done the way the File menu
does it, so a first-run board is no different from any other. A cancelled file
dialog or a failed open leaves the first-run page where it was; it goes away only
when a board is installed in the window.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from improvement_desk.domain.errors import DeskError, ValidationError
from improvement_desk.ui.first_run import FirstRunChoice, FirstRunPage
from improvement_desk.ui.tasks import BackgroundTask
from improvement_desk.ui.user_name import apply_user_name, os_full_name

if TYPE_CHECKING:
    from improvement_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

DEMO_BUSY = "Making the demo board… (a few seconds, once)"


class FirstRunFlow:
    """Shows the first-run page in `window` and acts on what the user picks."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.task: BackgroundTask | None = None  # the demo board being made, for tests
        self.page = FirstRunPage(
            window,
            name=window.preferences.user_name() or os_full_name(),
            board_location=str(window.paths.default_board),
        )
        self.page.chosen.connect(self._chosen)

    def show(self) -> None:
        self.window.pages.addWidget(self.page)
        self.window.pages.setCurrentWidget(self.page)
        self.page.focus_first()

    def _chosen(self, choice: str, name: str) -> None:
        window = self.window
        try:
            stored = window.preferences.set_user_name(name)
        except ValidationError as exc:  # the page checks first; a settings write can still fail
            window.messenger.problem(window, "Your name was not kept", exc)
            return
        apply_user_name(stored, window.opener, window.desk)
        match FirstRunChoice(choice):
            case FirstRunChoice.NEW_BOARD:
                self._new_board()
            case FirstRunChoice.OPEN_FILE:
                window.open_board()
            case FirstRunChoice.CONNECT:
                window.act_connect.trigger()
            case FirstRunChoice.DEMO:
                self._demo()

    def _new_board(self) -> None:
        window = self.window
        location = window.paths.default_board
        if location.exists():  # made since the page was shown (another window, say)
            window.switch_to(location)
            return
        name = window.ask_board_name()
        if name is None:
            return
        window.switch_to(location, create=True, board_name=name or None)

    def _demo(self) -> None:
        window = self.window
        location = window.paths.demo_board
        if location.exists():
            window.switch_to(location)
            return
        from improvement_desk.services.demo import create_demo_board

        actor = window.opener.actor
        task = BackgroundTask(lambda _progress, _cancelled: create_demo_board(location, actor))
        self.page.setEnabled(False)
        window.statusBar().showMessage(DEMO_BUSY)

        def made(_result: object) -> None:
            self.page.setEnabled(True)
            window.statusBar().clearMessage()
            window.switch_to(location)

        def failed(error: object) -> None:
            self.page.setEnabled(True)
            window.statusBar().clearMessage()
            if isinstance(error, DeskError):
                window.messenger.problem(window, "Cannot make the demo board", error)
            else:
                log.error("demo board failed: %r", error)
                window.messenger.error(window, "Cannot make the demo board", str(error))

        task.succeeded.connect(made)
        task.failed.connect(failed)
        self.task = task
        task.start()
