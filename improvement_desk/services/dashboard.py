"""The home dashboard: what needs the secretariat's attention today, read in one session.

Every figure is worked out here from the same derived records the module pages
show (the plan's overdue days, the log's overdue flag, the register's review
state and appetite, the scorecard's latest RAG), so a figure and the filtered
list it opens always agree. Nothing here is stored: the dashboard is re-read.

What the data cannot say is not guessed. Agenda items have no "expects a paper"
flag, so "without a paper" counts the items that are not standing items (the
standing ones are filled by the app or need no paper). A draft pack built to a
file is not recorded anywhere, so a pack is either issued (recorded) or not.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import AgendaItem, LogAction, Paper
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.domain.risk import ReviewState
from improvement_desk.domain.scorecard import Rag
from improvement_desk.services.board_settings import load_board_settings
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.log_reader import summarise
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_reader import load_summaries
from improvement_desk.services.pack_issues import issued_summaries
from improvement_desk.services.plan_reader import load_actions
from improvement_desk.services.plan_records import ActionRecord
from improvement_desk.services.risk_reader import load_risks
from improvement_desk.services.risk_settings import load_settings
from improvement_desk.services.scorecard_reader import load_rows

DUE_SOON_DAYS = 14
DUE_SOON_KEY = "plan.due_soon_days"
# The order the BRAG summary reads in: worst first, then done, then not begun.
BRAG_ORDER = (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE, Brag.NOT_STARTED)
_UPCOMING = (MeetingStatus.PLANNED, MeetingStatus.PAPERS_ISSUED)


@dataclass(frozen=True, slots=True)
class OwnerDue:
    """One owner's overdue and due-soon actions. `owner_id` is the log's person id (the
    log filters by id); the plan filters by the lead officer's name, so it is None there."""

    owner: str
    owner_id: int | None
    overdue: int
    due_soon: int


@dataclass(frozen=True, slots=True)
class DueActions:
    """Overdue and due-soon actions of one module, by owner (most overdue first)."""

    owners: tuple[OwnerDue, ...]
    due_by: date  # due soon: on or after today and on or before this date

    @property
    def overdue(self) -> int:
        return sum(o.overdue for o in self.owners)

    @property
    def due_soon(self) -> int:
        return sum(o.due_soon for o in self.owners)


@dataclass(frozen=True, slots=True)
class ItemWithoutPaper:
    id: int
    number: str  # "6", the item's rank on the agenda
    title: str

    @property
    def label(self) -> str:
        return f"{self.number} {self.title}"


@dataclass(frozen=True, slots=True)
class NextMeeting:
    id: int
    title: str
    meeting_date: date
    status: MeetingStatus
    item_count: int
    paper_count: int
    items_without_paper: tuple[ItemWithoutPaper, ...]  # non-standing items, in agenda order
    issued_at: datetime | None  # UTC; None: no pack issued for this meeting
    issued_by: str

    @property
    def issued(self) -> bool:
        return self.issued_at is not None


@dataclass(frozen=True, slots=True)
class ThemeBrag:
    theme: str
    counts: tuple[tuple[Brag, int], ...]  # in BRAG_ORDER, every status (zeros included)

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)

    def count(self, status: Brag) -> int:
        return dict(self.counts).get(status, 0)


@dataclass(frozen=True, slots=True)
class Dashboard:
    today: date
    next_meeting: NextMeeting | None
    plan: DueActions
    log: DueActions
    live_risks: int
    risks_review_due: int  # live risks whose review is due or overdue
    risks_above_appetite: int
    active_indicators: int
    red_indicators: tuple[str, ...]  # names of active indicators red in their latest period
    themes: tuple[ThemeBrag, ...]  # themes that have actions, alphabetical

    @property
    def brag_totals(self) -> tuple[tuple[Brag, int], ...]:
        return tuple((s, sum(t.count(s) for t in self.themes)) for s in BRAG_ORDER)


def due_soon_days(session: Session) -> int:
    """The board's "due soon" window (Settings ▸ Plan), DUE_SOON_DAYS until it is changed."""
    value = load_board_settings(session)[DUE_SOON_KEY]
    return value if isinstance(value, int) else DUE_SOON_DAYS


class DashboardReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def read(self) -> Dashboard:
        today = self._ctx.today()
        with self._ctx.db.reading() as session:
            due_by = today + timedelta(days=due_soon_days(session))
            actions = load_actions(session, today)
            log = summarise(self._ctx, session, session.scalars(select(LogAction)))
            risks = load_risks(session, today, load_settings(session).bands)
            rows = load_rows(self._ctx, session, 1, active_only=True)
            meeting = _next_meeting(session, today)
        live = [r for r in risks if r.status.is_live]
        return Dashboard(
            today=today,
            next_meeting=meeting,
            plan=_plan_due(actions, today, due_by),
            log=_log_due(log, today, due_by),
            live_risks=len(live),
            risks_review_due=sum(r.review_state is not ReviewState.NOT_DUE for r in live),
            risks_above_appetite=sum(r.above_appetite for r in live),
            active_indicators=len(rows),
            red_indicators=tuple(r.indicator.name for r in rows if r.rag is Rag.RED),
            themes=_themes(actions),
        )


def plan_due_soon(action: ActionRecord, today: date, due_by: date) -> bool:
    """Not closed (Blue), not yet overdue, and due by `due_by`: the plan's "due soon"."""
    return action.status is not Brag.BLUE and today <= action.target_date <= due_by


def log_due_soon(action: LogActionSummary, today: date, due_by: date) -> bool:
    """Open or in progress (a complete action awaits the board, not its owner), due soon."""
    return action.status.is_open and today <= action.current_due <= due_by


def _owners(rows: Iterable[tuple[str, int | None, bool, bool]]) -> tuple[OwnerDue, ...]:
    overdue: dict[tuple[str, int | None], int] = defaultdict(int)
    soon: dict[tuple[str, int | None], int] = defaultdict(int)
    for owner, owner_id, is_overdue, is_soon in rows:
        if is_overdue:
            overdue[owner, owner_id] += 1
        if is_soon:
            soon[owner, owner_id] += 1
    keys = sorted(set(overdue) | set(soon), key=lambda k: (-overdue[k], -soon[k], k[0].casefold()))
    return tuple(OwnerDue(name, oid, overdue[name, oid], soon[name, oid]) for name, oid in keys)


def _plan_due(actions: list[ActionRecord], today: date, due_by: date) -> DueActions:
    rows = ((a.lead_officer, None, a.overdue, plan_due_soon(a, today, due_by)) for a in actions)
    return DueActions(_owners(rows), due_by)


def _log_due(log: list[LogActionSummary], today: date, due_by: date) -> DueActions:
    rows = ((a.owner_name, a.owner_id, a.overdue, log_due_soon(a, today, due_by)) for a in log)
    return DueActions(_owners(rows), due_by)


def _themes(actions: list[ActionRecord]) -> tuple[ThemeBrag, ...]:
    counts: dict[str, dict[Brag, int]] = defaultdict(lambda: dict.fromkeys(BRAG_ORDER, 0))
    for action in actions:
        counts[action.theme][action.status] += 1
    return tuple(
        ThemeBrag(theme, tuple((s, counts[theme][s]) for s in BRAG_ORDER))
        for theme in sorted(counts, key=str.casefold)
    )


def _next_meeting(session: Session, today: date) -> NextMeeting | None:
    """The earliest meeting on or after today that has not yet been held."""
    upcoming = [
        m for m in load_summaries(session) if m.meeting_date >= today and m.status in _UPCOMING
    ]
    if not upcoming:
        return None
    meeting = upcoming[0]
    items = session.execute(
        select(AgendaItem.id, AgendaItem.title, AgendaItem.standing)
        .where(AgendaItem.meeting_id == meeting.id)
        .order_by(AgendaItem.position, AgendaItem.id)
    ).all()
    papers = dict(
        session.execute(
            select(Paper.agenda_item_id, func.count(Paper.id))
            .where(Paper.agenda_item_id.in_([i.id for i in items]))
            .group_by(Paper.agenda_item_id)
        ).all()
    )
    missing = tuple(
        ItemWithoutPaper(item_id, str(number), title)
        for number, (item_id, title, standing) in enumerate(items, start=1)
        if standing is None and not papers.get(item_id)
    )
    issues = issued_summaries(session, meeting.id)  # newest first
    latest = issues[0] if issues else None
    return NextMeeting(
        id=meeting.id,
        title=meeting.title,
        meeting_date=meeting.meeting_date,
        status=meeting.status,
        item_count=len(items),
        paper_count=sum(papers.values()),
        items_without_paper=missing,
        issued_at=latest.issued_at if latest else None,
        issued_by=latest.issued_by if latest else "",
    )
