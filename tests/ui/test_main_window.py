"""The main window: pages, menus and undo, layout memory, opening boards, crashes, start-up."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR, TODAY
from PySide6.QtCore import QEvent, QObject, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from improvement_desk import APP_NAME, app
from improvement_desk.db.lockfile import lock_path_for
from improvement_desk.domain.brag import Brag
from improvement_desk.runtime.paths import AppPaths, resolve_paths
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.demo_content import BOARD_NAME
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.crash_dialog import CrashDialog, CrashHandler
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.plan.columns import Col
from improvement_desk.ui.plan.plan_page import PlanPage
from improvement_desk.ui.preferences import Preferences

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


@pytest.fixture
def paths() -> AppPaths:
    return resolve_paths().ensure()


@pytest.fixture
def second(tmp_path: Path) -> Path:
    """Another demo board file, closed."""
    path = tmp_path / "second board.db"
    create_demo_board(path, ACTOR)
    return path


@pytest.fixture
def make_window(
    qtbot: QtBot, messenger: RecordingMessenger, settings: QSettings, paths: AppPaths
) -> Any:
    def make(desk: Desk | None, answers: RecordingMessenger = messenger) -> MainWindow:
        window = MainWindow(
            desk,
            opener=BoardOpener(ACTOR, answers),
            messenger=answers,
            preferences=Preferences(settings),
            paths=paths,
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window: Any, demo_desk: Desk) -> MainWindow:
    return make_window(demo_desk)


def page_of(window: MainWindow) -> PlanPage:
    assert window.plan_page is not None
    return window.plan_page


def status_of(desk: Desk, reference: str) -> Brag:
    return next(a.status for a in desk.plan.snapshot().actions if a.reference == reference)


def same_file(a: str | Path, b: str | Path) -> bool:
    return Path(a).resolve() == Path(b).resolve()


def test_window_shows_the_plan_title_and_as_at_date(window: MainWindow, demo_desk: Desk) -> None:
    page = page_of(window)
    assert window.pages.currentWidget() is window.dashboard_page  # the app opens on Home
    assert [window.nav.item(i).text() for i in range(window.nav.count())] == [
        "Home",
        "Action plan",
        "Risk register",
        "Meetings",
        "Action log",
        "Scorecard",
    ]
    assert window.windowTitle() == f"{BOARD_NAME} — {APP_NAME}"
    assert BOARD_NAME in window.board_label.text()
    assert demo_desk.location in window.board_label.text()
    assert window.mode_label.text() == "Viewed as at 31 Mar 2014"
    assert window.plan_menu.isEnabled()
    texts = [a.text() for a in window.plan_menu.actions()]
    assert "&New action…" in texts
    assert "Set &status" in texts
    assert page.model.rowCount() == len(demo_desk.plan.snapshot().actions)


def test_navigation_shows_the_risk_register_with_its_menu(
    window: MainWindow, demo_desk: Desk
) -> None:
    register = window.register_page
    assert register is not None
    assert window.risk_menu.isEnabled()
    assert any("review" in a.text().lower() for a in window.risk_menu.actions())
    window.nav.setCurrentRow(2)
    assert window.pages.currentWidget() is register
    assert register.model.rowCount() > 0
    assert window.show_module("Action plan")
    assert window.pages.currentWidget() is window.plan_page
    assert not window.show_module("No such module")


def test_navigation_shows_meetings_and_the_action_log_with_their_menus(
    window: MainWindow, demo_desk: Desk
) -> None:
    assert window.meeting_menu.isEnabled()
    assert window.log_menu.isEnabled()
    assert any("meeting" in a.text().lower() for a in window.meeting_menu.actions())
    assert window.show_module("Meetings")
    assert window.pages.currentWidget() is window.meetings_page
    assert window.show_module("Action log")
    assert window.pages.currentWidget() is window.log_page
    assert window.scorecard_menu.isEnabled()
    assert window.show_module("Scorecard")
    assert window.pages.currentWidget() is window.scorecard_page
    assert window.scorecard_page is not None
    assert window.scorecard_page.model.rowCount() == len(demo_desk.scorecard.indicators())


def test_no_page_shortcut_clashes_with_a_window_wide_one(window: MainWindow) -> None:
    """Qt runs neither of two shortcuts that match at once ("ambiguous"): a page's Ctrl+E
    beside File ▸ Export would silently disable both."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QAction

    window_wide: dict[str, str] = {}
    for act in window.findChildren(QAction):
        keys = act.shortcut().toString()
        if keys and act.shortcutContext() in (
            Qt.ShortcutContext.WindowShortcut,
            Qt.ShortcutContext.ApplicationShortcut,
        ):
            assert keys not in window_wide, (keys, act.text(), window_wide.get(keys))
            window_wide[keys] = act.text()
    for page in window.module_pages():
        for act in page.findChildren(QAction):
            keys = act.shortcut().toString()
            if keys and act.shortcutContext() not in (
                Qt.ShortcutContext.WindowShortcut,
                Qt.ShortcutContext.ApplicationShortcut,
            ):
                assert keys not in window_wide, (page.title, act.text(), window_wide[keys])


