"""Small painted icons for BRAG statuses (combo boxes, menus)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from improvement_desk.domain.brag import Brag
from improvement_desk.ui.plan.brag_delegate import brag_text_colour


@cache
def brag_icon(status: Brag, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#555555"))
    painter.setBrush(QColor(status.colour))
    painter.drawRoundedRect(0, 0, size - 1, size - 1, 3, 3)
    painter.setPen(brag_text_colour(status))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(int(size * 0.7))
    painter.setFont(font)
    painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, status.letter)
    painter.end()
    return QIcon(pixmap)
