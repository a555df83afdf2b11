"""Typed results of the action-log services: frozen values, safe to hand to any thread or view.

Overdue, slippage and "revised" are computed once by the reader against the
board's today, so the log, the meeting screen and the minutes agree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from improvement_desk.domain.action_log import LogStatus


@dataclass(frozen=True, slots=True)
class DueRevisionRecord:
    id: int
    previous_due: date
    new_due: date
    reason: str
    agreed_at_meeting_id: int | None
    # "Improvement Board, 12 Mar 2014", or "" when no meeting agreed it.
    agreed_at_label: str
    recorded_on: date
    recorded_by: str


@dataclass(frozen=True, slots=True)
class LogUpdateRecord:
    id: int
    update_date: date
    text: str
    author: str


@dataclass(frozen=True, slots=True)
class LogActionSummary:
    """One row of the action log."""

    id: int
    reference: str
    meeting_id: int
    meeting_date: date
    item_id: int | None
    item_number: str  # "4", or "" when the action is not tied to an item
    item_title: str
    description: str
    owner_id: int
    owner_name: str
    original_due: date
    current_due: date
    status: LogStatus
    overdue: bool
    closed_at_meeting_id: int | None
    closed_on: date | None
    latest_update: str  # "12 Mar 2014: text" or ""
    revision_count: int
    version: int

    @property
    def revised(self) -> bool:
        return self.current_due != self.original_due

    @property
    def days_slipped(self) -> int:
        return max(0, (self.current_due - self.original_due).days)


@dataclass(frozen=True, slots=True)
class LogActionRecord:
    """A log action with its history, for the detail view and the dialogs."""

    summary: LogActionSummary
    revisions: tuple[DueRevisionRecord, ...] = ()
    updates: tuple[LogUpdateRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class LogFilter:
    """What the action log page and `ActionLogReader.actions` filter on; empty means all."""

    meeting_id: int | None = None
    owner_id: int | None = None
    statuses: frozenset[LogStatus] = field(default_factory=frozenset)
    overdue_only: bool = False
    text: str = ""


@dataclass(frozen=True, slots=True)
class LogActionSnapshot:
    """Everything needed to put a deleted log action back exactly (undo)."""

    id: int
    reference: str
    meeting_id: int
    agenda_item_id: int | None
    description: str
    owner_id: int
    original_due: date
    current_due: date
    status: LogStatus
    closed_at_meeting_id: int | None
    closed_on: date | None
    revisions: tuple[DueRevisionRecord, ...]
    updates: tuple[LogUpdateRecord, ...]
