"""The small dialogs (recommendation, progress, re-baseline, person) and what all dialogs share."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.plan import RecommendationDraft, RecommendationSource
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.plan.action_dialog import ActionDialog
from improvement_desk.ui.plan.progress_dialog import ProgressUpdateDialog
from improvement_desk.ui.plan.recommendation_dialog import RecommendationDialog

from .dialog_kit import (
    ACTION,
    REC1,
    SCREENS,
    THEMES,
    TODAY,
    assert_error,
    edit_action,
    error,
    new_action,
    new_recommendation,
    person,
    progress,
    qd,
    rebaseline,
    submitted_value,
    visible_errors,
)

pytestmark = pytest.mark.gui

# -- every dialog ----------------------------------------------------------------------------

FACTORIES: dict[str, Callable[[QtBot], FormDialog]] = {
    "recommendation": new_recommendation,
    "action": new_action,
    "action_edit": edit_action,
    "progress": progress,
    "rebaseline": rebaseline,
    "person": person,
}


@pytest.mark.parametrize("name", list(FACTORIES))
def test_every_input_is_named_labelled_and_reachable(qtbot: QtBot, name: str) -> None:
    dialog = FACTORIES[name](qtbot)
    buddies = {
        label.buddy(): label.text() for label in dialog.findChildren(QLabel) if label.buddy()
    }
    for field, widget in dialog.inputs.items():
        assert widget.objectName(), field
        assert widget.accessibleName() == field
        assert "&" in buddies[widget], f"{field} has no mnemonic"
    letters = [buddies[w][buddies[w].index("&") + 1].lower() for w in dialog.inputs.values()]
    assert len(letters) == len(set(letters)), f"mnemonics clash: {letters}"


@pytest.mark.parametrize("name", list(FACTORIES))
def test_escape_closes_without_saving(qtbot: QtBot, name: str) -> None:
    dialog = FACTORIES[name](qtbot)
    dialog.open()
    with qtbot.assertNotEmitted(dialog.submitted), qtbot.waitSignal(dialog.rejected):
        QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.mark.parametrize("name", ["recommendation", "action", "progress", "person"])
def test_a_new_record_opens_quiet_with_save_disabled(qtbot: QtBot, name: str) -> None:
    dialog = FACTORIES[name](qtbot)
    assert visible_errors(dialog) == []
    assert not dialog.save_button.isEnabled()
    assert "is required" in dialog.save_button.toolTip()


EDITS: dict[str, tuple[str, Callable[[Any], None]]] = {
    "recommendation": ("Reference", lambda d: d.reference.setText("R4")),
    "action_edit": ("Reference", lambda d: d.reference.setText("3.9")),
    "person": ("Name", lambda d: d.name.setText("Ann Lee")),
    "progress": ("Update", lambda d: d.update_text.setPlainText("x")),
}


@pytest.mark.parametrize("name", list(EDITS))
def test_service_problems_are_shown_until_the_field_is_edited(qtbot: QtBot, name: str) -> None:
    dialog = FACTORIES[name](qtbot)
    field, edit = EDITS[name]
    dialog.show_problems([FieldProblem(field, "is already used"), FieldProblem("Board", "is busy")])
    assert_error(dialog, field, "is already used")
    assert dialog.errors.general.isVisible()
    assert dialog.errors.general.text() == "Board is busy"
    assert dialog.inputs[field].accessibleDescription() == error(dialog, field).text()

    edit(dialog)
    assert "is already used" not in error(dialog, field).text()
    assert not dialog.errors.general.isVisible()
    assert dialog.inputs[field].accessibleDescription() == error(dialog, field).text()


def test_screenshots(qtbot: QtBot, tmp_path: Path) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for name, factory in FACTORIES.items():
        dialog = factory(qtbot)
        if name == "action":
            assert isinstance(dialog, ActionDialog)
            dialog.lead_officer.setEditText("Someone New")
            dialog.status.setCurrentIndex(dialog.status.findData(Brag.BLUE.value))
        qtbot.wait(10)
        path = tmp_path / f"dialog_{name}.png"
        assert dialog.grab().save(str(path))
        image = QImage(str(path))
        assert not image.isNull()
        assert image.width() >= 400
        assert image.height() >= 100
        pixels = {
            image.pixel(x, y)
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        }
        assert len(pixels) > 10, "looks blank"
        shutil.copy(path, SCREENS / path.name)


# -- recommendation --------------------------------------------------------------------------


def test_recommendation_valid_input_submits_a_draft(qtbot: QtBot) -> None:
    dialog = new_recommendation(qtbot)
    dialog.source.setCurrentIndex(dialog.source.findData(RecommendationSource.DFE_NOTICE.value))
    QTest.keyClicks(dialog.reference, " R4 ")
    dialog.theme.setEditText("Early help")
    dialog.text.setPlainText("Strengthen the “front door”: décisions within 24 hours.\n")
    assert visible_errors(dialog) == []
    assert submitted_value(qtbot, dialog) == RecommendationDraft(
        RecommendationSource.DFE_NOTICE,
        "R4",
        "Strengthen the “front door”: décisions within 24 hours.",
        "Early help",
    )
    assert dialog.value() == dialog.value()


def test_recommendation_edit_fills_the_fields(qtbot: QtBot) -> None:
    dialog = RecommendationDialog(None, themes=THEMES[:2], initial=REC1)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Edit recommendation R1"
    assert dialog.value() == REC1.draft()
    assert dialog.save_button.isEnabled()
    assert dialog.theme.findText("Quality of practice") >= 0  # a theme not in the settings


@pytest.mark.parametrize(
    ("field", "edit", "words"),
    [
        ("Reference", lambda d: d.reference.setText(" "), ["is required"]),
        ("Reference", lambda d: d.reference.setText("R" * 21), ["21 characters", "limit is 20"]),
        ("Reference", lambda d: d.reference.setText("R<1>"), ["may hold only"]),
        ("Recommendation", lambda d: d.text.setPlainText("a\x0bb"), ["control characters"]),
        ("Recommendation", lambda d: d.text.setPlainText("x" * 10_001), ["10,001"]),
        ("Theme", lambda d: d.theme.setEditText("\x07bell"), ["control characters"]),
    ],
)
def test_recommendation_invalid_input(
    qtbot: QtBot, field: str, edit: Callable[[RecommendationDialog], None], words: list[str]
) -> None:
    dialog = RecommendationDialog(None, themes=THEMES, initial=REC1)
    qtbot.addWidget(dialog)
    dialog.show()
    edit(dialog)
    assert_error(dialog, field, *words)


def test_recommendation_required_errors_wait_until_touched(qtbot: QtBot) -> None:
    dialog = new_recommendation(qtbot)
    dialog.reference.setText("R9")
    assert visible_errors(dialog) == []  # text and theme untouched
    dialog.text.setPlainText("x")
    dialog.text.setPlainText("")
    assert_error(dialog, "Recommendation", "is required")
    assert not error(dialog, "Theme").isVisible()


# -- progress update -------------------------------------------------------------------------


def test_progress_valid_update(qtbot: QtBot) -> None:
    dialog = progress(qtbot)
    assert dialog.windowTitle() == "Progress update — 3.2"
    assert dialog.update_date.date() == qd(TODAY)
    dialog.update_text.setPlainText("Five offers made; two started in March. £3k saved.")
    assert submitted_value(qtbot, dialog) == (
        TODAY,
        "Five offers made; two started in March. £3k saved.",
    )


def test_progress_shows_user_text_literally(qtbot: QtBot) -> None:
    dialog = progress(qtbot)
    assert dialog.about.textFormat() is Qt.TextFormat.PlainText
    assert "<b>not</b>" in dialog.about.text()


@pytest.mark.parametrize(
    ("field", "edit", "words"),
    [
        (
            "Date",
            lambda d: d.update_date.setDate(QDate(2014, 4, 1)),
            ["01 Apr 2014 is in the future"],
        ),
        (
            "Date",
            lambda d: d.update_date.setDate(QDate(2013, 12, 31)),
            ["before the action started"],
        ),
        ("Update", lambda d: d.update_text.setPlainText("x\x00"), ["control characters"]),
        ("Update", lambda d: d.update_text.setPlainText("u" * 10_001), ["limit is 10,000"]),
    ],
)
def test_progress_invalid_input(
    qtbot: QtBot, field: str, edit: Callable[[ProgressUpdateDialog], None], words: list[str]
) -> None:
    dialog = progress(qtbot)
    dialog.update_text.setPlainText("Progress")
    edit(dialog)
    assert_error(dialog, field, *words)


def test_progress_required_text_once_touched(qtbot: QtBot) -> None:
    dialog = progress(qtbot)
    QTest.keyClicks(dialog.update_text, "a")
    QTest.keyClick(dialog.update_text, Qt.Key.Key_Backspace)
    assert_error(dialog, "Update", "is required")


# -- re-baseline -----------------------------------------------------------------------------


def test_rebaseline_shows_targets_and_submits(qtbot: QtBot) -> None:
    dialog = rebaseline(qtbot)
    assert dialog.windowTitle() == "Re-baseline target — 3.2"
    assert dialog.original_target.text() == "30 Jun 2014"
    assert dialog.current_target.text() == "31 Jul 2014 (re-baselined once)"
    assert dialog.new_target.date() == QDate(2014, 7, 31)
    assert visible_errors(dialog) == []
    assert not dialog.save_button.isEnabled()
    dialog.new_target.setDate(QDate(2014, 9, 30))
    dialog.reason.setPlainText("Recruitment campaign delayed by the council’s pay review")
    assert submitted_value(qtbot, dialog) == (
        date(2014, 9, 30),
        "Recruitment campaign delayed by the council’s pay review",
    )


@pytest.mark.parametrize(
    ("field", "new", "reason", "words"),
    [
        ("New target date", date(2014, 7, 31), "ok", ["is the same as the current target"]),
        ("New target date", date(2013, 12, 1), "ok", ["before the start date"]),
        ("Reason", date(2014, 9, 1), "", ["is required"]),
        ("Reason", date(2014, 9, 1), "\x01", ["control characters"]),
    ],
)
def test_rebaseline_invalid_input(
    qtbot: QtBot, field: str, new: date, reason: str, words: list[str]
) -> None:
    dialog = rebaseline(qtbot)
    dialog.reason.setPlainText("x")
    dialog.new_target.setDate(QDate(2015, 1, 1))
    dialog.new_target.setDate(qd(new))
    dialog.reason.setPlainText(reason)
    assert_error(dialog, field, *words)


# -- person ----------------------------------------------------------------------------------


def test_person_valid_input(qtbot: QtBot) -> None:
    dialog = person(qtbot)
    assert dialog.windowTitle() == "Add person"
    dialog.name.setText("  Siobhán O’Neill ")
    QTest.keyClicks(dialog.role, "Principal Social Worker")
    assert submitted_value(qtbot, dialog) == ("Siobhán O’Neill", "Principal Social Worker", "")


@pytest.mark.parametrize(
    ("field", "text", "words"),
    [
        ("Name", "", ["is required"]),
        ("Name", "n" * 201, ["201 characters", "limit is 200"]),
        ("Name", "Ann\x08", ["control characters"]),
        ("Role", "r" * 201, ["limit is 200"]),
        ("Organisation", "NHS\x7f", ["control characters"]),
    ],
)
def test_person_invalid_input(qtbot: QtBot, field: str, text: str, words: list[str]) -> None:
    dialog = person(qtbot)
    dialog.name.setText("Ann Lee")
    edit = dialog.findChild(QLineEdit, field.lower())
    assert edit is not None
    edit.setText(text)
    assert_error(dialog, field, *words)


def test_person_duplicate_from_the_service(qtbot: QtBot) -> None:
    dialog = person(qtbot)
    dialog.name.setText("Jane Smith")
    dialog.show_problems([FieldProblem("Name", "'Jane Smith' is already on the list")])
    assert_error(dialog, "Name", "already on the list")
    assert dialog.name.text() == "Jane Smith"
    assert dialog.isVisible()
    dialog.accept()
    assert not dialog.isVisible()


def test_error_lines_grow_the_dialog_instead_of_squeezing_its_boxes(qtbot: QtBot) -> None:
    """Regression: a shown dialog grew only to its layout's minimum when error lines appeared,
    which undercounts wrapped lines, so rows were squeezed or cut."""
    dialog = ProgressUpdateDialog(None, action=ACTION, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.update_text.height()
    before = dialog.height()
    dialog.show_problems(
        [
            FieldProblem("Date", "is before the action started (a long reason " * 4 + ")"),
            FieldProblem("Update", "the service refused this update for a reason"),
        ]
    )
    layout = dialog.layout()
    assert layout is not None
    assert dialog.height() > before
    assert dialog.height() >= layout.totalHeightForWidth(dialog.width()), "wrapped lines fit"
    assert dialog.update_text.height() >= box
