"""What shape a scorecard sheet is: where its header is, and whether its periods run across or down.

Scorecards come two ways. WIDE: one row per indicator and a column per
period, headed "Jan 2014", "Jan-14", "2014-01", "Q3 2013/14" or a real date
(read as its month), as councils keep them and as our Figures sheet is.
LONG: one row per figure with Period and Value columns, as data extracts
are. The header is the row among the first 30 that names the indicator
(key, Ref or Indicator) and the most recognised columns and periods.

A wide sheet whose period headings cannot all be read is refused as a whole,
naming the column: guessing which figures belong to "Jan 2O14" would put them
against the wrong month. Headings with no date in them ("Owner") are just not
periods, and headings that carry a date but name something else ("Target
2014/15", "2013/14 outturn") are not either. Cells Excel formats as a
percentage are noted, so their fractions are read as the percentages shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from improvement_desk.domain.periods import Frequency, period_label
from improvement_desk.interchange.header_detection import (
    HEADER_SCAN_ROWS,
    header_label,
    match_header_row,
)
from improvement_desk.interchange.problems import ImportRejected
from improvement_desk.interchange.scorecard_columns import (
    PERIOD_FIELD_PREFIX,
    SCORECARD_IMPORT_COLUMNS,
    is_period_field,
)
from improvement_desk.interchange.scorecard_values import header_period
from improvement_desk.interchange.sheet_cells import load_workbook, value_grid
from improvement_desk.interchange.table_reader import SheetChoice
from improvement_desk.interchange.values import clean_cell_text

IDENTITY = ("key", "reference", "name")
WIDE, LONG = "wide", "long"
MAX_PERIOD_WORDS = 4  # a longer heading is prose ("Source: DfE 2014 release"), not a period


@dataclass(frozen=True, slots=True)
class PeriodColumn:
    """A column headed by a period: the figures of every indicator row for that period."""

    letter: str
    index: int
    heading: str
    period: date
    quarter: bool

    @property
    def field(self) -> str:
        return PERIOD_FIELD_PREFIX + self.letter

    @property
    def label(self) -> str:
        return period_label(self.period, Frequency.QUARTERLY if self.quarter else Frequency.MONTHLY)


@dataclass
class SheetShape:
    name: str
    hidden: bool
    header_row: int | None = None
    fixed: dict[str, str] = field(default_factory=dict)  # field → column letter
    headings: list[tuple[str, str]] = field(default_factory=list)  # (letter, text), left first
    periods: list[PeriodColumn] = field(default_factory=list)
    bad_periods: list[tuple[str, str, str]] = field(default_factory=list)  # letter, text, reason
    data_rows: int = 0
    percent_cells: set[tuple[int, int]] = field(default_factory=set)

    def form(self, *, period_given: bool = False) -> str | None:
        """LONG with a Value column and a period (a column, or one given for the sheet);
        WIDE with period columns; None when the sheet gives no period."""
        if "value" in self.fixed and ("period" in self.fixed or period_given):
            return LONG
        if self.periods or self.bad_periods:
            return WIDE
        return None

    @property
    def matched(self) -> int:
        return len(self.fixed) + len(self.periods)

    def choice(self) -> SheetChoice:
        return SheetChoice(self.name, self.hidden, self.header_row, self.matched, self.data_rows)

    def remapped(self, mapping: dict[str, str]) -> SheetShape:
        """The shape with the user's own column for each field; an empty letter: not in the
        sheet. Columns taken by a field are no longer periods."""
        known = {spec.field for spec in SCORECARD_IMPORT_COLUMNS}
        fixed: dict[str, str] = {}
        for name, letter in mapping.items():
            if is_period_field(name):
                continue  # periods are read from the headings, never chosen by hand
            if name not in known:
                raise ValueError(f"unknown field {name!r} in the column mapping")
            if letter:
                fixed[name] = letter.strip().upper()
        taken = set(fixed.values())
        return SheetShape(
            self.name,
            self.hidden,
            self.header_row,
            fixed,
            self.headings,
            [p for p in self.periods if p.letter not in taken],
            [b for b in self.bad_periods if b[0] not in taken],
            self.data_rows,
            self.percent_cells,
        )


def survey(path: Path, notes: list[str] | None = None) -> list[SheetShape]:
    """Every worksheet's shape, the likeliest scorecard first (visible, most recognised)."""
    wb = load_workbook(path, notes)
    try:
        shapes = [_shape(ws) for ws in wb.worksheets]
    finally:
        wb.close()
    order = {id(s): i for i, s in enumerate(shapes)}
    return sorted(
        shapes,
        key=lambda s: (s.hidden, s.header_row is None, s.form(period_given=True) is None,
                       -s.matched, -s.data_rows, order[id(s)]),
    )  # fmt: skip