def test_undo_menu_follows_the_stack_and_shortcuts_work(
    qtbot: QtBot, window: MainWindow, demo_desk: Desk
) -> None:
    page = page_of(window)
    assert window.show_module("Action plan")
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    assert not window.act_undo.isEnabled()
    action = next(a for a in demo_desk.plan.snapshot().actions if a.reference == "1.2")
    assert page.select_action(action.id)
    page.status_actions[Brag.RED].trigger()
    assert status_of(demo_desk, "1.2") is Brag.RED
    assert window.act_undo.text().replace("&", "") == "Undo Set 1.2 to Red"
    assert window.act_undo.isEnabled()

    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert status_of(demo_desk, "1.2") is Brag.GREEN
    assert window.act_redo.text().replace("&", "") == "Redo Set 1.2 to Red"

    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(page.table, Qt.Key.Key_Z, shift_ctrl)
    assert status_of(demo_desk, "1.2") is Brag.RED
    window.act_undo.trigger()
    assert status_of(demo_desk, "1.2") is Brag.GREEN
    QTest.keyClick(page.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert status_of(demo_desk, "1.2") is Brag.RED
    assert window.act_undo.text().replace("&", "") == "Undo Set 1.2 to Red"


def test_window_layout_is_remembered(
    qtbot: QtBot, make_window: Any, window: MainWindow, board_path: Path
) -> None:
    window.resize(950, 600)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == (950, 600))
    header = page_of(window).table.horizontalHeader()
    header.resizeSection(Col.LEAD, 233)
    window.close()
    assert not lock_path_for(board_path).exists()  # closing the window closes the board

    reopened = open_desk(board_path, ACTOR, today=lambda: TODAY)
    again = make_window(reopened)
    # The offscreen screen is 800 px wide: Qt shrinks a restored window to fit the screen,
    # but never below the window's minimum. The height fits, so it comes back exactly.
    room = again.screen().availableGeometry().width()
    assert again.width() == max(min(950, room), again.minimumSizeHint().width())
    assert again.width() != 1440  # not the default size
    assert again.height() == 600
    assert page_of(again).table.horizontalHeader().sectionSize(Col.LEAD) == 233


def test_window_without_a_board_shows_the_placeholder(
    make_window: Any, demo_desk: Desk, settings: QSettings
) -> None:
    window = make_window(None)
    assert window.plan_page is None
    assert window.pages.currentWidget() is window.placeholder
    assert window.placeholder.text() == "Opening the board…"
    assert window.windowTitle() == APP_NAME
    assert not window.plan_menu.isEnabled()

    window.install_desk(demo_desk)
    assert window.pages.currentWidget() is window.dashboard_page
    assert window.plan_menu.isEnabled()
    assert window.windowTitle().startswith(BOARD_NAME)
    assert Preferences(settings).recent_boards() == [demo_desk.location]


def test_opening_another_board_replaces_the_first(
    window: MainWindow, second: Path, board_path: Path, messenger: RecordingMessenger
) -> None:
    first = window.desk
    assert first is not None
    assert lock_path_for(board_path).exists()
    window.choose_open_path = lambda: str(second)
    window.act_open.trigger()
    assert window.desk is not first
    assert window.desk is not None
    assert same_file(window.desk.location, second)
    assert not lock_path_for(board_path).exists()
    assert lock_path_for(second).exists()
    assert str(second) in window.board_label.text()
    assert page_of(window).desk is window.desk
    assert window.undo_stack.count() == 0
    assert messenger.messages == []

    window.recent_menu.aboutToShow.emit()
    texts = [a.text() for a in window.recent_menu.actions()]
    assert texts == [f"&1 {window.desk.location}", f"&2 {first.location}"]
    window.recent_menu.actions()[1].trigger()
    assert same_file(window.desk.location, board_path)
    assert not lock_path_for(second).exists()
    reopened = window.desk
    window.choose_open_path = lambda: str(board_path)
    window.act_open_ro.trigger()  # the open board again: nothing happens
    assert (window.desk, len(messenger.messages)) == (reopened, 0)


