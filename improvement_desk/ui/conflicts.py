"""Asking what to do when a record changed under an open edit dialog (RELIABILITY DB-8).

The service refused the save and said who changed the record, when and what
(`Conflict.changes`). The user keeps their form and chooses: reload (drop
their edit and see the other version), save their values over the other
version (a new save against the current version, audited like any other),
or keep editing. Opened with `open()`, answered through callbacks, so it
never blocks the event loop (tests answer it by clicking a button).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from improvement_desk.domain.errors import Conflict

TITLE = "Changed since you opened it"
RELOAD = "Reload theirs"
OVERWRITE = "Save mine over theirs"
KEEP = "Keep editing"


def is_stale(error: Conflict) -> bool:
    """A newer version was saved meanwhile: saving again against it can settle that. A rule
    (approved minutes cannot change) refuses every retry, so there "save mine" is not offered."""
    return error.stale


def ask_about_conflict(
    parent: QWidget | None,
    error: Conflict,
    *,
    reload: Callable[[], None],
    overwrite: Callable[[], None] | None,
    keep: Callable[[], None] | None = None,
) -> QMessageBox:
    """The question box; `overwrite` None leaves that choice out (the dialog cannot redo it)."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, TITLE, str(error), QMessageBox.StandardButton.NoButton, parent
    )
    box.setTextFormat(Qt.TextFormat.PlainText)  # the message quotes what people typed
    box.setObjectName("conflict_box")
    if error.changes:
        box.setDetailedText(
            "\n".join(
                f"{c.field.replace('_', ' ')}: {c.before or '(empty)'} → {c.after or '(empty)'}"
                for c in error.changes
            )
        )
    reload_button = box.addButton(RELOAD, QMessageBox.ButtonRole.DestructiveRole)
    overwrite_button = (
        box.addButton(OVERWRITE, QMessageBox.ButtonRole.AcceptRole) if overwrite else None
    )
    keep_button = box.addButton(KEEP, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep_button)
    box.setEscapeButton(keep_button)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered() -> None:
        clicked = box.clickedButton()
        if clicked is reload_button:
            reload()
        elif overwrite is not None and clicked is overwrite_button:
            overwrite()
        elif keep is not None:
            keep()

    box.finished.connect(answered)
    box.open()
    return box
