"""The row of filters above the action table: search, theme, lead officer, status, overdue.

A "due soon" filter (set by the dashboard) has no control of its own: it shows as a chip
saying what it keeps, and the chip's click (or Clear filters) removes it.
"""

from __future__ import annotations

from datetime import date
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


def _index_of(combo: QComboBox, value: object) -> int:
    """The choice holding `value` (Qt hands a stored StrEnum back as str), else "All"."""
    if value is None:
        return 0
    for index in range(1, combo.count()):
        if combo.itemData(index) == value:
            return index
    return 0


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
        self._due_by: date | None = None
        self.due_chip = named(QPushButton(), "due_by_chip")
        self.due_chip.hide()
        self.due_chip.setStyleSheet(
            "QPushButton#due_by_chip { border: 1px solid palette(dark); border-radius: 10px;"
            " padding: 2px 10px; background: palette(alternate-base); }"
        )
        self.count = named(QLabel(), "count")
        self.count.setAccessibleName("Number of actions shown")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        for combo in (self.theme, self.lead, self.status):
            layout.addWidget(combo, 1)
        layout.addWidget(self.overdue)
        layout.addWidget(self.due_chip)
        layout.addWidget(self.clear)
        layout.addWidget(self.count)

        self.search.textChanged.connect(self._emit)
        for combo in (self.theme, self.lead, self.status):
            combo.currentIndexChanged.connect(self._emit)
        self.overdue.toggled.connect(self._emit)
        self.clear.clicked.connect(self.reset)
        self.due_chip.clicked.connect(lambda *_: self._set_due_by(None, emit=True))

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
            due_by=self._due_by,
        )

    def set_count(self, shown: int, total: int) -> None:
        noun = "action" if total == 1 else "actions"
        self.count.setText(f"{shown} of {total} {noun}" if shown != total else f"{total} {noun}")

    def reset(self) -> None:
        self.show_only()

    def show_only(
        self,
        *,
        theme: str | None = None,
        lead: str | None = None,
        status: Brag | None = None,
        overdue: bool = False,
        due_by: date | None = None,
    ) -> None:
        """Sets every filter at once (the rest cleared) and says so once: the dashboard's
        figures open the plan this way, with the filter visible and clearable."""
        widgets = (self.search, self.theme, self.lead, self.status, self.overdue)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo, value in ((self.theme, theme), (self.lead, lead), (self.status, status)):
            combo.setCurrentIndex(_index_of(combo, value))
        self.overdue.setChecked(overdue)
        self._set_due_by(due_by, emit=False)
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def _set_due_by(self, due_by: date | None, *, emit: bool) -> None:
        self._due_by = due_by
        if due_by is None:
            self.due_chip.hide()
        else:
            text = f"Due by {due_by:%d %b %Y}, not overdue"
            self.due_chip.setText(f"{text}  ✕")
            self.due_chip.setToolTip("Not Blue, target not yet passed. Click to remove.")
            self.due_chip.setAccessibleName(f"Filter: {text}. Press to remove this filter")
            self.due_chip.show()
        if emit:
            self._emit()

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.criteria())
