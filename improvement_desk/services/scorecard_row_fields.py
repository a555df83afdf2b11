"""A scorecard row's cells: its figures, a new indicator's definition, and how each is compared.

A figure's cell is read in the indicator's unit (`scorecard_values`); a cell
Excel formats as a percentage holds a fraction and is read as the percentage
it shows. In a wide sheet the period is the column's: a quarter heading for
a monthly indicator is refused, and a month heading for a quarterly one is
read as the quarter it falls in (with a warning when it is not the quarter's
first month). In a long sheet the period is the row's Period cell, or the
period chosen for the whole sheet. Every figure is checked by the domain's
own rules (no percentage over 100, no period still to come), naming the cell.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from openpyxl.utils import column_index_from_string

from improvement_desk.domain.periods import Frequency, period_label, period_of
from improvement_desk.domain.scorecard import (
    FigureDraft,
    IndicatorDraft,
    Polarity,
    Unit,
    validate_figure,
    validate_indicator,
)
from improvement_desk.interchange.scorecard_values import (
    parse_figure,
    parse_frequency,
    parse_polarity,
    parse_unit,
    read_period,
)
from improvement_desk.interchange.table_reader import SheetRow
from improvement_desk.interchange.values import Parsed, quote
from improvement_desk.services.import_cells import RowCells
from improvement_desk.services.scorecard_records import FigureRecord
from improvement_desk.services.scorecard_sheet_shapes import LONG, PeriodColumn

# What the domain calls a field (FieldProblem.field) → the sheet's field.
_INDICATOR_FIELDS = {
    "Reference": "reference",
    "Name": "name",
    "Amber tolerance": "tolerance",
    "England": "england",
    "Statistical neighbours": "neighbours",
}


@dataclass(frozen=True)
class SheetLayout:
    """How the sheet's rows are read: its form, columns, and what the import was told."""

    form: str  # WIDE or LONG
    mapping: dict[str, str]  # field → column letter, the period columns' too
    periods: tuple[PeriodColumn, ...]
    percent_cells: frozenset[tuple[int, int]]
    today: date
    default_period: date | None = None  # a long sheet's period when it has no Period column
    frequency: Frequency = Frequency.MONTHLY  # of a new indicator with no Frequency column

    @property
    def can_add(self) -> bool:
        """New indicators are added only from a sheet that says what their figures mean."""
        return "unit" in self.mapping and "polarity" in self.mapping


@dataclass(frozen=True, slots=True)
class FigureEntry:
    """A figure to record: new (`old_value` None) or changed, with what it replaces."""

    period: date
    label: str
    value: float
    commentary: str
    column: str
    old_value: float | None = None
    old_commentary: str = ""
    base_version: int | None = None


@dataclass(frozen=True, slots=True)
class NewIndicator:
    draft: IndicatorDraft
    target: float | None


@dataclass(frozen=True, slots=True)
class GivenFigure:
    """What one cell (or a long row) gives for a period; `value` None: commentary alone."""

    period: date
    value: float | None
    commentary: str | None
    field: str


@dataclass
class Given:
    figures: list[GivenFigure] = field(default_factory=list)
    markers: list[tuple[date, str]] = field(default_factory=list)  # "n/a" cells: (period, field)

    @property
    def anything(self) -> bool:
        return bool(self.figures or self.markers)

    @property
    def periods(self) -> list[date]:
        return [f.period for f in self.figures] + [p for p, _ in self.markers]


class ScorecardCells(RowCells):
    """A scorecard row's cells: a marker ("n/a") is no figure, said as a warning."""

    def __init__(self, row: SheetRow, layout: SheetLayout) -> None:
        super().__init__(row, layout.mapping)
        self.layout = layout

    def accept(self, name: str, parsed: Parsed[Any]) -> Any:
        if parsed.error:
            self.refuse(name, parsed.error)
            return None
        if parsed.note:
            self.warn(name, f"{quote(parsed.note)} read as no figure")
            return None
        if parsed.warning:
            self.warn(name, parsed.warning)
        return parsed.value

    def percent(self, name: str) -> bool:
        letter = self.mapping.get(name)
        if not letter:
            return False
        return (self.row.row, column_index_from_string(letter)) in self.layout.percent_cells

    def filled(self, name: str) -> bool:
        cell = self.cell(name)
        if cell is None:
            return False
        value = cell.value
        return cell.error is not None or not (
            value is None or (isinstance(value, str) and not value.strip())
        )


def read_number(cells: ScorecardCells, name: str, unit: Unit) -> float | None:
    if not cells.has(name):
        return None
    value: float | None = cells.parse(
        name, lambda raw: parse_figure(raw, unit, percent_format=cells.percent(name))
    )
    return value


def _figure(cells: ScorecardCells, name: str, unit: Unit) -> tuple[float | None, bool]:
    """(the value, whether the cell held a no-figure marker such as "n/a")."""
    cell = cells.cell(name)
    if cell is None:
        return None, False
    if cell.error:
        cells.text(name)  # refuses, naming the error
        return None, False
    parsed = parse_figure(cell.value, unit, percent_format=cells.percent(name))
    if parsed.note:
        cells.warn(name, f"{quote(parsed.note)} read as no figure")
        return None, True
    value: float | None = cells.accept(name, parsed)
    return value, False


def gives_figures(cells: ScorecardCells) -> bool:
    """Whether the row has anything in its figure columns (to refuse rather than leave out)."""
    names = [p.field for p in cells.layout.periods] + ["value"]
    return any(cells.filled(name) for name in names)


