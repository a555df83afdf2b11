"""Defining the scorecard's indicators and their targets over time, audited.

An indicator's unit and frequency say what its figures mean ("93.8" is a
percentage of a month's visits), so neither may change once figures are
recorded: the history would silently change meaning. A target is a step that
applies from a period until the next step, so raising the bar in April does
not re-rate last year. The `*_in` functions are units of work inside a
caller's transaction: the Excel import applies many of them in one.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Indicator, IndicatorFigure, IndicatorTarget
from improvement_desk.domain.errors import Conflict, FieldProblem, NotFound, ValidationError
from improvement_desk.domain.periods import Frequency, is_period_start, period_label
from improvement_desk.domain.scorecard import (
    IndicatorDraft,
    TargetStep,
    Unit,
    validate_indicator,
    validate_target,
)
from improvement_desk.domain.text_rules import clean_fields, field_values
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.ordering import check_index, moved, renumber
from improvement_desk.services.scorecard_reader import load_indicator, load_indicators
from improvement_desk.services.scorecard_records import (
    IndicatorRecord,
    IndicatorSnapshot,
    TargetRecord,
)

ENTITY = "indicator"
TARGET_ENTITY = "indicator_target"
# A target given without a start applies to every period: 1 Jan 2000 starts a month and a quarter.
FROM_THE_START = date(2000, 1, 1)


def target_label(reference: str, from_period: date, frequency: Frequency) -> str:
    """ "CP1 from Apr 2014": how a target step is named in the audit trail."""
    return f"{reference} from {period_label(from_period, frequency)}"


class IndicatorService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def create(
        self, draft: IndicatorDraft, *, target: float | None = None, target_from: date | None = None
    ) -> IndicatorRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = create_indicator_in(
                self._ctx, session, draft, target=target, target_from=target_from
            )
            return load_indicator(session, indicator.id)

    def update(
        self, indicator_id: int, draft: IndicatorDraft, *, expected_version: int | None
    ) -> IndicatorRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = _fetch(session, indicator_id, expected_version)
            update_indicator_in(self._ctx, session, indicator, draft)
            return load_indicator(session, indicator_id)

    def set_active(
        self, indicator_id: int, active: bool, *, expected_version: int | None
    ) -> IndicatorRecord:
        """Retires an indicator from the scorecard (or brings it back); its history stays."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = _fetch(session, indicator_id, expected_version)
            AuditTrail(self._ctx, session).apply(
                indicator, ENTITY, indicator.reference, {"active": active}
            )
            session.flush()
            return load_indicator(session, indicator_id)

    def move(self, indicator_id: int, new_index: int) -> list[IndicatorRecord]:
        """Puts an indicator at this place (0-based) in the board's order."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = fetch(session, Indicator, indicator_id, "Indicator")
            order = _in_order(session)
            check_index(new_index, len(order))
            old_index = order.index(indicator)
            if old_index != new_index:
                AuditTrail(self._ctx, session).apply_value(
                    ENTITY, indicator.id, indicator.reference, "place", old_index + 1, new_index + 1
                )
                renumber(session, Indicator, moved(order, indicator, new_index))
            return load_indicators(session)

    def set_target(
        self, indicator_id: int, step: TargetStep, *, expected_version: int | None = None
    ) -> IndicatorRecord:
        """Adds the target step starting at `step.from_period`, or replaces its value.

        `expected_version` is the version of the step the screen showed starting then, 0 if
        it showed none; None (the CLI, undo replaying its own step) skips the check.
        """
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = fetch(session, Indicator, indicator_id, "Indicator")
            existing = _target(session, indicator.id, step.from_period)
            _check_step(indicator, step.from_period, existing, expected_version)
            set_target_in(self._ctx, session, indicator, step)
            return load_indicator(session, indicator_id)

    def remove_target(
        self, indicator_id: int, from_period: date, *, expected_version: int | None = None
    ) -> IndicatorRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = fetch(session, Indicator, indicator_id, "Indicator")
            existing = _target(session, indicator.id, from_period)
            if existing is not None:  # else remove_target_in says it is not there
                _check_step(indicator, from_period, existing, expected_version)
            remove_target_in(self._ctx, session, indicator, from_period)
            return load_indicator(session, indicator_id)

    def delete(self, indicator_id: int, *, expected_version: int | None) -> IndicatorSnapshot:
        """Deletes an indicator with its targets and figures; the snapshot lets undo restore it."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = _fetch(session, indicator_id, expected_version)
            return delete_indicator_in(self._ctx, session, indicator)

    def restore(self, snapshot: IndicatorSnapshot) -> IndicatorRecord:
        """Puts a deleted indicator back with its id, place, targets and figures (undo)."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            indicator = restore_indicator_in(self._ctx, session, snapshot)
            return load_indicator(session, indicator.id)


# -- units of work inside a caller's transaction (an import applies many in one) ------------


def create_indicator_in(
    ctx: ServiceContext,
    session: Session,
    draft: IndicatorDraft,
    *,
    target: float | None = None,
    target_from: date | None = None,
) -> Indicator:
    """A new indicator at the end of the board's order, with its first target if given
    (from `target_from`, or from the start: every period is rated against it)."""
    draft = clean_fields(draft)
    problems = validate_indicator(draft)
    step = TargetStep(target_from or FROM_THE_START, target) if target is not None else None
    if step is not None:
        problems += validate_target(step, draft.unit, draft.frequency)
    elif target_from is not None:
        problems.append(FieldProblem("Target", "is required when a start period is given"))
    raise_if(problems)
    check_unique(session, draft.reference, None)
    last = session.scalar(select(func.max(Indicator.position)))
    values = field_values(draft)
    indicator = Indicator(
        created_at=ctx.now(), position=0 if last is None else last + 1, active=True, **values
    )
    session.add(indicator)
    session.flush()
    AuditTrail(ctx, session).created(ENTITY, indicator.id, draft.reference, values)
    if step is not None:
        set_target_in(ctx, session, indicator, step)
    return indicator


def update_indicator_in(
    ctx: ServiceContext, session: Session, indicator: Indicator, draft: IndicatorDraft
) -> list[str]:
    """Applies a draft; returns the fields that changed. Refuses a new unit or frequency once
    figures exist, and one its existing targets would not fit."""
    draft = clean_fields(draft)
    problems = validate_indicator(draft)
    figures = figure_count(session, indicator.id)
    for name, label in (("unit", "Unit"), ("frequency", "Frequency")):
        if getattr(draft, name) != getattr(indicator, name) and figures:
            problems.append(
                FieldProblem(
                    label,
                    f"cannot change once figures are recorded ({figures} so far): "
                    "they would change meaning",
                )
            )
    if not problems:
        problems += _target_misfits(session, indicator.id, draft.unit, draft.frequency)
    raise_if(problems)
    check_unique(session, draft.reference, indicator.id)
    changed = AuditTrail(ctx, session).apply(
        indicator, ENTITY, draft.reference, field_values(draft)
    )
    session.flush()
    return changed


def set_target_in(
    ctx: ServiceContext, session: Session, indicator: Indicator, step: TargetStep
) -> IndicatorTarget:
    """Adds the step starting at that period, or changes its value (audited either way)."""
    raise_if(validate_target(step, indicator.unit, indicator.frequency))
    label = target_label(indicator.reference, step.from_period, indicator.frequency)
    trail = AuditTrail(ctx, session)
    existing = _target(session, indicator.id, step.from_period)
    if existing is not None:
        trail.apply(existing, TARGET_ENTITY, label, {"target": step.target})
        session.flush()
        return existing
    row = IndicatorTarget(
        indicator_id=indicator.id, from_period=step.from_period, target=step.target
    )
    session.add(row)
    session.flush()
    trail.created(
        TARGET_ENTITY,
        row.id,
        label,
        {"indicator_id": indicator.id, "from_period": step.from_period, "target": step.target},
    )
    return row


def remove_target_in(
    ctx: ServiceContext, session: Session, indicator: Indicator, from_period: date
) -> TargetRecord:
    """Takes away the step starting at that period; returns it (for undo)."""
    existing = _target(session, indicator.id, from_period)
    label = target_label(indicator.reference, from_period, indicator.frequency)
    if existing is None:
        raise NotFound("Target", label)
    removed = TargetRecord(existing.id, existing.from_period, existing.target, existing.version)
    AuditTrail(ctx, session).deleted(
        TARGET_ENTITY,
        existing.id,
        label,
        {"indicator_id": indicator.id, "from_period": from_period, "target": existing.target},
    )
    session.delete(existing)
    session.flush()
    return removed


_FIGURE_FIELDS = ("id", "period", "value", "commentary", "recorded_by", "recorded_at")


def delete_indicator_in(
    ctx: ServiceContext, session: Session, indicator: Indicator
) -> IndicatorSnapshot:
    record = load_indicator(session, indicator.id)
    figures = list(
        session.scalars(
            select(IndicatorFigure)
            .where(IndicatorFigure.indicator_id == indicator.id)
            .order_by(IndicatorFigure.period)
        )
    )
    values: dict[str, object] = {
        "id": indicator.id,
        "position": indicator.position,
        "active": indicator.active,
        "created_at": indicator.created_at,
        **field_values(record.draft()),
    }
    snapshot = IndicatorSnapshot(
        values,
        tuple(
            {"id": t.id, "from_period": t.from_period, "target": t.target} for t in record.targets
        ),
        tuple({name: getattr(f, name) for name in _FIGURE_FIELDS} for f in figures),
    )
    AuditTrail(ctx, session).deleted(
        ENTITY,
        indicator.id,
        indicator.reference,
        {
            **field_values(record.draft()),
            "active": indicator.active,
            "targets": _steps_text(record),
            "figures": len(figures),
        },
    )
    session.delete(indicator)  # targets and figures go with it (cascade)
    session.flush()
    renumber(session, Indicator, _in_order(session))
    return snapshot


def restore_indicator_in(
    ctx: ServiceContext, session: Session, snapshot: IndicatorSnapshot
) -> Indicator:
    values = dict(snapshot.values)
    indicator_id = values["id"]
    reference = str(values["reference"])
    if not isinstance(indicator_id, int):
        raise ValidationError.single("Indicator", "the snapshot has no id")
    if session.get(Indicator, indicator_id) is not None:
        raise ValidationError.single("Indicator", f"{reference} already exists")
    check_unique(session, reference, None)
    order = _in_order(session)
    place = values.pop("position")
    indicator = Indicator(position=len(order), **values)
    session.add(indicator)
    session.flush()
    session.add_all(IndicatorTarget(indicator_id=indicator_id, **t) for t in snapshot.targets)
    session.add_all(IndicatorFigure(indicator_id=indicator_id, **f) for f in snapshot.figures)
    session.flush()
    index = min(place if isinstance(place, int) else len(order), len(order))
    renumber(session, Indicator, moved([*order, indicator], indicator, index))
    record = load_indicator(session, indicator_id)
    AuditTrail(ctx, session).restored(
        ENTITY,
        indicator_id,
        reference,
        {
            **field_values(record.draft()),
            "active": record.active,
            "targets": _steps_text(record),
            "figures": len(snapshot.figures),
        },
    )
    return indicator


def _steps_text(record: IndicatorRecord) -> str:
    """ "44.2 from Apr 2013; 40 from Apr 2014": a deleted indicator's targets in one audit row."""
    return "; ".join(
        f"{t.target:g} from {period_label(t.from_period, record.frequency)}" for t in record.targets
    )


