"""Reading the action log: every action with its meeting, item number, owner and latest news.

Overdue, item numbers and the latest update are worked out here, once, in a
few queries over all the actions asked for, so the log page, the meeting
screen (which imports `summarise`, `matters_arising_in` and `actions_by_item`)
and the printed minutes agree on them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import (
    AgendaItem,
    DueRevision,
    LogAction,
    LogUpdate,
    Meeting,
    Person,
)
from improvement_desk.domain.action_log import is_matter_arising, is_overdue
from improvement_desk.domain.errors import NotFound
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.log_records import (
    DueRevisionRecord,
    LogActionRecord,
    LogActionSummary,
    LogFilter,
    LogUpdateRecord,
)

_REFERENCE = re.compile(r"([^\d]*)(\d*)(.*)", re.DOTALL)


class ActionLogReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def actions(self, filter: LogFilter | None = None) -> list[LogActionSummary]:
        """The log in reference order (A1, A2, … A10), filtered as the page asks."""
        with self._ctx.db.reading() as session:
            query = select(LogAction)
            if filter is not None and filter.meeting_id is not None:
                query = query.where(LogAction.meeting_id == filter.meeting_id)
            if filter is not None and filter.owner_id is not None:
                query = query.where(LogAction.owner_id == filter.owner_id)
            if filter is not None and filter.statuses:
                query = query.where(LogAction.status.in_(sorted(filter.statuses)))
            found = summarise(self._ctx, session, session.scalars(query))
        if filter is not None:
            found = [s for s in found if _matches(s, filter)]
        return found

    def action(self, action_id: int) -> LogActionRecord:
        with self._ctx.db.reading() as session:
            return load_log_record(self._ctx, session, action_id)

    def matters_arising(self, meeting_id: int) -> list[LogActionSummary]:
        with self._ctx.db.reading() as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("Meeting", meeting_id)
            return matters_arising_in(self._ctx, session, meeting)

    def for_item(self, item_id: int) -> list[LogActionSummary]:
        with self._ctx.db.reading() as session:
            actions = session.scalars(select(LogAction).where(LogAction.agenda_item_id == item_id))
            return summarise(self._ctx, session, actions)

    def owners(self) -> list[tuple[int, str]]:
        """People who own at least one log action, by name: the owner filter's choices."""
        with self._ctx.db.reading() as session:
            rows = session.execute(
                select(Person.id, Person.name)
                .where(Person.id.in_(select(LogAction.owner_id)))
                .order_by(func.lower(Person.name))
            )
            return [(pid, name) for pid, name in rows]


# -- shared with the meeting reader and the action-log service ---------------------------------


def summarise(
    ctx: ServiceContext, session: Session, actions: Iterable[LogAction]
) -> list[LogActionSummary]:
    """One summary per action, in reference order, from five queries whatever the count."""
    rows = list(actions)
    if not rows:
        return []
    ids = [a.id for a in rows]
    meeting_ids = {a.meeting_id for a in rows}
    meetings = dict(
        session.execute(
            select(Meeting.id, Meeting.meeting_date).where(Meeting.id.in_(meeting_ids))
        ).all()
    )
    items = item_ranks(session, meeting_ids)
    owners = dict(
        session.execute(
            select(Person.id, Person.name).where(Person.id.in_({a.owner_id for a in rows}))
        ).all()
    )
    latest = _latest_updates(session, ids)
    revisions = dict(
        session.execute(
            select(DueRevision.action_id, func.count(DueRevision.id))
            .where(DueRevision.action_id.in_(ids))
            .group_by(DueRevision.action_id)
        ).all()
    )
    today = ctx.today()
    found = []
    for a in rows:
        number, title = items.get(a.agenda_item_id, ("", "")) if a.agenda_item_id else ("", "")
        found.append(
            LogActionSummary(
                id=a.id,
                reference=a.reference,
                meeting_id=a.meeting_id,
                meeting_date=meetings[a.meeting_id],
                item_id=a.agenda_item_id,
                item_number=number,
                item_title=title,
                description=a.description,
                owner_id=a.owner_id,
                owner_name=owners.get(a.owner_id, ""),
                original_due=a.original_due,
                current_due=a.current_due,
                status=a.status,
                overdue=is_overdue(a.status, a.current_due, today),
                closed_at_meeting_id=a.closed_at_meeting_id,
                closed_on=a.closed_on,
                latest_update=latest.get(a.id, ""),
                revision_count=revisions.get(a.id, 0),
                version=a.version,
            )
        )
    found.sort(key=lambda s: reference_key(s.reference))
    return found


