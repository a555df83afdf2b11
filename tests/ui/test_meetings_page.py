"""The Meetings page: the list, the selected meeting and its agenda, every command through its
dialog → service → undo, locked and read-only meetings, approval, members, the meeting screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR, TODAY
from meeting_fixtures import draft
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from improvement_desk.domain.meeting import MeetingStatus, MemberKind, StandingItem
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.ui.meetings.columns import MeetingCol
from improvement_desk.ui.meetings.item_dialog import ItemDialog
from improvement_desk.ui.meetings.meeting_dialog import MeetingDialog
from improvement_desk.ui.meetings.meetings_page import MeetingsPage
from improvement_desk.ui.meetings.member_dialog import MemberDialog
from improvement_desk.ui.meetings.minutes_dialogs import AmendmentDialog, ApproveMinutesDialog

from .conftest import RecordingMessenger
from .meetings_kit import Board, build_board, focus, item_by_title, make_page, meeting, titles

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
    return make_page(qtbot, desk, messenger, stack)


def labels(actions: Any) -> list[str]:
    return [a.text() for a in actions if a is not None and not a.isSeparator()]


def detail(page: MeetingsPage, field: str) -> str:
    return page.detail.values[field].text()


def dialog_of(page: MeetingsPage) -> Any:
    return page.editor.dialog


# -- the page --------------------------------------------------------------------------------


def test_the_page_keeps_the_page_protocol(page: MeetingsPage) -> None:
    assert page.title == "Meetings"
    assert labels(page.toolbar.actions()) == [
        "&New meeting…", "&Edit meeting…", "Set &status", "&Add item…", "Ed&it item…",
        "Move &up", "Move do&wn", "At the meetin&g", "A&pprove minutes…", "Record a&mendment…",
        "Board pa&ck…", "&Board members…",
    ]  # fmt: skip
    menu = page.menu_actions()
    assert None in menu
    assert page.acts.status_menu.menuAction() in menu
    assert labels(page.acts.status_menu.actions()) == [
        "Planned",
        "Papers issued",
        "Held",
        "Minutes drafted",
    ]  # fmt: skip, never "approved" by hand
    for act in (page.acts.attach_paper, page.acts.open_paper, page.acts.save_paper,
                page.acts.remove_paper, page.acts.delete_item, page.acts.add_standing):  # fmt: skip
        assert act in menu
    assert page.acts.move_up.shortcut().toString() == "Ctrl+Shift+Up"
    assert page.acts.move_down.shortcut().toString() == "Ctrl+Shift+Down"


def test_the_newest_meeting_is_selected_and_shown_with_its_details(
    page: MeetingsPage, board: Board
) -> None:
    assert page.current_meeting_id() == board.april
    assert page.meeting_list.currentIndex().row() == 0
    assert page.detail.heading.text() == "Improvement Board, 14 Apr 2014"
    assert page.select_meeting(board.march)
    assert detail(page, "Date") == "Monday 10 March 2014"
    assert detail(page, "Time") == "10:00"
    assert detail(page, "Venue") == "Council Chamber"
    assert detail(page, "Status") == "Held"
    assert detail(page, "Marking") == "OFFICIAL"
    assert detail(page, "Approval").startswith("Not yet approved")
    assert not page.detail.lock.isVisible()
    assert page.select_meeting(board.january)
    assert (
        detail(page, "Approval") == "Approved as a correct record at Improvement Board, 10 Feb 2014"
    )
    assert page.detail.lock.isVisible()
    assert "record an amendment instead" in page.detail.lock.text()


def test_the_meeting_list_sorts_by_any_column_and_back(page: MeetingsPage) -> None:
    page.meeting_list.sortByColumn(MeetingCol.STATUS, Qt.SortOrder.AscendingOrder)
    statuses = [page.meetings_proxy.index(r, MeetingCol.STATUS).data() for r in range(4)]
    assert statuses == ["Planned", "Held", "Held", "Minutes approved"]
    page.meeting_list.sortByColumn(MeetingCol.DATE, Qt.SortOrder.AscendingOrder)
    assert page.meetings_proxy.index(0, MeetingCol.DATE).data() == "13 Jan 2014"


def test_an_empty_board_says_how_to_start(
    qtbot: QtBot, desk: Desk, messenger: RecordingMessenger
) -> None:
    page = make_page(qtbot, desk, messenger, QUndoStack())
    assert page.current_meeting() is None
    assert "New meeting" in page.detail.hint.text()
    assert "Board members" in page.detail.hint.text()
    assert page.acts.new_meeting.isEnabled()
    assert not page.acts.edit_meeting.isEnabled()
    assert not page.acts.at_meeting.isEnabled()


# -- meetings --------------------------------------------------------------------------------


def test_new_meeting_with_its_standing_items_undo_and_redo(
    qtbot: QtBot, page: MeetingsPage, desk: Desk, stack: QUndoStack
) -> None:
    page.acts.new_meeting.trigger()
    dialog = dialog_of(page)
    assert isinstance(dialog, MeetingDialog)
    dialog.meeting_date.setDate(QDate(2014, 5, 12))
    dialog.venue.setText("Committee Room 3")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog_of(page) is None
    made = page.current_meeting()
    assert made is not None
    assert made.summary.label == "Improvement Board, 12 May 2014"
    assert made.summary.venue == "Committee Room 3"
    assert len(made.items) == 9
    assert page.agenda_model.rowCount() == 9
    assert stack.undoText() == "New meeting Improvement Board, 12 May 2014"
    stack.undo()
    assert page.meetings_model.row_of(made.id) is None
    assert len(desk.meeting_reader.meetings()) == 4
    stack.redo()
    assert titles(desk, made.id) == [i.title for i in made.items]
    assert page.select_meeting(made.id)


def test_edit_meeting_and_set_status_go_through_undo(
    page: MeetingsPage, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    assert page.current_meeting_id() == board.april
    page.acts.edit_meeting.trigger()
    dialog = dialog_of(page)
    dialog.venue.setText("The Guildhall")
    dialog.save_button.click()
    assert detail(page, "Venue") == "The Guildhall"
    assert page.acts.status[MeetingStatus.PLANNED].isChecked()
    page.acts.status[MeetingStatus.PAPERS_ISSUED].trigger()
    assert meeting(desk, board.april).summary.status is MeetingStatus.PAPERS_ISSUED
    assert page.acts.status[MeetingStatus.PAPERS_ISSUED].isChecked()
    assert detail(page, "Status") == "Papers issued"
    assert stack.undoText() == "Set Improvement Board, 14 Apr 2014 to papers issued"
    stack.undo()
    assert meeting(desk, board.april).summary.status is MeetingStatus.PLANNED
    stack.undo()
    assert meeting(desk, board.april).summary.venue == "Committee Room 2"
    assert detail(page, "Venue") == "Committee Room 2"
    stack.redo()
    stack.redo()
    assert meeting(desk, board.april).summary.venue == "The Guildhall"
    assert meeting(desk, board.april).summary.status is MeetingStatus.PAPERS_ISSUED


def test_a_status_the_service_refuses_is_reported(
    page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger, stack: QUndoStack
) -> None:
    page.acts.status[MeetingStatus.HELD].trigger()  # April is after today
    assert messenger.messages[-1][1] == "Cannot set Improvement Board, 14 Apr 2014 to held"
    assert meeting(desk, board.april).summary.status is MeetingStatus.PLANNED
    assert page.acts.status[MeetingStatus.PLANNED].isChecked()
    assert stack.count() == 0


def test_deleting_a_meeting_asks_first_and_undo_restores_it(
    page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger, stack: QUndoStack
) -> None:
    before = meeting(desk, board.march)
    assert page.select_meeting(board.march)
    page.acts.delete_meeting.trigger()
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("confirm", "Delete meeting")
    assert "11 agenda items, 1 paper" in text
    assert "undo" in text
    assert page.meetings_model.row_of(board.march) is None
    stack.undo()
    after = meeting(desk, board.march)
    assert [i.title for i in after.items] == [i.title for i in before.items]
    assert desk.papers.content(board.paper).startswith(b"%PDF-")
    messenger.answer_yes = False
    assert page.select_meeting(board.march)
    page.acts.delete_meeting.trigger()
    assert page.meetings_model.row_of(board.march) is not None, "Cancel deletes nothing"


# -- agenda items ----------------------------------------------------------------------------


def test_add_edit_and_delete_items_with_undo(
    qtbot: QtBot, page: MeetingsPage, desk: Desk, board: Board, stack: QUndoStack
) -> None:
    page.acts.add_item.trigger()
    dialog = dialog_of(page)
    assert isinstance(dialog, ItemDialog)
    dialog.item_title.setText("Ofsted monitoring letter")
    dialog.presenter.setText("Director")
    dialog.minutes.setText("25")
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    shown = titles(desk, board.april)
    assert shown[-3:] == ["Ofsted monitoring letter", "Any other business", "Date of next meeting"]
    assert page.current_item().title == "Ofsted monitoring letter"
    page.acts.edit_item.trigger()
    dialog = dialog_of(page)
    dialog.item_title.setText("Ofsted monitoring visit letter")
    dialog.exempt.setChecked(True)
    dialog.paragraph.setCurrentIndex(2)
    dialog.save_button.click()
    item = item_by_title(desk, board.april, "Ofsted monitoring visit letter")
    assert (item.exempt, item.exempt_paragraph) == (True, 2)
    assert page.agenda_model.index(page.agenda.currentIndex().row(), 7).data() == "Part B — para 2"
    page.acts.delete_item.trigger()
    assert "Ofsted monitoring visit letter" not in titles(desk, board.april)
    assert stack.count() == 3
    stack.undo()
    assert item_by_title(desk, board.april, "Ofsted monitoring visit letter").exempt_paragraph == 2
    stack.undo()
    assert item_by_title(desk, board.april, "Ofsted monitoring letter").exempt is False
    stack.undo()
    assert "Ofsted monitoring letter" not in titles(desk, board.april)
    stack.redo()
    stack.redo()
    stack.redo()
    assert "Ofsted monitoring visit letter" not in titles(desk, board.april)


def test_an_unchanged_edit_adds_nothing_to_undo(page: MeetingsPage, stack: QUndoStack) -> None:
    page.agenda.selectRow(0)
    page.acts.edit_item.trigger()
    dialog_of(page).save_button.click()
    page.acts.edit_meeting.trigger()
    dialog_of(page).save_button.click()
    assert stack.count() == 0


def test_add_standing_items_adds_the_missing_ones_and_undo_removes_them(
    page: MeetingsPage, desk: Desk, messenger: RecordingMessenger, stack: QUndoStack
) -> None:
    bare = desk.meetings.create(draft(date(2014, 5, 19)), standing_items=False)
    page.reload(bare.id)
    assert page.agenda_model.rowCount() == 0
    assert "agenda is empty" in page.detail.hint.text()
    page.acts.add_standing.trigger()
    assert page.agenda_model.rowCount() == 9
    assert stack.undoText() == "Add 9 standing items"
    stack.undo()
    assert meeting(desk, bare.id).items == ()
    stack.redo()
    assert len(meeting(desk, bare.id).items) == 9
    page.acts.add_standing.trigger()
    assert messenger.messages[-1][1] == "Nothing to add"
    assert stack.count() == 1


def test_deleting_an_item_with_actions_raised_under_it_is_refused(
    page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger
) -> None:
    bare = desk.meetings.create(draft(date(2014, 3, 3)), standing_items=False)
    item = desk.agenda.add_item(bare.id, __import__("meeting_fixtures").item_draft())
    __import__("meeting_fixtures").raise_action(
        desk, bare.id, item.id, desk.members.members()[0].person_id, "A9"
    )
    page.reload(bare.id, item.id)
    page.acts.delete_item.trigger()
    assert messenger.messages[-1][1] == f"Cannot delete item {item.number}"
    assert titles(desk, bare.id) == [item.title]


# -- papers ----------------------------------------------------------------------------------


def test_papers_attach_many_open_save_and_remove_with_undo(
    page: MeetingsPage, desk: Desk, board: Board, stack: QUndoStack, tmp_path: Path
) -> None:
    page.agenda.selectRow(4)
    item = page.current_item()
    assert page.papers_caption.text() == f"Papers for item 5, “{item.title}”"
    page.files.choose_files = lambda _parent: [
        board.pdfs / "report one.pdf",
        board.pdfs / "report two.pdf",
    ]
    page.acts.attach_paper.trigger()
    assert [p.title for p in meeting(desk, board.april).items[4].papers] == [
        "report one",
        "report two",
    ]
    assert page.papers_model.rowCount() == 2
    assert page.agenda_model.index(4, 5).data() == "2"
    assert stack.undoText() == "Attach 2 papers to item 5"
    assert page.papers_model.index(0, 2).data() == "2"  # pages
    opened: list[Path] = []
    page.files.open_file = lambda path: opened.append(path) or True
    page.acts.open_paper.trigger()
    assert opened[0].name == "report one.pdf"
    assert opened[0].read_bytes().startswith(b"%PDF-")
    target = tmp_path / "saved.pdf"
    page.files.choose_save_path = lambda _parent, suggested: (
        target if suggested == "report one.pdf" else None
    )
    page.acts.save_paper.trigger()
    assert target.read_bytes() == opened[0].read_bytes()
    page.papers.selectRow(1)
    page.acts.remove_paper.trigger()
    assert [p.title for p in meeting(desk, board.april).items[4].papers] == ["report one"]
    stack.undo()
    assert [p.title for p in meeting(desk, board.april).items[4].papers] == [
        "report one",
        "report two",
    ]
    stack.undo()
    assert meeting(desk, board.april).items[4].papers == ()
    stack.redo()
    assert len(meeting(desk, board.april).items[4].papers) == 2


def test_a_viewer_that_cannot_open_the_paper_says_where_the_copy_is(
    page: MeetingsPage, board: Board, messenger: RecordingMessenger
) -> None:
    assert page.select_meeting(board.march)
    page.agenda.selectRow(7)
    assert page.current_paper() is not None
    page.files.open_file = lambda _path: False
    page.acts.open_paper.trigger()
    assert "A copy is at" in messenger.messages[-1][2]


# -- locked and read-only --------------------------------------------------------------------


def test_an_approved_meeting_can_be_read_and_amended_but_not_changed(
    page: MeetingsPage, board: Board
) -> None:
    assert page.select_meeting(board.january)
    page.agenda.selectRow(7)
    acts = page.acts
    for act in (acts.edit_meeting, acts.delete_meeting, acts.add_item, acts.edit_item,
                acts.delete_item, acts.add_standing, acts.attach_paper, acts.remove_paper,
                acts.approve, acts.status_menu.menuAction(), *acts.status.values()):  # fmt: skip
        assert not act.isEnabled(), act.text()
    assert "were approved on 10 Feb 2014 and cannot be changed" in acts.edit_meeting.toolTip()
    assert "record an amendment instead" in acts.add_item.toolTip()
    for act in (acts.amend, acts.open_paper, acts.save_paper, acts.at_meeting, acts.new_meeting):
        assert act.isEnabled(), act.text()
    assert page.select_meeting(board.march)
    assert acts.edit_meeting.isEnabled()
    assert acts.edit_meeting.toolTip() == "Edit meeting"
    assert not acts.amend.isEnabled()
    assert "Only approved minutes" in acts.amend.toolTip()


def test_a_read_only_board_disables_every_write(
    qtbot: QtBot, desk: Desk, board: Board, board_path: Path, messenger: RecordingMessenger
) -> None:
    desk.close()
    reader = open_desk(board_path, ACTOR, read_only=True, take_lock=False, today=lambda: TODAY)
    try:
        page = make_page(qtbot, reader, messenger, QUndoStack())
        assert page.select_meeting(board.march)
        page.agenda.selectRow(7)
        acts = page.acts
        # A draft pack only reads the board: Board pack… and Issued packs… stay on.
        reads = (acts.open_paper, acts.save_paper, acts.at_meeting, acts.members,
                 acts.board_pack, acts.issued_packs)  # fmt: skip
        writes = [a for a in acts.all() if a not in reads]
        for act in writes:
            assert not act.isEnabled(), act.text()
        assert "read-only" in acts.edit_item.toolTip()
        assert acts.open_paper.isEnabled()
        assert not page.agenda_model.movable
        window = page.members_editor.open()
        for button in (window.add_existing, window.add_new, window.set_quorum, window.quorum):
            assert not button.isEnabled()
        window.close()
        page.editor.new_meeting()
        assert messenger.messages[-1][1] == "This board is read-only"
    finally:
        reader.close()


# -- approval and amendments -----------------------------------------------------------------


def test_approving_minutes_at_a_later_meeting_is_confirmed_and_not_undoable(
    page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger, stack: QUndoStack
) -> None:
    today = desk.meetings.create(draft(TODAY))
    page.reload(today.id)
    page.acts.approve.trigger()
    dialog = page.minutes_editor.dialog
    assert isinstance(dialog, ApproveMinutesDialog)
    choices = [dialog.minutes_of.itemText(i) for i in range(dialog.minutes_of.count())]
    assert choices == [
        "Improvement Board, 10 Mar 2014 — held",
        "Improvement Board, 10 Feb 2014 — held",
    ]
    assert dialog.value() == board.march, "the previous unapproved meeting is offered first"
    dialog.save_button.click()
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("confirm", "Approve minutes")
    assert "cannot be undone" in text
    assert meeting(desk, board.march).summary.status is MeetingStatus.MINUTES_APPROVED
    at = next(
        i for i in meeting(desk, today.id).items if i.standing is StandingItem.PREVIOUS_MINUTES
    )
    assert at.decisions[0].text.startswith("RESOLVED: that the minutes of the meeting held on")
    assert stack.count() == 0, "approval is not on the undo stack"
    assert page.current_meeting_id() == today.id
    assert page.minutes_editor.dialog is None


def test_an_approval_the_service_refuses_keeps_the_dialog_open(
    page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger
) -> None:
    assert page.current_meeting_id() == board.april  # not held yet
    page.acts.approve.trigger()
    dialog = page.minutes_editor.dialog
    assert dialog is not None
    dialog.save_button.click()
    assert dialog.isVisible()
    assert "has not been held yet" in dialog.errors.general.text()
    assert meeting(desk, board.march).summary.status is MeetingStatus.HELD
    messenger.answer_yes = False
    dialog.save_button.click()
    assert dialog.isVisible()


def test_approval_needs_the_previous_minutes_item_and_something_to_approve(
    page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger
) -> None:
    bare = desk.meetings.create(draft(date(2014, 5, 19)), standing_items=False)
    page.reload(bare.id)
    page.acts.approve.trigger()
    assert messenger.messages[-1][1] == "No item to approve minutes at"
    assert page.select_meeting(board.february)
    page.acts.approve.trigger()
    assert messenger.messages[-1][1] == "No minutes await approval"


def test_recording_an_amendment_to_approved_minutes(
    page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger, stack: QUndoStack
) -> None:
    assert page.select_meeting(board.january)
    page.acts.amend.trigger()
    dialog = page.minutes_editor.dialog
    assert isinstance(dialog, AmendmentDialog)
    dialog.text.setPlainText("Item 8: for ‘twelve’ read ‘twenty’.")
    dialog.agreed_at.setCurrentIndex(dialog.agreed_at.findData(board.march))
    dialog.save_button.click()
    assert messenger.messages[-1][:2] == ("confirm", "Record amendment")
    amendments = meeting(desk, board.january).amendments
    assert [a.text for a in amendments] == ["Item 8: for ‘twelve’ read ‘twenty’."]
    assert amendments[0].agreed_at_meeting_id == board.march
    assert "1 amendment recorded" in page.detail.lock.text()
    assert stack.count() == 0


# -- board members ---------------------------------------------------------------------------


def test_board_members_add_edit_move_remove_and_quorum_with_undo(
    page: MeetingsPage, desk: Desk, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    page.acts.members.trigger()
    window = page.members_editor.window
    assert window is not None
    names = [m.name for m in desk.members.members()]
    assert window.model.rowCount() == 5
    window.add_new.click()
    form = page.members_editor.dialog
    assert isinstance(form, MemberDialog)
    form.name.setText("Fay Police")
    form.organisation.setText("Police")
    form.board_role.setText("Vice-chair")
    form.save_button.click()
    assert [m.name for m in desk.members.members()] == [*names, "Fay Police"]
    assert window.current().name == "Fay Police"
    assert window.voting_count() == 4
    window.edit.click()
    form = page.members_editor.dialog
    form.kind.setCurrentIndex(form.kind.findData(MemberKind.ADVISER.value))
    form.active.setChecked(False)
    form.save_button.click()
    fay = desk.members.members()[-1]
    assert (fay.kind, fay.active) == (MemberKind.ADVISER, False)
    assert window.model.index(5, 5).data() == "No (former)"
    window.show_former.setChecked(False)
    assert window.proxy.rowCount() == 5
    window.show_former.setChecked(True)
    window.select_person(desk.members.members()[0].person_id)
    window.down.click()
    assert [m.name for m in desk.members.members()][:2] == [names[1], names[0]]
    window.quorum.setValue(2)
    window.set_quorum.click()
    assert desk.meeting_settings.get().quorum == 2
    assert stack.undoText() == "Set the quorum to 2"
    window.remove.click()
    assert messenger.messages[-1][:2] == ("confirm", "Remove board member")
    assert names[0] not in [m.name for m in desk.members.members()]
    stack.undo()
    assert [m.name for m in desk.members.members()][:2] == [names[1], names[0]], "back in place"
    stack.undo()
    assert desk.meeting_settings.get().quorum == 3
    assert window.quorum.value() == 3, "the dialog follows undo"
    stack.undo()
    assert [m.name for m in desk.members.members()][:5] == names
    stack.undo()
    assert desk.members.members()[-1].active
    stack.undo()
    assert [m.name for m in desk.members.members()] == names
    assert window.model.rowCount() == 5
    for _ in range(5):
        stack.redo()
    assert desk.meeting_settings.get().quorum == 2
    assert next(m.name for m in desk.members.members()) == names[1]


def test_adding_an_existing_person_to_the_board(
    page: MeetingsPage, desk: Desk, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    outsider = desk.people.add("Gus Partner", "Head of Youth Justice", "Council")
    window = page.members_editor.open()
    window.add_existing.click()
    form = page.members_editor.dialog
    assert isinstance(form, MemberDialog)
    assert form.person.count() == 2  # the prompt and the one person not on the board
    form.person.setCurrentIndex(1)
    form.kind.setCurrentIndex(form.kind.findData(MemberKind.OFFICER.value))
    form.save_button.click()
    assert desk.members.members()[-1].person_id == outsider.id
    stack.undo()
    assert outsider.id not in {m.person_id for m in desk.members.members()}
    stack.redo()
    window.add_existing.click()
    window.add_existing.click()
    assert messenger.messages[-1][1] == "Everyone on the list is on the board"


# -- at the meeting --------------------------------------------------------------------------


def test_at_the_meeting_shows_the_meeting_screen_and_back(
    qtbot: QtBot, page: MeetingsPage, board: Board
) -> None:
    assert page.select_meeting(board.march)
    page.acts.at_meeting.trigger()
    screen = page.screens.screen
    assert screen is not None
    assert page.stack.currentWidget() is screen
    assert screen.meeting_id == board.march
    assert not page.acts.new_meeting.isEnabled(), "the page's commands rest meanwhile"
    assert not page.acts.add_item.isEnabled()
    screen.back_requested.emit()
    assert page.stack.currentWidget() is page.main_view
    assert page.current_meeting_id() == board.march
    assert page.acts.add_item.isEnabled()


# -- keyboard and layout ---------------------------------------------------------------------


def test_keys_act_on_the_table_that_has_focus(
    qtbot: QtBot, page: MeetingsPage, desk: Desk, board: Board, messenger: RecordingMessenger
) -> None:
    messenger.answer_yes = False
    page.agenda.selectRow(2)
    focus(qtbot, page, page.agenda)
    QTest.keyClick(page.agenda, Qt.Key.Key_Delete)
    assert messenger.messages[-1][1] == "Delete agenda item"
    QTest.keyClick(page.agenda, Qt.Key.Key_Return)
    assert isinstance(dialog_of(page), ItemDialog)
    QTest.keyClick(dialog_of(page), Qt.Key.Key_Escape)
    focus(qtbot, page, page.meeting_list)
    QTest.keyClick(page.meeting_list, Qt.Key.Key_Delete)
    assert messenger.messages[-1][1] == "Delete meeting"
    assert len(desk.meeting_reader.meetings()) == 4


def test_no_header_is_clipped(page: MeetingsPage) -> None:
    for view in (page.meeting_list, page.agenda, page.papers):
        header = view.horizontalHeader()
        metrics = header.fontMetrics()
        for col in range(header.count()):
            text = view.model().headerData(col, Qt.Orientation.Horizontal)
            assert header.sectionSize(col) >= metrics.horizontalAdvance(text) + 12, text


def test_an_undo_the_service_now_refuses_is_reported_and_dropped(
    page: MeetingsPage, desk: Desk, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    window = page.members_editor.open()
    window.quorum.setValue(2)
    window.set_quorum.click()
    # Someone takes a voting member off the board: a quorum of 3 is no longer possible.
    ann = desk.members.members()[0]
    desk.members.remove(ann.id, expected_version=ann.version)
    stack.undo()
    assert messenger.messages[-1][1] == "Could not undo “Set the quorum to 2”"
    assert "Quorum" in messenger.messages[-1][2]
    assert desk.meeting_settings.get().quorum == 2
    assert stack.count() == 0


def test_tooltips_say_what_a_command_does_or_why_it_is_off(
    page: MeetingsPage, board: Board
) -> None:
    status = page.acts.status_menu.menuAction()
    assert status.toolTip().startswith("Set the meeting's status")
    assert page.acts.add_standing.toolTip().startswith("Add the standing items")
    assert page.select_meeting(board.january)
    assert "approved" in status.toolTip()
    assert status.statusTip() == status.toolTip()


def test_new_meetings_and_items_start_at_the_boards_default_marking(
    page: MeetingsPage, desk: Desk
) -> None:
    from improvement_desk.domain.marking import Marking
    from improvement_desk.ui.meetings.meeting_dialog import marking_of

    page.acts.new_meeting.trigger()
    assert marking_of(dialog_of(page).marking) is Marking.OFFICIAL
    dialog_of(page).reject()
    settings = desk.board_settings.load()
    key = "board.marking_default"
    desk.board_settings.save(
        {key: Marking.OFFICIAL_SENSITIVE}, versions=settings.versions_of([key])
    )  # Settings ▸ Board
    page.acts.new_meeting.trigger()
    assert marking_of(dialog_of(page).marking) is Marking.OFFICIAL_SENSITIVE
    dialog_of(page).reject()
    current = page.current_meeting()
    assert current is not None
    page.editor.add_item(current)
    assert isinstance(dialog_of(page), ItemDialog)
    assert marking_of(dialog_of(page).marking) is Marking.OFFICIAL_SENSITIVE
