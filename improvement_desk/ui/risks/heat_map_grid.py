"""The painted 5x5 grid of the risk heat map: cells, axes, selection, keys and tooltips.

Every cell carries its score, its band letter and the references plotted in
it, so the map reads in grey-scale and to colour-blind readers; the colour
only repeats what the text says. Band and colour come from the board's
`RiskBands` and nothing else, so the map agrees with the register.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QToolTip, QWidget

from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.domain.risk_scoring import IMPACT_LABELS, LIKELIHOOD_LABELS, SCALE
from improvement_desk.ui.text import plain_tooltip

Cell = tuple[int, int]  # (likelihood, impact)

_PAD = 6  # around the grid
_GAP = 2  # between cells: the window colour shows through, so equal colours stay apart
_INSET = 5  # from a cell's edge to its text, leaving room for the focus ring
_SMALL_CELL = 64  # narrower cells use a point smaller text
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
_WRAP = int(Qt.TextFlag.TextWordWrap)
_MOVES = {
    Qt.Key.Key_Up: (1, 0),
    Qt.Key.Key_Down: (-1, 0),
    Qt.Key.Key_Left: (0, -1),
    Qt.Key.Key_Right: (0, 1),
}


@dataclass(frozen=True, slots=True)
class HeatPoint:
    reference: str
    title: str
    likelihood: int
    impact: int


def fit_references(refs: Sequence[str], metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """As many references as fit in `lines` lines of `width`, then "+N more" for the rest.

    A cell never silently drops a risk: what does not fit is counted.
    """
    if not refs or width <= 0 or lines <= 0:
        return []
    tokens = [metrics.elidedText(r, Qt.TextElideMode.ElideRight, width) for r in refs]

    def flow(items: Sequence[str]) -> tuple[list[str], int]:
        """Greedy word wrap: the lines, and how many items were placed before space ran out."""
        out: list[str] = []
        current = ""
        for placed, item in enumerate(items):
            candidate = f"{current} {item}" if current else item
            if metrics.horizontalAdvance(candidate) <= width:
                current = candidate
                continue
            out.append(current)
            if len(out) == lines:
                return out, placed
            current = item
        out.append(current)
        return out, len(items)

    shown, placed = flow(tokens)
    if placed == len(tokens):
        return shown
    # Keep as many references as possible: "R6 R7 +1 more", else "R6 R7 +1", else fewer
    # references; a bare count only when not even one reference fits beside it.
    for keep in range(placed, -1, -1):
        for word in (" more", ""):
            shown, fitted = flow([*tokens[:keep], f"+{len(tokens) - keep}{word}"])
            if fitted == keep + 1:
                return shown
    return []


def _pen(colour: str | QColor, width: int, style: Qt.PenStyle = Qt.PenStyle.SolidLine) -> QPen:
    return QPen(QColor(colour), width, style, Qt.PenCapStyle.FlatCap, Qt.PenJoinStyle.MiterJoin)


class HeatMap(QWidget):
    """Rows are likelihood 5 (top) to 1, columns impact 1 (left) to 5.

    `cell_chosen` carries (likelihood, impact) when a cell is selected and
    None when the selection is cleared, whether by click, key or call; it is
    emitted only when the selection changes.
    """

    cell_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("heat_map")
        self.setAccessibleName("Risk heat map")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._bands = RiskBands()
        self._points: dict[Cell, list[HeatPoint]] = {}
        self._selected: Cell | None = None
        self._focus: Cell | None = None
        self.set_points((), self._bands)

    # -- data -------------------------------------------------------------------------------

    def set_points(self, points: Sequence[HeatPoint], bands: RiskBands) -> None:
        """Replaces what is plotted; the selection stays, so a reload keeps the user's filter."""
        self._bands = bands
        self._points = {}
        for point in points:
            self._points.setdefault((point.likelihood, point.impact), []).append(point)
        counts = dict.fromkeys(reversed(Band), 0)
        for (lik, imp), cell in self._points.items():
            counts[bands.band(lik * imp)] += len(cell)
        total = sum(counts.values())
        per_band = ", ".join(f"{n} {band.label.lower()}" for band, n in counts.items())
        self.setAccessibleDescription(
            f"{total} {'risk' if total == 1 else 'risks'} plotted: {per_band}"
            if total
            else "No risks plotted"
        )
        self.update()

    def bands(self) -> RiskBands:
        return self._bands

    def references_at(self, likelihood: int, impact: int) -> list[str]:
        return [p.reference for p in self._points.get((likelihood, impact), [])]

    def cell_tooltip(self, likelihood: int, impact: int) -> str:
        score = likelihood * impact
        points = self._points.get((likelihood, impact), [])
        listed = ", ".join(f"{p.reference} {p.title}" for p in points) or "no risks"
        return (
            f"Score {score} ({self._bands.band(score).label}): {listed}\n"
            f"Likelihood {likelihood} {LIKELIHOOD_LABELS[likelihood]} × "
            f"impact {impact} {IMPACT_LABELS[impact]}"
        )

    # -- selection --------------------------------------------------------------------------

    def selected_cell(self) -> Cell | None:
        return self._selected

    def focus_cell(self) -> Cell | None:
        return self._focus

    def select_cell(self, likelihood: int, impact: int) -> None:
        if likelihood not in SCALE or impact not in SCALE:
            raise ValueError(f"no cell at likelihood {likelihood}, impact {impact}")
        self._focus = (likelihood, impact)
        self.update()
        if self._selected != self._focus:
            self._selected = self._focus
            self.cell_chosen.emit(self._selected)

    def clear_selection(self) -> None:
        if self._selected is not None:
            self._selected = None
            self.update()
            self.cell_chosen.emit(None)

    def _toggle(self, cell: Cell) -> None:
        """A click or Enter on the selected cell clears it, as a second press of a filter would."""
        if cell == self._selected:
            self._focus = cell
            self.clear_selection()
        else:
            self.select_cell(*cell)

    # -- geometry ---------------------------------------------------------------------------

    def _grid(self) -> QRect:
        metrics = self.fontMetrics()
        line = metrics.height()
        natural = max(metrics.horizontalAdvance(f"{n} {w}") for n, w in LIKELIHOOD_LABELS.items())
        labels = min(natural, max(metrics.horizontalAdvance("5 Almost"), self.width() // 5))
        left = line + 2 * _PAD + labels
        bottom = 3 * line + 2 * _PAD
        return QRect(left, _PAD, self.width() - left - _PAD, self.height() - _PAD - bottom)

    def _bounds(self, likelihood: int, impact: int) -> QRect:
        """The cell's share of the grid, gaps included: what a click hits."""
        grid = self._grid()
        col, row = impact - 1, 5 - likelihood
        x0 = grid.left() + col * grid.width() // 5
        x1 = grid.left() + (col + 1) * grid.width() // 5
        y0 = grid.top() + row * grid.height() // 5
        y1 = grid.top() + (row + 1) * grid.height() // 5
        return QRect(QPoint(x0, y0), QPoint(x1 - 1, y1 - 1))

    def cell_rect(self, likelihood: int, impact: int) -> QRect:
        """The painted cell, inside the gaps."""
        half = _GAP // 2
        return self._bounds(likelihood, impact).adjusted(half, half, -half, -half)

    def cell_at(self, pos: QPoint) -> Cell | None:
        for lik in SCALE:
            for imp in SCALE:
                if self._bounds(lik, imp).contains(pos):
                    return lik, imp
        return None

    def _cell_font(self, bold: bool = False) -> QFont:
        font = QFont(self.font())
        if self.cell_rect(1, 1).width() < _SMALL_CELL and font.pointSizeF() > 7:
            font.setPointSizeF(font.pointSizeF() - 1)
        font.setBold(bold)
        return font

    def cell_lines(self, likelihood: int, impact: int) -> list[str]:
        """The reference lines the cell shows at its present size."""
        metrics = QFontMetrics(self._cell_font())
        inner = self.cell_rect(likelihood, impact).adjusted(_INSET, _INSET, -_INSET, -_INSET)
        area = inner.adjusted(0, metrics.height(), 0, 0)
        lines = max(0, area.height() // metrics.height())
        return fit_references(self.references_at(likelihood, impact), metrics, area.width(), lines)

    def sizeHint(self) -> QSize:
        return QSize(460, 400)

    def minimumSizeHint(self) -> QSize:
        return QSize(320, 240)

    # -- painting ---------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        self._paint_axes(painter)
        for lik in SCALE:
            for imp in SCALE:
                self._paint_cell(painter, lik, imp)
        focus = self._focus if self.hasFocus() else None
        painter.setBrush(Qt.BrushStyle.NoBrush)
        if focus is not None and focus != self._selected:
            painter.setPen(
                _pen(self._bands.text_colour(focus[0] * focus[1]), 1, Qt.PenStyle.DashLine)
            )
            painter.drawRect(self.cell_rect(*focus).adjusted(2, 2, -3, -3))
        if self._selected is not None:
            # Black with white inside shows on any band colour; it straddles the cell's edge
            # so the cell's own text keeps its room. Dashed white marks keyboard focus too.
            ring = self.cell_rect(*self._selected)
            painter.setPen(_pen("#000000", 4))
            painter.drawRect(ring.adjusted(-1, -1, 0, 0))
            dashes = Qt.PenStyle.DashLine if focus == self._selected else Qt.PenStyle.SolidLine
            painter.setPen(_pen("#FFFFFF", 2, dashes))
            painter.drawRect(ring.adjusted(2, 2, -2, -2))
        painter.end()

    def _paint_axes(self, painter: QPainter) -> None:
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        metrics = self.fontMetrics()
        line = metrics.height()
        grid = self._grid()
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for lik in SCALE:
            row = self._bounds(lik, 1)
            rect = QRect(line + _PAD, row.top(), grid.left() - line - 2 * _PAD, row.height())
            text = f"{lik} {LIKELIHOOD_LABELS[lik]}"
            wrapped = metrics.boundingRect(rect, _WRAP, text)
            if wrapped.width() > rect.width() or wrapped.height() > rect.height():
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, int(right) | _WRAP, text)
        columns = [self._bounds(1, imp) for imp in SCALE]
        one_line = all(
            metrics.horizontalAdvance(f"{imp} {IMPACT_LABELS[imp]}") <= col.width() - 2
            for imp, col in zip(SCALE, columns, strict=True)
        )
        for imp, col in zip(SCALE, columns, strict=True):
            word = IMPACT_LABELS[imp]
            if not one_line:  # the numbers on one row and the words below, never mixed
                word = metrics.elidedText(word, Qt.TextElideMode.ElideRight, col.width() - 2)
            rect = QRect(col.left(), grid.bottom() + _PAD // 2, col.width(), 2 * line)
            painter.drawText(
                rect,
                Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                f"{imp} {word}" if one_line else f"{imp}\n{word}",
            )
        title = QFont(self.font())
        title.setBold(True)
        painter.setFont(title)
        bottom = QRect(grid.left(), grid.bottom() + _PAD + 2 * line, grid.width(), line)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignCenter, "Impact")
        painter.save()
        painter.translate(_PAD // 2 + line / 2, grid.center().y())
        painter.rotate(-90)
        side = QRect(-grid.height() // 2, -line // 2, grid.height(), line)
        painter.drawText(side, Qt.AlignmentFlag.AlignCenter, "Likelihood")
        painter.restore()

    def _paint_cell(self, painter: QPainter, lik: int, imp: int) -> None:
        score = lik * imp
        rect = self.cell_rect(lik, imp)
        fill = QColor(self._bands.colour(score))
        ink = QColor(self._bands.text_colour(score))
        painter.fillRect(rect, fill)
        font, bold = self._cell_font(), self._cell_font(bold=True)
        metrics = QFontMetrics(font)
        line = metrics.height()
        inner = rect.adjusted(_INSET, _INSET, -_INSET, -_INSET)
        top = QRect(inner.left(), inner.top(), inner.width(), line)
        painter.setPen(ink)
        painter.setFont(bold)
        painter.drawText(top, _LEFT, str(score))
        after = QFontMetrics(bold).horizontalAdvance(str(score)) + metrics.horizontalAdvance(" ")
        painter.setFont(font)
        painter.drawText(top.adjusted(after, 0, 0, 0), _LEFT, self._bands.band(score).letter)
        count = len(self._points.get((lik, imp), []))
        badge_width = metrics.horizontalAdvance(str(count)) + 8
        badge = QRect(top.right() - badge_width + 1, top.top() + 1, badge_width, line - 2)
        if count and badge.left() > top.left() + after + metrics.horizontalAdvance("MM"):
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ink)
            painter.drawRoundedRect(badge, 6, 6)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, on=False)
            painter.setPen(fill)
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(count))
            painter.setPen(ink)
        for k, text in enumerate(self.cell_lines(lik, imp)):
            where = QRect(inner.left(), inner.top() + (k + 1) * line, inner.width(), line)
            painter.drawText(where, _LEFT, text)
        painter.setFont(self.font())

    # -- input ------------------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        cell = self.cell_at(event.position().toPoint())
        if event.button() is not Qt.MouseButton.LeftButton or cell is None:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self._toggle(cell)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if key in _MOVES:
            lik, imp = self._focus or self._first_focus()
            d_lik, d_imp = _MOVES[key] if self._focus is not None else (0, 0)
            self._focus = (min(5, max(1, lik + d_lik)), min(5, max(1, imp + d_imp)))
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self._toggle(self._focus or self._first_focus())
        elif key is Qt.Key.Key_Escape and self._selected is not None:
            self.clear_selection()
        else:
            super().keyPressEvent(event)  # Escape with nothing chosen reaches the dialog

    def _first_focus(self) -> Cell:
        """Where the keyboard starts: the selection, else the worst occupied cell."""
        if self._selected is not None:
            return self._selected
        occupied = sorted(self._points, key=lambda c: (c[0] * c[1], c[0]), reverse=True)
        return occupied[0] if occupied else (5, 1)

    def focusInEvent(self, event: QFocusEvent) -> None:
        if self._focus is None:
            self._focus = self._first_focus()
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cell = self.cell_at(event.pos())
            if cell is None:
                QToolTip.hideText()
                event.ignore()
            else:
                text = plain_tooltip(self.cell_tooltip(*cell)) or ""
                QToolTip.showText(event.globalPos(), text, self, self.cell_rect(*cell))
            return True
        return super().event(event)
