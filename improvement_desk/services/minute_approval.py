"""Approving minutes as a correct record at a later meeting, and amending them afterwards.

Approval is one decision of the later meeting ("RESOLVED: that the minutes of
the meeting held on 12 March 2014 be approved as a correct record.") and one
UPDATE of the approved meeting (status, the meeting and the item that approved
it), in the same transaction. From then on the database refuses any change to
those minutes; a correction is a dated amendment, added and never edited.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import AgendaItem, Decision, Meeting, MinutesAmendment
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.meeting import MeetingStatus, check_minute_text
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import fetch, raise_if
from improvement_desk.services.meeting_guards import (
    item_label,
    item_number,
    locked_conflict,
    long_date,
    meeting_label,
)
from improvement_desk.services.meeting_records import AmendmentRecord

MEETING_ENTITY = "meeting"
DECISION_ENTITY = "decision"
AMENDMENT_ENTITY = "minutes_amendment"
_APPROVABLE = (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED)


def approval_text(meeting_date: date) -> str:
    """The resolution a later meeting records when it approves these minutes."""
    return (
        f"RESOLVED: that the minutes of the meeting held on {long_date(meeting_date)} "
        "be approved as a correct record."
    )


def approval_problems(
    ctx: ServiceContext, meeting: Meeting, at_item: AgendaItem, at_meeting: Meeting
) -> list[FieldProblem]:
    found = []
    if meeting.status not in _APPROVABLE:
        found.append(
            FieldProblem(
                "Status",
                f"the meeting is “{meeting.status.label.lower()}”; only the minutes of a meeting "
                "that has been held can be approved",
            )
        )
    if at_meeting.meeting_date <= meeting.meeting_date:
        found.append(
            FieldProblem(
                "Approved at",
                f"minutes are approved at a later meeting; {meeting_label(at_meeting)} is not "
                f"after {meeting_label(meeting)}",
            )
        )
    elif not (at_meeting.status.has_been_held or at_meeting.meeting_date == ctx.today()):
        found.append(
            FieldProblem(
                "Approved at",
                f"{meeting_label(at_meeting)} has not been held yet",
            )
        )
    return found


def approve_in(
    ctx: ServiceContext, session: Session, meeting: Meeting, at_item: AgendaItem
) -> Decision:
    """Records the approval: the later meeting's decision, then the locking UPDATE."""
    at_meeting = fetch(session, Meeting, at_item.meeting_id, "Meeting")
    if at_meeting.status.is_locked:
        raise locked_conflict(meeting_label(at_meeting), at_meeting.id)
    raise_if(approval_problems(ctx, meeting, at_item, at_meeting))
    trail = AuditTrail(ctx, session)
    last = session.scalar(
        select(func.max(Decision.position)).where(Decision.agenda_item_id == at_item.id)
    )
    decision = Decision(
        agenda_item_id=at_item.id,
        position=0 if last is None else last + 1,
        text=approval_text(meeting.meeting_date),
    )
    session.add(decision)
    session.flush()
    trail.created(
        DECISION_ENTITY,
        decision.id,
        item_label(session, at_item, at_meeting),
        {"agenda_item_id": at_item.id, "position": decision.position, "text": decision.text},
    )
    # One UPDATE: the trigger allows it because the row is not yet approved.
    trail.apply(
        meeting,
        MEETING_ENTITY,
        meeting_label(meeting),
        {
            "status": MeetingStatus.MINUTES_APPROVED,
            "approved_at_meeting_id": at_meeting.id,
            "approved_at_item_id": at_item.id,
        },
    )
    session.flush()
    return decision


def approval_of(session: Session, decision: Decision) -> Meeting | None:
    """The meeting whose approval this decision records, if it is such a decision."""
    for meeting in session.scalars(
        select(Meeting).where(Meeting.approved_at_item_id == decision.agenda_item_id)
    ):
        if decision.text == approval_text(meeting.meeting_date):
            return meeting
    return None


def amend_in(
    ctx: ServiceContext,
    session: Session,
    meeting: Meeting,
    text: str,
    *,
    item_id: int | None,
    agreed_at_meeting_id: int | None,
    amended_on: date | None,
) -> AmendmentRecord:
    """Adds a dated correction to approved minutes (the minutes themselves stay as agreed)."""
    text = clean_text(text)
    amended_on = amended_on or ctx.today()
    found: list[FieldProblem] = []
    if not meeting.status.is_locked:
        found.append(
            FieldProblem(
                "Minutes",
                f"the minutes of {meeting_label(meeting)} are not approved yet; "
                "correct them directly",
            )
        )
    problem = check_minute_text("Amendment", text, required=True)
    if problem:
        found.append(problem)
    item = session.get(AgendaItem, item_id) if item_id is not None else None
    if item_id is not None and (item is None or item.meeting_id != meeting.id):
        found.append(FieldProblem("Item", "is not an item of this meeting"))
    if agreed_at_meeting_id is not None:
        agreed = session.get(Meeting, agreed_at_meeting_id)
        if agreed is None:
            found.append(FieldProblem("Agreed at", "that meeting no longer exists"))
        elif agreed.meeting_date <= meeting.meeting_date:
            found.append(
                FieldProblem("Agreed at", f"{meeting_label(agreed)} is not after this meeting")
            )
    if amended_on < meeting.meeting_date:
        found.append(
            FieldProblem("Amended on", f"{amended_on:%d %b %Y} is before the meeting was held")
        )
    elif amended_on > ctx.today():
        found.append(FieldProblem("Amended on", f"{amended_on:%d %b %Y} is in the future"))
    if found:
        raise ValidationError(found)
    amendment = MinutesAmendment(
        meeting_id=meeting.id,
        agenda_item_id=item_id,
        amended_on=amended_on,
        text=text,
        agreed_at_meeting_id=agreed_at_meeting_id,
        recorded_by=ctx.actor.name,
        recorded_at=ctx.now(),
    )
    session.add(amendment)
    session.flush()
    AuditTrail(ctx, session).created(
        AMENDMENT_ENTITY,
        amendment.id,
        meeting_label(meeting),
        {
            "agenda_item_id": item_id,
            "amended_on": amended_on,
            "text": text,
            "agreed_at_meeting_id": agreed_at_meeting_id,
            "recorded_by": amendment.recorded_by,
        },
    )
    return AmendmentRecord(
        amendment.id,
        meeting.id,
        item_id,
        item_number(session, item) if item is not None else "",
        amended_on,
        text,
        agreed_at_meeting_id,
        amendment.recorded_by,
    )
