"""A board with two meetings, as the meeting screen's tests and screenshot need it.

February's meeting agreed three actions (one now overdue, one re-dated, one
reported complete); March's meeting (26 March 2014, five days before the test
boards' "today") is the one being recorded. Eight people: five voting members,
an adviser and two officers; the quorum is four.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from improvement_desk.domain.action_log import DueRevisionDraft, LogActionDraft, LogStatus
from improvement_desk.domain.meeting import (
    AgendaItemDraft,
    MeetingDraft,
    MeetingStatus,
    MemberKind,
    Purpose,
    StandingItem,
)
from improvement_desk.services.desk import Desk
from improvement_desk.services.meeting_records import AgendaItemRecord, MeetingRecord

FEBRUARY = date(2014, 2, 19)
MARCH = date(2014, 3, 26)

PEOPLE = (
    ("Alan Wood", "Independent Chair", "Independent", MemberKind.VOTING, "Chair"),
    ("Cllr Mary Jones", "Cabinet Member for Children", "The Council", MemberKind.VOTING, ""),
    ("Gillian Beasley", "Chief Executive", "The Council", MemberKind.VOTING, ""),
    ("Dr Helen Brown", "Chief Nurse", "Clinical Commissioning Group", MemberKind.VOTING, ""),
    ("Supt David Clarke", "Head of Public Protection", "Police", MemberKind.VOTING, ""),
    ("Sue Patel", "Improvement Adviser", "Department for Education", MemberKind.ADVISER, ""),
    ("Jane Smith", "Director of Children's Services", "The Council", MemberKind.OFFICER, ""),
    ("Tom Harris", "Improvement Programme Manager", "The Council", MemberKind.OFFICER, ""),
)


@dataclass(frozen=True)
class Board:
    february: int
    march: int
    people: dict[str, int]  # name → person id

    def meeting(self, desk: Desk, meeting_id: int) -> MeetingRecord:
        return desk.meeting_reader.meeting(meeting_id)

    def item(self, desk: Desk, meeting_id: int, kind: StandingItem) -> AgendaItemRecord:
        return next(i for i in self.meeting(desk, meeting_id).items if i.standing is kind)


def build_board(desk: Desk) -> Board:
    people: dict[str, int] = {}
    for name, role, organisation, kind, seat in PEOPLE:
        member = desk.members.add_person(name, role, organisation, kind, seat)
        people[name] = member.person_id
    settings = desk.meeting_settings.get()
    desk.meeting_settings.update(
        quorum=4, default_venue="", default_start=None, expected_version=settings.version
    )
    february = desk.meetings.create(
        MeetingDraft(FEBRUARY, time(10, 0), "Council Chamber, Town Hall")
    )
    march = desk.meetings.create(MeetingDraft(MARCH, time(10, 0), "Committee Room 1, Town Hall"))
    for title, presenter in (
        ("Multi-agency safeguarding hub: six-month review", "Jane Smith"),
        ("Social work workforce strategy", "Tom Harris"),
    ):
        desk.agenda.add_item(
            march.id,
            AgendaItemDraft(title, presenter=presenter, purpose=Purpose.DECISION,
                            minutes_allowed=20),
        )  # fmt: skip
    log_item = next(i for i in february.items if i.standing is StandingItem.ACTION_LOG)
    agreed = (
        ("Report caseloads by team to every meeting", "Jane Smith", date(2014, 3, 14)),
        ("Agree the MASH information-sharing protocol", "Supt David Clarke", date(2014, 3, 20)),
        ("Publish the recruitment campaign", "Tom Harris", date(2014, 3, 31)),
    )
    added = [
        desk.action_log.add(february.id, log_item.id, LogActionDraft(text, people[owner], due))
        for text, owner, due in agreed
    ]
    protocol = added[1].summary
    desk.action_log.revise_due(
        protocol.id,
        DueRevisionDraft(date(2014, 4, 30), "Police legal review", february.id),
        expected_version=protocol.version,
    )
    campaign = added[2].summary
    desk.action_log.set_status(campaign.id, LogStatus.COMPLETE, expected_version=campaign.version)
    desk.meetings.set_status(
        february.id, MeetingStatus.HELD, expected_version=desk.meeting_reader.meeting(
            february.id).summary.version,
    )  # fmt: skip
    return Board(february.id, march.id, people)
