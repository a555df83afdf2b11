"""Export a table (plan, risk register, action log, scorecard) as a working Excel workbook.

Officers filter, sort, print and send these sheets round, and owners fill in
their updates and send them back (BRIEF.md section 4). So the export carries
what makes a sheet usable and returnable: a styled, frozen header, filters,
real dates, drop-down lists, BRAG colours by conditional formatting (so the
colour follows an edit), a hidden record key to match a returned copy, a Notes
sheet saying what may change, and the protective marking on every printed page.
Qt-free and database-free: callers pass plain rows keyed by `ColumnSpec.field`.
`export_table` writes one table; a workbook of several (the scorecard's) is
built from the same parts: `write_table_sheet` per sheet, `write_notes_sheet`,
then `save_export`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.interchange.columns import ColumnSpec
from improvement_desk.interchange.problems import ExportRefused
from improvement_desk.interchange.safe_cells import (
    TextCleaner,
    atomic_save,
    header_footer_text,
    remove_stale_temp_files,
    write_text,
)

HEADER_ROW = 4
"""Rows 1-3 hold the title block; the importer finds a header below title rows anyway."""
DATE_FORMAT = "dd mmm yyyy"
DATE_MIN_WIDTH = 13  # "31 May 2013" plus a margin, so Excel never shows ###
PROGRESS_EVERY = 200

BRAG_ORDER = (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE, Brag.NOT_STARTED)
CONFIDENCE_ORDER = (Confidence.HIGH, Confidence.MEDIUM, Confidence.LOW)

_HEADER_FONT = Font(bold=True, color="FFFFFFFF")  # ARGB, opaque: some readers honour alpha
_HEADER_FILL = PatternFill(fill_type="solid", start_color="FF1F3A5F", end_color="FF1F3A5F")
_THIN = Side(style="thin", color="FFBFBFBF")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_UNLOCKED = Protection(locked=False)
_WHITE_TEXT_ON = frozenset({Brag.RED, Brag.BLUE})  # as Brag.colour documents; black elsewhere


@dataclass(frozen=True)
class ExportMeta:
    """Who made the export, when, and how it must be handled; printed on every page."""

    board_name: str
    title: str
    marking: str
    generated_at: datetime
    author: str
    matched_to: str = "the plan"  # ends the Notes sentence about the record key
    # The board's "today" when it differs from the clock (a demo board is viewed as at a date).
    as_at: date | None = None

    def __post_init__(self) -> None:
        if self.generated_at.utcoffset() is None:
            raise ValueError("generated_at must be timezone-aware")


@dataclass
class ExportReport:
    """What the user is told after an export, including every cell that was cleaned."""

    rows: int
    cleaned_characters: int
    cleaned_places: list[str]
    path: Path


@dataclass(frozen=True, slots=True)
class CellColour:
    """A conditional fill for one column's data cells: where the cell equals a text, holds a
    number between two bounds (inclusive), or where an Excel formula is true. Colours are
    "#RRGGBB".

    The plan's BRAG colours are built in; other tables (the risk register's bands, the
    action log's overdue rows) pass theirs, so the colour follows an edit in Excel just as
    the BRAG colour does. A `formula` is written for the first data row, naming that row's
    cells by field in braces: `AND({status}="Open",{due}<DATE(2014,3,31))`.
    """

    field: str
    fill: str
    text: str = "#000000"
    equals: str | None = None
    between: tuple[int, int] | None = None
    formula: str | None = None

    def __post_init__(self) -> None:
        given = [self.equals is not None, self.between is not None, self.formula is not None]
        if sum(given) != 1:
            raise ValueError("a CellColour needs exactly one of `equals`, `between` and `formula`")


def export_table(
    path: Path,
    meta: ExportMeta,
    columns: Sequence[ColumnSpec],
    rows: Iterable[Mapping[str, object]],
    *,
    sheet_name: str = "Plan",
    protect: bool = False,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    choices: Mapping[str, Sequence[str]] | None = None,
    colours: Sequence[CellColour] = (),
    notes: Sequence[tuple[str, str]] = (),
) -> ExportReport:
    """Write `rows` to `path` atomically; the old file survives any refusal or failure.

    `protect=True` is for owner returns: only editable columns can be changed.
    `choices` gives a drop-down list per field (beside the built-in BRAG and confidence
    lists), `colours` conditional fills, and `notes` extra (label, text) lines for the
    Notes sheet. Raises `ExportRefused` for text Excel cannot hold and for cancellation.
    """
    cleaner = TextCleaner()
    meta = clean_meta(meta, cleaner)
    stop_if(cancelled)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_name
    count = write_table_sheet(
        sheet,
        meta,
        columns,
        rows,
        cleaner,
        protect=protect,
        progress=progress,
        cancelled=cancelled,
        choices=choices,
        colours=colours,
    )
    write_notes_sheet(
        workbook, meta, ordered_columns(columns), cleaner, protect=protect, extra=notes
    )
    save_export(workbook, path, meta, cancelled)
    return ExportReport(count, cleaner.count, list(cleaner.places), path)


def write_table_sheet(
    sheet: Any,
    meta: ExportMeta,
    columns: Sequence[ColumnSpec],
    rows: Iterable[Mapping[str, object]],
    cleaner: TextCleaner,
    *,
    heading: str | None = None,
    protect: bool = False,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    choices: Mapping[str, Sequence[str]] | None = None,
    colours: Sequence[CellColour] = (),
) -> int:
    """One table on one worksheet (title block, styled frozen header, rows, filter, hidden key,
    drop-downs, colours, print set-up); the number of rows written.

    `meta` must already be cleaned (`clean_meta`); `heading` names what the sheet holds in
    its subtitle (by default `meta.title`). A workbook of several tables calls this per sheet.
    """
    ordered = ordered_columns(columns)
    as_at = f"{meta.as_at.day} {meta.as_at:%B %Y}" if meta.as_at else _long_date(meta.generated_at)
    what = cleaner.clean(heading, place=f"{sheet.title} title") if heading else meta.title
    subtitle = f"{what} as at {as_at} — {meta.marking}"
    _write_title_block(sheet, meta.board_name, subtitle, cleaner)
    _write_header_row(sheet, [c.header for c in ordered], HEADER_ROW, cleaner)
    sheet.row_dimensions[HEADER_ROW].height = 2 * LINE_POINTS + 3  # headers wrap to two lines
    count = 0
    for count, row in enumerate(rows, start=1):
        _write_row(sheet, HEADER_ROW + count, ordered, row, cleaner, protect=protect)
        sheet.row_dimensions[HEADER_ROW + count].height = row_height(ordered, row)
        if count % PROGRESS_EVERY == 0:
            if progress is not None:
                progress(count)
            stop_if(cancelled)
    if progress is not None:
        progress(count)
    last_row = HEADER_ROW + max(count, 1)
    _lay_out(sheet, ordered, last_row)
    _add_drop_downs(sheet, ordered, last_row, choices or {})
    _add_brag_colours(sheet, ordered, last_row)
    _add_cell_colours(sheet, ordered, last_row, colours)
    _set_print(sheet, meta, title_rows=f"{HEADER_ROW}:{HEADER_ROW}")
    if protect:
        _protect(sheet)
    return count


def write_notes_sheet(
    workbook: Any,
    meta: ExportMeta,
    columns: Sequence[ColumnSpec],
    cleaner: TextCleaner,
    *,
    protect: bool = False,
    extra: Sequence[tuple[str, str]] = (),
) -> Any:
    """The Notes sheet: what the file is, who made it, and which columns may be changed."""
    notes_sheet = workbook.create_sheet("Notes")
    _write_notes(notes_sheet, meta, columns, cleaner, protect=protect, extra=extra)
    _set_print(notes_sheet, meta, title_rows=None)
    if protect:
        _protect(notes_sheet)
    return notes_sheet


def save_export(
    workbook: Any, path: Path, meta: ExportMeta, cancelled: Callable[[], bool] | None = None
) -> None:
    """Properties, a last chance to cancel, then an atomic save over `path`."""
    _set_properties(workbook, meta)
    stop_if(cancelled)
    # An export killed half-way (power cut, kill -9) leaves its temp file; the next
    # export to the same folder tidies it (RELIABILITY EX-6).
    remove_stale_temp_files(path.parent)
    atomic_save(workbook, path)


def ordered_columns(columns: Sequence[ColumnSpec]) -> list[ColumnSpec]:
    """Declared order, with key columns moved last: hidden at the right, out of the way."""
    return [c for c in columns if c.kind != "key"] + [c for c in columns if c.kind == "key"]


def clean_meta(meta: ExportMeta, cleaner: TextCleaner) -> ExportMeta:
    """Clean the export details once, so a stray character is reported once, not per use."""
    place = "export details"
    return replace(
        meta,
        board_name=cleaner.clean(meta.board_name, place=place),
        title=cleaner.clean(meta.title, place=place),
        marking=cleaner.clean(meta.marking, place=place),
        author=cleaner.clean(meta.author, place=place),
        matched_to=cleaner.clean(meta.matched_to, place=place),
    )


def stop_if(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportRefused("Export cancelled; the previous file is unchanged.")


def _write_title_block(sheet: Any, board_name: str, subtitle: str, cleaner: TextCleaner) -> None:
    """Row 1 whose sheet, row 2 what and as at when (with the marking); row 3 stays blank."""
    for row, text, size in ((1, board_name, 14), (2, subtitle, 11)):
        cell = sheet.cell(row=row, column=1)
        write_text(cell, text, place=f"{sheet.title}!A{row}", cleaner=cleaner)
        cell.font = Font(bold=True, size=size)


LINE_POINTS = 15.0
MAX_ROW_POINTS = 409.0  # Excel's limit


def row_height(columns: Sequence[ColumnSpec], values: Mapping[str, object]) -> float:
    """Enough height for the longest wrapped cell.

    Neither Excel nor LibreOffice reliably fits rows to wrapped text when a file
    is opened, so a row without a stored height shows one line and text overlaps.
    """
    lines = 1
    for spec in columns:
        value = values.get(spec.field)
        if not isinstance(value, str) or not value:
            continue
        per_line = max(int(spec.width * 1.2), 1)  # a width unit holds ~1.2 average characters
        needed = sum(max(1, -(-len(part) // per_line)) for part in value.split("\n"))
        lines = max(lines, needed)
    return min(LINE_POINTS * lines + 3, MAX_ROW_POINTS)


def _long_date(moment: datetime) -> str:
    """'31 March 2014' in the user's own time zone ('%-d' is not portable to Windows)."""
    local = moment.astimezone()
    return f"{local.day} {local:%B %Y}"


