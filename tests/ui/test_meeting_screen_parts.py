"""The meeting screen's parts: its models under qtmodeltester, due dates as typed, owners
found from part of a name, declarations, and the screenshot a person looks at."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.action_log import LogActionDraft
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.meeting import AttendanceStatus, StandingItem
from improvement_desk.services.desk import Desk
from improvement_desk.ui.meeting_screen.attendance import AttCol, quorum_text
from improvement_desk.ui.meeting_screen.dates import parse_due
from improvement_desk.ui.meeting_screen.fields import resolve_person
from improvement_desk.ui.meeting_screen.items import recorded_marks
from improvement_desk.ui.meeting_screen.screen import MeetingScreen

from .conftest import RecordingMessenger
from .meeting_screen_board import MARCH, Board, build_board

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("This plugin does not support")]

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"


@pytest.fixture
def board(desk: Desk) -> Board:
    return build_board(desk)


@pytest.fixture
def screen(qtbot: QtBot, desk: Desk, board: Board, messenger: RecordingMessenger) -> MeetingScreen:
    made = MeetingScreen(desk, QUndoStack(), messenger)
    qtbot.addWidget(made)
    made.resize(1440, 860)
    made.show()
    qtbot.waitExposed(made)
    made.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is made)
    made.show_meeting(board.march)
    return made


def fill_march(desk: Desk, board: Board) -> None:
    """What a clerk has recorded by the action log item of March's meeting."""
    people = board.people
    for name, status, substitute in (
        ("Alan Wood", AttendanceStatus.PRESENT, ""),
        ("Cllr Mary Jones", AttendanceStatus.PRESENT, ""),
        ("Gillian Beasley", AttendanceStatus.APOLOGIES, "Wendy Ogle-Welbourn"),
        ("Dr Helen Brown", AttendanceStatus.PRESENT, ""),
        ("Supt David Clarke", AttendanceStatus.PRESENT, ""),
        ("Sue Patel", AttendanceStatus.PRESENT, ""),
        ("Jane Smith", AttendanceStatus.PRESENT, ""),
        ("Tom Harris", AttendanceStatus.PRESENT, ""),
    ):
        desk.attendance.record(board.march, people[name], status, substitute)
    items = {i.standing: i for i in board.meeting(desk, board.march).items}
    for kind, minute in (
        (StandingItem.WELCOME, "The chair welcomed members. Apologies were received from "
         "Gillian Beasley; Wendy Ogle-Welbourn attended in her place."),
        (StandingItem.PREVIOUS_MINUTES, "The minutes of the meeting held on 19 February 2014 "
         "were agreed as a correct record."),
        (StandingItem.ACTION_LOG, "The board went through the action log. Jane Smith reported "
         "that caseload figures by team are produced monthly and will be reported from April."
         "\n\nSupt Clarke explained that the information-sharing protocol awaits the force's "
         "legal review; the board agreed a new date."),
    ):  # fmt: skip
        item = items[kind]
        desk.minutes.write_minute(item.id, minute, expected_version=item.version)
    log = items[StandingItem.ACTION_LOG]
    desk.minutes.add_decision(log.id, "RESOLVED: that the action log be noted.")
    desk.minutes.add_decision(log.id, "RESOLVED: that action A3 be closed.")
    desk.minutes.declare(
        board.march, people["Dr Helen Brown"], log.id,
        "Employed by a provider named in the caseload report",
    )  # fmt: skip
    desk.action_log.add(
        board.march, log.id,
        LogActionDraft("Circulate the caseload report to members before the April meeting",
                       people["Jane Smith"], date(2014, 4, 16)),
    )  # fmt: skip


# -- models -----------------------------------------------------------------------------------


def test_every_model_passes_qtmodeltester(
    qtmodeltester: Any, screen: MeetingScreen, desk: Desk, board: Board
) -> None:
    fill_march(desk, board)
    screen.reload()
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    ui = screen.ui
    for model in (
        ui.attendance_model,
        ui.items_model,
        ui.decisions.model,
        ui.declarations.model,
        ui.actions.model,
        ui.matters.model,
    ):
        assert model.rowCount() > 0, type(model).__name__
        qtmodeltester.check(model)


