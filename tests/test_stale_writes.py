"""No silent overwrites of decisions, declarations, attendance, papers and target steps
(RELIABILITY DB-8): a write based on a stale copy is refused with who changed the row,
when and what, nothing is written, and the same write against the current version goes
through. `expected_version=None` (the CLI, undo replaying its own step) writes as before.

Two desks on one board play two officers, as in test_versions.py; the second is opened
without the board lock, as a second process that got past it would be.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY, TickingClock
from meeting_fixtures import MARCH, add_members, audit_count, draft, item_draft, make_pdf
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from sqlalchemy import inspect, select

from improvement_desk.db.models import (
    Attendance,
    Decision,
    Declaration,
    IndicatorTarget,
    Paper,
)
from improvement_desk.domain.errors import Conflict, DeskError
from improvement_desk.domain.meeting import AttendanceStatus
from improvement_desk.domain.scorecard import IndicatorDraft, Polarity, TargetStep, Unit
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.meeting_records import AgendaItemRecord, AttendanceRecord
from improvement_desk.ui.meeting_screen.editor import Refused, ScreenEditor
from improvement_desk.ui.messages import Messenger

OTHER = Actor(name="Other Officer", os_login="other")
FIRST_STEP, NEW_STEP = date(2013, 4, 1), date(2014, 4, 1)


@dataclass(frozen=True)
class Board:
    meeting_id: int
    item_id: int
    ann: int  # attendance recorded (present)
    bob: int  # attendance not recorded; made the declaration
    decision_id: int
    declaration_id: int
    paper_ids: tuple[int, int]
    indicator_id: int


@pytest.fixture
def board(desk: Desk, tmp_path: Path) -> Board:
    members = add_members(desk)
    ann, bob = members[0].person_id, members[1].person_id
    meeting = desk.meetings.create(draft(MARCH))
    item_id = desk.agenda.add_item(meeting.id, item_draft()).id
    desk.attendance.record(meeting.id, ann, AttendanceStatus.PRESENT)
    decision = desk.minutes.add_decision(item_id, "RESOLVED: that the strategy be agreed.")
    declaration = desk.minutes.declare(meeting.id, bob, item_id, "Trustee of a charity")
    papers = [desk.papers.attach(item_id, make_pdf(tmp_path / f"{n}.pdf")) for n in "ab"]
    indicator = desk.indicators.create(
        IndicatorDraft("CP1", "Visits in timescale", Unit.PERCENT, Polarity.HIGHER_IS_BETTER),
        target=90.0,
        target_from=FIRST_STEP,
    )
    return Board(
        meeting.id, item_id, ann, bob, decision.id, declaration.id,
        (papers[0].id, papers[1].id), indicator.id,
    )  # fmt: skip


@pytest.fixture
def other(desk: Desk, board_location: str | Path) -> Iterator[Desk]:
    """The same board, opened by a colleague in another process."""
    opened = open_desk(
        board_location,
        OTHER,
        take_lock=False,
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 15, 47, tzinfo=UTC)),
    )
    yield opened
    opened.close()


def _row(desk: Desk, model: type[Any], **where: object) -> dict[str, object] | None:
    """The row's columns as stored now (None: there is no such row)."""
    with desk.ctx.db.reading() as session:
        row = session.scalar(select(model).filter_by(**where))
        if row is None:
            return None
        return {c.key: getattr(row, c.key) for c in inspect(model).column_attrs}


def _version(desk: Desk, model: type[Any], **where: object) -> int:
    row = _row(desk, model, **where)
    return 0 if row is None else int(str(row["version"]))


def _edit_by_hand(desk: Desk, model: type[Any], row_id: int, field: str, value: str) -> None:
    """A colleague's audited edit of a row no service edits yet (papers, declarations): the
    ORM moves the version on and the trail names them, as a future edit would."""
    with desk.ctx.db.transaction() as session:
        row = session.get(model, row_id)
        AuditTrail(desk.ctx, session).apply(row, model.__tablename__, "edited", {field: value})


Write = Callable[[Desk, Board, int | None], object]


@dataclass(frozen=True)
class Case:
    name: str
    model: type[Any]
    where: Callable[[Board], dict[str, object]]  # finds the row the screen shows
    theirs: Callable[[Desk, Board], object]
    mine: Write


def _decision(b: Board) -> dict[str, object]:
    return {"id": b.decision_id}


def _ann(b: Board) -> dict[str, object]:
    return {"meeting_id": b.meeting_id, "person_id": b.ann}


def _step(b: Board) -> dict[str, object]:
    return {"indicator_id": b.indicator_id, "from_period": FIRST_STEP}


