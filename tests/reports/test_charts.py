"""The scorecard's trend chart and sparkline, read back from the ReportLab Drawing itself.

What is asserted is what a board member sees: a line that stops at every
missing month, marks whose shapes say the RAG without colour, a target that
steps when it changes, labels that never collide, and the very same drawing
as SVG for the screen and inside a PDF for the pack.
"""

from __future__ import annotations

import io
import itertools
import math
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Circle, Drawing, Polygon, PolyLine, String
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer

from improvement_desk.domain.marking import Marking
from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import Polarity, Rag, Unit
from improvement_desk.reports.charts import (
    describe_trend,
    short_label,
    sparkline_drawing,
    trend_drawing,
    trend_svg,
)
from improvement_desk.reports.charts.marks import (
    TARGET_LINE,
    VALUE_LINE,
    WHITE,
    marker,
)
from improvement_desk.reports.charts.scale import label_every, labelled, tick_text, value_scale
from improvement_desk.reports.charts.series import gaps, runs
from improvement_desk.reports.fonts import REGULAR
from improvement_desk.reports.pages import DocumentInfo, RunningText, build_pdf
from improvement_desk.reports.styles import FRAME_WIDTH
from improvement_desk.services.scorecard_records import SeriesPoint

from .chart_fixtures import (
    GAPS,
    VISITS,
    baseline,
    gap_bands,
    in_plot,
    mark_centres,
    period_labels,
    series,
    shapes,
    tick_labels,
    visits,
)

H = Polarity.HIGHER_IS_BETTER
L = Polarity.LOWER_IS_BETTER
SVG = "{http://www.w3.org/2000/svg}"


def chart(
    points: Sequence[SeriesPoint],
    unit: Unit = Unit.PERCENT,
    *,
    width: float = 480.0,
    height: float = 240.0,
    title: str = "",
) -> Drawing:
    return trend_drawing(points, unit, H, width=width, height=height, title=title)


# -- gaps -----------------------------------------------------------------------------------


def test_runs_and_gaps_split_at_missing_values() -> None:
    values = [1.0, 2.0, None, None, 5.0, None, 7.0, 8.0]
    assert [[i for i, _ in run] for run in runs(values)] == [[0, 1], [4], [6, 7]]
    assert gaps(values) == [range(2, 4), range(5, 6)]


