"""Writing minutes: each item's minute, decisions, declarations, approval at a later meeting
and amendments afterwards, with their audit rows and refusals (nothing half-written)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import TODAY
from meeting_fixtures import (
    APRIL,
    FEBRUARY,
    JANUARY,
    MARCH,
    ApprovedBoard,
    add_members,
    approved_board,
    audit_count,
    audit_rows,
    draft,
    held_meeting,
    item_draft,
    standing,
)
from sqlalchemy import update

from improvement_desk.db.models import Action, Decision
from improvement_desk.domain.errors import Conflict, NotFound, ValidationError
from improvement_desk.domain.meeting import (
    AttendanceStatus,
    MeetingStatus,
    StandingItem,
)
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.domain.text_rules import LONG_TEXT
from improvement_desk.services import meeting_guards
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.desk import Desk
from improvement_desk.services.meeting_records import MeetingRecord
from improvement_desk.services.minute_approval import approval_text


@pytest.fixture
def meeting(desk: Desk) -> MeetingRecord:
    add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    desk.agenda.add_item(record.id, item_draft())
    return desk.meetings.set_status(record.id, MeetingStatus.HELD, expected_version=None)


@pytest.fixture
def board(desk: Desk, tmp_path: Path) -> ApprovedBoard:
    return approved_board(desk, tmp_path)


def own_item(record: MeetingRecord) -> int:
    return next(i.id for i in record.items if i.standing is None)


# -- minutes, decisions, declarations --------------------------------------------------------


def test_write_minute_keeps_line_breaks_and_audits(desk: Desk, meeting: MeetingRecord) -> None:
    item = meeting.items[7]
    text = "Jo presented the strategy.\n\nMembers asked about caseloads.  "
    written = desk.minutes.write_minute(item.id, text, expected_version=item.version)
    assert written.minute == text.strip()
    assert written.version == item.version + 1
    (row,) = [r for r in audit_rows(desk, "agenda_item") if r.field == "minute"]
    assert (row.old_value, row.new_value, row.entity_label) == (
        "",
        text.strip(),
        "Improvement Board, 13 Jan 2014, item 8",
    )
    with pytest.raises(Conflict):
        desk.minutes.write_minute(item.id, "again", expected_version=item.version)
    with pytest.raises(ValidationError) as refused:
        desk.minutes.write_minute(item.id, "x" * (LONG_TEXT + 1), expected_version=None)
    assert refused.value.fields() == {"Minute"}
    with pytest.raises(NotFound):
        desk.minutes.write_minute(999, "x", expected_version=None)


def test_decisions_stored_as_typed_in_order(desk: Desk, meeting: MeetingRecord) -> None:
    item_id = own_item(meeting)
    first = desk.minutes.add_decision(item_id, "that the strategy be agreed")
    assert first.text == "that the strategy be agreed"  # no prefix added
    second = desk.minutes.add_decision(item_id, "RESOLVED: that a report come back.")
    top = desk.minutes.add_decision(item_id, "RESOLVED: that it be noted.", position=0)
    shown = desk.meeting_reader.meeting(meeting.id).items[7].decisions
    assert [d.id for d in shown] == [top.id, first.id, second.id]
    assert [d.position for d in shown] == [0, 1, 2]
    edited = desk.minutes.update_decision(first.id, "RESOLVED: that the strategy be agreed.")
    assert edited.text.startswith("RESOLVED")
    removed = desk.minutes.remove_decision(top.id)
    assert removed == top
    again = desk.minutes.add_decision(item_id, removed.text, position=removed.position)
    assert desk.meeting_reader.meeting(meeting.id).items[7].decisions[0].id == again.id
    assert {r.operation for r in audit_rows(desk, "decision")} == {"create", "update", "delete"}
    with pytest.raises(ValidationError) as refused:
        desk.minutes.add_decision(item_id, "   ")
    assert refused.value.fields() == {"Decision"}
    with pytest.raises(NotFound):
        desk.minutes.update_decision(999, "x")


def test_a_decision_that_closed_a_plan_action_stays(desk: Desk, meeting: MeetingRecord) -> None:
    decision = desk.minutes.add_decision(own_item(meeting), "RESOLVED: that 1.1 be closed.")
    rec = desk.recommendations.create(
        RecommendationDraft(RecommendationSource.BOARD, "R1", "Stabilise workforce", "Workforce")
    )
    desk.people.add("Lead Officer")
    action = desk.actions.create(
        rec.id, ActionDraft("1.1", "Recruit", "Lead Officer", None, date(2014, 6, 30))
    )
    with desk.ctx.db.transaction() as session:
        session.execute(
            update(Action).where(Action.id == action.id).values(closure_decision_id=decision.id)
        )
    with pytest.raises(ValidationError, match=r"1\.1"):
        desk.minutes.remove_decision(decision.id)


def test_declarations_on_items_and_the_meeting(desk: Desk, meeting: MeetingRecord) -> None:
    people = desk.members.members()
    item_id = own_item(meeting)
    on_item = desk.minutes.declare(
        meeting.id, people[1].person_id, item_id, " Trustee of a charity "
    )
    general = desk.minutes.declare(meeting.id, people[0].person_id, None, "Employed by the CCG")
    assert (on_item.item_number, on_item.nature, on_item.person_name) == (
        "8",
        "Trustee of a charity",
        "Bob Lead",
    )
    assert general.item_number == ""
    assert general.item_id is None
    record = desk.meeting_reader.meeting(meeting.id)
    assert record.declarations == (general, on_item)
    assert record.items[7].declarations == (on_item,)
    assert desk.minutes.remove_declaration(on_item.id) == on_item
    assert desk.meeting_reader.meeting(meeting.id).declarations == (general,)
    created = {(r.field, r.new_value) for r in audit_rows(desk, "declaration")}
    assert ("item", "8") in created
    assert ("person", "Bob Lead") in created


def test_declaration_bad_input_named_by_field(desk: Desk, meeting: MeetingRecord) -> None:
    other = desk.meetings.create(draft(FEBRUARY))
    person = desk.members.members()[0].person_id
    before = audit_count(desk)
    with pytest.raises(ValidationError) as refused:
        desk.minutes.declare(meeting.id, person, None, "")
    assert refused.value.fields() == {"Nature of interest"}
    with pytest.raises(ValidationError) as refused:
        desk.minutes.declare(meeting.id, 999, other.items[0].id, "Governor")
    assert refused.value.fields() == {"Person", "Item"}
    assert desk.meeting_reader.meeting(meeting.id).declarations == ()
    assert audit_count(desk) == before


# -- approval ---------------------------------------------------------------------------------


def test_approval_at_a_later_meeting(desk: Desk, board: ApprovedBoard) -> None:
    january, february = board.january, board.february
    assert january.summary.status is MeetingStatus.MINUTES_APPROVED
    assert january.locked
    assert january.summary.approved_at_meeting_id == february.id
    assert january.summary.approved_at_date == FEBRUARY
    item = february.items[2]
    assert item.standing is StandingItem.PREVIOUS_MINUTES
    assert [d.text for d in item.decisions] == [
        "RESOLVED: that the minutes of the meeting held on 13 January 2014 be approved as a "
        "correct record."
    ]
    assert approval_text(JANUARY) == item.decisions[0].text
    approval = {
        r.field: r.new_value
        for r in audit_rows(desk, "meeting")
        if r.entity_id == january.id and r.operation == "update"
    }
    assert approval["status"] == "minutes_approved"
    assert approval["approved_at_item_id"] == str(item.id)
    assert any(r.new_value == item.decisions[0].text for r in audit_rows(desk, "decision"))
    # An approved meeting still shows everyone recorded, and only them.
    assert [a.name for a in january.attendance] == ["Ann Chair", "Bob Lead"]


def test_approved_minutes_refuse_every_change_with_a_plain_message(
    desk: Desk, board: ApprovedBoard
) -> None:
    january = board.january
    person = board.members[2].person_id
    before = audit_count(desk)
    changes: dict[str, Callable[[], object]] = {
        "update": lambda: desk.meetings.update(january.id, draft(MARCH), expected_version=None),
        "status": lambda: desk.meetings.set_status(
            january.id, MeetingStatus.HELD, expected_version=None
        ),
        "delete": lambda: desk.meetings.delete(january.id, expected_version=None),
        "add item": lambda: desk.agenda.add_item(january.id, item_draft()),
        "edit item": lambda: desk.agenda.update_item(
            board.item_id, item_draft("New"), expected_version=None
        ),
        "move item": lambda: desk.agenda.move_item(board.item_id, 0),
        "delete item": lambda: desk.agenda.delete_item(board.item_id, expected_version=None),
        "standing": lambda: desk.agenda.add_standing_items(january.id),
        "minute": lambda: desk.minutes.write_minute(board.item_id, "x", expected_version=None),
        "decision": lambda: desk.minutes.add_decision(board.item_id, "RESOLVED: x"),
        "edit decision": lambda: desk.minutes.update_decision(board.decision_id, "x"),
        "remove decision": lambda: desk.minutes.remove_decision(board.decision_id),
        "declare": lambda: desk.minutes.declare(january.id, person, None, "x"),
        "undeclare": lambda: desk.minutes.remove_declaration(board.declaration_id),
        "attend": lambda: desk.attendance.record(january.id, person, AttendanceStatus.PRESENT),
        "approve again": lambda: desk.minutes.approve(
            january.id, at_item_id=board.february.items[2].id, expected_version=None
        ),
    }
    for name, change in changes.items():
        with pytest.raises(Conflict) as refused:
            change()
        assert str(refused.value) == (
            "The minutes of Improvement Board, 13 Jan 2014 are approved and cannot be changed; "
            "record an amendment instead."
        ), name
    assert audit_count(desk) == before
    assert desk.meeting_reader.meeting(january.id) == january


def test_database_refusal_reads_the_same(
    desk: Desk, board: ApprovedBoard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the service's own look is bypassed (a race), the trigger's refusal becomes the same
    plain Conflict, and nothing (audit included) is written."""
    monkeypatch.setattr(meeting_guards, "refuse_if_locked", meeting_guards.note_meeting)
    before = audit_count(desk)
    with pytest.raises(Conflict, match="minutes of Improvement Board, 13 Jan 2014 are approved"):
        desk.minutes.write_minute(board.item_id, "Rewritten", expected_version=None)
    with pytest.raises(Conflict, match="13 Jan 2014 are approved"):
        desk.minutes.add_decision(board.item_id, "RESOLVED: x")
    assert audit_count(desk) == before
    assert desk.meeting_reader.meeting(board.january.id) == board.january


