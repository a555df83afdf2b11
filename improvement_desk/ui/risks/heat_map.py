"""The risk heat map with its view toggle, band legend and note: the register's picture.

The painted grid lives in `heat_map_grid`; this module adds the choice of
assessment (current, inherent, target) and says what is left off the map,
so a risk never silently disappears from the board's view.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

from improvement_desk.domain.risk import RiskStatus
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.ui.plan.action_table_model import reference_key
from improvement_desk.ui.risks.heat_map_grid import Cell, HeatMap, HeatPoint, fit_references
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.risk_records import RiskRecord

__all__ = ["HeatMap", "HeatMapPanel", "HeatPoint", "ScoreView", "fit_references"]


class ScoreView(StrEnum):
    """Which assessment the map plots: now, before controls, or the aim."""

    CURRENT = "current"
    INHERENT = "inherent"
    TARGET = "target"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class HeatMapPanel(QWidget):
    """The heat map with its view toggle, band legend and a count of what is (not) shown.

    `cell_chosen` carries (view, likelihood, impact), or None when cleared.
    """

    cell_chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._risks: tuple[RiskRecord, ...] = ()
        self._bands = RiskBands()
        self._view = ScoreView.CURRENT
        self.heading = named(QLabel("Heat map"), "heat_map_heading")
        font = QFont(self.heading.font())
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[ScoreView, QToolButton] = {}
        toggle = QHBoxLayout()
        toggle.setSpacing(0)
        for view, tip in (
            (ScoreView.CURRENT, "Plot each risk at its current likelihood and impact"),
            (ScoreView.INHERENT, "Plot each risk as it was before any controls"),
            (ScoreView.TARGET, "Plot each risk where the board aims to bring it"),
        ):
            button = named(QToolButton(), f"view_{view.value}", f"Show {view.label.lower()} scores")
            button.setText(view.label)
            button.setToolTip(tip)
            button.setCheckable(True)
            self.group.addButton(button)
            self.buttons[view] = button
            toggle.addWidget(button)
            button.toggled.connect(lambda on, v=view: self._toggled(v, on))
        self.buttons[self._view].setChecked(True)
        self.heat_map = HeatMap()
        self.legend = self._line("heat_map_legend")
        self.note = self._line("heat_map_note")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addLayout(toggle)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.heat_map, 1)
        layout.addWidget(self.legend)
        layout.addWidget(self.note)
        self.heat_map.cell_chosen.connect(self._forward)
        self._replot()

    @staticmethod
    def _line(name: str) -> QLabel:
        label = named(QLabel(), name)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        return label

    def set_risks(self, risks: Sequence[RiskRecord], bands: RiskBands) -> None:
        """Closed risks are history, not exposure: only live ones are plotted."""
        self._risks = tuple(risks)
        self._bands = bands
        self._replot()

    def view(self) -> ScoreView:
        return self._view

    def set_view(self, view: ScoreView) -> None:
        """Shows another assessment; a cell chosen in the old one no longer means anything."""
        if view is self._view:
            return
        self._view = view
        self.buttons[view].setChecked(True)
        self.heat_map.clear_selection()
        self._replot()

    def _toggled(self, view: ScoreView, on: bool) -> None:
        if on:
            self.set_view(view)

    def selected(self) -> tuple[ScoreView, int, int] | None:
        cell = self.heat_map.selected_cell()
        return None if cell is None else (self._view, *cell)

    def _forward(self, cell: Cell | None) -> None:
        self.cell_chosen.emit(None if cell is None else (self._view, *cell))

    def _replot(self) -> None:
        live = sorted(
            (r for r in self._risks if r.status.is_live), key=lambda r: reference_key(r.reference)
        )
        points: list[HeatPoint] = []
        for risk in live:
            lik, imp = {
                ScoreView.CURRENT: (risk.current_likelihood, risk.current_impact),
                ScoreView.INHERENT: (risk.inherent_likelihood, risk.inherent_impact),
                ScoreView.TARGET: (risk.target_likelihood, risk.target_impact),
            }[self._view]
            if lik is not None and imp is not None:
                points.append(HeatPoint(risk.reference, risk.title, lik, imp))
        self.heat_map.set_points(points, self._bands)
        self.legend.setText(f"Bands: {self._bands.describe()}")
        note = f"{len(live)} open {'risk' if len(live) == 1 else 'risks'}"
        escalated = sum(1 for r in live if r.status is RiskStatus.ESCALATED)
        if escalated:
            note += f" ({escalated} escalated)"
        missing = len(live) - len(points)
        if missing:
            note += f"; {missing} without a target, not shown"
        self.note.setText(note)
