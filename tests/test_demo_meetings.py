"""The demo board's membership and year of meetings: loaded with the plan, sound by the
domain's rules, consistent with the plan and the register, and locked where approved."""

from __future__ import annotations

import hashlib
import io
from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR, TODAY, TickingClock
from pypdf import PdfReader
from sqlalchemy import func, select, text
from sqlalchemy.orm import InstrumentedAttribute, Session

from improvement_desk.db.minute_locks import is_lock_error
from improvement_desk.db.models import Action, AuditEntry, Person
from improvement_desk.db.models.action_log import DueRevision, LogAction, LogUpdate
from improvement_desk.db.models.meeting import (
    AgendaItem,
    Attendance,
    BoardMember,
    Decision,
    Declaration,
    Meeting,
    MeetingSettings,
    MinutesAmendment,
    Paper,
)
from improvement_desk.domain.action_log import LogStatus, days_late, is_overdue
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import (
    AttendanceStatus,
    MeetingStatus,
    MemberKind,
    Purpose,
    StandingItem,
    is_quorate,
)
from improvement_desk.services import demo_content
from improvement_desk.services.demo import load_demo, load_plan
from improvement_desk.services.demo_meeting_checks import board_problems
from improvement_desk.services.demo_meeting_content import (
    BOARD,
    MEETINGS,
    DemoApology,
    DemoBoard,
    DemoDueRevision,
    DemoLogUpdate,
    DemoMeeting,
)
from improvement_desk.services.demo_meetings import log_decisions
from improvement_desk.services.demo_paper_content import PAPERS
from improvement_desk.services.demo_papers import PaperContext, render_paper
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.minute_approval import approval_text
from improvement_desk.services.plan_closure import closure_text

PLAN = {a.reference: a for r in demo_content.RECOMMENDATIONS for a in r.actions}
CONTENT_ACTIONS = [a for m in MEETINGS for i in m.items for a in i.actions]


@pytest.fixture
def demo(desk: Desk) -> Desk:
    load_demo(desk.ctx)
    return desk


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Desk]:
    opened = open_desk(
        tmp_path / "second.db",
        ACTOR,
        create=True,
        board_name="Second Board",
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, 0, tzinfo=UTC)),
    )
    yield opened
    opened.close()


def _count(session: Session, column: InstrumentedAttribute[int]) -> int:
    return session.scalar(select(func.count(column))) or 0


def _meetings(session: Session) -> list[Meeting]:
    return list(session.scalars(select(Meeting).order_by(Meeting.meeting_date)))


def _voting_present(meeting: Meeting) -> int:
    return sum(
        1
        for a in meeting.attendance
        if a.kind is MemberKind.VOTING and a.status is AttendanceStatus.PRESENT
    )


def test_the_demo_loads_the_board_and_a_year_of_meetings(demo: Desk) -> None:
    held = [m for m in MEETINGS if m.status.has_been_held]
    generated = sum(len(log_decisions(BOARD, m.on)) for m in MEETINGS) + sum(
        1 for m in MEETINGS if m.status is MeetingStatus.MINUTES_APPROVED
    )
    with demo.opened.database.reading() as session:
        assert _count(session, Meeting.id) == len(MEETINGS) == 10
        assert _count(session, AgendaItem.id) == sum(len(m.items) for m in MEETINGS) == 112
        assert _count(session, LogAction.id) == len(CONTENT_ACTIONS) == 33
        assert _count(session, Paper.id) == len(PAPERS) == 29
        assert _count(session, Decision.id) == generated + sum(
            len(i.decisions) for m in MEETINGS for i in m.items
        )
        assert _count(session, Declaration.id) == 3
        assert _count(session, MinutesAmendment.id) == 1
        assert _count(session, BoardMember.id) == len(BOARD.members) == 16
        assert _count(session, Attendance.id) == sum(
            len(BOARD.members) + len(m.guests) for m in held
        )
        assert _count(session, DueRevision.id) == 5
        assert _count(session, LogUpdate.id) == sum(len(a.updates) for a in CONTENT_ACTIONS)
        settings = session.get(MeetingSettings, 1)
        assert settings is not None
        assert settings.quorum == BOARD.quorum == 4
        names = set(session.scalars(select(Person.name)))
        assert {p.name for p in demo_content.PEOPLE} <= names
        assert {m.name for m in BOARD.members} <= names
        # The plan's people are reused, not duplicated.
        assert len(names) == len({p.name for p in (*demo_content.PEOPLE, *BOARD.people)})
        entities = Counter(session.scalars(select(AuditEntry.entity)))
    for entity in ("meeting", "agenda_item", "decision", "paper", "attendance", "log_action"):
        assert entities[entity], f"creating each {entity} is audited"


