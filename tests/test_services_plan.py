"""The plan services through an open desk: create, edit, history, undo, and every refusal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date
from typing import Any, TypeVar

import pytest
from conftest import ACTOR, TODAY
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.errors import Conflict, NotFound, ValidationError
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.services.desk import Desk
from improvement_desk.services.plan_records import ActionRecord, RecommendationRecord

E = TypeVar("E", bound=Exception)
Plan = tuple[RecommendationRecord, ActionRecord]
LEAD = "Jo Bloggs"
OTHER = "Sam Patel"


def rec_draft(reference: str = "R1", theme: str = "Workforce") -> RecommendationDraft:
    return RecommendationDraft(
        RecommendationSource.OFSTED_INSPECTION, reference, "Reduce social worker caseloads", theme
    )


def action_draft(reference: str = "1.1", **changes: Any) -> ActionDraft:
    base = ActionDraft(
        reference=reference,
        description="Recruit twelve permanent social workers",
        lead_officer=LEAD,
        start_date=date(2014, 1, 6),
        target_date=date(2014, 6, 30),
        success_measures="Vacancy rate under 10%",
    )
    return replace(base, **changes)


@pytest.fixture
def plan(desk: Desk) -> Plan:
    desk.people.add(LEAD, "Head of Service", "Children's Services")
    desk.people.add(OTHER)
    rec = desk.recommendations.create(rec_draft())
    return rec, desk.actions.create(rec.id, action_draft())


def audit_count(desk: Desk) -> int:
    with desk.opened.database.reading() as session:
        return session.scalar(select(func.count(AuditEntry.id))) or 0


@contextmanager
def unchanged(desk: Desk) -> Iterator[None]:
    """Asserts that the body changed nothing: same plan, same histories, no audit rows."""
    before = desk.plan.snapshot()
    histories = {a.id: desk.plan.history(a.id) for a in before.actions}
    audit_rows = audit_count(desk)
    yield
    assert desk.plan.snapshot() == before
    assert {a.id: desk.plan.history(a.id) for a in before.actions} == histories
    assert audit_count(desk) == audit_rows


def refused(desk: Desk, call: Callable[[], object], error: type[E], match: str) -> E:
    with unchanged(desk), pytest.raises(error, match=match) as info:
        call()
    return info.value


# -- creating and editing -------------------------------------------------------------------


def test_create_recommendation_and_action(desk: Desk, plan: Plan) -> None:
    rec, action = plan
    assert rec.reference == "R1"
    assert rec.source is RecommendationSource.OFSTED_INSPECTION
    assert rec.version == 1
    assert action.recommendation_id == rec.id
    assert action.recommendation_reference == "R1"
    assert action.theme == "Workforce"
    assert action.lead_officer == LEAD
    assert action.status is Brag.NOT_STARTED
    assert action.original_target_date == action.target_date == date(2014, 6, 30)
    assert (action.update_count, action.revision_count, action.overdue_days) == (0, 0, 0)
    snap = desk.plan.snapshot()
    assert snap.today == TODAY
    assert [r.action_count for r in snap.recommendations] == [1]
    assert snap.actions == (action,)
    assert snap.people == (LEAD, OTHER)
    assert "Workforce" in snap.themes


def test_text_is_cleaned_before_saving(desk: Desk, plan: Plan) -> None:
    rec, _ = plan
    created = desk.actions.create(
        rec.id, action_draft("  1.2 ", description=" Line one\r\nline two  ")
    )
    assert created.reference == "1.2"
    assert created.description == "Line one\nline two"


def test_edit_action_fields_status_and_lead(desk: Desk, plan: Plan) -> None:
    _, action = plan
    edited = desk.actions.update(
        action.id,
        action_draft(
            description="Recruit ten social workers",
            lead_officer=OTHER,
            status=Brag.GREEN,
            confidence=Confidence.HIGH,
        ),
        expected_version=action.version,
    )
    assert edited.description == "Recruit ten social workers"
    assert edited.lead_officer == OTHER
    assert edited.status is Brag.GREEN
    assert edited.confidence is Confidence.HIGH
    assert edited.version == action.version + 1
    amber = desk.actions.update(
        action.id, edited.draft().with_status(Brag.AMBER), expected_version=edited.version
    )
    assert amber.status is Brag.AMBER
    assert desk.plan.action(action.id) == amber


def test_status_to_blue_with_evidence_and_decision(desk: Desk, plan: Plan) -> None:
    _, action = plan
    blue = action_draft(
        status=Brag.BLUE, evidence_of_impact="Vacancies 8%", closure_decision="Minute 2014/05"
    )
    done = desk.actions.update(action.id, blue, expected_version=action.version)
    assert done.status is Brag.BLUE


def test_edit_recommendation(desk: Desk, plan: Plan) -> None:
    rec, _ = plan
    new = RecommendationDraft(RecommendationSource.DFE_NOTICE, "R1a", "New text", "Leadership")
    edited = desk.recommendations.update(rec.id, new, expected_version=rec.version)
    assert (edited.reference, edited.theme, edited.version) == ("R1a", "Leadership", 2)
    assert edited.action_count == 1
    assert desk.plan.snapshot().actions[0].recommendation_reference == "R1a"


def test_move_action_to_another_recommendation(desk: Desk, plan: Plan) -> None:
    rec, action = plan
    other = desk.recommendations.create(rec_draft("R2"))
    moved = desk.actions.update(
        action.id, action.draft(), expected_version=action.version, recommendation_id=other.id
    )
    assert moved.recommendation_id == other.id
    assert desk.plan.recommendation(rec.id).action_count == 0


# -- progress updates and re-baselining -----------------------------------------------------


def test_progress_updates_are_kept_in_date_order(desk: Desk, plan: Plan) -> None:
    _, action = plan
    late = desk.history.add_update(action.id, date(2014, 3, 20), "Second interview round")
    early = desk.history.add_update(action.id, date(2014, 2, 10), "Advert placed")
    same_day = desk.history.add_update(action.id, date(2014, 3, 20), "Offers made")
    updates = desk.plan.history(action.id).updates
    assert [u.id for u in updates] == [early.id, late.id, same_day.id]
    assert [u.text for u in updates] == ["Advert placed", "Second interview round", "Offers made"]
    assert all(u.author == ACTOR.name for u in updates)
    record = desk.plan.action(action.id)
    assert (record.update_count, record.last_update_date) == (3, date(2014, 3, 20))


def test_remove_and_restore_update(desk: Desk, plan: Plan) -> None:
    _, action = plan
    update = desk.history.add_update(action.id, date(2014, 3, 1), "Advert placed")
    removed = desk.history.remove_update(update.id)
    assert desk.plan.history(action.id).updates == ()
    assert desk.history.restore_update(removed) == update
    assert desk.plan.history(action.id).updates == (update,)


def test_rebaseline_keeps_original_and_records_revision(desk: Desk, plan: Plan) -> None:
    _, action = plan
    revision = desk.history.rebaseline(
        action.id, date(2014, 9, 30), " Recruitment delayed ", expected_version=action.version
    )
    assert (revision.previous_date, revision.new_date) == (date(2014, 6, 30), date(2014, 9, 30))
    assert revision.reason == "Recruitment delayed"
    assert revision.revised_on == TODAY
    assert revision.revised_by == ACTOR.name
    assert revision.recorded_at.tzinfo is not None
    after = desk.plan.action(action.id)
    assert after.original_target_date == date(2014, 6, 30)
    assert after.target_date == date(2014, 9, 30)
    assert after.rebaselined
    second = desk.history.rebaseline(
        action.id, date(2014, 12, 31), "Budget", expected_version=after.version
    )
    assert second.previous_date == date(2014, 9, 30)
    assert desk.plan.history(action.id).revisions == (revision, second)
    assert desk.plan.action(action.id).original_target_date == date(2014, 6, 30)


def test_undo_and_restore_rebaseline(desk: Desk, plan: Plan) -> None:
    _, action = plan
    first = desk.history.rebaseline(action.id, date(2014, 9, 30), "A", expected_version=None)
    second = desk.history.rebaseline(action.id, date(2014, 10, 31), "B", expected_version=None)
    refused(desk, lambda: desk.history.undo_rebaseline(first.id), Conflict, "moved again")
    assert desk.history.undo_rebaseline(second.id) == second
    assert desk.plan.action(action.id).target_date == date(2014, 9, 30)
    assert desk.plan.history(action.id).revisions == (first,)
    assert desk.history.restore_rebaseline(second) == second
    assert desk.plan.action(action.id).target_date == date(2014, 10, 31)
    assert desk.plan.history(action.id).revisions == (first, second)
    refused(desk, lambda: desk.history.restore_rebaseline(first), Conflict, "cannot be redone")


# -- delete and restore ---------------------------------------------------------------------


def test_delete_and_restore_action_with_history(desk: Desk, plan: Plan) -> None:
    _, action = plan
    desk.history.add_update(action.id, date(2014, 2, 1), "Advert placed")
    desk.history.add_update(action.id, date(2014, 3, 1), "Interviews")
    desk.history.rebaseline(action.id, date(2014, 9, 30), "Delayed", expected_version=None)
    before = desk.plan.action(action.id)
    history = desk.plan.history(action.id)
    snapshot = desk.actions.delete(action.id, expected_version=before.version)
    assert snapshot.action == before
    assert snapshot.history == history
    assert desk.plan.snapshot().actions == ()
    with pytest.raises(NotFound, match=f"Action {action.id} was not found"):
        desk.plan.history(action.id)
    restored = desk.actions.restore(snapshot)
    assert restored.id == action.id
    assert replace(restored, version=before.version) == before
    assert desk.plan.history(action.id) == history
    refused(desk, lambda: desk.actions.restore(snapshot), ValidationError, "already exists")


def test_delete_and_restore_recommendation(desk: Desk) -> None:
    rec = desk.recommendations.create(rec_draft("R9"))
    deleted = desk.recommendations.delete(rec.id, expected_version=rec.version)
    assert desk.plan.snapshot().recommendations == ()
    restored = desk.recommendations.restore(deleted)
    assert (restored.id, restored.reference) == (rec.id, "R9")
    assert desk.plan.snapshot().recommendations == (restored,)


def test_delete_recommendation_with_actions_refused(desk: Desk, plan: Plan) -> None:
    rec, _ = plan
    error = refused(
        desk,
        lambda: desk.recommendations.delete(rec.id, expected_version=None),
        ValidationError,
        "R1 still has 1 action; delete or move them first",
    )
    assert error.fields() == {"Recommendation"}


# -- refusals -------------------------------------------------------------------------------


def test_duplicate_references_refused_case_insensitively(desk: Desk, plan: Plan) -> None:
    rec, action = plan
    other_rec = desk.recommendations.create(rec_draft("R2"))
    other = desk.actions.create(rec.id, action_draft("1.2a"))
    calls = [
        lambda: desk.recommendations.create(rec_draft("r1")),
        lambda: desk.recommendations.update(other_rec.id, rec_draft("r1"), expected_version=None),
        lambda: desk.actions.create(rec.id, action_draft("1.2A")),
        lambda: desk.actions.update(other.id, action_draft("1.1"), expected_version=None),
    ]
    for call in calls:
        error = refused(desk, call, ValidationError, r"is already used by another")
        assert error.fields() == {"Reference"}
    # Its own reference, in another case, is not a clash.
    assert (
        desk.actions.update(action.id, action_draft("1.1"), expected_version=None).id == action.id
    )


def test_invalid_action_refused_naming_fields(desk: Desk, plan: Plan) -> None:
    rec, action = plan
    bad = action_draft("2.1", description="", lead_officer="Nobody", status=Brag.BLUE)
    error = refused(desk, lambda: desk.actions.create(rec.id, bad), ValidationError, "Description")
    assert error.fields() == {"Description", "Lead officer", "Evidence of impact", "Board decision"}
    desk.history.add_update(action.id, date(2014, 3, 1), "Started")
    green = desk.actions.update(action.id, action_draft(status=Brag.GREEN), expected_version=None)
    back = action_draft(status=Brag.NOT_STARTED)
    error = refused(
        desk,
        lambda: desk.actions.update(action.id, back, expected_version=green.version),
        ValidationError,
        "back to Not started",
    )
    assert error.fields() == {"Status"}


def test_history_refusals_name_fields(desk: Desk, plan: Plan) -> None:
    _, action = plan
    error = refused(
        desk,
        lambda: desk.history.add_update(action.id, date(2014, 4, 1), "Tomorrow"),
        ValidationError,
        "in the future",
    )
    assert error.fields() == {"Date"}
    error = refused(
        desk,
        lambda: desk.history.rebaseline(action.id, date(2014, 6, 30), "  ", expected_version=None),
        ValidationError,
        "Reason: is required",
    )
    assert error.fields() == {"Reason", "New target date"}


def test_target_date_fixed_once_under_way(desk: Desk, plan: Plan) -> None:
    _, action = plan
    green = desk.actions.update(action.id, action_draft(status=Brag.GREEN), expected_version=None)
    moved = action_draft(status=Brag.GREEN, target_date=date(2014, 7, 31))
    error = refused(
        desk,
        lambda: desk.actions.update(action.id, moved, expected_version=green.version),
        ValidationError,
        "use Re-baseline",
    )
    assert error.fields() == {"Target date"}


def test_target_date_fixed_once_rebaselined(desk: Desk, plan: Plan) -> None:
    _, action = plan
    desk.history.rebaseline(action.id, date(2014, 9, 30), "Delayed", expected_version=None)
    now = desk.plan.action(action.id)
    assert now.status is Brag.NOT_STARTED
    moved = action_draft(target_date=date(2014, 10, 31))
    error = refused(
        desk,
        lambda: desk.actions.update(action.id, moved, expected_version=now.version),
        ValidationError,
        "keeps its target",
    )
    assert error.fields() == {"Target date"}


def test_target_date_correctable_before_start(desk: Desk, plan: Plan) -> None:
    _, action = plan
    fixed = desk.actions.update(
        action.id, action_draft(target_date=date(2014, 7, 31)), expected_version=action.version
    )
    assert fixed.target_date == fixed.original_target_date == date(2014, 7, 31)
    assert fixed.revision_count == 0


def test_stale_version_is_a_conflict_and_writes_nothing(desk: Desk, plan: Plan) -> None:
    rec, action = plan
    desk.actions.update(action.id, action_draft(description="Changed"), expected_version=1)
    stale_calls = [
        lambda: desk.actions.update(
            action.id, action_draft(description="Mine"), expected_version=1
        ),
        lambda: desk.actions.delete(action.id, expected_version=1),
        lambda: desk.history.rebaseline(action.id, date(2014, 9, 1), "x", expected_version=1),
    ]
    for call in stale_calls:
        error = refused(desk, call, Conflict, "since you opened it")
        assert error.kind == "Action"
        assert error.key == action.id
    desk.recommendations.update(rec.id, rec_draft(theme="Leadership"), expected_version=1)
    for call in [
        lambda: desk.recommendations.update(rec.id, rec_draft(), expected_version=1),
        lambda: desk.recommendations.delete(rec.id, expected_version=1),
    ]:
        refused(desk, call, Conflict, "Recommendation R1 was changed")


def test_unknown_ids_raise_not_found(desk: Desk, plan: Plan) -> None:
    calls: dict[str, list[Callable[[], object]]] = {
        "Recommendation 999": [
            lambda: desk.recommendations.update(999, rec_draft("R5"), expected_version=None),
            lambda: desk.recommendations.delete(999, expected_version=None),
            lambda: desk.actions.create(999, action_draft("5.1")),
            lambda: desk.plan.recommendation(999),
        ],
        "Action 999": [
            lambda: desk.actions.update(999, action_draft(), expected_version=None),
            lambda: desk.actions.delete(999, expected_version=None),
            lambda: desk.history.add_update(999, TODAY, "x"),
            lambda: desk.history.rebaseline(999, TODAY, "x", expected_version=None),
            lambda: desk.plan.action(999),
            lambda: desk.plan.history(999),
        ],
        "Progress update 999": [lambda: desk.history.remove_update(999)],
        "Target revision 999": [lambda: desk.history.undo_rebaseline(999)],
    }
    for message, group in calls.items():
        for call in group:
            error = refused(desk, call, NotFound, f"^{message} was not found")
            assert error.key == 999


def test_overdue_flags_as_at_today(desk: Desk, plan: Plan) -> None:
    rec, _ = plan
    past = date(2014, 3, 21)
    green = desk.actions.create(rec.id, action_draft("2.1", target_date=past, status=Brag.GREEN))
    due_today = desk.actions.create(rec.id, action_draft("2.2", target_date=TODAY))
    blue = desk.actions.create(
        rec.id,
        action_draft(
            "2.3", target_date=past, status=Brag.BLUE, evidence_of_impact="E", closure_decision="M"
        ),
    )
    assert (green.overdue, green.overdue_days) == (True, 10)
    assert (due_today.overdue, blue.overdue, blue.overdue_days) == (False, False, 0)
    flagged = {a.reference for a in desk.plan.snapshot().actions if a.overdue}
    assert flagged == {"2.1"}