def test_attendance_model_shows_seats_and_edits_only_a_substitute(
    screen: MeetingScreen, desk: Desk, board: Board
) -> None:
    fill_march(desk, board)
    screen.reload()
    model = screen.ui.attendance_model
    row = model.row_of(board.people["Gillian Beasley"])
    assert row is not None
    texts = [model.index(row, c).data() for c in AttCol]
    assert texts == ["Gillian Beasley", "Voting", "Apologies", "Wendy Ogle-Welbourn"]
    assert model.flags(model.index(row, AttCol.SUBSTITUTE)) & Qt.ItemFlag.ItemIsEditable
    present = model.row_of(board.people["Alan Wood"])
    assert present is not None
    assert not model.flags(model.index(present, AttCol.SUBSTITUTE)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(present, AttCol.SUBSTITUTE), "Someone")
    assert "Substitute: Wendy Ogle-Welbourn" in model.index(row, 0).data(
        Qt.ItemDataRole.ToolTipRole
    )


def test_item_marks_say_what_has_been_recorded(
    screen: MeetingScreen, desk: Desk, board: Board
) -> None:
    fill_march(desk, board)
    screen.reload()
    log = board.item(desk, board.march, StandingItem.ACTION_LOG)
    assert recorded_marks(log) == "✎ R2 A1 D1"
    tip = screen.ui.items_model.index(3, 2).data(Qt.ItemDataRole.ToolTipRole)
    assert "a minute, 2 decisions, 1 action, 1 declaration" in tip


def test_quorum_text() -> None:
    assert quorum_text(5, 4) == "Quorate: 5 voting members present (quorum 4)"
    assert quorum_text(1, 4) == "NOT QUORATE: 1 voting member present (quorum 4)"
    assert quorum_text(4, 4).startswith("Quorate")


# -- due dates and owners as typed ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("30/4", date(2014, 4, 30)),
        ("30 Apr", date(2014, 4, 30)),
        ("30th april", date(2014, 4, 30)),
        ("1/3", date(2015, 3, 1)),  # 1 March has passed: next year's
        ("26/3", MARCH),  # the meeting's own day
        ("+10d", date(2014, 4, 5)),
        ("+ 4w", date(2014, 4, 23)),
        ("30/04/2014", date(2014, 4, 30)),
        ("2014-05-31", date(2014, 5, 31)),
        ("May 2014", date(2014, 5, 31)),
    ],
)
def test_due_dates_as_a_clerk_types_them(typed: str, wanted: date) -> None:
    assert parse_due(typed, MARCH) == wanted


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "is required"),
        ("soon", "'soon' is not a date"),
        ("31/02/2014", "'31/02/2014' is an impossible date"),
        ("31/2", "'31/2' is not a date"),
    ],
)
def test_what_is_not_a_due_date(typed: str, message: str) -> None:
    problem = parse_due(typed, MARCH)
    assert isinstance(problem, FieldProblem)
    assert problem.field == "Due date"
    assert problem.message.startswith(message)


PEOPLE = [(1, "Jane Smith"), (2, "Jo Bloggs"), (3, "John Brown"), (4, "Supt David Clarke")]


@pytest.mark.parametrize(
    ("typed", "wanted"),
    [
        ("Jane Smith", 1),
        ("jane", 1),
        ("  jo   bloggs ", 2),
        ("john", 3),
        ("clarke", 4),
        ("Jo", "'Jo' could be Jo Bloggs, John Brown: type more of the name"),
        ("a", "'a' could be Jane Smith, Supt David Clarke: type more of the name"),
        ("Zed", "no one called 'Zed' is on the board's list of people"),
        ("", "is required"),
    ],
)
def test_owners_found_from_part_of_a_name(typed: str, wanted: int | str) -> None:
    found = resolve_person("Owner", typed, PEOPLE)
    if isinstance(wanted, int):
        assert found == wanted
    else:
        assert found == FieldProblem("Owner", wanted)


# -- declarations -----------------------------------------------------------------------------


