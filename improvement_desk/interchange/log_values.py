"""A log action's status as action logs spell it, read into the board's four statuses.

Logs kept in Excel use their own words: "Not started", "Agreed action",
"Ongoing", "Done", "Resolved", "On hold". Words that plainly mean one of the
board's statuses are read as it; "On hold" and "Blocked" are still open, said
with a warning; anything else is refused rather than guessed, since a wrong
"Complete" would drop an action from the next meeting's matters arising.
Pure: no Qt, no database.
"""

from __future__ import annotations

import re

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.interchange.values import Parsed, quote

_WORDS: dict[str, LogStatus] = {
    "open": LogStatus.OPEN,
    "o": LogStatus.OPEN,
    "new": LogStatus.OPEN,
    "not started": LogStatus.OPEN,
    "not yet started": LogStatus.OPEN,
    "proposed": LogStatus.OPEN,
    "agreed": LogStatus.OPEN,
    "agreed action": LogStatus.OPEN,
    "action item": LogStatus.OPEN,
    "outstanding": LogStatus.OPEN,
    "pending": LogStatus.OPEN,
    "to do": LogStatus.OPEN,
    "todo": LogStatus.OPEN,
    "in progress": LogStatus.IN_PROGRESS,
    "in hand": LogStatus.IN_PROGRESS,
    "underway": LogStatus.IN_PROGRESS,
    "under way": LogStatus.IN_PROGRESS,
    "ongoing": LogStatus.IN_PROGRESS,
    "on going": LogStatus.IN_PROGRESS,
    "started": LogStatus.IN_PROGRESS,
    "progressing": LogStatus.IN_PROGRESS,
    "on track": LogStatus.IN_PROGRESS,
    "wip": LogStatus.IN_PROGRESS,
    "complete": LogStatus.COMPLETE,
    "completed": LogStatus.COMPLETE,
    "done": LogStatus.COMPLETE,
    "finished": LogStatus.COMPLETE,
    "achieved": LogStatus.COMPLETE,
    "resolved": LogStatus.COMPLETE,
    "delivered": LogStatus.COMPLETE,
    "c": LogStatus.COMPLETE,
    "closed": LogStatus.CLOSED,
    "closed by the board": LogStatus.CLOSED,
    "closed by board": LogStatus.CLOSED,
    "agreed closed": LogStatus.CLOSED,
    "agreed to close": LogStatus.CLOSED,
}
_STILL_OPEN = frozenset({"on hold", "blocked", "paused", "deferred", "delayed", "overdue"})
_NOT_AN_ACTION_STATUS = frozenset({"cancelled", "canceled", "withdrawn", "superseded", "decided"})
_PUNCTUATION = re.compile(r"[^a-z0-9]+")


def _key(text: str) -> str:
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


def parse_log_status(raw: object) -> Parsed[LogStatus]:
    """'In Progress ', 'Completed', 'On hold' (open, with a warning); blank is no value."""
    if raw is None:
        return Parsed(None)
    text = " ".join(str(raw).split())
    if not text:
        return Parsed(None)
    key = _key(text)
    if key in _WORDS:
        return Parsed(_WORDS[key])
    if key in _STILL_OPEN:
        return Parsed(
            LogStatus.IN_PROGRESS,
            warning=f"{quote(text)} is read as In progress: the action is still open",
        )
    if key in _NOT_AN_ACTION_STATUS:
        return Parsed(
            None,
            error=f"{quote(text)} is not a status a log action can have: only the board "
            "closes or drops an action, at a meeting",
        )
    return Parsed(
        None,
        error=f"{quote(text)} is not a status: use Open, In progress, Complete or Closed",
    )


def status_labels() -> list[str]:
    """The drop-down of a returned copy: what an owner may set (the board closes)."""
    return [s.label for s in LogStatus if s is not LogStatus.CLOSED]
