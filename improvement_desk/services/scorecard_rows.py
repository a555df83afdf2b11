"""Reading one sheet row as figures of one indicator: which indicator, which figures, why refused.

A returned copy of our own export is matched by its record key; other sheets
by reference, else by name, whatever their case and spacing ("NI059" is
"NI 059"), and a name cell that starts with a reference ("SCC/011b – Initial
assessments…") by that reference. An indicator the board does not have is
refused, naming the cell, unless the sheet gives Unit and Polarity columns:
then the row (with its Ref and Indicator) adds it (see `scorecard_import`).

What a row gives is figures: one per period column (wide) or one (long).
A figure already held and equal is no change; a different one is shown as
old → new; a blank is no figure and never wipes one. How each cell is read
is `scorecard_row_fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from improvement_desk.domain.periods import Frequency, period_label
from improvement_desk.domain.scorecard import Unit
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.scorecard_values import parse_figure
from improvement_desk.interchange.table_reader import SheetRow
from improvement_desk.interchange.values import quote
from improvement_desk.services.import_outcomes import FieldChange, RowKind
from improvement_desk.services.plan_export import parse_key
from improvement_desk.services.scorecard_records import FigureRecord, IndicatorRecord
from improvement_desk.services.scorecard_row_fields import (
    FigureEntry,
    Given,
    NewIndicator,
    ScorecardCells,
    SheetLayout,
    compare,
    gives_figures,
    new_indicator,
    read_figures,
    same_number,
)

__all__ = [
    "FigureEntry",
    "NewIndicator",
    "ScorecardRowOutcome",
    "ScorecardRowReader",
    "ScorecardState",
    "SheetLayout",
    "name_key",
    "reference_key",
]

# "SCC/011b – Initial assessments…", "NI 059: Initial assessments…": a reference, then the name.
_LEADING_REFERENCE = re.compile(r"^\s*((?:[A-Za-z]+\s)?\S*\d\S*)\s*(?:[–—:]|\s-)\s*(\S.*)$")


def reference_key(text: str) -> str:
    """ "NI 059" and "ni059" are one reference."""
    return "".join(text.casefold().split())


def name_key(text: str) -> str:
    return " ".join(text.casefold().split())


@dataclass
class ScorecardState:
    """What the rows are matched against, read once per preview."""

    indicators: dict[int, IndicatorRecord]
    figures: dict[int, dict[date, FigureRecord]]
    stamps: dict[int, int]  # each indicator's figures as a copy's key records them
    today: date
    board_token: str
    by_reference: dict[str, IndicatorRecord] = field(init=False)
    by_name: dict[str, list[IndicatorRecord]] = field(init=False)

    def __post_init__(self) -> None:
        self.by_reference = {reference_key(i.reference): i for i in self.indicators.values()}
        self.by_name = {}
        for indicator in self.indicators.values():
            self.by_name.setdefault(name_key(indicator.name), []).append(indicator)


@dataclass(frozen=True, slots=True)
class ScorecardRowOutcome:
    sheet: str
    row: int
    kind: RowKind
    reference: str
    indicator_id: int | None = None  # None: an indicator this import adds
    changes: tuple[FieldChange, ...] = ()
    reasons: tuple[CellProblem, ...] = ()
    warnings: tuple[CellProblem, ...] = ()
    figures: tuple[FigureEntry, ...] = ()
    new_indicator: NewIndicator | None = None  # on the row that adds it

    @property
    def applies(self) -> bool:
        return self.kind in (RowKind.NEW, RowKind.CHANGED)

    @property
    def added(self) -> int:
        return sum(1 for f in self.figures if f.old_value is None)

    @property
    def changed(self) -> int:
        return len(self.figures) - self.added


@dataclass
class _Subject:
    reference: str
    unit: Unit
    frequency: Frequency
    record: IndicatorRecord | None
    new: NewIndicator | None = None
    stamp: int | None = None


class ScorecardRowReader:
    """Turns rows into outcomes; remembers the figures and new indicators already read."""

    def __init__(self, state: ScorecardState, layout: SheetLayout) -> None:
        self.state = state
        self.layout = layout
        self._seen: dict[tuple[str, date], int] = {}  # (indicator, period) → first row
        self._new: dict[str, NewIndicator] = {}  # by reference and by name key
        self._foreign_warned = False

    def read(self, row: SheetRow) -> ScorecardRowOutcome | CellProblem:
        """The row's outcome, or why it was left out (no indicator and no figures in it)."""
        cells = ScorecardCells(row, self.layout)
        subject = self._subject(cells)
        if subject is None:
            if not gives_figures(cells):
                return CellProblem(row.sheet, row.row, "", _left_out(cells))
            written = cells.text("reference") or cells.text("name")
            return self._outcome(cells, RowKind.REFUSED, written)
        given = read_figures(cells, subject.unit, subject.frequency, subject.reference)
        if not given.anything and subject.record is not None and not cells.reasons:
            return self._outcome(cells, RowKind.UNCHANGED, subject.reference, subject)
        figures = self._entries(cells, subject, given)
        if cells.reasons:
            return self._outcome(cells, RowKind.REFUSED, subject.reference, subject)
        if subject.new is not None:
            self._new[reference_key(subject.reference)] = subject.new
            self._new[name_key(subject.new.draft.name)] = subject.new
            return self._outcome(cells, RowKind.NEW, subject.reference, subject, figures)
        changed = any(f.old_value is not None for f in figures)
        record = subject.record
        stale = record is not None and subject.stamp != self.state.stamps.get(record.id)
        if changed and record is not None and subject.stamp is not None and stale:
            cells.refuse(
                "key",
                f"{record.reference}'s figures were changed on the board since this copy was "
                "made; nothing of this row was applied. Export a fresh copy to update it.",
            )
            return self._outcome(cells, RowKind.CONFLICT, subject.reference, subject, figures)
        kind = RowKind.CHANGED if changed else RowKind.NEW if figures else RowKind.UNCHANGED
        return self._outcome(cells, kind, subject.reference, subject, figures)

    # -- which indicator -----------------------------------------------------------------------

    def _subject(self, cells: ScorecardCells) -> _Subject | None:
        record, stamp = self._by_key(cells)
        if cells.reasons:
            return None
        written_ref = cells.text("reference")
        written_name = cells.text("name")
        if record is None:
            record = self._by_reference(cells, written_ref, written_name)
        if record is not None:
            self._check_name(cells, record, written_name)
            return _Subject(record.reference, record.unit, record.frequency, record, stamp=stamp)
        for text in (written_ref, written_name):
            known = self._new.get(reference_key(text)) or self._new.get(name_key(text))
            if text and known is not None:  # added by an earlier row of this file
                draft = known.draft
                return _Subject(draft.reference, draft.unit, draft.frequency, None)
        if not written_ref and not written_name:
            cells.refuse(
                "name" if cells.has("name") else "reference",
                "no indicator named: give its Ref or its name",
            )
            return None
        if self.layout.can_add:
            new = new_indicator(cells, written_ref, written_name)
            if new is None:
                return None
            draft = new.draft
            return _Subject(draft.reference, draft.unit, draft.frequency, None, new)
        where = "reference" if written_ref else "name"
        cells.refuse(
            where,
            f"{quote(written_ref or written_name)} is not an indicator on the scorecard: add it "
            "in the app first, or give Unit and Polarity columns to add it from the sheet",
        )
        return None

    def _by_key(self, cells: ScorecardCells) -> tuple[IndicatorRecord | None, int | None]:
        text = cells.text("key")
        if not text:
            return None, None
        key = parse_key(text)
        if key is None:
            cells.warn("key", f"record key {quote(text)} is not one this app wrote; ignored")
            return None, None
        if key[0] != self.state.board_token:
            if not self._foreign_warned:
                cells.warn(
                    "key", "this copy was made from another board; rows are matched by reference"
                )
                self._foreign_warned = True
            return None, None
        found = self.state.indicators.get(key[1])
        if found is None:
            cells.refuse("key", "the indicator this row came from is no longer on the scorecard")
        return found, key[2]

    def _by_reference(
        self, cells: ScorecardCells, written_ref: str, written_name: str
    ) -> IndicatorRecord | None:
        state = self.state
        if written_ref and (found := state.by_reference.get(reference_key(written_ref))):
            return found
        if written_name:
            named = state.by_name.get(name_key(written_name), [])
            if len(named) > 1:
                cells.refuse(
                    "name",
                    f"{len(named)} indicators are named {quote(written_name)} "
                    f"({', '.join(i.reference for i in named)}): give the reference",
                )
                return None
            if named:
                return named[0]
        # A sheet with one column for the indicator may hold references in it ("RR"), and
        # "SCC/011b – Initial assessments…" starts with one.
        if written_name and (found := state.by_reference.get(reference_key(written_name))):
            return found
        for text in (written_name, written_ref):
            split = _LEADING_REFERENCE.match(text) if text else None
            if split and (found := state.by_reference.get(reference_key(split[1]))):
                return found
        return None

    def _check_name(self, cells: ScorecardCells, record: IndicatorRecord, written: str) -> None:
        """A name that names another indicator is a slip worth showing; a longer one is not."""
        others = [i for i in self.state.by_name.get(name_key(written), []) if i.id != record.id]
        if written and others:
            cells.warn(
                "name",
                f"{quote(written)} is the name of {others[0].reference}; the row is matched to "
                f"{record.reference} by its reference",
            )

    # -- which figures -------------------------------------------------------------------------

    def _entries(self, cells: ScorecardCells, subject: _Subject, given: Given) -> list[FigureEntry]:
        held = self.state.figures.get(subject.record.id, {}) if subject.record else {}
        identity = reference_key(subject.reference)
        entries: list[FigureEntry] = []
        for figure in given.figures:
            first = self._seen.setdefault((identity, figure.period), cells.row.row)
            if first != cells.row.row:
                label = period_label(figure.period, subject.frequency)
                cells.refuse(
                    figure.field,
                    f"{subject.reference} {label} is given twice (first in row {first})",
                )
                continue
            entry = compare(cells, figure, held.get(figure.period), subject.unit, subject.frequency)
            if entry is not None:
                entries.append(entry)
                _check_fraction(cells, subject, entry, held)
        for period, marker_field in given.markers:
            old = held.get(period)
            if old is not None:
                cells.warn(
                    marker_field,
                    f"read as no figure; the figure held for "
                    f"{period_label(period, subject.frequency)} "
                    f"({subject.unit.show(old.value)}) is kept",
                )
        self._check_target(cells, subject, [e.period for e in entries] or given.periods)
        return entries

    def _check_target(self, cells: ScorecardCells, subject: _Subject, periods: list[date]) -> None:
        """An existing indicator's target comes from the app: the sheet's is only compared."""
        record = subject.record
        cell = cells.cell("target")
        if record is None or cell is None or cell.error or not cells.filled("target"):
            return
        parsed = parse_figure(cell.value, subject.unit, percent_format=cells.percent("target"))
        if parsed.error:
            cells.warn("target", f"{parsed.error}; targets are set in the app, so it is not read")
            return
        if parsed.value is None:
            return
        last = max(periods) if periods else self.state.today
        steps = [s for s in record.targets if s.from_period <= last]
        held = steps[-1].target if steps else None
        if held is None or not same_number(held, parsed.value):
            shown = subject.unit.show(held) if held is not None else "none"
            cells.warn(
                "target",
                f"the sheet's target ({subject.unit.show(parsed.value)}) is not the board's "
                f"({shown}); targets are set in the app, so it is not imported",
            )

    def _outcome(
        self,
        cells: ScorecardCells,
        kind: RowKind,
        reference: str,
        subject: _Subject | None = None,
        figures: list[FigureEntry] | None = None,
    ) -> ScorecardRowOutcome:
        entries = tuple(figures or ())
        unit = subject.unit if subject else Unit.COUNT
        return ScorecardRowOutcome(
            sheet=cells.row.sheet,
            row=cells.row.row,
            kind=kind,
            reference=reference,
            indicator_id=subject.record.id if subject and subject.record else None,
            changes=tuple(c for e in entries for c in _changes(e, unit)),
            reasons=tuple(cells.reasons),
            warnings=tuple(cells.warnings),
            figures=entries,
            new_indicator=subject.new if subject and kind is RowKind.NEW else None,
        )


