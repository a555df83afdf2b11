"""The scorecard page: dialogs through the services into the table, undo and redo of every
change, the month's figures entered by keyboard alone, bad input refused field by field with
nothing written, read-only boards, shortcuts and layout."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.scorecard import IndicatorDraft, Polarity, Unit
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.scorecard_records import ScorecardRow
from improvement_desk.ui.forms import FormDialog
from improvement_desk.ui.scorecard.columns import ScoreCol, rag_counts_text
from improvement_desk.ui.scorecard.figure_dialog import FigureDialog
from improvement_desk.ui.scorecard.figures_model import FigureCol
from improvement_desk.ui.scorecard.indicator_dialog import IndicatorDialog
from improvement_desk.ui.scorecard.month_dialog import MonthFiguresDialog
from improvement_desk.ui.scorecard.month_model import MonthCol
from improvement_desk.ui.scorecard.scorecard_page import ScorecardPage
from improvement_desk.ui.scorecard.target_dialogs import RemoveTargetDialog, TargetDialog

from .conftest import RecordingMessenger
from .dialog_kit import assert_error, visible_errors
from .scorecard_fixtures import SPECS, build_scorecard

pytestmark = pytest.mark.gui

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"
FEB, MAR = date(2014, 2, 1), date(2014, 3, 1)
# Window-wide keys (File, Edit): a page key equal to one of these would disable both.
WINDOW_KEYS = {"Ctrl+O", "Ctrl+Q", "Ctrl+Z", "Ctrl+Y", "Ctrl+Shift+Z", "Ctrl+E", "Ctrl+I",
               "Ctrl+Shift+E", "Ctrl+Shift+I"}  # fmt: skip


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def make_page(qtbot: QtBot, stack: QUndoStack) -> Any:
    def make(desk: Desk, messenger: RecordingMessenger, width: int = 1440) -> ScorecardPage:
        page = ScorecardPage(desk, stack, messenger)
        qtbot.addWidget(page)
        page.resize(width, 860)
        page.show()
        qtbot.waitExposed(page)
        return page

    return make


@pytest.fixture
def ids(desk: Desk) -> dict[str, int]:
    """Six months of figures, to February 2014: March is the month to enter."""
    return build_scorecard(desk, months=6, upto=FEB)


@pytest.fixture
def page(make_page: Any, desk: Desk, ids: dict[str, int], messenger: RecordingMessenger) -> Any:
    return make_page(desk, messenger)


def row(page: ScorecardPage, reference: str) -> ScorecardRow:
    return next(
        r for r in page.desk.scorecard.snapshot().rows if r.indicator.reference == reference
    )


def select(page: ScorecardPage, reference: str) -> ScorecardRow:
    found = row(page, reference)
    assert page.select_indicator(found.indicator.id), f"{reference} is not shown"
    assert page.current_id() == found.indicator.id
    return found


def cell(page: ScorecardPage, reference: str, col: ScoreCol) -> Any:
    """What the table shows for an indicator, or None when it is not in the table."""
    for r in range(page.proxy.rowCount()):
        if page.proxy.index(r, ScoreCol.REFERENCE).data() == reference:
            return page.proxy.index(r, col).data()
    return None


def shown_refs(page: ScorecardPage) -> list[str]:
    return [page.proxy.index(r, ScoreCol.REFERENCE).data() for r in range(page.proxy.rowCount())]


def dialog(page: ScorecardPage) -> Any:
    return page.editor.dialog


def figure_count(desk: Desk) -> int:
    return sum(len(r.figures) for r in desk.scorecard.snapshot().rows)


def save(dialog: FormDialog) -> None:
    assert dialog.save_button.isEnabled(), visible_errors(dialog)
    dialog.save_button.click()


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def keys(text: str) -> None:
    """Types into whatever has the focus now, as a person at the keyboard does."""
    for char in text:
        QTest.keyClick(QApplication.focusWidget(), char)


def press(key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    QTest.keyClick(QApplication.focusWidget(), key, modifier)


# -- the page ----------------------------------------------------------------------------------


def test_the_page_shows_every_active_indicator_rated(page: ScorecardPage) -> None:
    snap = page.snapshot()
    assert page.title == "Scorecard"
    assert shown_refs(page) == [s.reference for s in SPECS], "the board's order"
    assert page.filters.count.text() == "12 indicators"
    summary = rag_counts_text(list(snap.rows))
    assert page.filters.summary.accessibleDescription() == summary
    assert "no target" in summary
    assert "red" in summary
    labels = [a.iconText() for a in page.toolbar.actions() if not a.isSeparator()]
    assert labels == ["New indicator", "Edit", "Enter figure", "Month's figures", "Set target",
                      "Deactivate", "Delete", "Move up", "Move down"]  # fmt: skip
    assert page.menu_actions()[-1] is page.act_find
    assert page.current_row() is not None, "the first indicator is selected"
    assert page.detail.facts.toPlainText().startswith("CP1 · ")
    assert page.detail.chart.has_series()
    assert cell(page, "CP4", ScoreCol.LATEST_PERIOD) == "Jan 2014", "no February figure"
    assert cell(page, "WF3", ScoreCol.RAG) == "No target"
    select(page, "CP4")
    lines = [page.detail.figures_model.index(r, FigureCol.VALUE).data() for r in range(2)]
    assert lines == ["No figure", row(page, "CP4").indicator.unit.show(row(page, "CP4").latest)]
    header = page.table.horizontalHeader()
    metrics = header.fontMetrics()
    for col in ScoreCol:
        text = page.model.headerData(col, Qt.Orientation.Horizontal)
        assert header.sectionSize(col) >= metrics.horizontalAdvance(text) + 20, text


def test_twelve_or_twenty_four_periods(page: ScorecardPage) -> None:
    assert len(page.current_row().series) == 12  # type: ignore[union-attr]
    page.filters.period_buttons[24].click()
    assert page.filters.period_count() == 24
    assert len(page.current_row().series) == 24  # type: ignore[union-attr]
    assert page.current_id() == row(page, "CP1").indicator.id, "the selection stays"


# -- indicators --------------------------------------------------------------------------------


def fill_indicator(d: IndicatorDialog, reference: str = "EH1") -> None:
    d.reference.setText(reference)
    d.name.setText("Early help assessments completed")
    d.definition.setPlainText("Assessments completed, of those started")
    d.unit.setCurrentIndex(d.unit.findData(Unit.PERCENT.value))
    d.polarity.setCurrentIndex(d.polarity.findData(Polarity.HIGHER_IS_BETTER.value))
    d.tolerance.setText("4")
    d.england.setText("71.5%")
    d.target.setText("75")


def test_new_indicator_goes_into_the_table_and_undo_takes_it_out(
    page: ScorecardPage, stack: QUndoStack
) -> None:
    page.act_new.trigger()
    d = dialog(page)
    assert isinstance(d, IndicatorDialog)
    assert d.reference.text() == "CP5", "the next number of the most used prefix"
    fill_indicator(d)
    d.target_from.setEditText("Apr 2013")
    save(d)
    assert dialog(page) is None
    assert cell(page, "EH1", ScoreCol.INDICATOR) == "Early help assessments completed"
    assert cell(page, "EH1", ScoreCol.RAG) == "No figure"
    assert cell(page, "EH1", ScoreCol.ENGLAND) == "71.5%"
    assert page.current_row().indicator.reference == "EH1"  # type: ignore[union-attr]
    made = row(page, "EH1").indicator
    assert [(t.from_period, t.target) for t in made.targets] == [(date(2013, 4, 1), 75.0)]
    assert stack.undoText() == "Add indicator EH1"
    stack.undo()
    assert cell(page, "EH1", ScoreCol.REFERENCE) is None
    stack.redo()
    assert cell(page, "EH1", ScoreCol.ENGLAND) == "71.5%"
    assert row(page, "EH1").indicator.targets == made.targets


def test_editing_an_indicator_and_undoing_it(page: ScorecardPage, stack: QUndoStack) -> None:
    before = select(page, "CP2").indicator
    page.act_edit.trigger()
    d = dialog(page)
    assert isinstance(d, IndicatorDialog)
    assert d.windowTitle() == "Edit indicator CP2"
    assert not d.unit.isEnabled(), "figures are recorded"
    assert not d.frequency.isEnabled()
    assert d.tolerance.text() == "3"
    d.name.setText("Re-referrals within a year")
    d.neighbours.setText("")
    save(d)
    assert cell(page, "CP2", ScoreCol.INDICATOR) == "Re-referrals within a year"
    assert cell(page, "CP2", ScoreCol.NEIGHBOURS) == "–"
    stack.undo()
    assert row(page, "CP2").indicator.draft() == before.draft()
    assert cell(page, "CP2", ScoreCol.INDICATOR) == before.name
    stack.redo()
    assert cell(page, "CP2", ScoreCol.INDICATOR) == "Re-referrals within a year"


def test_bad_indicator_input_is_named_under_its_field_and_nothing_is_written(
    page: ScorecardPage, desk: Desk
) -> None:
    count = len(desk.scorecard.indicators())
    page.act_new.trigger()
    d = dialog(page)
    fill_indicator(d)
    d.reference.setText("")
    assert_error(d, "Reference", "required")
    d.reference.setText("cp1")
    assert_error(d, "Reference", "already used by CP1")
    d.reference.setText("EH1")
    d.england.setText("120")
    assert_error(d, "England", "120% is more than 100%")
    d.england.setText("seventy")
    assert_error(d, "England", "must be a number")
    d.england.setText("")
    d.tolerance.setText("lots")
    assert_error(d, "Amber tolerance", "must be a number")
    d.tolerance.setText("4")
    d.target.setText("75")
    d.target_from.setEditText("Smarch 2014")
    assert_error(d, "From", "is not a month")
    d.target_from.setEditText("Apr 2014")
    assert visible_errors(d) == []
    # Someone else takes the reference while the dialog is open: the service refuses it.
    other = IndicatorDraft("EH1", "Another", Unit.COUNT, Polarity.LOWER_IS_BETTER)
    desk.indicators.create(other)
    save(d)
    assert dialog(page) is d, "the dialog stays open with the problem"
    assert_error(d, "Reference", "EH1 is already used by another indicator")
    assert len(desk.scorecard.indicators()) == count + 1, "only the colleague's was written"
    d.reject()


# -- figures -----------------------------------------------------------------------------------


def test_entering_a_figure_defaults_to_the_latest_period_not_yet_filled(
    page: ScorecardPage, stack: QUndoStack
) -> None:
    select(page, "CP2")
    page.act_figure.trigger()
    d = dialog(page)
    assert isinstance(d, FigureDialog)
    assert d.period.currentText() == "Mar 2014"
    assert not d.recorded.isVisible()
    assert (
        d.previous.text()
        == f"Period before, Feb 2014: {row(page, 'CP2').indicator.unit.show(row(page, 'CP2').latest)}"
    )
    d.value_edit.setText("19.5")
    d.commentary.setPlainText("The new front door is working.")
    save(d)
    assert cell(page, "CP2", ScoreCol.LATEST) == "19.5%"
    assert cell(page, "CP2", ScoreCol.LATEST_PERIOD) == "Mar 2014"
    assert cell(page, "CP2", ScoreCol.RAG) == "Green"
    assert cell(page, "CP2", ScoreCol.DIRECTION) == "▲ Improving"
    assert stack.undoText() == "Enter CP2 Mar 2014 figure (19.5%)"
    stack.undo()
    assert cell(page, "CP2", ScoreCol.LATEST_PERIOD) == "Feb 2014"
    stack.redo()
    assert cell(page, "CP2", ScoreCol.LATEST) == "19.5%"
    select(page, "CP4")  # a gap in February, behind January's figure: the next is February
    page.act_figure.trigger()
    assert dialog(page).period.currentText() == "Feb 2014"
    dialog(page).reject()


def test_correcting_a_figure_shows_its_old_value(page: ScorecardPage, stack: QUndoStack) -> None:
    before = select(page, "CP1")
    old = before.figures[-1]
    assert page.detail.select_period(FEB)
    page.detail.figures.doubleClicked.emit(page.detail.figures.currentIndex())
    d = dialog(page)
    assert isinstance(d, FigureDialog)
    assert d.windowTitle() == "Correct figure for CP1"
    assert d.period.currentText() == "Feb 2014"
    assert d.value_edit.text() == f"{old.value:g}"
    assert d.recorded.isVisible()
    assert d.recorded.text().startswith(f"Recorded already: {old.value:.1f}% by Test Officer")
    d.value_edit.setText("99")
    save(d)
    assert cell(page, "CP1", ScoreCol.LATEST) == "99.0%"
    assert stack.undoText() == f"Correct CP1 Feb 2014 figure ({old.value:.1f}% → 99.0%)"
    stack.undo()
    assert row(page, "CP1").latest == old.value
    stack.redo()
    assert row(page, "CP1").latest == 99.0
    # Choosing another period with a figure fills the boxes with that one instead.
    page.act_figure.trigger()
    d = dialog(page)
    d.period.setEditText("Jan 2014")
    jan = next(f for f in row(page, "CP1").figures if f.period == date(2014, 1, 1))
    assert d.value_edit.text() == f"{jan.value:g}"
    d.reject()


def test_bad_figures_are_named_and_nothing_is_written(page: ScorecardPage, desk: Desk) -> None:
    count = figure_count(desk)
    select(page, "CP1")
    page.act_figure.trigger()
    d = dialog(page)
    d.value_edit.setText("120")
    assert_error(d, "Value", "120% is more than 100%")
    d.value_edit.setText("ninety")
    assert_error(d, "Value", "must be a number")
    d.value_edit.setText("-3")
    assert_error(d, "Value", "cannot be negative")
    d.value_edit.setText("95")
    d.period.setEditText("Jun 2014")
    assert_error(d, "Period", "Jun 2014 has not started yet")
    d.save_button.click()  # refused: Save checks again
    assert dialog(page) is d
    d.period.setEditText("next month")
    assert_error(d, "Period", "is not a month")
    d.reject()
    assert figure_count(desk) == count


def test_removing_a_figure_leaves_a_gap_until_undone(
    page: ScorecardPage, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    before = select(page, "LAC1")
    page.detail.select_period(FEB)
    assert page.act_remove_figure.isEnabled()
    page.act_remove_figure.trigger()
    assert messenger.messages[-1][1] == "Remove figure"
    assert cell(page, "LAC1", ScoreCol.LATEST_PERIOD) == "Jan 2014"
    assert page.detail.figures_model.index(0, FigureCol.VALUE).data() == "No figure"
    assert stack.undoText().startswith("Remove LAC1 Feb 2014 figure")
    stack.undo()
    assert row(page, "LAC1").figures == before.figures[:-1] + row(page, "LAC1").figures[-1:]
    assert cell(page, "LAC1", ScoreCol.LATEST_PERIOD) == "Feb 2014"
    stack.redo()
    assert cell(page, "LAC1", ScoreCol.LATEST_PERIOD) == "Jan 2014"


# -- the month's figures -------------------------------------------------------------------------


def open_month_by_keyboard(qtbot: QtBot, page: ScorecardPage) -> MonthFiguresDialog:
    activate(qtbot, page)
    page.table.setFocus()
    qtbot.waitUntil(page.table.hasFocus)
    press(Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    d = dialog(page)
    assert isinstance(d, MonthFiguresDialog)
    activate(qtbot, d)
    qtbot.waitUntil(d.grid.hasFocus)
    return d


def test_a_months_figures_entered_by_keyboard_alone(
    qtbot: QtBot, page: ScorecardPage, desk: Desk, stack: QUndoStack
) -> None:
    d = open_month_by_keyboard(qtbot, page)
    assert d.month.currentText() == "Mar 2014", "the latest month not yet filled"
    grid = d.model.rows()
    assert [r.indicator.reference for r in grid] == [s.reference for s in SPECS]
    assert d.grid.currentIndex().row() == 0
    assert d.grid.currentIndex().column() == MonthCol.VALUE
    typed = ["97.5", "22.4", "12.8", "84", "79", "371", "96.2", "66.5", "590", "14.5", "21"]
    for text in typed:  # Tab after each moves down the column, into the next row's cell
        keys(text)
        press(Qt.Key.Key_Tab)
    keys("31")
    press(Qt.Key.Key_Return)  # Enter after the last row goes to Save
    qtbot.waitUntil(d.save_button.hasFocus)
    assert [r.value_text for r in d.model.rows()] == [*typed, "31"]
    assert d.summary.text() == "12 figures to save"
    press(Qt.Key.Key_Return)
    assert dialog(page) is None
    assert cell(page, "CP1", ScoreCol.LATEST) == "97.5%"
    assert cell(page, "LAC3", ScoreCol.LATEST) == "590 days"
    assert cell(page, "WF3", ScoreCol.LATEST_PERIOD) == "Mar 2014"
    assert stack.undoText() == "Enter 12 figures for Mar 2014"
    stack.undo()
    assert {cell(page, s.reference, ScoreCol.LATEST_PERIOD) for s in SPECS} == {
        "Feb 2014", "Jan 2014",
    }  # fmt: skip
    stack.redo()
    assert {cell(page, s.reference, ScoreCol.LATEST_PERIOD) for s in SPECS} == {"Mar 2014"}


def test_the_grid_moves_down_with_enter_and_takes_commentary(
    qtbot: QtBot, page: ScorecardPage
) -> None:
    d = open_month_by_keyboard(qtbot, page)
    keys("95")
    press(Qt.Key.Key_Return)  # Enter commits through a queued call, as in Qt's own delegate
    qtbot.waitUntil(lambda: d.grid.currentIndex().row() == 1)
    press(Qt.Key.Key_Right)  # along to the commentary
    keys("Late return")
    press(Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: d.grid.currentIndex().row() == 2)
    rows = d.model.rows()
    assert (rows[0].value_text, rows[1].commentary) == ("95", "Late return")
    assert d.grid.currentIndex().column() == MonthCol.COMMENTARY
    assert "CP2 Mar 2014 Value is required when there is commentary" in d.cell_errors.text()
    assert not d.save_button.isEnabled()
    press(Qt.Key.Key_Left)
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)  # Shift+Tab goes back up
    assert (d.grid.currentIndex().row(), d.grid.currentIndex().column()) == (1, MonthCol.VALUE)
    keys("23")
    press(Qt.Key.Key_Tab)
    assert d.model.rows()[1].value_text == "23"
    assert d.save_button.isEnabled()
    # February has figures: the grid starts with them, and typing over one replaces it.
    d.month.setEditText("Feb 2014")
    assert d.model.rows()[1].value_text == "23", "what was typed stays when the month changes"
    d.grid.start_at(2)
    assert d.model.rows()[2].value_text == f"{row(page, 'CP3').latest:g}"
    keys("7.5")
    press(Qt.Key.Key_Tab)
    assert d.model.rows()[2].value_text == "7.5"
    assert "replacing one recorded before" in d.summary.text()
    d.reject()


def test_a_bad_cell_is_named_and_the_month_is_not_written(
    qtbot: QtBot, page: ScorecardPage, desk: Desk
) -> None:
    count = figure_count(desk)
    d = open_month_by_keyboard(qtbot, page)
    keys("120")
    press(Qt.Key.Key_Tab)
    keys("abc")
    press(Qt.Key.Key_Tab)
    keys("12.5")
    press(Qt.Key.Key_Tab)
    assert d.cell_errors.isVisible()
    assert d.cell_errors.text().splitlines() == [
        "CP1 Mar 2014 Value: 120% is more than 100%",
        "CP2 Mar 2014 Value must be a number, such as 93.8",
    ]
    assert not d.save_button.isEnabled()
    press(Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # Ctrl+Return: refused
    assert dialog(page) is d
    d.month.setEditText("Apr 2014")
    assert_error(d, "Month", "Apr 2014 has not started yet")  # type: ignore[arg-type]
    d.reject()
    assert figure_count(desk) == count


def test_the_service_refusing_the_month_writes_none_of_it(
    page: ScorecardPage, desk: Desk, messenger: RecordingMessenger
) -> None:
    """An indicator deleted by someone else while the grid was open: none of the month is
    written, the dialog stays open, and problems the service names land on their rows."""
    page.act_month.trigger()
    d = dialog(page)
    for n in range(d.model.rowCount()):
        d.model.setData(d.model.index(n, MonthCol.VALUE), "50")
    wf3 = row(page, "WF3")
    desk.indicators.delete(wf3.indicator.id, expected_version=wf3.indicator.version)
    count = figure_count(desk)
    d.save_button.click()
    assert messenger.messages[-1][:2] == ("error", "Nothing was saved")
    assert "was not found" in messenger.messages[-1][2]
    assert dialog(page) is d
    assert figure_count(desk) == count
    d.show_problems([FieldProblem("CP1 Mar 2014 Value", "is not what the return says")])
    assert d.cell_errors.text() == "CP1 Mar 2014 Value is not what the return says"
    assert d.model.index(0, MonthCol.VALUE).data(Qt.ItemDataRole.BackgroundRole) is not None
    assert not d.save_button.isEnabled()
    d.model.setData(d.model.index(0, MonthCol.VALUE), "51")
    assert not d.cell_errors.isVisible(), "editing the row clears the service's problem"
    d.reject()


# -- targets, activity, order, deletion ---------------------------------------------------------


def test_setting_and_removing_targets(page: ScorecardPage, stack: QUndoStack) -> None:
    select(page, "CP3")
    assert cell(page, "CP3", ScoreCol.TARGET) == "15.0%"
    page.act_target.trigger()
    d = dialog(page)
    assert isinstance(d, TargetDialog)
    assert d.start.currentText() == "Mar 2014"
    d.start.setEditText("Feb 2014")
    d.target.setText("10")
    save(d)
    assert cell(page, "CP3", ScoreCol.TARGET) == "10.0%", "February is now rated against 10%"
    assert stack.undoText() == "Set the target of CP3 from Feb 2014 to 10.0%"
    page.act_target.trigger()
    d = dialog(page)
    d.start.setEditText("Feb 2014")
    assert d.replaces.text() == "Replaces the target of 10.0% from that period."
    d.target.setText("12")
    save(d)
    assert cell(page, "CP3", ScoreCol.TARGET) == "12.0%"
    stack.undo()
    assert cell(page, "CP3", ScoreCol.TARGET) == "10.0%"
    stack.undo()
    assert cell(page, "CP3", ScoreCol.TARGET) == "15.0%"
    stack.redo()
    assert cell(page, "CP3", ScoreCol.TARGET) == "10.0%"
    page.act_remove_target.trigger()
    d = dialog(page)
    assert isinstance(d, RemoveTargetDialog)
    assert d.step.currentText() == "10.0% from Feb 2014"
    save(d)
    assert cell(page, "CP3", ScoreCol.TARGET) == "15.0%"
    assert stack.undoText() == "Remove the target of CP3 from Feb 2014"
    stack.undo()
    assert cell(page, "CP3", ScoreCol.TARGET) == "10.0%"
    stack.redo()
    assert cell(page, "CP3", ScoreCol.TARGET) == "15.0%"


def test_bad_targets_are_named(page: ScorecardPage) -> None:
    select(page, "CP3")
    page.act_target.trigger()
    d = dialog(page)
    d.target.setText("150")
    assert_error(d, "Target", "150% is more than 100%")
    d.target.setText("ten")
    assert_error(d, "Target", "must be a number")
    d.target.setText("10")
    d.start.setEditText("whenever")
    assert_error(d, "From", "is not a month")
    d.reject()


def test_deactivating_hides_an_indicator_until_included(
    page: ScorecardPage, stack: QUndoStack
) -> None:
    select(page, "WF3")
    assert page.act_active.text() == "Deacti&vate indicator"
    page.act_active.trigger()
    assert cell(page, "WF3", ScoreCol.REFERENCE) is None
    assert page.filters.count.text() == "11 indicators"
    assert "no target" not in page.filters.summary.accessibleDescription()
    page.filters.include_inactive.setChecked(True)
    assert cell(page, "WF3", ScoreCol.INDICATOR) == "Agency social workers in post (inactive)"
    select(page, "WF3")
    assert page.act_active.text() == "Acti&vate indicator"
    assert stack.undoText() == "Deactivate indicator WF3"
    stack.undo()
    assert row(page, "WF3").indicator.active
    stack.redo()
    assert not row(page, "WF3").indicator.active


def test_deleting_an_indicator_asks_first_and_undo_restores_it(
    page: ScorecardPage, stack: QUndoStack, messenger: RecordingMessenger
) -> None:
    before = select(page, "LAC2")
    page.act_delete.trigger()
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("confirm", "Delete indicator")
    assert "with its 6 figures and 1 target step" in text
    assert cell(page, "LAC2", ScoreCol.REFERENCE) is None
    stack.undo()
    again = row(page, "LAC2")
    assert (again.indicator.id, again.figures, shown_refs(page).index("LAC2")) == (
        before.indicator.id, before.figures, 7,
    )  # fmt: skip
    stack.redo()
    assert cell(page, "LAC2", ScoreCol.REFERENCE) is None
    messenger.answer_yes = False
    select(page, "LAC1")
    page.act_delete.trigger()
    assert cell(page, "LAC1", ScoreCol.REFERENCE) == "LAC1", "Cancel keeps it"


def test_moving_changes_the_boards_order_but_not_while_sorted(
    page: ScorecardPage, stack: QUndoStack
) -> None:
    select(page, "CP2")
    assert page.act_up.isEnabled()
    assert page.act_down.isEnabled()
    page.act_up.trigger()
    assert shown_refs(page)[:2] == ["CP2", "CP1"]
    assert page.current_row().indicator.reference == "CP2"  # type: ignore[union-attr]
    assert not page.act_up.isEnabled(), "already first"
    page.act_down.trigger()
    page.act_down.trigger()
    assert shown_refs(page)[:3] == ["CP1", "CP3", "CP2"]
    stack.undo()
    stack.undo()
    assert shown_refs(page)[:2] == ["CP2", "CP1"]
    stack.undo()
    assert shown_refs(page)[:2] == ["CP1", "CP2"]
    stack.redo()
    assert shown_refs(page)[:2] == ["CP2", "CP1"]
    page.table.sortByColumn(ScoreCol.RAG, Qt.SortOrder.DescendingOrder)
    assert not page.act_up.isEnabled()
    assert not page.act_down.isEnabled()
    page.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
    assert shown_refs(page)[:2] == ["CP2", "CP1"], "cleared: the board's order again"


def test_an_undo_after_someone_elses_change_is_refused(
    page: ScorecardPage, stack: QUndoStack, messenger: RecordingMessenger, desk: Desk
) -> None:
    select(page, "CP1")
    page.act_edit.trigger()
    d = dialog(page)
    d.name.setText("Plans reviewed on time")
    save(d)
    mine = row(page, "CP1").indicator
    from dataclasses import replace

    desk.indicators.update(
        mine.id, replace(mine.draft(), name="A colleague's name"), expected_version=mine.version
    )
    stack.undo()
    assert messenger.messages[-1][1] == "Could not undo “Edit indicator CP1”"
    assert row(page, "CP1").indicator.name == "A colleague's name"
    assert cell(page, "CP1", ScoreCol.INDICATOR) == "A colleague's name"


# -- read-only, shortcuts, empty board, layout ---------------------------------------------------


def test_read_only_board_disables_every_write(
    make_page: Any, desk: Desk, ids: dict[str, int], board_path: Path,
    messenger: RecordingMessenger,
) -> None:  # fmt: skip
    desk.close()
    viewer = open_desk(board_path, ACTOR, read_only=True, take_lock=False)
    try:
        page = make_page(viewer, messenger)
        select(page, "CP2")
        page.detail.select_period(FEB)
        writes = [page.act_new, page.act_edit, page.act_figure, page.act_month, page.act_target,
                  page.act_remove_target, page.act_remove_figure, page.act_edit_figure,
                  page.act_active, page.act_delete, page.act_up, page.act_down]  # fmt: skip
        assert [a.text() for a in writes if a.isEnabled()] == []
        assert page.act_find.isEnabled()
        page.table.doubleClicked.emit(page.table.currentIndex())
        page.detail.figures.doubleClicked.emit(page.detail.figures.currentIndex())
        assert (page.editor.dialog, messenger.messages) == (None, [])
        assert page.detail.chart.has_series(), "reading is not a write"
    finally:
        viewer.close()


def test_page_shortcuts_never_clash_with_the_windows(page: ScorecardPage) -> None:
    from PySide6.QtGui import QAction

    seen: dict[tuple[str, int], str] = {}
    for act in page.findChildren(QAction):
        text = act.shortcut().toString()
        if not text:
            continue
        assert text not in WINDOW_KEYS, (act.text(), text)
        assert act.shortcutContext() in (
            Qt.ShortcutContext.WidgetShortcut,
            Qt.ShortcutContext.WidgetWithChildrenShortcut,
        ), act.text()
        # One key may serve two views (Delete on the table and on the figures), never one twice.
        key = (text, id(act.associatedObjects()[0]))
        assert key not in seen, (act.text(), seen.get(key))
        seen[key] = act.text()
    assert page.act_new.shortcut() == QKeySequence(QKeySequence.StandardKey.New)
    assert page.act_month.shortcut().toString() == "Ctrl+M"


def test_an_empty_board_says_where_to_start(
    make_page: Any, desk: Desk, messenger: RecordingMessenger
) -> None:
    page = make_page(desk, messenger)
    assert page.filters.count.text() == "0 indicators"
    assert "New indicator" in page.detail.facts.toPlainText()
    assert page.act_new.isEnabled()
    assert not page.act_month.isEnabled()
    assert not page.act_edit.isEnabled()


def test_layout_is_remembered(make_page: Any, page: ScorecardPage, settings: Any) -> None:
    page.splitter.setSizes([300, 500])
    page.filters.period_buttons[24].click()
    header = page.table.horizontalHeader()
    header.moveSection(header.visualIndex(ScoreCol.RAG), 2)
    sizes = page.splitter.sizes()
    page.save_state(settings)
    again = make_page(page.desk, RecordingMessenger())
    again.restore_state(settings)
    assert again.splitter.sizes() == sizes
    assert again.filters.period_count() == 24
    assert len(again.current_row().series) == 24
    assert again.table.horizontalHeader().visualIndex(ScoreCol.RAG) == 2


@pytest.mark.parametrize("width", [1440, 1300])
def test_nothing_is_clipped_at_full_and_page_width(
    make_page: Any, desk: Desk, messenger: RecordingMessenger, width: int
) -> None:
    """The window is 1440 wide; its page area next to the navigation about 1300."""
    build_scorecard(desk)
    page = make_page(desk, messenger, width)
    select(page, "CP2")
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert page.grab().save(str(SCREENS / f"scorecard_page_{width}.png"))
    assert not page.table.horizontalScrollBar().isVisible(), "every column shows"
    assert page.table.horizontalHeader().sectionSize(ScoreCol.INDICATOR) >= 180
    assert not page.filters.is_stacked()
    assert page.filters.search.width() >= 200
    for combo in page.filters.findChildren(QComboBox):
        assert combo.width() >= combo.minimumSizeHint().width()
    for act in page.toolbar.actions():
        if not act.isSeparator():
            assert page.toolbar.widgetForAction(act).isVisible(), act.text()
    assert not page.detail.figures.horizontalScrollBar().isVisible()
    assert page.detail.chart.width() >= 400
