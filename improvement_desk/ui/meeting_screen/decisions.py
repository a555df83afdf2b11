"""The decisions on the item: "RESOLVED: that …", added and corrected from the keyboard.

Ctrl+D puts the cursor after "RESOLVED: that " in the entry line, Enter saves
and hands the keyboard back to where it was (usually the minute), Esc
forgets the line. In the list, Enter or F2 brings a decision back into the
line to correct it, Delete removes it; both can be undone.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.services.meeting_records import DecisionRecord
from improvement_desk.ui.meeting_screen.fields import (
    EntryLine,
    problem_label,
    section_title,
    show_problems,
)
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip

PREFIX = "RESOLVED: that "
DECISION_FIELD = "Decision"


class DecCol(IntEnum):
    NUMBER = 0
    TEXT = 1


class DecisionsModel(RecordTableModel):
    columns = DecCol
    headers: ClassVar[dict[DecCol, str]] = {DecCol.NUMBER: "", DecCol.TEXT: "Decision"}

    def set_decisions(self, decisions: Sequence[DecisionRecord]) -> None:
        self.beginResetModel()
        self._rows = list(decisions)
        self.endResetModel()

    def decision(self, row: int) -> DecisionRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        decision: DecisionRecord = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}." if index.column() == DecCol.NUMBER else decision.text
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == DecCol.TEXT:
            return plain_tooltip(decision.text)
        return None


def is_bare_prefix(text: str) -> bool:
    """Only the prefix (or nothing): no decision has been typed yet."""
    return text.strip().rstrip(":").strip().casefold() in {
        "",
        "resolved",
        PREFIX.strip().casefold(),
    }


class DecisionsPanel(QWidget):
    add_wanted = Signal(str)  # text
    edit_wanted = Signal(object, str)  # DecisionRecord, text
    remove_wanted = Signal(object)  # DecisionRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DecisionsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("decisions")
        self.table.setAccessibleName("Decisions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            DecCol.NUMBER, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.installEventFilter(self)

        self.line = EntryLine(self)
        self.line.setObjectName("decision_line")
        self.line.setAccessibleName(DECISION_FIELD)
        self.line.setPlaceholderText("Ctrl+D: new decision (RESOLVED: that …)")
        self.add_button = QPushButton("Add decision", self)
        self.add_button.setObjectName("add_decision")
        self.add_button.setToolTip("Add the decision typed on the left (Enter); Ctrl+D starts one")
        self.errors = problem_label("decision_problems")

        self.editing: DecisionRecord | None = None  # a decision brought back to correct
        self._return_to: QWidget | None = None

        entry = QHBoxLayout()
        entry.setContentsMargins(0, 0, 0, 0)
        entry.addWidget(self.line, 1)
        entry.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = section_title("Decisions", "decisions_title")
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addWidget(self.errors)

        self.line.installEventFilter(self)
        self.line.submitted.connect(self.submit)
        self.line.cancelled.connect(self._cancelled)
        self.line.textEdited.connect(lambda *_: show_problems(self.errors, []))
        self.add_button.clicked.connect(self.submit)

    # -- showing -------------------------------------------------------------------------------

    def set_decisions(self, decisions: Sequence[DecisionRecord]) -> None:
        self.model.set_decisions(decisions)
        self.title.setText(f"Decisions ({len(decisions)})" if decisions else "Decisions")
        if self.editing is not None and self.editing.id not in {d.id for d in decisions}:
            self.editing = None
            self.line.clear()

    def set_writable(self, writable: bool) -> None:
        self.line.setReadOnly(not writable)
        self.line.setVisible(writable)
        self.add_button.setVisible(writable)
        if not writable:
            show_problems(self.errors, [])

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        show_problems(self.errors, problems)
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- entering ------------------------------------------------------------------------------

    def start(self) -> None:
        """Ctrl+D: the cursor after "RESOLVED: that ", ready to type."""
        if self.line.isReadOnly():
            return
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.line:
            self._return_to = focus
        if not self.line.text():
            self.editing = None
            self.line.setText(PREFIX)
        self.line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.line.deselect()
        self.line.end(False)

    def edit_current(self) -> None:
        decision = self.model.decision(self.table.currentIndex().row())
        if decision is None or self.line.isReadOnly():
            return
        self._return_to = self.table
        self.editing = decision
        self.line.setText(decision.text)
        self.line.setFocus(Qt.FocusReason.OtherFocusReason)
        self.line.end(False)

    def submit(self) -> None:
        text = self.line.text().strip()
        if is_bare_prefix(text):
            self.show_problems([FieldProblem(DECISION_FIELD, "is required")])
            return
        if self.editing is not None:
            self.edit_wanted.emit(self.editing, text)
        else:
            self.add_wanted.emit(text)

    def saved(self) -> None:
        """The screen saved the line: clear it and give the keyboard back."""
        self.editing = None
        self.line.clear()
        show_problems(self.errors, [])
        self._give_back()

    def _cancelled(self) -> None:
        self.editing = None
        show_problems(self.errors, [])
        self._give_back()

    def _give_back(self) -> None:
        target, self._return_to = self._return_to, None
        if target is not None and target.isVisible() and target.isEnabled():
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if watched is self.line and event.type() == QEvent.Type.FocusOut:
            if self.editing is None and is_bare_prefix(self.line.text()):
                self.line.clear()  # Ctrl+D and then elsewhere: nothing was meant
            return False
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
        ):
            key = event.key()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2):
                self.edit_current()
                return True
            if key == Qt.Key.Key_Delete and not self.line.isReadOnly():
                decision = self.model.decision(self.table.currentIndex().row())
                if decision is not None:
                    self.remove_wanted.emit(decision)
                return True
        return super().eventFilter(watched, event)
