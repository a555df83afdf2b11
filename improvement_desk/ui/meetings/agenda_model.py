"""A meeting's agenda as a Qt table model that reorders by drag and drop.

The order of the rows *is* the data (an item's number is its place), so the
agenda is shown unsorted, straight from this model. A move — dropped rows,
or Move up / Move down, which call `moveRows` — is first made here (the
view follows at once), then handed to `mover(item_id, new_index)`, which
asks the agenda service through an undo command and reloads the page; a
refused move reloads the true order.

Only whole rows move, one at a time, and only within one meeting's agenda:
the MIME data names the meeting and the item, and a drop from another
meeting's agenda is refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, Qt
from PySide6.QtGui import QFont

from improvement_desk.services.meeting_records import AgendaItemRecord
from improvement_desk.ui.meetings.columns import (
    AGENDA_HEADERS,
    AGENDA_TIPS,
    ID_ROLE,
    RECORD_ROLE,
    AgendaCol,
    exempt_text,
    exempt_tip,
    time_text,
)
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip

AGENDA_MIME = "application/x-improvement-desk-agenda-item"
Mover = Callable[[int, int], None]


def _no_move(_item_id: int, _new_index: int) -> None:
    return None


class AgendaModel(RecordTableModel):
    columns = AgendaCol
    headers = AGENDA_HEADERS
    header_tips = AGENDA_TIPS

    def __init__(self, parent: Any = None, mover: Mover = _no_move) -> None:
        super().__init__(parent)
        self._rows: list[AgendaItemRecord] = []
        self.meeting_id: int | None = None
        self.movable = False
        self.mover = mover

    # -- loading -------------------------------------------------------------------------------

    def set_items(
        self, meeting_id: int | None, items: Sequence[AgendaItemRecord], *, movable: bool
    ) -> None:
        self.beginResetModel()
        self.meeting_id = meeting_id
        self._rows = list(items)
        self.movable = movable
        self.endResetModel()

    def record(self, row: int) -> AgendaItemRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[AgendaItemRecord]:
        return list(self._rows)

    def row_of(self, item_id: int) -> int | None:
        return next((i for i, r in enumerate(self._rows) if r.id == item_id), None)

    # -- display -------------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        col = AgendaCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(item, col)
        if role == ID_ROLE:
            return item.id
        if role == RECORD_ROLE:
            return item
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(item, col))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            AgendaCol.NUMBER,
            AgendaCol.PAPERS,
        ):
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and col is AgendaCol.NUMBER:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _display(item: AgendaItemRecord, col: AgendaCol) -> str:
        if col is AgendaCol.NUMBER:
            return item.number
        if col is AgendaCol.TITLE:
            return item.title
        if col is AgendaCol.PRESENTER:
            return item.presenter
        if col is AgendaCol.PURPOSE:
            return item.purpose.label
        if col is AgendaCol.TIME:
            return time_text(item)
        if col is AgendaCol.PAPERS:
            return str(len(item.papers)) if item.papers else ""
        if col is AgendaCol.MARKING:
            return item.marking.label
        return exempt_text(item)

    @staticmethod
    def _tooltip(item: AgendaItemRecord, col: AgendaCol) -> str | None:
        if col is AgendaCol.TITLE:
            return item.title
        if col is AgendaCol.PAPERS and item.papers:
            return "\n".join(f"{p.title} ({p.page_count} pages)" for p in item.papers)
        if col is AgendaCol.EXEMPT:
            return exempt_tip(item)
        return None

    # -- drag and drop -------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land between rows (on the root), never onto an item.
            return Qt.ItemFlag.ItemIsDropEnabled if self.movable else Qt.ItemFlag.NoItemFlags
        flags = super().flags(index)
        if self.movable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [AGENDA_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        if rows and self.meeting_id is not None and (record := self.record(rows[0])):
            payload = {"meeting_id": self.meeting_id, "item_id": record.id}
            data.setData(AGENDA_MIME, QByteArray(json.dumps(payload).encode()))
        return data

    def _dragged_row(self, data: QMimeData) -> int | None:
        if not self.movable or not data.hasFormat(AGENDA_MIME):
            return None
        try:
            payload = json.loads(bytes(data.data(AGENDA_MIME).data()).decode())
            meeting_id, item_id = int(payload["meeting_id"]), int(payload["item_id"])
        except (ValueError, KeyError, TypeError):
            return None
        return self.row_of(item_id) if meeting_id == self.meeting_id else None

    def canDropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        return action == Qt.DropAction.MoveAction and self._dragged_row(data) is not None

    def dropMimeData(
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        source = self._dragged_row(data) if action == Qt.DropAction.MoveAction else None
        if source is None:
            return False
        if row < 0:  # dropped onto a row (or past the end): it goes before that row
            row = parent.row() if parent.isValid() else len(self._rows)
        return self.moveRows(QModelIndex(), source, 1, QModelIndex(), row)

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        """Never: the view asks this after a move-drop, but the move has already been made."""
        return False

    def moveRows(
        self,
        source_parent: Index,
        source_row: int,
        count: int,
        destination_parent: Index,
        destination_child: int,
    ) -> bool:
        """Moves one row so that it lands before `destination_child` (Qt's convention)."""
        if (
            not self.movable
            or count != 1
            or source_parent.isValid()
            or destination_parent.isValid()
            or not 0 <= source_row < len(self._rows)
            or not 0 <= destination_child <= len(self._rows)
        ):
            return False
        new_index = destination_child - 1 if destination_child > source_row else destination_child
        if new_index == source_row:
            return False
        moved = self._rows[source_row]
        self.beginMoveRows(QModelIndex(), source_row, source_row, QModelIndex(), destination_child)
        del self._rows[source_row]
        self._rows.insert(new_index, moved)
        self.endMoveRows()
        self.mover(moved.id, new_index)
        return True

    def move_row(self, row: int, new_index: int) -> bool:
        """Move up / Move down: the row ends at `new_index` (0-based)."""
        destination = new_index + 1 if new_index > row else new_index
        return self.moveRows(QModelIndex(), row, 1, QModelIndex(), destination)
