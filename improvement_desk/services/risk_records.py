"""Typed results of the risk services: frozen values, safe to hand to any thread or view.

Derived facts (scores, band, direction of travel, review state, appetite)
are computed once by the reader from the board's `RiskBands`, so every view
shows the same rating for the same score.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.risk import (
    Proximity,
    ReviewFrequency,
    ReviewState,
    RiskDraft,
    RiskStatus,
)
from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.domain.risk_scoring import Direction, score_of


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    id: int
    risk_id: int
    review_date: date
    likelihood: int
    impact: int
    commentary: str
    reviewer: str
    previous_next_review: date | None
    recorded_at: datetime

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


@dataclass(frozen=True, slots=True)
class LinkedAction:
    """A plan action as a risk shows it: enough to judge whether the mitigation is working."""

    action_id: int
    reference: str
    description: str
    lead_officer: str
    status: Brag
    target_date: date
    overdue: bool


@dataclass(frozen=True, slots=True)
class RiskSummary:
    """A risk as an action shows it ("mitigates these risks")."""

    risk_id: int
    reference: str
    title: str
    current_score: int
    band: Band
    status: RiskStatus
    colour: str  # the band's colour under the board's settings when read
    text_colour: str


@dataclass(frozen=True, slots=True)
class RiskRecord:
    id: int
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
    controls: str
    current_likelihood: int
    current_impact: int
    target_likelihood: int | None
    target_impact: int | None
    target_date: date | None
    status: RiskStatus
    proximity: Proximity | None
    review_frequency: ReviewFrequency
    next_review_date: date | None
    version: int
    reviews: tuple[ReviewRecord, ...]  # oldest first; the last is the current assessment
    mitigations: tuple[LinkedAction, ...]
    # Derived with the board's bands and "today" when the record was read.
    direction: Direction
    band: Band
    review_state: ReviewState
    above_appetite: bool

    @property
    def inherent_score(self) -> int:
        return self.inherent_likelihood * self.inherent_impact

    @property
    def current_score(self) -> int:
        return self.current_likelihood * self.current_impact

    @property
    def target_score(self) -> int | None:
        return score_of(self.target_likelihood, self.target_impact)

    @property
    def last_review_date(self) -> date | None:
        return self.reviews[-1].review_date if self.reviews else None

    @property
    def score_history(self) -> tuple[int, ...]:
        return tuple(r.score for r in self.reviews)

    @property
    def unmitigated(self) -> bool:
        """A live risk with no plan action against it: the board will ask who is on it."""
        return self.status.is_live and not self.mitigations

    @property
    def flagged(self) -> bool:
        return (
            self.review_state is not ReviewState.NOT_DUE or self.above_appetite or self.unmitigated
        )

    @property
    def description(self) -> str:
        """Cause → event → effect as one sentence-like line, for tables and exports."""
        parts = [p for p in (self.cause, self.event, self.effect) if p]
        return " → ".join(parts)

    def draft(self) -> RiskDraft:
        return RiskDraft(
            reference=self.reference,
            title=self.title,
            cause=self.cause,
            event=self.event,
            effect=self.effect,
            category=self.category,
            owner=self.owner,
            date_raised=self.date_raised,
            inherent_likelihood=self.inherent_likelihood,
            inherent_impact=self.inherent_impact,
            current_likelihood=self.current_likelihood,
            current_impact=self.current_impact,
            controls=self.controls,
            target_likelihood=self.target_likelihood,
            target_impact=self.target_impact,
            target_date=self.target_date,
            status=self.status,
            proximity=self.proximity,
            review_frequency=self.review_frequency,
            next_review_date=self.next_review_date,
        )


@dataclass(frozen=True, slots=True)
class RiskSnapshot:
    """Everything needed to put a deleted risk back exactly as it was (undo)."""

    risk: RiskRecord
    created_at: datetime


@dataclass(frozen=True, slots=True)
class RegisterSnapshot:
    risks: tuple[RiskRecord, ...]
    bands: RiskBands
    bands_version: int
    today: date
    categories: tuple[str, ...] = field(default=())
    people: tuple[str, ...] = field(default=())
    # Plan actions a risk may be linked to (the picker's list).
    actions: tuple[LinkedAction, ...] = field(default=())
