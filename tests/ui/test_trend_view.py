"""The trend chart on screen: the pack's own drawing, drawn by Qt's SVG renderer.

It must draw offscreen without a single Qt warning, fill the widget with a
real chart (not a blank or a black box), keep its text at a readable size as
it is resized, and show a plain message when cleared.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PySide6.QtGui import QColor, QFontDatabase, QImage
from pytestqt.qtbot import QtBot

from improvement_desk.domain.periods import Frequency, period_label, periods_ending
from improvement_desk.domain.scorecard import Polarity, Rag, Unit, rag_of
from improvement_desk.reports.charts import FONT_FAMILY
from improvement_desk.reports.charts.marks import RAG_COLOURS
from improvement_desk.services.scorecard_records import SeriesPoint
from improvement_desk.ui.scorecard.trend_view import POINTS_PER_PIXEL, TrendView

pytestmark = pytest.mark.gui

H = Polarity.HIGHER_IS_BETTER
GREEN = QColor("#" + RAG_COLOURS[Rag.GREEN].hexval()[2:])
VALUES: list[float | None] = [
    *(86.1, 87.0, 85.2, 88.4, 89.9, 84.0, 86.5, None, 88.0, 90.2, 91.0, 92.4),
    *(89.1, 87.2, 90.5, None, None, 91.8, None, 93.1, 92.0, 94.4, 95.2, 93.8),
]


def visits() -> list[SeriesPoint]:
    periods = periods_ending(date(2014, 1, 1), 24, Frequency.MONTHLY)
    points = []
    for period, value in zip(periods, VALUES, strict=True):
        target = 88.0 if period < date(2013, 4, 1) else 92.0
        label = period_label(period, Frequency.MONTHLY)
        points.append(SeriesPoint(period, label, value, target, rag_of(value, target, 2.0, H)))
    return points


@pytest.fixture
def view(qtbot: QtBot) -> TrendView:
    widget = TrendView()
    qtbot.addWidget(widget)
    widget.resize(560, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def colours(image: QImage, step: int = 2) -> dict[int, int]:
    """How many sampled pixels have each colour (as 0xRRGGBB)."""
    counts: dict[int, int] = {}
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            rgb = image.pixel(x, y) & 0xFFFFFF
            counts[rgb] = counts.get(rgb, 0) + 1
    return counts


def near(counts: dict[int, int], colour: QColor, tolerance: int = 12) -> int:
    total = 0
    for rgb, n in counts.items():
        r, g, b = rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255
        if max(abs(r - colour.red()), abs(g - colour.green()), abs(b - colour.blue())) <= tolerance:
            total += n
    return total


def test_draws_the_chart_without_warnings(view: TrendView, qtbot: QtBot, qtlog: object) -> None:
    view.set_series(visits(), Unit.PERCENT, H, "CP visits in timescale")
    qtbot.wait(10)
    image = view.grab().toImage()
    assert image.width() >= 560
    counts = colours(image)
    white = counts.get(0xFFFFFF, 0)
    assert white < sum(counts.values()) * 0.97, "nothing drawn"
    assert len(counts) > 20  # antialiased lines and text, not one flat fill
    assert near(counts, GREEN) > 10  # the green marks are there, in their colour
    assert near(counts, QColor("#000000"), 8) < sum(counts.values()) * 0.002, (
        "a shape was filled black"
    )
    # (pytest-qt fails the test on any warning too; this says which one, if any.)
    records = qtlog.records  # type: ignore[attr-defined]
    assert not [r.message for r in records if not r.ignored and r.type.name != "QtDebugMsg"]


def test_svg_is_laid_out_at_the_widget_size(view: TrendView, qtbot: QtBot) -> None:
    view.set_series(visits(), Unit.PERCENT, H, "Visits")
    view.grab()
    first = ET.fromstring(view.svg())
    assert float(first.get("width", 0)) == pytest.approx(560 * POINTS_PER_PIXEL)
    view.resize(800, 400)
    view.grab()
    second = ET.fromstring(view.svg())
    assert float(second.get("width", 0)) == pytest.approx(800 * POINTS_PER_PIXEL)
    assert float(second.get("height", 0)) == pytest.approx(400 * POINTS_PER_PIXEL)


def test_the_pdf_font_is_loaded_into_qt(view: TrendView) -> None:
    assert FONT_FAMILY in QFontDatabase.families()
    view.set_series(visits(), Unit.PERCENT, H, "Visits")
    view.grab()
    assert f"font-family: {FONT_FAMILY}".encode() in view.svg()


def test_title_is_plain_text(view: TrendView) -> None:
    title = "<b>Re-referrals</b> & R&D"
    view.set_series(visits(), Unit.PERCENT, H, title)
    view.grab()
    root = ET.fromstring(view.svg())
    assert title in [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert view.accessibleName() == title
    assert "Sep 2012: no figure" in view.accessibleDescription()


def test_clear_shows_its_message(view: TrendView, qtbot: QtBot) -> None:
    view.set_series(visits(), Unit.PERCENT, H, "Visits")
    assert not view.message.isVisible()
    view.clear("Select an indicator to see its trend")
    assert view.message.isVisible()
    assert view.message.text() == "Select an indicator to see its trend"
    assert not view.has_series()
    assert view.svg() == b""
    image = view.grab().toImage()
    counts = colours(image)
    assert near(counts, GREEN) == 0
    assert len(counts) > 2  # the message's text is there


def test_clear_message_is_not_markup(view: TrendView) -> None:
    view.clear("<b>not bold</b>")
    assert view.message.text() == "<b>not bold</b>"
    view.message.setText(view.message.text())
    assert view.message.textFormat().name == "PlainText"


def test_a_series_without_figures_draws_its_message(view: TrendView) -> None:
    empty = [SeriesPoint(p.period, p.label, None, None, None) for p in visits()]
    view.set_series(empty, Unit.COUNT, Polarity.LOWER_IS_BETTER, "Nothing yet")
    view.grab()
    assert b"No figures for these periods" in view.svg()
