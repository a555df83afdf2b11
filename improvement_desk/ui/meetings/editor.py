"""Turns the meetings page's commands into dialogs, service calls and undo commands.

The contract every page's editor keeps: a dialog emits what the user asked
for; the editor asks the service; on a refusal the dialog stays open showing
the problems, and on success the change goes on the undo stack and the page
reloads, selecting what was made. When someone else changed the meeting or
item since its edit dialog opened, the user chooses: reload theirs, save mine
over theirs, or keep editing (`ui/edit_dialogs.py`); a conflict in a dialog
that makes something new closes it and reloads. Approving minutes and recording an amendment cannot be undone (the
database refuses to change approved minutes), so they are confirmed instead
of going on the stack.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from improvement_desk.domain.errors import DeskError, NotFound
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import AgendaItemDraft, MeetingDraft, MeetingStatus
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    MeetingRecord,
    MeetingSummary,
)
from improvement_desk.ui.edit_dialogs import EditDialogs
from improvement_desk.ui.meetings import commands as cmd
from improvement_desk.ui.meetings.item_dialog import ItemDialog
from improvement_desk.ui.meetings.meeting_dialog import MeetingDialog
from improvement_desk.ui.messages import Messenger

MARKING_DEFAULT = "board.marking_default"  # domain/settings.py

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

READ_ONLY_TITLE = "This board is read-only"
READ_ONLY_TEXT = "This board is open read-only; changes cannot be saved."
Reload = Callable[[int | None, int | None], None]  # (meeting to select, agenda item to select)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def deletion_text(meeting: MeetingRecord) -> str:
    papers = sum(len(i.papers) for i in meeting.items)
    return (
        f"Delete the meeting {meeting.summary.label} with its {_count(len(meeting.items), 'agenda item')}, "
        f"{_count(papers, 'paper')}, attendance and minutes? You can undo this."
    )


class MeetingEditor:
    def __init__(
        self,
        parent: QWidget,
        desk: Desk,
        undo_stack: QUndoStack,
        messenger: Messenger,
        reload: Reload,
    ) -> None:
        self._parent = parent
        self._desk = desk
        self._stack = undo_stack
        self._messenger = messenger
        self._reload = reload
        self._dialogs = EditDialogs(
            undo_stack, self._report, self.refresh, conflict_title="The record changed"
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

    def refresh(self) -> None:
        self._reload(None, None)

    def _report(self, title: str, exc: DeskError) -> None:
        self._messenger.problem(self._parent, title, exc)

    def _args(self) -> tuple[Desk, Callable[[], None], Callable[[str, DeskError], None]]:
        return self._desk, self.refresh, self._report

    def refused_read_only(self) -> bool:
        if self._desk.read_only:
            self._messenger.info(self._parent, READ_ONLY_TITLE, READ_ONLY_TEXT)
        return self._desk.read_only

    def _open(
        self,
        dialog: Any,
        submit: Callable[[Any], QUndoCommand | None],
        select: Callable[[], tuple[int | None, int | None]],
        refetch: Callable[[], None] | None = None,
    ) -> None:
        self._dialogs.open(dialog, submit, lambda: self._reload(*select()), refetch)

    def _apply(self, title: str, change: Callable[[], QUndoCommand | None], select: Any) -> None:
        """A change made without a dialog: refusals are reported, the page reloads either way."""
        try:
            command = change()
        except DeskError as exc:
            self._report(title, exc)
            self.refresh()
            return
        if command is not None:
            self._stack.push(command)
        self._reload(*select)

    # -- meetings ------------------------------------------------------------------------------

    def new_meeting(self) -> None:
        if self.refused_read_only():
            return
        try:
            settings = self._desk.meeting_settings.get()
            venue, start = settings.default_venue, settings.default_start
        except DeskError:
            venue, start = "", None
        made: list[int] = []

        def submit(value: tuple[MeetingDraft, bool]) -> QUndoCommand:
            draft, standing = value
            record = self._desk.meetings.create(draft, standing_items=standing)
            made.append(record.id)
            return cmd.AddMeeting(record, *self._args())

        dialog = MeetingDialog(
            self._parent, initial=None, today=self._desk.ctx.today(), default_venue=venue,
            default_start=start, default_marking=self._default_marking(),
        )  # fmt: skip
        self._open(dialog, submit, lambda: (made[-1] if made else None, None))

    def edit_meeting(self, meeting: MeetingRecord) -> None:
        if self.refused_read_only():
            return
        opened = meeting.summary
        seen = [opened]  # the version the form is saved against ("save mine over theirs")

        def submit(value: tuple[MeetingDraft, bool]) -> QUndoCommand | None:
            draft, _ = value
            before = seen[0]
            if draft == cmd.meeting_draft(before):
                return None
            after = self._desk.meetings.update(before.id, draft, expected_version=before.version)
            return cmd.EditMeeting(before, after.summary, *self._args())

        def refetch() -> None:
            seen[0] = self._desk.meeting_reader.meeting(opened.id).summary

        dialog = MeetingDialog(self._parent, initial=opened, today=self._desk.ctx.today())
        self._open(dialog, submit, lambda: (opened.id, None), refetch)

    def _default_marking(self) -> Marking:
        """The board's default for a new meeting or item (Settings ▸ Board); OFFICIAL if the
        settings cannot be read, which the save itself would then report."""
        try:
            value = self._desk.board_settings.load()[MARKING_DEFAULT]
        except DeskError:
            return Marking.OFFICIAL
        return value if isinstance(value, Marking) else Marking.OFFICIAL

    def delete_meeting(self, meeting: MeetingRecord) -> None:
        if self.refused_read_only():
            return
        summary = meeting.summary

        def change() -> QUndoCommand:
            snapshot = self._desk.meetings.delete(summary.id, expected_version=summary.version)
            return cmd.DeleteMeeting(snapshot, summary.label, *self._args())

        def go() -> None:
            self._apply(f"Cannot delete {summary.label}", change, (None, None))

        self._messenger.confirm(
            self._parent, "Delete meeting", deletion_text(meeting), go, yes="Delete"
        )

    def set_status(self, summary: MeetingSummary, status: MeetingStatus) -> None:
        if self.refused_read_only() or summary.status is status:
            return

        def change() -> QUndoCommand:
            after = self._desk.meetings.set_status(
                summary.id, status, expected_version=summary.version
            )
            return cmd.SetMeetingStatus(summary, after.summary, *self._args())

        self._apply(f"Cannot set {summary.label} to {status.label.lower()}", change,
                    (summary.id, None))  # fmt: skip

    # -- agenda --------------------------------------------------------------------------------

    def add_item(self, meeting: MeetingRecord) -> None:
        if self.refused_read_only():
            return
        made: list[int] = []

        def submit(draft: AgendaItemDraft) -> QUndoCommand:
            record = self._desk.agenda.add_item(meeting.id, draft)
            made.append(record.id)
            return cmd.AddItem(record, *self._args())

        dialog = ItemDialog(
            self._parent, initial=None, meeting_label=meeting.summary.label,
            default_marking=self._default_marking(),
        )  # fmt: skip
        self._open(dialog, submit, lambda: (meeting.id, made[-1] if made else None))

    def edit_item(self, meeting: MeetingRecord, item: AgendaItemRecord) -> None:
        if self.refused_read_only():
            return

        seen = [item]  # the version the form is saved against ("save mine over theirs")

        def submit(draft: AgendaItemDraft) -> QUndoCommand | None:
            before = seen[0]
            if draft == cmd.item_draft(before):
                return None
            after = self._desk.agenda.update_item(item.id, draft, expected_version=before.version)
            return cmd.EditItem(before, after, *self._args())

        def refetch() -> None:
            items = self._desk.meeting_reader.meeting(item.meeting_id).items
            current = next((i for i in items if i.id == item.id), None)
            if current is None:
                raise NotFound("Agenda item", item.id)
            seen[0] = current

        dialog = ItemDialog(self._parent, initial=item, meeting_label=meeting.summary.label)
        self._open(dialog, submit, lambda: (meeting.id, item.id), refetch)

    def delete_item(self, item: AgendaItemRecord) -> None:
        if self.refused_read_only():
            return
        papers = f" with its {_count(len(item.papers), 'paper')}" if item.papers else ""

        def change() -> QUndoCommand:
            snapshot = self._desk.agenda.delete_item(item.id, expected_version=item.version)
            return cmd.DeleteItem(snapshot, item.title, *self._args())

        def go() -> None:
            self._apply(f"Cannot delete item {item.number}", change, (item.meeting_id, None))

        self._messenger.confirm(
            self._parent, "Delete agenda item",
            f"Delete item {item.number}, “{item.title}”{papers}, and its minute? "
            "The items after it are renumbered. You can undo this.", go, yes="Delete",
        )  # fmt: skip

    def move_item(self, meeting: MeetingRecord, item_id: int, new_index: int) -> None:
        """Called by the agenda model after a drop or Move up / Move down."""
        if self._desk.read_only:
            self.refresh()
            return
        old_index = next((i for i, it in enumerate(meeting.items) if it.id == item_id), None)
        if old_index is None or old_index == new_index:
            self.refresh()
            return
        item = meeting.items[old_index]

        def change() -> QUndoCommand:
            self._desk.agenda.move_item(item_id, new_index)
            return cmd.MoveItem(item, old_index, new_index, *self._args())

        self._apply(f"Cannot move item {item.number}", change, (meeting.id, item_id))

    def add_standing_items(self, meeting: MeetingRecord) -> None:
        if self.refused_read_only():
            return
        known = {item.id for item in meeting.items}
        added: list[AgendaItemRecord] = []
        done: list[bool] = []

        def change() -> QUndoCommand | None:
            after = self._desk.agenda.add_standing_items(meeting.id)
            done.append(True)
            added.extend(item for item in after.items if item.id not in known)
            return cmd.AddStandingItems(added, *self._args()) if added else None

        self._apply("Could not add the standing items", change, (meeting.id, None))
        if done and not added:
            self._messenger.info(
                self._parent, "Nothing to add", "Every standing item is already on this agenda."
            )
