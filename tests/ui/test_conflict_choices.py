"""No silent overwrites in any edit dialog: a save refused because someone else saved first.

For each kind of record, its edit dialog is opened through the page, a second
officer saves the same record through their own session on the board file,
then I save what I typed. The question names them and keeps my form; then
Reload theirs closes the dialog and shows their value, Save mine over theirs
saves mine against their version (undo brings theirs back), and Keep editing
leaves the form open with what I typed and nothing saved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import TODAY
from meeting_fixtures import draft
from PySide6.QtGui import QUndoStack
from pytestqt.qtbot import QtBot

from improvement_desk.domain.meeting import StandingItem
from improvement_desk.domain.scorecard import FigureDraft
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.meeting_records import AgendaItemRecord, MemberRecord
from improvement_desk.ui.action_log.columns import LogCol
from improvement_desk.ui.action_log.edit_dialog import EditLogActionDialog
from improvement_desk.ui.action_log.log_page import ActionLogPage
from improvement_desk.ui.conflicts import KEEP, OVERWRITE, RELOAD
from improvement_desk.ui.meetings import commands as meeting_cmd
from improvement_desk.ui.meetings.item_dialog import ItemDialog
from improvement_desk.ui.meetings.meeting_dialog import MeetingDialog
from improvement_desk.ui.meetings.member_dialog import MemberDialog
from improvement_desk.ui.meetings.members_dialog import BoardMembersDialog
from improvement_desk.ui.scorecard.columns import ScoreCol
from improvement_desk.ui.scorecard.figure_dialog import FigureDialog
from improvement_desk.ui.scorecard.indicator_dialog import IndicatorDialog
from improvement_desk.ui.scorecard.scorecard_page import ScorecardPage

from .conftest import RecordingMessenger
from .log_ui_fixtures import build_log
from .meetings_kit import build_board, make_page, shown_titles
from .scorecard_fixtures import build_scorecard

pytestmark = pytest.mark.gui

FEB = date(2014, 2, 1)


class Scenario:
    """One record kind: its page, its edit dialog, my value and theirs.

    `value()` and `version()` read the board; `shown()` is what the page shows.
    """

    mine: ClassVar[str]
    theirs: ClassVar[str]
    dialog_type: ClassVar[type]

    @property
    def their_words(self) -> str:
        """Their value as the conflict's "Their change" quotes it (from the audit trail)."""
        return self.theirs

    def __init__(self, qtbot: QtBot, desk: Desk, stack: QUndoStack, messenger: Any, folder: Path):
        self.desk = desk

    @property
    def editor(self) -> Any:
        raise NotImplementedError

    def open(self) -> None:
        raise NotImplementedError

    def type(self, dialog: Any, text: str) -> None:
        raise NotImplementedError

    def typed(self, dialog: Any) -> str:
        raise NotImplementedError

    def save_theirs(self, other: Desk) -> None:
        raise NotImplementedError

    def value(self) -> str:
        raise NotImplementedError

    def version(self) -> int:
        raise NotImplementedError

    def shown(self) -> str:
        raise NotImplementedError


def show(qtbot: QtBot, page: Any) -> None:
    qtbot.addWidget(page)
    page.resize(1440, 860)
    page.show()
    qtbot.waitExposed(page)


class LogAction(Scenario):
    mine, theirs, dialog_type = (
        "Review the threshold at my desk",
        "Their wording",
        EditLogActionDialog,
    )

    def __init__(self, qtbot: QtBot, desk: Desk, stack: QUndoStack, messenger: Any, folder: Path):
        super().__init__(qtbot, desk, stack, messenger, folder)
        build_log(desk, approve_first=True)
        self.page = ActionLogPage(desk, stack, messenger)
        show(qtbot, self.page)
        self.id = next(a.id for a in desk.log.actions() if a.reference == "A13")

    @property
    def editor(self) -> Any:
        return self.page.editor

    def open(self) -> None:
        assert self.page.select_action(self.id)
        self.page.act_edit.trigger()

    def type(self, dialog: Any, text: str) -> None:
        dialog.description.setPlainText(text)

    def typed(self, dialog: Any) -> str:
        return str(dialog.description.toPlainText())

    def save_theirs(self, other: Desk) -> None:
        action = other.log.action(self.id).summary
        other.action_log.update(
            self.id, description=self.theirs, owner_id=action.owner_id,
            expected_version=action.version,
        )  # fmt: skip

    def value(self) -> str:
        return self.desk.log.action(self.id).summary.description

    def version(self) -> int:
        return self.desk.log.action(self.id).summary.version

    def shown(self) -> str:
        proxy = self.page.proxy
        row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == "A13")
        return str(proxy.index(row, LogCol.ACTION).data())


