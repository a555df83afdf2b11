"""Paints a BRAG status as a coloured pill holding its letter, then its name.

Colour is never the only carrier of meaning: the letter and the word are
there for colour-blind readers, greyscale prints and screen readers.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from improvement_desk.domain.brag import Brag
from improvement_desk.ui.plan.columns import BRAG_ROLE

_DARK_TEXT_ON = {Brag.AMBER, Brag.NOT_STARTED}


def brag_of(value: object) -> Brag | None:
    try:
        return Brag(value) if isinstance(value, str) else None
    except ValueError:
        return None


def brag_text_colour(status: Brag) -> QColor:
    return QColor("#000000") if status in _DARK_TEXT_ON else QColor("#FFFFFF")


class BragDelegate(QStyledItemDelegate):
    PILL = 22

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        status = brag_of(index.data(BRAG_ROLE))
        if status is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        rect: QRect = option.rect.adjusted(6, 0, -4, 0)
        pill = QRect(rect.left(), rect.center().y() - self.PILL // 2 + 1, self.PILL, self.PILL - 2)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QColor("#555555") if status is Brag.NOT_STARTED else Qt.PenStyle.NoPen)
        painter.setBrush(QColor(status.colour))
        painter.drawRoundedRect(pill, 5, 5)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(brag_text_colour(status))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, status.letter)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.setPen(option.palette.color(role))
        painter.setFont(option.font)
        label_rect = rect.adjusted(self.PILL + 8, 0, 0, 0)
        painter.drawText(
            label_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, status.label
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Any) -> QSize:
        base = super().sizeHint(option, index)
        width = self.PILL + 14 + option.fontMetrics.horizontalAdvance("Not started") + 8
        return QSize(max(base.width(), width), max(base.height(), self.PILL + 6))
