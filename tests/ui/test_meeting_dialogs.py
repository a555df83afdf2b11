"""The meetings page's dialogs: bad input per field is shown under the field and nothing is
written; the board members dialog's quorum; a paper that is not a PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pytest
from conftest import TODAY
from meeting_fixtures import audit_count
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from improvement_desk.domain.marking import EXEMPT_PARAGRAPHS, Marking
from improvement_desk.domain.meeting import AgendaItemDraft, MeetingDraft, MemberKind, Purpose
from improvement_desk.services.desk import Desk
from improvement_desk.services.meeting_records import AgendaItemRecord, MeetingSummary
from improvement_desk.services.people import PersonRecord
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.meetings.item_dialog import ItemDialog
from improvement_desk.ui.meetings.meeting_dialog import MeetingDialog
from improvement_desk.ui.meetings.member_dialog import MemberChoice, MemberDialog, MemberMode
from improvement_desk.ui.meetings.members_dialog import BoardMembersDialog
from improvement_desk.ui.meetings.minutes_dialogs import AmendmentDialog, ApproveMinutesDialog

from .conftest import RecordingMessenger
from .dialog_kit import assert_error, submitted_value, visible_errors
from .meetings_kit import Board, build_board, make_page, meeting

pytestmark = pytest.mark.gui


def shown(qtbot: QtBot, dialog: FormDialog) -> FormDialog:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def new_meeting(qtbot: QtBot) -> MeetingDialog:
    dialog = MeetingDialog(None, initial=None, today=TODAY, default_venue="Town Hall")
    shown(qtbot, dialog)
    return dialog


def new_item(qtbot: QtBot) -> ItemDialog:
    dialog = ItemDialog(None, initial=None, meeting_label="Improvement Board, 10 Mar 2014")
    shown(qtbot, dialog)
    return dialog


def new_member(qtbot: QtBot) -> MemberDialog:
    dialog = MemberDialog(None, mode=MemberMode.NEW)
    shown(qtbot, dialog)
    return dialog


PEOPLE = (
    PersonRecord(4, "Zoë Ó Briain", "Head of Service", "Council"),
    PersonRecord(9, "Tom Brown", "", ""),
)


def existing_member(qtbot: QtBot) -> MemberDialog:
    dialog = MemberDialog(None, mode=MemberMode.EXISTING, people=PEOPLE)
    shown(qtbot, dialog)
    return dialog


def amendment(qtbot: QtBot, desk: Desk, board: Board) -> AmendmentDialog:
    dialog = AmendmentDialog(
        None, meeting=meeting(desk, board.january), later=desk.meeting_reader.meetings()[1:],
        today=TODAY,
    )  # fmt: skip
    shown(qtbot, dialog)
    return dialog


FACTORIES: dict[str, Callable[[QtBot], FormDialog]] = {
    "meeting": new_meeting,
    "item": new_item,
    "member_new": new_member,
    "member_existing": existing_member,
}


@pytest.fixture
def board(desk: Desk, tmp_path: Path) -> Board:
    return build_board(desk, tmp_path)


# -- every dialog ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(FACTORIES))
def test_every_input_is_named_labelled_and_reachable(qtbot: QtBot, name: str) -> None:
    dialog = FACTORIES[name](qtbot)
    buddies = {
        label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()
    }
    for field, widget in dialog.inputs.items():
        assert widget.objectName(), field
        assert widget.accessibleName() == field
        assert "&" in buddies[widget], f"{field} has no mnemonic"
    letters = [buddies[w][buddies[w].index("&") + 1].lower() for w in dialog.inputs.values()]
    assert len(letters) == len(set(letters)), f"mnemonics clash: {letters}"


@pytest.mark.parametrize("name", list(FACTORIES))
def test_escape_closes_without_saving(qtbot: QtBot, name: str) -> None:
    dialog = FACTORIES[name](qtbot)
    dialog.open()
    with qtbot.assertNotEmitted(dialog.submitted), qtbot.waitSignal(dialog.rejected):
        QTest.keyClick(dialog, Qt.Key.Key_Escape)


# -- the meeting -----------------------------------------------------------------------------


def test_a_new_meeting_starts_from_the_settings_with_the_standing_items(qtbot: QtBot) -> None:
    dialog = new_meeting(qtbot)
    assert visible_errors(dialog) == []
    value = submitted_value(qtbot, dialog)
    assert value == (MeetingDraft(TODAY, time(14, 0), "Town Hall", "Improvement Board"), True)
    dialog.standing.setChecked(False)
    dialog.start.none_box.setChecked(True)
    dialog.marking.setCurrentIndex(1)
    draft, standing = submitted_value(qtbot, dialog)  # type: ignore[misc]
    assert (draft.start_time, draft.marking, standing) == (None, Marking.OFFICIAL_SENSITIVE, False)


def test_meeting_bad_input_is_shown_under_each_field(qtbot: QtBot) -> None:
    dialog = new_meeting(qtbot)
    dialog.meeting_title.setText("  ")
    assert_error(dialog, "Title", "required")
    dialog.meeting_title.setText("Board")
    dialog.venue.setText("x" * 250)
    assert_error(dialog, "Venue", "200")
    dialog.venue.setText("Line one\nline two")
    dialog.venue.setText("Room 1")
    dialog.meeting_date.setDate(QDate(1999, 12, 31))
    assert_error(dialog, "Date", "not a plausible date")
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.save_button.click()


def test_editing_a_meeting_fills_it_in_and_hides_the_standing_choice(
    qtbot: QtBot, desk: Desk, board: Board
) -> None:
    summary: MeetingSummary = meeting(desk, board.march).summary
    dialog = MeetingDialog(None, initial=summary, today=TODAY)
    shown(qtbot, dialog)
    assert dialog.windowTitle() == "Edit meeting — Improvement Board, 10 Mar 2014"
    assert dialog.venue.text() == "Council Chamber"
    assert dialog.standing.isHidden()
    draft, _ = submitted_value(qtbot, dialog)  # type: ignore[misc]
    assert draft == MeetingDraft(summary.meeting_date, summary.start_time, "Council Chamber")


# -- agenda items ----------------------------------------------------------------------------


def test_item_bad_input_per_field(qtbot: QtBot) -> None:
    dialog = new_item(qtbot)
    assert visible_errors(dialog) == [], "a new item does not open with errors"
    assert not dialog.save_button.isEnabled()
    dialog.item_title.setText("Ofsted feedback")
    dialog.item_title.setText("")
    assert_error(dialog, "Title", "required")
    dialog.item_title.setText("Ofsted feedback")
    for bad in ("0", "999"):
        dialog.minutes.setText(bad)
        assert_error(dialog, "Time allowed", "between 1 and 480 minutes")
    dialog.minutes.setText("45")
    assert visible_errors(dialog) == []
    dialog.presenter.setText("x" * 201)
    assert_error(dialog, "Presenter")
    dialog.presenter.setText("Director")
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.minutes.setText("0")
        dialog.save_button.click()


def test_an_exempt_item_needs_its_paragraph_which_shows_its_description(qtbot: QtBot) -> None:
    dialog = new_item(qtbot)
    dialog.item_title.setText("Children's home: staffing")
    assert not dialog.paragraph.isEnabled()
    assert not dialog.publish_from.isEnabled()
    dialog.exempt.setChecked(True)
    assert dialog.paragraph.isEnabled()
    assert_error(dialog, "Exempt paragraph", "Schedule 12A paragraph (1–7)")
    assert dialog.paragraph.count() == 1 + len(EXEMPT_PARAGRAPHS)
    dialog.paragraph.setCurrentIndex(dialog.paragraph.findData(3))
    assert visible_errors(dialog) == []
    assert dialog.paragraph_text.text() == EXEMPT_PARAGRAPHS[3]
    assert dialog.paragraph_text.isVisible()
    assert dialog.paragraph.itemText(3).startswith("3 — Information relating to the financial")
    dialog.publish_from.setDate(date(2015, 4, 1))
    value = submitted_value(qtbot, dialog)
    assert value == AgendaItemDraft(
        "Children's home: staffing", exempt=True, exempt_paragraph=3, publish_from=date(2015, 4, 1)
    )
    dialog.exempt.setChecked(False)
    assert not dialog.paragraph_text.isVisible()
    value = submitted_value(qtbot, dialog)
    assert value == AgendaItemDraft("Children's home: staffing"), "paragraph and date go with it"


def test_a_public_title_is_offered_only_for_an_exempt_item(qtbot: QtBot) -> None:
    dialog = new_item(qtbot)
    dialog.item_title.setText("Agency contract: commercial terms")
    assert not dialog.public_title.isEnabled()
    assert (
        dialog.public_title.placeholderText()
        == "Printed in the public pack instead of “Exempt item”"
    )
    dialog.exempt.setChecked(True)
    dialog.paragraph.setCurrentIndex(dialog.paragraph.findData(3))
    assert dialog.public_title.isEnabled()
    dialog.public_title.setText("x" * 201)
    assert_error(dialog, "Public title", "the limit is 200")
    dialog.public_title.setText("  Agency social work contract  ")
    assert visible_errors(dialog) == []
    value = submitted_value(qtbot, dialog)
    assert value == AgendaItemDraft(
        "Agency contract: commercial terms",
        exempt=True,
        exempt_paragraph=3,
        public_title="Agency social work contract",
    )
    dialog.public_title.setText("x" * 201)
    dialog.exempt.setChecked(False)
    assert not dialog.public_title.isEnabled()
    assert visible_errors(dialog) == []
    value = submitted_value(qtbot, dialog)
    assert value == AgendaItemDraft("Agency contract: commercial terms"), "it goes with Exempt"


def test_editing_an_exempt_item_shows_its_public_title(
    qtbot: QtBot, desk: Desk, board: Board
) -> None:
    item = next(i for i in meeting(desk, board.march).items if i.id == board.exempt_item)
    item = replace(item, public_title="Senior staffing matter")
    dialog = ItemDialog(None, initial=item, meeting_label="March")
    shown(qtbot, dialog)
    assert dialog.public_title.isEnabled()
    assert dialog.public_title.text() == "Senior staffing matter"
    value = submitted_value(qtbot, dialog)
    assert value.public_title == "Senior staffing matter"  # type: ignore[attr-defined]


def test_editing_an_item_keeps_its_standing_kind(qtbot: QtBot, desk: Desk, board: Board) -> None:
    item: AgendaItemRecord = next(
        i for i in meeting(desk, board.march).items if i.id == board.exempt_item
    )
    dialog = ItemDialog(None, initial=item, meeting_label="March")
    shown(qtbot, dialog)
    assert dialog.windowTitle().startswith(f"Edit item {item.number} — ")
    assert dialog.exempt.isChecked()
    assert dialog.paragraph.currentData() == 1
    assert dialog.minutes.text() == "30"
    value = submitted_value(qtbot, dialog)
    assert value == AgendaItemDraft(
        item.title, item.presenter, Purpose.DECISION, 30, Marking.OFFICIAL_SENSITIVE, True, 1,
        date(2015, 1, 1),
    )  # fmt: skip
    standing = meeting(desk, board.march).items[0]
    dialog = ItemDialog(None, initial=standing, meeting_label="March")
    shown(qtbot, dialog)
    assert submitted_value(qtbot, dialog).standing is standing.standing  # type: ignore[attr-defined]


# -- members ---------------------------------------------------------------------------------


def test_member_dialogs_refuse_bad_input(qtbot: QtBot) -> None:
    dialog = new_member(qtbot)
    dialog.name.setText("Jo")
    dialog.name.setText(" ")
    assert_error(dialog, "Name", "required")
    dialog.name.setText("Jo Adams")
    dialog.board_role.setText("Chair\nand more")
    assert_error(dialog, "Board role")
    dialog.board_role.setText("Vice-chair")
    dialog.kind.setCurrentIndex(dialog.kind.findData(MemberKind.ADVISER.value))
    assert submitted_value(qtbot, dialog) == MemberChoice(
        MemberKind.ADVISER, "Vice-chair", name="Jo Adams"
    )
    chooser = existing_member(qtbot)
    assert not chooser.save_button.isEnabled()
    assert chooser.save_button.toolTip() == "Not yet: Name is required"
    chooser.person.setCurrentIndex(1)
    assert submitted_value(qtbot, chooser) == MemberChoice(MemberKind.VOTING, "", person_id=4)


def test_quorum_of_zero_or_above_the_voting_members_is_refused_naming_the_field(
    qtbot: QtBot, desk: Desk, board: Board, messenger: RecordingMessenger
) -> None:
    page = make_page(qtbot, desk, messenger, QUndoStack())
    window = page.members_editor.open()
    assert isinstance(window, BoardMembersDialog)
    written = audit_count(desk)
    assert window.voting_count() == 3
    window.quorum.setValue(0)
    assert window.quorum_error.isVisible()
    assert window.quorum_error.text() == "Quorum must be at least 1"
    assert not window.set_quorum.isEnabled()
    window.quorum.setValue(4)
    assert window.quorum_error.text() == "Quorum is 4 but the board has only 3 voting members"
    assert window.quorum.accessibleDescription() == window.quorum_error.text()
    assert not window.set_quorum.isEnabled()
    assert "Not yet: Quorum is 4" in window.set_quorum.toolTip()
    page.members_editor.set_quorum(4)  # as if the button were pressed anyway
    assert messenger.messages[-1][1] == "The quorum was not changed"
    assert "Quorum" in messenger.messages[-1][2]
    assert audit_count(desk) == written, "nothing written"
    assert desk.meeting_settings.get().quorum == 3
    window.quorum.setValue(2)
    assert not window.quorum_error.isVisible()
    assert window.set_quorum.isEnabled()


# -- minutes ---------------------------------------------------------------------------------


def test_approval_dialog_needs_a_meeting_and_amendment_needs_text(
    qtbot: QtBot, desk: Desk, board: Board
) -> None:
    march = meeting(desk, board.march)
    item = march.items[2]
    dialog = ApproveMinutesDialog(None, meeting=march.summary, item=item, candidates=[])
    shown(qtbot, dialog)
    assert_error(dialog, "Minutes of", "required")
    assert dialog.save_button.text() == "&Approve…"
    assert "cannot be undone" in dialog.findChild(QLabel, "approval_note").text()
    amend = amendment(qtbot, desk, board)
    amend.text.setPlainText("x")
    amend.text.setPlainText("   ")
    assert_error(amend, "Amendment", "required")
    amend.text.setPlainText("Item 1: for twelve read twenty.")
    amend.item.setCurrentIndex(1)
    value = submitted_value(qtbot, amend)
    assert value.text == "Item 1: for twelve read twenty."  # type: ignore[attr-defined]
    assert value.item_id == meeting(desk, board.january).items[0].id  # type: ignore[attr-defined]
    assert value.amended_on == TODAY  # type: ignore[attr-defined]


# -- papers ----------------------------------------------------------------------------------


def test_attaching_a_file_that_is_not_a_pdf_names_it_and_writes_nothing(
    qtbot: QtBot, desk: Desk, board: Board, messenger: RecordingMessenger
) -> None:
    stack = QUndoStack()
    page = make_page(qtbot, desk, messenger, stack)
    assert page.select_meeting(board.april)
    page.agenda.selectRow(4)
    item = page.current_item()
    written = audit_count(desk)
    page.files.choose_files = lambda _parent: [board.pdfs / "minutes.docx"]
    page.acts.attach_paper.trigger()
    kind, title, text = messenger.messages[-1]
    assert kind == "error"
    assert title == "Could not attach minutes.docx"
    assert "minutes.docx" in text
    # Several files, one of them bad: none is attached.
    page.files.choose_files = lambda _parent: [
        board.pdfs / "report one.pdf", board.pdfs / "minutes.docx", board.pdfs / "report two.pdf",
    ]  # fmt: skip
    page.acts.attach_paper.trigger()
    assert "None of the chosen files was attached" in messenger.messages[-1][2]
    assert meeting(desk, board.april).items[4].papers == ()
    assert page.papers_model.rowCount() == 0
    assert stack.count() == 0
    assert page.current_item() == item
    page.files.choose_files = lambda _parent: [board.pdfs / "missing.pdf"]
    page.acts.attach_paper.trigger()
    assert "missing.pdf" in messenger.messages[-1][2]
    assert meeting(desk, board.april).items[4].papers == ()
    assert audit_count(desk) > written or audit_count(desk) == written  # attach + remove audited
