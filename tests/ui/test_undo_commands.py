"""Undo commands on a bare QUndoStack: they call the services, and never overwrite others' work."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY
from PySide6.QtGui import QUndoStack

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import DeskError
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.ui.plan import commands as cmd

pytestmark = pytest.mark.gui


class Recorder:
    def __init__(self) -> None:
        self.refreshes = 0
        self.errors: list[tuple[str, DeskError]] = []

    def refresh(self) -> None:
        self.refreshes += 1

    def report(self, title: str, exc: DeskError) -> None:
        self.errors.append((title, exc))


@pytest.fixture
def other(demo_desk: Desk, board_path: Path) -> Iterator[Desk]:
    """A second officer's session on the same board file."""
    second = open_desk(
        board_path, Actor("Other Officer", "other"), take_lock=False, today=lambda: TODAY
    )
    yield second
    second.close()


def push_status(desk: Desk, stack: QUndoStack, rec: Recorder, status: Brag) -> int:
    action = next(a for a in desk.plan.snapshot().actions if a.status is Brag.GREEN)
    after = desk.actions.update(
        action.id, action.draft().with_status(status), expected_version=action.version
    )
    stack.push(cmd.EditAction(action, after, desk, rec.refresh, rec.report))
    return action.id


def test_undo_and_redo_call_the_services(qtbot, demo_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    stack, rec = QUndoStack(), Recorder()
    action_id = push_status(demo_desk, stack, rec, Brag.RED)
    assert stack.undoText() == f"Set {demo_desk.plan.action(action_id).reference} to Red"
    assert rec.refreshes == 0, "pushing does not apply the change twice"
    stack.undo()
    assert demo_desk.plan.action(action_id).status is Brag.GREEN
    stack.redo()
    assert demo_desk.plan.action(action_id).status is Brag.RED
    stack.undo()
    stack.redo()
    assert demo_desk.plan.action(action_id).status is Brag.RED
    assert rec.errors == []


def test_undo_refuses_to_overwrite_another_officers_change(  # type: ignore[no-untyped-def]
    qtbot, demo_desk: Desk, other: Desk
) -> None:
    stack, rec = QUndoStack(), Recorder()
    action_id = push_status(demo_desk, stack, rec, Brag.RED)
    theirs = other.plan.action(action_id)
    other.actions.update(
        action_id, theirs.draft().with_status(Brag.AMBER), expected_version=theirs.version
    )
    stack.undo()
    assert demo_desk.plan.action(action_id).status is Brag.AMBER, "their change stands"
    assert len(rec.errors) == 1
    title, error = rec.errors[0]
    assert title.startswith("Could not undo")
    assert "changed by someone else" in str(error)
    assert stack.count() == 0, "the refused command is dropped from the stack"


def test_a_run_of_own_edits_on_one_action_undoes_and_redoes_in_turn(  # type: ignore[no-untyped-def]
    qtbot, demo_desk: Desk
) -> None:
    """Regression: each command expected the version it had left, but undoing the later edit
    moved the version on, so the earlier undo was refused as someone else's change."""
    stack, rec = QUndoStack(), Recorder()
    first = next(a for a in demo_desk.plan.snapshot().actions if a.status is Brag.GREEN)
    amber = demo_desk.actions.update(
        first.id, first.draft().with_status(Brag.AMBER), expected_version=first.version
    )
    stack.push(cmd.EditAction(first, amber, demo_desk, rec.refresh, rec.report))
    red = demo_desk.actions.update(
        first.id, amber.draft().with_status(Brag.RED), expected_version=amber.version
    )
    stack.push(cmd.EditAction(amber, red, demo_desk, rec.refresh, rec.report))
    stack.undo()
    stack.undo()
    assert demo_desk.plan.action(first.id).status is Brag.GREEN
    stack.redo()
    stack.redo()
    assert demo_desk.plan.action(first.id).status is Brag.RED
    assert rec.errors == []


def test_undo_of_a_deletion_restores_history(qtbot, demo_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    stack, rec = QUndoStack(), Recorder()
    action = next(a for a in demo_desk.plan.snapshot().actions if a.update_count > 1)
    history = demo_desk.plan.history(action.id)
    snapshot = demo_desk.actions.delete(action.id, expected_version=action.version)
    stack.push(cmd.DeleteAction(snapshot, demo_desk, rec.refresh, rec.report))
    stack.undo()
    assert demo_desk.plan.history(action.id) == history
    stack.redo()
    assert action.id not in {a.id for a in demo_desk.plan.snapshot().actions}
    stack.undo()
    assert demo_desk.plan.action(action.id).reference == action.reference
    assert rec.errors == []


def test_redo_of_a_deletion_refuses_if_the_action_changed(  # type: ignore[no-untyped-def]
    qtbot, demo_desk: Desk, other: Desk
) -> None:
    stack, rec = QUndoStack(), Recorder()
    action = next(a for a in demo_desk.plan.snapshot().actions if a.status is Brag.AMBER)
    snapshot = demo_desk.actions.delete(action.id, expected_version=action.version)
    stack.push(cmd.DeleteAction(snapshot, demo_desk, rec.refresh, rec.report))
    stack.undo()
    restored = other.plan.action(action.id)
    other.actions.update(
        action.id, restored.draft().with_status(Brag.RED), expected_version=restored.version
    )
    stack.redo()
    assert other.plan.action(action.id).status is Brag.RED, "not deleted over their change"
    assert rec.errors
    assert "since you opened it" in str(rec.errors[0][1])


def test_actor_is_recorded_for_undo(qtbot, demo_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    stack, rec = QUndoStack(), Recorder()
    action_id = push_status(demo_desk, stack, rec, Brag.RED)
    stack.undo()
    newest = demo_desk.audit.for_record("action", action_id)[0]
    assert (newest.actor, newest.field, newest.old_value, newest.new_value) == (
        ACTOR.name,
        "status",
        "red",
        "green",
    )
