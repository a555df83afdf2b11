"""Turns the scorecard page's commands into dialogs, service calls and undo commands.

The contract of the other pages' editors: a dialog emits what the user asked
for; the editor asks the service; a refusal keeps the dialog open with the
problems under their fields, and a success goes on the undo stack and reloads
selecting the indicator. When someone else changed the indicator or figure
since its edit dialog opened, the user chooses: reload theirs, save mine over
theirs, or keep editing (`ui/edit_dialogs.py`); a conflict in the other dialogs
closes them and reloads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from improvement_desk.domain.errors import DeskError
from improvement_desk.domain.periods import period_label
from improvement_desk.domain.scorecard import FigureDraft, TargetStep
from improvement_desk.services.scorecard_records import (
    IndicatorRecord,
    ScorecardRow,
    ScorecardSnapshot,
)
from improvement_desk.ui.edit_dialogs import EditDialogs
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.scorecard import commands as cmd
from improvement_desk.ui.scorecard.figure_dialog import FigureDialog
from improvement_desk.ui.scorecard.indicator_dialog import IndicatorDialog, IndicatorForm
from improvement_desk.ui.scorecard.month_dialog import MonthFiguresDialog
from improvement_desk.ui.scorecard.target_dialogs import RemoveTargetDialog, TargetDialog

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

READ_ONLY_TITLE = "This board is read-only"
READ_ONLY_TEXT = "This board is open read-only; changes cannot be saved."
_NUMBERED = re.compile(r"^([A-Za-z]*)(\d+)$")


def next_reference(indicators: Sequence[IndicatorRecord]) -> str:
    """ "PI13" after PI1…PI12: the board's own numbering (its most used prefix), offered for a
    new indicator."""
    found = [m for i in indicators if (m := _NUMBERED.match(i.reference))]
    if not found:
        return "PI1"
    prefixes = [m.group(1) for m in found]
    prefix = max(dict.fromkeys(prefixes), key=prefixes.count)
    top = max(int(m.group(2)) for m in found if m.group(1) == prefix)
    return f"{prefix}{top + 1}"


def deletion_text(row: ScorecardRow) -> str:
    i = row.indicator
    figures, targets = len(row.figures), len(i.targets)
    return (
        f"Delete indicator {i.reference} “{i.name}” with its {figures} "
        f"figure{'s' if figures != 1 else ''} and {targets} target step"
        f"{'s' if targets != 1 else ''}? To keep its history but leave it off the scorecard, "
        "deactivate it instead. You can undo this."
    )


class ScorecardEditor:
    def __init__(
        self,
        parent: QWidget,
        desk: Desk,
        undo_stack: QUndoStack,
        messenger: Messenger,
        reload: Callable[[int | None], None],
        snapshot: Callable[[], ScorecardSnapshot],
    ) -> None:
        self._parent = parent
        self._desk = desk
        self._stack = undo_stack
        self._messenger = messenger
        self._reload = reload
        self._snapshot = snapshot
        self._dialogs = EditDialogs(
            undo_stack, self._report, self._refresh, conflict_title="The record changed"
        )

    @property
    def dialog(self) -> QDialog | None:
        """The open dialog, for tests and for focus."""
        return self._dialogs.dialog

    @property
    def conflict_box(self) -> QMessageBox | None:
        """The last "changed since you opened it" question."""
        return self._dialogs.conflict_box

    # -- plumbing ------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._reload(None)

    def _report(self, title: str, exc: DeskError) -> None:
        self._messenger.problem(self._parent, title, exc)

    def _args(self) -> tuple[Desk, Callable[[], None], Callable[[str, DeskError], None]]:
        return self._desk, self._refresh, self._report

    def _refused_read_only(self) -> bool:
        if self._desk.read_only:
            self._messenger.info(self._parent, READ_ONLY_TITLE, READ_ONLY_TEXT)
        return self._desk.read_only

    def _open(
        self,
        dialog: Any,
        submit: Callable[[Any], QUndoCommand | None],
        select: Callable[[], int | None],
        refetch: Callable[[], None] | None = None,
    ) -> None:
        self._dialogs.open(dialog, submit, lambda: self._reload(select()), refetch)

    def _act_now(
        self, title: str, step: Callable[[], QUndoCommand | None], select: int | None
    ) -> None:
        """A change with no dialog (or after a confirmation): apply, push, reload."""
        try:
            command = step()
        except DeskError as exc:
            self._report(title, exc)
            self._refresh()
            return
        if command is not None:
            self._stack.push(command)
        self._reload(select)

    # -- indicators ----------------------------------------------------------------------------

    def new_indicator(self) -> None:
        if self._refused_read_only():
            return
        snap = self._snapshot()
        indicators = [r.indicator for r in snap.rows]
        made: list[int] = []

        def submit(form: IndicatorForm) -> QUndoCommand:
            record = self._desk.indicators.create(
                form.draft, target=form.target, target_from=form.target_from
            )
            made.append(record.id)
            return cmd.AddIndicator(record, *self._args())

        dialog = IndicatorDialog(
            self._parent, initial=None, today=snap.as_at,
            taken=[i.reference for i in indicators],
            suggested_reference=next_reference(indicators),
        )  # fmt: skip
        self._open(dialog, submit, lambda: made[-1] if made else None)

    def edit_indicator(self, row: ScorecardRow) -> None:
        if self._refused_read_only():
            return
        snap = self._snapshot()
        record = row.indicator
        seen = [record]  # the version the form is saved against ("save mine over theirs")

        def submit(form: IndicatorForm) -> QUndoCommand | None:
            before = seen[0]
            if form.draft == before.draft():
                return None
            after = self._desk.indicators.update(
                record.id, form.draft, expected_version=before.version
            )
            return cmd.EditIndicator(before, after, *self._args())

        def refetch() -> None:
            seen[0] = self._desk.scorecard.indicator(record.id)

        dialog = IndicatorDialog(
            self._parent, initial=record, today=snap.as_at,
            taken=[r.indicator.reference for r in snap.rows], has_figures=bool(row.figures),
        )  # fmt: skip
        self._open(dialog, submit, lambda: record.id, refetch)

    def toggle_active(self, row: ScorecardRow) -> None:
        if self._refused_read_only():
            return
        record = row.indicator

        def step() -> QUndoCommand:
            self._desk.indicators.set_active(
                record.id, not record.active, expected_version=record.version
            )
            return cmd.SetActive(record, *self._args())

        verb = "activate" if not record.active else "deactivate"
        self._act_now(f"Cannot {verb} {record.reference}", step, record.id)

    def delete_indicator(self, row: ScorecardRow) -> None:
        if self._refused_read_only():
            return
        record = row.indicator

        def go() -> None:
            def step() -> QUndoCommand:
                snapshot = self._desk.indicators.delete(record.id, expected_version=record.version)
                return cmd.DeleteIndicator(snapshot, record, *self._args())

            self._act_now(f"Cannot delete {record.reference}", step, None)

        self._messenger.confirm(
            self._parent, "Delete indicator", deletion_text(row), go, yes="Delete"
        )

    def move(self, row: ScorecardRow, neighbour: ScorecardRow) -> None:
        """Puts the indicator where its neighbour in the table now is (the board's order)."""
        if self._refused_read_only():
            return
        record = row.indicator

        def step() -> QUndoCommand | None:
            order = [i.id for i in self._desk.scorecard.indicators()]
            old, new = order.index(record.id), order.index(neighbour.indicator.id)
            if old == new:
                return None
            self._desk.indicators.move(record.id, new)
            return cmd.MoveIndicator(record, old, new, *self._args())

        self._act_now(f"Cannot move {record.reference}", step, record.id)

    # -- targets -------------------------------------------------------------------------------

    def set_target(self, row: ScorecardRow) -> None:
        if self._refused_read_only():
            return
        record = row.indicator

        def submit(step: TargetStep) -> QUndoCommand | None:
            replaced = next((t for t in record.targets if t.from_period == step.from_period), None)
            if replaced is not None and replaced.target == step.target:
                return None
            self._desk.indicators.set_target(
                record.id, step, expected_version=replaced.version if replaced else 0
            )
            return cmd.SetTarget(record, step, replaced, *self._args())

        dialog = TargetDialog(self._parent, indicator=record, today=self._snapshot().as_at)
        self._open(dialog, submit, lambda: record.id)

    def remove_target(self, row: ScorecardRow, chosen: date | None = None) -> None:
        if self._refused_read_only():
            return
        record = row.indicator
        if not record.targets:
            self._messenger.info(
                self._parent, "No target to remove", f"{record.reference} has no target yet."
            )
            return

        def submit(from_period: date) -> QUndoCommand:
            removed = next(t for t in record.targets if t.from_period == from_period)
            self._desk.indicators.remove_target(
                record.id, from_period, expected_version=removed.version
            )
            return cmd.RemoveTarget(record, removed, *self._args())

        dialog = RemoveTargetDialog(self._parent, indicator=record, chosen=chosen)
        self._open(dialog, submit, lambda: record.id)

    # -- figures -------------------------------------------------------------------------------

    def enter_figure(self, row: ScorecardRow, period: date | None = None) -> None:
        if self._refused_read_only():
            return
        record = row.indicator
        # The versions the form is saved against; "save mine over theirs" reads them afresh.
        figures = {f.period: f for f in row.figures}

        def submit(draft: FigureDraft) -> QUndoCommand | None:
            before = figures.get(draft.period)
            if before is not None and (before.value, before.commentary) == (
                draft.value,
                draft.commentary,
            ):
                return None
            after = self._desk.figures.record(
                record.id, draft, expected_version=before.version if before else None
            )
            return cmd.RecordFigure(record, before, after, *self._args())

        def refetch() -> None:
            current = self._desk.scorecard.figures(record.id)
            figures.clear()
            figures.update((f.period, f) for f in current)

        dialog = FigureDialog(
            self._parent, indicator=record, figures=row.figures, today=self._snapshot().as_at,
            period=period,
        )  # fmt: skip
        self._open(dialog, submit, lambda: record.id, refetch)

    def remove_figure(self, row: ScorecardRow, period: date) -> None:
        if self._refused_read_only():
            return
        record = row.indicator
        figure = next((f for f in row.figures if f.period == period), None)
        if figure is None:
            return
        label = period_label(period, record.frequency)

        def go() -> None:
            def step() -> QUndoCommand:
                removed = self._desk.figures.remove(
                    record.id, period, expected_version=figure.version
                )
                return cmd.RemoveFigure(record, removed, *self._args())

            self._act_now(f"Cannot remove the figure for {label}", step, record.id)

        self._messenger.confirm(
            self._parent, "Remove figure",
            f"Remove the {label} figure of {record.reference} "
            f"({record.unit.show(figure.value)})? The period then shows as a gap. "
            "You can undo this.", go, yes="Remove",
        )  # fmt: skip

    def enter_month(self, select: int | None) -> None:
        if self._refused_read_only():
            return
        snap = self._snapshot()
        rows = [r for r in snap.rows if r.indicator.active]
        if not rows:
            self._messenger.info(
                self._parent, "No active indicators",
                "Add an indicator with Scorecard ▸ New indicator… (Ctrl+N) first.",
            )  # fmt: skip
            return
        figures = {(r.indicator.id, f.period): f for r in rows for f in r.figures}
        dialog = MonthFiguresDialog(self._parent, rows=rows, today=snap.as_at)

        def submit(entries: list[tuple[int, FigureDraft]]) -> QUndoCommand | None:
            if not entries:
                return None
            month = dialog.selected_month() or entries[0][1].period
            before = {(i, d.period): figures.get((i, d.period)) for i, d in entries}
            self._desk.figures.record_many(entries)
            return cmd.EnterMonth(month, entries, before, *self._args())

        self._open(dialog, submit, lambda: select)
