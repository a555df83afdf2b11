"""The risk editor and its undo commands: dialogs → services → undo, on the demo register.

Undo and redo go through the services, expecting the version our own steps
left, so a colleague's change in between is reported and left standing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import TODAY
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.risk_bands import Band
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.risk_records import RegisterSnapshot, RiskRecord
from improvement_desk.services.risks import FIRST_ASSESSMENT
from improvement_desk.ui.conflicts import KEEP, OVERWRITE, RELOAD
from improvement_desk.ui.risks import commands as cmd
from improvement_desk.ui.risks.bands_dialog import BandsDialog
from improvement_desk.ui.risks.editor import READ_ONLY_TEXT, RiskEditor, next_reference
from improvement_desk.ui.risks.mitigation_dialog import MitigationDialog
from improvement_desk.ui.risks.review_dialog import ReviewDialog
from improvement_desk.ui.risks.risk_dialog import RiskDialog
from improvement_desk.ui.risks.score_widgets import set_level

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


class Page:
    """Stands in for the register page: remembers reloads and serves the latest snapshot."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.reloads: list[int | None] = []
        self.snap = desk.register.register()

    def reload(self, select: int | None) -> None:
        self.reloads.append(select)
        self.snap = self.desk.register.register()

    def snapshot(self) -> RegisterSnapshot:
        return self.snap


class Harness:
    def __init__(self, qtbot: QtBot, desk: Desk, messenger: RecordingMessenger) -> None:
        self.desk = desk
        self.messenger = messenger
        self.parent = QWidget()
        qtbot.addWidget(self.parent)
        self.stack = QUndoStack(self.parent)
        self.page = Page(desk)
        self.editor = RiskEditor(
            self.parent, desk, self.stack, messenger, self.page.reload, self.page.snapshot
        )

    def risk(self, reference: str) -> RiskRecord:
        return next(r for r in self.desk.register.register().risks if r.reference == reference)

    def dialog(self, kind: type) -> Any:
        dialog = self.editor.dialog
        assert isinstance(dialog, kind), dialog
        return dialog

    def save(self, dialog: Any) -> None:
        assert dialog.save_button.isEnabled(), dialog.save_button.toolTip()
        dialog.save_button.click()

    def errors(self) -> list[tuple[str, str, str]]:
        return [m for m in self.messenger.messages if m[0] == "error"]


@pytest.fixture
def desk_ui(qtbot: QtBot, demo_desk: Desk, messenger: RecordingMessenger) -> Harness:
    return Harness(qtbot, demo_desk, messenger)


@pytest.fixture
def other(demo_desk: Desk, board_path: Path) -> Iterator[Desk]:
    """A second officer's session on the same board file."""
    second = open_desk(
        board_path, Actor("Other Officer", "other"), take_lock=False, today=lambda: TODAY
    )
    yield second
    second.close()


def retitle(h: Harness, reference: str, title: str) -> None:
    h.editor.edit_risk(h.risk(reference))
    dialog = h.dialog(RiskDialog)
    dialog.risk_title.setText(title)
    h.save(dialog)


# -- add, edit, delete -----------------------------------------------------------------------


def test_new_risk_then_undo_and_redo(desk_ui: Harness) -> None:
    h = desk_ui
    owner = h.page.snap.people[0]
    h.editor.new_risk()
    dialog = h.dialog(RiskDialog)
    assert dialog.reference.text() == "R15", "the next number after the demo's R14"
    dialog.risk_title.setText("Placement sufficiency")
    dialog.risk_event.setPlainText("Children are placed far from home")
    dialog.category.setEditText("Placements")
    dialog.owner.setEditText(owner)
    dialog.date_raised.setDate(QDate(2014, 3, 3))
    dialog.inherent.set(4, 4)
    dialog.current.set(3, 4)
    h.save(dialog)

    assert h.editor.dialog is None, "saved and closed"
    made = h.risk("R15")
    assert (made.owner, made.current_score, made.next_review_date) == (owner, 12, date(2014, 4, 3))
    assert [r.commentary for r in made.reviews] == [FIRST_ASSESSMENT]
    assert h.page.reloads[-1] == made.id
    assert h.stack.undoText() == "Add risk R15"

    h.stack.undo()
    assert "R15" not in {r.reference for r in h.desk.register.register().risks}
    h.stack.redo()
    again = h.risk("R15")
    assert (again.id, again.reviews, again.title) == (made.id, made.reviews, made.title)
    assert h.errors() == []


def test_edit_then_undo_and_redo(desk_ui: Harness) -> None:
    h = desk_ui
    before = h.risk("R2")
    retitle(h, "R2", "Front door capacity")
    assert h.risk("R2").title == "Front door capacity"
    assert h.stack.undoText() == "Edit risk R2"
    assert h.page.reloads[-1] == before.id
    h.stack.undo()
    assert h.risk("R2").draft() == before.draft()
    h.stack.redo()
    assert h.risk("R2").title == "Front door capacity"
    assert h.errors() == []


