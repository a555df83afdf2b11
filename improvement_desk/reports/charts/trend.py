"""The trend chart of one indicator: one Drawing for the screen (as SVG) and the board pack (PDF).

Both print the same `trend_drawing`, so what the board reads is what the
officer saw. What it shows, top to bottom: the title (optional), the unit and
which way is better, the plot, the period labels, a legend. In the plot:

* the figures as a line that stops at every gap — a period without a figure
  is shaded and never drawn through or at 0; a figure with gaps on both sides
  is still shown by its marker;
* a marker per figure whose shape as well as colour gives its RAG (`marks`);
* the target as a dashed step line, following each change of target from the
  period it starts, and absent where there is none;
* a value axis whose range follows the rule in `scale`.

Sizes are in points; the screen draws the same points at its own scale.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from improvement_desk.domain.scorecard import Polarity, Unit
from improvement_desk.reports.charts.marks import (
    AXIS,
    GAP_FILL,
    GRID,
    QUIET_TEXT,
    RAG_ORDER,
    TARGET_DASH,
    TARGET_LINE,
    TEXT,
    VALUE_LINE,
    Legend,
    blank_drawing,
    marker,
    rag_name,
)
from improvement_desk.reports.charts.scale import (
    ValueScale,
    label_every,
    labelled,
    tick_text,
    value_scale,
)
from improvement_desk.reports.charts.series import (
    ChartPoint,
    gaps,
    runs,
    short_label,
    targets_of,
    values_of,
)
from improvement_desk.reports.charts.svg import drawing_svg
from improvement_desk.reports.fonts import BOLD, REGULAR, register_fonts
from improvement_desk.reports.text import clean

PAD = 6.0
TITLE_SIZE = 10.0
CAPTION_SIZE = 7.5
TICK_SIZE = 7.5
TICK_LENGTH = 3.0
HEADROOM = 6.0  # above the highest tick, so a marker there is not cut by the caption
EMPTY_MESSAGE = "No figures for these periods"


def fit_text(text: str, font: str, size: float, width: float) -> str:
    """One line of plain text, cut with "…" to fit `width` (a title never wraps into the plot)."""
    text = " ".join(clean(text).split())
    if stringWidth(text, font, size) <= width:
        return text
    keep, over = 0, len(text)  # the longest start that fits with "…" (a binary search:
    while over - keep > 1:  # a pasted paragraph as a title must not stall the screen)
        middle = (keep + over) // 2
        if stringWidth(text[:middle] + "…", font, size) <= width:
            keep = middle
        else:
            over = middle
    return text[:keep].rstrip() + "…" if keep else ""


def caption(unit: Unit, polarity: Polarity) -> str:
    return f"{unit.label} · {polarity.label.lower()}"


@dataclass(frozen=True, slots=True)
class _Plot:
    """Where the plot sits in the drawing and how values and periods map onto it."""

    left: float
    bottom: float
    width: float
    height: float
    count: int
    scale: ValueScale

    @property
    def slot(self) -> float:
        """The width of one period."""
        return self.width / self.count if self.count else self.width

    def edge(self, index: float) -> float:
        """The left edge of period `index` (its right edge is `edge(index + 1)`)."""
        return self.left + index * self.slot

    def x(self, index: float) -> float:
        return self.edge(index + 0.5)

    def y(self, value: float) -> float:
        return self.bottom + self.scale.fraction(value) * self.height


def trend_drawing(
    points: Sequence[ChartPoint],
    unit: Unit,
    polarity: Polarity,
    *,
    width: float,
    height: float,
    title: str = "",
) -> Drawing:
    """The chart, `width` × `height` points; `title` is plain text (never markup)."""
    register_fonts()
    values, targets = values_of(points), targets_of(points)
    drawing = blank_drawing(width, height)
    top = _heading(drawing, title, caption(unit, polarity), width, height)
    legend = _legend(points, values, targets, width - 2 * PAD)
    bottom = PAD + legend.height + (5 if legend.entries else 0) + TICK_SIZE + TICK_LENGTH + 3
    plot_height = max(top - HEADROOM - bottom, 10.0)
    scale = value_scale([v for v in (*values, *targets) if v is not None], unit, plot_height)
    ticks = [(t, tick_text(t, unit, scale.step)) for t in scale.ticks]
    left = PAD + max(stringWidth(text, REGULAR, TICK_SIZE) for _, text in ticks) + 5
    labels = [short_label(p.label) for p in points]
    widest = max((stringWidth(label, REGULAR, TICK_SIZE) for label in labels), default=0.0)
    right = PAD
    if labels:  # the latest period is always labelled, centred on its slot: keep it inside
        right = max(PAD, widest / 2 - (width - left - PAD) / len(labels) / 2 + 2)
    plot = _Plot(left, bottom, max(width - left - right, 10.0), plot_height, len(points), scale)

    _gaps(drawing, plot, values)
    _value_axis(drawing, plot, ticks)
    _period_axis(drawing, plot, labels, widest)
    _target_steps(drawing, plot, targets)
    _figures(drawing, plot, points, values)
    if legend.entries:
        drawing.add(legend.draw(PAD, PAD + legend.height))
    return drawing


def _heading(drawing: Drawing, title: str, under: str, width: float, height: float) -> float:
    """The title (if any) and the caption; returns the y below them."""
    top = height - PAD
    if title.strip():
        text = fit_text(title, BOLD, TITLE_SIZE, width - 2 * PAD)
        drawing.add(_text(PAD, top - TITLE_SIZE * 0.8, text, TITLE_SIZE, font=BOLD, colour=TEXT))
        top -= TITLE_SIZE + 4
    text = fit_text(under, REGULAR, CAPTION_SIZE, width - 2 * PAD)
    drawing.add(_text(PAD, top - CAPTION_SIZE * 0.8, text, CAPTION_SIZE))
    return top - CAPTION_SIZE - 3


def _text(
    x: float,
    y: float,
    text: str,
    size: float,
    *,
    font: str = REGULAR,
    colour: object = QUIET_TEXT,
    anchor: str = "start",
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


def _gaps(drawing: Drawing, plot: _Plot, values: Sequence[float | None]) -> None:
    """A light band over each run of periods without a figure (none when there are no
    figures at all: the chart then says so in words instead)."""
    if all(v is None for v in values):
        return
    for gap in gaps(values):
        drawing.add(
            Rect(
                plot.edge(gap.start),
                plot.bottom,
                len(gap) * plot.slot,
                plot.height,
                fillColor=GAP_FILL,
                strokeColor=None,
            )
        )


def _value_axis(drawing: Drawing, plot: _Plot, ticks: Sequence[tuple[float, str]]) -> None:
    for value, text in ticks:
        y = plot.y(value)
        colour, line_width = (AXIS, 0.8) if value == plot.scale.low else (GRID, 0.5)
        drawing.add(
            Line(
                plot.left, y, plot.left + plot.width, y, strokeColor=colour, strokeWidth=line_width
            )
        )
        drawing.add(_text(plot.left - 4, y - TICK_SIZE * 0.35, text, TICK_SIZE, anchor="end"))


def _period_axis(drawing: Drawing, plot: _Plot, labels: Sequence[str], widest: float) -> None:
    """A tick for every period; labels thinned so that none touches the next."""
    shown = set(labelled(plot.count, label_every(plot.count, plot.slot, widest)))
    baseline = plot.bottom - TICK_LENGTH - 1.5 - TICK_SIZE * 0.8
    for index, label in enumerate(labels):
        x = plot.x(index)
        drawing.add(
            Line(x, plot.bottom, x, plot.bottom - TICK_LENGTH, strokeColor=AXIS, strokeWidth=0.6)
        )
        if index in shown:
            drawing.add(_text(x, baseline, label, TICK_SIZE, anchor="middle"))


def _target_steps(drawing: Drawing, plot: _Plot, targets: Sequence[float | None]) -> None:
    """One dashed line per run of periods with a target, level across each period, so a
    change of target shows as a step at the boundary of the period it starts from."""
    for run in runs(targets):
        steps: list[float] = []
        for index, target in run:
            y = plot.y(target)
            steps += [plot.edge(index), y, plot.edge(index + 1), y]
        drawing.add(
            PolyLine(steps, strokeColor=TARGET_LINE, strokeWidth=1.1, strokeDashArray=TARGET_DASH)
        )


def _figures(
    drawing: Drawing,
    plot: _Plot,
    points: Sequence[ChartPoint],
    values: Sequence[float | None],
) -> None:
    """The line through each run of figures (never across a gap), then every figure's mark."""
    marks = Group()
    for run in runs(values):
        centres = [(plot.x(i), plot.y(value)) for i, value in run]
        if len(run) > 1:
            drawing.add(
                PolyLine(
                    [c for centre in centres for c in centre],
                    strokeColor=VALUE_LINE,
                    strokeWidth=1.6,
                    strokeLineJoin=1,
                    strokeLineCap=1,
                )
            )
        for (index, _), (x, y) in zip(run, centres, strict=True):
            marks.add(marker(points[index].rag, x, y))
    drawing.add(marks)
    if not marks.contents:
        message = EMPTY_MESSAGE if points else "No periods to show"
        middle = plot.bottom + plot.height / 2
        drawing.add(
            _text(plot.left + plot.width / 2, middle, message, CAPTION_SIZE + 1, anchor="middle")
        )


