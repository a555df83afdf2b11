"""Filtering the action log table: by meeting, owner, status, overdue and words.

As in the register, the decision is made for all rows at once in Python into
a set of accepted action ids; Qt then asks per row, which costs one set
lookup. Sorting is the source model's, in one Python sort.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.ui.action_log.log_table_model import LogTableModel

ALL_STATUSES = frozenset(LogStatus)
# What the board still has to see: everything it has not closed.
OUTSTANDING = frozenset(s for s in LogStatus if s.is_carried_forward)


@dataclass(frozen=True, slots=True)
class LogCriteria:
    """What the log shows. By default every action the board has not yet closed."""

    text: str = ""
    meeting_id: int | None = None  # the meeting that agreed the action
    owner_id: int | None = None
    statuses: frozenset[LogStatus] = OUTSTANDING
    overdue_only: bool = False
    # Due soon (the dashboard's figure): open or in progress, not overdue, due by this date.
    due_by: date | None = None

    def with_(self, **changes: Any) -> LogCriteria:
        return replace(self, **changes)

    @property
    def narrows(self) -> bool:
        """Whether any action at all can be hidden."""
        return self != LogCriteria(statuses=ALL_STATUSES)

    def accepts(self, action: LogActionSummary, haystack: str) -> bool:
        return (
            action.status in self.statuses
            and (self.meeting_id is None or action.meeting_id == self.meeting_id)
            and (self.owner_id is None or action.owner_id == self.owner_id)
            and (not self.overdue_only or action.overdue)
            and (self.due_by is None or _due_by(action, self.due_by))
            and all(word in haystack for word in self.text.casefold().split())
        )


def _due_by(action: LogActionSummary, due_by: date) -> bool:
    return action.status.is_open and not action.overdue and action.current_due <= due_by


class LogFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._criteria = LogCriteria()
        self._model: LogTableModel | None = None
        self._accepted: set[int] | None = None  # None: everything passes
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._pending_recompute = False

    @property
    def criteria(self) -> LogCriteria:
        return self._criteria

    def set_criteria(self, criteria: LogCriteria) -> None:
        self._criteria = criteria
        self.beginFilterChange()
        self._accepted = self._compute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setSourceModel(self, model: Any) -> None:
        self._model = model if isinstance(model, LogTableModel) else None
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
        if model is None or not c.narrows:
            return None
        return {
            action.id
            for action, hay in zip(model.records(), model.haystacks(), strict=True)
            if c.accepts(action, hay)
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
