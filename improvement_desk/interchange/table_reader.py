"""Reading the table in a workbook people really keep, as raw cells by field.

The sheets that come back are not exports: a title and guidance above the
header, the header anywhere, recommendations merged down over their actions,
theme sub-headings, example and placeholder rows, pre-numbered empty rows,
an END marker, RAG given only as a fill colour. This module finds the table,
says why each row it leaves out was left out, and hands back the cells as
they are (values are parsed by `values.py`, meaning is decided by services).

It assumes the file passed `guard.py` (size, DTDs, far cells) and reads it in
normal mode once: merged ranges and fills are not available in read-only mode.
Qt-free and database-free. The parts: `header_detection` (which row, which
column), `row_rules` (which rows are actions), `sheet_cells` (fills, value
extent, formulas saved without a result).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import column_index_from_string, get_column_letter

from improvement_desk.interchange.columns import ColumnSpec
from improvement_desk.interchange.header_detection import (
    HEADER_SCAN_ROWS,
    ColumnMatch,
    HeaderMatch,
    apply_mapping,
    detect_header,
    match_header_row,
)
from improvement_desk.interchange.problems import CellProblem, ImportRejected
from improvement_desk.interchange.row_rules import (
    Layout,
    RowVerdict,
    classify_row,
    resolve_sections,
    skipped_rows,
)
from improvement_desk.interchange.rule_colours import RuleColours
from improvement_desk.interchange.sheet_cells import (
    FillColours,
    formula_cells,
    load_workbook,
    value_grid,
)

__all__ = [
    "NO_SAVED_RESULT",
    "ColumnMatch",
    "SheetChoice",
    "SheetRow",
    "SheetTable",
    "SourceCell",
    "list_sheets",
    "read_table",
]

NO_SAVED_RESULT = (
    "holds a formula with no saved result: open the file in Excel, save it, and import again"
)
"""openpyxl reads such a cell as empty without a word (RELIABILITY XL-8); importing the
blank would silently erase what the sheet shows, so the row is refused instead."""

PROGRESS_EVERY = 200


@dataclass(frozen=True, slots=True)
class SourceCell:
    """One cell as saved: the cached value of a formula, its solid fill, or its error.

    `error` is an Excel error code ("#REF!") or a sentence (a formula with no saved
    result); either way the value must not be imported as text.
    """

    value: object
    fill_rgb: str | None
    column: str
    error: str | None = None


@dataclass(frozen=True, slots=True)
class SheetRow:
    """A row of the table: mapped fields only; `merged_from` names values copied down a merge."""

    sheet: str
    row: int
    cells: Mapping[str, SourceCell]
    merged_from: frozenset[str] = frozenset()
    section: str | None = None


@dataclass
class SheetTable:
    file_name: str
    sheet: str
    header_row: int
    matches: list[ColumnMatch]
    unmatched_headers: list[tuple[str, str]]
    rows: list[SheetRow] = field(default_factory=list)
    skipped: list[CellProblem] = field(default_factory=list)
    warnings: list[CellProblem] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class SheetChoice:
    """A sheet as offered to the user when choosing which one to import."""

    name: str
    hidden: bool
    header_row: int | None
    matched: int
    data_rows: int


# ---------------------------------------------------------------- one sheet


class _Sheet:
    """A worksheet with its value grid and merge lookups, built once."""

    def __init__(self, ws: Any, colours: FillColours) -> None:
        self.ws = ws
        self.title: str = ws.title
        self.hidden = ws.sheet_state != "visible"
        self.grid = value_grid(ws)
        self.colours = colours
        self._rules: RuleColours | None = None

    @property
    def rules(self) -> RuleColours:
        """Built on first use: only the sheet that is read needs its formatting rules."""
        if self._rules is None:
            self._rules = RuleColours(self.ws, self.colours)
        return self._rules

    def header_cells(self, row: int) -> dict[int, object]:
        return {col: cell.value for col, cell in self.grid.get(row, {}).items()}

    def detect(self, columns: Sequence[ColumnSpec]) -> HeaderMatch | None:
        rows = {r: self.header_cells(r) for r in range(1, HEADER_SCAN_ROWS + 1) if r in self.grid}
        return detect_header(rows, columns)

    def layout(self, header: HeaderMatch, columns: Sequence[ColumnSpec]) -> Layout:
        fields = {column_index_from_string(m.column): m.field for m in header.matches}
        edge = max([*self.grid.get(header.row, {}), *fields, 1])
        return Layout(
            sheet=self.title,
            header_row=header.row,
            fields=fields,
            span=(1, edge),
            required=frozenset(s.field for s in columns if s.required),
            ids=frozenset(s.field for s in columns if s.kind == "key" or s.field == "reference"),
            dates=frozenset(s.field for s in columns if s.kind == "date"),
        )

    def merges(
        self, layout: Layout, last: int
    ) -> tuple[dict[tuple[int, int], int], dict[tuple[int, int], int]]:
        """Cells filled down from a merge's top-left (mapped columns, data rows), and merge widths.

        Only the top-left column is filled: a value merged across columns belongs to
        the column whose heading it sits under, and filling sideways would turn a
        section heading merged across the table into a full row.
        """
        down: dict[tuple[int, int], int] = {}
        widths: dict[tuple[int, int], int] = {}
        for merged in self.ws.merged_cells.ranges:
            top, left = merged.min_row, merged.min_col
            if merged.max_col > left:
                widths[(top, left)] = merged.max_col - left + 1
            if left in layout.fields and top > layout.header_row and merged.max_row > top:
                for row in range(top + 1, min(merged.max_row, last) + 1):
                    down[(row, left)] = top
        return widths, down

    def classify(
        self,
        layout: Layout,
        uncached: set[tuple[int, int]],
        limit: int,
        tick: Callable[[int], None] | None = None,
    ) -> tuple[list[RowVerdict], RowVerdict | None, dict[tuple[int, int], int]]:
        """Every row below the header to the last value: verdicts, the END row, merges down."""
        last = max([*self.grid, *(r for r, _ in uncached), layout.header_row])
        if last - layout.header_row > limit:
            raise _TooLong(last)
        widths, down = self.merges(layout, last)
        rows: list[RowVerdict] = []
        end: RowVerdict | None = None
        first = True
        for count, number in enumerate(range(layout.header_row + 1, last + 1), start=1):
            if tick is not None and count % PROGRESS_EVERY == 0:
                tick(count)
            verdict = classify_row(
                layout, number, self.grid.get(number, {}), uncached, widths, first
            )
            if verdict.kind == "end":
                end = verdict
                break
            first = first and verdict.kind == "blank"
            rows.append(verdict)
        resolve_sections(rows)
        return rows, end, down


class _TooLong(Exception):
    def __init__(self, last: int) -> None:
        self.last = last


def _source_cell(
    sheet: _Sheet, number: int, col: int, uncached: set[tuple[int, int]]
) -> tuple[SourceCell, bool]:
    """The cell as saved; True when it holds a formula with no saved result."""
    letter = get_column_letter(col)
    raw = sheet.ws._cells.get((number, col))
    fill = sheet.colours.of(raw) if raw is not None else None
    if (number, col) in uncached:
        return SourceCell(None, fill, letter, NO_SAVED_RESULT), True
    cell = sheet.grid.get(number, {}).get(col)
    if cell is None:
        return SourceCell(None, fill, letter), False
    if cell.data_type == "e":
        return SourceCell(None, fill, letter, str(cell.value)), False
    if fill is None:  # no colour of its own: perhaps a formatting rule colours its value
        fill = sheet.rules.colour(number, col, cell.value)
    return SourceCell(cell.value, fill, letter), False


def _computed_values_note(
    title: str, layout: Layout, built: Sequence[SheetRow], computed: set[tuple[int, int]]
) -> list[CellProblem]:
    """One note when imported values came from formulas: Excel's saved result is trusted,
    not recalculated, and a saved result can be edited to lie (RELIABILITY XL-9)."""
    mapped = set(layout.fields)
    used = sorted((r.row, c) for r in built for c in mapped if (r.row, c) in computed)
    if not used:
        return []
    row, col = used[0]
    return [
        CellProblem(
            title,
            row,
            get_column_letter(col),
            f"{len(used)} imported cell(s) hold formulas; their values are taken as Excel "
            "last saved them, not recalculated",
        )
    ]


def _build_rows(
    sheet: _Sheet,
    layout: Layout,
    rows: Sequence[RowVerdict],
    down: Mapping[tuple[int, int], int],
    uncached: set[tuple[int, int]],
) -> tuple[list[SheetRow], list[CellProblem]]:
    """The data rows as cells by field, and a warning per formula saved without a result.

    An empty cell inside a vertical merge takes the merge's top-left value (the
    recommendation belongs to each action under it); the field is listed in
    `merged_from` so the preview can say where the value came from.
    """
    built: list[SheetRow] = []
    warned: set[tuple[int, int]] = set()
    warnings: list[CellProblem] = []
    section: str | None = None
    for verdict in rows:
        if verdict.kind == "section":
            section = verdict.text
        if verdict.kind != "data":
            continue
        number = verdict.number
        cells: dict[str, SourceCell] = {}
        merged: set[str] = set()
        own_cells = sheet.grid.get(number, {})
        for col, name in layout.fields.items():
            source = number
            top = down.get((number, col))
            if top is not None and col not in own_cells and (number, col) not in uncached:
                source = top
            cell, unsaved = _source_cell(sheet, source, col, uncached)
            if source != number:
                if cell.value is None and cell.error is None:  # nothing above to copy down
                    source = number
                    cell, unsaved = _source_cell(sheet, number, col, uncached)
                else:
                    merged.add(name)
            cells[name] = cell
            if unsaved and (source, col) not in warned:
                warned.add((source, col))
                warnings.append(CellProblem(layout.sheet, source, cell.column, NO_SAVED_RESULT))
        built.append(SheetRow(layout.sheet, number, cells, frozenset(merged), section))
    return built, warnings


# ---------------------------------------------------------------- public API


def _looked_for(columns: Sequence[ColumnSpec]) -> str:
    names = [s.header for s in columns if s.required] or [s.header for s in columns]
    return ", ".join(names[:4]) + (", …" if len(names) > 0 else "")


def _no_header(file_name: str, sheets: Sequence[str], columns: Sequence[ColumnSpec]) -> Exception:
    where = (
        f"sheet '{sheets[0]}'"
        if len(sheets) == 1
        else "any sheet (" + ", ".join(f"'{s}'" for s in sheets) + ")"
    )
    return ImportRejected(
        file_name,
        f"no table with recognisable column headings in the first {HEADER_SCAN_ROWS} rows of "
        f"{where} (looked for: {_looked_for(columns)})",
    )


def _survey(
    wb: Any, columns: Sequence[ColumnSpec], colours: FillColours, max_rows: int
) -> list[tuple[SheetChoice, _Sheet, HeaderMatch | None]]:
    """Every worksheet with its header guess and data-row count, best candidate first."""
    found: list[tuple[int, SheetChoice, _Sheet, HeaderMatch | None]] = []
    for index, ws in enumerate(wb.worksheets):
        sheet = _Sheet(ws, colours)
        header = sheet.detect(columns)
        data_rows = 0
        if header is not None:
            try:
                rows, _, _ = sheet.classify(sheet.layout(header, columns), set(), max_rows)
                data_rows = sum(1 for r in rows if r.kind == "data")
            except _TooLong:
                data_rows = 0
        choice = SheetChoice(
            name=sheet.title,
            hidden=sheet.hidden,
            header_row=header.row if header else None,
            matched=len(header.matches) if header else 0,
            data_rows=data_rows,
        )
        found.append((index, choice, sheet, header))
    required = {s.field for s in columns if s.required}

    def rank(entry: tuple[int, SheetChoice, _Sheet, HeaderMatch | None]) -> tuple[int, ...]:
        index, choice, _, header = entry
        essential = sum(1 for m in header.matches if m.field in required) if header else 0
        return (choice.hidden, -choice.matched, -essential, -choice.data_rows, index)

    found.sort(key=rank)
    return [(choice, sheet, header) for _, choice, sheet, header in found]


def list_sheets(path: Path, columns: Sequence[ColumnSpec]) -> list[SheetChoice]:
    """The workbook's sheets as candidates: visible first, then by recognised columns."""
    wb = load_workbook(path)
    try:
        return [choice for choice, _, _ in _survey(wb, columns, FillColours(wb), 20_000)]
    finally:
        wb.close()