def _shape(ws: Any) -> SheetShape:
    grid = value_grid(ws)
    shape = SheetShape(ws.title, ws.sheet_state != "visible")
    best: tuple[int, int] | None = None  # (score, row)
    for number in range(1, HEADER_SCAN_ROWS + 1):
        cells = grid.get(number)
        if not cells:
            continue
        candidate = _header(number, {col: cell.value for col, cell in cells.items()})
        if candidate is None:
            continue
        score = candidate.matched + len(candidate.bad_periods)
        if best is None or score > best[0]:
            best = (score, number)
            shape.header_row, shape.fixed = number, candidate.fixed
            shape.periods, shape.bad_periods = candidate.periods, candidate.bad_periods
            shape.headings = candidate.headings
    if shape.header_row is not None:
        below = [r for r in grid if r > shape.header_row]
        shape.data_rows = len(below)
        shape.percent_cells = {
            (r, c)
            for r in below
            for c, cell in grid[r].items()
            if isinstance(cell.value, int | float) and "%" in str(cell.number_format or "")
        }
    return shape


def _header(row: int, cells: dict[int, object]) -> SheetShape | None:
    """One row read as a header: None unless it names the indicator and is a table."""
    found = match_header_row(row, cells, SCORECARD_IMPORT_COLUMNS)
    fixed = {m.field: m.column for m in found.matches}
    if not any(name in fixed for name in IDENTITY):
        return None
    used = set(fixed.values())
    shape = SheetShape("", False, row, fixed)
    for col, value in sorted(cells.items()):
        letter = get_column_letter(col)
        # A real date is shown as one ("31 March 2014"), not as Python prints it.
        text = clean_cell_text(value) if isinstance(value, date) else header_label(value)
        if not text:
            continue
        shape.headings.append((letter, text))
        if letter in used or (isinstance(value, str) and len(text.split()) > MAX_PERIOD_WORDS):
            continue
        parsed = header_period(value)
        if parsed.value is not None:
            shape.periods.append(
                PeriodColumn(letter, col, text, parsed.value.period, parsed.value.quarter)
            )
        elif parsed.error:
            shape.bad_periods.append((letter, text, parsed.error))
    if len(fixed) < 2 and not shape.periods and not shape.bad_periods:
        return None  # one word ("Indicator" in a legend) is no table
    return shape


def refuse_unreadable(file_name: str, shape: SheetShape, *, period_given: bool) -> str:
    """The shape's form; ImportRejected, naming the sheet and column, when it cannot be read."""
    where = f"sheet '{shape.name}'"
    if shape.header_row is None:
        raise ImportRejected(
            file_name,
            f"no scorecard was recognised in the first {HEADER_SCAN_ROWS} rows of {where}: "
            "looked for a Ref or Indicator column with periods across ('Jan 2014', "
            "'Q3 2013/14'), or with Period and Value columns",
        )
    if not any(name in shape.fixed for name in IDENTITY):
        raise ImportRejected(
            file_name, f"{where} has no column naming the indicator (Ref or Indicator)"
        )
    form = shape.form(period_given=period_given)
    if form is None:
        value = f" (figures in column {shape.fixed['value']})" if "value" in shape.fixed else ""
        raise ImportRejected(
            file_name,
            f"{where} gives no period for its figures{value}: it has no Period column and no "
            "column headed by a month or a quarter ('Jan 2014', 'Q3 2013/14'); add one, or "
            "choose the period the figures are for",
        )
    if form == WIDE and shape.bad_periods:
        letter, text, reason = shape.bad_periods[0]
        more = len(shape.bad_periods) - 1
        raise ImportRejected(
            file_name,
            f"{where}, column {letter} ({letter}{shape.header_row}): the heading "
            f"'{text}' is not a period: {reason}"
            + (f" ({more} more heading(s) like it)" if more else "")
            + "; correct the heading and import again",
        )
    seen: dict[tuple[date, bool], PeriodColumn] = {}
    for column in shape.periods:
        first = seen.setdefault((column.period, column.quarter), column)
        if first is not column:
            raise ImportRejected(
                file_name,
                f"{where}: columns {first.letter} ('{first.heading}') and {column.letter} "
                f"('{column.heading}') are both {column.label}; keep one",
            )
    return form
