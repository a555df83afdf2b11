"""Typed results of the meeting services: frozen values, safe to hand to any thread or view.

Item numbers, start times, quorum and lock state are worked out once by the
reader, so the agenda, the meeting screen and the printed minutes agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import (
    AttendanceStatus,
    MeetingStatus,
    MemberKind,
    Purpose,
    StandingItem,
)
from improvement_desk.services.log_records import LogActionSummary


@dataclass(frozen=True, slots=True)
class MemberRecord:
    id: int
    person_id: int
    name: str
    job_role: str  # the person's own role ("Director of Children's Services")
    organisation: str
    kind: MemberKind
    board_role: str  # the seat on the board ("Independent Chair"), may be ""
    active: bool
    position: int
    version: int


@dataclass(frozen=True, slots=True)
class MeetingSettingsRecord:
    quorum: int
    default_venue: str
    default_start: time | None
    version: int


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    id: int
    title: str
    meeting_date: date
    start_time: time | None
    venue: str
    status: MeetingStatus
    marking: Marking
    item_count: int
    open_actions: int  # log actions raised at this meeting and not closed
    approved_at_meeting_id: int | None
    approved_at_date: date | None
    version: int

    @property
    def label(self) -> str:
        """ "Improvement Board, 12 Mar 2014": how lists and links name a meeting."""
        return f"{self.title}, {self.meeting_date:%d %b %Y}"

    @property
    def locked(self) -> bool:
        return self.status.is_locked


@dataclass(frozen=True, slots=True)
class PaperRecord:
    id: int
    item_id: int
    position: int
    title: str
    file_name: str
    size: int
    page_count: int
    marking: Marking
    sha256: str
    added_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class DecisionRecord:
    id: int
    item_id: int
    position: int
    text: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class DeclarationRecord:
    id: int
    item_id: int | None
    item_number: str  # "" when the declaration is for the meeting as a whole
    person_id: int
    person_name: str
    nature: str
    version: int = 1


@dataclass(frozen=True, slots=True)
class AttendanceRecord:
    """One line of the attendance list: every active member and officer has one, ticked or not."""

    person_id: int
    name: str
    organisation: str
    board_role: str
    kind: MemberKind
    status: AttendanceStatus | None  # None: not yet recorded
    substitute: str
    # The line's row version; 0 while nothing is recorded (no row), so a save from a screen
    # that showed "not recorded" is refused if a colleague has recorded the line since.
    version: int = 0


@dataclass(frozen=True, slots=True)
class AgendaItemRecord:
    id: int
    meeting_id: int
    number: str  # "1", "2", … by position
    position: int
    title: str
    presenter: str
    purpose: Purpose
    minutes_allowed: int | None
    starts_at: time | None  # the meeting's start plus the time allowed for earlier items
    standing: StandingItem | None
    marking: Marking
    exempt: bool
    exempt_paragraph: int | None
    publish_from: date | None
    public_title: str  # printed for an exempt item in public ("" = "Exempt item")
    minute: str
    papers: tuple[PaperRecord, ...]
    decisions: tuple[DecisionRecord, ...]
    declarations: tuple[DeclarationRecord, ...]
    actions: tuple[LogActionSummary, ...]  # actions arising under this item
    version: int


@dataclass(frozen=True, slots=True)
class AmendmentRecord:
    id: int
    meeting_id: int
    item_id: int | None
    item_number: str
    amended_on: date
    text: str
    agreed_at_meeting_id: int | None
    recorded_by: str


@dataclass(frozen=True, slots=True)
class MeetingRecord:
    """A meeting with everything the meeting screen, the minutes and the pack show."""

    summary: MeetingSummary
    items: tuple[AgendaItemRecord, ...]
    attendance: tuple[AttendanceRecord, ...]
    quorum: int
    voting_present: int
    declarations: tuple[DeclarationRecord, ...]  # all of them, item or not
    amendments: tuple[AmendmentRecord, ...]
    # Open actions from earlier meetings, shown under this meeting's action-log item.
    matters_arising: tuple[LogActionSummary, ...]
    previous: MeetingSummary | None
    next: MeetingSummary | None

    @property
    def id(self) -> int:
        return self.summary.id

    @property
    def quorate(self) -> bool:
        return self.voting_present >= self.quorum

    @property
    def locked(self) -> bool:
        return self.summary.locked


@dataclass(frozen=True, slots=True)
class AgendaItemSnapshot:
    """An agenda item with its papers (content included), decisions and declarations: undo."""

    meeting_id: int
    item_id: int
    position: int
    values: dict[str, object]
    papers: tuple[dict[str, object], ...]
    decisions: tuple[dict[str, object], ...]
    declarations: tuple[dict[str, object], ...]


@dataclass(frozen=True, slots=True)
class MeetingSnapshot:
    """A deleted meeting and all it held, so undo can put it back with the same ids."""

    meeting_id: int
    values: dict[str, object]
    items: tuple[AgendaItemSnapshot, ...]
    attendance: tuple[dict[str, object], ...]
    # Declarations made for the meeting as a whole (an item's own travel with the item).
    declarations: tuple[dict[str, object], ...] = ()