def _write_header_row(sheet: Any, headers: Sequence[str], row: int, cleaner: TextCleaner) -> None:
    for index, header in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=index)
        write_text(cell, header, place=f"{sheet.title}!{cell.coordinate}", cleaner=cleaner)
        cell.font = _HEADER_FONT
        cell.fill = _HEADER_FILL
        cell.alignment = _WRAP_TOP
        cell.border = _BORDER


def _write_row(
    sheet: Any,
    row: int,
    columns: Sequence[ColumnSpec],
    values: Mapping[str, object],
    cleaner: TextCleaner,
    *,
    protect: bool,
) -> None:
    reference = _row_label(columns, values)
    for index, spec in enumerate(columns, start=1):
        cell = sheet.cell(row=row, column=index)
        place = f"{sheet.title}!{cell.coordinate} ({spec.header}{reference})"
        _write_value(cell, values.get(spec.field), spec, place, cleaner)
        cell.border = _BORDER
        cell.alignment = _TOP if spec.kind in {"date", "key"} else _WRAP_TOP
        if protect and spec.editable:
            cell.protection = _UNLOCKED


def _row_label(columns: Sequence[ColumnSpec], values: Mapping[str, object]) -> str:
    """', Action ref 3.2': lets the user find a refused or cleaned row in the app."""
    spec = _reference_column(columns)
    value = values.get(spec.field) if spec is not None else None
    return f", {spec.header} {' '.join(str(value).split())[:20]}" if spec and value else ""