def test_an_unchanged_edit_puts_nothing_on_the_stack(desk_ui: Harness) -> None:
    h = desk_ui
    before = h.risk("R2")
    h.editor.edit_risk(before)
    h.save(h.dialog(RiskDialog))
    assert h.editor.dialog is None
    assert h.stack.count() == 0
    assert h.risk("R2").version == before.version


def test_several_steps_on_one_risk_undo_in_turn(desk_ui: Harness) -> None:
    """Each undo expects the version the step after it left, not its own stale one."""
    h = desk_ui
    before = h.risk("R2")
    retitle(h, "R2", "First title")
    h.editor.record_review(h.risk("R2"))
    dialog = h.dialog(ReviewDialog)
    dialog.commentary.setPlainText("Contacts down after the new triage rota")
    set_level(dialog.likelihood, 2)
    h.save(dialog)
    retitle(h, "R2", "Second title")
    assert h.stack.count() == 3
    while h.stack.canUndo():
        h.stack.undo()
    after = h.risk("R2")
    assert (after.draft(), after.reviews) == (before.draft(), before.reviews)
    while h.stack.canRedo():
        h.stack.redo()
    assert (h.risk("R2").title, h.risk("R2").current_likelihood) == ("Second title", 2)
    assert h.errors() == []


def test_delete_names_what_goes_and_undo_brings_it_all_back(desk_ui: Harness) -> None:
    h = desk_ui
    record = h.risk("R1")
    h.editor.delete_risk(record)
    kind, title, text = h.messenger.messages[-1]
    assert (kind, title) == ("confirm", "Delete risk")
    assert text.startswith(
        f"Delete risk R1 “{record.title}” with its {len(record.reviews)} reviews and "
        f"{len(record.mitigations)} links to plan actions?"
    )
    assert "R1" not in {r.reference for r in h.desk.register.register().risks}
    assert h.stack.undoText() == "Delete risk R1"
    h.stack.undo()
    back = h.risk("R1")
    assert (back.id, back.reviews, back.mitigations) == (
        record.id,
        record.reviews,
        record.mitigations,
    )
    h.stack.redo()
    assert "R1" not in {r.reference for r in h.desk.register.register().risks}
    assert h.errors() == []


def test_declining_the_deletion_keeps_the_risk(qtbot: QtBot, demo_desk: Desk) -> None:
    h = Harness(qtbot, demo_desk, RecordingMessenger(answer_yes=False))
    h.editor.delete_risk(h.risk("R1"))
    assert h.risk("R1").reference == "R1"
    assert h.stack.count() == 0


# -- reviews, links and bands ----------------------------------------------------------------


def test_record_review_then_undo_restores_the_score_and_the_next_review(desk_ui: Harness) -> None:
    h = desk_ui
    before = h.risk("R1")
    assert before.current_score == 16
    h.editor.record_review(before)
    dialog = h.dialog(ReviewDialog)
    assert dialog.reviewer.text() == "Test Officer"
    set_level(dialog.likelihood, 3)
    dialog.commentary.setPlainText("Six permanent social workers started in March")
    h.save(dialog)

    after = h.risk("R1")
    assert (after.current_score, after.next_review_date) == (12, date(2014, 4, 30))
    assert len(after.reviews) == len(before.reviews) + 1
    assert h.stack.undoText() == "Review risk R1 (16 → 12)"
    h.stack.undo()
    undone = h.risk("R1")
    assert (undone.current_score, undone.next_review_date) == (16, before.next_review_date)
    assert undone.reviews == before.reviews
    h.stack.redo()
    redone = h.risk("R1")
    assert redone.current_score == 12
    assert redone.reviews[-1].commentary == "Six permanent social workers started in March"
    h.stack.undo()
    assert h.risk("R1").reviews == before.reviews, "redo's new review id is the one undone"
    assert h.errors() == []


def test_set_mitigations_then_undo(desk_ui: Harness) -> None:
    h = desk_ui
    record = h.risk("R9")
    assert record.mitigations == ()
    h.editor.edit_mitigations(record)
    dialog = h.dialog(MitigationDialog)
    assert dialog.warning.isVisible()
    for row in (0, 2):
        dialog.model.item(row).setCheckState(Qt.CheckState.Checked)
    h.save(dialog)
    chosen = {h.page.snap.actions[0].action_id, h.page.snap.actions[2].action_id}
    assert {a.action_id for a in h.risk("R9").mitigations} == chosen
    assert h.stack.undoText() == "Change the actions mitigating risk R9"
    h.stack.undo()
    assert h.risk("R9").mitigations == ()
    h.stack.redo()
    assert {a.action_id for a in h.risk("R9").mitigations} == chosen
    assert h.errors() == []


