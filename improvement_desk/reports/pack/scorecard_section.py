"""The performance scorecard for the board: one table of the latest figures, then the trends.

The table gives each indicator's latest figure against its target, the RAG as
a word in its colour, the direction of travel as an arrow and a word (judged
by the indicator's polarity, never by the sign of the change) and a sparkline.
Below it every active indicator has a small trend chart, two to a row, drawn
by the same `trend_drawing` the screen shows, so a gap stays a gap in print.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from improvement_desk.domain.brag import Brag
from improvement_desk.reports.charts import sparkline_drawing, trend_drawing
from improvement_desk.reports.fonts import REGULAR
from improvement_desk.reports.pack.parts import (
    changes_block,
    fill_cells,
    note,
    plural,
    rated_cell,
    rerated,
    section_title,
    sub_heading,
)
from improvement_desk.reports.styles import FRAME_WIDTH, SMALL_SIZE, cell, data_table, styles
from improvement_desk.reports.text import escape, markup, short_date

if TYPE_CHECKING:
    from improvement_desk.services.pack_records import PackContent
    from improvement_desk.services.scorecard_records import ScorecardRow

TITLE = "Performance scorecard"
SPARK_WIDTH = 20 * mm
SPARK_HEIGHT = 7 * mm
CHART_GAP = 6 * mm
CHART_HEIGHT = 52 * mm


def scorecard_section(content: PackContent) -> list[Flowable]:
    scorecard = content.scorecard
    active = [row for row in scorecard.rows if row.indicator.active]
    story: list[Flowable] = [section_title(TITLE)]
    counts = {rag: sum(1 for r in active if r.rag is rag) for rag in content.rag_order}
    unrated = sum(1 for r in active if r.rag is None)
    summary = ", ".join(f"{n} {rag.label}" for rag, n in counts.items())
    story.append(
        note(
            f"{plural(len(active), 'indicator')} as at {short_date(scorecard.as_at)}: {summary}"
            + (f", {unrated} without a RAG (no figure or no target)" if unrated else "")
            + "."
        )
    )
    if not active:
        story.append(Paragraph("The scorecard has no active indicators.", styles().body))
    else:
        story.append(_table(active))
        story.append(CondPageBreak(CHART_HEIGHT + 40 * mm))  # the heading with a row of charts
        story.append(sub_heading("Trends"))
        story.append(note("Shaded periods have no figure; the dashed line is the target in force."))
        story.append(trend_grid(active))
    changes = content.changes
    story += changes_block(
        changes, [("RAG changed", rerated(changes.rag_changes))], subject="scorecard"
    )
    return story


def _table(rows: Sequence[ScorecardRow]) -> Table:
    head = styles().head
    widths = [12 * mm, 0.0, 18 * mm, 15 * mm, 17 * mm, 18 * mm, 29 * mm, SPARK_WIDTH + 10]
    widths[1] = FRAME_WIDTH - sum(widths)
    titles = ("Ref", "Indicator", "Latest period", "Latest", "Target", "RAG", "Direction", "Trend")
    table_rows: list[list[Flowable | str]] = [[cell(t, head) for t in titles]]
    fills: list[tuple[int, int, str]] = []
    for number, row in enumerate(rows, start=1):
        unit = row.indicator.unit
        if row.rag is not None:
            fill = Brag(row.rag.value).colour  # the plan's colours: one green in the pack
            rag: Flowable = rated_cell(escape(row.rag.label), fill)
            fills.append((5, number, fill))
        else:
            rag = cell("No RAG")
        table_rows.append(
            [
                cell(markup(row.indicator.reference), styles().cell_bold),
                cell(markup(row.indicator.name)),
                cell(markup(row.latest_label) or "No figure yet"),
                cell(escape(unit.show(row.latest))),
                cell(escape(unit.show(row.target))),
                rag,
                cell(f"{escape(row.trend.arrow)} {escape(row.trend.label)}"),
                sparkline_drawing(
                    row.series,
                    unit,
                    row.indicator.polarity,
                    width=SPARK_WIDTH,
                    height=SPARK_HEIGHT,
                ),
            ]
        )
    return fill_cells(data_table(table_rows, widths), fills)


def _caption(row: ScorecardRow) -> Paragraph:
    unit = row.indicator.unit
    parts = [f"<b>{markup(row.indicator.reference)}</b> {markup(row.indicator.name)}."]
    if row.latest is None:
        parts.append("No figure yet.")
    else:
        parts.append(f"Latest {escape(unit.show(row.latest))} ({markup(row.latest_label)})")
        if row.target is not None:
            parts[-1] += f" against a target of {escape(unit.show(row.target))}"
        parts[-1] += f"; {escape(row.rag.label if row.rag else 'no RAG')}, "
        parts[-1] += f"{escape(row.trend.label.lower())}."
    return Paragraph(" ".join(parts), styles().note)


def trend_grid(rows: Sequence[ScorecardRow]) -> Table:
    """Charts two to a row, each with its caption under it; a row never splits."""
    column = (FRAME_WIDTH - CHART_GAP) / 2
    grid: list[list[Flowable | str]] = []
    for start in range(0, len(rows), 2):
        pair = rows[start : start + 2]
        charts: list[Flowable | str] = [
            trend_drawing(
                row.series,
                row.indicator.unit,
                row.indicator.polarity,
                width=column,
                height=CHART_HEIGHT,
                title=row.indicator.name,
            )
            for row in pair
        ]
        captions: list[Flowable | str] = [_caption(row) for row in pair]
        grid.append([charts[0], "", charts[1] if len(charts) > 1 else ""])
        grid.append([captions[0], "", captions[1] if len(captions) > 1 else ""])
    table = Table(grid, colWidths=[column, CHART_GAP, column], hAlign="LEFT")
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, SMALL_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    for chart_row in range(0, len(grid), 2):
        commands.append(("NOSPLIT", (0, chart_row), (-1, chart_row + 1)))
        commands.append(("BOTTOMPADDING", (0, chart_row + 1), (-1, chart_row + 1), 10))
    table.setStyle(TableStyle(commands))
    return table
