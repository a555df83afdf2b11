"""Filtering the action table.

The filter is decided for all rows at once in Python (one pass over the
model's pre-lowered search texts) into a set of accepted action ids; Qt then
asks per row, which costs one set lookup. Sorting is delegated to the source
model, which sorts in one Python call: a proxy comparing rows through Qt
calls back into Python n·log n times and is far too slow for a big plan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from improvement_desk.domain.brag import Brag
from improvement_desk.services.plan_records import ActionRecord
from improvement_desk.ui.plan.action_table_model import ActionTableModel


@dataclass(frozen=True, slots=True)
class ActionCriteria:
    text: str = ""
    theme: str | None = None
    lead_officer: str | None = None
    status: Brag | None = None
    overdue_only: bool = False
    recommendation_id: int | None = None
    # Due soon (the dashboard's figure): not Blue, not yet overdue, target on or before this.
    due_by: date | None = None

    def with_(self, **changes: Any) -> ActionCriteria:
        return replace(self, **changes)

    @property
    def active(self) -> bool:
        return self != ActionCriteria()


def _due_by(record: ActionRecord, due_by: date) -> bool:
    return record.status is not Brag.BLUE and not record.overdue and record.target_date <= due_by


class ActionFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._criteria = ActionCriteria()
        self._model: ActionTableModel | None = None
        self._accepted: set[int] | None = None  # None: everything passes
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        # Set in __init__: a missing attribute on a Qt object costs microseconds per lookup.
        self._pending_recompute = False

    @property
    def criteria(self) -> ActionCriteria:
        return self._criteria

    def set_criteria(self, criteria: ActionCriteria) -> None:
        self._criteria = criteria
        self.beginFilterChange()
        self._accepted = self._compute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setSourceModel(self, model: Any) -> None:
        self._model = model if isinstance(model, ActionTableModel) else None
        if self._model is not None:
            self._model.modelAboutToBeReset.connect(self._before_reset)
        super().setSourceModel(model)
        self._accepted = self._compute()

    def _before_reset(self) -> None:
        # Runs before the proxy rebuilds its mapping from the new rows.
        self._accepted = None
        self._pending_recompute = True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        if self._model is not None:
            self._model.sort(column, order)

    def sortColumn(self) -> int:
        return self._sort_column

    def sortOrder(self) -> Qt.SortOrder:
        return self._sort_order

    def _compute(self) -> set[int] | None:
        model = self._model
        c = self._criteria
        if model is None or not c.active:
            return None
        words = c.text.casefold().split()
        return {
            record.id
            for record, hay in zip(model.records(), model.haystacks(), strict=True)
            if (c.theme is None or record.theme == c.theme)
            and (c.lead_officer is None or record.lead_officer == c.lead_officer)
            and (c.status is None or record.status is c.status)
            and (not c.overdue_only or record.overdue_days > 0)
            and (c.recommendation_id is None or record.recommendation_id == c.recommendation_id)
            and (c.due_by is None or _due_by(record, c.due_by))
            and all(w in hay for w in words)
        }

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if self._pending_recompute:
            self._pending_recompute = False
            self._accepted = self._compute()
        accepted = self._accepted
        if accepted is None:
            return True
        model = self._model
        return model is not None and model.row_ids[source_row] in accepted
