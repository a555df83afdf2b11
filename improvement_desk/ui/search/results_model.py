"""The search box's results as a two-level tree: a heading per kind, its hits beneath.

Headings are shown but cannot be selected, so the keyboard moves from hit to hit.
Text roles carry the record's words as plain data; the delegate paints them, never
as markup.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from improvement_desk.services.search import SearchGroup, SearchHit, SearchResults

Index = QModelIndex | QPersistentModelIndex
HIT_ROLE = Qt.ItemDataRole.UserRole + 1  # the SearchHit, on a hit's row
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 2  # (snippet, highlights), on a hit's row
HEADING_ROLE = Qt.ItemDataRole.UserRole + 3  # True on a kind's heading row

# internalId of a heading row; a hit's internalId is its group's row + 1.
_HEADING = 0


class SearchResultsModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._groups: tuple[SearchGroup, ...] = ()

    def set_results(self, results: SearchResults) -> None:
        self.beginResetModel()
        self._groups = results.groups
        self.endResetModel()

    def clear(self) -> None:
        self.set_results(SearchResults(""))

    def hit(self, index: Index) -> SearchHit | None:
        if not index.isValid() or index.internalId() == _HEADING:
            return None
        group = self._groups[index.internalId() - 1]
        return group.hits[index.row()] if index.row() < len(group.hits) else None

    def hit_indexes(self) -> list[QModelIndex]:
        """Every hit's index, in the order the list shows them."""
        return [
            self.index(row, 0, self.index(g, 0))
            for g, group in enumerate(self._groups)
            for row in range(len(group.hits))
        ]

    # -- QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, 0, _HEADING) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != _HEADING or parent.row() >= len(self._groups):
            return QModelIndex()
        if row >= len(self._groups[parent.row()].hits):
            return QModelIndex()
        return self.createIndex(row, 0, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid() or index.internalId() == _HEADING:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _HEADING)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.column() != 0 or parent.internalId() != _HEADING:
            return 0
        return len(self._groups[parent.row()].hits)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.internalId() == _HEADING:
            return Qt.ItemFlag.ItemIsEnabled
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == _HEADING:
            return self._heading_data(self._groups[index.row()], role)
        hit = self.hit(index)
        if hit is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{hit.kind.heading}: {hit.title}. {hit.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return None  # the row shows the title and snippet; a tooltip would only repeat them
        if role == HIT_ROLE:
            return hit
        if role == SNIPPET_ROLE:
            return (hit.snippet, hit.highlights, hit.detail)
        if role == HEADING_ROLE:
            return False
        return None

    @staticmethod
    def _heading_data(group: SearchGroup, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return heading_text(group)
        if role == HEADING_ROLE:
            return True
        return None


def heading_text(group: SearchGroup) -> str:
    """ "Risks (3)", or "Plan actions (20 of 57)" when only the best are listed."""
    shown = len(group.hits)
    count = f"{group.total}" if shown == group.total else f"{shown} of {group.total}"
    return f"{group.kind.heading} ({count})"
