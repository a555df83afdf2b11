"""Turns what the clerk types at the meeting into service calls and undo commands.

One method per user-level change. Each calls the service once; on success it
pushes the matching command (already applied, so its first redo does
nothing) and reloads the screen. Problems with what was typed come back as
`FieldProblem`s for the panel to show beside the fields, because a message box
in the middle of a meeting would steal the keyboard; anything else (a record
changed elsewhere, a locked meeting, a busy file) is reported by the
`Messenger` and the screen reloads to show what is really there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QWidget

from improvement_desk.domain.action_log import DueRevisionDraft, LogActionDraft, LogStatus
from improvement_desk.domain.errors import DeskError, FieldProblem, ValidationError
from improvement_desk.domain.meeting import AttendanceStatus
from improvement_desk.services.log_records import LogActionRecord, LogActionSummary
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    AttendanceRecord,
    DecisionRecord,
    DeclarationRecord,
)
from improvement_desk.ui.meeting_screen import commands as cmd
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.plan.commands import ReportError

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

T = TypeVar("T")


class Refused(Exception):
    """What the service refused, for the panel: the problems to show (empty: already told)."""

    def __init__(self, problems: list[FieldProblem]) -> None:
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems


class ScreenEditor:
    def __init__(
        self,
        parent: QWidget,
        desk: Desk,
        undo_stack: QUndoStack,
        messenger: Messenger,
        reload: Callable[[], None],
    ) -> None:
        self._parent = parent
        self._desk = desk
        self._stack = undo_stack
        self._messenger = messenger
        self._reload = reload
        self.ids = cmd.IdMap()  # shared by this screen's commands

    # -- plumbing ------------------------------------------------------------------------------

    def _report(self, title: str, exc: DeskError) -> None:
        self._messenger.problem(self._parent, title, exc)

    def _args(self) -> tuple[Desk, Callable[[], None], ReportError, cmd.IdMap]:
        return self._desk, self._reload, self._report, self.ids

    def _call(self, title: str, work: Callable[[], T], *, inline: bool = True) -> T:
        """Runs one service call; raises `Refused` when nothing was written."""
        try:
            return work()
        except ValidationError as exc:
            if inline:
                raise Refused(exc.problems) from exc
            self._report(title, exc)
            raise Refused([]) from exc
        except DeskError as exc:
            self._report(title, exc)
            self._reload()
            raise Refused([]) from exc

    def _push(self, command: QUndoCommand) -> None:
        self._stack.push(command)
        self._reload()

    # -- attendance ----------------------------------------------------------------------------

    def record_attendance(
        self, meeting_id: int, line: AttendanceRecord, status: AttendanceStatus | None, sub: str
    ) -> None:
        substitute = sub if status is AttendanceStatus.APOLOGIES else ""
        before = (line.status, line.substitute)
        after = (status, substitute)
        if before == after:
            return
        recorded = self._call(
            "Attendance not recorded",
            lambda: self._desk.attendance.record(
                meeting_id, line.person_id, status, substitute, expected_version=line.version
            ),
            inline=False,
        )
        # What the board holds now (the service tidies what was typed): undo checks for it.
        stored = (recorded.status, recorded.substitute)
        self._push(
            cmd.RecordAttendance(
                meeting_id, line.person_id, line.name, before, stored, *self._args()
            )
        )

    # -- minutes, decisions, declarations ------------------------------------------------------

    def write_minute(
        self, item: AgendaItemRecord, stored: str, text: str, version: int
    ) -> AgendaItemRecord:
        """Saves the minute (`stored`: what the board held before). The caller reloads."""
        after = self._call(
            f"The minute of item {item.number} was not saved",
            lambda: self._desk.minutes.write_minute(item.id, text, expected_version=version),
            inline=False,
        )
        self._stack.push(
            cmd.WriteMinute(
                item.meeting_id, item.id, item.number, stored, after.minute, *self._args()
            )
        )
        return after

    def add_decision(self, item: AgendaItemRecord, text: str) -> None:
        record = self._call(
            "Decision not added", lambda: self._desk.minutes.add_decision(item.id, text)
        )
        self._push(cmd.AddDecision(record, item.meeting_id, item.number, *self._args()))

    def edit_decision(self, item: AgendaItemRecord, decision: DecisionRecord, text: str) -> None:
        if text == decision.text:
            return
        edited = self._call(
            "Decision not changed",
            lambda: self._desk.minutes.update_decision(
                decision.id, text, expected_version=decision.version
            ),
        )
        self._push(
            cmd.EditDecision(
                item.meeting_id, decision.id, item.number, decision.text, edited.text, *self._args()
            )
        )

    def remove_decision(self, item: AgendaItemRecord, decision: DecisionRecord) -> None:
        removed = self._call(
            "Decision not removed",
            lambda: self._desk.minutes.remove_decision(
                decision.id, expected_version=decision.version
            ),
            inline=False,
        )
        self._push(cmd.RemoveDecision(removed, item.meeting_id, item.number, *self._args()))

    def declare(self, meeting_id: int, person_id: int, item_id: int | None, nature: str) -> None:
        record = self._call(
            "Declaration not recorded",
            lambda: self._desk.minutes.declare(meeting_id, person_id, item_id, nature),
        )
        self._push(cmd.Declare(record, meeting_id, *self._args()))

    def remove_declaration(self, meeting_id: int, declaration: DeclarationRecord) -> None:
        removed = self._call(
            "Declaration not removed",
            lambda: self._desk.minutes.remove_declaration(
                declaration.id, expected_version=declaration.version
            ),
            inline=False,
        )
        self._push(cmd.RemoveDeclaration(removed, meeting_id, *self._args()))

    # -- the action log ------------------------------------------------------------------------

    def add_action(
        self, meeting_id: int, item_id: int | None, draft: LogActionDraft
    ) -> LogActionRecord:
        record = self._call(
            "Action not added", lambda: self._desk.action_log.add(meeting_id, item_id, draft)
        )
        self._push(cmd.AddLogAction(record, *self._args()))
        return record

    def set_status(self, meeting_id: int, action: LogActionSummary, status: LogStatus) -> None:
        if action.status is status and (
            status is not LogStatus.CLOSED or action.closed_at_meeting_id == meeting_id
        ):
            return
        title = f"Action {action.reference} not changed"
        before = self._call(title, lambda: self._desk.log.action(action.id), inline=False)
        closed_at = meeting_id if status is LogStatus.CLOSED else None
        after = self._call(
            title,
            lambda: self._desk.action_log.set_status(
                action.id, status, closed_at_meeting_id=closed_at, expected_version=action.version
            ),
            inline=False,
        )
        self._push(cmd.SetLogStatus(before, after, *self._args()))

    def revise_due(self, action: LogActionSummary, draft: DueRevisionDraft) -> None:
        title = f"Action {action.reference} not re-dated"
        before = self._call(title, lambda: self._desk.log.action(action.id), inline=False)
        after = self._call(
            title,
            lambda: self._desk.action_log.revise_due(
                action.id, draft, expected_version=action.version
            ),
        )
        self._push(cmd.ReviseDue(before, after, draft, *self._args()))
