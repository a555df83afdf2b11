"""A small trend line in the scorecard table: the shape of the last 12 or 24 periods.

The line breaks at a period without a figure (never drawn through it, never
to zero), as the full chart does. The latest point is a dot in its RAG
colour; the words in the RAG column carry the meaning, so this is a glance,
not the record. Painted directly: no pixmaps cached, nothing to go stale.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from improvement_desk.domain.scorecard import Rag
from improvement_desk.ui.scorecard.columns import RAG_ROLE, SERIES_ROLE, rag_colour

MAX_WIDTH = 150
_LINE = QColor("#1F4E79")


def sparkline_points(values: Sequence[float | None], rect: QRectF) -> list[QPointF | None]:
    """Where each value sits in `rect` (None for a gap); the lowest value on the bottom edge."""
    known = [v for v in values if v is not None]
    if not known or len(values) < 2:
        return [None] * len(values)
    low, high = min(known), max(known)
    step = rect.width() / (len(values) - 1)
    points: list[QPointF | None] = []
    for n, value in enumerate(values):
        if value is None:
            points.append(None)
            continue
        ratio = 0.5 if high == low else (value - low) / (high - low)
        points.append(QPointF(rect.left() + n * step, rect.bottom() - ratio * rect.height()))
    return points


def sparkline_path(points: Sequence[QPointF | None]) -> QPainterPath:
    """The line through the points, lifted at every gap."""
    path = QPainterPath()
    pen_down = False
    for point in points:
        if point is None:
            pen_down = False
        elif pen_down:
            path.lineTo(point)
        else:
            path.moveTo(point)
            pen_down = True
    return path


def isolated(points: Sequence[QPointF | None]) -> list[QPointF]:
    """Figures with a gap on both sides: no line reaches them, so they get a dot."""
    found = []
    for n, point in enumerate(points):
        before = points[n - 1] if n > 0 else None
        after = points[n + 1] if n + 1 < len(points) else None
        if point is not None and before is None and after is None:
            found.append(point)
    return found


class SparklineDelegate(QStyledItemDelegate):
    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        super().paint(painter, option, index)  # background, selection, focus
        values = index.data(SERIES_ROLE)
        if not isinstance(values, tuple) or len(values) < 2:
            return
        cell = QRectF(option.rect).adjusted(6, 6, -10, -6)
        width = min(cell.width(), MAX_WIDTH)
        rect = QRectF(cell.left(), cell.top(), width, cell.height())
        points = sparkline_points(values, rect)
        if all(p is None for p in points):
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.color(QPalette.ColorRole.HighlightedText) if selected else _LINE
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(colour, 1.5))
        painter.drawPath(sparkline_path(points))
        painter.setBrush(colour)
        for point in isolated(points):
            painter.drawEllipse(point, 1.6, 1.6)
        end = points[-1]
        if end is not None:
            rag = index.data(RAG_ROLE)
            fill = QColor(rag_colour(Rag(rag))) if isinstance(rag, str) else colour
            painter.setBrush(fill)
            painter.setPen(QPen(colour, 1))
            painter.drawEllipse(end, 3.2, 3.2)
        painter.restore()

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        return QSize(MAX_WIDTH + 14, 24)
