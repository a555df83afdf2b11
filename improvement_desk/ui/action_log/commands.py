"""Undo commands for the action log, undone and redone through `desk.action_log`.

As on the register page, a change is applied before its command is pushed,
and a refused undo or redo reports and drops the command. The commands of
one page share the register's `VersionLedger`, keyed by log action, so a run
of our own steps on one action undoes in turn while a colleague's change in
between is refused rather than overwritten.

Updates and revisions are undone by removing the very row the step added;
redo adds it again (under a new id, which the command then remembers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from improvement_desk.domain.action_log import DueRevisionDraft, LogStatus, LogUpdateDraft
from improvement_desk.services.log_records import (
    LogActionRecord,
    LogActionSnapshot,
    LogActionSummary,
)
from improvement_desk.ui.plan.action_table_model import fmt_date
from improvement_desk.ui.plan.commands import Refresh, ReportError
from improvement_desk.ui.risks.commands import Key, RiskCommand, VersionLedger

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

__all__ = [
    "AddLogUpdate",
    "DeleteLogAction",
    "EditLogAction",
    "ReviseDue",
    "SetLogStatus",
    "VersionLedger",
    "log_key",
    "status_text",
]


def log_key(action_id: int) -> Key:
    return ("log_action", action_id)


class LogCommand(RiskCommand):
    """A step on one log action that joins the page's ledger."""

    def __init__(
        self,
        text: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None,
        *,
        action_id: int,
        seen: int | None,
        left: int | None,
    ) -> None:
        super().__init__(
            text, desk, refresh, report, ledger, key=log_key(action_id), seen=seen, left=left
        )
        self.action_id = action_id

    def leave_action(self, record: LogActionRecord) -> LogActionRecord:
        self.leave(record.summary.version)
        return record


class EditLogAction(LogCommand):
    def __init__(
        self,
        before: LogActionSummary,
        after: LogActionSummary,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        super().__init__(
            f"Edit action {after.reference}", desk, refresh, report, ledger,
            action_id=after.id, seen=before.version, left=after.version,
        )  # fmt: skip
        self.before, self.after = before, after

    def _set(self, wanted: LogActionSummary) -> None:
        self.leave_action(
            self.desk.action_log.update(
                self.action_id,
                description=wanted.description,
                owner_id=wanted.owner_id,
                expected_version=self.expected(),
            )
        )

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


def status_text(action: LogActionSummary, status: LogStatus, closed_at: str = "") -> str:
    """'Set A3 to Complete', or 'Close A3 at Improvement Board, 12 Mar 2014'."""
    if status is LogStatus.CLOSED:
        return f"Close {action.reference}" + (f" at {closed_at}" if closed_at else "")
    return f"Set {action.reference} to {status.label}"


class SetLogStatus(LogCommand):
    """Undo puts back the status and, for a closed action, the meeting that closed it."""

    def __init__(
        self,
        before: LogActionSummary,
        after: LogActionSummary,
        text: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        super().__init__(
            text, desk, refresh, report, ledger,
            action_id=after.id, seen=before.version, left=after.version,
        )  # fmt: skip
        self.before, self.after = before, after

    def _set(self, wanted: LogActionSummary) -> None:
        self.leave_action(
            self.desk.action_log.set_status(
                self.action_id,
                wanted.status,
                closed_at_meeting_id=wanted.closed_at_meeting_id,
                expected_version=self.expected(),
            )
        )

    def apply(self) -> None:
        self._set(self.after)

    def revert(self) -> None:
        self._set(self.before)


def _newest(ids: list[int]) -> int:
    """The row a step has just added: ids only grow, so it is the largest."""
    return max(ids)


class ReviseDue(LogCommand):
    """Undo withdraws the revision (the latest, which this one is); redo revises again."""

    def __init__(
        self,
        before: LogActionSummary,
        after: LogActionRecord,
        draft: DueRevisionDraft,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        super().__init__(
            f"Revise {before.reference} due date to {fmt_date(draft.new_due)}", desk, refresh,
            report, ledger, action_id=before.id, seen=before.version, left=after.summary.version,
        )  # fmt: skip
        self.draft = draft
        self.revision_id = _newest([r.id for r in after.revisions])

    def apply(self) -> None:
        after = self.desk.action_log.revise_due(
            self.action_id, self.draft, expected_version=self.expected()
        )
        self.revision_id = _newest([r.id for r in self.leave_action(after).revisions])

    def revert(self) -> None:
        self.leave_action(
            self.desk.action_log.withdraw_revision(
                self.action_id, self.revision_id, expected_version=self.expected()
            )
        )


class AddLogUpdate(LogCommand):
    """Undo removes the update this step added; redo adds the same words and date again."""

    def __init__(
        self,
        before: LogActionSummary,
        after: LogActionRecord,
        draft: LogUpdateDraft,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        super().__init__(
            f"Add update to {before.reference}", desk, refresh, report, ledger,
            action_id=before.id, seen=before.version, left=after.summary.version,
        )  # fmt: skip
        self.draft = draft
        self.update_id = _newest([u.id for u in after.updates])

    def apply(self) -> None:
        after = self.leave_action(self.desk.action_log.add_update(self.action_id, self.draft))
        self.update_id = _newest([u.id for u in after.updates])

    def revert(self) -> None:
        self.leave_action(self.desk.action_log.remove_update(self.action_id, self.update_id))


class DeleteLogAction(LogCommand):
    def __init__(
        self,
        snapshot: LogActionSnapshot,
        version: int,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
        ledger: VersionLedger | None = None,
    ) -> None:
        """`version`: the action's version when it was deleted."""
        super().__init__(
            f"Delete action {snapshot.reference}", desk, refresh, report, ledger,
            action_id=snapshot.id, seen=version, left=None,
        )  # fmt: skip
        self.snapshot = snapshot

    def apply(self) -> None:
        self.snapshot = self.desk.action_log.delete(
            self.action_id, expected_version=self.expected()
        )
        self.leave(None)

    def revert(self) -> None:
        self.leave_action(self.desk.action_log.restore(self.snapshot))
