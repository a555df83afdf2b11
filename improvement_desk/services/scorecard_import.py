"""Importing scorecard figures from a workbook: preview every row, then apply all of it or nothing.

The file is checked for hostile content before it is parsed. Its shape is
found first (`scorecard_sheet_shapes`): WIDE, indicator rows with a column
per period (our own Figures sheet, and how councils keep scorecards), or
LONG, one row per figure (indicator, period, value, optional commentary).
The rows are then read by the same forgiving table reader as the other
imports, so title rows, END markers, formulas saved without a result and
error cells are handled alike, and every refusal names sheet, row and column.

Each row becomes an outcome: NEW (it only adds figures, or adds an
indicator), CHANGED (it changes a figure the board holds: old → new),
UNCHANGED, REFUSED or CONFLICT (a returned copy changing a figure the board
changed after the copy was made). A blank cell is no figure, never a zero,
and never removes one. Applying writes every figure in ONE transaction
through the scorecard's own units (`record_figure_in`, `create_indicator_in`),
so each figure is validated and audited as if typed in the app, and a
refusal half-way leaves nothing behind.

Unknown indicators: a row naming an indicator the board does not have is
refused, naming the cell, unless the sheet has Unit and Polarity columns.
Then the row adds the indicator, from its Ref, Indicator, Unit, Polarity
and (when given) Frequency, Amber tolerance, England, Statistical neighbours
and Target (a target for every period, to be refined in the app). A sheet
without those columns cannot say what its numbers mean, so nothing is
guessed: "12" could be a count or a percentage.

A sheet with figures but no period at all (a KPI tracker's "Actual" column)
is refused as a whole unless the period is given (`period=`, the CLI's
`--period`): then every figure is taken as for that period.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from improvement_desk.db.models import Indicator
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.periods import Frequency, period_label
from improvement_desk.domain.scorecard import FigureDraft
from improvement_desk.interchange.columns import ColumnSpec
from improvement_desk.interchange.guard import assert_defusedxml, check_workbook_file
from improvement_desk.interchange.problems import CellProblem, ImportRejected
from improvement_desk.interchange.scorecard_columns import (
    COMPUTED,
    SCORECARD_IMPORT_COLUMNS,
)
from improvement_desk.interchange.table_reader import SheetChoice, read_table
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.figures import create_indicator_in, find_figure, record_figure_in
from improvement_desk.services.guards import fetch
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.plan_export import board_token
from improvement_desk.services.scorecard_export import figures_stamp
from improvement_desk.services.scorecard_reader import load_figures, load_indicators
from improvement_desk.services.scorecard_rows import (
    ScorecardRowOutcome,
    ScorecardRowReader,
    ScorecardState,
    SheetLayout,
    reference_key,
)
from improvement_desk.services.scorecard_sheet_shapes import (
    LONG,
    WIDE,
    PeriodColumn,
    SheetShape,
    refuse_unreadable,
    survey,
)

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


@dataclass
class ScorecardImportPreview:
    file_name: str
    path: str
    sheet: str
    header_row: int
    form: str  # "wide" (periods across) or "long" (one row per figure)
    mapping: dict[str, str]  # field → column letter ("p:F" for the period in column F)
    unmatched_headers: list[tuple[str, str]]
    headings: list[tuple[str, str]]  # every titled column of the header row: (letter, text)
    periods: list[str]  # the period columns' labels, left to right (wide)
    outcomes: list[ScorecardRowOutcome]
    skipped: list[CellProblem]
    warnings: list[CellProblem] = field(default_factory=list)
    default_period: date | None = None
    new_people: list[str] = field(default_factory=list)  # the wizard's protocol: never any

    def count(self, kind: RowKind) -> int:
        return sum(o.kind is kind for o in self.outcomes)

    @property
    def figures_added(self) -> int:
        return sum(o.added for o in self.outcomes if o.applies)

    @property
    def figures_changed(self) -> int:
        return sum(o.changed for o in self.outcomes if o.applies)

    @property
    def new_indicators(self) -> list[str]:
        return [o.reference for o in self.outcomes if o.applies and o.new_indicator]

    @property
    def refused(self) -> list[CellProblem]:
        problems: list[CellProblem] = []
        for o in self.outcomes:
            if o.kind in (RowKind.REFUSED, RowKind.CONFLICT):
                problems.extend(o.reasons or (CellProblem(o.sheet, o.row, "", o.kind.value),))
        return problems

    def all_warnings(self) -> list[CellProblem]:
        found = list(self.warnings)
        for o in self.outcomes:
            found.extend(o.warnings)
        return found

    def summary(self) -> dict[str, object]:
        """The `--json` shape of the CLI."""
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "form": self.form,
            "added": self.count(RowKind.NEW),
            "updated": self.count(RowKind.CHANGED),
            "unchanged": self.count(RowKind.UNCHANGED),
            "conflicts": self.count(RowKind.CONFLICT),
            "figures_added": self.figures_added,
            "figures_changed": self.figures_changed,
            "new_indicators": self.new_indicators,
            "refused": [p.as_dict() for p in self.refused],
            "warnings": [p.as_dict() for p in self.all_warnings()],
            "skipped": [p.as_dict() for p in self.skipped],
            "new_people": [],
        }


@dataclass(frozen=True, slots=True)
class ScorecardImportResult:
    added: int  # rows that only added figures (or an indicator)
    updated: int  # rows that changed figures
    unchanged: int
    refused: int
    figures_added: int
    figures_changed: int
    indicators_added: int


class ScorecardImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def sheets(self, path: Path) -> list[SheetChoice]:
        """The workbook's sheets, the likeliest scorecard first (after the safety checks)."""
        assert_defusedxml()
        check_workbook_file(path)
        return [shape.choice() for shape in survey(path)]

    def preview(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: Mapping[str, str] | None = None,
        period: date | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ScorecardImportPreview:
        """Reads and interprets the file; writes nothing.

        `period` is the period of every figure of a sheet that gives none (a one-period
        return with an "Actual" column); `mapping` is the user's own field → column choice.
        """
        assert_defusedxml()
        facts = check_workbook_file(path)
        notes: list[str] = []
        shape = self._shape(path, sheet, notes)
        if mapping is not None:
            shape = shape.remapped(dict(mapping))
        form = refuse_unreadable(path.name, shape, period_given=period is not None)
        periods = shape.periods if form == WIDE else []
        letters = dict(shape.fixed) | {p.field: p.letter for p in periods}
        columns = _reader_columns(periods)
        table = read_table(
            path,
            columns,
            sheet=shape.name,
            header_row=shape.header_row,
            mapping=letters,
            progress=progress,
            cancelled=cancelled,
        )
        quarters = bool(periods) and all(p.quarter for p in periods)
        layout = SheetLayout(
            form=form,
            mapping=letters,
            periods=tuple(periods),
            percent_cells=frozenset(shape.percent_cells),
            today=self._ctx.today(),
            default_period=period,
            frequency=Frequency.QUARTERLY if quarters else Frequency.MONTHLY,
        )
        reader = ScorecardRowReader(self._state(), layout)
        outcomes: list[ScorecardRowOutcome] = []
        skipped = list(table.skipped)
        for row in table.rows:
            read = reader.read(row)
            if isinstance(read, CellProblem):
                skipped.append(read)
            else:
                outcomes.append(read)
        warnings = [CellProblem(shape.name, 0, "", w) for w in [*facts.warnings, *notes]]
        warnings += table.warnings + _sheet_warnings(shape, form, period)
        return ScorecardImportPreview(
            file_name=path.name,
            path=str(path),
            sheet=shape.name,
            header_row=table.header_row,
            form=form,
            mapping=letters,
            unmatched_headers=[(c, t) for c, t in shape.headings if c not in letters.values()],
            headings=list(shape.headings),
            periods=[p.label for p in periods],
            outcomes=outcomes,
            skipped=sorted(skipped, key=lambda p: p.row),
            warnings=warnings,
            default_period=period,
        )

    def apply(
        self, preview: ScorecardImportPreview, *, skip_refused: bool = False
    ) -> ScorecardImportResult:
        """All of the preview's new and changed figures in one transaction, or nothing."""
        blocked = [o for o in preview.outcomes if o.kind in (RowKind.REFUSED, RowKind.CONFLICT)]
        if blocked and not skip_refused:
            first = blocked[0].reasons[0] if blocked[0].reasons else f"row {blocked[0].row}"
            raise ValidationError.single(
                "Import",
                f"{preview.file_name}: {len(blocked)} row(s) were refused (first: {first}); "
                "nothing was imported. Correct the file, or choose to leave the refused rows out.",
            )
        self._ctx.require_writable()
        applying = [o for o in preview.outcomes if o.applies]
        with self._ctx.db.transaction() as session:
            created: dict[str, Indicator] = {}
            for outcome in applying:
                place = f"{preview.file_name}, {outcome.sheet} row {outcome.row}"
                try:
                    self._apply_row(session, outcome, created)
                except ValidationError as exc:
                    raise ValidationError.single(
                        "Import", f"{place}: {exc}; nothing was imported"
                    ) from exc
                except Conflict as exc:
                    raise Conflict(f"{place}: {exc}", kind=exc.kind, key=exc.key) from exc
        return ScorecardImportResult(
            added=preview.count(RowKind.NEW),
            updated=preview.count(RowKind.CHANGED),
            unchanged=preview.count(RowKind.UNCHANGED),
            refused=len(blocked),
            figures_added=preview.figures_added,
            figures_changed=preview.figures_changed,
            indicators_added=len(preview.new_indicators),
        )

    def _apply_row(
        self, session: Session, outcome: ScorecardRowOutcome, created: dict[str, Indicator]
    ) -> None:
        ctx = self._ctx
        key = reference_key(outcome.reference)
        if outcome.indicator_id is not None:
            indicator = fetch(session, Indicator, outcome.indicator_id, "Indicator")
        elif outcome.new_indicator is not None:
            new = outcome.new_indicator
            indicator = create_indicator_in(ctx, session, new.draft, target=new.target)
            created[key] = indicator
        else:
            indicator = created[key]  # added by an earlier row of the file
        for entry in outcome.figures:
            if entry.base_version is None and find_figure(session, indicator.id, entry.period):
                label = period_label(entry.period, indicator.frequency)
                raise Conflict(
                    f"a figure for {indicator.reference} {label} was recorded after the preview "
                    "was made; nothing was imported. Preview the file again.",
                    kind="Figure",
                    key=f"{indicator.reference} {label}",
                )
            record_figure_in(
                ctx,
                session,
                indicator,
                FigureDraft(entry.period, entry.value, entry.commentary),
                expected_version=entry.base_version,
            )

    def _shape(self, path: Path, sheet: str | None, notes: list[str]) -> SheetShape:
        shapes = survey(path, notes)
        if not shapes:
            raise ImportRejected(path.name, "the workbook has no worksheets")
        if sheet is None:
            return shapes[0]
        for shape in shapes:
            if shape.name == sheet:
                return shape
        raise ImportRejected(path.name, f"there is no worksheet named '{sheet}'")

    def _state(self) -> ScorecardState:
        with self._ctx.db.reading() as session:
            indicators = load_indicators(session)
            figures = load_figures(session)
        return ScorecardState(
            indicators={i.id: i for i in indicators},
            figures={i.id: {f.period: f for f in figures.get(i.id, [])} for i in indicators},
            stamps={i.id: figures_stamp(figures.get(i.id, [])) for i in indicators},
            today=self._ctx.today(),
            board_token=board_token(self._ctx),
        )


def _reader_columns(periods: list[PeriodColumn]) -> list[ColumnSpec]:
    """The columns as the table reader is told them. Figure columns are declared as dated
    ones: the reader keeps a first row whose dated cells hold digits, where a first row of
    text alone ("SCC/011b – Initial assessments…", "43.2%") would be taken for guidance."""
    fixed = [
        replace(spec, kind="date") if spec.field == "value" else spec
        for spec in SCORECARD_IMPORT_COLUMNS
    ]
    return fixed + [ColumnSpec(p.field, p.heading, kind="date") for p in periods]


def _sheet_warnings(shape: SheetShape, form: str, period: date | None) -> list[CellProblem]:
    """What the sheet as a whole means for the import, said once rather than on every row."""
    found: list[str] = []
    fixed = shape.fixed
    if form == WIDE and "commentary" in fixed:
        found.append(
            f"column {fixed['commentary']} (commentary) is not imported: beside periods across "
            "it cannot say which period it explains; give commentary in a sheet with one row "
            "per figure"
        )
    if form == LONG and "period" not in fixed and period is not None:
        found.append(
            f"no Period column: every figure is taken as for {period_label(period, Frequency.MONTHLY)} "
            "(the quarter it falls in, for a quarterly indicator)"
        )
    computed = [
        s.header for s in SCORECARD_IMPORT_COLUMNS if s.kind == COMPUTED and s.field in fixed
    ]
    if computed:
        found.append(
            f"{', '.join(computed)}: worked out by the app from the figures, so the sheet's are "
            "not read"
        )
    if form == LONG and shape.periods:
        found.append(
            f"{len(shape.periods)} column(s) headed by a period are not read: the figures are "
            "taken from the Value column"
        )
    return [CellProblem(shape.name, shape.header_row or 0, "", text) for text in found]
