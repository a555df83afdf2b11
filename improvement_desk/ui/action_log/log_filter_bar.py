"""The row of filters above the action log: search, meeting, owner, statuses, overdue only.

Each status has a tick box, so "open and in progress" or "complete, awaiting
the board" are a click or two; by default everything the board has not closed is
shown. The count says "N actions shown of M" whenever anything is hidden, so a
filtered log never passes for the whole log. A "due soon" filter (set by the dashboard)
shows as a chip saying what it keeps; its click, or Clear filters, removes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.ui.action_log.log_filter import OUTSTANDING, LogCriteria
from improvement_desk.ui.action_log.log_table_model import overdue_icon
from improvement_desk.ui.widgets import named

_STATUS_WORDS = {
    LogStatus.OPEN: ("Open", "Open actions"),
    LogStatus.IN_PROGRESS: ("In progress", "Actions in progress"),
    LogStatus.COMPLETE: ("Complete", "Actions the owner has completed, awaiting the board"),
    LogStatus.CLOSED: ("Closed", "Actions the board has closed"),
}


def _id_of(value: object) -> int | None:
    return value if isinstance(value, int) else None


class LogFilterBar(QWidget):
    changed = Signal(object)  # LogCriteria

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = named(QLineEdit(), "search", "Search actions")
        self.search.setPlaceholderText("Search actions…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(200)
        self.meeting = self._combo("meeting", "Meeting filter", "All meetings")
        self.meeting.setToolTip("Only the actions agreed at this meeting")
        self.owner = self._combo("owner", "Owner filter", "All owners")
        self.statuses = {
            status: self._tick(f"status_{status.value}", text, tip)
            for status, (text, tip) in _STATUS_WORDS.items()
        }
        self.status_label = QLabel("Status:")
        self.overdue = self._toggle(
            "overdue_only", "Overdue only", "Only open actions past their current due date"
        )
        self.overdue.setIcon(overdue_icon())
        self.overdue.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.clear = named(QPushButton("Clear filters"), "clear_filters")
        self._due_by: date | None = None
        self.due_chip = named(QPushButton(), "due_by_chip")
        self.due_chip.hide()
        self.due_chip.setStyleSheet(
            "QPushButton#due_by_chip { border: 1px solid palette(dark); border-radius: 10px;"
            " padding: 2px 10px; background: palette(alternate-base); }"
        )
        self.count = named(QLabel(), "count", "Number of actions shown")
        self.count.setTextFormat(Qt.TextFormat.PlainText)

        # Two halves side by side on a wide page, stacked on a narrow one (see resizeEvent).
        self.find_part = named(QWidget(), "find_filters")
        finding = QHBoxLayout(self.find_part)
        finding.setContentsMargins(0, 0, 0, 0)
        finding.addWidget(self.search, 3)
        finding.addWidget(self.meeting, 2)
        finding.addWidget(self.owner, 1)
        self.flag_part = named(QWidget(), "status_filters")
        flagging = QHBoxLayout(self.flag_part)
        flagging.setContentsMargins(0, 0, 0, 0)
        flagging.addWidget(self.status_label)
        for tick in self.statuses.values():
            flagging.addWidget(tick)
        flagging.addSpacing(8)
        flagging.addWidget(self.overdue)
        flagging.addWidget(self.due_chip)
        flagging.addSpacing(8)
        flagging.addWidget(self.clear)
        flagging.addSpacing(8)
        flagging.addStretch(1)
        flagging.addWidget(self.count)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.rows.addWidget(self.find_part, 1)
        self.rows.addWidget(self.flag_part)
        self.reset(emit=False)

        self.search.textChanged.connect(self._emit)
        for combo in (self.meeting, self.owner):
            combo.currentIndexChanged.connect(self._emit)
        for button in self._switches():
            button.toggled.connect(self._emit)
        self.clear.clicked.connect(lambda *_: self.reset())
        self.due_chip.clicked.connect(lambda *_: self._set_due_by(None, emit=True))

    # -- layout --------------------------------------------------------------------------------

    def _side_by_side_width(self) -> int:
        return (
            self.find_part.minimumSizeHint().width()
            + self.flag_part.sizeHint().width()
            + self.rows.spacing()
        )

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider half: the halves stack when the page is narrow."""
        stacked = max(
            self.find_part.minimumSizeHint().width(), self.flag_part.minimumSizeHint().width()
        )
        return QSize(stacked, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self._side_by_side_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.rows.direction() != direction:
            self.rows.setDirection(direction)
        super().resizeEvent(event)

    def is_stacked(self) -> bool:
        return self.rows.direction() is QBoxLayout.Direction.TopToBottom

    @staticmethod
    def _combo(name: str, accessible: str, everything: str) -> QComboBox:
        combo = named(QComboBox(), name, accessible)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(12)
        return combo

    @staticmethod
    def _toggle(name: str, text: str, tip: str) -> QToolButton:
        button = named(QToolButton(), name, tip)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(True)
        return button

    @staticmethod
    def _tick(name: str, text: str, tip: str) -> QCheckBox:
        box = named(QCheckBox(text), name, f"Show {tip[0].lower()}{tip[1:]}")
        box.setToolTip(tip)
        return box

    def _switches(self) -> tuple[QCheckBox | QToolButton, ...]:
        return (*self.statuses.values(), self.overdue)

    # -- state ---------------------------------------------------------------------------------

    def set_choices(
        self, meetings: Sequence[tuple[int, str]], owners: Sequence[tuple[int, str]]
    ) -> None:
        """Refills the combos (id, text), keeping what was chosen if it still exists."""
        for combo, items in ((self.meeting, meetings), (self.owner, owners)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, text in items:
                combo.addItem(text, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
            if current is not None and index < 0:
                self._emit()  # the chosen meeting or owner has gone: the filter widens

    def criteria(self) -> LogCriteria:
        return LogCriteria(
            text=self.search.text(),
            meeting_id=_id_of(self.meeting.currentData()),
            owner_id=_id_of(self.owner.currentData()),
            statuses=frozenset(s for s, b in self.statuses.items() if b.isChecked()),
            overdue_only=self.overdue.isChecked(),
            due_by=self._due_by,
        )

    def set_count(self, shown: int, total: int) -> None:
        noun = "action" if total == 1 else "actions"
        if shown == total:
            self.count.setText(f"{total} {noun}")
        else:
            self.count.setText(f"{shown} {'action' if shown == 1 else 'actions'} shown of {total}")

    def reset(self, *, emit: bool = True) -> None:
        """Back to every action the board has not closed."""
        self.show_only(emit=emit)

    def show_only(
        self,
        *,
        owner_id: int | None = None,
        overdue: bool = False,
        due_by: date | None = None,
        emit: bool = True,
    ) -> None:
        """Every action not closed, narrowed to these (the rest cleared), said once: the
        dashboard's figures open the log this way, with the filter visible and clearable."""
        widgets = (self.search, self.meeting, self.owner, *self._switches())
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        self.meeting.setCurrentIndex(0)
        found = self.owner.findData(owner_id) if owner_id is not None else 0
        self.owner.setCurrentIndex(max(found, 0))
        for status, button in self.statuses.items():
            button.setChecked(status in OUTSTANDING)
        self.overdue.setChecked(overdue)
        self._set_due_by(due_by, emit=False)
        for widget in widgets:
            widget.blockSignals(False)
        if emit:
            self._emit()

    def _set_due_by(self, due_by: date | None, *, emit: bool) -> None:
        self._due_by = due_by
        if due_by is None:
            self.due_chip.hide()
        else:
            text = f"Due by {due_by:%d %b %Y}, not overdue"
            self.due_chip.setText(f"{text}  ✕")
            self.due_chip.setToolTip(
                "Open or in progress, due date not yet passed. Click to remove."
            )
            self.due_chip.setAccessibleName(f"Filter: {text}. Press to remove this filter")
            self.due_chip.show()
        if emit:
            self._emit()

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.criteria())
