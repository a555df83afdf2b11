"""Board members…: who sits on the board, in the order the minutes list them, and the quorum.

The dialog only shows and asks: each button emits a request that
`MembersEditor` turns into a service call and an undo command, and the
editor then hands the dialog the fresh list. Changes are made at once (the
Close button closes, it does not save), so Edit ▸ Undo works while the
dialog is open.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QBrush, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.meeting import MemberKind, quorum_problem
from improvement_desk.services.meeting_records import MeetingSettingsRecord, MemberRecord
from improvement_desk.ui.forms import describe, plain_label
from improvement_desk.ui.meetings.columns import ID_ROLE, RECORD_ROLE
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.theme import error_text_css, label_colour, muted_text
from improvement_desk.ui.widgets import named


class MemberCol(IntEnum):
    NAME = 0
    JOB_ROLE = 1
    ORGANISATION = 2
    KIND = 3
    BOARD_ROLE = 4
    ACTIVE = 5


MEMBER_HEADERS = {
    MemberCol.NAME: "Name",
    MemberCol.JOB_ROLE: "Job role",
    MemberCol.ORGANISATION: "Organisation",
    MemberCol.KIND: "Kind",
    MemberCol.BOARD_ROLE: "Board role",
    MemberCol.ACTIVE: "Active",
}


class MemberTableModel(RecordTableModel):
    columns = MemberCol
    headers = MEMBER_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MemberRecord] = []

    def set_members(self, members: Sequence[MemberRecord]) -> None:
        self.beginResetModel()
        self._rows = list(members)
        self.endResetModel()

    def record(self, row: int) -> MemberRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[MemberRecord]:
        return list(self._rows)

    def row_of(self, person_id: int) -> int | None:
        return next((i for i, m in enumerate(self._rows) if m.person_id == person_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        col = MemberCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return {
                MemberCol.NAME: m.name,
                MemberCol.JOB_ROLE: m.job_role,
                MemberCol.ORGANISATION: m.organisation,
                MemberCol.KIND: m.kind.label,
                MemberCol.BOARD_ROLE: m.board_role,
                MemberCol.ACTIVE: "Yes" if m.active else "No (former)",
            }[col]
        if role == ID_ROLE:
            return m.person_id
        if role == RECORD_ROLE:
            return m
        if role == Qt.ItemDataRole.ForegroundRole and not m.active:
            return QBrush(muted_text())
        return None


class MemberFilterProxy(QSortFilterProxyModel):
    """Hides former members unless asked; never sorts (the order is the minutes' order)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.show_former = True

    def set_show_former(self, show: bool) -> None:
        self.beginFilterChange()
        self.show_former = show
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if self.show_former or not isinstance(model, MemberTableModel):
            return True
        record = model.record(source_row)
        return record is not None and record.active


class BoardMembersDialog(QDialog):
    add_existing_requested = Signal()
    add_new_requested = Signal()
    edit_requested = Signal(object)  # MemberRecord
    remove_requested = Signal(object)  # MemberRecord
    move_requested = Signal(object, int)  # MemberRecord, new index in the whole list
    quorum_requested = Signal(int)

    def __init__(self, parent: QWidget | None, *, read_only: bool) -> None:
        super().__init__(parent)
        self.setWindowTitle("Board members")
        self.setMinimumSize(1040, 520)
        self.read_only = read_only
        self._settings: MeetingSettingsRecord | None = None
        self.model = MemberTableModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = named(QTableView(), "members", "Board members")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in zip(MemberCol, (160, 190, 130, 150, 150, 90), strict=True):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.show_former = QCheckBox("Show &former members")
        self.show_former.setChecked(True)

        self.add_existing = QPushButton("Add from &list…")
        self.add_new = QPushButton("Add &new person…")
        self.edit = QPushButton("&Edit…")
        self.remove = QPushButton("&Remove")
        self.up = QPushButton("Move &up")
        self.down = QPushButton("Move do&wn")
        buttons = QVBoxLayout()
        for button, name in (
            (self.add_existing, "add_existing"), (self.add_new, "add_new"), (self.edit, "edit"),
            (self.remove, "remove"), (self.up, "move_up"), (self.down, "move_down"),
        ):  # fmt: skip
            button.setObjectName(name)
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.quorum = named(QSpinBox(), "quorum", "Quorum")
        self.quorum.setRange(0, 99)
        self.quorum_label = QLabel("&Quorum:")
        self.quorum_label.setBuddy(self.quorum)
        self.quorum_note = plain_label()
        self.quorum_note.setObjectName("quorum_note")
        self.set_quorum = named(QPushButton("Set &quorum"), "set_quorum")
        self.quorum_error = plain_label()
        self.quorum_error.setObjectName("quorum_error")
        self.quorum_error.setAccessibleName("Quorum error")
        self.quorum_error.setStyleSheet(label_colour(error_text_css()))
        self.quorum_error.hide()
        quorum_row = QHBoxLayout()
        for widget in (self.quorum_label, self.quorum, self.quorum_note, self.set_quorum):
            quorum_row.addWidget(widget)
        quorum_row.addStretch(1)

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(self.table, 1)
        top.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.show_former)
        layout.addLayout(quorum_row)
        layout.addWidget(self.quorum_error)
        layout.addWidget(close)

        self.add_existing.clicked.connect(self.add_existing_requested)
        self.add_new.clicked.connect(self.add_new_requested)
        self.edit.clicked.connect(lambda: self._emit(self.edit_requested))
        self.table.doubleClicked.connect(lambda *_: self.edit.click())
        self.remove.clicked.connect(lambda: self._emit(self.remove_requested))
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(+1))
        for keys, step in (("Ctrl+Shift+Up", -1), ("Ctrl+Shift+Down", +1)):
            QShortcut(QKeySequence(keys), self.table, lambda s=step: self._move(s))
        self.set_quorum.clicked.connect(lambda: self.quorum_requested.emit(self.quorum.value()))
        self.quorum.valueChanged.connect(lambda *_: self._check_quorum())
        self.show_former.toggled.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_enabled())
        self._update_enabled()

    # -- data ----------------------------------------------------------------------------------

    def set_data(
        self,
        members: Sequence[MemberRecord],
        settings: MeetingSettingsRecord,
        select_person: int | None = None,
    ) -> None:
        keep = select_person if select_person is not None else self._current_person()
        self.model.set_members(members)
        quorum_changed = self._settings is None or self._settings.quorum != settings.quorum
        self._settings = settings
        if quorum_changed:
            self.quorum.setValue(settings.quorum)
        if keep is not None:
            self.select_person(keep)
        self._check_quorum()
        self._update_enabled()

    def voting_count(self) -> int:
        return sum(1 for m in self.model.records() if m.active and m.kind is MemberKind.VOTING)

    def current(self) -> MemberRecord | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        record = index.data(RECORD_ROLE)
        return record if isinstance(record, MemberRecord) else None

    def _current_person(self) -> int | None:
        member = self.current()
        return member.person_id if member else None

    def select_person(self, person_id: int) -> bool:
        row = self.model.row_of(person_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    # -- requests ------------------------------------------------------------------------------

    def _emit(self, signal: Any) -> None:
        if (member := self.current()) is not None and not self.read_only:
            signal.emit(member)

    def _move(self, step: int) -> None:
        member = self.current()
        if member is None or self.read_only:
            return
        everyone = self.model.records()
        row = next(i for i, m in enumerate(everyone) if m.person_id == member.person_id)
        if 0 <= row + step < len(everyone):
            self.move_requested.emit(member, row + step)

    def _filter(self, show: bool) -> None:
        self.proxy.set_show_former(show)
        self._update_enabled()

    def _check_quorum(self) -> None:
        voting = self.voting_count()
        self.quorum_note.setText(
            f"of {voting} voting member{'s' if voting != 1 else ''} "
            "(advisers and officers do not count)"
        )
        problem = quorum_problem(self.quorum.value(), voting)
        text = describe(problem) if problem else ""
        self.quorum_error.setText(text)
        self.quorum_error.setVisible(bool(text))
        self.quorum.setAccessibleDescription(text)
        unchanged = self._settings is not None and self._settings.quorum == self.quorum.value()
        self.set_quorum.setEnabled(not self.read_only and problem is None and not unchanged)
        self.set_quorum.setToolTip(f"Not yet: {text}" if text else "")

    def _update_enabled(self) -> None:
        writable = not self.read_only
        member = self.current()
        everyone = self.model.records()
        row = next(
            (i for i, m in enumerate(everyone) if member and m.person_id == member.person_id), -1
        )
        self.add_existing.setEnabled(writable)
        self.add_new.setEnabled(writable)
        for button in (self.edit, self.remove):
            button.setEnabled(writable and member is not None)
        self.up.setEnabled(writable and row > 0)
        self.down.setEnabled(writable and 0 <= row < len(everyone) - 1)
        self.quorum.setEnabled(writable)
        tip = "This board is open read-only; changes cannot be saved." if self.read_only else ""
        for button in (self.add_existing, self.add_new, self.edit, self.remove, self.up,
                       self.down, self.set_quorum):  # fmt: skip
            if self.read_only:
                button.setToolTip(tip)

    def index_of(self, member: MemberRecord) -> int:
        return next(
            (i for i, m in enumerate(self.model.records()) if m.person_id == member.person_id), -1
        )
