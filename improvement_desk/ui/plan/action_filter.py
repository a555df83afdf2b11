"""Filtering and sorting the action table.

The filter is decided for all rows at once in Python (one pass over the
model's pre-lowered search texts) and Qt only reads the answer per row:
per-row Python work from C++ is what makes big tables slow to filter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from improvement_desk.domain.brag import Brag
from improvement_desk.ui.plan.action_table_model import ActionTableModel
from improvement_desk.ui.plan.columns import SORT_ROLE


@dataclass(frozen=True, slots=True)
class ActionCriteria:
    text: str = ""
    theme: str | None = None
    lead_officer: str | None = None
    status: Brag | None = None
    overdue_only: bool = False
    recommendation_id: int | None = None

    def with_(self, **changes: Any) -> ActionCriteria:
        return replace(self, **changes)

    @property
    def active(self) -> bool:
        return self != ActionCriteria()


class ActionFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._criteria = ActionCriteria()
        self._accepted: list[bool] = []
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    @property
    def criteria(self) -> ActionCriteria:
        return self._criteria

    def set_criteria(self, criteria: ActionCriteria) -> None:
        self._criteria = criteria
        self.refilter()

    def refilter(self) -> None:
        self._accepted = self._compute()
        self.beginFilterChange()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setSourceModel(self, model: Any) -> None:
        super().setSourceModel(model)
        if isinstance(model, ActionTableModel):
            model.modelReset.connect(self._on_reset)
        self._accepted = self._compute()

    def _on_reset(self) -> None:
        self._accepted = self._compute()

    def _source(self) -> ActionTableModel | None:
        model = self.sourceModel()
        return model if isinstance(model, ActionTableModel) else None

    def _compute(self) -> list[bool]:
        model = self._source()
        if model is None:
            return []
        c = self._criteria
        words = c.text.casefold().split()
        records = model.records()
        haystacks = model.haystacks()
        result = []
        for record, hay in zip(records, haystacks, strict=True):
            ok = (
                (c.theme is None or record.theme == c.theme)
                and (c.lead_officer is None or record.lead_officer == c.lead_officer)
                and (c.status is None or record.status is c.status)
                and (not c.overdue_only or record.overdue_days > 0)
                and (c.recommendation_id is None or record.recommendation_id == c.recommendation_id)
                and all(w in hay for w in words)
            )
            result.append(ok)
        return result

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if source_parent.isValid():
            return False
        if len(self._accepted) != (self.sourceModel().rowCount() if self.sourceModel() else 0):
            self._accepted = self._compute()
        return source_row < len(self._accepted) and self._accepted[source_row]