def _write_value(
    cell: Any, value: object, spec: ColumnSpec, place: str, cleaner: TextCleaner
) -> None:
    if value is None:
        return
    if isinstance(value, Brag | Confidence):
        write_text(cell, value.label, place=place, cleaner=cleaner)
    elif isinstance(value, str):
        write_text(cell, value, place=place, cleaner=cleaner)
    elif isinstance(value, date):
        # A datetime is a date too; the sheet shows days, and Excel refuses time zones.
        cell.value = value.date() if isinstance(value, datetime) else value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float) and not isinstance(value, bool):
        cell.value = value
    else:
        raise TypeError(f"{place}: cannot export a {type(value).__name__} in a {spec.kind} column")


def _reference_column(columns: Sequence[ColumnSpec]) -> ColumnSpec | None:
    """The column that names a row to a person: the one whose field is 'reference'."""
    return next((c for c in columns if c.field == "reference"), None)


def _lay_out(sheet: Any, columns: Sequence[ColumnSpec], last_row: int) -> None:
    """Widths, frozen header and reference column, filter over the table, hidden key."""
    for index, spec in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = max(spec.width, DATE_MIN_WIDTH) if spec.kind == "date" else spec.width
        if spec.kind == "key":
            dimension.hidden = True
    reference = _reference_column(columns)
    frozen_after = columns.index(reference) + 1 if reference is not None else 1
    sheet.freeze_panes = f"{get_column_letter(frozen_after + 1)}{HEADER_ROW + 1}"
    last_letter = get_column_letter(len(columns))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_letter}{last_row}"


