"""A board with members and meetings made through the meeting services, and tiny PDFs.

`approved_board()` is the scenario most lock and minutes tests start from: a
January meeting with one of everything (item, paper, decision, declaration,
attendance, an action raised), approved at February's meeting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from reportlab.pdfgen import canvas
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry, LogAction
from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.meeting import (
    AgendaItemDraft,
    AttendanceStatus,
    MeetingDraft,
    MeetingStatus,
    MemberKind,
    Purpose,
    StandingItem,
)
from improvement_desk.services.desk import Desk
from improvement_desk.services.meeting_records import MeetingRecord, MemberRecord

JANUARY = date(2014, 1, 13)
FEBRUARY = date(2014, 2, 10)
MARCH = date(2014, 3, 10)
APRIL = date(2014, 4, 14)  # after the test board's today (31 Mar 2014)


def make_pdf(path: Path, *, pages: int = 1, text: str = "Board paper", password: str = "") -> Path:
    """A small real PDF from ReportLab (encrypted when a password is given)."""
    pdf = canvas.Canvas(str(path), encrypt=password or None)
    for page in range(pages):
        pdf.drawString(72, 720, f"{text}, page {page + 1}")
        pdf.showPage()
    pdf.save()
    return path


def draft(on: date = JANUARY, **changes: object) -> MeetingDraft:
    values: dict[str, object] = {"meeting_date": on, "start_time": time(10), "venue": "Town Hall"}
    values.update(changes)
    return MeetingDraft(**values)  # type: ignore[arg-type]


def item_draft(title: str = "Early help strategy", **changes: object) -> AgendaItemDraft:
    values: dict[str, object] = {
        "title": title,
        "presenter": "Director of Children's Services",
        "purpose": Purpose.DECISION,
        "minutes_allowed": 20,
    }
    values.update(changes)
    return AgendaItemDraft(**values)  # type: ignore[arg-type]


def standing(record: MeetingRecord, kind: StandingItem) -> int:
    return next(i.id for i in record.items if i.standing is kind)


def audit_count(desk: Desk, entity: str | None = None) -> int:
    with desk.ctx.db.reading() as session:
        query = select(func.count()).select_from(AuditEntry)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        return session.scalar(query) or 0


def audit_rows(desk: Desk, entity: str) -> list[AuditEntry]:
    with desk.ctx.db.reading() as session:
        return list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
            )
        )


def add_members(desk: Desk) -> list[MemberRecord]:
    return [
        desk.members.add_person(
            "Ann Chair", "Chief Executive", "Council", MemberKind.VOTING, "Chair"
        ),
        desk.members.add_person("Bob Lead", "Lead Member", "Council", MemberKind.VOTING),
        desk.members.add_person("Cath Health", "Director", "CCG", MemberKind.VOTING),
        desk.members.add_person("Dan Adviser", "Adviser", "DfE", MemberKind.ADVISER),
        desk.members.add_person("Eve Officer", "Head of Service", "Council", MemberKind.OFFICER),
    ]


def raise_action(
    desk: Desk, meeting_id: int, item_id: int | None, owner_id: int, reference: str = "A1"
) -> int:
    """A log action written straight through the model (the log's own services are not
    what these tests are about)."""
    with desk.ctx.db.transaction() as session:
        action = LogAction(
            reference=reference,
            meeting_id=meeting_id,
            agenda_item_id=item_id,
            description="Report back on recruitment",
            owner_id=owner_id,
            original_due=date(2014, 3, 1),
            current_due=date(2014, 3, 1),
            status=LogStatus.OPEN,
            created_at=datetime(2014, 1, 13, 12, tzinfo=UTC),
        )
        session.add(action)
        session.flush()
        return action.id


@dataclass(frozen=True)
class ApprovedBoard:
    january: MeetingRecord  # approved
    february: MeetingRecord  # held, approved January's minutes
    members: list[MemberRecord]
    item_id: int  # January's own item
    paper_id: int
    decision_id: int
    declaration_id: int
    action_id: int


def held_meeting(desk: Desk, on: date) -> MeetingRecord:
    record = desk.meetings.create(draft(on))
    return desk.meetings.set_status(record.id, MeetingStatus.HELD, expected_version=None)


def approved_board(desk: Desk, tmp_path: Path) -> ApprovedBoard:
    members = add_members(desk)
    january = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(january.id, item_draft())
    paper = desk.papers.attach(item.id, make_pdf(tmp_path / "strategy.pdf"))
    decision = desk.minutes.add_decision(item.id, "RESOLVED: that the strategy be agreed.")
    declaration = desk.minutes.declare(january.id, members[1].person_id, item.id, "Trustee")
    for member in members[:2]:
        desk.attendance.record(january.id, member.person_id, AttendanceStatus.PRESENT)
    desk.minutes.write_minute(item.id, "The board discussed the strategy.", expected_version=None)
    action_id = raise_action(desk, january.id, item.id, members[0].person_id)
    desk.meetings.set_status(january.id, MeetingStatus.MINUTES_DRAFTED, expected_version=None)
    february = held_meeting(desk, FEBRUARY)
    january = desk.minutes.approve(
        january.id,
        at_item_id=standing(february, StandingItem.PREVIOUS_MINUTES),
        expected_version=None,
    )
    return ApprovedBoard(
        january,
        desk.meeting_reader.meeting(february.id),
        members,
        item.id,
        paper.id,
        decision.id,
        declaration.id,
        action_id,
    )
