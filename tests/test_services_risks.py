"""The risk services through an open desk: create, review, links, bands, undo, and refusals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

import pytest
from conftest import ACTOR
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry, RiskMitigation, RiskReview
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import Conflict, NotFound, StorageError, ValidationError
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.domain.risk import (
    ReviewDraft,
    ReviewFrequency,
    ReviewState,
    RiskDraft,
    RiskStatus,
)
from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.domain.risk_scoring import Direction
from improvement_desk.services.desk import Desk
from improvement_desk.services.risk_records import RiskRecord
from improvement_desk.services.risks import FIRST_ASSESSMENT

E = TypeVar("E", bound=Exception)
OWNER = "Jo Bloggs"
OTHER = "Sam Patel"


def risk_draft(reference: str = "R1", **changes: Any) -> RiskDraft:
    base = RiskDraft(
        reference=reference,
        title="Social worker recruitment and retention",
        cause="A national shortage of experienced social workers",
        event="We cannot fill permanent posts",
        effect="Caseloads stay high and practice does not improve",
        category="Workforce",
        owner=OWNER,
        date_raised=date(2013, 4, 10),
        inherent_likelihood=5,
        inherent_impact=4,
        current_likelihood=4,
        current_impact=4,
        controls="Market supplement; recruitment campaign",
        target_likelihood=2,
        target_impact=4,
        target_date=date(2014, 9, 30),
        review_frequency=ReviewFrequency.MONTHLY,
    )
    return replace(base, **changes)


def review(
    on: date, likelihood: int, impact: int, text: str = "Reviewed at the board"
) -> ReviewDraft:
    return ReviewDraft(on, likelihood, impact, text, "Chair of the board")


@pytest.fixture
def risk(desk: Desk) -> RiskRecord:
    desk.people.add(OWNER, "Head of Service")
    desk.people.add(OTHER)
    return desk.risks.create(risk_draft())


@pytest.fixture
def action_id(desk: Desk, risk: RiskRecord) -> int:
    rec = desk.recommendations.create(
        RecommendationDraft(
            RecommendationSource.OFSTED_INSPECTION, "W1", "Stabilise workforce", "Workforce"
        )
    )
    return desk.actions.create(
        rec.id,
        ActionDraft(
            "1.1", "Recruit twelve permanent social workers", OWNER, None, date(2014, 6, 30)
        ),
    ).id


def audit_rows(desk: Desk, entity: str | None = None) -> list[AuditEntry]:
    with desk.opened.database.reading() as session:
        query = select(AuditEntry).order_by(AuditEntry.id)
        if entity:
            query = query.where(AuditEntry.entity == entity)
        return list(session.scalars(query))


@contextmanager
def unchanged(desk: Desk) -> Iterator[None]:
    before = desk.register.register()
    count = len(audit_rows(desk))
    yield
    assert desk.register.register() == before
    assert len(audit_rows(desk)) == count


def refused(desk: Desk, call: Callable[[], object], error: type[E], match: str) -> E:
    with unchanged(desk), pytest.raises(error, match=match) as info:
        call()
    return info.value


# -- creating and editing -------------------------------------------------------------------


def test_create_records_the_first_review_and_next_review_date(desk: Desk, risk: RiskRecord) -> None:
    assert (risk.inherent_score, risk.current_score, risk.target_score) == (20, 16, 8)
    assert risk.band is Band.HIGH
    assert risk.above_appetite
    assert risk.direction is Direction.NEW
    assert len(risk.reviews) == 1
    first = risk.reviews[0]
    assert (first.review_date, first.score, first.commentary, first.reviewer) == (
        date(2013, 4, 10),
        16,
        FIRST_ASSESSMENT,
        ACTOR.name,
    )
    assert risk.next_review_date == date(2013, 5, 10)
    assert risk.review_state is ReviewState.OVERDUE  # as at 31 March 2014
    assert risk.unmitigated
    assert risk.flagged
    created = {(r.field, r.new_value) for r in audit_rows(desk, "risk")}
    assert ("owner", OWNER) in created
    assert ("current_likelihood", "4") in created
    assert {r.field for r in audit_rows(desk, "risk_review")} >= {"score", "commentary"}


def test_edit_fields_and_owner_audited_old_to_new(desk: Desk, risk: RiskRecord) -> None:
    edited = desk.risks.update(
        risk.id,
        replace(risk.draft(), title="  Recruitment  ", owner=OTHER, status=RiskStatus.ESCALATED),
        expected_version=risk.version,
    )
    assert (edited.title, edited.owner, edited.status) == (
        "Recruitment",
        OTHER,
        RiskStatus.ESCALATED,
    )
    assert edited.version == risk.version + 1
    changes = {
        (r.field, r.old_value, r.new_value)
        for r in audit_rows(desk, "risk")
        if r.operation == "update"
    }
    assert changes == {
        ("title", risk.title, "Recruitment"),
        ("owner", OWNER, OTHER),
        ("status", "open", "escalated"),
    }


def test_current_score_moves_only_by_a_review(desk: Desk, risk: RiskRecord) -> None:
    error = refused(
        desk,
        lambda: desk.risks.update(
            risk.id, replace(risk.draft(), current_likelihood=2), expected_version=risk.version
        ),
        ValidationError,
        "recording a review",
    )
    assert error.fields() == {"Current likelihood"}


@pytest.mark.parametrize(
    ("changes", "fields"),
    [
        ({"event": ""}, {"Event"}),
        ({"inherent_likelihood": 6}, {"Inherent likelihood"}),
        ({"inherent_impact": 0}, {"Inherent impact"}),
        ({"target_likelihood": None}, {"Target likelihood"}),
        ({"owner": "Nobody Known"}, {"Owner"}),
        ({"reference": "R2;DROP"}, {"Reference"}),
        ({"title": "two\nlines"}, {"Title"}),
        ({"date_raised": date(2014, 4, 1)}, {"Date raised"}),
        ({"target_date": date(2013, 1, 1)}, {"Target date"}),
        ({"cause": "x" * 10_001}, {"Cause"}),
    ],
)
def test_invalid_risk_refused_naming_fields(
    desk: Desk, risk: RiskRecord, changes: dict[str, Any], fields: set[str]
) -> None:
    error = refused(
        desk,
        lambda: desk.risks.create(risk_draft(**{"reference": "R2", **changes})),
        ValidationError,
        ".",
    )
    assert error.fields() == fields


def test_duplicate_reference_refused_case_insensitively(desk: Desk, risk: RiskRecord) -> None:
    refused(desk, lambda: desk.risks.create(risk_draft("r1")), ValidationError, "already used")


def test_stale_edit_is_a_conflict(desk: Desk, risk: RiskRecord) -> None:
    desk.risks.update(risk.id, replace(risk.draft(), title="Newer"), expected_version=risk.version)
    refused(
        desk,
        lambda: desk.risks.update(
            risk.id, replace(risk.draft(), title="Mine"), expected_version=risk.version
        ),
        Conflict,
        "since you opened it",
    )


def test_date_raised_cannot_move_after_the_first_review(desk: Desk, risk: RiskRecord) -> None:
    error = refused(
        desk,
        lambda: desk.risks.update(
            risk.id,
            replace(risk.draft(), date_raised=date(2013, 5, 1)),
            expected_version=risk.version,
        ),
        ValidationError,
        "first review",
    )
    assert error.fields() == {"Date raised"}


# -- reviews --------------------------------------------------------------------------------


def test_reviews_move_the_score_keep_history_and_give_direction(
    desk: Desk, risk: RiskRecord
) -> None:
    one = desk.risk_reviews.record(
        risk.id, review(date(2013, 6, 1), 4, 4), expected_version=risk.version
    )
    assert one.direction is Direction.SAME
    two = desk.risk_reviews.record(
        risk.id, review(date(2013, 9, 2), 3, 4), expected_version=one.version
    )
    assert (two.current_likelihood, two.current_score, two.direction) == (3, 12, Direction.BETTER)
    assert two.band is Band.MEDIUM
    assert not two.above_appetite
    assert two.score_history == (16, 16, 12)
    assert two.next_review_date == date(2013, 10, 2)
    three = desk.risk_reviews.record(
        risk.id, review(date(2014, 3, 20), 5, 5), expected_version=two.version
    )
    assert (three.direction, three.band, three.review_state) == (
        Direction.WORSE,
        Band.HIGH,
        ReviewState.NOT_DUE,
    )
    moved = [
        r
        for r in audit_rows(desk, "risk")
        if r.field == "current_likelihood" and r.operation == "update"
    ]
    assert [(r.old_value, r.new_value) for r in moved] == [("4", "3"), ("3", "5")]


@pytest.mark.parametrize(
    ("draft", "field", "message"),
    [
        (review(date(2014, 4, 1), 3, 3), "Review date", "in the future"),
        (review(date(2013, 4, 1), 3, 3), "Review date", "before the risk was raised"),
        (review(date(2013, 6, 1), 6, 3), "Likelihood", "1 to 5"),
        (review(date(2013, 6, 1), 3, 3, text="  "), "Commentary", "required"),
        (ReviewDraft(date(2013, 6, 1), 3, 3, "ok", ""), "Reviewer", "required"),
    ],
)
def test_invalid_review_refused(
    desk: Desk, risk: RiskRecord, draft: ReviewDraft, field: str, message: str
) -> None:
    error = refused(
        desk,
        lambda: desk.risk_reviews.record(risk.id, draft, expected_version=risk.version),
        ValidationError,
        message,
    )
    assert field in error.fields()


def test_review_before_the_latest_refused(desk: Desk, risk: RiskRecord) -> None:
    done = desk.risk_reviews.record(
        risk.id, review(date(2013, 9, 1), 3, 4), expected_version=risk.version
    )
    refused(
        desk,
        lambda: desk.risk_reviews.record(
            risk.id, review(date(2013, 8, 1), 2, 2), expected_version=done.version
        ),
        ValidationError,
        "before the latest review",
    )


def test_withdraw_latest_review_restores_score_and_next_date(desk: Desk, risk: RiskRecord) -> None:
    done = desk.risk_reviews.record(
        risk.id, review(date(2013, 9, 1), 2, 3), expected_version=risk.version
    )
    back = desk.risk_reviews.withdraw(risk.id, done.reviews[-1].id, expected_version=done.version)
    assert (back.current_score, back.next_review_date, len(back.reviews)) == (
        16,
        risk.next_review_date,
        1,
    )
    assert [r.operation for r in audit_rows(desk, "risk_review")][-1] == "delete"


def test_withdraw_refuses_an_older_review_and_the_first_assessment(
    desk: Desk, risk: RiskRecord
) -> None:
    one = desk.risk_reviews.record(
        risk.id, review(date(2013, 9, 1), 2, 3), expected_version=risk.version
    )
    two = desk.risk_reviews.record(
        risk.id, review(date(2013, 10, 1), 2, 2), expected_version=one.version
    )
    refused(
        desk,
        lambda: desk.risk_reviews.withdraw(
            risk.id, one.reviews[-1].id, expected_version=two.version
        ),
        Conflict,
        "reviewed again",
    )
    first = two.reviews[0].id
    back = desk.risk_reviews.withdraw(risk.id, two.reviews[-1].id, expected_version=two.version)
    back = desk.risk_reviews.withdraw(risk.id, back.reviews[-1].id, expected_version=back.version)
    refused(
        desk,
        lambda: desk.risk_reviews.withdraw(risk.id, first, expected_version=back.version),
        ValidationError,
        "first assessment",
    )


# -- mitigating actions ---------------------------------------------------------------------


def test_link_actions_shows_brag_both_ways_and_audits(
    desk: Desk, risk: RiskRecord, action_id: int
) -> None:
    linked = desk.risks.set_mitigations(risk.id, [action_id], expected=frozenset())
    assert [(a.reference, a.status) for a in linked.mitigations] == [("1.1", Brag.NOT_STARTED)]
    assert not linked.unmitigated
    assert [
        (s.reference, s.current_score, s.band) for s in desk.register.for_action(action_id)
    ] == [("R1", 16, Band.HIGH)]
    desk.actions.update(
        action_id, replace(desk.plan.action(action_id).draft(), status=Brag.RED), expected_version=1
    )
    assert desk.register.risk(risk.id).mitigations[0].status is Brag.RED
    unlinked = desk.risks.set_mitigations(risk.id, [], expected=frozenset({action_id}))
    assert unlinked.mitigations == ()
    assert unlinked.unmitigated
    links = [
        (r.old_value, r.new_value)
        for r in audit_rows(desk, "risk")
        if r.field == "mitigating_action"
    ]
    assert links == [(None, "1.1"), ("1.1", None)]


def test_links_changed_by_someone_else_are_a_conflict(
    desk: Desk, risk: RiskRecord, action_id: int
) -> None:
    desk.risks.set_mitigations(risk.id, [action_id], expected=frozenset())
    refused(
        desk,
        lambda: desk.risks.set_mitigations(risk.id, [], expected=frozenset()),
        Conflict,
        "were changed",
    )


def test_link_to_a_missing_action_refused(desk: Desk, risk: RiskRecord) -> None:
    refused(
        desk,
        lambda: desk.risks.set_mitigations(risk.id, [999], expected=None),
        ValidationError,
        "no longer exist",
    )


def test_deleting_an_action_unlinks_and_restoring_relinks(
    desk: Desk, risk: RiskRecord, action_id: int
) -> None:
    desk.risks.set_mitigations(risk.id, [action_id], expected=frozenset())
    snapshot = desk.actions.delete(action_id, expected_version=1)
    assert snapshot.risks == ((risk.id, "R1"),)
    assert desk.register.risk(risk.id).mitigations == ()
    desk.actions.restore(snapshot)
    assert [a.action_id for a in desk.register.risk(risk.id).mitigations] == [action_id]


# -- delete and restore ---------------------------------------------------------------------


def test_delete_and_restore_keeps_id_reviews_and_links(
    desk: Desk, risk: RiskRecord, action_id: int
) -> None:
    linked = desk.risks.set_mitigations(risk.id, [action_id], expected=frozenset())
    reviewed = desk.risk_reviews.record(
        risk.id, review(date(2013, 9, 1), 3, 4), expected_version=linked.version
    )
    snapshot = desk.risks.delete(risk.id, expected_version=reviewed.version)
    assert desk.register.register().risks == ()
    with desk.opened.database.reading() as session:
        assert session.scalar(select(func.count()).select_from(RiskReview)) == 0
        assert session.scalar(select(func.count()).select_from(RiskMitigation)) == 0
    back = desk.risks.restore(snapshot)
    assert replace(back, version=reviewed.version) == reviewed
    refused(desk, lambda: desk.risks.restore(snapshot), ValidationError, "already exists")


def test_unknown_risk_is_not_found(desk: Desk, risk: RiskRecord) -> None:
    for call in (
        lambda: desk.register.risk(99),
        lambda: desk.risks.update(99, risk.draft(), expected_version=None),
        lambda: desk.risks.delete(99, expected_version=None),
        lambda: desk.risk_reviews.record(99, review(date(2013, 9, 1), 1, 1), expected_version=None),
    ):
        with pytest.raises(NotFound, match="Risk 99"):
            call()


def test_owner_of_a_risk_cannot_be_removed(desk: Desk, risk: RiskRecord) -> None:
    owner = next(p for p in desk.people.list() if p.name == OWNER)
    refused(desk, lambda: desk.people.remove(owner.id), ValidationError, "owns risks")


# -- bands and appetite ---------------------------------------------------------------------


def test_changing_bands_rerates_every_risk_consistently(desk: Desk, risk: RiskRecord) -> None:
    settings = desk.risk_settings.load()
    assert settings.bands == RiskBands()
    assert desk.register.risk(risk.id).band is Band.HIGH
    new = desk.risk_settings.update(
        RiskBands(low_max=10, medium_max=16, appetite=16, high_colour="#aa0000"),
        expected_version=settings.version,
    )
    assert new.bands.high_colour == "#AA0000"
    snapshot = desk.register.register()
    assert snapshot.bands == new.bands
    record = snapshot.risks[0]
    assert (record.band, record.above_appetite) == (Band.MEDIUM, False)
    assert desk.register.for_action(0) == ()
    changed = {(r.field, r.old_value, r.new_value) for r in audit_rows(desk, "risk_settings")}
    assert ("medium_max", "12", "16") in changed


@pytest.mark.parametrize(
    ("bands", "field"),
    [
        (RiskBands(low_max=12, medium_max=12), "Medium up to"),
        (RiskBands(low_max=0), "Low up to"),
        (RiskBands(medium_max=25), "Medium up to"),
        (RiskBands(appetite=26), "Appetite"),
        (RiskBands(low_colour="green"), "Low colour"),
        (RiskBands(low_max=13, medium_max=14), "Medium up to"),  # no product of 1..5 is 13 or 14
    ],
)
def test_bad_bands_refused(desk: Desk, bands: RiskBands, field: str) -> None:
    before = desk.risk_settings.load()
    with pytest.raises(ValidationError) as info:
        desk.risk_settings.update(bands, expected_version=before.version)
    assert field in info.value.fields()
    assert desk.risk_settings.load() == before


def test_stale_bands_are_a_conflict(desk: Desk) -> None:
    before = desk.risk_settings.load()
    desk.risk_settings.update(RiskBands(appetite=15), expected_version=before.version)
    with pytest.raises(Conflict):
        desk.risk_settings.update(RiskBands(appetite=10), expected_version=before.version)


def test_read_only_board_refuses_risk_changes(
    board_location: Any, desk: Desk, risk: RiskRecord
) -> None:
    desk.close()
    from improvement_desk.services.desk import open_desk

    ro = open_desk(board_location, ACTOR, read_only=True)
    try:
        with pytest.raises(StorageError, match="read-only"):
            ro.risks.create(risk_draft("R2"))
        with pytest.raises(StorageError, match="read-only"):
            ro.risk_settings.update(RiskBands(), expected_version=None)
        assert [r.reference for r in ro.register.register().risks] == ["R1"]
    finally:
        ro.close()


# -- dump and check -------------------------------------------------------------------------


def test_dump_includes_risks_reviews_links_and_settings(
    desk: Desk, risk: RiskRecord, action_id: int
) -> None:
    from improvement_desk.services.dump import dump_board

    desk.risks.set_mitigations(risk.id, [action_id], expected=frozenset())
    desk.risk_reviews.record(risk.id, review(date(2013, 9, 1), 3, 4), expected_version=risk.version)
    dumped = dump_board(desk.ctx, include_audit=False)
    assert dumped["risk_settings"]["medium_max"] == 12
    (only,) = dumped["risks"]
    assert (only["reference"], only["owner"], only["mitigating_actions"]) == ("R1", OWNER, ["1.1"])
    assert [(r["review_date"], r["likelihood"], r["impact"]) for r in only["reviews"]] == [
        ("2013-04-10", 4, 4),
        ("2013-09-01", 3, 4),
    ]
    assert (only["current_likelihood"], only["status"]) == (3, "open")


def test_check_finds_a_current_score_that_bypassed_the_reviews(
    desk: Desk, risk: RiskRecord
) -> None:
    from improvement_desk.services.checks import run_checks

    assert run_checks(desk.ctx).ok
    with desk.opened.database.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE risk SET current_likelihood = 1")
    report = run_checks(desk.ctx)
    assert report.problems == [
        "Risk register rules: risk R1: current score 1×4 differs from its latest review "
        "(4×4 on 10 Apr 2013)"
    ]


def test_closing_a_risk_clears_its_next_review(desk: Desk, risk: RiskRecord) -> None:
    closed = desk.risks.update(
        risk.id, replace(risk.draft(), status=RiskStatus.CLOSED), expected_version=risk.version
    )
    assert closed.next_review_date is None
    assert closed.review_state is ReviewState.NOT_DUE
    assert not closed.flagged  # closed: not unmitigated, not above appetite, not due
    reopened = desk.risks.update(
        risk.id, replace(closed.draft(), status=RiskStatus.OPEN), expected_version=closed.version
    )
    assert reopened.review_state is ReviewState.DUE  # no date yet: due now
