"""Closing a plan action as Blue on a minuted decision: the dialog's choice, the page, undo."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from log_fixtures import add_decision, add_meeting
from PySide6.QtGui import QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag
from improvement_desk.services.desk import Desk
from improvement_desk.services.plan_records import DecisionChoice
from improvement_desk.ui.plan.action_dialog import NOT_MINUTED, ActionDialog
from improvement_desk.ui.plan.plan_page import PlanPage

from .conftest import RecordingMessenger
from .dialog_kit import ACTION, edit_action

pytestmark = pytest.mark.gui

FEB = DecisionChoice(21, "Minute 6, Improvement Board 12 Feb 2014: RESOLVED: that 3.2 be closed.")
MAR = DecisionChoice(34, "Minute 4, Improvement Board 12 Mar 2014: RESOLVED: noted.")
CHOICES = (MAR, FEB)


def choose(combo: QComboBox, decision_id: int | None) -> None:
    combo.setCurrentIndex(combo.findData(decision_id))


def test_no_minuted_decisions_no_choice(qtbot: QtBot) -> None:
    dialog = edit_action(qtbot)
    assert not dialog.minuted.isVisible()
    assert dialog.closure_decision_id() is None


def test_the_choice_is_offered_for_blue_and_writes_the_wording(qtbot: QtBot) -> None:
    dialog = edit_action(qtbot, decisions=CHOICES)
    combo = dialog.minuted
    assert combo.isVisible()
    assert [combo.itemText(i) for i in range(combo.count())] == [
        NOT_MINUTED,
        MAR.label,
        FEB.label,
    ]
    assert not combo.isEnabled()  # Green: nothing to close yet
    dialog.status.setCurrentIndex(dialog.status.findData(Brag.BLUE.value))
    assert combo.isEnabled()
    choose(combo, FEB.id)
    assert dialog.decision.text() == FEB.label
    assert dialog.closure_decision_id() == FEB.id
    draft, _ = dialog.value()
    assert (draft.status, draft.closure_decision) == (Brag.BLUE, FEB.label)
    assert dialog.save_button.isEnabled()


def test_typing_the_decision_drops_the_minute(qtbot: QtBot) -> None:
    dialog = edit_action(qtbot, decisions=CHOICES)
    dialog.status.setCurrentIndex(dialog.status.findData(Brag.BLUE.value))
    choose(dialog.minuted, MAR.id)
    dialog.decision.setFocus()
    QTest.keyClicks(dialog.decision, "x")
    assert dialog.minuted.currentIndex() == 0
    assert dialog.closure_decision_id() is None
    assert dialog.decision.text().endswith("x")


def test_leaving_blue_drops_the_minute(qtbot: QtBot) -> None:
    linked = replace(ACTION, status=Brag.BLUE, closure_decision=FEB.label, closure_decision_id=21)
    dialog = edit_action(qtbot, linked, decisions=CHOICES)
    assert dialog.minuted.currentData() == FEB.id
    assert dialog.closure_decision_id() == FEB.id
    dialog.status.setCurrentIndex(dialog.status.findData(Brag.GREEN.value))
    assert (dialog.minuted.currentIndex(), dialog.minuted.isEnabled()) == (0, False)
    assert dialog.closure_decision_id() is None


def test_a_linked_action_shows_the_minute_as_it_now_reads(qtbot: QtBot) -> None:
    stale = replace(ACTION, status=Brag.BLUE, closure_decision="old words", closure_decision_id=34)
    dialog = edit_action(qtbot, stale, decisions=CHOICES)
    assert dialog.decision.text() == MAR.label
    assert dialog.closure_decision_id() == MAR.id


def test_close_on_a_minuted_decision_from_the_plan_page(
    qtbot: QtBot, demo_desk: Desk, messenger: RecordingMessenger
) -> None:
    meeting = add_meeting(demo_desk, date(2014, 3, 12))
    decision = add_decision(demo_desk, meeting.item(4), "RESOLVED: that the action be closed.")
    stack = QUndoStack()
    page = PlanPage(demo_desk, stack, messenger)
    qtbot.addWidget(page)
    page.show()
    before = next(a for a in demo_desk.plan.snapshot().actions if a.status is Brag.GREEN)
    assert page.select_action(before.id)
    page.act_edit_action.trigger()
    dialog = page.editor.dialog
    assert isinstance(dialog, ActionDialog)
    dialog.status.setCurrentIndex(dialog.status.findData(Brag.BLUE.value))
    dialog.evidence.setPlainText("Audit shows 96% of plans up to date")
    choose(dialog.minuted, decision)
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    closed = demo_desk.plan.action(before.id)
    wording = "Minute 4, Improvement Board 12 Mar 2014: RESOLVED: that the action be closed."
    assert (closed.status, closed.closure_decision_id, closed.closure_decision) == (
        Brag.BLUE,
        decision,
        wording,
    )
    assert stack.undoText() == f"Edit action {before.reference}"
    stack.undo()
    undone = demo_desk.plan.action(before.id)
    assert (undone.status, undone.closure_decision_id) == (Brag.GREEN, None)
    stack.redo()
    assert demo_desk.plan.action(before.id).closure_decision_id == decision
    # Reopening from the menu drops the link; undoing that puts it back.
    page.editor.set_status(demo_desk.plan.action(before.id), Brag.GREEN)
    assert demo_desk.plan.action(before.id).closure_decision_id is None
    stack.undo()
    assert demo_desk.plan.action(before.id).closure_decision_id == decision
    assert messenger.messages == []
