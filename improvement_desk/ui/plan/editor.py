"""Turns the page's commands into dialogs, service calls and undo commands.

A dialog emits what the user asked for; the editor asks the service; on a
refusal the dialog stays open showing the problems, on success the change
goes on the undo stack and the page reloads. No SQL, no sessions here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import DeskError, ValidationError
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft
from improvement_desk.services.plan_records import ActionRecord, PlanSnapshot, RecommendationRecord
from improvement_desk.ui.edit_dialogs import EditDialogs
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.plan import commands as cmd
from improvement_desk.ui.plan.action_dialog import ActionDialog
from improvement_desk.ui.plan.person_dialog import PersonDialog
from improvement_desk.ui.plan.progress_dialog import ProgressUpdateDialog
from improvement_desk.ui.plan.rebaseline_dialog import RebaselineDialog
from improvement_desk.ui.plan.recommendation_dialog import RecommendationDialog

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


class PlanEditor:
    def __init__(
        self,
        parent: QWidget,
        desk: Desk,
        undo_stack: QUndoStack,
        messenger: Messenger,
        reload: Callable[[int | None], None],
        snapshot: Callable[[], PlanSnapshot],
    ) -> None:
        self._parent = parent
        self._desk = desk
        self._stack = undo_stack
        self._messenger = messenger
        self._reload = reload
        self._snapshot = snapshot
        self._dialogs = EditDialogs(undo_stack, self._report, self._refresh)

    @property
    def dialog(self) -> QDialog | None:
        """The open dialog, for tests and for focus."""
        return self._dialogs.dialog

    @property
    def conflict_box(self) -> QMessageBox | None:
        """The last "changed since you opened it" question."""
        return self._dialogs.conflict_box

    # -- plumbing ------------------------------------------------------------------------------

    def _refresh(self) -> None:
        self._reload(None)

    def _report(self, title: str, exc: DeskError) -> None:
        self._messenger.problem(self._parent, title, exc)

    def _open(
        self,
        dialog: Any,
        submit: Callable[[Any], QUndoCommand | None],
        select: Callable[[], int | None],
        refetch: Callable[[], None] | None = None,
    ) -> None:
        self._dialogs.open(dialog, submit, lambda: self._reload(select()), refetch)

    def _push(self, command: QUndoCommand, select: int | None) -> None:
        self._stack.push(command)
        self._reload(select)

    def _args(self) -> tuple[Desk, Callable[[], None], Callable[[str, DeskError], None]]:
        return self._desk, self._refresh, self._report

    # -- recommendations -----------------------------------------------------------------------

    def new_recommendation(self) -> None:
        created: list[int] = []

        def submit(draft: RecommendationDraft) -> QUndoCommand:
            record = self._desk.recommendations.create(draft)
            created.append(record.id)
            return cmd.AddRecommendation(record, *self._args())

        dialog = RecommendationDialog(self._parent, themes=self._snapshot().themes, initial=None)
        self._open(dialog, submit, lambda: None)

    def edit_recommendation(self, record: RecommendationRecord) -> None:
        def submit(draft: RecommendationDraft) -> QUndoCommand:
            after = self._desk.recommendations.update(
                record.id, draft, expected_version=record.version
            )
            return cmd.EditRecommendation(record, after, *self._args())

        dialog = RecommendationDialog(self._parent, themes=self._snapshot().themes, initial=record)
        self._open(dialog, submit, lambda: None)

    def delete_recommendation(self, record: RecommendationRecord) -> None:
        def go() -> None:
            try:
                deleted = self._desk.recommendations.delete(
                    record.id, expected_version=record.version
                )
            except DeskError as exc:
                self._report(f"Cannot delete {record.reference}", exc)
                return
            self._push(cmd.DeleteRecommendation(deleted, *self._args()), None)

        self._messenger.confirm(
            self._parent, "Delete recommendation",
            f"Delete recommendation {record.reference}? You can undo this.", go, yes="Delete",
        )  # fmt: skip

    # -- actions -------------------------------------------------------------------------------

    def new_action(self, recommendation_id: int | None) -> None:
        snap = self._snapshot()
        if not snap.recommendations:
            self._messenger.info(
                self._parent,
                "Add a recommendation first",
                "Every action delivers a recommendation: add one first.",
            )
            return
        if not snap.people:
            self._messenger.info(
                self._parent,
                "Add a person first",
                "Every action has a lead officer: add people with “Add person…” first.",
            )
            return
        made: list[int] = []

        def submit(value: tuple[ActionDraft, int]) -> QUndoCommand:
            draft, rec_id = value
            record = self._desk.actions.create(rec_id, draft)
            made.append(record.id)
            return cmd.AddAction(record, *self._args())

        dialog = ActionDialog(
            self._parent, people=snap.people, recommendations=snap.recommendations, initial=None,
            recommendation_id=recommendation_id or snap.recommendations[0].id,
            has_progress_updates=False, target_editable=True, today=snap.today,
        )  # fmt: skip
        self._open(dialog, submit, lambda: made[-1] if made else None)

    def edit_action(self, record: ActionRecord) -> None:
        snap = self._snapshot()
        try:
            decisions = self._desk.plan_closure.choices()
        except DeskError as exc:
            self._report("Cannot read the minuted decisions", exc)
            decisions = []

        seen = [record]  # the version the form is saved against ("save mine over theirs")

        def submit(value: tuple[ActionDraft, int]) -> QUndoCommand | None:
            draft, rec_id = value
            before = seen[0]
            after = cmd.save_action(
                self._desk, record.id, draft, dialog.closure_decision_id(),
                linked=before.closure_decision_id, expected_version=before.version,
                recommendation_id=rec_id,
            )  # fmt: skip
            if after.version == before.version:
                return None  # nothing changed
            return cmd.EditAction(before, after, *self._args())

        def refetch() -> None:
            seen[0] = self._desk.plan.action(record.id)

        dialog = ActionDialog(
            self._parent, people=snap.people, recommendations=snap.recommendations, initial=record,
            recommendation_id=record.recommendation_id, has_progress_updates=record.update_count > 0,
            target_editable=record.status is Brag.NOT_STARTED and not record.rebaselined,
            decisions=decisions,
        )  # fmt: skip
        self._open(dialog, submit, lambda: record.id, refetch)

    def set_status(self, record: ActionRecord, status: Brag) -> None:
        if record.status is status:
            return
        try:
            after = self._desk.actions.update(
                record.id, record.draft().with_status(status), expected_version=record.version
            )
        except DeskError as exc:
            hint = (
                "\n\nOpen the action (Enter) to add what is missing."
                if isinstance(exc, ValidationError)
                else ""
            )
            self._messenger.error(
                self._parent, f"Cannot set {record.reference} to {status.label}", f"{exc}{hint}"
            )
            return
        self._push(cmd.EditAction(record, after, *self._args()), record.id)

    def delete_action(self, record: ActionRecord) -> None:
        def go() -> None:
            try:
                snapshot = self._desk.actions.delete(record.id, expected_version=record.version)
            except DeskError as exc:
                self._report(f"Cannot delete {record.reference}", exc)
                return
            self._push(cmd.DeleteAction(snapshot, *self._args()), None)

        self._messenger.confirm(
            self._parent, "Delete action",
            f"Delete action {record.reference} with its {record.update_count} progress update(s)? "
            "You can undo this.", go, yes="Delete",
        )  # fmt: skip

    def add_update(self, record: ActionRecord, today: date) -> None:
        def submit(value: tuple[date, str]) -> QUndoCommand:
            on, text = value
            update = self._desk.history.add_update(record.id, on, text)
            return cmd.AddProgressUpdate(update, record.reference, *self._args())

        self._open(
            ProgressUpdateDialog(self._parent, action=record, today=today),
            submit,
            lambda: record.id,
        )

    def rebaseline(self, record: ActionRecord, today: date) -> None:
        def submit(value: tuple[date, str]) -> QUndoCommand:
            new_date, reason = value
            revision = self._desk.history.rebaseline(
                record.id, new_date, reason, expected_version=record.version
            )
            return cmd.Rebaseline(revision, record.reference, *self._args())

        self._open(
            RebaselineDialog(self._parent, action=record, today=today), submit, lambda: record.id
        )

    def add_person(self) -> None:
        def submit(value: tuple[str, str, str]) -> QUndoCommand:
            person = self._desk.people.add(*value)
            return cmd.AddPerson(person, *self._args())

        self._open(PersonDialog(self._parent), submit, lambda: None)
