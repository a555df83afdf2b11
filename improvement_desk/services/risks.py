"""Creating, editing, deleting and restoring risks, and linking them to plan actions, audited.

A risk's current score is its latest review's score: it is set here only when
the risk is created (as its first review) and moves afterwards only through
`risk_reviews`, so the history and the direction of travel cannot be bypassed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, Person, Risk, RiskMitigation, RiskReview
from improvement_desk.domain.errors import Conflict, FieldProblem, ValidationError
from improvement_desk.domain.risk import RiskDraft, validate_risk
from improvement_desk.domain.text_rules import clean_fields, field_values
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch, raise_if
from improvement_desk.services.risk_reader import load_risks
from improvement_desk.services.risk_records import RiskRecord, RiskSnapshot
from improvement_desk.services.risk_settings import load_settings

ENTITY = "risk"
REVIEW_ENTITY = "risk_review"
LINK_FIELD = "mitigating_action"
FIRST_ASSESSMENT = "First assessment when the risk was raised"
_CURRENT = ("current_likelihood", "current_impact")


def _values(draft: RiskDraft) -> dict[str, Any]:
    """Column values of a draft, owner aside (stored by id, audited by name)."""
    return field_values(draft, leave_out=("owner",))


def load_record(ctx: ServiceContext, session: Session, risk_id: int) -> RiskRecord:
    return load_risks(session, ctx.today(), load_settings(session).bands, only=risk_id)[0]


class RiskService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def create(self, draft: RiskDraft) -> RiskRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            risk = create_risk_in(self._ctx, session, draft)
            return load_record(self._ctx, session, risk.id)

    def update(self, risk_id: int, draft: RiskDraft, *, expected_version: int | None) -> RiskRecord:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            risk = fetch(session, Risk, risk_id, "Risk")
            check_version(risk, expected_version, "Risk", risk.reference)
            update_risk_in(self._ctx, session, risk, draft)
            return load_record(self._ctx, session, risk_id)

    def delete(self, risk_id: int, *, expected_version: int | None) -> RiskSnapshot:
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            risk = fetch(session, Risk, risk_id, "Risk")
            check_version(risk, expected_version, "Risk", risk.reference)
            record = load_record(self._ctx, session, risk_id)
            AuditTrail(self._ctx, session).deleted(
                ENTITY,
                risk.id,
                risk.reference,
                {
                    **_values(record.draft()),
                    "owner": record.owner,
                    "reviews": len(record.reviews),
                    "mitigating_actions": ", ".join(a.reference for a in record.mitigations),
                },
            )
            snapshot = RiskSnapshot(record, risk.created_at)
            session.delete(risk)  # reviews and links go with it (cascade)
            return snapshot

    def restore(self, snapshot: RiskSnapshot) -> RiskRecord:
        """Puts a deleted risk back with its id, reviews and links (undo of delete).

        Links to actions deleted in the meantime cannot come back; the rest do.
        """
        self._ctx.require_writable()
        rec = snapshot.risk
        with self._ctx.db.transaction() as session:
            if session.get(Risk, rec.id) is not None:
                raise ValidationError.single("Risk", f"{rec.reference} already exists")
            _check_unique(session, rec.reference, None)
            people = _people(session)
            if rec.owner not in people:
                raise ValidationError.single("Owner", f"'{rec.owner}' is no longer on the list")
            session.add(
                Risk(
                    id=rec.id,
                    owner_id=people[rec.owner],
                    created_at=snapshot.created_at,
                    **_values(rec.draft()),
                )
            )
            for r in rec.reviews:
                session.add(
                    RiskReview(
                        id=r.id,
                        risk_id=rec.id,
                        review_date=r.review_date,
                        likelihood=r.likelihood,
                        impact=r.impact,
                        commentary=r.commentary,
                        reviewer=r.reviewer,
                        previous_next_review=r.previous_next_review,
                        recorded_at=r.recorded_at,
                    )
                )
            existing = set(
                session.scalars(
                    select(Action.id).where(Action.id.in_([a.action_id for a in rec.mitigations]))
                )
            )
            kept = [a for a in rec.mitigations if a.action_id in existing]
            session.add_all(RiskMitigation(risk_id=rec.id, action_id=a.action_id) for a in kept)
            session.flush()
            AuditTrail(self._ctx, session).restored(
                ENTITY,
                rec.id,
                rec.reference,
                {
                    **_values(rec.draft()),
                    "owner": rec.owner,
                    "reviews": len(rec.reviews),
                    "mitigating_actions": ", ".join(a.reference for a in kept),
                },
            )
            return load_record(self._ctx, session, rec.id)

    def set_mitigations(
        self, risk_id: int, action_ids: Iterable[int], *, expected: frozenset[int] | None
    ) -> RiskRecord:
        """Replaces the plan actions linked to a risk.

        `expected` is the set the caller saw (undo passes the set it left), so a
        colleague's change to the links in between is refused, not overwritten.
        """
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            risk = fetch(session, Risk, risk_id, "Risk")
            if expected is not None:
                current = _linked(session, risk_id)
                if current != expected:
                    raise Conflict(
                        f"The mitigating actions of risk {risk.reference} were changed since "
                        "you opened it; nothing was saved. Reload and try again.",
                        kind="Risk",
                        key=risk_id,
                    )
            set_mitigations_in(self._ctx, session, risk, action_ids)
            return load_record(self._ctx, session, risk_id)


# -- units of work inside a caller's transaction (an import applies many in one) ------------


def create_risk_in(
    ctx: ServiceContext,
    session: Session,
    draft: RiskDraft,
    *,
    people: Mapping[str, int] | None = None,
    first_review_commentary: str = FIRST_ASSESSMENT,
) -> Risk:
    """A new risk and its first review (its current score, dated the day it was raised)."""
    draft = clean_fields(draft)
    people = _people(session) if people is None else people
    raise_if(validate_risk(draft, known_people=set(people), today=ctx.today()))
    _check_unique(session, draft.reference, None)
    values = _values(draft)
    if not draft.status.is_live:
        values["next_review_date"] = None  # raised closed (an import of history): no reviews due
    elif values["next_review_date"] is None:
        values["next_review_date"] = draft.review_frequency.next_after(draft.date_raised)
    risk = Risk(owner_id=people[draft.owner], created_at=ctx.now(), **values)
    session.add(risk)
    session.flush()
    review = RiskReview(
        risk_id=risk.id,
        review_date=draft.date_raised,
        likelihood=draft.current_likelihood,
        impact=draft.current_impact,
        commentary=first_review_commentary.strip() or FIRST_ASSESSMENT,
        reviewer=ctx.actor.name,
        previous_next_review=None,
        recorded_at=ctx.now(),
    )
    session.add(review)
    session.flush()
    trail = AuditTrail(ctx, session)
    trail.created(ENTITY, risk.id, draft.reference, {**values, "owner": draft.owner})
    audit_review(trail, risk.reference, review)
    return risk


def audit_review(trail: AuditTrail, reference: str, review: RiskReview) -> None:
    trail.created(
        REVIEW_ENTITY,
        review.id,
        reference,
        {
            "risk_id": review.risk_id,
            "review_date": review.review_date,
            "likelihood": review.likelihood,
            "impact": review.impact,
            "score": review.likelihood * review.impact,
            "commentary": review.commentary,
            "reviewer": review.reviewer,
        },
    )


def update_risk_in(
    ctx: ServiceContext, session: Session, risk: Risk, draft: RiskDraft
) -> list[str]:
    """Applies a draft under the register's rules; returns the fields that changed."""
    draft = clean_fields(draft)
    people = _people(session)
    problems = validate_risk(draft, known_people=set(people), today=ctx.today())
    for name, label in zip(_CURRENT, ("Current likelihood", "Current impact"), strict=True):
        if getattr(draft, name) != getattr(risk, name):
            problems.append(
                FieldProblem(label, "changes only by recording a review, so the history is kept")
            )
    first = session.scalar(
        select(func.min(RiskReview.review_date)).where(RiskReview.risk_id == risk.id)
    )
    if first is not None and draft.date_raised > first:
        problems.append(
            FieldProblem(
                "Date raised",
                f"{draft.date_raised:%d %b %Y} is after the risk's first review ({first:%d %b %Y})",
            )
        )
    raise_if(problems)
    _check_unique(session, draft.reference, risk.id)
    # Read the old owner before setting anything: a query now would autoflush half the change.
    old_owner = session.get(Person, risk.owner_id)
    trail = AuditTrail(ctx, session)
    changes = {k: v for k, v in _values(draft).items() if k not in _CURRENT}
    if not draft.status.is_live:
        changes["next_review_date"] = None  # a closed risk is no longer reviewed
    changed = trail.apply(risk, ENTITY, draft.reference, changes)
    if people[draft.owner] != risk.owner_id:
        risk.owner_id = people[draft.owner]
        trail.apply_value(
            ENTITY,
            risk.id,
            draft.reference,
            "owner",
            old_owner.name if old_owner else None,
            draft.owner,
        )
        changed.append("owner")
    session.flush()
    return changed


