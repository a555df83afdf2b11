"""Reading meetings: the list, and one meeting with everything its screens and minutes show.

Item numbers, start times, attendance lines and the quorum are worked out here,
once, so the agenda editor, the meeting screen and the printed minutes agree.
The module-level functions build the same records inside a writer's
transaction, so a service returns exactly what a fresh read would.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from improvement_desk.db.models import (
    AgendaItem,
    Attendance,
    BoardMember,
    Decision,
    Declaration,
    LogAction,
    Meeting,
    MeetingSettings,
    MinutesAmendment,
    Paper,
    Person,
)
from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.errors import NotFound
from improvement_desk.domain.meeting import (
    DEFAULT_QUORUM,
    AttendanceStatus,
    MemberKind,
    item_numbers,
)
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.log_reader import actions_by_item, matters_arising_in
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    AmendmentRecord,
    AttendanceRecord,
    DecisionRecord,
    DeclarationRecord,
    MeetingRecord,
    MeetingSummary,
    PaperRecord,
)


class MeetingReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def meetings(self) -> list[MeetingSummary]:
        """Every meeting, oldest first."""
        with self._ctx.db.reading() as session:
            return load_summaries(session)

    def meeting(self, meeting_id: int) -> MeetingRecord:
        with self._ctx.db.reading() as session:
            return load_meeting(self._ctx, session, meeting_id)

    def latest_id(self, *, held_only: bool = False) -> int | None:
        """The meeting "latest" means to the CLI: the most recent one on or before today,
        or else the last one planned. `held_only` looks only at meetings that have been held."""
        today = self._ctx.today()
        with self._ctx.db.reading() as session:
            summaries = load_summaries(session)
        if held_only:
            summaries = [s for s in summaries if s.status.has_been_held]
        if not summaries:
            return None
        past = [s for s in summaries if s.meeting_date <= today]
        return (past or summaries)[-1].id


# -- building records inside any session ----------------------------------------------------


def paper_record(p: Paper) -> PaperRecord:
    return PaperRecord(
        p.id,
        p.agenda_item_id,
        p.position,
        p.title,
        p.file_name,
        p.size,
        p.page_count,
        p.marking,
        p.sha256,
        p.added_at,
        p.version,
    )


def decision_record(d: Decision) -> DecisionRecord:
    return DecisionRecord(d.id, d.agenda_item_id, d.position, d.text, d.version)


def load_summaries(session: Session, *, only: int | None = None) -> list[MeetingSummary]:
    """Meetings oldest first (by date, then the order they were made)."""
    query = select(Meeting).order_by(Meeting.meeting_date, Meeting.id)
    meetings = list(session.scalars(query))
    items = dict(
        session.execute(
            select(AgendaItem.meeting_id, func.count()).group_by(AgendaItem.meeting_id)
        ).all()
    )
    open_actions = dict(
        session.execute(
            select(LogAction.meeting_id, func.count())
            .where(LogAction.status != LogStatus.CLOSED)
            .group_by(LogAction.meeting_id)
        ).all()
    )
    dates = {m.id: m.meeting_date for m in meetings}
    return [
        MeetingSummary(
            m.id,
            m.title,
            m.meeting_date,
            m.start_time,
            m.venue,
            m.status,
            m.marking,
            items.get(m.id, 0),
            open_actions.get(m.id, 0),
            m.approved_at_meeting_id,
            dates.get(m.approved_at_meeting_id) if m.approved_at_meeting_id else None,
            m.version,
        )
        for m in meetings
        if only is None or m.id == only
    ]


def load_summary(session: Session, meeting_id: int) -> MeetingSummary:
    found = load_summaries(session, only=meeting_id)
    if not found:
        raise NotFound("Meeting", meeting_id)
    return found[0]


def quorum_of(session: Session) -> int:
    settings = session.get(MeetingSettings, 1)
    return settings.quorum if settings else DEFAULT_QUORUM


def load_meeting(ctx: ServiceContext, session: Session, meeting_id: int) -> MeetingRecord:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound("Meeting", meeting_id)
    summaries = load_summaries(session)
    index = next(i for i, s in enumerate(summaries) if s.id == meeting_id)
    items = list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )
    numbers = dict(zip((i.id for i in items), item_numbers(len(items)), strict=True))
    declarations = load_declarations(session, meeting_id, numbers)
    attendance = attendance_lines(session, meeting)
    records = _item_records(ctx, session, meeting, items, numbers, declarations)
    return MeetingRecord(
        summary=summaries[index],
        items=records,
        attendance=attendance,
        quorum=quorum_of(session),
        voting_present=sum(
            1
            for a in attendance
            if a.kind is MemberKind.VOTING and a.status is AttendanceStatus.PRESENT
        ),
        declarations=declarations,
        amendments=load_amendments(session, meeting_id, numbers),
        matters_arising=tuple(matters_arising_in(ctx, session, meeting)),
        previous=summaries[index - 1] if index > 0 else None,
        next=summaries[index + 1] if index + 1 < len(summaries) else None,
    )


def load_item(ctx: ServiceContext, session: Session, item_id: int) -> AgendaItemRecord:
    """One item as its meeting shows it (its number and start time depend on the others)."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFound("Agenda item", item_id)
    record = load_meeting(ctx, session, item.meeting_id)
    return next(i for i in record.items if i.id == item_id)


