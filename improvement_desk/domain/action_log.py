"""Rules of the action log: the actions a meeting agrees, their due dates and their status.

An action's original due date is fixed when it is agreed and never changes;
a new date is a revision with its reason and the meeting that agreed it, so
the log can always say how late something is against what was first promised.
Only the board closes an action: an owner marks it complete, the next meeting
agrees to close it. Until then it is carried forward as a matter arising.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.text_rules import LONG_TEXT, SHORT_TEXT, check_text


class LogStatus(StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def is_open(self) -> bool:
        """Open and in-progress actions can be overdue; complete ones await the board."""
        return self in (LogStatus.OPEN, LogStatus.IN_PROGRESS)

    @property
    def is_carried_forward(self) -> bool:
        """Everything the board has not closed comes back under matters arising."""
        return self is not LogStatus.CLOSED

    @classmethod
    def parse(cls, text: str) -> LogStatus:
        key = " ".join(text.strip().lower().replace("_", " ").replace("-", " ").split())
        try:
            return _WORDS[key]
        except KeyError:
            raise ValueError(text) from None


_LABELS = {
    LogStatus.OPEN: "Open",
    LogStatus.IN_PROGRESS: "In progress",
    LogStatus.COMPLETE: "Complete",
    LogStatus.CLOSED: "Closed by the board",
}

_WORDS = {
    "open": LogStatus.OPEN,
    "not started": LogStatus.OPEN,
    "in progress": LogStatus.IN_PROGRESS,
    "ongoing": LogStatus.IN_PROGRESS,
    "on going": LogStatus.IN_PROGRESS,
    "started": LogStatus.IN_PROGRESS,
    "complete": LogStatus.COMPLETE,
    "completed": LogStatus.COMPLETE,
    "done": LogStatus.COMPLETE,
    "closed": LogStatus.CLOSED,
    "closed by the board": LogStatus.CLOSED,
    "closed by board": LogStatus.CLOSED,
}


def is_overdue(status: LogStatus, current_due: date, today: date) -> bool:
    """Open past its current due date; the day itself is not yet overdue."""
    return status.is_open and current_due < today


def days_late(original_due: date, current_due: date) -> int:
    """How far the action has slipped from what was first promised."""
    return max(0, (current_due - original_due).days)


def is_matter_arising(
    status: LogStatus,
    raised_on: date,
    closed_on: date | None,
    meeting_date: date,
) -> bool:
    """An action raised at an earlier meeting and not closed before this one comes back."""
    if raised_on >= meeting_date:
        return False
    if status is LogStatus.CLOSED and closed_on is not None and closed_on < meeting_date:
        return False
    return status.is_carried_forward or (closed_on is not None and closed_on >= meeting_date)


@dataclass(frozen=True, slots=True)
class LogActionDraft:
    description: str
    owner_id: int
    due: date


def validate_log_action(draft: LogActionDraft, *, raised_on: date) -> list[FieldProblem]:
    found = [check_text("Action", draft.description, max_length=LONG_TEXT)]
    if draft.due < raised_on:
        found.append(
            FieldProblem(
                "Due date",
                f"{draft.due:%d %b %Y} is before the meeting that agreed it ({raised_on:%d %b %Y})",
            )
        )
    return [p for p in found if p]


@dataclass(frozen=True, slots=True)
class DueRevisionDraft:
    new_due: date
    reason: str
    agreed_at_meeting_id: int | None = None


def validate_due_revision(draft: DueRevisionDraft, *, current_due: date) -> list[FieldProblem]:
    found = [check_text("Reason", draft.reason, max_length=SHORT_TEXT)]
    if draft.new_due == current_due:
        found.append(
            FieldProblem("New due date", f"is the same as the current one ({current_due:%d %b %Y})")
        )
    return [p for p in found if p]


@dataclass(frozen=True, slots=True)
class LogUpdateDraft:
    update_date: date
    text: str


def validate_log_update(draft: LogUpdateDraft, *, today: date) -> list[FieldProblem]:
    found = [check_text("Update", draft.text, max_length=LONG_TEXT)]
    if draft.update_date > today:
        found.append(FieldProblem("Date", f"{draft.update_date:%d %b %Y} is in the future"))
    return [p for p in found if p]
