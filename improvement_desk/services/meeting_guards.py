"""What every meeting service checks before it writes: the meeting is not locked, and if the
database refuses anyway, the user reads a plain sentence, not a trigger's message.

Approved minutes are locked twice. The services look first and refuse with a
`Conflict` naming the meeting before anything is written; the triggers of
`db/minute_locks.py` catch whatever slips past (a colleague approving the
minutes a second earlier, a script). Both refusals read the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from sqlalchemy import func, select, tuple_
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from improvement_desk.db.minute_locks import (
    AMENDMENT_MESSAGE,
    LOCK_MESSAGE,
    ORIGINAL_DUE_MESSAGE,
    is_lock_error,
)
from improvement_desk.db.models import AgendaItem, Meeting
from improvement_desk.domain.errors import Conflict, DeskError
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import fetch

_LABEL_KEY = "improvement_desk.locked_meeting_label"
_SOME_MEETING = "this meeting"


def meeting_label(meeting: Meeting) -> str:
    """ "Improvement Board, 12 Mar 2014", as MeetingSummary.label says it."""
    return f"{meeting.title}, {meeting.meeting_date:%d %b %Y}"


def long_date(day: date) -> str:
    """ "12 March 2014": the form minutes use in their resolutions."""
    return f"{day.day} {day:%B %Y}"


def locked_conflict(label: str, key: object = None) -> Conflict:
    return Conflict(
        f"The minutes of {label} are approved and cannot be changed; record an amendment instead.",
        kind="Meeting",
        key=key,
    )


def note_meeting(session: Session, meeting: Meeting) -> None:
    """Remembers which meeting this transaction changes, for the message if the DB refuses."""
    session.info[_LABEL_KEY] = meeting_label(meeting)


def refuse_if_locked(session: Session, meeting: Meeting) -> None:
    note_meeting(session, meeting)
    if meeting.status.is_locked:
        raise locked_conflict(meeting_label(meeting), meeting.id)


def open_meeting(session: Session, meeting_id: int) -> Meeting:
    """The meeting, refused with a Conflict if its minutes are approved."""
    meeting = fetch(session, Meeting, meeting_id, "Meeting")
    refuse_if_locked(session, meeting)
    return meeting


def open_item(session: Session, item_id: int) -> tuple[AgendaItem, Meeting]:
    """An agenda item and its meeting, refused with a Conflict if the minutes are approved."""
    item = fetch(session, AgendaItem, item_id, "Agenda item")
    meeting = fetch(session, Meeting, item.meeting_id, "Meeting")
    refuse_if_locked(session, meeting)
    return item, meeting


def item_number(session: Session, item: AgendaItem) -> str:
    """The item's number on its agenda: its rank by position, from 1."""
    earlier = session.scalar(
        select(func.count())
        .select_from(AgendaItem)
        .where(
            AgendaItem.meeting_id == item.meeting_id,
            tuple_(AgendaItem.position, AgendaItem.id) < tuple_(item.position, item.id),
        )
    )
    return str((earlier or 0) + 1)


def item_label(session: Session, item: AgendaItem, meeting: Meeting) -> str:
    """ "Improvement Board, 12 Mar 2014, item 4": how the audit trail names an item."""
    return f"{meeting_label(meeting)}, item {item_number(session, item)}"


@contextmanager
def meeting_transaction(ctx: ServiceContext) -> Iterator[Session]:
    """`Database.transaction()`, with the minute locks' refusals turned into a plain Conflict.

    SQLite's RAISE(ABORT) arrives as an IntegrityError (already a generic Conflict by then);
    PostgreSQL's RAISE EXCEPTION as an InternalError the database layer leaves alone.
    """
    sessions: list[Session] = []
    try:
        with ctx.db.transaction() as session:
            sessions.append(session)
            yield session
    except DeskError as exc:
        cause = exc.__cause__
        if cause is not None and is_lock_error(cause) and not _ours(exc):
            raise lock_refusal(cause, _label(sessions)) from cause
        raise
    except DBAPIError as exc:
        if is_lock_error(exc):
            raise lock_refusal(exc, _label(sessions)) from exc
        raise


def lock_refusal(error: BaseException, label: str) -> Conflict:
    """The plain sentence for whichever lock the database enforced."""
    message = str(error)
    if AMENDMENT_MESSAGE in message:
        return Conflict(
            "An amendment to approved minutes is never edited or removed; "
            "record a further amendment instead."
        )
    if ORIGINAL_DUE_MESSAGE in message and LOCK_MESSAGE not in message:
        return Conflict(
            "An action's original due date and the meeting it came from never change; "
            "record a new due date as a revision instead."
        )
    return locked_conflict(label)


def _ours(exc: DeskError) -> bool:
    """A Conflict this module made already says the right thing."""
    return isinstance(exc, Conflict) and "cannot be changed; record an amendment" in str(exc)


def _label(sessions: list[Session]) -> str:
    if not sessions:
        return _SOME_MEETING
    label = sessions[0].info.get(_LABEL_KEY)
    return label if isinstance(label, str) else _SOME_MEETING
