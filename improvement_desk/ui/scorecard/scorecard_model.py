"""The scorecard as a Qt table model: one row per indicator, rated by the reader.

The model decides nothing: RAG, target and direction come from the reader's
`ScorecardRow`, so the table, the detail, the export and the board pack
agree. A missing figure shows as an en dash, never as 0, and RAG is a word
on its colour, so the table reads in grey-scale and to a screen reader.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from improvement_desk.domain.scorecard import Trend
from improvement_desk.services.scorecard_records import ScorecardRow
from improvement_desk.ui.plan.action_table_model import reference_key
from improvement_desk.ui.scorecard.columns import (
    HEADER_TIPS,
    HEADERS,
    INDICATOR_ID_ROLE,
    NUMBER_COLUMNS,
    RAG_ROLE,
    RAG_SEVERITY,
    ROW_ROLE,
    SERIES_ROLE,
    SORT_ROLE,
    UNIT_SHORT,
    ScoreCol,
    rag_colour,
    rag_text_colour,
    rag_word,
    trend_text,
)
from improvement_desk.ui.table_base import RecordTableModel
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import good_text, muted_text, warning_text

Index = QModelIndex | QPersistentModelIndex
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_CENTRE = int(Qt.AlignmentFlag.AlignCenter)
_MISSING = -1e18  # sorts gaps below every real figure


def number_of(row: ScorecardRow, col: ScoreCol) -> float | None:
    i = row.indicator
    return {
        ScoreCol.LATEST: row.latest,
        ScoreCol.TARGET: row.target,
        ScoreCol.PREVIOUS: row.previous,
        ScoreCol.ENGLAND: i.england,
        ScoreCol.NEIGHBOURS: i.statistical_neighbours,
    }.get(col)


def haystack(row: ScorecardRow) -> str:
    i = row.indicator
    return " ".join((i.reference, i.name, i.definition, i.comparator_note)).casefold()


class ScorecardTableModel(RecordTableModel):
    columns = ScoreCol
    headers = HEADERS
    header_tips = HEADER_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ScorecardRow] = []
        self._row_of: dict[int, int] = {}

    def set_rows(self, rows: Sequence[ScorecardRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {r.indicator.id: n for n, r in enumerate(self._rows)}
        self.endResetModel()

    def row(self, row: int) -> ScorecardRow:
        return self._rows[row]

    def rows(self) -> list[ScorecardRow]:
        return list(self._rows)

    def row_of(self, indicator_id: int) -> int | None:
        return self._row_of.get(indicator_id)

    # -- Qt model ----------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = ScoreCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(r, col))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(r, col)
        if role == INDICATOR_ID_ROLE:
            return r.indicator.id
        if role == ROW_ROLE:
            return r
        if role == RAG_ROLE:
            return r.rag.value if r.rag else None
        if role == SERIES_ROLE and col is ScoreCol.TREND:
            return tuple(p.value for p in r.series)
        return self._style(r, col, role)

    def _style(self, r: ScorecardRow, col: ScoreCol, role: int) -> Any:
        if col is ScoreCol.RAG:
            if role == Qt.ItemDataRole.BackgroundRole and r.rag is not None:
                return QBrush(QColor(rag_colour(r.rag)))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(rag_text_colour(r.rag)) if r.rag else muted_text())
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _CENTRE
            if role == Qt.ItemDataRole.FontRole and r.rag is not None:
                return _bold()
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return _foreground(r, col)
        if role == Qt.ItemDataRole.FontRole:
            if col is ScoreCol.LATEST and r.latest is not None:
                return _bold()
            if not r.indicator.active and col in (ScoreCol.REFERENCE, ScoreCol.INDICATOR):
                font = QFont()
                font.setItalic(True)
                return font
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and (
            col in NUMBER_COLUMNS or col is ScoreCol.LATEST_PERIOD
        ):
            return _RIGHT
        return None

    def _display(self, r: ScorecardRow, col: ScoreCol) -> str:
        i = r.indicator
        if col is ScoreCol.REFERENCE:
            return i.reference
        if col is ScoreCol.INDICATOR:
            return i.name if i.active else f"{i.name} (inactive)"
        if col is ScoreCol.UNIT:
            return UNIT_SHORT[i.unit]
        if col is ScoreCol.LATEST_PERIOD:
            return r.latest_label or "–"
        if col in NUMBER_COLUMNS:
            return i.unit.show(number_of(r, col))  # no figure or no target: "–"
        if col is ScoreCol.RAG:
            return rag_word(r)
        if col is ScoreCol.DIRECTION:
            return trend_text(r.trend)
        return ""  # the sparkline is painted

    def _sort_key(self, r: ScorecardRow, col: ScoreCol) -> Any:
        if col is ScoreCol.REFERENCE:
            return reference_key(r.indicator.reference)
        if col in NUMBER_COLUMNS:
            value = number_of(r, col)
            return _MISSING if value is None else float(value)
        if col is ScoreCol.LATEST_PERIOD:
            return r.latest_period.toordinal() if r.latest_period else 0
        if col is ScoreCol.RAG:
            return RAG_SEVERITY[r.rag] if r.rag else 0
        if col is ScoreCol.DIRECTION:
            return _TREND_ORDER[r.trend]
        if col is ScoreCol.TREND:
            return sum(1 for p in r.series if p.value is not None)
        return self._display(r, col).casefold()

    def _tooltip(self, r: ScorecardRow, col: ScoreCol) -> str | None:
        i = r.indicator
        if col in (ScoreCol.REFERENCE, ScoreCol.INDICATOR):
            text = f"{i.reference}: {i.name}"
            return f"{text}\n\n{i.definition}" if i.definition else text
        if col is ScoreCol.UNIT:
            return f"{i.unit.label}; {i.polarity.label.lower()}; {i.frequency.label.lower()}"
        if col is ScoreCol.LATEST and r.commentary:
            return r.commentary
        if col is ScoreCol.RAG:
            return self._rag_tip(r)
        if col is ScoreCol.DIRECTION:
            return self._direction_tip(r)
        if col in (ScoreCol.ENGLAND, ScoreCol.NEIGHBOURS) and i.comparator_note:
            return i.comparator_note
        if col is ScoreCol.TREND:
            return self._spoken(r, col)
        return None

    @staticmethod
    def _rag_tip(r: ScorecardRow) -> str:
        i = r.indicator
        if r.latest is None:
            return "No figure recorded yet"
        if r.target is None:
            return f"No target in force for {r.latest_label}: set one to rate it"
        tolerance = i.unit.show(i.amber_tolerance) if i.amber_tolerance else "none"
        return (
            f"{rag_word(r)}: {i.unit.show(r.latest)} against a target of "
            f"{i.unit.show(r.target)} ({i.polarity.label.lower()}; amber tolerance {tolerance})"
        )

    @staticmethod
    def _direction_tip(r: ScorecardRow) -> str:
        i = r.indicator
        if r.trend is Trend.NOT_APPLICABLE:
            if r.latest is None:
                return "No figure yet"
            return "No figure for the period before the latest, so no direction of travel"
        return (
            f"{r.trend.label}: {i.unit.show(r.latest)} in {r.latest_label}, "
            f"{i.unit.show(r.previous)} the period before ({i.polarity.label.lower()})"
        )

    def _spoken(self, r: ScorecardRow, col: ScoreCol) -> str:
        """Screen readers hear words, not glyphs ('▲', '–')."""
        i = r.indicator
        if col is ScoreCol.DIRECTION:
            return f"Direction of travel: {r.trend.label}"
        if col is ScoreCol.RAG:
            return f"RAG rating: {rag_word(r)}"
        if col in NUMBER_COLUMNS and number_of(r, col) is None:
            return f"{HEADERS[col]}: none"
        if col is ScoreCol.TREND:
            shown = [f"{p.label} {i.unit.show(p.value)}" for p in r.series if p.value is not None]
            missing = sum(1 for p in r.series if p.value is None)
            gaps = f"; {missing} periods without a figure" if missing else ""
            return f"Last {len(r.series)} periods: " + (", ".join(shown) or "no figures") + gaps
        return self._display(r, col)


_TREND_ORDER = {
    Trend.DETERIORATING: 3,
    Trend.NO_CHANGE: 2,
    Trend.IMPROVING: 1,
    Trend.NOT_APPLICABLE: 0,
}


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


def _foreground(r: ScorecardRow, col: ScoreCol) -> QBrush | None:
    """Text colours for the plain cells, read from the palette at paint time."""
    if col is ScoreCol.DIRECTION and r.trend is Trend.DETERIORATING:
        return QBrush(warning_text())
    if col is ScoreCol.DIRECTION and r.trend is Trend.IMPROVING:
        return QBrush(good_text())
    if not r.indicator.active:
        return QBrush(muted_text())
    return None
