"""Enter a month's figures in one grid, by keyboard: type, Tab (or Enter), type, Tab…

Tab and Enter move down the column, as a performance officer works down the
return; past the last row they go to Save. The arrow keys move along a row to
its commentary, and typing over a recorded figure replaces it. Ctrl+Return saves from anywhere.
Every cell is checked as it is typed and the bad ones are named under the
grid; Save sends the new and changed figures to `record_many`, which saves
all of them or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.periods import Frequency, period_label
from improvement_desk.services.scorecard_records import ScorecardRow
from improvement_desk.ui.forms import FieldErrors, describe, plain_label
from improvement_desk.ui.scorecard.fields import PeriodField
from improvement_desk.ui.scorecard.month_model import (
    MonthCol,
    MonthEntryModel,
    MonthRow,
    default_month,
    month_rows,
)
from improvement_desk.ui.theme import error_text_css, label_colour
from improvement_desk.ui.widgets import named

Hint = QAbstractItemDelegate.EndEditHint
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class MonthGrid(QTableView):
    """A table where Tab and Enter go down the column and leave at the bottom (to Save)."""

    left_bottom = Signal()  # Tab or Enter past the last row

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(28)

    def moveCursor(
        self, cursorAction: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = self.currentIndex()
        model = self.model()
        if model is None or not current.isValid():
            return super().moveCursor(cursorAction, modifiers)
        if cursorAction is QAbstractItemView.CursorAction.MoveNext:
            return model.index(current.row() + 1, current.column())  # invalid past the end
        if cursorAction is QAbstractItemView.CursorAction.MovePrevious:
            return model.index(current.row() - 1, current.column())
        return super().moveCursor(cursorAction, modifiers)

    def closeEditor(self, editor: QWidget, hint: Hint) -> None:
        """Tab and Enter (which commits with SubmitModelCache) close the cell and move down;
        Shift+Tab moves up. No editor opens on the next cell: typing opens one, replacing
        what is there as in a spreadsheet, and the arrow keys move along the row."""
        step = {Hint.EditNextItem: 1, Hint.SubmitModelCache: 1, Hint.EditPreviousItem: -1}
        if hint not in step:
            super().closeEditor(editor, hint)
            return
        current = self.currentIndex()
        super().closeEditor(editor, Hint.NoHint)
        self.step(current, step[hint])

    def step(self, current: QModelIndex, by: int) -> None:
        """To the cell `by` rows down the column, or past the last row to Save."""
        target = self.model().index(current.row() + by, current.column())
        if target.isValid():
            self.setCurrentIndex(target)
        elif by > 0:
            self.left_bottom.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() is QAbstractItemView.State.EditingState
        current = self.currentIndex()
        if not editing and current.isValid() and event.key() in (*_ENTER, Qt.Key.Key_Tab):
            self.step(current, 1)
            event.accept()
            return
        super().keyPressEvent(event)

    def start_at(self, row: int = 0, col: MonthCol = MonthCol.VALUE) -> None:
        index = self.model().index(row, col)
        if index.isValid():
            self.setCurrentIndex(index)
        self.setFocus(Qt.FocusReason.OtherFocusReason)


class MonthFiguresDialog(QDialog):
    submitted = Signal(object)  # list[tuple[int, FigureDraft]]

    def __init__(
        self, parent: QWidget | None, *, rows: Sequence[ScorecardRow], today: date
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Enter a month's figures")
        self._rows = list(rows)
        self._today = today
        self._external: list[FieldProblem] = []
        self.month = PeriodField(Frequency.MONTHLY, today, back=36, field="Month")
        self.month.setObjectName("month")
        self.month.setAccessibleName("Month")
        self.month.set_period(default_month(self._rows, today))
        self.errors = FieldErrors()
        month_error = self.errors.add("Month", self.month)
        self.model = MonthEntryModel(today, self)
        self.grid = named(MonthGrid(), "month_grid", "Figures for the month")
        self.grid.setModel(self.model)
        header = self.grid.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in (
            (MonthCol.REFERENCE, 56), (MonthCol.INDICATOR, 300), (MonthCol.TARGET, 80),
            (MonthCol.PREVIOUS, 90), (MonthCol.VALUE, 90),
        ):  # fmt: skip
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.hint = plain_label(
            "Type each figure: Tab or Enter moves down, → moves along to its commentary, "
            "and typing over a figure replaces it. Leave a figure empty to skip that "
            "indicator. Ctrl+Return saves."
        )
        self.hint.setWordWrap(True)
        self.summary = named(plain_label(), "month_summary")
        self.cell_errors = named(plain_label(), "cell_errors", "Problems in the grid")
        self.cell_errors.setWordWrap(True)
        self.cell_errors.setStyleSheet(label_colour(error_text_css()))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self._submit)
        self.buttons.rejected.connect(self.reject)

        top = QFormLayout()
        label = QLabel("&Month:")
        label.setBuddy(self.month)
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.month)
        column.addWidget(month_error)
        top.addRow(label, holder)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.cell_errors)
        layout.addWidget(self.errors.general)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.month, self.grid)
        QWidget.setTabOrder(self.grid, self.save_button)

        save = QShortcut(QKeySequence("Ctrl+Return"), self)
        save.activated.connect(self._submit)
        self.month.currentTextChanged.connect(self._month_changed)
        self.model.dataChanged.connect(self._revalidate)
        self.model.modelReset.connect(self._revalidate)
        self.grid.left_bottom.connect(self.save_button.setFocus)
        self._month_changed()
        self.month.setMaximumWidth(240)
        # Tall enough for every row, up to a laptop screen; the grid scrolls beyond that.
        shown = max(self.model.rowCount(), 6)
        self.resize(980, min(260 + 28 * shown, 720))

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self.grid.start_at(0)

    # -- the month -----------------------------------------------------------------------------

    def _month_changed(self, *_: object) -> None:
        """New rows for the month, keeping what was typed (a month chosen after typing)."""
        month = self.month.period()
        if month is None:
            self._revalidate()
            return
        typed = {r.indicator.id: r for r in self.model.rows() if r.typed}
        fresh: list[MonthRow] = []
        for row in month_rows(self._rows, month):
            old = typed.get(row.indicator.id)
            fresh.append(
                row
                if old is None
                else replace(row, value_text=old.value_text, commentary=old.commentary, typed=True)
            )
        self._external = []
        self.model.set_rows(fresh)

    def selected_month(self) -> date | None:
        return self.month.period()

    # -- validation ----------------------------------------------------------------------------

    def problems(self) -> list[FieldProblem]:
        found: list[FieldProblem] = []
        month = self.month.period()
        if month is None:
            problem = self.month.problem()
            if problem is not None:
                found.append(problem)
        elif month > self._today:
            found.append(
                FieldProblem(
                    "Month", f"{period_label(month, Frequency.MONTHLY)} has not started yet"
                )
            )
        found += self.model.problems()
        return found

    def _revalidate(self, *_: object) -> list[FieldProblem]:
        found = self.problems()
        month_problems = [p for p in found if p.field == "Month"]
        self.errors.show([*month_problems, *self._external])
        cells = [p for p in found if p.field != "Month"]
        self.cell_errors.setText("\n".join(describe(p) for p in cells))
        self.cell_errors.setVisible(bool(cells))
        entries = self.model.entries() if not found else []
        replacing = sum(1 for r in self.model.rows() if r.changed and r.existing is not None)
        if not self.model.rows():
            text = "No active indicator has a figure due that month."
        elif found:
            text = ""
        else:
            text = f"{len(entries)} figure{'s' if len(entries) != 1 else ''} to save"
            if replacing:
                text += f", {replacing} replacing one recorded before"
        self.summary.setText(text)
        self.summary.setVisible(bool(text))
        ok = not found and not self._external and bool(entries)
        self.save_button.setEnabled(ok)
        self.save_button.setToolTip(
            "" if ok else "Not yet: " + ("; ".join(describe(p) for p in found) or "nothing typed")
        )
        return found

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        """Problems the service found: on the rows they name, or under the grid."""
        self.model.mark(problems)
        labels = {r.label for r in self.model.rows()}
        self._external = [
            p for p in problems if not any(p.field.startswith(f"{x} ") for x in labels)
        ]
        self._revalidate()
        self.cell_errors.setText("\n".join(describe(p) for p in self.model.problems()))
        self.cell_errors.setVisible(bool(self.model.problems()))
        self.save_button.setEnabled(False)

    def _submit(self) -> None:
        if self._revalidate() or self._external or not self.save_button.isEnabled():
            return
        self.submitted.emit(self.model.entries())
