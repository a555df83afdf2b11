"""Which indicators the scorecard shows: by RAG, by direction of travel, by words, and
whether retired (inactive) indicators are included.

A scorecard has tens of rows, not thousands, so the proxy judges each row as
Qt asks. Sorting is Qt's, on the model's sort keys; with no sort column the
table shows the board's own order, which Move up and Move down change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from improvement_desk.domain.scorecard import Rag, Trend
from improvement_desk.services.scorecard_records import ScorecardRow
from improvement_desk.ui.scorecard.columns import SORT_ROLE
from improvement_desk.ui.scorecard.scorecard_model import ScorecardTableModel, haystack

NO_RAG = "none"  # the RAG filter's choice for rows without a rating (no figure or no target)


@dataclass(frozen=True, slots=True)
class ScorecardCriteria:
    """By default: every active indicator."""

    text: str = ""
    rag: str | None = None  # a Rag value, NO_RAG, or None for all
    trend: Trend | None = None
    include_inactive: bool = False

    def with_(self, **changes: Any) -> ScorecardCriteria:
        return replace(self, **changes)

    def accepts(self, row: ScorecardRow, hay: str) -> bool:
        if not row.indicator.active and not self.include_inactive:
            return False
        if self.rag == NO_RAG and row.rag is not None:
            return False
        if self.rag not in (None, NO_RAG) and (row.rag is None or row.rag != Rag(self.rag)):
            return False
        if self.trend is not None and row.trend is not self.trend:
            return False
        return all(word in hay for word in self.text.casefold().split())


class ScorecardFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._criteria = ScorecardCriteria()
        self.setSortRole(SORT_ROLE)

    @property
    def criteria(self) -> ScorecardCriteria:
        return self._criteria

    def set_criteria(self, criteria: ScorecardCriteria) -> None:
        self.beginFilterChange()
        self._criteria = criteria
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        model = self.sourceModel()
        if not isinstance(model, ScorecardTableModel) or source_parent.isValid():
            return True
        row = model.row(source_row)
        return self._criteria.accepts(row, haystack(row))
