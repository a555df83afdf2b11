"""The risk register page: the register table, the heat map and the selected risk.

Layout and wiring only, like the action plan page: editing goes through
`RiskEditor`, data through the services. The page reloads the whole
register after every change and keeps the selection by risk id. One
`RiskBands` (the snapshot's) colours the table, the heat map and the detail.
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
from improvement_desk.services.risk_records import RegisterSnapshot, RiskRecord
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.risks.columns import HEADERS, RISK_ID_ROLE, SCORE_COLUMNS, RiskCol
from improvement_desk.ui.risks.editor import RiskEditor
from improvement_desk.ui.risks.heat_map import HeatMapPanel
from improvement_desk.ui.risks.risk_detail import RiskDetailView
from improvement_desk.ui.risks.risk_filter import HeatCell, RiskCriteria, RiskFilterProxy
from improvement_desk.ui.risks.risk_filter_bar import RiskFilterBar
from improvement_desk.ui.risks.risk_table_model import RiskTableModel
from improvement_desk.ui.risks.score_delegate import ScoreDelegate
from improvement_desk.ui.table_base import select_source_row, selected_id
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


_WIDTHS = {
    RiskCol.REFERENCE: 44,
    RiskCol.TITLE: 220,
    RiskCol.CATEGORY: 110,
    RiskCol.OWNER: 110,
    RiskCol.INHERENT: 76,
    RiskCol.CURRENT: 84,
    RiskCol.DIRECTION: 96,
    RiskCol.TARGET: 76,
    RiskCol.STATUS: 76,
    RiskCol.NEXT_REVIEW: 96,
    RiskCol.FLAGS: 190,
    RiskCol.MITIGATIONS: 104,
    RiskCol.LAST_REVIEW: 96,
}


class RegisterPage(QWidget):
    title = "Risk register"

    def __init__(
        self, desk: Desk, undo_stack: QUndoStack, messenger: Messenger, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("register_page")
        self.desk = desk
        self.messenger = messenger
        self._snapshot: RegisterSnapshot | None = None
        self.editor = RiskEditor(self, desk, undo_stack, messenger, self.reload, self.snapshot)

        self.model = RiskTableModel(self)
        self.proxy = RiskFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filters = RiskFilterBar(self)
        self.table = named(QTableView(), "risks", "Risks")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(RiskCol.REFERENCE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        scores = ScoreDelegate(self.table)
        for col in SCORE_COLUMNS:
            self.table.setItemDelegateForColumn(col, scores)
        header = self.table.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        metrics = header.fontMetrics()
        for col, width in _WIDTHS.items():
            # Never narrower than the header's words plus room for the sort arrow.
            header.resizeSection(col, max(width, metrics.horizontalAdvance(HEADERS[col]) + 30))
        header.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.heat_map = named(HeatMapPanel(self), "heat_map_panel")
        self.detail = RiskDetailView(self)

        self._build_actions()
        self.toolbar = QToolBar("Risk register", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (self.act_new, self.act_edit, self.act_review, self.act_mitigations,
                    self.act_delete, None, self.act_bands):  # fmt: skip
            self.toolbar.addSeparator() if act is None else self.toolbar.addAction(act)  # fmt: skip

        self.side = QSplitter(Qt.Orientation.Vertical, self)
        self.side.setObjectName("register_side")
        self.side.addWidget(self.heat_map)
        self.side.addWidget(self.detail)
        self.side.setStretchFactor(0, 1)
        self.side.setStretchFactor(1, 1)
        self.side.setSizes([380, 400])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("register_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([900, 520])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        self.setTabOrder(self.filters.search, self.table)
        self.setTabOrder(self.table, self.heat_map)
        self.setTabOrder(self.heat_map, self.detail)

        self.filters.changed.connect(self._on_filters)
        self.filters.clear.clicked.connect(self._clear_cell)
        self.filters.cell_cleared.connect(self._clear_cell)
        self.heat_map.cell_chosen.connect(self._on_cell)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._on_selection())
        self.table.doubleClicked.connect(lambda *_: self._edit())
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.reload()

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
        self.act_new = self._act("&New risk…", self.editor.new_risk, QKeySequence.StandardKey.New)
        self.act_edit = self._act("&Edit risk…", self._edit, "Return", table_only=True)
        self.act_review = self._act("&Record review…", self._review, "Ctrl+R")
        self.act_mitigations = self._act("&Mitigating actions…", self._mitigations, "Ctrl+M")
        self.act_delete = self._act(
            "&Delete risk", self._delete, QKeySequence.StandardKey.Delete, table_only=True
        )
        self.act_bands = self._act("Score &bands and appetite…", self.editor.edit_bands)
        self.act_find = self._act("&Find", self._focus_search, QKeySequence.StandardKey.Find)
        self.act_new.setIconText("New risk")
        self.act_edit.setIconText("Edit")
        self.act_delete.setIconText("Delete")

    def menu_actions(self) -> list[QAction | None]:
        """What the main window's Risks menu shows (None is a separator)."""
        return [self.act_new, self.act_edit, self.act_review, self.act_mitigations,
                self.act_delete, None, self.act_bands, None, self.act_find]  # fmt: skip

    # -- data ----------------------------------------------------------------------------------

    def snapshot(self) -> RegisterSnapshot:
        if self._snapshot is None:
            self._snapshot = self.desk.register.register()
        return self._snapshot

    def reload(self, select: int | None = None) -> None:
        keep = select if select is not None else self.current_risk_id()
        try:
            self._snapshot = self.desk.register.register()
        except DeskError as exc:
            self.messenger.problem(self, "Could not read the risk register", exc)
            return
        snap = self._snapshot
        self.model.set_risks(snap.risks, snap.bands)
        self.heat_map.set_risks(snap.risks, snap.bands)
        ranges = snap.bands.ranges()
        self.filters.set_choices(
            tuple(sorted({r.category for r in snap.risks}, key=str.casefold)),
            tuple(sorted({r.owner for r in snap.risks}, key=str.casefold)),
            {band: f"{band.label} {lo}–{hi}" for band, (lo, hi) in ranges.items()},
        )
        self._update_count()
        if keep is not None:
            self.select_risk(keep)
        self._on_selection()

    def _on_filters(self, criteria: RiskCriteria) -> None:
        self.proxy.set_criteria(criteria.with_(cell=self.proxy.criteria.cell))
        self._update_count()
        self._on_selection()

    def _on_cell(self, cell: HeatCell | None) -> None:
        self.proxy.set_criteria(self.proxy.criteria.with_(cell=cell))
        self.filters.show_cell(cell)
        self._update_count()
        self._on_selection()

    def show_filtered(self, *, review_due: bool = False, above_appetite: bool = False) -> int:
        """Shows exactly the live risks a dashboard figure counted, with the register's own
        toggles set (no heat-map cell); returns how many are shown. The main window has
        just reloaded the page by showing it."""
        self._clear_cell()
        self.filters.show_only(review_due=review_due, above_appetite=above_appetite)
        return self.proxy.rowCount()

    def _clear_cell(self) -> None:
        self.heat_map.heat_map.clear_selection()  # emits cell_chosen(None) if a cell was chosen

    def _update_count(self) -> None:
        self.filters.set_count(self.proxy.rowCount(), self.model.rowCount())

    # -- selection -----------------------------------------------------------------------------

    def current_risk_id(self) -> int | None:
        return selected_id(self.table, RISK_ID_ROLE)

    def current_risk(self) -> RiskRecord | None:
        risk_id = self.current_risk_id()
        row = self.model.row_of(risk_id) if risk_id is not None else None
        return self.model.record(row) if row is not None else None

    def select_risk(self, risk_id: int) -> bool:
        return select_source_row(self.table, self.proxy, self.model.row_of(risk_id))

    def _on_selection(self) -> None:
        risk = self.current_risk()
        if risk is None:
            self.detail.show_nothing(self._empty_hint())
        else:
            snap = self.snapshot()
            self.detail.show_risk(risk, snap.bands, snap.today)
        self._update_enabled()

    def _empty_hint(self) -> str:
        snap = self.snapshot()
        if self.desk.read_only:
            return "Select a risk to see its details and reviews. This board is read-only."
        if not snap.risks:
            if not snap.people:
                return (
                    "The register is empty. Risks are owned by people on the board's list: "
                    "add them with Plan ▸ Add person…, then add the first risk with "
                    "Risks ▸ New risk… (Ctrl+N)."
                )
            return (
                "The register is empty.\n\nAdd the first risk with Risks ▸ New risk… (Ctrl+N): "
                "its cause, the event and its effect, and how likely and how serious it is now."
            )
        if self.proxy.rowCount() == 0:
            return "No risk matches the filters. Clear filters to see every live risk."
        return "Select a risk to see its details, score history and reviews."

    def _update_enabled(self) -> None:
        writable = not self.desk.read_only
        has_risk = self.current_risk() is not None
        for act in (self.act_edit, self.act_review, self.act_mitigations, self.act_delete):
            act.setEnabled(writable and has_risk)
        for act in (self.act_new, self.act_bands):
            act.setEnabled(writable)

    # -- commands ------------------------------------------------------------------------------

    def _focus_search(self) -> None:
        self.filters.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filters.search.selectAll()

    def _edit(self) -> None:
        if (risk := self.current_risk()) and not self.desk.read_only:
            self.editor.edit_risk(risk)

    def _review(self) -> None:
        if risk := self.current_risk():
            self.editor.record_review(risk)

    def _mitigations(self) -> None:
        if risk := self.current_risk():
            self.editor.edit_mitigations(risk)

    def _delete(self) -> None:
        if risk := self.current_risk():
            self.editor.delete_risk(risk)

    def _context_menu(self, pos: Any) -> None:
        if self.current_risk() is None:
            return
        menu = QMenu(self)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        for act in (self.act_edit, self.act_review, self.act_mitigations):
            menu.addAction(act)
        menu.addSeparator()
        menu.addAction(self.act_delete)
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # -- persistence of layout -----------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("risks/splitter", self.splitter.saveState())
        settings.setValue("risks/side_splitter", self.side.saveState())
        settings.setValue("risks/header", self.table.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings) -> None:
        for key, restore in (
            ("risks/splitter", self.splitter.restoreState),
            ("risks/side_splitter", self.side.restoreState),
            ("risks/header", self.table.horizontalHeader().restoreState),
        ):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
