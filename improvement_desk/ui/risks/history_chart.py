"""A risk's score over its reviews, painted small enough to sit in the detail view.

The background shows the board's bands (from the same `RiskBands` as the
table and the heat map), so a point's colour is never the only clue: its
height, its number and the band it sits in say the same thing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPen

from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.domain.risk_scoring import MAX_SCORE
from improvement_desk.services.risk_records import ReviewRecord

CHART_WIDTH = 320
CHART_HEIGHT = 120
_AXIS = QColor("#555555")
_LINE = QColor("#222222")
_LEFT, _RIGHT, _TOP, _BOTTOM = 24.0, 10.0, 8.0, 18.0


def _short(day: date) -> str:
    return day.strftime("%d %b %Y")


def chart_summary(reviews: Sequence[ReviewRecord]) -> str:
    """The chart in words, for screen readers and for anyone who cannot see the colours."""
    if not reviews:
        return "No reviews yet"
    return "Score by review: " + ", ".join(f"{r.score} on {_short(r.review_date)}" for r in reviews)


def render_history(
    reviews: Sequence[ReviewRecord],
    bands: RiskBands,
    width: int = CHART_WIDTH,
    height: int = CHART_HEIGHT,
    scale: float = 2.0,
) -> QImage:
    """An image `width`×`height` (logical pixels, drawn at `scale` for sharp text)."""
    image = QImage(
        round(width * scale), round(height * scale), QImage.Format.Format_ARGB32_Premultiplied
    )
    image.setDevicePixelRatio(scale)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        paint_history(painter, QRectF(0, 0, width, height), reviews, bands)
    finally:
        painter.end()
    return image


def paint_history(
    painter: QPainter, area: QRectF, reviews: Sequence[ReviewRecord], bands: RiskBands
) -> None:
    plot = area.adjusted(_LEFT, _TOP, -_RIGHT, -_BOTTOM)
    font = QFont(painter.font())
    font.setPixelSize(11)
    painter.setFont(font)

    def y_of(score: float) -> float:
        return plot.bottom() - (score - 0.5) / (MAX_SCORE) * plot.height()

    # Band stripes, faint enough for the points and numbers to stay readable over them.
    ranges = bands.ranges()
    for band in Band:
        if band not in ranges:
            continue
        low = 0.5 if band is Band.LOW else _top_of_previous(bands, band) + 0.5
        high = MAX_SCORE + 0.5 if band is Band.HIGH else _top_of(bands, band) + 0.5
        fill = QColor(bands.colour(band))
        fill.setAlpha(60)
        painter.fillRect(
            QRectF(plot.left(), y_of(high), plot.width(), y_of(low) - y_of(high)), fill
        )
        painter.setPen(_AXIS)
        label_rect = QRectF(area.left(), y_of(high), _LEFT - 4, y_of(low) - y_of(high))
        painter.drawText(
            label_rect,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
            band.letter,
        )
    painter.setPen(QPen(_AXIS, 1))
    painter.drawLine(plot.bottomLeft(), plot.bottomRight())
    painter.drawLine(plot.bottomLeft(), plot.topLeft())
    if not reviews:
        _paint_appetite(painter, plot, y_of(bands.appetite + 0.5), bands.appetite, [])
        painter.drawText(plot, Qt.AlignmentFlag.AlignCenter, "No reviews yet")
        return

    first, last = reviews[0].review_date, reviews[-1].review_date
    span = max((last - first).days, 1)
    inset = 8.0

    def x_of(day: date) -> float:
        if first == last:
            return plot.center().x()
        return plot.left() + inset + (day - first).days / span * (plot.width() - 2 * inset)

    points = [QPointF(x_of(r.review_date), y_of(r.score)) for r in reviews]
    _paint_appetite(painter, plot, y_of(bands.appetite + 0.5), bands.appetite, points)
    path = QPainterPath(points[0])
    for point in points[1:]:
        path.lineTo(point)
    painter.setPen(QPen(_LINE, 1.5))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawPath(path)
    label_every = _label_spacing(points)
    bold = QFont(font)
    bold.setBold(True)
    for i, (review, point) in enumerate(zip(reviews, points, strict=True)):
        painter.setPen(QPen(_LINE, 1))
        painter.setBrush(QColor(bands.colour(review.score)))
        painter.drawEllipse(point, 4.0, 4.0)
        if i == len(points) - 1 or i % label_every == 0:
            painter.setFont(bold)
            above = point.y() - 7 > plot.top() + 6
            box = QRectF(point.x() - 14, point.y() - 18 if above else point.y() + 5, 28, 12)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(review.score))
            painter.setFont(font)
    painter.setPen(_AXIS)
    axis = QRectF(plot.left(), plot.bottom() + 3, plot.width(), _BOTTOM - 3)
    if first == last:
        painter.drawText(
            axis, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, _short(first)
        )
    else:
        painter.drawText(
            axis, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, _short(first)
        )
        painter.drawText(
            axis, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, _short(last)
        )


def _paint_appetite(
    painter: QPainter, plot: QRectF, y: float, appetite: int, points: Sequence[QPointF]
) -> None:
    """A dashed line: above it the board carries more risk than it wants to. Its label goes
    where no point or score label is."""
    painter.setPen(QPen(_AXIS, 1, Qt.PenStyle.DashLine))
    painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
    text = f"Appetite {appetite}"
    width = painter.fontMetrics().horizontalAdvance(text) + 4
    occupied = [QRectF(p.x() - 15, p.y() - 19, 30, 25) for p in points]
    # Right-aligned above the line if free, else the first free place scanning leftwards.
    lefts = [plot.right() - width - 2 - step * 8.0 for step in range(int(plot.width() // 8))]
    candidates = [
        QRectF(left, top, width, 12)
        for left in lefts
        if left >= plot.left() + 2
        for top in (y - 13, y + 1)
    ]
    free = [
        c for c in candidates if plot.contains(c) and not any(c.intersects(o) for o in occupied)
    ]
    box = free[0] if free else QRectF(plot.right() - width - 2, y - 13, width, 12)
    painter.setPen(_AXIS)
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)


def _top_of(bands: RiskBands, band: Band) -> int:
    return bands.low_max if band is Band.LOW else bands.medium_max


def _top_of_previous(bands: RiskBands, band: Band) -> int:
    return bands.low_max if band is Band.MEDIUM else bands.medium_max


def _label_spacing(points: Sequence[QPointF]) -> int:
    """Every point's score is printed unless they crowd; then every n-th, and always the last."""
    if len(points) < 2:
        return 1
    gap = (points[-1].x() - points[0].x()) / (len(points) - 1)
    return max(1, math.ceil(24 / max(gap, 1.0)))
