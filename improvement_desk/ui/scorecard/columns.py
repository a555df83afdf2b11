"""The scorecard table's columns, roles and the words and colours of RAG and direction.

Named once for the model, the proxy, the sparkline delegate, the detail and
the month's-figures grid, so "Red" is the same word and the same colour
wherever an indicator is rated.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.scorecard import Rag, Trend, Unit
from improvement_desk.services.scorecard_records import ScorecardRow


class ScoreCol(IntEnum):
    """In reading order: which indicator, where it is now against target and last period, how
    it compares with England and similar authorities, and its recent shape."""

    REFERENCE = 0
    INDICATOR = 1
    UNIT = 2
    LATEST_PERIOD = 3
    LATEST = 4
    TARGET = 5
    RAG = 6
    DIRECTION = 7
    PREVIOUS = 8
    ENGLAND = 9
    NEIGHBOURS = 10
    TREND = 11


HEADERS = {
    ScoreCol.REFERENCE: "Ref",
    ScoreCol.INDICATOR: "Indicator",
    ScoreCol.UNIT: "Unit",
    ScoreCol.LATEST_PERIOD: "Latest period",
    ScoreCol.LATEST: "Latest",
    ScoreCol.TARGET: "Target",
    ScoreCol.RAG: "RAG",
    ScoreCol.DIRECTION: "Direction",
    ScoreCol.PREVIOUS: "Previous",
    ScoreCol.ENGLAND: "England",
    ScoreCol.NEIGHBOURS: "Stat. neighbours",
    ScoreCol.TREND: "Trend",
}

HEADER_TIPS = {
    ScoreCol.LATEST_PERIOD: "The most recent period with a figure, up to today",
    ScoreCol.LATEST: "The figure for the latest period",
    ScoreCol.TARGET: "The target in force for the latest period",
    ScoreCol.RAG: "Red, amber or green against the target, judged by the indicator's polarity; "
    "amber is within the indicator's tolerance of the target",
    ScoreCol.DIRECTION: "Direction of travel since the previous period: improving or "
    "deteriorating by the indicator's polarity, not by whether the number rose",
    ScoreCol.PREVIOUS: "The figure for the period before the latest",
    ScoreCol.ENGLAND: "The England average (see the comparator note)",
    ScoreCol.NEIGHBOURS: "The statistical neighbours' average (see the comparator note)",
    ScoreCol.TREND: "The last 12 or 24 periods; a gap is a period with no figure",
}

NUMBER_COLUMNS = frozenset(
    {ScoreCol.LATEST, ScoreCol.TARGET, ScoreCol.PREVIOUS, ScoreCol.ENGLAND, ScoreCol.NEIGHBOURS}
)

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
INDICATOR_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ROW_ROLE = Qt.ItemDataRole.UserRole + 3  # the ScorecardRow
SERIES_ROLE = Qt.ItemDataRole.UserRole + 4  # tuple of values (None: a gap), oldest first
RAG_ROLE = Qt.ItemDataRole.UserRole + 5  # Rag value ("red") or None

UNIT_SHORT = {
    Unit.PERCENT: "Percent",
    Unit.RATE_PER_10K: "Per 10k",
    Unit.COUNT: "Count",
    Unit.DAYS: "Days",
}

# The board's one colour language: RAG uses the BRAG palette of the action plan.
_RAG_BRAG = {Rag.RED: Brag.RED, Rag.AMBER: Brag.AMBER, Rag.GREEN: Brag.GREEN}
RAG_SEVERITY = {Rag.RED: 3, Rag.AMBER: 2, Rag.GREEN: 1}
TREND_COLOURS = {Trend.IMPROVING: "#1E6B3F", Trend.DETERIORATING: "#A61B1B"}
NO_RAG_COLOUR = "#555555"


def rag_colour(rag: Rag) -> str:
    return _RAG_BRAG[rag].colour


def rag_text_colour(rag: Rag) -> str:
    """Black on amber, white on red and green (as on the BRAG pills)."""
    return "#000000" if rag is Rag.AMBER else "#FFFFFF"


def rag_word(row: ScorecardRow) -> str:
    """ "Red", or why there is no rating: no figure yet, or no target for that period."""
    if row.rag is not None:
        return row.rag.label
    if row.latest is None:
        return "No figure"
    return "No target"


def trend_text(trend: Trend) -> str:
    """ "▲ Improving": the arrow and the word, so it reads without colour."""
    return f"{trend.arrow} {trend.label}"


def rag_counts_text(rows: list[ScorecardRow]) -> str:
    """ "3 red · 4 amber · 5 green · 1 no target": what a board member asks first."""
    counts: dict[str, int] = {}
    for row in rows:
        word = rag_word(row).lower()
        counts[word] = counts.get(word, 0) + 1
    order = ["red", "amber", "green", "no target", "no figure"]
    return " · ".join(f"{counts[w]} {w}" for w in order if counts.get(w))


# The widest text each column shows (Latest is bold); the indicator's name stretches into
# what is left, so every column shows without scrolling sideways at 1300 px.
_WIDEST = {
    ScoreCol.REFERENCE: "CP10",
    ScoreCol.UNIT: "Percent",
    ScoreCol.LATEST_PERIOD: "Q3 2013/14",
    ScoreCol.LATEST: "1,204 days",
    ScoreCol.TARGET: "1,204 days",
    ScoreCol.RAG: "No figure",
    ScoreCol.DIRECTION: "▼ Deteriorating",
    ScoreCol.PREVIOUS: "1,204 days",
    ScoreCol.ENGLAND: "1,204 days",
    ScoreCol.NEIGHBOURS: "1,204 days",
}
INDICATOR_MIN = 180
TREND_WIDTH = 128


def column_widths(font: QFont) -> dict[ScoreCol, int]:
    """Each column's starting width: never narrower than its header's words plus room for the
    sort arrow, nor than the widest text it shows."""
    metrics = QFontMetrics(font)
    bold = QFont(font)
    bold.setBold(True)
    strong = QFontMetrics(bold)
    widths = {ScoreCol.INDICATOR: INDICATOR_MIN, ScoreCol.TREND: TREND_WIDTH}
    for col, sample in _WIDEST.items():
        text = (strong if col is ScoreCol.LATEST else metrics).horizontalAdvance(sample)
        widths[col] = max(metrics.horizontalAdvance(HEADERS[col]) + 30, text + 18)
    return widths
