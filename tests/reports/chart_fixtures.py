"""Series for the chart tests, and a walk over a ReportLab Drawing's shapes."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Any

from reportlab.graphics.shapes import (
    Circle,
    Drawing,
    Group,
    Line,
    Polygon,
    PolyLine,
    Rect,
    Shape,
    String,
)

from improvement_desk.domain.periods import Frequency, period_label, periods_ending
from improvement_desk.domain.scorecard import Polarity, rag_of
from improvement_desk.reports.charts.marks import AXIS, GAP_FILL, WHITE
from improvement_desk.services.scorecard_records import SeriesPoint

LATEST = date(2014, 1, 1)
TARGET_CHANGE = date(2013, 4, 1)
# 24 months, Feb 2012 to Jan 2014: gaps at Sep 2012 (7) and May-Jun 2013 (15, 16), and
# Aug 2013 (18), which leaves Jul 2013 (17) alone between gaps.
VISITS: list[float | None] = [
    *(86.1, 87.0, 85.2, 88.4, 89.9, 84.0, 86.5, None, 88.0, 90.2, 91.0, 92.4),
    *(89.1, 87.2, 90.5, None, None, 91.8, None, 93.1, 92.0, 94.4, 95.2, 93.8),
]
GAPS = [7, 15, 16, 18]


def series(
    values: Sequence[float | None],
    targets: Sequence[float | None] | None = None,
    *,
    polarity: Polarity = Polarity.HIGHER_IS_BETTER,
    tolerance: float = 2.0,
    frequency: Frequency = Frequency.MONTHLY,
) -> list[SeriesPoint]:
    periods = periods_ending(LATEST, len(values), frequency)
    targets = list(targets) if targets is not None else [None] * len(values)
    return [
        SeriesPoint(p, period_label(p, frequency), v, t, rag_of(v, t, tolerance, polarity))
        for p, v, t in zip(periods, values, targets, strict=True)
    ]


def visits() -> list[SeriesPoint]:
    """The demo series: 24 months, gaps, a target raised from 88% to 92% in April 2013."""
    periods = periods_ending(LATEST, 24, Frequency.MONTHLY)
    return series(VISITS, [88.0 if p < TARGET_CHANGE else 92.0 for p in periods])


def shapes(node: Group) -> Iterator[Shape]:
    """Every shape in a drawing or group, depth first, groups opened."""
    for child in node.contents:
        if isinstance(child, Group):
            yield from shapes(child)
        else:
            yield child


def mark_centres(node: Group) -> list[tuple[float, float]]:
    """Where the RAG marks sit: a circle's centre, a diamond's centre, a cross's white backing."""
    found = []
    for shape in shapes(node):
        if isinstance(shape, Circle):
            found.append((shape.cx, shape.cy))
        elif isinstance(shape, Polygon):
            xs, ys = shape.points[0::2], shape.points[1::2]
            found.append((sum(xs) / len(xs), sum(ys) / len(ys)))
        elif isinstance(shape, Rect) and shape.fillColor == WHITE and shape.strokeColor is None:
            found.append((shape.x + shape.width / 2, shape.y + shape.height / 2))
    return found


def baseline(drawing: Drawing) -> float:
    """The y of the value axis's bottom (the one darker rule)."""
    (axis,) = [
        s
        for s in shapes(drawing)
        if isinstance(s, Line) and s.strokeColor == AXIS and s.strokeWidth == 0.8
    ]
    return float(axis.y1)


def in_plot(drawing: Drawing, colour: object) -> list[Any]:
    """The polylines in `colour` inside the plot (not the legend's swatch below it)."""
    bottom = baseline(drawing)
    return [
        s
        for s in shapes(drawing)
        if isinstance(s, PolyLine)
        and s.strokeColor == colour
        and min(s.points[1::2]) >= bottom - 0.01
    ]


def gap_bands(drawing: Drawing) -> list[tuple[float, float]]:
    return [
        (s.x, s.x + s.width)
        for s in shapes(drawing)
        if isinstance(s, Rect) and s.fillColor == GAP_FILL and s.height > 20
    ]


def period_labels(drawing: Drawing) -> list[String]:
    bottom = baseline(drawing)
    return [
        s
        for s in shapes(drawing)
        if isinstance(s, String) and s.textAnchor == "middle" and s.y < bottom
    ]


def tick_labels(drawing: Drawing) -> list[str]:
    return [s.text for s in shapes(drawing) if isinstance(s, String) and s.textAnchor == "end"]
