"""An action's history: dated progress updates and re-baselined targets.

Both are kept, never rewritten: an update is a new row and a re-baseline
records the previous date, the new one, the reason and when. Removing the
newest entry exists only so that undo can take back what was just added.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, ProgressUpdate, TargetRevision
from improvement_desk.domain.errors import Conflict
from improvement_desk.domain.plan import validate_progress_update, validate_rebaseline
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.plan_reader import revision_record, update_record
from improvement_desk.services.plan_records import ProgressUpdateRecord, TargetRevisionRecord


class ActionHistoryService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- progress updates -------------------------------------------------------------------

    def add_update(self, action_id: int, on: date, text: str) -> ProgressUpdateRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, Action, action_id, "Action")
            return update_record(add_update_in(self._ctx, session, action, on, text))

    def remove_update(self, update_id: int) -> ProgressUpdateRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            update = fetch(session, ProgressUpdate, update_id, "Progress update")
            record = update_record(update)
            AuditTrail(self._ctx, session).deleted(
                "progress_update",
                update.id,
                update.action.reference,
                {"update_date": update.update_date, "text": update.text},
            )
            session.delete(update)
            return record

    def restore_update(self, record: ProgressUpdateRecord) -> ProgressUpdateRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, Action, record.action_id, "Action")
            update = ProgressUpdate(
                id=record.id,
                action_id=record.action_id,
                update_date=record.update_date,
                text=record.text,
                author=record.author,
                recorded_at=record.recorded_at,
            )
            session.add(update)
            session.flush()
            AuditTrail(self._ctx, session).restored(
                "progress_update",
                update.id,
                action.reference,
                {"update_date": record.update_date, "text": record.text},
            )
            return update_record(update)

    # -- re-baselining ----------------------------------------------------------------------

    def rebaseline(
        self, action_id: int, new_date: date, reason: str, *, expected_version: int | None
    ) -> TargetRevisionRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, Action, action_id, "Action")
            check_version(action, expected_version, "Action", action.reference)
            return revision_record(rebaseline_in(self._ctx, session, action, new_date, reason))

    def undo_rebaseline(self, revision_id: int) -> TargetRevisionRecord:
        """Takes back the newest revision and puts the previous target back."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            revision = fetch(session, TargetRevision, revision_id, "Target revision")
            action = revision.action
            newest = session.scalar(
                select(TargetRevision.id)
                .where(TargetRevision.action_id == action.id)
                .order_by(TargetRevision.id.desc())
            )
            if newest != revision_id or action.target_date != revision.new_date:
                raise Conflict(
                    f"The target of {action.reference} has moved again since; "
                    "this re-baseline can no longer be taken back."
                )
            record = revision_record(revision)
            trail = AuditTrail(self._ctx, session)
            trail.deleted(
                "target_revision",
                revision.id,
                action.reference,
                {
                    "previous_date": revision.previous_date,
                    "new_date": revision.new_date,
                    "reason": revision.reason,
                },
            )
            trail.apply(action, "action", action.reference, {"target_date": revision.previous_date})
            session.delete(revision)
            return record

    def restore_rebaseline(self, record: TargetRevisionRecord) -> TargetRevisionRecord:
        """Re-applies a revision that undo took back (redo), under its old id."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, Action, record.action_id, "Action")
            if action.target_date != record.previous_date:
                raise Conflict(
                    f"The target of {action.reference} has changed since; the re-baseline cannot be redone."
                )
            revision = TargetRevision(
                id=record.id,
                action_id=record.action_id,
                previous_date=record.previous_date,
                new_date=record.new_date,
                reason=record.reason,
                revised_on=record.revised_on,
                revised_by=record.revised_by,
                recorded_at=record.recorded_at,
            )
            session.add(revision)
            trail = AuditTrail(self._ctx, session)
            trail.apply(action, "action", action.reference, {"target_date": record.new_date})
            trail.restored(
                "target_revision",
                record.id,
                action.reference,
                {
                    "previous_date": record.previous_date,
                    "new_date": record.new_date,
                    "reason": record.reason,
                },
            )
            return record


# -- units of work inside a caller's transaction (an import applies many in one) ------------


def add_update_in(
    ctx: ServiceContext, session: Session, action: Action, on: date, text: str
) -> ProgressUpdate:
    update = build_update(ctx, action, on, text)
    session.add(update)
    session.flush()
    audit_created_update(ctx, session, update, action.reference)
    return update


def build_update(ctx: ServiceContext, action: Action, on: date, text: str) -> ProgressUpdate:
    """A checked, unsaved progress update (a bulk import adds many, then flushes once)."""
    text = clean_text(text)
    raise_if(validate_progress_update(text, on, start_date=action.start_date, today=ctx.today()))
    return ProgressUpdate(
        action=action,
        update_date=on,
        text=text,
        author=ctx.actor.name,
        recorded_at=ctx.now(),
    )


def audit_created_update(
    ctx: ServiceContext, session: Session, update: ProgressUpdate, reference: str
) -> None:
    AuditTrail(ctx, session).created(
        "progress_update",
        update.id,
        reference,
        {"update_date": update.update_date, "text": update.text},
    )


def rebaseline_in(
    ctx: ServiceContext, session: Session, action: Action, new_date: date, reason: str
) -> TargetRevision:
    reason = clean_text(reason)
    raise_if(
        validate_rebaseline(action.target_date, new_date, reason, start_date=action.start_date)
    )
    revision = TargetRevision(
        action_id=action.id,
        previous_date=action.target_date,
        new_date=new_date,
        reason=reason,
        revised_on=ctx.today(),
        revised_by=ctx.actor.name,
        recorded_at=ctx.now(),
    )
    session.add(revision)
    trail = AuditTrail(ctx, session)
    trail.apply(action, "action", action.reference, {"target_date": new_date})
    session.flush()
    trail.created(
        "target_revision",
        revision.id,
        action.reference,
        {"previous_date": revision.previous_date, "new_date": new_date, "reason": reason},
    )
    return revision
