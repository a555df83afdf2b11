"""Filtering the register table, the same way the action plan is filtered.

The decision is made for all rows at once in Python into a set of accepted
risk ids; Qt then asks per row, which costs one set lookup. Sorting is the
source model's, in one Python sort.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt

from improvement_desk.domain.risk import ReviewState, RiskStatus
from improvement_desk.domain.risk_bands import Band
from improvement_desk.services.risk_records import RiskRecord
from improvement_desk.ui.risks.heat_map import ScoreView
from improvement_desk.ui.risks.risk_table_model import RiskTableModel

LIVE_STATUSES = frozenset({RiskStatus.OPEN, RiskStatus.ESCALATED})
ALL_STATUSES = frozenset(RiskStatus)
HeatCell = tuple[ScoreView, int, int]  # (view, likelihood, impact), as the heat map emits it


def position(risk: RiskRecord, view: ScoreView) -> tuple[int | None, int | None]:
    """Where the heat map plots a risk in `view`: (likelihood, impact)."""
    if view is ScoreView.INHERENT:
        return risk.inherent_likelihood, risk.inherent_impact
    if view is ScoreView.TARGET:
        return risk.target_likelihood, risk.target_impact
    return risk.current_likelihood, risk.current_impact


def in_cell(risk: RiskRecord, cell: HeatCell) -> bool:
    """Exactly the risks the heat map counts in that cell: live ones at that position."""
    view, likelihood, impact = cell
    return risk.status.is_live and position(risk, view) == (likelihood, impact)


def describe_cell(cell: HeatCell) -> str:
    view, likelihood, impact = cell
    return f"Likelihood {likelihood} × Impact {impact} ({view.label})"


@dataclass(frozen=True, slots=True)
class RiskCriteria:
    """What the register shows. By default the live risks (open and escalated), all of them."""

    text: str = ""
    category: str | None = None
    owner: str | None = None
    statuses: frozenset[RiskStatus] = LIVE_STATUSES
    band: Band | None = None  # of the current score
    review_due: bool = False  # due or overdue
    above_appetite: bool = False
    unmitigated: bool = False
    cell: HeatCell | None = None

    def with_(self, **changes: Any) -> RiskCriteria:
        return replace(self, **changes)

    @property
    def include_closed(self) -> bool:
        return RiskStatus.CLOSED in self.statuses

    @property
    def narrows(self) -> bool:
        """Whether any risk at all can be hidden."""
        return self != RiskCriteria(statuses=ALL_STATUSES)

    def accepts(self, risk: RiskRecord, haystack: str) -> bool:
        return (
            risk.status in self.statuses
            and (self.category is None or risk.category == self.category)
            and (self.owner is None or risk.owner == self.owner)
            and (self.band is None or risk.band is self.band)
            and (not self.review_due or risk.review_state is not ReviewState.NOT_DUE)
            and (not self.above_appetite or risk.above_appetite)
            and (not self.unmitigated or risk.unmitigated)
            and (self.cell is None or in_cell(risk, self.cell))
            and all(word in haystack for word in self.text.casefold().split())
        )


class RiskFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._criteria = RiskCriteria()
        self._model: RiskTableModel | None = None
        self._accepted: set[int] | None = None  # None: everything passes
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._pending_recompute = False

    @property
    def criteria(self) -> RiskCriteria:
        return self._criteria

    def set_criteria(self, criteria: RiskCriteria) -> None:
        self._criteria = criteria
        self.beginFilterChange()
        self._accepted = self._compute()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def setSourceModel(self, model: Any) -> None:
        self._model = model if isinstance(model, RiskTableModel) else None
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
            risk.id
            for risk, hay in zip(model.records(), model.haystacks(), strict=True)
            if c.accepts(risk, hay)
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
