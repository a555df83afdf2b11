"""Undo commands for the meeting screen, undone and redone through the meeting services.

As everywhere in the app, the change is made before the command is pushed
(a refusal never reaches the stack) and a refused undo or redo reports and
drops the command (`DeskCommand`).

Two things are particular to minutes:

* Putting back a removed decision or declaration makes a new row with a new
  id, so a later command about the old row would miss it. The screen's
  commands share an `IdMap` that follows a row through its re-creations.
* Versioned records (an item's minute, a decision, an attendance line, a log
  action) are checked by content, as the plan's commands are: an undo goes
  ahead only while the record still holds what this command left, whatever
  version numbers other steps of ours have moved on since, and then passes the
  version it has just read, so a colleague's change in between is refused.
  Declarations are never changed once made, so theirs are removed unchecked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from improvement_desk.domain.action_log import DueRevisionDraft, LogStatus
from improvement_desk.domain.errors import Conflict, NotFound
from improvement_desk.domain.meeting import AttendanceStatus
from improvement_desk.services.log_records import LogActionRecord, LogActionSnapshot
from improvement_desk.services.meeting_records import DecisionRecord, DeclarationRecord
from improvement_desk.ui.plan.commands import DeskCommand, Refresh, ReportError

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

DECISION = "decision"
DECLARATION = "declaration"


class IdMap:
    """Where a re-created row lives now: old id → new id, followed to the end."""

    def __init__(self) -> None:
        self._moved: dict[tuple[str, int], int] = {}

    def moved(self, kind: str, old: int, new: int) -> None:
        if old != new:
            self._moved[(kind, old)] = new

    def resolve(self, kind: str, row_id: int) -> int:
        seen = {row_id}
        while (kind, row_id) in self._moved:
            row_id = self._moved[(kind, row_id)]
            if row_id in seen:  # pragma: no cover - a cycle would be a bug in a command
                break
            seen.add(row_id)
        return row_id


class ScreenCommand(DeskCommand):
    def __init__(
        self, text: str, desk: Desk, refresh: Refresh, report: ReportError, ids: IdMap
    ) -> None:
        super().__init__(text, desk, refresh, report)
        self.ids = ids


# -- attendance -------------------------------------------------------------------------------

Line = tuple[AttendanceStatus | None, str]  # status and substitute


def attendance_text(name: str, after: Line) -> str:
    status, substitute = after
    if status is None:
        return f"Clear attendance of {name}"
    if status is AttendanceStatus.APOLOGIES and substitute:
        return f"Apologies from {name} (substitute {substitute})"
    return {
        AttendanceStatus.PRESENT: f"Mark {name} present",
        AttendanceStatus.APOLOGIES: f"Apologies from {name}",
        AttendanceStatus.ABSENT: f"Mark {name} absent",
    }[status]


class RecordAttendance(ScreenCommand):
    """Each step records the line it wants, provided the line is still as the last one left it."""

    def __init__(
        self,
        meeting_id: int,
        person_id: int,
        name: str,
        before: Line,
        after: Line,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        super().__init__(attendance_text(name, after), desk, refresh, report, ids)
        self.meeting_id, self.person_id, self.name = meeting_id, person_id, name
        self.before, self.after = before, after

    def _set(self, left: Line, wanted: Line) -> None:
        record = self.desk.meeting_reader.meeting(self.meeting_id)
        line = next((a for a in record.attendance if a.person_id == self.person_id), None)
        now: Line = (line.status, line.substitute) if line is not None else (None, "")
        if now != left:
            raise Conflict(
                f"The attendance of {self.name} was changed by someone else since; "
                "nothing was changed.",
                kind="Attendance",
                key=self.person_id,
            )
        self.desk.attendance.record(
            self.meeting_id,
            self.person_id,
            wanted[0],
            wanted[1],
            expected_version=line.version if line is not None else 0,
        )

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


# -- minutes ----------------------------------------------------------------------------------


class WriteMinute(ScreenCommand):
    def __init__(
        self,
        meeting_id: int,
        item_id: int,
        number: str,
        before: str,
        after: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        super().__init__(f"Minute of item {number}", desk, refresh, report, ids)
        self.meeting_id, self.item_id = meeting_id, item_id
        self.before, self.after = before, after

    def _set(self, left: str, wanted: str) -> None:
        record = self.desk.meeting_reader.meeting(self.meeting_id)
        item = next((i for i in record.items if i.id == self.item_id), None)
        if item is None:
            raise NotFound("Agenda item", self.item_id)
        if item.minute != left:
            raise Conflict(
                f"The minute of item {item.number} was changed by someone else since; "
                "nothing was changed.",
                kind="Agenda item",
                key=item.id,
            )
        self.desk.minutes.write_minute(self.item_id, wanted, expected_version=item.version)

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


def _decision_as_left(desk: Desk, meeting_id: int, decision_id: int, left: str, number: str) -> int:
    """The decision's version, provided it still reads as our step left it."""
    record = desk.meeting_reader.meeting(meeting_id)
    now = next((d for i in record.items for d in i.decisions if d.id == decision_id), None)
    if now is None:
        raise NotFound("Decision", decision_id)
    if now.text != left:
        raise Conflict(
            f"A decision on item {number} was changed by someone else since; nothing was changed.",
            kind="Decision",
            key=decision_id,
        )
    return now.version


