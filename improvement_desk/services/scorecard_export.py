"""Exporting the scorecard to Excel: a sheet to read, and a sheet of figures to edit and return.

The "Scorecard" sheet shows each indicator as the app rates it (latest
figure, previous, target in force, RAG as a word coloured by conditional
formatting, direction of travel as a word and an arrow), worked out once by
the scorecard reader, so the workbook, the page and the board pack agree.
The "Figures" sheet holds every figure WIDE: one row per indicator, one
column per period headed "Jan 2014" (or "Q3 2013/14" when every indicator
is quarterly), numbers as numbers and a blank where there is no figure —
never a zero. It is what `scorecard_import` reads back.

The hidden key carries "board:id:stamp", where the stamp sums up the
indicator's figures (their periods and versions) when the copy was made: a
returned copy that would change a figure the board has changed since is
shown as a conflict, not applied over it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

from openpyxl import Workbook

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.periods import (
    Frequency,
    next_period,
    period_label,
    period_of,
    periods_ending,
)
from improvement_desk.domain.scorecard import Rag
from improvement_desk.interchange.columns import ColumnSpec
from improvement_desk.interchange.safe_cells import TextCleaner
from improvement_desk.interchange.scorecard_columns import (
    FIGURES_FIXED_COLUMNS,
    NUMBER,
    SCORECARD_COLUMNS,
    period_field,
)
from improvement_desk.interchange.xlsx_export import (
    CellColour,
    ExportMeta,
    ExportReport,
    clean_meta,
    save_export,
    stop_if,
    write_notes_sheet,
    write_table_sheet,
)
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.plan_export import DEFAULT_MARKING, board_token, record_key
from improvement_desk.services.scorecard_reader import load_rows
from improvement_desk.services.scorecard_records import FigureRecord, ScorecardRow

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]

TITLE = "Performance scorecard"
SCORECARD_SHEET = "Scorecard"
FIGURES_SHEET = "Figures"
EMPTY_PERIODS = 12  # columns offered on a scorecard with no figures yet
_RAG_COLOURS = {Rag.RED: Brag.RED, Rag.AMBER: Brag.AMBER, Rag.GREEN: Brag.GREEN}
_WHITE_ON = frozenset({Rag.RED})


def figures_stamp(figures: Sequence[FigureRecord]) -> int:
    """A number that changes whenever a figure of the indicator is added, changed or removed."""
    text = ";".join(f"{f.period.isoformat()}/{f.id}/{f.version}" for f in figures)
    return int(hashlib.sha256(text.encode()).hexdigest()[:8], 16)


def indicator_key(board: str, row: ScorecardRow) -> str:
    return record_key(board, row.indicator.id, figures_stamp(row.figures))


def scorecard_row(row: ScorecardRow, board: str) -> dict[str, object]:
    """One indicator as the Scorecard sheet shows it (keyed by ColumnSpec.field)."""
    indicator = row.indicator
    return {
        "key": indicator_key(board, row),
        "reference": indicator.reference,
        "name": indicator.name,
        "unit": indicator.unit.label,
        "polarity": indicator.polarity.label,
        "target": row.target,
        "tolerance": indicator.amber_tolerance,
        "latest_period": row.latest_label or None,
        "latest": row.latest,
        "previous": row.previous,
        "rag": row.rag.label if row.rag else None,
        "trend": f"{row.trend.arrow} {row.trend.label}",
        "england": indicator.england,
        "neighbours": indicator.statistical_neighbours,
        "commentary": row.commentary,
    }


def column_periods(rows: Sequence[ScorecardRow], today: date) -> tuple[list[date], Frequency]:
    """The Figures sheet's periods, oldest first, to the current one: quarters when every
    indicator is quarterly, else months (a quarter's figure under its first month)."""
    quarterly = bool(rows) and all(r.indicator.frequency is Frequency.QUARTERLY for r in rows)
    frequency = Frequency.QUARTERLY if quarterly else Frequency.MONTHLY
    last = period_of(today, frequency)
    held = [f.period for r in rows for f in r.figures]
    if not held:
        return periods_ending(last, EMPTY_PERIODS, frequency), frequency
    periods = [min(held)]
    last = max(last, *held)
    while periods[-1] < last:
        periods.append(next_period(periods[-1], frequency))
    return periods, frequency


def figure_columns(periods: Sequence[date], frequency: Frequency) -> list[ColumnSpec]:
    return [*FIGURES_FIXED_COLUMNS] + [
        ColumnSpec(
            period_field(p.isoformat()),
            period_label(p, frequency),
            kind=NUMBER,
            editable=True,
            width=10,
        )
        for p in periods
    ]


def figures_row(row: ScorecardRow, board: str) -> dict[str, object]:
    """One indicator's figures across the periods; a period without a figure is left out
    (a blank cell), never written as 0."""
    indicator = row.indicator
    values: dict[str, object] = {
        "key": indicator_key(board, row),
        "reference": indicator.reference,
        "name": indicator.name,
        "unit": indicator.unit.label,
    }
    for figure in row.figures:
        values[period_field(figure.period.isoformat())] = figure.value
    return values


def rag_colours() -> list[CellColour]:
    """The RAG word coloured by rule, and the latest value with it, so both follow an edit."""
    found: list[CellColour] = []
    for rag, brag in _RAG_COLOURS.items():
        text = "#FFFFFF" if rag in _WHITE_ON else "#000000"
        found.append(CellColour("rag", brag.colour, text, equals=rag.label))
        found.append(CellColour("latest", brag.colour, text, formula=f'{{rag}}="{rag.label}"'))
    return found


def scorecard_notes(periods: Sequence[date], frequency: Frequency) -> list[tuple[str, str]]:
    first, last = (period_label(p, frequency) for p in (periods[0], periods[-1]))
    notes = [
        (
            "Scorecard sheet",
            "For reading: each indicator's latest figure against the target in force for it "
            "(RAG as a word and a colour), the previous period's figure and the direction of "
            "travel, judged by whether higher or lower is better. Changes to it are not imported.",
        ),
        (
            "Figures sheet",
            f"Every figure, one row per indicator and one column per period ({first} to {last}). "
            "Change a figure or fill in a blank one, then import the workbook (File > Import "
            "scorecard figures from Excel): every change is shown as old → new before anything "
            "is saved, and all of it is saved or none.",
        ),
        (
            "Blank cells",
            "A blank cell is no figure (a gap), never a zero. Clearing a cell does not remove "
            "a figure the board holds (remove it in the app). 'n/a' or '-' also mean no figure.",
        ),
        (
            "Percentages",
            "Written as numbers: 93.8 means 93.8%. A cell formatted as a percentage in Excel "
            "(94%) is read as the percentage it shows.",
        ),
        (
            "New periods",
            "Add a column headed by the month ('Apr 2014') or the quarter ('Q1 2014/15'); a "
            "period that has not started yet cannot be imported.",
        ),
    ]
    if frequency is Frequency.MONTHLY:
        notes.append(
            (
                "Quarterly indicators",
                "A quarterly indicator's figure sits under its quarter's first month (Oct 2013 "
                "for Q3 2013/14, October to December).",
            )
        )
    return notes


def _notes_columns(periods: Sequence[date], frequency: Frequency) -> list[ColumnSpec]:
    first, last = (period_label(p, frequency) for p in (periods[0], periods[-1]))
    spread = first if first == last else f"{first} … {last}"
    return [
        *(c for c in FIGURES_FIXED_COLUMNS if c.kind != "key"),
        ColumnSpec(
            "periods",
            f"Figures: {spread}",
            editable=True,
            note="One column per period: a number in the indicator's unit, or blank for none.",
        ),
        *(c for c in FIGURES_FIXED_COLUMNS if c.kind == "key"),
    ]


class ScorecardExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def rows(self) -> list[ScorecardRow]:
        with self._ctx.db.reading() as session:
            return load_rows(self._ctx, session, 0)

    def export(
        self,
        path: Path,
        *,
        board_name: str,
        marking: str = DEFAULT_MARKING,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportReport:
        """Both sheets and the notes, written atomically: the old file survives any failure."""
        rows = self.rows()
        board = board_token(self._ctx)
        today = self._ctx.today()
        periods, frequency = column_periods(rows, today)
        cleaner = TextCleaner()
        meta = clean_meta(
            ExportMeta(
                board_name=board_name,
                title=TITLE,
                marking=marking,
                generated_at=self._ctx.now(),
                author=self._ctx.actor.name,
                matched_to="the scorecard",
                as_at=today,
            ),
            cleaner,
        )
        stop_if(cancelled)
        workbook = Workbook()
        summary = workbook.active
        summary.title = SCORECARD_SHEET
        count = write_table_sheet(
            summary,
            meta,
            SCORECARD_COLUMNS,
            [scorecard_row(r, board) for r in rows],
            cleaner,
            heading="Scorecard",
            cancelled=cancelled,
            colours=rag_colours(),
        )
        write_table_sheet(
            workbook.create_sheet(FIGURES_SHEET),
            meta,
            figure_columns(periods, frequency),
            [figures_row(r, board) for r in rows],
            cleaner,
            heading="Figures",
            progress=progress,
            cancelled=cancelled,
        )
        write_notes_sheet(
            workbook,
            meta,
            _notes_columns(periods, frequency),
            cleaner,
            extra=scorecard_notes(periods, frequency),
        )
        save_export(workbook, path, meta, cancelled)
        return ExportReport(count, cleaner.count, list(cleaner.places), path)
