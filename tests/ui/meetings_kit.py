"""A board with meetings for the meetings page's tests, and helpers to drive the page.

January's minutes are approved at February's meeting (so January is locked);
March has been held with two items of its own (one exempt) and a paper; April
is planned. Built through the services, as a user would have built it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from meeting_fixtures import APRIL, MARCH, approved_board, draft, item_draft, make_pdf
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.services.desk import Desk
from improvement_desk.services.meeting_records import AgendaItemRecord, MeetingRecord
from improvement_desk.ui.meetings.meetings_page import MeetingsPage

from .conftest import RecordingMessenger


@dataclass(frozen=True)
class Board:
    january: int
    february: int
    march: int
    april: int
    exempt_item: int
    paper: int
    pdfs: Path  # a folder of PDFs to attach


def build_board(desk: Desk, folder: Path) -> Board:
    base = approved_board(desk, folder)
    march = desk.meetings.create(draft(MARCH, venue="Council Chamber"))
    own = desk.agenda.add_item(march.id, item_draft())
    exempt = desk.agenda.add_item(
        march.id,
        item_draft(
            "Children's home: staffing", presenter="Head of HR", minutes_allowed=30,
            marking=Marking.OFFICIAL_SENSITIVE, exempt=True, exempt_paragraph=1,
            publish_from=date(2015, 1, 1),
        ),
    )  # fmt: skip
    paper = desk.papers.attach(own.id, make_pdf(folder / "early-help.pdf", pages=3))
    desk.meetings.set_status(march.id, MeetingStatus.HELD, expected_version=None)
    april = desk.meetings.create(draft(APRIL, venue="Committee Room 2"))
    pdfs = folder / "pdfs"
    pdfs.mkdir()
    make_pdf(pdfs / "report one.pdf", pages=2)
    make_pdf(pdfs / "report two.pdf")
    (pdfs / "minutes.docx").write_bytes(b"PK\x03\x04 not a pdf")
    return Board(base.january.id, base.february.id, march.id, april.id, exempt.id, paper.id, pdfs)


def make_page(
    qtbot: QtBot, desk: Desk, messenger: RecordingMessenger, stack: QUndoStack
) -> MeetingsPage:
    page = MeetingsPage(desk, stack, messenger)
    qtbot.addWidget(page)
    page.resize(1440, 860)
    page.show()
    qtbot.waitExposed(page)
    return page


def meeting(desk: Desk, meeting_id: int) -> MeetingRecord:
    return desk.meeting_reader.meeting(meeting_id)


def titles(desk: Desk, meeting_id: int) -> list[str]:
    return [i.title for i in meeting(desk, meeting_id).items]


def item_by_title(desk: Desk, meeting_id: int, title: str) -> AgendaItemRecord:
    return next(i for i in meeting(desk, meeting_id).items if i.title == title)


def shown_titles(page: MeetingsPage) -> list[str]:
    model = page.agenda_model
    return [model.index(r, 1).data() for r in range(model.rowCount())]


def focus(qtbot: QtBot, page: MeetingsPage, widget: Any) -> None:
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)
