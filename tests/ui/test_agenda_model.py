"""The meetings page's models: qtmodeltester on each, what the agenda shows, and reordering the
agenda by drag and drop (through the model's MIME data) and by Move up / Move down, with undo."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY
from meeting_fixtures import draft
from PySide6.QtCore import QMimeData, QModelIndex, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from improvement_desk.domain.meeting import StandingItem
from improvement_desk.services.desk import Desk
from improvement_desk.ui.meetings.agenda_model import AGENDA_MIME, AgendaModel
from improvement_desk.ui.meetings.columns import ID_ROLE, AgendaCol, MeetingCol, exempt_tip
from improvement_desk.ui.meetings.meeting_models import (
    MeetingSortProxy,
    MeetingTableModel,
    PaperTableModel,
)
from improvement_desk.ui.meetings.meetings_page import MeetingsPage
from improvement_desk.ui.meetings.members_dialog import MemberFilterProxy, MemberTableModel

from .conftest import RecordingMessenger
from .meetings_kit import Board, build_board, focus, make_page, meeting, shown_titles, titles

pytestmark = pytest.mark.gui


@pytest.fixture
def board(desk: Desk, tmp_path: Path) -> Board:
    return build_board(desk, tmp_path)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def page(
    qtbot: QtBot, desk: Desk, board: Board, messenger: RecordingMessenger, stack: QUndoStack
) -> MeetingsPage:
    made = make_page(qtbot, desk, messenger, stack)
    assert made.select_meeting(board.march)
    return made


def drag(model: AgendaModel, row: int) -> QMimeData:
    return model.mimeData([model.index(row, 0), model.index(row, AgendaCol.TITLE)])


# -- qtmodeltester ---------------------------------------------------------------------------


def test_every_model_passes_the_model_tester(qtmodeltester: Any, desk: Desk, board: Board) -> None:
    march = meeting(desk, board.march)
    agenda = AgendaModel()
    agenda.set_items(march.id, march.items, movable=True)
    qtmodeltester.check(agenda)
    meetings = MeetingTableModel()
    meetings.set_meetings(desk.meeting_reader.meetings())
    qtmodeltester.check(meetings)
    proxy = MeetingSortProxy()
    proxy.setSourceModel(meetings)
    proxy.sort(MeetingCol.DATE, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    papers = PaperTableModel()
    papers.set_papers(next(i for i in march.items if i.papers).papers)
    qtmodeltester.check(papers)
    members = MemberTableModel()
    members.set_members(desk.members.members())
    qtmodeltester.check(members)
    former = MemberFilterProxy()
    former.setSourceModel(members)
    former.set_show_former(False)
    qtmodeltester.check(former)


def test_the_model_tester_passes_through_a_move(
    qtmodeltester: Any, desk: Desk, board: Board
) -> None:
    march = meeting(desk, board.march)
    moves: list[tuple[int, int]] = []
    agenda = AgendaModel(mover=lambda item_id, index: moves.append((item_id, index)))
    agenda.set_items(march.id, march.items, movable=True)
    qtmodeltester.check(agenda)
    assert agenda.moveRows(QModelIndex(), 0, 1, QModelIndex(), 3)
    assert moves == [(march.items[0].id, 2)]
    assert [r.id for r in agenda.records()][:3] == [i.id for i in march.items[1:3]] + [
        march.items[0].id
    ]
    qtmodeltester.check(agenda)


# -- what it shows ---------------------------------------------------------------------------


def test_the_agenda_shows_numbers_times_papers_markings_and_exemptions(
    page: MeetingsPage, desk: Desk, board: Board
) -> None:
    model = page.agenda_model
    march = meeting(desk, board.march)
    assert model.rowCount() == len(march.items) == 11
    first = [model.index(0, c).data() for c in AgendaCol]
    assert first == ["1", "Welcome, introductions and apologies", "", "Information",
                     "10:00 · 5 min", "", "OFFICIAL", ""]  # fmt: skip
    exempt_row = next(
        r for r in range(model.rowCount()) if model.index(r, 0).data(ID_ROLE) == board.exempt_item
    )
    row = [model.index(exempt_row, c).data() for c in AgendaCol]
    assert row[AgendaCol.PRESENTER] == "Head of HR"
    assert row[AgendaCol.MARKING] == "OFFICIAL-SENSITIVE"
    assert row[AgendaCol.EXEMPT] == "Part B — para 1"
    assert row[AgendaCol.TIME].endswith("· 30 min")
    tip = model.index(exempt_row, AgendaCol.EXEMPT).data(Qt.ItemDataRole.ToolTipRole)
    assert "paragraph 1 of Schedule 12A" in tip
    assert "01 Jan 2015" in tip
    assert "In public" not in tip
    item = next(i for i in march.items if i.id == board.exempt_item)
    allowed = exempt_tip(replace(item, public_title="Staffing <b>matter</b>"))
    assert allowed is not None
    assert "\nIn public: “Staffing <b>matter</b>”.\n" in allowed
    with_paper = next(r for r in range(model.rowCount()) if model.index(r, AgendaCol.PAPERS).data())
    assert model.index(with_paper, AgendaCol.PAPERS).data() == "1"
    assert "3 pages" in model.index(with_paper, AgendaCol.PAPERS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.headerData(AgendaCol.NUMBER, Qt.Orientation.Horizontal) == "No."
    assert "drag" in model.headerData(
        AgendaCol.NUMBER, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )


def test_meetings_are_listed_newest_first_with_their_status_in_words(
    page: MeetingsPage, board: Board
) -> None:
    proxy = page.meetings_proxy
    rows = [[proxy.index(r, c).data() for c in MeetingCol] for r in range(proxy.rowCount())]
    assert [r[MeetingCol.DATE] for r in rows] == [
        "14 Apr 2014",
        "10 Mar 2014",
        "10 Feb 2014",
        "13 Jan 2014",
    ]
    assert [r[MeetingCol.STATUS] for r in rows] == ["Planned", "Held", "Held", "Minutes approved"]
    assert rows[-1][MeetingCol.OPEN_ACTIONS] == "1 open"
    assert rows[1][MeetingCol.ITEMS] == "11"
    tip = proxy.index(3, MeetingCol.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert "approved on 10 Feb 2014" in tip


# -- drag and drop ---------------------------------------------------------------------------


def test_dropping_a_row_moves_the_item_through_an_undo_command(
    page: MeetingsPage, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    model = page.agenda_model
    before = titles(desk, board.march)
    data = drag(model, 7)  # "Early help strategy"
    assert data.hasFormat(AGENDA_MIME)
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    after = titles(desk, board.march)
    assert after == [*before[:3], before[7], *before[3:7], *before[8:]]
    assert shown_titles(page) == after
    assert [model.index(r, 0).data() for r in range(4)] == ["1", "2", "3", "4"]
    assert page.current_item().title == before[7], "the moved item stays selected"
    assert stack.count() == 1
    assert stack.undoText() == "Move “Early help strategy” to item 4"
    stack.undo()
    assert titles(desk, board.march) == before
    assert shown_titles(page) == before
    stack.redo()
    assert titles(desk, board.march) == after


def test_dropping_onto_a_row_puts_the_item_before_it_and_down_the_list_works(
    page: MeetingsPage, desk: Desk, board: Board
) -> None:
    model = page.agenda_model
    before = titles(desk, board.march)
    assert model.dropMimeData(drag(model, 0), Qt.DropAction.MoveAction, -1, -1, model.index(3, 0))
    assert titles(desk, board.march) == [*before[1:3], before[0], *before[3:]]
    # Dropped past the last row: it becomes the last item.
    assert model.dropMimeData(drag(model, 0), Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert titles(desk, board.march)[-1] == before[1]


def test_drops_that_are_not_moves_of_this_agenda_are_refused(
    page: MeetingsPage, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    model = page.agenda_model
    before = titles(desk, board.march)
    data = drag(model, 2)
    assert not model.dropMimeData(data, Qt.DropAction.CopyAction, 0, 0, QModelIndex())
    assert model.dropMimeData(data, Qt.DropAction.IgnoreAction, 0, 0, QModelIndex())
    assert not model.dropMimeData(drag(model, 2), Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert not model.dropMimeData(drag(model, 2), Qt.DropAction.MoveAction, 3, 0, QModelIndex())
    foreign = QMimeData()
    foreign.setData(AGENDA_MIME, f'{{"meeting_id": {board.april}, "item_id": 1}}'.encode())
    assert not model.canDropMimeData(foreign, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    garbage = QMimeData()
    garbage.setData(AGENDA_MIME, b"not json")
    assert not model.dropMimeData(garbage, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    plain = QMimeData()
    plain.setText("Welcome")
    assert not model.canDropMimeData(plain, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert not model.moveRows(QModelIndex(), 0, 2, QModelIndex(), 5)
    assert not model.moveRows(QModelIndex(), 0, 1, QModelIndex(), 99)
    assert not model.removeRows(0, 1)
    assert titles(desk, board.march) == before
    assert stack.count() == 0


def test_an_approved_meeting_cannot_be_reordered(
    page: MeetingsPage, desk: Desk, board: Board
) -> None:
    assert page.select_meeting(board.january)
    model = page.agenda_model
    assert not model.movable
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled
    before = titles(desk, board.january)
    assert not model.dropMimeData(drag(model, 0), Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert titles(desk, board.january) == before
    page.agenda.selectRow(1)
    assert not page.acts.move_up.isEnabled()
    assert not page.acts.move_down.isEnabled()
    assert "approved" in page.acts.move_up.toolTip()


def test_the_agenda_view_is_set_up_for_internal_moves(page: MeetingsPage) -> None:
    view = page.agenda
    assert view.dragEnabled()
    assert view.acceptDrops()
    assert view.showDropIndicator()
    assert view.dragDropMode() == view.DragDropMode.InternalMove
    assert view.defaultDropAction() == Qt.DropAction.MoveAction
    model = page.agenda_model
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDragEnabled
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsDropEnabled
    assert model.flags(QModelIndex()) & Qt.ItemFlag.ItemIsDropEnabled


# -- Move up / Move down ---------------------------------------------------------------------


def test_move_up_and_down_actions_reorder_and_undo(
    page: MeetingsPage, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    before = titles(desk, board.march)
    assert page.select_item(desk.meeting_reader.meeting(board.march).items[7].id)
    page.acts.move_up.trigger()
    page.acts.move_up.trigger()
    expected = [*before[:5], before[7], *before[5:7], *before[8:]]
    assert titles(desk, board.march) == expected
    assert page.current_item().title == before[7]
    page.acts.move_down.trigger()
    assert titles(desk, board.march)[6] == before[7]
    assert stack.count() == 3
    stack.undo()
    assert titles(desk, board.march) == expected
    stack.undo()
    stack.undo()
    assert titles(desk, board.march) == before
    page.agenda.selectRow(0)
    assert not page.acts.move_up.isEnabled()
    assert page.acts.move_down.isEnabled()
    page.agenda.selectRow(page.agenda_model.rowCount() - 1)
    assert page.acts.move_up.isEnabled()
    assert not page.acts.move_down.isEnabled()


def test_ctrl_shift_arrows_move_the_selected_item(
    qtbot: QtBot, page: MeetingsPage, desk: Desk, board: Board
) -> None:
    before = titles(desk, board.march)
    page.agenda.selectRow(2)
    focus(qtbot, page, page.agenda)
    shift_ctrl = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    QTest.keyClick(page.agenda, Qt.Key.Key_Down, shift_ctrl)
    assert titles(desk, board.march)[3] == before[2]
    assert page.current_item().title == before[2]
    QTest.keyClick(page.agenda, Qt.Key.Key_Up, shift_ctrl)
    QTest.keyClick(page.agenda, Qt.Key.Key_Up, shift_ctrl)
    assert titles(desk, board.march)[1] == before[2]
    assert page.acts.move_up.shortcut().toString() == "Ctrl+Shift+Up"


def test_a_move_refused_by_the_service_is_reported_and_the_true_order_shown(
    page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger, stack: QUndoStack
) -> None:
    before = titles(desk, board.march)
    # Someone approves March's minutes behind our back, at a meeting today: the page still
    # thinks it can move.
    today = desk.meetings.create(draft(TODAY))
    at = next(i.id for i in today.items if i.standing is StandingItem.PREVIOUS_MINUTES)
    desk.minutes.approve(board.march, at_item_id=at, expected_version=None)
    assert page.agenda_model.move_row(4, 0)
    assert messenger.messages
    assert messenger.messages[-1][0] == "error"
    assert "approved" in messenger.messages[-1][2]
    assert titles(desk, board.march) == before
    assert shown_titles(page) == before
    assert stack.count() == 0
    assert not page.agenda_model.movable, "the reload shows the meeting locked"
