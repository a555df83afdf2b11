"""Closing a plan action as Blue on a minuted decision: choices, wording, link, audit, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from log_fixtures import add_decision, add_meeting
from sqlalchemy import select
from test_services_plan import LEAD, Plan, action_draft, rec_draft, refused

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.services.desk import Desk
from improvement_desk.services.plan_closure import DecisionChoice, closure_choices, closure_text

RESOLVED = "RESOLVED: that action 1.1 be closed, the vacancy rate having stayed below 10%."
FEB, MAR = date(2014, 2, 12), date(2014, 3, 12)


@pytest.fixture
def plan(desk: Desk) -> Plan:
    desk.people.add(LEAD, "Head of Service")
    rec = desk.recommendations.create(rec_draft())
    return rec, desk.actions.create(rec.id, action_draft())


@pytest.fixture
def decisions(desk: Desk) -> dict[str, int]:
    feb = add_meeting(desk, FEB)
    mar = add_meeting(desk, MAR, title="Extraordinary Board", positions=(0, 4, 9, 12))
    return {
        "feb": add_decision(desk, feb.item(4), "RESOLVED: that the update be noted."),
        "mar": add_decision(desk, mar.item(4), RESOLVED),
        "mar2": add_decision(desk, mar.item(4), "RESOLVED: that 1.2 stay open.", position=1),
        "mar_first": add_decision(desk, mar.item(2), "RESOLVED: minutes approved."),
    }


def blue(desk: Desk, plan: Plan) -> int:
    """Action 1.1 made Blue on typed words; returns its version."""
    _, action = plan
    done = desk.actions.update(
        action.id,
        action_draft(status=Brag.BLUE, evidence_of_impact="Vacancies 8%", closure_decision="M5"),
        expected_version=action.version,
    )
    return done.version


def test_wording_names_the_minute_and_fits_the_field() -> None:
    assert closure_text("4", "Improvement Board", MAR, "RESOLVED:  that\nit close.") == (
        "Minute 4, Improvement Board 12 Mar 2014: RESOLVED: that it close."
    )
    long = closure_text("12", "Improvement Board", MAR, "word " * 100)
    assert len(long) == 200
    assert long.startswith("Minute 12, Improvement Board 12 Mar 2014: word word")
    assert long.endswith("…")
    assert len(closure_text("1", "T" * 200, MAR, "x")) == 200


def test_choices_newest_meeting_first_in_minute_order(
    desk: Desk, decisions: dict[str, int]
) -> None:
    found = closure_choices(desk.ctx)
    assert [c.id for c in found] == [
        decisions["mar_first"],
        decisions["mar"],
        decisions["mar2"],
        decisions["feb"],
    ]
    assert found[1] == DecisionChoice(
        decisions["mar"], f"Minute 4, Extraordinary Board 12 Mar 2014: {RESOLVED}"
    )
    assert found[0].label.startswith("Minute 2, Extraordinary Board")
    assert desk.plan_closure.choices() == found


def test_link_a_blue_action_to_its_decision(
    desk: Desk, plan: Plan, decisions: dict[str, int]
) -> None:
    version = blue(desk, plan)
    _, action = plan
    linked = desk.plan_closure.link_closure(action.id, decisions["mar"], expected_version=version)
    assert linked.closure_decision_id == decisions["mar"]
    assert linked.closure_decision == f"Minute 4, Extraordinary Board 12 Mar 2014: {RESOLVED}"
    assert linked.version == version + 1
    with desk.ctx.db.reading() as session:
        rows = {
            (r.field, r.old_value, r.new_value)
            for r in session.scalars(select(AuditEntry).where(AuditEntry.entity == "action"))
        }
    assert ("closure_decision_id", None, str(decisions["mar"])) in rows
    assert ("closure_decision", "M5", linked.closure_decision) in rows
    unlinked = desk.plan_closure.link_closure(action.id, None, expected_version=linked.version)
    assert unlinked.closure_decision_id is None
    assert unlinked.closure_decision == linked.closure_decision  # the words stay
    assert unlinked.status is Brag.BLUE


def test_link_refusals(desk: Desk, plan: Plan, decisions: dict[str, int]) -> None:
    _, action = plan
    error = refused(
        desk,
        lambda: desk.plan_closure.link_closure(
            action.id, decisions["mar"], expected_version=action.version
        ),
        ValidationError,
        "Blue",
    )
    assert error.fields() == {"Minuted decision"}
    version = blue(desk, plan)
    missing = refused(
        desk,
        lambda: desk.plan_closure.link_closure(action.id, 404, expected_version=version),
        ValidationError,
        "no longer in the minutes",
    )
    assert missing.fields() == {"Minuted decision"}
    refused(
        desk,
        lambda: desk.plan_closure.link_closure(
            action.id, decisions["mar"], expected_version=version - 1
        ),
        Conflict,
        "since you opened it",
    )


def test_close_as_blue_on_a_decision_in_one_save(
    desk: Desk, plan: Plan, decisions: dict[str, int]
) -> None:
    _, action = plan
    draft = action_draft(status=Brag.BLUE, evidence_of_impact="Vacancies 8%")
    done = desk.plan_closure.update(
        action.id, draft, closure_decision_id=decisions["feb"], expected_version=action.version
    )
    assert (done.status, done.closure_decision_id, done.version) == (
        Brag.BLUE,
        decisions["feb"],
        action.version + 1,
    )
    assert done.closure_decision.startswith("Minute 4, Improvement Board 12 Feb 2014: RESOLVED")
    # Another decision: the wording follows it; an unrelated edit keeps the link.
    moved = desk.plan_closure.update(
        action.id,
        replace(done.draft(), description="Recruit ten"),
        closure_decision_id=decisions["mar"],
        expected_version=done.version,
    )
    assert moved.closure_decision_id == decisions["mar"]
    assert moved.version == done.version + 1
    kept = desk.actions.update(
        action.id, replace(moved.draft(), confidence=None), expected_version=moved.version
    )
    assert kept.closure_decision_id == decisions["mar"]
    error = refused(
        desk,
        lambda: desk.plan_closure.update(
            action.id,
            kept.draft().with_status(Brag.GREEN),
            closure_decision_id=decisions["mar"],
            expected_version=kept.version,
        ),
        ValidationError,
        "Blue",
    )
    assert error.fields() == {"Minuted decision"}


def test_reopening_or_rewording_drops_the_link_and_undo_restores_it(
    desk: Desk, plan: Plan, decisions: dict[str, int]
) -> None:
    _, action = plan
    linked = desk.plan_closure.update(
        action.id,
        action_draft(status=Brag.BLUE, evidence_of_impact="Vacancies 8%"),
        closure_decision_id=decisions["mar"],
        expected_version=action.version,
    )
    reopened = desk.actions.update(
        action.id, linked.draft().with_status(Brag.GREEN), expected_version=linked.version
    )
    assert reopened.closure_decision_id is None
    back = desk.plan_closure.update(
        action.id,
        linked.draft(),
        closure_decision_id=linked.closure_decision_id,
        expected_version=reopened.version,
    )
    assert back == replace(linked, version=back.version)
    reworded = desk.actions.update(
        action.id,
        replace(back.draft(), closure_decision="Agreed by email"),
        expected_version=back.version,
    )
    assert (reworded.closure_decision_id, reworded.closure_decision) == (None, "Agreed by email")


def test_delete_and_restore_keep_the_link(
    desk: Desk, plan: Plan, decisions: dict[str, int]
) -> None:
    _, action = plan
    linked = desk.plan_closure.update(
        action.id,
        action_draft(status=Brag.BLUE, evidence_of_impact="Vacancies 8%"),
        closure_decision_id=decisions["mar"],
        expected_version=action.version,
    )
    snapshot = desk.actions.delete(action.id, expected_version=linked.version)
    restored = desk.actions.restore(snapshot)
    assert restored.closure_decision_id == decisions["mar"]
    assert restored.closure_decision == linked.closure_decision
