"""A save the disk refuses (full, read-only, busy) keeps what the officer typed (goal G7).

The edit dialog stays open with every field as typed, the message names the cause, nothing
goes on the undo stack; once the disk is fine again, the same dialog saves.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.errors import StorageError
from improvement_desk.services.desk import Desk
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.plan.plan_page import PlanPage

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui

DISK_FULL = "The disk is full; nothing was saved. Free some space (or ask IT to), then save again."
TYPED = "Recruit twelve permanent social workers by September, with a mentor for each"


def field(dialog: QWidget, name: str) -> Any:
    widget = dialog.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def test_disk_full_keeps_the_edit_dialog_open_with_what_was_typed(
    qtbot: QtBot,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stack = QUndoStack()
    page = PlanPage(demo_desk, stack, messenger)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    action = next(a for a in demo_desk.plan.snapshot().actions if a.reference == "2.3")
    assert page.select_action(action.id)

    calls: list[int] = []

    def disk_full(action_id: int, *_args: Any, **_kwargs: Any) -> Any:
        calls.append(action_id)
        raise StorageError(DISK_FULL)

    page.act_edit_action.trigger()
    dialog = page.editor.dialog
    assert isinstance(dialog, FormDialog)
    field(dialog, "description").setPlainText(TYPED)
    field(dialog, "lead_officer").setEditText("Priya Raman")
    with monkeypatch.context() as patch:
        patch.setattr(demo_desk.actions, "update", disk_full)
        patch.setattr(demo_desk.plan_closure, "update", disk_full)
        dialog.save_button.click()

    assert calls == [action.id]
    assert messenger.messages[-1] == ("error", "Nothing was saved", DISK_FULL)
    assert page.editor.dialog is dialog
    assert dialog.isVisible()
    assert field(dialog, "description").toPlainText() == TYPED
    assert field(dialog, "lead_officer").currentText() == "Priya Raman"
    assert stack.count() == 0
    assert demo_desk.plan.action(action.id).description == action.description

    # Space freed: the same dialog, as it was left, now saves.
    dialog.save_button.click()
    assert not dialog.isVisible()
    saved = demo_desk.plan.action(action.id)
    assert (saved.description, saved.lead_officer) == (TYPED, "Priya Raman")
    assert stack.undoText() == "Edit action 2.3"