def _data_range(columns: Sequence[ColumnSpec], spec: ColumnSpec, last_row: int) -> str:
    letter = get_column_letter(list(columns).index(spec) + 1)
    return f"{letter}{HEADER_ROW + 1}:{letter}{last_row}"


MAX_LIST_FORMULA = 255
"""Excel's limit on a drop-down list typed into the validation (commas included)."""


def _add_drop_downs(
    sheet: Any,
    columns: Sequence[ColumnSpec],
    last_row: int,
    by_field: Mapping[str, Sequence[str]],
) -> None:
    """Drop-down lists keep returned ratings readable by the importer; blank is allowed."""
    choices = {
        "brag": [b.label for b in BRAG_ORDER],
        "confidence": [c.label for c in CONFIDENCE_ORDER],
    }
    for spec in columns:
        labels = list(by_field[spec.field]) if spec.field in by_field else choices.get(spec.kind)
        if labels is None:
            continue
        if any("," in label or '"' in label for label in labels):
            raise ValueError(f"{spec.header}: drop-down labels cannot hold commas or quotes")
        if len(",".join(labels)) > MAX_LIST_FORMULA:
            raise ValueError(f"{spec.header}: the drop-down list is longer than Excel allows")
        validation = DataValidation(
            type="list",
            formula1='"' + ",".join(labels) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=spec.header,
            error="Choose one of: " + ", ".join(labels) + ".",
        )
        validation.add(_data_range(columns, spec, last_row))
        sheet.add_data_validation(validation)


def _add_brag_colours(sheet: Any, columns: Sequence[ColumnSpec], last_row: int) -> None:
    """Colour by rule, not by fill, so a changed status recolours itself in Excel."""
    for spec in columns:
        if spec.kind != "brag":
            continue
        cells = _data_range(columns, spec, last_row)
        for status in BRAG_ORDER:
            colour = "FF" + status.colour.lstrip("#").upper()
            rule = CellIsRule(
                operator="equal",
                formula=[f'"{status.label}"'],
                fill=PatternFill(fill_type="solid", start_color=colour, end_color=colour),
                font=Font(color="FFFFFFFF" if status in _WHITE_TEXT_ON else "FF000000"),
            )
            sheet.conditional_formatting.add(cells, rule)


def _add_cell_colours(
    sheet: Any, columns: Sequence[ColumnSpec], last_row: int, colours: Sequence[CellColour]
) -> None:
    by_field = {spec.field: spec for spec in columns}
    for colour in colours:
        spec = by_field.get(colour.field)
        if spec is None:
            continue
        fill = "FF" + colour.fill.lstrip("#").upper()
        font = Font(color="FF" + colour.text.lstrip("#").upper())
        solid = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
        if colour.equals is not None:
            rule = CellIsRule(
                operator="equal", formula=[f'"{colour.equals}"'], fill=solid, font=font
            )
        elif colour.formula is not None:
            rule = FormulaRule(
                formula=[_row_formula(colour.formula, columns)], fill=solid, font=font
            )
        else:
            assert colour.between is not None
            low, high = colour.between
            rule = CellIsRule(
                operator="between", formula=[str(low), str(high)], fill=solid, font=font
            )
        sheet.conditional_formatting.add(_data_range(columns, spec, last_row), rule)


def _row_formula(template: str, columns: Sequence[ColumnSpec]) -> str:
    """`{due}` → `$G5`: a field's cell in the first data row, its column fixed, its row
    relative, so Excel moves the rule down the table row by row."""
    cells = {
        spec.field: f"${get_column_letter(index)}{HEADER_ROW + 1}"
        for index, spec in enumerate(columns, start=1)
    }
    try:
        return template.format_map(cells)
    except KeyError as exc:
        raise ValueError(f"the formula names a column the table does not have: {exc}") from None


