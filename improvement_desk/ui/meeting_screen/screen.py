"""At the meeting: one screen for recording a meeting as it happens, built for typing fast.

The agenda runs down the left, the item under discussion fills the middle
(its minute, decisions, declarations, actions arising, and at the action log
item the matters arising), attendance and the quorum sit on the right. Every
change goes through `ScreenEditor` (a service call and an undo command); the
screen then reads the meeting again and shows it, keeping the item, the
attendance line and anything half-typed where they were.

Keys: Ctrl+PgDown / Ctrl+PgUp next and previous item, Alt+1…9 an item by
number, Ctrl+S save the minute, Ctrl+D a decision, Ctrl+Shift+A an action
arising, Ctrl+Shift+T attendance, Ctrl+M the minute, Ctrl+P print, Esc back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import QVBoxLayout, QWidget

from improvement_desk.domain.action_log import DueRevisionDraft, LogActionDraft, LogStatus
from improvement_desk.domain.errors import DeskError, NotFound
from improvement_desk.domain.meeting import AttendanceStatus
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    DecisionRecord,
    DeclarationRecord,
    MeetingRecord,
)
from improvement_desk.ui.meeting_screen.attendance import attendance_summary, voting_present
from improvement_desk.ui.meeting_screen.editor import Refused, ScreenEditor
from improvement_desk.ui.meeting_screen.layout import ScreenLayout, matters_item
from improvement_desk.ui.meeting_screen.printing import MinutesPrinter
from improvement_desk.ui.messages import Messenger

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


class MeetingScreen(QWidget):
    back_requested = Signal()

    def __init__(
        self, desk: Desk, undo_stack: QUndoStack, messenger: Messenger, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_screen")
        self.desk = desk
        self.undo_stack = undo_stack
        self.messenger = messenger
        self.meeting_id: int | None = None
        self.record: MeetingRecord | None = None
        self.current_item_id: int | None = None
        self._busy = False  # reading or saving: a focus change now must not save again
        self.editor = ScreenEditor(self, desk, undo_stack, messenger, self.reload)
        self.printer = MinutesPrinter(self, desk, messenger)
        self.ui = ScreenLayout(self)
        self.ui.build()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 8)
        layout.addWidget(self.ui.header)
        layout.addWidget(self.ui.body, 1)
        self.setFocusProxy(self.ui.minute)  # focusing the screen puts the cursor in the minute
        self._build_actions()
        self._connect()

    # -- commands and keys ---------------------------------------------------------------------

    def _act(self, text: str, slot: Any, *keys: str) -> QAction:
        act = QAction(text, self)
        act.setShortcuts([QKeySequence(k) for k in keys])
        act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        act.triggered.connect(lambda *_: slot())
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        self.act_back = self._act("Back to the meetings", self.go_back, "Esc")
        self.act_next = self._act("Next item", lambda: self.step(1), "Ctrl+PgDown")
        self.act_previous = self._act("Previous item", lambda: self.step(-1), "Ctrl+PgUp")
        self.act_jumps = [
            self._act(f"Go to item {n}", lambda n=n: self.go_to_number(n), f"Alt+{n}")
            for n in range(1, 10)
        ]
        self.act_save = self._act("Save the minute", self.save_minute, "Ctrl+S")
        self.act_decision = self._act("Add a decision", self.ui.decisions.start, "Ctrl+D")
        self.act_action = self._act(
            "New action arising", self.ui.actions.focus_entry, "Ctrl+Shift+A"
        )
        self.act_attendance = self._act("Attendance", self._focus_attendance, "Ctrl+Shift+T")
        self.act_minute = self._act("Minute", self._focus_minute, "Ctrl+M")
        self.act_print = self._act("Print minutes…", self.print_minutes, "Ctrl+P")

    def menu_actions(self) -> list[QAction | None]:
        return [self.act_save, self.act_decision, self.act_action, None, self.act_next,
                self.act_previous, None, self.act_print, None, self.act_back]  # fmt: skip

    def _connect(self) -> None:
        ui = self.ui
        ui.header.back_button.clicked.connect(self.go_back)
        ui.header.print_button.clicked.connect(self.print_minutes)
        ui.items_view.selectionModel().currentRowChanged.connect(
            lambda current, _: self._item_chosen(current.row())
        )
        ui.minute.save_due.connect(self._minute_save_due)
        ui.minute.textChanged.connect(self._show_minute_state)
        ui.attendance_view.status_chosen.connect(self._attendance_chosen)
        ui.attendance_model.substitute_entered.connect(
            self._substitute_entered, Qt.ConnectionType.QueuedConnection
        )
        ui.decisions.add_wanted.connect(self._add_decision)
        ui.decisions.edit_wanted.connect(self._edit_decision)
        ui.decisions.remove_wanted.connect(self._remove_decision)
        ui.declarations.declare_wanted.connect(self._declare)
        ui.declarations.remove_wanted.connect(self._remove_declaration)
        ui.actions.add_wanted.connect(self._add_action)
        ui.matters.status_wanted.connect(self._set_status)
        ui.matters.redate_wanted.connect(self._redate)

    # -- showing a meeting ---------------------------------------------------------------------

    def show_meeting(self, meeting_id: int) -> None:
        if meeting_id != self.meeting_id:
            self._flush_minute()
            self.meeting_id = meeting_id
            self.current_item_id = None
            self.ui.clear_entries()
        self.reload()
        self.ui.minute.setFocus(Qt.FocusReason.OtherFocusReason)

    @property
    def writable(self) -> bool:
        return self.record is not None and not self.record.locked and not self.desk.read_only

    def current_item(self) -> AgendaItemRecord | None:
        if self.record is None:
            return None
        return next((i for i in self.record.items if i.id == self.current_item_id), None)

    def reload(self) -> None:
        if self.meeting_id is None:
            return
        try:
            record = self.desk.meeting_reader.meeting(self.meeting_id)
            people = [(p.id, p.name) for p in self.desk.people.list()]
        except NotFound as exc:
            self.messenger.problem(self, "The meeting is gone", exc)
            self.back_requested.emit()
            return
        except DeskError as exc:
            self.messenger.problem(self, "Could not read the meeting", exc)
            return
        was, self._busy = self._busy, True
        try:
            self._show(record, people)
        finally:
            self._busy = was

    def _show(self, record: MeetingRecord, people: list[tuple[int, str]]) -> None:
        ui = self.ui
        self.record = record
        writable = self.writable
        ui.header.show_meeting(record, self.desk.read_only)
        ui.items_model.set_items(record.items)
        ui.attendance_model.editable = writable
        ui.attendance_model.set_lines(record.attendance)
        ui.attendance_view.writable = writable
        ui.header.show_quorum(voting_present(record.attendance), record.quorum)
        ui.attendance_summary.setText(
            attendance_summary(record.attendance)
            or (
                "No attendance was recorded."
                if record.locked
                else "Nobody is on the board yet: add its members on the Meetings page."
            )
        )
        ui.actions.set_people(people)
        ui.declarations.set_people([(a.person_id, a.name) for a in record.attendance])
        ui.set_writable(writable)
        if self.current_item() is None:
            self.current_item_id = record.items[0].id if record.items else None
        row = ui.items_model.row_of(self.current_item_id) if self.current_item_id else None
        if row is not None and ui.items_view.currentIndex().row() != row:
            ui.items_view.selectionModel().setCurrentIndex(
                ui.items_model.index(row, 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )
        self._show_item()

    def _show_item(self) -> None:
        record, item = self.record, self.current_item()
        if record is None:
            return
        ui = self.ui
        ui.show_item_heading(item)
        ui.minute.show_item(item)
        ui.decisions.set_decisions(item.decisions if item else ())
        ui.declarations.show_for(item, record.items, record.declarations)
        ui.actions.set_actions(item.actions if item else (), record.summary.meeting_date)
        with_matters = item is not None and matters_item(record) == item.id
        ui.show_matters(with_matters)
        ui.matters.set_actions(record.matters_arising, record.id, record.summary.meeting_date)
        self._show_minute_state()

    def _show_minute_state(self) -> None:
        self.ui.show_minute_state(self.ui.minute.is_dirty(), self.writable)

    # -- moving between items ------------------------------------------------------------------

    def _item_chosen(self, row: int) -> None:
        item = self.ui.items_model.item(row)
        if item is None or item.id == self.current_item_id:
            return
        saved = self._flush_minute()
        self.current_item_id = item.id
        if saved:
            self.reload()
        else:
            self._show_item()

    def step(self, by: int) -> None:
        count = self.ui.items_model.rowCount()
        if not count:
            return
        row = self.ui.items_view.currentIndex().row()
        self.go_to_row(min(max(row + by, 0), count - 1))

    def go_to_number(self, number: int) -> None:
        self.go_to_row(number - 1)

    def go_to_row(self, row: int) -> None:
        if 0 <= row < self.ui.items_model.rowCount():
            self.ui.items_view.selectionModel().setCurrentIndex(
                self.ui.items_model.index(row, 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows,
            )

    def go_back(self) -> None:
        self._flush_minute()
        self.back_requested.emit()

    def _focus_attendance(self) -> None:
        view = self.ui.attendance_view
        view.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if not view.currentIndex().isValid():
            view.select_row(0)

    def _focus_minute(self) -> None:
        self.ui.minute.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def hideEvent(self, event: QHideEvent) -> None:
        self._flush_minute()
        super().hideEvent(event)

    # -- the minute ----------------------------------------------------------------------------

    def save_minute(self) -> None:
        if self._flush_minute():
            self.reload()

    def _minute_save_due(self) -> None:
        if self._busy:
            QTimer.singleShot(0, self._minute_save_due)
            return
        self.save_minute()

    def _flush_minute(self) -> bool:
        """Saves what is typed in the minute, if anything; True when a save was made."""
        minute = self.ui.minute
        pending = minute.pending()
        if pending is None or not self.writable or self._busy:
            return False
        self._busy = True
        try:
            after = self.editor.write_minute(
                pending.item, pending.stored, pending.text, pending.version
            )
        except Refused:
            minute.hold()
            return False
        finally:
            self._busy = False  # a failed save has reloaded the screen (keeping the text)
        minute.saved(pending, after.minute, after.version)
        self._show_minute_state()
        return True

    # -- attendance ----------------------------------------------------------------------------

    def _attendance_chosen(self, person_id: int, status: object, advance: bool) -> None:
        model = self.ui.attendance_model
        row = model.row_of(person_id)
        line = model.line(row) if row is not None else None
        if self.meeting_id is None or line is None or row is None or not self.writable:
            return
        wanted = status if isinstance(status, AttendanceStatus) else None
        try:
            self.editor.record_attendance(self.meeting_id, line, wanted, line.substitute)
        except Refused:
            return
        if advance:
            self.ui.attendance_view.select_row(row + 1)

    def _substitute_entered(self, person_id: int, text: str) -> None:
        row = self.ui.attendance_model.row_of(person_id)
        line = self.ui.attendance_model.line(row) if row is not None else None
        if self.meeting_id is None or line is None or not self.writable:
            return
        try:
            self.editor.record_attendance(self.meeting_id, line, line.status, text)
        except Refused:
            return

    # -- decisions and declarations ------------------------------------------------------------

    def _add_decision(self, text: str) -> None:
        if (item := self.current_item()) is not None:
            self._entry(lambda: self.editor.add_decision(item, text), self.ui.decisions)

    def _edit_decision(self, decision: DecisionRecord, text: str) -> None:
        if (item := self.current_item()) is not None:
            self._entry(lambda: self.editor.edit_decision(item, decision, text), self.ui.decisions)

    def _remove_decision(self, decision: DecisionRecord) -> None:
        if (item := self.current_item()) is not None and self.writable:
            self._quietly(lambda: self.editor.remove_decision(item, decision))

    def _declare(self, person_id: int, item_id: object, nature: str) -> None:
        if self.meeting_id is None:
            return
        about = item_id if isinstance(item_id, int) else None
        meeting_id = self.meeting_id
        self._entry(
            lambda: self.editor.declare(meeting_id, person_id, about, nature),
            self.ui.declarations,
        )

    def _remove_declaration(self, declaration: DeclarationRecord) -> None:
        if self.meeting_id is not None and self.writable:
            meeting_id = self.meeting_id
            self._quietly(lambda: self.editor.remove_declaration(meeting_id, declaration))

    # -- the action log ------------------------------------------------------------------------

    def _add_action(self, draft: LogActionDraft) -> None:
        item = self.current_item()
        if self.meeting_id is None or item is None:
            return
        meeting_id = self.meeting_id
        self._entry(
            lambda: self.editor.add_action(meeting_id, item.id, draft),
            self.ui.actions,
            done=self.ui.actions.added,
        )

    def _set_status(self, action: LogActionSummary, status: object) -> None:
        if self.meeting_id is not None and isinstance(status, LogStatus) and self.writable:
            meeting_id = self.meeting_id
            self._quietly(lambda: self.editor.set_status(meeting_id, action, status))
            self.ui.matters.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def _redate(self, action: LogActionSummary, draft: DueRevisionDraft) -> None:
        self._entry(
            lambda: self.editor.revise_due(action, draft),
            self.ui.matters,
            done=self.ui.matters.redated,
        )

    # -- plumbing ------------------------------------------------------------------------------

    def _entry(self, work: Any, panel: Any, done: Any = None) -> None:
        """An entry row's save: its problems shown beside it, or the row made ready again."""
        if not self.writable:
            return
        try:
            work()
        except Refused as refused:
            if refused.problems:
                panel.show_problems(refused.problems)
            return
        (done or panel.saved)()

    def _quietly(self, work: Any) -> None:
        try:
            work()
        except Refused:
            return

    def print_minutes(self) -> None:
        if self.record is None:
            return
        self._flush_minute()
        self.printer.print_minutes(self.record.summary)
