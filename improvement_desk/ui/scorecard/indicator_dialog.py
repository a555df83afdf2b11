"""Add or edit an indicator: what it measures, its unit and polarity, amber tolerance,
comparators and, for a new one, its first target.

The unit and the frequency say what every recorded figure means, so once an
indicator has figures they are shown but locked, with the reason beside them.
Numbers are read as people type them; a word where a number belongs is a
problem under that field, never a silent 0.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import (
    IndicatorDraft,
    Polarity,
    TargetStep,
    Unit,
    validate_indicator,
    validate_target,
)
from improvement_desk.domain.text_rules import REFERENCE_TEXT, SHORT_TEXT, clean_text
from improvement_desk.services.indicators import FROM_THE_START
from improvement_desk.services.scorecard_records import IndicatorRecord
from improvement_desk.ui.forms import FormDialog, multiline_edit
from improvement_desk.ui.scorecard.fields import (
    PeriodField,
    number_edit,
    number_text,
    read_number,
    unit_hint,
)

LOCKED = "Locked: figures are recorded in this unit and frequency"


@dataclass(frozen=True, slots=True)
class IndicatorForm:
    """What the dialog submits: the indicator, and for a new one its first target."""

    draft: IndicatorDraft
    target: float | None = None
    target_from: date | None = None


def _combo(items: Sequence[tuple[str, str]]) -> QComboBox:
    combo = QComboBox()
    for text, value in items:
        combo.addItem(text, value)
    return combo


class IndicatorDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: IndicatorRecord | None,
        today: date,
        taken: Sequence[str] = (),
        has_figures: bool = False,
        suggested_reference: str = "",
    ) -> None:
        title = f"Edit indicator {initial.reference}" if initial else "New indicator"
        super().__init__(parent, title=title, is_new=initial is None)
        self._initial = initial
        self._today = today
        # References already used by other indicators, compared as the service compares them.
        self._taken = {r.casefold(): r for r in taken if not initial or r != initial.reference}
        self._build(has_figures)
        self._fill(initial, suggested_reference)
        self._connect()
        self.revalidate()
        self.setMinimumWidth(620)
        self.resize(660, self.sizeHint().height())

    def _build(self, has_figures: bool) -> None:
        self.reference = QLineEdit()
        self.reference.setMaxLength(REFERENCE_TEXT * 2)
        self.reference.setPlaceholderText("e.g. CP3")
        self.name = QLineEdit()
        self.name.setMaxLength(SHORT_TEXT * 2)
        self.name.setPlaceholderText("As the board knows it, e.g. Re-referrals within 12 months")
        self.definition = multiline_edit(3)
        self.unit = _combo([(u.label, u.value) for u in Unit])
        self.polarity = _combo([(p.label, p.value) for p in Polarity])
        self.frequency = _combo([(f.label, f.value) for f in Frequency])
        for combo in (self.unit, self.frequency):
            combo.setEnabled(not has_figures)
            combo.setToolTip(LOCKED if has_figures else "")
        self.tolerance = number_edit("0: green or red only")
        self.tolerance.setToolTip(
            "How far short of the target still counts as amber, in the indicator's unit "
            "(percentage points for a percentage)"
        )
        self.england = number_edit("Optional")
        self.neighbours = number_edit("Optional")
        self.comparator_note = QLineEdit()
        self.comparator_note.setMaxLength(SHORT_TEXT * 2)
        self.comparator_note.setPlaceholderText('e.g. "2012-13 published figures"')
        self.add_row("Reference", "&Reference:", self.reference, "reference")
        self.add_row("Name", "&Name:", self.name, "name")
        self.add_row("Definition", "&Definition:", self.definition, "definition")
        self.add_row("Unit", "&Unit:", self.unit, "unit")
        self.add_row("Polarity", "&Polarity:", self.polarity, "polarity")
        self.add_row("Frequency", "Fre&quency:", self.frequency, "frequency")
        self.add_row("Amber tolerance", "&Amber tolerance:", self.tolerance, "amber_tolerance")
        self.add_row("England", "&England:", self.england, "england")
        self.add_row("Statistical neighbours", "&Stat. neighbours:", self.neighbours, "neighbours")
        self.add_row("Comparator note", "&Comparator note:", self.comparator_note, "comparator")
        order: list[QWidget] = [
            self.reference, self.name, self.definition, self.unit, self.polarity,
            self.frequency, self.tolerance, self.england, self.neighbours, self.comparator_note,
        ]  # fmt: skip
        if self.is_new:
            self.target = number_edit("Optional: without one, figures are not rated")
            self.target_from = PeriodField(
                Frequency.MONTHLY, self._today, back=48, ahead=12, field="From", start_choice=True
            )
            self.add_row("Target", "First &target:", self.target, "target")
            self.add_row("From", "&From:", self.target_from, "target_from")
            order += [self.target, self.target_from]
        self.chain_tab_order(order)

    def _fill(self, initial: IndicatorRecord | None, suggested_reference: str) -> None:
        if initial is None:
            self.reference.setText(suggested_reference)
            self.tolerance.setText("0")
            self.target_from.set_period(FROM_THE_START)
            self._unit_changed()
            return
        self.reference.setText(initial.reference)
        self.name.setText(initial.name)
        self.definition.setPlainText(initial.definition)
        self.unit.setCurrentIndex(self.unit.findData(initial.unit.value))
        self.polarity.setCurrentIndex(self.polarity.findData(initial.polarity.value))
        self.frequency.setCurrentIndex(self.frequency.findData(initial.frequency.value))
        self.tolerance.setText(number_text(initial.amber_tolerance))
        self.england.setText(number_text(initial.england))
        self.neighbours.setText(number_text(initial.statistical_neighbours))
        self.comparator_note.setText(initial.comparator_note)
        self._unit_changed()

    def _connect(self) -> None:
        self.watch("Reference", self.reference.textChanged)
        self.watch("Name", self.name.textChanged)
        self.watch("Definition", self.definition.textChanged)
        self.watch("Unit", self.unit.currentIndexChanged)
        self.watch("Polarity", self.polarity.currentIndexChanged)
        self.watch("Frequency", self.frequency.currentIndexChanged)
        self.watch("Amber tolerance", self.tolerance.textChanged)
        self.watch("England", self.england.textChanged)
        self.watch("Statistical neighbours", self.neighbours.textChanged)
        self.watch("Comparator note", self.comparator_note.textChanged)
        self.unit.currentIndexChanged.connect(self._unit_changed)
        if self.is_new:
            self.watch("Target", self.target.textChanged)
            self.watch("From", self.target_from.currentTextChanged)
            self.frequency.currentIndexChanged.connect(self._frequency_changed)

    def _unit_changed(self, *_: object) -> None:
        hint = unit_hint(self.selected_unit())
        for edit in (self.england, self.neighbours):
            edit.setPlaceholderText(f"Optional; {hint}")

    def _frequency_changed(self, *_: object) -> None:
        self.target_from.set_frequency(self.selected_frequency(), self._today, back=48, ahead=12)

    # -- the contract --------------------------------------------------------------------------

    def selected_unit(self) -> Unit:
        return Unit(self.unit.currentData() or Unit.PERCENT.value)

    def selected_frequency(self) -> Frequency:
        return Frequency(self.frequency.currentData() or Frequency.MONTHLY.value)

    def _read(self, problems: list[FieldProblem]) -> IndicatorForm:
        tolerance = read_number("Amber tolerance", self.tolerance.text(), problems)
        draft = IndicatorDraft(
            reference=clean_text(self.reference.text()),
            name=clean_text(self.name.text()),
            unit=self.selected_unit(),
            polarity=Polarity(self.polarity.currentData() or Polarity.HIGHER_IS_BETTER.value),
            frequency=self.selected_frequency(),
            definition=clean_text(self.definition.toPlainText()),
            amber_tolerance=tolerance or 0.0,
            england=read_number("England", self.england.text(), problems),
            statistical_neighbours=read_number(
                "Statistical neighbours", self.neighbours.text(), problems
            ),
            comparator_note=clean_text(self.comparator_note.text()),
        )
        if not self.is_new:
            return IndicatorForm(draft)
        target = read_number("Target", self.target.text(), problems)
        if target is None:
            return IndicatorForm(draft)
        start = self.target_from.period()
        if start is None:
            problem = self.target_from.problem()
            if problem is not None:
                problems.append(problem)
        return IndicatorForm(draft, target, start)

    def value(self) -> IndicatorForm:
        return self._read([])

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        form = self._read(found)
        found += validate_indicator(form.draft)
        other = self._taken.get(form.draft.reference.casefold())
        if other is not None and form.draft.reference:
            found.append(FieldProblem("Reference", f"is already used by {other}"))
        if form.target is not None and form.target_from is not None:
            step = TargetStep(form.target_from, form.target)
            found += validate_target(step, form.draft.unit, form.draft.frequency)
        return found
