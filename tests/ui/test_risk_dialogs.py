"""The risk register's dialogs: the register's rules as the user types, and the live read-outs."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.risk import (
    Proximity,
    ReviewDraft,
    ReviewFrequency,
    RiskDraft,
    RiskStatus,
)
from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.domain.risk_scoring import IMPACT_MEANINGS, LIKELIHOOD_MEANINGS
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.risks.bands_dialog import BandsDialog
from improvement_desk.ui.risks.mitigation_dialog import UNMITIGATED, MitigationDialog
from improvement_desk.ui.risks.review_dialog import ReviewDialog
from improvement_desk.ui.risks.risk_dialog import CURRENT_LOCKED, RiskDialog
from improvement_desk.ui.risks.score_widgets import set_level

from .dialog_kit import SCREENS, assert_error, error, qd, submitted_value, visible_errors
from .risk_fixtures import TODAY, make_linked_action, make_review, make_risk

pytestmark = pytest.mark.gui

PEOPLE = ("Jane Smith", "Zoë Ó Briain", "Tom Brown")
CATEGORIES = ("Workforce", "Leadership and pace", "Fostering")
BANDS = RiskBands()
RISK = make_risk(
    id=3,
    owner="Jane Smith",
    title="Not enough experienced <b>social workers</b>",
    reviews=(
        make_review(risk_id=3, review_date=date(2013, 10, 1), likelihood=4, impact=4),
        make_review(
            risk_id=3, review_date=date(2014, 2, 28), likelihood=4, impact=4, reviewer="Jane Smith"
        ),
    ),
)
ACTIONS = (
    make_linked_action(action_id=1, reference="1.1", description="Recruit eight social workers"),
    make_linked_action(
        action_id=2,
        reference="1.2",
        description="Reduce caseloads to an average of 20 per social worker in every team "
        "across the service",
        status=Brag.AMBER,
        target_date=date(2014, 4, 30),
    ),
    make_linked_action(
        action_id=3,
        reference="2.1",
        description="Monthly case file audits",
        status=Brag.RED,
        target_date=date(2014, 2, 28),
        overdue=True,
    ),
)


D = TypeVar("D", bound=FormDialog)


def _show(qtbot: QtBot, dialog: D) -> D:
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def new_risk(qtbot: QtBot, bands: RiskBands = BANDS) -> RiskDialog:
    return _show(
        qtbot,
        RiskDialog(
            None, people=PEOPLE, categories=CATEGORIES, bands=bands, initial=None, today=TODAY,
            suggested_reference="R8",
        ),
    )  # fmt: skip


def edit_risk(qtbot: QtBot, record: Any = RISK) -> RiskDialog:
    return _show(
        qtbot,
        RiskDialog(
            None, people=PEOPLE, categories=CATEGORIES, bands=BANDS, initial=record, today=TODAY
        ),
    )


def review(qtbot: QtBot, record: Any = RISK) -> ReviewDialog:
    return _show(
        qtbot, ReviewDialog(None, risk=record, bands=BANDS, today=TODAY, reviewer="Test Officer")
    )


def mitigations(qtbot: QtBot, record: Any = None) -> MitigationDialog:
    record = record or replace(RISK, mitigations=ACTIONS[1:2])
    return _show(qtbot, MitigationDialog(None, risk=record, actions=ACTIONS))


def bands(qtbot: QtBot, start: RiskBands = BANDS) -> BandsDialog:
    return _show(qtbot, BandsDialog(None, bands=start))


def fill_risk(d: RiskDialog) -> None:
    d.risk_title.setText("Placement sufficiency")
    d.cause.setPlainText("Too few local foster carers")
    d.risk_event.setPlainText("Children are placed far from home")
    d.effect.setPlainText("Contact with family and school suffers")
    d.category.setEditText("Fostering")
    d.owner.setEditText("Tom Brown")
    d.date_raised.setDate(QDate(2014, 3, 3))
    d.inherent.set(4, 3)
    d.current.set(3, 3)


FACTORIES: dict[str, Callable[[QtBot], FormDialog]] = {
    "risk_new": new_risk,
    "risk_edit": edit_risk,
    "risk_review": review,
    "risk_mitigations": mitigations,
    "risk_bands": bands,
}


# -- what every dialog shares --------------------------------------------------------------------


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


def test_screenshots(qtbot: QtBot, tmp_path: Path) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    for name, factory in FACTORIES.items():
        dialog = factory(qtbot)
        if isinstance(dialog, RiskDialog) and dialog.is_new:
            fill_risk(dialog)
        qtbot.wait(10)
        path = tmp_path / f"dialog_{name}.png"
        assert dialog.grab().save(str(path))
        image = QImage(str(path))
        assert image.width() >= 500
        pixels = {
            image.pixel(x, y)
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        }
        assert len(pixels) > 10, "looks blank"
        shutil.copy(path, SCREENS / path.name)


# -- the risk --------------------------------------------------------------------------------


def test_new_risk_submits_the_draft(qtbot: QtBot) -> None:
    dialog = new_risk(qtbot)
    assert dialog.windowTitle() == "New risk"
    assert dialog.reference.text() == "R8"
    fill_risk(dialog)
    dialog.controls.setPlainText("Weekly placement panel")
    dialog.target.set(2, 3)
    dialog.target_date.setDate(date(2014, 12, 31))
    dialog.status.setCurrentIndex(dialog.status.findData(RiskStatus.ESCALATED.value))
    dialog.proximity.setCurrentIndex(dialog.proximity.findData(Proximity.NEAR.value))
    dialog.frequency.setCurrentIndex(dialog.frequency.findData(ReviewFrequency.QUARTERLY.value))
    assert submitted_value(qtbot, dialog) == RiskDraft(
        reference="R8",
        title="Placement sufficiency",
        cause="Too few local foster carers",
        event="Children are placed far from home",
        effect="Contact with family and school suffers",
        category="Fostering",
        owner="Tom Brown",
        date_raised=date(2014, 3, 3),
        inherent_likelihood=4,
        inherent_impact=3,
        current_likelihood=3,
        current_impact=3,
        controls="Weekly placement panel",
        target_likelihood=2,
        target_impact=3,
        target_date=date(2014, 12, 31),
        status=RiskStatus.ESCALATED,
        proximity=Proximity.NEAR,
        review_frequency=ReviewFrequency.QUARTERLY,
        next_review_date=date(2014, 6, 3),
    )


def test_new_risk_opens_quiet_and_asks_for_every_score(qtbot: QtBot) -> None:
    dialog = new_risk(qtbot)
    assert visible_errors(dialog) == []
    assert not dialog.save_button.isEnabled()
    for combo in (dialog.inherent.likelihood, dialog.current.impact):
        assert combo.currentIndex() == -1
        assert combo.isEnabled()
    assert dialog.target.likelihood.currentText() == "No target yet"
    assert dialog.target_date.date() is None
    assert not dialog.current_note.isVisible()
    fill_risk(dialog)
    dialog.inherent.likelihood.setCurrentIndex(-1)
    assert_error(dialog, "Inherent likelihood", "is required")


def test_next_review_follows_date_raised_and_frequency_until_set(qtbot: QtBot) -> None:
    dialog = new_risk(qtbot)
    assert dialog.next_review.date() == date(2014, 4, 30)  # today + one month
    dialog.date_raised.setDate(QDate(2014, 1, 31))
    assert dialog.next_review.date() == date(2014, 2, 28)
    dialog.frequency.setCurrentIndex(dialog.frequency.findData(ReviewFrequency.SIX_MONTHLY.value))
    assert dialog.next_review.date() == date(2014, 7, 31)
    dialog.next_review.setDate(date(2014, 5, 15))
    dialog.frequency.setCurrentIndex(dialog.frequency.findData(ReviewFrequency.MONTHLY.value))
    assert dialog.next_review.date() == date(2014, 5, 15), "the user's date stands"


def test_edit_risk_fills_every_field_and_locks_the_current_score(qtbot: QtBot) -> None:
    dialog = edit_risk(qtbot)
    assert dialog.windowTitle() == "Edit risk R3"
    assert dialog.value() == RISK.draft()
    assert dialog.risk_title.text() == "Not enough experienced <b>social workers</b>"
    assert dialog.save_button.isEnabled()
    assert visible_errors(dialog) == []
    assert not dialog.current.likelihood.isEnabled()
    assert not dialog.current.impact.isEnabled()
    assert dialog.current.likelihood.toolTip() == CURRENT_LOCKED
    assert dialog.current_note.isVisible()
    assert dialog.current_note.text() == "Record a review to change the current score."
    assert dialog.current.chip.text() == "4 × 4 = 16  High"
    assert dialog.inherent.chip.text() == "4 × 4 = 16  High"
    assert dialog.target.chip.text() == "2 × 3 = 6  Medium"


def test_edit_risk_keeps_a_category_off_the_list_and_changes_next_review_from_last_review(
    qtbot: QtBot,
) -> None:
    dialog = edit_risk(qtbot, replace(RISK, category="Court work"))
    assert dialog.category.currentText() == "Court work"
    dialog.frequency.setCurrentIndex(dialog.frequency.findData(ReviewFrequency.QUARTERLY.value))
    assert dialog.next_review.date() == date(2014, 5, 28)  # last review 28 Feb + 3 months


@pytest.mark.parametrize(
    ("field", "edit", "words"),
    [
        ("Event", lambda d: d.risk_event.setPlainText("  "), ["is required"]),
        ("Title", lambda d: d.risk_title.setText("t" * 201), ["limit is 200"]),
        ("Reference", lambda d: d.reference.setText("R<3>"), ["may hold only"]),
        (
            "Owner",
            lambda d: d.owner.setEditText("Bob Nobody"),
            ["'Bob Nobody' is not on the board's list of people; add them first"],
        ),
        ("Owner", lambda d: d.owner.setEditText(""), ["is required"]),
        (
            "Date raised",
            lambda d: d.date_raised.setDate(QDate(2014, 4, 1)),
            ["01 Apr 2014 is in the future"],
        ),
        (
            "Target impact",
            lambda d: set_level(d.target.impact, None),
            ["is needed with the other half of the target score"],
        ),
        (
            "Target date",
            lambda d: d.target_date.setDate(date(2013, 9, 1)),
            ["01 Sep 2013 is before the date raised (01 Oct 2013)"],
        ),
        ("Controls in place", lambda d: d.controls.setPlainText("a\x07"), ["control characters"]),
    ],
)
def test_risk_invalid_input(
    qtbot: QtBot, field: str, edit: Callable[[RiskDialog], None], words: list[str]
) -> None:
    dialog = edit_risk(qtbot)
    assert dialog.save_button.isEnabled()
    edit(dialog)
    assert_error(dialog, field, *words)
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.save_button.click()


def test_owner_matches_the_list_ignoring_case(qtbot: QtBot) -> None:
    dialog = edit_risk(qtbot)
    dialog.owner.setEditText("zoë ó briain")
    assert dialog.value().owner == "Zoë Ó Briain"
    assert dialog.save_button.isEnabled()


def test_score_pickers_show_labels_and_meanings(qtbot: QtBot) -> None:
    dialog = new_risk(qtbot)
    likelihood, impact = dialog.inherent.likelihood, dialog.inherent.impact
    assert [likelihood.itemText(i) for i in range(likelihood.count())] == [
        "1 - Rare", "2 - Unlikely", "3 - Possible", "4 - Likely", "5 - Almost certain",
    ]  # fmt: skip
    assert impact.itemText(4) == "5 - Critical"
    assert likelihood.itemData(3, Qt.ItemDataRole.ToolTipRole) == LIKELIHOOD_MEANINGS[4]
    assert impact.itemData(0, Qt.ItemDataRole.ToolTipRole) == IMPACT_MEANINGS[1]
    set_level(impact, 2)
    assert impact.toolTip() == IMPACT_MEANINGS[2]
    assert dialog.target.impact.itemText(0) == "No target yet"


def test_score_read_outs_follow_the_boards_bands(qtbot: QtBot) -> None:
    strict = RiskBands(low_max=2, medium_max=8, appetite=6, high_colour="#7B1FA2")
    dialog = new_risk(qtbot, strict)
    assert dialog.inherent.chip.text() == "Not scored yet"
    assert dialog.target.chip.text() == "No target yet"
    dialog.inherent.set(3, 3)
    assert dialog.inherent.chip.text() == "3 × 3 = 9  High"
    assert "#7B1FA2" in dialog.inherent.chip.styleSheet()
    assert "#FFFFFF" in dialog.inherent.chip.styleSheet()  # white reads on purple
    assert dialog.inherent.chip.textFormat() is Qt.TextFormat.PlainText
    dialog.inherent.set(2, 1)
    assert dialog.inherent.chip.text() == "2 × 1 = 2  Low"
    assert strict.low_colour in dialog.inherent.chip.styleSheet()
    dialog.target.set(1, None)
    assert dialog.target.chip.text() == "No target yet"


def test_service_problems_are_shown_until_the_field_is_edited(qtbot: QtBot) -> None:
    dialog = edit_risk(qtbot)
    dialog.show_problems([FieldProblem("Reference", "R3 is already used by another risk")])
    assert_error(dialog, "Reference", "already used")
    dialog.reference.setText("R33")
    assert not error(dialog, "Reference").isVisible()
    dialog.show_problems([FieldProblem("Current likelihood", "changes only by a review")])
    assert_error(dialog, "Current likelihood", "changes only by a review")


# -- review ----------------------------------------------------------------------------------


def test_review_opens_on_the_current_score_and_submits(qtbot: QtBot) -> None:
    dialog = review(qtbot)
    assert dialog.windowTitle() == "Review risk R3"
    assert dialog.about.text() == "R3: Not enough experienced <b>social workers</b>"
    assert dialog.about.textFormat() is Qt.TextFormat.PlainText
    assert dialog.current_score.text() == "4 × 4 = 16  High"
    assert dialog.last_review.text() == "28 Feb 2014 by Jane Smith"
    assert dialog.review_date.date() == qd(TODAY)
    assert (dialog.likelihood.currentData(), dialog.impact.currentData()) == (4, 4)
    assert dialog.reviewer.text() == "Test Officer"
    assert not dialog.save_button.isEnabled(), "commentary is required"
    assert visible_errors(dialog) == []
    set_level(dialog.likelihood, 3)
    dialog.commentary.setPlainText("Six permanent social workers started in March.")
    dialog.reviewer.setText("Jane Smith")
    assert submitted_value(qtbot, dialog) == ReviewDraft(
        review_date=TODAY,
        likelihood=3,
        impact=4,
        commentary="Six permanent social workers started in March.",
        reviewer="Jane Smith",
    )


@pytest.mark.parametrize(
    ("levels", "travel"),
    [
        ((3, 4), "was 16 High → now 12 Medium ↓ Better"),
        ((5, 4), "was 16 High → now 20 High ↑ Worse"),
        ((4, 4), "was 16 High → now 16 High → No change"),
        ((2, 2), "was 16 High → now 4 Low ↓ Better"),
    ],
)
def test_review_read_out_of_the_change(qtbot: QtBot, levels: tuple[int, int], travel: str) -> None:
    dialog = review(qtbot)
    set_level(dialog.likelihood, levels[0])
    set_level(dialog.impact, levels[1])
    assert dialog.travel.text() == travel
    score = levels[0] * levels[1]
    assert dialog.new_score.text().startswith(f"{levels[0]} × {levels[1]} = {score}  ")
    assert BANDS.colour(score) in dialog.new_score.styleSheet()


def test_review_says_when_the_next_review_falls(qtbot: QtBot) -> None:
    dialog = review(qtbot, replace(RISK, review_frequency=ReviewFrequency.QUARTERLY))
    assert dialog.next_review.text() == "30 Jun 2014 (quarterly from this review)"
    dialog.review_date.setDate(QDate(2014, 3, 14))
    assert dialog.next_review.text() == "14 Jun 2014 (quarterly from this review)"


@pytest.mark.parametrize(
    ("field", "edit", "words"),
    [
        (
            "Review date",
            lambda d: d.review_date.setDate(QDate(2014, 4, 1)),
            ["01 Apr 2014 is in the future"],
        ),
        (
            "Review date",
            lambda d: d.review_date.setDate(QDate(2014, 2, 27)),
            ["27 Feb 2014 is before the latest review (28 Feb 2014)"],
        ),
        ("Commentary", lambda d: d.commentary.setPlainText(" "), ["is required"]),
        ("Reviewer", lambda d: d.reviewer.setText(""), ["is required"]),
    ],
)
def test_review_invalid_input(
    qtbot: QtBot, field: str, edit: Callable[[ReviewDialog], None], words: list[str]
) -> None:
    dialog = review(qtbot)
    dialog.commentary.setPlainText("Checked against the March caseload report")
    assert dialog.save_button.isEnabled()
    edit(dialog)
    assert_error(dialog, field, *words)
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.save_button.click()


# -- mitigating actions ----------------------------------------------------------------------


def test_mitigations_list_ticks_the_current_links_and_submits_the_choice(qtbot: QtBot) -> None:
    dialog = mitigations(qtbot)
    assert dialog.windowTitle() == "Mitigating actions — R3"
    lines = [dialog.model.item(row).text() for row in range(dialog.model.rowCount())]
    assert lines[0] == "1.1  Recruit eight social workers  [G] Green, due 30 Sep 2014"
    assert lines[1].startswith("1.2  Reduce caseloads to an average of 20 per social worker")
    assert lines[1].endswith("…  [A] Amber, due 30 Apr 2014")
    assert lines[2] == "2.1  Monthly case file audits  [R] Red, overdue since 28 Feb 2014"
    assert dialog.value() == frozenset({2})
    assert dialog.count.text() == "1 of 3 actions chosen"
    assert not dialog.warning.isVisible()
    dialog.model.item(0).setCheckState(Qt.CheckState.Checked)
    assert submitted_value(qtbot, dialog) == frozenset({1, 2})


def test_mitigations_filter_keeps_the_ticks(qtbot: QtBot) -> None:
    dialog = mitigations(qtbot)
    QTest.keyClicks(dialog.search, "AUDIT")
    assert dialog.proxy.rowCount() == 1
    shown = dialog.proxy.index(0, 0)
    assert shown.data().startswith("2.1  ")
    dialog.search.setText("1.")
    assert dialog.proxy.rowCount() == 2
    dialog.search.setText("every team")  # words past the shortened line still match
    assert dialog.proxy.rowCount() == 1
    dialog.search.clear()
    assert dialog.proxy.rowCount() == 3
    assert dialog.value() == frozenset({2})


def test_mitigations_warn_when_none_is_chosen(qtbot: QtBot) -> None:
    dialog = mitigations(qtbot)
    dialog.model.item(1).setCheckState(Qt.CheckState.Unchecked)
    assert dialog.warning.isVisible()
    assert dialog.warning.text() == UNMITIGATED
    assert dialog.count.text() == "0 of 3 actions chosen"
    assert submitted_value(qtbot, dialog) == frozenset()
    closed = mitigations(qtbot, replace(RISK, status=RiskStatus.CLOSED, mitigations=()))
    assert not closed.warning.isVisible(), "a closed risk is never flagged"


# -- bands -----------------------------------------------------------------------------------


def test_bands_open_on_the_boards_bands_and_submit_a_change(qtbot: QtBot) -> None:
    dialog = bands(qtbot)
    assert dialog.value() == BANDS
    assert dialog.summary.text() == "Low 1–4, Medium 5–12, High 15–25; appetite 12"
    dialog.low_max.setValue(3)
    dialog.medium_max.setValue(10)
    dialog.appetite.setValue(15)
    dialog.colours[Band.HIGH].setText(" #7b1fa2 ")
    assert dialog.preview.bands.band(12) is Band.HIGH
    assert dialog.summary.text() == "Low 1–3, Medium 4–10, High 12–25; appetite 15"
    assert dialog.preview.accessibleDescription() == dialog.summary.text()
    assert submitted_value(qtbot, dialog) == RiskBands(
        low_max=3, medium_max=10, appetite=15, high_colour="#7B1FA2"
    )


@pytest.mark.parametrize(
    ("field", "edit", "words"),
    [
        (
            "Medium up to",
            lambda d: d.medium_max.setValue(4),
            ["must be above the low band's top (4)"],
        ),
        (
            "High colour",
            lambda d: d.colours[Band.HIGH].setText("#C03"),
            ["'#C03' is not a colour like #C0392B"],
        ),
        (
            "Low colour",
            lambda d: d.colours[Band.LOW].setText("green"),
            ["'green' is not a colour"],
        ),
    ],
)
def test_bands_invalid_input(
    qtbot: QtBot, field: str, edit: Callable[[BandsDialog], None], words: list[str]
) -> None:
    dialog = bands(qtbot)
    edit(dialog)
    assert_error(dialog, field, *words)
    assert dialog.summary.text() == ""
    with qtbot.assertNotEmitted(dialog.submitted):
        dialog.save_button.click()


def test_bands_restore_defaults_and_pick_a_colour(qtbot: QtBot) -> None:
    dialog = bands(qtbot, RiskBands(low_max=2, medium_max=6, appetite=20, low_colour="#00FF00"))
    assert dialog.value().low_max == 2
    dialog.restore.click()
    assert dialog.value() == RiskBands()
    dialog.pick_colour(Band.MEDIUM)
    picker = dialog.colour_dialog
    assert picker is not None
    assert picker.currentColor().name().upper() == RiskBands().medium_colour
    picker.colorSelected.emit(QColor("#123456"))
    assert dialog.colours[Band.MEDIUM].text() == "#123456"
    assert dialog.preview.bands.medium_colour == "#123456"
    picker.reject()
