"""Writing the minutes: each item's minute, its decisions, declarations of interest, and the
minutes' approval and later amendments (`minute_approval.py`), audited.

Decisions are stored exactly as typed: the screen offers the "RESOLVED: that"
prefix, the service never adds it. Everything here is refused with a plain
Conflict once the minutes are approved, here first and by the database too.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, AgendaItem, Decision, Declaration, Meeting, Person
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.meeting import check_minute_text
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.meeting_guards import (
    item_label,
    item_number,
    meeting_label,
    meeting_transaction,
    note_meeting,
    open_item,
    open_meeting,
)
from improvement_desk.services.meeting_reader import (
    decision_record,
    declaration_record,
    load_item,
    load_meeting,
)
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    AmendmentRecord,
    DecisionRecord,
    DeclarationRecord,
    MeetingRecord,
)
from improvement_desk.services.minute_approval import amend_in, approval_of, approve_in
from improvement_desk.services.ordering import renumber

ITEM_ENTITY = "agenda_item"
DECISION_ENTITY = "decision"
DECLARATION_ENTITY = "declaration"


class MinutesService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def write_minute(
        self, item_id: int, text: str, *, expected_version: int | None
    ) -> AgendaItemRecord:
        """Sets an item's minute: the summary of its discussion (may be empty)."""
        text = clean_text(text)
        problem = check_minute_text("Minute", text)
        raise_if([problem] if problem else [])
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            item, meeting = open_item(session, item_id)
            label = item_label(session, item, meeting)
            check_version(item, expected_version, "Agenda item", label)
            AuditTrail(self._ctx, session).apply(item, ITEM_ENTITY, label, {"minute": text})
            session.flush()
            return load_item(self._ctx, session, item_id)

    def add_decision(
        self, item_id: int, text: str, *, position: int | None = None
    ) -> DecisionRecord:
        """Adds a decision under an item, last or at `position` (0-based; undo puts it back)."""
        text = _decision_text(text)
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            item, meeting = open_item(session, item_id)
            decisions = _decisions_of(session, item_id)
            index = len(decisions) if position is None else max(0, min(position, len(decisions)))
            decision = Decision(agenda_item_id=item_id, position=len(decisions), text=text)
            session.add(decision)
            session.flush()
            renumber(session, Decision, [*decisions[:index], decision, *decisions[index:]])
            AuditTrail(self._ctx, session).created(
                DECISION_ENTITY,
                decision.id,
                item_label(session, item, meeting),
                {"agenda_item_id": item_id, "position": decision.position, "text": text},
            )
            return decision_record(decision)

    def update_decision(
        self, decision_id: int, text: str, *, expected_version: int | None = None
    ) -> DecisionRecord:
        """Rewords a decision; `expected_version` is the one the screen showed (None: no copy,
        as the CLI and undo replaying its own step)."""
        text = _decision_text(text)
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            decision, item, meeting = _open_decision(session, decision_id)
            label = item_label(session, item, meeting)
            check_version(
                decision, expected_version, "Decision", _decision_label(session, item, meeting)
            )
            _refuse_if_approval(session, decision)
            AuditTrail(self._ctx, session).apply(decision, DECISION_ENTITY, label, {"text": text})
            session.flush()
            return decision_record(decision)

    def remove_decision(
        self, decision_id: int, *, expected_version: int | None = None
    ) -> DecisionRecord:
        """Takes a decision off; returns it (undo: `add_decision` at its position).

        Refused for the decision that approved earlier minutes, while a plan action
        closed as Blue names it as the board's agreement, and when it was reworded since
        the screen showed it (`expected_version`).
        """
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            decision, item, meeting = _open_decision(session, decision_id)
            label = item_label(session, item, meeting)
            check_version(
                decision, expected_version, "Decision", _decision_label(session, item, meeting)
            )
            _refuse_if_approval(session, decision)
            closed = session.scalars(
                select(Action.reference)
                .where(Action.closure_decision_id == decision_id)
                .order_by(Action.reference)
            ).all()
            if closed:
                raise ValidationError.single(
                    "Decision",
                    f"it agreed the closure of plan actions {', '.join(closed)}; reopen them first",
                )
            record = decision_record(decision)
            AuditTrail(self._ctx, session).deleted(
                DECISION_ENTITY,
                decision.id,
                label,
                {"agenda_item_id": item.id, "position": decision.position, "text": decision.text},
            )
            session.delete(decision)
            session.flush()
            renumber(session, Decision, _decisions_of(session, item.id))
            return record

    def declare(
        self, meeting_id: int, person_id: int, item_id: int | None, nature: str
    ) -> DeclarationRecord:
        """Records a declaration of interest, on an item or (item None) the meeting as a whole."""
        nature = clean_text(nature)
        problem = check_minute_text("Nature of interest", nature, required=True)
        raise_if([problem] if problem else [])
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, meeting_id)
            person = session.get(Person, person_id)
            found: list[FieldProblem] = []
            if person is None:
                found.append(FieldProblem("Person", "is no longer on the list of people"))
            item = session.get(AgendaItem, item_id) if item_id is not None else None
            if item_id is not None and (item is None or item.meeting_id != meeting_id):
                found.append(FieldProblem("Item", "is not an item of this meeting"))
            raise_if(found)
            assert person is not None
            declaration = Declaration(
                meeting_id=meeting_id, agenda_item_id=item_id, person_id=person_id, nature=nature
            )
            session.add(declaration)
            session.flush()
            number = item_number(session, item) if item is not None else ""
            AuditTrail(self._ctx, session).created(
                DECLARATION_ENTITY,
                declaration.id,
                f"{meeting_label(meeting)}: {person.name}",
                {"person": person.name, "item": number, "nature": nature},
            )
            numbers = {item.id: number} if item is not None else {}
            return declaration_record(declaration, person.name, numbers)

    def remove_declaration(
        self, declaration_id: int, *, expected_version: int | None = None
    ) -> DeclarationRecord:
        """Takes a declaration off; returns it (undo: `declare` again)."""
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            declaration = fetch(session, Declaration, declaration_id, "Declaration")
            meeting = open_meeting(session, declaration.meeting_id)
            person = fetch(session, Person, declaration.person_id, "Person")
            label = f"{meeting_label(meeting)}: {person.name}"
            check_version(
                declaration,
                expected_version,
                "Declaration",
                f"by {person.name} at {meeting_label(meeting)}",
            )
            item = (
                session.get(AgendaItem, declaration.agenda_item_id)
                if declaration.agenda_item_id is not None
                else None
            )
            number = item_number(session, item) if item is not None else ""
            record = declaration_record(
                declaration, person.name, {item.id: number} if item is not None else {}
            )
            AuditTrail(self._ctx, session).deleted(
                DECLARATION_ENTITY,
                declaration.id,
                label,
                {"person": person.name, "item": number, "nature": declaration.nature},
            )
            session.delete(declaration)
            session.flush()
            return record

    def approve(
        self, meeting_id: int, *, at_item_id: int, expected_version: int | None
    ) -> MeetingRecord:
        """Approves the minutes as a correct record at an item of a later, held meeting."""
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, meeting_id)
            check_version(meeting, expected_version, "Meeting", meeting_label(meeting))
            at_item = fetch(session, AgendaItem, at_item_id, "Agenda item")
            approve_in(self._ctx, session, meeting, at_item)
            return load_meeting(self._ctx, session, meeting_id)

    def amend(
        self,
        meeting_id: int,
        text: str,
        *,
        item_id: int | None = None,
        agreed_at_meeting_id: int | None = None,
        amended_on: date | None = None,
    ) -> AmendmentRecord:
        """Records a dated correction to approved minutes."""
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = fetch(session, Meeting, meeting_id, "Meeting")
            note_meeting(session, meeting)
            return amend_in(
                self._ctx,
                session,
                meeting,
                text,
                item_id=item_id,
                agreed_at_meeting_id=agreed_at_meeting_id,
                amended_on=amended_on,
            )


def _decision_text(text: str) -> str:
    text = clean_text(text)
    problem = check_minute_text("Decision", text, required=True)
    raise_if([problem] if problem else [])
    return text


def _decisions_of(session: Session, item_id: int) -> list[Decision]:
    return list(
        session.scalars(
            select(Decision)
            .where(Decision.agenda_item_id == item_id)
            .order_by(Decision.position, Decision.id)
        )
    )


def _decision_label(session: Session, item: AgendaItem, meeting: Meeting) -> str:
    """ "on item 4 of Improvement Board, 12 Mar 2014": a decision has no name of its own."""
    return f"on item {item_number(session, item)} of {meeting_label(meeting)}"


def _open_decision(session: Session, decision_id: int) -> tuple[Decision, AgendaItem, Meeting]:
    decision = fetch(session, Decision, decision_id, "Decision")
    item, meeting = open_item(session, decision.agenda_item_id)
    return decision, item, meeting


def _refuse_if_approval(session: Session, decision: Decision) -> None:
    approved = approval_of(session, decision)
    if approved is not None:
        raise ValidationError.single(
            "Decision",
            f"it records the approval of the minutes of {meeting_label(approved)}, "
            "which cannot be undone",
        )
