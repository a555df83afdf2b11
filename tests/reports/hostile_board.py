"""A fresh board, made through the services, with hostile text in every field the pack prints.

Each field gets its own tag ("B01", "M02", …) before its hostile text, so a
failing assertion names the field whose text was lost or obeyed. Short fields
(a 200-character limit, one line) carry every RL-1 and RL-2 string at once;
the long ones (minutes, decisions, actions) also carry the `<img>` and `<a>`
tags, the CVE-2023-33733 payload and a name with Welsh, Polish and
Vietnamese letters.
"""

from __future__ import annotations

import time as clock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY, TickingClock
from meeting_fixtures import make_pdf
from PIL import Image
from pypdf import PdfReader

from improvement_desk.domain.action_log import LogActionDraft, LogUpdateDraft
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.meeting import (
    AgendaItemDraft,
    AttendanceStatus,
    MeetingDraft,
    MemberKind,
)
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.domain.risk import RiskDraft
from improvement_desk.domain.scorecard import FigureDraft, IndicatorDraft, Polarity, Unit
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.pack import PackReport

from .hostile_pack import (
    LINK_FILE,
    LINK_JS,
    NAME,
    PDF_SYNTAX,
    RL1,
    RL2,
    RL_TAGS,
    SECRET_TEXT,
    SET_A,
    cve_2023_33733,
    image_tags,
    page_texts,
)

PREVIOUS_DAY, MEETING_DAY = date(2014, 1, 15), date(2014, 3, 12)
MEETING_WORDS = "12 March 2014"
RL8_LINES = ("RL8 first line of the minute, R&D.", "Second line <b>not bold</b>.", "Third line.")
RL8_SECOND = "RL8 a second paragraph after a blank line."


def new_desk(path: Path, board_name: str) -> Desk:
    """A new board on the test suite's fixed date and clock."""
    return open_desk(
        path,
        ACTOR,
        create=True,
        board_name=board_name,
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, tzinfo=UTC)),
    )


@dataclass(frozen=True)
class Built:
    """A pack built to a file and read back."""

    report: PackReport
    reader: PdfReader
    texts: list[str]  # per page
    seconds: float

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def build(desk: Desk, meeting_id: int, path: Path, *, public: bool = False) -> Built:
    started = clock.perf_counter()
    report = desk.pack.build(meeting_id, path, public=public)
    seconds = clock.perf_counter() - started
    reader = PdfReader(path)
    assert len(reader.pages) == report.pages
    return Built(report, reader, page_texts(reader), seconds)


def note_time(request: pytest.FixtureRequest, built: Built) -> None:
    """Build times are recorded, never asserted: as the test's `build_seconds` property and
    in its captured output (`pytest -rP`)."""
    request.node.user_properties.append(("build_seconds", round(built.seconds, 2)))
    print(f"{request.node.name}: {built.report.pages} pages in {built.seconds:.2f} s")


@dataclass(frozen=True)
class PlainBoard:
    """Two meetings without standing items and one person: a pack of a few pages."""

    desk: Desk
    previous_id: int
    meeting_id: int
    item_id: int  # the previous meeting's one item
    owner_id: int
    recommendation_id: int


def plain_board(path: Path) -> PlainBoard:
    desk = new_desk(path, "Plain Improvement Board")
    previous = desk.meetings.create(MeetingDraft(PREVIOUS_DAY, time(10), ""), standing_items=False)
    meeting = desk.meetings.create(MeetingDraft(MEETING_DAY, time(10), ""), standing_items=False)
    item = desk.agenda.add_item(previous.id, AgendaItemDraft("Workforce"))
    owner = desk.people.add("Jo Bloggs")
    recommendation = desk.recommendations.create(
        RecommendationDraft(RecommendationSource.BOARD, "R1", "Recruit", "Workforce")
    )
    return PlainBoard(desk, previous.id, meeting.id, item.id, owner.id, recommendation.id)


