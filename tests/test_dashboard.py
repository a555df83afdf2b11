"""The home dashboard's figures, on the demo board, against counts made from the readers."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from meeting_fixtures import make_pdf

from improvement_desk.domain.action_log import DueRevisionDraft
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.domain.risk import ReviewState
from improvement_desk.domain.scorecard import Rag
from improvement_desk.services.dashboard import BRAG_ORDER, DUE_SOON_DAYS, Dashboard
from improvement_desk.services.demo import load_demo
from improvement_desk.services.desk import Desk


@pytest.fixture
def demo(desk: Desk) -> Desk:
    load_demo(desk.ctx)
    return desk


def test_next_meeting_is_the_first_not_yet_held(demo: Desk) -> None:
    board = demo.dashboard.read()
    today = demo.ctx.today()
    expected = min(
        (
            m
            for m in demo.meeting_reader.meetings()
            if m.meeting_date >= today and not m.status.has_been_held
        ),
        key=lambda m: (m.meeting_date, m.id),
    )
    meeting = board.next_meeting
    assert meeting is not None
    assert (meeting.id, meeting.title, meeting.meeting_date) == (
        expected.id,
        expected.title,
        expected.meeting_date,
    )
    record = demo.meeting_reader.meeting(expected.id)
    assert meeting.item_count == len(record.items) == 11
    assert meeting.paper_count == sum(len(i.papers) for i in record.items) == 0
    # Standing items are filled by the app; only the others are expected to carry a paper.
    assert [(i.id, i.label) for i in meeting.items_without_paper] == [
        (i.id, f"{i.number} {i.title}") for i in record.items if i.standing is None and not i.papers
    ]
    assert len(meeting.items_without_paper) == 2
    assert not meeting.issued
    assert meeting.status is MeetingStatus.PLANNED


def test_a_paper_and_an_issued_pack_change_the_pack_state(demo: Desk, tmp_path: Path) -> None:
    meeting = demo.dashboard.read().next_meeting
    assert meeting is not None
    record = demo.meeting_reader.meeting(meeting.id)
    first_missing = next(i for i in record.items if i.standing is None)
    demo.papers.attach(first_missing.id, make_pdf(tmp_path / "paper.pdf"), title="Strategy")

    after = demo.dashboard.read().next_meeting
    assert after is not None
    assert after.paper_count == 1
    assert len(after.items_without_paper) == len(meeting.items_without_paper) - 1
    assert not after.issued

    issued = demo.pack.issue(meeting.id)
    now = demo.dashboard.read().next_meeting
    assert now is not None
    assert now.issued_at == issued.issued_at
    assert now.issued_by == issued.issued_by
    assert now.status is MeetingStatus.PAPERS_ISSUED


def test_overdue_and_due_soon_by_owner_match_the_readers(demo: Desk) -> None:
    today = demo.ctx.today()
    plan = demo.plan.snapshot().actions
    # Bring one overdue plan action and one overdue log action into the next fortnight,
    # and push one just past it, so "due soon" has something to count on both sides.
    late = next(a for a in plan if a.overdue and a.lead_officer == "Mark Hollis")
    demo.history.rebaseline(
        late.id, today + timedelta(days=7), "Agreed at the board", expected_version=late.version
    )
    log_late = next(a for a in demo.log.actions() if a.overdue)
    demo.action_log.revise_due(
        log_late.id,
        DueRevisionDraft(today + timedelta(days=DUE_SOON_DAYS), "Waiting for data"),
        expected_version=log_late.version,
    )
    board = demo.dashboard.read()

    plan = demo.plan.snapshot().actions
    due_by = today + timedelta(days=DUE_SOON_DAYS)
    assert board.plan.due_by == board.log.due_by == due_by
    plan_overdue = Counter(a.lead_officer for a in plan if a.overdue)
    plan_soon = Counter(
        a.lead_officer
        for a in plan
        if a.status is not Brag.BLUE and today <= a.target_date <= due_by
    )
    assert {o.owner: o.overdue for o in board.plan.owners if o.overdue} == plan_overdue
    assert {o.owner: o.due_soon for o in board.plan.owners if o.due_soon} == plan_soon
    assert board.plan.overdue == sum(plan_overdue.values()) == 5
    assert board.plan.due_soon == sum(plan_soon.values()) == 1
    hollis = next(o for o in board.plan.owners if o.owner == "Mark Hollis")
    assert (hollis.overdue, hollis.due_soon) == (1, 1)

    log = demo.log.actions()
    log_overdue = Counter(a.owner_id for a in log if a.overdue)
    log_soon = Counter(
        a.owner_id for a in log if a.status.is_open and today <= a.current_due <= due_by
    )
    assert {o.owner_id: o.overdue for o in board.log.owners if o.overdue} == log_overdue
    assert {o.owner_id: o.due_soon for o in board.log.owners if o.due_soon} == log_soon
    assert (board.log.overdue, board.log.due_soon) == (2, 1)  # the boundary day counts
    names = {a.owner_id: a.owner_name for a in log}
    assert all(names[o.owner_id] == o.owner for o in board.log.owners)


def test_the_due_soon_window_is_the_boards_setting(demo: Desk) -> None:
    from improvement_desk.services.board_settings import BoardSettingsService

    today = demo.ctx.today()
    late = next(a for a in demo.plan.snapshot().actions if a.overdue)
    demo.history.rebaseline(
        late.id, today + timedelta(days=20), "Agreed at the board", expected_version=late.version
    )
    assert demo.dashboard.read().plan.due_soon == 0  # 20 days out: past the default 14
    settings = BoardSettingsService(demo.ctx)
    current = settings.load()
    settings.save({"plan.due_soon_days": 21}, versions=current.versions_of(["plan.due_soon_days"]))
    board = demo.dashboard.read()
    assert board.plan.due_by == today + timedelta(days=21)
    assert board.plan.due_soon == 1


def test_owners_are_listed_most_overdue_first(demo: Desk) -> None:
    owners = demo.dashboard.read().plan.owners
    keys = [(-o.overdue, -o.due_soon, o.owner.casefold()) for o in owners]
    assert keys == sorted(keys)
    assert owners[0].owner == "Mark Hollis"


def test_risks_and_indicators_match_the_register_and_scorecard(demo: Desk) -> None:
    board = demo.dashboard.read()
    live = [r for r in demo.register.register().risks if r.status.is_live]
    assert board.live_risks == len(live) == 13
    assert board.risks_review_due == (sum(r.review_state is not ReviewState.NOT_DUE for r in live))
    assert board.risks_above_appetite == sum(r.above_appetite for r in live)
    assert (board.risks_review_due, board.risks_above_appetite) == (4, 3)

    rows = [r for r in demo.scorecard.snapshot().rows if r.indicator.active]
    assert board.active_indicators == len(rows)
    assert board.red_indicators == tuple(r.indicator.name for r in rows if r.rag is Rag.RED)
    assert len(board.red_indicators) == 2


def test_brag_by_theme_matches_the_plan(demo: Desk) -> None:
    board = demo.dashboard.read()
    actions = demo.plan.snapshot().actions
    counts = Counter((a.theme, a.status) for a in actions)
    assert [t.theme for t in board.themes] == sorted({a.theme for a in actions}, key=str.casefold)
    for theme in board.themes:
        assert [s for s, _ in theme.counts] == list(BRAG_ORDER)
        assert dict(theme.counts) == {s: counts[theme.theme, s] for s in BRAG_ORDER}
    assert dict(board.brag_totals) == {s: sum(a.status is s for a in actions) for s in BRAG_ORDER}
    assert sum(t.total for t in board.themes) == len(actions) == 39


def test_an_empty_board_has_an_empty_dashboard(desk: Desk) -> None:
    board = desk.dashboard.read()
    assert board == Dashboard(
        today=desk.ctx.today(),
        next_meeting=None,
        plan=board.plan,
        log=board.log,
        live_risks=0,
        risks_review_due=0,
        risks_above_appetite=0,
        active_indicators=0,
        red_indicators=(),
        themes=(),
    )
    assert board.plan.owners == board.log.owners == ()
    assert (board.plan.overdue, board.log.due_soon) == (0, 0)
