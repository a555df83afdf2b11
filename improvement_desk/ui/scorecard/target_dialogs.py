"""Targets over time: set the target that applies from a period, or remove a step.

A target is a step: it applies from its period until the next step, so
raising the bar from April leaves last year's ratings as they were. Setting a
target for a period that already starts a step changes that step's value, and
the dialog says so before Save.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.periods import period_of
from improvement_desk.domain.scorecard import TargetStep, validate_target
from improvement_desk.services.scorecard_records import IndicatorRecord
from improvement_desk.ui.forms import FormDialog, plain_label
from improvement_desk.ui.scorecard.fields import PeriodField, number_edit, read_number, unit_hint
from improvement_desk.ui.scorecard.indicator_detail import step_start


def steps_text(indicator: IndicatorRecord) -> str:
    if not indicator.targets:
        return "No target yet."
    return "Targets now: " + "; ".join(
        f"{indicator.unit.show(t.target)} {step_start(t.from_period, indicator.frequency)}"
        for t in indicator.targets
    )


class TargetDialog(FormDialog):
    def __init__(self, parent: QWidget | None, *, indicator: IndicatorRecord, today: date) -> None:
        super().__init__(parent, title=f"Set target for {indicator.reference}", is_new=True)
        self._indicator = indicator
        self.add_note(f"{indicator.reference} · {indicator.name}", "target_indicator")
        self.add_note(steps_text(indicator), "target_steps")
        self.start = PeriodField(
            indicator.frequency, today, back=48, ahead=12, field="From", start_choice=True
        )
        self.start.set_period(period_of(today, indicator.frequency))
        self.target = number_edit(unit_hint(indicator.unit))
        self.add_row("From", "&From:", self.start, "target_from")
        self.add_row("Target", "&Target:", self.target, "target")
        self.replaces = plain_label()
        self.replaces.setObjectName("replaces")
        self.replaces.setWordWrap(True)
        self.form.addRow("", self.replaces)
        self.chain_tab_order([self.start, self.target])
        self.watch("From", self.start.currentTextChanged)
        self.watch("Target", self.target.textChanged)
        self.start.currentTextChanged.connect(self._show_replaced)
        self._show_replaced()
        self.revalidate()
        self.setMinimumWidth(460)
        self.target.setFocus()

    def _show_replaced(self, *_: object) -> None:
        period = self.start.period()
        old = next((t for t in self._indicator.targets if t.from_period == period), None)
        text = (
            f"Replaces the target of {self._indicator.unit.show(old.target)} from that period."
            if old is not None
            else ""
        )
        self.replaces.setText(text)
        self.replaces.setVisible(bool(text))

    def value(self) -> TargetStep:
        target = read_number("Target", self.target.text(), [])
        return TargetStep(self.start.period() or date.min, target or 0.0)

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        target = read_number("Target", self.target.text(), found, required=True)
        period = self.start.period()
        if period is None:
            problem = self.start.problem()
            if problem is not None:
                found.append(problem)
        if target is not None and period is not None:
            found += validate_target(
                TargetStep(period, target), self._indicator.unit, self._indicator.frequency
            )
        return found


class RemoveTargetDialog(FormDialog):
    """Choose which step to take away; the one before it then applies for longer."""

    def __init__(
        self, parent: QWidget | None, *, indicator: IndicatorRecord, chosen: date | None = None
    ) -> None:
        super().__init__(parent, title=f"Remove a target of {indicator.reference}", is_new=False)
        self.add_note(f"{indicator.reference} · {indicator.name}", "target_indicator")
        self.step = QComboBox()
        for t in reversed(indicator.targets):
            text = (
                f"{indicator.unit.show(t.target)} {step_start(t.from_period, indicator.frequency)}"
            )
            self.step.addItem(text, t.from_period.isoformat())
        if chosen is not None:
            self.step.setCurrentIndex(max(self.step.findData(chosen.isoformat()), 0))
        self.add_row("Target step", "Target &step:", self.step, "target_step")
        self.add_note(
            "The step before it then applies until the next one; periods with no step before "
            "them are left unrated. You can undo this.",
            "remove_target_note",
        )
        self.save_button.setText("Remove")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(False)
        self.watch("Target step", self.step.currentIndexChanged)
        self.revalidate()
        self.setMinimumWidth(440)

    def value(self) -> date:
        data = self.step.currentData()
        return date.fromisoformat(data) if isinstance(data, str) else date.min

    def problems(self) -> list[FieldProblem]:
        if self.step.currentIndex() < 0:
            return [FieldProblem("Target step", "is required")]
        return []
