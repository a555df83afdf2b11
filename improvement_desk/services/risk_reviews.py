"""Recording a risk's review: the new current score, why, and who said so, kept as history.

The review moves the risk's current likelihood and impact and its next
review date in the same transaction, and audits both the review and the
change to the risk, so "when did this turn red, and who said so?" is
answered from either side. Only the latest review can be withdrawn (undo).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Risk, RiskReview
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.risk import ReviewDraft, validate_review
from improvement_desk.domain.text_rules import clean_fields
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.risk_records import RiskRecord
from improvement_desk.services.risks import ENTITY, REVIEW_ENTITY, audit_review, load_record


class RiskReviewService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def record(
        self, risk_id: int, draft: ReviewDraft, *, expected_version: int | None
    ) -> RiskRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            risk = fetch(session, Risk, risk_id, "Risk")
            check_version(risk, expected_version, "Risk", risk.reference)
            record_review_in(self._ctx, session, risk, draft)
            return load_record(self._ctx, session, risk_id)

    def withdraw(self, risk_id: int, review_id: int, *, expected_version: int | None) -> RiskRecord:
        """Takes back the latest review (undo): the risk returns to the previous review's score
        and to the next review date it had before."""
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            risk = fetch(session, Risk, risk_id, "Risk")
            check_version(risk, expected_version, "Risk", risk.reference)
            reviews = _reviews(session, risk_id)
            if not reviews or reviews[-1].id != review_id:
                raise Conflict(
                    f"Risk {risk.reference} has been reviewed again since; only its latest "
                    "review can be withdrawn. Nothing was changed.",
                    kind="Risk",
                    key=risk_id,
                )
            if len(reviews) == 1:
                raise ValidationError.single(
                    "Review", "the first assessment of a risk cannot be withdrawn; delete the risk"
                )
            latest, previous = reviews[-1], reviews[-2]
            trail = AuditTrail(self._ctx, session)
            trail.deleted(
                REVIEW_ENTITY,
                latest.id,
                risk.reference,
                {
                    "review_date": latest.review_date,
                    "likelihood": latest.likelihood,
                    "impact": latest.impact,
                    "commentary": latest.commentary,
                    "reviewer": latest.reviewer,
                },
            )
            trail.apply(
                risk,
                ENTITY,
                risk.reference,
                {
                    "current_likelihood": previous.likelihood,
                    "current_impact": previous.impact,
                    "next_review_date": latest.previous_next_review,
                },
            )
            session.delete(latest)
            session.flush()
            return load_record(self._ctx, session, risk_id)


def record_review_in(
    ctx: ServiceContext, session: Session, risk: Risk, draft: ReviewDraft
) -> RiskReview:
    draft = clean_fields(draft)
    reviews = _reviews(session, risk.id)
    raise_if(
        validate_review(
            draft,
            date_raised=risk.date_raised,
            latest_review=reviews[-1].review_date if reviews else None,
            today=ctx.today(),
        )
    )
    review = RiskReview(
        risk_id=risk.id,
        review_date=draft.review_date,
        likelihood=draft.likelihood,
        impact=draft.impact,
        commentary=draft.commentary,
        reviewer=draft.reviewer,
        previous_next_review=risk.next_review_date,
        recorded_at=ctx.now(),
    )
    session.add(review)
    trail = AuditTrail(ctx, session)
    trail.apply(
        risk,
        ENTITY,
        risk.reference,
        {
            "current_likelihood": draft.likelihood,
            "current_impact": draft.impact,
            "next_review_date": risk.review_frequency.next_after(draft.review_date),
        },
    )
    session.flush()
    audit_review(trail, risk.reference, review)
    return review


def _reviews(session: Session, risk_id: int) -> list[RiskReview]:
    return list(
        session.scalars(
            select(RiskReview)
            .where(RiskReview.risk_id == risk_id)
            .order_by(RiskReview.review_date, RiskReview.id)
        )
    )
