"""Undo commands: each user-level change to the plan, undone and redone through the services.

The first application happens before the command is pushed (so a refusal
never reaches the undo stack); `redo()` on push is therefore a no-op. If a
later undo or redo is refused (someone else changed the record since), the
command reports it and makes itself obsolete so the stack drops it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import Conflict, DeskError
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft
from improvement_desk.services.plan_records import (
    ActionRecord,
    ActionSnapshot,
    ProgressUpdateRecord,
    RecommendationRecord,
    TargetRevisionRecord,
)
from improvement_desk.ui.plan.action_table_model import fmt_date

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
    from improvement_desk.services.people import PersonRecord


Refresh = Callable[[], None]
ReportError = Callable[[str, DeskError], None]


class DeskCommand(QUndoCommand):
    # Each subclass defines both steps as methods.
    apply: Callable[[], None]
    revert: Callable[[], None]

    def __init__(self, text: str, desk: Desk, refresh: Refresh, report: ReportError) -> None:
        super().__init__(text)
        self.desk = desk
        self._refresh = refresh
        self._report = report
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True  # already applied by the page before pushing
            return
        self._run(self.apply, "redo")

    def undo(self) -> None:
        self._run(self.revert, "undo")

    def _run(self, step: Callable[[], None], what: str) -> None:
        try:
            step()
        except DeskError as exc:
            self.setObsolete(True)
            self._report(f"Could not {what} “{self.text()}”", exc)
        self._refresh()


def expect_as_left(kind: str, reference: str, current: object, left: object, version: int) -> int:
    """The version to expect for the next step: the record's own, provided its content is what
    this command left.

    Comparing content rather than a remembered version lets a run of our own commands on
    one record undo in turn (each step moves the version on), while a colleague's change in
    between still differs and is refused, never overwritten.
    """
    if current != left:
        raise Conflict(
            f"{kind} {reference} was changed by someone else since; nothing was changed. "
            "Reload to see their change.",
            kind=kind,
        )
    return version


class AddRecommendation(DeskCommand):
    def __init__(
        self, record: RecommendationRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"Add recommendation {record.reference}", desk, refresh, report)
        self.record = record

    def apply(self) -> None:
        self.record = self.desk.recommendations.restore(self.record)

    def revert(self) -> None:
        self.desk.recommendations.delete(self.record.id, expected_version=self.record.version)


class EditRecommendation(DeskCommand):
    """Undo and redo expect the version this command left, so a change made since by
    someone else is refused (a Conflict), never overwritten."""

    def __init__(
        self,
        before: RecommendationRecord,
        after: RecommendationRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Edit recommendation {after.reference}", desk, refresh, report)
        self.before, self.after = before, after

    def _set(self, left: RecommendationDraft, wanted: RecommendationDraft) -> None:
        current = self.desk.plan.recommendation(self.after.id)
        version = expect_as_left(
            "Recommendation", current.reference, current.draft(), left, current.version
        )
        self.desk.recommendations.update(self.after.id, wanted, expected_version=version)

    def apply(self) -> None:
        self._set(self.before.draft(), self.after.draft())

    def revert(self) -> None:
        self._set(self.after.draft(), self.before.draft())


class DeleteRecommendation(DeskCommand):
    def __init__(
        self, record: RecommendationRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"Delete recommendation {record.reference}", desk, refresh, report)
        self.record = record

    def apply(self) -> None:
        self.desk.recommendations.delete(self.record.id, expected_version=self.record.version)

    def revert(self) -> None:
        self.record = self.desk.recommendations.restore(self.record)


class AddAction(DeskCommand):
    def __init__(
        self, record: ActionRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"Add action {record.reference}", desk, refresh, report)
        self.record = record
        self.snapshot: ActionSnapshot | None = None

    def apply(self) -> None:
        assert self.snapshot is not None
        self.record = self.desk.actions.restore(self.snapshot)

    def revert(self) -> None:
        current = self.desk.plan.action(self.record.id)
        version = expect_as_left(
            "Action", current.reference, _state(current), _state(self.record), current.version
        )
        self.snapshot = self.desk.actions.delete(self.record.id, expected_version=version)


def edit_text(before: ActionRecord, after: ActionRecord) -> str:
    """A readable name: 'Set 3.2 to Red' when only the status changed."""
    if (
        before.draft().with_status(after.status) == after.draft()
        and before.status is not after.status
    ):
        return f"Set {after.reference} to {after.status.label}"
    return f"Edit action {after.reference}"


class EditAction(DeskCommand):
    """Also used for a status change. Undo and redo expect the version this command left,
    so a change made since by someone else is refused (a Conflict), never overwritten."""

    def __init__(
        self,
        before: ActionRecord,
        after: ActionRecord,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(edit_text(before, after), desk, refresh, report)
        self.before, self.after = before, after

    def _set(self, left: ActionRecord, wanted: ActionRecord) -> None:
        current = self.desk.plan.action(wanted.id)
        version = expect_as_left(
            "Action", current.reference, _state(current), _state(left), current.version
        )
        save_action(
            self.desk,
            wanted.id,
            wanted.draft(),
            wanted.closure_decision_id,
            linked=current.closure_decision_id,
            expected_version=version,
            recommendation_id=wanted.recommendation_id,
        )

    def apply(self) -> None:
        self._set(self.before, self.after)

    def revert(self) -> None:
        self._set(self.after, self.before)


def _state(record: ActionRecord) -> tuple[object, ...]:
    """What an edit sets: the fields, the recommendation and the minuted decision that closed
    it (not the history's counts)."""
    return (record.draft(), record.recommendation_id, record.closure_decision_id)


def save_action(
    desk: Desk,
    action_id: int,
    draft: ActionDraft,
    decision_id: int | None,
    *,
    linked: int | None,
    expected_version: int | None,
    recommendation_id: int | None,
) -> ActionRecord:
    """An edit, with the minuted decision that closed the action when one is (or was) named:
    the action and its link change in one transaction."""
    if decision_id is None and linked is None:
        return desk.actions.update(
            action_id, draft, expected_version=expected_version, recommendation_id=recommendation_id
        )
    return desk.plan_closure.update(
        action_id,
        draft,
        closure_decision_id=decision_id,
        expected_version=expected_version,
        recommendation_id=recommendation_id,
    )


class DeleteAction(DeskCommand):
    def __init__(
        self, snapshot: ActionSnapshot, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"Delete action {snapshot.action.reference}", desk, refresh, report)
        self.snapshot = snapshot
        self.version = snapshot.action.version

    def apply(self) -> None:
        self.snapshot = self.desk.actions.delete(
            self.snapshot.action.id, expected_version=self.version
        )

    def revert(self) -> None:
        self.version = self.desk.actions.restore(self.snapshot).version


class AddProgressUpdate(DeskCommand):
    def __init__(
        self,
        record: ProgressUpdateRecord,
        reference: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(f"Add progress update to {reference}", desk, refresh, report)
        self.record = record

    def apply(self) -> None:
        self.record = self.desk.history.restore_update(self.record)

    def revert(self) -> None:
        self.desk.history.remove_update(self.record.id)


class Rebaseline(DeskCommand):
    def __init__(
        self,
        record: TargetRevisionRecord,
        reference: str,
        desk: Desk,
        refresh: Refresh,
        report: ReportError,
    ) -> None:
        super().__init__(
            f"Re-baseline {reference} to {fmt_date(record.new_date)}", desk, refresh, report
        )
        self.record = record

    def apply(self) -> None:
        self.record = self.desk.history.restore_rebaseline(self.record)

    def revert(self) -> None:
        self.desk.history.undo_rebaseline(self.record.id)


class AddPerson(DeskCommand):
    def __init__(
        self, record: PersonRecord, desk: Desk, refresh: Refresh, report: ReportError
    ) -> None:
        super().__init__(f"Add person {record.name}", desk, refresh, report)
        self.record = record

    def apply(self) -> None:
        self.record = self.desk.people.restore(self.record)

    def revert(self) -> None:
        self.desk.people.remove(self.record.id)


STATUS_ORDER = (Brag.NOT_STARTED, Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE)