# What a user types into each field, through the service that refuses bad text by naming it.
Attempt = Callable[[PlainBoard, str], object]
SHORT_FIELDS: list[tuple[str, Attempt]] = [
    ("Title", lambda b, t: b.desk.agenda.add_item(b.meeting_id, AgendaItemDraft(t))),
    ("Venue", lambda b, t: b.desk.meetings.create(MeetingDraft(date(2014, 5, 7), None, t))),
    ("Name", lambda b, t: b.desk.people.add(t)),
]
LONG_FIELDS: list[tuple[str, Attempt]] = [
    ("Minute", lambda b, t: b.desk.minutes.write_minute(b.item_id, t, expected_version=None)),
    ("Decision", lambda b, t: b.desk.minutes.add_decision(b.item_id, t)),
    (
        "Action",
        lambda b, t: b.desk.action_log.add(
            b.previous_id, None, LogActionDraft(t, b.owner_id, date(2014, 2, 1))
        ),
    ),
    (
        "Description",
        lambda b, t: b.desk.actions.create(
            b.recommendation_id, ActionDraft("9.9", t, "Jo Bloggs", None, date(2014, 6, 30))
        ),
    ),
]


@dataclass
class HostileBoard:
    desk: Desk
    meeting_id: int
    folder: Path
    canary: Path  # must never exist
    png: Path  # a real image an obeyed <img> would embed
    secret: Path  # a local file an obeyed <img> would read
    typed: dict[str, str] = field(default_factory=dict)  # field -> exactly what was typed
    paper_titles: dict[str, str] = field(default_factory=dict)  # item number -> paper title


def long_text(board: HostileBoard, port: int) -> str:
    """Everything hostile, on one line: for fields that allow 10,000 characters."""
    tags = " | ".join((*image_tags(port, board.folder), LINK_JS, LINK_FILE, *RL_TAGS))
    return f"{SET_A} | {tags} | {cve_2023_33733(board.canary)} | {NAME}"