def test_change_bands_then_undo(desk_ui: Harness) -> None:
    h = desk_ui
    assert h.risk("R2").band is Band.MEDIUM  # 12
    h.editor.edit_bands()
    dialog = h.dialog(BandsDialog)
    dialog.medium_max.setValue(10)
    h.save(dialog)
    assert h.desk.risk_settings.load().bands.medium_max == 10
    assert h.risk("R2").band is Band.HIGH, "every risk is re-rated at once"
    assert h.stack.undoText() == "Change score bands and appetite"
    h.stack.undo()
    assert h.desk.risk_settings.load().bands.medium_max == 12
    assert h.risk("R2").band is Band.MEDIUM
    h.stack.redo()
    assert h.desk.risk_settings.load().bands.medium_max == 10
    assert h.errors() == []


# -- refusals --------------------------------------------------------------------------------


def test_a_refusal_keeps_the_dialog_open_with_the_problem(desk_ui: Harness) -> None:
    h = desk_ui
    h.editor.edit_risk(h.risk("R2"))
    dialog: RiskDialog = h.dialog(RiskDialog)
    dialog.reference.setText("R1")
    h.save(dialog)
    assert h.editor.dialog is dialog
    assert dialog.isVisible()
    label = dialog.errors.label("Reference")
    assert label.isVisible()
    assert label.text() == "Reference: R1 is already used by another risk"
    assert not dialog.save_button.isEnabled()
    assert h.stack.count() == 0


def _edit_against_a_colleague(h: Harness, other: Desk) -> RiskDialog:
    """R2 open in our dialog with "My title" typed, while a colleague saved "Their title"."""
    h.editor.edit_risk(h.risk("R2"))
    dialog = h.dialog(RiskDialog)
    theirs = other.register.risk(h.risk("R2").id)
    other.risks.update(
        theirs.id, replace(theirs.draft(), title="Their title"), expected_version=theirs.version
    )
    dialog.risk_title.setText("My title")
    h.save(dialog)
    return dialog


def _answer(h: Harness, choice: str) -> str:
    box = h.editor.conflict_box
    assert box is not None
    assert box.isVisible()
    text = box.text()
    [button] = [b for b in box.buttons() if b.text() == choice]
    button.click()
    return text


def test_a_conflict_says_who_changed_what_and_keeps_the_form(desk_ui: Harness, other: Desk) -> None:
    h = desk_ui
    dialog = _edit_against_a_colleague(h, other)
    text = _answer(h, KEEP)
    assert "Risk R2 was changed by Other Officer at" in text
    assert "since you opened it; nothing was saved." in text
    assert "Their change: title “Capacity of the front door" in text
    assert "→ “Their title”" in text
    assert h.editor.dialog is dialog
    assert dialog.isVisible()
    assert dialog.risk_title.text() == "My title", "what I typed is still there"
    assert h.risk("R2").title == "Their title"
    assert h.errors() == []


def test_reload_drops_my_edit_and_shows_theirs(desk_ui: Harness, other: Desk) -> None:
    h = desk_ui
    _edit_against_a_colleague(h, other)
    reloads = len(h.page.reloads)
    _answer(h, RELOAD)
    assert h.editor.dialog is None
    assert len(h.page.reloads) == reloads + 1
    assert h.risk("R2").title == "Their title"
    assert h.stack.count() == 0


def test_save_mine_over_theirs_saves_against_the_current_version(
    desk_ui: Harness, other: Desk
) -> None:
    h = desk_ui
    _edit_against_a_colleague(h, other)
    _answer(h, OVERWRITE)
    assert h.editor.dialog is None
    assert h.risk("R2").title == "My title"
    assert h.stack.count() == 1
    h.stack.undo()  # back to their version, not to the one I first opened
    assert h.risk("R2").title == "Their title"


def test_undo_of_a_review_leaves_a_colleagues_edit_alone(desk_ui: Harness, other: Desk) -> None:
    h = desk_ui
    h.editor.record_review(h.risk("R1"))
    dialog = h.dialog(ReviewDialog)
    set_level(dialog.likelihood, 3)
    dialog.commentary.setPlainText("Better")
    h.save(dialog)
    theirs = other.register.risk(h.risk("R1").id)
    other.risks.update(
        theirs.id, replace(theirs.draft(), title="Their title"), expected_version=theirs.version
    )
    h.stack.undo()
    risk = h.risk("R1")
    assert (risk.title, risk.current_score) == ("Their title", 12), "nothing was undone"
    (_, title, text), *_ = h.errors()
    assert title == "Could not undo “Review risk R1 (16 → 12)”"
    assert "since you opened it" in text
    assert h.stack.count() == 0, "the refused command is dropped"


