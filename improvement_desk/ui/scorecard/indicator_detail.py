"""The selected indicator in full: what it measures, its targets over time, its comparators,
the trend chart and every figure, newest first, gaps included.

Three panes side by side under the table: the facts (composed HTML, user text
escaped), the chart (`TrendView`, the same drawing the board pack prints), and
the figures table, whose selected period the page's figure commands act on.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.periods import Frequency, period_label
from improvement_desk.domain.scorecard import TargetStep, Trend
from improvement_desk.services.indicators import FROM_THE_START
from improvement_desk.services.scorecard_records import IndicatorRecord, ScorecardRow
from improvement_desk.ui.scorecard.columns import (
    rag_colour,
    rag_text_colour,
    rag_word,
    trend_text,
)
from improvement_desk.ui.scorecard.figures_model import (
    FigureCol,
    FigureLine,
    FiguresModel,
    figure_lines,
)
from improvement_desk.ui.scorecard.trend_view import TrendView
from improvement_desk.ui.text import escape
from improvement_desk.ui.theme import good_text_css, muted_text_css, warning_text_css
from improvement_desk.ui.widgets import named


def _style() -> str:
    """The pane's style sheet, built per render so it follows the current palette."""
    return f"""
<style>
h2 {{ margin: 0 0 4px 0; }}
h3 {{ margin: 10px 0 3px 0; }}
.muted {{ color: {muted_text_css()}; }}
.pill {{ font-weight: bold; }}
td.k {{ color: {muted_text_css()}; padding-right: 10px; white-space: nowrap; vertical-align: top; }}
td {{ padding: 1px 6px 1px 0; vertical-align: top; }}
</style>
"""


def _trend_colour(trend: Trend) -> str | None:
    """Looked up per render: the shade depends on the palette in use at the time."""
    if trend is Trend.IMPROVING:
        return good_text_css()
    if trend is Trend.DETERIORATING:
        return warning_text_css()
    return None


def rag_pill(row: ScorecardRow) -> str:
    if row.rag is None:
        return f"<span class='muted'>{rag_word(row)}</span>"
    return (
        f"<span class='pill' style='background-color:{rag_colour(row.rag)}; "
        f"color:{rag_text_colour(row.rag)}'>&nbsp;{row.rag.label}&nbsp;</span>"
    )


def targets_html(indicator: IndicatorRecord, today: date) -> str:
    """Each step with its start; the one in force today is marked."""
    if not indicator.targets:
        return "<span class='muted'>No target set: figures are not rated</span>"
    steps = [TargetStep(t.from_period, t.target) for t in indicator.targets]
    in_force = max((s.from_period for s in steps if s.from_period <= today), default=None)
    lines = []
    for step in steps:
        now = " <b>(in force now)</b>" if step.from_period == in_force else ""
        lines.append(
            f"{escape(indicator.unit.show(step.target))} "
            f"{step_start(step.from_period, indicator.frequency)}{now}"
        )
    return "<br>".join(lines)


def step_start(period: date, frequency: Frequency) -> str:
    """ "from Apr 2014", or "from the start" for a target given without a start period."""
    if period == FROM_THE_START:
        return "from the start"
    return f"from {period_label(period, frequency)}"


