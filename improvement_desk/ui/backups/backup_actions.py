"""The File menu's backup commands, the daily backup and the status-bar warning when one fails.

Back up now… asks where (the board's backups folder is offered) and copies
the board in the background. Restore from backup… opens the list of the
board's backups; restoring closes the board (so its lock is free), replaces
the file (the service backs the current board up first) and opens it again
the way the window opens any board (`BoardOpener`), so the pages are rebuilt
from the restored file. If the restore is refused, the board as it was is
opened again.

A backup that fails on opening (`OpenedBoard.backup_problem`) or on a daily
run does not stop anyone working: it is shown in the status bar until a
later backup succeeds. A board on a server has no file to back up, and the
commands say so instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QFileDialog, QLabel

from improvement_desk.domain.errors import DeskError
from improvement_desk.runtime.clock import Now, utc_now
from improvement_desk.ui.backups.daily_timer import DailyBackupTimer
from improvement_desk.ui.exchange.progress import run_with_progress
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.tasks import BackgroundTask
from improvement_desk.ui.text import plain_tooltip, size_text
from improvement_desk.ui.theme import error_text_css, label_colour
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.db.backup import BackupFile
    from improvement_desk.services.backups import BackupService
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.backups.restore_dialog import RestoreDialog
    from improvement_desk.ui.main_window import MainWindow

log = logging.getLogger(__name__)

WARNING_MIN_WIDTH = 360  # pixels the status-bar warning may take, at the least
NO_BOARD = (
    "No board is open.\n\nUse File ▸ Open board… to open one, or File ▸ New board file… "
    "to start a new one."
)


class BackupActions(QObject):
    def __init__(self, window: MainWindow, messenger: Messenger, *, clock: Now = utc_now) -> None:
        super().__init__(window)
        self._window = window
        self._messenger = messenger
        # Replaceable in tests: a native save dialog blocks.
        self.choose_backup_path: Callable[[Path], str] = self._choose_backup_path
        self.task: BackgroundTask | None = None  # the last "Back up now" (for tests)
        self.dialog: RestoreDialog | None = None  # the open restore dialog (for tests)
        self.act_backup = QAction("&Back up now…", window)
        self.act_backup.setStatusTip(
            "Save a copy of the board, taken consistently while it is open"
        )
        self.act_backup.triggered.connect(lambda *_: self.back_up_now())
        self.act_restore = QAction("Res&tore from backup…", window)
        self.act_restore.setStatusTip("See the board's backups and what each holds; restore one")
        self.act_restore.triggered.connect(lambda *_: self.open_restore_dialog())
        self.warning_text = ""  # the whole warning (the label may show it shortened)
        self.warning = named(QLabel(), "backup_warning")
        self.warning.setTextFormat(Qt.TextFormat.PlainText)
        self.warning.setStyleSheet(label_colour(error_text_css()))
        self.warning.hide()
        window.statusBar().addPermanentWidget(self.warning)
        window.statusBar().installEventFilter(self)
        self.daily = DailyBackupTimer(lambda: self._window.desk, clock=clock, parent=self)
        self.daily.backed_up.connect(lambda backup: self._backed_up(backup, quiet=True))
        self.daily.failed.connect(lambda text: self.warn(f"Today's backup failed: {text}"))
        self.update_enabled()

    def menu_actions(self) -> list[QAction]:
        return [self.act_backup, self.act_restore]

    def update_enabled(self) -> None:
        for act in self.menu_actions():
            act.setEnabled(self._window.desk is not None)

    def desk_installed(self, desk: Desk) -> None:
        """A board was opened: say if its backup failed, and look after its daily backup."""
        self.update_enabled()
        problem = desk.opened.backup_problem
        if problem:
            self.warn(f"No backup was taken on opening: {problem}")
        else:
            self.warn("")
        if _backup_service(desk).is_file_board and not desk.read_only:
            self.daily.start()
        else:
            self.daily.stop()

    def warn(self, text: str) -> None:
        """The status-bar warning, shortened in the middle (a long path goes, the reason at the
        end stays); the tooltip holds all of it. Empty text hides it."""
        self.warning_text = f"⚠ {text}" if text else ""
        self._fit_warning()
        self.warning.setToolTip(plain_tooltip(text) or "")
        self.warning.setVisible(bool(text))

    def _fit_warning(self) -> None:
        window = self._window
        taken = window.board_label.sizeHint().width() + window.mode_label.sizeHint().width()
        width = max(WARNING_MIN_WIDTH, window.statusBar().width() - taken - 48)
        metrics = self.warning.fontMetrics()
        self.warning.setText(
            metrics.elidedText(self.warning_text, Qt.TextElideMode.ElideMiddle, width)
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Fits the warning again when the status bar changes width."""
        if event.type() == QEvent.Type.Resize and self.warning_text:
            self._fit_warning()
        return False

    # -- back up now ----------------------------------------------------------------------------

    def back_up_now(self) -> BackgroundTask | None:
        service = self._service()
        if service is None:
            return None
        chosen = self.choose_backup_path(service.suggested_path())
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".db":
            path = path.with_name(path.name + ".db")
        self.task = run_with_progress(
            self._window,
            "Back up now",
            f"Backing up the board to {path.name}…",
            lambda _progress, _cancelled: service.back_up_to(path, overwrite=True),
            lambda backup: self._backed_up(backup, quiet=False),
            lambda exc: self._messenger.problem(self._window, "The backup failed", exc),
            self._messenger,
            cancellable=False,
        )
        return self.task

    def _backed_up(self, backup: BackupFile, *, quiet: bool) -> None:
        self.warn("")
        text = f"Backed up to {backup.path} ({size_text(backup.size)})"
        self._window.statusBar().showMessage(text, 8000)
        if not quiet:
            self._messenger.info(self._window, "Backed up", text)

    def _choose_backup_path(self, suggested: Path) -> str:
        from improvement_desk.ui.backups.restore_dialog import BOARD_FILTER

        path, _ = QFileDialog.getSaveFileName(
            self._window, "Back up the board", str(suggested), BOARD_FILTER
        )
        return path

    # -- restore --------------------------------------------------------------------------------

    def open_restore_dialog(self) -> RestoreDialog | None:
        service = self._service()
        desk = self._window.desk
        if service is None or desk is None:
            return None
        try:
            backups = service.backups()
            name = desk.info().name
        except DeskError as exc:
            self._messenger.problem(self._window, "Cannot list the backups", exc)
            return None
        from improvement_desk.ui.backups.restore_dialog import RestoreDialog

        dialog = RestoreDialog(
            backups,
            board_name=name,
            folder=service.folder(),
            messenger=self._messenger,
            can_restore=not desk.read_only,
            parent=self._window,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(lambda path: self.restore(path, dialog))
        dialog.destroyed.connect(lambda *_: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def restore(self, source: Path, dialog: RestoreDialog | None = None) -> None:
        """Closes the board, restores `source` over its file, and opens it again."""
        desk = self._window.desk
        if desk is None or desk.read_only or not _backup_service(desk).is_file_board:
            return
        if dialog is not None:
            dialog.close()
        target = Path(desk.location)
        exclusive = desk.opened.exclusive  # a board on a network drive, held alone: again so
        self.daily.stop()
        desk.close()  # frees the board's lock for the restore
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            from improvement_desk.services.backups import restore_board

            outcome = restore_board(source, target, force=True)
        except DeskError as exc:
            log.warning("restore refused: %s", exc)
            self._messenger.problem(self._window, "The backup was not restored", exc)
            self._reopen(target, exclusive, None)
            return
        except Exception:
            self._reopen(target, exclusive, None)  # the board as it was, then the crash report
            raise
        finally:
            QGuiApplication.restoreOverrideCursor()
        done = f"Restored {source.name} over {target.name}."
        if outcome.safety_backup is not None:
            done += f"\n\nThe board as it was is kept as {outcome.safety_backup}."
        self._reopen(target, exclusive, done)

    def _reopen(self, target: Path, exclusive: bool, done: str | None) -> None:
        window = self._window

        def opened(desk: Desk) -> None:
            window.install_desk(desk)
            if done:
                self._messenger.info(window, "Backup restored", done)

        def failed() -> None:
            window.desk = None  # closed above: nothing may use it now
            window.show_placeholder(NO_BOARD)
            self.update_enabled()

        window.opener.open(window, target, opened, exclusive=exclusive, on_failed=failed)

    def _service(self) -> BackupService | None:
        desk = self._window.desk
        if desk is None:
            return None
        from improvement_desk.services.backups import SERVER_BOARD

        service = _backup_service(desk)
        if not service.is_file_board:
            self._messenger.info(self._window, "No file backups", SERVER_BOARD)
            return None
        return service


def _backup_service(desk: Desk) -> BackupService:
    """Imported when first needed: the backup service brings SQLAlchemy, which the window must
    not wait for before it is on screen (benchmarks/startup.py)."""
    from improvement_desk.services.backups import BackupService

    return BackupService(desk.ctx)
