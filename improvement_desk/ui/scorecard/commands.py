"""Undo commands for the scorecard, each one change undone and redone through the services.

As on the other pages, the change is applied before the command is pushed
(`DeskCommand`), and a refused undo or redo reports and drops the command.
Each step first checks that the record still holds what this command left
(`expect_as_left`): a run of our own steps undoes in turn, while a colleague's
change in between is refused, never overwritten. Figures and targets are
found again by indicator and period, which survive a delete and restore. A
target step is replayed with no expected version (the check by content stands
for it): the version the page showed is the editor's to pass, on the first step.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from improvement_desk.domain.errors import Conflict
from improvement_desk.domain.periods import period_label
from improvement_desk.domain.scorecard import FigureDraft, TargetStep
from improvement_desk.services.scorecard_records import (
    FigureRecord,
    IndicatorRecord,
    IndicatorSnapshot,
    TargetRecord,
)
from improvement_desk.ui.plan.commands import DeskCommand, Refresh, ReportError, expect_as_left

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


def state(record: IndicatorRecord) -> tuple[object, ...]:
    """What an indicator's own edits change (targets and figures are commands of their own)."""
    return (record.draft(), record.active)


def _as_left(desk: Desk, indicator_id: int, left: tuple[object, ...]) -> int:
    current = desk.scorecard.indicator(indicator_id)
    return expect_as_left("Indicator", current.reference, state(current), left, current.version)


def figure_now(desk: Desk, indicator_id: int, period: date) -> FigureRecord | None:
    return next((f for f in desk.scorecard.figures(indicator_id) if f.period == period), None)


def _content(figure: FigureRecord | FigureDraft | None) -> tuple[object, ...] | None:
    return None if figure is None else (figure.value, figure.commentary)


def _figure_as_left(
    desk: Desk, indicator_id: int, period: date, left: FigureRecord | FigureDraft | None, label: str
) -> FigureRecord | None:
    """The figure now, provided it is what this command left (or absent, if it left none)."""
    now = figure_now(desk, indicator_id, period)
    if _content(now) != _content(left):
        raise Conflict(
            f"The figure {label} was changed by someone else since; nothing was changed. "
            "Reload to see their change.",
            kind="Figure",
        )
    return now


def _draft(figure: FigureRecord) -> FigureDraft:
    return FigureDraft(figure.period, figure.value, figure.commentary)


def figure_label(indicator: IndicatorRecord, period: date) -> str:
    return f"{indicator.reference} {period_label(period, indicator.frequency)}"


class AddIndicator(DeskCommand):
    def __init__(
        self, record: IndicatorRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"Add indicator {record.reference}", desk, refresh, report)
        self.record = record
        self.snapshot: IndicatorSnapshot | None = None

    def apply(self) -> None:
        assert self.snapshot is not None
        self.record = self.desk.indicators.restore(self.snapshot)

    def revert(self) -> None:
        version = _as_left(self.desk, self.record.id, state(self.record))
        self.snapshot = self.desk.indicators.delete(self.record.id, expected_version=version)


