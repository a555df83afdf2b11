"""Who is here: the attendance list, marked from the keyboard, and the live quorum.

Taking attendance is a run down the list while people sit down: P (or 1)
present, A (2) apologies, X (3) absent, each moving to the next line; Space
cycles the line's mark without moving; Delete clears it; Enter types the
substitute of someone who sent apologies. The quorum counts voting members
present, the board's own rule (`domain.meeting.is_quorate`).
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from improvement_desk.domain.meeting import AttendanceStatus, MemberKind, is_quorate
from improvement_desk.services.meeting_records import AttendanceRecord
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip

PERSON_ID_ROLE = Qt.ItemDataRole.UserRole + 1

_KEYS: dict[int, AttendanceStatus] = {
    Qt.Key.Key_P: AttendanceStatus.PRESENT,
    Qt.Key.Key_1: AttendanceStatus.PRESENT,
    Qt.Key.Key_A: AttendanceStatus.APOLOGIES,
    Qt.Key.Key_2: AttendanceStatus.APOLOGIES,
    Qt.Key.Key_X: AttendanceStatus.ABSENT,
    Qt.Key.Key_3: AttendanceStatus.ABSENT,
}
_CYCLE = {
    None: AttendanceStatus.PRESENT,
    AttendanceStatus.PRESENT: AttendanceStatus.APOLOGIES,
    AttendanceStatus.APOLOGIES: AttendanceStatus.ABSENT,
    AttendanceStatus.ABSENT: AttendanceStatus.PRESENT,
}
_STATUS_COLOURS = {
    AttendanceStatus.PRESENT: "#1B5E20",
    AttendanceStatus.APOLOGIES: "#8A5300",
    AttendanceStatus.ABSENT: "#B3261E",
}
_KIND_SHORT = {
    MemberKind.VOTING: "Voting",
    MemberKind.ADVISER: "Adviser",
    MemberKind.OFFICER: "Officer",
}


class AttCol(IntEnum):
    NAME = 0
    KIND = 1
    STATUS = 2
    SUBSTITUTE = 3


def voting_present(lines: Sequence[AttendanceRecord]) -> int:
    return sum(
        1 for a in lines if a.kind is MemberKind.VOTING and a.status is AttendanceStatus.PRESENT
    )


def attendance_summary(lines: Sequence[AttendanceRecord]) -> str:
    """'5 present · apologies from 1 · 2 not yet marked': how far the register has got."""
    counts = dict.fromkeys(AttendanceStatus, 0)
    unmarked = 0
    for line in lines:
        if line.status is None:
            unmarked += 1
        else:
            counts[line.status] += 1
    words = {
        AttendanceStatus.PRESENT: "{} present",
        AttendanceStatus.APOLOGIES: "apologies from {}",
        AttendanceStatus.ABSENT: "{} absent",
    }
    parts = [words[status].format(n) for status, n in counts.items() if n]
    if unmarked:
        parts.append(f"{unmarked} not yet marked")
    return " · ".join(parts)


def quorum_text(present: int, quorum: int) -> str:
    """'Quorate: 5 voting members present (quorum 4)' or 'NOT QUORATE: …'."""
    members = "voting member" if present == 1 else "voting members"
    state = "Quorate" if is_quorate(present, quorum) else "NOT QUORATE"
    return f"{state}: {present} {members} present (quorum {quorum})"


class AttendanceModel(RecordTableModel):
    columns = AttCol
    headers: ClassVar[dict[AttCol, str]] = {
        AttCol.NAME: "Name",
        AttCol.KIND: "Seat",
        AttCol.STATUS: "Status",
        AttCol.SUBSTITUTE: "Substitute",
    }
    header_tips: ClassVar[dict[AttCol, str]] = {
        AttCol.KIND: "Voting members count towards the quorum; advisers and officers do not",
        AttCol.STATUS: "P present · A apologies · X absent · Space cycles · Delete clears",
        AttCol.SUBSTITUTE: "Who came in place of a member who sent apologies (Enter to type)",
    }
    # The substitute typed into the table: (person id, text); the screen records it.
    substitute_entered = Signal(int, str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.editable = True

    def set_lines(self, lines: Sequence[AttendanceRecord]) -> None:
        """Same people in the same order: changed in place, so the cursor stays put."""
        new = list(lines)
        if [a.person_id for a in new] == [a.person_id for a in self._rows]:
            self._rows = new
            if new:
                last = self.index(len(new) - 1, len(AttCol) - 1)
                self.dataChanged.emit(self.index(0, 0), last)
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def line(self, row: int) -> AttendanceRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def lines(self) -> list[AttendanceRecord]:
        return list(self._rows)

    def row_of(self, person_id: int) -> int | None:
        return next((n for n, a in enumerate(self._rows) if a.person_id == person_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        line: AttendanceRecord = self._rows[index.row()]
        col = AttCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(line, col, role == Qt.ItemDataRole.EditRole)
        if role == PERSON_ID_ROLE:
            return line.person_id
        if role == Qt.ItemDataRole.ToolTipRole:
            seat = ", ".join(p for p in (line.board_role, line.organisation) if p)
            lines = [f"{line.name} — {line.kind.label}", seat]
            if line.substitute:
                lines.append(f"Substitute: {line.substitute}")
            return plain_tooltip("\n".join(p for p in lines if p))
        if role == Qt.ItemDataRole.ForegroundRole and col is AttCol.STATUS and line.status:
            return QBrush(QColor(_STATUS_COLOURS[line.status]))
        if role == Qt.ItemDataRole.FontRole and col is AttCol.STATUS and line.status:
            font = QFont()
            font.setBold(True)
            return font
        return None

    @staticmethod
    def _text(line: AttendanceRecord, col: AttCol, editing: bool) -> str:
        if col is AttCol.NAME:
            return line.name
        if col is AttCol.KIND:
            return _KIND_SHORT[line.kind]
        if col is AttCol.STATUS:
            return line.status.label if line.status else ("" if editing else "—")
        return line.substitute

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        line = self.line(index.row()) if index.isValid() else None
        if (
            self.editable
            and line is not None
            and index.column() == AttCol.SUBSTITUTE
            and line.status is AttendanceStatus.APOLOGIES
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        line = self._rows[index.row()]
        text = " ".join(str(value or "").split())
        if text != line.substitute:
            self.substitute_entered.emit(line.person_id, text)
        return True


class AttendanceView(QTableView):
    """The list, driven from the keyboard; it asks, the screen records."""

    # (person id, status or None to clear, move to the next line afterwards)
    status_chosen = Signal(int, object, bool)

    def __init__(self, model: AttendanceModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendance")
        self.setAccessibleName("Attendance")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(26)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(AttCol.NAME, QHeaderView.ResizeMode.Stretch)
        for col, width in ((AttCol.KIND, 60), (AttCol.STATUS, 84), (AttCol.SUBSTITUTE, 110)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, width)
        self.writable = True

    def attendance_model(self) -> AttendanceModel:
        model = self.model()
        assert isinstance(model, AttendanceModel)
        return model

    def current_line(self) -> AttendanceRecord | None:
        index = self.currentIndex()
        return self.attendance_model().line(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        model = self.attendance_model()
        if 0 <= row < model.rowCount():
            self.setCurrentIndex(model.index(row, AttCol.STATUS))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        line = self.current_line()
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if line is None or not plain or self.state() == QAbstractItemView.State.EditingState:
            super().keyPressEvent(event)
            return
        if key in _KEYS:
            if self.writable:
                self.status_chosen.emit(line.person_id, _KEYS[key], True)
            event.accept()
        elif key == Qt.Key.Key_Space:
            if self.writable:
                self.status_chosen.emit(line.person_id, _CYCLE[line.status], False)
            event.accept()
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self.writable:
                self.status_chosen.emit(line.person_id, None, False)
            event.accept()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            index = self.attendance_model().index(self.currentIndex().row(), AttCol.SUBSTITUTE)
            if self.attendance_model().flags(index) & Qt.ItemFlag.ItemIsEditable:
                self.setCurrentIndex(index)
                self.edit(index)
            event.accept()
        else:
            super().keyPressEvent(event)

    def edit_substitute_of(self, person_id: int) -> None:
        row = self.attendance_model().row_of(person_id)
        if row is None:
            return
        index = self.attendance_model().index(row, AttCol.SUBSTITUTE)
        self.setCurrentIndex(index)
        self.edit(index)
