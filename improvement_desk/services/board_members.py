"""The board's membership: who sits on it (voting members, advisers) and the officers who attend.

A member is a person from the board's list of people with a seat: the kind of
seat decides whether they count towards the quorum, and the order is the order
the minutes list them in. Removing a member leaves their past attendance alone:
each attendance line keeps the kind of seat held that day.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import BoardMember, Person
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.meeting import MemberKind
from improvement_desk.domain.people import validate_person
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text, clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.meeting_records import MemberRecord
from improvement_desk.services.ordering import check_index, moved, renumber
from improvement_desk.services.people import add_person_in

ENTITY = "board_member"


def member_record(m: BoardMember, p: Person) -> MemberRecord:
    return MemberRecord(
        m.id,
        p.id,
        p.name,
        p.role,
        p.organisation,
        m.kind,
        m.board_role,
        m.active,
        m.position,
        m.version,
    )


def load_members(session: Session, *, include_inactive: bool = True) -> list[MemberRecord]:
    query = (
        select(BoardMember, Person)
        .join(Person, Person.id == BoardMember.person_id)
        .order_by(BoardMember.position, BoardMember.id)
    )
    if not include_inactive:
        query = query.where(BoardMember.active.is_(True))
    return [member_record(m, p) for m, p in session.execute(query)]


def voting_members(session: Session) -> int:
    """Active voting members: what the quorum is measured against."""
    return (
        session.scalar(
            select(func.count())
            .select_from(BoardMember)
            .where(BoardMember.active.is_(True), BoardMember.kind == MemberKind.VOTING)
        )
        or 0
    )


class BoardMemberService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def members(self, *, include_inactive: bool = True) -> list[MemberRecord]:
        """Members and officers in the board's order."""
        with self._ctx.db.reading() as session:
            return load_members(session, include_inactive=include_inactive)

    def add(self, person_id: int, kind: MemberKind, board_role: str = "") -> MemberRecord:
        board_role = clean_text(board_role)
        raise_if(_problems(board_role))
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            person = fetch(session, Person, person_id, "Person")
            return self._add_in(session, person, MemberKind(kind), board_role)

    def add_person(
        self,
        name: str,
        job_role: str,
        organisation: str,
        kind: MemberKind,
        board_role: str = "",
    ) -> MemberRecord:
        """Adds someone to the board, putting them on the list of people first if they are new
        (someone already listed under the same name is reused as they are)."""
        name, job_role, organisation = (
            clean_text(name),
            clean_text(job_role),
            clean_text(organisation),
        )
        board_role = clean_text(board_role)
        raise_if([*validate_person(name, job_role, organisation), *_problems(board_role)])
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            person = session.scalar(select(Person).where(Person.name == name))
            if person is None:
                person = add_person_in(self._ctx, session, name, job_role, organisation)
            return self._add_in(session, person, MemberKind(kind), board_role)

    def _add_in(
        self, session: Session, person: Person, kind: MemberKind, board_role: str
    ) -> MemberRecord:
        taken = session.scalar(select(BoardMember.id).where(BoardMember.person_id == person.id))
        if taken is not None:
            raise ValidationError.single("Name", f"{person.name} is already on the board")
        last = session.scalar(select(func.max(BoardMember.position)))
        member = BoardMember(
            person_id=person.id,
            kind=kind,
            board_role=board_role,
            active=True,
            position=0 if last is None else last + 1,
        )
        session.add(member)
        session.flush()
        AuditTrail(self._ctx, session).created(
            ENTITY,
            member.id,
            person.name,
            {"person": person.name, "kind": kind, "board_role": board_role, "active": True},
        )
        return member_record(member, person)

    def update(
        self,
        member_id: int,
        *,
        kind: MemberKind,
        board_role: str,
        active: bool,
        expected_version: int | None,
    ) -> MemberRecord:
        board_role = clean_text(board_role)
        raise_if(_problems(board_role))
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            member = fetch(session, BoardMember, member_id, "Board member")
            person = fetch(session, Person, member.person_id, "Person")
            check_version(member, expected_version, "Board member", person.name)
            AuditTrail(self._ctx, session).apply(
                member,
                ENTITY,
                person.name,
                {"kind": MemberKind(kind), "board_role": board_role, "active": bool(active)},
            )
            session.flush()
            return member_record(member, person)

    def remove(self, member_id: int, *, expected_version: int | None) -> MemberRecord:
        """Takes someone off the board (not off the list of people); returns what was removed,
        so undo can add them back. Past meetings keep their attendance."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            member = fetch(session, BoardMember, member_id, "Board member")
            person = fetch(session, Person, member.person_id, "Person")
            check_version(member, expected_version, "Board member", person.name)
            record = member_record(member, person)
            AuditTrail(self._ctx, session).deleted(
                ENTITY,
                member.id,
                person.name,
                {
                    "person": person.name,
                    "kind": member.kind,
                    "board_role": member.board_role,
                    "active": member.active,
                },
            )
            session.delete(member)
            session.flush()
            renumber(session, BoardMember, _in_order(session))
            return record

    def move(self, member_id: int, new_index: int) -> list[MemberRecord]:
        """Puts a member at this place (0-based) in the board's order."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            member = fetch(session, BoardMember, member_id, "Board member")
            order = _in_order(session)
            check_index(new_index, len(order))
            old_index = order.index(member)
            if old_index != new_index:
                person = fetch(session, Person, member.person_id, "Person")
                AuditTrail(self._ctx, session).apply_value(
                    ENTITY, member.id, person.name, "place", old_index + 1, new_index + 1
                )
                renumber(session, BoardMember, moved(order, member, new_index))
            return load_members(session)


def _in_order(session: Session) -> list[BoardMember]:
    return list(session.scalars(select(BoardMember).order_by(BoardMember.position, BoardMember.id)))


def _problems(board_role: str) -> list[FieldProblem]:
    problem = check_text(
        "Board role", board_role, max_length=SHORT_TEXT, single_line=True, required=False
    )
    return [problem] if problem else []