def _paper(b: Board) -> dict[str, object]:
    return {"id": b.paper_ids[0]}


def _reword(d: Desk, b: Board) -> object:
    return d.minutes.update_decision(b.decision_id, "RESOLVED: their wording.")


def _apologies(d: Desk, b: Board) -> object:
    return d.attendance.record(b.meeting_id, b.ann, AttendanceStatus.APOLOGIES, "Deputy")


def _raise_target(d: Desk, b: Board) -> object:
    return d.indicators.set_target(b.indicator_id, TargetStep(FIRST_STEP, 95.0))


def _retitle_paper(d: Desk, b: Board) -> None:
    _edit_by_hand(d, Paper, b.paper_ids[0], "title", "Their title")


CASES = [
    Case("edit decision", Decision, _decision, _reword,
         lambda d, b, v: d.minutes.update_decision(b.decision_id, "RESOLVED: mine.",
                                                   expected_version=v)),
    Case("remove decision", Decision, _decision, _reword,
         lambda d, b, v: d.minutes.remove_decision(b.decision_id, expected_version=v)),
    Case("remove declaration", Declaration, lambda b: {"id": b.declaration_id},
         lambda d, b: _edit_by_hand(d, Declaration, b.declaration_id, "nature", "Their words"),
         lambda d, b, v: d.minutes.remove_declaration(b.declaration_id, expected_version=v)),
    Case("record attendance", Attendance, _ann, _apologies,
         lambda d, b, v: d.attendance.record(b.meeting_id, b.ann, AttendanceStatus.ABSENT,
                                             expected_version=v)),
    Case("clear attendance", Attendance, _ann, _apologies,
         lambda d, b, v: d.attendance.record(b.meeting_id, b.ann, None, expected_version=v)),
    Case("change target", IndicatorTarget, _step, _raise_target,
         lambda d, b, v: d.indicators.set_target(b.indicator_id, TargetStep(FIRST_STEP, 80.0),
                                                 expected_version=v)),
    Case("remove target", IndicatorTarget, _step, _raise_target,
         lambda d, b, v: d.indicators.remove_target(b.indicator_id, FIRST_STEP,
                                                    expected_version=v)),
    Case("remove paper", Paper, _paper, _retitle_paper,
         lambda d, b, v: d.papers.remove(b.paper_ids[0], expected_version=v)),
    Case("move paper", Paper, _paper, _retitle_paper,
         lambda d, b, v: d.papers.move(b.paper_ids[0], 1, expected_version=v)),
]  # fmt: skip


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_stale_write_is_refused_naming_who_changed_it(
    desk: Desk, other: Desk, board: Board, case: Case
) -> None:
    shown = _version(desk, case.model, **case.where(board))
    case.theirs(other, board)
    theirs, audited = _row(desk, case.model, **case.where(board)), audit_count(desk)
    with pytest.raises(Conflict) as refused:
        case.mine(desk, board, shown)
    message = str(refused.value)
    assert "was changed by Other Officer at " in message
    assert "nothing was saved" in message
    assert refused.value.changed_by == "Other Officer"
    assert _row(desk, case.model, **case.where(board)) == theirs
    assert audit_count(desk) == audited
    # Read again, the same write goes through.
    case.mine(desk, board, _version(desk, case.model, **case.where(board)))
    assert _row(desk, case.model, **case.where(board)) != theirs
    assert audit_count(desk) > audited


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_no_expected_version_writes_as_before(
    desk: Desk, other: Desk, board: Board, case: Case
) -> None:
    case.theirs(other, board)
    theirs, audited = _row(desk, case.model, **case.where(board)), audit_count(desk)
    case.mine(desk, board, None)
    assert _row(desk, case.model, **case.where(board)) != theirs
    assert audit_count(desk) > audited


# -- a line or a step that appeared or went since the screen showed it ---------------------------


def _bob(b: Board) -> dict[str, object]:
    return {"meeting_id": b.meeting_id, "person_id": b.bob}


def _new_step(b: Board) -> dict[str, object]:
    return {"indicator_id": b.indicator_id, "from_period": NEW_STEP}