def test_every_meeting_before_the_last_held_is_approved_at_the_next(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        meetings = _meetings(session)
        held = [m for m in meetings if m.status.has_been_held]
        assert all(m.meeting_date <= TODAY for m in held)
        assert [m.status for m in meetings if m not in held] == [MeetingStatus.PLANNED]
        assert meetings[-1].meeting_date > TODAY, "one meeting is planned after the as-at date"
        assert held[-1].status is MeetingStatus.MINUTES_DRAFTED, "the last minutes are a draft"
        for earlier, later in pairwise(held):
            assert earlier.status is MeetingStatus.MINUTES_APPROVED
            assert earlier.approved_at_meeting_id == later.id
            item = session.get(AgendaItem, earlier.approved_at_item_id)
            assert item is not None
            assert item.meeting_id == later.id
            assert item.standing is StandingItem.PREVIOUS_MINUTES
            assert item.decisions[0].text == approval_text(earlier.meeting_date)
            assert "14 May" not in item.decisions[0].text
        assert held[-1].approved_at_meeting_id is None
        assert meetings[-1].attendance == []
        assert all(not i.minute and not i.decisions for i in meetings[-1].items)


def test_the_log_has_overdue_redated_complete_and_closed_actions(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        rows = list(session.scalars(select(LogAction).order_by(LogAction.id)))
        dates = {m.id: m.meeting_date for m in _meetings(session)}
        assert [r.reference for r in rows] == [f"A{n}" for n in range(1, len(rows) + 1)]
        overdue = [r.reference for r in rows if is_overdue(r.status, r.current_due, TODAY)]
        assert overdue == ["A19", "A23", "A31"]
        redated = [r for r in rows if r.revisions]
        assert [r.reference for r in redated] == ["A9", "A17", "A19", "A23"]
        for row in redated:
            content = next(a for a in CONTENT_ACTIONS if a.reference == row.reference)
            assert row.original_due == content.due, "the original due date is kept"
            assert row.current_due == row.revisions[-1].new_due != row.original_due
            assert row.revisions[0].previous_due == row.original_due
            assert days_late(row.original_due, row.current_due) > 0
            for revision in row.revisions:
                assert revision.reason
                assert revision.agreed_at_meeting_id is not None
                agreed_on = dates[revision.agreed_at_meeting_id]
                assert dates[row.meeting_id] < agreed_on == revision.recorded_on
        statuses = Counter(r.status for r in rows)
        assert statuses[LogStatus.CLOSED] == 23
        assert statuses[LogStatus.COMPLETE] == 4, "complete, awaiting the board's closure"
        for row in rows:
            if row.status is LogStatus.CLOSED:
                assert row.closed_at_meeting_id is not None
                assert row.closed_on == dates[row.closed_at_meeting_id] > dates[row.meeting_id]
            else:
                assert row.closed_at_meeting_id is None
                assert row.closed_on is None
            assert all(dates[row.meeting_id] <= u.update_date <= TODAY for u in row.updates)
        closed_next = sum(
            1
            for r in rows
            if r.closed_at_meeting_id is not None
            and min(d for d in dates.values() if d > dates[r.meeting_id])
            == dates[r.closed_at_meeting_id]
        )
        assert closed_next >= 15, "most actions are closed by the next meeting"


def test_each_closure_and_new_date_is_minuted_under_the_action_log(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        for meeting in _meetings(session):
            item = next(i for i in meeting.items if i.standing is StandingItem.ACTION_LOG)
            texts = [d.text for d in item.decisions]
            closed = sorted(
                session.scalars(
                    select(LogAction.reference).where(LogAction.closed_at_meeting_id == meeting.id)
                ),
                key=lambda r: int(r[1:]),
            )
            if closed:
                assert any(all(r in t for r in closed) and "closed" in t for t in texts)
            redated = session.scalars(
                select(LogAction.reference)
                .join(DueRevision)
                .where(DueRevision.agreed_at_meeting_id == meeting.id)
            )
            for reference in redated:
                assert any(f"due date of action {reference} be moved" in t for t in texts)


def test_papers_are_real_pdfs_as_recorded(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        papers = list(session.scalars(select(Paper)))
        for paper in papers:
            assert paper.content.startswith(b"%PDF-")
            assert paper.size == len(paper.content)
            assert paper.sha256 == hashlib.sha256(paper.content).hexdigest()
            reader = PdfReader(io.BytesIO(paper.content))
            assert not reader.is_encrypted
            assert len(reader.pages) == paper.page_count
            assert 1 <= paper.page_count <= 3
            first = reader.pages[0].extract_text()
            assert paper.marking.label in first
            assert demo_content.BOARD_NAME in first
            assert paper.marking.rank <= paper.item.marking.rank
            assert paper.file_name.endswith(".pdf")
        pages = Counter(p.page_count for p in papers)
        assert pages[1], "papers of one page"
        assert pages[2], "papers of two pages"
        sensitive = [p for p in papers if p.marking is Marking.OFFICIAL_SENSITIVE]
        assert len(sensitive) == 1
        assert (
            "OFFICIAL-SENSITIVE"
            in PdfReader(io.BytesIO(sensitive[0].content)).pages[0].extract_text()
        )
        with_papers = {p.item.standing for p in papers}
        assert {None, StandingItem.PERFORMANCE, StandingItem.PLAN_PROGRESS} <= with_papers


def test_rendering_is_deterministic() -> None:
    paper = PAPERS["framework_i"]
    context = PaperContext(
        "Board", "Improvement Board", date(2013, 6, 19), 7, "Someone", Purpose.DECISION
    )
    once = render_paper.__wrapped__(paper, context)
    again = render_paper.__wrapped__(paper, context)
    assert once == again
    assert render_paper.__wrapped__(paper, replace(context, item_number=8)) != once


def test_held_meetings_are_quorate_and_one_is_heavy_with_apologies(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        quorum = session.get(MeetingSettings, 1).quorum  # type: ignore[union-attr]
        held = [m for m in _meetings(session) if m.status.has_been_held]
        apologies = []
        for meeting in held:
            assert is_quorate(_voting_present(meeting), quorum), meeting.meeting_date
            for line in meeting.attendance:
                assert line.status is AttendanceStatus.APOLOGIES or not line.substitute
            apologies.append(
                sum(1 for a in meeting.attendance if a.status is AttendanceStatus.APOLOGIES)
            )
            assert any(a.kind is MemberKind.OFFICER for a in meeting.attendance)
        assert max(apologies) >= 5
        heavy = held[apologies.index(max(apologies))]
        assert _voting_present(heavy) == quorum + 1, "heavy with apologies, but quorate"
        assert any(a.substitute for a in heavy.attendance)
        assert any(a.status is AttendanceStatus.ABSENT for m in held for a in m.attendance), (
            "someone was absent without apologies once"
        )


def test_items_are_numbered_and_marked_as_the_board_needs(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        items = list(session.scalars(select(AgendaItem)))
        exempt = [i for i in items if i.exempt]
        assert len(exempt) == 1
        assert exempt[0].exempt_paragraph in (1, 3)
        assert exempt[0].publish_from is not None
        assert [i.marking for i in items].count(Marking.OFFICIAL_SENSITIVE) == 1
        for meeting in _meetings(session):
            kinds = [i.standing for i in meeting.items]
            assert kinds[-2:] == [StandingItem.ANY_OTHER_BUSINESS, StandingItem.NEXT_MEETING]
            assert [i.position for i in meeting.items] == list(range(len(meeting.items)))
            assert all(i.presenter and i.minutes_allowed for i in meeting.items)
            if meeting.status.has_been_held:
                assert all(i.minute for i in meeting.items)
        assert any("\n" in i.minute for i in items), "some minutes run to paragraphs"
        declarations = list(session.scalars(select(Declaration)))
        assert {d.person.name for d in declarations} == {
            "Cllr Peter Hayes",
            "Linda Coles",
            "Karen Ellwood",
        }


def test_blue_plan_actions_link_to_the_decision_that_closed_them(demo: Desk) -> None:
    blue = {a.reference: a for a in PLAN.values() if a.status == "blue"}
    with demo.opened.database.reading() as session:
        linked = {
            a.reference: a
            for a in session.scalars(select(Action).where(Action.closure_decision_id.is_not(None)))
        }
        assert set(linked) == set(blue)
        for reference, action in linked.items():
            decision = session.get(Decision, action.closure_decision_id)
            assert decision is not None
            assert decision.text == (
                f"RESOLVED: that action {reference} be closed as complete on the evidence "
                "presented."
            )
            item = decision.item
            number = item.position + 1
            meeting = item.meeting
            assert PLAN[reference].decision_ref == (
                f"{meeting.title} {meeting.meeting_date.day} {meeting.meeting_date:%b %Y}, "
                f"minute {number}"
            ), "closed under the minute the plan's update names"
            assert action.closure_decision == closure_text(
                str(number), meeting.title, meeting.meeting_date, decision.text
            ), "worded as linking a closure in the app words it"
            assert action.version == 1, "linking is not an edit of the action"


def test_every_plan_revision_agreed_at_a_board_is_minuted() -> None:
    on_dates = {m.on: m for m in MEETINGS}
    for action in PLAN.values():
        for revision in action.revisions:
            meeting = on_dates.get(revision.revised_on)
            if meeting is None:
                continue
            wanted = (
                f"RESOLVED: that the target date of action {action.reference} be moved to "
                f"{revision.new_date.day} {revision.new_date:%B %Y}."
            )
            texts = [d.text for i in meeting.items for d in i.decisions]
            assert wanted in texts, (action.reference, revision.revised_on)


def test_approved_minutes_are_locked_and_amended_only(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        amendment = session.scalars(select(MinutesAmendment)).one()
        meeting = session.get(Meeting, amendment.meeting_id)
        assert meeting is not None
        assert meeting.status is MeetingStatus.MINUTES_APPROVED
        assert amendment.agreed_at_meeting_id is not None
        agreed = session.get(Meeting, amendment.agreed_at_meeting_id)
        assert agreed is not None
        assert amendment.amended_on == agreed.meeting_date > meeting.meeting_date
        item = session.get(AgendaItem, amendment.agenda_item_id)
        assert item is not None
        assert "48%" in item.minute, (
            "the approved minute keeps its error; the amendment corrects it"
        )
        assert "84%" in amendment.text
        item_id = item.id
    with pytest.raises(Conflict) as caught, demo.opened.database.transaction() as session:
        session.execute(
            text("UPDATE agenda_item SET minute = 'changed' WHERE id = :id"), {"id": item_id}
        )
    assert is_lock_error(caught.value.__cause__ or caught.value)


def test_the_content_passes_the_domain_validators() -> None:
    people = [p.name for p in demo_content.PEOPLE]
    assert board_problems(BOARD, people=people, plan=PLAN, as_at=demo_content.AS_AT) == []


def _dump(desk: Desk) -> dict[str, Any]:
    with desk.opened.database.reading() as session:
        meetings = _meetings(session)
        dates = {m.id: m.meeting_date for m in meetings}
        return {
            "meetings": [
                (m.title, m.meeting_date, m.start_time, m.venue, m.status, m.marking)
                for m in meetings
            ]
            + [dates.get(m.approved_at_meeting_id or 0) for m in meetings],
            "items": [
                (
                    dates[i.meeting_id],
                    i.position,
                    i.title,
                    i.presenter,
                    i.purpose,
                    i.minutes_allowed,
                    i.standing,
                    i.marking,
                    i.exempt_paragraph,
                    i.publish_from,
                    i.minute,
                    [d.text for d in i.decisions],
                    [(p.title, p.file_name, p.sha256, p.size, p.page_count) for p in i.papers],
                )
                for m in meetings
                for i in m.items
            ],
            "attendance": [
                (dates[a.meeting_id], a.person.name, a.kind, a.status, a.substitute)
                for m in meetings
                for a in m.attendance
            ],
            "log": [
                (
                    a.reference,
                    dates[a.meeting_id],
                    a.description,
                    a.owner.name,
                    a.original_due,
                    a.current_due,
                    a.status,
                    a.closed_on,
                    [(r.previous_due, r.new_due, r.reason, r.recorded_by) for r in a.revisions],
                    [(u.update_date, u.text, u.author) for u in a.updates],
                )
                for a in session.scalars(select(LogAction).order_by(LogAction.reference))
            ],
            "amendments": [
                (dates[a.meeting_id], a.text, a.amended_on, a.recorded_by)
                for a in session.scalars(select(MinutesAmendment))
            ],
            "links": sorted(
                (a.reference, session.get(Decision, a.closure_decision_id).text)  # type: ignore[union-attr]
                for a in session.scalars(
                    select(Action).where(Action.closure_decision_id.is_not(None))
                )
            ),
        }


def test_the_demo_loads_twice_into_two_boards_identically(demo: Desk, second: Desk) -> None:
    load_demo(second.ctx)
    assert _dump(demo) == _dump(second)


def _board(meeting: int, change: dict[str, Any]) -> DemoBoard:
    meetings = list(BOARD.meetings)
    meetings[meeting] = replace(meetings[meeting], **change)
    return replace(BOARD, meetings=tuple(meetings))


def _with_action(meeting: int, item: int, action: int, **change: Any) -> DemoBoard:
    m = BOARD.meetings[meeting]
    items = list(m.items)
    actions = list(items[item].actions)
    actions[action] = replace(actions[action], **change)
    items[item] = replace(items[item], actions=tuple(actions))
    return _board(meeting, {"items": tuple(items)})


def _item_number(meeting: DemoMeeting, kind: StandingItem) -> int:
    return next(n for n, i in enumerate(meeting.items) if i.standing is kind)


@pytest.mark.parametrize(
    ("board", "field"),
    [
        (
            _with_action(0, 3, 0, owner="Nobody Known"),
            "Demo meeting 27 Mar 2013: Action A1",
        ),
        (
            _with_action(0, 3, 0, closed_at=date(2013, 4, 1)),
            "Demo meeting 27 Mar 2013: Action A1",
        ),
        (
            _with_action(
                2,
                4,
                1,
                revisions=(DemoDueRevision(date(2013, 10, 23), "No change", date(2013, 10, 23)),),
            ),
            "Demo meeting 19 Jun 2013: Action A9: New due date",
        ),
        (
            _with_action(2, 4, 1, updates=(DemoLogUpdate(date(2014, 4, 2), "From the future"),)),
            "Demo meeting 19 Jun 2013: Action A9: Date",
        ),
        (
            _board(
                7,
                {
                    "apologies": (
                        *BOARD.meetings[7].apologies,
                        DemoApology("Jane Held"),
                        DemoApology("Cllr Mike O'Brien"),
                    )
                },
            ),
            "Demo meeting 22 Jan 2014: Attendance",
        ),
        (
            _board(1, {"items": BOARD.meetings[1].items[1:]}),
            "Demo meeting 08 May 2013: Agenda",
        ),
        (
            _board(8, {"status": MeetingStatus.MINUTES_APPROVED}),
            "Demo meeting 05 Mar 2014: Status",
        ),
        (
            _board(9, {"status": MeetingStatus.HELD}),
            "Demo meeting 16 Apr 2014: Status",
        ),
    ],
    ids=[
        "unknown-owner",
        "closed-between-meetings",
        "revision-to-same-date",
        "update-after-as-at",
        "inquorate",
        "standing-item-missing",
        "approved-without-later-meeting",
        "held-after-as-at",
    ],
)
def test_wrong_content_fails_and_leaves_the_board_empty(
    desk: Desk, board: DemoBoard, field: str
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
            board=board,
        )
    assert field in caught.value.fields(), caught.value.fields()
    with desk.opened.database.reading() as session:
        for column in (Meeting.id, AgendaItem.id, LogAction.id, Action.id, Person.id):
            assert _count(session, column) == 0, column
        assert _count(session, AuditEntry.id) == audit_before


def test_a_closure_under_the_wrong_minute_is_refused() -> None:
    meeting = BOARD.meetings[2]  # 19 June 2013: 1.3 closed at minute 6, 3.1 at minute 7
    items = list(meeting.items)
    items[5], items[6] = items[6], items[5]
    board = _board(2, {"items": tuple(items)})
    problems = board_problems(
        board, people=[p.name for p in demo_content.PEOPLE], plan=PLAN, as_at=TODAY
    )
    assert {p.field for p in problems} >= {
        "Demo meeting 19 Jun 2013: Item 6: Decision",
        "Demo meeting 19 Jun 2013: Item 7: Decision",
    }


def test_apologies_must_be_minuted() -> None:
    meeting = BOARD.meetings[5]
    board = _board(5, {"apologies": (*meeting.apologies, DemoApology("Neil Harding"))})
    problems = board_problems(
        board, people=[p.name for p in demo_content.PEOPLE], plan=PLAN, as_at=TODAY
    )
    assert "Demo meeting 23 Oct 2013: Welcome" in {p.field for p in problems}
    assert _item_number(meeting, StandingItem.WELCOME) == 0
