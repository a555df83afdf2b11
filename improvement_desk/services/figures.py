"""Recording the scorecard's figures: one value per indicator per period, with commentary, audited.

A month's figures usually arrive together, from the performance team's
return, so `record_many` saves them all or none: a board must never see half
a month rated. The `*_in` functions are units of work inside a caller's
transaction, which the Excel import applies many at a time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Indicator, IndicatorFigure
from improvement_desk.domain.errors import Conflict, FieldProblem, NotFound, ValidationError
from improvement_desk.domain.periods import period_label
from improvement_desk.domain.scorecard import FigureDraft, validate_figure
from improvement_desk.domain.text_rules import clean_fields
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.indicators import (
    create_indicator_in,
    remove_target_in,
    set_target_in,
    update_indicator_in,
)
from improvement_desk.services.scorecard_reader import figure_record
from improvement_desk.services.scorecard_records import FigureRecord

# The indicator units are re-exported so an importer finds every scorecard unit in one place.
__all__ = [
    "FIGURE_ENTITY",
    "FigureService",
    "create_indicator_in",
    "figure_label",
    "find_figure",
    "record_figure_in",
    "remove_figure_in",
    "remove_target_in",
    "set_target_in",
    "update_indicator_in",
]

FIGURE_ENTITY = "indicator_figure"


def figure_label(indicator: Indicator, period: date) -> str:
    """ "CP1 Jan 2014": how a figure is named in the audit trail and in messages."""
    return f"{indicator.reference} {period_label(period, indicator.frequency)}"


class FigureService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def record(
        self, indicator_id: int, draft: FigureDraft, *, expected_version: int | None = None
    ) -> FigureRecord:
        """A new figure when the period has none, else a change to it (version checked)."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = fetch(session, Indicator, indicator_id, "Indicator")
            figure = record_figure_in(
                self._ctx, session, indicator, draft, expected_version=expected_version
            )
            return figure_record(figure)

    def record_many(self, entries: Sequence[tuple[int, FigureDraft]]) -> list[FigureRecord]:
        """Records every entry or none; the error names each bad one ("CP1 Jan 2014 Value")."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            problems: list[FieldProblem] = []
            saved: list[IndicatorFigure] = []
            seen: set[tuple[int, date]] = set()
            for indicator_id, draft in entries:
                indicator = fetch(session, Indicator, indicator_id, "Indicator")
                label = figure_label(indicator, draft.period)
                if (indicator_id, draft.period) in seen:
                    problems.append(FieldProblem(f"{label} Period", "is given twice"))
                    continue
                seen.add((indicator_id, draft.period))
                try:
                    saved.append(record_figure_in(self._ctx, session, indicator, draft))
                except ValidationError as exc:
                    problems += [
                        FieldProblem(f"{label} {p.field}", p.message) for p in exc.problems
                    ]
            raise_if(problems)  # rolls the whole transaction back
            return [figure_record(f) for f in saved]

    def remove(
        self, indicator_id: int, period: date, *, expected_version: int | None = None
    ) -> FigureRecord:
        """Removes the figure for a period; returns it, so undo can record it again."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = fetch(session, Indicator, indicator_id, "Indicator")
            return remove_figure_in(
                self._ctx, session, indicator, period, expected_version=expected_version
            )


# -- units of work inside a caller's transaction (an import applies many in one) ------------


def find_figure(session: Session, indicator_id: int, period: date) -> IndicatorFigure | None:
    return session.scalar(
        select(IndicatorFigure).where(
            IndicatorFigure.indicator_id == indicator_id, IndicatorFigure.period == period
        )
    )


def record_figure_in(
    ctx: ServiceContext,
    session: Session,
    indicator: Indicator,
    draft: FigureDraft,
    *,
    expected_version: int | None = None,
) -> IndicatorFigure:
    """Creates the period's figure, or updates it (audited field by field; nothing is written
    when value and commentary are unchanged). `expected_version` None: no staleness check."""
    draft = clean_fields(draft)
    raise_if(validate_figure(draft, indicator.unit, indicator.frequency, today=ctx.today()))
    label = figure_label(indicator, draft.period)
    trail = AuditTrail(ctx, session)
    figure = find_figure(session, indicator.id, draft.period)
    if figure is None:
        if expected_version is not None:
            raise Conflict(
                f"The figure for {label} was removed since you opened it; nothing was saved. "
                "Reload and try again.",
                kind="Figure",
                key=label,
                stale=True,
            )
        figure = IndicatorFigure(
            indicator_id=indicator.id,
            period=draft.period,
            value=draft.value,
            commentary=draft.commentary,
            recorded_by=ctx.actor.name,
            recorded_at=ctx.now(),
        )
        session.add(figure)
        session.flush()
        trail.created(
            FIGURE_ENTITY,
            figure.id,
            label,
            {
                "indicator_id": indicator.id,
                "period": draft.period,
                "value": draft.value,
                "commentary": draft.commentary,
            },
        )
        return figure
    check_version(figure, expected_version, "Figure", label)
    changed = trail.apply(
        figure, FIGURE_ENTITY, label, {"value": draft.value, "commentary": draft.commentary}
    )
    if changed:
        figure.recorded_by = ctx.actor.name
        figure.recorded_at = ctx.now()
        session.flush()
    return figure


def remove_figure_in(
    ctx: ServiceContext,
    session: Session,
    indicator: Indicator,
    period: date,
    *,
    expected_version: int | None = None,
) -> FigureRecord:
    label = figure_label(indicator, period)
    figure = find_figure(session, indicator.id, period)
    if figure is None:
        raise NotFound("Figure", label)
    check_version(figure, expected_version, "Figure", label)
    removed = figure_record(figure)
    AuditTrail(ctx, session).deleted(
        FIGURE_ENTITY,
        figure.id,
        label,
        {
            "indicator_id": indicator.id,
            "period": period,
            "value": figure.value,
            "commentary": figure.commentary,
        },
    )
    session.delete(figure)
    session.flush()
    return removed
