"""Charts of the performance scorecard, drawn once for both the screen and the board pack.

`trend_drawing` is a ReportLab Drawing: the pack places it in the PDF as a
flowable, and `trend_svg` writes the same drawing as SVG for the screen, so
the two can never disagree. `sparkline_drawing` is its word-sized sibling for
table cells. Qt-free, like everything in `reports`.
"""

from improvement_desk.reports.charts.series import ChartPoint, short_label
from improvement_desk.reports.charts.sparkline import sparkline_drawing
from improvement_desk.reports.charts.svg import FONT_FAMILY, drawing_svg
from improvement_desk.reports.charts.trend import describe_trend, trend_drawing, trend_svg

__all__ = [
    "FONT_FAMILY",
    "ChartPoint",
    "describe_trend",
    "drawing_svg",
    "short_label",
    "sparkline_drawing",
    "trend_drawing",
    "trend_svg",
]
