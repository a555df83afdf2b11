"""Creating, editing, deleting and restoring actions under the BRAG rules, each change audited.

The target date of an action that is under way moves only by re-baselining
(see `action_history`), so the original commitment is never lost; while an
action is still Not started and never re-baselined, a typo in its target
may be corrected directly and the original follows it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import (
    Action,
    Decision,
    Person,
    ProgressUpdate,
    Recommendation,
    Risk,
    RiskMitigation,
    TargetRevision,
)
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.plan import ActionDraft, validate_action
from improvement_desk.domain.text_rules import clean_fields, field_values
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.plan_reader import load_actions, load_history
from improvement_desk.services.plan_records import ActionRecord, ActionSnapshot

ENTITY = "action"


def clean_action(draft: ActionDraft) -> ActionDraft:
    return clean_fields(draft)


def _values(draft: ActionDraft) -> dict[str, Any]:
    """Column values of a draft, lead officer aside (it is stored by id, audited by name)."""
    return field_values(draft, leave_out=("lead_officer",))


class ActionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def create(self, recommendation_id: int, draft: ActionDraft) -> ActionRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = create_action_in(self._ctx, session, recommendation_id, draft)
            return self._record(session, action.id)

    def update(
        self,
        action_id: int,
        draft: ActionDraft,
        *,
        expected_version: int | None,
        recommendation_id: int | None = None,
    ) -> ActionRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, Action, action_id, "Action")
            check_version(action, expected_version, "Action", action.reference)
            update_action_in(self._ctx, session, action, draft, recommendation_id=recommendation_id)
            return self._record(session, action_id)

    def delete(self, action_id: int, *, expected_version: int | None) -> ActionSnapshot:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            action = fetch(session, Action, action_id, "Action")
            check_version(action, expected_version, "Action", action.reference)
            risks = _mitigated_risks(session, action_id)
            snapshot = ActionSnapshot(
                self._record(session, action_id),
                load_history(session, action_id),
                action.created_at,
                risks,
            )
            trail = AuditTrail(self._ctx, session)
            for risk_id, risk_reference in risks:  # the links go with the action (cascade)
                trail.apply_value(
                    "risk", risk_id, risk_reference, "mitigating_action", action.reference, None
                )
            AuditTrail(self._ctx, session).deleted(
                ENTITY,
                action.id,
                action.reference,
                {
                    **_values(snapshot.action.draft()),
                    "lead_officer": snapshot.action.lead_officer,
                    "progress_updates": len(snapshot.history.updates),
                    "target_revisions": len(snapshot.history.revisions),
                },
            )
            session.delete(action)
            return snapshot

    def restore(self, snapshot: ActionSnapshot) -> ActionRecord:
        """Puts a deleted action back with its id, history and revisions (undo of delete)."""
        self._ctx.require_writable()
        rec = snapshot.action
        with self._ctx.db.transaction() as session:
            if session.get(Action, rec.id) is not None:
                raise ValidationError.single("Action", f"{rec.reference} already exists")
            fetch(session, Recommendation, rec.recommendation_id, "Recommendation")
            _check_unique(session, rec.reference, None)
            people = _people(session)
            if rec.lead_officer not in people:
                raise ValidationError.single(
                    "Lead officer", f"'{rec.lead_officer}' is no longer on the list"
                )
            linked = rec.closure_decision_id
            if linked is not None and session.get(Decision, linked) is None:
                linked = None  # the minute was taken off meanwhile; the wording stays
            action = Action(
                id=rec.id,
                recommendation_id=rec.recommendation_id,
                lead_officer_id=people[rec.lead_officer],
                original_target_date=rec.original_target_date,
                closure_decision_id=linked,
                created_at=snapshot.created_at,
                **_values(rec.draft()),
            )
            session.add(action)
            for u in snapshot.history.updates:
                session.add(
                    ProgressUpdate(
                        id=u.id,
                        action_id=rec.id,
                        update_date=u.update_date,
                        text=u.text,
                        author=u.author,
                        recorded_at=u.recorded_at,
                    )
                )
            for r in snapshot.history.revisions:
                session.add(
                    TargetRevision(
                        id=r.id,
                        action_id=rec.id,
                        previous_date=r.previous_date,
                        new_date=r.new_date,
                        reason=r.reason,
                        revised_on=r.revised_on,
                        revised_by=r.revised_by,
                        recorded_at=r.recorded_at,
                    )
                )
            session.flush()
            trail = AuditTrail(self._ctx, session)
            trail.restored(
                ENTITY,
                rec.id,
                rec.reference,
                {
                    **_values(rec.draft()),
                    "lead_officer": rec.lead_officer,
                    **({"closure_decision_id": linked} if linked is not None else {}),
                },
            )
            live = set(
                session.scalars(select(Risk.id).where(Risk.id.in_([r for r, _ in snapshot.risks])))
            )
            for risk_id, risk_reference in snapshot.risks:
                if risk_id in live:  # a risk deleted meanwhile cannot be relinked
                    session.add(RiskMitigation(risk_id=risk_id, action_id=rec.id))
                    trail.apply_value(
                        "risk", risk_id, risk_reference, "mitigating_action", None, rec.reference
                    )
            session.flush()
            return self._record(session, rec.id)

    def _record(self, session: Session, action_id: int) -> ActionRecord:
        return load_actions(session, self._ctx.today(), only=action_id)[0]


# -- units of work inside a caller's transaction (an import applies many in one) ------------


def create_action_in(
    ctx: ServiceContext,
    session: Session,
    recommendation_id: int,
    draft: ActionDraft,
    *,
    people: Mapping[str, int] | None = None,
) -> Action:
    """`people` (name → id) may be passed by a caller creating many actions at once."""
    draft = clean_action(draft)
    action = build_action(ctx, session, recommendation_id, draft, people=people)
    session.add(action)
    session.flush()
    audit_created_action(ctx, session, action, draft)
    return action


def build_action(
    ctx: ServiceContext,
    session: Session,
    recommendation_id: int,
    draft: ActionDraft,
    *,
    people: Mapping[str, int] | None = None,
    references_checked: bool = False,
) -> Action:
    """A checked, unsaved action: a bulk import adds many, flushes once, then audits them.

    `references_checked` is for a caller that has checked all its references in one query.
    """
    fetch(session, Recommendation, recommendation_id, "Recommendation")
    people = _people(session) if people is None else people
    raise_if(
        validate_action(
            draft, known_people=set(people), previous_status=None, has_progress_updates=False
        )
    )
    if not references_checked:
        _check_unique(session, draft.reference, None)
    return Action(
        recommendation_id=recommendation_id,
        lead_officer_id=people[draft.lead_officer],
        original_target_date=draft.target_date,
        created_at=ctx.now(),
        **_values(draft),
    )


def audit_created_action(
    ctx: ServiceContext, session: Session, action: Action, draft: ActionDraft
) -> None:
    AuditTrail(ctx, session).created(
        ENTITY,
        action.id,
        draft.reference,
        {
            **_values(draft),
            "lead_officer": draft.lead_officer,
            "recommendation_id": action.recommendation_id,
        },
    )


def update_action_in(
    ctx: ServiceContext,
    session: Session,
    action: Action,
    draft: ActionDraft,
    *,
    recommendation_id: int | None = None,
) -> list[str]:
    """Applies a draft to an action under the plan's rules; returns the fields that changed."""
    draft = clean_action(draft)
    people = _people(session)
    has_updates = _count(session, ProgressUpdate, action.id) > 0
    problems = validate_action(
        draft,
        known_people=set(people),
        previous_status=action.status,
        has_progress_updates=has_updates,
    )
    target_fixed = action.status is not Brag.NOT_STARTED or _count(
        session, TargetRevision, action.id
    )
    if draft.target_date != action.target_date and target_fixed:
        problems.append(
            FieldProblem(
                "Target date", "an action under way keeps its target; use Re-baseline to move it"
            )
        )
    raise_if(problems)
    _check_unique(session, draft.reference, action.id)
    trail = AuditTrail(ctx, session)
    changes = _values(draft)
    if not target_fixed:
        changes["original_target_date"] = draft.target_date
    if recommendation_id is not None and recommendation_id != action.recommendation_id:
        fetch(session, Recommendation, recommendation_id, "Recommendation")
        changes["recommendation_id"] = recommendation_id
    if action.closure_decision_id is not None and (
        draft.status is not Brag.BLUE or draft.closure_decision != action.closure_decision
    ):
        # Reopened, or the decision reworded by hand: the minute no longer stands behind it.
        changes["closure_decision_id"] = None
    # Read the old lead before setting anything: a query here would autoflush the
    # first half of the change and bump the version twice for one save.
    old_name = session.get(Person, action.lead_officer_id)
    changed = trail.apply(action, ENTITY, draft.reference, changes)
    if people[draft.lead_officer] != action.lead_officer_id:
        action.lead_officer_id = people[draft.lead_officer]
        trail.apply_value(
            ENTITY,
            action.id,
            draft.reference,
            "lead_officer",
            old_name.name if old_name else None,
            draft.lead_officer,
        )
        changed.append("lead_officer")
    session.flush()
    return changed


def _people(session: Session) -> dict[str, int]:
    return {name: pid for pid, name in session.execute(select(Person.id, Person.name))}


def _count(
    session: Session, model: type[ProgressUpdate] | type[TargetRevision], action_id: int
) -> int:
    return session.scalar(select(func.count(model.id)).where(model.action_id == action_id)) or 0


def _check_unique(session: Session, reference: str, own_id: int | None) -> None:
    other = session.scalar(
        select(Action.id).where(func.lower(Action.reference) == reference.lower())
    )
    if other is not None and other != own_id:
        raise ValidationError(
            FieldProblem("Reference", f"{reference} is already used by another action")
        )


def _mitigated_risks(session: Session, action_id: int) -> tuple[tuple[int, str], ...]:
    rows = session.execute(
        select(Risk.id, Risk.reference)
        .join(RiskMitigation, RiskMitigation.risk_id == Risk.id)
        .where(RiskMitigation.action_id == action_id)
        .order_by(Risk.id)
    )
    return tuple((row.id, row.reference) for row in rows)
