"""Creating, changing and removing recommendations, each change audited."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, Recommendation
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.plan import RecommendationDraft, validate_recommendation
from improvement_desk.domain.text_rules import clean_fields, field_values
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.plan_reader import recommendation_record
from improvement_desk.services.plan_records import RecommendationRecord

ENTITY = "recommendation"


def clean_recommendation(draft: RecommendationDraft) -> RecommendationDraft:
    return clean_fields(draft)


def _values(draft: RecommendationDraft) -> dict[str, object]:
    return field_values(draft)


class RecommendationService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def create(self, draft: RecommendationDraft) -> RecommendationRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            return recommendation_record(create_recommendation_in(self._ctx, session, draft), 0)

    def update(
        self, recommendation_id: int, draft: RecommendationDraft, *, expected_version: int | None
    ) -> RecommendationRecord:
        draft = clean_recommendation(draft)
        raise_if(validate_recommendation(draft))
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            record = fetch(session, Recommendation, recommendation_id, "Recommendation")
            check_version(record, expected_version, "Recommendation", record.reference)
            _check_unique(session, draft.reference, recommendation_id)
            AuditTrail(self._ctx, session).apply(record, ENTITY, draft.reference, _values(draft))
            session.flush()
            return recommendation_record(record, _action_count(session, recommendation_id))

    def delete(
        self, recommendation_id: int, *, expected_version: int | None
    ) -> RecommendationRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            record = fetch(session, Recommendation, recommendation_id, "Recommendation")
            check_version(record, expected_version, "Recommendation", record.reference)
            count = _action_count(session, recommendation_id)
            if count:
                raise ValidationError.single(
                    "Recommendation",
                    f"{record.reference} still has {count} action{'s' if count > 1 else ''}; "
                    "delete or move them first",
                )
            result = recommendation_record(record, 0)
            AuditTrail(self._ctx, session).deleted(
                ENTITY, record.id, record.reference, _values(result.draft())
            )
            session.delete(record)
            return result

    def restore(self, deleted: RecommendationRecord) -> RecommendationRecord:
        """Puts a deleted recommendation back under its old id (undo of delete)."""
        self._ctx.require_writable()
        draft = deleted.draft()
        with self._ctx.db.transaction() as session:
            if session.get(Recommendation, deleted.id) is not None:
                raise ValidationError.single(
                    "Recommendation", f"{deleted.reference} already exists"
                )
            _check_unique(session, draft.reference, None)
            record = Recommendation(id=deleted.id, **_values(draft), created_at=self._ctx.now())
            session.add(record)
            session.flush()
            AuditTrail(self._ctx, session).restored(
                ENTITY, record.id, draft.reference, _values(draft)
            )
            return recommendation_record(record, 0)


def create_recommendation_in(
    ctx: ServiceContext, session: Session, draft: RecommendationDraft
) -> Recommendation:
    """Inside a caller's transaction (an import applies many in one)."""
    draft = clean_recommendation(draft)
    raise_if(validate_recommendation(draft))
    _check_unique(session, draft.reference, None)
    record = Recommendation(**_values(draft), created_at=ctx.now())
    session.add(record)
    session.flush()
    AuditTrail(ctx, session).created(ENTITY, record.id, draft.reference, _values(draft))
    return record


def _check_unique(session: Session, reference: str, own_id: int | None) -> None:
    query = select(Recommendation.id).where(
        func.lower(Recommendation.reference) == reference.lower()
    )
    other = session.scalar(query)
    if other is not None and other != own_id:
        raise ValidationError(
            FieldProblem("Reference", f"{reference} is already used by another recommendation")
        )


def _action_count(session: Session, recommendation_id: int) -> int:
    return (
        session.scalar(
            select(func.count(Action.id)).where(Action.recommendation_id == recommendation_id)
        )
        or 0
    )
