"""The scorecard page: one row per indicator with its latest figure, target, RAG and direction,
and below it the selected indicator's trend, targets and figures.

Layout and wiring only, like the register page: editing goes through
`ScorecardEditor`, data through `desk.scorecard`. The page reloads the whole
scorecard after every change (tens of rows) and keeps the selection by id.
With no sort column the table shows the board's order, which Move up and
Move down change; sorting by a column disables them until the sort is
cleared (a third click on the header).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import DeskError
from improvement_desk.domain.scorecard import Rag
from improvement_desk.services.scorecard_records import ScorecardRow, ScorecardSnapshot
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.scorecard.columns import INDICATOR_ID_ROLE, ScoreCol, column_widths
from improvement_desk.ui.scorecard.editor import ScorecardEditor
from improvement_desk.ui.scorecard.filter_bar import ScorecardFilterBar
from improvement_desk.ui.scorecard.indicator_detail import IndicatorDetail
from improvement_desk.ui.scorecard.scorecard_filter import ScorecardCriteria, ScorecardFilterProxy
from improvement_desk.ui.scorecard.scorecard_model import ScorecardTableModel
from improvement_desk.ui.scorecard.sparkline import SparklineDelegate
from improvement_desk.ui.table_base import select_source_row, selected_id
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


class ScorecardPage(QWidget):
    title = "Scorecard"

    def __init__(
        self, desk: Desk, undo_stack: QUndoStack, messenger: Messenger, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("scorecard_page")
        self.desk = desk
        self.messenger = messenger
        self._snapshot: ScorecardSnapshot | None = None
        self.editor = ScorecardEditor(self, desk, undo_stack, messenger, self.reload, self.snapshot)

        self.model = ScorecardTableModel(self)
        self.proxy = ScorecardFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filters = ScorecardFilterBar(self)
        self.table = named(QTableView(), "indicators", "Indicators")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setItemDelegateForColumn(ScoreCol.TREND, SparklineDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSortIndicatorClearable(True)  # a third click returns to the board's order
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        for col, width in column_widths(header.font()).items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(ScoreCol.INDICATOR, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.table.setSortingEnabled(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.detail = IndicatorDetail(self)

        self._build_actions()
        self.toolbar = QToolBar("Scorecard", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (self.act_new, self.act_edit, self.act_figure, self.act_month,
                    self.act_target, None, self.act_active, self.act_delete, None,
                    self.act_up, self.act_down):  # fmt: skip
            self.toolbar.addSeparator() if act is None else self.toolbar.addAction(act)  # fmt: skip

        # The table takes the page's whole width so every column shows; the selected
        # indicator's facts, chart and figures sit side by side below it.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("scorecard_splitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([390, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filters.search, self.table)
        self.setTabOrder(self.table, self.detail.facts)
        self.setTabOrder(self.detail.facts, self.detail.figures)

        self.filters.changed.connect(self._on_filters)
        self.filters.periods_changed.connect(lambda *_: self.reload())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_selection())
        self.table.doubleClicked.connect(lambda *_: self._edit())
        self.table.customContextMenuRequested.connect(self._context_menu)
        header.sortIndicatorChanged.connect(lambda *_: self._update_enabled())
        figures = self.detail.figures
        figures.selectionModel().selectionChanged.connect(lambda *_: self._update_enabled())
        figures.doubleClicked.connect(lambda *_: self._edit_figure())
        figures.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        figures.customContextMenuRequested.connect(self._figures_menu)
        self.reload()

    # -- actions -------------------------------------------------------------------------------

    def _act(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        only_on: QWidget | None = None,
    ) -> QAction:
        """A page command; `only_on` keys (Return, Delete) act only when that view has focus."""
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(
                Qt.ShortcutContext.WidgetShortcut
                if only_on is not None
                else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        act.setStatusTip(text.replace("&", "").rstrip("…"))
        act.triggered.connect(lambda *_: slot())
        (only_on or self).addAction(act)
        return act

    def _build_actions(self) -> None:
        ed = self.editor
        self.act_new = self._act("&New indicator…", ed.new_indicator, QKeySequence.StandardKey.New)
        self.act_edit = self._act("&Edit indicator…", self._edit, "Return", only_on=self.table)
        self.act_figure = self._act("Enter f&igure…", self._enter_figure, "Ctrl+R")
        self.act_month = self._act("Enter a &month's figures…", self._enter_month, "Ctrl+M")
        self.act_target = self._act("Set &target…", self._set_target, "Ctrl+T")
        self.act_remove_target = self._act("Remove target ste&p…", self._remove_target)
        self.act_remove_figure = self._act(
            "Remove fi&gure", self._remove_figure, QKeySequence.StandardKey.Delete,
            only_on=self.detail.figures,
        )  # fmt: skip
        self.act_edit_figure = self._act(
            "Enter or correct the selected period…", self._edit_figure, "Return",
            only_on=self.detail.figures,
        )  # fmt: skip
        self.act_active = self._act("Deacti&vate indicator", self._toggle_active)
        self.act_delete = self._act(
            "&Delete indicator…", self._delete, QKeySequence.StandardKey.Delete,
            only_on=self.table,
        )  # fmt: skip
        self.act_up = self._act("Move &up", lambda: self._move(-1), "Ctrl+Shift+Up")
        self.act_down = self._act("Move do&wn", lambda: self._move(+1), "Ctrl+Shift+Down")
        self.act_find = self._act("&Find", self._focus_search, QKeySequence.StandardKey.Find)
        for act, short in ((self.act_new, "New indicator"), (self.act_edit, "Edit"),
                           (self.act_figure, "Enter figure"), (self.act_month, "Month's figures"),
                           (self.act_target, "Set target"), (self.act_active, "Deactivate"),
                           (self.act_delete, "Delete"), (self.act_up, "Move up"),
                           (self.act_down, "Move down")):  # fmt: skip
            act.setIconText(short)

    def menu_actions(self) -> list[QAction | None]:
        """What the main window's Scorecard menu shows (None is a separator)."""
        return [self.act_new, self.act_edit, None, self.act_figure, self.act_month,
                self.act_remove_figure, None, self.act_target, self.act_remove_target, None,
                self.act_active, self.act_delete, self.act_up, self.act_down, None,
                self.act_find]  # fmt: skip

    # -- data ----------------------------------------------------------------------------------

    def snapshot(self) -> ScorecardSnapshot:
        if self._snapshot is None:
            self._snapshot = self.desk.scorecard.snapshot(periods=self.filters.period_count())
        return self._snapshot

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.current_id()
        try:
            self._snapshot = self.desk.scorecard.snapshot(periods=self.filters.period_count())
        except DeskError as exc:
            self.messenger.problem(self, "Could not read the scorecard", exc)
            return
        rows = self._snapshot.rows
        self.model.set_rows(rows)
        self.filters.set_summary([r for r in rows if r.indicator.active])
        self._update_count()
        if keep is None or not self.select_indicator(keep):
            self._select_first()
        self._on_selection()

    def _select_first(self) -> None:
        if self.proxy.rowCount():
            self.table.selectRow(0)

    def _on_filters(self, criteria: ScorecardCriteria) -> None:
        self.proxy.set_criteria(criteria)
        self._update_count()
        self._on_selection()

    def show_filtered(self, *, rag: Rag | None = None) -> int:
        """Shows exactly the active indicators a dashboard figure counted (red this period),
        with the RAG filter set where the user sees it; returns how many are shown."""
        self.filters.show_only(rag=rag)
        return self.proxy.rowCount()

    def _update_count(self) -> None:
        shown_total = (
            self.model.rowCount()
            if self.proxy.criteria.include_inactive
            else sum(1 for r in self.model.rows() if r.indicator.active)
        )
        self.filters.set_count(self.proxy.rowCount(), shown_total)

    # -- selection -----------------------------------------------------------------------------

    def current_id(self) -> int | None:
        return selected_id(self.table, INDICATOR_ID_ROLE)

    def current_row(self) -> ScorecardRow | None:
        indicator_id = self.current_id()
        row = self.model.row_of(indicator_id) if indicator_id is not None else None
        return self.model.row(row) if row is not None else None

    def select_indicator(self, indicator_id: int) -> bool:
        return select_source_row(self.table, self.proxy, self.model.row_of(indicator_id))

    def _on_selection(self) -> None:
        row = self.current_row()
        if row is None:
            self.detail.show_nothing(self._empty_hint())
        else:
            self.detail.show_row(row, self.snapshot().as_at)
        self._update_enabled()

    def _empty_hint(self) -> str:
        if not self.model.rowCount():
            if self.desk.read_only:
                return "The scorecard is empty. This board is read-only."
            return (
                "The scorecard is empty.\n\nAdd the first indicator with Scorecard ▸ New "
                "indicator… (Ctrl+N): what it measures, its unit, whether higher or lower is "
                "better, and its target. Then enter figures month by month with Ctrl+M."
            )
        if self.proxy.rowCount() == 0:
            return "No indicator matches the filters. Clear filters to see every active one."
        return "Select an indicator to see its trend, targets and figures."

    def _neighbour(self, step: int) -> ScorecardRow | None:
        index = self.table.currentIndex()
        if not index.isValid() or self.proxy.sortColumn() >= 0:
            return None
        other = self.proxy.index(index.row() + step, 0)
        if not other.isValid():
            return None
        found = self.model.row_of(int(other.data(INDICATOR_ID_ROLE)))
        return self.model.row(found) if found is not None else None

    def _update_enabled(self) -> None:
        writable = not self.desk.read_only
        row = self.current_row()
        has = row is not None
        for act in (self.act_edit, self.act_figure, self.act_target, self.act_active,
                    self.act_delete):  # fmt: skip
            act.setEnabled(writable and has)
        self.act_new.setEnabled(writable)
        self.act_month.setEnabled(writable and any(r.indicator.active for r in self.model.rows()))
        self.act_remove_target.setEnabled(writable and has and bool(row and row.indicator.targets))
        line = self.detail.current_line()
        self.act_remove_figure.setEnabled(writable and line is not None and line.figure is not None)
        self.act_edit_figure.setEnabled(writable and line is not None)
        self.act_up.setEnabled(writable and self._neighbour(-1) is not None)
        self.act_down.setEnabled(writable and self._neighbour(+1) is not None)
        inactive = row is not None and not row.indicator.active
        self.act_active.setText("Acti&vate indicator" if inactive else "Deacti&vate indicator")
        self.act_active.setIconText("Activate" if inactive else "Deactivate")

    # -- commands ------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def _edit(self) -> None:
        if (row := self.current_row()) and not self.desk.read_only:
            self.editor.edit_indicator(row)

    def _enter_figure(self) -> None:
        if row := self.current_row():
            self.editor.enter_figure(row)

    def _edit_figure(self) -> None:
        row, line = self.current_row(), self.detail.current_line()
        if row is not None and line is not None and not self.desk.read_only:
            self.editor.enter_figure(row, line.period)

    def _enter_month(self) -> None:
        self.editor.enter_month(self.current_id())

    def _set_target(self) -> None:
        if row := self.current_row():
            self.editor.set_target(row)

    def _remove_target(self) -> None:
        if row := self.current_row():
            self.editor.remove_target(row)

    def _remove_figure(self) -> None:
        row, line = self.current_row(), self.detail.current_line()
        if row is not None and line is not None and line.figure is not None:
            self.editor.remove_figure(row, line.period)

    def _toggle_active(self) -> None:
        if row := self.current_row():
            self.editor.toggle_active(row)

    def _delete(self) -> None:
        if row := self.current_row():
            self.editor.delete_indicator(row)

    def _move(self, step: int) -> None:
        row, neighbour = self.current_row(), self._neighbour(step)
        if row is not None and neighbour is not None:
            self.editor.move(row, neighbour)

    def _context_menu(self, pos: Any) -> None:
        if self.current_row() is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for act in (self.act_edit, self.act_figure, self.act_target, self.act_remove_target,
                    None, self.act_active, self.act_delete):  # fmt: skip
            menu.addSeparator() if act is None else menu.addAction(act)  # fmt: skip
        menu.popup(self.table.viewport().mapToGlobal(pos))

    def _figures_menu(self, pos: Any) -> None:
        if self.detail.current_line() is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addAction(self.act_edit_figure)
        menu.addAction(self.act_remove_figure)
        menu.popup(self.detail.figures.viewport().mapToGlobal(pos))

    # -- persistence of layout -----------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("scorecard/splitter", self.splitter.saveState())
        settings.setValue("scorecard/detail_splitter", self.detail.splitter.saveState())
        settings.setValue("scorecard/header", self.table.horizontalHeader().saveState())
        settings.setValue("scorecard/periods", self.filters.period_count())

    def restore_state(self, settings: QSettings) -> None:
        for key, restore in (
            ("scorecard/splitter", self.splitter.restoreState),
            ("scorecard/detail_splitter", self.detail.splitter.restoreState),
            ("scorecard/header", self.table.horizontalHeader().restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        periods = settings.value("scorecard/periods")
        count = int(periods) if isinstance(periods, (int, str)) and str(periods).isdigit() else 0
        if count in self.filters.period_buttons and count != self.filters.period_count():
            self.filters.period_buttons[count].setChecked(True)
            self.reload()