def read_figures(cells: ScorecardCells, unit: Unit, frequency: Frequency, reference: str) -> Given:
    layout = cells.layout
    given = Given()
    if layout.form == LONG:
        _read_long(cells, unit, frequency, given)
        return given
    by_period: dict[date, str] = {}
    for column in layout.periods:
        if not cells.filled(column.field):
            continue
        value, marker = _figure(cells, column.field, unit)
        if value is None and not marker:
            continue
        period = _column_period(cells, column, frequency, reference)
        if period is None:
            continue
        if period in by_period:
            cells.refuse(
                column.field,
                f"{reference} {period_label(period, frequency)} is also given in column "
                f"{by_period[period]}",
            )
            continue
        by_period[period] = column.letter
        if marker:
            given.markers.append((period, column.field))
        elif value is not None and _valid(cells, column.field, period, value, unit, frequency):
            given.figures.append(GivenFigure(period, value, None, column.field))
    return given


def _column_period(
    cells: ScorecardCells, column: PeriodColumn, frequency: Frequency, reference: str
) -> date | None:
    if column.quarter and frequency is Frequency.MONTHLY:
        cells.refuse(
            column.field, f"{column.heading} is a quarter; {reference} is reported monthly"
        )
        return None
    period = period_of(column.period, frequency)
    if period != column.period:
        cells.warn(
            column.field,
            f"{column.heading} read as {period_label(period, frequency)} "
            f"({reference} is reported quarterly)",
        )
    return period


def _read_long(cells: ScorecardCells, unit: Unit, frequency: Frequency, given: Given) -> None:
    layout = cells.layout
    period: date | None = None
    if cells.has("period") and cells.filled("period"):
        period = cells.parse("period", lambda raw: read_period(raw, frequency))
    elif layout.default_period is not None:
        period = period_of(layout.default_period, frequency)
    elif cells.has("period"):
        cells.refuse("period", "no period given for the figure")
    value, marker = _figure(cells, "value", unit)
    commentary = cells.text("commentary") if cells.has("commentary") else ""
    if period is None:
        return
    if marker:
        given.markers.append((period, "value"))
    elif value is not None:
        if _valid(cells, "value", period, value, unit, frequency, commentary):
            given.figures.append(GivenFigure(period, value, commentary or None, "value"))
    elif commentary and not cells.refused("value"):
        given.figures.append(GivenFigure(period, None, commentary, "commentary"))


def _valid(
    cells: ScorecardCells,
    name: str,
    period: date,
    value: float,
    unit: Unit,
    frequency: Frequency,
    commentary: str = "",
) -> bool:
    """The domain's rules for a figure, each problem refused at its cell."""
    draft = FigureDraft(period, value, commentary)
    problems = validate_figure(draft, unit, frequency, today=cells.layout.today)
    for problem in problems:
        where = {"Commentary": "commentary", "Period": "period"}.get(problem.field, name)
        if (where == "period" and cells.layout.form != LONG) or not cells.has(where):
            where = name
        cells.refuse(where, problem.message)
    return not problems


def same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-9)


def same_text(a: str, b: str) -> bool:
    """Spacing tidied by Excel or the reader is no change."""
    return " ".join(a.split()) == " ".join(b.split())


def compare(
    cells: ScorecardCells,
    given: GivenFigure,
    held: FigureRecord | None,
    unit: Unit,
    frequency: Frequency,
) -> FigureEntry | None:
    """The figure to record for one given cell: None when it is what the board holds."""
    column = cells.mapping.get(given.field, "")
    label = period_label(given.period, frequency)
    if given.value is None:  # commentary alone, in a long sheet
        if held is None:
            cells.warn("commentary", f"no figure for {label}: its commentary is not imported")
            return None
        if given.commentary is None or same_text(given.commentary, held.commentary):
            return None
        if not _valid(cells, "commentary", held.period, held.value, unit, frequency,
                      given.commentary):  # fmt: skip
            return None
        return FigureEntry(held.period, label, held.value, given.commentary, column, held.value,
                           held.commentary, held.version)  # fmt: skip
    if held is None:
        return FigureEntry(given.period, label, given.value, given.commentary or "", column)
    new_text = given.commentary if given.commentary else held.commentary
    if same_number(held.value, given.value) and same_text(new_text, held.commentary):
        return None
    return FigureEntry(given.period, label, given.value, new_text, column, held.value,
                       held.commentary, held.version)  # fmt: skip


def new_indicator(
    cells: ScorecardCells, written_ref: str, written_name: str
) -> NewIndicator | None:
    """The indicator a row adds, from its Ref, Indicator, Unit and Polarity (and the rest)."""
    unit: Unit | None = cells.parse("unit", parse_unit)
    polarity: Polarity | None = cells.parse("polarity", parse_polarity)
    frequency: Frequency | None = cells.parse("frequency", parse_frequency)
    for name, text, what in (
        ("reference", written_ref, "a reference"),
        ("name", written_name, "a name"),
    ):
        if not text and not cells.refused(name):
            cells.refuse(name, f"a new indicator needs {what}")
    for name, value, what in (("unit", unit, "a unit"), ("polarity", polarity, "a polarity")):
        if value is None and not cells.refused(name):
            cells.refuse(name, f"a new indicator ({written_ref or written_name}) needs {what}")
    if cells.reasons or unit is None or polarity is None:
        return None
    draft = IndicatorDraft(
        reference=written_ref,
        name=written_name,
        unit=unit,
        polarity=polarity,
        frequency=frequency or cells.layout.frequency,
        amber_tolerance=read_number(cells, "tolerance", unit) or 0.0,
        england=read_number(cells, "england", unit),
        statistical_neighbours=read_number(cells, "neighbours", unit),
    )
    for problem in validate_indicator(draft):
        cells.refuse(_INDICATOR_FIELDS.get(problem.field, "name"), problem.message)
    target = read_number(cells, "target", unit)
    return None if cells.reasons else NewIndicator(draft, target)
