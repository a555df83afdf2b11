"""The pure rules of the improvement action plan: BRAG, validation, overdue, text checks."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.plan import (
    ActionDraft,
    RecommendationDraft,
    RecommendationSource,
    days_overdue,
    is_overdue,
    transition_problems,
    validate_action,
    validate_progress_update,
    validate_rebaseline,
    validate_recommendation,
)
from improvement_desk.domain.text_rules import (
    LONG_TEXT,
    REFERENCE_TEXT,
    SHORT_TEXT,
    check_reference,
    check_text,
    clean_text,
)

TODAY = date(2014, 3, 31)
PEOPLE = {"Jo Bloggs", "Sam Patel"}
CONTROL_CHARS = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)]]


def draft(**changes: Any) -> ActionDraft:
    base = ActionDraft(
        reference="3.2",
        description="Audit every open child protection plan",
        lead_officer="Jo Bloggs",
        start_date=date(2014, 1, 6),
        target_date=date(2014, 6, 30),
        success_measures="95% of visits in timescale",
    )
    return replace(base, **changes)


def fields_of(problems: list[FieldProblem]) -> list[str]:
    return [p.field for p in problems]


def check(d: ActionDraft, previous: Brag | None = None, updates: bool = False) -> list[str]:
    return fields_of(
        validate_action(
            d, known_people=PEOPLE, previous_status=previous, has_progress_updates=updates
        )
    )


# -- BRAG -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("R", Brag.RED),
        ("red", Brag.RED),
        ("  RED ", Brag.RED),
        ("Amber", Brag.AMBER),
        ("a", Brag.AMBER),
        ("G", Brag.GREEN),
        ("blue", Brag.BLUE),
        ("Not started", Brag.NOT_STARTED),
        ("not_started", Brag.NOT_STARTED),
        ("NOT   STARTED", Brag.NOT_STARTED),
        ("–", Brag.NOT_STARTED),
    ],
)
def test_brag_from_text_accepts_value_label_and_letter(text: str, expected: Brag) -> None:
    assert Brag.from_text(text) is expected


@pytest.mark.parametrize("junk", ["", "  ", "purple", "rd", "X", "not", "red amber", "1"])
def test_brag_from_text_rejects_junk(junk: str) -> None:
    with pytest.raises(ValueError, match="is not a BRAG status"):
        Brag.from_text(junk)


def test_brag_every_status_has_distinct_letter_colour_and_meaning() -> None:
    assert len({b.letter for b in Brag}) == len(Brag)
    assert len({b.colour for b in Brag}) == len(Brag)
    assert all(b.colour.startswith("#") and len(b.colour) == 7 for b in Brag)
    assert Brag.BLUE.meaning.startswith("Complete")
    assert sorted(Brag, key=lambda b: b.severity, reverse=True)[0] is Brag.RED
    assert Brag.NOT_STARTED.label == "Not started"
    assert Confidence.MEDIUM.label == "Medium"


# -- validate_action ------------------------------------------------------------------------


def test_valid_action_has_no_problems() -> None:
    assert check(draft()) == []
    assert check(draft(start_date=None, status=Brag.GREEN, confidence=Confidence.LOW)) == []


@pytest.mark.parametrize(
    ("field", "attr", "required", "limit"),
    [
        ("Description", "description", True, LONG_TEXT),
        ("Lead officer", "lead_officer", True, SHORT_TEXT),
        ("Success measures", "success_measures", False, LONG_TEXT),
        ("Evidence of impact", "evidence_of_impact", False, LONG_TEXT),
        ("Board decision", "closure_decision", False, SHORT_TEXT),
    ],
)
def test_action_text_fields_empty_too_long_and_control(
    field: str, attr: str, required: bool, limit: int
) -> None:
    assert check(draft(**{attr: ""})) == ([field] if required else [])
    too_long = check(draft(**{attr: "x" * (limit + 1)}))
    assert field in too_long
    assert check(draft(**{attr: "bad\x0bpaste"})).count(field) == 1


def test_action_problem_messages_explain_the_field() -> None:
    problems = validate_action(
        draft(description="x" * (LONG_TEXT + 1), reference=""),
        known_people=PEOPLE,
        previous_status=None,
        has_progress_updates=False,
    )
    by_field = {p.field: p.message for p in problems}
    assert by_field["Reference"] == "is required"
    assert "10,001 characters long; the limit is 10,000" in by_field["Description"]
    error = ValidationError(problems)
    assert error.fields() == {"Reference", "Description"}
    assert "Reference: is required" in str(error)


def test_action_reference_rules() -> None:
    assert check(draft(reference="")) == ["Reference"]
    assert check(draft(reference="1" * (REFERENCE_TEXT + 1))) == ["Reference"]
    assert check(draft(reference=".2")) == ["Reference"]
    assert check(draft(reference="3.2\n4")) == ["Reference"]


def test_end_date_before_start_names_target_date() -> None:
    problems = validate_action(
        draft(start_date=date(2014, 5, 1), target_date=date(2014, 4, 30)),
        known_people=PEOPLE,
        previous_status=None,
        has_progress_updates=False,
    )
    assert fields_of(problems) == ["Target date"]
    assert "30 Apr 2014 is before the start date (01 May 2014)" in problems[0].message
    assert check(draft(start_date=date(2014, 6, 30), target_date=date(2014, 6, 30))) == []


def test_unknown_lead_officer_is_named_once() -> None:
    problems = validate_action(
        draft(lead_officer="Nobody Known"),
        known_people=PEOPLE,
        previous_status=None,
        has_progress_updates=False,
    )
    assert fields_of(problems) == ["Lead officer"]
    assert "'Nobody Known' is not on the board's list of people" in problems[0].message
    # An over-long name is reported once, for its length, not twice.
    assert check(draft(lead_officer="y" * (SHORT_TEXT + 1))) == ["Lead officer"]
    assert check(draft(lead_officer="Two\nLines")) == ["Lead officer"]


def test_blue_needs_evidence_and_board_decision() -> None:
    assert check(draft(status=Brag.BLUE)) == ["Evidence of impact", "Board decision"]
    assert check(draft(status=Brag.BLUE, evidence_of_impact="Audit shows 96%")) == [
        "Board decision"
    ]
    assert check(draft(status=Brag.BLUE, closure_decision="Minute 14/03 item 5")) == [
        "Evidence of impact"
    ]
    assert check(draft(status=Brag.BLUE, evidence_of_impact="  ", closure_decision="M 5")) == [
        "Evidence of impact"
    ]
    complete = draft(
        status=Brag.BLUE, evidence_of_impact="Audit shows 96%", closure_decision="Minute 5"
    )
    assert check(complete, previous=Brag.GREEN, updates=True) == []


def test_back_to_not_started_refused_only_after_progress() -> None:
    back = draft(status=Brag.NOT_STARTED)
    assert check(back, previous=Brag.AMBER, updates=True) == ["Status"]
    assert check(back, previous=Brag.AMBER, updates=False) == []
    assert check(back, previous=Brag.NOT_STARTED, updates=True) == []
    assert check(back, previous=None, updates=True) == []
    problems = transition_problems(
        Brag.GREEN, Brag.NOT_STARTED, evidence="", decision="", has_progress_updates=True
    )
    assert fields_of(problems) == ["Status"]
    assert "cannot go from Green back to Not started" in problems[0].message


def test_recommendation_validation_names_fields() -> None:
    ok = RecommendationDraft(RecommendationSource.OFSTED_INSPECTION, "R1", "Improve", "Workforce")
    assert validate_recommendation(ok) == []
    bad = RecommendationDraft(RecommendationSource.BOARD, "", "", "Two\nlines")
    assert fields_of(validate_recommendation(bad)) == ["Reference", "Recommendation", "Theme"]
    assert RecommendationSource.DFE_NOTICE.label == "DfE improvement notice"


# -- overdue --------------------------------------------------------------------------------


@pytest.mark.parametrize("status", [Brag.NOT_STARTED, Brag.RED, Brag.AMBER, Brag.GREEN])
def test_past_due_is_overdue_whatever_the_rating(status: Brag) -> None:
    target = TODAY - timedelta(days=10)
    assert is_overdue(target, status, TODAY)
    assert days_overdue(target, status, TODAY) == 10


def test_blue_is_never_overdue() -> None:
    long_ago = date(2010, 1, 1)
    assert not is_overdue(long_ago, Brag.BLUE, TODAY)
    assert days_overdue(long_ago, Brag.BLUE, TODAY) == 0


def test_due_today_or_later_is_not_overdue() -> None:
    assert not is_overdue(TODAY, Brag.GREEN, TODAY)
    assert days_overdue(TODAY, Brag.RED, TODAY) == 0
    assert days_overdue(TODAY + timedelta(days=1), Brag.RED, TODAY) == 0
    assert days_overdue(TODAY - timedelta(days=1), Brag.GREEN, TODAY) == 1


# -- progress updates and re-baselining -----------------------------------------------------


def test_progress_update_rules() -> None:
    start = date(2014, 1, 6)
    assert validate_progress_update("Audit began", TODAY, start_date=start, today=TODAY) == []
    assert fields_of(validate_progress_update("", TODAY, start_date=None, today=TODAY)) == [
        "Update"
    ]
    future = validate_progress_update("Soon", date(2014, 4, 1), start_date=None, today=TODAY)
    assert fields_of(future) == ["Date"]
    assert "01 Apr 2014 is in the future" in future[0].message
    early = validate_progress_update("Early", date(2014, 1, 5), start_date=start, today=TODAY)
    assert fields_of(early) == ["Date"]
    assert "before the action started (06 Jan 2014)" in early[0].message
    both = validate_progress_update("a\x00b", date(2014, 4, 2), start_date=None, today=TODAY)
    assert fields_of(both) == ["Update", "Date"]


def test_rebaseline_rules() -> None:
    current, start = date(2014, 6, 30), date(2014, 1, 6)
    assert validate_rebaseline(current, date(2014, 9, 30), "Recruitment", start_date=start) == []
    assert fields_of(validate_rebaseline(current, date(2014, 9, 30), "", start_date=start)) == [
        "Reason"
    ]
    same = validate_rebaseline(current, current, "No change", start_date=start)
    assert fields_of(same) == ["New target date"]
    assert "same as the current target" in same[0].message
    early = validate_rebaseline(current, date(2014, 1, 1), "Sooner", start_date=start)
    assert fields_of(early) == ["New target date"]
    assert "before the start date" in early[0].message
    assert fields_of(
        validate_rebaseline(current, current, "x" * (LONG_TEXT + 1), start_date=None)
    ) == [
        "Reason",
        "New target date",
    ]


# -- text rules -----------------------------------------------------------------------------


@pytest.mark.parametrize("good", ["3.2", "R1", "2014/15-A", "Rec 4", "a"])
def test_check_reference_accepts(good: str) -> None:
    assert check_reference("Reference", good) is None


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("", "is required"),
        ("3.2!", "may hold only letters"),
        (" 3.2", "may hold only letters"),
        ("-1", "may hold only letters"),
        ("x" * 21, "the limit is 20"),
        ("3\n2", "must be on one line"),
        ("3\x1f2", "control characters"),
    ],
)
def test_check_reference_refuses(bad: str, message: str) -> None:
    problem = check_reference("Ref", bad)
    assert problem is not None
    assert problem.field == "Ref"
    assert message in problem.message


def test_check_text_edges() -> None:
    assert check_text("Notes", "", max_length=5, required=False) is None
    assert check_text("Notes", "x" * 5, max_length=5) is None
    assert check_text("Notes", "tab\tand\nlines\r", max_length=50) is None
    assert check_text("Notes", "del\x7f", max_length=50) is not None
    # C1 controls: what Windows-1252 text decoded as Latin-1 leaves behind ("\x92" for ’).
    c1 = check_text("Notes", "it\x92s", max_length=50)
    assert c1 is not None
    assert "control characters" in c1.message
    broken = check_text("Notes", "smile \ud83d", max_length=50)
    assert broken is not None
    assert (broken.field, broken.message) == (
        "Notes",
        "contains half of a character (often a broken emoji)",
    )
    assert clean_text(" a\r\nb\rc ") == "a\nb\nc"
    assert clean_text(None) == ""


printable = st.characters(exclude_categories=("Cc", "Cs"))


@given(st.text(printable, min_size=1, max_size=SHORT_TEXT))
def test_printable_text_up_to_the_limit_passes(value: str) -> None:
    assert check_text("Description", value, max_length=SHORT_TEXT) is None


@given(
    st.text(printable, max_size=SHORT_TEXT // 2 - 1),
    st.sampled_from(CONTROL_CHARS),
    st.text(printable, max_size=SHORT_TEXT // 2),
)
def test_text_with_a_control_character_fails(before: str, control: str, after: str) -> None:
    problem = check_text("Description", before + control + after, max_length=SHORT_TEXT)
    assert problem is not None
    assert problem.field == "Description"
    assert "control characters" in problem.message


def test_clean_fields_trims_text_and_keeps_enums() -> None:
    from improvement_desk.domain.text_rules import clean_fields

    draft = ActionDraft(
        reference=" 1.1 ",
        description="Line one\r\nline two  ",
        lead_officer=" Jo ",
        start_date=None,
        target_date=date(2014, 6, 1),
        status=Brag.BLUE,
    )
    cleaned = clean_fields(draft)
    assert cleaned.reference == "1.1"
    assert cleaned.description == "Line one\nline two"
    assert cleaned.lead_officer == "Jo"
    assert cleaned.status is Brag.BLUE