@pytest.mark.parametrize("status", [MeetingStatus.PLANNED, MeetingStatus.PAPERS_ISSUED])
def test_only_held_minutes_can_be_approved(
    desk: Desk, meeting: MeetingRecord, status: MeetingStatus
) -> None:
    desk.meetings.set_status(meeting.id, status, expected_version=None)
    february = held_meeting(desk, FEBRUARY)
    before = audit_count(desk)
    with pytest.raises(ValidationError) as refused:
        desk.minutes.approve(
            meeting.id,
            at_item_id=standing(february, StandingItem.PREVIOUS_MINUTES),
            expected_version=None,
        )
    assert refused.value.fields() == {"Status"}
    assert desk.meeting_reader.meeting(february.id).items[2].decisions == ()
    assert audit_count(desk) == before


def test_approval_needs_a_later_meeting_that_has_been_held(
    desk: Desk, meeting: MeetingRecord
) -> None:
    earlier = held_meeting(desk, date(2013, 12, 9))
    planned = desk.meetings.create(draft(MARCH))
    today = desk.meetings.create(draft(TODAY))
    future = desk.meetings.create(draft(APRIL))
    for at in (meeting, earlier, planned, future):
        with pytest.raises(ValidationError) as refused:
            desk.minutes.approve(meeting.id, at_item_id=at.items[2].id, expected_version=None)
        assert refused.value.fields() == {"Approved at"}, at.summary.label
    assert all(
        desk.meeting_reader.meeting(m.id).items[2].decisions == ()
        for m in (meeting, earlier, planned, future)
    )
    # A meeting taking place today may approve, though not yet marked held.
    approved = desk.minutes.approve(
        meeting.id, at_item_id=today.items[2].id, expected_version=meeting.summary.version
    )
    assert approved.summary.approved_at_meeting_id == today.id


