"""Undo commands for the board's membership and its meeting settings (the quorum).

Removing a member and adding them back gives them a new membership id, so
these commands follow the member by person: each step finds the person's
current membership, checks it still holds what this command left, and
expects its version now.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from improvement_desk.domain.errors import NotFound
from improvement_desk.services.meeting_records import MeetingSettingsRecord, MemberRecord
from improvement_desk.ui.plan.commands import DeskCommand, Refresh, ReportError, expect_as_left

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


def seat(member: MemberRecord) -> tuple[object, ...]:
    """What an edit of a membership sets."""
    return (member.kind, member.board_role, member.active)


def _find(desk: Desk, person_id: int) -> tuple[int, MemberRecord]:
    for index, member in enumerate(desk.members.members()):
        if member.person_id == person_id:
            return index, member
    raise NotFound("Board member", person_id)


def _as_left(desk: Desk, person_id: int, left: tuple[object, ...]) -> MemberRecord:
    _, member = _find(desk, person_id)
    expect_as_left("Board member", member.name, seat(member), left, member.version)
    return member


def _put_back(desk: Desk, removed: MemberRecord, index: int) -> MemberRecord:
    """Adds a removed member again, as they were and where they were."""
    member = desk.members.add(removed.person_id, removed.kind, removed.board_role)
    if not removed.active:
        member = desk.members.update(
            member.id, kind=member.kind, board_role=member.board_role, active=False,
            expected_version=member.version,
        )  # fmt: skip
    if index < len(desk.members.members()) - 1:
        desk.members.move(member.id, index)
    return member


class AddMember(DeskCommand):
    def __init__(
        self, record: MemberRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"Add {record.name} to the board", desk, refresh, report)
        self.record = record

    def apply(self) -> None:
        self.record = self.desk.members.add(
            self.record.person_id, self.record.kind, self.record.board_role
        )

    def revert(self) -> None:
        member = _as_left(self.desk, self.record.person_id, seat(self.record))
        self.desk.members.remove(member.id, expected_version=member.version)


class EditMember(DeskCommand):
    def __init__(
        self,
        before: MemberRecord,
        after: MemberRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Edit board member {after.name}", desk, refresh, report)
        self.person_id = after.person_id
        self.before, self.after = before, after

    def _set(self, left: MemberRecord, wanted: MemberRecord) -> None:
        member = _as_left(self.desk, self.person_id, seat(left))
        self.desk.members.update(
            member.id, kind=wanted.kind, board_role=wanted.board_role, active=wanted.active,
            expected_version=member.version,
        )  # fmt: skip

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


class RemoveMember(DeskCommand):
    def __init__(
        self,
        removed: MemberRecord,
        index: int,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Remove {removed.name} from the board", desk, refresh, report)
        self.removed = removed
        self.index = index

    def apply(self) -> None:
        member = _as_left(self.desk, self.removed.person_id, seat(self.removed))
        self.desk.members.remove(member.id, expected_version=member.version)

    def revert(self) -> None:
        _put_back(self.desk, self.removed, self.index)


class MoveMember(DeskCommand):
    def __init__(
        self,
        member: MemberRecord,
        old_index: int,
        new_index: int,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        direction = "up" if new_index < old_index else "down"
        super().__init__(f"Move {member.name} {direction}", desk, refresh, report)
        self.person_id = member.person_id
        self.old_index, self.new_index = old_index, new_index

    def _move(self, at: int, to: int) -> None:
        index, member = _find(self.desk, self.person_id)
        expect_as_left("Board member", member.name, index, at, member.version)
        self.desk.members.move(member.id, to)

    def apply(self) -> None:
        self._move(self.old_index, self.new_index)

    def revert(self) -> None:
        self._move(self.new_index, self.old_index)


def _settings(record: MeetingSettingsRecord) -> tuple[object, ...]:
    return (record.quorum, record.default_venue, record.default_start)


class ChangeMeetingSettings(DeskCommand):
    def __init__(
        self,
        before: MeetingSettingsRecord,
        after: MeetingSettingsRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        text = (
            f"Set the quorum to {after.quorum}"
            if _settings(before)[1:] == _settings(after)[1:]
            else "Change meeting settings"
        )
        super().__init__(text, desk, refresh, report)
        self.before, self.after = before, after

    def _set(self, left: MeetingSettingsRecord, wanted: MeetingSettingsRecord) -> None:
        current = self.desk.meeting_settings.get()
        version = expect_as_left(
            "Quorum", "setting", _settings(current), _settings(left), current.version
        )
        self.desk.meeting_settings.update(
            quorum=wanted.quorum, default_venue=wanted.default_venue,
            default_start=wanted.default_start, expected_version=version,
        )  # fmt: skip

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)
