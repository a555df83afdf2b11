"""Rules of the board's meetings: membership, the meeting's life, the agenda, attendance, quorum.

A meeting moves forward through its life (planned → papers issued → held →
minutes drafted → minutes approved) and may step back while its minutes are
still a draft; once approved as a correct record at a later meeting nothing
about it changes again (the database refuses, not only the screens), and a
correction becomes a dated amendment.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.marking import EXEMPT_PARAGRAPHS, Marking
from improvement_desk.domain.text_rules import LONG_TEXT, SHORT_TEXT, check_text

DEFAULT_QUORUM = 3
MAX_ITEM_MINUTES = 480
# An exempt item's title in public, unless the board allowed wording of its own.
EXEMPT_HEADING = "Exempt item"


class MemberKind(StrEnum):
    """Voting members count towards the quorum; advisers and officers do not."""

    VOTING = "voting"
    ADVISER = "adviser"
    OFFICER = "officer"

    @property
    def label(self) -> str:
        return _MEMBER_LABELS[self]

    @property
    def is_member(self) -> bool:
        """Members are listed as present or sending apologies; officers as in attendance."""
        return self is not MemberKind.OFFICER


_MEMBER_LABELS = {
    MemberKind.VOTING: "Voting member",
    MemberKind.ADVISER: "Adviser",
    MemberKind.OFFICER: "Officer in attendance",
}


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    PAPERS_ISSUED = "papers_issued"
    HELD = "held"
    MINUTES_DRAFTED = "minutes_drafted"
    MINUTES_APPROVED = "minutes_approved"

    @property
    def label(self) -> str:
        return _STATUS_LABELS[self]

    @property
    def step(self) -> int:
        return list(MeetingStatus).index(self)

    @property
    def is_locked(self) -> bool:
        """Approved minutes are the board's record: nothing in the meeting changes again."""
        return self is MeetingStatus.MINUTES_APPROVED

    @property
    def has_been_held(self) -> bool:
        return self.step >= MeetingStatus.HELD.step


_STATUS_LABELS = {
    MeetingStatus.PLANNED: "Planned",
    MeetingStatus.PAPERS_ISSUED: "Papers issued",
    MeetingStatus.HELD: "Held",
    MeetingStatus.MINUTES_DRAFTED: "Minutes drafted",
    MeetingStatus.MINUTES_APPROVED: "Minutes approved",
}


def status_change_problem(old: MeetingStatus, new: MeetingStatus) -> FieldProblem | None:
    """Approval happens only by a later meeting's decision, never by picking a status."""
    if old is new:
        return None
    if old.is_locked:
        return FieldProblem("Status", "the minutes are approved; the meeting cannot change")
    if new.is_locked:
        return FieldProblem(
            "Status", "minutes are approved by a later meeting's decision, not set by hand"
        )
    return None


class Purpose(StrEnum):
    DECISION = "decision"
    DISCUSSION = "discussion"
    INFORMATION = "information"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class StandingItem(StrEnum):
    """Items every agenda carries; the kind lets the app fill them (matters arising, reports)."""

    WELCOME = "welcome"
    DECLARATIONS = "declarations"
    PREVIOUS_MINUTES = "previous_minutes"
    ACTION_LOG = "action_log"
    PLAN_PROGRESS = "plan_progress"
    PERFORMANCE = "performance"
    RISK_REGISTER = "risk_register"
    ANY_OTHER_BUSINESS = "any_other_business"
    NEXT_MEETING = "next_meeting"


@dataclass(frozen=True, slots=True)
class StandingTemplate:
    kind: StandingItem
    title: str
    purpose: Purpose
    minutes_allowed: int


STANDING_AGENDA: tuple[StandingTemplate, ...] = (
    StandingTemplate(
        StandingItem.WELCOME, "Welcome, introductions and apologies", Purpose.INFORMATION, 5
    ),
    StandingTemplate(StandingItem.DECLARATIONS, "Declarations of interest", Purpose.INFORMATION, 5),
    StandingTemplate(
        StandingItem.PREVIOUS_MINUTES,
        "Minutes of the last meeting and matters arising",
        Purpose.DECISION,
        10,
    ),
    StandingTemplate(StandingItem.ACTION_LOG, "Action log", Purpose.DISCUSSION, 15),
    StandingTemplate(
        StandingItem.PLAN_PROGRESS, "Improvement plan progress", Purpose.DISCUSSION, 30
    ),
    StandingTemplate(StandingItem.PERFORMANCE, "Performance report", Purpose.DISCUSSION, 20),
    StandingTemplate(StandingItem.RISK_REGISTER, "Risk register", Purpose.DISCUSSION, 15),
    StandingTemplate(StandingItem.ANY_OTHER_BUSINESS, "Any other business", Purpose.INFORMATION, 5),
    StandingTemplate(StandingItem.NEXT_MEETING, "Date of next meeting", Purpose.INFORMATION, 5),
)