def _legend(
    points: Sequence[ChartPoint],
    values: Sequence[float | None],
    targets: Sequence[float | None],
    width: float,
) -> Legend:
    """Only what the chart shows: the RAG marks it uses, the target if any, gaps if any."""
    legend = Legend(width)
    present = {points[i].rag for i, v in enumerate(values) if v is not None}
    for rag in (*RAG_ORDER, None):
        if rag in present:
            legend.add_marker(rag)
    if any(t is not None for t in targets):
        legend.add_target()
    if any(v is None for v in values) and any(v is not None for v in values):
        legend.add_gap()
    return legend


def describe_trend(points: Sequence[ChartPoint], unit: Unit) -> str:
    """The chart in words, for screen readers and the SVG's <desc>."""
    if not points:
        return "No periods to show."
    parts = []
    for point, value, target in zip(points, values_of(points), targets_of(points), strict=True):
        if value is None:
            parts.append(f"{point.label}: no figure")
            continue
        text = f"{point.label}: {unit.show(value)}"
        if target is not None:
            text += f", {rag_name(point.rag).lower()} against a target of {unit.show(target)}"
        parts.append(text)
    return "; ".join(parts) + "."


def trend_svg(
    points: Sequence[ChartPoint],
    unit: Unit,
    polarity: Polarity,
    *,
    width: float,
    height: float,
    title: str = "",
) -> bytes:
    """`trend_drawing` as UTF-8 SVG: the very drawing the board pack prints."""
    drawing = trend_drawing(points, unit, polarity, width=width, height=height, title=title)
    return drawing_svg(
        drawing, title=" ".join(clean(title).split()), description=describe_trend(points, unit)
    )
