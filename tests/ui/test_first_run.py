"""First run: the name and four ways in, each carried out with the window's own commands."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from conftest import ACTOR
from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from improvement_desk.runtime.paths import AppPaths, resolve_paths
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.demo_content import BOARD_NAME
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.first_run import FirstRunChoice
from improvement_desk.ui.first_run_flow import FirstRunFlow
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.preferences import Preferences

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


@pytest.fixture
def paths() -> AppPaths:
    return resolve_paths().ensure()


@pytest.fixture
def window(
    qtbot: QtBot, messenger: RecordingMessenger, settings: QSettings, paths: AppPaths
) -> MainWindow:
    made = MainWindow(
        None,
        opener=BoardOpener(ACTOR, messenger),
        messenger=messenger,
        preferences=Preferences(settings),
        paths=paths,
    )
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


@pytest.fixture
def flow(window: MainWindow) -> FirstRunFlow:
    shown = FirstRunFlow(window)
    shown.show()
    return shown


def click(qtbot: QtBot, flow: FirstRunFlow, choice: FirstRunChoice) -> None:
    qtbot.mouseClick(flow.page.buttons[choice], Qt.MouseButton.LeftButton)


def test_the_page_offers_four_ways_in_with_the_name_first(
    window: MainWindow, flow: FirstRunFlow
) -> None:
    assert window.pages.currentWidget() is flow.page
    assert [b.text() for b in flow.page.buttons.values()] == [
        "Start a new board",
        "Open a board file…",
        "Connect to your team's server…",
        "Explore the demo board",
    ]
    assert (
        str(window.paths.default_board) in flow.page.buttons[FirstRunChoice.NEW_BOARD].description()
    )
    assert flow.page.name_edit.text()  # prefilled from the computer account (or its login)
    assert all(b.accessibleName() for b in flow.page.buttons.values())
    # Tab order follows the page: the name, then the choices top to bottom.
    order = [flow.page.name_edit, *flow.page.buttons.values()]
    for before, after in itertools.pairwise(order):
        assert before.nextInFocusChain() is after or after in _chain_from(before, 6)


def _chain_from(widget: object, steps: int) -> list[object]:
    found = []
    current = widget
    for _ in range(steps):
        current = current.nextInFocusChain()  # type: ignore[attr-defined]
        found.append(current)
    return found


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("", "Your name"), ("a\tb", "control characters"), ("x" * 201, "Your name")],
)
def test_a_bad_name_is_named_and_no_choice_can_be_made(
    qtbot: QtBot, window: MainWindow, flow: FirstRunFlow, typed: str, problem: str
) -> None:
    flow.page.name_edit.setText(typed)
    assert problem in flow.page.name_problem.text()
    assert flow.page.name_problem.text().startswith("Your name:")
    assert not any(b.isEnabled() for b in flow.page.buttons.values())
    click(qtbot, flow, FirstRunChoice.NEW_BOARD)
    assert window.desk is None
    assert window.preferences.user_name() == ""


def test_a_new_board_is_made_where_the_page_said_with_the_name_in_its_audit(
    qtbot: QtBot, window: MainWindow, flow: FirstRunFlow
) -> None:
    window.ask_board_name = lambda: "Northshire Improvement Board"
    flow.page.name_edit.setText("  Jane Smith ")
    click(qtbot, flow, FirstRunChoice.NEW_BOARD)
    qtbot.waitUntil(lambda: window.desk is not None, timeout=10_000)
    assert window.desk is not None
    assert Path(window.desk.location) == window.paths.default_board
    assert window.desk.info().name == "Northshire Improvement Board"
    assert window.preferences.user_name() == "Jane Smith"
    assert window.desk.ctx.actor.name == "Jane Smith"
    assert window.pages.currentWidget() is not flow.page


def test_cancelling_the_board_name_keeps_the_page(
    qtbot: QtBot, window: MainWindow, flow: FirstRunFlow
) -> None:
    window.ask_board_name = lambda: None
    click(qtbot, flow, FirstRunChoice.NEW_BOARD)
    assert window.desk is None
    assert not window.paths.default_board.exists()
    assert window.pages.currentWidget() is flow.page


def test_open_a_file_uses_the_file_dialog_and_a_cancel_keeps_the_page(
    qtbot: QtBot, window: MainWindow, flow: FirstRunFlow, tmp_path: Path
) -> None:
    window.choose_open_path = lambda: ""
    click(qtbot, flow, FirstRunChoice.OPEN_FILE)
    assert window.desk is None
    assert window.pages.currentWidget() is flow.page

    board = tmp_path / "sent by a colleague.db"
    create_demo_board(board, ACTOR)
    window.choose_open_path = lambda: str(board)
    click(qtbot, flow, FirstRunChoice.OPEN_FILE)
    qtbot.waitUntil(lambda: window.desk is not None, timeout=10_000)
    assert window.desk is not None
    assert Path(window.desk.location) == board


def test_connect_opens_the_server_dialog(
    qtbot: QtBot, window: MainWindow, flow: FirstRunFlow
) -> None:
    click(qtbot, flow, FirstRunChoice.CONNECT)
    dialog = window.opener.server.dialog
    assert dialog is not None
    assert dialog.isVisible()
    dialog.reject()  # cancelled: still no board, the page stays
    assert window.desk is None
    assert window.pages.currentWidget() is flow.page


def test_the_demo_board_is_made_off_the_ui_thread_then_opened(
    qtbot: QtBot, window: MainWindow, flow: FirstRunFlow
) -> None:
    assert not window.paths.demo_board.exists()
    click(qtbot, flow, FirstRunChoice.DEMO)
    assert flow.task is not None
    assert not flow.page.isEnabled()  # no second click while it is being made
    qtbot.waitUntil(lambda: window.desk is not None, timeout=60_000)
    assert window.desk is not None
    assert Path(window.desk.location) == window.paths.demo_board
    assert window.desk.info().name == BOARD_NAME
    assert flow.page.isEnabled()


def test_the_app_starts_on_the_first_run_page_only_the_first_time(
    paths: AppPaths, settings: QSettings
) -> None:
    from improvement_desk import app

    args = app.build_parser().parse_args([])
    assert app.is_first_run(args, paths, None)
    assert not app.is_first_run(app.build_parser().parse_args(["--demo"]), paths, None)
    assert not app.is_first_run(app.build_parser().parse_args(["--db", "x.db"]), paths, None)
    assert not app.is_first_run(args, paths, "postgresql+psycopg://h/db")
    # Started with nothing: the page is shown, no board is made behind the user's back.
    assert app.main(["--quit-after-show"]) == 0
    assert not paths.default_board.exists()
    paths.default_board.touch()
    assert not app.is_first_run(args, paths, None)
