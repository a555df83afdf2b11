"""Loads the demo board's performance scorecard (`demo_scorecard_content`) inside the demo's
transaction.

Every indicator, target step and figure is checked first with the same
domain rules a user's entry meets (`validate_indicator`, `validate_target`,
`validate_figure` against the demo's as-at date), plus the rules of the
content itself: a value for each month, commentary only on a month with a
figure, a recorder the board knows. A slip is a `ValidationError` naming the
indicator and month ("Demo indicator PI06 Jan 2014: Value"), so it fails the
tests instead of showing as a strange chart, and nothing is written.

The rows are then written as the scorecard services would leave them: the
indicators in the content's order, each target step and figure audited as
its creation, under the labels `indicators` and `figures` use ("PI02 from
Apr 2013", "PI06 Jan 2014"). Figures are recorded by the performance lead
who compiles the monthly return, not by whoever created the file. Rows are
added in bulk and flushed once, a statement a table: 236 figures cost a few
milliseconds, not a query each.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Indicator, IndicatorFigure, IndicatorTarget
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.periods import Frequency, period_label
from improvement_desk.domain.scorecard import validate_figure, validate_indicator, validate_target
from improvement_desk.domain.text_rules import field_values
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.demo_content import AS_AT
from improvement_desk.services.demo_scorecard_content import (
    INDICATORS,
    MONTHS,
    RECORDED_BY,
    DemoIndicator,
)
from improvement_desk.services.figures import FIGURE_ENTITY, figure_label
from improvement_desk.services.indicators import ENTITY, TARGET_ENTITY, target_label


def load_demo_scorecard(
    ctx: ServiceContext,
    session: Session,
    *,
    people: Iterable[str],
    indicators: Iterable[DemoIndicator] = INDICATORS,
    as_at: date = AS_AT,
    recorded_by: str = RECORDED_BY,
) -> int:
    """Writes the scorecard in the caller's open transaction; returns the number of indicators.

    `people` are the names the board knows (the recorder must be one of them).
    Nothing is written unless every indicator, target and figure is sound.
    """
    scorecard = list(indicators)
    taken = {r.lower() for r in session.scalars(select(Indicator.reference))}
    problems = scorecard_problems(
        scorecard, as_at=as_at, taken=taken, people=set(people), recorded_by=recorded_by
    )
    if problems:
        raise ValidationError(problems)
    trail = AuditTrail(ctx, session)
    last = session.scalar(select(func.max(Indicator.position)))
    start = 0 if last is None else last + 1
    at = ctx.now()  # one load, one moment: as one month's return is recorded at once
    rows = [
        _row(demo, position=position, recorded_by=recorded_by, at=at)
        for position, demo in enumerate(scorecard, start)
    ]
    session.add_all(rows)
    session.flush()  # one INSERT a table for the lot
    for demo, indicator in zip(scorecard, rows, strict=True):
        _audit(trail, demo, indicator)
    return len(scorecard)


def scorecard_problems(
    scorecard: Iterable[DemoIndicator],
    *,
    as_at: date,
    taken: Iterable[str] = (),
    people: set[str] | None = None,
    recorded_by: str = RECORDED_BY,
) -> list[FieldProblem]:
    """Every problem in the content, each field prefixed with the indicator it belongs to."""
    problems: list[FieldProblem] = []
    if people is not None and recorded_by not in people:
        problems.append(
            FieldProblem("Demo scorecard: Recorded by", f"{recorded_by} is not on the board")
        )
    seen = {r.lower() for r in taken}
    for demo in scorecard:
        problems.extend(
            FieldProblem(f"Demo indicator {demo.reference}: {p.field}", p.message)
            for p in _problems(demo, as_at=as_at, taken=seen)
        )
        seen.add(demo.reference.lower())
    return problems


def _problems(demo: DemoIndicator, *, as_at: date, taken: set[str]) -> list[FieldProblem]:
    draft = demo.draft
    found = validate_indicator(draft)
    if demo.reference.lower() in taken:
        found.append(FieldProblem("Reference", "is already used by another indicator"))
    starts: set[date] = set()
    for step in demo.targets:
        label = f"Target from {step.from_period:%b %Y}"
        found.extend(
            FieldProblem(f"{label}: {p.field}", p.message)
            for p in validate_target(step, draft.unit, draft.frequency)
        )
        if step.from_period in starts:
            found.append(FieldProblem(label, "is given twice"))
        starts.add(step.from_period)
    if draft.frequency is not Frequency.MONTHLY or len(demo.values) != len(MONTHS):
        found.append(
            FieldProblem(
                "Values",
                f"needs one monthly value for each of the {len(MONTHS)} months from "
                f"{MONTHS[0]:%b %Y} to {MONTHS[-1]:%b %Y} (None for a gap); "
                f"{len(demo.values)} given",
            )
        )
        return found
    for figure in demo.figures():
        found.extend(
            FieldProblem(f"{period_label(figure.period, draft.frequency)}: {p.field}", p.message)
            for p in validate_figure(figure, draft.unit, draft.frequency, today=as_at)
        )
    for month in demo.notes:
        if demo.value(month) is None:
            found.append(
                FieldProblem(
                    f"{period_label(month, draft.frequency)}: Commentary",
                    "explains a month with no figure; a gap has no figure to hold it",
                )
            )
    return found


def _row(demo: DemoIndicator, *, position: int, recorded_by: str, at: datetime) -> Indicator:
    """The indicator with its target steps and figures, ready to add."""
    indicator = Indicator(created_at=at, position=position, active=True, **field_values(demo.draft))
    indicator.targets = [
        IndicatorTarget(from_period=s.from_period, target=s.target)
        for s in sorted(demo.targets, key=lambda s: s.from_period)
    ]
    indicator.figures = [
        IndicatorFigure(
            period=f.period,
            value=float(f.value),
            commentary=f.commentary,
            recorded_by=recorded_by,
            recorded_at=at,
        )
        for f in demo.figures()
    ]
    return indicator


def _audit(trail: AuditTrail, demo: DemoIndicator, indicator: Indicator) -> None:
    """As IndicatorService.create, set_target and FigureService.record audit theirs."""
    trail.created(ENTITY, indicator.id, demo.reference, field_values(demo.draft))
    for t in indicator.targets:
        trail.created(
            TARGET_ENTITY,
            t.id,
            target_label(demo.reference, t.from_period, indicator.frequency),
            {"indicator_id": indicator.id, "from_period": t.from_period, "target": t.target},
        )
    for f in indicator.figures:
        trail.created(
            FIGURE_ENTITY,
            f.id,
            figure_label(indicator, f.period),
            {
                "indicator_id": indicator.id,
                "period": f.period,
                "value": f.value,
                "commentary": f.commentary,
            },
        )
