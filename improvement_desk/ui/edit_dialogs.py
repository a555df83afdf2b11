"""How every page's editor runs a form dialog, from Save to the undo stack (RELIABILITY DB-8).

Each editor used to carry its own copy of this, and the copies drifted: some
pages closed the dialog when someone else had saved the record first, losing
what the user typed. Here it is once. A dialog emits `submitted(value)`; the
editor's `submit` asks the service and returns the undo command (None when
nothing changed). A `ValidationError` keeps the dialog open with the problems
under their fields; a `Conflict` asks the user (`ask_about_conflict`) while
the form keeps what they typed; any other refusal is reported and the dialog
stays open; a success goes on the undo stack, the dialog closes and the page
reloads. The dialog is opened with `open()`, so nothing blocks the event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QDialog, QMessageBox

from improvement_desk.domain.errors import Conflict, DeskError, ValidationError
from improvement_desk.ui.conflicts import ask_about_conflict, is_stale

Submit = Callable[[Any], QUndoCommand | None]
Report = Callable[[str, DeskError], None]

NOTHING_SAVED = "Nothing was saved"


class EditDialogs:
    """The form dialogs of one editor; `dialog` and `conflict_box` are there for tests and focus.

    `refresh` reloads the page (after "Reload theirs"). `conflict_title`, when
    given, keeps an older contract for dialogs opened without a `refetch`: the
    conflict is reported under that title and the dialog closes (the action
    log, meetings and scorecard pages still treat status and revision dialogs
    so). Without it such a dialog asks too, offering only reload or keep editing.
    """

    def __init__(
        self,
        stack: QUndoStack,
        report: Report,
        refresh: Callable[[], None],
        *,
        conflict_title: str | None = None,
    ) -> None:
        self._stack = stack
        self._report = report
        self._refresh = refresh
        self._conflict_title = conflict_title
        self.dialog: QDialog | None = None  # the open dialog
        self.conflict_box: QMessageBox | None = None  # the last "changed since" question

    def open(
        self,
        dialog: Any,
        submit: Submit,
        saved: Callable[[], None],
        refetch: Callable[[], None] | None = None,
    ) -> None:
        """Shows `dialog` and carries each Save through `submit`; `saved` runs after a success
        (the page reloads, selecting what was made). `refetch` re-reads the record the form
        edits, so "Save mine over theirs" can save the form again against the current version
        (and the undo command's "before" is theirs); without it that choice is absent."""

        def reload() -> None:
            dialog.reject()
            self._refresh()

        def overwrite(value: Any) -> None:
            assert refetch is not None
            try:
                refetch()
            except DeskError as exc:  # deleted meanwhile, say: the form stays open
                self._report(NOTHING_SAVED, exc)
                return
            on_submit(value)

        def conflicted(value: Any, exc: Conflict) -> None:
            if refetch is None and self._conflict_title is not None:
                self._report(self._conflict_title, exc)
                reload()
                return
            # Whatever they choose next, the form keeps what the user typed until then.
            can_overwrite = refetch is not None and is_stale(exc)
            self.conflict_box = ask_about_conflict(
                dialog,
                exc,
                reload=reload,
                overwrite=(lambda: overwrite(value)) if can_overwrite else None,
            )

        def on_submit(value: Any) -> None:
            try:
                command = submit(value)
            except ValidationError as exc:
                dialog.show_problems(exc.problems)
                return
            except Conflict as exc:
                conflicted(value, exc)
                return
            except DeskError as exc:
                self._report(NOTHING_SAVED, exc)
                return
            if command is not None:
                self._stack.push(command)
            dialog.accept()
            saved()

        def closed() -> None:
            if self.dialog is dialog:
                self.dialog = None

        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.submitted.connect(on_submit)
        dialog.finished.connect(lambda *_: closed())
        self.dialog = dialog
        dialog.open()
