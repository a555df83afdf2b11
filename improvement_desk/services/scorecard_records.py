"""Typed results of the scorecard services: frozen values, safe to hand to any thread or view.

RAG, direction of travel and the target in force are derived once by the
reader, so the scorecard page, its charts, the Excel export and the board pack
agree; a missing figure stays `None` all the way to the chart (a gap, not 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import IndicatorDraft, Polarity, Rag, Trend, Unit


@dataclass(frozen=True, slots=True)
class TargetRecord:
    id: int
    from_period: date
    target: float
    version: int = 1  # the step's row version: a stale change or removal is refused


@dataclass(frozen=True, slots=True)
class FigureRecord:
    id: int
    indicator_id: int
    period: date
    value: float
    commentary: str
    recorded_by: str
    recorded_at: datetime
    version: int


@dataclass(frozen=True, slots=True)
class IndicatorRecord:
    id: int
    reference: str
    name: str
    definition: str
    unit: Unit
    polarity: Polarity
    frequency: Frequency
    amber_tolerance: float
    england: float | None
    statistical_neighbours: float | None
    comparator_note: str
    position: int
    active: bool
    version: int
    targets: tuple[TargetRecord, ...]

    def draft(self) -> IndicatorDraft:
        return IndicatorDraft(
            reference=self.reference,
            name=self.name,
            unit=self.unit,
            polarity=self.polarity,
            frequency=self.frequency,
            definition=self.definition,
            amber_tolerance=self.amber_tolerance,
            england=self.england,
            statistical_neighbours=self.statistical_neighbours,
            comparator_note=self.comparator_note,
        )


@dataclass(frozen=True, slots=True)
class SeriesPoint:
    """One period of a trend: the value (None = no figure: a gap), the target then in force."""

    period: date
    label: str  # "Jan 2014" / "Q3 2013/14"
    value: float | None
    target: float | None
    rag: Rag | None


@dataclass(frozen=True, slots=True)
class ScorecardRow:
    indicator: IndicatorRecord
    latest_period: date | None  # the most recent period with a figure, on or before today
    latest_label: str  # "" when there is no figure yet
    latest: float | None
    previous: float | None  # the period just before latest_period (None: a gap)
    target: float | None  # in force for latest_period
    rag: Rag | None
    trend: Trend
    commentary: str  # the latest figure's
    series: tuple[SeriesPoint, ...]  # the last N periods up to latest_period, oldest first
    figures: tuple[FigureRecord, ...]  # every figure, oldest first


@dataclass(frozen=True, slots=True)
class ScorecardSnapshot:
    as_at: date
    rows: tuple[ScorecardRow, ...]  # in the board's order (position), active indicators first

    def rag_counts(self) -> dict[Rag | None, int]:
        counts: dict[Rag | None, int] = {}
        for row in self.rows:
            counts[row.rag] = counts.get(row.rag, 0) + 1
        return counts


@dataclass(frozen=True, slots=True)
class IndicatorSnapshot:
    """A deleted indicator with its targets and figures, so undo can put it back exactly."""

    values: dict[str, object]
    targets: tuple[dict[str, object], ...]
    figures: tuple[dict[str, object], ...]
