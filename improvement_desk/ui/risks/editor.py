"""Turns the register page's commands into dialogs, service calls and undo commands.

The same contract as the plan's editor: a dialog emits what the user asked
for; the editor asks the service; on a refusal the dialog stays open showing
the problems, on a conflict the user chooses what to do with the form kept
(`ui/edit_dialogs.py`), and on success the change goes on the undo stack and
the page reloads selecting the risk.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from improvement_desk.domain.errors import DeskError
from improvement_desk.domain.risk import ReviewDraft, RiskDraft
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.services.risk_records import RegisterSnapshot, RiskRecord
from improvement_desk.ui.edit_dialogs import EditDialogs
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.risks import commands as cmd
from improvement_desk.ui.risks.bands_dialog import BandsDialog
from improvement_desk.ui.risks.mitigation_dialog import MitigationDialog
from improvement_desk.ui.risks.review_dialog import ReviewDialog
from improvement_desk.ui.risks.risk_dialog import RiskDialog

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

READ_ONLY_TITLE = "This board is read-only"
READ_ONLY_TEXT = "This board is open read-only; changes cannot be saved."
_NUMBERED = re.compile(r"^R(\d+)$", re.IGNORECASE)


def next_reference(risks: Sequence[RiskRecord]) -> str:
    """'R8' after R1…R7: the register's own numbering, offered for a new risk."""
    numbers = [int(m.group(1)) for r in risks if (m := _NUMBERED.match(r.reference))]
    return f"R{max(numbers, default=0) + 1}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def deletion_text(record: RiskRecord) -> str:
    """What a deletion takes with it, in the words the confirmation uses."""
    links = len(record.mitigations)
    linked = f"{_count(links, 'link')} to plan actions" if links else "no links to plan actions"
    return (
        f"Delete risk {record.reference} “{record.title}” with its "
        f"{_count(len(record.reviews), 'review')} and {linked}? "
        "The actions themselves stay. You can undo this."
    )


class RiskEditor:
    def __init__(
        self,
        parent: QWidget,
        desk: Desk,
        undo_stack: QUndoStack,
        messenger: Messenger,
        reload: Callable[[int | None], None],
        snapshot: Callable[[], RegisterSnapshot],
    ) -> None:
        self._parent = parent
        self._desk = desk
        self._stack = undo_stack
        self._messenger = messenger
        self._reload = reload
        self._snapshot = snapshot
        self.ledger = cmd.VersionLedger()  # shared by this page's undo commands
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

    def _refused_read_only(self) -> bool:
        if self._desk.read_only:
            self._messenger.info(self._parent, READ_ONLY_TITLE, READ_ONLY_TEXT)
        return self._desk.read_only

    def _open(
        self,
        dialog: Any,
        submit: Callable[[Any], QUndoCommand | None],
        select: Callable[[], int | None],
        refetch: Callable[[], None] | None = None,
    ) -> None:
        self._dialogs.open(dialog, submit, lambda: self._reload(select()), refetch)

    def _args(self) -> tuple[Desk, Callable[[], None], Callable[[str, DeskError], None]]:
        return self._desk, self._refresh, self._report

    # -- risks ---------------------------------------------------------------------------------

    def new_risk(self) -> None:
        if self._refused_read_only():
            return
        snap = self._snapshot()
        if not snap.people:
            self._messenger.info(
                self._parent,
                "Add a person first",
                "Every risk has an owner: add people with Plan ▸ Add person… first.",
            )
            return
        made: list[int] = []

        def submit(draft: RiskDraft) -> QUndoCommand:
            record = self._desk.risks.create(draft)
            made.append(record.id)
            return cmd.AddRisk(record, *self._args(), self.ledger)

        dialog = RiskDialog(
            self._parent, people=snap.people, categories=snap.categories, bands=snap.bands,
            initial=None, today=snap.today, suggested_reference=next_reference(snap.risks),
        )  # fmt: skip
        self._open(dialog, submit, lambda: made[-1] if made else None)

    def edit_risk(self, record: RiskRecord) -> None:
        if self._refused_read_only():
            return
        snap = self._snapshot()

        seen = [record]  # the version the form is saved against ("save mine over theirs")

        def submit(draft: RiskDraft) -> QUndoCommand | None:
            before = seen[0]
            if draft == before.draft():
                return None  # nothing changed
            after = self._desk.risks.update(record.id, draft, expected_version=before.version)
            if after.version == before.version:
                return None
            return cmd.EditRisk(before, after, *self._args(), self.ledger)

        def refetch() -> None:
            seen[0] = self._desk.register.risk(record.id)

        dialog = RiskDialog(
            self._parent, people=snap.people, categories=snap.categories, bands=snap.bands,
            initial=record, today=snap.today,
        )  # fmt: skip
        self._open(dialog, submit, lambda: record.id, refetch)

    def record_review(self, record: RiskRecord) -> None:
        if self._refused_read_only():
            return
        snap = self._snapshot()

        def submit(draft: ReviewDraft) -> QUndoCommand:
            after = self._desk.risk_reviews.record(
                record.id, draft, expected_version=record.version
            )
            return cmd.RecordReview(record, after, draft, *self._args(), self.ledger)

        dialog = ReviewDialog(
            self._parent, risk=record, bands=snap.bands, today=snap.today,
            reviewer=self._desk.ctx.actor.name,
        )  # fmt: skip
        self._open(dialog, submit, lambda: record.id)

    def edit_mitigations(self, record: RiskRecord) -> None:
        if self._refused_read_only():
            return
        before = frozenset(a.action_id for a in record.mitigations)

        def submit(chosen: frozenset[int]) -> QUndoCommand | None:
            if chosen == before:
                return None
            self._desk.risks.set_mitigations(record.id, chosen, expected=before)
            return cmd.SetMitigations(record, before, chosen, *self._args())

        dialog = MitigationDialog(self._parent, risk=record, actions=self._snapshot().actions)
        self._open(dialog, submit, lambda: record.id)

    def delete_risk(self, record: RiskRecord) -> None:
        if self._refused_read_only():
            return

        def go() -> None:
            try:
                snapshot = self._desk.risks.delete(record.id, expected_version=record.version)
            except DeskError as exc:
                self._report(f"Cannot delete {record.reference}", exc)
                self._refresh()
                return
            self._stack.push(cmd.DeleteRisk(snapshot, *self._args(), self.ledger))
            self._reload(None)

        self._messenger.confirm(
            self._parent, "Delete risk", deletion_text(record), go, yes="Delete"
        )

    # -- settings ------------------------------------------------------------------------------

    def edit_bands(self) -> None:
        if self._refused_read_only():
            return
        snap = self._snapshot()

        def submit(bands: RiskBands) -> QUndoCommand | None:
            if bands == snap.bands:
                return None
            saved = self._desk.risk_settings.update(bands, expected_version=snap.bands_version)
            return cmd.ChangeBands(
                snap.bands, saved.bands, (snap.bands_version, saved.version), *self._args(),
                self.ledger,
            )  # fmt: skip

        self._open(BandsDialog(self._parent, bands=snap.bands), submit, lambda: None)