def test_recent_menu_forgets_a_board_that_has_gone(
    make_window: Any, paths: AppPaths, messenger: RecordingMessenger
) -> None:
    window = make_window(None)
    window.recent_menu.aboutToShow.emit()
    [only] = window.recent_menu.actions()
    assert (only.text(), only.isEnabled()) == ("(no recent boards)", False)
    gone = paths.data_dir / "moved away.db"
    window.preferences.remember_board(str(gone))
    window.recent_menu.aboutToShow.emit()
    [entry] = window.recent_menu.actions()
    assert entry.text() == f"&1 {gone}"
    entry.trigger()
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "Cannot open this board")
    assert str(gone) in text
    assert window.preferences.recent_boards() == []
    assert window.desk is None


def test_a_text_file_is_refused_and_the_board_stays_open(
    window: MainWindow, tmp_path: Path, board_path: Path, messenger: RecordingMessenger
) -> None:
    first = window.desk
    title = window.windowTitle()
    notes = tmp_path / "minutes.txt"
    notes.write_text("Minutes of the meeting\n", encoding="utf-8")
    window.choose_open_path = lambda: str(notes)
    window.act_open.trigger()

    [(kind, title_shown, text)] = messenger.messages
    assert (kind, title_shown) == ("error", "Cannot open this board")
    assert "minutes.txt" in text
    assert window.desk is first
    assert window.windowTitle() == title
    assert lock_path_for(board_path).exists()
    assert page_of(window).model.rowCount() > 0


def lock_elsewhere(board: Path) -> bytes:
    holder = {"host": "MEETING-ROOM-PC", "pid": 4242, "user": "jcross", "app": "Improvement Desk"}
    lock = lock_path_for(board)
    lock.write_text(json.dumps({**holder, "since": "2014-03-31 09:00 UTC"}), encoding="utf-8")
    return lock.read_bytes()


def test_a_board_open_elsewhere_can_be_opened_read_only(
    window: MainWindow, second: Path, board_path: Path, messenger: RecordingMessenger
) -> None:
    lock = lock_elsewhere(second)
    window.choose_open_path = lambda: str(second)
    window.act_open.trigger()

    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("confirm", "Open read-only?")
    assert "jcross on MEETING-ROOM-PC" in text
    assert window.desk is not None
    assert same_file(window.desk.location, second)
    assert window.desk.read_only
    assert window.mode_label.text().startswith("READ-ONLY")
    assert not page_of(window).act_new_action.isEnabled()
    assert lock_path_for(second).read_bytes() == lock
    assert not lock_path_for(board_path).exists()


def test_declining_read_only_keeps_the_current_board(
    make_window: Any, demo_desk: Desk, second: Path
) -> None:
    no = RecordingMessenger(answer_yes=False)
    window = make_window(demo_desk, no)
    lock_elsewhere(second)
    window.choose_open_path = lambda: str(second)
    window.act_open.trigger()
    assert [m[0] for m in no.messages] == ["confirm"]
    assert window.desk is demo_desk
    assert not window.desk.read_only
    assert "READ-ONLY" not in window.mode_label.text()
    assert page_of(window).act_new_action.isEnabled()


def test_open_read_only_from_the_menu(window: MainWindow, second: Path) -> None:
    window.choose_open_path = lambda: str(second)
    window.act_open_ro.trigger()
    assert window.desk is not None
    assert window.desk.read_only
    assert not lock_path_for(second).exists()
    assert "READ-ONLY" in window.mode_label.text()


def test_new_board_opens_empty_with_its_name(
    window: MainWindow, tmp_path: Path, board_path: Path
) -> None:
    path = tmp_path / "harbour.db"
    window.choose_new_path = lambda: str(path)
    window.ask_board_name = lambda: "Harbour Improvement Board"
    window.act_new_board.trigger()
    assert path.exists()
    assert window.desk is not None
    assert same_file(window.desk.location, path)
    assert window.desk.info().name == "Harbour Improvement Board"
    assert window.windowTitle() == f"Harbour Improvement Board — {APP_NAME}"
    assert page_of(window).model.rowCount() == 0
    assert not lock_path_for(board_path).exists()


