"""Paints a search result: headings, and each hit's title over its snippet.

The snippet's matches are drawn in bold by painting the text in runs, so a record's
words are never parsed as markup ("<b>" in a minute is shown as typed).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from improvement_desk.ui.search.results_model import HEADING_ROLE, SNIPPET_ROLE

Index = QModelIndex | QPersistentModelIndex
PAD = 6
GAP = 2


def runs(text: str, highlights: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    """The text cut into (piece, emphasised) runs at the highlight spans."""
    pieces: list[tuple[str, bool]] = []
    at = 0
    for first, last in highlights:
        start, end = max(first, at), min(last, len(text))
        if start >= end:
            continue
        if start > at:
            pieces.append((text[at:start], False))
        pieces.append((text[start:end], True))
        at = end
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


class SearchHitDelegate(QStyledItemDelegate):
    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)
        if index.data(HEADING_ROLE):
            return QSize(200, metrics.height() + 2 * PAD)
        return QSize(200, 2 * metrics.height() + GAP + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        rect: QRect = opt.rect
        palette: QPalette = opt.palette
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        painter.save()
        try:
            if index.data(HEADING_ROLE):
                self._paint_heading(painter, opt, rect, palette, str(index.data()))
            else:
                self._paint_hit(painter, opt, rect, palette, selected, index)
        finally:
            painter.restore()

    @staticmethod
    def _paint_heading(
        painter: QPainter, opt: QStyleOptionViewItem, rect: QRect, palette: QPalette, text: str
    ) -> None:
        painter.fillRect(rect, palette.color(QPalette.ColorRole.AlternateBase))
        font = QFont(opt.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        inner = rect.adjusted(PAD, 0, -PAD, 0)
        elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(inner, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, elided)

    @staticmethod
    def _paint_hit(
        painter: QPainter,
        opt: QStyleOptionViewItem,
        rect: QRect,
        palette: QPalette,
        selected: bool,
        index: Index,
    ) -> None:
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        quiet_role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        base = QFont(opt.font)
        bold = QFont(base)
        bold.setBold(True)
        metrics, bold_metrics = QFontMetrics(base), QFontMetrics(bold)
        inner = rect.adjusted(PAD + 12, PAD, -PAD, -PAD)
        line = metrics.height()
        snippet, highlights, detail = index.data(SNIPPET_ROLE)

        # Title, with the detail (owner, theme…) on the right when there is room.
        title_rect = QRect(inner.left(), inner.top(), inner.width(), line)
        detail_width = min(metrics.horizontalAdvance(detail), inner.width() // 3) if detail else 0
        if detail_width:
            painter.setPen(palette.color(quiet_role))
            painter.setFont(base)
            shown = metrics.elidedText(detail, Qt.TextElideMode.ElideRight, detail_width)
            painter.drawText(title_rect, Qt.AlignmentFlag.AlignRight, shown)
        painter.setPen(palette.color(text_role))
        painter.setFont(bold)
        room = inner.width() - detail_width - (12 if detail_width else 0)
        title = bold_metrics.elidedText(str(index.data()), Qt.TextElideMode.ElideRight, room)
        painter.drawText(title_rect, Qt.AlignmentFlag.AlignLeft, title)

        # The snippet, its matches in bold, cut with an ellipsis at the right edge.
        x, y, right = inner.left(), inner.top() + line + GAP, inner.right()
        painter.setPen(palette.color(quiet_role if not selected else text_role))
        for piece, emphasised in runs(snippet, highlights):
            font, fm = (bold, bold_metrics) if emphasised else (base, metrics)
            painter.setFont(font)
            width = fm.horizontalAdvance(piece)
            if x + width > right:
                cut = fm.elidedText(piece, Qt.TextElideMode.ElideRight, right - x)
                painter.drawText(QRect(x, y, right - x, line), Qt.AlignmentFlag.AlignLeft, cut)
                break
            painter.drawText(QRect(x, y, width + 1, line), Qt.AlignmentFlag.AlignLeft, piece)
            x += width
