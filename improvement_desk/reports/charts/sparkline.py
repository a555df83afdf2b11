"""A word-sized trend for a table cell: the same gaps, target and latest RAG mark, no text.

Beside the figures in the scorecard table (screen and pack) a reader only
needs the shape: which way it has gone and whether the latest is on target.
So the sparkline keeps the chart's rules — the line stops at gaps, a lone
figure is a dot, the target is a dashed step — and marks only the latest
figure, with its RAG shape. Its range is just the data's, padded, with 0
and 100% as limits for percentages: there is no axis to read.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Drawing, PolyLine

from improvement_desk.domain.scorecard import Polarity, Unit
from improvement_desk.reports.charts.marks import TARGET_LINE, VALUE_LINE, blank_drawing, marker
from improvement_desk.reports.charts.series import ChartPoint, runs, targets_of, values_of

MARK = 2.3  # half-width of the latest figure's RAG mark


def _range(data: Sequence[float], unit: Unit) -> tuple[float, float]:
    if not data:
        return 0.0, 1.0
    low, high = min(data), max(data)
    pad = (high - low) * 0.1 or abs(high) * 0.05 or 1.0
    low, high = low - pad, high + pad
    if low < 0 <= min(data):
        low = 0.0
    if unit is Unit.PERCENT:
        high = min(high, 100.0)
    return low, high


def sparkline_drawing(
    points: Sequence[ChartPoint],
    unit: Unit,
    polarity: Polarity,
    *,
    width: float,
    height: float,
) -> Drawing:
    """A `width` × `height` drawing; `polarity` is accepted for symmetry with the chart
    (the RAG already says whether the latest figure is good)."""
    del polarity
    values, targets = values_of(points), targets_of(points)
    drawing = blank_drawing(width, height)
    count = len(points)
    if not count:
        return drawing
    inset = MARK * 1.3 + 0.5
    low, high = _range([v for v in (*values, *targets) if v is not None], unit)
    slot = (width - 2 * inset) / count
    span = high - low or 1.0

    def x_of(index: float) -> float:
        return inset + (index + 0.5) * slot

    def y_of(value: float) -> float:
        return inset + (value - low) / span * (height - 2 * inset)

    for run in runs(targets):
        steps: list[float] = []
        for index, target in run:
            y = y_of(target)
            steps += [inset + index * slot, y, inset + (index + 1) * slot, y]
        drawing.add(
            PolyLine(steps, strokeColor=TARGET_LINE, strokeWidth=0.6, strokeDashArray=(2, 1.5))
        )
    value_runs = runs(values)
    for run in value_runs:
        if len(run) > 1:
            flat = [c for i, value in run for c in (x_of(i), y_of(value))]
            drawing.add(
                PolyLine(
                    flat, strokeColor=VALUE_LINE, strokeWidth=1.0, strokeLineJoin=1, strokeLineCap=1
                )
            )
        else:
            index, value = run[0]
            drawing.add(
                Circle(x_of(index), y_of(value), 1.1, fillColor=VALUE_LINE, strokeColor=None)
            )
    if value_runs:
        latest, value = value_runs[-1][-1]
        drawing.add(marker(points[latest].rag, x_of(latest), y_of(value), MARK))
    return drawing
