"""The action-log services through an open desk: add, edit, close, re-date, notes, undo, refusals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TypeVar

import pytest
from conftest import ACTOR, TODAY
from log_fixtures import MadeMeeting, add_meeting, add_owner, approve
from sqlalchemy import func, select, update

from improvement_desk.db.minute_locks import is_lock_error
from improvement_desk.db.models import AuditEntry, DueRevision, LogAction, LogUpdate
from improvement_desk.domain.action_log import (
    DueRevisionDraft,
    LogActionDraft,
    LogStatus,
    LogUpdateDraft,
)
from improvement_desk.domain.errors import Conflict, NotFound, ValidationError
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.services.desk import Desk
from improvement_desk.services.log_records import LogActionRecord

E = TypeVar("E", bound=Exception)
JAN, FEB, MAR = date(2014, 1, 15), date(2014, 2, 12), date(2014, 3, 12)


@pytest.fixture
def owner(desk: Desk) -> int:
    return add_owner(desk)


@pytest.fixture
def other(desk: Desk) -> int:
    return add_owner(desk, "Sam Patel", "Principal Social Worker")


@pytest.fixture
def jan(desk: Desk) -> MadeMeeting:
    # Gaps in the positions: an item's number is its rank, not its position.
    return add_meeting(desk, JAN, positions=(0, 5, 10, 20))


@pytest.fixture
def feb(desk: Desk) -> MadeMeeting:
    return add_meeting(desk, FEB)


@pytest.fixture
def mar(desk: Desk) -> MadeMeeting:
    return add_meeting(desk, MAR)


@pytest.fixture
def action(desk: Desk, jan: MadeMeeting, owner: int) -> LogActionRecord:
    return desk.action_log.add(
        jan.id, jan.item(4), LogActionDraft("Circulate the workforce strategy", owner, FEB)
    )


def audit_rows(desk: Desk, entity: str | None = None) -> list[AuditEntry]:
    with desk.ctx.db.reading() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        return list(session.scalars(query))


def count(desk: Desk, model: type[object]) -> int:
    with desk.ctx.db.reading() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


@contextmanager
def unchanged(desk: Desk) -> Iterator[None]:
    before = (desk.log.actions(), [desk.log.action(s.id) for s in desk.log.actions()])
    rows = (len(audit_rows(desk)), count(desk, DueRevision), count(desk, LogUpdate))
    yield
    assert (desk.log.actions(), [desk.log.action(s.id) for s in desk.log.actions()]) == before
    assert (len(audit_rows(desk)), count(desk, DueRevision), count(desk, LogUpdate)) == rows


def refused(desk: Desk, call: Callable[[], object], error: type[E], match: str = ".") -> E:
    with unchanged(desk), pytest.raises(error, match=match) as info:
        call()
    return info.value


# -- adding ------------------------------------------------------------------------------------


def test_add_numbers_the_action_and_fixes_its_original_due(
    desk: Desk, action: LogActionRecord, owner: int
) -> None:
    s = action.summary
    assert s.reference == "A1"
    assert (s.original_due, s.current_due, s.status) == (FEB, FEB, LogStatus.OPEN)
    assert (s.meeting_date, s.item_number, s.item_title) == (JAN, "4", "Workforce")
    assert (s.owner_id, s.owner_name) == (owner, "Jo Bloggs")
    assert s.overdue  # due 12 Feb; the board is viewed on 31 Mar
    assert (s.latest_update, s.revision_count, s.revised, s.days_slipped) == ("", 0, False, 0)
    assert action.revisions == ()
    assert action.updates == ()
    created = {(r.operation, r.field, r.new_value) for r in audit_rows(desk, "log_action")}
    assert ("create", "owner", "Jo Bloggs") in created
    assert ("create", "original_due", "2014-02-12") in created
    assert ("create", "meeting", "Improvement Board, 15 Jan 2014") in created


def test_overdue_is_against_the_board_today(desk: Desk, jan: MadeMeeting, owner: int) -> None:
    late = desk.action_log.add(jan.id, None, LogActionDraft("Late", owner, date(2014, 3, 30)))
    due_today = desk.action_log.add(jan.id, None, LogActionDraft("Today", owner, TODAY))
    assert late.summary.overdue
    assert not due_today.summary.overdue
    assert late.summary.item_number == ""
    assert late.summary.item_id is None
    done = desk.action_log.set_status(
        late.summary.id, LogStatus.COMPLETE, expected_version=late.summary.version
    )
    assert not done.summary.overdue


def test_references_continue_from_the_highest_number(
    desk: Desk, jan: MadeMeeting, owner: int
) -> None:
    draft = LogActionDraft("Report back", owner, FEB)
    assert desk.action_log.add(jan.id, None, draft, reference=" A7 ").summary.reference == "A7"
    assert desk.action_log.add(jan.id, None, draft, reference="B/2").summary.reference == "B/2"
    assert desk.action_log.add(jan.id, None, draft).summary.reference == "A8"
    error = refused(
        desk, lambda: desk.action_log.add(jan.id, None, draft, reference="a7"), ValidationError
    )
    assert error.fields() == {"Reference"}
    assert "already used" in str(error)


def test_bad_action_refused_naming_every_field(
    desk: Desk, jan: MadeMeeting, feb: MadeMeeting, owner: int
) -> None:
    error = refused(
        desk,
        lambda: desk.action_log.add(
            jan.id, feb.item(1), LogActionDraft("  ", 999, date(2014, 1, 1)), reference="A;1"
        ),
        ValidationError,
    )
    assert error.fields() == {"Action", "Due date", "Agenda item", "Owner", "Reference"}
    assert count(desk, LogAction) == 0
    missing = refused(
        desk,
        lambda: desk.action_log.add(404, None, LogActionDraft("x", owner, FEB)),
        ValidationError,
    )
    assert missing.fields() == {"Meeting"}


# -- editing and status -------------------------------------------------------------------------


def test_update_words_and_owner_audited_by_name(
    desk: Desk, action: LogActionRecord, other: int
) -> None:
    s = action.summary
    edited = desk.action_log.update(
        s.id, description="  Publish the strategy ", owner_id=other, expected_version=s.version
    )
    assert (edited.summary.description, edited.summary.owner_name) == (
        "Publish the strategy",
        "Sam Patel",
    )
    assert edited.summary.version == s.version + 1
    changes = {
        (r.field, r.old_value, r.new_value)
        for r in audit_rows(desk, "log_action")
        if r.operation == "update"
    }
    assert changes == {
        ("description", s.description, "Publish the strategy"),
        ("owner", "Jo Bloggs", "Sam Patel"),
    }


def test_update_refusals(desk: Desk, action: LogActionRecord) -> None:
    s = action.summary
    error = refused(
        desk,
        lambda: desk.action_log.update(
            s.id, description="", owner_id=999, expected_version=s.version
        ),
        ValidationError,
    )
    assert error.fields() == {"Action", "Owner"}
    refused(
        desk,
        lambda: desk.action_log.update(
            s.id, description="x", owner_id=s.owner_id, expected_version=s.version - 1
        ),
        Conflict,
        "since you opened it",
    )
    refused(
        desk,
        lambda: desk.action_log.update(
            404, description="x", owner_id=s.owner_id, expected_version=None
        ),
        NotFound,
    )


def test_closing_needs_the_meeting_and_reopening_forgets_it(
    desk: Desk, action: LogActionRecord, feb: MadeMeeting
) -> None:
    s = action.summary
    error = refused(
        desk,
        lambda: desk.action_log.set_status(s.id, LogStatus.CLOSED, expected_version=s.version),
        ValidationError,
    )
    assert error.fields() == {"Closed at"}
    refused(
        desk,
        lambda: desk.action_log.set_status(
            s.id, LogStatus.COMPLETE, closed_at_meeting_id=feb.id, expected_version=s.version
        ),
        ValidationError,
        "Closed at",
    )
    closed = desk.action_log.set_status(
        s.id, LogStatus.CLOSED, closed_at_meeting_id=feb.id, expected_version=s.version
    ).summary
    assert (closed.status, closed.closed_at_meeting_id, closed.closed_on) == (
        LogStatus.CLOSED,
        feb.id,
        FEB,
    )
    closing = {(r.field, r.new_value) for r in audit_rows(desk, "log_action")}
    assert ("closed_at_meeting", "Improvement Board, 12 Feb 2014") in closing
    assert ("closed_on", "2014-02-12") in closing
    reopened = desk.action_log.set_status(
        s.id, LogStatus.IN_PROGRESS, expected_version=closed.version
    ).summary
    assert (reopened.status, reopened.closed_at_meeting_id, reopened.closed_on) == (
        LogStatus.IN_PROGRESS,
        None,
        None,
    )


def test_cannot_close_at_a_meeting_before_the_action(
    desk: Desk, feb: MadeMeeting, jan: MadeMeeting, owner: int
) -> None:
    s = desk.action_log.add(feb.id, None, LogActionDraft("Audit files", owner, MAR)).summary
    error = refused(
        desk,
        lambda: desk.action_log.set_status(
            s.id, LogStatus.CLOSED, closed_at_meeting_id=jan.id, expected_version=s.version
        ),
        ValidationError,
        "before the meeting that agreed",
    )
    assert error.fields() == {"Closed at"}
    refused(
        desk,
        lambda: desk.action_log.set_status(
            s.id, LogStatus.CLOSED, closed_at_meeting_id=404, expected_version=s.version
        ),
        ValidationError,
        "no longer exists",
    )


# -- due dates ----------------------------------------------------------------------------------


def test_revising_the_due_date_keeps_the_original(
    desk: Desk, action: LogActionRecord, feb: MadeMeeting
) -> None:
    s = action.summary
    revised = desk.action_log.revise_due(
        s.id, DueRevisionDraft(MAR, " Awaiting data ", feb.id), expected_version=s.version
    )
    assert (revised.summary.original_due, revised.summary.current_due) == (FEB, MAR)
    assert revised.summary.revised
    assert revised.summary.days_slipped == 28
    assert revised.summary.revision_count == 1
    (r,) = revised.revisions
    assert (r.previous_due, r.new_due, r.reason) == (FEB, MAR, "Awaiting data")
    assert (r.agreed_at_meeting_id, r.agreed_at_label) == (feb.id, "Improvement Board, 12 Feb 2014")
    assert (r.recorded_on, r.recorded_by) == (TODAY, ACTOR.name)
    again = desk.action_log.revise_due(
        s.id, DueRevisionDraft(date(2014, 4, 30), "Data late again"), expected_version=None
    )
    assert again.summary.original_due == FEB
    assert again.revisions[1].agreed_at_label == ""
    assert {r.field for r in audit_rows(desk, "log_due_revision")} >= {"previous_due", "reason"}
    assert ("current_due", "2014-02-12", "2014-03-12") in {
        (r.field, r.old_value, r.new_value) for r in audit_rows(desk, "log_action")
    }


def test_due_revision_refusals(
    desk: Desk, action: LogActionRecord, feb: MadeMeeting, owner: int
) -> None:
    s = action.summary
    error = refused(
        desk,
        lambda: desk.action_log.revise_due(
            s.id, DueRevisionDraft(FEB, "", 404), expected_version=s.version
        ),
        ValidationError,
    )
    assert error.fields() == {"Reason", "New due date", "Agreed at"}
    before = refused(
        desk,
        lambda: desk.action_log.revise_due(
            s.id, DueRevisionDraft(date(2014, 1, 1), "Typo"), expected_version=s.version
        ),
        ValidationError,
    )
    assert before.fields() == {"New due date"}
    later = desk.action_log.add(feb.id, None, LogActionDraft("Later one", owner, MAR)).summary
    agreed_early = refused(
        desk,
        lambda: desk.action_log.revise_due(
            later.id,
            DueRevisionDraft(date(2014, 4, 1), "Why", action.summary.meeting_id),
            expected_version=None,
        ),
        ValidationError,
    )
    assert agreed_early.fields() == {"Agreed at"}
    closed = desk.action_log.set_status(
        s.id, LogStatus.CLOSED, closed_at_meeting_id=feb.id, expected_version=s.version
    ).summary
    refused(
        desk,
        lambda: desk.action_log.revise_due(
            s.id, DueRevisionDraft(MAR, "Reopen?"), expected_version=closed.version
        ),
        ValidationError,
        "closed",
    )


def test_the_database_refuses_to_move_the_original_due(desk: Desk, action: LogActionRecord) -> None:
    with pytest.raises(Conflict) as info, desk.ctx.db.transaction() as session:
        session.execute(
            update(LogAction).where(LogAction.id == action.summary.id).values(original_due=MAR)
        )
    assert is_lock_error(info.value.__cause__ or info.value)
    assert desk.log.action(action.summary.id).summary.original_due == FEB


def test_only_the_latest_revision_can_be_withdrawn(desk: Desk, action: LogActionRecord) -> None:
    s = action.summary
    first = desk.action_log.revise_due(
        s.id, DueRevisionDraft(MAR, "One"), expected_version=s.version
    )
    second = desk.action_log.revise_due(
        s.id, DueRevisionDraft(date(2014, 4, 2), "Two"), expected_version=None
    )
    refused(
        desk,
        lambda: desk.action_log.withdraw_revision(
            s.id, first.revisions[0].id, expected_version=second.summary.version
        ),
        Conflict,
        "only its latest revision",
    )
    refused(
        desk,
        lambda: desk.action_log.withdraw_revision(s.id, 404, expected_version=None),
        NotFound,
    )
    back = desk.action_log.withdraw_revision(
        s.id, second.revisions[1].id, expected_version=second.summary.version
    )
    assert back.summary.current_due == MAR
    assert len(back.revisions) == 1
    assert back.summary.original_due == FEB
    assert any(r.operation == "delete" for r in audit_rows(desk, "log_due_revision"))


# -- progress notes -----------------------------------------------------------------------------


def test_updates_give_the_latest_news(desk: Desk, action: LogActionRecord) -> None:
    s = action.summary
    desk.action_log.add_update(s.id, LogUpdateDraft(date(2014, 3, 12), "Draft with HR"))
    record = desk.action_log.add_update(s.id, LogUpdateDraft(date(2014, 2, 1), " Started "))
    assert record.summary.latest_update == "12 Mar 2014: Draft with HR"
    assert [u.text for u in record.updates] == ["Started", "Draft with HR"]
    assert record.updates[0].author == ACTOR.name
    assert record.summary.version == s.version  # a note does not change the action
    removed = desk.action_log.remove_update(s.id, record.updates[1].id)
    assert removed.summary.latest_update == "01 Feb 2014: Started"
    ops = [(r.operation, r.field) for r in audit_rows(desk, "log_update")]
    assert ("create", "text") in ops
    assert ("delete", "text") in ops


def test_update_refusals_name_the_field(desk: Desk, action: LogActionRecord) -> None:
    s = action.summary
    error = refused(
        desk,
        lambda: desk.action_log.add_update(s.id, LogUpdateDraft(date(2014, 4, 1), "")),
        ValidationError,
    )
    assert error.fields() == {"Update", "Date"}
    early = refused(
        desk,
        lambda: desk.action_log.add_update(s.id, LogUpdateDraft(date(2014, 1, 1), "Hmm")),
        ValidationError,
        "before the meeting",
    )
    assert early.fields() == {"Date"}
    refused(desk, lambda: desk.action_log.remove_update(s.id, 404), NotFound)


# -- delete and restore -------------------------------------------------------------------------


def test_delete_and_restore_bring_back_everything(
    desk: Desk, action: LogActionRecord, feb: MadeMeeting
) -> None:
    s = action.summary
    desk.action_log.add_update(s.id, LogUpdateDraft(date(2014, 2, 1), "Started"))
    desk.action_log.revise_due(s.id, DueRevisionDraft(MAR, "Data", feb.id), expected_version=None)
    full = desk.log.action(s.id)
    refused(
        desk,
        lambda: desk.action_log.delete(s.id, expected_version=s.version),
        Conflict,
    )
    snapshot = desk.action_log.delete(s.id, expected_version=full.summary.version)
    assert desk.log.actions() == []
    assert (count(desk, DueRevision), count(desk, LogUpdate)) == (0, 0)
    restored = desk.action_log.restore(snapshot)
    assert restored.summary.id == s.id
    assert restored.revisions == full.revisions
    assert [(u.id, u.text, u.author) for u in restored.updates] == [
        (u.id, u.text, u.author) for u in full.updates
    ]
    assert restored.summary.original_due == FEB
    assert restored.summary.current_due == MAR
    ops = {r.operation for r in audit_rows(desk, "log_action")}
    assert {"create", "delete", "restore"} <= ops
    error = refused(desk, lambda: desk.action_log.restore(snapshot), ValidationError)
    assert error.fields() == {"Reference"}


def test_restore_refused_when_the_owner_has_gone(desk: Desk, jan: MadeMeeting, other: int) -> None:
    s = desk.action_log.add(jan.id, None, LogActionDraft("Temporary", other, FEB)).summary
    snapshot = desk.action_log.delete(s.id, expected_version=s.version)
    desk.people.remove(other)
    error = refused(desk, lambda: desk.action_log.restore(snapshot), ValidationError)
    assert error.fields() == {"Owner"}


def test_an_action_in_approved_minutes_cannot_be_deleted(
    desk: Desk,
    action: LogActionRecord,
    jan: MadeMeeting,
    feb: MadeMeeting,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    approve(desk, jan, at=feb)
    s = action.summary
    message = (
        "The minutes of Improvement Board, 15 Jan 2014 are approved and cannot be changed; "
        "record an amendment instead."
    )
    refused(
        desk,
        lambda: desk.action_log.delete(s.id, expected_version=s.version),
        Conflict,
        message.replace(".", r"\.").replace("(", r"\("),
    )
    # Were the service's own check to miss it, the database's refusal reads the same.
    monkeypatch.setattr(MeetingStatus, "is_locked", property(lambda self: False))
    error = refused(
        desk, lambda: desk.action_log.delete(s.id, expected_version=s.version), Conflict
    )
    assert str(error) == message
    assert is_lock_error(error.__cause__ or error)
    # The log lives on: an action of approved minutes can still be re-dated and closed.
    moved = desk.action_log.revise_due(
        s.id, DueRevisionDraft(MAR, "Agreed in Feb", feb.id), expected_version=s.version
    )
    assert moved.summary.current_due == MAR
