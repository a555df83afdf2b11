"""A meeting's life: planned with its standing agenda, edited, moved through its statuses,
deleted and restored (undo), audited.

Approval is not a status anyone picks: it is recorded by a later meeting's
decision (`MinutesService.approve`). From then on the meeting is locked here
and in the database alike.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Attendance, Declaration, Meeting
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.meeting import (
    MeetingDraft,
    MeetingStatus,
    status_change_problem,
    validate_meeting,
)
from improvement_desk.domain.text_rules import clean_fields, field_values
from improvement_desk.services.agenda import add_standing_in, agenda_of
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, raise_if
from improvement_desk.services.meeting_guards import (
    locked_conflict,
    meeting_label,
    meeting_transaction,
    note_meeting,
    open_meeting,
)
from improvement_desk.services.meeting_reader import load_meeting
from improvement_desk.services.meeting_records import MeetingRecord, MeetingSnapshot
from improvement_desk.services.meeting_snapshots import (
    column_values,
    deletion_problems,
    item_snapshot,
    restore_declarations,
    restore_item_rows,
)

ENTITY = "meeting"


class MeetingService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def create(self, draft: MeetingDraft, *, standing_items: bool = True) -> MeetingRecord:
        """A planned meeting, its agenda started from the standing items unless told not to."""
        draft = _clean(draft)
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = Meeting(
                status=MeetingStatus.PLANNED, created_at=self._ctx.now(), **field_values(draft)
            )
            session.add(meeting)
            session.flush()
            AuditTrail(self._ctx, session).created(
                ENTITY,
                meeting.id,
                meeting_label(meeting),
                {**field_values(draft), "status": meeting.status},
            )
            if standing_items:
                add_standing_in(self._ctx, session, meeting)
            return load_meeting(self._ctx, session, meeting.id)

    def update(
        self, meeting_id: int, draft: MeetingDraft, *, expected_version: int | None
    ) -> MeetingRecord:
        draft = _clean(draft)
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, meeting_id)
            check_version(meeting, expected_version, "Meeting", meeting_label(meeting))
            raise_if(_date_problems(session, meeting, draft))
            AuditTrail(self._ctx, session).apply(
                meeting, ENTITY, meeting_label(meeting), field_values(draft)
            )
            session.flush()
            return load_meeting(self._ctx, session, meeting_id)

    def set_status(
        self, meeting_id: int, status: MeetingStatus, *, expected_version: int | None
    ) -> MeetingRecord:
        """Moves the meeting along its life (or back, while its minutes are a draft)."""
        status = MeetingStatus(status)
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, meeting_id)
            label = meeting_label(meeting)
            check_version(meeting, expected_version, "Meeting", label)
            problem = status_change_problem(meeting.status, status)
            if (
                problem is None
                and status.has_been_held
                and meeting.meeting_date > self._ctx.today()
            ):
                problem = FieldProblem(
                    "Status",
                    f"the meeting is on {meeting.meeting_date:%d %b %Y}; it cannot have been "
                    "held yet",
                )
            raise_if([problem] if problem else [])
            AuditTrail(self._ctx, session).apply(meeting, ENTITY, label, {"status": status})
            session.flush()
            return load_meeting(self._ctx, session, meeting_id)

    def delete(self, meeting_id: int, *, expected_version: int | None) -> MeetingSnapshot:
        """Deletes a meeting and all it holds (undo: `restore`).

        Refused for approved minutes, and while the rest of the board depends on the
        meeting: actions raised or closed there, approvals or due dates agreed there.
        """
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, meeting_id)
            label = meeting_label(meeting)
            check_version(meeting, expected_version, "Meeting", label)
            items = agenda_of(session, meeting_id)
            raise_if(
                deletion_problems(session, meeting_id=meeting_id, item_ids=[i.id for i in items])
            )
            attendance = session.scalars(
                select(Attendance)
                .where(Attendance.meeting_id == meeting_id)
                .order_by(Attendance.id)
            )
            general = session.scalars(
                select(Declaration)
                .where(Declaration.meeting_id == meeting_id, Declaration.agenda_item_id.is_(None))
                .order_by(Declaration.id)
            )
            snapshot = MeetingSnapshot(
                meeting_id=meeting_id,
                values=column_values(meeting, leave_out=("version", "id")),
                items=tuple(item_snapshot(session, i) for i in items),
                attendance=tuple(column_values(a) for a in attendance),
                declarations=tuple(column_values(d) for d in general),
            )
            AuditTrail(self._ctx, session).deleted(ENTITY, meeting_id, label, _audited(snapshot))
            session.delete(meeting)
            session.flush()
            return snapshot

    def restore(self, snapshot: MeetingSnapshot) -> MeetingRecord:
        """Puts a deleted meeting back with its ids: agenda, papers, minutes, attendance."""
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            if session.get(Meeting, snapshot.meeting_id) is not None:
                raise ValidationError.single("Meeting", "already exists")
            meeting = Meeting(id=snapshot.meeting_id, **snapshot.values)
            note_meeting(session, meeting)
            if meeting.status.is_locked:
                raise locked_conflict(meeting_label(meeting), meeting.id)
            session.add(meeting)
            session.flush()
            for item in snapshot.items:
                restore_item_rows(session, item, item.position)
            session.add_all(Attendance(**values) for values in snapshot.attendance)
            restore_declarations(session, snapshot.declarations)
            session.flush()
            AuditTrail(self._ctx, session).restored(
                ENTITY, meeting.id, meeting_label(meeting), _audited(snapshot)
            )
            return load_meeting(self._ctx, session, meeting.id)


def _clean(draft: MeetingDraft) -> MeetingDraft:
    draft = clean_fields(draft)
    raise_if(validate_meeting(draft))
    return draft


def _date_problems(session: Session, meeting: Meeting, draft: MeetingDraft) -> list[FieldProblem]:
    """A meeting cannot move to or before a meeting whose minutes it approved."""
    approved = session.scalars(
        select(Meeting).where(Meeting.approved_at_meeting_id == meeting.id)
    ).all()
    return [
        FieldProblem(
            "Date",
            f"this meeting approved the minutes of {meeting_label(m)}, so it must come after it",
        )
        for m in approved
        if draft.meeting_date <= m.meeting_date
    ]


def _audited(snapshot: MeetingSnapshot) -> dict[str, Any]:
    values = {
        k: v for k, v in snapshot.values.items() if k not in ("created_at", "approved_at_item_id")
    }
    return {
        **values,
        "items": len(snapshot.items),
        "attendance": len(snapshot.attendance),
    }
