"""The action log's rules: overdue, slippage, status words, matters arising, and drafts."""

from __future__ import annotations

from datetime import date

import pytest

from improvement_desk.domain.action_log import (
    DueRevisionDraft,
    LogActionDraft,
    LogStatus,
    LogUpdateDraft,
    days_late,
    is_matter_arising,
    is_overdue,
    validate_due_revision,
    validate_log_action,
    validate_log_update,
)

MARCH = date(2014, 3, 12)
APRIL = date(2014, 4, 9)
MAY = date(2014, 5, 14)


@pytest.mark.parametrize(
    ("status", "due", "today", "expected"),
    [
        (LogStatus.OPEN, date(2014, 3, 30), date(2014, 3, 31), True),
        (LogStatus.OPEN, date(2014, 3, 31), date(2014, 3, 31), False),  # due today: not yet
        (LogStatus.OPEN, date(2014, 4, 1), date(2014, 3, 31), False),
        (LogStatus.IN_PROGRESS, date(2014, 1, 1), date(2014, 3, 31), True),
        (LogStatus.COMPLETE, date(2014, 1, 1), date(2014, 3, 31), False),
        (LogStatus.CLOSED, date(2014, 1, 1), date(2014, 3, 31), False),
    ],
)
def test_overdue_is_open_and_past_the_current_due_date(
    status: LogStatus, due: date, today: date, expected: bool
) -> None:
    assert is_overdue(status, due, today) is expected


@pytest.mark.parametrize(
    ("original", "current", "expected"),
    [
        (MARCH, MARCH, 0),
        (MARCH, date(2014, 3, 13), 1),
        (MARCH, APRIL, 28),
        (APRIL, MARCH, 0),  # brought forward is not late
    ],
)
def test_days_late_counts_slippage_from_the_original_promise(
    original: date, current: date, expected: int
) -> None:
    assert days_late(original, current) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Open", LogStatus.OPEN),
        ("  not started ", LogStatus.OPEN),
        ("In Progress", LogStatus.IN_PROGRESS),
        ("in-progress", LogStatus.IN_PROGRESS),
        ("in_progress", LogStatus.IN_PROGRESS),
        ("On-going", LogStatus.IN_PROGRESS),
        ("ONGOING", LogStatus.IN_PROGRESS),
        ("started", LogStatus.IN_PROGRESS),
        ("Completed", LogStatus.COMPLETE),
        ("done", LogStatus.COMPLETE),
        ("Closed", LogStatus.CLOSED),
        ("Closed  by the  board", LogStatus.CLOSED),
        ("closed by board", LogStatus.CLOSED),
    ],
)
def test_status_words_from_real_logs_are_understood(text: str, expected: LogStatus) -> None:
    assert LogStatus.parse(text) is expected


@pytest.mark.parametrize("text", ["", "   ", "Green", "finished?", "closedd"])
def test_unknown_status_words_are_refused(text: str) -> None:
    with pytest.raises(ValueError) as caught:  # noqa: PT011 - the message is checked below
        LogStatus.parse(text)
    assert str(caught.value) == text


def test_status_properties() -> None:
    assert [s for s in LogStatus if s.is_open] == [LogStatus.OPEN, LogStatus.IN_PROGRESS]
    assert [s for s in LogStatus if not s.is_carried_forward] == [LogStatus.CLOSED]
    assert LogStatus.CLOSED.label == "Closed by the board"
    assert all(s.label for s in LogStatus)


@pytest.mark.parametrize(
    ("status", "raised", "closed_on", "meeting", "expected"),
    [
        (LogStatus.OPEN, MARCH, None, APRIL, True),
        (LogStatus.IN_PROGRESS, MARCH, None, MAY, True),
        (LogStatus.COMPLETE, MARCH, None, APRIL, True),  # complete awaits the board's closure
        (LogStatus.OPEN, APRIL, None, APRIL, False),  # raised at this very meeting
        (LogStatus.OPEN, MAY, None, APRIL, False),  # raised later
        (LogStatus.CLOSED, MARCH, APRIL, MAY, False),  # closed before this meeting
        (LogStatus.CLOSED, MARCH, APRIL, APRIL, True),  # closed at this meeting: it was on it
        (LogStatus.CLOSED, MARCH, MAY, APRIL, True),  # closed later: still open at April
        (LogStatus.CLOSED, MARCH, None, APRIL, False),  # closed with no date: nothing to show
    ],
)
def test_matters_arising(
    status: LogStatus, raised: date, closed_on: date | None, meeting: date, expected: bool
) -> None:
    assert is_matter_arising(status, raised, closed_on, meeting) is expected


def test_a_good_action_passes() -> None:
    draft = LogActionDraft("Circulate the workforce strategy", owner_id=1, due=APRIL)
    assert validate_log_action(draft, raised_on=MARCH) == []
    assert validate_log_action(LogActionDraft("Same day", 1, MARCH), raised_on=MARCH) == []


def test_bad_actions_are_named_by_field() -> None:
    problems = validate_log_action(LogActionDraft("", 1, date(2014, 3, 11)), raised_on=MARCH)
    assert [p.field for p in problems] == ["Action", "Due date"]
    assert "before the meeting that agreed it (12 Mar 2014)" in problems[1].message
    too_long = validate_log_action(LogActionDraft("x" * 10_001, 1, APRIL), raised_on=MARCH)
    assert [p.field for p in too_long] == ["Action"]
    pasted = validate_log_action(LogActionDraft("bad\x07bell", 1, APRIL), raised_on=MARCH)
    assert "control characters" in pasted[0].message


def test_due_revisions() -> None:
    assert validate_due_revision(DueRevisionDraft(MAY, "Awaiting data"), current_due=APRIL) == []
    assert validate_due_revision(DueRevisionDraft(MARCH, "Sooner"), current_due=APRIL) == []
    same = validate_due_revision(DueRevisionDraft(APRIL, ""), current_due=APRIL)
    assert [p.field for p in same] == ["Reason", "New due date"]
    assert "same as the current one (09 Apr 2014)" in same[1].message
    long = validate_due_revision(DueRevisionDraft(MAY, "r" * 201), current_due=APRIL)
    assert [p.field for p in long] == ["Reason"]


def test_updates() -> None:
    assert validate_log_update(LogUpdateDraft(MARCH, "Draft shared"), today=MARCH) == []
    bad = validate_log_update(LogUpdateDraft(APRIL, ""), today=MARCH)
    assert [p.field for p in bad] == ["Update", "Date"]
    assert "09 Apr 2014 is in the future" in bad[1].message