def matters_arising_in(
    ctx: ServiceContext, session: Session, meeting: Meeting
) -> list[LogActionSummary]:
    """Actions from earlier meetings not closed before this one: they come back to it."""
    candidates = session.scalars(
        select(LogAction)
        .join(Meeting, Meeting.id == LogAction.meeting_id)
        .where(Meeting.meeting_date < meeting.meeting_date)
    )
    return [
        s
        for s in summarise(ctx, session, candidates)
        if is_matter_arising(s.status, s.meeting_date, s.closed_on, meeting.meeting_date)
    ]


def actions_by_item(
    ctx: ServiceContext, session: Session, meeting_id: int
) -> dict[int, list[LogActionSummary]]:
    """The actions raised at a meeting, by the agenda item they arose under (item id → actions);
    actions not tied to an item are left out."""
    actions = session.scalars(
        select(LogAction).where(
            LogAction.meeting_id == meeting_id, LogAction.agenda_item_id.is_not(None)
        )
    )
    found: dict[int, list[LogActionSummary]] = defaultdict(list)
    for summary in summarise(ctx, session, actions):
        if summary.item_id is not None:
            found[summary.item_id].append(summary)
    return dict(found)


def load_log_record(ctx: ServiceContext, session: Session, action_id: int) -> LogActionRecord:
    action = session.get(LogAction, action_id)
    if action is None:
        raise NotFound("Log action", action_id)
    summary = summarise(ctx, session, [action])[0]
    revisions = session.scalars(
        select(DueRevision).where(DueRevision.action_id == action_id).order_by(DueRevision.id)
    ).all()
    labels = meeting_labels(session, {r.agreed_at_meeting_id for r in revisions})
    updates = session.scalars(
        select(LogUpdate)
        .where(LogUpdate.action_id == action_id)
        .order_by(LogUpdate.update_date, LogUpdate.id)
    )
    return LogActionRecord(
        summary=summary,
        revisions=tuple(
            DueRevisionRecord(
                id=r.id,
                previous_due=r.previous_due,
                new_due=r.new_due,
                reason=r.reason,
                agreed_at_meeting_id=r.agreed_at_meeting_id,
                agreed_at_label=labels.get(r.agreed_at_meeting_id, ""),
                recorded_on=r.recorded_on,
                recorded_by=r.recorded_by,
            )
            for r in revisions
        ),
        updates=tuple(
            LogUpdateRecord(id=u.id, update_date=u.update_date, text=u.text, author=u.author)
            for u in updates
        ),
    )


def meeting_labels(session: Session, meeting_ids: Iterable[int | None]) -> dict[int | None, str]:
    """ "Improvement Board, 12 Mar 2014" for each meeting asked for."""
    wanted = {m for m in meeting_ids if m is not None}
    if not wanted:
        return {}
    return {
        mid: f"{title}, {when:%d %b %Y}"
        for mid, title, when in session.execute(
            select(Meeting.id, Meeting.title, Meeting.meeting_date).where(Meeting.id.in_(wanted))
        )
    }


def reference_key(reference: str) -> tuple[str, int, str]:
    """A2 before A10: the letters, then the number, then anything after it."""
    match = _REFERENCE.match(reference.strip())
    assert match is not None  # every part of the pattern is optional
    letters, digits, rest = match.groups()
    return (letters.upper(), int(digits) if digits else 0, rest.upper())


def _matches(summary: LogActionSummary, filter: LogFilter) -> bool:
    if filter.overdue_only and not summary.overdue:
        return False
    needle = filter.text.strip().casefold()
    if not needle:
        return True
    return any(
        needle in value.casefold()
        for value in (
            summary.reference,
            summary.description,
            summary.owner_name,
            summary.item_title,
        )
    )


def item_ranks(session: Session, meeting_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """item id → (its rank on its meeting's agenda, from 1; its title)."""
    found: dict[int, tuple[str, str]] = {}
    rank: dict[int, int] = defaultdict(int)
    for item_id, meeting_id, title in session.execute(
        select(AgendaItem.id, AgendaItem.meeting_id, AgendaItem.title)
        .where(AgendaItem.meeting_id.in_(set(meeting_ids)))
        .order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id)
    ):
        rank[meeting_id] += 1
        found[item_id] = (str(rank[meeting_id]), title)
    return found


def _latest_updates(session: Session, action_ids: list[int]) -> dict[int, str]:
    found: dict[int, str] = {}
    for action_id, when, text in session.execute(
        select(LogUpdate.action_id, LogUpdate.update_date, LogUpdate.text)
        .where(LogUpdate.action_id.in_(action_ids))
        .order_by(LogUpdate.action_id, LogUpdate.update_date, LogUpdate.id)
    ):
        found[action_id] = f"{when:%d %b %Y}: {text}"
    return found
