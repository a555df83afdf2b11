"""Reading the action log: order, filters, matters arising across meetings, items and owners."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

import pytest
from log_fixtures import MadeMeeting, add_meeting, add_owner

from improvement_desk.domain.action_log import LogActionDraft, LogStatus
from improvement_desk.domain.errors import NotFound
from improvement_desk.services.desk import Desk
from improvement_desk.services.log_reader import (
    actions_by_item,
    matters_arising_in,
    reference_key,
    summarise,
)
from improvement_desk.services.log_records import LogActionRecord, LogActionSummary, LogFilter

JAN, FEB, MAR = date(2014, 1, 15), date(2014, 2, 12), date(2014, 3, 12)


class Log:
    """Three meetings and their actions:

    January: A1 open, A2 closed in February, A3 closed in March (item 3), A10 complete.
    February: A4 in progress, overdue (item 4).   March: A5 open, not yet due.
    """

    def __init__(self, desk: Desk) -> None:
        self.jo = add_owner(desk)
        self.sam = add_owner(desk, "Sam Patel")
        add_owner(desk, "Alex Nobody")  # owns nothing: not an owner of the log
        self.jan = add_meeting(desk, JAN)
        self.feb = add_meeting(desk, FEB, title="Extraordinary Board")
        self.mar = add_meeting(desk, MAR)
        self.ids: dict[str, int] = {}
        add = desk.action_log.add
        self._keep(add(self.jan.id, None, LogActionDraft("Recruit", self.jo, date(2014, 4, 30))))
        self._keep(add(self.jan.id, None, LogActionDraft("Audit", self.sam, FEB)))
        self._keep(add(self.jan.id, self.jan.item(3), LogActionDraft("Caseloads", self.jo, MAR)))
        self._keep(
            add(self.feb.id, self.feb.item(4), LogActionDraft("Front door", self.jo, MAR)),
            "A4",
        )
        self._keep(
            add(self.mar.id, None, LogActionDraft("Plan for May", self.sam, date(2014, 5, 1)))
        )
        self._keep(
            add(self.jan.id, None, LogActionDraft("Training", self.sam, FEB), reference="A10")
        )
        for ref, status, at in (
            ("A2", LogStatus.CLOSED, self.feb),
            ("A3", LogStatus.CLOSED, self.mar),
        ):
            desk.action_log.set_status(
                self.ids[ref], status, closed_at_meeting_id=at.id, expected_version=None
            )
        desk.action_log.set_status(self.ids["A10"], LogStatus.COMPLETE, expected_version=None)
        desk.action_log.set_status(self.ids["A4"], LogStatus.IN_PROGRESS, expected_version=None)

    def _keep(self, record: LogActionRecord, expected: str | None = None) -> None:
        if expected:
            assert record.summary.reference == expected
        self.ids[record.summary.reference] = record.summary.id


@pytest.fixture
def log(desk: Desk) -> Log:
    return Log(desk)


def refs(found: Iterable[LogActionSummary]) -> list[str]:
    return [s.reference for s in found]


def test_the_log_is_in_reference_order(desk: Desk, log: Log) -> None:
    assert refs(desk.log.actions()) == ["A1", "A2", "A3", "A4", "A5", "A10"]
    assert sorted(["A10", "A2", "B1", "A2a", "a3"], key=reference_key) == [
        "A2",
        "A2a",
        "a3",
        "A10",
        "B1",
    ]


@pytest.mark.parametrize(
    ("make_filter", "expected"),
    [
        (lambda log: LogFilter(), ["A1", "A2", "A3", "A4", "A5", "A10"]),
        (lambda log: LogFilter(meeting_id=log.jan.id), ["A1", "A2", "A3", "A10"]),
        (lambda log: LogFilter(owner_id=log.sam), ["A2", "A5", "A10"]),
        (
            lambda log: LogFilter(statuses=frozenset({LogStatus.OPEN, LogStatus.IN_PROGRESS})),
            ["A1", "A4", "A5"],
        ),
        (lambda log: LogFilter(overdue_only=True), ["A4"]),
        (lambda log: LogFilter(owner_id=log.jo, overdue_only=True), ["A4"]),
        (lambda log: LogFilter(text="  front "), ["A4"]),
        (lambda log: LogFilter(text="sam patel"), ["A2", "A5", "A10"]),
        (lambda log: LogFilter(text="a10"), ["A10"]),
        (lambda log: LogFilter(meeting_id=log.mar.id, owner_id=log.jo), []),
    ],
)
def test_filters(
    desk: Desk, log: Log, make_filter: Callable[[Log], LogFilter], expected: list[str]
) -> None:
    assert refs(desk.log.actions(make_filter(log))) == expected


def test_summaries_say_what_the_log_shows(desk: Desk, log: Log) -> None:
    by_ref = {s.reference: s for s in desk.log.actions()}
    a4 = by_ref["A4"]
    assert (a4.meeting_date, a4.item_number, a4.item_title, a4.owner_name) == (
        FEB,
        "4",
        "Workforce",
        "Jo Bloggs",
    )
    assert a4.overdue
    assert not by_ref["A5"].overdue
    assert not by_ref["A10"].overdue  # complete: awaiting the board, not late
    assert (by_ref["A2"].closed_on, by_ref["A3"].closed_on) == (FEB, MAR)


def test_matters_arising_across_three_meetings(desk: Desk, log: Log) -> None:
    assert desk.log.matters_arising(log.jan.id) == []
    # A2 is closed at February itself, so it is on February's list to be closed.
    assert refs(desk.log.matters_arising(log.feb.id)) == ["A1", "A2", "A3", "A10"]
    assert refs(desk.log.matters_arising(log.mar.id)) == ["A1", "A3", "A4", "A10"]
    later = add_meeting(desk, date(2014, 4, 9))
    assert refs(desk.log.matters_arising(later.id)) == ["A1", "A4", "A5", "A10"]
    with pytest.raises(NotFound):
        desk.log.matters_arising(404)


def test_for_item_and_by_item(desk: Desk, log: Log) -> None:
    assert refs(desk.log.for_item(log.jan.item(3))) == ["A3"]
    assert desk.log.for_item(log.jan.item(1)) == []
    with desk.ctx.db.reading() as session:
        grouped = actions_by_item(desk.ctx, session, log.jan.id)
        assert summarise(desk.ctx, session, []) == []
    assert {k: refs(v) for k, v in grouped.items()} == {log.jan.item(3): ["A3"]}


def test_matters_arising_in_for_the_meeting_reader(desk: Desk, log: Log) -> None:
    from improvement_desk.db.models import Meeting

    with desk.ctx.db.reading() as session:
        meeting = session.get(Meeting, log.mar.id)
        assert meeting is not None
        assert refs(matters_arising_in(desk.ctx, session, meeting)) == ["A1", "A3", "A4", "A10"]


def test_owners_are_the_people_who_own_actions(desk: Desk, log: Log) -> None:
    assert desk.log.owners() == [(log.jo, "Jo Bloggs"), (log.sam, "Sam Patel")]


def test_an_unknown_action_is_not_found(desk: Desk) -> None:
    with pytest.raises(NotFound, match="Log action 404"):
        desk.log.action(404)


def test_item_numbers_follow_rank_not_position(desk: Desk) -> None:
    jo = add_owner(desk)
    gappy: MadeMeeting = add_meeting(desk, JAN, positions=(3, 0, 20, 7))
    record = desk.action_log.add(gappy.id, gappy.item(3), LogActionDraft("Last", jo, FEB))
    assert record.summary.item_number == "4"
    record = desk.action_log.add(gappy.id, gappy.item(2), LogActionDraft("First", jo, FEB))
    assert record.summary.item_number == "1"