class EditIndicator(DeskCommand):
    def __init__(
        self,
        before: IndicatorRecord,
        after: IndicatorRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Edit indicator {after.reference}", desk, refresh, report)
        self.before, self.after = before, after

    def _set(self, left: IndicatorRecord, wanted: IndicatorRecord) -> None:
        version = _as_left(self.desk, left.id, state(left))
        self.desk.indicators.update(left.id, wanted.draft(), expected_version=version)

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


class SetActive(DeskCommand):
    def __init__(
        self, before: IndicatorRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        verb = "Activate" if not before.active else "Deactivate"
        super().__init__(f"{verb} indicator {before.reference}", desk, refresh, report)
        self.before = before

    def _set(self, left_active: bool) -> None:
        version = _as_left(self.desk, self.before.id, (self.before.draft(), left_active))
        self.desk.indicators.set_active(self.before.id, not left_active, expected_version=version)

    def apply(self) -> None:
        self._set(self.before.active)

    def revert(self) -> None:
        self._set(not self.before.active)


class DeleteIndicator(DeskCommand):
    def __init__(
        self, snapshot: IndicatorSnapshot, record: IndicatorRecord, desk: Desk, refresh: Refresh,
        report: ReportError,
    ) -> None:  # fmt: skip
        super().__init__(f"Delete indicator {record.reference}", desk, refresh, report)
        self.snapshot = snapshot
        self.record = record

    def apply(self) -> None:
        version = _as_left(self.desk, self.record.id, state(self.record))
        self.snapshot = self.desk.indicators.delete(self.record.id, expected_version=version)

    def revert(self) -> None:
        self.record = self.desk.indicators.restore(self.snapshot)


class MoveIndicator(DeskCommand):
    def __init__(
        self, record: IndicatorRecord, old_index: int, new_index: int, desk: Desk,
        refresh: Refresh, report: ReportError,
    ) -> None:  # fmt: skip
        direction = "up" if new_index < old_index else "down"
        super().__init__(f"Move {record.reference} {direction}", desk, refresh, report)
        self.record = record
        self.old_index, self.new_index = old_index, new_index

    def _move(self, at: int, to: int) -> None:
        order = [i.id for i in self.desk.scorecard.indicators()]
        index = order.index(self.record.id) if self.record.id in order else -1
        expect_as_left("Indicator", self.record.reference, index, at, 0)
        self.desk.indicators.move(self.record.id, to)

    def apply(self) -> None:
        self._move(self.old_index, self.new_index)

    def revert(self) -> None:
        self._move(self.new_index, self.old_index)


def _step_value(desk: Desk, indicator_id: int, from_period: date) -> float | None:
    targets = desk.scorecard.indicator(indicator_id).targets
    return next((t.target for t in targets if t.from_period == from_period), None)


class SetTarget(DeskCommand):
    def __init__(
        self, indicator: IndicatorRecord, step: TargetStep, replaced: TargetRecord | None,
        desk: Desk, refresh: Refresh, report: ReportError,
    ) -> None:  # fmt: skip
        when = period_label(step.from_period, indicator.frequency)
        super().__init__(
            f"Set the target of {indicator.reference} from {when} to "
            f"{indicator.unit.show(step.target)}", desk, refresh, report,
        )  # fmt: skip
        self.indicator, self.step, self.replaced = indicator, step, replaced

    def _check(self, left: float | None) -> None:
        now = _step_value(self.desk, self.indicator.id, self.step.from_period)
        expect_as_left("Target of", self.indicator.reference, now, left, 0)

    def apply(self) -> None:
        self._check(self.replaced.target if self.replaced else None)
        self.desk.indicators.set_target(self.indicator.id, self.step)

    def revert(self) -> None:
        self._check(self.step.target)
        if self.replaced is None:
            self.desk.indicators.remove_target(self.indicator.id, self.step.from_period)
        else:
            old = TargetStep(self.replaced.from_period, self.replaced.target)
            self.desk.indicators.set_target(self.indicator.id, old)


class RemoveTarget(DeskCommand):
    def __init__(
        self, indicator: IndicatorRecord, removed: TargetRecord, desk: Desk, refresh: Refresh,
        report: ReportError,
    ) -> None:  # fmt: skip
        when = period_label(removed.from_period, indicator.frequency)
        super().__init__(
            f"Remove the target of {indicator.reference} from {when}", desk, refresh, report
        )
        self.indicator, self.removed = indicator, removed

    def apply(self) -> None:
        now = _step_value(self.desk, self.indicator.id, self.removed.from_period)
        expect_as_left("Target of", self.indicator.reference, now, self.removed.target, 0)
        self.desk.indicators.remove_target(self.indicator.id, self.removed.from_period)

    def revert(self) -> None:
        now = _step_value(self.desk, self.indicator.id, self.removed.from_period)
        expect_as_left("Target of", self.indicator.reference, now, None, 0)
        step = TargetStep(self.removed.from_period, self.removed.target)
        self.desk.indicators.set_target(self.indicator.id, step)


def _put(desk: Desk, indicator_id: int, period: date, wanted: FigureRecord | FigureDraft | None,
         now: FigureRecord | None) -> None:  # fmt: skip
    """Makes the period hold `wanted` (None: no figure), from `now`."""
    if wanted is None:
        if now is not None:
            desk.figures.remove(indicator_id, period, expected_version=now.version)
        return
    draft = wanted if isinstance(wanted, FigureDraft) else _draft(wanted)
    desk.figures.record(indicator_id, draft, expected_version=now.version if now else None)


class RecordFigure(DeskCommand):
    def __init__(
        self, indicator: IndicatorRecord, before: FigureRecord | None, after: FigureRecord,
        desk: Desk, refresh: Refresh, report: ReportError,
    ) -> None:  # fmt: skip
        unit = indicator.unit
        what = figure_label(indicator, after.period)
        text = (
            f"Enter {what} figure ({unit.show(after.value)})"
            if before is None
            else f"Correct {what} figure ({unit.show(before.value)} → {unit.show(after.value)})"
        )
        super().__init__(text, desk, refresh, report)
        self.indicator, self.before, self.after = indicator, before, after
        self.label = what

    def _set(self, left: FigureRecord | None, wanted: FigureRecord | None) -> None:
        period = self.after.period
        now = _figure_as_left(self.desk, self.indicator.id, period, left, self.label)
        _put(self.desk, self.indicator.id, period, wanted, now)

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


class RemoveFigure(DeskCommand):
    def __init__(
        self, indicator: IndicatorRecord, removed: FigureRecord, desk: Desk, refresh: Refresh,
        report: ReportError,
    ) -> None:  # fmt: skip
        self.label = figure_label(indicator, removed.period)
        super().__init__(
            f"Remove {self.label} figure ({indicator.unit.show(removed.value)})",
            desk, refresh, report,
        )  # fmt: skip
        self.indicator, self.removed = indicator, removed

    def apply(self) -> None:
        period = self.removed.period
        now = _figure_as_left(self.desk, self.indicator.id, period, self.removed, self.label)
        _put(self.desk, self.indicator.id, period, None, now)

    def revert(self) -> None:
        period = self.removed.period
        now = _figure_as_left(self.desk, self.indicator.id, period, None, self.label)
        _put(self.desk, self.indicator.id, period, self.removed, now)


class EnterMonth(DeskCommand):
    """A month's figures: redo saves them all or none (`record_many`); undo puts each period
    back as it was, checking first that every one still holds what was entered."""

    def __init__(
        self, month: date, entries: Sequence[tuple[int, FigureDraft]],
        before: dict[tuple[int, date], FigureRecord | None], desk: Desk, refresh: Refresh,
        report: ReportError,
    ) -> None:  # fmt: skip
        count = len(entries)
        super().__init__(
            f"Enter {count} figure{'s' if count != 1 else ''} for {month:%b %Y}",
            desk, refresh, report,
        )  # fmt: skip
        self.entries = list(entries)
        self.before = dict(before)

    def _check(
        self, left: dict[tuple[int, date], FigureRecord | FigureDraft | None]
    ) -> dict[tuple[int, date], FigureRecord | None]:
        return {
            key: _figure_as_left(self.desk, key[0], key[1], value, f"for {key[1]:%b %Y}")
            for key, value in left.items()
        }

    def apply(self) -> None:
        self._check(dict(self.before))
        self.desk.figures.record_many(self.entries)

    def revert(self) -> None:
        now = self._check({(i, d.period): d for i, d in self.entries})
        for (indicator_id, period), was in self.before.items():
            _put(self.desk, indicator_id, period, was, now[(indicator_id, period)])
