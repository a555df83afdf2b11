"""Gathering a board pack's content: previous meeting, action log, papers, public filtering,
withheld lines and marking, on the demo board and on small boards built row by row."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from conftest import ACTOR
from pack_fixtures import FEB, JAN, MAR, SENSITIVE, Board

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.errors import NotFound, ValidationError
from improvement_desk.domain.marking import Marking, exempt_reason
from improvement_desk.domain.pack import DEFAULT_ACCENT, DEFAULT_SECTIONS
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.pack_content import PackContentReader
from improvement_desk.services.pack_records import PackContent, Withheld

# The demo's meetings: 11 Sep 2013 has an exempt item 10 (paragraph 3, one paper);
# 4 Dec 2013 has an OFFICIAL-SENSITIVE item 10 with an OFFICIAL-SENSITIVE paper.
EXEMPT_MEETING, SENSITIVE_MEETING = date(2013, 9, 11), date(2013, 12, 4)
EXEMPT_TITLE = "Permanent recruitment through an agency: revised specification"
PUBLIC_TITLE = "Agency social work contract: revised specification"  # as the board allowed
SENSITIVE_TITLE = "MASH: information sharing and police research support"


# -- the demo board ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    path = tmp_path_factory.mktemp("pack-demo") / "demo.db"
    create_demo_board(path, ACTOR)
    desk = open_desk(path, ACTOR, read_only=True)
    yield desk
    desk.close()


def meeting_on(desk: Desk, when: date) -> int:
    return next(s.id for s in desk.meeting_reader.meetings() if s.meeting_date == when)


def test_desk_builds_the_reader_once(demo: Desk) -> None:
    assert isinstance(demo.pack_content, PackContentReader)
    assert demo.pack_content is demo.pack_content


def test_demo_pack_names_the_previous_meeting_and_the_defaults(demo: Desk) -> None:
    summaries = demo.meeting_reader.meetings()
    content = demo.pack_content.gather(meeting_on(demo, SENSITIVE_MEETING), public=False)
    assert content.previous is not None
    assert content.previous.summary.meeting_date == date(2013, 10, 23)
    assert content.board_name == demo.info().name
    assert content.as_at == date(2014, 3, 31)  # the demo board's "as at"
    assert content.template.sections == DEFAULT_SECTIONS
    assert content.template.accent == DEFAULT_ACCENT
    assert (content.template.logo, content.template.version) == (None, 0)
    assert content.changes.first
    assert content.changes.since is None
    assert content.plan.actions
    assert content.register.risks
    assert content.scorecard.rows
    assert demo.pack_content.gather(summaries[0].id, public=False).previous is None


def test_demo_full_pack_of_the_sensitive_meeting(demo: Desk) -> None:
    content = demo.pack_content.gather(meeting_on(demo, SENSITIVE_MEETING), public=False)
    assert content.marking is SENSITIVE
    assert not content.public
    assert content.withheld == ()
    item = next(i for i in content.meeting.items if i.number == "10")
    assert item.title == SENSITIVE_TITLE
    assert item.marking is SENSITIVE
    sensitive = [p for p in content.papers if p.item_number == "10"]
    assert [p.marking for p in sensitive] == [SENSITIVE]
    assert sensitive[0].content.startswith(b"%PDF-")


def test_demo_public_pack_of_the_sensitive_meeting(demo: Desk) -> None:
    meeting_id = meeting_on(demo, SENSITIVE_MEETING)
    full = demo.pack_content.gather(meeting_id, public=False)
    content = demo.pack_content.gather(meeting_id, public=True)
    assert content.public
    assert content.marking is Marking.OFFICIAL
    assert "10" not in [i.number for i in content.meeting.items]
    assert [p.item_number for p in content.papers] == [
        p.item_number for p in full.papers if p.marking is not SENSITIVE
    ]
    assert all(p.marking is Marking.OFFICIAL for p in content.papers)
    assert content.withheld == (
        Withheld(
            "Item 10: OFFICIAL-SENSITIVE item",
            "marked OFFICIAL-SENSITIVE: left out of the public pack",
        ),
    )
    assert demo.pack_content.preview_withheld(meeting_id) == list(content.withheld)
    assert_nothing_of(content, SENSITIVE_TITLE)


def test_demo_public_pack_of_the_exempt_meeting(demo: Desk) -> None:
    meeting_id = meeting_on(demo, EXEMPT_MEETING)
    full = demo.pack_content.gather(meeting_id, public=False)
    content = demo.pack_content.gather(meeting_id, public=True)
    assert [p.item_number for p in full.papers].count("10") == 1
    assert "10" not in [p.item_number for p in content.papers]
    assert len(content.papers) == len(full.papers) - 1
    assert content.withheld == (Withheld(f"Item 10: {PUBLIC_TITLE} (exempt)", exempt_reason(3)),)
    # The exempt item stays on the agenda, blanked: the builders print its number and the
    # public title the board allowed.
    exempt = next(i for i in content.meeting.items if i.number == "10")
    assert exempt.exempt
    assert exempt.exempt_paragraph == 3
    assert (exempt.title, exempt.presenter, exempt.minute) == (PUBLIC_TITLE, "", "")
    assert exempt.public_title == PUBLIC_TITLE
    assert (exempt.papers, exempt.decisions, exempt.actions) == ((), (), ())
    assert next(i for i in full.meeting.items if i.number == "10").title == EXEMPT_TITLE
    assert_nothing_of(content, EXEMPT_TITLE)
    assert content.marking is full.marking is Marking.OFFICIAL


def test_demo_next_pack_leaves_the_previous_minutes_sensitive_item_out(demo: Desk) -> None:
    after = meeting_on(demo, date(2014, 1, 22))
    full = demo.pack_content.gather(after, public=False)
    content = demo.pack_content.gather(after, public=True)
    assert full.marking is SENSITIVE  # the previous meeting's minutes hold the item
    assert content.marking is Marking.OFFICIAL
    assert content.previous is not None
    assert SENSITIVE not in [i.marking for i in content.previous.items]
    assert_nothing_of(content, SENSITIVE_TITLE)


def test_demo_open_log_puts_overdue_first_then_by_due_date(demo: Desk) -> None:
    latest = demo.meeting_reader.latest_id()
    assert latest is not None
    log = demo.pack_content.gather(latest, public=False).open_log
    assert any(a.overdue for a in log)
    assert not all(a.overdue for a in log)
    keys = [(not a.overdue, a.current_due) for a in log]
    assert keys == sorted(keys)
    assert all(a.status is not LogStatus.CLOSED for a in log)


def test_unknown_meeting_is_not_found(demo: Desk) -> None:
    with pytest.raises(NotFound):
        demo.pack_content.gather(9999, public=False)
    with pytest.raises(NotFound):
        demo.pack_content.gather(9999, public=True)
    with pytest.raises(NotFound):
        demo.pack_content.preview_withheld(9999)


def assert_nothing_of(content: PackContent, text: str) -> None:
    """The public content holds the text nowhere (records, papers' file names and titles)."""
    assert text not in repr(content)


# -- small boards built row by row ---------------------------------------------------------------


@pytest.fixture
def board(desk: Desk, tmp_path: Path) -> Board:
    return Board(desk, tmp_path)


def refs(actions: object) -> list[str]:
    return [a.reference for a in actions]  # type: ignore[attr-defined]


def test_previous_is_the_latest_meeting_dated_before(board: Board) -> None:
    march = board.gather(board.mar)
    assert march.previous is not None
    assert march.previous.id == board.feb_extra.id
    assert board.gather(board.feb_extra).previous.id == board.jan.id  # type: ignore[union-attr]
    assert board.gather(board.feb).previous.id == board.jan.id  # type: ignore[union-attr]
    assert board.gather(board.jan).previous is None


def test_open_log_is_overdue_first_then_by_current_due(board: Board) -> None:
    # The test board's today is 31 Mar 2014.
    later = board.action(board.jan, date(2014, 6, 1))
    overdue_late = board.action(board.feb, date(2014, 3, 20), status=LogStatus.IN_PROGRESS)
    overdue_early = board.action(board.jan, date(2014, 2, 1))
    soon = board.action(board.feb, date(2014, 4, 30))
    complete = board.action(board.jan, date(2014, 2, 2), status=LogStatus.COMPLETE)
    board.action(board.apr, date(2014, 1, 1))  # raised at the pack's own meeting
    content = board.gather(board.apr)
    assert refs(content.open_log) == [overdue_early, overdue_late, complete, soon, later]
    assert [a.overdue for a in content.open_log] == [True, True, False, False, False]
    assert refs(board.gather(board.feb).open_log) == [overdue_early, complete, later]


def test_closed_log_is_what_closed_since_the_previous_meeting(board: Board) -> None:
    closed = LogStatus.CLOSED
    at_march = board.action(board.jan, JAN, status=closed, closed_at=board.mar)
    # The board closes every action at a meeting; the date closed may differ from its date.
    feb = board.feb
    on_date = board.action(board.jan, JAN, status=closed, closed_at=feb, closed_on=date(2014, 3, 1))
    on_the_day = board.action(board.feb, FEB, status=closed, closed_at=feb, closed_on=MAR)
    in_february = board.action(board.jan, JAN, status=closed, closed_at=feb, closed_on=FEB)
    board.action(board.jan, JAN, status=closed, closed_at=board.apr, closed_on=date(2014, 4, 9))
    content = board.gather(board.mar)
    assert refs(content.closed_log) == [at_march, on_date, on_the_day]
    assert all(a.status is LogStatus.CLOSED for a in content.closed_log)
    assert content.open_log == ()
    # February's pack (previous: January) has what its own meeting closed, by either date.
    assert refs(board.gather(board.feb).closed_log) == [on_date, in_february]


def test_public_pack_filters_items_papers_and_actions(board: Board) -> None:
    board.mark_item(board.mar, 2, exempt=True, exempt_paragraph=1, minute="Private minute")
    board.mark_item(board.mar, 3, marking=SENSITIVE, minute="Sensitive minute")
    board.paper(board.mar, 4, "Workforce report", Marking.OFFICIAL)
    board.paper(board.mar, 4, "Named staff", SENSITIVE)
    board.paper(board.mar, 2, "Private paper", Marking.OFFICIAL)
    board.paper(board.mar, 3, "Sensitive paper", Marking.OFFICIAL)
    board.paper(board.mar, 1, "Apologies note", Marking.OFFICIAL)
    board.mark_item(board.feb, 4, exempt=True, exempt_paragraph=7)
    under_exempt = board.action(board.feb, date(2014, 5, 1), item=4)
    plain = board.action(board.feb, date(2014, 5, 2), item=3)

    full = board.gather(board.mar)
    assert [p.title for p in full.papers] == [
        "Apologies note",
        "Private paper",
        "Sensitive paper",
        "Workforce report",
        "Named staff",
    ]
    assert full.marking is SENSITIVE
    assert full.withheld == ()
    assert refs(full.open_log) == [under_exempt, plain]

    content = board.gather(board.mar, public=True)
    assert [p.title for p in content.papers] == ["Apologies note", "Workforce report"]
    assert [i.number for i in content.meeting.items] == ["1", "2", "4"]
    assert content.meeting.items[1].title == "Exempt item"
    assert refs(content.open_log) == [plain]
    assert content.marking is Marking.OFFICIAL
    reason = "marked OFFICIAL-SENSITIVE: left out of the public pack"
    assert content.withheld == (
        Withheld("Item 2: Exempt item", exempt_reason(1)),
        Withheld("Item 3: OFFICIAL-SENSITIVE item", reason),
        Withheld("Item 4, paper 2: OFFICIAL-SENSITIVE paper", reason),
    )
    assert board.desk.pack_content.preview_withheld(board.mar.id) == list(content.withheld)
    for text in ("Private", "Sensitive", "Named staff"):
        assert_nothing_of(content, text)


def test_an_exempt_item_shows_its_public_title_in_the_pack_and_the_next_minutes(
    board: Board,
) -> None:
    board.mark_item(
        board.mar,
        2,
        exempt=True,
        exempt_paragraph=1,
        public_title="Staffing: <b>senior</b> & agency",
        title="Head of Service (Quixotic)",
        presenter="Zanzibar",
        minute="Private minute",
    )
    board.mark_item(board.mar, 3, exempt=True, exempt_paragraph=7)
    content = board.gather(board.mar, public=True)
    item = content.meeting.items[1]
    assert (item.title, item.public_title) == ("Staffing: <b>senior</b> & agency",) * 2
    assert (item.presenter, item.minute) == ("", "")
    assert content.meeting.items[2].title == "Exempt item", "no public title: as before"
    assert content.withheld == (
        Withheld("Item 2: Staffing: <b>senior</b> & agency (exempt)", exempt_reason(1)),
        Withheld("Item 3: Exempt item", exempt_reason(7)),
    )
    later = board.gather(board.apr, public=True)
    assert later.previous is not None
    assert later.previous.items[1].title == "Staffing: <b>senior</b> & agency"
    for public in (content, later):
        for text in ("Quixotic", "Zanzibar", "Private minute"):
            assert_nothing_of(public, text)
    full = board.gather(board.mar)
    assert full.meeting.items[1].title == "Head of Service (Quixotic)"


def test_an_action_from_a_sensitive_item_marks_the_full_pack(board: Board) -> None:
    board.mark_item(board.jan, 4, marking=SENSITIVE)
    board.action(board.jan, date(2014, 5, 1), item=4)
    assert board.gather(board.apr).marking is SENSITIVE
    public = board.gather(board.apr, public=True)
    assert public.open_log == ()
    assert public.marking is Marking.OFFICIAL


def test_a_sensitive_meeting_has_no_public_pack(board: Board) -> None:
    board.mark_meeting(board.mar)
    board.action(board.mar, date(2014, 3, 1))
    assert board.gather(board.mar).marking is SENSITIVE
    with pytest.raises(ValidationError, match="no public pack"):
        board.gather(board.mar, public=True)
    assert board.desk.pack_content.preview_withheld(board.mar.id)[0].what == "The whole meeting"
    # The next pack goes out without those minutes and without that meeting's actions.
    content = board.gather(board.apr, public=True)
    assert content.previous is None
    assert content.open_log == ()
    assert content.withheld == (
        Withheld(
            "Minutes of the meeting on 12 Mar 2014",
            "marked OFFICIAL-SENSITIVE: left out of the public pack",
        ),
    )
    assert board.gather(board.apr).previous is not None
