"""Rules of meetings without a database: quorum, the meeting's life, agenda items, markings."""

from __future__ import annotations

from datetime import date, time

import pytest

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.marking import (
    EXEMPT_PARAGRAPHS,
    Marking,
    exempt_reason,
    highest_marking,
)
from improvement_desk.domain.meeting import (
    CLOSING_ITEMS,
    EXEMPT_HEADING,
    STANDING_AGENDA,
    AgendaItemDraft,
    AttendanceStatus,
    MeetingDraft,
    MeetingStatus,
    MemberKind,
    StandingItem,
    check_minute_text,
    is_quorate,
    item_numbers,
    public_heading,
    quorum_problem,
    status_change_problem,
    validate_agenda_item,
    validate_meeting,
)
from improvement_desk.domain.text_rules import LONG_TEXT, SHORT_TEXT


def fields(problems: list[FieldProblem]) -> set[str]:
    return {p.field for p in problems}


# -- quorum ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("present", "quorum", "quorate"), [(3, 3, True), (4, 3, True), (2, 3, False), (0, 1, False)]
)
def test_quorate_when_enough_voting_members_are_present(
    present: int, quorum: int, quorate: bool
) -> None:
    assert is_quorate(present, quorum) is quorate


@pytest.mark.parametrize("quorum", [0, -1, 51])
def test_quorum_out_of_range_is_refused(quorum: int) -> None:
    problem = quorum_problem(quorum)
    assert problem is not None
    assert problem.field == "Quorum"


def test_quorum_cannot_exceed_the_voting_members() -> None:
    assert quorum_problem(3, 5) is None
    assert quorum_problem(5, 5) is None
    problem = quorum_problem(6, 5)
    assert problem is not None
    assert "only 5 voting members" in problem.message
    # A board with no members yet may set any plausible quorum.
    assert quorum_problem(6, 0) is None
    assert quorum_problem(6) is None


def test_member_kinds() -> None:
    assert MemberKind.VOTING.is_member
    assert MemberKind.ADVISER.is_member
    assert not MemberKind.OFFICER.is_member
    assert MemberKind.OFFICER.label == "Officer in attendance"
    assert AttendanceStatus.APOLOGIES.label == "Apologies"


# -- the meeting's life -----------------------------------------------------------------------


def test_statuses_run_in_order() -> None:
    assert [s.step for s in MeetingStatus] == [0, 1, 2, 3, 4]
    assert not MeetingStatus.PAPERS_ISSUED.has_been_held
    assert MeetingStatus.HELD.has_been_held
    assert MeetingStatus.MINUTES_APPROVED.has_been_held
    assert [s for s in MeetingStatus if s.is_locked] == [MeetingStatus.MINUTES_APPROVED]
    assert MeetingStatus.MINUTES_DRAFTED.label == "Minutes drafted"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (MeetingStatus.PLANNED, MeetingStatus.PAPERS_ISSUED),
        (MeetingStatus.PLANNED, MeetingStatus.HELD),
        (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED),
        (MeetingStatus.MINUTES_DRAFTED, MeetingStatus.HELD),  # step back while a draft
        (MeetingStatus.HELD, MeetingStatus.PLANNED),
        (MeetingStatus.HELD, MeetingStatus.HELD),
        (MeetingStatus.MINUTES_APPROVED, MeetingStatus.MINUTES_APPROVED),
    ],
)
def test_allowed_status_changes(old: MeetingStatus, new: MeetingStatus) -> None:
    assert status_change_problem(old, new) is None


@pytest.mark.parametrize("old", [s for s in MeetingStatus if not s.is_locked])
def test_approval_is_never_picked_by_hand(old: MeetingStatus) -> None:
    problem = status_change_problem(old, MeetingStatus.MINUTES_APPROVED)
    assert problem is not None
    assert problem.field == "Status"
    assert "later meeting" in problem.message


@pytest.mark.parametrize("new", [s for s in MeetingStatus if not s.is_locked])
def test_approved_minutes_never_change_status(new: MeetingStatus) -> None:
    problem = status_change_problem(MeetingStatus.MINUTES_APPROVED, new)
    assert problem is not None
    assert "approved" in problem.message


def test_meeting_draft_validation_names_fields() -> None:
    good = MeetingDraft(date(2014, 3, 12), time(10), "Town Hall")
    assert validate_meeting(good) == []
    bad = MeetingDraft(date(1999, 3, 12), None, "Room\n2", title="")
    assert fields(validate_meeting(bad)) == {"Title", "Venue", "Date"}
    assert fields(validate_meeting(MeetingDraft(date(2014, 1, 1), None, "x" * 201))) == {"Venue"}
    assert validate_meeting(MeetingDraft(date(2014, 1, 1), None, "")) == []


# -- agenda items -----------------------------------------------------------------------------


def test_standing_agenda_has_the_brief_items_in_order() -> None:
    assert [t.kind for t in STANDING_AGENDA] == list(StandingItem)
    assert STANDING_AGENDA[-2:] == tuple(t for t in STANDING_AGENDA if t.kind in CLOSING_ITEMS)
    assert all(t.minutes_allowed > 0 and t.title for t in STANDING_AGENDA)


def test_a_plain_item_is_valid() -> None:
    assert validate_agenda_item(AgendaItemDraft("Workforce", "Jo", minutes_allowed=30)) == []
    assert validate_agenda_item(AgendaItemDraft("Workforce")) == []


