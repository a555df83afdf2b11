"""A scorecard built through the services, as a secretariat would: twelve indicators and two
years of monthly figures, with the cases the page must show honestly.

`build_scorecard(desk)` writes, as at 31 Mar 2014: a gap in CP4 (no February figure,
so no direction of travel), WF3 with no target (no RAG), a raised target for CIN1 from
April 2013 (a step), higher- and lower-is-better indicators in every unit, and an
England and statistical-neighbour comparator on most. `make_row()` builds one
`ScorecardRow` in memory for model tests, rated as the reader would rate it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime

from improvement_desk.domain.periods import Frequency, add_months, period_label, periods_ending
from improvement_desk.domain.scorecard import (
    FigureDraft,
    IndicatorDraft,
    Polarity,
    TargetStep,
    Unit,
    rag_of,
    target_for,
    trend_of,
)
from improvement_desk.services.desk import Desk
from improvement_desk.services.scorecard_records import (
    FigureRecord,
    IndicatorRecord,
    ScorecardRow,
    SeriesPoint,
    TargetRecord,
)

TODAY = date(2014, 3, 31)
FIRST = date(2012, 4, 1)
MONTHS = periods_ending(date(2014, 3, 1), 24, Frequency.MONTHLY)  # Apr 2012 … Mar 2014
H, L = Polarity.HIGHER_IS_BETTER, Polarity.LOWER_IS_BETTER
NOTE = "2012-13 published figures"


@dataclass(frozen=True)
class Spec:
    reference: str
    name: str
    unit: Unit
    polarity: Polarity
    target: float | None
    tolerance: float
    start: float  # the figure in April 2012
    end: float  # the figure in March 2014
    england: float | None = None
    neighbours: float | None = None
    definition: str = ""


SPECS = (
    Spec(
        "CP1",
        "Child protection plans reviewed in timescale",
        Unit.PERCENT,
        H,
        100,
        5,
        82,
        97.5,
        96.6,
        95.1,
        "Reviews held within the statutory timescale, of all reviews due",
    ),
    Spec(
        "CP2",
        "Re-referrals within 12 months",
        Unit.PERCENT,
        L,
        20,
        3,
        31,
        22.4,
        24.9,
        23.6,
        "Referrals within 12 months of a previous referral, of all referrals",
    ),
    Spec(
        "CP3",
        "Second or subsequent child protection plans",
        Unit.PERCENT,
        L,
        15,
        2,
        19,
        12.8,
        14.9,
        15.3,
    ),
    Spec(
        "CP4",
        "Child protection visits within 10 working days",
        Unit.PERCENT,
        H,
        90,
        5,
        71,
        84.0,
        None,
        None,
    ),
    Spec(
        "CIN1",
        "Single assessments within 45 working days",
        Unit.PERCENT,
        H,
        85,
        5,
        58,
        79.0,
        82.2,
        79.8,
    ),
    Spec("CIN2", "Children in need", Unit.RATE_PER_10K, L, 350, 20, 420.0, 371.0, 332.2, 361.4),
    Spec(
        "LAC1",
        "Looked-after children visited in timescale",
        Unit.PERCENT,
        H,
        95,
        3,
        88,
        96.2,
        None,
        None,
    ),
    Spec("LAC2", "Looked-after children", Unit.RATE_PER_10K, L, 60, 5, 71.0, 66.5, 60.0, 63.3),
    Spec("LAC3", "Days from entering care to adoption", Unit.DAYS, L, 547, 60, 702, 590, 647, 611),
    Spec("WF1", "Social worker vacancy rate", Unit.PERCENT, L, 10, 3, 24, 14.5, 15.0, 16.2),
    Spec("WF2", "Average caseload per social worker", Unit.COUNT, L, 20, 2, 27, 21, None, None),
    Spec("WF3", "Agency social workers in post", Unit.COUNT, L, None, 0, 46, 31, None, None),
)


def figure_for(spec: Spec, n: int) -> float:
    """A path from start to end with a little wobble, rounded as the returns are."""
    share = n / (len(MONTHS) - 1)
    value = (
        spec.start
        + (spec.end - spec.start) * share
        + math.sin(n * 1.7) * abs(spec.end - spec.start) * 0.08
    )
    if n == len(MONTHS) - 1:
        value = spec.end
    if spec.unit is Unit.PERCENT:
        value = min(value, 100.0)
    digits = 0 if spec.unit in (Unit.COUNT, Unit.DAYS) else 1
    return round(value, digits)


def build_scorecard(
    desk: Desk, *, months: int = len(MONTHS), upto: date = MONTHS[-1]
) -> dict[str, int]:
    """The twelve indicators with figures for the `months` months up to `upto`; ids by
    reference."""
    ids: dict[str, int] = {}
    for spec in SPECS:
        draft = IndicatorDraft(
            reference=spec.reference, name=spec.name, unit=spec.unit, polarity=spec.polarity,
            definition=spec.definition, amber_tolerance=spec.tolerance, england=spec.england,
            statistical_neighbours=spec.neighbours,
            comparator_note=NOTE if spec.england is not None else "",
        )  # fmt: skip
        ids[spec.reference] = desk.indicators.create(draft, target=spec.target).id
    desk.indicators.set_target(ids["CIN1"], TargetStep(date(2013, 4, 1), 80))
    for n, month in enumerate(MONTHS):
        if month > upto or MONTHS.index(upto) - n >= months:
            continue
        entries = [
            (ids[s.reference], FigureDraft(month, figure_for(s, n), _comment(s, n)))
            for s in SPECS
            if not (s.reference == "CP4" and month == date(2014, 2, 1))
        ]
        desk.figures.record_many(entries)
    return ids


def _comment(spec: Spec, n: int) -> str:
    if n == len(MONTHS) - 1 and spec.reference in {"CP2", "WF1"}:
        return "Improving since the new front door opened; still above target."
    return ""


# -- in memory, for the model tests -----------------------------------------------------------


def make_indicator(**overrides: object) -> IndicatorRecord:
    values: dict[str, object] = {
        "id": 1, "reference": "CP1", "name": "Child protection plans reviewed in timescale",
        "definition": "Reviews held <b>on time</b>", "unit": Unit.PERCENT, "polarity": H,
        "frequency": Frequency.MONTHLY, "amber_tolerance": 5.0, "england": 96.6,
        "statistical_neighbours": 95.1, "comparator_note": NOTE, "position": 0,
        "active": True, "version": 1, "targets": (TargetRecord(1, FIRST, 95.0),),
    }  # fmt: skip
    values.update(overrides)
    return IndicatorRecord(**values)  # type: ignore[arg-type]


def make_row(
    indicator: IndicatorRecord, values: dict[date, float], periods: int = 12
) -> ScorecardRow:
    """A row rated as the reader rates it, from figures by period."""
    steps = [TargetStep(t.from_period, t.target) for t in indicator.targets]
    figures = tuple(
        FigureRecord(n, indicator.id, p, v, "", "Test Officer", datetime(2014, 3, 1, tzinfo=UTC), 1)
        for n, (p, v) in enumerate(sorted(values.items()), start=1)
    )
    latest = max(values) if values else None
    previous = values.get(add_months(latest, -1)) if latest else None
    value = values.get(latest) if latest else None
    target = target_for(steps, latest) if latest else None
    end = latest or date(2014, 3, 1)
    series = tuple(
        SeriesPoint(
            p,
            period_label(p, Frequency.MONTHLY),
            values.get(p),
            target_for(steps, p),
            rag_of(
                values.get(p), target_for(steps, p), indicator.amber_tolerance, indicator.polarity
            ),
        )
        for p in periods_ending(end, periods, Frequency.MONTHLY)
    )
    return ScorecardRow(
        indicator=indicator,
        latest_period=latest,
        latest_label=period_label(latest, Frequency.MONTHLY) if latest else "",
        latest=value,
        previous=previous,
        target=target,
        rag=rag_of(value, target, indicator.amber_tolerance, indicator.polarity),
        trend=trend_of(value, previous, indicator.polarity),
        commentary="",
        series=series,
        figures=figures,
    )
