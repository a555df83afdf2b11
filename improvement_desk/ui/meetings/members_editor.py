"""Board members…: turns the members dialog's requests into service calls and undo commands.

Each change is made at once and goes on the window's undo stack; the dialog
then shows the fresh list. An undo or redo made while the dialog is open
refreshes it too (through the same refresh the page uses). When someone else
changed a member since its edit dialog opened, the user chooses: reload theirs,
save mine over theirs, or keep editing (`ui/edit_dialogs.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMessageBox, QWidget

from improvement_desk.domain.errors import DeskError, NotFound
from improvement_desk.services.meeting_records import MemberRecord
from improvement_desk.ui.edit_dialogs import EditDialogs
from improvement_desk.ui.meetings import member_commands as cmd
from improvement_desk.ui.meetings.member_dialog import MemberChoice, MemberDialog, MemberMode
from improvement_desk.ui.meetings.members_dialog import BoardMembersDialog
from improvement_desk.ui.messages import Messenger

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


class MembersEditor:
    def __init__(
        self,
        parent: QWidget,
        desk: Desk,
        undo_stack: QUndoStack,
        messenger: Messenger,
        refresh_page: Callable[[], None],
    ) -> None:
        self._parent = parent
        self._desk = desk
        self._stack = undo_stack
        self._messenger = messenger
        self._refresh_page = refresh_page
        self.window: BoardMembersDialog | None = None  # the open Board members dialog
        self._dialogs = EditDialogs(
            undo_stack, self._report, self.refresh, conflict_title="The record changed"
        )

    @property
    def dialog(self) -> MemberDialog | None:
        """The open add/edit dialog, for tests."""
        dialog = self._dialogs.dialog
        return dialog if isinstance(dialog, MemberDialog) else None

    @property
    def conflict_box(self) -> QMessageBox | None:
        """The last "changed since you opened it" question."""
        return self._dialogs.conflict_box

    # -- plumbing ------------------------------------------------------------------------------

    def refresh(self, select_person: int | None = None) -> None:
        """After any change to the membership (ours, an undo, a redo): page and dialog."""
        self._refresh_page()
        if self.window is not None:
            try:
                members = self._desk.members.members()
                settings = self._desk.meeting_settings.get()
            except DeskError as exc:
                self._report("Could not read the board's members", exc)
                return
            self.window.set_data(members, settings, select_person)

    def _report(self, title: str, exc: DeskError) -> None:
        self._messenger.problem(self.window or self._parent, title, exc)

    def _args(self) -> tuple[Desk, Callable[[], None], Callable[[str, DeskError], None]]:
        return self._desk, self.refresh, self._report

    def _push(self, command: QUndoCommand, select_person: int | None) -> None:
        self._stack.push(command)
        self.refresh(select_person)

    # -- the dialog ----------------------------------------------------------------------------

    def open(self) -> BoardMembersDialog:
        if self.window is not None:
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        window = BoardMembersDialog(self._parent, read_only=self._desk.read_only)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.finished.connect(lambda *_: setattr(self, "window", None))
        window.add_existing_requested.connect(lambda: self.add(MemberMode.EXISTING))
        window.add_new_requested.connect(lambda: self.add(MemberMode.NEW))
        window.edit_requested.connect(self.edit)
        window.remove_requested.connect(self.remove)
        window.move_requested.connect(self.move)
        window.quorum_requested.connect(self.set_quorum)
        self.window = window
        self.refresh()
        window.open()
        return window

    def _open(
        self,
        dialog: MemberDialog,
        submit: Callable[[MemberChoice], QUndoCommand | None],
        person: Callable[[], int | None],
        refetch: Callable[[], None] | None = None,
    ) -> None:
        """`person` names whom the list selects after a save."""
        self._dialogs.open(dialog, submit, lambda: self.refresh(person()), refetch)

    # -- changes -------------------------------------------------------------------------------

    def add(self, mode: MemberMode) -> None:
        if self._desk.read_only:
            return
        seated = {m.person_id for m in self._desk.members.members()}
        people = [p for p in self._desk.people.list() if p.id not in seated]
        if mode is MemberMode.EXISTING and not people:
            self._messenger.info(
                self.window or self._parent,
                "Everyone on the list is on the board",
                "Everyone on the board's list of people is already a member. "
                "Add someone new with “Add new person…”.",
            )
            return

        made: list[int] = []

        def submit(choice: MemberChoice) -> QUndoCommand:
            if mode is MemberMode.EXISTING:
                assert choice.person_id is not None
                record = self._desk.members.add(choice.person_id, choice.kind, choice.board_role)
            else:
                record = self._desk.members.add_person(
                    choice.name, choice.job_role, choice.organisation, choice.kind,
                    choice.board_role,
                )  # fmt: skip
            made.append(record.person_id)
            return cmd.AddMember(record, *self._args())

        parent = self.window or self._parent
        dialog = MemberDialog(parent, mode=mode, people=people)
        self._open(dialog, submit, lambda: made[-1] if made else None)

    def edit(self, member: MemberRecord) -> None:
        if self._desk.read_only:
            return

        seen = [member]  # the version the form is saved against ("save mine over theirs")

        def submit(choice: MemberChoice) -> QUndoCommand | None:
            before = seen[0]
            if (choice.kind, choice.board_role, choice.active) == cmd.seat(before):
                return None  # nothing changed
            after = self._desk.members.update(
                member.id, kind=choice.kind, board_role=choice.board_role,
                active=choice.active, expected_version=before.version,
            )  # fmt: skip
            return cmd.EditMember(before, after, *self._args())

        def refetch() -> None:
            members = self._desk.members.members()
            current = next((m for m in members if m.id == member.id), None)
            if current is None:  # taken off the board meanwhile
                raise NotFound("Board member", member.name)
            seen[0] = current

        parent = self.window or self._parent
        dialog = MemberDialog(parent, mode=MemberMode.EDIT, initial=member)
        self._open(dialog, submit, lambda: member.person_id, refetch)

    def remove(self, member: MemberRecord) -> None:
        if self._desk.read_only:
            return
        index = next(
            (i for i, m in enumerate(self._desk.members.members()) if m.id == member.id), 0
        )

        def go() -> None:
            try:
                removed = self._desk.members.remove(member.id, expected_version=member.version)
            except DeskError as exc:
                self._report(f"Cannot remove {member.name}", exc)
                self.refresh()
                return
            self._push(cmd.RemoveMember(removed, index, *self._args()), None)

        self._messenger.confirm(
            self.window or self._parent, "Remove board member",
            f"Take {member.name} off the board? They stay on the list of people, and past "
            "meetings keep their attendance. You can undo this.", go, yes="Remove",
        )  # fmt: skip

    def move(self, member: MemberRecord, new_index: int) -> None:
        if self._desk.read_only:
            return
        members = self._desk.members.members()
        old_index = next((i for i, m in enumerate(members) if m.id == member.id), None)
        if old_index is None or old_index == new_index:
            return
        try:
            self._desk.members.move(member.id, new_index)
        except DeskError as exc:
            self._report(f"Cannot move {member.name}", exc)
            self.refresh()
            return
        self._push(cmd.MoveMember(member, old_index, new_index, *self._args()), member.person_id)

    def set_quorum(self, quorum: int) -> None:
        if self._desk.read_only:
            return
        try:
            before = self._desk.meeting_settings.get()
            if before.quorum == quorum:
                return
            after = self._desk.meeting_settings.update(
                quorum=quorum, default_venue=before.default_venue,
                default_start=before.default_start, expected_version=before.version,
            )  # fmt: skip
        except DeskError as exc:
            self._report("The quorum was not changed", exc)
            self.refresh()
            return
        self._push(cmd.ChangeMeetingSettings(before, after, *self._args()), None)
