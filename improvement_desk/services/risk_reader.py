"""Reading the register: every risk with its reviews and mitigating actions in a few queries.

Bands, direction of travel, review state and appetite are derived here, once,
from the board's settings and "today", so no view computes its own.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, Person, Risk, RiskMitigation, RiskReview
from improvement_desk.domain.errors import NotFound
from improvement_desk.domain.plan import is_overdue
from improvement_desk.domain.risk import DEFAULT_CATEGORIES, review_state
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.risk_scoring import direction_of_travel
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.risk_records import (
    LinkedAction,
    RegisterSnapshot,
    ReviewRecord,
    RiskRecord,
    RiskSummary,
)
from improvement_desk.services.risk_settings import load_settings


class RiskReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def register(self) -> RegisterSnapshot:
        today = self._ctx.today()
        with self._ctx.db.reading() as session:
            settings = load_settings(session)
            risks = tuple(load_risks(session, today, settings.bands))
            people = tuple(session.scalars(select(Person.name).order_by(Person.name)))
            actions = tuple(load_linkable_actions(session, today))
        categories = sorted({r.category for r in risks} | set(DEFAULT_CATEGORIES), key=str.casefold)
        return RegisterSnapshot(
            risks, settings.bands, settings.version, today, tuple(categories), people, actions
        )

    def risk(self, risk_id: int) -> RiskRecord:
        with self._ctx.db.reading() as session:
            settings = load_settings(session)
            found = load_risks(session, self._ctx.today(), settings.bands, only=risk_id)
        if not found:
            raise NotFound("Risk", risk_id)
        return found[0]

    def for_action(self, action_id: int) -> tuple[RiskSummary, ...]:
        """The risks a plan action mitigates, worst first, for the action's own view."""
        with self._ctx.db.reading() as session:
            bands = load_settings(session).bands
            rows = session.scalars(
                select(Risk)
                .join(RiskMitigation, RiskMitigation.risk_id == Risk.id)
                .where(RiskMitigation.action_id == action_id)
            ).all()
            summaries = [
                RiskSummary(
                    r.id,
                    r.reference,
                    r.title,
                    r.current_likelihood * r.current_impact,
                    bands.band(r.current_likelihood * r.current_impact),
                    r.status,
                    bands.colour(r.current_likelihood * r.current_impact),
                    bands.text_colour(r.current_likelihood * r.current_impact),
                )
                for r in rows
            ]
        summaries.sort(key=lambda s: (-s.current_score, s.reference))
        return tuple(summaries)


def review_record(r: RiskReview) -> ReviewRecord:
    return ReviewRecord(
        r.id,
        r.risk_id,
        r.review_date,
        r.likelihood,
        r.impact,
        r.commentary,
        r.reviewer,
        r.previous_next_review,
        r.recorded_at,
    )


def linked_action(a: Action, lead: str, today: date) -> LinkedAction:
    return LinkedAction(
        a.id,
        a.reference,
        a.description,
        lead,
        a.status,
        a.target_date,
        is_overdue(a.target_date, a.status, today),
    )


def load_linkable_actions(session: Session, today: date) -> list[LinkedAction]:
    rows = session.execute(
        select(Action, Person.name).join(Person, Person.id == Action.lead_officer_id)
    ).all()
    found = [linked_action(a, lead, today) for a, lead in rows]
    found.sort(key=lambda a: _reference_key(a.reference))
    return found


def _reference_key(reference: str) -> tuple[tuple[int, object], ...]:
    """'R2' before 'R10', '1.2' before '1.10': numbers compare as numbers."""
    parts: list[tuple[int, object]] = []
    for token in _split_digits(reference.casefold()):
        parts.append((0, int(token)) if token.isdigit() else (1, token))
    return tuple(parts)


def _split_digits(text: str) -> list[str]:
    tokens: list[str] = []
    for ch in text:
        if tokens and ch.isdigit() == tokens[-1][-1].isdigit():
            tokens[-1] += ch
        else:
            tokens.append(ch)
    return tokens


def load_risks(
    session: Session, today: date, bands: RiskBands, *, only: int | None = None
) -> list[RiskRecord]:
    query = select(Risk, Person.name).join(Person, Person.id == Risk.owner_id)
    review_query = select(RiskReview).order_by(RiskReview.review_date, RiskReview.id)
    link_query = (
        select(RiskMitigation.risk_id, Action, Person.name)
        .join(Action, Action.id == RiskMitigation.action_id)
        .join(Person, Person.id == Action.lead_officer_id)
    )
    if only is not None:
        query = query.where(Risk.id == only)
        review_query = review_query.where(RiskReview.risk_id == only)
        link_query = link_query.where(RiskMitigation.risk_id == only)
    reviews: dict[int, list[ReviewRecord]] = defaultdict(list)
    for review in session.scalars(review_query):
        reviews[review.risk_id].append(review_record(review))
    links: dict[int, list[LinkedAction]] = defaultdict(list)
    for risk_id, action, lead in session.execute(link_query):
        links[risk_id].append(linked_action(action, lead, today))
    records = []
    for risk, owner in session.execute(query):
        own_reviews = tuple(reviews.get(risk.id, ()))
        mitigations = tuple(
            sorted(links.get(risk.id, ()), key=lambda a: _reference_key(a.reference))
        )
        current = risk.current_likelihood * risk.current_impact
        records.append(
            RiskRecord(
                id=risk.id,
                reference=risk.reference,
                title=risk.title,
                cause=risk.cause,
                event=risk.event,
                effect=risk.effect,
                category=risk.category,
                owner=owner,
                date_raised=risk.date_raised,
                inherent_likelihood=risk.inherent_likelihood,
                inherent_impact=risk.inherent_impact,
                controls=risk.controls,
                current_likelihood=risk.current_likelihood,
                current_impact=risk.current_impact,
                target_likelihood=risk.target_likelihood,
                target_impact=risk.target_impact,
                target_date=risk.target_date,
                status=risk.status,
                proximity=risk.proximity,
                review_frequency=risk.review_frequency,
                next_review_date=risk.next_review_date,
                version=risk.version,
                reviews=own_reviews,
                mitigations=mitigations,
                direction=direction_of_travel([r.score for r in own_reviews]),
                band=bands.band(current),
                review_state=review_state(risk.next_review_date, risk.status, today),
                above_appetite=risk.status.is_live and bands.above_appetite(current),
            )
        )
    records.sort(key=lambda r: _reference_key(r.reference))
    return records