def set_mitigations_in(
    ctx: ServiceContext, session: Session, risk: Risk, action_ids: Iterable[int]
) -> bool:
    """Links exactly these actions; each link made or removed is audited. True if any changed."""
    wanted = set(action_ids)
    references = {
        row.id: row.reference
        for row in session.execute(select(Action.id, Action.reference).where(Action.id.in_(wanted)))
    }
    missing = wanted - set(references)
    if missing:
        raise ValidationError.single(
            "Mitigating actions",
            f"{len(missing)} of the chosen actions no longer exist{'s' if len(missing) == 1 else ''}",
        )
    current = _linked(session, risk.id)
    removed, added = current - wanted, wanted - current
    if not (removed or added):
        return False
    gone = {
        row.id: row.reference
        for row in session.execute(
            select(Action.id, Action.reference).where(Action.id.in_(removed))
        )
    }
    trail = AuditTrail(ctx, session)
    for action_id in sorted(removed):
        session.delete(session.get(RiskMitigation, (risk.id, action_id)))
        trail.apply_value(ENTITY, risk.id, risk.reference, LINK_FIELD, gone.get(action_id), None)
    for action_id in sorted(added):
        session.add(RiskMitigation(risk_id=risk.id, action_id=action_id))
        trail.apply_value(ENTITY, risk.id, risk.reference, LINK_FIELD, None, references[action_id])
    session.flush()
    return True


def _linked(session: Session, risk_id: int) -> frozenset[int]:
    return frozenset(
        session.scalars(select(RiskMitigation.action_id).where(RiskMitigation.risk_id == risk_id))
    )


def _people(session: Session) -> dict[str, int]:
    return {name: pid for pid, name in session.execute(select(Person.id, Person.name))}


def _check_unique(session: Session, reference: str, own_id: int | None) -> None:
    other = session.scalar(select(Risk.id).where(func.lower(Risk.reference) == reference.lower()))
    if other is not None and other != own_id:
        raise ValidationError(
            FieldProblem("Reference", f"{reference} is already used by another risk")
        )
