"""Reading the scorecard: every indicator with its targets and figures, rated once, here.

RAG, the target in force and the direction of travel are derived in one place
from the stored figures, the target steps, the polarity and "today", so the
scorecard page, its charts, the Excel export and the board pack cannot
disagree. A period without a figure stays `None` (a gap) all the way through.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Indicator, IndicatorFigure, IndicatorTarget
from improvement_desk.domain.errors import NotFound
from improvement_desk.domain.periods import period_label, period_of, periods_ending, previous_period
from improvement_desk.domain.scorecard import TargetStep, rag_of, target_for, trend_of
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.scorecard_records import (
    FigureRecord,
    IndicatorRecord,
    ScorecardRow,
    ScorecardSnapshot,
    SeriesPoint,
    TargetRecord,
)

DEFAULT_PERIODS = 12


def figure_record(f: IndicatorFigure) -> FigureRecord:
    return FigureRecord(
        f.id,
        f.indicator_id,
        f.period,
        f.value,
        f.commentary,
        f.recorded_by,
        f.recorded_at,
        f.version,
    )


def _number(value: float | None) -> float | None:
    return None if value is None else float(value)


def indicator_record(i: Indicator, targets: Sequence[IndicatorTarget]) -> IndicatorRecord:
    return IndicatorRecord(
        id=i.id,
        reference=i.reference,
        name=i.name,
        definition=i.definition,
        unit=i.unit,
        polarity=i.polarity,
        frequency=i.frequency,
        amber_tolerance=float(i.amber_tolerance),
        england=_number(i.england),
        statistical_neighbours=_number(i.statistical_neighbours),
        comparator_note=i.comparator_note,
        position=i.position,
        active=i.active,
        version=i.version,
        targets=tuple(
            TargetRecord(t.id, t.from_period, float(t.target), t.version)
            for t in sorted(targets, key=lambda t: t.from_period)
        ),
    )


def load_indicators(session: Session, *, only: int | None = None) -> list[IndicatorRecord]:
    """Indicators in the board's order (position, then id), each with its target steps."""
    query = select(Indicator).order_by(Indicator.position, Indicator.id)
    target_query = select(IndicatorTarget).order_by(IndicatorTarget.from_period)
    if only is not None:
        query = query.where(Indicator.id == only)
        target_query = target_query.where(IndicatorTarget.indicator_id == only)
    targets: dict[int, list[IndicatorTarget]] = defaultdict(list)
    for t in session.scalars(target_query):
        targets[t.indicator_id].append(t)
    return [indicator_record(i, targets.get(i.id, [])) for i in session.scalars(query)]


def load_indicator(session: Session, indicator_id: int) -> IndicatorRecord:
    found = load_indicators(session, only=indicator_id)
    if not found:
        raise NotFound("Indicator", indicator_id)
    return found[0]


def load_figures(session: Session, *, only: int | None = None) -> dict[int, list[FigureRecord]]:
    """Every figure by indicator id, oldest period first."""
    query = select(IndicatorFigure).order_by(IndicatorFigure.period)
    if only is not None:
        query = query.where(IndicatorFigure.indicator_id == only)
    figures: dict[int, list[FigureRecord]] = defaultdict(list)
    for f in session.scalars(query):
        figures[f.indicator_id].append(figure_record(f))
    return figures


def build_row(
    indicator: IndicatorRecord, figures: Sequence[FigureRecord], today: date, periods: int
) -> ScorecardRow:
    """One indicator rated as at `today`: latest figure, previous period, target, RAG, trend,
    and the last `periods` periods of its series (None where no figure: a gap)."""
    steps = [TargetStep(t.from_period, t.target) for t in indicator.targets]
    frequency, polarity = indicator.frequency, indicator.polarity
    by_period = {f.period: f for f in figures}
    known = [f for f in figures if f.period <= today]
    latest = max(known, key=lambda f: f.period) if known else None
    previous = by_period.get(previous_period(latest.period, frequency)) if latest else None
    target = target_for(steps, latest.period) if latest else None
    value = latest.value if latest else None
    end = latest.period if latest else period_of(today, frequency)
    series = []
    for period in periods_ending(end, periods, frequency) if periods > 0 else []:
        found = by_period.get(period)
        point_value = found.value if found and period <= today else None
        point_target = target_for(steps, period)
        series.append(
            SeriesPoint(
                period,
                period_label(period, frequency),
                point_value,
                point_target,
                rag_of(point_value, point_target, indicator.amber_tolerance, polarity),
            )
        )
    return ScorecardRow(
        indicator=indicator,
        latest_period=latest.period if latest else None,
        latest_label=period_label(latest.period, frequency) if latest else "",
        latest=value,
        previous=previous.value if previous else None,
        target=target,
        rag=rag_of(value, target, indicator.amber_tolerance, polarity),
        trend=trend_of(value, previous.value if previous else None, polarity),
        commentary=latest.commentary if latest else "",
        series=tuple(series),
        figures=tuple(figures),
    )


def load_rows(
    ctx: ServiceContext,
    session: Session,
    periods: int = DEFAULT_PERIODS,
    *,
    only: int | None = None,
    active_only: bool = False,
) -> list[ScorecardRow]:
    """Rows in the board's order, active indicators first (the export and the pack reuse this)."""
    today = ctx.today()
    indicators = load_indicators(session, only=only)
    figures = load_figures(session, only=only)
    rows = [
        build_row(i, figures.get(i.id, []), today, periods)
        for i in indicators
        if i.active or not active_only
    ]
    rows.sort(key=lambda r: not r.indicator.active)  # stable: position order within each
    return rows


class ScorecardReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def snapshot(self, *, periods: int = DEFAULT_PERIODS) -> ScorecardSnapshot:
        with self._ctx.db.reading() as session:
            rows = load_rows(self._ctx, session, periods)
        return ScorecardSnapshot(self._ctx.today(), tuple(rows))

    def row(self, indicator_id: int, *, periods: int = 24) -> ScorecardRow:
        with self._ctx.db.reading() as session:
            rows = load_rows(self._ctx, session, periods, only=indicator_id)
        if not rows:
            raise NotFound("Indicator", indicator_id)
        return rows[0]

    def indicators(self) -> list[IndicatorRecord]:
        with self._ctx.db.reading() as session:
            return load_indicators(session)

    def indicator(self, indicator_id: int) -> IndicatorRecord:
        with self._ctx.db.reading() as session:
            return load_indicator(session, indicator_id)

    def figures(self, indicator_id: int) -> list[FigureRecord]:
        """Every figure of one indicator, oldest first."""
        with self._ctx.db.reading() as session:
            load_indicator(session, indicator_id)
            return load_figures(session, only=indicator_id).get(indicator_id, [])
