"""The row of filters above the action table: search, theme, lead officer, status, overdue."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from improvement_desk.domain.brag import Brag
from improvement_desk.ui.plan.action_filter import ActionCriteria
from improvement_desk.ui.plan.brag_delegate import brag_of
from improvement_desk.ui.plan.icons import brag_icon
from improvement_desk.ui.widgets import named


class FilterBar(QWidget):
    changed = Signal(object)  # ActionCriteria (recommendation_id left to the page)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = named(QLineEdit(), "search")
        self.search.setPlaceholderText("Search actions…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search actions")
        self.theme = self._combo("theme", "Theme filter", "All themes")
        self.lead = self._combo("lead", "Lead officer filter", "All lead officers")
        self.status = self._combo("status", "Status filter", "All statuses")
        for status in (Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE, Brag.NOT_STARTED):
            self.status.addItem(brag_icon(status), f"{status.letter} {status.label}", status)
        self.overdue = named(QCheckBox("&Overdue only"), "overdue")
        self.overdue.setAccessibleName("Show overdue actions only")
        self.clear = named(QPushButton("Clear filters"), "clear_filters")
        self.count = named(QLabel(), "count")
        self.count.setAccessibleName("Number of actions shown")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for combo in (self.theme, self.lead, self.status):
            layout.addWidget(combo, 1)
        layout.addWidget(self.overdue)
        layout.addWidget(self.clear)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self._emit)
        for combo in (self.theme, self.lead, self.status):
            combo.currentIndexChanged.connect(self._emit)
        self.overdue.toggled.connect(self._emit)
        self.clear.clicked.connect(self.reset)

    @staticmethod
    def _combo(name: str, accessible: str, everything: str) -> QComboBox:
        combo = named(QComboBox(), name)
        combo.setAccessibleName(accessible)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    def set_choices(self, themes: tuple[str, ...], leads: tuple[str, ...]) -> None:
        """Refills the combos, keeping what was chosen if it still exists."""
        for combo, values in ((self.theme, themes), (self.lead, leads)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def criteria(self) -> ActionCriteria:
        return ActionCriteria(
            text=self.search.text(),
            theme=self.theme.currentData(),
            lead_officer=self.lead.currentData(),
            status=brag_of(self.status.currentData()),  # Qt returns the StrEnum as str
            overdue_only=self.overdue.isChecked(),
        )

    def set_count(self, shown: int, total: int) -> None:
        noun = "action" if total == 1 else "actions"
        self.count.setText(f"{shown} of {total} {noun}" if shown != total else f"{total} {noun}")

    def reset(self) -> None:
        for widget in (self.search, self.theme, self.lead, self.status, self.overdue):
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.theme, self.lead, self.status):
            combo.setCurrentIndex(0)
        self.overdue.setChecked(False)
        for widget in (self.search, self.theme, self.lead, self.status, self.overdue):
            widget.blockSignals(False)
        self._emit()

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.criteria())
