"""Freezing what an issued pack presented, storing it as JSON, and "what changed since":
a real diff on the demo board through the services, then the edge cases on small snapshots."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR

from improvement_desk.domain.action_log import DueRevisionDraft, LogActionDraft, LogStatus
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import StorageError
from improvement_desk.domain.plan import ActionDraft
from improvement_desk.domain.risk import ReviewDraft, RiskStatus
from improvement_desk.domain.scorecard import FigureDraft, TargetStep
from improvement_desk.services import pack_snapshots as snapshots
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.pack_records import PackChanges, Redated, Rerated

MARCH, APRIL = date(2014, 3, 5), date(2014, 4, 16)  # the demo's last two meetings
WHERE = "the pack issued on 5 Mar 2014"


# -- the demo board ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("snapshot-demo") / "demo.db"
    create_demo_board(path, ACTOR)
    return path


@pytest.fixture
def demo(demo_file: Path, tmp_path: Path) -> Iterator[Desk]:
    """A writable copy of the demo board (as at 31 Mar 2014), fresh for each test."""
    path = tmp_path / "demo.db"
    shutil.copyfile(demo_file, path)
    desk = open_desk(path, ACTOR)
    yield desk
    desk.close()


def frozen(desk: Desk, when: date) -> dict[str, Any]:
    meeting = next(s for s in desk.meeting_reader.meetings() if s.meeting_date == when)
    return snapshots.freeze(
        meeting,
        desk.plan.snapshot(),
        desk.register.register(),
        desk.scorecard.snapshot(),
        desk.log.actions(),
    )


def test_freeze_holds_plain_values_and_no_free_text(demo: Desk) -> None:
    snapshot = frozen(demo, MARCH)
    assert snapshot["format"] == snapshots.SNAPSHOT_FORMAT == 1
    assert snapshot["meeting"] == {"id": 9, "date": "2014-03-05", "title": "Improvement Board"}
    assert snapshot["actions"]["2.4"] == {"status": "amber", "target": "2014-01-31"}
    assert snapshot["risks"]["R1"] == {"status": "open", "score": 16, "band": "high"}
    assert snapshot["risks"]["R10"] == {"status": "closed", "score": 4, "band": "low"}
    assert snapshot["log"]["A9"] == {"status": "in_progress", "due": "2014-04-16"}
    assert snapshot["indicators"]["PI09"] == {"rag": "red"}
    assert snapshot["indicators"]["PI10"] == {"rag": None}
    assert len(snapshot["actions"]) == 39
    assert len(snapshot["risks"]) == 14
    assert len(snapshot["log"]) == 33
    assert len(snapshot["indicators"]) == 10
    text = snapshots.encode(snapshot)
    register = demo.register.register()
    plan = demo.plan.snapshot()
    assert register.risks[0].title not in text
    assert plan.actions[0].description[:40] not in text
    assert len(text) < 6000


def test_freeze_leaves_out_retired_indicators(demo: Desk) -> None:
    pi03 = next(
        r.indicator for r in demo.scorecard.snapshot().rows if r.indicator.reference == "PI03"
    )
    demo.indicators.set_active(pi03.id, False, expected_version=pi03.version)
    indicators = frozen(demo, MARCH)["indicators"]
    assert "PI03" not in indicators
    assert len(indicators) == 9


def test_freeze_refuses_a_reference_twice(demo: Desk) -> None:
    plan = demo.plan.snapshot()
    twice = replace(plan, actions=(*plan.actions, plan.actions[0]))
    meeting = demo.meeting_reader.meetings()[-1]
    with pytest.raises(ValueError, match=r"'1\.1' appears twice"):
        snapshots.freeze(meeting, twice, demo.register.register(), demo.scorecard.snapshot(), [])


def test_encode_is_stable_and_round_trips(demo: Desk) -> None:
    snapshot = frozen(demo, MARCH)
    text = snapshots.encode(snapshot)
    assert snapshots.encode(frozen(demo, MARCH)) == text
    reordered = dict(reversed(list(snapshot.items())))
    reordered["risks"] = dict(reversed(list(snapshot["risks"].items())))
    assert snapshots.encode(reordered) == text
    assert text.startswith('{"actions":{"1.1":{"status":"blue","target":"2013-03-31"},')
    assert ", " not in text
    assert ": " not in text
    assert snapshots.decode(text, WHERE) == snapshot


def test_no_previous_snapshot_is_the_first_pack(demo: Desk) -> None:
    changes = snapshots.changes_between(None, frozen(demo, APRIL))
    assert changes == PackChanges(since=None)
    assert changes.first


def test_nothing_changed_between_two_packs(demo: Desk) -> None:
    before = snapshots.decode(snapshots.encode(frozen(demo, MARCH)), WHERE)
    changes = snapshots.changes_between(before, frozen(demo, APRIL))
    assert changes == PackChanges(since=MARCH)
    assert not changes.first


def test_a_real_diff_through_the_services(demo: Desk) -> None:
    before = snapshots.decode(snapshots.encode(frozen(demo, MARCH)), WHERE)
    plan = demo.plan.snapshot()
    action = {a.reference: a for a in plan.actions}
    # Plan: 2.4 Amber → Red, 2.5 Red → Blue, 2.3 re-baselined, 2.7 deleted, two new actions.
    a24, a25, a23, a27 = action["2.4"], action["2.5"], action["2.3"], action["2.7"]
    demo.actions.update(a24.id, replace(a24.draft(), status=Brag.RED), expected_version=a24.version)
    blue = replace(
        a25.draft(),
        status=Brag.BLUE,
        evidence_of_impact="Audit of 40 cases shows plans reviewed on time.",
        closure_decision="Closure agreed, minute 7.",
    )
    demo.actions.update(a25.id, blue, expected_version=a25.version)
    demo.history.rebaseline(
        a23.id, date(2014, 6, 30), "Waiting for the new system", expected_version=a23.version
    )
    demo.actions.delete(a27.id, expected_version=a27.version)
    for reference in ("1.10", "1.5"):
        demo.actions.create(
            a24.recommendation_id,
            ActionDraft(
                reference=reference,
                description="New action agreed by the board",
                lead_officer=a24.lead_officer,
                start_date=None,
                target_date=date(2014, 9, 30),
                success_measures="Measured",
                status=Brag.NOT_STARTED,
            ),
        )
    # Risks: R2 reviewed up to 16, R4 closed, R10 (closed already) reviewed, R15 new.
    risk = {r.reference: r for r in demo.register.register().risks}
    r2, r4, r10 = risk["R2"], risk["R4"], risk["R10"]
    review = ReviewDraft(date(2014, 3, 31), 4, 4, "Two more agency leavers.", "Test Officer")
    demo.risk_reviews.record(r2.id, review, expected_version=r2.version)
    closed = replace(r4.draft(), status=RiskStatus.CLOSED)
    demo.risks.update(r4.id, closed, expected_version=r4.version)
    demo.risk_reviews.record(
        r10.id, replace(review, likelihood=1, impact=2), expected_version=r10.version
    )
    demo.risks.create(replace(r2.draft(), reference="R15", title="A new risk"))
    # Action log: A26 closed by the board, A23 given a new due date, one action raised.
    log = {a.reference: a for a in demo.log.actions()}
    march = next(s.id for s in demo.meeting_reader.meetings() if s.meeting_date == MARCH)
    a26, log23 = log["A26"], log["A23"]
    demo.action_log.set_status(
        a26.id, LogStatus.CLOSED, closed_at_meeting_id=march, expected_version=a26.version
    )
    demo.action_log.revise_due(
        log23.id,
        DueRevisionDraft(date(2014, 4, 30), "Report delayed"),
        expected_version=log23.version,
    )
    raised = demo.action_log.add(
        march, None, LogActionDraft("Bring the audit back", a26.owner_id, date(2014, 5, 1))
    )
    # Scorecard: a March figure puts PI09 on target; a target gives PI10 its first RAG.
    rows = {r.indicator.reference: r.indicator for r in demo.scorecard.snapshot().rows}
    demo.figures.record(rows["PI09"].id, FigureDraft(date(2014, 3, 1), 9.0))
    demo.indicators.set_target(rows["PI10"].id, TargetStep(date(2013, 4, 1), 30.0))

    changes = snapshots.changes_between(before, frozen(demo, APRIL))

    assert changes == PackChanges(
        since=MARCH,
        new_actions=("1.5", "1.10"),
        closed_actions=("2.5",),
        rerated_actions=(Rerated("2.4", "Amber", "Red"),),
        redated_actions=(Redated("2.3", date(2014, 4, 30), date(2014, 6, 30)),),
        new_risks=("R15",),
        closed_risks=("R4",),
        moved_risks=(Rerated("R2", "12 Medium", "16 High"),),
        new_log_actions=("A34",),
        closed_log_actions=("A26",),
        redated_log_actions=(Redated("A23", date(2014, 3, 14), date(2014, 4, 30)),),
        rag_changes=(Rerated("PI09", "Red", "Green"), Rerated("PI10", "No RAG", "Red")),
    )
    assert raised.summary.reference == "A34"  # the log numbers on from the demo's A33
    public = snapshots.visible_changes(changes, {"A23", "A9"})
    assert public == replace(changes, new_log_actions=(), closed_log_actions=())


# -- small snapshots -----------------------------------------------------------------------------


def snapshot(
    *,
    when: str = "2014-03-05",
    actions: dict[str, tuple[str, str]] | None = None,
    risks: dict[str, tuple[str, int, str]] | None = None,
    log: dict[str, tuple[str, str]] | None = None,
    indicators: dict[str, str | None] | None = None,
    title: str = "Improvement Board",
) -> dict[str, Any]:
    return {
        "format": 1,
        "meeting": {"id": 1, "date": when, "title": title},
        "actions": {r: {"status": s, "target": t} for r, (s, t) in (actions or {}).items()},
        "risks": {
            r: {"status": s, "score": n, "band": b} for r, (s, n, b) in (risks or {}).items()
        },
        "log": {r: {"status": s, "due": d} for r, (s, d) in (log or {}).items()},
        "indicators": {r: {"rag": rag} for r, rag in (indicators or {}).items()},
    }


DUE = "2014-06-30"


def test_blue_already_blue_is_not_closed_again_and_reopening_is_rerated() -> None:
    before = snapshot(actions={"1.1": ("blue", DUE), "1.2": ("blue", DUE), "1.3": ("red", DUE)})
    after = snapshot(actions={"1.1": ("blue", DUE), "1.2": ("green", DUE), "1.3": ("blue", DUE)})
    changes = snapshots.changes_between(before, after)
    assert changes.closed_actions == ("1.3",)
    assert changes.rerated_actions == (Rerated("1.2", "Blue", "Green"),)


def test_removed_items_are_not_closed_and_new_ones_only_new() -> None:
    before = snapshot(
        actions={"1.1": ("green", DUE)},
        risks={"R1": ("open", 12, "medium")},
        log={"A1": ("open", DUE)},
        indicators={"PI01": "red"},
    )
    after = snapshot(
        actions={"1.2": ("blue", DUE)},
        risks={"R2": ("closed", 4, "low")},
        log={"A2": ("closed", DUE)},
        indicators={"PI02": "green"},
    )
    assert snapshots.changes_between(before, after) == PackChanges(
        since=MARCH, new_actions=("1.2",), new_risks=("R2",), new_log_actions=("A2",)
    )


def test_risk_closure_moves_and_bands() -> None:
    before = snapshot(
        risks={
            "R1": ("open", 12, "medium"),  # closed with a new score: closed, not moved
            "R2": ("closed", 12, "medium"),  # closed both times, rescored: nothing
            "R3": ("escalated", 12, "medium"),  # the board's bands changed: moved
            "R4": ("open", 9, "medium"),  # escalated at the same score: nothing to list
        }
    )
    after = snapshot(
        risks={
            "R1": ("closed", 4, "low"),
            "R2": ("closed", 6, "medium"),
            "R3": ("escalated", 12, "high"),
            "R4": ("escalated", 9, "medium"),
        }
    )
    changes = snapshots.changes_between(before, after)
    assert changes.closed_risks == ("R1",)
    assert changes.moved_risks == (Rerated("R3", "12 Medium", "12 High"),)


def test_log_closure_and_due_dates() -> None:
    before = snapshot(log={"A1": ("complete", DUE), "A2": ("closed", DUE), "A3": ("open", DUE)})
    after = snapshot(
        log={"A1": ("closed", DUE), "A2": ("closed", DUE), "A3": ("in_progress", "2014-07-31")}
    )
    changes = snapshots.changes_between(before, after)
    assert changes.closed_log_actions == ("A1",)
    assert changes.redated_log_actions == (Redated("A3", date(2014, 6, 30), date(2014, 7, 31)),)


def test_indicator_ratings_gained_and_lost() -> None:
    before = snapshot(indicators={"PI1": None, "PI2": "amber", "PI3": "green", "PI4": None})
    after = snapshot(indicators={"PI1": "amber", "PI2": None, "PI3": "green", "PI4": None})
    assert snapshots.changes_between(before, after).rag_changes == (
        Rerated("PI1", "No RAG", "Amber"),
        Rerated("PI2", "Amber", "No RAG"),
    )


def test_changes_are_in_natural_reference_order() -> None:
    plan = ["1.10", "1.9", "2.1", "1.2.10", "1.2.9", "10.1", "1.2"]
    log = ["A10", "A2", "A1b", "B1", "A1"]
    risks = ["R10", "R2", "R1"]
    after = snapshot(
        actions=dict.fromkeys(plan, ("green", DUE)),
        risks=dict.fromkeys(risks, ("open", 4, "low")),
        log=dict.fromkeys(log, ("open", DUE)),
    )
    in_order = ("1.2", "1.2.9", "1.2.10", "1.9", "1.10", "2.1", "10.1")
    changes = snapshots.changes_between(snapshot(), after)
    assert changes.new_actions == in_order
    assert changes.new_risks == ("R1", "R2", "R10")
    assert changes.new_log_actions == ("A1", "A1b", "A2", "A10", "B1")
    rerated = snapshots.changes_between(after, snapshot(actions=dict.fromkeys(plan, ("red", DUE))))
    assert tuple(r.reference for r in rerated.rerated_actions) == in_order


def test_visible_changes_keeps_only_the_public_log() -> None:
    changes = PackChanges(
        since=MARCH,
        new_actions=("1.1",),
        closed_risks=("R1",),
        new_log_actions=("A1", "A2"),
        closed_log_actions=("A3", "A4"),
        redated_log_actions=(
            Redated("A5", date(2014, 1, 1), date(2014, 2, 1)),
            Redated("A6", date(2014, 1, 1), date(2014, 2, 1)),
        ),
        rag_changes=(Rerated("PI1", "Red", "Amber"),),
    )
    public = snapshots.visible_changes(changes, ["A2", "A4", "A6"])
    assert public == replace(
        changes,
        new_log_actions=("A2",),
        closed_log_actions=("A4",),
        redated_log_actions=(Redated("A6", date(2014, 1, 1), date(2014, 2, 1)),),
    )
    assert snapshots.visible_changes(changes, ()).new_actions == ("1.1",)
    assert snapshots.visible_changes(changes, ()).new_log_actions == ()


def test_unicode_references_and_titles_round_trip() -> None:
    original = snapshot(
        title="Conseil d’amélioration – 5 mars",
        actions={"É.1": ("amber", DUE)},
        risks={"Р1": ("open", 9, "medium")},  # a Cyrillic Р
        log={"A١٢": ("open", DUE)},  # Arabic-Indic digits
        indicators={"指标1": "green"},
    )
    text = snapshots.encode(original)
    assert "Conseil d’amélioration – 5 mars" in text
    assert "\\u" not in text
    assert snapshots.decode(text, WHERE) == original
    changed = snapshot(actions={"É.1": ("red", DUE)}, log={"A١٢": ("closed", DUE)})
    changes = snapshots.changes_between(snapshots.decode(text, WHERE), changed)
    assert changes.rerated_actions == (Rerated("É.1", "Amber", "Red"),)
    assert changes.closed_log_actions == ("A١٢",)


def damaged(**replacements: Any) -> str:
    return snapshots.encode({**snapshot(actions={"1.1": ("red", DUE)}), **replacements})


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("not json {", "not valid JSON"),
        ("", "not valid JSON"),
        ("[1, 2, 3]", "not a JSON object"),
        ('"a string"', "not a JSON object"),
        ("{}", "no format number"),
        (damaged(format="1"), "no format number"),
        (damaged(format=True), "no format number"),
        (damaged(format=2), "in format 2, and this version reads format 1 only"),
        ('{"format": 1, "meeting": {}}', "no actions, risks, log, indicators"),
        (damaged(meeting=[]), "meeting is not a table"),
        (damaged(meeting={"id": 1, "title": "B"}), "'date' is missing"),
        (damaged(meeting={"id": "1", "date": "2014-03-05", "title": "B"}), "meeting id is not"),
        (damaged(meeting={"id": 1, "date": "5 Mar 2014", "title": "B"}), "Invalid isoformat"),
        (damaged(actions=[]), "actions is not a table"),
        (damaged(actions={"1.1": "red"}), "actions 1.1: entry is not a table"),
        (damaged(actions={"1.1": {"status": "purple", "target": DUE}}), "actions 1.1: 'purple'"),
        (damaged(actions={"1.1": {"status": "red"}}), "actions 1.1 has no target"),
        (damaged(risks={"R1": {"status": "open", "score": "12", "band": "medium"}}), "R1: score"),
        (damaged(log={"A1": {"status": "open", "due": 20140630}}), "log A1: date is not text"),
        (damaged(risks={"R1": {"status": "open", "score": True, "band": "low"}}), "whole number"),
        (damaged(indicators={"PI1": {"rag": "blue"}}), "indicators PI1: 'blue'"),
    ],
)
def test_decode_names_the_pack_it_cannot_read(text: str, reason: str) -> None:
    with pytest.raises(StorageError) as caught:
        snapshots.decode(text, WHERE)
    message = str(caught.value)
    assert message.startswith(f"The record of what {WHERE} presented cannot be read: ")
    assert reason in message
