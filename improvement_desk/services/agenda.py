"""Building a meeting's agenda: the board's own items among the standing ones, in order.

An item's number is its place on the agenda, never typed, so moving an item
renumbers the rest. The board's own items go before "any other business" and
"date of next meeting", which stay last unless someone drags them. Nothing on
the agenda of a meeting whose minutes are approved can change.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import AgendaItem, Meeting
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.meeting import (
    CLOSING_ITEMS,
    STANDING_AGENDA,
    AgendaItemDraft,
    StandingItem,
    validate_agenda_item,
)
from improvement_desk.domain.text_rules import clean_fields, field_values
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, raise_if
from improvement_desk.services.meeting_guards import (
    item_label,
    meeting_label,
    meeting_transaction,
    open_item,
    open_meeting,
)
from improvement_desk.services.meeting_reader import load_item, load_meeting
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    AgendaItemSnapshot,
    MeetingRecord,
)
from improvement_desk.services.meeting_snapshots import (
    deletion_problems,
    item_snapshot,
    restore_item_rows,
)
from improvement_desk.services.ordering import check_index, moved, renumber

ENTITY = "agenda_item"
_TEMPLATE_ORDER = {t.kind: n for n, t in enumerate(STANDING_AGENDA)}


class AgendaService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def add_item(self, meeting_id: int, draft: AgendaItemDraft) -> AgendaItemRecord:
        """Adds an item before the closing items (a closing item itself goes in its place)."""
        draft = clean_item(draft)
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, meeting_id)
            item = add_item_in(self._ctx, session, meeting, draft)
            return load_item(self._ctx, session, item.id)

    def update_item(
        self, item_id: int, draft: AgendaItemDraft, *, expected_version: int | None
    ) -> AgendaItemRecord:
        draft = clean_item(draft)
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            item, meeting = open_item(session, item_id)
            label = item_label(session, item, meeting)
            check_version(item, expected_version, "Agenda item", label)
            _check_standing_free(session, meeting.id, draft.standing, item.id)
            AuditTrail(self._ctx, session).apply(item, ENTITY, label, field_values(draft))
            session.flush()
            return load_item(self._ctx, session, item_id)

    def move_item(self, item_id: int, new_index: int) -> MeetingRecord:
        """Puts an item at this place (0-based) on the agenda; the others renumber."""
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            item, meeting = open_item(session, item_id)
            items = agenda_of(session, meeting.id)
            check_index(new_index, len(items))
            old_index = items.index(item)
            if old_index != new_index:
                AuditTrail(self._ctx, session).apply_value(
                    ENTITY,
                    item.id,
                    f"{meeting_label(meeting)}, {item.title}",
                    "number",
                    old_index + 1,
                    new_index + 1,
                )
                renumber(session, AgendaItem, moved(items, item, new_index))
            return load_meeting(self._ctx, session, meeting.id)

    def delete_item(self, item_id: int, *, expected_version: int | None) -> AgendaItemSnapshot:
        """Deletes an item with its papers, decisions and declarations (undo: `restore_item`).

        Refused while actions raised under it, an approval given at it or a plan action
        closed by one of its decisions depend on it.
        """
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            item, meeting = open_item(session, item_id)
            label = item_label(session, item, meeting)
            check_version(item, expected_version, "Agenda item", label)
            raise_if(deletion_problems(session, meeting_id=None, item_ids=[item.id]))
            snapshot = item_snapshot(session, item)
            AuditTrail(self._ctx, session).deleted(
                ENTITY,
                item.id,
                label,
                {
                    **snapshot.values,
                    "papers": len(snapshot.papers),
                    "decisions": len(snapshot.decisions),
                    "declarations": len(snapshot.declarations),
                },
            )
            session.delete(item)
            session.flush()
            renumber(session, AgendaItem, agenda_of(session, meeting.id))
            return snapshot

    def restore_item(self, snapshot: AgendaItemSnapshot) -> AgendaItemRecord:
        """Puts a deleted item back where it was, with its id and everything it held."""
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, snapshot.meeting_id)
            if session.get(AgendaItem, snapshot.item_id) is not None:
                raise ValidationError.single("Agenda item", "is already on the agenda")
            standing = snapshot.values.get("standing")
            if isinstance(standing, StandingItem):
                _check_standing_free(session, meeting.id, standing, None)
            items = agenda_of(session, meeting.id)
            index = min(snapshot.position, len(items))
            item = restore_item_rows(session, snapshot, len(items))
            renumber(session, AgendaItem, [*items[:index], item, *items[index:]])
            AuditTrail(self._ctx, session).restored(
                ENTITY,
                item.id,
                f"{meeting_label(meeting)}, item {index + 1}",
                {
                    **snapshot.values,
                    "papers": len(snapshot.papers),
                    "decisions": len(snapshot.decisions),
                    "declarations": len(snapshot.declarations),
                },
            )
            return load_item(self._ctx, session, item.id)

    def add_standing_items(self, meeting_id: int) -> MeetingRecord:
        """Adds the standing items the agenda lacks, each in its place in the template."""
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            meeting = open_meeting(session, meeting_id)
            add_standing_in(self._ctx, session, meeting)
            return load_meeting(self._ctx, session, meeting_id)


# -- units of work inside a caller's transaction --------------------------------------------


def clean_item(draft: AgendaItemDraft) -> AgendaItemDraft:
    draft = clean_fields(draft)
    raise_if(validate_agenda_item(draft))
    return draft


def agenda_of(session: Session, meeting_id: int) -> list[AgendaItem]:
    return list(
        session.scalars(
            select(AgendaItem)
            .where(AgendaItem.meeting_id == meeting_id)
            .order_by(AgendaItem.position, AgendaItem.id)
        )
    )


def add_item_in(
    ctx: ServiceContext, session: Session, meeting: Meeting, draft: AgendaItemDraft
) -> AgendaItem:
    """Adds a cleaned, valid item in its place: before the closing items, or (a standing
    item) before the first standing item that follows it in the template."""
    _check_standing_free(session, meeting.id, draft.standing, None)
    items = agenda_of(session, meeting.id)
    index = _insert_index(items, draft.standing)
    item = AgendaItem(meeting_id=meeting.id, position=len(items), **field_values(draft))
    session.add(item)
    session.flush()
    renumber(session, AgendaItem, [*items[:index], item, *items[index:]])
    AuditTrail(ctx, session).created(
        ENTITY,
        item.id,
        f"{meeting_label(meeting)}, item {index + 1}",
        {**field_values(draft), "number": index + 1},
    )
    return item


def add_standing_in(ctx: ServiceContext, session: Session, meeting: Meeting) -> int:
    """Adds the missing standing items in template order; returns how many were added."""
    present = {i.standing for i in agenda_of(session, meeting.id)}
    added = 0
    for template in STANDING_AGENDA:
        if template.kind in present:
            continue
        draft = AgendaItemDraft(
            title=template.title,
            purpose=template.purpose,
            minutes_allowed=template.minutes_allowed,
            standing=template.kind,
        )
        add_item_in(ctx, session, meeting, draft)
        added += 1
    return added


def _insert_index(items: list[AgendaItem], standing: StandingItem | None) -> int:
    """Own items go before the closing items. A standing item follows the last standing item
    that comes before it in the template; failing that, it precedes the first that comes after
    it (a closing item with neither goes last, any other first)."""
    if standing is None:
        closing = [n for n, item in enumerate(items) if item.standing in CLOSING_ITEMS]
        return closing[0] if closing else len(items)
    rank = _TEMPLATE_ORDER[standing]
    ranks = [(n, _TEMPLATE_ORDER[i.standing]) for n, i in enumerate(items) if i.standing]
    earlier = [n for n, r in ranks if r < rank]
    if earlier:
        return earlier[-1] + 1
    later = [n for n, r in ranks if r > rank]
    if later:
        return later[0]
    return len(items) if standing in CLOSING_ITEMS else 0


def _check_standing_free(
    session: Session, meeting_id: int, standing: StandingItem | None, own_id: int | None
) -> None:
    if standing is None:
        return
    other = session.scalar(
        select(AgendaItem.id).where(
            AgendaItem.meeting_id == meeting_id, AgendaItem.standing == standing
        )
    )
    if other is not None and other != own_id:
        title = next(t.title for t in STANDING_AGENDA if t.kind is standing)
        raise ValidationError.single(
            "Standing item", f"the agenda already has “{title}”; a meeting has it once"
        )