APPEARED_OR_WENT = [
    Case("line recorded since", Attendance, _bob,
         lambda d, b: d.attendance.record(b.meeting_id, b.bob, AttendanceStatus.APOLOGIES),
         lambda d, b, v: d.attendance.record(b.meeting_id, b.bob, AttendanceStatus.PRESENT,
                                             expected_version=v)),
    Case("line cleared since", Attendance, _ann,
         lambda d, b: d.attendance.record(b.meeting_id, b.ann, None),
         lambda d, b, v: d.attendance.record(b.meeting_id, b.ann, AttendanceStatus.ABSENT,
                                             expected_version=v)),
    Case("step set since", IndicatorTarget, _new_step,
         lambda d, b: d.indicators.set_target(b.indicator_id, TargetStep(NEW_STEP, 95.0)),
         lambda d, b, v: d.indicators.set_target(b.indicator_id, TargetStep(NEW_STEP, 80.0),
                                                 expected_version=v)),
    Case("step removed since", IndicatorTarget, _step,
         lambda d, b: d.indicators.remove_target(b.indicator_id, FIRST_STEP),
         lambda d, b, v: d.indicators.set_target(b.indicator_id, TargetStep(FIRST_STEP, 80.0),
                                                 expected_version=v)),
]  # fmt: skip


@pytest.mark.parametrize("case", APPEARED_OR_WENT, ids=lambda c: c.name)
def test_a_line_or_step_that_appeared_or_went_since_is_refused(
    desk: Desk, other: Desk, board: Board, case: Case
) -> None:
    shown = _version(desk, case.model, **case.where(board))  # 0: the screen showed none
    case.theirs(other, board)
    theirs, audited = _row(desk, case.model, **case.where(board)), audit_count(desk)
    with pytest.raises(Conflict, match=r"was (recorded|cleared|set|removed) by someone else"):
        case.mine(desk, board, shown)
    assert _row(desk, case.model, **case.where(board)) == theirs
    assert audit_count(desk) == audited
    case.mine(desk, board, _version(desk, case.model, **case.where(board)))
    assert _row(desk, case.model, **case.where(board)) != theirs


def test_the_meeting_screen_records_carry_their_row_versions(
    desk: Desk, other: Desk, board: Board
) -> None:
    _reword(other, board)
    _apologies(other, board)
    meeting = desk.meeting_reader.meeting(board.meeting_id)
    item = next(i for i in meeting.items if i.id == board.item_id)
    assert [d.version for d in item.decisions] == [2]
    lines = {a.person_id: a.version for a in meeting.attendance}
    assert (lines[board.ann], lines[board.bob]) == (2, 0)  # 0: nothing recorded yet
    assert [p.version for p in item.papers] == [1, 1]
    assert [d.version for d in meeting.declarations] == [1]


# -- the meeting screen: it saves against what it showed; its undo never writes over a colleague --


class _Told(Messenger):
    def __init__(self) -> None:
        super().__init__()
        self.told: list[str] = []

    def problem(self, parent: object, title: str, exc: DeskError) -> None:  # type: ignore[override]
        self.told.append(str(exc))


@pytest.mark.gui
def test_the_meeting_screen_saves_against_what_it_showed(
    qapp: Any, desk: Desk, other: Desk, board: Board
) -> None:
    told, stack = _Told(), QUndoStack()
    editor = ScreenEditor(QWidget(), desk, stack, told, lambda: None)

    def shown() -> tuple[AgendaItemRecord, dict[int, AttendanceRecord]]:
        meeting = desk.meeting_reader.meeting(board.meeting_id)
        lines = {a.person_id: a for a in meeting.attendance}
        return next(i for i in meeting.items if i.id == board.item_id), lines

    item, lines = shown()
    _reword(other, board)
    other.attendance.record(board.meeting_id, board.bob, AttendanceStatus.APOLOGIES)
    with pytest.raises(Refused):
        editor.edit_decision(item, item.decisions[0], "RESOLVED: mine.")
    with pytest.raises(Refused):
        editor.record_attendance(board.meeting_id, lines[board.bob], AttendanceStatus.PRESENT, "")
    assert "changed by Other Officer" in told.told[0]
    assert "recorded by someone else" in told.told[1]
    assert stack.count() == 0
    item, lines = shown()
    assert (item.decisions[0].text, lines[board.bob].status) == (
        "RESOLVED: their wording.",
        AttendanceStatus.APOLOGIES,
    )

    # Read again, both save; a colleague's change after that stops their undo.
    editor.edit_decision(item, item.decisions[0], "RESOLVED: mine.")
    editor.record_attendance(board.meeting_id, lines[board.bob], AttendanceStatus.PRESENT, "")
    other.attendance.record(board.meeting_id, board.bob, AttendanceStatus.ABSENT)
    stack.undo()
    assert "attendance of Bob Lead was changed by someone else" in told.told[-1]
    stack.undo()  # the decision is as this step left it: undone
    item, lines = shown()
    assert (item.decisions[0].text, lines[board.bob].status) == (
        "RESOLVED: their wording.",
        AttendanceStatus.ABSENT,
    )
