"""Actions arising: the item's new actions, entered on one row without touching the mouse.

The row is action text → owner → due date, Tab between them, Enter in any of
them adds the action to the log (under this meeting and item) and puts the
cursor back in the action text for the next one. The owner is found from any
part of a name; the due date is read as a clerk writes it (`dates`) and
kept for the next action, since actions agreed together are often due
together. What is wrong is said under the row, naming the field, and nothing
is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.action_log import LogActionDraft, validate_log_action
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.ui.meeting_screen.dates import DUE_FIELD, DUE_HINT, format_due, parse_due
from improvement_desk.ui.meeting_screen.fields import (
    EntryLine,
    PersonCombo,
    problem_label,
    section_title,
    show_problems,
)
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import warning_text

ACTION_FIELD = "Action"
OWNER_FIELD = "Owner"


class ActCol(IntEnum):
    REFERENCE = 0
    DESCRIPTION = 1
    OWNER = 2
    DUE = 3


class ItemActionsModel(RecordTableModel):
    columns = ActCol
    headers: ClassVar[dict[ActCol, str]] = {
        ActCol.REFERENCE: "Ref",
        ActCol.DESCRIPTION: "Action",
        ActCol.OWNER: "Owner",
        ActCol.DUE: "Due",
    }

    def set_actions(self, actions: Sequence[LogActionSummary]) -> None:
        self.beginResetModel()
        self._rows = list(actions)
        self.endResetModel()

    def action(self, row: int) -> LogActionSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a: LogActionSummary = self._rows[index.row()]
        col = ActCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ActCol.REFERENCE: a.reference,
                ActCol.DESCRIPTION: a.description,
                ActCol.OWNER: a.owner_name,
                ActCol.DUE: format_due(a.current_due),
            }[col]
        if role == Qt.ItemDataRole.ToolTipRole and col is ActCol.DESCRIPTION:
            return plain_tooltip(a.description)
        if role == Qt.ItemDataRole.ForegroundRole and col is ActCol.DUE and a.overdue:
            return QBrush(warning_text())
        return None


class ActionsPanel(QWidget):
    add_wanted = Signal(object)  # LogActionDraft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting_date = dt.date(2000, 1, 1)  # until a meeting is shown
        self.model = ItemActionsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("item_actions")
        self.table.setAccessibleName("Actions arising from this item")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(ActCol.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for col, width in ((ActCol.REFERENCE, 48), (ActCol.OWNER, 160), (ActCol.DUE, 100)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)

        self.text = EntryLine(self)
        self.text.setObjectName("action_text")
        self.text.setAccessibleName(ACTION_FIELD)
        self.text.setPlaceholderText("Ctrl+Shift+A: new action arising…")
        self.owner = PersonCombo("Owner", self)
        self.owner.setObjectName("action_owner")
        self.owner.setAccessibleName(OWNER_FIELD)
        self.due = EntryLine(self)
        self.due.setObjectName("action_due")
        self.due.setAccessibleName(DUE_FIELD)
        self.due.setPlaceholderText("Due, e.g. 30/4")
        self.due.setToolTip(f"Due date, {DUE_HINT} (weeks from the meeting)")
        self.due.setMinimumWidth(self.due.fontMetrics().horizontalAdvance("Due, e.g. 30/4") + 20)
        self.add_button = QPushButton("Add action", self)
        self.add_button.setObjectName("add_action")
        self.add_button.setToolTip("Add the action to the log (Enter in any of the fields)")
        self.errors = problem_label("action_problems")

        self.entry = QWidget(self)
        row = QHBoxLayout(self.entry)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.text, 5)
        row.addWidget(self.owner, 2)
        row.addWidget(self.due, 1)
        row.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = section_title("Actions arising", "actions_title")
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.entry)
        layout.addWidget(self.errors)
        QWidget.setTabOrder(self.text, self.owner)
        QWidget.setTabOrder(self.owner, self.due)
        QWidget.setTabOrder(self.due, self.add_button)

        self.text.submitted.connect(self.submit)
        self.owner.line().returnPressed.connect(self.submit)
        self.due.submitted.connect(self.submit)
        self.due.editingFinished.connect(self._tidy_due)
        self.add_button.clicked.connect(self.submit)
        for signal in (self.text.textEdited, self.due.textEdited, self.owner.line().textEdited):
            signal.connect(lambda *_: show_problems(self.errors, []))

    # -- showing -------------------------------------------------------------------------------

    def set_actions(self, actions: Sequence[LogActionSummary], meeting_date: dt.date) -> None:
        self.meeting_date = meeting_date
        self.model.set_actions(actions)
        self.title.setText(f"Actions arising ({len(actions)})" if actions else "Actions arising")

    def set_people(self, people: Sequence[tuple[int, str]]) -> None:
        self.owner.set_people(people)

    def set_writable(self, writable: bool) -> None:
        self.entry.setVisible(writable)
        if not writable:
            show_problems(self.errors, [])

    def focus_entry(self) -> None:
        self.text.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.text.selectAll()

    # -- entering ------------------------------------------------------------------------------

    def draft(self) -> LogActionDraft | list[FieldProblem]:
        """What the row holds, or every problem with it (each naming its field)."""
        description = " ".join(self.text.text().split())
        owner = self.owner.resolve(OWNER_FIELD)
        due = parse_due(self.due.text(), self.meeting_date)
        draft = LogActionDraft(
            description,
            owner if isinstance(owner, int) else 0,
            due if isinstance(due, dt.date) else self.meeting_date,
        )
        problems = validate_log_action(draft, raised_on=self.meeting_date)
        for found in (owner, due):
            if isinstance(found, FieldProblem):
                problems.append(found)
        order = {ACTION_FIELD: 0, OWNER_FIELD: 1, DUE_FIELD: 2}
        problems.sort(key=lambda p: order.get(p.field, 3))
        return problems or draft

    def submit(self) -> None:
        draft = self.draft()
        if isinstance(draft, list):
            self.show_problems(draft)
            return
        self.add_wanted.emit(draft)

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        show_problems(self.errors, problems)
        fields = {p.field for p in problems}
        for field, widget in (
            (ACTION_FIELD, self.text),
            (OWNER_FIELD, self.owner),
            (DUE_FIELD, self.due),
        ):
            if field in fields:
                widget.setFocus(Qt.FocusReason.OtherFocusReason)
                break

    def added(self) -> None:
        """The action is in the log: ready for the next one (the due date stays)."""
        self.text.clear()
        self.owner.reset()
        self._tidy_due()
        show_problems(self.errors, [])
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _tidy_due(self) -> None:
        due = parse_due(self.due.text(), self.meeting_date)
        if isinstance(due, dt.date):
            self.due.setText(format_due(due))