def _stop_if_cancelled(file_name: str, cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ImportRejected(file_name, "import cancelled")


def read_table(
    path: Path,
    columns: Sequence[ColumnSpec],
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    mapping: Mapping[str, str] | None = None,
    max_rows: int = 20_000,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SheetTable:
    """The table on one sheet (the best one when `sheet` is None), as raw cells by field.

    `header_row` and `mapping` (field → column letter) are the user's corrections of
    what was detected. Raises ImportRejected for a file or sheet with no usable table,
    data beyond `max_rows`, or cancellation.
    """
    name = path.name
    _stop_if_cancelled(name, cancelled)
    notes: list[str] = []
    wb = load_workbook(path, notes)
    try:
        colours = FillColours(wb)
        if sheet is None:
            survey = _survey(wb, columns, colours, max_rows)
            if not survey:
                raise ImportRejected(name, "the workbook has no worksheets")
            _, chosen, detected = survey[0]
            if detected is None and header_row is None:
                raise _no_header(name, [s.title for _, s, _ in survey if not s.hidden], columns)
        else:
            if sheet not in wb.sheetnames or wb[sheet] not in wb.worksheets:
                raise ImportRejected(name, f"there is no worksheet named '{sheet}'")
            chosen = _Sheet(wb[sheet], colours)
            detected = chosen.detect(columns) if header_row is None else None
            if detected is None and header_row is None:
                raise _no_header(name, [sheet], columns)
        _stop_if_cancelled(name, cancelled)
        table = _read(
            name,
            path,
            chosen,
            columns,
            detected,
            header_row,
            mapping,
            max_rows,
            progress,
            cancelled,
        )
    finally:
        wb.close()
    table.warnings.extend(CellProblem(table.sheet, 0, "", note) for note in notes)
    return table


def _read(
    name: str,
    path: Path,
    sheet: _Sheet,
    columns: Sequence[ColumnSpec],
    detected: HeaderMatch | None,
    header_row: int | None,
    mapping: Mapping[str, str] | None,
    max_rows: int,
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> SheetTable:
    if header_row is not None and header_row < 1:
        raise ValueError("header_row is 1-based")
    row = header_row if header_row is not None else detected.row if detected else 1
    cells = sheet.header_cells(row)
    if mapping is not None:
        header = apply_mapping(row, cells, columns, mapping)
    elif detected is not None and detected.row == row:
        header = detected
    else:
        header = match_header_row(row, cells, columns)
    layout = sheet.layout(header, columns)
    warnings: list[CellProblem] = []
    scanned = formula_cells(path, sheet.title)
    formulas, uncached = scanned if scanned is not None else (set(), set())
    if scanned is None:
        warnings.append(
            CellProblem(
                sheet.title, 0, "", "could not check this sheet for formulas with no saved result"
            )
        )

    def tick(count: int) -> None:
        _stop_if_cancelled(name, cancelled)
        if progress is not None:
            progress(count)

    try:
        rows, end, down = sheet.classify(layout, uncached, max_rows, tick)
    except _TooLong as too_long:
        raise ImportRejected(
            name,
            f"sheet '{sheet.title}' has data down to row {too_long.last:,}; at most "
            f"{max_rows:,} rows below the header (row {row}) can be imported",
        ) from None
    built, unsaved = _build_rows(sheet, layout, rows, down, uncached)
    warnings.extend(_computed_values_note(sheet.title, layout, built, formulas - uncached))
    skipped = skipped_rows(sheet.title, rows)
    if end is not None:
        skipped.append(CellProblem(sheet.title, end.number, "", end.reason))
    found = {m.field for m in header.matches}
    return SheetTable(
        file_name=name,
        sheet=sheet.title,
        header_row=row,
        matches=list(header.matches),
        unmatched_headers=list(header.unmatched),
        rows=built,
        skipped=skipped,
        warnings=warnings + unsaved,
        missing_required=[s.field for s in columns if s.required and s.field not in found],
    )
