"""The selected indicator's figures, newest first, with every missing period shown as a gap.

A period with no figure is listed as "No figure" rather than skipped, so a
board member sees at once that February was never reported. Each figure is
rated against the target in force for its own period, with the same domain
rule the reader uses.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from improvement_desk.domain.periods import next_period, period_label, period_of, previous_period
from improvement_desk.domain.scorecard import Rag, TargetStep, rag_of, target_for
from improvement_desk.services.scorecard_records import FigureRecord, IndicatorRecord
from improvement_desk.ui.scorecard.columns import NO_RAG_COLOUR, rag_colour, rag_text_colour
from improvement_desk.ui.table_base import RecordTableModel
from improvement_desk.ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
PERIOD_ROLE = Qt.ItemDataRole.UserRole + 11  # the period (date) of a line
NO_FIGURE = "No figure"


class FigureCol(IntEnum):
    """The target of each period is in the RAG cell's tooltip and on the chart."""

    PERIOD = 0
    VALUE = 1
    RAG = 2
    COMMENTARY = 3


HEADERS = {
    FigureCol.PERIOD: "Period",
    FigureCol.VALUE: "Value",
    FigureCol.RAG: "RAG",
    FigureCol.COMMENTARY: "Commentary",
}


@dataclass(frozen=True, slots=True)
class FigureLine:
    period: date
    label: str
    figure: FigureRecord | None  # None: no figure for this period (a gap)
    target: float | None
    rag: Rag | None


def figure_lines(
    indicator: IndicatorRecord, figures: tuple[FigureRecord, ...], today: date
) -> list[FigureLine]:
    """Every period from the first figure to the later of the latest figure and the last
    finished period, newest first. A figure for a period not yet started is left out, as
    the reader leaves it out."""
    if not figures:
        return []
    freq = indicator.frequency
    steps = [TargetStep(t.from_period, t.target) for t in indicator.targets]
    by_period = {f.period: f for f in figures if f.period <= today}
    if not by_period:
        return []
    last_finished = previous_period(period_of(today, freq), freq)
    period, end = min(by_period), max(*by_period, last_finished)
    lines = []
    while period <= end:
        figure = by_period.get(period)
        target = target_for(steps, period)
        value = figure.value if figure else None
        rag = rag_of(value, target, indicator.amber_tolerance, indicator.polarity)
        lines.append(FigureLine(period, period_label(period, freq), figure, target, rag))
        period = next_period(period, freq)
    lines.reverse()
    return lines


class FiguresModel(RecordTableModel):
    columns = FigureCol
    headers = HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FigureLine] = []
        self._indicator: IndicatorRecord | None = None

    def set_lines(self, indicator: IndicatorRecord | None, lines: list[FigureLine]) -> None:
        self.beginResetModel()
        self._indicator = indicator
        self._rows = list(lines) if indicator is not None else []
        self.endResetModel()

    def line(self, row: int) -> FigureLine:
        return self._rows[row]

    def lines(self) -> list[FigureLine]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        indicator = self._indicator
        if indicator is None or not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line = self._rows[index.row()]
        col = FigureCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(indicator, line, col)
        if role == PERIOD_ROLE:
            return line.period.isoformat()
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(indicator, line, col))
        if col is FigureCol.RAG and line.rag is not None:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(rag_colour(line.rag)))
            if role == Qt.ItemDataRole.ForegroundRole:
                return QBrush(QColor(rag_text_colour(line.rag)))
        if role == Qt.ItemDataRole.ForegroundRole and line.figure is None:
            return QBrush(QColor(NO_RAG_COLOUR))
        if role == Qt.ItemDataRole.TextAlignmentRole and col is FigureCol.VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.TextAlignmentRole and col is FigureCol.RAG:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    @staticmethod
    def _display(indicator: IndicatorRecord, line: FigureLine, col: FigureCol) -> str:
        figure = line.figure
        if col is FigureCol.PERIOD:
            return line.label
        if col is FigureCol.VALUE:
            return indicator.unit.show(figure.value) if figure else NO_FIGURE
        if col is FigureCol.RAG:
            if line.rag is not None:
                return line.rag.label
            return "–" if figure is None else "No target"
        return " ".join(figure.commentary.split()) if figure else ""

    @staticmethod
    def _tooltip(indicator: IndicatorRecord, line: FigureLine, col: FigureCol) -> str | None:
        figure = line.figure
        target = (
            f"target {indicator.unit.show(line.target)}" if line.target is not None else "no target"
        )
        if figure is None:
            return f"No figure was recorded for {line.label} ({target})"
        if col is FigureCol.COMMENTARY and figure.commentary:
            return figure.commentary
        if col is FigureCol.RAG:
            return f"{indicator.unit.show(figure.value)} against {target}"
        return f"Recorded by {figure.recorded_by} on {figure.recorded_at:%d %b %Y}"
