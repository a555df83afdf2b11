"""The people who can own actions: lead officers, heads of service, partners."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, Person, Risk
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.people import validate_person
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import fetch


@dataclass(frozen=True, slots=True)
class PersonRecord:
    id: int
    name: str
    role: str
    organisation: str


class PeopleService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list(self) -> list[PersonRecord]:
        with self._ctx.db.reading() as session:
            people = session.scalars(select(Person).order_by(Person.name)).all()
            return [PersonRecord(p.id, p.name, p.role, p.organisation) for p in people]

    def add(self, name: str, role: str = "", organisation: str = "") -> PersonRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            person = add_person_in(self._ctx, session, name, role, organisation)
            return PersonRecord(person.id, person.name, person.role, person.organisation)

    def remove(self, person_id: int) -> PersonRecord:
        """Takes someone off the list; refused while they lead any action or own any risk."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            person = fetch(session, Person, person_id, "Person")
            leads = session.scalars(
                select(Action.reference).where(Action.lead_officer_id == person_id).limit(5)
            ).all()
            if leads:
                raise ValidationError.single(
                    "Name", f"{person.name} leads actions ({', '.join(leads)}); reassign them first"
                )
            owns = session.scalars(
                select(Risk.reference).where(Risk.owner_id == person_id).limit(5)
            ).all()
            if owns:
                raise ValidationError.single(
                    "Name", f"{person.name} owns risks ({', '.join(owns)}); reassign them first"
                )
            record = PersonRecord(person.id, person.name, person.role, person.organisation)
            AuditTrail(self._ctx, session).deleted(
                "person",
                person.id,
                person.name,
                {"name": person.name, "role": person.role, "organisation": person.organisation},
            )
            session.delete(person)
            return record

    def restore(self, record: PersonRecord) -> PersonRecord:
        """Puts a removed person back under the same id (undo)."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            if session.scalar(select(Person.id).where(Person.name == record.name)) is not None:
                raise ValidationError(
                    FieldProblem("Name", f"'{record.name}' is already on the list")
                )
            session.add(
                Person(
                    id=record.id,
                    name=record.name,
                    role=record.role,
                    organisation=record.organisation,
                )
            )
            session.flush()
            AuditTrail(self._ctx, session).restored(
                "person",
                record.id,
                record.name,
                {"name": record.name, "role": record.role, "organisation": record.organisation},
            )
            return record


def add_person_in(
    ctx: ServiceContext, session: Session, name: str, role: str = "", organisation: str = ""
) -> Person:
    """Inside a caller's transaction (an import adds the owners it meets)."""
    name, role, organisation = clean_text(name), clean_text(role), clean_text(organisation)
    found = validate_person(name, role, organisation)
    if found:
        raise ValidationError(found)
    if session.scalar(select(Person.id).where(Person.name == name)) is not None:
        raise ValidationError(FieldProblem("Name", f"'{name}' is already on the list"))
    person = Person(name=name, role=role, organisation=organisation)
    session.add(person)
    session.flush()
    AuditTrail(ctx, session).created(
        "person", person.id, name, {"name": name, "role": role, "organisation": organisation}
    )
    return person
