"""The audit viewer window: filters, the changes, the selected change in full, export.

A window of its own, not a page or a dialog: the clerk keeps it open beside the
plan while they answer "who moved this date?", and it blocks nothing. It reads
through the open board's `AuditReader` (one short read per search) and follows
the main window's board: when it is brought forward after another board was
opened, it reads that board instead of showing the last one's history.

The export writes every change the filters match (not only the newest few
thousand shown) through `AuditExportService`, off the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelection, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk import APP_NAME
from improvement_desk.domain.errors import DeskError
from improvement_desk.services.audit_reader import AuditCriteria, AuditPage, validate
from improvement_desk.ui.audit.audit_model import RECORD_ROLE, AuditCol, AuditModel, AuditProxy
from improvement_desk.ui.audit.detail import AuditDetail
from improvement_desk.ui.audit.filter_bar import AuditFilterBar
from improvement_desk.ui.exchange.export_actions import (
    XLSX_FILTER,
    documents_folder,
    plural,
    safe_file_name,
)
from improvement_desk.ui.exchange.progress import run_with_progress
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.tasks import BackgroundTask
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.interchange.xlsx_export import ExportReport
    from improvement_desk.services.audit_reader import AuditRecord
    from improvement_desk.services.desk import Desk

# Initial widths in average characters; Before and After share what is left.
_WIDTHS = {
    AuditCol.WHEN: 20,
    AuditCol.WHO: 16,
    AuditCol.LOGIN: 10,
    AuditCol.KIND: 15,
    AuditCol.RECORD: 22,
    AuditCol.CHANGE: 9,
    AuditCol.FIELD: 18,
}


_WIDEST_TIME = "30 Sep 2000 00:00:00"


def status_text(page: AuditPage) -> str:
    """'5,000 changes shown (the newest 5,000 of 7,890 matching)'."""
    shown = len(page.rows)
    if not shown:
        return "No changes match the filters."
    text = f"{shown:,} {'change' if shown == 1 else 'changes'} shown"
    if page.more:
        text += f" (the newest {shown:,} of {page.matched:,} matching)"
    return text


class AuditWindow(QWidget):
    def __init__(
        self,
        desk_provider: Callable[[], Desk | None],
        messenger: Messenger,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("audit_window")
        self._desk_provider = desk_provider
        self._messenger = messenger
        self.desk: Desk | None = None
        self.page: AuditPage | None = None
        self.task: BackgroundTask | None = None  # the last export started, for tests
        # Replaceable in tests: the native file dialog blocks.
        self.choose_export_path: Callable[[], str] = self._choose_export_path

        self.filters = named(AuditFilterBar(), "audit_filters")
        self.model = AuditModel(self)
        self.proxy = AuditProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = named(QTableView(), "audit_table", "Changes")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(AuditCol.WHEN, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._size_columns()
        self.detail = named(AuditDetail(), "audit_detail")
        self.splitter = named(QSplitter(Qt.Orientation.Vertical), "audit_splitter")
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        self.status = named(QLabel(), "audit_status", "How many changes are shown")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.refresh_button = named(QPushButton("Refresh"), "refresh", "Read the trail again")
        self.refresh_button.setToolTip("Read the trail again, with changes saved since (F5)")
        self.export_button = named(QPushButton("Export to Excel…"), "export", "Export to Excel")
        self.export_button.setToolTip(
            "Save every change matching the filters (not only those shown) as a workbook"
        )
        self.close_button = named(QPushButton("Close"), "close", "Close the audit trail")

        footer = QHBoxLayout()
        footer.addWidget(self.status, 1)
        for button in (self.refresh_button, self.export_button, self.close_button):
            footer.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(footer)

        self._shortcut("refresh_action", QKeySequence.StandardKey.Refresh, self.reload)
        self._shortcut("close_action", QKeySequence(Qt.Key.Key_Escape), self.close)
        self.filters.changed.connect(self.search)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.refresh_button.clicked.connect(lambda *_: self.reload())
        self.export_button.clicked.connect(lambda *_: self.export())
        self.close_button.clicked.connect(lambda *_: self.close())
        self.resize(1200, 760)
        self.bind()

    def _shortcut(
        self, name: str, keys: QKeySequence | QKeySequence.StandardKey, slot: Any
    ) -> None:
        act = QAction(self)
        act.setObjectName(name)
        act.setShortcut(QKeySequence(keys))
        act.triggered.connect(lambda *_: slot())
        self.addAction(act)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        metrics = self.table.fontMetrics()
        char = metrics.averageCharWidth()
        for column, width in _WIDTHS.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width * char + 12)
        # The time in full: digits are wider than the average character.
        self.table.setColumnWidth(AuditCol.WHEN, metrics.horizontalAdvance(_WIDEST_TIME) + 16)
        self.table.verticalHeader().setDefaultSectionSize(metrics.lineSpacing() + 8)
        for column in (AuditCol.BEFORE, AuditCol.AFTER):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(4 * char)

    # -- the board -----------------------------------------------------------------------------

    def bind(self) -> None:
        """Reads the main window's current board: its title, choices and changes."""
        self.desk = self._desk_provider()
        self.page = None
        enabled = self.desk is not None
        for widget in (self.filters, self.refresh_button, self.export_button):
            widget.setEnabled(enabled)
        if self.desk is None:
            self.setWindowTitle(f"Audit trail — {APP_NAME}")
            self.model.set_rows(())
            self.status.setText("No board is open.")
            return
        try:
            name = self.desk.info().name
            self.filters.set_choices(self.desk.audit.choices())
        except DeskError as exc:
            self._show_problem(exc)
            return
        self.setWindowTitle(f"Audit trail — {name} — {APP_NAME}")
        self.search(self.filters.criteria())

    def follow_board(self) -> None:
        """Rebinds if the main window has opened another board since this one was read."""
        if self._desk_provider() is not self.desk:
            self.bind()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.follow_board()
        super().changeEvent(event)

    def reload(self) -> None:
        """Choices and changes read again (F5): what colleagues saved since shows."""
        if self.desk is None or self._desk_provider() is not self.desk:
            self.bind()
            return
        try:
            self.filters.set_choices(self.desk.audit.choices())
        except DeskError as exc:
            self._show_problem(exc)
            return
        self.search(self.filters.criteria())

    # -- searching -----------------------------------------------------------------------------

    def search(self, criteria: AuditCriteria) -> None:
        """One read; the selected change stays selected if it is still among the rows."""
        if self.desk is None:
            return
        chosen = self.selected_record()
        try:
            page = self.desk.audit.search(criteria)
        except DeskError as exc:
            self._show_problem(exc)
            return
        self.page = page
        self.model.set_rows(page.rows)
        self.status.setText(status_text(page))
        if chosen is not None:
            self.select_audit_row(chosen.id)
        else:
            self.detail.show_record(None)

    def _show_problem(self, exc: DeskError) -> None:
        """A refused filter or an unreadable board: said in the status line, nothing shown."""
        self.page = None
        self.model.set_rows(())
        self.detail.show_record(None)
        self.status.setText(f"Nothing shown. {exc}")

    def selected_record(self) -> AuditRecord | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        value = rows[0].data(RECORD_ROLE)
        return value if value is not None else None

    def select_audit_row(self, audit_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            record = index.data(RECORD_ROLE)
            if record is not None and record.id == audit_id:
                self.table.selectRow(row)
                self.table.scrollTo(index)
                return True
        self.detail.show_record(None)
        return False

    def _selection_changed(self, *_: QItemSelection) -> None:
        self.detail.show_record(self.selected_record())

    # -- export --------------------------------------------------------------------------------

    def _choose_export_path(self) -> str:
        desk = self.desk
        start = ""
        if desk is not None:
            stem = f"{desk.info().name} - audit trail {desk.ctx.today():%Y-%m-%d}"
            start = str(documents_folder() / safe_file_name(stem))
        path, _ = QFileDialog.getSaveFileName(
            self, "Export audit trail to Excel", start, XLSX_FILTER
        )
        return path

    def export(self) -> BackgroundTask | None:
        """Asks where, then writes the filtered changes in the background; says how it went."""
        desk = self.desk
        if desk is None:
            return None
        problem = "Cannot export the audit trail"
        criteria = self.filters.criteria()
        try:
            validate(criteria)  # a wrong date range is said now, not after the file dialog
            board_name = desk.info().name
        except DeskError as exc:
            self._messenger.problem(self, problem, exc)
            return None
        chosen = self.choose_export_path()
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")

        def work(progress: Callable[[int], None], cancelled: Callable[[], bool]) -> Any:
            from improvement_desk.services.audit_export import AuditExportService

            service = AuditExportService(desk.ctx, zone=desk.audit.zone)
            return service.export(
                path, criteria, board_name=board_name, progress=progress, cancelled=cancelled
            )

        self.task = run_with_progress(
            self,
            "Export audit trail to Excel",
            f"Writing {path.name}…",
            work,
            self._exported,
            lambda exc: self._messenger.problem(self, problem, exc),
            self._messenger,
            progress_text=lambda n: f"Wrote {n:,} rows to {path.name}…",
            on_cancelled=lambda exc: self._messenger.info(self, "Export cancelled", str(exc)),
        )
        return self.task

    def _exported(self, report: ExportReport) -> None:
        text = f"Exported {plural(report.rows, 'change')} to {report.path}"
        if report.cleaned_characters:
            places = ", ".join(report.cleaned_places[:10])
            more = "…" if len(report.cleaned_places) > 10 else ""
            text += (
                f"\n\nRemoved {plural(report.cleaned_characters, 'control character')} that "
                f"Excel cannot hold, in: {places}{more}"
            )
        self._messenger.info(self, "Audit trail exported", text)