def build_hostile_board(folder: Path, port: int) -> HostileBoard:
    """Two meetings (15 Jan and 12 Mar 2014): the pack is the March one's, so January's
    minutes, its actions and every register are in it."""
    png, secret = folder / "known.png", folder / "secret.txt"
    Image.new("RGB", (8, 8), (255, 0, 0)).save(png)
    secret.write_text(SECRET_TEXT, encoding="utf-8")
    typed: dict[str, str] = {"board name": f"B01 {SET_A} | {PDF_SYNTAX}"}
    desk = new_desk(folder / "hostile.db", typed["board name"])
    board = HostileBoard(desk, 0, folder, folder / "CANARY", png, secret, typed)
    long = long_text(board, port)
    net, _, _ = image_tags(port, folder)

    # The meeting the pack is for: its title prints in every page's footer, so it is kept short.
    typed |= {
        "meeting title": f"M02 {RL1[0]} {RL1[2]}",
        "meeting venue": f"V03 {SET_A}",
        "item title": f"I06 {SET_A} | {PDF_SYNTAX}",
        "item presenter": f"P07 {SET_A}",
        "item 2 title": f"I08 {net} {LINK_JS}",
        "item 2 presenter": NAME,
    }
    meeting = desk.meetings.create(
        MeetingDraft(MEETING_DAY, time(10), typed["meeting venue"], title=typed["meeting title"]),
        standing_items=False,
    )
    board.meeting_id = meeting.id
    first = desk.agenda.add_item(
        meeting.id, AgendaItemDraft(typed["item title"], presenter=typed["item presenter"])
    )
    second = desk.agenda.add_item(
        meeting.id, AgendaItemDraft(typed["item 2 title"], presenter=typed["item 2 presenter"])
    )
    board.paper_titles = {"1": f"D09 {RL1[0]}", "2": f"D10 {RL2[0]}"}
    for item, number in ((first, "1"), (second, "2")):
        pdf = make_pdf(folder / f"paper-{number}.pdf", text=f"Paper for item {number}")
        desk.papers.attach(item.id, pdf, title=board.paper_titles[number])

    # The previous meeting: its minutes are in the pack.
    typed |= {
        "previous title": f"M04 {SET_A}",
        "previous venue": f"V05 {SET_A}",
        "previous item title": f"I11 {SET_A}",
        "previous item presenter": f"P12 {SET_A}",
        "minute": f"N13 {long}",
        "decision": f"E14 {long}",
        "declaration": f"X15 {SET_A}",
        "board role": f"R16 {RL1[0]}",
        "organisation": f"O17 {RL2[2]}",
        "member": f"H18 {SET_A}",
    }
    previous = desk.meetings.create(
        MeetingDraft(
            PREVIOUS_DAY, time(14), typed["previous venue"], title=typed["previous title"]
        ),
        standing_items=False,
    )
    item = desk.agenda.add_item(
        previous.id,
        AgendaItemDraft(typed["previous item title"], presenter=typed["previous item presenter"]),
    )
    desk.minutes.write_minute(item.id, typed["minute"], expected_version=None)
    desk.minutes.add_decision(item.id, typed["decision"])
    lines = desk.agenda.add_item(previous.id, AgendaItemDraft("Line breaks"))
    desk.minutes.write_minute(
        lines.id, "\n".join(RL8_LINES) + "\n\n" + RL8_SECOND, expected_version=None
    )
    named = desk.members.add_person(
        NAME, "Director", typed["organisation"], MemberKind.VOTING, typed["board role"]
    )
    hostile = desk.members.add_person(typed["member"], "Adviser", "", MemberKind.ADVISER)
    for member in (named, hostile):
        desk.attendance.record(previous.id, member.person_id, AttendanceStatus.PRESENT)
    desk.minutes.declare(previous.id, named.person_id, item.id, typed["declaration"])

    # The action log: both actions were agreed in January and are overdue by March.
    typed |= {
        "log action": f"L19 {long}",
        "log update": f"U20 {SET_A} {LINK_FILE}",
        "log action 2": f"L21 {NAME}\nL21 second line, R&D\nL21 third line",
    }
    action = desk.action_log.add(
        previous.id,
        item.id,
        LogActionDraft(typed["log action"], hostile.person_id, date(2014, 2, 1)),
    )
    desk.action_log.add_update(
        action.summary.id, LogUpdateDraft(date(2014, 3, 1), typed["log update"])
    )
    desk.action_log.add(
        previous.id, None, LogActionDraft(typed["log action 2"], named.person_id, date(2014, 2, 3))
    )

    # The plan (listed when Red or overdue), the risks and the scorecard.
    typed |= {
        "theme": f"T22 {SET_A}",
        "plan action": f"A24 {long}",
        "plan action 2": f"A25 {NAME}",
        "risk title": f"K26 {SET_A}",
        "risk 2 title": f"K27 {net} {LINK_JS}",
        "indicator": f"S28 {SET_A}",
    }
    # The pack prints a recommendation's theme, never its text ("C23" is not looked for).
    recommendation = desk.recommendations.create(
        RecommendationDraft(RecommendationSource.BOARD, "R1", f"C23 {SET_A}", typed["theme"])
    )
    desk.actions.create(
        recommendation.id,
        ActionDraft(
            "1.1", typed["plan action"], typed["member"], None, date(2014, 6, 30), status=Brag.RED
        ),
    )
    desk.actions.create(
        recommendation.id,
        ActionDraft(
            "1.2", typed["plan action 2"], NAME, None, date(2014, 2, 28), status=Brag.AMBER
        ),
    )
    for reference, title, owner in (
        ("K1", typed["risk title"], typed["member"]),
        ("K2", typed["risk 2 title"], NAME),
    ):
        desk.risks.create(
            RiskDraft(
                reference, title, "", "Event", "", "Workforce", owner, date(2014, 1, 2), 4, 4, 4, 4
            )
        )
    indicator = desk.indicators.create(
        IndicatorDraft("S1", typed["indicator"], Unit.PERCENT, Polarity.HIGHER_IS_BETTER), target=90
    )
    for period, value in ((date(2014, 1, 1), 93.8), (date(2014, 2, 1), 88.0)):
        desk.figures.record(indicator.id, FigureDraft(period, value))
    return board