def _item_records(
    ctx: ServiceContext,
    session: Session,
    meeting: Meeting,
    items: list[AgendaItem],
    numbers: dict[int, str],
    declarations: tuple[DeclarationRecord, ...],
) -> tuple[AgendaItemRecord, ...]:
    ids = [i.id for i in items]
    papers: dict[int, list[PaperRecord]] = defaultdict(list)
    for p in session.scalars(
        select(Paper)
        .options(defer(Paper.content))
        .where(Paper.agenda_item_id.in_(ids))
        .order_by(Paper.position, Paper.id)
    ):
        papers[p.agenda_item_id].append(paper_record(p))
    decisions: dict[int, list[DecisionRecord]] = defaultdict(list)
    for d in session.scalars(
        select(Decision)
        .where(Decision.agenda_item_id.in_(ids))
        .order_by(Decision.position, Decision.id)
    ):
        decisions[d.agenda_item_id].append(decision_record(d))
    actions = actions_by_item(ctx, session, meeting.id)
    starts = start_times(meeting, items)
    return tuple(
        AgendaItemRecord(
            id=i.id,
            meeting_id=i.meeting_id,
            number=numbers[i.id],
            position=i.position,
            title=i.title,
            presenter=i.presenter,
            purpose=i.purpose,
            minutes_allowed=i.minutes_allowed,
            starts_at=starts[i.id],
            standing=i.standing,
            marking=i.marking,
            exempt=i.exempt,
            exempt_paragraph=i.exempt_paragraph,
            publish_from=i.publish_from,
            public_title=i.public_title,
            minute=i.minute,
            papers=tuple(papers[i.id]),
            decisions=tuple(decisions[i.id]),
            declarations=tuple(d for d in declarations if d.item_id == i.id),
            actions=tuple(actions.get(i.id, ())),
            version=i.version,
        )
        for i in items
    )


def start_times(meeting: Meeting, items: list[AgendaItem]) -> dict[int, time | None]:
    """Each item starts when the time allowed for the items before it has run out."""
    if meeting.start_time is None:
        return {i.id: None for i in items}
    at = datetime.combine(meeting.meeting_date, meeting.start_time)
    found: dict[int, time | None] = {}
    for item in items:
        found[item.id] = at.time()
        at += timedelta(minutes=item.minutes_allowed or 0)
    return found


def load_declarations(
    session: Session, meeting_id: int, numbers: dict[int, str]
) -> tuple[DeclarationRecord, ...]:
    rows = session.execute(
        select(Declaration, Person.name)
        .join(Person, Person.id == Declaration.person_id)
        .where(Declaration.meeting_id == meeting_id)
        .order_by(Declaration.id)
    )
    found = [declaration_record(d, name, numbers) for d, name in rows]
    # Meeting-wide declarations first, then by item number, each in the order made.
    found.sort(key=lambda d: (int(d.item_number) if d.item_number else 0, d.id))
    return tuple(found)


def declaration_record(d: Declaration, name: str, numbers: dict[int, str]) -> DeclarationRecord:
    number = numbers.get(d.agenda_item_id, "") if d.agenda_item_id is not None else ""
    return DeclarationRecord(d.id, d.agenda_item_id, number, d.person_id, name, d.nature, d.version)


def load_amendments(
    session: Session, meeting_id: int, numbers: dict[int, str]
) -> tuple[AmendmentRecord, ...]:
    rows = session.scalars(
        select(MinutesAmendment)
        .where(MinutesAmendment.meeting_id == meeting_id)
        .order_by(MinutesAmendment.amended_on, MinutesAmendment.id)
    )
    return tuple(amendment_record(a, numbers) for a in rows)


def amendment_record(a: MinutesAmendment, numbers: dict[int, str]) -> AmendmentRecord:
    number = numbers.get(a.agenda_item_id, "") if a.agenda_item_id is not None else ""
    return AmendmentRecord(
        a.id,
        a.meeting_id,
        a.agenda_item_id,
        number,
        a.amended_on,
        a.text,
        a.agreed_at_meeting_id,
        a.recorded_by,
    )


def attendance_lines(session: Session, meeting: Meeting) -> tuple[AttendanceRecord, ...]:
    """Everyone recorded at the meeting, and (until the minutes are approved) every active
    member and officer not yet ticked, in the board's order."""
    members = {
        m.person_id: m
        for m in session.scalars(select(BoardMember).order_by(BoardMember.position, BoardMember.id))
    }
    recorded = {
        a.person_id: a
        for a in session.scalars(select(Attendance).where(Attendance.meeting_id == meeting.id))
    }
    wanted = [
        pid
        for pid, m in members.items()
        if pid in recorded or (m.active and not meeting.status.is_locked)
    ]
    wanted += sorted(set(recorded) - set(members))
    people = {p.id: p for p in session.scalars(select(Person).where(Person.id.in_(wanted)))}
    lines = []
    for pid in wanted:
        person, member, row = people[pid], members.get(pid), recorded.get(pid)
        lines.append(_attendance_record(person, member, row))
    # Members before others not on the board; names decide among those.
    order = {pid: n for n, pid in enumerate(members)}
    lines.sort(key=lambda a: (order.get(a.person_id, len(order)), a.name.casefold()))
    return tuple(lines)


def attendance_record(session: Session, meeting_id: int, person_id: int) -> AttendanceRecord:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound("Person", person_id)
    member = session.scalar(select(BoardMember).where(BoardMember.person_id == person_id))
    row = session.scalar(
        select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.person_id == person_id
        )
    )
    return _attendance_record(person, member, row)


def _attendance_record(
    person: Person, member: BoardMember | None, row: Attendance | None
) -> AttendanceRecord:
    # A recorded line keeps the seat held that day, whatever the membership is now.
    default = member.kind if member else MemberKind.OFFICER
    kind = row.kind if row is not None else default
    return AttendanceRecord(
        person_id=person.id,
        name=person.name,
        organisation=person.organisation,
        board_role=member.board_role if member else "",
        kind=kind,
        status=row.status if row else None,
        substitute=row.substitute if row else "",
        version=row.version if row else 0,
    )