def test_a_colleagues_change_breaks_our_chain_of_undo(desk_ui: Harness, other: Desk) -> None:
    """Undo of our later edit is ours to make; undo of the earlier one would lose theirs."""
    h = desk_ui
    original = h.risk("R2")
    retitle(h, "R2", "Mine, first")
    theirs = other.register.risk(original.id)
    other.risks.update(
        theirs.id,
        replace(theirs.draft(), controls="Their controls"),
        expected_version=theirs.version,
    )
    h.page.reload(None)
    retitle(h, "R2", "Mine, second")
    h.stack.undo()
    assert h.risk("R2").title == "Mine, first"
    h.stack.undo()
    risk = h.risk("R2")
    assert (risk.title, risk.controls) == ("Mine, first", "Their controls")
    assert h.errors()[-1][1] == "Could not undo “Edit risk R2”"


def test_undo_of_links_refuses_if_a_colleague_changed_them(desk_ui: Harness, other: Desk) -> None:
    h = desk_ui
    record = h.risk("R9")
    h.editor.edit_mitigations(record)
    dialog = h.dialog(MitigationDialog)
    dialog.model.item(0).setCheckState(Qt.CheckState.Checked)
    h.save(dialog)
    first = h.page.snap.actions[0].action_id
    second = h.page.snap.actions[1].action_id
    other.risks.set_mitigations(record.id, {first, second}, expected=frozenset({first}))
    h.stack.undo()
    assert {a.action_id for a in h.risk("R9").mitigations} == {first, second}
    assert "were changed since" in h.errors()[-1][2]


def test_undo_of_bands_refuses_if_a_colleague_changed_them(desk_ui: Harness, other: Desk) -> None:
    h = desk_ui
    h.editor.edit_bands()
    dialog = h.dialog(BandsDialog)
    dialog.appetite.setValue(15)
    h.save(dialog)
    theirs = other.risk_settings.load()
    other.risk_settings.update(replace(theirs.bands, appetite=9), expected_version=theirs.version)
    h.stack.undo()
    assert h.desk.risk_settings.load().bands.appetite == 9
    assert h.errors()[-1][1] == "Could not undo “Change score bands and appetite”"


def test_commands_work_alone_without_a_shared_ledger(qtbot: QtBot, demo_desk: Desk) -> None:
    refreshes: list[int] = []
    reports: list[str] = []
    stack = QUndoStack()
    record = next(r for r in demo_desk.register.register().risks if r.reference == "R3")
    snapshot = demo_desk.risks.delete(record.id, expected_version=record.version)
    stack.push(
        cmd.DeleteRisk(
            snapshot, demo_desk, lambda: refreshes.append(1), lambda t, e: reports.append(t)
        )
    )
    assert refreshes == [], "pushing does not apply the change twice"
    stack.undo()
    assert demo_desk.register.risk(record.id).reviews == record.reviews
    stack.redo()
    assert record.id not in {r.id for r in demo_desk.register.register().risks}
    assert (len(refreshes), reports) == (2, [])


# -- the board's state -----------------------------------------------------------------------


def test_a_read_only_board_opens_no_dialog(
    qtbot: QtBot, demo_desk: Desk, board_path: Path, messenger: RecordingMessenger
) -> None:
    record = next(r for r in demo_desk.register.register().risks if r.reference == "R1")
    demo_desk.close()
    viewer = open_desk(board_path, Actor("Viewer", "v"), read_only=True, today=lambda: TODAY)
    try:
        h = Harness(qtbot, viewer, messenger)
        for call in (
            h.editor.new_risk,
            lambda: h.editor.edit_risk(record),
            lambda: h.editor.record_review(record),
            lambda: h.editor.edit_mitigations(record),
            lambda: h.editor.delete_risk(record),
            h.editor.edit_bands,
        ):
            call()
            assert h.editor.dialog is None
            assert messenger.messages[-1] == ("info", "This board is read-only", READ_ONLY_TEXT)
        assert len(messenger.messages) == 6, "no confirmation was asked for"
    finally:
        viewer.close()


def test_a_board_without_people_asks_for_one_first(
    qtbot: QtBot, desk: Desk, messenger: RecordingMessenger
) -> None:
    h = Harness(qtbot, desk, messenger)
    h.editor.new_risk()
    assert h.editor.dialog is None
    assert messenger.messages[-1][1] == "Add a person first"


def test_next_reference_continues_the_numbering() -> None:
    from .risk_fixtures import make_risk

    assert next_reference([]) == "R1"
    risks = [make_risk(reference=ref) for ref in ("R2", "r10", "R9a", "Fin-1")]
    assert next_reference(risks) == "R11"
