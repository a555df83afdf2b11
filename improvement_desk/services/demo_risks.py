"""Loads the demo board's risk register (from `demo_risk_content`) inside the demo's transaction.

Every risk and review is checked with the same domain rules a user's entry
meets, against the demo's as-at date, before anything is written: a slip in
the content (an unknown owner, a review after 31 March 2014, a link to an
action the plan does not have) is a `ValidationError` naming the risk, so it
fails the tests rather than showing up as a strange register. The rows are
then written as the services would leave them: current scores from the last
review, the next review from the review cycle, each review remembering the
date it replaced, and the audit trail noting every creation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models.risk import Risk, RiskMitigation, RiskReview
from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.risk import (
    DEFAULT_CATEGORIES,
    ReviewDraft,
    RiskDraft,
    validate_review,
    validate_risk,
)
from improvement_desk.domain.text_rules import field_values
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.demo_content import AS_AT
from improvement_desk.services.demo_risk_content import RISKS, DemoReview, DemoRisk
from improvement_desk.services.risks import ENTITY, LINK_FIELD, audit_review


def load_demo_register(
    ctx: ServiceContext,
    session: Session,
    *,
    people: Mapping[str, int],
    actions: Mapping[str, int],
    risks: Iterable[DemoRisk] = RISKS,
    as_at: date = AS_AT,
) -> int:
    """Writes the register in the caller's open transaction; returns the number of risks.

    `people` maps names to ids and `actions` plan references to ids, as the
    plan was just loaded. Nothing is written unless every risk is sound.
    """
    register = list(risks)
    taken = set(session.scalars(select(Risk.reference)))
    problems: list[FieldProblem] = []
    for demo in register:
        problems.extend(
            FieldProblem(f"Demo risk {demo.reference}: {p.field}", p.message)
            for p in _problems(demo, people=people, actions=actions, as_at=as_at, taken=taken)
        )
        taken.add(demo.reference)
    if problems:
        raise ValidationError(problems)
    trail = AuditTrail(ctx, session)
    for demo in register:
        _write(ctx, session, trail, demo, people=people, actions=actions)
    return len(register)


def _draft(demo: DemoRisk) -> RiskDraft:
    """The risk as its last review left it (call only when it has reviews)."""
    current = demo.reviews[-1]
    target_likelihood, target_impact = demo.target or (None, None)
    return RiskDraft(
        reference=demo.reference,
        title=demo.title,
        cause=demo.cause,
        event=demo.event,
        effect=demo.effect,
        category=demo.category,
        owner=demo.owner,
        date_raised=demo.date_raised,
        inherent_likelihood=demo.inherent[0],
        inherent_impact=demo.inherent[1],
        current_likelihood=current.likelihood,
        current_impact=current.impact,
        controls=demo.controls,
        target_likelihood=target_likelihood,
        target_impact=target_impact,
        target_date=demo.target_date,
        status=demo.status,
        proximity=demo.proximity,
        review_frequency=demo.review_frequency,
        next_review_date=_next_review(demo),
    )


def _next_review(demo: DemoRisk) -> date | None:
    """The content's date, else the one recording the last review would have set; a closed
    risk is no longer reviewed, so it has none (as when the services close one)."""
    if not demo.status.is_live:
        return None
    return demo.next_review or demo.review_frequency.next_after(demo.reviews[-1].on)


def _review_draft(review: DemoReview) -> ReviewDraft:
    return ReviewDraft(
        review_date=review.on,
        likelihood=review.likelihood,
        impact=review.impact,
        commentary=review.commentary,
        reviewer=review.reviewer,
    )


def _problems(
    demo: DemoRisk,
    *,
    people: Mapping[str, int],
    actions: Mapping[str, int],
    as_at: date,
    taken: set[str],
) -> list[FieldProblem]:
    if not demo.reviews:
        return [FieldProblem("Reviews", "a risk needs the assessment made when it was raised")]
    found = validate_risk(_draft(demo), known_people=set(people), today=as_at)
    if demo.category and demo.category not in DEFAULT_CATEGORIES:
        found.append(
            FieldProblem("Category", f"'{demo.category}' is not one of the default categories")
        )
    if demo.reference in taken:
        found.append(FieldProblem("Reference", "is already used by another risk"))
    first = demo.reviews[0].on
    if first != demo.date_raised:
        found.append(
            FieldProblem(
                "Reviews",
                f"the first review ({first:%d %b %Y}) must be the assessment made the day the "
                f"risk was raised ({demo.date_raised:%d %b %Y})",
            )
        )
    latest: date | None = None
    for review in demo.reviews:
        found.extend(
            FieldProblem(f"Review of {review.on:%d %b %Y}: {p.field}", p.message)
            for p in validate_review(
                _review_draft(review),
                date_raised=demo.date_raised,
                latest_review=latest,
                today=as_at,
            )
        )
        latest = review.on
    seen: set[str] = set()
    for reference in demo.mitigations:
        if reference not in actions:
            found.append(FieldProblem("Mitigating actions", f"{reference} is not in the plan"))
        elif reference in seen:
            found.append(FieldProblem("Mitigating actions", f"{reference} is listed twice"))
        seen.add(reference)
    return found


def _write(
    ctx: ServiceContext,
    session: Session,
    trail: AuditTrail,
    demo: DemoRisk,
    *,
    people: Mapping[str, int],
    actions: Mapping[str, int],
) -> None:
    draft = _draft(demo)
    values = field_values(draft, leave_out=("owner",))
    risk = Risk(owner_id=people[draft.owner], created_at=ctx.now(), **values)
    # Each review remembers the next-review date it replaced, as recording one does, so
    # withdrawing the latest review of a demo risk puts the right date back.
    replaced: date | None = None
    for review in demo.reviews:
        risk.reviews.append(
            RiskReview(
                review_date=review.on,
                likelihood=review.likelihood,
                impact=review.impact,
                commentary=review.commentary,
                reviewer=review.reviewer,
                previous_next_review=replaced,
                recorded_at=ctx.now(),
            )
        )
        replaced = demo.review_frequency.next_after(review.on)
    session.add(risk)
    session.flush()
    # Audited as the risk services audit a new risk, its reviews and its links.
    trail.created(ENTITY, risk.id, demo.reference, {**values, "owner": draft.owner})
    for row in risk.reviews:
        audit_review(trail, demo.reference, row)
    for reference in demo.mitigations:
        session.add(RiskMitigation(risk_id=risk.id, action_id=actions[reference]))
        trail.created(ENTITY, risk.id, demo.reference, {LINK_FIELD: reference})
