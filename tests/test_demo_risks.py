"""The demo board's risk register: loaded with the plan, sound by the domain's rules, and
showing every state the register's views must handle."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from conftest import TODAY
from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from improvement_desk.db.models import Action, AuditEntry, Person
from improvement_desk.db.models.risk import Risk, RiskMitigation, RiskReview, RiskSettings
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.risk import DEFAULT_CATEGORIES, ReviewState, RiskStatus, review_state
from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.domain.risk_scoring import Direction, direction_of_travel
from improvement_desk.services import demo_content
from improvement_desk.services.demo import load_demo, load_plan
from improvement_desk.services.demo_risk_content import RISKS, DemoReview, DemoRisk
from improvement_desk.services.desk import Desk
from improvement_desk.services.risks import FIRST_ASSESSMENT


@pytest.fixture
def demo(desk: Desk) -> Desk:
    load_demo(desk.ctx)
    return desk


def _count(session: Session, column: InstrumentedAttribute[int]) -> int:
    return session.scalar(select(func.count(column))) or 0


def _risks(session: Session) -> list[Risk]:
    return list(session.scalars(select(Risk).order_by(Risk.id)))


def _links(session: Session) -> dict[str, set[str]]:
    rows = session.execute(
        select(Risk.reference, Action.reference)
        .join(RiskMitigation, RiskMitigation.risk_id == Risk.id)
        .join(Action, Action.id == RiskMitigation.action_id)
    )
    links: dict[str, set[str]] = {}
    for risk_ref, action_ref in rows:
        links.setdefault(risk_ref, set()).add(action_ref)
    return links


def _bands(session: Session) -> RiskBands:
    row = session.get(RiskSettings, 1)
    assert row is not None, "the migration's default settings row is kept"
    return RiskBands(low_max=row.low_max, medium_max=row.medium_max, appetite=row.appetite)


def test_the_demo_loads_every_risk_review_and_link(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        assert _count(session, Risk.id) == len(RISKS) == 14
        assert _count(session, RiskReview.id) == sum(len(r.reviews) for r in RISKS) == 112
        assert _count(session, RiskMitigation.risk_id) == sum(len(r.mitigations) for r in RISKS)
        assert _count(session, RiskMitigation.risk_id) == 41
        links = _links(session)
        owners = {r.reference: r.owner.name for r in _risks(session)}
    for content in RISKS:
        assert links.get(content.reference, set()) == set(content.mitigations)
        assert owners[content.reference] == content.owner


def test_each_risk_is_as_its_reviews_left_it(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        for risk in _risks(session):
            last = risk.reviews[-1]
            assert (risk.current_likelihood, risk.current_impact) == (
                last.likelihood,
                last.impact,
            ), risk.reference
            if risk.status.is_live:
                assert risk.next_review_date == risk.review_frequency.next_after(last.review_date)
            else:
                assert risk.next_review_date is None  # a closed risk is no longer reviewed
            assert risk.reviews[0].review_date == risk.date_raised
            assert risk.reviews[0].previous_next_review is None
            # Each later review remembers the date the one before it set.
            for before, after in zip(risk.reviews, risk.reviews[1:], strict=False):
                assert after.review_date >= before.review_date
                assert after.previous_next_review == risk.review_frequency.next_after(
                    before.review_date
                )


def test_no_review_is_after_the_as_at_date(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        latest = session.scalar(select(func.max(RiskReview.review_date)))
        earliest = session.scalar(select(func.min(RiskReview.review_date)))
    assert latest is not None
    assert latest <= demo_content.AS_AT == TODAY
    assert earliest is not None
    assert earliest >= date(2013, 3, 1)


def test_directions_of_travel_are_mixed(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        directions = Counter(
            direction_of_travel([r.likelihood * r.impact for r in risk.reviews])
            for risk in _risks(session)
        )
    assert directions[Direction.WORSE] >= 2
    assert directions[Direction.BETTER] >= 2
    assert directions[Direction.SAME] >= 2
    assert directions[Direction.NEW] == 0, "every demo risk has been reviewed since it was raised"


def test_the_register_shows_every_flag_and_band(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        bands = _bands(session)
        risks = _risks(session)
        linked = {risk_id for (risk_id,) in session.execute(select(RiskMitigation.risk_id))}
    states = Counter(review_state(r.next_review_date, r.status, TODAY) for r in risks)
    assert states[ReviewState.OVERDUE] >= 2
    assert 1 <= states[ReviewState.DUE] <= 2
    live = [r for r in risks if r.status.is_live]
    above = [r for r in live if bands.above_appetite(r.current_likelihood * r.current_impact)]
    assert len(above) >= 2
    assert [r for r in live if r.id not in linked], "a live risk with no mitigating action"
    statuses = Counter(r.status for r in risks)
    assert statuses[RiskStatus.ESCALATED] == 1
    assert statuses[RiskStatus.CLOSED] == 1
    assert {bands.band(r.current_likelihood * r.current_impact) for r in live} == set(Band)
    assert any(r.target_likelihood is None and r.target_impact is None for r in risks)
    assert {r.category for r in risks} <= set(DEFAULT_CATEGORIES)


def test_the_reader_flags_the_register_as_the_board_will_see_it(demo: Desk) -> None:
    snapshot = demo.register.register()
    by_ref = {r.reference: r for r in snapshot.risks}
    assert len(by_ref) == len(RISKS)
    assert {r.reference for r in snapshot.risks if r.unmitigated} == {"R9"}
    assert {r.reference for r in snapshot.risks if r.above_appetite} == {"R1", "R5", "R14"}
    overdue = {r.reference for r in snapshot.risks if r.review_state is ReviewState.OVERDUE}
    due = {r.reference for r in snapshot.risks if r.review_state is ReviewState.DUE}
    assert (overdue, due) == ({"R4", "R6"}, {"R3", "R8"})
    assert by_ref["R14"].status is RiskStatus.ESCALATED
    assert by_ref["R10"].status is RiskStatus.CLOSED
    assert not by_ref["R10"].flagged
    assert by_ref["R9"].target_score is None
    assert by_ref["R1"].direction is Direction.WORSE
    assert by_ref["R3"].direction is Direction.BETTER
    assert by_ref["R2"].direction is Direction.SAME
    assert by_ref["R1"].score_history == tuple(r.likelihood * r.impact for r in RISKS[0].reviews)
    assert {a.reference for a in by_ref["R1"].mitigations} == set(RISKS[0].mitigations)


def test_each_first_review_reads_as_the_first_assessment() -> None:
    assert all(r.reviews[0].commentary.startswith(FIRST_ASSESSMENT) for r in RISKS)


def test_loading_the_register_is_audited(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        rows = list(
            session.scalars(
                select(AuditEntry).where(AuditEntry.entity.in_(("risk", "risk_review")))
            )
        )
        risk_ids = {r.id: r.reference for r in _risks(session)}
        review_ids = set(session.scalars(select(RiskReview.id)))
    assert all(row.operation == "create" for row in rows)
    created = {row.entity_id for row in rows if row.entity == "risk" and row.field == "reference"}
    assert created == set(risk_ids)
    reviewed = {row.entity_id for row in rows if row.entity == "risk_review"}
    assert reviewed == review_ids
    mitigations = Counter(
        (risk_ids[row.entity_id], row.new_value)
        for row in rows
        if row.entity == "risk" and row.field == "mitigating_action"
    )
    assert set(mitigations) == {(r.reference, a) for r in RISKS for a in r.mitigations}
    assert set(mitigations.values()) == {1}
    owners = {row.new_value for row in rows if row.field == "owner"}
    assert owners == {r.owner for r in RISKS}


def _late_review(risk: DemoRisk) -> DemoRisk:
    after = DemoReview(date(2014, 4, 2), 3, 3, "Reviewed after the as-at date.", risk.owner)
    return replace(risk, reviews=(*risk.reviews, after))


@pytest.mark.parametrize(
    ("register", "field"),
    [
        ([replace(RISKS[0], owner="Nobody Known")], "Demo risk R1: Owner"),
        ([_late_review(RISKS[1])], "Demo risk R2: Review of 02 Apr 2014: Review date"),
        ([replace(RISKS[2], mitigations=("9.9",))], "Demo risk R3: Mitigating actions"),
        ([replace(RISKS[3], reviews=RISKS[3].reviews[1:])], "Demo risk R4: Reviews"),
        ([RISKS[0], replace(RISKS[4], reference="R1")], "Demo risk R1: Reference"),
        ([replace(RISKS[5], category="Housing")], "Demo risk R6: Category"),
        ([replace(RISKS[6], reviews=())], "Demo risk R7: Reviews"),
        (
            [replace(RISKS[7], target=(2, 2), target_date=date(2013, 1, 1))],
            "Demo risk R8: Target date",
        ),
    ],
    ids=[
        "unknown-owner",
        "late-review",
        "unknown-action",
        "no-first-assessment",
        "reference-twice",
        "unknown-category",
        "no-reviews",
        "target-before-raised",
    ],
)
def test_wrong_content_fails_and_leaves_the_board_empty(
    desk: Desk, register: list[DemoRisk], field: str
) -> None:
    with desk.opened.database.reading() as session:
        audit_before = _count(session, AuditEntry.id)
    with pytest.raises(ValidationError) as caught:
        load_plan(
            desk.ctx,
            people=demo_content.PEOPLE,
            recommendations=demo_content.RECOMMENDATIONS,
            board_name=demo_content.BOARD_NAME,
            as_at=demo_content.AS_AT,
            risks=register,
        )
    assert field in caught.value.fields()
    with desk.opened.database.reading() as session:
        for column in (Risk.id, RiskReview.id, Action.id, Person.id):
            assert _count(session, column) == 0, column
        assert _count(session, AuditEntry.id) == audit_before
    assert desk.info().name == "Test Improvement Board"
