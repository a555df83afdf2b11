"""The action log page: every action agreed at a meeting, and the selected one's history.

Layout and wiring only, like the register page: editing goes through
`LogEditor`, data through `desk.log` and `desk.meeting_reader`. The page
reloads the whole log after every change and keeps the selection by action id.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QUndoStack
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

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.errors import DeskError
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.action_log.columns import ACTION_ID_ROLE, HEADERS, LogCol
from improvement_desk.ui.action_log.editor import LogEditor
from improvement_desk.ui.action_log.log_detail import LogDetailView
from improvement_desk.ui.action_log.log_filter import LogCriteria, LogFilterProxy
from improvement_desk.ui.action_log.log_filter_bar import LogFilterBar
from improvement_desk.ui.action_log.log_table_model import LogTableModel
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.table_base import select_source_row, selected_id
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


_WIDTHS = {
    LogCol.REFERENCE: 48,
    LogCol.ACTION: 250,
    LogCol.OWNER: 104,
    LogCol.MEETING: 92,
    LogCol.ITEM: 180,
    LogCol.ORIGINAL_DUE: 96,
}
# The widest text these columns show, in bold when overdue: they are sized to it, never clipped.
# Latest update, the last column, stretches into whatever width is left.
_WIDEST = {
    LogCol.CURRENT_DUE: "30 Sep 2014 · revised ×9",
    LogCol.STATUS: "Overdue · In progress",
}


class ActionLogPage(QWidget):
    title = "Action log"

    def __init__(
        self, desk: Desk, undo_stack: QUndoStack, messenger: Messenger, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("action_log_page")
        self.desk = desk
        self.messenger = messenger
        self._meetings: list[MeetingSummary] = []
        self._labels: dict[int, str] = {}
        self.editor = LogEditor(self, desk, undo_stack, messenger, self.reload, self.meetings)

        self.model = LogTableModel(self)
        self.proxy = LogFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filters = LogFilterBar(self)
        self.table = named(QTableView(), "log_actions", "Log actions")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(LogCol.REFERENCE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in self._column_widths().items():
            header.resizeSection(col, width)
        header.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.detail = LogDetailView(self)

        self._build_actions()
        self.toolbar = QToolBar("Action log", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (self.act_edit, self.act_status, self.act_revise, self.act_update, None,
                    self.act_delete):  # fmt: skip
            self.toolbar.addSeparator() if act is None else self.toolbar.addAction(act)  # fmt: skip

        # The table takes the page's whole width, so every column shows without scrolling
        # sideways; the selected action's history sits below it in two columns.
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("log_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([520, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filters.search, self.table)
        self.setTabOrder(self.table, self.detail)

        self.filters.changed.connect(self._on_filters)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_selection())
        self.table.doubleClicked.connect(lambda *_: self._edit())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.reload()

    def _column_widths(self) -> dict[LogCol, int]:
        header = self.table.horizontalHeader()
        metrics = header.fontMetrics()
        bold = QFont(self.table.font())
        bold.setBold(True)
        strong = QFontMetrics(bold)
        widths: dict[LogCol, int] = {}
        for col in LogCol:
            if col is LogCol.LATEST_UPDATE:
                continue  # the last column takes what is left
            # Never narrower than the header's words plus room for the sort arrow.
            width = max(_WIDTHS.get(col, 0), metrics.horizontalAdvance(HEADERS[col]) + 30)
            if col in _WIDEST:
                icon = 24 if col is LogCol.STATUS else 0
                width = max(width, strong.horizontalAdvance(_WIDEST[col]) + icon + 16)
            widths[col] = width
        return widths

    # -- actions (menu and toolbar commands) --------------------------------------------------

    def _act(
        self,
        text: str,
        slot: Any,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        *,
        table_only: bool = False,
    ) -> QAction:
        """A page command; `table_only` keys (Return, Delete) act only when the table has focus."""
        act = QAction(text, self)
        if shortcut:
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(
                Qt.ShortcutContext.WidgetShortcut
                if table_only
                else Qt.ShortcutContext.WidgetWithChildrenShortcut
            )
        act.setStatusTip(text.replace("&", "").rstrip("…"))
        act.triggered.connect(lambda *_: slot())
        (self.table if table_only else self).addAction(act)
        return act

    def _build_actions(self) -> None:
        self.act_edit = self._act("&Edit action…", self._edit, "Return", table_only=True)
        self.act_status = self._act("Set &status…", self._status, "Ctrl+T")
        self.act_revise = self._act("&Revise due date…", self._revise, "Ctrl+B")
        self.act_update = self._act("Add &update…", self._update, "Ctrl+U")
        self.act_delete = self._act(
            "&Delete action", self._delete, QKeySequence.StandardKey.Delete, table_only=True
        )
        self.act_find = self._act("&Find", self._focus_search, QKeySequence.StandardKey.Find)
        self.act_edit.setIconText("Edit")
        self.act_delete.setIconText("Delete")

    def menu_actions(self) -> list[QAction | None]:
        """What the main window's Action log menu shows (None is a separator)."""
        return [self.act_edit, self.act_status, self.act_revise, self.act_update, None,
                self.act_delete, None, self.act_find]  # fmt: skip

    # -- data ----------------------------------------------------------------------------------

    def meetings(self) -> list[MeetingSummary]:
        """The board's meetings as at the last reload, oldest first."""
        return self._meetings

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.current_action_id()
        try:
            actions = self.desk.log.actions()
            self._meetings = self.desk.meeting_reader.meetings()
        except DeskError as exc:
            self.messenger.problem(self, "Could not read the action log", exc)
            return
        self._labels = {m.id: m.label for m in self._meetings}
        self.model.set_actions(actions, self._labels)
        raised_at = {a.meeting_id for a in actions}
        self.filters.set_choices(
            [
                (m.id, f"{m.meeting_date:%d %b %Y} · {m.title}")
                for m in reversed(self._meetings)
                if m.id in raised_at
            ],
            sorted({(a.owner_id, a.owner_name) for a in actions}, key=lambda o: o[1].casefold()),
        )
        self._update_count()
        if keep is not None:
            self.select_action(keep)
        self._on_selection()

    def _on_filters(self, criteria: LogCriteria) -> None:
        self.proxy.set_criteria(criteria)
        self._update_count()
        self._on_selection()

    def show_filtered(
        self, *, owner_id: int | None = None, overdue: bool = False, due_by: date | None = None
    ) -> int:
        """Shows exactly the actions a dashboard figure counted, with the filters set where
        the user sees and can clear them; returns how many are shown. The main window has
        just reloaded the page by showing it."""
        self.filters.show_only(owner_id=owner_id, overdue=overdue, due_by=due_by)
        return self.proxy.rowCount()

    def _update_count(self) -> None:
        self.filters.set_count(self.proxy.rowCount(), self.model.rowCount())

    # -- selection -----------------------------------------------------------------------------

    def current_action_id(self) -> int | None:
        return selected_id(self.table, ACTION_ID_ROLE)

    def current_action(self) -> LogActionSummary | None:
        action_id = self.current_action_id()
        row = self.model.row_of(action_id) if action_id is not None else None
        return self.model.record(row) if row is not None else None

    def select_action(self, action_id: int) -> bool:
        return select_source_row(self.table, self.proxy, self.model.row_of(action_id))

    def _on_selection(self) -> None:
        action = self.current_action()
        if action is None:
            self.detail.show_nothing(self._empty_hint())
        else:
            try:
                record = self.desk.log.action(action.id)
            except DeskError as exc:
                self.detail.show_nothing(str(exc))
            else:
                self.detail.show_action(record, self.desk.ctx.today(), self._labels)
        self._update_enabled()

    def _empty_hint(self) -> str:
        if self.model.rowCount() == 0:
            return (
                "The action log is empty. Actions are agreed at meetings: record them under "
                "an agenda item on the Meetings page, and they are listed here."
            )
        if self.proxy.rowCount() == 0:
            return (
                "No action matches the filters. Clear filters to see every action the board "
                "has not closed; tick Closed to see the closed ones too."
            )
        if self.desk.read_only:
            return "Select an action to see its history. This board is read-only."
        return "Select an action to see its due dates, revisions and updates."

    def _update_enabled(self) -> None:
        writable = not self.desk.read_only
        action = self.current_action()
        has_action = action is not None
        for act in (self.act_edit, self.act_status, self.act_update, self.act_delete):
            act.setEnabled(writable and has_action)
        # The board has closed it: its due date is history now.
        closed = action is not None and action.status is LogStatus.CLOSED
        self.act_revise.setEnabled(writable and has_action and not closed)

    # -- commands ------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def _edit(self) -> None:
        if (action := self.current_action()) and not self.desk.read_only:
            self.editor.edit_action(action)

    def _status(self) -> None:
        if action := self.current_action():
            self.editor.set_status(action)

    def _revise(self) -> None:
        if action := self.current_action():
            self.editor.revise_due(action)

    def _update(self) -> None:
        if action := self.current_action():
            self.editor.add_update(action)

    def _delete(self) -> None:
        if action := self.current_action():
            self.editor.delete_action(action)

    def _context_menu(self, pos: Any) -> None:
        if self.current_action() is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for act in (self.act_edit, self.act_status, self.act_revise, self.act_update):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.act_delete)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- persistence of layout -----------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("action_log/splitter", self.splitter.saveState())
        settings.setValue("action_log/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        for key, restore in (
            ("action_log/splitter", self.splitter.restoreState),
            ("action_log/header", self.table.horizontalHeader().restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
