"""The recommendations beside the action table: choosing one narrows the table to its actions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from improvement_desk.domain.brag import Brag
from improvement_desk.services.plan_records import ActionRecord, RecommendationRecord
from improvement_desk.ui.text import plain_tooltip

RECOMMENDATION_ID_ROLE = Qt.ItemDataRole.UserRole + 10
Index = QModelIndex | QPersistentModelIndex


class RecommendationListModel(QAbstractListModel):
    """Row 0 is "All recommendations"; the rest are the recommendations in plan order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RecommendationRecord] = []
        self._flags: dict[int, str] = {}

    def set_recommendations(
        self,
        rows: Sequence[RecommendationRecord],
        actions: Sequence[ActionRecord] = (),
    ) -> None:
        """`actions` give each recommendation its warning line: how many are red or overdue."""
        self.beginResetModel()
        self._rows = list(rows)
        self._flags = _flags(actions)
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
        flags = self._flags.get(record.id, "")
        if role == Qt.ItemDataRole.DisplayRole:
            text = " ".join(record.text.split())
            short = text if len(text) <= 90 else text[:89] + "…"
            warning = f"\n⚠ {flags}" if flags else ""
            return f"{record.reference} · {record.theme} ({record.action_count}){warning}\n{short}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                f"{record.reference}, {record.theme}, {record.action_count} actions"
                f"{', ' + flags if flags else ''}: {record.text}"
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(f"{record.reference} ({record.source.label})\n\n{record.text}")
        if role == RECOMMENDATION_ID_ROLE:
            return record.id
        return None


def _flags(actions: Sequence[ActionRecord]) -> dict[int, str]:
    red: dict[int, int] = {}
    overdue: dict[int, int] = {}
    for a in actions:
        if a.status is Brag.RED:
            red[a.recommendation_id] = red.get(a.recommendation_id, 0) + 1
        if a.overdue:
            overdue[a.recommendation_id] = overdue.get(a.recommendation_id, 0) + 1
    result = {}
    for rec_id in red.keys() | overdue.keys():
        parts = []
        if n := red.get(rec_id):
            parts.append(f"{n} red")
        if n := overdue.get(rec_id):
            parts.append(f"{n} overdue")
        result[rec_id] = ", ".join(parts)
    return result
