"""Units of work on the action log inside a caller's transaction, audited.

`ActionLogService` runs each in a transaction of its own; an import of a
returned log runs many in one. Every unit validates everything before it
writes anything, so a refusal leaves nothing half-written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from improvement_desk.db.minute_locks import is_lock_error
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
    validate_due_revision,
    validate_log_action,
    validate_log_update,
)
from improvement_desk.domain.errors import Conflict, FieldProblem, ValidationError
from improvement_desk.domain.text_rules import (
    LONG_TEXT,
    check_reference,
    check_text,
    clean_fields,
    clean_text,
)
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import raise_if

ENTITY = "log_action"
REVISION_ENTITY = "log_due_revision"
UPDATE_ENTITY = "log_update"

_NUMBERED = re.compile(r"^A(\d+)$", re.IGNORECASE)


def meeting_label(meeting: Meeting) -> str:
    return f"{meeting.title}, {meeting.meeting_date:%d %b %Y}"


def locked_message(meeting: Meeting) -> str:
    return (
        f"The minutes of {meeting_label(meeting)} are approved and cannot be changed; "
        "record an amendment instead."
    )


@contextmanager
def lock_refusals(session: Session, meeting: Meeting) -> Iterator[None]:
    """Turns the database's refusal (migration 0004's triggers) into a plain `Conflict`.

    The services check first; this catches what they could not see, such as the
    meeting being approved by a colleague a moment ago.
    """
    # Read now: after the refusal the session has rolled back and expired the meeting.
    label, key = locked_message(meeting), meeting.id
    try:
        yield
        session.flush()
    except DBAPIError as exc:
        if is_lock_error(exc):
            raise Conflict(label, kind="Meeting", key=key) from exc
        raise


def next_reference(session: Session) -> str:
    """ "A<n>": one more than the highest numbered reference, so a gap is never reused."""
    numbers = [
        int(m.group(1))
        for ref in session.scalars(select(LogAction.reference))
        if (m := _NUMBERED.match(ref.strip()))
    ]
    return f"A{max(numbers, default=0) + 1}"


def owner_problem(session: Session, owner_id: int) -> FieldProblem | None:
    if session.get(Person, owner_id) is None:
        return FieldProblem("Owner", "is not on the list of people (they may have been removed)")
    return None


def reference_problem(session: Session, reference: str, own_id: int | None) -> FieldProblem | None:
    problem = check_reference("Reference", reference)
    if problem:
        return problem
    other = session.scalar(
        select(LogAction.id).where(func.lower(LogAction.reference) == reference.lower())
    )
    if other is not None and other != own_id:
        return FieldProblem("Reference", f"{reference} is already used by another action")
    return None


def add_log_action_in(
    ctx: ServiceContext,
    session: Session,
    meeting_id: int,
    item_id: int | None,
    draft: LogActionDraft,
    *,
    reference: str | None = None,
) -> LogAction:
    """A new action agreed at a meeting; its due date is both the original and the current."""
    draft = clean_fields(draft)
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise ValidationError.single("Meeting", "no longer exists; it may have been deleted")
    problems: list[FieldProblem | None] = [
        *validate_log_action(draft, raised_on=meeting.meeting_date)
    ]
    if item_id is not None:
        item = session.get(AgendaItem, item_id)
        if item is None or item.meeting_id != meeting_id:
            problems.append(FieldProblem("Agenda item", "is not on this meeting's agenda"))
    problems.append(owner_problem(session, draft.owner_id))
    reference = next_reference(session) if reference is None else reference.strip()
    problems.append(reference_problem(session, reference, None))
    raise_if([p for p in problems if p])
    action = LogAction(
        reference=reference,
        meeting_id=meeting_id,
        agenda_item_id=item_id,
        description=draft.description,
        owner_id=draft.owner_id,
        original_due=draft.due,
        current_due=draft.due,
        status=LogStatus.OPEN,
        created_at=ctx.now(),
    )
    session.add(action)
    session.flush()
    owner = session.get(Person, draft.owner_id)
    AuditTrail(ctx, session).created(
        ENTITY,
        action.id,
        reference,
        {
            "meeting": meeting_label(meeting),
            "agenda_item_id": item_id,
            "description": draft.description,
            "owner": owner.name if owner else None,
            "original_due": draft.due,
            "current_due": draft.due,
            "status": LogStatus.OPEN,
        },
    )
    return action


def update_log_action_in(
    ctx: ServiceContext, session: Session, action: LogAction, *, description: str, owner_id: int
) -> list[str]:
    """The action's words and owner; returns the fields that changed."""
    description = clean_text(description)
    problems = [
        check_text("Action", description, max_length=LONG_TEXT),
        owner_problem(session, owner_id),
    ]
    raise_if([p for p in problems if p])
    # Both people are read before anything is set: a query later would autoflush half the change.
    old_owner = session.get(Person, action.owner_id)
    new_owner = session.get(Person, owner_id)
    trail = AuditTrail(ctx, session)
    changed = trail.apply(action, ENTITY, action.reference, {"description": description})
    if owner_id != action.owner_id:
        action.owner_id = owner_id
        trail.apply_value(
            ENTITY,
            action.id,
            action.reference,
            "owner",
            old_owner.name if old_owner else None,
            new_owner.name if new_owner else None,
        )
        changed.append("owner")
    session.flush()
    return changed


