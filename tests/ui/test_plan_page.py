"""The action plan page: dialogs → services → undo, filters, selection, keyboard, conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR, TODAY
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import NotFound
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.plan_records import ActionRecord
from improvement_desk.ui.conflicts import OVERWRITE, RELOAD
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.plan.columns import ACTION_ID_ROLE, Col
from improvement_desk.ui.plan.plan_page import PlanPage

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def make_page(qtbot: QtBot, stack: QUndoStack) -> Any:
    def make(desk: Desk, messenger: RecordingMessenger) -> PlanPage:
        page = PlanPage(desk, stack, messenger)
        qtbot.addWidget(page)
        page.resize(1400, 800)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make


@pytest.fixture
def page(make_page: Any, demo_desk: Desk, messenger: RecordingMessenger) -> PlanPage:
    return make_page(demo_desk, messenger)


def by_ref(desk: Desk, reference: str) -> ActionRecord:
    return next(a for a in desk.plan.snapshot().actions if a.reference == reference)


def shown_ids(page: PlanPage) -> list[int]:
    return [page.proxy.index(r, 0).data(ACTION_ID_ROLE) for r in range(page.proxy.rowCount())]


def cell(page: PlanPage, action_id: int, col: Col) -> str | None:
    """What the table shows for an action, or None when the action is not in the table."""
    rows = [r for r, i in enumerate(shown_ids(page)) if i == action_id]
    return str(page.proxy.index(rows[0], col).data()) if rows else None


def select(page: PlanPage, reference: str) -> ActionRecord:
    action = by_ref(page.desk, reference)
    assert page.select_action(action.id)
    assert page.current_action_id() == action.id
    return action


def open_dialog(page: PlanPage, trigger: QAction) -> FormDialog:
    trigger.trigger()
    dialog = page.editor.dialog
    assert isinstance(dialog, FormDialog)
    assert dialog.isVisible()
    return dialog


def field(dialog: QWidget, name: str) -> Any:
    widget = dialog.findChild(QWidget, name)
    assert widget is not None, name
    return widget


def save(dialog: FormDialog, *, closes: bool = True) -> None:
    assert dialog.save_button.isEnabled(), dialog.save_button.toolTip()
    dialog.save_button.click()
    assert dialog.isVisible() is not closes


def add_recommendation(page: PlanPage, reference: str, theme: str) -> None:
    dialog = open_dialog(page, page.act_new_rec)
    field(dialog, "reference").setText(reference)
    field(dialog, "theme").setEditText(theme)
    field(dialog, "text").setPlainText("Make sure every referral gets a decision within a day.")
    save(dialog)


def fill_new_action(dialog: FormDialog, reference: str, lead: str) -> None:
    field(dialog, "reference").setText(reference)
    field(dialog, "description").setPlainText("Audit ten referrals a month")
    field(dialog, "lead_officer").setEditText(lead)
    field(dialog, "target_date").setDate(QDate(2014, 9, 30))


def test_add_recommendation_then_action_with_undo_and_redo(
    page: PlanPage, stack: QUndoStack
) -> None:
    desk = page.desk
    add_recommendation(page, "R8", "Early help")
    assert stack.undoText() == "Add recommendation R8"
    [rec] = [r for r in desk.plan.snapshot().recommendations if r.reference == "R8"]
    assert page.filters.theme.findData("Early help") > 0  # the new theme is a filter choice

    page.rec_list.setCurrentIndex(page.recommendations.index(page.recommendations.row_of(rec.id)))
    assert page.proxy.rowCount() == 0
    dialog = open_dialog(page, page.act_new_action)
    assert field(dialog, "recommendation").currentData() == rec.id
    fill_new_action(dialog, "8.1", "Jo Cross")
    save(dialog)
    added = by_ref(desk, "8.1")
    assert (added.recommendation_id, added.lead_officer) == (rec.id, "Jo Cross")
    assert page.current_action_id() == added.id
    assert shown_ids(page) == [added.id]
    assert "Audit ten referrals a month" in page.detail.toPlainText()
    assert stack.undoText() == "Add action 8.1"
    stack.undo()
    with pytest.raises(NotFound):
        desk.plan.action(added.id)
    assert cell(page, added.id, Col.REFERENCE) is None
    assert stack.undoText() == "Add recommendation R8"
    stack.redo()
    assert desk.plan.action(added.id).reference == "8.1"
    assert cell(page, added.id, Col.REFERENCE) == "8.1"


def test_empty_board_asks_for_a_recommendation_and_a_person_first(
    make_page: Any, desk: Desk, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    page = make_page(desk, messenger)
    assert page.filters.count.text() == "0 actions"
    page.act_new_action.trigger()
    assert (page.editor.dialog, messenger.messages[-1][1]) == (None, "Add a recommendation first")

    add_recommendation(page, "R1", "Workforce")
    assert "Add person" in page.detail.toPlainText()
    page.act_new_action.trigger()
    assert (page.editor.dialog, messenger.messages[-1][1]) == (None, "Add a person first")

    dialog = open_dialog(page, page.act_add_person)
    field(dialog, "name").setText("Siobhán O’Neill")
    save(dialog)
    assert desk.plan.snapshot().people == ("Siobhán O’Neill",)
    assert stack.undoText() == "Add person Siobhán O’Neill"
    dialog = open_dialog(page, page.act_new_action)
    fill_new_action(dialog, "1.1", "siobhán o’neill")
    save(dialog)
    [action] = desk.plan.snapshot().actions
    assert action.lead_officer == "Siobhán O’Neill"
    assert page.current_action_id() == action.id
    assert page.filters.count.text().startswith("1 action")
    assert stack.count() == 3


def test_edit_description_and_lead_officer_with_undo_and_redo(
    page: PlanPage, stack: QUndoStack
) -> None:
    desk = page.desk
    before = select(page, "2.3")
    save(open_dialog(page, page.act_edit_action))  # unchanged: nothing written, nothing pushed
    assert (stack.count(), desk.plan.action(before.id).version) == (0, before.version)
    dialog = open_dialog(page, page.act_edit_action)
    assert dialog.windowTitle() == "Edit action 2.3"
    field(dialog, "description").setPlainText("Recruit twelve “permanent” social workers")
    field(dialog, "lead_officer").setEditText("Priya Raman")
    save(dialog)
    after = desk.plan.action(before.id)
    assert after.description == "Recruit twelve “permanent” social workers"
    assert after.lead_officer == "Priya Raman"
    assert cell(page, before.id, Col.LEAD) == "Priya Raman"
    assert "Recruit twelve" in page.detail.toPlainText()
    assert stack.undoText() == "Edit action 2.3"
    stack.undo()
    undone = desk.plan.action(before.id)
    assert (undone.description, undone.lead_officer) == (before.description, "Mark Hollis")
    assert cell(page, before.id, Col.LEAD) == "Mark Hollis"
    assert page.current_action_id() == before.id
    stack.redo()
    redone = desk.plan.action(before.id)
    assert (redone.description, redone.lead_officer) == (after.description, "Priya Raman")
    assert cell(page, before.id, Col.DESCRIPTION) == after.description


def test_set_status_with_undo_and_a_refused_blue(
    page: PlanPage, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    desk = page.desk
    action = select(page, "1.2")
    assert (action.status, action.evidence_of_impact) == (Brag.GREEN, "")
    page.status_actions[Brag.BLUE].trigger()  # Blue needs evidence of impact
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("error", "Cannot set 1.2 to Blue")
    assert "Evidence of impact" in text
    assert (desk.plan.action(action.id), stack.count()) == (action, 0)

    page.status_actions[Brag.RED].trigger()
    assert (desk.plan.action(action.id).status, stack.undoText()) == (Brag.RED, "Set 1.2 to Red")
    assert cell(page, action.id, Col.STATUS) == "R Red"
    assert page.current_action_id() == action.id
    stack.undo()
    assert desk.plan.action(action.id).status is Brag.GREEN
    assert cell(page, action.id, Col.STATUS) == "G Green"
    stack.redo()
    assert desk.plan.action(action.id).status is Brag.RED
    assert len(messenger.messages) == 1


def test_progress_update_with_undo_and_redo(page: PlanPage, stack: QUndoStack) -> None:
    desk = page.desk
    action = select(page, "1.2")
    count = len(desk.plan.history(action.id).updates)
    dialog = open_dialog(page, page.act_update)
    field(dialog, "update_text").setPlainText("Board agreed the new chair’s terms; £2k saved.")
    save(dialog)
    updates = desk.plan.history(action.id).updates
    assert len(updates) == count + 1
    assert (updates[-1].update_date, updates[-1].author) == (TODAY, ACTOR.name)
    assert "new chair’s terms; £2k saved" in page.detail.toPlainText()
    assert f"Progress updates ({count + 1})" in page.detail.toPlainText()
    assert stack.undoText() == "Add progress update to 1.2"
    stack.undo()
    assert len(desk.plan.history(action.id).updates) == count
    assert "new chair’s terms" not in page.detail.toPlainText()
    stack.redo()
    assert desk.plan.history(action.id).updates[-1].text.startswith("Board agreed")
    assert "new chair’s terms" in page.detail.toPlainText()


def test_rebaseline_with_undo(page: PlanPage, stack: QUndoStack) -> None:
    desk = page.desk
    action = select(page, "1.2")
    assert (action.target_date, action.revision_count) == (date(2014, 12, 31), 0)
    assert cell(page, action.id, Col.TARGET) == "31 Dec 2014"
    dialog = open_dialog(page, page.act_rebaseline)
    field(dialog, "new_target").setDate(QDate(2015, 3, 31))
    field(dialog, "reason").setPlainText("Chair asked for a longer handover")
    save(dialog)
    moved = desk.plan.action(action.id)
    assert moved.target_date == date(2015, 3, 31)
    assert moved.original_target_date == date(2014, 12, 31)  # the original commitment stays
    assert cell(page, action.id, Col.TARGET) == "31 Mar 2015 ✱"
    assert "longer handover" in page.detail.toPlainText()
    assert stack.undoText() == "Re-baseline 1.2 to 31 Mar 2015"
    stack.undo()
    back = desk.plan.action(action.id)
    assert (back.target_date, back.revision_count) == (date(2014, 12, 31), 0)
    assert cell(page, action.id, Col.TARGET) == "31 Dec 2014"
    stack.redo()
    assert desk.plan.action(action.id).target_date == date(2015, 3, 31)


def test_a_refusal_keeps_the_dialog_open_with_the_problem(
    page: PlanPage, stack: QUndoStack
) -> None:
    desk = page.desk
    before = desk.plan.snapshot().actions
    dialog = open_dialog(page, page.act_new_action)
    fill_new_action(dialog, "1.1", "Jo Cross")  # 1.1 exists already
    save(dialog, closes=False)
    assert page.editor.dialog is dialog
    problem = dialog.findChild(QLabel, "reference_error")
    assert problem.isVisible()
    assert "already used" in problem.text()
    assert not dialog.save_button.isEnabled()
    assert (desk.plan.snapshot().actions, stack.count()) == (before, 0)
    field(dialog, "reference").setText("1.9")
    save(dialog)
    assert by_ref(desk, "1.9").lead_officer == "Jo Cross"


def test_delete_action_and_undo_brings_back_its_history(
    page: PlanPage, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    desk = page.desk
    action = select(page, "2.4")
    history = desk.plan.history(action.id)
    assert (len(history.updates), len(history.revisions)) == (4, 2)
    messenger.answer_yes = False
    page.act_delete_action.trigger()
    assert (desk.plan.action(action.id), stack.count()) == (action, 0)
    messenger.answer_yes = True
    page.act_delete_action.trigger()
    assert messenger.messages[-1][0] == "confirm"
    assert "2.4 with its 4 progress update(s)" in messenger.messages[-1][2]
    with pytest.raises(NotFound):
        desk.plan.action(action.id)
    assert cell(page, action.id, Col.REFERENCE) is None
    assert page.current_action_id() is None
    assert stack.undoText() == "Delete action 2.4"
    stack.undo()
    assert desk.plan.action(action.id) == action
    assert desk.plan.history(action.id) == history
    assert cell(page, action.id, Col.TARGET) == "31 Jan 2014 ✱"


def expect(page: PlanPage, wanted: set[int], total: int) -> None:
    assert wanted, "a filter test needs some matching actions"
    assert set(shown_ids(page)) == wanted
    assert page.proxy.rowCount() == len(wanted)
    assert page.filters.count.text() == f"{len(wanted)} of {total} actions"


def choose(combo: QComboBox, text: str) -> None:
    index = combo.findText(text)
    assert index > 0, text
    combo.setCurrentIndex(index)


def haystack(a: ActionRecord) -> str:
    fields = (a.reference, a.description, a.lead_officer, a.theme, a.recommendation_reference)
    return " ".join((*fields, a.success_measures, a.evidence_of_impact, a.status.label)).lower()


def test_filters_narrow_the_table(page: PlanPage) -> None:
    snap = page.desk.plan.snapshot()
    actions, total, bar = snap.actions, len(snap.actions), page.filters
    assert bar.count.text() == f"{total} actions"
    bar.search.setText("caseload")
    expect(page, {a.id for a in actions if "caseload" in haystack(a)}, total)
    bar.search.setText("HOLLIS amber")
    expect(page, {a.id for a in actions if a.reference == "2.4"}, total)
    bar.clear.click()
    assert (bar.search.text(), page.proxy.rowCount()) == ("", total)
    choose(bar.theme, "Workforce")
    expect(page, {a.id for a in actions if a.theme == "Workforce"}, total)
    bar.overdue.setChecked(True)
    expect(page, {a.id for a in actions if a.theme == "Workforce" and a.overdue}, total)
    bar.clear.click()
    assert bar.count.text() == f"{total} actions"
    choose(bar.lead, "Sarah Mitchell")
    expect(page, {a.id for a in actions if a.lead_officer == "Sarah Mitchell"}, total)
    bar.clear.click()
    for status in (Brag.RED, Brag.NOT_STARTED, Brag.BLUE):
        choose(bar.status, f"{status.letter} {status.label}")
        expect(page, {a.id for a in actions if a.status is status}, total)
    bar.clear.click()
    bar.overdue.setChecked(True)
    expect(page, {a.id for a in actions if a.overdue_days > 0}, total)
    bar.clear.click()
    assert bar.theme.currentIndex() == bar.lead.currentIndex() == bar.status.currentIndex() == 0
    assert (bar.overdue.isChecked(), page.proxy.rowCount()) == (False, total)

    # The recommendation list narrows the table too; Clear filters resets it as well.
    r3 = snap.recommendations[2]
    page.rec_list.setCurrentIndex(page.recommendations.index(3, 0))
    under_r3 = {a.id for a in actions if a.recommendation_id == r3.id}
    expect(page, under_r3, total)
    assert page.current_recommendation() == r3
    assert page.act_edit_rec.isEnabled()
    bar.search.setText("framework")
    both = under_r3 & {a.id for a in actions if "framework" in haystack(a)}
    assert len(both) < len(under_r3)
    expect(page, both, total)
    bar.clear.click()  # clears the bar and goes back to "All recommendations"
    assert page.proxy.rowCount() == total
    assert page.current_recommendation() is None
    assert not page.act_edit_rec.isEnabled()


def test_sorting_by_header(page: PlanPage) -> None:
    header = page.table.horizontalHeader()
    actions = {a.id: a for a in page.desk.plan.snapshot().actions}
    assert [actions[i].reference for i in shown_ids(page)][:3] == ["1.1", "1.2", "1.3"]

    x = header.sectionViewportPosition(Col.TARGET) + header.sectionSize(Col.TARGET) // 2
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == Col.TARGET
    targets = [actions[i].target_date for i in shown_ids(page)]
    ascending = header.sortIndicatorOrder() is Qt.SortOrder.AscendingOrder
    assert targets == sorted(targets, reverse=not ascending)
    QTest.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [actions[i].target_date for i in shown_ids(page)] == sorted(targets, reverse=ascending)

    page.table.sortByColumn(Col.STATUS, Qt.SortOrder.DescendingOrder)
    severities = [actions[i].status.severity for i in shown_ids(page)]
    assert severities == sorted(severities, reverse=True)
    assert severities[0] != severities[-1]


def test_selection_survives_a_reload_and_an_outside_change(page: PlanPage) -> None:
    action = select(page, "4.6")
    page.table.sortByColumn(Col.LEAD, Qt.SortOrder.AscendingOrder)
    page.reload()
    assert page.current_action_id() == action.id
    assert page.detail.toPlainText().startswith("4.6")
    draft = action.draft().with_status(Brag.GREEN)
    page.desk.actions.update(action.id, draft, expected_version=action.version)
    page.reload()
    assert page.current_action_id() == action.id
    assert cell(page, action.id, Col.STATUS) == "G Green"
    assert page.act_edit_action.isEnabled()


def test_read_only_board_disables_every_editing_action(
    make_page: Any, demo_desk: Desk, board_path: Path, messenger: RecordingMessenger
) -> None:
    demo_desk.close()
    viewer = open_desk(board_path, ACTOR, read_only=True, take_lock=False)
    try:
        page = make_page(viewer, messenger)
        page.rec_list.setCurrentIndex(page.recommendations.index(1, 0))
        select(page, "1.2")
        assert page.current_recommendation() is not None
        editing = [
            page.act_new_rec, page.act_edit_rec, page.act_delete_rec, page.act_new_action,
            page.act_edit_action, page.act_update, page.act_rebaseline, page.act_delete_action,
            page.act_add_person, *page.status_actions.values(),
        ]  # fmt: skip
        assert [a.text() for a in editing if a.isEnabled()] == []
        assert page.act_find.isEnabled()
        page.status_actions[Brag.RED].trigger()
        assert (page.editor.dialog, messenger.messages) == (None, [])
    finally:
        viewer.close()


def focus_table(qtbot: QtBot, page: PlanPage) -> None:
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)


def test_keyboard_return_edits_and_ctrl_f_finds(qtbot: QtBot, page: PlanPage) -> None:
    action = select(page, "3.2")
    focus_table(qtbot, page)
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.editor.dialog
    assert isinstance(dialog, FormDialog)
    assert dialog.windowTitle() == f"Edit action {action.reference}"
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert page.editor.dialog is None
    focus_table(qtbot, page)
    QTest.keyClick(page.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is page.filters.search
    QTest.keyClicks(page.filters.search, "front door")
    assert page.filters.search.text() == "front door"
    assert 0 < page.proxy.rowCount() < page.model.rowCount()


def test_conflict_keeps_the_other_sessions_change(
    page: PlanPage, board_path: Path, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    action = select(page, "3.3")
    other = open_desk(board_path, ACTOR, take_lock=False, today=lambda: TODAY)
    try:
        draft = replace(action.draft(), description="Changed in the meeting room")
        other.actions.update(action.id, draft, expected_version=action.version)
    finally:
        other.close()
    dialog = open_dialog(page, page.act_edit_action)
    field(dialog, "description").setPlainText("Changed at my desk")
    save(dialog, closes=False)
    box = page.editor.conflict_box
    assert box is not None
    assert "was changed by Test Officer at" in box.text()
    assert "Their change: description “" in box.text()
    assert dialog.isVisible(), "the form stays open with what I typed"
    [reload] = [b for b in box.buttons() if b.text() == RELOAD]
    reload.click()
    assert page.editor.dialog is None
    assert page.desk.plan.action(action.id).description == "Changed in the meeting room"
    assert cell(page, action.id, Col.DESCRIPTION) == "Changed in the meeting room"
    assert stack.count() == 0
    assert messenger.messages == []


def test_save_mine_over_theirs_after_a_conflict(
    page: PlanPage, board_path: Path, stack: QUndoStack
) -> None:
    action = select(page, "3.3")
    other = open_desk(board_path, ACTOR, take_lock=False, today=lambda: TODAY)
    try:
        draft = replace(action.draft(), description="Changed in the meeting room")
        other.actions.update(action.id, draft, expected_version=action.version)
    finally:
        other.close()
    dialog = open_dialog(page, page.act_edit_action)
    field(dialog, "description").setPlainText("Changed at my desk")
    save(dialog, closes=False)
    box = page.editor.conflict_box
    assert box is not None
    [overwrite] = [b for b in box.buttons() if b.text() == OVERWRITE]
    overwrite.click()
    assert page.editor.dialog is None
    assert page.desk.plan.action(action.id).description == "Changed at my desk"
    stack.undo()
    assert page.desk.plan.action(action.id).description == "Changed in the meeting room"


def test_return_and_delete_act_only_in_the_table(
    qtbot: QtBot, page: PlanPage, messenger: RecordingMessenger
) -> None:
    select(page, "3.2")
    focus_table(qtbot, page)
    page.filters.search.setFocus()
    qtbot.waitUntil(page.filters.search.hasFocus)
    QTest.keyClick(page.filters.search, Qt.Key.Key_Return)
    assert page.editor.dialog is None, "Return in the search box does not open the action"
    page.rec_list.setFocus()
    qtbot.waitUntil(page.rec_list.hasFocus)
    QTest.keyClick(page.rec_list, Qt.Key.Key_Delete)
    assert messenger.messages == [], "Delete in the recommendation list deletes nothing"
    focus_table(qtbot, page)
    QTest.keyClick(page.table, Qt.Key.Key_Delete)
    assert [kind for kind, *_ in messenger.messages] == ["confirm"]
