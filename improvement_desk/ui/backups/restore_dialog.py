"""Restore from backup…: the board's backups, newest first, each previewed before it is chosen.

Choosing a row shows what that backup holds (read from the file, never from
the open board). Restore asks first, saying that the board as it is now will
be backed up before it is replaced; then the dialog hands the chosen file to
whoever opened it (`restore_requested`), which closes the board, restores and
reopens it. A backup kept somewhere else can be chosen with "Other file…".

A read-only board can be looked through here but not restored over: the
board is open elsewhere for writing, or its file cannot be written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.db.backup import BackupFile
from improvement_desk.domain.errors import DeskError
from improvement_desk.services.backups import BackupPreview, preview_backup
from improvement_desk.ui.backups.preview_panel import (
    BackupPreviewPanel,
    local_time,
    reason_text,
)
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.text import size_text
from improvement_desk.ui.widgets import named

TITLE = "Restore from backup"
BOARD_FILTER = "Improvement Desk boards (*.db);;All files (*)"
NO_BACKUPS = "There are no backups of this board yet in {folder}."
READ_ONLY = (
    "This board is open read-only, so it cannot be restored over here. "
    "Open it for editing to restore a backup."
)
PATH_ROLE = Qt.ItemDataRole.UserRole


class RestoreDialog(QDialog):
    """Lists `backups` (newest first) of the board named `board_name`, kept in `folder`."""

    restore_requested = Signal(object)  # the backup's Path, once the user has confirmed

    def __init__(
        self,
        backups: list[BackupFile],
        *,
        board_name: str,
        folder: Path,
        messenger: Messenger,
        can_restore: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("restore_dialog")
        self.setWindowTitle(TITLE)
        self.messenger = messenger
        self.board_name = board_name
        self.can_restore = can_restore
        self.preview: BackupPreview | None = None
        # Replaceable in tests: a native file dialog blocks.
        self.choose_file: Callable[[], str] = self._choose_file

        intro = plain_label(
            f"Backups of “{board_name}”, newest first, kept in {folder}. Restoring replaces "
            "the board with the backup; the board as it is now is backed up first, so a restore "
            "can be undone."
        )
        intro.setWordWrap(True)
        self.table = named(QTableWidget(0, 3), "backup_list", "Backups")
        self.table.setHorizontalHeaderLabels(["Taken", "Why", "Size"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = named(plain_label(NO_BACKUPS.format(folder=folder)), "no_backups")
        self.empty.setWordWrap(True)
        self.panel = BackupPreviewPanel(self)
        self.note = named(plain_label("" if can_restore else READ_ONLY), "restore_note")
        self.note.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.other_button = named(QPushButton("Other file…"), "other_file")
        self.restore_button = named(QPushButton("Restore…"), "restore_button")
        buttons.addButton(self.other_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.other_button.clicked.connect(self.choose_other)
        self.restore_button.clicked.connect(self.confirm_restore)

        left = QVBoxLayout()
        left.addWidget(self.table, 1)
        left.addWidget(self.empty)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self.panel, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.note)
        layout.addWidget(buttons)
        self.resize(900, 460)

        self._fill(backups)
        self.table.itemSelectionChanged.connect(self._selected)
        if backups:
            self.table.selectRow(0)
        self._update_button()

    def _fill(self, backups: list[BackupFile]) -> None:
        self.table.setRowCount(len(backups))
        for row, backup in enumerate(backups):
            cells = (local_time(backup.taken), reason_text(backup), size_text(backup.size))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(backup.path))
                if column == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                self.table.setItem(row, column, item)
        self.table.setVisible(bool(backups))
        self.empty.setVisible(not backups)

    def selected_path(self) -> Path | None:
        if self.preview is not None:
            return self.preview.path
        return None

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            self.show_file(None)
            return
        item = self.table.item(rows[0].row(), 0)
        self.show_file(Path(str(item.data(PATH_ROLE))) if item is not None else None)

    def show_file(self, path: Path | None) -> None:
        """Previews the backup at `path` (read from the file only), or clears the preview."""
        self.preview = None
        if path is None:
            self.panel.clear("Choose a backup to see what it holds.")
        else:
            try:
                self.preview = preview_backup(path)
            except DeskError as exc:
                self.panel.show_problem(str(exc))
            else:
                self.panel.show_preview(self.preview)
        self._update_button()

    def choose_other(self) -> None:
        chosen = self.choose_file()
        if chosen:
            self.table.clearSelection()
            self.show_file(Path(chosen))

    def _update_button(self) -> None:
        usable = self.preview is not None and self.preview.problem is None
        self.restore_button.setEnabled(self.can_restore and usable)

    def confirm_restore(self) -> None:
        preview = self.preview
        if preview is None or not self.restore_button.isEnabled():
            return
        self.messenger.confirm(
            self,
            "Restore this backup?",
            f"Replace the board “{self.board_name}” with the backup {preview.path.name}?\n\n"
            f"The backup holds “{preview.board_name}”: {preview.actions or 0} plan actions, "
            f"{preview.risks or 0} risks and {preview.meetings or 0} meetings.\n\n"
            "The board as it is now is backed up first (“Before a restore”); then the restored "
            "board is opened.",
            lambda: self.restore_requested.emit(preview.path),
            yes="Restore",
        )

    def _choose_file(self) -> str:
        current = self.selected_path()
        folder = str(current.parent) if current is not None else ""
        path, _ = QFileDialog.getOpenFileName(self, "Choose a backup", folder, BOARD_FILTER)
        return path