def _changes(entry: FigureEntry, unit: Unit) -> list[FieldChange]:
    iso = entry.period.isoformat()
    old = unit.show(entry.old_value) if entry.old_value is not None else ""
    found = []
    if entry.old_value is None or not same_number(entry.old_value, entry.value):
        found.append(FieldChange(f"p:{iso}", entry.label, old, unit.show(entry.value)))
    if entry.commentary.strip() and entry.commentary != entry.old_commentary:
        found.append(
            FieldChange(f"c:{iso}", f"Commentary {entry.label}", entry.old_commentary,
                        entry.commentary)
        )  # fmt: skip
    return found


def _check_fraction(
    cells: ScorecardCells, subject: _Subject, entry: FigureEntry, held: dict[date, FigureRecord]
) -> None:
    """0.86 for an indicator whose percentages are all above 1 was most likely meant as 86%:
    said, not changed (0.86% can be a real figure)."""
    if subject.unit is not Unit.PERCENT or not 0 < entry.value < 1:
        return
    if held and all(f.value > 1 for f in held.values()):
        shown = f"{entry.value * 100:g}%"
        cells.warnings.append(
            CellProblem(
                cells.row.sheet,
                cells.row.row,
                entry.column,
                f"{entry.value:g} is read as {entry.value:g}%, and {subject.reference}'s other "
                f"figures are all above 1%: if {shown} was meant, type {entry.value * 100:g}",
            )
        )


def _left_out(cells: ScorecardCells) -> str:
    """Why a row with no figures and no indicator of the board's was left out."""
    if cells.reasons:
        return f"no figures; {cells.reasons[0].reason}"
    return "no indicator and no figures"
