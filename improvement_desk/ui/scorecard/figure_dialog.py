"""Enter (or correct) one indicator's figure for one period, with its commentary.

The period defaults to the latest one not yet filled. Choosing a period that
already has a figure shows what was recorded, by whom, and fills the boxes
with it, so a correction starts from the old value and Save says it replaces
it. The previous period's figure is shown for comparison.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.periods import next_period, period_label, period_of, previous_period
from improvement_desk.domain.scorecard import FigureDraft, validate_figure
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.scorecard_records import FigureRecord, IndicatorRecord
from improvement_desk.ui.forms import FormDialog, multiline_edit, plain_label
from improvement_desk.ui.scorecard.fields import (
    PeriodField,
    number_edit,
    number_text,
    read_number,
    unit_hint,
)


def next_unfilled(indicator: IndicatorRecord, figures: Sequence[FigureRecord], today: date) -> date:
    """The latest period not yet filled: the one after the latest figure, or, when that is
    already today's, the newest gap before it; with no figures, the last finished period."""
    freq = indicator.frequency
    current = period_of(today, freq)
    known = {f.period for f in figures if f.period <= today}
    if not known:
        return previous_period(current, freq)
    following = next_period(max(known), freq)
    if following <= current:
        return following
    period = current
    while period >= min(known):
        if period not in known:
            return period
        period = previous_period(period, freq)
    return current


class FigureDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        indicator: IndicatorRecord,
        figures: Sequence[FigureRecord],
        today: date,
        period: date | None = None,
    ) -> None:
        editing = period is not None and any(f.period == period for f in figures)
        verb = "Correct" if editing else "Enter"
        super().__init__(parent, title=f"{verb} figure for {indicator.reference}", is_new=True)
        self._indicator = indicator
        self._figures = {f.period: f for f in figures}
        self._today = today
        self._filled_from: FigureRecord | None = None  # the figure the boxes were filled with
        self.add_note(
            f"{indicator.reference} · {indicator.name} ({indicator.unit.label.lower()}, "
            f"{indicator.polarity.label.lower()})",
            "figure_indicator",
        )
        self.period = PeriodField(indicator.frequency, today, back=48)
        self.value_edit = number_edit(unit_hint(indicator.unit))
        self.commentary = multiline_edit(4)
        self.add_row("Period", "&Period:", self.period, "period")
        self.recorded = plain_label()
        self.recorded.setObjectName("recorded")
        self.recorded.setWordWrap(True)
        self.form.addRow("", self.recorded)
        self.add_row("Value", "&Value:", self.value_edit, "value")
        self.previous = plain_label()
        self.previous.setObjectName("previous")
        self.form.addRow("", self.previous)
        self.add_row("Commentary", "&Commentary:", self.commentary, "commentary")
        self.chain_tab_order([self.period, self.value_edit, self.commentary])
        self.period.set_period(period or next_unfilled(indicator, figures, today))
        self.watch("Period", self.period.currentTextChanged)
        self.watch("Value", self.value_edit.textChanged)
        self.watch("Commentary", self.commentary.textChanged)
        self.period.currentTextChanged.connect(self._period_changed)
        self._period_changed()
        self.revalidate()
        self.setMinimumWidth(520)
        self.value_edit.setFocus()

    def existing(self) -> FigureRecord | None:
        """The figure already recorded for the chosen period, if any."""
        period = self.period.period()
        return self._figures.get(period) if period is not None else None

    def _period_changed(self, *_: object) -> None:
        unit, freq = self._indicator.unit, self._indicator.frequency
        old = self.existing()
        if old is not None:
            self.recorded.setText(
                f"Recorded already: {unit.show(old.value)} by {old.recorded_by} on "
                f"{old.recorded_at:%d %b %Y}. Saving replaces it."
            )
            if self._untouched():
                self._fill(old)
        else:
            self.recorded.setText("")
            if self._filled_from is not None and self._untouched():
                self._fill(None)
        self.recorded.setVisible(bool(self.recorded.text()))
        period = self.period.period()
        if period is None:
            self.previous.setText("")
        else:
            before = previous_period(period, freq)
            found = self._figures.get(before)
            shown = unit.show(found.value) if found else "no figure"
            self.previous.setText(f"Period before, {period_label(before, freq)}: {shown}")

    def _untouched(self) -> bool:
        """The boxes hold nothing typed: empty, or exactly the figure they were filled with."""
        filled = self._filled_from
        wanted = (number_text(filled.value), filled.commentary) if filled else ("", "")
        return (self.value_edit.text().strip(), self.commentary.toPlainText().strip()) == wanted

    def _fill(self, figure: FigureRecord | None) -> None:
        self._filled_from = figure
        self.value_edit.setText(number_text(figure.value) if figure else "")
        self.commentary.setPlainText(figure.commentary if figure else "")

    # -- the contract --------------------------------------------------------------------------

    def value(self) -> FigureDraft:
        number = read_number("Value", self.value_edit.text(), [])
        return FigureDraft(
            period=self.period.period() or date.min,
            value=number if number is not None else 0.0,
            commentary=clean_text(self.commentary.toPlainText()),
        )

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        number = read_number("Value", self.value_edit.text(), found, required=True)
        period = self.period.period()
        if period is None:
            problem = self.period.problem()
            if problem is not None:
                found.append(problem)
        draft = FigureDraft(
            period=period or period_of(self._today, self._indicator.frequency),
            value=number if number is not None else 0.0,
            commentary=clean_text(self.commentary.toPlainText()),
        )
        checks = validate_figure(
            draft, self._indicator.unit, self._indicator.frequency, today=self._today
        )
        found += [
            p
            for p in checks
            if not (p.field == "Value" and number is None)
            and not (p.field == "Period" and period is None)
        ]
        return found
