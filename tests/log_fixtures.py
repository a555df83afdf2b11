"""Meetings, agenda items and decisions written straight through the ORM, for action-log tests.

The action log needs meetings to hang on; these helpers make them without the
meeting services, so the log's tests say nothing about how meetings are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import update

from improvement_desk.db.models import AgendaItem, Decision, Meeting
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.services.desk import Desk

BOARD = "Improvement Board"
ITEMS = ("Apologies and declarations", "Minutes of the last meeting", "Action log", "Workforce")


@dataclass(frozen=True)
class MadeMeeting:
    id: int
    meeting_date: date
    item_ids: tuple[int, ...]

    def item(self, number: int) -> int:
        """The id of item `number` (1-based, as the agenda numbers it)."""
        return self.item_ids[number - 1]


def add_meeting(
    desk: Desk,
    on: date,
    *,
    title: str = BOARD,
    items: Sequence[str] = ITEMS,
    status: MeetingStatus = MeetingStatus.HELD,
    positions: Sequence[int] | None = None,
) -> MadeMeeting:
    """A meeting with its agenda; `positions` (default 0, 1, 2 …) may leave gaps."""
    with desk.ctx.db.transaction() as session:
        meeting = Meeting(title=title, meeting_date=on, status=status, created_at=desk.ctx.now())
        session.add(meeting)
        session.flush()
        rows = [
            AgendaItem(meeting_id=meeting.id, position=position, title=item_title)
            for item_title, position in zip(
                items, positions if positions is not None else range(len(items)), strict=True
            )
        ]
        session.add_all(rows)
        session.flush()
        return MadeMeeting(meeting.id, on, tuple(r.id for r in rows))


def add_decision(desk: Desk, item_id: int, text: str, *, position: int = 0) -> int:
    with desk.ctx.db.transaction() as session:
        decision = Decision(agenda_item_id=item_id, text=text, position=position)
        session.add(decision)
        session.flush()
        return decision.id


def approve(desk: Desk, meeting: MadeMeeting, *, at: MadeMeeting, at_item: int = 2) -> None:
    """Marks the minutes approved at a later meeting, in one UPDATE as the locks require."""
    with desk.ctx.db.transaction() as session:
        session.execute(
            update(Meeting)
            .where(Meeting.id == meeting.id)
            .values(
                status=MeetingStatus.MINUTES_APPROVED,
                approved_at_meeting_id=at.id,
                approved_at_item_id=at.item(at_item),
                version=Meeting.version + 1,
            )
        )


def add_owner(desk: Desk, name: str = "Jo Bloggs", role: str = "Head of Service") -> int:
    return desk.people.add(name, role).id