def render_facts(row: ScorecardRow, today: date) -> str:
    i = row.indicator
    unit = i.unit
    latest = (
        f"{rag_pill(row)}&nbsp; <b>{escape(unit.show(row.latest))}</b> in "
        f"{escape(row.latest_label)} against "
        + (
            f"a target of {escape(unit.show(row.target))}"
            if row.target is not None
            else "no target"
        )
        if row.latest is not None
        else "<span class='muted'>No figure recorded yet</span>"
    )
    colour = _trend_colour(row.trend)
    direction = escape(trend_text(row.trend))
    if colour:
        direction = f"<span style='color:{colour}'>{direction}</span>"
    if row.previous is not None:
        direction += f" <span class='muted'>(previous {escape(unit.show(row.previous))})</span>"
    tolerance = unit.show(i.amber_tolerance) if i.amber_tolerance else "None: amber is not used"
    facts = [
        ("Latest", latest),
        ("Direction", direction),
        ("Unit", escape(unit.label)),
        ("Polarity", escape(i.polarity.label)),
        ("Frequency", escape(i.frequency.label)),
        ("Amber tolerance", escape(tolerance)),
        ("Targets", targets_html(i, today)),
        ("England", escape(unit.show(i.england))),
        ("Stat. neighbours", escape(unit.show(i.statistical_neighbours))),
    ]
    if i.comparator_note:
        facts.append(("Comparators", escape(i.comparator_note)))
    if not i.active:
        facts.append(("Status", "Inactive: kept for its history, left off the scorecard"))
    table = "".join(f"<tr><td class='k'>{k}</td><td>{v}</td></tr>" for k, v in facts)
    definition = (
        f"<p>{escape(i.definition)}</p>"
        if i.definition
        else "<p class='muted'>No definition recorded.</p>"
    )
    commentary = (
        f"<h3>Commentary, {escape(row.latest_label)}</h3><p>{escape(row.commentary)}</p>"
        if row.commentary
        else ""
    )
    return (
        f"{_style()}<h2>{escape(i.reference)} · {escape(i.name)}</h2>{definition}"
        f"<table>{table}</table>{commentary}"
    )


class IndicatorDetail(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("indicator_detail")
        self.row: ScorecardRow | None = None
        self.facts = named(QTextBrowser(), "indicator_facts", "Indicator details")
        self.facts.setOpenLinks(False)
        self.chart = named(TrendView(self), "trend_chart", "Trend chart")
        self.figures_model = FiguresModel(self)
        self.figures = named(QTableView(), "figures", "Figures, newest first")
        self.figures.setModel(self.figures_model)
        self.figures.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.figures.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.figures.setAlternatingRowColors(True)
        self.figures.setWordWrap(False)
        self.figures.verticalHeader().hide()
        self.figures.verticalHeader().setDefaultSectionSize(24)
        header = self.figures.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = header.fontMetrics()
        for col, sample in (
            (FigureCol.PERIOD, "Q3 2013/14"),
            (FigureCol.VALUE, "1,204 days"),
            (FigureCol.RAG, "No target"),
        ):
            header.resizeSection(col, metrics.horizontalAdvance(sample) + 22)
        header.setStretchLastSection(True)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("detail_splitter")
        self.splitter.setChildrenCollapsible(False)
        for pane in (self.facts, self.chart, self.figures):
            self.splitter.addWidget(pane)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([360, 470, 470])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.show_nothing()

    def show_nothing(
        self, message: str = "Select an indicator to see its trend and figures."
    ) -> None:
        self.row = None
        self.facts.setHtml(f"{_style()}<p class='muted'>{escape(message)}</p>")
        self.chart.clear(message)
        self.figures_model.set_lines(None, [])

    def show_row(self, row: ScorecardRow, today: date) -> None:
        keep = self.current_line()
        self.row = row
        i = row.indicator
        self.facts.setHtml(render_facts(row, today))
        title = f"{i.reference} {i.name}"
        if row.series and any(p.value is not None for p in row.series):
            self.chart.set_series(row.series, i.unit, i.polarity, title)
        else:
            self.chart.clear(f"{i.reference}: no figures in these periods yet.")
        self.figures_model.set_lines(i, figure_lines(i, row.figures, today))
        if keep is not None:
            self.select_period(keep.period)

    def current_line(self) -> FigureLine | None:
        index = self.figures.currentIndex()
        if not index.isValid() or not self.figures.selectionModel().isRowSelected(index.row()):
            return None
        return self.figures_model.line(index.row())

    def select_period(self, period: date) -> bool:
        for n, line in enumerate(self.figures_model.lines()):
            if line.period == period:
                self.figures.selectRow(n)
                self.figures.scrollTo(self.figures_model.index(n, 0))
                return True
        return False
