"""Linking a Blue plan action to the minuted decision of the board that agreed its closure.

The plan's rule "an action cannot turn Blue without evidence and a board
decision" was satisfied by typed text; when the board minutes its meetings in
the desk, the action names the decision itself, and its `closure_decision`
text is written from it ("Minute 6, Improvement Board 12 Feb 2014: RESOLVED
…"), so the plan, its exports and the pack read the same as before. Boards
that minute elsewhere keep typing the text.

The link holds while the action stays Blue with that wording: reopening the
action or rewording the decision by hand drops it (see `actions.update_action_in`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, AgendaItem, Decision, Meeting
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.plan import ActionDraft
from improvement_desk.domain.text_rules import SHORT_TEXT
from improvement_desk.services.actions import ENTITY, update_action_in
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch
from improvement_desk.services.log_reader import item_ranks
from improvement_desk.services.plan_reader import load_actions
from improvement_desk.services.plan_records import ActionRecord, DecisionChoice

FIELD = "Minuted decision"

__all__ = ["DecisionChoice", "PlanClosureService", "closure_choices", "closure_text"]


def closure_text(item_number: str, title: str, held_on: date, decision: str) -> str:
    """ "Minute 6, Improvement Board 12 Feb 2014: RESOLVED …", shortened to the text's limit."""
    text = f"Minute {item_number}, {title} {held_on:%d %b %Y}: {' '.join(decision.split())}"
    if len(text) <= SHORT_TEXT:
        return text
    return text[: SHORT_TEXT - 1].rstrip() + "…"


def closure_choices(ctx: ServiceContext) -> list[DecisionChoice]:
    """Every minuted decision, newest meeting first, then in agenda and minute order."""
    with ctx.db.reading() as session:
        return _choices(session)


def _choices(session: Session, only: int | None = None) -> list[DecisionChoice]:
    query = (
        select(
            Decision.id,
            Decision.text,
            AgendaItem.id,
            Meeting.id,
            Meeting.title,
            Meeting.meeting_date,
        )
        .join(AgendaItem, AgendaItem.id == Decision.agenda_item_id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .order_by(
            Meeting.meeting_date.desc(),
            Meeting.id.desc(),
            AgendaItem.position,
            AgendaItem.id,
            Decision.position,
            Decision.id,
        )
    )
    if only is not None:
        query = query.where(Decision.id == only)
    rows = session.execute(query).all()
    numbers = item_ranks(session, {row[3] for row in rows})
    return [
        DecisionChoice(decision_id, closure_text(numbers[item_id][0], title, held_on, text))
        for decision_id, text, item_id, _, title, held_on in rows
    ]


class PlanClosureService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def choices(self) -> list[DecisionChoice]:
        return closure_choices(self._ctx)

    def link_closure(
        self, action_id: int, decision_id: int | None, *, expected_version: int | None
    ) -> ActionRecord:
        """Names the decision that agreed a Blue action's closure, or (None) drops the link,
        keeping the wording as typed."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, Action, action_id, "Action")
            check_version(action, expected_version, "Action", action.reference)
            link_closure_in(self._ctx, session, action, decision_id)
            return load_actions(session, self._ctx.today(), only=action_id)[0]

    def update(
        self,
        action_id: int,
        draft: ActionDraft,
        *,
        closure_decision_id: int | None,
        expected_version: int | None,
        recommendation_id: int | None = None,
    ) -> ActionRecord:
        """An edit of the action and its link in one transaction (the action dialog, undo):
        with a decision, the draft's board decision is replaced by the decision's wording."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, Action, action_id, "Action")
            check_version(action, expected_version, "Action", action.reference)
            if closure_decision_id is not None and draft.status is not Brag.BLUE:
                raise ValidationError.single(FIELD, _NOT_BLUE)
            # Link first, in memory, so the edit and the link are one UPDATE (one version).
            with session.no_autoflush:
                wording = _wording(session, closure_decision_id)
                if wording is not None:
                    draft = replace(draft, closure_decision=wording)
                _apply_link(self._ctx, session, action, closure_decision_id, wording)
                update_action_in(
                    self._ctx, session, action, draft, recommendation_id=recommendation_id
                )
            return load_actions(session, self._ctx.today(), only=action_id)[0]


_NOT_BLUE = "only an action closed as Blue names the decision that agreed its closure"


def _wording(session: Session, decision_id: int | None) -> str | None:
    if decision_id is None:
        return None
    found = _choices(session, only=decision_id)
    if not found:
        raise ValidationError(
            FieldProblem(FIELD, "that decision is no longer in the minutes; choose another")
        )
    return found[0].label


def link_closure_in(
    ctx: ServiceContext, session: Session, action: Action, decision_id: int | None
) -> bool:
    """Sets (or drops) the link and, with a decision, the wording; audited. True if changed."""
    if decision_id is not None and action.status is not Brag.BLUE:
        raise ValidationError.single(FIELD, _NOT_BLUE)
    changed = _apply_link(ctx, session, action, decision_id, _wording(session, decision_id))
    session.flush()
    return bool(changed)


def _apply_link(
    ctx: ServiceContext,
    session: Session,
    action: Action,
    decision_id: int | None,
    wording: str | None,
) -> list[str]:
    changes: dict[str, object] = {"closure_decision_id": decision_id}
    if wording is not None:
        changes["closure_decision"] = wording
    return AuditTrail(ctx, session).apply(action, ENTITY, action.reference, changes)
