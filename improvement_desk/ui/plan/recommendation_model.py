"""The recommendations beside the action table: choosing one narrows the table to its actions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from improvement_desk.services.plan_records import RecommendationRecord
from improvement_desk.ui.text import plain_tooltip

RECOMMENDATION_ID_ROLE = Qt.ItemDataRole.UserRole + 10
Index = QModelIndex | QPersistentModelIndex


class RecommendationListModel(QAbstractListModel):
    """Row 0 is "All recommendations"; the rest are the recommendations in plan order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RecommendationRecord] = []

    def set_recommendations(
        self, rows: tuple[RecommendationRecord, ...] | list[RecommendationRecord]
    ) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def record(self, row: int) -> RecommendationRecord | None:
        return self._rows[row - 1] if 1 <= row <= len(self._rows) else None

    def row_of(self, recommendation_id: int | None) -> int:
        if recommendation_id is None:
            return 0
        for i, r in enumerate(self._rows, start=1):
            if r.id == recommendation_id:
                return i
        return 0

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows) + 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() <= len(self._rows):
            return None
        record = self.record(index.row())
        if record is None:
            total = sum(r.action_count for r in self._rows)
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return f"All recommendations ({total} actions)"
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            text = " ".join(record.text.split())
            short = text if len(text) <= 90 else text[:89] + "…"
            return f"{record.reference} · {record.theme} ({record.action_count})\n{short}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{record.reference}, {record.theme}, {record.action_count} actions: {record.text}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{record.reference} ({record.source.label})\n\n{record.text}")
        if role == RECOMMENDATION_ID_ROLE:
            return record.id
        return None
