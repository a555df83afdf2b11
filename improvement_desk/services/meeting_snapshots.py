"""Taking a meeting or an agenda item apart for undo, and what stops it being deleted at all.

A deleted item (or meeting) is kept whole in a snapshot: its row, its papers
with their bytes, its decisions and declarations, with their ids, so that undo
puts back exactly what was there and links to it (audit rows, an undo stack's
other commands) still hold. Anything the rest of the board leans on (actions
raised under it, a meeting's approval given at it, a plan action closed by one
of its decisions) stops the deletion with a plain reason instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    DueRevision,
    LogAction,
    Meeting,
    MinutesAmendment,
    PackIssue,
    Paper,
    Person,
)
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.services.meeting_guards import meeting_label
from improvement_desk.services.meeting_records import AgendaItemSnapshot

_SHOWN = 5


def column_values(row: Any, *, leave_out: Sequence[str] = ("version",)) -> dict[str, object]:
    """Every mapped column of a row by attribute name (the version restarts on restore)."""
    return {
        attr.key: getattr(row, attr.key)
        for attr in inspect(row).mapper.column_attrs
        if attr.key not in leave_out
    }


def item_snapshot(session: Session, item: AgendaItem) -> AgendaItemSnapshot:
    papers = session.scalars(
        select(Paper).where(Paper.agenda_item_id == item.id).order_by(Paper.position, Paper.id)
    )
    decisions = session.scalars(
        select(Decision)
        .where(Decision.agenda_item_id == item.id)
        .order_by(Decision.position, Decision.id)
    )
    declarations = session.scalars(
        select(Declaration).where(Declaration.agenda_item_id == item.id).order_by(Declaration.id)
    )
    return AgendaItemSnapshot(
        meeting_id=item.meeting_id,
        item_id=item.id,
        position=item.position,
        values=column_values(item, leave_out=("version", "id", "meeting_id", "position")),
        papers=tuple(column_values(p) for p in papers),
        decisions=tuple(column_values(d) for d in decisions),
        declarations=tuple(column_values(d) for d in declarations),
    )


def restore_item_rows(session: Session, snapshot: AgendaItemSnapshot, position: int) -> AgendaItem:
    """Adds the item and everything it held back, with their ids, at `position`."""
    item = AgendaItem(
        id=snapshot.item_id, meeting_id=snapshot.meeting_id, position=position, **snapshot.values
    )
    session.add(item)
    session.flush()
    session.add_all(Paper(**values) for values in snapshot.papers)
    session.add_all(Decision(**values) for values in snapshot.decisions)
    restore_declarations(session, snapshot.declarations)
    session.flush()
    return item


def restore_declarations(session: Session, rows: Sequence[dict[str, object]]) -> None:
    """Declarations come back unless the person who made them has left the list since."""
    people = set(session.scalars(select(Person.id)))
    session.add_all(Declaration(**values) for values in rows if values["person_id"] in people)


def deletion_problems(
    session: Session, *, meeting_id: int | None, item_ids: Sequence[int]
) -> list[FieldProblem]:
    """What the rest of the board holds on to in a meeting (or in these items of one)."""
    field = "Meeting" if meeting_id is not None else "Agenda item"
    found: list[FieldProblem] = []
    raised = select(LogAction.reference).order_by(LogAction.reference)
    if meeting_id is not None:
        raised = raised.where(LogAction.meeting_id == meeting_id)
    else:
        raised = raised.where(LogAction.agenda_item_id.in_(item_ids))
    _add(found, field, "actions {} were raised here; delete them first", session.scalars(raised))
    decisions = select(Decision.id).where(Decision.agenda_item_id.in_(item_ids))
    _add(
        found,
        field,
        "its decisions closed plan actions {}; reopen them first",
        session.scalars(
            select(Action.reference)
            .where(Action.closure_decision_id.in_(decisions))
            .order_by(Action.reference)
        ),
    )
    approved = select(Meeting).where(
        Meeting.approved_at_meeting_id == meeting_id
        if meeting_id is not None
        else Meeting.approved_at_item_id.in_(item_ids)
    )
    labels = [meeting_label(m) for m in session.scalars(approved)]
    _add(found, field, "the minutes of {} were approved here", labels, sep="; ")
    if meeting_id is not None:
        _add(
            found,
            field,
            "it closed actions {} on the action log",
            session.scalars(
                select(LogAction.reference)
                .where(LogAction.closed_at_meeting_id == meeting_id)
                .order_by(LogAction.reference)
            ),
        )
        _add(
            found,
            field,
            "it agreed new due dates for actions {}",
            session.scalars(
                select(LogAction.reference)
                .join(DueRevision, DueRevision.action_id == LogAction.id)
                .where(DueRevision.agreed_at_meeting_id == meeting_id)
                .distinct()
                .order_by(LogAction.reference)
            ),
        )
        agreed = session.scalars(
            select(Meeting)
            .join(MinutesAmendment, MinutesAmendment.meeting_id == Meeting.id)
            .where(MinutesAmendment.agreed_at_meeting_id == meeting_id)
            .distinct()
        )
        _add(
            found,
            field,
            "it agreed amendments to the minutes of {}",
            [meeting_label(m) for m in agreed],
            sep="; ",
        )
        issued = session.scalars(
            select(PackIssue.issued_at)
            .where(PackIssue.meeting_id == meeting_id)
            .order_by(PackIssue.issued_at)
        )
        _add(
            found,
            field,
            "its board pack was issued on {} and issued packs are kept as they went out",
            [f"{at.day} {at:%b %Y %H:%M}" for at in issued],
        )
    return found


def _add(
    found: list[FieldProblem], field: str, message: str, names: Any, *, sep: str = ", "
) -> None:
    """One problem naming the first few records (meeting labels hold commas: `sep` "; ")."""
    shown = list(names)
    if not shown:
        return
    listed = sep.join(shown[:_SHOWN])
    if len(shown) > _SHOWN:
        listed += f" and {len(shown) - _SHOWN} more"
    found.append(FieldProblem(field, message.format(listed)))
