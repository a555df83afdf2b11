"""Rules of the performance scorecard: units, polarity, targets over time, RAG and direction.

RAG and direction of travel are judged by the indicator's polarity, never by
the sign of a change: fewer re-referrals is better, fewer visits in timescale
is worse. A missing figure is a gap, never a zero, and an indicator with no
target for a period has no RAG for it rather than a made-up one.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.periods import Frequency, is_period_start, period_label
from improvement_desk.domain.text_rules import LONG_TEXT, SHORT_TEXT, check_reference, check_text


class Unit(StrEnum):
    PERCENT = "percent"
    RATE_PER_10K = "rate_per_10k"
    COUNT = "count"
    DAYS = "days"

    @property
    def label(self) -> str:
        return _UNIT_LABELS[self]

    def show(self, value: float | None) -> str:
        """ "93.8%", "44.2", "1,204", "36 days"; a gap is an en dash."""
        if value is None:
            return "–"
        if self is Unit.PERCENT:
            return f"{value:.1f}%"
        if self is Unit.RATE_PER_10K:
            return f"{value:,.1f}"
        if self is Unit.COUNT:
            return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
        return f"{value:,.0f} days" if float(value).is_integer() else f"{value:,.1f} days"


_UNIT_LABELS = {
    Unit.PERCENT: "Percentage",
    Unit.RATE_PER_10K: "Rate per 10,000 children",
    Unit.COUNT: "Count",
    Unit.DAYS: "Days",
}


class Polarity(StrEnum):
    HIGHER_IS_BETTER = "higher"
    LOWER_IS_BETTER = "lower"

    @property
    def label(self) -> str:
        return "Higher is better" if self is Polarity.HIGHER_IS_BETTER else "Lower is better"


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class Trend(StrEnum):
    """Direction of travel against the previous period, judged by polarity."""

    IMPROVING = "improving"
    DETERIORATING = "deteriorating"
    NO_CHANGE = "no_change"
    NOT_APPLICABLE = "not_applicable"

    @property
    def label(self) -> str:
        return _TREND_LABELS[self]

    @property
    def arrow(self) -> str:
        return _TREND_ARROWS[self]


_TREND_LABELS = {
    Trend.IMPROVING: "Improving",
    Trend.DETERIORATING: "Deteriorating",
    Trend.NO_CHANGE: "No change",
    Trend.NOT_APPLICABLE: "Not applicable",
}
_TREND_ARROWS = {
    Trend.IMPROVING: "▲",
    Trend.DETERIORATING: "▼",
    Trend.NO_CHANGE: "►",
    Trend.NOT_APPLICABLE: "–",
}


def rag_of(
    value: float | None, target: float | None, tolerance: float, polarity: Polarity
) -> Rag | None:
    """Green on or beyond target; amber within `tolerance` of it (in the indicator's unit);
    red further away. No value or no target: no RAG."""
    if value is None or target is None:
        return None
    shortfall = target - value if polarity is Polarity.HIGHER_IS_BETTER else value - target
    if shortfall <= 0:
        return Rag.GREEN
    if shortfall <= tolerance:
        return Rag.AMBER
    return Rag.RED


def trend_of(current: float | None, previous: float | None, polarity: Polarity) -> Trend:
    if current is None or previous is None:
        return Trend.NOT_APPLICABLE
    if math.isclose(current, previous, rel_tol=0.0, abs_tol=1e-9):
        return Trend.NO_CHANGE
    rose = current > previous
    better = rose if polarity is Polarity.HIGHER_IS_BETTER else not rose
    return Trend.IMPROVING if better else Trend.DETERIORATING


@dataclass(frozen=True, slots=True)
class TargetStep:
    """A target that applies from `from_period` until the next step."""

    from_period: date
    target: float


def target_for(steps: Sequence[TargetStep], period: date) -> float | None:
    """The target in force for `period`: the latest step starting on or before it."""
    found: float | None = None
    for step in sorted(steps, key=lambda s: s.from_period):
        if step.from_period <= period:
            found = step.target
        else:
            break
    return found


@dataclass(frozen=True, slots=True)
class IndicatorDraft:
    reference: str
    name: str
    unit: Unit
    polarity: Polarity
    frequency: Frequency = Frequency.MONTHLY
    definition: str = ""
    amber_tolerance: float = 0.0
    england: float | None = None
    statistical_neighbours: float | None = None
    comparator_note: str = ""  # e.g. "2012-13 published figures"


def _check_number(field: str, value: float | None, unit: Unit) -> FieldProblem | None:
    if value is None:
        return None
    if not math.isfinite(value):
        return FieldProblem(field, "must be a number")
    if value < 0:
        return FieldProblem(field, "cannot be negative")
    if unit is Unit.PERCENT and value > 100:
        return FieldProblem(field, f"{value:g}% is more than 100%")
    return None


def validate_indicator(draft: IndicatorDraft) -> list[FieldProblem]:
    found = [
        check_reference("Reference", draft.reference),
        check_text("Name", draft.name, max_length=SHORT_TEXT, single_line=True),
        check_text("Definition", draft.definition, max_length=LONG_TEXT, required=False),
        check_text(
            "Comparator note",
            draft.comparator_note,
            max_length=SHORT_TEXT,
            single_line=True,
            required=False,
        ),
        _check_number("Amber tolerance", draft.amber_tolerance, draft.unit),
        _check_number("England", draft.england, draft.unit),
        _check_number("Statistical neighbours", draft.statistical_neighbours, draft.unit),
    ]
    return [p for p in found if p]


def validate_target(step: TargetStep, unit: Unit, frequency: Frequency) -> list[FieldProblem]:
    found = [_check_number("Target", step.target, unit)]
    if not is_period_start(step.from_period, frequency):
        found.append(
            FieldProblem("From", f"{step.from_period:%d %b %Y} is not the start of a period")
        )
    return [p for p in found if p]


@dataclass(frozen=True, slots=True)
class FigureDraft:
    period: date
    value: float
    commentary: str = ""


def validate_figure(
    draft: FigureDraft, unit: Unit, frequency: Frequency, *, today: date
) -> list[FieldProblem]:
    found = [
        _check_number("Value", draft.value, unit),
        check_text("Commentary", draft.commentary, max_length=LONG_TEXT, required=False),
    ]
    if not is_period_start(draft.period, frequency):
        found.append(
            FieldProblem("Period", f"{draft.period:%d %b %Y} is not the start of a period")
        )
    elif draft.period > today:
        found.append(
            FieldProblem("Period", f"{period_label(draft.period, frequency)} has not started yet")
        )
    return [p for p in found if p]
