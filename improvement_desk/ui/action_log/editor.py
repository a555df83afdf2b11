"""Turns the action log page's commands into dialogs, service calls and undo commands.

The register's contract: a dialog emits what the user asked for; the editor
asks `desk.action_log`; on a refusal the dialog stays open showing the
problems under the fields they name; on success the change goes on the undo
stack and the page reloads selecting the action. When someone else changed the
action since the edit dialog opened, the user chooses: reload theirs, save
mine over theirs, or keep editing (`ui/edit_dialogs.py`); the status,
revision and update dialogs still report such a conflict, close and reload.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from improvement_desk.domain.action_log import DueRevisionDraft, LogStatus, LogUpdateDraft
from improvement_desk.domain.errors import DeskError
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.action_log import commands as cmd
from improvement_desk.ui.action_log.edit_dialog import EditLogActionDialog
from improvement_desk.ui.action_log.log_table_model import first_line
from improvement_desk.ui.action_log.revision_dialog import RevisionDialog
from improvement_desk.ui.action_log.status_dialog import StatusDialog
from improvement_desk.ui.action_log.update_dialog import LogUpdateDialog
from improvement_desk.ui.edit_dialogs import EditDialogs
from improvement_desk.ui.messages import Messenger

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

READ_ONLY_TITLE = "This board is read-only"
READ_ONLY_TEXT = "This board is open read-only; changes cannot be saved."


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def deletion_text(action: LogActionSummary, updates: int, revisions: int) -> str:
    """What a deletion takes with it, in the words the confirmation uses."""
    return (
        f"Delete action {action.reference} “{first_line(action.description, 80)}” with its "
        f"{_count(updates, 'update')} and {_count(revisions, 'due-date revision')}? "
        "You can undo this."
    )


class LogEditor:
    def __init__(
        self,
        parent: QWidget,
        desk: Desk,
        undo_stack: QUndoStack,
        messenger: Messenger,
        reload: Callable[[int | None], None],
        meetings: Callable[[], Sequence[MeetingSummary]],
    ) -> None:
        self._parent = parent
        self._desk = desk
        self._stack = undo_stack
        self._messenger = messenger
        self._reload = reload
        self._meetings = meetings
        self.ledger = cmd.VersionLedger()  # shared by this page's undo commands
        self._dialogs = EditDialogs(
            undo_stack, self._report, self._refresh, conflict_title="The action changed"
        )

    @property
    def dialog(self) -> QDialog | None:
        """The open dialog, for tests and for focus."""
        return self._dialogs.dialog

    @property
    def conflict_box(self) -> QMessageBox | None:
        """The last "changed since you opened it" question."""
        return self._dialogs.conflict_box

    # -- plumbing ------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._reload(None)

    def _report(self, title: str, exc: DeskError) -> None:
        self._messenger.problem(self._parent, title, exc)

    def _refused_read_only(self) -> bool:
        if self._desk.read_only:
            self._messenger.info(self._parent, READ_ONLY_TITLE, READ_ONLY_TEXT)
        return self._desk.read_only

    def _args(self) -> tuple[Desk, Callable[[], None], Callable[[str, DeskError], None]]:
        return self._desk, self._refresh, self._report

    def _open(
        self,
        dialog: Any,
        action_id: int,
        submit: Callable[[Any], QUndoCommand | None],
        refetch: Callable[[], None] | None = None,
    ) -> None:
        self._dialogs.open(dialog, submit, lambda: self._reload(action_id), refetch)

    # -- commands ------------------------------------------------------------------------------

    def edit_action(self, action: LogActionSummary) -> None:
        if self._refused_read_only():
            return

        seen = [action]  # the version the form is saved against ("save mine over theirs")

        def submit(value: tuple[str, int]) -> QUndoCommand | None:
            description, owner_id = value
            before = seen[0]
            if (description, owner_id) == (before.description, before.owner_id):
                return None  # nothing changed
            after = self._desk.action_log.update(
                action.id, description=description, owner_id=owner_id,
                expected_version=before.version,
            )  # fmt: skip
            return cmd.EditLogAction(before, after.summary, *self._args(), self.ledger)

        def refetch() -> None:
            seen[0] = self._desk.log.action(action.id).summary

        try:
            people = self._desk.people.list()
        except DeskError as exc:
            self._report("Could not read the list of people", exc)
            return
        dialog = EditLogActionDialog(self._parent, action=action, people=people)
        self._open(dialog, action.id, submit, refetch)

    def set_status(self, action: LogActionSummary, status: LogStatus | None = None) -> None:
        """`status` preselects a status (the toolbar's "Close…" offers CLOSED)."""
        if self._refused_read_only():
            return
        meetings = self._meetings()
        labels = {m.id: m.label for m in meetings}

        def submit(value: tuple[LogStatus, int | None]) -> QUndoCommand | None:
            chosen, meeting_id = value
            if (chosen, meeting_id) == (action.status, action.closed_at_meeting_id):
                return None
            after = self._desk.action_log.set_status(
                action.id, chosen, closed_at_meeting_id=meeting_id,
                expected_version=action.version,
            )  # fmt: skip
            text = cmd.status_text(action, chosen, labels.get(meeting_id or -1, ""))
            return cmd.SetLogStatus(action, after.summary, text, *self._args(), self.ledger)

        dialog = StatusDialog(
            self._parent, action=action, meetings=meetings, today=self._desk.ctx.today()
        )
        if status is not None:
            dialog.set_status(status)
        self._open(dialog, action.id, submit)

    def revise_due(self, action: LogActionSummary) -> None:
        if self._refused_read_only():
            return

        def submit(draft: DueRevisionDraft) -> QUndoCommand:
            after = self._desk.action_log.revise_due(
                action.id, draft, expected_version=action.version
            )
            return cmd.ReviseDue(action, after, draft, *self._args(), self.ledger)

        dialog = RevisionDialog(
            self._parent, action=action, meetings=self._meetings(), today=self._desk.ctx.today()
        )
        self._open(dialog, action.id, submit)

    def add_update(self, action: LogActionSummary) -> None:
        if self._refused_read_only():
            return

        def submit(draft: LogUpdateDraft) -> QUndoCommand:
            after = self._desk.action_log.add_update(action.id, draft)
            return cmd.AddLogUpdate(action, after, draft, *self._args(), self.ledger)

        dialog = LogUpdateDialog(self._parent, action=action, today=self._desk.ctx.today())
        self._open(dialog, action.id, submit)

    def delete_action(self, action: LogActionSummary) -> None:
        if self._refused_read_only():
            return
        try:
            record = self._desk.log.action(action.id)
        except DeskError as exc:
            self._report(f"Cannot delete {action.reference}", exc)
            self._refresh()
            return

        def go() -> None:
            try:
                snapshot = self._desk.action_log.delete(action.id, expected_version=action.version)
            except DeskError as exc:
                self._report(f"Cannot delete {action.reference}", exc)
                self._refresh()
                return
            self._stack.push(
                cmd.DeleteLogAction(snapshot, action.version, *self._args(), self.ledger)
            )
            self._reload(None)

        text = deletion_text(action, len(record.updates), len(record.revisions))
        self._messenger.confirm(self._parent, "Delete action", text, go, yes="Delete")
