"""The part every read-only table of records shares: rows, columns, headers, flags.

A subclass names its column enum and header texts and keeps its records in
`self._rows`; it writes only what is particular to it (`data`, sorting keys).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import QTableView

Index = QModelIndex | QPersistentModelIndex


class RecordTableModel(QAbstractTableModel):
    columns: ClassVar[type[IntEnum]]
    headers: ClassVar[Mapping[Any, str]]
    header_tips: ClassVar[Mapping[Any, str]] = {}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Any] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        column = self.columns(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headers[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_tips.get(column)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def selected_id(table: QTableView, role: int) -> int | None:
    """The record id of the table's selected row (the current index alone is not a selection:
    a filter can leave it on a row that is no longer selected)."""
    index = table.currentIndex()
    if not index.isValid() or not table.selectionModel().isRowSelected(index.row(), QModelIndex()):
        return None
    value = index.data(role)
    return int(value) if value is not None else None


def select_source_row(table: QTableView, proxy: QSortFilterProxyModel, row: int | None) -> bool:
    """Selects and shows a model row through the proxy; False when it is missing or filtered out."""
    if row is None:
        return False
    index = proxy.mapFromSource(proxy.sourceModel().index(row, 0))
    if not index.isValid():
        return False
    table.selectionModel().setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index)
    return True
