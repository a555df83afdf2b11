"""Backups in the app: the restore dialog (list, preview, restore), Back up now, the daily timer,
and the status-bar warning when a backup fails. No real waiting: the clock is injected and
the timer's `check()` is called directly."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from improvement_desk.db.backup import backup_sqlite, backups_folder, list_backups, take_backup
from improvement_desk.runtime.paths import resolve_paths
from improvement_desk.services.backups import BackupService
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.demo_content import BOARD_NAME
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.ui.backups.daily_timer import CHECK_INTERVAL_MS, DailyBackupTimer
from improvement_desk.ui.backups.restore_dialog import READ_ONLY, RestoreDialog
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.exchange.progress import running_tasks
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.preferences import Preferences

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui

NOON = datetime(2014, 3, 31, 12, 0, tzinfo=UTC)


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    create_demo_board(path, ACTOR)
    return path


@pytest.fixture
def board(demo_template: Path, tmp_path: Path) -> Path:
    return backup_sqlite(demo_template, tmp_path / "board.db")


def open_at(path: Path, **kwargs: object) -> Desk:
    return open_desk(path, ACTOR, today=lambda: TODAY, **kwargs)  # type: ignore[arg-type]


def run_sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for statement in statements:
            conn.execute(statement)
    conn.close()


def people(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM person")}
    finally:
        conn.close()


DROP_INDICATORS = (
    "DELETE FROM indicator_figure",
    "DELETE FROM indicator_target",
    "DELETE FROM indicator",
)
ADD_PERSON = (
    "INSERT INTO person (name, role, organisation, version) VALUES ('Late Arrival', '', '', 1)"
)


@pytest.fixture
def make_window(
    qtbot: QtBot, messenger: RecordingMessenger, settings: QSettings
) -> Callable[[Desk], MainWindow]:
    def make(desk: Desk) -> MainWindow:
        window = MainWindow(
            desk,
            opener=BoardOpener(ACTOR, messenger, today=lambda: TODAY),
            messenger=messenger,
            preferences=Preferences(settings),
            paths=resolve_paths().ensure(),
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def make_dialog(qtbot: QtBot, desk: Desk, messenger: RecordingMessenger) -> RestoreDialog:
    service = BackupService(desk.ctx)
    dialog = RestoreDialog(
        service.backups(),
        board_name=desk.info().name,
        folder=service.folder(),
        messenger=messenger,
        can_restore=not desk.read_only,
    )
    qtbot.addWidget(dialog)
    return dialog


def cells(dialog: RestoreDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, col).text() for col in range(table.columnCount())]  # type: ignore[union-attr]
        for row in range(table.rowCount())
    ]


def shown(dialog: RestoreDialog, key: str) -> str:
    return dialog.panel.values[key].text()


# -- the restore dialog ------------------------------------------------------------------------


def test_the_dialog_lists_backups_newest_first_and_previews_the_chosen_file(
    qtbot: QtBot, board: Path, messenger: RecordingMessenger
) -> None:
    older = take_backup(board, "daily", now=NOON - timedelta(days=2))
    run_sql(board, *DROP_INDICATORS)
    newer = take_backup(board, "manual", now=NOON - timedelta(days=1))
    run_sql(board, ADD_PERSON)  # the live board moves on: the previews must not show it
    desk = open_at(board, read_only=True)
    try:
        dialog = make_dialog(qtbot, desk, messenger)
        rows = cells(dialog)
        assert [row[1] for row in rows] == ["Backed up by hand", "Daily"]
        assert rows[0][0] == f"{newer.taken.astimezone():%a %d %b %Y, %H:%M}"
        assert rows[0][2].endswith(" MB")
        # The newest is chosen at once, and its preview is of that file.
        assert dialog.selected_path() == newer.path
        assert shown(dialog, "board") == BOARD_NAME
        assert shown(dialog, "indicators") == "0"
        assert shown(dialog, "actions") == "39"
        assert shown(dialog, "risks") == "14"
        assert shown(dialog, "meetings") == "10"
        assert shown(dialog, "log_actions") == "33"
        assert shown(dialog, "file") == newer.path.name
        assert shown(dialog, "newest_audit")
        dialog.table.selectRow(1)
        assert dialog.selected_path() == older.path
        assert shown(dialog, "indicators") == "10"
        assert not dialog.restore_button.isEnabled(), "read-only: look, but do not restore"
        assert dialog.note.text() == READ_ONLY
    finally:
        desk.close()


def test_a_file_that_is_not_a_board_is_explained_and_cannot_be_restored(
    qtbot: QtBot, board: Path, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.db"
    notes.write_text("minutes of the last meeting")
    desk = open_at(board)
    try:
        dialog = make_dialog(qtbot, desk, messenger)
        assert [row[1] for row in cells(dialog)] == ["Board opened"]
        assert dialog.restore_button.isEnabled()
        dialog.choose_file = lambda: str(notes)
        dialog.other_button.click()
        assert dialog.panel.problem.text() == (
            "notes.db is not an Improvement Desk board (it is not a SQLite database)."
        )
        assert shown(dialog, "board") == ""
        assert not dialog.restore_button.isEnabled()
    finally:
        desk.close()


def test_restoring_from_the_window_backs_up_replaces_and_reopens_the_board(
    qtbot: QtBot,
    board: Path,
    messenger: RecordingMessenger,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    window = make_window(open_at(board))
    first = window.desk
    chosen = take_backup(board, "manual", now=NOON)
    run_sql(board, ADD_PERSON)
    window.backups.act_restore.trigger()
    dialog = window.backups.dialog
    assert dialog is not None
    assert [row[1] for row in cells(dialog)] == ["Board opened", "Backed up by hand"]
    dialog.table.selectRow([b.path for b in list_backups(board)].index(chosen.path))
    assert dialog.selected_path() == chosen.path
    dialog.restore_button.click()

    kinds = [kind for kind, _, _ in messenger.messages]
    assert kinds == ["confirm", "info"], messenger.messages
    assert messenger.messages[0][1] == "Restore this backup?"
    assert chosen.path.name in messenger.messages[0][2]
    assert messenger.messages[1][1] == "Backup restored"
    assert window.desk is not None
    assert window.desk is not first, "the board was opened again from the restored file"
    assert window.desk.location == str(board)
    assert not window.desk.read_only
    assert "Late Arrival" not in people(board)
    assert window.desk.info().name == BOARD_NAME
    [safety] = [b for b in list_backups(board) if b.kind == "before-restore"]
    assert "Late Arrival" in people(safety.path)
    assert str(safety.path) in messenger.messages[1][2]
    assert window.plan_page is not None


def test_a_refused_restore_is_explained_and_the_board_is_opened_again_as_it_was(
    qtbot: QtBot,
    board: Path,
    messenger: RecordingMessenger,
    make_window: Callable[[Desk], MainWindow],
) -> None:
    window = make_window(open_at(board))
    first = window.desk
    chosen = take_backup(board, "manual", now=NOON)
    run_sql(board, ADD_PERSON)
    window.backups.act_restore.trigger()
    dialog = window.backups.dialog
    assert dialog is not None
    dialog.table.selectRow([b.path for b in list_backups(board)].index(chosen.path))
    chosen.path.unlink()  # gone between the preview and the restore
    dialog.restore_button.click()

    assert [m[:2] for m in messenger.messages] == [
        ("confirm", "Restore this backup?"),
        ("error", "The backup was not restored"),
    ]
    assert messenger.messages[1][2] == f"There is no backup file at {chosen.path}."
    assert window.desk is not None
    assert window.desk is not first
    assert not window.desk.read_only
    assert "Late Arrival" in people(board), "the board is as it was"
    assert not [b for b in list_backups(board) if b.kind == "before-restore"]


def test_cancelling_the_confirmation_changes_nothing(
    qtbot: QtBot, board: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    answers = RecordingMessenger(answer_yes=False)
    desk = open_at(board)
    chosen = take_backup(board, "manual", now=NOON)
    run_sql(board, ADD_PERSON)
    dialog = make_dialog(qtbot, desk, answers)
    requested: list[object] = []
    dialog.restore_requested.connect(requested.append)
    try:
        dialog.table.selectRow(
            [b.path for b in BackupService(desk.ctx).backups()].index(chosen.path)
        )
        dialog.restore_button.click()
        assert [m[0] for m in answers.messages] == ["confirm"]
        assert requested == []
        assert "Late Arrival" in people(board)
    finally:
        desk.close()


# -- Back up now and the warning ---------------------------------------------------------------


def test_back_up_now_writes_the_chosen_file_off_the_ui_thread(
    qtbot: QtBot,
    board: Path,
    messenger: RecordingMessenger,
    make_window: Callable[[Desk], MainWindow],
    tmp_path: Path,
) -> None:
    window = make_window(open_at(board))
    offered: list[Path] = []

    def choose(suggested: Path) -> str:
        offered.append(suggested)
        return str(tmp_path / "before the meeting")

    window.backups.choose_backup_path = choose
    task = window.backups.back_up_now()
    assert task is not None
    qtbot.waitUntil(lambda: running_tasks() == 0)
    assert offered[0].parent == backups_folder(board)
    assert offered[0].name.startswith("board-manual-")
    made = tmp_path / "before the meeting.db"
    assert people(made) == people(board)
    assert messenger.messages[-1][:2] == ("info", "Backed up")
    assert str(made) in messenger.messages[-1][2]


def test_a_failed_backup_on_opening_is_shown_in_the_status_bar(
    board: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    backups_folder(board).write_text("not a folder")
    window = make_window(open_at(board))
    warning = window.backups.warning
    assert warning.isVisible()
    assert window.backups.warning_text == (
        f"⚠ No backup was taken on opening: Could not back up board.db to "
        f"{backups_folder(board)}: board-backups is a file, not a folder."
    )
    assert warning.text().startswith("⚠ No backup was taken on opening")
    assert warning.text().endswith("is a file, not a folder."), "a long path is what gets cut"
    assert "board-backups is a file, not a folder." in warning.toolTip()
    assert window.desk is not None
    assert not window.desk.read_only, "the board opened for work all the same"
    assert window.backups.daily.timer.isActive()
    assert window.backups.daily.timer.interval() == CHECK_INTERVAL_MS


# -- the daily timer ---------------------------------------------------------------------------


def test_the_daily_timer_backs_up_once_per_day_with_an_injected_clock(
    qtbot: QtBot, board: Path
) -> None:
    clock = Clock(NOON)
    desk = open_at(board, now=clock)
    try:
        timer = DailyBackupTimer(lambda: desk, clock=clock)
        taken: list[object] = []
        timer.backed_up.connect(taken.append)
        with qtbot.waitSignal(timer.backed_up):
            assert timer.check() is not None
        assert timer.check() is None, "today's is done"
        clock.now = NOON + timedelta(hours=11)
        assert timer.check() is None, "still the same day"
        clock.now = NOON + timedelta(days=1)
        with qtbot.waitSignal(timer.backed_up):
            assert timer.check() is not None
        dailies = [b for b in list_backups(board) if b.kind == "daily"]
        assert [b.taken for b in dailies] == [NOON + timedelta(days=1), NOON]
        assert taken == dailies[::-1]
    finally:
        desk.close()


def test_a_failing_daily_backup_warns_once_and_tries_again_tomorrow(
    qtbot: QtBot, board: Path
) -> None:
    clock = Clock(NOON)
    backups_folder(board).write_text("not a folder")
    desk = open_at(board, now=clock)
    try:
        timer = DailyBackupTimer(lambda: desk, clock=clock)
        with qtbot.waitSignal(timer.failed) as failed:
            assert timer.check() is not None
        assert failed.args == [
            f"Could not back up board.db to {backups_folder(board)}: "
            "board-backups is a file, not a folder."
        ]
        clock.now = NOON + timedelta(hours=1)
        assert timer.check() is None, "told once today: no warning every ten minutes"
        backups_folder(board).unlink()
        clock.now = NOON + timedelta(days=1)
        with qtbot.waitSignal(timer.backed_up):
            assert timer.check() is not None
    finally:
        desk.close()


def test_the_daily_warning_reaches_the_status_bar_and_a_later_backup_clears_it(
    qtbot: QtBot, board: Path, make_window: Callable[[Desk], MainWindow]
) -> None:
    window = make_window(open_at(board))
    window.backups.daily.failed.emit("the disk is full")
    assert window.backups.warning.text() == "⚠ Today's backup failed: the disk is full"
    assert window.backups.warning_text == window.backups.warning.text(), "short: shown whole"
    backup = take_backup(board, "daily", now=NOON)
    window.backups.daily.backed_up.emit(backup)
    assert not window.backups.warning.isVisible()
