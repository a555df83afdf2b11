"""Due dates as a clerk types them during a meeting: "30/4", "30 Apr", "+4w", "May 2014".

A date picker is slow to drive with the keyboard while people are talking, so
the quick-entry row takes text. A date typed without a year is the next such
day on or after the meeting (an action is never due before the meeting that
agreed it); "+10d" / "+4w" count from the meeting; anything the spreadsheet
reader understands ("30/04/2014", "end of May 2014") is accepted as well.
"""

from __future__ import annotations

import datetime as dt
import re

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.interchange.dates import parse_uk_date

DUE_FIELD = "Due date"
DUE_HINT = "e.g. 30/4, 30 Apr or +4w"
_RELATIVE = re.compile(r"^\+\s*(\d{1,3})\s*([dw])$")
_DAY_MONTH = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})$")
_DAY_NAME = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})$")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {name: n for n, full in enumerate(_MONTH_NAMES.split(), 1) for name in (full, full[:3])}
_MONTHS["sept"] = 9


def format_due(day: dt.date) -> str:
    """'30 Apr 2014': how the row shows a date once it has been read."""
    return f"{day:%d %b %Y}"


def parse_due(text: str, meeting_date: dt.date) -> dt.date | FieldProblem:
    """The date meant by `text`, or the problem with it (named "Due date")."""
    key = " ".join(text.strip().lower().split())
    if not key:
        return FieldProblem(DUE_FIELD, "is required")
    if match := _RELATIVE.match(key):
        count, unit = int(match.group(1)), match.group(2)
        return meeting_date + dt.timedelta(days=count * (7 if unit == "w" else 1))
    without_year = _without_year(key, meeting_date)
    if without_year is not None:
        return without_year
    parsed = parse_uk_date(text)
    if parsed.value is not None:
        return parsed.value
    reason = parsed.error or parsed.warning or f"'{text.strip()}' is not a date"
    return FieldProblem(DUE_FIELD, f"{reason.removesuffix('; kept as a note')} ({DUE_HINT})")


def _without_year(key: str, meeting_date: dt.date) -> dt.date | FieldProblem | None:
    """'30/4' or '30 Apr': the next such day on or after the meeting; None if not that shape."""
    day: int
    month: int
    if match := _DAY_MONTH.match(key):
        day, month = int(match.group(1)), int(match.group(2))
    elif (match := _DAY_NAME.match(key)) and match.group(2) in _MONTHS:
        day, month = int(match.group(1)), _MONTHS[match.group(2)]
    else:
        return None
    for year in (meeting_date.year, meeting_date.year + 1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate >= meeting_date:
            return candidate
    return FieldProblem(DUE_FIELD, f"'{key}' is not a date ({DUE_HINT})")
