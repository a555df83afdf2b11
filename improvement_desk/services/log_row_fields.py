"""A log row's fields: read one by one, and what each one asks of the log.

A blank cell never wipes a value. Text where a date or a status was expected
is refused, naming the cell, rather than guessed: a wrong due date would make
an action overdue, a wrong status drop it from the next meeting. A new due
date is a revision (the original never moves) with the reason the row gives,
or "Revised in owner return". Closing is the board's: a row marked Closed is
closed at the meeting held on its "Date closed", and refused when there was
none. A new row's meeting is the board's meeting on the row's date, or the
import's default meeting (see `log_import`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.interchange.log_values import parse_log_status
from improvement_desk.interchange.values import Parsed, parse_uk_date, quote
from improvement_desk.services.import_cells import RowCells
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.log_sheet_rows import BoardMeeting, Meetings, People

RETURN_REASON = "Revised in owner return"
IMPORT_REASON = "Revised before the log was imported"
DUE_FIELDS = ("original_due", "due", "revised_due")  # first promise … latest
_DATE_FIELDS = ("meeting_date", *DUE_FIELDS, "closed_on")


@dataclass
class LogState:
    """What the rows are matched against, read once per preview."""

    actions_by_id: dict[int, LogActionSummary]
    actions_by_reference: dict[str, LogActionSummary]  # lower-cased
    latest_update: dict[int, str]
    latest_reason: dict[int, str]
    people: People
    meetings: Meetings
    today: date
    board_token: str


class LogCells(RowCells):
    """A log row's cells: a parser's note (text where a date was expected) is a refusal."""

    def accept(self, name: str, parsed: Parsed[Any]) -> Any:
        if parsed.error:
            self.refuse(name, parsed.error)
            return None
        if parsed.note:
            self.refuse(name, f"{quote(parsed.note)} is not a date")
            return None
        if parsed.warning:
            self.warn(name, parsed.warning)
        return parsed.value


def read_values(cells: LogCells, state: LogState) -> dict[str, Any]:
    """The fields the sheet has, parsed; problems are noted on the row as they are met."""
    values: dict[str, Any] = {}
    for name in ("description", "revision_reason", "update", "item"):
        if cells.has(name):
            values[name] = cells.text(name)
    if cells.has("owner"):
        values["owner"] = _owner(cells, state.people)
    for name in _DATE_FIELDS:
        if cells.has(name):
            values[name] = cells.parse(name, lambda raw: parse_uk_date(raw, today=state.today))
    if cells.has("status"):
        values["status"] = cells.parse("status", parse_log_status)
    return values


def _owner(cells: LogCells, people: People) -> tuple[int, str] | None:
    written = cells.text("owner")
    if not written:
        return None
    person, name, warning = people.read(written)
    if warning:
        cells.warn("owner", warning)
    if person is None:
        cells.refuse("owner", f"{quote(name)} is not on the board's list of people; add them first")
        return None
    return person.id, person.name


def status_to_set(
    cells: LogCells,
    meetings: Meetings,
    values: dict[str, Any],
    raised: date,
    current: LogStatus,
) -> tuple[LogStatus | None, BoardMeeting | None]:
    """The status to set (None: as it is) and, for Closed, the meeting that closed it."""
    status: LogStatus | None = values.get("status")
    if status is None or status is current:
        return None, None
    if current is LogStatus.CLOSED:
        cells.refuse(
            "status",
            f"the board has closed this action; a workbook cannot make it {status.label} "
            "(reopen it in the app if the board agreed to)",
        )
        return None, None
    if status is not LogStatus.CLOSED:
        return status, None
    closed_on: date | None = values.get("closed_on")
    closing = meetings.closing(closed_on, raised) if closed_on else None
    if closing is None:
        when = f"on {closed_on:%d %b %Y}" if closed_on else "named in 'Date closed'"
        cells.refuse(
            "status",
            f"only the board closes an action, at a meeting, and there is no meeting {when}: "
            "mark it Complete, and close it at the meeting",
        )
        return None, None
    return status, closing


def new_update(state: LogState, values: dict[str, Any], existing: int | None) -> str | None:
    """The row's update when it is news: the latest update as exported is nothing new."""
    text: str = values.get("update", "")
    if not text or existing is None:
        return text or None
    action = state.actions_by_id.get(existing)
    shown = action.latest_update if action else ""  # "12 Mar 2014: text", as the log shows it
    if same_text(text, state.latest_update.get(existing, "")) or same_text(text, shown):
        return None
    return text


def meeting_of(cells: LogCells, meetings: Meetings, values: dict[str, Any]) -> BoardMeeting | None:
    """A new row's meeting: the board's meeting on its date, else the import's default."""
    named: date | None = values.get("meeting_date")
    default = meetings.default
    if named is None:
        if cells.refused("meeting_date"):
            return None
        if default is None:
            cells.refuse(
                "meeting_date",
                "a new action needs the date of the meeting that agreed it, or choose a "
                "meeting for the import",
            )
        return default
    found = meetings.on(named)
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        names = " and ".join(m.label for m in found)
        cells.refuse("meeting_date", f"two meetings were held on {named:%d %b %Y} ({names})")
        return None
    if default is not None:
        cells.warn(
            "meeting_date",
            f"no meeting on the board on {named:%d %b %Y}; attached to {default.label}",
        )
        return default
    cells.refuse(
        "meeting_date",
        f"no meeting on the board was held on {named:%d %b %Y}: add the meeting first, "
        "or choose a meeting for the import",
    )
    return None


def item_of(
    cells: LogCells, meetings: Meetings, values: dict[str, Any], meeting: BoardMeeting
) -> int | None:
    """The agenda item a new row names ("4", "4. Workforce"), if its meeting has it."""
    text: str = values.get("item", "")
    if not text:
        return None
    found = meetings.item(meeting.id, text)
    if found is None:
        cells.warn(
            "item",
            f"{quote(text)} is not an item of {meeting.label}; the action is tied to the "
            "meeting only",
        )
        return None
    return found[0]


def revision_of(
    cells: LogCells, state: LogState, values: dict[str, Any], existing: LogActionSummary
) -> tuple[date | None, str]:
    """A new due date ("Revised date" before "Due date"), and its reason."""
    new_due: date | None = values.get("revised_due") or values.get("due")
    if new_due is None or new_due == existing.current_due:
        return None, ""
    field = "revised_due" if values.get("revised_due") else "due"
    if existing.status is LogStatus.CLOSED:
        cells.refuse(field, "the board has closed this action; its due date stays")
    elif new_due < existing.meeting_date:
        cells.refuse(
            field,
            f"{new_due:%d %b %Y} is before the meeting that agreed the action "
            f"({existing.meeting_date:%d %b %Y})",
        )
    written: str = values.get("revision_reason", "")
    latest = state.latest_reason.get(existing.id, "")
    reason = written if written and not same_text(written, latest) else RETURN_REASON
    return new_due, reason


def due_field(values: dict[str, Any], day: date) -> str:
    """The column a due date came from, to name it in a refusal."""
    for name in DUE_FIELDS:
        if values.get(name) == day:
            return name
    return "due"


def same_text(a: str, b: str) -> bool:
    """Spacing tidied by Excel or the reader is no change."""
    return " ".join(a.split()) == " ".join(b.split())


def day_text(value: date) -> str:
    return f"{value:%d %b %Y}"
