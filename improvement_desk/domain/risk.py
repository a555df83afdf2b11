"""Rules of the risk register: status, proximity, review cycle, drafts and their validation.

A risk's *current* score moves only by a review, which is kept; the risk
form shows it but cannot change it once the risk exists. That is what makes
direction of travel and the score history trustworthy.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.risk_scoring import SCALE, is_on_scale
from improvement_desk.domain.text_rules import (
    LONG_TEXT,
    SHORT_TEXT,
    check_date_order,
    check_reference,
    check_text,
)

# A review falling due within this many days is "due"; past its date it is "overdue".
REVIEW_DUE_WINDOW_DAYS = 14

DEFAULT_CATEGORIES = (
    "Workforce",
    "Practice quality",
    "Front door and demand",
    "Systems and data",
    "Partnerships",
    "Leadership and pace",
    "Financial",
)


class RiskStatus(StrEnum):
    OPEN = "open"
    ESCALATED = "escalated"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def is_live(self) -> bool:
        """Open and escalated risks are managed; a closed risk is kept only as history."""
        return self is not RiskStatus.CLOSED


class Proximity(StrEnum):
    """How soon the risk could materialise."""

    IMMINENT = "imminent"
    NEAR = "near"
    MEDIUM_TERM = "medium_term"
    LONG_TERM = "long_term"

    @property
    def label(self) -> str:
        return _PROXIMITY_LABELS[self]


_PROXIMITY_LABELS = {
    Proximity.IMMINENT: "Within 3 months",
    Proximity.NEAR: "3 to 6 months",
    Proximity.MEDIUM_TERM: "6 to 12 months",
    Proximity.LONG_TERM: "Over 12 months",
}


class ReviewFrequency(StrEnum):
    MONTHLY = "monthly"
    BIMONTHLY = "bimonthly"
    QUARTERLY = "quarterly"
    SIX_MONTHLY = "six_monthly"
    ANNUALLY = "annually"

    @property
    def label(self) -> str:
        return _FREQUENCY_LABELS[self]

    @property
    def months(self) -> int:
        return _FREQUENCY_MONTHS[self]

    def next_after(self, day: date) -> date:
        return add_months(day, self.months)


_FREQUENCY_LABELS = {
    ReviewFrequency.MONTHLY: "Monthly",
    ReviewFrequency.BIMONTHLY: "Every two months",
    ReviewFrequency.QUARTERLY: "Quarterly",
    ReviewFrequency.SIX_MONTHLY: "Six-monthly",
    ReviewFrequency.ANNUALLY: "Annually",
}
_FREQUENCY_MONTHS = {
    ReviewFrequency.MONTHLY: 1,
    ReviewFrequency.BIMONTHLY: 2,
    ReviewFrequency.QUARTERLY: 3,
    ReviewFrequency.SIX_MONTHLY: 6,
    ReviewFrequency.ANNUALLY: 12,
}


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


class ReviewState(StrEnum):
    NOT_DUE = "not_due"
    DUE = "due"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return {"not_due": "Not due", "due": "Due", "overdue": "Overdue"}[self.value]


def review_state(next_review: date | None, status: RiskStatus, today: date) -> ReviewState:
    """A closed risk is never due; an open one with no date set is treated as due now."""
    if not status.is_live:
        return ReviewState.NOT_DUE
    if next_review is None:
        return ReviewState.DUE
    if next_review < today:
        return ReviewState.OVERDUE
    if next_review <= today + timedelta(days=REVIEW_DUE_WINDOW_DAYS):
        return ReviewState.DUE
    return ReviewState.NOT_DUE


@dataclass(frozen=True, slots=True)
class RiskDraft:
    """The editable fields of a risk. `owner` is a person's name.

    `current_*` give the first assessment when a risk is created; afterwards
    they are read-only here and move by `ReviewDraft`.
    """

    reference: str
    title: str
    cause: str
    event: str
    effect: str
    category: str
    owner: str
    date_raised: date
    inherent_likelihood: int
    inherent_impact: int
    current_likelihood: int
    current_impact: int
    controls: str = ""
    target_likelihood: int | None = None
    target_impact: int | None = None
    target_date: date | None = None
    status: RiskStatus = RiskStatus.OPEN
    proximity: Proximity | None = None
    review_frequency: ReviewFrequency = ReviewFrequency.MONTHLY
    next_review_date: date | None = None


@dataclass(frozen=True, slots=True)
class ReviewDraft:
    review_date: date
    likelihood: int
    impact: int
    commentary: str
    reviewer: str


def _check_scale(field: str, value: object, *, required: bool = True) -> FieldProblem | None:
    if value is None:
        return FieldProblem(field, "is required") if required else None
    if not is_on_scale(value):
        return FieldProblem(field, f"must be a whole number from {SCALE[0]} to {SCALE[-1]}")
    return None


def validate_risk(draft: RiskDraft, *, known_people: set[str], today: date) -> list[FieldProblem]:
    """Every rule a risk must satisfy, reported per field."""
    problems = [
        check_reference("Reference", draft.reference),
        check_text("Title", draft.title, max_length=SHORT_TEXT, single_line=True),
        check_text("Cause", draft.cause, max_length=LONG_TEXT, required=False),
        check_text("Event", draft.event, max_length=LONG_TEXT),
        check_text("Effect", draft.effect, max_length=LONG_TEXT, required=False),
        check_text("Category", draft.category, max_length=SHORT_TEXT, single_line=True),
        check_text("Owner", draft.owner, max_length=SHORT_TEXT, single_line=True),
        check_text("Controls in place", draft.controls, max_length=LONG_TEXT, required=False),
        _check_scale("Inherent likelihood", draft.inherent_likelihood),
        _check_scale("Inherent impact", draft.inherent_impact),
        _check_scale("Current likelihood", draft.current_likelihood),
        _check_scale("Current impact", draft.current_impact),
        _check_scale("Target likelihood", draft.target_likelihood, required=False),
        _check_scale("Target impact", draft.target_impact, required=False),
        check_date_order("Date raised", draft.date_raised, "Target date", draft.target_date),
    ]
    found = [p for p in problems if p]
    if draft.date_raised > today:
        found.append(FieldProblem("Date raised", f"{draft.date_raised:%d %b %Y} is in the future"))
    if (draft.target_likelihood is None) != (draft.target_impact is None):
        missing = "Target impact" if draft.target_impact is None else "Target likelihood"
        found.append(FieldProblem(missing, "is needed with the other half of the target score"))
    if (
        draft.owner
        and draft.owner not in known_people
        and not any(p.field == "Owner" for p in found)
    ):
        found.append(
            FieldProblem(
                "Owner", f"'{draft.owner}' is not on the board's list of people; add them first"
            )
        )
    return found


def validate_review(
    draft: ReviewDraft, *, date_raised: date, latest_review: date | None, today: date
) -> list[FieldProblem]:
    """A review is history: not in the future, and not before the one it follows."""
    problems = [
        _check_scale("Likelihood", draft.likelihood),
        _check_scale("Impact", draft.impact),
        check_text("Commentary", draft.commentary, max_length=LONG_TEXT),
        check_text("Reviewer", draft.reviewer, max_length=SHORT_TEXT, single_line=True),
    ]
    found = [p for p in problems if p]
    if draft.review_date > today:
        found.append(FieldProblem("Review date", f"{draft.review_date:%d %b %Y} is in the future"))
    elif draft.review_date < date_raised:
        found.append(
            FieldProblem(
                "Review date",
                f"{draft.review_date:%d %b %Y} is before the risk was raised "
                f"({date_raised:%d %b %Y})",
            )
        )
    elif latest_review is not None and draft.review_date < latest_review:
        found.append(
            FieldProblem(
                "Review date",
                f"{draft.review_date:%d %b %Y} is before the latest review "
                f"({latest_review:%d %b %Y}); reviews are kept in order",
            )
        )
    return found
