"""The "At the meeting" screen, driven from the keyboard as a clerk drives it during a meeting:
attendance and the quorum, the minute, decisions, actions arising, matters arising, moving
between items, locked minutes, bad input, printing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.meeting import AttendanceStatus, MeetingStatus, StandingItem
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.log_records import LogFilter
from improvement_desk.ui.exchange.progress import running_tasks
from improvement_desk.ui.meeting_screen.decisions import PREFIX
from improvement_desk.ui.meeting_screen.screen import MeetingScreen

from .conftest import RecordingMessenger
from .meeting_screen_board import Board, build_board

# The owner's completion list is a popup: offscreen, Qt says it cannot raise it or grab keys.
pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def board(desk: Desk) -> Board:
    return build_board(desk)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


def open_screen(qtbot: QtBot, desk: Desk, stack: QUndoStack, messenger: Any) -> MeetingScreen:
    screen = MeetingScreen(desk, stack, messenger)
    qtbot.addWidget(screen)
    screen.resize(1440, 860)
    screen.show()
    qtbot.waitExposed(screen)
    screen.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen)
    return screen


@pytest.fixture
def screen(
    qtbot: QtBot, desk: Desk, board: Board, stack: QUndoStack, messenger: RecordingMessenger
) -> MeetingScreen:
    made = open_screen(qtbot, desk, stack, messenger)
    made.show_meeting(board.march)
    return made


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def item_titled(screen: MeetingScreen, start: str) -> int:
    assert screen.record is not None
    return int(next(i.number for i in screen.record.items if i.title.startswith(start)))


def quorum(screen: MeetingScreen) -> str:
    return screen.ui.header.quorum.text()


# -- attendance -------------------------------------------------------------------------------


def test_attendance_by_keyboard_updates_the_quorum(
    qtbot: QtBot, screen: MeetingScreen, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    view = screen.ui.attendance_view
    assert quorum(screen) == "NOT QUORATE: 0 voting members present (quorum 4)"
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_T, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert focused() is view
    assert view.current_line().name == "Alan Wood"  # type: ignore[union-attr]
    for key in (Qt.Key.Key_P, Qt.Key.Key_1, Qt.Key.Key_A):  # each moves to the next line
        QTest.keyClick(view, key)
    assert quorum(screen) == "NOT QUORATE: 2 voting members present (quorum 4)"
    QTest.keyClick(view, Qt.Key.Key_P)
    QTest.keyClick(view, Qt.Key.Key_3)  # Supt Clarke absent
    QTest.keyClick(view, Qt.Key.Key_P)  # the adviser does not count
    assert quorum(screen) == "NOT QUORATE: 3 voting members present (quorum 4)"
    view.select_row(4)
    QTest.keyClick(view, Qt.Key.Key_Space)  # absent → present, and stays on the line
    assert quorum(screen) == "Quorate: 4 voting members present (quorum 4)"
    assert view.current_line().name == "Supt David Clarke"  # type: ignore[union-attr]
    assert "5 present · apologies from 1" in screen.ui.attendance_summary.text()

    view.select_row(2)  # Gillian Beasley sent apologies: Enter types her substitute
    QTest.keyClick(view, Qt.Key.Key_Return)
    editor = focused()
    assert editor is not view
    QTest.keyClicks(editor, "Wendy Ogle-Welbourn")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            desk.meeting_reader.meeting(board.march).attendance[2].substitute
            == "Wendy Ogle-Welbourn"
        )
    )
    assert quorum(screen).startswith("Quorate: 4")  # a substitute is not a member

    lines = {a.name: a.status for a in desk.meeting_reader.meeting(board.march).attendance}
    assert lines["Alan Wood"] is AttendanceStatus.PRESENT
    assert lines["Gillian Beasley"] is AttendanceStatus.APOLOGIES
    assert lines["Sue Patel"] is AttendanceStatus.PRESENT
    assert lines["Tom Harris"] is None
    assert stack.undoText() == "Apologies from Gillian Beasley (substitute Wendy Ogle-Welbourn)"

    stack.undo()  # the substitute
    stack.undo()  # Supt Clarke back to absent
    assert quorum(screen) == "NOT QUORATE: 3 voting members present (quorum 4)"
    view.select_row(0)
    QTest.keyClick(view, Qt.Key.Key_Delete)  # clears the line
    assert desk.meeting_reader.meeting(board.march).attendance[0].status is None
    assert quorum(screen).startswith("NOT QUORATE: 2")


# -- the minute -------------------------------------------------------------------------------


def minute_of(desk: Desk, board: Board, number: str) -> str:
    return next(i.minute for i in board.meeting(desk, board.march).items if i.number == number)


def test_minute_is_saved_on_leaving_the_item_and_undone_in_one_step(
    screen: MeetingScreen, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    minute = screen.ui.minute
    minute.setFocus()
    QTest.keyClicks(minute, "The chair welcomed members.")
    assert (minute_of(desk, board, "1"), stack.count()) == ("", 0)  # no write per keystroke
    assert screen.ui.minute_state.text().startswith("Not saved yet")
    QTest.keyClick(minute, Qt.Key.Key_PageDown, CTRL)
    assert screen.current_item().number == "2"  # type: ignore[union-attr]
    assert minute_of(desk, board, "1") == "The chair welcomed members."
    assert (stack.count(), stack.undoText()) == (1, "Minute of item 1")
    assert screen.ui.items_model.index(0, 2).data() == "✎"
    assert minute.toPlainText() == ""  # item 2's own minute

    stack.undo()
    assert minute_of(desk, board, "1") == ""
    QTest.keyClick(focused(), Qt.Key.Key_PageUp, CTRL)
    assert (screen.current_item().number, minute.toPlainText()) == ("1", "")  # type: ignore[union-attr]
    stack.redo()
    assert minute.toPlainText() == "The chair welcomed members."


def test_minute_is_saved_after_a_pause_and_on_ctrl_s(
    qtbot: QtBot, screen: MeetingScreen, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    minute = screen.ui.minute
    minute.idle.setInterval(50)
    minute.setFocus()
    QTest.keyClicks(minute, "Apologies were noted.")
    qtbot.waitUntil(lambda: minute_of(desk, board, "1") == "Apologies were noted.")
    assert stack.count() == 1  # the whole phrase is one step
    assert screen.ui.minute_state.text() == "Saved"
    minute.idle.setInterval(60_000)
    QTest.keyClicks(minute, " Members introduced themselves.")
    QTest.keyClick(minute, Qt.Key.Key_S, CTRL)
    assert minute_of(desk, board, "1").endswith("introduced themselves.")
    assert minute.hasFocus()  # typing carries on
    stack.undo()
    assert minute.toPlainText() == "Apologies were noted."


def test_a_colleagues_change_to_the_minute_is_never_silently_overwritten(
    screen: MeetingScreen,
    desk: Desk,
    board: Board,
    stack: QUndoStack,
    messenger: RecordingMessenger,
) -> None:
    minute = screen.ui.minute
    minute.setFocus()
    QTest.keyClicks(minute, "Our draft.")
    item = board.meeting(desk, board.march).items[0]
    desk.minutes.write_minute(item.id, "Their text.", expected_version=item.version)
    QTest.keyClick(minute, Qt.Key.Key_S, CTRL)
    assert messenger.messages[-1][:2] == ("error", "The minute of item 1 was not saved")
    assert minute_of(desk, board, "1") == "Their text."
    assert minute.toPlainText() == "Our draft."  # kept, to save over theirs knowingly
    assert stack.count() == 0

    QTest.keyClick(minute, Qt.Key.Key_S, CTRL)  # now knowingly
    assert minute_of(desk, board, "1") == "Our draft."
    desk.minutes.write_minute(
        item.id, "Theirs again.", expected_version=board.meeting(desk, board.march).items[0].version
    )
    stack.undo()  # would put back their first text over their second: refused
    assert minute_of(desk, board, "1") == "Theirs again."
    assert messenger.messages[-1][1] == "Could not undo “Minute of item 1”"
    assert minute.toPlainText() == "Theirs again."


# -- decisions --------------------------------------------------------------------------------


def decisions_of(desk: Desk, board: Board, number: str) -> list[str]:
    item = next(i for i in board.meeting(desk, board.march).items if i.number == number)
    return [d.text for d in item.decisions]


def test_decision_added_with_ctrl_d_and_enter(
    screen: MeetingScreen, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    number = str(item_titled(screen, "Multi-agency"))
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_8, ALT)
    assert screen.current_item().number == number  # type: ignore[union-attr]
    minute = screen.ui.minute
    minute.setFocus()
    QTest.keyClick(minute, Qt.Key.Key_D, CTRL)
    line = screen.ui.decisions.line
    assert focused() is line
    assert (line.text(), line.cursorPosition()) == (PREFIX, len(PREFIX))
    QTest.keyClicks(line, "the six-month review of the MASH be approved")
    QTest.keyClick(line, Qt.Key.Key_Return)
    wanted = "RESOLVED: that the six-month review of the MASH be approved"
    assert decisions_of(desk, board, number) == [wanted]
    assert (line.text(), focused()) == ("", minute)  # back to the minute
    assert screen.ui.decisions.model.index(0, 1).data() == wanted

    # Corrected from the list (Enter), then removed (Delete): each a step of its own.
    table = screen.ui.decisions.table
    table.setFocus()
    table.setCurrentIndex(screen.ui.decisions.model.index(0, 1))
    QTest.keyClick(table, Qt.Key.Key_Return)
    assert focused() is line
    assert line.text() == wanted
    QTest.keyClicks(line, ", subject to the partners' comments")
    QTest.keyClick(line, Qt.Key.Key_Return)
    assert decisions_of(desk, board, number) == [wanted + ", subject to the partners' comments"]
    table.setCurrentIndex(screen.ui.decisions.model.index(0, 1))
    QTest.keyClick(table, Qt.Key.Key_Delete)
    assert decisions_of(desk, board, number) == []

    stack.undo()  # put back (a new row)
    stack.undo()  # the correction, on the row put back
    assert decisions_of(desk, board, number) == [wanted]
    stack.undo()
    assert decisions_of(desk, board, number) == []
    for _ in range(3):
        stack.redo()
    assert decisions_of(desk, board, number) == []
    stack.undo()
    assert decisions_of(desk, board, number) == [wanted + ", subject to the partners' comments"]


def test_a_decision_needs_words_and_esc_forgets_it(
    qtbot: QtBot, screen: MeetingScreen, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    line = screen.ui.decisions.line
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_D, CTRL)
    QTest.keyClick(line, Qt.Key.Key_Return)  # only the prefix
    assert screen.ui.decisions.errors.text() == "Decision is required"
    assert stack.count() == 0
    with qtbot.assertNotEmitted(screen.back_requested):
        QTest.keyClick(line, Qt.Key.Key_Escape)  # the line's Esc, not the screen's
    assert line.text() == ""
    with qtbot.waitSignal(screen.back_requested):
        QTest.keyClick(focused(), Qt.Key.Key_Escape)


# -- actions arising: the fast-typing flow ----------------------------------------------------


def test_three_actions_typed_with_the_keyboard_only(
    screen: MeetingScreen, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    number = item_titled(screen, "Social work workforce")
    QTest.keyClick(screen.ui.minute, getattr(Qt.Key, f"Key_{number}"), ALT)
    item = screen.current_item()
    assert item is not None
    assert item.title == "Social work workforce strategy"
    QTest.keyClick(focused(), Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    panel = screen.ui.actions

    # 1: text, Tab, owner (part of a name), Tab, due, Enter.
    assert focused() is panel.text
    QTest.keyClicks(focused(), "Recruit ten permanent social workers")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is panel.owner
    QTest.keyClicks(focused(), "jane")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is panel.due
    QTest.keyClicks(focused(), "30/4")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    # 2: Enter straight from the owner: the due date stays from the last action.
    assert focused() is panel.text
    QTest.keyClicks(focused(), "Report agency staff numbers to every meeting")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "Tom H")
    QTest.keyClick(focused(), Qt.Key.Key_Return)
    # 3: a date counted from the meeting.
    assert focused() is panel.text
    QTest.keyClicks(focused(), "Brief the police on the workforce strategy")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "Clarke")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "+4w")
    QTest.keyClick(focused(), Qt.Key.Key_Return)

    assert focused() is panel.text
    assert panel.text.text() == ""
    rows = desk.log.for_item(item.id)
    assert [(a.description, a.owner_name, a.original_due, a.meeting_id) for a in rows] == [
        ("Recruit ten permanent social workers", "Jane Smith", date(2014, 4, 30), board.march),
        ("Report agency staff numbers to every meeting", "Tom Harris", date(2014, 4, 30),
         board.march),
        ("Brief the police on the workforce strategy", "Supt David Clarke", date(2014, 4, 23),
         board.march),
    ]  # fmt: skip
    assert [a.reference for a in rows] == ["A4", "A5", "A6"]
    assert panel.model.rowCount() == 3
    assert screen.ui.items_model.index(number - 1, 2).data() == "A3"
    assert stack.undoText() == "Add action A6 (Supt David Clarke)"
    stack.undo()  # undo deletes the action
    assert [a.reference for a in desk.log.for_item(item.id)] == ["A4", "A5"]
    stack.redo()
    assert [a.reference for a in desk.log.for_item(item.id)] == ["A4", "A5", "A6"]


@pytest.mark.parametrize(
    ("text", "owner", "due", "message"),
    [
        ("", "Jane Smith", "30/4", "Action is required"),
        ("Chase the audit", "Jane Smith", "1/3/2014",
         "Due date: 01 Mar 2014 is before the meeting that agreed it (26 Mar 2014)"),
        ("Chase the audit", "Zed Zebedee", "30/4",
         "Owner: no one called 'Zed Zebedee' is on the board's list of people"),
        ("Chase the audit", "", "30/4", "Owner is required"),
        ("Chase the audit", "Jane Smith", "soon", "Due date: 'soon' is not a date"),
    ],
)  # fmt: skip
def test_bad_action_input_names_the_field_and_writes_nothing(
    screen: MeetingScreen,
    desk: Desk,
    board: Board,
    stack: QUndoStack,
    text: str,
    owner: str,
    due: str,
    message: str,
) -> None:
    panel = screen.ui.actions
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_A, CTRL | Qt.KeyboardModifier.ShiftModifier)
    for widget, typed in ((panel.text, text), (panel.owner, owner), (panel.due, due)):
        assert focused() is widget
        QTest.keyClicks(widget, typed)
        if widget is not panel.due:
            QTest.keyClick(widget, Qt.Key.Key_Tab)
    QTest.keyClick(panel.due, Qt.Key.Key_Return)
    assert panel.errors.isVisible()
    assert panel.errors.text().startswith(message)
    assert desk.log.actions(LogFilter(meeting_id=board.march)) == []
    assert stack.count() == 0
    assert panel.text.text() == text  # nothing typed is lost


# -- matters arising --------------------------------------------------------------------------


def test_matters_arising_come_back_at_the_next_meeting_and_are_dealt_with(
    screen: MeetingScreen, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_4, ALT)
    assert screen.current_item().standing is StandingItem.ACTION_LOG  # type: ignore[union-attr]
    panel = screen.ui.matters
    assert panel.isVisible()
    shown = [
        [panel.model.index(r, c).data() for c in (0, 4, 5)] for r in range(panel.model.rowCount())
    ]
    assert shown == [
        ["A1", "14 Mar 2014", "Overdue"],
        ["A2", "30 Apr 14 (was 20 Mar)", "Open"],
        ["A3", "31 Mar 2014", "Complete"],
    ]
    assert panel.title.text() == "Matters arising (3, 1 overdue)"

    table = panel.table
    table.setFocus()
    panel.select(desk.log.actions()[0].id)
    QTest.keyClick(table, Qt.Key.Key_C)  # A1 reported complete
    table.setCurrentIndex(panel.model.index(2, 2))
    QTest.keyClick(table, Qt.Key.Key_L)  # A3 closed by the board at this meeting
    table.setCurrentIndex(panel.model.index(1, 2))
    QTest.keyClick(table, Qt.Key.Key_D)  # A2 re-dated, with its reason
    assert focused() is panel.new_due
    QTest.keyClicks(focused(), "31/5")
    QTest.keyClick(focused(), Qt.Key.Key_Tab)
    QTest.keyClicks(focused(), "Awaiting the force's legal advice")
    QTest.keyClick(focused(), Qt.Key.Key_Return)

    a1, a2, a3 = desk.log.actions()[:3]
    assert a1.status is LogStatus.COMPLETE
    assert (a3.status, a3.closed_at_meeting_id) == (LogStatus.CLOSED, board.march)
    assert (a2.original_due, a2.current_due) == (date(2014, 3, 20), date(2014, 5, 31))
    assert desk.log.action(a2.id).revisions[-1].agreed_at_meeting_id == board.march
    assert [panel.model.index(r, 5).data() for r in range(3)] == [
        "Complete", "Open", "Closed by the board"
    ]  # fmt: skip
    assert stack.count() == 3
    for _ in range(3):
        stack.undo()
    a1, a2, a3 = desk.log.actions()[:3]
    assert (a1.status, a2.current_due, a3.status) == (
        LogStatus.OPEN, date(2014, 4, 30), LogStatus.COMPLETE
    )  # fmt: skip

    screen.show_meeting(board.february)  # nothing came before February
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_4, ALT)
    assert screen.ui.matters.model.rowCount() == 0


# -- moving about -----------------------------------------------------------------------------


def test_items_by_number_next_previous_and_back(qtbot: QtBot, screen: MeetingScreen) -> None:
    assert screen.current_item().number == "1"  # type: ignore[union-attr]
    QTest.keyClick(focused(), Qt.Key.Key_3, ALT)
    assert screen.current_item().number == "3"  # type: ignore[union-attr]
    assert screen.ui.item_heading.text() == "3. Minutes of the last meeting and matters arising"
    QTest.keyClick(focused(), Qt.Key.Key_PageUp, CTRL)
    QTest.keyClick(focused(), Qt.Key.Key_PageUp, CTRL)
    QTest.keyClick(focused(), Qt.Key.Key_PageUp, CTRL)  # stays on the first
    assert screen.current_item().number == "1"  # type: ignore[union-attr]
    assert not screen.ui.matters.isVisible()
    ui = screen.ui  # the keys work wherever the cursor is
    for widget in (ui.actions.text, ui.actions.owner, ui.actions.due, ui.attendance_view,
                   ui.items_view, ui.decisions.line, ui.declarations.person):  # fmt: skip
        widget.setFocus()
        before = int(screen.current_item().number)  # type: ignore[union-attr]
        QTest.keyClick(widget, Qt.Key.Key_PageDown, CTRL)
        assert int(screen.current_item().number) == before + 1, widget.objectName()  # type: ignore[union-attr]
    QTest.keyClick(ui.actions.owner, Qt.Key.Key_9, ALT)
    assert screen.current_item().number == "9"  # type: ignore[union-attr]
    with qtbot.waitSignal(screen.back_requested):
        screen.ui.header.back_button.click()


# -- locked and read-only ---------------------------------------------------------------------


def approve_february(desk: Desk, board: Board) -> None:
    march = board.meeting(desk, board.march)
    desk.meetings.set_status(
        board.march, MeetingStatus.HELD, expected_version=march.summary.version
    )
    at = board.item(desk, board.march, StandingItem.PREVIOUS_MINUTES)
    feb = board.meeting(desk, board.february)
    desk.minutes.approve(board.february, at_item_id=at.id, expected_version=feb.summary.version)


def assert_nothing_can_change(screen: MeetingScreen, stack: QUndoStack) -> None:
    ui = screen.ui
    assert ui.minute.isReadOnly()
    assert ui.minute_state.text() == "Read only"
    for widget in (
        ui.decisions.line,
        ui.actions.entry,
        ui.declarations.nature,
        ui.matters.controls,
    ):
        assert not widget.isVisible()
    view = ui.attendance_view
    view.setFocus()
    view.select_row(0)
    QTest.keyClick(view, Qt.Key.Key_P)
    QTest.keyClick(view, Qt.Key.Key_D, CTRL)
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert view.state() != view.State.EditingState
    assert stack.count() == 0


def test_approved_minutes_are_read_only_with_a_banner(
    qtbot: QtBot, desk: Desk, board: Board, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    desk.attendance.record(board.february, board.people["Alan Wood"], AttendanceStatus.APOLOGIES)
    approve_february(desk, board)
    screen = open_screen(qtbot, desk, stack, messenger)
    screen.show_meeting(board.february)
    banner = screen.ui.header.banner
    assert banner.isVisible()
    assert banner.text().startswith(
        "These minutes were approved on 26 March 2014 — record an amendment from the Meetings page"
    )
    assert_nothing_can_change(screen, stack)
    assert messenger.messages == []
    screen.show_meeting(board.march)  # the next meeting is open for typing again
    assert not banner.isVisible()
    assert not screen.ui.minute.isReadOnly()


def test_a_read_only_board_shows_the_minutes_without_editing(
    qtbot: QtBot, desk: Desk, board: Board, board_path: Path, stack: QUndoStack
) -> None:
    desk.close()
    viewer = open_desk(board_path, ACTOR, read_only=True, take_lock=False)
    try:
        messenger = RecordingMessenger()
        screen = open_screen(qtbot, viewer, stack, messenger)
        screen.show_meeting(board.march)
        assert "read-only" in screen.ui.header.banner.text()
        assert_nothing_can_change(screen, stack)
        assert messenger.messages == []
    finally:
        viewer.close()


# -- printing ---------------------------------------------------------------------------------


@pytest.fixture
def no_tasks_left(qtbot: QtBot) -> Iterator[None]:
    yield
    qtbot.waitUntil(lambda: running_tasks() == 0)


@pytest.mark.usefixtures("no_tasks_left")
def test_print_minutes_writes_the_pdf_off_the_ui_thread_and_offers_to_open_it(
    qtbot: QtBot,
    screen: MeetingScreen,
    tmp_path: Path,
    messenger: RecordingMessenger,
) -> None:
    asked: list[str] = []
    opened: list[Path] = []
    screen.printer.choose_path = lambda suggested: (
        asked.append(suggested) or str(tmp_path / "March minutes")
    )
    screen.printer.open_file = opened.append
    screen.ui.minute.setFocus()
    QTest.keyClicks(screen.ui.minute, "Typed just before printing.")
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_P, CTRL)
    task = screen.printer.task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=20_000)
    target = tmp_path / "March minutes.pdf"
    assert target.read_bytes().startswith(b"%PDF-")
    assert asked[0].endswith("Improvement Board minutes 2014-03-26.pdf")
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("confirm", "Minutes printed")
    assert str(target) in text
    assert opened == [target]
