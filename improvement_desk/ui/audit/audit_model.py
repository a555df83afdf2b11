"""The audit trail as a read-only table: one row per changed field, newest first.

Rows are immutable `AuditRecord`s read by `AuditReader.search`. Long values show
their first line here (the detail pane shows them whole), never as a tooltip:
Qt would read a value that looks like HTML as markup.

Sorting is one Python sort in the model (the proxy hands it over), because Qt
comparing 5,000 rows pair by pair through Python takes a second a click. The
time column sorts by the moment itself (and the id within one save), the record
column naturally ("1.10" after "1.9"), the rest as text without regard to case.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from improvement_desk.services.audit_reader import (
    AuditRecord,
    change_word,
    entity_label,
    field_label,
)
from improvement_desk.ui.plan.action_table_model import reference_key
from improvement_desk.ui.table_base import RecordTableModel

Index = QModelIndex | QPersistentModelIndex
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
VALUE_PREVIEW = 120  # characters of a value shown in the table


class AuditCol(IntEnum):
    WHEN = 0
    WHO = 1
    LOGIN = 2
    KIND = 3
    RECORD = 4
    CHANGE = 5
    FIELD = 6
    BEFORE = 7
    AFTER = 8


HEADERS = {
    AuditCol.WHEN: "When",
    AuditCol.WHO: "Who",
    AuditCol.LOGIN: "OS login",
    AuditCol.KIND: "Record kind",
    AuditCol.RECORD: "Record",
    AuditCol.CHANGE: "Change",
    AuditCol.FIELD: "Field",
    AuditCol.BEFORE: "Before",
    AuditCol.AFTER: "After",
}
HEADER_TIPS = {
    AuditCol.WHEN: "When the change was saved, in this computer's local time",
    AuditCol.WHO: "The name the person gave the app",
    AuditCol.LOGIN: "The computer login that made the change",
    AuditCol.RECORD: "The record's reference or name when it changed",
}


def when_text(record: AuditRecord) -> str:
    return record.at.astimezone().strftime("%d %b %Y %H:%M:%S")


def preview(value: str | None) -> str:
    """The first line of a value, shortened; '—' for none."""
    if value is None or value == "":
        return "—"
    line, *rest = value.split("\n", 1)
    if len(line) > VALUE_PREVIEW:
        return line[: VALUE_PREVIEW - 1] + "…"
    return line + (" …" if rest else "")


def cell_text(record: AuditRecord, column: AuditCol) -> str:
    match column:
        case AuditCol.WHEN:
            return when_text(record)
        case AuditCol.WHO:
            return record.actor
        case AuditCol.LOGIN:
            return record.os_login
        case AuditCol.KIND:
            return entity_label(record.entity)
        case AuditCol.RECORD:
            return record.entity_label
        case AuditCol.CHANGE:
            return change_word(record.operation)
        case AuditCol.FIELD:
            return field_label(record.field)
        case AuditCol.BEFORE:
            return preview(record.old_value)
        case AuditCol.AFTER:
            return preview(record.new_value)


class AuditModel(RecordTableModel):
    columns = AuditCol
    headers = HEADERS
    header_tips = HEADER_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[AuditRecord] = []
        self._sort: tuple[AuditCol, Qt.SortOrder] | None = None

    def set_rows(self, rows: Sequence[AuditRecord]) -> None:
        """New rows (newest first, as read), in the order the user last sorted by."""
        self.beginResetModel()
        self._rows = list(rows)
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(AuditCol):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id for i in persistent]
        self._apply_sort(AuditCol(column), order)
        row_of = {record.id: row for row, record in enumerate(self._rows)}
        self.changePersistentIndexList(
            persistent,
            [self.index(row_of[i], p.column()) for i, p in zip(ids, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    def _apply_sort(self, column: AuditCol, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        descending = order == Qt.SortOrder.DescendingOrder
        self._rows.sort(key=lambda record: sort_key(record, column), reverse=descending)

    def record(self, row: int) -> AuditRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        record = self.record(index.row())
        if record is None or not 0 <= index.column() < len(AuditCol):
            return None
        column = AuditCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(record, column)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[column]}: {cell_text(record, column)}"
        return None


def sort_key(record: AuditRecord, column: AuditCol) -> tuple[Any, ...]:
    """What a column sorts by; the row id last, so equal cells keep the order of saving."""
    match column:
        case AuditCol.WHEN:
            return (record.at, record.id)
        case AuditCol.RECORD:
            return (reference_key(record.entity_label), record.id)
        case _:
            return (cell_text(record, column).casefold(), record.id)


class AuditProxy(QSortFilterProxyModel):
    """Passes sorting to the model's one Python sort; the filters are the reader's, in SQL."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        model = self.sourceModel()
        if isinstance(model, AuditModel):
            model.sort(column, order)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order
