"""The plan's editing dialogs: live validation, the submitted/accept contract, and how they look."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.services.plan_records import ActionRecord, RecommendationRecord
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.plan.action_dialog import TARGET_LOCKED, ActionDialog
from improvement_desk.ui.plan.person_dialog import PersonDialog
from improvement_desk.ui.plan.progress_dialog import ProgressUpdateDialog
from improvement_desk.ui.plan.rebaseline_dialog import RebaselineDialog
from improvement_desk.ui.plan.recommendation_dialog import RecommendationDialog

pytestmark = pytest.mark.gui

TODAY = date(2014, 3, 31)
SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"
PEOPLE = ("Jane Smith", "Zoë Ó Briain", "Tom Brown")
THEMES = ("Leadership and governance", "Workforce", "Quality of practice")
REC1 = RecommendationRecord(
    id=1,
    source=RecommendationSource.OFSTED_INSPECTION,
    reference="R1",
    text="Ensure that every child in need has an up-to-date plan that is reviewed regularly and "
    "that managers check the quality of those plans.",
    theme="Quality of practice",
    version=2,
    action_count=1,
)
REC2 = RecommendationRecord(
    id=7,
    source=RecommendationSource.BOARD,
    reference="R3",
    text="Reduce social worker caseloads to an average of 20.",
    theme="Workforce",
    version=1,
)
ACTION = ActionRecord(
    id=11,
    recommendation_id=7,
    recommendation_reference="R3",
    recommendation_text=REC2.text,
    theme="Workforce",
    reference="3.2",
    description="Recruit eight permanent social workers <b>not</b> agency staff.",
    lead_officer="Zoë Ó Briain",
    start_date=date(2014, 1, 6),
    original_target_date=date(2014, 6, 30),
    target_date=date(2014, 7, 31),
    success_measures="Vacancy rate below 10%",
    status=Brag.GREEN,
    confidence=Confidence.MEDIUM,
    evidence_of_impact="Caseloads down to 22",
    closure_decision="Improvement Board 12 Feb 2014, minute 6",
    version=4,
    update_count=2,
    last_update_date=date(2014, 3, 1),
    revision_count=1,
    overdue_days=0,
)


def qd(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def error(dialog: FormDialog, field: str) -> QLabel:
    return dialog.errors.label(field)


def assert_error(dialog: FormDialog, field: str, *words: str) -> None:
    label = error(dialog, field)
    assert label.isVisible(), f"no error shown for {field}"
    assert label.text().startswith(field), label.text()
    for word in words:
        assert word in label.text()
    assert not dialog.save_button.isEnabled()


def visible_errors(dialog: FormDialog) -> list[str]:
    return [
        label.text()
        for label in dialog.findChildren(QLabel)
        if label.objectName().endswith("_error") or label.objectName() == "form_errors"
        if label.isVisible()
    ]


# -- factories -------------------------------------------------------------------------------


def new_recommendation(qtbot: QtBot) -> RecommendationDialog:
    dialog = RecommendationDialog(None, themes=THEMES, initial=None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def new_action(qtbot: QtBot, **kwargs: object) -> ActionDialog:
    args: dict[str, object] = {
        "people": PEOPLE,
        "recommendations": (REC1, REC2),
        "initial": None,
        "recommendation_id": 7,
        "has_progress_updates": False,
        "target_editable": True,
    }
    args.update(kwargs)
    dialog = ActionDialog(None, **args)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def edit_action(qtbot: QtBot, record: ActionRecord = ACTION, **kwargs: object) -> ActionDialog:
    options: dict[str, object] = {
        "initial": record,
        "recommendation_id": record.recommendation_id,
        "has_progress_updates": record.update_count > 0,
        "target_editable": False,
    }
    options.update(kwargs)
    return new_action(qtbot, **options)


def progress(qtbot: QtBot, action: ActionRecord = ACTION) -> ProgressUpdateDialog:
    dialog = ProgressUpdateDialog(None, action=action, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def rebaseline(qtbot: QtBot, action: ActionRecord = ACTION) -> RebaselineDialog:
    dialog = RebaselineDialog(None, action=action, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def person(qtbot: QtBot) -> PersonDialog:
    dialog = PersonDialog(None)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def fill_action(dialog: ActionDialog) -> None:
    dialog.reference.setText("3.4")
    dialog.description.setPlainText("Run a monthly audit of plans")
    dialog.lead_officer.setEditText("Jane Smith")
    dialog.start_date.setDate(date(2014, 4, 1))
    dialog.target_date.setDate(QDate(2014, 9, 30))


def submitted_value(qtbot: QtBot, dialog: FormDialog) -> object:
    assert dialog.save_button.isEnabled(), visible_errors(dialog)
    with qtbot.waitSignal(dialog.submitted, timeout=1000) as blocker:
        QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible(), "Save must leave closing to the caller"
    return blocker.args[0]


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
