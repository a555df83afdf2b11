"""Everything a board pack prints, gathered in one read transaction so every section agrees.

`PackContentReader(ctx).gather(meeting_id, public=...)` returns a frozen
`PackContent` (services/pack_records.py) that the builders in reports/pack/
print without asking the database anything more, off the UI thread.

The public pack is filtered HERE, before anything reaches ReportLab, so no
builder can leak what it never receives:
- an OFFICIAL-SENSITIVE item is dropped from the meeting (and from the
  previous meeting's minutes) with its papers, declarations, amendments and
  actions; a meeting marked OFFICIAL-SENSITIVE as a whole has no public pack,
  and the previous meeting's minutes are left out if that meeting is;
- an exempt item stays in `meeting.items` (the builders print its number, its
  title and the Schedule 12A reason) but arrives blanked: its title is the
  public title the board allowed, or "Exempt item", and it has no presenter,
  minute, decisions, papers, actions or amendments, whatever the builder does
  (its declarations stay: the public minutes record them);
- an OFFICIAL-SENSITIVE paper under an included item is dropped;
- the action log leaves out actions raised under exempt or OFFICIAL-SENSITIVE
  items, or at OFFICIAL-SENSITIVE meetings, of any date.
`Withheld` lines never name a title but an exempt item's public title, so they are
safe to print anywhere.

"What changed since the last board" compares a snapshot of what this pack
presents (services/pack_snapshots.py) with the snapshot stored with the last
pack issued for an earlier meeting; the public pack names only log actions it
shows. The sections, their order and the look come from the board's template
(services/pack_template.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import AgendaItem, BoardInfo, LogAction, Meeting, Paper, Person
from improvement_desk.db.models import Recommendation as RecommendationRow
from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.marking import Marking, exempt_reason, highest_marking
from improvement_desk.domain.meeting import EXEMPT_HEADING, public_heading
from improvement_desk.domain.plan import DEFAULT_THEMES
from improvement_desk.domain.risk import DEFAULT_CATEGORIES
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.log_reader import reference_key, summarise
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_reader import load_meeting, load_summaries
from improvement_desk.services.meeting_records import AgendaItemRecord, MeetingRecord
from improvement_desk.services.pack_issues import previous_snapshot
from improvement_desk.services.pack_records import PackContent, PackPaper, Withheld
from improvement_desk.services.pack_snapshots import (
    changes_between,
    encode,
    freeze,
    visible_changes,
)
from improvement_desk.services.pack_template import load_template
from improvement_desk.services.plan_reader import load_actions, recommendation_record
from improvement_desk.services.plan_records import PlanSnapshot
from improvement_desk.services.risk_reader import load_linkable_actions, load_risks
from improvement_desk.services.risk_records import RegisterSnapshot
from improvement_desk.services.risk_settings import load_settings
from improvement_desk.services.scorecard_reader import load_rows
from improvement_desk.services.scorecard_records import ScorecardSnapshot

SENSITIVE = Marking.OFFICIAL_SENSITIVE
SENSITIVE_REASON = "marked OFFICIAL-SENSITIVE: left out of the public pack"


class PackContentReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def gather(self, meeting_id: int, *, public: bool) -> PackContent:
        """The pack for `meeting_id`; NotFound if there is no such meeting, ValidationError
        for a public pack of a meeting marked OFFICIAL-SENSITIVE."""
        with self._ctx.db.reading() as session:
            return gather_pack(self._ctx, session, meeting_id, public=public)

    def preview_withheld(self, meeting_id: int) -> list[Withheld]:
        """What the public pack of `meeting_id` would leave out, for the clerk to see first."""
        with self._ctx.db.reading() as session:
            meeting = load_meeting(self._ctx, session, meeting_id)
            previous = previous_meeting(self._ctx, session, meeting)
        return withheld_lines(meeting, previous)


def gather_pack(
    ctx: ServiceContext, session: Session, meeting_id: int, *, public: bool
) -> PackContent:
    """Builds the pack's content inside the caller's session (one consistent read)."""
    meeting = load_meeting(ctx, session, meeting_id)
    previous = previous_meeting(ctx, session, meeting)
    hidden = _Hidden.load(session)
    open_log, closed_log, all_log = log_sections(ctx, session, meeting, previous)
    if public:
        if meeting.summary.marking is SENSITIVE:
            raise ValidationError.single(
                "Marking", "this meeting is marked OFFICIAL-SENSITIVE, so it has no public pack"
            )
        withheld = tuple(withheld_lines(meeting, previous))
        shown = public_meeting(meeting, hidden)
        shown_previous = (
            None
            if previous is None or previous.summary.marking is SENSITIVE
            else public_meeting(previous, hidden)
        )
        open_log = tuple(a for a in open_log if not hidden.hides(a))
        closed_log = tuple(a for a in closed_log if not hidden.hides(a))
    else:
        withheld, shown, shown_previous = (), meeting, previous
    papers = pack_papers(session, shown)
    marking = highest_marking(
        [
            *meeting_markings(shown),
            *(meeting_markings(shown_previous) if shown_previous else ()),
            *(p.marking for p in papers),
            *(hidden.marking_of(a) for a in (*open_log, *closed_log)),
        ]
    )
    if public and marking is not Marking.OFFICIAL:
        # Unreachable by the filters above; a pack is never made rather than leak.
        raise RuntimeError("the public pack would hold OFFICIAL-SENSITIVE content")
    info = session.scalar(select(BoardInfo))
    today = ctx.today()
    plan = plan_snapshot(session, today)
    register = register_snapshot(session, today)
    scorecard = ScorecardSnapshot(today, tuple(load_rows(ctx, session)))
    frozen = freeze(meeting.summary, plan, register, scorecard, all_log)
    changes = changes_between(previous_snapshot(session, meeting.summary.meeting_date), frozen)
    if public:
        changes = visible_changes(changes, {a.reference for a in all_log if not hidden.hides(a)})
    return PackContent(
        board_name=info.name if info else DEFAULT_BOARD_NAME,
        meeting=shown,
        previous=shown_previous,
        public=public,
        marking=marking,
        as_at=today,
        built_at=ctx.now(),
        template=load_template(session),
        open_log=open_log,
        closed_log=closed_log,
        plan=plan,
        register=register,
        scorecard=scorecard,
        changes=changes,
        papers=papers,
        withheld=withheld,
        snapshot="" if public else encode(frozen),
    )


def previous_meeting(
    ctx: ServiceContext, session: Session, meeting: MeetingRecord
) -> MeetingRecord | None:
    """The latest meeting dated before this one (a same-day meeting is not "previous")."""
    when = meeting.summary.meeting_date
    earlier = [s for s in load_summaries(session) if s.meeting_date < when]
    return load_meeting(ctx, session, earlier[-1].id) if earlier else None


# -- the action log ------------------------------------------------------------------------------


def log_sections(
    ctx: ServiceContext,
    session: Session,
    meeting: MeetingRecord,
    previous: MeetingRecord | None,
) -> tuple[
    tuple[LogActionSummary, ...], tuple[LogActionSummary, ...], tuple[LogActionSummary, ...]
]:
    """(open, closed since the previous meeting, all) among actions raised at earlier meetings.

    Open: not closed, overdue first, then by current due date, then reference.
    Closed: closed at a meeting, or on a date, after the previous meeting's date and up to
    this meeting's (every closure up to this meeting when there is no previous one).
    """
    when = meeting.summary.meeting_date
    since = previous.summary.meeting_date if previous else None
    actions = summarise(
        ctx,
        session,
        session.scalars(
            select(LogAction)
            .join(Meeting, Meeting.id == LogAction.meeting_id)
            .where(Meeting.meeting_date < when)
        ),
    )
    dates = {s.id: s.meeting_date for s in load_summaries(session)}

    def in_window(day: date | None) -> bool:
        return day is not None and (since is None or day > since) and day <= when

    open_log = sorted(
        (a for a in actions if a.status is not LogStatus.CLOSED),
        key=lambda a: (not a.overdue, a.current_due, reference_key(a.reference)),
    )
    closed_log = [
        a
        for a in actions
        if a.status is LogStatus.CLOSED
        and (
            in_window(a.closed_on)
            or (a.closed_at_meeting_id is not None and in_window(dates.get(a.closed_at_meeting_id)))
        )
    ]
    return tuple(open_log), tuple(closed_log), tuple(actions)


# -- publication -----------------------------------------------------------------------------


class _Hidden:
    """Which items and meetings, of any date, the public pack keeps quiet about."""

    def __init__(
        self, sensitive_items: set[int], exempt_items: set[int], meetings: set[int]
    ) -> None:
        self.sensitive_items = frozenset(sensitive_items)
        self.withheld_items = frozenset(sensitive_items | exempt_items)
        self.sensitive_meetings = frozenset(meetings)

    @classmethod
    def load(cls, session: Session) -> _Hidden:
        sensitive: set[int] = set()
        exempt: set[int] = set()
        rows = session.execute(
            select(AgendaItem.id, AgendaItem.marking, AgendaItem.exempt).where(
                or_(AgendaItem.exempt.is_(True), AgendaItem.marking == SENSITIVE)
            )
        )
        for item_id, marking, is_exempt in rows:
            if marking is SENSITIVE:
                sensitive.add(item_id)
            if is_exempt:
                exempt.add(item_id)
        meetings = set(session.scalars(select(Meeting.id).where(Meeting.marking == SENSITIVE)))
        return cls(sensitive, exempt, meetings)

    def hides(self, action: LogActionSummary) -> bool:
        return action.meeting_id in self.sensitive_meetings or action.item_id in self.withheld_items

    def marking_of(self, action: LogActionSummary) -> Marking:
        """An action carries the marking of the item, or the meeting, it arose under."""
        if action.meeting_id in self.sensitive_meetings or action.item_id in self.sensitive_items:
            return SENSITIVE
        return Marking.OFFICIAL


def withheld_lines(meeting: MeetingRecord, previous: MeetingRecord | None) -> list[Withheld]:
    """One line per exempt item, OFFICIAL-SENSITIVE item and OFFICIAL-SENSITIVE paper."""
    found: list[Withheld] = []
    if meeting.summary.marking is SENSITIVE:
        found.append(
            Withheld("The whole meeting", "marked OFFICIAL-SENSITIVE: it has no public pack")
        )
    if previous is not None and previous.summary.marking is SENSITIVE:
        when = f"{previous.summary.meeting_date:%d %b %Y}"
        found.append(Withheld(f"Minutes of the meeting on {when}", SENSITIVE_REASON))
    for item in meeting.items:
        if item.marking is SENSITIVE:
            found.append(Withheld(f"Item {item.number}: OFFICIAL-SENSITIVE item", SENSITIVE_REASON))
        elif item.exempt:
            what = f"Item {item.number}: {_exempt_what(item)}"
            found.append(Withheld(what, exempt_reason(_paragraph(item))))
        else:
            for place, paper in enumerate(item.papers, start=1):
                if paper.marking is SENSITIVE:
                    what = f"Item {item.number}, paper {place}: OFFICIAL-SENSITIVE paper"
                    found.append(Withheld(what, SENSITIVE_REASON))
    return found


def public_meeting(meeting: MeetingRecord, hidden: _Hidden) -> MeetingRecord:
    """The meeting as the public may see it (see the module's docstring)."""
    dropped = {i.id for i in meeting.items if i.marking is SENSITIVE}
    exempt = {i.id for i in meeting.items if i.exempt and i.id not in dropped}
    items = tuple(
        _public_item(i, hidden, exempt=i.id in exempt) for i in meeting.items if i.id not in dropped
    )
    return replace(
        meeting,
        items=items,
        declarations=tuple(d for d in meeting.declarations if d.item_id not in dropped),
        amendments=tuple(a for a in meeting.amendments if a.item_id not in dropped | exempt),
        matters_arising=tuple(a for a in meeting.matters_arising if not hidden.hides(a)),
    )


def _public_item(item: AgendaItemRecord, hidden: _Hidden, *, exempt: bool) -> AgendaItemRecord:
    if exempt:
        return replace(
            item,
            title=public_heading(item.public_title),
            presenter="",
            minute="",
            papers=(),
            decisions=(),
            actions=(),
        )
    return replace(
        item,
        papers=tuple(p for p in item.papers if p.marking is not SENSITIVE),
        actions=tuple(a for a in item.actions if not hidden.hides(a)),
    )


def _exempt_what(item: AgendaItemRecord) -> str:
    """ "Agency contract (exempt)" with the board's public title, else "Exempt item"."""
    return f"{item.public_title} (exempt)" if item.public_title else EXEMPT_HEADING


def _paragraph(item: AgendaItemRecord) -> int:
    # The agenda service requires a paragraph for an exempt item; 1 is the reports' fallback.
    return item.exempt_paragraph or 1


def meeting_markings(meeting: MeetingRecord) -> Iterable[Marking]:
    """The markings of the meeting, its items and their papers, as the pack holds them."""
    yield meeting.summary.marking
    for item in meeting.items:
        yield item.marking
        yield from (p.marking for p in item.papers)


def pack_papers(session: Session, meeting: MeetingRecord) -> tuple[PackPaper, ...]:
    """The papers of the (already filtered) meeting in agenda order, with their bytes;
    a withheld paper's bytes are never read."""
    wanted = [(item, paper) for item in meeting.items for paper in item.papers]
    ids = [paper.id for _, paper in wanted]
    query = select(Paper.id, Paper.content).where(Paper.id.in_(ids))
    content: dict[int, bytes] = dict(session.execute(query).all())
    return tuple(
        PackPaper(
            item_id=item.id,
            item_number=item.number,
            item_title=item.title,
            paper_id=paper.id,
            title=paper.title,
            file_name=paper.file_name,
            content=content[paper.id],
            page_count=paper.page_count,
            marking=paper.marking,
        )
        for item, paper in wanted
    )


# -- the plan and the register, as their readers build them, inside this read ---------------


def plan_snapshot(session: Session, today: date) -> PlanSnapshot:
    """Mirrors PlanReader.snapshot() (which opens its own read); keep the two in step."""
    actions = tuple(load_actions(session, today))
    counts: dict[int, int] = {}
    for action in actions:
        counts[action.recommendation_id] = counts.get(action.recommendation_id, 0) + 1
    recommendations = tuple(
        recommendation_record(r, counts.get(r.id, 0))
        for r in session.scalars(select(RecommendationRow).order_by(RecommendationRow.id))
    )
    people = tuple(session.scalars(select(Person.name).order_by(Person.name)))
    themes = sorted({r.theme for r in recommendations} | set(DEFAULT_THEMES), key=str.casefold)
    return PlanSnapshot(recommendations, actions, today, tuple(themes), people)


def register_snapshot(session: Session, today: date) -> RegisterSnapshot:
    """Mirrors RiskReader.register() (which opens its own read); keep the two in step."""
    settings = load_settings(session)
    risks = tuple(load_risks(session, today, settings.bands))
    people = tuple(session.scalars(select(Person.name).order_by(Person.name)))
    actions = tuple(load_linkable_actions(session, today))
    categories = sorted({r.category for r in risks} | set(DEFAULT_CATEGORIES), key=str.casefold)
    return RegisterSnapshot(
        risks, settings.bands, settings.version, today, tuple(categories), people, actions
    )
