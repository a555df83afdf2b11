"""Undo commands for meetings, their agendas and papers, undone and redone through the services.

As everywhere in the app, the change is made before the command is pushed,
and a refused undo or redo reports itself and drops off the stack. Each step
first reads the record and checks it still holds what this command left
(`expect_as_left`), then expects the version it has now: a run of our own
steps undoes in turn, while a colleague's change in between is refused, never
overwritten. A meeting whose minutes have been approved since refuses every
step (the database says so, and the service turns that into a Conflict).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from improvement_desk.domain.errors import Conflict, NotFound
from improvement_desk.domain.meeting import AgendaItemDraft, MeetingDraft, MeetingStatus
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    AgendaItemSnapshot,
    MeetingRecord,
    MeetingSnapshot,
    MeetingSummary,
    PaperRecord,
)
from improvement_desk.ui.plan.commands import DeskCommand, Refresh, ReportError, expect_as_left

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


def meeting_draft(summary: MeetingSummary) -> MeetingDraft:
    return MeetingDraft(
        meeting_date=summary.meeting_date,
        start_time=summary.start_time,
        venue=summary.venue,
        title=summary.title,
        marking=summary.marking,
    )


def item_draft(item: AgendaItemRecord) -> AgendaItemDraft:
    return AgendaItemDraft(
        title=item.title,
        presenter=item.presenter,
        purpose=item.purpose,
        minutes_allowed=item.minutes_allowed,
        marking=item.marking,
        exempt=item.exempt,
        exempt_paragraph=item.exempt_paragraph,
        publish_from=item.publish_from,
        public_title=item.public_title,
        standing=item.standing,
    )


def current_item(desk: Desk, meeting_id: int, item_id: int) -> AgendaItemRecord:
    for item in desk.meeting_reader.meeting(meeting_id).items:
        if item.id == item_id:
            return item
    raise NotFound("Agenda item", item_id)


def _summary_as_left(desk: Desk, meeting_id: int, left: MeetingDraft) -> int:
    current = desk.meeting_reader.meeting(meeting_id).summary
    return expect_as_left("Meeting", current.label, meeting_draft(current), left, current.version)


def _item_as_left(desk: Desk, meeting_id: int, item_id: int, left: AgendaItemDraft) -> int:
    current = current_item(desk, meeting_id, item_id)
    return expect_as_left("Agenda item", current.number, item_draft(current), left, current.version)


# -- meetings ----------------------------------------------------------------------------------


class AddMeeting(DeskCommand):
    def __init__(
        self, record: MeetingRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"New meeting {record.summary.label}", desk, refresh, report)
        self.meeting_id = record.id
        self.left = meeting_draft(record.summary)
        self.snapshot: MeetingSnapshot | None = None

    def apply(self) -> None:
        assert self.snapshot is not None
        self.meeting_id = self.desk.meetings.restore(self.snapshot).id

    def revert(self) -> None:
        version = _summary_as_left(self.desk, self.meeting_id, self.left)
        self.snapshot = self.desk.meetings.delete(self.meeting_id, expected_version=version)


class EditMeeting(DeskCommand):
    def __init__(
        self,
        before: MeetingSummary,
        after: MeetingSummary,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Edit meeting {after.label}", desk, refresh, report)
        self.meeting_id = after.id
        self.before, self.after = meeting_draft(before), meeting_draft(after)

    def _set(self, left: MeetingDraft, wanted: MeetingDraft) -> None:
        version = _summary_as_left(self.desk, self.meeting_id, left)
        self.desk.meetings.update(self.meeting_id, wanted, expected_version=version)

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


class SetMeetingStatus(DeskCommand):
    def __init__(
        self,
        before: MeetingSummary,
        after: MeetingSummary,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(
            f"Set {after.label} to {after.status.label.lower()}", desk, refresh, report
        )
        self.meeting_id = after.id
        self.before, self.after = before.status, after.status

    def _set(self, left: MeetingStatus, wanted: MeetingStatus) -> None:
        current = self.desk.meeting_reader.meeting(self.meeting_id).summary
        version = expect_as_left("Meeting", current.label, current.status, left, current.version)
        self.desk.meetings.set_status(self.meeting_id, wanted, expected_version=version)

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


class DeleteMeeting(DeskCommand):
    def __init__(
        self,
        snapshot: MeetingSnapshot,
        label: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Delete meeting {label}", desk, refresh, report)
        self.snapshot = snapshot

    def apply(self) -> None:
        meeting_id = self.snapshot.meeting_id
        current = self.desk.meeting_reader.meeting(meeting_id).summary
        self.snapshot = self.desk.meetings.delete(meeting_id, expected_version=current.version)

    def revert(self) -> None:
        self.desk.meetings.restore(self.snapshot)


# -- agenda items ------------------------------------------------------------------------------


class AddItem(DeskCommand):
    def __init__(
        self, record: AgendaItemRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"Add item “{record.title}”", desk, refresh, report)
        self.meeting_id, self.item_id = record.meeting_id, record.id
        self.left = item_draft(record)
        self.snapshot: AgendaItemSnapshot | None = None

    def apply(self) -> None:
        assert self.snapshot is not None
        self.item_id = self.desk.agenda.restore_item(self.snapshot).id

    def revert(self) -> None:
        version = _item_as_left(self.desk, self.meeting_id, self.item_id, self.left)
        self.snapshot = self.desk.agenda.delete_item(self.item_id, expected_version=version)


class EditItem(DeskCommand):
    def __init__(
        self,
        before: AgendaItemRecord,
        after: AgendaItemRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Edit item {after.number} “{after.title}”", desk, refresh, report)
        self.meeting_id, self.item_id = after.meeting_id, after.id
        self.before, self.after = item_draft(before), item_draft(after)

    def _set(self, left: AgendaItemDraft, wanted: AgendaItemDraft) -> None:
        version = _item_as_left(self.desk, self.meeting_id, self.item_id, left)
        self.desk.agenda.update_item(self.item_id, wanted, expected_version=version)

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


class DeleteItem(DeskCommand):
    def __init__(
        self,
        snapshot: AgendaItemSnapshot,
        title: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Delete item “{title}”", desk, refresh, report)
        self.snapshot = snapshot

    def apply(self) -> None:
        snap = self.snapshot
        version = current_item(self.desk, snap.meeting_id, snap.item_id).version
        self.snapshot = self.desk.agenda.delete_item(snap.item_id, expected_version=version)

    def revert(self) -> None:
        self.desk.agenda.restore_item(self.snapshot)


class MoveItem(DeskCommand):
    """Each step checks the item is still where the other left it."""

    def __init__(
        self,
        item: AgendaItemRecord,
        old_index: int,
        new_index: int,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Move “{item.title}” to item {new_index + 1}", desk, refresh, report)
        self.meeting_id, self.item_id = item.meeting_id, item.id
        self.old_index, self.new_index = old_index, new_index

    def _move(self, at: int, to: int) -> None:
        items = self.desk.meeting_reader.meeting(self.meeting_id).items
        where = next((i for i, item in enumerate(items) if item.id == self.item_id), None)
        if where is None:
            raise NotFound("Agenda item", self.item_id)
        if where != at:
            raise Conflict(
                "The agenda was reordered by someone else since; nothing was moved.",
                kind="Agenda item",
            )
        self.desk.agenda.move_item(self.item_id, to)

    def apply(self) -> None:
        self._move(self.old_index, self.new_index)

    def revert(self) -> None:
        self._move(self.new_index, self.old_index)


class AddStandingItems(DeskCommand):
    """Undo deletes the items it added; redo puts the same items back."""

    def __init__(
        self, added: list[AgendaItemRecord], desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        count = len(added)
        super().__init__(
            f"Add {count} standing item{'s' if count != 1 else ''}", desk, refresh, report
        )
        self.added = [(item.meeting_id, item.id, item_draft(item)) for item in added]
        self.snapshots: list[AgendaItemSnapshot] = []

    def apply(self) -> None:
        for snapshot in self.snapshots:
            self.desk.agenda.restore_item(snapshot)

    def revert(self) -> None:
        self.snapshots = []
        for meeting_id, item_id, left in self.added:
            version = _item_as_left(self.desk, meeting_id, item_id, left)
            self.snapshots.append(self.desk.agenda.delete_item(item_id, expected_version=version))
        self.snapshots.sort(key=lambda s: s.position)


# -- papers ------------------------------------------------------------------------------------


class AttachPapers(DeskCommand):
    def __init__(
        self,
        papers: list[PaperRecord],
        item_number: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        what = f"“{papers[0].title}”" if len(papers) == 1 else f"{len(papers)} papers"
        super().__init__(f"Attach {what} to item {item_number}", desk, refresh, report)
        self.papers = list(papers)  # as our last step left them: undo expects their versions
        self.values: list[dict[str, object]] = []

    def apply(self) -> None:
        self.papers = [self.desk.papers.restore(v) for v in self.values]

    def revert(self) -> None:
        self.values = [
            self.desk.papers.remove(p.id, expected_version=p.version) for p in reversed(self.papers)
        ][::-1]


class RemovePaper(DeskCommand):
    def __init__(
        self,
        values: dict[str, object],
        title: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Remove paper “{title}”", desk, refresh, report)
        self.values = values
        self.paper: PaperRecord | None = None  # the paper undo put back

    def apply(self) -> None:
        assert self.paper is not None
        self.values = self.desk.papers.remove(self.paper.id, expected_version=self.paper.version)

    def revert(self) -> None:
        self.paper = self.desk.papers.restore(self.values)
