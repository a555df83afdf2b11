"""An indicator's trend chart on screen: the board pack's own drawing, shown as SVG.

`reports.charts.trend_svg` writes the ReportLab drawing the pack prints, and
this widget paints it with Qt's SVG renderer, so the screen never shows a
chart the pack would draw differently. The SVG is made at the widget's size
(in points, `POINTS_PER_PIXEL`) rather than stretched, so text keeps its size
and the layout — label thinning, legend rows — adapts as the window is
resized; being vector it is painted sharp at any device pixel ratio. The
DejaVu files the PDF embeds are loaded into Qt once, so the SVG's text is
drawn in the font whose widths placed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontDatabase, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from improvement_desk.domain.scorecard import Polarity, Unit
from improvement_desk.reports.charts import ChartPoint, describe_trend, trend_svg
from improvement_desk.reports.fonts import font_bytes

# The drawing is laid out in points; a point is 4/3 of a logical pixel on a 96-dpi
# screen, so 7.5-point tick labels show at 10 px and the 10-point title at 13 px.
POINTS_PER_PIXEL = 0.75
_FONT_FILES = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")


@cache
def load_chart_fonts() -> None:
    """Gives Qt the PDF's DejaVu faces (once per process; needs a QGuiApplication)."""
    for name in _FONT_FILES:
        QFontDatabase.addApplicationFontFromData(QByteArray(font_bytes(name)))


class TrendView(QWidget):
    """The chart, or a message in its place (`clear`) when there is nothing to draw."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        load_chart_fonts()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self._points: tuple[ChartPoint, ...] = ()
        self._unit = Unit.COUNT
        self._polarity = Polarity.HIGHER_IS_BETTER
        self._title = ""
        self._has_series = False
        self._svg = b""
        self._svg_size = QSize()
        self._renderer = QSvgRenderer(self)
        self._renderer.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
        self.message = QLabel(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.PlainText)  # a message is never markup
        self.message.setStyleSheet("QLabel { color: #5b6169; background: transparent; }")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.addWidget(self.message)
        self.clear("No indicator selected")

    # -- what to show ---------------------------------------------------------------------

    def set_series(
        self, points: Sequence[ChartPoint], unit: Unit, polarity: Polarity, title: str = ""
    ) -> None:
        self._points = tuple(points)
        self._unit, self._polarity, self._title = unit, polarity, title
        self._has_series = True
        self._svg_size = QSize()  # made again at the next paint
        self.message.hide()
        self.setAccessibleName(title or "Trend chart")
        self.setAccessibleDescription(describe_trend(self._points, unit))
        self.update()

    def clear(self, message: str = "") -> None:
        """No chart: `message` (plain text) in the middle instead."""
        self._points = ()
        self._has_series = False
        self._svg = b""
        self._svg_size = QSize()
        self.message.setText(message)
        self.message.setVisible(bool(message))
        self.setAccessibleName("Trend chart")
        self.setAccessibleDescription(message)
        self.update()

    def has_series(self) -> bool:
        return self._has_series

    def svg(self) -> bytes:
        """The SVG last painted (b"" before the first paint or when cleared)."""
        return self._svg

    # -- painting ---------------------------------------------------------------------------

    def sizeHint(self) -> QSize:
        return QSize(560, 320)

    def minimumSizeHint(self) -> QSize:
        return QSize(280, 180)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._svg_size = QSize()
        super().resizeEvent(event)

    def _refresh(self) -> None:
        """Lays the chart out again for the widget's current size, if that changed."""
        size = self.size()
        if size == self._svg_size or size.isEmpty():
            return
        self._svg = trend_svg(
            self._points,
            self._unit,
            self._polarity,
            width=size.width() * POINTS_PER_PIXEL,
            height=size.height() * POINTS_PER_PIXEL,
            title=self._title,
        )
        self._renderer.load(QByteArray(self._svg))
        self._svg_size = QSize(size)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        try:
            painter.fillRect(self.rect(), QColor("#ffffff"))
            if not self._has_series:
                return
            self._refresh()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
            self._renderer.render(painter, QRectF(self.rect()))
        finally:
            painter.end()
