"""Action log data for the view tests: summaries built in memory, and a real board's log.

`make_summary()` is a quiet action: open, on time, never revised, so a
model test overrides only the fact it is about. `build_log(desk)` writes
four meetings and their agendas straight through the ORM (the meeting
screens are not what these tests are about), three people, and 24 actions
through `desk.action_log`, with statuses, revisions and updates, as of the
test board's today, 31 March 2014.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import update

from improvement_desk.db.models import AgendaItem, Meeting
from improvement_desk.domain.action_log import (
    DueRevisionDraft,
    LogActionDraft,
    LogStatus,
    LogUpdateDraft,
)
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.services.desk import Desk
from improvement_desk.services.log_records import LogActionSummary

TODAY = date(2014, 3, 31)
_ids = itertools.count(1)


def make_summary(**overrides: Any) -> LogActionSummary:
    action_id = overrides.pop("id", next(_ids))
    values: dict[str, Any] = {
        "id": action_id,
        "reference": f"A{action_id}",
        "meeting_id": 1,
        "meeting_date": date(2014, 2, 12),
        "item_id": 10,
        "item_number": "4",
        "item_title": "Workforce report",
        "description": "Report vacancy and agency rates to the next meeting",
        "owner_id": 1,
        "owner_name": "Jane Smith",
        "original_due": date(2014, 4, 30),
        "current_due": date(2014, 4, 30),
        "status": LogStatus.OPEN,
        "overdue": False,
        "closed_at_meeting_id": None,
        "closed_on": None,
        "latest_update": "",
        "revision_count": 0,
        "version": 1,
    }
    values.update(overrides)
    return LogActionSummary(**values)


# -- a real board --------------------------------------------------------------------------------

AGENDA = (
    "Apologies and declarations of interest",
    "Minutes of the previous meeting",
    "Matters arising and action log",
    "Workforce: recruitment and retention",
    "Front door and MASH",
    "Performance scorecard",
)
MEETING_DATES = (date(2014, 1, 15), date(2014, 2, 12), date(2014, 3, 12), date(2014, 4, 9))
PEOPLE = ("Jane Smith", "Tom Brown", "Zoë Ó Briain")

# (meeting index, item index or None, owner index, due, text)
ACTIONS: tuple[tuple[int, int | None, int, date, str], ...] = (
    (0, 3, 0, date(2014, 2, 28), "Report vacancy and agency rates by team to the next meeting"),
    (0, 3, 1, date(2014, 3, 31), "Draft a recruitment and retention strategy for social workers"),
    (0, 4, 2, date(2014, 2, 12), "Circulate the MASH partnership agreement to all members"),
    (0, 5, 0, date(2014, 3, 12), "Add timeliness of assessments to the performance scorecard"),
    (0, None, 1, date(2014, 1, 31), "Write to the Department for Education confirming attendance"),
    (0, 4, 0, date(2014, 3, 14), "Audit 20 contacts that did not lead to a referral"),
    (1, 3, 2, date(2014, 3, 12), "Brief members on the caseload weighting tool"),
    (1, 3, 0, date(2014, 4, 30), "Agree a market supplement for hard-to-fill posts with HR"),
    (1, 4, 1, date(2014, 3, 21), "Confirm police staffing in the MASH from April"),
    (1, 5, 2, date(2014, 5, 14), "Benchmark re-referral rates against statistical neighbours"),
    (1, 5, 0, date(2014, 3, 28), "Explain the fall in child protection visits within timescale"),
    (1, None, 1, date(2014, 2, 28), "Arrange a development session for new board members"),
    (1, 4, 2, date(2014, 6, 30), "Review the threshold document with health and police partners"),
    (2, 3, 0, date(2014, 4, 9), "Present exit interview findings for the last six months"),
    (2, 3, 1, date(2014, 3, 26), "Publish the agency reduction plan on the intranet"),
    (2, 4, 2, date(2014, 4, 30), "Report the outcome of the MASH peer review"),
    (2, 5, 0, date(2014, 3, 19), "Correct the scorecard's figures for care leavers in touch"),
    (2, 5, 1, date(2014, 5, 31), "Agree quarterly targets for each scorecard measure"),
    (2, None, 2, date(2014, 3, 20), "Send the minutes of the last meeting to the Lead Member"),
    (2, 4, 0, date(2014, 7, 31), "Evaluate the early help pilot in the north locality"),
    (2, 3, 1, date(2014, 4, 15), "Set up a newly qualified social worker academy"),
    (2, 5, 2, date(2014, 3, 25), "Circulate a glossary of the scorecard's measures"),
    (2, 3, 0, date(2014, 9, 30), "Report caseloads per worker by team every month"),
    (2, 4, 1, date(2014, 3, 30), "Share the MASH escalation protocol with schools"),
)


@dataclass
class LogBoard:
    meetings: list[int] = field(default_factory=list)  # ids, oldest first
    items: dict[int, list[int]] = field(default_factory=dict)  # meeting id → item ids in order
    people: list[int] = field(default_factory=list)
    actions: dict[str, int] = field(default_factory=dict)  # reference → id


def add_meetings(desk: Desk, dates: tuple[date, ...] = MEETING_DATES) -> LogBoard:
    """Meetings with the usual agenda, the held ones held; the people who own actions."""
    board = LogBoard()
    with desk.ctx.db.transaction() as session:
        for when in dates:
            meeting = Meeting(
                title="Improvement Board",
                meeting_date=when,
                venue="Committee Room 1",
                status=MeetingStatus.HELD if when <= TODAY else MeetingStatus.PLANNED,
                created_at=desk.ctx.now(),
            )
            session.add(meeting)
            session.flush()
            items = [
                AgendaItem(meeting_id=meeting.id, position=i, title=title)
                for i, title in enumerate(AGENDA)
            ]
            session.add_all(items)
            session.flush()
            board.meetings.append(meeting.id)
            board.items[meeting.id] = [item.id for item in items]
    board.people = [desk.people.add(name).id for name in PEOPLE]
    return board


def add_action(
    desk: Desk,
    board: LogBoard,
    meeting: int,
    item: int | None,
    owner: int,
    due: date,
    text: str,
) -> int:
    meeting_id = board.meetings[meeting]
    item_id = board.items[meeting_id][item] if item is not None else None
    record = desk.action_log.add(
        meeting_id, item_id, LogActionDraft(text, board.people[owner], due)
    )
    board.actions[record.summary.reference] = record.summary.id
    return record.summary.id


def version(desk: Desk, action_id: int) -> int:
    return desk.log.action(action_id).summary.version


def build_log(desk: Desk, *, approve_first: bool = False) -> LogBoard:
    """24 actions A1–A24 over three held meetings, as the log stands on 31 March 2014.

    Closed: A3 and A5 (at 12 Feb), A12 (at 12 Mar). Complete: A4, A7, A19. In progress:
    A1, A2, A6, A8, A11, A14. A1 was revised twice and A2, A9 once; A1, A2, A6, A9, A11
    (and more) are overdue. `approve_first`: the 15 Jan minutes are then approved at the
    12 Feb meeting, which locks A1–A6 against deletion.
    """
    board = add_meetings(desk)
    for spec in ACTIONS:
        add_action(desk, board, *spec)
    log = desk.action_log
    a = board.actions
    feb, mar = board.meetings[1], board.meetings[2]
    for ref, status, at in (
        ("A3", LogStatus.CLOSED, feb), ("A5", LogStatus.CLOSED, feb),
        ("A12", LogStatus.CLOSED, mar), ("A4", LogStatus.COMPLETE, None),
        ("A7", LogStatus.COMPLETE, None), ("A19", LogStatus.COMPLETE, None),
        ("A1", LogStatus.IN_PROGRESS, None), ("A2", LogStatus.IN_PROGRESS, None),
        ("A6", LogStatus.IN_PROGRESS, None), ("A8", LogStatus.IN_PROGRESS, None),
        ("A11", LogStatus.IN_PROGRESS, None), ("A14", LogStatus.IN_PROGRESS, None),
    ):  # fmt: skip
        log.set_status(
            a[ref], status, closed_at_meeting_id=at, expected_version=version(desk, a[ref])
        )
    for ref, new_due, reason, at in (
        ("A1", date(2014, 3, 12), "Figures by team not ready until the March payroll", feb),
        ("A1", date(2014, 3, 26), "HR system migration delayed the March figures", mar),
        ("A2", date(2014, 3, 28), "Awaiting the outcome of the pay review", mar),
        ("A9", date(2014, 3, 24), "Police staffing confirmed only in principle", None),
    ):
        log.revise_due(
            a[ref], DueRevisionDraft(new_due, reason, at), expected_version=version(desk, a[ref])
        )
    for ref, when, text in (
        ("A1", date(2014, 2, 10), "Agency rates collected; vacancies by team still missing."),
        ("A1", date(2014, 3, 20), "HR extract requested again; expected next week."),
        ("A2", date(2014, 3, 3), "First draft shared with heads of service for comment."),
        ("A8", date(2014, 3, 18), "HR support the supplement in principle; costs being worked up."),
        ("A14", date(2014, 3, 28), "Twelve exit interviews analysed; themes being written up."),
    ):
        log.add_update(a[ref], LogUpdateDraft(when, text))
    if approve_first:
        approve(desk, board.meetings[0], at=board.meetings[1])
    return board


def approve(desk: Desk, meeting_id: int, *, at: int) -> None:
    """The minutes approved at a later meeting, in the one UPDATE the locks allow."""
    with desk.ctx.db.transaction() as session:
        session.execute(
            update(Meeting)
            .where(Meeting.id == meeting_id)
            .values(
                status=MeetingStatus.MINUTES_APPROVED,
                approved_at_meeting_id=at,
                approved_at_item_id=desk_item(desk, at, 1),
                version=Meeting.version + 1,
            )
        )


def desk_item(desk: Desk, meeting_id: int, index: int) -> int:
    with desk.ctx.db.reading() as session:
        meeting = session.get(Meeting, meeting_id)
        assert meeting is not None
        return meeting.items[index].id
