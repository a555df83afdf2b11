"""The improvement action plan page: recommendations, the action table, and the selected action.

Layout only and wiring; editing goes through `PlanEditor`, data through
the services. The page reloads from the services after every change and
keeps the selection by action id.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QItemSelectionModel, QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QListView,
    QMenu,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import DeskError
from improvement_desk.services.plan_records import ActionRecord, PlanSnapshot, RecommendationRecord
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.plan.action_detail import ActionDetailView
from improvement_desk.ui.plan.action_filter import ActionCriteria, ActionFilterProxy
from improvement_desk.ui.plan.action_table_model import ActionTableModel
from improvement_desk.ui.plan.brag_delegate import BragDelegate
from improvement_desk.ui.plan.columns import ACTION_ID_ROLE, Col
from improvement_desk.ui.plan.commands import STATUS_ORDER
from improvement_desk.ui.plan.editor import PlanEditor
from improvement_desk.ui.plan.filter_bar import FilterBar
from improvement_desk.ui.plan.icons import brag_icon
from improvement_desk.ui.plan.recommendation_model import RecommendationListModel
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


_WIDTHS = {
    Col.REFERENCE: 52,
    Col.DESCRIPTION: 330,
    Col.STATUS: 116,
    Col.OVERDUE: 70,
    Col.TARGET: 110,
    Col.LEAD: 140,
    Col.CONFIDENCE: 86,
    Col.LAST_UPDATE: 96,
    Col.START: 96,
    Col.RECOMMENDATION: 48,
    Col.THEME: 160,
}


class PlanPage(QWidget):
    title = "Action plan"

    def __init__(
        self, desk: Desk, undo_stack: QUndoStack, messenger: Messenger, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("plan_page")
        self.desk = desk
        self.messenger = messenger
        self._snapshot: PlanSnapshot | None = None
        self.editor = PlanEditor(self, desk, undo_stack, messenger, self.reload, self.snapshot)

        self.model = ActionTableModel(self)
        self.proxy = ActionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.recommendations = RecommendationListModel(self)

        self.filters = FilterBar(self)
        self.rec_list = named(QListView(), "recommendations")
        self.rec_list.setModel(self.recommendations)
        self.rec_list.setAccessibleName("Recommendations")
        self.rec_list.setWordWrap(True)
        self.rec_list.setAlternatingRowColors(True)
        self.rec_list.setSpacing(2)
        self.table = named(QTableView(), "actions")
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Actions")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Col.REFERENCE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.setItemDelegateForColumn(Col.STATUS, BragDelegate(self.table))
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in _WIDTHS.items():
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.detail = ActionDetailView(self)

        self._build_actions()
        self.toolbar = QToolBar("Action plan", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (
            self.act_new_rec,
            self.act_edit_rec,
            None,
            self.act_new_action,
            self.act_edit_action,
            self.act_update,
            self.act_rebaseline,
            self.act_delete_action,
            None,
            self.act_add_person,
        ):
            self.toolbar.addSeparator() if act is None else self.toolbar.addAction(act)  # fmt: skip

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.rec_list)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 7)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setSizes([260, 900, 340])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filters.search, self.rec_list)
        self.setTabOrder(self.rec_list, self.table)
        self.setTabOrder(self.table, self.detail)

        self.filters.changed.connect(self._on_filters)
        self.filters.clear.clicked.connect(self._show_all_recommendations)
        self.rec_list.selectionModel().currentChanged.connect(self._on_recommendation)
        self.rec_list.doubleClicked.connect(lambda *_: self._edit_recommendation())
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_selection())
        self.table.doubleClicked.connect(lambda *_: self._edit_action())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.reload()

    # -- actions (menu and toolbar commands) --------------------------------------------------

    def _act(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
        *,
        table_only: bool = False,
    ) -> QAction:
        """A page command; `table_only` keys (Return, Delete) act only when the table has focus,
        so Return in the search box or Delete in the recommendation list do nothing surprising."""
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(
                Qt.ShortcutContext.WidgetShortcut
                if table_only
                else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        act.setStatusTip(tip or text.replace("&", "").rstrip("…"))
        act.triggered.connect(lambda *_: slot())
        (self.table if table_only else self).addAction(act)
        return act

    def _build_actions(self) -> None:
        self.act_new_rec = self._act(
            "New &recommendation…", self.editor.new_recommendation, "Ctrl+Shift+N"
        )
        self.act_edit_rec = self._act("Edit re&commendation…", self._edit_recommendation)
        self.act_delete_rec = self._act("De&lete recommendation", self._delete_recommendation)
        self.act_new_action = self._act(
            "&New action…", self._new_action, QKeySequence.StandardKey.New
        )
        self.act_edit_action = self._act(
            "&Edit action…", self._edit_action, "Return", table_only=True
        )
        self.act_update = self._act("Add progress &update…", self._add_update, "Ctrl+U")
        self.act_rebaseline = self._act("Re-&baseline target…", self._rebaseline, "Ctrl+B")
        self.act_delete_action = self._act(
            "&Delete action", self._delete_action, QKeySequence.StandardKey.Delete, table_only=True
        )
        self.act_add_person = self._act("Add &person…", self.editor.add_person)
        self.act_find = self._act("&Find", self._focus_search, QKeySequence.StandardKey.Find)
        self.status_actions: dict[Brag, QAction] = {}
        for i, status in enumerate(STATUS_ORDER):
            act = self._act(
                f"Set to {status.label}", lambda s=status: self._set_status(s), f"Ctrl+{i}"
            )
            act.setIcon(brag_icon(status))
            self.status_actions[status] = act

    def status_menu(self, parent: QWidget) -> QMenu:
        menu = QMenu("Set &status", parent)
        for act in self.status_actions.values():
            menu.addAction(act)
        return menu

    def menu_actions(self) -> list[QAction | None]:
        """What the main window's Plan menu shows (None is a separator)."""
        return [self.act_new_action, self.act_edit_action, self.act_update, self.act_rebaseline,
                self.act_delete_action, None, self.act_new_rec, self.act_edit_rec, self.act_delete_rec,
                None, self.act_add_person, None, self.act_find]  # fmt: skip

    # -- data ----------------------------------------------------------------------------------

    def snapshot(self) -> PlanSnapshot:
        if self._snapshot is None:
            self._snapshot = self.desk.plan.snapshot()
        return self._snapshot

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.current_action_id()
        try:
            self._snapshot = self.desk.plan.snapshot()
        except DeskError as exc:
            self.messenger.problem(self, "Could not read the plan", exc)
            return
        snap = self._snapshot
        rec_id = self.proxy.criteria.recommendation_id
        self.model.set_actions(snap.actions)
        self.recommendations.set_recommendations(snap.recommendations, snap.actions)
        self.rec_list.setCurrentIndex(
            self.recommendations.index(self.recommendations.row_of(rec_id), 0)
        )
        leads = tuple(
            sorted({a.lead_officer for a in snap.actions} | set(snap.people), key=str.casefold)
        )
        self.filters.set_choices(snap.themes, leads)
        self._update_count()
        if keep is not None:
            self.select_action(keep)
        self._on_selection()

    def _on_filters(self, criteria: ActionCriteria) -> None:
        self.proxy.set_criteria(
            criteria.with_(recommendation_id=self.proxy.criteria.recommendation_id)
        )
        self._update_count()
        self._on_selection()

    def _on_recommendation(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record = self.recommendations.record(current.row()) if current.isValid() else None
        rec_id = record.id if record else None
        if rec_id != self.proxy.criteria.recommendation_id:
            self.proxy.set_criteria(self.proxy.criteria.with_(recommendation_id=rec_id))
            self._update_count()
        self._update_enabled()

    def show_filtered(
        self,
        *,
        theme: str | None = None,
        lead: str | None = None,
        status: Brag | None = None,
        overdue: bool = False,
        due_by: date | None = None,
    ) -> int:
        """Shows exactly the actions a dashboard figure counted, with the filters set where
        the user sees and can clear them; returns how many are shown."""
        self.reload()
        self._show_all_recommendations()
        self.filters.show_only(
            theme=theme, lead=lead, status=status, overdue=overdue, due_by=due_by
        )
        return self.proxy.rowCount()

    def _show_all_recommendations(self) -> None:
        self.rec_list.setCurrentIndex(self.recommendations.index(0, 0))

    def _update_count(self) -> None:
        self.filters.set_count(self.proxy.rowCount(), self.model.rowCount())

    # -- selection -----------------------------------------------------------------------------

    def current_action_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(
            index.row(), QModelIndex()
        ):
            return None
        value = index.data(ACTION_ID_ROLE)
        return int(value) if value is not None else None

    def current_action(self) -> ActionRecord | None:
        action_id = self.current_action_id()
        row = self.model.row_of(action_id) if action_id is not None else None
        return self.model.record(row) if row is not None else None

    def current_recommendation(self) -> RecommendationRecord | None:
        return self.recommendations.record(self.rec_list.currentIndex().row())

    def select_action(self, action_id: int) -> bool:
        row = self.model.row_of(action_id)
        if row is None:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    def _on_selection(self) -> None:
        action = self.current_action()
        if action is None:
            self.detail.show_nothing(self._empty_hint())
        else:
            try:
                history = self.desk.plan.history(action.id)
                changes = self.desk.audit.for_record("action", action.id)
                risks = self.desk.register.for_action(action.id)
            except DeskError as exc:
                self.detail.show_nothing(str(exc))
            else:
                self.detail.show_action(action, history, self.snapshot().today, changes, risks)
        self._update_enabled()

    def _empty_hint(self) -> str:
        snap = self.snapshot()
        if self.desk.read_only:
            return "Select an action to see its details and history. This board is read-only."
        if not snap.recommendations:
            return (
                "This board has no recommendations yet.\n\nStart with Plan ▸ New recommendation… "
                "for each Ofsted recommendation, and Plan ▸ Add person… for each lead officer; "
                "then add the actions that deliver them with Plan ▸ New action…"
            )
        if not snap.people:
            return "Add the people who lead actions with Plan ▸ Add person… before adding actions."
        if not snap.actions:
            return "No actions yet: add the first with Plan ▸ New action… (Ctrl+N)."
        if self.proxy.rowCount() == 0:
            return "No action matches the filters. Clear filters to see every action."
        return "Select an action to see its details and history."

    def _update_enabled(self) -> None:
        writable = not self.desk.read_only
        has_action = self.current_action() is not None
        has_rec = self.current_recommendation() is not None
        for act in (
            self.act_edit_action,
            self.act_update,
            self.act_rebaseline,
            self.act_delete_action,
            *self.status_actions.values(),
        ):
            act.setEnabled(writable and has_action)  # fmt: skip
        self.act_edit_rec.setEnabled(writable and has_rec)
        self.act_delete_rec.setEnabled(writable and has_rec)
        for act in (self.act_new_rec, self.act_new_action, self.act_add_person):
            act.setEnabled(writable)

    # -- commands ------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def _new_action(self) -> None:
        rec = self.current_recommendation()
        self.editor.new_action(rec.id if rec else None)

    def _edit_action(self) -> None:
        if action := self.current_action():
            self.editor.edit_action(action)

    def _add_update(self) -> None:
        if action := self.current_action():
            self.editor.add_update(action, self.snapshot().today)

    def _rebaseline(self) -> None:
        if action := self.current_action():
            self.editor.rebaseline(action, self.snapshot().today)

    def _delete_action(self) -> None:
        if action := self.current_action():
            self.editor.delete_action(action)

    def _set_status(self, status: Brag) -> None:
        if action := self.current_action():
            self.editor.set_status(action, status)

    def _edit_recommendation(self) -> None:
        if rec := self.current_recommendation():
            self.editor.edit_recommendation(rec)

    def _delete_recommendation(self) -> None:
        if rec := self.current_recommendation():
            self.editor.delete_recommendation(rec)

    def _context_menu(self, pos: Any) -> None:
        if self.current_action() is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for act in (self.act_edit_action, self.act_update, self.act_rebaseline):
            menu.addAction(act)
        menu.addMenu(self.status_menu(menu))
        menu.addSeparator()
        menu.addAction(self.act_delete_action)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- persistence of layout -----------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("plan/splitter", self.splitter.saveState())
        settings.setValue("plan/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        splitter = settings.value("plan/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        header = settings.value("plan/header")
        if isinstance(header, QByteArray):
            self.table.horizontalHeader().restoreState(header)
