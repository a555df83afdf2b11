"""The month's-figures grid: every active indicator, its previous figure and an entry cell.

Each row is checked with the domain's own `validate_figure` as it is typed,
so a bad cell is named ("CP3 Feb 2014 Value: 120% is more than 100%") before
anything is sent; the service checks again and saves all or nothing. A row
left empty is skipped. A row whose period already has a figure starts with
that figure, and only a changed row is saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.periods import (
    Frequency,
    is_period_start,
    next_period,
    period_label,
    period_of,
    previous_period,
)
from improvement_desk.domain.scorecard import FigureDraft, TargetStep, target_for, validate_figure
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.scorecard_records import FigureRecord, IndicatorRecord, ScorecardRow
from improvement_desk.ui.forms import ERROR_COLOUR, describe
from improvement_desk.ui.scorecard.fields import NOT_A_NUMBER, number_text, parse_number
from improvement_desk.ui.table_base import RecordTableModel
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import muted_text

Index = QModelIndex | QPersistentModelIndex
_BAD_FILL = QColor("#FBE3E1")


class MonthCol(IntEnum):
    REFERENCE = 0
    INDICATOR = 1
    TARGET = 2
    PREVIOUS = 3
    VALUE = 4
    COMMENTARY = 5


HEADERS = {
    MonthCol.REFERENCE: "Ref",
    MonthCol.INDICATOR: "Indicator",
    MonthCol.TARGET: "Target",
    MonthCol.PREVIOUS: "Previous",
    MonthCol.VALUE: "Figure",
    MonthCol.COMMENTARY: "Commentary",
}
EDITABLE = frozenset({MonthCol.VALUE, MonthCol.COMMENTARY})


@dataclass(frozen=True, slots=True)
class MonthRow:
    indicator: IndicatorRecord
    period: date
    previous: FigureRecord | None  # the figure for the period before, if any
    existing: FigureRecord | None  # already recorded for this period
    value_text: str = ""
    commentary: str = ""
    typed: bool = False  # the user has typed in this row
    problems: tuple[FieldProblem, ...] = field(default=())

    @property
    def label(self) -> str:
        """ "CP1 Feb 2014": how the row is named in messages, as the service names it."""
        return f"{self.indicator.reference} {period_label(self.period, self.indicator.frequency)}"

    @property
    def changed(self) -> bool:
        if not self.value_text.strip():
            return False
        if self.existing is None:
            return True
        try:
            value = parse_number(self.value_text)
        except ValueError:
            return True
        return (value, clean_text(self.commentary)) != (
            self.existing.value,
            self.existing.commentary,
        )


def is_due(indicator: IndicatorRecord, month: date) -> bool:
    """Monthly indicators every month; quarterly ones in the last month of their quarter."""
    if indicator.frequency is Frequency.MONTHLY:
        return True
    return is_period_start(next_period(month, Frequency.MONTHLY), Frequency.QUARTERLY)


def month_rows(rows: Sequence[ScorecardRow], month: date) -> list[MonthRow]:
    """A grid row for each active indicator due that month, prefilled where a figure exists."""
    made = []
    for row in rows:
        indicator = row.indicator
        if not indicator.active or not is_due(indicator, month):
            continue
        period = period_of(month, indicator.frequency)
        by_period = {f.period: f for f in row.figures}
        existing = by_period.get(period)
        made.append(
            MonthRow(
                indicator,
                period,
                by_period.get(previous_period(period, indicator.frequency)),
                existing,
                number_text(existing.value) if existing else "",
                existing.commentary if existing else "",
            )
        )
    return made


def default_month(rows: Sequence[ScorecardRow], today: date) -> date:
    """The month to offer: the one after the newest month reported, unless fewer than half
    the monthly indicators have that newest month yet (a month part entered). Never a month
    not yet started; with no figures at all, the last finished month."""
    current = period_of(today, Frequency.MONTHLY)
    monthly = [r for r in rows if r.indicator.active and r.indicator.frequency is Frequency.MONTHLY]
    latest = [r.latest_period for r in monthly if r.latest_period is not None]
    if not latest:
        return previous_period(current, Frequency.MONTHLY)
    newest = max(latest)
    if latest.count(newest) * 2 < len(monthly):
        return newest
    return min(next_period(newest, Frequency.MONTHLY), current)


def check_row(row: MonthRow, today: date) -> tuple[FieldProblem, ...]:
    """The row's problems, each named "<ref> <period> <field>"."""
    found: list[FieldProblem] = []
    text = row.value_text.strip()
    if not text:
        if clean_text(row.commentary):
            found.append(FieldProblem("Value", "is required when there is commentary"))
    else:
        try:
            value = parse_number(text)
        except ValueError:
            found.append(FieldProblem("Value", NOT_A_NUMBER))
        else:
            draft = FigureDraft(row.period, value or 0.0, clean_text(row.commentary))
            found += validate_figure(
                draft, row.indicator.unit, row.indicator.frequency, today=today
            )
    return tuple(FieldProblem(f"{row.label} {p.field}", p.message) for p in found)