@pytest.mark.parametrize("paragraph", sorted(EXEMPT_PARAGRAPHS))
def test_exempt_item_with_each_paragraph(paragraph: int) -> None:
    draft = AgendaItemDraft(
        "Staffing", exempt=True, exempt_paragraph=paragraph, publish_from=date(2015, 1, 1)
    )
    assert validate_agenda_item(draft) == []


@pytest.mark.parametrize("paragraph", [None, 0, 8, -1, 12])
def test_exempt_item_needs_a_paragraph_from_1_to_7(paragraph: int | None) -> None:
    problems = validate_agenda_item(
        AgendaItemDraft("Staffing", exempt=True, exempt_paragraph=paragraph)
    )
    assert fields(problems) == {"Exempt paragraph"}
    assert "1–7" in problems[0].message


def test_paragraph_and_publish_date_only_on_exempt_items() -> None:
    problems = validate_agenda_item(
        AgendaItemDraft("Budget", exempt_paragraph=3, publish_from=date(2015, 1, 1))
    )
    assert fields(problems) == {"Exempt paragraph", "Publish from"}


@pytest.mark.parametrize("minutes", [0, -5, 481])
def test_time_allowed_must_be_plausible(minutes: int) -> None:
    problems = validate_agenda_item(AgendaItemDraft("Budget", minutes_allowed=minutes))
    assert fields(problems) == {"Time allowed"}


def test_item_text_fields_are_checked() -> None:
    problems = validate_agenda_item(AgendaItemDraft("", presenter="a\nb"))
    assert fields(problems) == {"Title", "Presenter"}
    problems = validate_agenda_item(AgendaItemDraft("x" * (SHORT_TEXT + 1)))
    assert fields(problems) == {"Title"}
    problems = validate_agenda_item(AgendaItemDraft("Pasted\x07 from Word"))
    assert "control characters" in problems[0].message


def test_an_exempt_item_may_have_a_public_title() -> None:
    draft = AgendaItemDraft(
        "Agency contract: commercial terms",
        exempt=True,
        exempt_paragraph=3,
        public_title="Agency social work contract",
    )
    assert validate_agenda_item(draft) == []


def test_a_public_title_only_on_an_exempt_item() -> None:
    problems = validate_agenda_item(AgendaItemDraft("Budget", public_title="Budget (public)"))
    assert [str(p) for p in problems] == ["Public title: only an exempt item has a public title"]


@pytest.mark.parametrize(
    ("public_title", "words"),
    [
        ("x" * (SHORT_TEXT + 1), "the limit is 200"),
        ("Agency\ncontract", "one line"),
        ("Pasted\x07 from Word", "control characters"),
    ],
)
def test_a_public_title_is_checked_like_a_title(public_title: str, words: str) -> None:
    draft = AgendaItemDraft("Staffing", exempt=True, exempt_paragraph=1, public_title=public_title)
    problems = validate_agenda_item(draft)
    assert fields(problems) == {"Public title"}
    assert words in problems[0].message


def test_public_heading_is_the_public_title_or_exempt_item() -> None:
    assert public_heading("") == EXEMPT_HEADING == "Exempt item"
    assert public_heading("Agency social work contract") == "Agency social work contract"


def test_item_numbers_follow_position() -> None:
    assert item_numbers(0) == []
    assert item_numbers(3) == ["1", "2", "3"]


def test_minute_text_limits() -> None:
    assert check_minute_text("Minute", "") is None
    assert check_minute_text("Minute", "Line one\nLine two") is None
    required = check_minute_text("Decision", "", required=True)
    assert required == FieldProblem("Decision", "is required")
    long = check_minute_text("Minute", "x" * (LONG_TEXT + 1))
    assert long is not None
    assert long.field == "Minute"


# -- markings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "marking"),
    [
        ("OFFICIAL", Marking.OFFICIAL),
        (" official ", Marking.OFFICIAL),
        ("official-sensitive", Marking.OFFICIAL_SENSITIVE),
        ("OFFICIAL SENSITIVE", Marking.OFFICIAL_SENSITIVE),
        ("Official_Sensitive", Marking.OFFICIAL_SENSITIVE),
        ("official -  sensitive", Marking.OFFICIAL_SENSITIVE),
    ],
)
def test_marking_parse(text: str, marking: Marking) -> None:
    assert Marking.parse(text) is marking


@pytest.mark.parametrize("text", ["", "SECRET", "sensitive"])
def test_marking_parse_refuses_unknown(text: str) -> None:
    with pytest.raises(ValueError, match="not a valid Marking"):
        Marking.parse(text)


def test_highest_marking() -> None:
    assert highest_marking([]) is Marking.OFFICIAL
    assert highest_marking([Marking.OFFICIAL, Marking.OFFICIAL]) is Marking.OFFICIAL
    assert (
        highest_marking(iter([Marking.OFFICIAL, Marking.OFFICIAL_SENSITIVE, Marking.OFFICIAL]))
        is Marking.OFFICIAL_SENSITIVE
    )
    assert Marking.OFFICIAL_SENSITIVE.label == "OFFICIAL-SENSITIVE"


def test_exempt_reason_names_the_paragraph() -> None:
    reason = exempt_reason(1)
    assert "paragraph 1 of Schedule 12A" in reason
    assert "information relating to any individual" in reason
    assert set(EXEMPT_PARAGRAPHS) == set(range(1, 8))