def check_unique(session: Session, reference: str, own_id: int | None) -> None:
    other = session.scalar(
        select(Indicator.id).where(func.lower(Indicator.reference) == reference.lower())
    )
    if other is not None and other != own_id:
        raise ValidationError(
            FieldProblem("Reference", f"{reference} is already used by another indicator")
        )


def figure_count(session: Session, indicator_id: int) -> int:
    return (
        session.scalar(
            select(func.count())
            .select_from(IndicatorFigure)
            .where(IndicatorFigure.indicator_id == indicator_id)
        )
        or 0
    )


def _target_misfits(
    session: Session, indicator_id: int, unit: Unit, frequency: Frequency
) -> list[FieldProblem]:
    """A new unit or frequency must still fit every existing target step."""
    problems: list[FieldProblem] = []
    for t in session.scalars(
        select(IndicatorTarget)
        .where(IndicatorTarget.indicator_id == indicator_id)
        .order_by(IndicatorTarget.from_period)
    ):
        if not is_period_start(t.from_period, frequency):
            problems.append(
                FieldProblem(
                    "Frequency",
                    f"the target from {t.from_period:%d %b %Y} does not start a "
                    f"{frequency.label.lower()} period",
                )
            )
        for p in validate_target(TargetStep(t.from_period, t.target), unit, Frequency.MONTHLY):
            problems.append(
                FieldProblem("Unit", f"the target from {t.from_period:%b %Y}: {p.message}")
            )
    return problems