class Meeting(Scenario):
    mine, theirs, dialog_type = "The Guildhall", "Their room", MeetingDialog

    def __init__(self, qtbot: QtBot, desk: Desk, stack: QUndoStack, messenger: Any, folder: Path):
        super().__init__(qtbot, desk, stack, messenger, folder)
        self.id = build_board(desk, folder).april
        self.page = make_page(qtbot, desk, messenger, stack)

    @property
    def editor(self) -> Any:
        return self.page.editor

    def open(self) -> None:
        assert self.page.select_meeting(self.id)
        self.page.acts.edit_meeting.trigger()

    def type(self, dialog: Any, text: str) -> None:
        dialog.venue.setText(text)

    def typed(self, dialog: Any) -> str:
        return str(dialog.venue.text())

    def save_theirs(self, other: Desk) -> None:
        summary = other.meeting_reader.meeting(self.id).summary
        draft = replace(meeting_cmd.meeting_draft(summary), venue=self.theirs)
        other.meetings.update(self.id, draft, expected_version=summary.version)

    def value(self) -> str:
        return self.desk.meeting_reader.meeting(self.id).summary.venue

    def version(self) -> int:
        return self.desk.meeting_reader.meeting(self.id).summary.version

    def shown(self) -> str:
        return str(self.page.detail.values["Venue"].text())


class AgendaItem(Meeting):
    mine, theirs, dialog_type = "Early help: my title", "Early help: their title", ItemDialog

    def __init__(self, qtbot: QtBot, desk: Desk, stack: QUndoStack, messenger: Any, folder: Path):
        super().__init__(qtbot, desk, stack, messenger, folder)
        self.meeting_id = self.id
        self.item_id = desk.meeting_reader.meeting(self.id).items[2].id

    def item(self, desk: Desk | None = None) -> AgendaItemRecord:
        items = (desk or self.desk).meeting_reader.meeting(self.meeting_id).items
        return next(i for i in items if i.id == self.item_id)

    def open(self) -> None:
        assert self.page.select_meeting(self.meeting_id)
        assert self.page.select_item(self.item_id)
        self.page.acts.edit_item.trigger()

    def type(self, dialog: Any, text: str) -> None:
        dialog.item_title.setText(text)

    def typed(self, dialog: Any) -> str:
        return str(dialog.item_title.text())

    def save_theirs(self, other: Desk) -> None:
        item = self.item(other)
        draft = replace(meeting_cmd.item_draft(item), title=self.theirs)
        other.agenda.update_item(item.id, draft, expected_version=item.version)

    def value(self) -> str:
        return self.item().title

    def version(self) -> int:
        return self.item().version

    def shown(self) -> str:
        titles = shown_titles(self.page)
        return next(t for t in titles if t.startswith("Early help:"))


class BoardMember(Meeting):
    mine, theirs, dialog_type = "Chair", "Vice-chair", MemberDialog

    def __init__(self, qtbot: QtBot, desk: Desk, stack: QUndoStack, messenger: Any, folder: Path):
        super().__init__(qtbot, desk, stack, messenger, folder)
        self.person_id = desk.members.members()[1].person_id

    def member(self, desk: Desk | None = None) -> MemberRecord:
        return next(
            m for m in (desk or self.desk).members.members() if m.person_id == self.person_id
        )

    @property
    def editor(self) -> Any:
        return self.page.members_editor

    @property
    def window(self) -> BoardMembersDialog:
        window = self.page.members_editor.window
        assert window is not None
        return window

    def open(self) -> None:
        self.page.acts.members.trigger()
        assert self.window.select_person(self.person_id)
        self.window.edit.click()

    def type(self, dialog: Any, text: str) -> None:
        dialog.board_role.setText(text)

    def typed(self, dialog: Any) -> str:
        return str(dialog.board_role.text())

    def save_theirs(self, other: Desk) -> None:
        member = self.member(other)
        other.members.update(
            member.id, kind=member.kind, board_role=self.theirs, active=member.active,
            expected_version=member.version,
        )  # fmt: skip

    def value(self) -> str:
        return self.member().board_role

    def version(self) -> int:
        return self.member().version

    def shown(self) -> str:
        assert self.window.select_person(self.person_id)
        current = self.window.current()
        assert current is not None
        return current.board_role


