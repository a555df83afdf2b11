"""The action dialog: every field, the BRAG rules as the user types, the laptop screen."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.plan import ActionDraft
from improvement_desk.ui.plan.action_dialog import TARGET_LOCKED, ActionDialog

from .dialog_kit import (
    ACTION,
    PEOPLE,
    REC1,
    REC2,
    assert_error,
    edit_action,
    error,
    fill_action,
    new_action,
    submitted_value,
    visible_errors,
)

pytestmark = pytest.mark.gui

# -- action ----------------------------------------------------------------------------------


def test_action_valid_input_submits_draft_and_recommendation(qtbot: QtBot) -> None:
    dialog = new_action(qtbot)
    assert dialog.windowTitle() == "New action"
    assert dialog.recommendation.currentData() == 7
    fill_action(dialog)
    dialog.confidence.setCurrentIndex(dialog.confidence.findData(Confidence.HIGH.value))
    dialog.status.setCurrentIndex(dialog.status.findData(Brag.AMBER.value))
    assert submitted_value(qtbot, dialog) == (
        ActionDraft(
            reference="3.4",
            description="Run a monthly audit of plans",
            lead_officer="Jane Smith",
            start_date=date(2014, 4, 1),
            target_date=date(2014, 9, 30),
            status=Brag.AMBER,
            confidence=Confidence.HIGH,
        ),
        7,
    )


def test_action_recommendation_list_and_choice(qtbot: QtBot) -> None:
    dialog = new_action(qtbot, recommendation_id=None)
    assert dialog.recommendation.currentData() == 1
    first = dialog.recommendation.itemText(0)
    assert first.startswith("R1 — Ensure that every child")
    assert first.endswith("…")
    assert len(first) <= len("R1 — ") + 60
    fill_action(dialog)
    dialog.recommendation.setCurrentIndex(1)
    assert dialog.value()[1] == 7


def test_action_lead_officer_matches_the_list_and_ignores_case(qtbot: QtBot) -> None:
    dialog = new_action(qtbot)
    fill_action(dialog)
    dialog.lead_officer.setEditText("zoë ó briain")
    assert dialog.value()[0].lead_officer == "Zoë Ó Briain"
    completer = dialog.lead_officer.completer()
    assert completer is not None
    assert completer.caseSensitivity() is Qt.CaseSensitivity.CaseInsensitive


def test_action_edit_fills_every_field(qtbot: QtBot) -> None:
    dialog = edit_action(qtbot)
    assert dialog.windowTitle() == "Edit action 3.2"
    assert dialog.value() == (ACTION.draft(), 7)
    assert dialog.recommendation.currentText().startswith("R3 — ")
    assert dialog.reference.text() == "3.2"
    assert dialog.description.toPlainText() == ACTION.description
    assert dialog.lead_officer.currentText() == "Zoë Ó Briain"
    assert dialog.start_date.date() == date(2014, 1, 6)
    assert dialog.target_date.date() == QDate(2014, 7, 31)
    assert dialog.success_measures.toPlainText() == "Vacancy rate below 10%"
    assert dialog.status.currentText() == "G — Green"
    assert dialog.confidence.currentText() == "Medium"
    assert dialog.evidence.toPlainText() == "Caseloads down to 22"
    assert dialog.decision.text() == "Improvement Board 12 Feb 2014, minute 6"
    assert dialog.save_button.isEnabled()
    assert visible_errors(dialog) == []


def test_action_edit_without_start_date_or_confidence(qtbot: QtBot) -> None:
    record = replace(ACTION, start_date=None, confidence=None, status=Brag.NOT_STARTED)
    dialog = edit_action(qtbot, record, target_editable=True)
    assert dialog.start_date.date() is None
    assert dialog.start_date.none_box.isChecked()
    assert not dialog.start_date.edit.isEnabled()
    assert dialog.confidence.currentText() == "Not set"
    assert dialog.value() == (record.draft(), 7)


def test_action_target_is_locked_when_not_editable(qtbot: QtBot) -> None:
    dialog = edit_action(qtbot, target_editable=False)
    assert not dialog.target_date.isEnabled()
    assert dialog.target_date.toolTip() == TARGET_LOCKED
    assert dialog.target_note.isVisible()
    editable = new_action(qtbot)
    assert editable.target_date.isEnabled()
    assert editable.target_date.toolTip() == ""


def test_action_status_entries_show_colour_letter_and_meaning(qtbot: QtBot) -> None:
    dialog = new_action(qtbot)
    texts = [dialog.status.itemText(i) for i in range(dialog.status.count())]
    assert texts == ["Not started", "R — Red", "A — Amber", "G — Green", "B — Blue"]
    for i, status in enumerate(Brag):
        assert dialog.status.itemData(i) == status.value
        assert not dialog.status.itemIcon(i).isNull()
        assert dialog.status.itemData(i, Qt.ItemDataRole.ToolTipRole) == status.meaning
    dialog.status.setCurrentIndex(1)
    assert dialog.status.toolTip() == Brag.RED.meaning
    confidence = [dialog.confidence.itemText(i) for i in range(dialog.confidence.count())]
    assert confidence == ["Not set", "High", "Medium", "Low"]
    assert dialog.decision.placeholderText() == "e.g. Improvement Board 12 Feb 2014, minute 6"


def _blue(d: ActionDialog) -> None:
    d.evidence.setPlainText("")
    d.decision.setText("")
    d.status.setCurrentIndex(d.status.findData(Brag.BLUE.value))


@pytest.mark.parametrize(
    ("field", "edit", "words"),
    [
        ("Reference", lambda d: d.reference.setText(""), ["is required"]),
        ("Description", lambda d: d.description.setPlainText("  \n "), ["is required"]),
        ("Description", lambda d: d.description.setPlainText("d" * 10_001), ["10,001"]),
        ("Success measures", lambda d: d.success_measures.setPlainText("a\x0cb"), ["control"]),
        ("Board decision", lambda d: d.decision.setText("\x1b[0m"), ["control characters"]),
        (
            "Lead officer",
            lambda d: d.lead_officer.setEditText("Bob Nobody"),
            ["'Bob Nobody'", "add them first"],
        ),
        ("Lead officer", lambda d: d.lead_officer.setEditText(""), ["is required"]),
        (
            "Target date",
            lambda d: d.start_date.setDate(date(2014, 8, 1)),
            ["31 Jul 2014 is before the start date (01 Aug 2014)"],
        ),
        ("Evidence of impact", _blue, ["is required before an action can be Blue"]),
        ("Board decision", _blue, ["the minute that agreed closure"]),
        ("Status", lambda d: d.status.setCurrentIndex(0), ["from Green back to Not started"]),
    ],
)
def test_action_invalid_input(
    qtbot: QtBot, field: str, edit: Callable[[ActionDialog], None], words: list[str]
) -> None:
    dialog = edit_action(qtbot, target_editable=True)
    assert dialog.save_button.isEnabled()
    edit(dialog)
    assert_error(dialog, field, *words)


def test_action_new_target_before_start(qtbot: QtBot) -> None:
    dialog = new_action(qtbot)
    fill_action(dialog)
    assert dialog.save_button.isEnabled()
    dialog.target_date.setDate(QDate(2014, 3, 1))
    assert_error(dialog, "Target date", "01 Mar 2014 is before the start date")
    dialog.start_date.none_box.setChecked(True)
    assert not error(dialog, "Target date").isVisible()
    assert dialog.save_button.isEnabled()


def test_action_blue_with_evidence_and_decision_is_fine(qtbot: QtBot) -> None:
    dialog = edit_action(qtbot)
    dialog.status.setCurrentIndex(dialog.status.findData(Brag.BLUE.value))
    value = submitted_value(qtbot, dialog)
    assert isinstance(value, tuple)
    assert value[0].status is Brag.BLUE


def test_action_not_started_is_fine_without_progress(qtbot: QtBot) -> None:
    dialog = edit_action(qtbot, has_progress_updates=False)
    dialog.status.setCurrentIndex(0)
    assert dialog.save_button.isEnabled()


def test_action_keyboard_typing_and_tab_order(qtbot: QtBot) -> None:
    dialog = new_action(qtbot)
    QTest.keyClicks(dialog.reference, "3.5")
    QTest.keyClicks(dialog.reference, "!")
    assert_error(dialog, "Reference", "may hold only")
    order: list[QWidget] = [dialog.reference]
    while len(order) < 14:
        following = order[-1].nextInFocusChain()
        assert following is not None
        order.append(following)
    focusable = [w for w in order if w.focusPolicy() & Qt.FocusPolicy.TabFocus]
    assert focusable[:3] == [dialog.reference, dialog.description, dialog.lead_officer]


def test_action_dialog_fits_a_laptop_screen(qtbot: QtBot) -> None:
    dialog = new_action(qtbot)
    assert dialog.minimumWidth() >= 600
    assert dialog.height() <= 708
    assert dialog.description.height() < 6 * dialog.description.fontMetrics().lineSpacing()


def test_new_action_defaults_follow_the_boards_today(qtbot: QtBot) -> None:
    dialog = ActionDialog(
        None,
        people=list(PEOPLE),
        recommendations=[REC1, REC2],
        initial=None,
        recommendation_id=REC1.id,
        has_progress_updates=False,
        target_editable=True,
        today=date(2014, 3, 31),
    )
    qtbot.addWidget(dialog)
    assert dialog.target_date.date() == QDate(2014, 6, 30)