def test_the_line_stops_at_every_gap() -> None:
    drawing = chart(visits())
    lines = in_plot(drawing, VALUE_LINE)
    # Runs: Feb–Aug 2012 (7), Oct 2012–Apr 2013 (7), Jul 2013 alone, Sep 2013–Jan 2014 (5).
    assert sorted(len(line.points) // 2 for line in lines) == [5, 7, 7]
    bands = gap_bands(drawing)
    assert len(bands) == 3  # Sep 2012; May–Jun 2013 as one band; Aug 2013
    for line in lines:
        xs = line.points[0::2]
        for left, right in bands:
            assert not (min(xs) < right and max(xs) > left), "a line crosses a missing period"


def test_a_gap_is_never_drawn_at_zero() -> None:
    # Counts near 0, so the axis starts at 0 and a gap drawn as 0 would sit on it.
    values: list[float | None] = [12, None, 15, 9, None, None, 20, 14]
    drawing = chart(series(values, [10.0] * 8, polarity=L), Unit.COUNT)
    assert tick_labels(drawing)[0] == "0"
    bottom = baseline(drawing)
    centres = [c for c in mark_centres(drawing) if c[1] > bottom - 1]
    assert len(centres) == sum(v is not None for v in values)
    assert all(y > bottom + 5 for _, y in centres)
    for line in in_plot(drawing, VALUE_LINE):
        assert all(y > bottom + 5 for y in line.points[1::2])


def test_a_figure_alone_between_gaps_still_shows_its_mark() -> None:
    drawing = chart(visits())
    bottom = baseline(drawing)
    centres = [c for c in mark_centres(drawing) if c[1] > bottom - 1]
    assert len(centres) == sum(v is not None for v in VISITS)
    alone = sorted(centres)[17 - sum(1 for g in GAPS if g < 17)]  # Jul 2013
    for line in in_plot(drawing, VALUE_LINE):
        assert alone[0] not in line.points[0::2]


def test_a_value_that_is_not_a_number_is_a_gap() -> None:
    drawing = chart(series([80.0, math.nan, 82.0, math.inf]))
    bottom = baseline(drawing)
    assert len([c for c in mark_centres(drawing) if c[1] > bottom - 1]) == 2
    assert not in_plot(drawing, VALUE_LINE)


# -- marks and target -------------------------------------------------------------------------


def test_rag_marks_differ_in_shape_not_only_colour() -> None:
    def form(rag: Rag | None) -> tuple[str, ...]:
        return tuple(
            type(s).__name__ + ("-hollow" if getattr(s, "fillColor", None) == WHITE else "")
            for s in marker(rag, 0, 0).contents
        )

    assert form(Rag.GREEN) == ("Circle",)
    assert form(Rag.AMBER) == ("Polygon-hollow",)  # a diamond, white inside
    assert form(Rag.RED) == ("Rect-hollow", "Line", "Line")  # a cross on a white ground
    # "No target" is no RAG: a plain dot in the line's colour, smaller than green's.
    (dot,), (green,) = marker(None, 0, 0).contents, marker(Rag.GREEN, 0, 0).contents
    assert dot.fillColor == VALUE_LINE
    assert dot.r < green.r
    assert green.fillColor != VALUE_LINE


def test_legend_names_what_the_chart_shows() -> None:
    texts = {s.text for s in shapes(chart(visits())) if isinstance(s, String)}
    assert {"Green", "Amber", "Red", "Target", "No figure"} <= texts
    assert "No target" not in texts  # every figure here has a target
    plain = {s.text for s in shapes(chart(series([1.0, 2.0]), Unit.COUNT)) if isinstance(s, String)}
    assert "No target" in plain
    assert not {"Green", "Target", "No figure"} & plain


def test_target_is_a_dashed_step_line() -> None:
    targets = [None, None, 20.0, 20.0, 20.0, 15.0, 15.0, 15.0]
    drawing = chart(series([18, 19, 21, 17, 16, 14, 15, 16], targets, polarity=L), Unit.COUNT)
    (line,) = in_plot(drawing, TARGET_LINE)
    assert line.strokeDashArray
    xs, ys = line.points[0::2], line.points[1::2]
    assert len(set(ys)) == 2
    step = [i for i in range(len(xs) - 1) if xs[i] == xs[i + 1] and ys[i] != ys[i + 1]]
    assert len(step) == 1
    assert ys[step[0]] > ys[step[0] + 1]  # 20 then down to 15
    value_xs = in_plot(drawing, VALUE_LINE)[0].points[0::2]
    assert value_xs[1] < min(xs) < value_xs[2]  # starts at the edge of its first period


def test_no_target_in_the_middle_breaks_the_target_line() -> None:
    drawing = chart(series([1.0] * 6, [5.0, 5.0, None, None, 6.0, 6.0]), Unit.COUNT)
    assert len(in_plot(drawing, TARGET_LINE)) == 2


# -- axes -----------------------------------------------------------------------------------


def test_value_axis_rule() -> None:
    near_zero = value_scale([12.0, 20.0], Unit.COUNT, 150)
    assert near_zero.low == 0
    assert near_zero.high >= 20
    window = value_scale([86.1, 95.2, 88.0], Unit.PERCENT, 150)
    assert 70 <= window.low <= 86.1
    assert 95.2 <= window.high <= 100
    rates = value_scale([498.0, 602.3, 550.0], Unit.RATE_PER_10K, 150)
    assert 450 <= rates.low < 498
    assert value_scale([99.0, 100.0], Unit.PERCENT, 150).high == 100
    assert value_scale([0.0, 0.0], Unit.COUNT, 150).low == 0
    flat = value_scale([44.2, 44.2], Unit.RATE_PER_10K, 150)
    assert flat.low < 44.2 < flat.high
    assert all(t == int(t) for t in value_scale([0.0, 3.0], Unit.DAYS, 200).ticks)
    crowded = value_scale([0.0, 1000.0], Unit.COUNT, 40)
    assert len(crowded.ticks) <= 3


def test_percent_ticks_carry_the_percent_sign() -> None:
    labels = tick_labels(chart(visits()))
    assert labels == ["80%", "85%", "90%", "95%", "100%"]
    assert tick_text(87.5, Unit.PERCENT, 2.5) == "87.5%"
    assert tick_text(1200, Unit.COUNT, 200) == "1,200"
    assert tick_text(44.25, Unit.RATE_PER_10K, 0.25) == "44.25"


def test_short_period_labels() -> None:
    assert short_label("Jan 2014") == "Jan 14"
    assert short_label("Q3 2013/14") == "Q3 13/14"
    assert short_label("Week 3") == "Week 3"


def _assert_apart(labels: list[String]) -> None:
    boxes = sorted(
        (
            s.x - stringWidth(s.text, REGULAR, s.fontSize) / 2,
            s.x + stringWidth(s.text, REGULAR, s.fontSize) / 2,
        )
        for s in labels
    )
    for (_, right), (left, _) in itertools.pairwise(boxes):
        assert right + 2 <= left, "period labels overlap"


@pytest.mark.parametrize("width", [200.0, 300.0, 480.0, 800.0])
def test_period_labels_thinned_never_overlap(width: float) -> None:
    drawing = chart(visits(), width=width)
    labels = period_labels(drawing)
    _assert_apart(labels)
    assert "Jan 14" in [s.text for s in labels]  # the latest is always labelled
    assert all(s.x - stringWidth(s.text, REGULAR, s.fontSize) / 2 >= 0 for s in labels)
    assert all(s.x + stringWidth(s.text, REGULAR, s.fontSize) / 2 <= width for s in labels)
    if width <= 480:
        assert len(labels) < 24


def test_twelve_months_on_a_wide_chart_keep_every_label() -> None:
    labels = period_labels(chart(series([5.0] * 12), Unit.COUNT, width=600.0))
    assert len(labels) == 12
    _assert_apart(labels)


def test_label_thinning_counts_back_from_the_latest() -> None:
    assert label_every(24, 10.0, 25.0) == 3
    assert labelled(24, 3)[-1] == 23
    assert labelled(24, 3)[0] == 2
    assert label_every(1, 5.0, 100.0) == 1
    assert label_every(24, 1.0, 30.0) == 34  # beyond a year apart: whatever it takes


def test_quarterly_labels_fit() -> None:
    points = series([500.0, 520.0, None, 560.0], frequency=Frequency.QUARTERLY)
    texts = [s.text for s in period_labels(chart(points, Unit.RATE_PER_10K))]
    assert texts == ["Q1 13/14", "Q2 13/14", "Q3 13/14", "Q4 13/14"]


# -- text, empty charts ------------------------------------------------------------------------


def test_long_title_is_cut_to_the_width() -> None:
    title = "Children who are the subject of a child protection plan per 10,000 " * 3
    drawing = chart(visits(), title=title, width=300.0)
    (shown,) = [
        s for s in shapes(drawing) if isinstance(s, String) and s.text.startswith("Children")
    ]
    assert shown.text.endswith("…")
    assert stringWidth(shown.text, shown.fontName, shown.fontSize) <= 300 - 12


def test_chart_without_figures_says_so() -> None:
    drawing = chart(series([None] * 12, [90.0] * 12))
    texts = [s.text for s in shapes(drawing) if isinstance(s, String)]
    assert "No figures for these periods" in texts
    assert not gap_bands(drawing)
    assert not mark_centres(drawing)
    empty = chart([])
    assert "No periods to show" in [s.text for s in shapes(empty) if isinstance(s, String)]


def test_tiny_chart_still_builds() -> None:
    drawing = chart(visits(), width=60.0, height=40.0, title="Tiny")
    assert drawing.width == 60


def test_describe_trend_in_words() -> None:
    text = describe_trend(visits(), Unit.PERCENT)
    assert text.startswith("Feb 2012: 86.1%, amber against a target of 88.0%")
    assert "Sep 2012: no figure" in text


# -- SVG and PDF: the same drawing -----------------------------------------------------------

TITLE = 'Re-referrals <12 months> & "R&D" </text><script>'


def test_svg_is_xml_with_the_title_as_text() -> None:
    svg = trend_svg(visits(), Unit.PERCENT, H, width=480, height=240, title=TITLE)
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert TITLE in texts
    assert root.find(f"{SVG}title").text == TITLE  # type: ignore[union-attr]
    assert b"&lt;12 months&gt; &amp; " in svg
    assert not list(root.iter(f"{SVG}script"))
    assert "Sep 2012: no figure" in (root.find(f"{SVG}desc").text or "")  # type: ignore[union-attr]


def test_svg_names_a_font_qt_knows_and_leaves_lines_unfilled() -> None:
    svg = trend_svg(visits(), Unit.PERCENT, H, width=480, height=240, title="T").decode()
    assert "font-family: DejaVu Sans" in svg
    assert "DeskSans" not in svg
    assert "fill: None" not in svg  # Qt would fill every polyline black
    root = ET.fromstring(svg)
    assert all("fill: none" in p.get("style", "") for p in root.iter(f"{SVG}polyline"))


def test_svg_title_with_control_characters_is_still_xml() -> None:
    svg = trend_svg(visits(), Unit.PERCENT, H, width=480, height=240, title="Bad\x01 \x0btitle")
    ET.fromstring(svg)


def test_the_same_drawing_prints_in_a_pdf() -> None:
    """Through the pages the minutes and the board pack use: fonts embedded, no Helvetica."""
    buffer = io.BytesIO()
    drawing = trend_drawing(visits(), Unit.PERCENT, H, width=FRAME_WIDTH, height=220, title=TITLE)
    running = RunningText("Improvement Board", "Scorecard", Marking.OFFICIAL)
    pages = build_pdf(
        buffer,
        [drawing, Spacer(1, 12), sparkline_drawing(visits(), Unit.PERCENT, H, width=80, height=18)],
        running,
        DocumentInfo("Scorecard", "Tests", "Trend"),
    )
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    assert pages == len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    for expected in ("80%", "85%", "90%", "95%", "100%", "Jan 14", "Target", "No figure", TITLE):
        assert expected in text
    fonts: Any = reader.pages[0]["/Resources"]["/Font"]  # type: ignore[index]
    names = [str(font.get_object()["/BaseFont"]) for font in fonts.values()]
    assert names
    assert all("DejaVu" in name for name in names)  # embedded, no Helvetica fallback


# -- sparkline ------------------------------------------------------------------------------


def test_sparkline_keeps_the_gaps_and_marks_only_the_latest() -> None:
    drawing = sparkline_drawing(visits(), Unit.PERCENT, H, width=80, height=18)
    lines = [s for s in shapes(drawing) if isinstance(s, PolyLine) and s.strokeColor == VALUE_LINE]
    assert sorted(len(line.points) // 2 for line in lines) == [5, 7, 7]
    dots = [s for s in shapes(drawing) if isinstance(s, Circle) and s.fillColor == VALUE_LINE]
    assert len(dots) == 1  # Jul 2013, alone between gaps
    greens = [s for s in shapes(drawing) if isinstance(s, Circle) and s.fillColor != VALUE_LINE]
    assert len(greens) == 1  # the latest, Jan 2014, green
    assert greens[0].cx == max(x for line in lines for x in line.points[0::2])
    assert [s for s in shapes(drawing) if isinstance(s, PolyLine) and s.strokeColor == TARGET_LINE]
    for shape in shapes(drawing):
        points = getattr(shape, "points", None) or [
            getattr(shape, "cx", 1),
            getattr(shape, "cy", 1),
        ]
        assert all(0 <= v <= 80 for v in points[0::2])
        assert all(0 <= v <= 18 for v in points[1::2])


def test_sparkline_of_nothing_is_empty() -> None:
    assert not sparkline_drawing([], Unit.COUNT, L, width=60, height=16).contents
    lonely = sparkline_drawing(
        series([None, 4.0, None], [3.0] * 3, polarity=L), Unit.COUNT, L, width=60, height=16
    )
    assert [s for s in shapes(lonely) if isinstance(s, Polygon)]  # amber diamond, latest