class Indicator(Scenario):
    mine, theirs, dialog_type = "Re-referrals within a year", "Their name", IndicatorDialog
    reference = "CP2"

    def __init__(self, qtbot: QtBot, desk: Desk, stack: QUndoStack, messenger: Any, folder: Path):
        super().__init__(qtbot, desk, stack, messenger, folder)
        self.id = build_scorecard(desk, months=6, upto=FEB)[self.reference]
        self.page = ScorecardPage(desk, stack, messenger)
        show(qtbot, self.page)

    @property
    def editor(self) -> Any:
        return self.page.editor

    def open(self) -> None:
        assert self.page.select_indicator(self.id)
        self.page.act_edit.trigger()

    def type(self, dialog: Any, text: str) -> None:
        dialog.name.setText(text)

    def typed(self, dialog: Any) -> str:
        return str(dialog.name.text())

    def save_theirs(self, other: Desk) -> None:
        record = other.scorecard.indicator(self.id)
        other.indicators.update(
            self.id, replace(record.draft(), name=self.theirs), expected_version=record.version
        )

    def value(self) -> str:
        return self.desk.scorecard.indicator(self.id).name

    def version(self) -> int:
        return self.desk.scorecard.indicator(self.id).version

    def shown(self) -> str:
        proxy = self.page.proxy
        rows = range(proxy.rowCount())
        row = next(r for r in rows if proxy.index(r, ScoreCol.REFERENCE).data() == self.reference)
        return str(proxy.index(row, ScoreCol.INDICATOR).data())


class Figure(Indicator):
    mine, theirs, dialog_type = "99", "98", FigureDialog
    reference = "CP1"

    @property
    def their_words(self) -> str:
        return "98.0"

    def figure_value(self, desk: Desk) -> tuple[float, int]:
        figure = next(f for f in desk.scorecard.figures(self.id) if f.period == FEB)
        return figure.value, figure.version

    def open(self) -> None:
        assert self.page.select_indicator(self.id)
        assert self.page.detail.select_period(FEB)
        self.page.act_edit_figure.trigger()

    def type(self, dialog: Any, text: str) -> None:
        dialog.value_edit.setText(text)

    def typed(self, dialog: Any) -> str:
        return str(dialog.value_edit.text())

    def save_theirs(self, other: Desk) -> None:
        _, version = self.figure_value(other)
        other.figures.record(
            self.id, FigureDraft(FEB, float(self.theirs)), expected_version=version
        )

    def value(self) -> str:
        return f"{self.figure_value(self.desk)[0]:g}"

    def version(self) -> int:
        return self.figure_value(self.desk)[1]

    def shown(self) -> str:
        proxy = self.page.proxy
        rows = range(proxy.rowCount())
        row = next(r for r in rows if proxy.index(r, ScoreCol.REFERENCE).data() == self.reference)
        return str(proxy.index(row, ScoreCol.LATEST).data()).removesuffix(".0%")


SCENARIOS = [LogAction, Meeting, AgendaItem, BoardMember, Indicator, Figure]


@pytest.fixture
def other(desk: Desk, board_path: Path) -> Iterator[Desk]:
    """A second officer's session on the same board file."""
    second = open_desk(
        board_path, Actor("Other Officer", "other"), take_lock=False, today=lambda: TODAY
    )
    yield second
    second.close()


def answer(box: Any, choice: str) -> None:
    [button] = [b for b in box.buttons() if b.text() == choice]
    button.click()