def test_approval_checks_version_and_item(desk: Desk, meeting: MeetingRecord) -> None:
    february = held_meeting(desk, FEBRUARY)
    with pytest.raises(Conflict, match="since you opened it"):
        desk.minutes.approve(
            meeting.id,
            at_item_id=february.items[2].id,
            expected_version=meeting.summary.version - 1,
        )
    with pytest.raises(NotFound):
        desk.minutes.approve(meeting.id, at_item_id=999, expected_version=None)
    with pytest.raises(NotFound):
        desk.minutes.approve(999, at_item_id=february.items[2].id, expected_version=None)


def test_approving_meeting_locked_cannot_approve(desk: Desk, board: ApprovedBoard) -> None:
    """February approved January; once February is approved itself, nothing more is added
    under its items, so it cannot approve a third meeting's minutes."""
    december = held_meeting(desk, date(2013, 12, 9))
    march = held_meeting(desk, MARCH)
    desk.minutes.approve(board.february.id, at_item_id=march.items[2].id, expected_version=None)
    with pytest.raises(Conflict, match="Improvement Board, 10 Feb 2014 are approved"):
        desk.minutes.approve(
            december.id, at_item_id=board.february.items[2].id, expected_version=None
        )


def test_the_approval_decision_cannot_be_edited_or_removed(
    desk: Desk, board: ApprovedBoard
) -> None:
    decision_id = board.february.items[2].decisions[0].id
    changes: list[Callable[[], object]] = [
        lambda: desk.minutes.update_decision(decision_id, "RESOLVED: something else"),
        lambda: desk.minutes.remove_decision(decision_id),
    ]
    for change in changes:
        with pytest.raises(ValidationError, match="records the approval of the minutes"):
            change()
    with pytest.raises(ValidationError, match="approved here"):
        desk.agenda.delete_item(board.february.items[2].id, expected_version=None)
    with pytest.raises(ValidationError, match="approved here"):
        desk.meetings.delete(board.february.id, expected_version=None)


