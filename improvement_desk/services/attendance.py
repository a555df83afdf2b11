"""Ticking attendance: present, apologies (with a substitute), absent, for each person at a meeting.

Each line keeps the kind of seat the person held that day (voting member,
adviser, officer), copied from the membership when first recorded, so a past
meeting stays quorate or not whatever happens to the board later.
"""

from __future__ import annotations

from sqlalchemy import select

from improvement_desk.db.models import Attendance, BoardMember, Person
from improvement_desk.domain.errors import Conflict, FieldProblem
from improvement_desk.domain.meeting import AttendanceStatus, MemberKind
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text, clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.meeting_guards import (
    meeting_label,
    meeting_transaction,
    open_meeting,
)
from improvement_desk.services.meeting_reader import attendance_record
from improvement_desk.services.meeting_records import AttendanceRecord

ENTITY = "attendance"


class AttendanceService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def record(
        self,
        meeting_id: int,
        person_id: int,
        status: AttendanceStatus | None,
        substitute: str = "",
        *,
        expected_version: int | None = None,
    ) -> AttendanceRecord:
        """Sets one person's line; None clears it (back to "not recorded").

        `expected_version` is the line's version as the screen showed it, 0 for a line
        shown as not recorded; None (the CLI, undo replaying its own step) skips the check.
        """
        status = None if status is None else AttendanceStatus(status)
        substitute = clean_text(substitute)
        raise_if(_problems(status, substitute))
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, meeting_id)
            person = fetch(session, Person, person_id, "Person")
            label = f"{meeting_label(meeting)}: {person.name}"
            row = session.scalar(
                select(Attendance).where(
                    Attendance.meeting_id == meeting_id, Attendance.person_id == person_id
                )
            )
            _check_line(row, expected_version, f"{person.name} at {meeting_label(meeting)}")
            trail = AuditTrail(self._ctx, session)
            if status is None:
                if row is not None:
                    trail.deleted(ENTITY, row.id, label, _values(row))
                    session.delete(row)
            elif row is None:
                member = session.scalar(
                    select(BoardMember).where(BoardMember.person_id == person_id)
                )
                row = Attendance(
                    meeting_id=meeting_id,
                    person_id=person_id,
                    kind=member.kind if member else MemberKind.OFFICER,
                    status=status,
                    substitute=substitute,
                )
                session.add(row)
                session.flush()
                trail.created(ENTITY, row.id, label, _values(row))
            else:
                trail.apply(row, ENTITY, label, {"status": status, "substitute": substitute})
            session.flush()
            return attendance_record(session, meeting_id, person_id)


def _check_line(row: Attendance | None, expected: int | None, who: str) -> None:
    """The line must still be as the screen showed it: recorded at that version, or not at all.

    A line recorded or cleared by a colleague since is no version the screen could hold, so
    that is refused in words of its own rather than as a version mismatch.
    """
    if expected is None:
        return
    if row is not None and expected:
        check_version(row, expected, "Attendance", f"of {who}")
    elif row is not None or expected:
        done = "recorded" if row is not None else "cleared"
        raise Conflict(
            f"Attendance of {who} was {done} by someone else since you opened it; "
            "nothing was saved. Reload to see it.",
            kind="Attendance",
            key=row.id if row is not None else None,
            stale=True,
        )


def _values(row: Attendance) -> dict[str, object]:
    return {"kind": row.kind, "status": row.status, "substitute": row.substitute}


def _problems(status: AttendanceStatus | None, substitute: str) -> list[FieldProblem]:
    problem = check_text(
        "Substitute", substitute, max_length=SHORT_TEXT, single_line=True, required=False
    )
    if problem:
        return [problem]
    if substitute and status is not AttendanceStatus.APOLOGIES:
        return [FieldProblem("Substitute", "only a member sending apologies sends a substitute")]
    return []