def test_new_board_on_an_existing_file_is_refused(
    window: MainWindow, second: Path, messenger: RecordingMessenger
) -> None:
    first = window.desk
    before = second.read_bytes()
    window.choose_new_path = lambda: str(second)
    window.ask_board_name = lambda: pytest.fail("no name is asked for an existing file")
    window.act_new_board.trigger()
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "File exists")
    assert str(second) in text
    assert window.desk is first
    assert second.read_bytes() == before


def test_new_board_cancelled_at_the_name(window: MainWindow, tmp_path: Path) -> None:
    first = window.desk
    window.choose_new_path = lambda: str(tmp_path / "never.db")
    window.ask_board_name = lambda: None
    window.act_new_board.trigger()
    assert window.desk is first
    assert not (tmp_path / "never.db").exists()


def crash(message: str) -> Any:
    try:
        raise ValueError(message)
    except ValueError:
        return sys.exc_info()


def test_crash_dialog_shows_copies_and_appends(qtbot: QtBot, tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "improvement-desk.log"
    handler = CrashHandler(log_file)
    handler(*crash("the first surprise"))
    dialog = handler.dialog
    assert isinstance(dialog, CrashDialog)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    report = dialog.report.toPlainText()
    assert report.startswith("Improvement Desk ")
    assert "Traceback (most recent call last)" in report
    assert "ValueError: the first surprise" in report
    assert any(str(log_file) in label.text() for label in dialog.findChildren(QLabel))

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == report

    handler(*crash("and a second one"))
    assert handler.dialog is dialog
    combined = dialog.report.toPlainText()
    assert combined.startswith(report)
    assert "ValueError: and a second one" in combined
    crash_dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]
    assert [w for w in crash_dialogs if w.isVisible()] == [dialog]

    dialog.close()
    handler(*crash("after closing"))
    assert handler.dialog is not dialog
    assert handler.dialog is not None
    qtbot.addWidget(handler.dialog)
    assert "after closing" in handler.dialog.report.toPlainText()
    assert "first surprise" not in handler.dialog.report.toPlainText()


def test_crash_handler_install_and_uninstall(tmp_path: Path) -> None:
    previous = sys.excepthook
    handler = CrashHandler(tmp_path / "x.log")
    handler.install()
    try:
        assert sys.excepthook is handler
    finally:
        handler.uninstall()
    assert sys.excepthook is previous


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """`app.main` configures the package logger; put it back as it was."""
    logger = logging.getLogger("improvement_desk")
    handlers, level = list(logger.handlers), logger.level
    yield
    for handler in [h for h in logger.handlers if h not in handlers]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)


@pytest.mark.usefixtures("qapp", "restore_logging")
def test_main_opens_a_board_and_quits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "demo.db"
    create_demo_board(path, ACTOR)
    assert app.main(["--db", str(path), "--quit-after-show"]) == 0
    out = capsys.readouterr().out.split()
    assert out[0::2] == ["shown", "loaded"]
    assert all(float(seconds) >= 0 for seconds in out[1::2])
    assert not lock_path_for(path).exists()  # the window closed the board


class ShownBoxes(QObject):
    """Notes the text of every message box shown (the real `Messenger` is used here)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QMessageBox):
            self.texts.append(watched.text())
        return False


@pytest.mark.usefixtures("restore_logging")
def test_main_with_a_text_file_returns_2(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("not a board", encoding="utf-8")
    boxes = ShownBoxes()
    qapp.installEventFilter(boxes)
    try:
        assert app.main(["--db", str(notes), "--quit-after-show"]) == 2
    finally:
        qapp.removeEventFilter(boxes)
        for box in QApplication.topLevelWidgets():
            if isinstance(box, QMessageBox):
                box.close()
    assert capsys.readouterr().out.split()[0::2] == ["shown"]
    assert [text for text in boxes.texts if "notes.txt" in text] != []


def test_screenshot_of_the_window(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    window.resize(1280, 760)
    qtbot.waitUntil(lambda: window.width() == 1280)
    page = page_of(window)
    assert window.show_module("Action plan")
    page.select_action(page.model.record(2).id)
    qtbot.wait(10)
    path = tmp_path / "main_window.png"
    assert window.grab().save(str(path))
    image = QImage(str(path))
    ratio = window.devicePixelRatioF()
    assert (image.width(), image.height()) == (round(1280 * ratio), round(760 * ratio))
    pixels = {
        image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert len(pixels) > 20, "looks blank"
    corners = {image.pixel(2, 2), image.pixel(image.width() // 2, image.height() // 2)}
    assert len(corners) == 2
