"""Reading the plan: the whole plan for the page in a few queries, one action's history on demand."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import (
    Action,
    Person,
    ProgressUpdate,
    Recommendation,
    TargetRevision,
)
from improvement_desk.domain.errors import NotFound
from improvement_desk.domain.plan import DEFAULT_THEMES, days_overdue
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.plan_records import (
    ActionHistory,
    ActionRecord,
    PlanSnapshot,
    ProgressUpdateRecord,
    RecommendationRecord,
    TargetRevisionRecord,
)


class PlanReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def snapshot(self) -> PlanSnapshot:
        today = self._ctx.today()
        with self._ctx.db.reading() as session:
            actions = tuple(load_actions(session, today))
            counts: dict[int, int] = {}
            for action in actions:
                counts[action.recommendation_id] = counts.get(action.recommendation_id, 0) + 1
            recommendations = tuple(
                recommendation_record(r, counts.get(r.id, 0))
                for r in session.scalars(select(Recommendation).order_by(Recommendation.id))
            )
            people = tuple(session.scalars(select(Person.name).order_by(Person.name)))
        themes = sorted({r.theme for r in recommendations} | set(DEFAULT_THEMES), key=str.casefold)
        return PlanSnapshot(recommendations, actions, today, tuple(themes), people)

    def action(self, action_id: int) -> ActionRecord:
        with self._ctx.db.reading() as session:
            found = load_actions(session, self._ctx.today(), only=action_id)
        if not found:
            raise NotFound("Action", action_id)
        return found[0]

    def recommendation(self, recommendation_id: int) -> RecommendationRecord:
        with self._ctx.db.reading() as session:
            record = session.get(Recommendation, recommendation_id)
            if record is None:
                raise NotFound("Recommendation", recommendation_id)
            count = session.scalar(
                select(func.count(Action.id)).where(Action.recommendation_id == recommendation_id)
            )
            return recommendation_record(record, count or 0)

    def history(self, action_id: int) -> ActionHistory:
        with self._ctx.db.reading() as session:
            if session.get(Action, action_id) is None:
                raise NotFound("Action", action_id)
            return load_history(session, action_id)


def recommendation_record(r: Recommendation, action_count: int) -> RecommendationRecord:
    return RecommendationRecord(
        r.id, r.source, r.reference, r.text, r.theme, r.version, action_count
    )


def update_record(u: ProgressUpdate) -> ProgressUpdateRecord:
    return ProgressUpdateRecord(u.id, u.action_id, u.update_date, u.text, u.author, u.recorded_at)


def revision_record(r: TargetRevision) -> TargetRevisionRecord:
    return TargetRevisionRecord(
        r.id,
        r.action_id,
        r.previous_date,
        r.new_date,
        r.reason,
        r.revised_on,
        r.revised_by,
        r.recorded_at,
    )


def load_history(session: Session, action_id: int) -> ActionHistory:
    updates = session.scalars(
        select(ProgressUpdate)
        .where(ProgressUpdate.action_id == action_id)
        .order_by(ProgressUpdate.update_date, ProgressUpdate.id)
    )
    revisions = session.scalars(
        select(TargetRevision)
        .where(TargetRevision.action_id == action_id)
        .order_by(TargetRevision.id)
    )
    return ActionHistory(
        tuple(update_record(u) for u in updates), tuple(revision_record(r) for r in revisions)
    )


def load_actions(session: Session, today: date, *, only: int | None = None) -> list[ActionRecord]:
    """All actions (or one) with their counts, in three set-based queries, never one per row."""
    updates = (
        select(
            ProgressUpdate.action_id,
            func.count(ProgressUpdate.id).label("n"),
            func.max(ProgressUpdate.update_date).label("last"),
        )
        .group_by(ProgressUpdate.action_id)
        .subquery()
    )
    revisions = (
        select(TargetRevision.action_id, func.count(TargetRevision.id).label("n"))
        .group_by(TargetRevision.action_id)
        .subquery()
    )
    query = (
        select(
            Action,
            Recommendation.reference,
            Recommendation.text,
            Recommendation.theme,
            Person.name,
            updates.c.n,
            updates.c.last,
            revisions.c.n,
        )
        .join(Recommendation, Action.recommendation_id == Recommendation.id)
        .join(Person, Action.lead_officer_id == Person.id)
        .outerjoin(updates, updates.c.action_id == Action.id)
        .outerjoin(revisions, revisions.c.action_id == Action.id)
        .order_by(Action.id)
    )
    if only is not None:
        query = query.where(Action.id == only)
    return [_action_record(row, today) for row in session.execute(query)]


def _action_record(row: Row[Any], today: date) -> ActionRecord:
    values: tuple[Any, ...] = tuple(row)
    a: Action = values[0]
    rec_ref, rec_text, theme, lead, n_updates, last_update, n_revisions = values[1:]
    return ActionRecord(
        id=a.id,
        recommendation_id=a.recommendation_id,
        recommendation_reference=rec_ref,
        recommendation_text=rec_text,
        theme=theme,
        reference=a.reference,
        description=a.description,
        lead_officer=lead,
        start_date=a.start_date,
        original_target_date=a.original_target_date,
        target_date=a.target_date,
        success_measures=a.success_measures,
        status=a.status,
        confidence=a.confidence,
        evidence_of_impact=a.evidence_of_impact,
        closure_decision=a.closure_decision,
        version=a.version,
        update_count=n_updates or 0,
        last_update_date=last_update,
        revision_count=n_revisions or 0,
        overdue_days=days_overdue(a.target_date, a.status, today),
        closure_decision_id=a.closure_decision_id,
    )