def test_the_approving_meeting_cannot_move_before_the_minutes_it_approved(
    desk: Desk, board: ApprovedBoard
) -> None:
    with pytest.raises(ValidationError) as refused:
        desk.meetings.update(board.february.id, draft(JANUARY), expected_version=None)
    assert refused.value.fields() == {"Date"}


# -- amendments -------------------------------------------------------------------------------


def test_amend_approved_minutes(desk: Desk, board: ApprovedBoard) -> None:
    march = held_meeting(desk, MARCH)
    amendment = desk.minutes.amend(
        board.january.id,
        " Item 8: Ms Lead's interest was as a governor, not a trustee. ",
        item_id=board.item_id,
        agreed_at_meeting_id=march.id,
        amended_on=MARCH,
    )
    assert amendment.text == "Item 8: Ms Lead's interest was as a governor, not a trustee."
    assert (amendment.item_number, amendment.amended_on, amendment.recorded_by) == (
        "8",
        MARCH,
        "Test Officer",
    )
    default = desk.minutes.amend(board.january.id, "Spelling of a name")
    assert default.amended_on == TODAY
    assert default.item_id is None
    record = desk.meeting_reader.meeting(board.january.id)
    assert record.amendments == (amendment, default)
    assert record.items == board.january.items  # the minutes stay as agreed
    assert len({r.entity_id for r in audit_rows(desk, "minutes_amendment")}) == 2


def test_amend_only_approved_minutes(desk: Desk, meeting: MeetingRecord) -> None:
    with pytest.raises(ValidationError) as refused:
        desk.minutes.amend(meeting.id, "A correction")
    assert refused.value.fields() == {"Minutes"}
    assert "correct them directly" in str(refused.value)


def test_amend_bad_input_named_by_field(desk: Desk, board: ApprovedBoard) -> None:
    other_item = board.february.items[0].id
    earlier = desk.meetings.create(draft(date(2013, 12, 9)))
    before = audit_count(desk)
    with pytest.raises(ValidationError) as refused:
        desk.minutes.amend(
            board.january.id,
            "",
            item_id=other_item,
            agreed_at_meeting_id=earlier.id,
            amended_on=date(2014, 1, 1),
        )
    assert refused.value.fields() == {"Amendment", "Item", "Agreed at", "Amended on"}
    with pytest.raises(ValidationError) as refused:
        desk.minutes.amend(
            board.january.id, "x", agreed_at_meeting_id=999, amended_on=date(2014, 5, 1)
        )
    assert refused.value.fields() == {"Agreed at", "Amended on"}
    assert "in the future" in str(refused.value)
    assert desk.meeting_reader.meeting(board.january.id).amendments == ()
    assert audit_count(desk) == before


def test_nothing_half_written_when_the_approval_update_fails(
    desk: Desk, meeting: MeetingRecord, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The resolution is added first; if the locking UPDATE then fails, neither remains."""
    february = held_meeting(desk, FEBRUARY)
    before = audit_count(desk)

    def failing_apply(self: object, record: object, *args: object, **kwargs: object) -> list[str]:
        raise RuntimeError("disk pulled out")

    monkeypatch.setattr(AuditTrail, "apply", failing_apply)
    with pytest.raises(RuntimeError):
        desk.minutes.approve(meeting.id, at_item_id=february.items[2].id, expected_version=None)
    monkeypatch.undo()
    assert audit_count(desk) == before
    with desk.ctx.db.reading() as session:
        assert session.query(Decision).count() == 0
    assert desk.meeting_reader.meeting(meeting.id).summary.status is MeetingStatus.HELD