def _set_print(sheet: Any, meta: ExportMeta, title_rows: str | None) -> None:
    """Landscape, one page wide, header row on every page, marking top and bottom."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows is not None:
        sheet.print_title_rows = title_rows
    marking = header_footer_text(meta.marking)
    board = header_footer_text(meta.board_name)
    # Same text on odd, even and first pages, and Excel told to use all three.
    sheet.HeaderFooter.differentOddEven = True
    sheet.HeaderFooter.differentFirst = True
    for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        header.left.text = board
        header.center.text = marking
    for footer in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
        footer.center.text = marking
        footer.right.text = "Page &P of &N"


def _write_notes(
    sheet: Any,
    meta: ExportMeta,
    columns: Sequence[ColumnSpec],
    cleaner: TextCleaner,
    *,
    protect: bool,
    extra: Sequence[tuple[str, str]] = (),
) -> None:
    """Tell whoever opens the file what it is, what they may change, and what not."""
    made = meta.generated_at.astimezone()
    rule = "the other cells are locked" if protect else "please leave the others as they are"
    lines = [
        ("What this is", f"{meta.title} for {meta.board_name}, exported from Improvement Desk."),
        ("Made", f"{_long_date(made)} at {made:%H:%M} by {meta.author}"),
        ("Handling", f"{meta.marking}. Keep and share it accordingly."),
        ("What you may change", f"Only the columns marked Yes below; {rule}."),
    ]
    lines += [
        (
            "Record key",
            f"Do not change the {key.header} column; it matches your copy to "
            f"{meta.matched_to}. It is hidden at the far right of the sheet.",
        )
        for key in columns
        if key.kind == "key"
    ]
    lines += list(extra)
    _write_title_block(sheet, meta.board_name, f"{meta.title}: notes", cleaner)
    row = 4
    for label, text in lines:
        _notes_row(sheet, row, (label, text), cleaner)
        sheet.cell(row=row, column=1).font = Font(bold=True)
        row += 1
    row += 1
    _write_header_row(sheet, ("Column", "Can be edited?", "Note"), row, cleaner)
    for spec in columns:
        row += 1
        _notes_row(sheet, row, (spec.header, "Yes" if spec.editable else "No", spec.note), cleaner)
    if any(c.kind == "brag" for c in columns):
        row += 2
        _write_header_row(sheet, ("Status", "Meaning"), row, cleaner)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        for status in BRAG_ORDER:
            row += 1
            _notes_row(sheet, row, (status.label, status.meaning), cleaner)
    for letter, width in zip("ABC", _NOTES_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width


_NOTES_WIDTHS = (28, 18, 70)  # bold labels and "Can be edited?" on one line


def _notes_row(sheet: Any, row: int, texts: Sequence[str], cleaner: TextCleaner) -> None:
    """A label and its text (the text spanning B:C), or one cell per column; tall enough.

    Rows get a stored height because neither Excel nor LibreOffice reliably fits
    wrapped text when a file is opened.
    """
    widths = list(_NOTES_WIDTHS)
    if len(texts) == 2:
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=3)
        widths = [widths[0], widths[1] + widths[2]]
    lines = 1
    for index, (text, width) in enumerate(zip(texts, widths, strict=False), start=1):
        cell = sheet.cell(row=row, column=index)
        write_text(cell, text, place=f"Notes!{cell.coordinate}", cleaner=cleaner)
        cell.alignment = _WRAP_TOP
        per_line = max(width - 2, 1)  # prose: estimate conservatively, a clipped line is lost
        lines = max(
            lines, *(max(1, -(-len(part) // per_line)) for part in (text or "").split("\n"))
        )
    sheet.row_dimensions[row].height = min(LINE_POINTS * lines + 3, MAX_ROW_POINTS)


def _protect(sheet: Any) -> None:
    """No password: this guards against slips, not attacks; filters and sorting still work."""
    protection = sheet.protection
    protection.sheet = True
    protection.autoFilter = False  # False = the action stays allowed
    protection.sort = False
    protection.formatColumns = False
    protection.formatRows = False  # so a longer update can be given a taller row


def _set_properties(workbook: Any, meta: ExportMeta) -> None:
    """File > Info shows the title, marking and author; 'created' is stored as naive UTC."""
    properties = workbook.properties
    properties.title = meta.title
    properties.subject = meta.marking
    properties.creator = meta.author
    properties.lastModifiedBy = meta.author
    properties.created = meta.generated_at.astimezone(UTC).replace(tzinfo=None)
    properties.keywords = "improvement plan"
    properties.description = (
        f"{meta.title} for {meta.board_name}, exported from Improvement Desk. "
        f"Handle as {meta.marking}."
    )