def _target(session: Session, indicator_id: int, from_period: date) -> IndicatorTarget | None:
    return session.scalar(
        select(IndicatorTarget).where(
            IndicatorTarget.indicator_id == indicator_id,
            IndicatorTarget.from_period == from_period,
        )
    )


def _check_step(
    indicator: Indicator, from_period: date, row: IndicatorTarget | None, expected: int | None
) -> None:
    """The step must still be as the screen showed it: at that version, or absent (0)."""
    if expected is None:
        return
    label = target_label(indicator.reference, from_period, indicator.frequency)
    if row is not None and expected:
        check_version(row, expected, "Target", label)
    elif row is not None or expected:
        done = "set" if row is not None else "removed"
        raise Conflict(
            f"Target {label} was {done} by someone else since you opened it; "
            "nothing was saved. Reload to see it.",
            kind="Target",
            key=row.id if row is not None else None,
            stale=True,
        )


def _in_order(session: Session) -> list[Indicator]:
    return list(session.scalars(select(Indicator).order_by(Indicator.position, Indicator.id)))


def _fetch(session: Session, indicator_id: int, expected_version: int | None) -> Indicator:
    indicator = fetch(session, Indicator, indicator_id, "Indicator")
    check_version(indicator, expected_version, "Indicator", indicator.reference)
    return indicator
