"""Sample records, factories and assertions shared by the dialog tests."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.plan import RecommendationSource
from improvement_desk.services.plan_records import ActionRecord, RecommendationRecord
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.plan.action_dialog import ActionDialog
from improvement_desk.ui.plan.person_dialog import PersonDialog
from improvement_desk.ui.plan.progress_dialog import ProgressUpdateDialog
from improvement_desk.ui.plan.rebaseline_dialog import RebaselineDialog
from improvement_desk.ui.plan.recommendation_dialog import RecommendationDialog

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
