"""Inputs the scorecard's dialogs share: numbers as people type them, and a period chooser.

A number may be typed as "93.8", "93.8%", "1,204" or "36 days"; anything else
is a problem named after the field, never a silent 0. A period is chosen from
the recent ones or typed ("Jan 2014", "Q3 2013/14") and read with the domain's
`parse_period`, so a period not yet started is refused by the same rule the
service applies.
"""

from __future__ import annotations

import math
import re
from datetime import date

from PySide6.QtWidgets import QComboBox, QLineEdit

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.periods import (
    Frequency,
    add_months,
    parse_period,
    period_label,
    period_of,
)
from improvement_desk.domain.scorecard import Unit
from improvement_desk.services.indicators import FROM_THE_START

_SUFFIX = re.compile(r"\s*(%|days?|per\s*10,?000|per\s*10k)\s*$", re.IGNORECASE)
FROM_START_TEXT = "From the start"
NOT_A_NUMBER = "must be a number, such as 93.8"


def parse_number(text: str) -> float | None:
    """The number typed, or None for an empty box; ValueError for anything else."""
    cleaned = _SUFFIX.sub("", text.strip()).replace(",", "").strip()
    if not cleaned:
        return None
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def read_number(
    field: str, text: str, problems: list[FieldProblem], *, required: bool = False
) -> float | None:
    """Reads a number box, adding a problem named after `field` when it cannot."""
    try:
        value = parse_number(text)
    except ValueError:
        problems.append(FieldProblem(field, NOT_A_NUMBER))
        return None
    if value is None and required:
        problems.append(FieldProblem(field, "is required"))
    return value


def number_text(value: float | None) -> str:
    """What a number box shows for a stored value: "93.8", "1204", "" for none."""
    return "" if value is None else f"{value:g}" if abs(value) < 1e15 else str(value)


def number_edit(placeholder: str = "") -> QLineEdit:
    edit = QLineEdit()
    edit.setMaxLength(24)
    edit.setPlaceholderText(placeholder)
    return edit


def unit_hint(unit: Unit) -> str:
    return {
        Unit.PERCENT: "e.g. 93.8 (a percentage, 0–100)",
        Unit.RATE_PER_10K: "e.g. 44.2 (per 10,000 children)",
        Unit.COUNT: "e.g. 1204",
        Unit.DAYS: "e.g. 36 (days)",
    }[unit]


class PeriodField(QComboBox):
    """An editable list of periods, newest first; a typed period is read when asked."""

    def __init__(
        self,
        frequency: Frequency,
        today: date,
        *,
        back: int = 36,
        ahead: int = 0,
        field: str = "Period",
        start_choice: bool = False,
    ) -> None:
        super().__init__()
        self.field = field
        self.frequency = frequency
        self.start_choice = start_choice  # offer "From the start" (a target for every period)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(14)
        line = self.lineEdit()
        assert line is not None
        line.setPlaceholderText('e.g. "Jan 2014" or "Q3 2013/14"')
        self.set_frequency(frequency, today, back=back, ahead=ahead)

    def set_frequency(
        self, frequency: Frequency, today: date, *, back: int = 36, ahead: int = 0
    ) -> None:
        """Refills the list for this frequency, keeping the period shown when it still fits."""
        kept = self.period()
        self.frequency = frequency
        current = period_of(today, frequency)
        self.blockSignals(True)
        self.clear()
        for n in range(ahead, -back - 1, -1):
            period = add_months(current, n * frequency.months)
            self.addItem(period_label(period, frequency), period.isoformat())
        if self.start_choice:
            self.addItem(FROM_START_TEXT, FROM_THE_START.isoformat())
        self.blockSignals(False)
        self.set_period(kept if kept is not None else current)

    def set_period(self, period: date) -> None:
        label = (
            FROM_START_TEXT
            if period == FROM_THE_START
            else period_label(period_of(period, self.frequency), self.frequency)
        )
        index = self.findText(label)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(label)

    def period(self) -> date | None:
        """The period typed or chosen, or None when it cannot be read."""
        if self._is_start():
            return FROM_THE_START
        try:
            return parse_period(self.currentText(), self.frequency)
        except ValueError:
            return None

    def _is_start(self) -> bool:
        return self.start_choice and self.currentText().strip().casefold() == "from the start"

    def problem(self) -> FieldProblem | None:
        if self._is_start():
            return None
        try:
            parse_period(self.currentText(), self.frequency)
        except ValueError as exc:
            return FieldProblem(self.field, str(exc))
        return None
