"""The meeting services through an open desk: the board's members and settings, meetings,
agendas and attendance, with their audit rows, undo snapshots and refusals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time
from pathlib import Path

import pytest
from conftest import TODAY
from meeting_fixtures import (
    APRIL,
    FEBRUARY,
    JANUARY,
    MARCH,
    add_members,
    audit_count,
    audit_rows,
    draft,
    held_meeting,
    item_draft,
    make_pdf,
    raise_action,
    standing,
)
from sqlalchemy import func, select

from improvement_desk.db.models import AgendaItem, Paper, Person
from improvement_desk.domain.errors import Conflict, NotFound, StorageError, ValidationError
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import (
    CLOSING_ITEMS,
    STANDING_AGENDA,
    AttendanceStatus,
    MeetingStatus,
    MemberKind,
    StandingItem,
)
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.desk import Desk, open_desk

# -- members ----------------------------------------------------------------------------------


def test_members_in_order_with_their_seats(desk: Desk) -> None:
    members = add_members(desk)
    assert [m.name for m in desk.members.members()] == [m.name for m in members]
    chair = members[0]
    assert (chair.kind, chair.board_role, chair.job_role, chair.organisation) == (
        MemberKind.VOTING,
        "Chair",
        "Chief Executive",
        "Council",
    )
    assert [m.position for m in desk.members.members()] == [0, 1, 2, 3, 4]
    created = {(r.field, r.new_value) for r in audit_rows(desk, "board_member")}
    assert ("person", "Ann Chair") in created
    assert ("kind", "voting") in created


def test_add_person_reuses_someone_already_listed(desk: Desk) -> None:
    listed = desk.people.add("Jo Bloggs", "Head of Service", "Council")
    member = desk.members.add_person("Jo Bloggs", "Ignored", "Ignored", MemberKind.ADVISER)
    assert member.person_id == listed.id
    assert member.job_role == "Head of Service"
    with pytest.raises(ValidationError) as refused:
        desk.members.add(listed.id, MemberKind.VOTING)
    assert refused.value.fields() == {"Name"}
    assert "already on the board" in str(refused.value)


def test_member_bad_input_named_by_field(desk: Desk) -> None:
    audited = audit_count(desk)
    with pytest.raises(ValidationError) as refused:
        desk.members.add_person("", "a\nb", "", MemberKind.VOTING, "x" * 201)
    assert refused.value.fields() == {"Name", "Role", "Board role"}
    with pytest.raises(NotFound):
        desk.members.add(999, MemberKind.VOTING)
    assert desk.members.members() == []
    assert audit_count(desk) == audited


def test_update_remove_and_move_members(desk: Desk) -> None:
    members = add_members(desk)
    bob = members[1]
    updated = desk.members.update(
        bob.id, kind=MemberKind.ADVISER, board_role="Vice chair", active=False,
        expected_version=bob.version,
    )  # fmt: skip
    assert (updated.kind, updated.board_role, updated.active) == (
        MemberKind.ADVISER,
        "Vice chair",
        False,
    )
    assert [m.name for m in desk.members.members(include_inactive=False)] == [
        "Ann Chair", "Cath Health", "Dan Adviser", "Eve Officer",
    ]  # fmt: skip
    with pytest.raises(Conflict):
        desk.members.update(
            bob.id, kind=MemberKind.VOTING, board_role="", active=True, expected_version=bob.version
        )
    moved = desk.members.move(members[4].id, 0)
    assert [m.name for m in moved][:2] == ["Eve Officer", "Ann Chair"]
    assert [m.position for m in moved] == [0, 1, 2, 3, 4]
    # Moving does not make the others look "changed by someone else".
    assert next(m for m in moved if m.id == members[0].id).version == members[0].version
    with pytest.raises(ValidationError) as refused:
        desk.members.move(members[0].id, 5)
    assert refused.value.fields() == {"Position"}
    removed = desk.members.remove(members[2].id, expected_version=members[2].version)
    assert removed.name == "Cath Health"
    assert [m.position for m in desk.members.members()] == [0, 1, 2, 3]
    back = desk.members.add(removed.person_id, removed.kind, removed.board_role)
    assert back.name == "Cath Health"
    operations = [r.operation for r in audit_rows(desk, "board_member")]
    assert {"create", "update", "delete"} <= set(operations)


# -- settings ---------------------------------------------------------------------------------


def test_settings_default_and_update(desk: Desk) -> None:
    settings = desk.meeting_settings.get()
    assert settings.quorum == 3
    assert settings.default_venue == ""
    assert settings.default_start is None
    updated = desk.meeting_settings.update(
        quorum=2, default_venue=" Town Hall ", default_start=time(10),
        expected_version=settings.version,
    )  # fmt: skip
    assert (updated.quorum, updated.default_venue, updated.default_start) == (
        2,
        "Town Hall",
        time(10),
    )
    assert {r.field for r in audit_rows(desk, "meeting_settings")} == {
        "quorum", "default_venue", "default_start",
    }  # fmt: skip
    with pytest.raises(Conflict):
        desk.meeting_settings.update(
            quorum=3, default_venue="", default_start=None, expected_version=settings.version
        )


def test_quorum_checked_against_voting_members(desk: Desk) -> None:
    add_members(desk)  # three voting members
    with pytest.raises(ValidationError) as refused:
        desk.meeting_settings.update(
            quorum=4, default_venue="", default_start=None, expected_version=None
        )
    assert refused.value.fields() == {"Quorum"}
    assert "only 3 voting members" in str(refused.value)
    with pytest.raises(ValidationError) as refused:
        desk.meeting_settings.update(
            quorum=0, default_venue="a\nb", default_start=None, expected_version=None
        )
    assert refused.value.fields() == {"Default venue"}
    assert desk.meeting_settings.get().quorum == 3


# -- meetings ---------------------------------------------------------------------------------


def test_create_with_the_standing_agenda(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY, title=" Improvement Board "))
    assert record.summary.title == "Improvement Board"
    assert record.summary.status is MeetingStatus.PLANNED
    assert record.summary.label == "Improvement Board, 13 Jan 2014"
    assert [i.standing for i in record.items] == [t.kind for t in STANDING_AGENDA]
    assert [i.number for i in record.items] == [str(n) for n in range(1, 10)]
    # Each item starts when the time allowed for the ones before has run out.
    assert record.items[0].starts_at == time(10, 0)
    assert record.items[1].starts_at == time(10, 5)
    assert record.items[-1].starts_at == time(11, 45)  # 105 minutes in
    assert audit_count(desk, "meeting") > 0
    assert len({r.entity_id for r in audit_rows(desk, "agenda_item")}) == len(STANDING_AGENDA)
    bare = desk.meetings.create(draft(FEBRUARY, start_time=None), standing_items=False)
    assert bare.items == ()
    assert [m.id for m in desk.meeting_reader.meetings()] == [record.id, bare.id]


def test_create_refuses_bad_input_naming_fields(desk: Desk) -> None:
    audited = audit_count(desk)
    with pytest.raises(ValidationError) as refused:
        desk.meetings.create(draft(JANUARY.replace(year=1990), title="", venue="a\nb"))
    assert refused.value.fields() == {"Date", "Title", "Venue"}
    assert desk.meeting_reader.meetings() == []
    assert audit_count(desk) == audited


def test_update_meeting_audits_and_checks_version(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY))
    updated = desk.meetings.update(
        record.id,
        draft(JANUARY, venue="Civic Centre", marking=Marking.OFFICIAL_SENSITIVE),
        expected_version=record.summary.version,
    )
    assert updated.summary.venue == "Civic Centre"
    assert updated.summary.marking is Marking.OFFICIAL_SENSITIVE
    changed = {(r.field, r.old_value, r.new_value) for r in audit_rows(desk, "meeting")}
    assert ("venue", "Town Hall", "Civic Centre") in changed
    with pytest.raises(Conflict, match="since you opened it"):
        desk.meetings.update(record.id, draft(MARCH), expected_version=record.summary.version)
    with pytest.raises(NotFound):
        desk.meetings.update(999, draft(MARCH), expected_version=None)


def test_status_moves_forward_and_back_but_never_to_approved(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY))
    for status in (MeetingStatus.PAPERS_ISSUED, MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED):
        record = desk.meetings.set_status(record.id, status, expected_version=None)
        assert record.summary.status is status
    record = desk.meetings.set_status(record.id, MeetingStatus.HELD, expected_version=None)
    with pytest.raises(ValidationError) as refused:
        desk.meetings.set_status(record.id, MeetingStatus.MINUTES_APPROVED, expected_version=None)
    assert refused.value.fields() == {"Status"}
    assert "later meeting" in str(refused.value)
    statuses = [r.new_value for r in audit_rows(desk, "meeting") if r.field == "status"]
    assert statuses[-1] == "held"


def test_a_future_meeting_cannot_have_been_held(desk: Desk) -> None:
    record = desk.meetings.create(draft(APRIL))
    with pytest.raises(ValidationError, match="cannot have been held yet"):
        desk.meetings.set_status(record.id, MeetingStatus.HELD, expected_version=None)
    issued = desk.meetings.set_status(record.id, MeetingStatus.PAPERS_ISSUED, expected_version=None)
    assert issued.summary.status is MeetingStatus.PAPERS_ISSUED


def test_delete_and_restore_a_meeting_with_everything(desk: Desk, tmp_path: Path) -> None:
    members = add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(record.id, item_draft())
    desk.papers.attach(item.id, make_pdf(tmp_path / "p.pdf", pages=2))
    desk.minutes.add_decision(item.id, "RESOLVED: that it be noted.")
    desk.minutes.declare(record.id, members[0].person_id, item.id, "Governor")
    desk.minutes.declare(record.id, members[1].person_id, None, "Employed by a provider")
    desk.attendance.record(record.id, members[0].person_id, AttendanceStatus.PRESENT)
    before = desk.meeting_reader.meeting(record.id)
    snapshot = desk.meetings.delete(record.id, expected_version=before.summary.version)
    assert desk.meeting_reader.meetings() == []
    with desk.ctx.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Paper)) == 0
    assert [r.operation for r in audit_rows(desk, "meeting")][-1] == "delete"
    restored = desk.meetings.restore(snapshot)
    assert restored.id == record.id
    assert [i.id for i in restored.items] == [i.id for i in before.items]
    assert restored.items == before.items
    assert restored.declarations == before.declarations
    assert restored.attendance == before.attendance
    assert desk.papers.content(restored.items[7].papers[0].id).startswith(b"%PDF-")
    with pytest.raises(ValidationError, match="already exists"):
        desk.meetings.restore(snapshot)


def test_delete_refused_while_actions_were_raised_there(desk: Desk) -> None:
    members = add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    raise_action(desk, record.id, None, members[0].person_id, "A7")
    with pytest.raises(ValidationError) as refused:
        desk.meetings.delete(record.id, expected_version=None)
    assert refused.value.fields() == {"Meeting"}
    assert "A7" in str(refused.value)
    assert len(desk.meeting_reader.meetings()) == 1


# -- agenda -----------------------------------------------------------------------------------


def test_own_items_go_before_the_closing_items(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY))
    first = desk.agenda.add_item(record.id, item_draft("Workforce"))
    second = desk.agenda.add_item(record.id, item_draft("Early help"))
    assert (first.number, second.number) == ("8", "9")
    agenda = desk.meeting_reader.meeting(record.id)
    assert [i.standing for i in agenda.items[-2:]] == list(CLOSING_ITEMS)
    assert [i.title for i in agenda.items[7:9]] == ["Workforce", "Early help"]
    created = [r for r in audit_rows(desk, "agenda_item") if r.entity_id == second.id]
    assert ("number", "9") in {(r.field, r.new_value) for r in created}
    # With no closing items, a new item goes last.
    bare = desk.meetings.create(draft(FEBRUARY), standing_items=False)
    assert desk.agenda.add_item(bare.id, item_draft("Only")).number == "1"


def test_update_item_with_exemption_and_marking(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(record.id, item_draft("Staffing"))
    updated = desk.agenda.update_item(
        item.id,
        item_draft("Staffing", exempt=True, exempt_paragraph=1, marking=Marking.OFFICIAL_SENSITIVE),
        expected_version=item.version,
    )
    assert (updated.exempt, updated.exempt_paragraph, updated.marking) == (
        True,
        1,
        Marking.OFFICIAL_SENSITIVE,
    )
    changes = {(r.field, r.new_value) for r in audit_rows(desk, "agenda_item")}
    assert ("exempt_paragraph", "1") in changes
    with pytest.raises(ValidationError) as refused:
        desk.agenda.update_item(
            item.id, item_draft("", exempt=True, exempt_paragraph=8), expected_version=None
        )
    assert refused.value.fields() == {"Title", "Exempt paragraph"}
    with pytest.raises(Conflict):
        desk.agenda.update_item(item.id, item_draft("Again"), expected_version=item.version)


def test_public_title_written_audited_and_kept_through_undo(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(
        record.id,
        item_draft(
            "Agency contract: commercial terms",
            exempt=True,
            exempt_paragraph=3,
            public_title="  Agency social work contract ",
        ),
    )
    assert item.public_title == "Agency social work contract"
    created = {(r.field, r.new_value) for r in audit_rows(desk, "agenda_item")}
    assert ("public_title", "Agency social work contract") in created
    updated = desk.agenda.update_item(
        item.id,
        item_draft(
            "Agency contract: commercial terms",
            exempt=True,
            exempt_paragraph=3,
            public_title="Agency contract",
        ),
        expected_version=item.version,
    )
    assert updated.public_title == "Agency contract"
    change = [r for r in audit_rows(desk, "agenda_item") if r.field == "public_title"][-1]
    assert (change.operation, change.old_value, change.new_value) == (
        "update",
        "Agency social work contract",
        "Agency contract",
    )
    with pytest.raises(ValidationError) as refused:
        desk.agenda.update_item(
            item.id, item_draft("Agency", public_title="Agency contract"), expected_version=None
        )
    assert [str(p) for p in refused.value.problems] == [
        "Public title: only an exempt item has a public title"
    ]
    assert desk.meeting_reader.meeting(record.id).items[7] == updated
    snapshot = desk.agenda.delete_item(item.id, expected_version=updated.version)
    assert desk.agenda.restore_item(snapshot).public_title == "Agency contract"


def test_a_standing_item_appears_once(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY))
    with pytest.raises(ValidationError) as refused:
        desk.agenda.add_item(record.id, item_draft("Risks", standing=StandingItem.RISK_REGISTER))
    assert refused.value.fields() == {"Standing item"}


def test_move_item_renumbers_without_touching_versions(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(record.id, item_draft("Workforce"))
    moved = desk.agenda.move_item(item.id, 0)
    assert moved.items[0].id == item.id
    assert moved.items[0].number == "1"
    assert [i.position for i in moved.items] == list(range(10))
    assert moved.items[1].version == record.items[0].version
    assert moved.items[0].starts_at == time(10)
    move = [r for r in audit_rows(desk, "agenda_item") if r.field == "number"][-1]
    assert (move.old_value, move.new_value) == ("8", "1")
    with pytest.raises(ValidationError) as refused:
        desk.agenda.move_item(item.id, 10)
    assert refused.value.fields() == {"Position"}


def test_delete_and_restore_an_item(desk: Desk, tmp_path: Path) -> None:
    members = add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(record.id, item_draft("Workforce"))
    desk.papers.attach(item.id, make_pdf(tmp_path / "a.pdf"), title="Report")
    desk.minutes.add_decision(item.id, "RESOLVED: noted.")
    desk.minutes.declare(record.id, members[0].person_id, item.id, "Governor")
    item = desk.meeting_reader.meeting(record.id).items[7]
    snapshot = desk.agenda.delete_item(item.id, expected_version=item.version)
    after = desk.meeting_reader.meeting(record.id)
    assert [i.number for i in after.items] == [str(n) for n in range(1, 10)]
    assert after.declarations == ()
    restored = desk.agenda.restore_item(snapshot)
    assert restored == item
    with pytest.raises(ValidationError):
        desk.agenda.restore_item(snapshot)


def test_delete_item_refused_while_actions_hang_on_it(desk: Desk) -> None:
    members = add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(record.id, item_draft())
    raise_action(desk, record.id, item.id, members[0].person_id, "A3")
    with pytest.raises(ValidationError, match="A3"):
        desk.agenda.delete_item(item.id, expected_version=None)


def test_add_standing_items_adds_only_the_missing_in_template_order(desk: Desk) -> None:
    record = desk.meetings.create(draft(JANUARY))
    for kind in (StandingItem.WELCOME, StandingItem.RISK_REGISTER, StandingItem.NEXT_MEETING):
        item = desk.meeting_reader.meeting(record.id)
        desk.agenda.delete_item(standing(item, kind), expected_version=None)
    own = desk.agenda.add_item(record.id, item_draft("Workforce"))
    refilled = desk.agenda.add_standing_items(record.id)
    kinds = [i.standing for i in refilled.items]
    assert [k for k in kinds if k] == [t.kind for t in STANDING_AGENDA]
    assert kinds.index(None) == kinds.index(StandingItem.ANY_OTHER_BUSINESS) - 1
    assert refilled.items[kinds.index(None)].id == own.id
    again = desk.agenda.add_standing_items(record.id)
    assert len(again.items) == len(refilled.items)


# -- attendance -------------------------------------------------------------------------------


def test_attendance_lines_quorum_and_kind_snapshot(desk: Desk) -> None:
    members = add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    lines = desk.meeting_reader.meeting(record.id).attendance
    assert [a.name for a in lines] == [m.name for m in members]
    assert all(a.status is None for a in lines)
    for m in members[:2]:
        desk.attendance.record(record.id, m.person_id, AttendanceStatus.PRESENT)
    line = desk.attendance.record(
        record.id, members[2].person_id, AttendanceStatus.APOLOGIES, " Deputy Director "
    )
    assert (line.status, line.substitute) == (AttendanceStatus.APOLOGIES, "Deputy Director")
    desk.attendance.record(record.id, members[3].person_id, AttendanceStatus.PRESENT)
    meeting = desk.meeting_reader.meeting(record.id)
    assert (meeting.voting_present, meeting.quorum, meeting.quorate) == (2, 3, False)
    desk.attendance.record(record.id, members[2].person_id, AttendanceStatus.PRESENT)
    assert desk.meeting_reader.meeting(record.id).quorate
    # The seat held that day stays with the line when the membership changes.
    desk.members.update(
        members[0].id, kind=MemberKind.ADVISER, board_role="", active=True, expected_version=None
    )
    assert desk.meeting_reader.meeting(record.id).voting_present == 3
    cleared = desk.attendance.record(record.id, members[2].person_id, None)
    assert cleared.status is None
    assert {r.operation for r in audit_rows(desk, "attendance")} == {"create", "update", "delete"}


def test_someone_not_on_the_board_attends_as_an_officer(desk: Desk) -> None:
    guest = desk.people.add("Gail Guest", "Principal Social Worker")
    record = desk.meetings.create(draft(JANUARY))
    line = desk.attendance.record(record.id, guest.id, AttendanceStatus.PRESENT)
    assert line.kind is MemberKind.OFFICER
    assert [a.name for a in desk.meeting_reader.meeting(record.id).attendance] == ["Gail Guest"]


def test_attendance_bad_input(desk: Desk) -> None:
    members = add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    with pytest.raises(ValidationError) as refused:
        desk.attendance.record(record.id, members[0].person_id, AttendanceStatus.PRESENT, "Sub")
    assert refused.value.fields() == {"Substitute"}
    with pytest.raises(ValidationError) as refused:
        desk.attendance.record(record.id, members[0].person_id, AttendanceStatus.APOLOGIES, "a\nb")
    assert refused.value.fields() == {"Substitute"}
    with pytest.raises(NotFound):
        desk.attendance.record(record.id, 999, AttendanceStatus.PRESENT)
    with pytest.raises(NotFound):
        desk.attendance.record(999, members[0].person_id, AttendanceStatus.PRESENT)
    assert audit_count(desk, "attendance") == 0


# -- reading ----------------------------------------------------------------------------------


def test_reader_neighbours_latest_and_open_actions(desk: Desk) -> None:
    members = add_members(desk)
    january = held_meeting(desk, JANUARY)
    march = desk.meetings.create(draft(MARCH))
    april = desk.meetings.create(draft(APRIL))
    february = desk.meetings.create(draft(FEBRUARY))
    raise_action(desk, january.id, None, members[0].person_id, "A1")
    raise_action(desk, january.id, None, members[0].person_id, "A2")
    summaries = desk.meeting_reader.meetings()
    assert [s.id for s in summaries] == [january.id, february.id, march.id, april.id]
    assert summaries[0].open_actions == 2
    assert summaries[0].item_count == len(STANDING_AGENDA)
    record = desk.meeting_reader.meeting(february.id)
    assert record.previous is not None
    assert record.previous.id == january.id
    assert record.next is not None
    assert record.next.id == march.id
    assert [a.reference for a in record.matters_arising] == ["A1", "A2"]
    assert MARCH <= TODAY < APRIL
    assert desk.meeting_reader.latest_id() == march.id
    assert desk.meeting_reader.latest_id(held_only=True) == january.id
    with pytest.raises(NotFound):
        desk.meeting_reader.meeting(999)


def test_latest_without_past_meetings_is_the_last_planned(desk: Desk) -> None:
    assert desk.meeting_reader.latest_id() is None
    april = desk.meetings.create(draft(APRIL))
    assert desk.meeting_reader.latest_id() == april.id
    assert desk.meeting_reader.latest_id(held_only=True) is None


def test_actions_show_under_their_item(desk: Desk) -> None:
    members = add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(record.id, item_draft())
    raise_action(desk, record.id, item.id, members[0].person_id, "A5")
    shown = desk.meeting_reader.meeting(record.id).items[7]
    assert [a.reference for a in shown.actions] == ["A5"]


def test_read_only_board_refuses_every_write(desk: Desk, board_location: str | Path) -> None:
    members = add_members(desk)
    record = desk.meetings.create(draft(JANUARY))
    desk.close()
    reader = open_desk(board_location, Actor("Reader", "reader"), read_only=True)
    try:
        assert reader.meeting_reader.meeting(record.id).id == record.id
        writes: list[Callable[[], object]] = [
            lambda: reader.meetings.create(draft(MARCH)),
            lambda: reader.agenda.add_item(record.id, item_draft()),
            lambda: reader.attendance.record(
                record.id, members[0].person_id, AttendanceStatus.PRESENT
            ),
            lambda: reader.members.add_person("New", "", "", MemberKind.VOTING),
            lambda: reader.meeting_settings.update(
                quorum=2, default_venue="", default_start=None, expected_version=None
            ),
        ]
        for write in writes:
            with pytest.raises(StorageError, match="read-only"):
                write()
    finally:
        reader.close()


def test_person_on_the_board_is_a_person(desk: Desk) -> None:
    members = add_members(desk)
    with desk.ctx.db.reading() as session:
        names = set(session.scalars(select(Person.name)))
        items = session.scalar(select(func.count()).select_from(AgendaItem))
    assert {m.name for m in members} <= names
    assert items == 0