class MonthEntryModel(RecordTableModel):
    columns = MonthCol
    headers = HEADERS

    def __init__(self, today: date, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MonthRow] = []
        self._today = today

    def set_rows(self, rows: Sequence[MonthRow]) -> None:
        self.beginResetModel()
        self._rows = [replace(r, problems=check_row(r, self._today)) for r in rows]
        self.endResetModel()

    def rows(self) -> list[MonthRow]:
        return list(self._rows)

    def problems(self) -> list[FieldProblem]:
        return [p for r in self._rows for p in r.problems]

    def entries(self) -> list[tuple[int, FigureDraft]]:
        """What Save sends: each row with a new or changed figure."""
        found = []
        for r in self._rows:
            if not r.changed:
                continue
            value = parse_number(r.value_text)
            assert value is not None  # a changed row has a number (problems() is empty first)
            found.append((r.indicator.id, FigureDraft(r.period, value, clean_text(r.commentary))))
        return found

    def mark(self, problems: Sequence[FieldProblem]) -> None:
        """Problems the service found, shown on the rows they name."""
        for n, r in enumerate(self._rows):
            mine = tuple(p for p in problems if p.field.startswith(f"{r.label} "))
            if mine:
                self._rows[n] = replace(r, problems=tuple(dict.fromkeys((*r.problems, *mine))))
                self.dataChanged.emit(self.index(n, 0), self.index(n, len(MonthCol) - 1))

    # -- Qt model ----------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and MonthCol(index.column()) in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        col = MonthCol(index.column())
        if col not in EDITABLE or not 0 <= index.row() < len(self._rows):
            return False
        row = self._rows[index.row()]
        text = "" if value is None else str(value)
        row = (
            replace(row, value_text=text, typed=True)
            if col is MonthCol.VALUE
            else replace(row, commentary=text, typed=True)
        )
        self._rows[index.row()] = replace(row, problems=check_row(row, self._today))
        self.dataChanged.emit(
            self.index(index.row(), 0), self.index(index.row(), len(MonthCol) - 1)
        )
        return True

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = MonthCol(index.column())
        bad = any(p.field.endswith(" Value") for p in r.problems) and col is MonthCol.VALUE
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(r, col, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(r, col))
        if role == Qt.ItemDataRole.BackgroundRole and bad:
            return QBrush(_BAD_FILL)
        if role == Qt.ItemDataRole.ForegroundRole:
            if bad:
                # Sits on the fixed pale _BAD_FILL, so it keeps the light-theme red.
                return QBrush(QColor(ERROR_COLOUR))
            if col in (MonthCol.PREVIOUS, MonthCol.TARGET):
                return QBrush(muted_text())
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            MonthCol.TARGET,
            MonthCol.PREVIOUS,
            MonthCol.VALUE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _target(r: MonthRow) -> float | None:
        steps = [TargetStep(t.from_period, t.target) for t in r.indicator.targets]
        return target_for(steps, r.period)

    def _display(self, r: MonthRow, col: MonthCol, editing: bool) -> str:
        i = r.indicator
        if col is MonthCol.REFERENCE:
            return i.reference
        if col is MonthCol.INDICATOR:
            if i.frequency is Frequency.QUARTERLY:
                return f"{i.name} ({period_label(r.period, i.frequency)})"
            return i.name
        if col is MonthCol.TARGET:
            target = self._target(r)
            return i.unit.show(target) if target is not None else "None"
        if col is MonthCol.PREVIOUS:
            return i.unit.show(r.previous.value) if r.previous else "No figure"
        if col is MonthCol.VALUE:
            return r.value_text
        return r.commentary if editing else " ".join(r.commentary.split())

    def _spoken(self, r: MonthRow, col: MonthCol) -> str:
        if col is MonthCol.VALUE:
            shown = r.value_text or "empty"
            problems = "; ".join(describe(p) for p in r.problems)
            return f"Figure for {r.label}: {shown}" + (f". {problems}" if problems else "")
        return self._display(r, col, editing=False)

    def _tooltip(self, r: MonthRow, col: MonthCol) -> str | None:
        i = r.indicator
        if r.problems and col is MonthCol.VALUE:
            return "\n".join(describe(p) for p in r.problems)
        if col is MonthCol.VALUE:
            if r.existing is not None:
                return (
                    f"Recorded already: {i.unit.show(r.existing.value)} by "
                    f"{r.existing.recorded_by}; a change replaces it"
                )
            return f"{i.unit.label}, {i.polarity.label.lower()}; leave empty to skip"
        if col is MonthCol.PREVIOUS:
            before = previous_period(r.period, i.frequency)
            return f"{period_label(before, i.frequency)}"
        if col is MonthCol.INDICATOR and i.definition:
            return i.definition
        return None
