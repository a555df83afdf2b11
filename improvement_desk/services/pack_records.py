"""What a board pack is built from, gathered in one read so every section agrees.

`PackContent` is assembled by `services/pack_content.py` (the public pack's
filtering happens there, before anything reaches ReportLab, so no builder can
leak what it never receives) and printed by `reports/pack/`. It is frozen and
holds no session: the build runs off the UI thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.pack import PackSection
from improvement_desk.domain.scorecard import Rag
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_records import MeetingRecord
from improvement_desk.services.plan_records import PlanSnapshot
from improvement_desk.services.risk_records import RegisterSnapshot
from improvement_desk.services.scorecard_records import ScorecardSnapshot


@dataclass(frozen=True, slots=True)
class PackTemplate:
    sections: tuple[PackSection, ...]
    accent: str  # "#1F3A5F"
    logo: bytes | None
    version: int


@dataclass(frozen=True, slots=True)
class PackPaper:
    """A paper to merge, in agenda order; `content` is the PDF exactly as attached."""

    item_id: int
    item_number: str
    item_title: str
    paper_id: int
    title: str
    file_name: str
    content: bytes
    page_count: int
    marking: Marking


@dataclass(frozen=True, slots=True)
class Rerated:
    reference: str
    before: str  # "Amber", "12 Medium", "Red"
    after: str


@dataclass(frozen=True, slots=True)
class Redated:
    reference: str
    before: date
    after: date


@dataclass(frozen=True, slots=True)
class PackChanges:
    """What changed since the last issued pack (empty tuples when there was none)."""

    since: date | None  # the previous issued pack's meeting date
    new_actions: tuple[str, ...] = ()
    closed_actions: tuple[str, ...] = ()  # turned Blue
    rerated_actions: tuple[Rerated, ...] = ()
    redated_actions: tuple[Redated, ...] = ()
    new_risks: tuple[str, ...] = ()
    closed_risks: tuple[str, ...] = ()
    moved_risks: tuple[Rerated, ...] = ()  # before/after "12 Medium" → "16 High"
    new_log_actions: tuple[str, ...] = ()
    closed_log_actions: tuple[str, ...] = ()
    redated_log_actions: tuple[Redated, ...] = ()
    rag_changes: tuple[Rerated, ...] = ()  # indicators whose RAG changed

    @property
    def first(self) -> bool:
        return self.since is None


@dataclass(frozen=True, slots=True)
class Withheld:
    """One line of "what the public pack leaves out", shown before a public build."""

    what: str  # "Item 7: Multi-agency case review (exempt, paragraph 1)"
    reason: str


@dataclass(frozen=True, slots=True)
class PackContent:
    board_name: str
    meeting: MeetingRecord  # the meeting the pack is for (public: exempt items kept as records;
    # the builders print them as the exempt line and nothing else)
    previous: MeetingRecord | None  # whose minutes go in the pack
    public: bool
    marking: Marking  # the highest marking of what the pack holds
    as_at: date
    built_at: datetime
    template: PackTemplate
    open_log: tuple[LogActionSummary, ...]  # open, overdue first
    closed_log: tuple[LogActionSummary, ...]  # closed since the previous meeting
    plan: PlanSnapshot
    register: RegisterSnapshot
    scorecard: ScorecardSnapshot
    changes: PackChanges
    papers: tuple[PackPaper, ...]  # agenda order; public: exempt/sensitive already removed
    withheld: tuple[Withheld, ...] = field(default_factory=tuple)
    # What the pack presents, frozen (services/pack_snapshots.py, JSON); issuing stores it
    # so the next pack can say what changed. Never printed.
    snapshot: str = ""

    @property
    def brag_order(self) -> tuple[Brag, ...]:
        return (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE, Brag.NOT_STARTED)

    @property
    def rag_order(self) -> tuple[Rag, ...]:
        return (Rag.RED, Rag.AMBER, Rag.GREEN)


@dataclass(frozen=True, slots=True)
class IssuedPackSummary:
    """One issued pack as lists show it; the PDFs themselves are read on demand."""

    id: int
    meeting_id: int
    meeting_date: date
    meeting_title: str
    issued_at: datetime  # UTC
    issued_by: str
    full_pages: int
    full_sha256: str
    public_pages: int | None  # None: the meeting is OFFICIAL-SENSITIVE and has no public pack
    public_sha256: str | None

    @property
    def has_public(self) -> bool:
        return self.public_pages is not None
