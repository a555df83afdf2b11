"""The meetings page's tables: columns, headers, roles and the few texts they share.

Named once here so the models, the page and the tests agree on what a column
is called and how a date, a time or a paper's size is written.
"""

from __future__ import annotations

from datetime import date, time
from enum import IntEnum

from PySide6.QtCore import Qt

from improvement_desk.domain.marking import exempt_reason
from improvement_desk.services.meeting_records import AgendaItemRecord, MeetingSummary

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3


class MeetingCol(IntEnum):
    DATE = 0
    TITLE = 1
    STATUS = 2
    ITEMS = 3
    OPEN_ACTIONS = 4


MEETING_HEADERS = {
    MeetingCol.DATE: "Date",
    MeetingCol.TITLE: "Meeting",
    MeetingCol.STATUS: "Status",
    MeetingCol.ITEMS: "Items",
    MeetingCol.OPEN_ACTIONS: "Actions",
}
MEETING_TIPS = {
    MeetingCol.ITEMS: "Items on the agenda",
    MeetingCol.OPEN_ACTIONS: "Actions raised at this meeting that are not yet closed",
}


class AgendaCol(IntEnum):
    NUMBER = 0
    TITLE = 1
    PRESENTER = 2
    PURPOSE = 3
    TIME = 4
    PAPERS = 5
    MARKING = 6
    EXEMPT = 7


AGENDA_HEADERS = {
    AgendaCol.NUMBER: "No.",
    AgendaCol.TITLE: "Item",
    AgendaCol.PRESENTER: "Presenter",
    AgendaCol.PURPOSE: "Purpose",
    AgendaCol.TIME: "Time",
    AgendaCol.PAPERS: "Papers",
    AgendaCol.MARKING: "Marking",
    AgendaCol.EXEMPT: "Exempt",
}
AGENDA_TIPS = {
    AgendaCol.NUMBER: "The item's number is its place on the agenda: drag a row, or use "
    "Move up / Move down (Ctrl+Shift+Up / Down), to renumber",
    AgendaCol.TIME: "When the item starts, from the meeting's start and the time allowed for "
    "earlier items, and the time allowed for it",
    AgendaCol.EXEMPT: "Exempt from publication under Schedule 12A: taken in Part B, in private",
}


class PaperCol(IntEnum):
    TITLE = 0
    FILE = 1
    PAGES = 2
    SIZE = 3
    MARKING = 4


PAPER_HEADERS = {
    PaperCol.TITLE: "Paper",
    PaperCol.FILE: "File",
    PaperCol.PAGES: "Pages",
    PaperCol.SIZE: "Size",
    PaperCol.MARKING: "Marking",
}


def fmt_date(value: date | None) -> str:
    return f"{value:%d %b %Y}" if value else ""


def fmt_long_date(value: date) -> str:
    """'Wednesday 12 March 2014', as a meeting is announced."""
    return f"{value:%A} {value.day} {value:%B %Y}"


def fmt_time(value: time | None) -> str:
    return f"{value:%H:%M}" if value else ""


def fmt_size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def time_text(item: AgendaItemRecord) -> str:
    """'14:10 · 10 min': when the item starts and how long it has."""
    parts = [fmt_time(item.starts_at)]
    if item.minutes_allowed:
        parts.append(f"{item.minutes_allowed} min")
    return " · ".join(p for p in parts if p)


def exempt_text(item: AgendaItemRecord) -> str:
    """'Part B — para 3' for an exempt item, else nothing."""
    if not item.exempt or item.exempt_paragraph is None:
        return ""
    return f"Part B — para {item.exempt_paragraph}"


def exempt_tip(item: AgendaItemRecord) -> str | None:
    if not item.exempt or item.exempt_paragraph is None:
        return None
    tip = exempt_reason(item.exempt_paragraph)
    if item.public_title:
        tip += f"\nIn public: “{item.public_title}”."
    if item.publish_from:
        tip += f"\nMay be published from {fmt_date(item.publish_from)}."
    return tip


def approval_text(summary: MeetingSummary, approved_at: MeetingSummary | None) -> str:
    """The approval line of a meeting's details."""
    if summary.locked:
        where = approved_at.label if approved_at else "a later meeting"
        return f"Approved as a correct record at {where}"
    if summary.status.has_been_held:
        return "Not yet approved: a later meeting approves these minutes"
    return "Not yet held"


def locked_reason(summary: MeetingSummary) -> str:
    """Why a command is disabled on an approved meeting (tooltips, status tips)."""
    when = f" on {fmt_date(summary.approved_at_date)}" if summary.approved_at_date else ""
    return (
        f"The minutes of {summary.label} were approved{when} and cannot be changed; "
        "record an amendment instead."
    )
