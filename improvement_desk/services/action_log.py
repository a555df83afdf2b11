"""The action log's use cases: add, edit, close, re-date, note progress, delete and undo.

Each method is one transaction that checks the version the user saw, writes
through the session-level units of `log_units` (so every change is audited)
and returns a fresh record read with the log reader's rules. An action raised
at a meeting whose minutes are approved is part of that record and cannot be
deleted: the service says so first, and the database's trigger backs it up.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import (
    AgendaItem,
    DueRevision,
    LogAction,
    LogUpdate,
    Meeting,
    Person,
)
from improvement_desk.domain.action_log import (
    DueRevisionDraft,
    LogActionDraft,
    LogStatus,
    LogUpdateDraft,
)
from improvement_desk.domain.errors import Conflict, FieldProblem, NotFound, ValidationError
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.log_reader import load_log_record
from improvement_desk.services.log_records import (
    LogActionRecord,
    LogActionSnapshot,
    LogActionSummary,
)
from improvement_desk.services.log_units import (
    ENTITY,
    REVISION_ENTITY,
    UPDATE_ENTITY,
    add_log_action_in,
    add_update_in,
    lock_refusals,
    locked_message,
    reference_problem,
    revise_due_in,
    set_status_in,
    update_log_action_in,
)

KIND = "Log action"


class ActionLogService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def add(
        self,
        meeting_id: int,
        item_id: int | None,
        draft: LogActionDraft,
        *,
        reference: str | None = None,
    ) -> LogActionRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = add_log_action_in(
                self._ctx, session, meeting_id, item_id, draft, reference=reference
            )
            return load_log_record(self._ctx, session, action.id)

    def update(
        self, action_id: int, *, description: str, owner_id: int, expected_version: int | None
    ) -> LogActionRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = self._fetch(session, action_id, expected_version)
            update_log_action_in(
                self._ctx, session, action, description=description, owner_id=owner_id
            )
            return load_log_record(self._ctx, session, action_id)

    def set_status(
        self,
        action_id: int,
        status: LogStatus,
        *,
        closed_at_meeting_id: int | None = None,
        expected_version: int | None,
    ) -> LogActionRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = self._fetch(session, action_id, expected_version)
            set_status_in(self._ctx, session, action, status, closed_at_meeting_id)
            return load_log_record(self._ctx, session, action_id)

    def revise_due(
        self, action_id: int, draft: DueRevisionDraft, *, expected_version: int | None
    ) -> LogActionRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = self._fetch(session, action_id, expected_version)
            revise_due_in(self._ctx, session, action, draft)
            return load_log_record(self._ctx, session, action_id)

    def withdraw_revision(
        self, action_id: int, revision_id: int, *, expected_version: int | None
    ) -> LogActionRecord:
        """Takes back the latest revision (undo): the due date it replaced comes back."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = self._fetch(session, action_id, expected_version)
            revisions = list(
                session.scalars(
                    select(DueRevision)
                    .where(DueRevision.action_id == action_id)
                    .order_by(DueRevision.id)
                )
            )
            if revision_id not in {r.id for r in revisions}:
                raise NotFound("Due date revision", revision_id)
            latest = revisions[-1]
            if latest.id != revision_id:
                raise Conflict(
                    f"The due date of action {action.reference} has been revised again since; "
                    "only its latest revision can be withdrawn. Nothing was changed.",
                    kind=KIND,
                    key=action_id,
                )
            trail = AuditTrail(self._ctx, session)
            trail.deleted(
                REVISION_ENTITY,
                latest.id,
                action.reference,
                {
                    "previous_due": latest.previous_due,
                    "new_due": latest.new_due,
                    "reason": latest.reason,
                },
            )
            trail.apply(action, ENTITY, action.reference, {"current_due": latest.previous_due})
            session.delete(latest)
            session.flush()
            return load_log_record(self._ctx, session, action_id)

    def add_update(self, action_id: int, draft: LogUpdateDraft) -> LogActionRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, LogAction, action_id, KIND)
            add_update_in(self._ctx, session, action, draft)
            return load_log_record(self._ctx, session, action_id)

    def remove_update(self, action_id: int, update_id: int) -> LogActionRecord:
        """Takes a progress note back (undo of adding it)."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, LogAction, action_id, KIND)
            update = session.get(LogUpdate, update_id)
            if update is None or update.action_id != action_id:
                raise NotFound("Update", update_id)
            AuditTrail(self._ctx, session).deleted(
                UPDATE_ENTITY,
                update.id,
                action.reference,
                {"update_date": update.update_date, "text": update.text, "author": update.author},
            )
            session.delete(update)
            session.flush()
            return load_log_record(self._ctx, session, action_id)

    def delete(self, action_id: int, *, expected_version: int | None) -> LogActionSnapshot:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = self._fetch(session, action_id, expected_version)
            meeting = session.get(Meeting, action.meeting_id)
            assert meeting is not None  # the foreign key restricts deleting it
            if meeting.status.is_locked:
                raise Conflict(locked_message(meeting), kind="Meeting", key=meeting.id)
            record = load_log_record(self._ctx, session, action_id)
            s = record.summary
            snapshot = LogActionSnapshot(
                id=s.id,
                reference=s.reference,
                meeting_id=s.meeting_id,
                agenda_item_id=s.item_id,
                description=s.description,
                owner_id=s.owner_id,
                original_due=s.original_due,
                current_due=s.current_due,
                status=s.status,
                closed_at_meeting_id=s.closed_at_meeting_id,
                closed_on=s.closed_on,
                revisions=record.revisions,
                updates=record.updates,
            )
            AuditTrail(self._ctx, session).deleted(ENTITY, action.id, action.reference, _audited(s))
            with lock_refusals(session, meeting):
                session.delete(action)  # revisions and updates go with it (cascade)
            return snapshot

    def restore(self, snapshot: LogActionSnapshot) -> LogActionRecord:
        """Puts a deleted action back with its id, revisions and updates (undo of delete)."""
        self._ctx.require_writable()
        s = snapshot
        with self._ctx.db.transaction() as session:
            if session.get(LogAction, s.id) is not None:
                raise ValidationError.single("Reference", f"{s.reference} already exists")
            raise_if(_restore_problems(session, s))
            meetings = {s.meeting_id, s.closed_at_meeting_id}
            meetings |= {r.agreed_at_meeting_id for r in s.revisions}
            present = set(
                session.scalars(select(Meeting.id).where(Meeting.id.in_(meetings - {None})))
            )
            session.add(
                LogAction(
                    id=s.id,
                    reference=s.reference,
                    meeting_id=s.meeting_id,
                    agenda_item_id=s.agenda_item_id,
                    description=s.description,
                    owner_id=s.owner_id,
                    original_due=s.original_due,
                    current_due=s.current_due,
                    status=s.status,
                    closed_at_meeting_id=s.closed_at_meeting_id,
                    closed_on=s.closed_on,
                    created_at=self._ctx.now(),
                )
            )
            for r in s.revisions:
                session.add(
                    DueRevision(
                        id=r.id,
                        action_id=s.id,
                        previous_due=r.previous_due,
                        new_due=r.new_due,
                        reason=r.reason,
                        # A meeting deleted since cannot come back; the revision still does.
                        agreed_at_meeting_id=(
                            r.agreed_at_meeting_id if r.agreed_at_meeting_id in present else None
                        ),
                        recorded_on=r.recorded_on,
                        recorded_by=r.recorded_by,
                    )
                )
            for u in s.updates:
                session.add(
                    LogUpdate(
                        id=u.id,
                        action_id=s.id,
                        update_date=u.update_date,
                        text=u.text,
                        author=u.author,
                        recorded_at=self._ctx.now(),
                    )
                )
            session.flush()
            record = load_log_record(self._ctx, session, s.id)
            AuditTrail(self._ctx, session).restored(
                ENTITY, s.id, s.reference, _audited(record.summary)
            )
            return record

    def _fetch(self, session: Session, action_id: int, expected: int | None) -> LogAction:
        action = fetch(session, LogAction, action_id, KIND)
        check_version(action, expected, "Action", action.reference)
        return action


def _audited(s: LogActionSummary) -> dict[str, object]:
    return {
        "meeting_id": s.meeting_id,
        "agenda_item_id": s.item_id,
        "description": s.description,
        "owner": s.owner_name,
        "original_due": s.original_due,
        "current_due": s.current_due,
        "status": s.status,
        "closed_on": s.closed_on,
        "revisions": s.revision_count,
    }


def _restore_problems(session: Session, s: LogActionSnapshot) -> list[FieldProblem]:
    found = []
    if session.get(Meeting, s.meeting_id) is None:
        found.append(FieldProblem("Meeting", "the meeting that agreed it has been deleted"))
    if s.agenda_item_id is not None and session.get(AgendaItem, s.agenda_item_id) is None:
        found.append(FieldProblem("Agenda item", "the item it arose under has been deleted"))
    if session.get(Person, s.owner_id) is None:
        found.append(FieldProblem("Owner", "is no longer on the list of people"))
    if s.closed_at_meeting_id is not None and session.get(Meeting, s.closed_at_meeting_id) is None:
        found.append(FieldProblem("Closed at", "the meeting that closed it has been deleted"))
    problem = reference_problem(session, s.reference, s.id)
    if problem:
        found.append(problem)
    return found