@pytest.mark.parametrize("choice", [RELOAD, OVERWRITE, KEEP])
@pytest.mark.parametrize("kind", SCENARIOS, ids=lambda k: k.__name__)
def test_a_save_after_someone_elses_asks_and_does_what_is_chosen(
    qtbot: QtBot, desk: Desk, other: Desk, tmp_path: Path, messenger: RecordingMessenger,
    kind: type[Scenario], choice: str,
) -> None:  # fmt: skip
    stack = QUndoStack()
    s = kind(qtbot, desk, stack, messenger, tmp_path)
    original = s.value()
    s.open()
    dialog = s.editor.dialog
    assert isinstance(dialog, s.dialog_type), dialog
    s.save_theirs(other)
    theirs_version = s.version()
    s.type(dialog, s.mine)
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()

    box = s.editor.conflict_box
    assert box is not None
    assert box.isVisible()
    assert "was changed by Other Officer at" in box.text()
    assert "since you opened it; nothing was saved." in box.text()
    assert f"→ “{s.their_words}”" in box.text(), "their change, in their words"
    assert {RELOAD, OVERWRITE, KEEP} <= {b.text() for b in box.buttons()}
    assert s.editor.dialog is dialog
    assert dialog.isVisible(), "the form stays open while I choose"
    assert s.typed(dialog) == s.mine
    assert (s.value(), stack.count()) == (s.theirs, 0)

    answer(box, choice)
    if choice == RELOAD:
        assert s.editor.dialog is None
        assert (s.value(), s.version()) == (s.theirs, theirs_version)
        assert s.shown() == s.theirs, "the page reloaded"
        assert stack.count() == 0
    elif choice == OVERWRITE:
        assert s.editor.dialog is None
        assert s.value() == s.mine
        assert s.version() > theirs_version, "saved against their version, as a new version"
        assert s.shown() == s.mine
        assert stack.count() == 1
        stack.undo()
        assert s.value() == s.theirs, "undo returns to theirs, not to what I first opened"
        assert s.value() != original
        stack.redo()
        assert s.value() == s.mine
    else:
        assert s.editor.dialog is dialog
        assert dialog.isVisible()
        assert s.typed(dialog) == s.mine, "what I typed is still there"
        assert (s.value(), s.version()) == (s.theirs, theirs_version), "nothing saved"
        assert stack.count() == 0
        dialog.reject()
    assert [m for m in messenger.messages if m[0] == "error"] == []


def test_a_refusal_by_rule_offers_no_save_over_it(
    qtbot: QtBot, desk: Desk, other: Desk, tmp_path: Path, messenger: RecordingMessenger
) -> None:
    """The minutes were approved while I edited one of their items: saving again would be
    refused again, so the question offers only reload or keep editing."""
    stack = QUndoStack()
    board = build_board(desk, tmp_path)
    later = desk.meetings.create(draft(TODAY))
    page = make_page(qtbot, desk, messenger, stack)
    assert page.select_meeting(board.march)
    assert page.select_item(board.exempt_item)
    page.acts.edit_item.trigger()
    dialog = page.editor.dialog
    assert isinstance(dialog, ItemDialog)
    at = next(
        i
        for i in other.meeting_reader.meeting(later.id).items
        if i.standing is StandingItem.PREVIOUS_MINUTES
    )
    other.minutes.approve(board.march, at_item_id=at.id, expected_version=None)
    dialog.item_title.setText("Children's home: my title")
    dialog.save_button.click()

    box = page.editor.conflict_box
    assert box is not None
    assert box.isVisible()
    assert "are approved and cannot be changed" in box.text()
    labels = {b.text() for b in box.buttons()}
    assert {RELOAD, KEEP} <= labels
    assert OVERWRITE not in labels
    answer(box, KEEP)
    assert page.editor.dialog is dialog
    assert dialog.item_title.text() == "Children's home: my title"
    dialog.reject()
    assert page.editor.dialog is None
    titles = [i.title for i in desk.meeting_reader.meeting(board.march).items]
    assert "Children's home: staffing" in titles
    assert stack.count() == 0