class AddDecision(ScreenCommand):
    def __init__(
        self,
        record: DecisionRecord,
        meeting_id: int,
        number: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        super().__init__(f"Add a decision to item {number}", desk, refresh, report, ids)
        self.record, self.meeting_id, self.number = record, meeting_id, number

    def apply(self) -> None:
        old = self.record.id
        self.record = self.desk.minutes.add_decision(
            self.record.item_id, self.record.text, position=self.record.position
        )
        self.ids.moved(DECISION, old, self.record.id)

    def revert(self) -> None:
        decision_id = self.ids.resolve(DECISION, self.record.id)
        version = _decision_as_left(
            self.desk, self.meeting_id, decision_id, self.record.text, self.number
        )
        self.desk.minutes.remove_decision(decision_id, expected_version=version)


class RemoveDecision(AddDecision):
    """The mirror of adding: the first step removed it; undo puts it back where it was."""

    def __init__(
        self,
        record: DecisionRecord,
        meeting_id: int,
        number: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        super().__init__(record, meeting_id, number, desk, refresh, report, ids)
        self.setText(f"Remove a decision from item {number}")

    def apply(self) -> None:
        super().revert()

    def revert(self) -> None:
        super().apply()


class EditDecision(ScreenCommand):
    def __init__(
        self,
        meeting_id: int,
        decision_id: int,
        number: str,
        before: str,
        after: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        super().__init__(f"Edit a decision on item {number}", desk, refresh, report, ids)
        self.meeting_id, self.decision_id, self.number = meeting_id, decision_id, number
        self.before, self.after = before, after

    def _set(self, left: str, wanted: str) -> None:
        decision_id = self.ids.resolve(DECISION, self.decision_id)
        version = _decision_as_left(self.desk, self.meeting_id, decision_id, left, self.number)
        self.desk.minutes.update_decision(decision_id, wanted, expected_version=version)

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


class Declare(ScreenCommand):
    def __init__(
        self,
        record: DeclarationRecord,
        meeting_id: int,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        super().__init__(
            f"Declaration of interest by {record.person_name}", desk, refresh, report, ids
        )
        self.record = record
        self.meeting_id = meeting_id

    def apply(self) -> None:
        old = self.record.id
        r = self.record
        self.record = self.desk.minutes.declare(self.meeting_id, r.person_id, r.item_id, r.nature)
        self.ids.moved(DECLARATION, old, self.record.id)

    def revert(self) -> None:
        self.desk.minutes.remove_declaration(self.ids.resolve(DECLARATION, self.record.id))


class RemoveDeclaration(Declare):
    def __init__(
        self,
        record: DeclarationRecord,
        meeting_id: int,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        super().__init__(record, meeting_id, desk, refresh, report, ids)
        self.setText(f"Remove the declaration by {record.person_name}")

    def apply(self) -> None:
        super().revert()

    def revert(self) -> None:
        super().apply()


# -- the action log ---------------------------------------------------------------------------


def _expect_action(desk: Desk, action_id: int, left: LogActionRecord) -> int:
    """The action's version, provided it still holds what our step left."""
    now = desk.log.action(action_id).summary
    was = left.summary
    if (now.status, now.current_due, now.description, now.owner_id) != (
        was.status,
        was.current_due,
        was.description,
        was.owner_id,
    ):
        raise Conflict(
            f"Action {now.reference} was changed by someone else since; nothing was changed.",
            kind="Action",
            key=action_id,
        )
    return now.version


class AddLogAction(ScreenCommand):
    """Undo deletes the action; redo puts it back under its id and reference."""

    def __init__(
        self, record: LogActionRecord, desk: Desk, refresh: Refresh, report: ReportError, ids: IdMap
    ) -> None:
        s = record.summary
        super().__init__(f"Add action {s.reference} ({s.owner_name})", desk, refresh, report, ids)
        self.record = record
        self.snapshot: LogActionSnapshot | None = None

    def apply(self) -> None:
        assert self.snapshot is not None
        self.record = self.desk.action_log.restore(self.snapshot)

    def revert(self) -> None:
        action_id = self.record.summary.id
        version = _expect_action(self.desk, action_id, self.record)
        self.snapshot = self.desk.action_log.delete(action_id, expected_version=version)


class SetLogStatus(ScreenCommand):
    def __init__(
        self,
        before: LogActionRecord,
        after: LogActionRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        s = after.summary
        super().__init__(
            f"Set action {s.reference} to {s.status.label.lower()}", desk, refresh, report, ids
        )
        self.before, self.after = before, after

    def _set(self, left: LogActionRecord, wanted: LogActionRecord) -> LogActionRecord:
        w = wanted.summary
        version = _expect_action(self.desk, w.id, left)
        closed_at = w.closed_at_meeting_id if w.status is LogStatus.CLOSED else None
        return self.desk.action_log.set_status(
            w.id, w.status, closed_at_meeting_id=closed_at, expected_version=version
        )

    def apply(self) -> None:
        self.after = self._set(self.before, self.after)

    def revert(self) -> None:
        self.before = self._set(self.after, self.before)


class ReviseDue(ScreenCommand):
    """Undo withdraws the revision; redo records the same revision again (a new id)."""

    def __init__(
        self,
        before: LogActionRecord,
        after: LogActionRecord,
        draft: DueRevisionDraft,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ids: IdMap,
    ) -> None:
        s = after.summary
        super().__init__(
            f"Re-date action {s.reference} to {s.current_due:%d %b %Y}", desk, refresh, report, ids
        )
        self.before, self.after, self.draft = before, after, draft

    def apply(self) -> None:
        action_id = self.before.summary.id
        version = _expect_action(self.desk, action_id, self.before)
        self.after = self.desk.action_log.revise_due(
            action_id, self.draft, expected_version=version
        )

    def revert(self) -> None:
        action_id = self.after.summary.id
        version = _expect_action(self.desk, action_id, self.after)
        revision = self.after.revisions[-1].id
        self.before = self.desk.action_log.withdraw_revision(
            action_id, revision, expected_version=version
        )