def set_status_in(
    ctx: ServiceContext,
    session: Session,
    action: LogAction,
    status: LogStatus,
    closed_at_meeting_id: int | None,
) -> list[str]:
    """Only the board closes an action, at a meeting; reopening forgets that meeting."""
    closing: Meeting | None = None
    if status is LogStatus.CLOSED:
        if closed_at_meeting_id is None:
            raise ValidationError.single(
                "Closed at", "choose the meeting at which the board agreed to close it"
            )
        closing = session.get(Meeting, closed_at_meeting_id)
        if closing is None:
            raise ValidationError.single("Closed at", "that meeting no longer exists")
        raised = session.get(Meeting, action.meeting_id)
        if raised is not None and closing.meeting_date < raised.meeting_date:
            raise ValidationError.single(
                "Closed at",
                f"{meeting_label(closing)} is before the meeting that agreed the action "
                f"({meeting_label(raised)})",
            )
    elif closed_at_meeting_id is not None:
        raise ValidationError.single(
            "Closed at", f"only an action closed by the board names a meeting ({status.label})"
        )
    old_closing = (
        session.get(Meeting, action.closed_at_meeting_id) if action.closed_at_meeting_id else None
    )
    trail = AuditTrail(ctx, session)
    changed = trail.apply(
        action,
        ENTITY,
        action.reference,
        {
            "status": status,
            "closed_at_meeting_id": closing.id if closing else None,
            "closed_on": closing.meeting_date if closing else None,
        },
    )
    if "closed_at_meeting_id" in changed:
        # The id is audited above; the meeting's name is what a reader of the trail needs.
        trail.apply_value(
            ENTITY,
            action.id,
            action.reference,
            "closed_at_meeting",
            meeting_label(old_closing) if old_closing else None,
            meeting_label(closing) if closing else None,
        )
    session.flush()
    return changed


def revise_due_in(
    ctx: ServiceContext, session: Session, action: LogAction, draft: DueRevisionDraft
) -> DueRevision:
    """A new due date with its reason and meeting; the original due date never moves."""
    draft = clean_fields(draft)
    problems = validate_due_revision(draft, current_due=action.current_due)
    raised = session.get(Meeting, action.meeting_id)
    raised_on = raised.meeting_date if raised else date.min
    if draft.new_due < raised_on:
        problems.append(
            FieldProblem(
                "New due date",
                f"{draft.new_due:%d %b %Y} is before the meeting that agreed the action "
                f"({raised_on:%d %b %Y})",
            )
        )
    if action.status is LogStatus.CLOSED:
        problems.append(FieldProblem("New due date", "the board has closed this action"))
    agreed: Meeting | None = None
    if draft.agreed_at_meeting_id is not None:
        agreed = session.get(Meeting, draft.agreed_at_meeting_id)
        if agreed is None:
            problems.append(FieldProblem("Agreed at", "that meeting no longer exists"))
        elif agreed.meeting_date < raised_on:
            problems.append(
                FieldProblem(
                    "Agreed at",
                    f"{meeting_label(agreed)} is before the meeting that agreed the action",
                )
            )
    raise_if(problems)
    revision = DueRevision(
        action_id=action.id,
        previous_due=action.current_due,
        new_due=draft.new_due,
        reason=draft.reason,
        agreed_at_meeting_id=draft.agreed_at_meeting_id,
        recorded_on=ctx.today(),
        recorded_by=ctx.actor.name,
    )
    session.add(revision)
    trail = AuditTrail(ctx, session)
    trail.apply(action, ENTITY, action.reference, {"current_due": draft.new_due})
    session.flush()
    trail.created(
        REVISION_ENTITY,
        revision.id,
        action.reference,
        {
            "action_id": action.id,
            "previous_due": revision.previous_due,
            "new_due": revision.new_due,
            "reason": revision.reason,
            "agreed_at": meeting_label(agreed) if agreed else None,
            "recorded_on": revision.recorded_on,
            "recorded_by": revision.recorded_by,
        },
    )
    return revision


def add_update_in(
    ctx: ServiceContext, session: Session, action: LogAction, draft: LogUpdateDraft
) -> LogUpdate:
    draft = clean_fields(draft)
    problems = validate_log_update(draft, today=ctx.today())
    raised = session.get(Meeting, action.meeting_id)
    if raised is not None and draft.update_date < raised.meeting_date:
        problems.append(
            FieldProblem(
                "Date",
                f"{draft.update_date:%d %b %Y} is before the meeting that agreed the action "
                f"({raised.meeting_date:%d %b %Y})",
            )
        )
    raise_if(problems)
    update = LogUpdate(
        action_id=action.id,
        update_date=draft.update_date,
        text=draft.text,
        author=ctx.actor.name,
        recorded_at=ctx.now(),
    )
    session.add(update)
    session.flush()
    AuditTrail(ctx, session).created(
        UPDATE_ENTITY,
        update.id,
        action.reference,
        {
            "action_id": action.id,
            "update_date": update.update_date,
            "text": update.text,
            "author": update.author,
        },
    )
    return update
