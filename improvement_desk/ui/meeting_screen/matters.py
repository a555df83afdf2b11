"""Matters arising: the open actions of earlier meetings, taken one by one at the action log item.

For each the board hears the owner and then either notes it complete,
agrees to close it (closed at this meeting), or agrees a new date with a
reason (a revision approved at this meeting; the original date never
changes). In the list: C marks complete, L closes, D goes to the new date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.action_log import DueRevisionDraft, LogStatus, validate_due_revision
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.ui.meeting_screen.dates import DUE_HINT, format_due, parse_due
from improvement_desk.ui.meeting_screen.fields import (
    EntryLine,
    problem_label,
    section_title,
    show_problems,
)
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import good_text, warning_text

NEW_DUE_FIELD = "New due date"
REASON_FIELD = "Reason"


class MatCol(IntEnum):
    REFERENCE = 0
    RAISED = 1
    DESCRIPTION = 2
    OWNER = 3
    DUE = 4
    STATUS = 5


def due_text(a: LogActionSummary) -> str:
    """'30 Apr 2014', or '30 Apr 14 (was 20 Mar)' when the date has been revised."""
    if a.revised:
        return f"{a.current_due:%d %b %y} (was {a.original_due:%d %b})"
    return format_due(a.current_due)


def status_text(a: LogActionSummary) -> str:
    return "Overdue" if a.overdue else a.status.label


class MattersModel(RecordTableModel):
    columns = MatCol
    headers: ClassVar[dict[MatCol, str]] = {
        MatCol.REFERENCE: "Ref",
        MatCol.RAISED: "Raised",
        MatCol.DESCRIPTION: "Action",
        MatCol.OWNER: "Owner",
        MatCol.DUE: "Due",
        MatCol.STATUS: "Status",
    }
    header_tips: ClassVar[dict[MatCol, str]] = {
        MatCol.RAISED: "The meeting (and item) that agreed the action",
        MatCol.STATUS: "C complete · L closed by the board at this meeting · D new due date",
    }

    def set_actions(self, actions: Sequence[LogActionSummary]) -> None:
        new = list(actions)
        if [a.id for a in new] == [a.id for a in self._rows]:
            self._rows = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(MatCol) - 1))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def action(self, row: int) -> LogActionSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a: LogActionSummary = self._rows[index.row()]
        col = MatCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                MatCol.REFERENCE: a.reference,
                MatCol.RAISED: f"{a.meeting_date:%d %b %y}",
                MatCol.DESCRIPTION: a.description,
                MatCol.OWNER: a.owner_name,
                MatCol.DUE: due_text(a),
                MatCol.STATUS: status_text(a),
            }[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [f"{a.reference}: {a.description}", f"Owner: {a.owner_name}"]
            if a.item_title:
                lines.append(f"Raised under item {a.item_number}, {a.item_title}")
            if a.revised:
                lines.append(
                    f"Due {format_due(a.current_due)}, first agreed for "
                    f"{format_due(a.original_due)} ({a.days_slipped} days later)"
                )
            if a.latest_update:
                lines.append(f"Latest update {a.latest_update}")
            return plain_tooltip("\n".join(lines))
        if role == Qt.ItemDataRole.ForegroundRole:
            if a.overdue and col in (MatCol.DUE, MatCol.STATUS):
                return QBrush(warning_text())
            if not a.status.is_open and col is MatCol.STATUS:
                return QBrush(good_text())
        if role == Qt.ItemDataRole.FontRole and col is MatCol.STATUS and a.overdue:
            font = QFont()
            font.setBold(True)
            return font
        return None


class MattersPanel(QWidget):
    status_wanted = Signal(object, object)  # LogActionSummary, LogStatus
    redate_wanted = Signal(object, object)  # LogActionSummary, DueRevisionDraft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.meeting_id = 0
        self.meeting_date = dt.date(2000, 1, 1)  # until a meeting is shown
        self.model = MattersModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("matters_arising")
        self.table.setAccessibleName("Matters arising")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)  # the board reads each action out: all of it shows
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(MatCol.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        # The action is what the board reads out: the other columns stay narrow so it keeps
        # room for a line of words even when the window is at its usual 1300 px.
        for col, width in ((MatCol.REFERENCE, 40), (MatCol.RAISED, 68), (MatCol.OWNER, 108),
                           (MatCol.DUE, 122), (MatCol.STATUS, 86)):  # fmt: skip
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.table.installEventFilter(self)

        self.complete_button = QPushButton("Complete (C)", self)
        self.complete_button.setObjectName("mark_complete")
        self.complete_button.setToolTip("The owner reports the action done")
        self.close_button = QPushButton("Close at this meeting (L)", self)
        self.close_button.setObjectName("close_action")
        self.close_button.setToolTip("The board agrees the action is finished: closed today")
        self.new_due = EntryLine(self)
        self.new_due.setObjectName("new_due")
        self.new_due.setAccessibleName(NEW_DUE_FIELD)
        self.new_due.setPlaceholderText("New date (D)")
        self.new_due.setToolTip(f"The new due date agreed, {DUE_HINT}")
        self.new_due.setMaximumWidth(120)
        self.reason = EntryLine(self)
        self.reason.setObjectName("redate_reason")
        self.reason.setAccessibleName(REASON_FIELD)
        self.reason.setPlaceholderText("Reason, Enter to record")
        self.redate_button = QPushButton("Re-date", self)
        self.redate_button.setObjectName("redate")
        self.errors = problem_label("matters_problems")

        self.controls = QWidget(self)
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.complete_button)
        row.addWidget(self.close_button)
        row.addSpacing(12)
        row.addWidget(QLabel("New due:"))
        row.addWidget(self.new_due)
        row.addWidget(self.reason, 1)
        row.addWidget(self.redate_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = section_title("Matters arising", "matters_title")
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.controls)
        layout.addWidget(self.errors)

        self.complete_button.clicked.connect(lambda: self._status(LogStatus.COMPLETE))
        self.close_button.clicked.connect(lambda: self._status(LogStatus.CLOSED))
        self.new_due.submitted.connect(self.redate)
        self.reason.submitted.connect(self.redate)
        self.redate_button.clicked.connect(self.redate)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_enabled())

    def set_actions(
        self, actions: Sequence[LogActionSummary], meeting_id: int, meeting_date: dt.date
    ) -> None:
        self.meeting_id, self.meeting_date = meeting_id, meeting_date
        keep = self.current()
        self.model.set_actions(actions)
        overdue = sum(1 for a in actions if a.overdue)
        title = f"Matters arising ({len(actions)}"
        self.title.setText(title + (f", {overdue} overdue)" if overdue else ")"))
        if keep is not None:
            self.select(keep.id)
        if self.current() is None and actions:
            self.select(actions[0].id)  # C, L or D acts at once on the first
        self._update_enabled()

    def set_writable(self, writable: bool) -> None:
        self.controls.setVisible(writable)
        if not writable:
            show_problems(self.errors, [])

    def current(self) -> LogActionSummary | None:
        index = self.table.currentIndex()
        return self.model.action(index.row()) if index.isValid() else None

    def select(self, action_id: int) -> None:
        for row in range(self.model.rowCount()):
            found = self.model.action(row)
            if found is not None and found.id == action_id:
                self.table.setCurrentIndex(self.model.index(row, MatCol.DESCRIPTION))
                return

    def _update_enabled(self) -> None:
        action = self.current()
        self.complete_button.setEnabled(action is not None and action.status.is_open)
        closable = action is not None and action.status is not LogStatus.CLOSED
        self.close_button.setEnabled(closable)
        self.redate_button.setEnabled(action is not None and action.status.is_open)

    def _status(self, status: LogStatus) -> None:
        action = self.current()
        if action is None:
            show_problems(self.errors, [FieldProblem("Action", "choose one in the list first")])
            return
        show_problems(self.errors, [])
        self.status_wanted.emit(action, status)

    def redate(self) -> None:
        action = self.current()
        if action is None:
            self.show_problems([FieldProblem("Action", "choose one in the list first")])
            return
        due = parse_due(self.new_due.text(), self.meeting_date)
        if isinstance(due, FieldProblem):
            problems = [FieldProblem(NEW_DUE_FIELD, due.message)]
            due = action.current_due
        else:
            problems = []
        draft = DueRevisionDraft(due, " ".join(self.reason.text().split()), self.meeting_id)
        problems += validate_due_revision(draft, current_due=action.current_due)
        if problems:
            self.show_problems(problems)
            return
        self.redate_wanted.emit(action, draft)

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        show_problems(self.errors, problems)
        fields = {p.field for p in problems}
        if NEW_DUE_FIELD in fields:
            self.new_due.setFocus()
        elif REASON_FIELD in fields:
            self.reason.setFocus()

    def redated(self) -> None:
        self.new_due.clear()
        self.reason.clear()
        show_problems(self.errors, [])
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.controls.isVisibleTo(self)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            key = event.key()
            if key == Qt.Key.Key_C:
                self._status(LogStatus.COMPLETE)
                return True
            if key == Qt.Key.Key_L:
                self._status(LogStatus.CLOSED)
                return True
            if key == Qt.Key.Key_D:
                self.new_due.setFocus(Qt.FocusReason.ShortcutFocusReason)
                return True
        return super().eventFilter(watched, event)
