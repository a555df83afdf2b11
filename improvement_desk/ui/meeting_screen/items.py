"""The agenda down the side of the meeting screen: number, title, and what has been recorded.

The mark column lets the clerk see at a glance which items still have no
minute before the chair closes the meeting: ✎ a minute, R decisions, A
actions arising, D declarations.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from improvement_desk.services.meeting_records import AgendaItemRecord
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip

ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1
_EXEMPT_COLOUR = "#8A5300"


class ItemCol(IntEnum):
    NUMBER = 0
    TITLE = 1
    MARK = 2


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def recorded_marks(item: AgendaItemRecord) -> str:
    """'✎ R2 A1': a minute, two decisions, one action arising."""
    parts = ["✎"] if item.minute.strip() else []
    for letter, rows in (("R", item.decisions), ("A", item.actions), ("D", item.declarations)):
        if rows:
            parts.append(f"{letter}{len(rows)}")
    return " ".join(parts)


def recorded_summary(item: AgendaItemRecord) -> str:
    """The mark in words, for the tooltip and screen readers."""
    parts = ["a minute"] if item.minute.strip() else []
    if item.decisions:
        parts.append(_count(len(item.decisions), "decision"))
    if item.actions:
        parts.append(_count(len(item.actions), "action"))
    if item.declarations:
        parts.append(_count(len(item.declarations), "declaration"))
    return ("Recorded: " + ", ".join(parts)) if parts else "Nothing recorded yet"


class ItemsModel(RecordTableModel):
    columns = ItemCol
    headers: ClassVar[dict[ItemCol, str]] = {
        ItemCol.NUMBER: "No.",
        ItemCol.TITLE: "Item",
        ItemCol.MARK: "Recorded",
    }
    header_tips: ClassVar[dict[ItemCol, str]] = {
        ItemCol.MARK: "✎ minute · R decisions · A actions arising · D declarations",
    }

    def set_items(self, items: Sequence[AgendaItemRecord]) -> None:
        new = list(items)
        if [i.id for i in new] == [i.id for i in self._rows]:
            self._rows = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(ItemCol) - 1))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def item(self, row: int) -> AgendaItemRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: int) -> int | None:
        return next((n for n, i in enumerate(self._rows) if i.id == item_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item: AgendaItemRecord = self._rows[index.row()]
        col = ItemCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is ItemCol.NUMBER:
                return item.number
            if col is ItemCol.TITLE:
                return item.title + (" (Part B)" if item.exempt else "")
            return recorded_marks(item)
        if role == ITEM_ID_ROLE:
            return item.id
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{item.number}. {item.title}"]
            if item.presenter:
                lines.append(f"Presented by {item.presenter}")
            if item.exempt:
                lines.append(f"Exempt: Schedule 12A paragraph {item.exempt_paragraph}")
            lines.append(recorded_summary(item))
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.AccessibleDescriptionRole and col is ItemCol.MARK:
            return recorded_summary(item)
        if role == Qt.ItemDataRole.TextAlignmentRole and col is ItemCol.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col is ItemCol.TITLE and item.exempt:
            return QBrush(QColor(_EXEMPT_COLOUR))
        if role == Qt.ItemDataRole.FontRole and col is ItemCol.NUMBER:
            font = QFont()
            font.setBold(True)
            return font
        return None


class ItemsView(QTableView):
    def __init__(self, model: ItemsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("agenda_items")
        self.setAccessibleName("Agenda items")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(ItemCol.NUMBER, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(ItemCol.NUMBER, 34)
        header.setSectionResizeMode(ItemCol.TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(ItemCol.MARK, QHeaderView.ResizeMode.ResizeToContents)