# Own items go before these, so "any other business" and "date of next meeting" stay last.
CLOSING_ITEMS = (StandingItem.ANY_OTHER_BUSINESS, StandingItem.NEXT_MEETING)


class AttendanceStatus(StrEnum):
    PRESENT = "present"
    APOLOGIES = "apologies"
    ABSENT = "absent"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def is_quorate(voting_present: int, quorum: int) -> bool:
    """A substitute sent with apologies does not count: the quorum is of members."""
    return voting_present >= quorum


def quorum_problem(quorum: int, voting_members: int | None = None) -> FieldProblem | None:
    if quorum < 1:
        return FieldProblem("Quorum", "must be at least 1")
    if quorum > 50:
        return FieldProblem("Quorum", f"{quorum} is more members than a board has")
    if voting_members is not None and voting_members and quorum > voting_members:
        return FieldProblem(
            "Quorum", f"is {quorum} but the board has only {voting_members} voting members"
        )
    return None


@dataclass(frozen=True, slots=True)
class MeetingDraft:
    meeting_date: date
    start_time: time | None
    venue: str
    title: str = "Improvement Board"
    marking: Marking = Marking.OFFICIAL


def validate_meeting(draft: MeetingDraft) -> list[FieldProblem]:
    found = [
        check_text("Title", draft.title, max_length=SHORT_TEXT, single_line=True),
        check_text("Venue", draft.venue, max_length=SHORT_TEXT, single_line=True, required=False),
    ]
    if not 2000 <= draft.meeting_date.year <= 2100:
        found.append(FieldProblem("Date", f"{draft.meeting_date:%d %b %Y} is not a plausible date"))
    return [p for p in found if p]


@dataclass(frozen=True, slots=True)
class AgendaItemDraft:
    title: str
    presenter: str = ""
    purpose: Purpose = Purpose.DISCUSSION
    minutes_allowed: int | None = None
    marking: Marking = Marking.OFFICIAL
    exempt: bool = False
    exempt_paragraph: int | None = None
    publish_from: date | None = None
    standing: StandingItem | None = None
    # What the public pack and minutes may print for an exempt item ("" = `EXEMPT_HEADING`).
    public_title: str = ""


def validate_agenda_item(draft: AgendaItemDraft) -> list[FieldProblem]:
    found = [
        check_text("Title", draft.title, max_length=SHORT_TEXT, single_line=True),
        check_text(
            "Presenter", draft.presenter, max_length=SHORT_TEXT, single_line=True, required=False
        ),
    ]
    if draft.minutes_allowed is not None and not 0 < draft.minutes_allowed <= MAX_ITEM_MINUTES:
        found.append(
            FieldProblem("Time allowed", f"must be between 1 and {MAX_ITEM_MINUTES} minutes")
        )
    if draft.exempt and draft.exempt_paragraph not in EXEMPT_PARAGRAPHS:
        found.append(
            FieldProblem(
                "Exempt paragraph", "an exempt item needs its Schedule 12A paragraph (1–7)"
            )
        )
    if not draft.exempt and draft.exempt_paragraph is not None:
        found.append(FieldProblem("Exempt paragraph", "is given but the item is not exempt"))
    if draft.publish_from is not None and not draft.exempt:
        found.append(FieldProblem("Publish from", "only an exempt item has a publish-from date"))
    found.append(
        check_text(
            "Public title",
            draft.public_title,
            max_length=SHORT_TEXT,
            single_line=True,
            required=False,
        )
    )
    if draft.public_title and not draft.exempt:
        found.append(FieldProblem("Public title", "only an exempt item has a public title"))
    return [p for p in found if p]


def public_heading(public_title: str) -> str:
    """What the public pack and minutes print as an exempt item's title: the wording the
    board allowed, or `EXEMPT_HEADING` when it allowed none."""
    return public_title or EXEMPT_HEADING


def item_numbers(count: int) -> list[str]:
    """Agenda items are numbered in order from 1; the number is the position, never typed."""
    return [str(n) for n in range(1, count + 1)]


def check_minute_text(field: str, text: str, *, required: bool = False) -> FieldProblem | None:
    return check_text(field, text, max_length=LONG_TEXT, required=required)