def test_declaration_typed_then_removed_and_both_undone(
    screen: MeetingScreen, desk: Desk, board: Board
) -> None:
    stack = screen.undo_stack
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_8, Qt.KeyboardModifier.AltModifier)
    panel = screen.ui.declarations
    panel.person.setFocus()
    QTest.keyClicks(panel.person, "helen")
    QTest.keyClick(panel.person, Qt.Key.Key_Tab)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # past "About", already item 8
    QTest.keyClicks(QApplication.focusWidget(), "Her husband chairs a MASH partner")
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)

    def declared() -> list[tuple[str, str, str]]:
        rec = board.meeting(desk, board.march)
        return [(d.person_name, d.item_number, d.nature) for d in rec.declarations]

    assert declared() == [("Dr Helen Brown", "8", "Her husband chairs a MASH partner")]
    assert QApplication.focusWidget() is panel.person  # ready for the next
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    QTest.keyClick(panel.table, Qt.Key.Key_Delete)
    assert declared() == []
    stack.undo()
    stack.undo()
    assert declared() == []
    stack.redo()
    stack.redo()
    assert declared() == []
    stack.undo()
    assert declared() == [("Dr Helen Brown", "8", "Her husband chairs a MASH partner")]
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert panel.model.rowCount() == 1  # the declarations item lists the whole meeting's
    assert not panel.table.isColumnHidden(1)


def test_a_declaration_needs_a_known_person_and_its_nature(
    screen: MeetingScreen, desk: Desk, board: Board
) -> None:
    panel = screen.ui.declarations
    panel.person.setFocus()
    QTest.keyClicks(panel.person, "Nobody")
    QTest.keyClick(panel.person, Qt.Key.Key_Return)
    assert panel.errors.text().splitlines() == [
        "Declared by: no one called 'Nobody' is on the board's list of people",
        "Nature of interest is required",
    ]
    assert board.meeting(desk, board.march).declarations == ()


def test_built_hidden_in_a_stack_like_the_meetings_page_does(
    qtbot: QtBot, desk: Desk, board: Board, messenger: RecordingMessenger
) -> None:
    host = QStackedWidget()
    qtbot.addWidget(host)
    host.addWidget(QLabel("the list of meetings"))
    host.resize(1440, 860)
    host.show()
    qtbot.waitExposed(host)
    screen = MeetingScreen(desk, QUndoStack(), messenger, host)
    host.addWidget(screen)
    screen.show_meeting(board.march)  # while hidden, as the page does
    host.setCurrentWidget(screen)
    screen.setFocus()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    assert QApplication.focusWidget() is screen.ui.minute
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert screen.ui.matters.table.height() >= 3 * 26
    QTest.keyClicks(screen.ui.minute, "Noted.")
    host.setCurrentIndex(0)  # leaving the screen saves what was typed
    assert board.item(desk, board.march, StandingItem.ACTION_LOG).minute == "Noted."


# -- the look ---------------------------------------------------------------------------------


def _fits(widget: QWidget) -> bool:
    return widget.width() >= widget.minimumSizeHint().width()


def test_screenshot_at_1440_by_860(screen: MeetingScreen, desk: Desk, board: Board) -> None:
    """For a person to look at (out/screens); the checks only catch a blank or clipped screen."""
    fill_march(desk, board)
    screen.reload()
    QTest.keyClick(screen.ui.minute, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    screen.ui.minute.setFocus()
    image = screen.grab().toImage()
    assert (image.width(), image.height()) == (1440, 860)
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert image.save(str(SCREENS / "meeting_screen.png"))
    ui = screen.ui
    assert ui.header.quorum.text().startswith("Quorate: 4")
    assert ui.header.quorum.width() >= ui.header.quorum.sizeHint().width()
    assert ui.header.heading.height() >= ui.header.heading.heightForWidth(ui.header.heading.width())
    for widget in (ui.actions.text, ui.actions.owner, ui.actions.due, ui.actions.add_button,
                   ui.matters.complete_button, ui.matters.close_button, ui.matters.redate_button,
                   ui.decisions.add_button, ui.declarations.declare_button):  # fmt: skip
        assert widget.isVisible(), widget.objectName()
        assert _fits(widget), widget.objectName()
    assert ui.actions.text.width() >= 250
    assert ui.minute.height() >= 150
    assert ui.matters.table.height() >= 3 * 26  # the three matters arising show
