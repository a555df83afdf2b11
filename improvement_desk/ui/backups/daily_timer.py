"""The daily backup: while a board is open, once per calendar day, off the UI thread.

Officers leave the app open for days, so a backup only on opening is not
enough. A `QTimer` asks the backup service every few minutes whether today's
backup is due (the service looks for a daily backup dated today, so the
answer survives a restart); when it is, the backup runs in the background.

A failure (a full disk, a read-only folder) is reported once, through
`failed`, and not retried until the next day: the warning should not come back
every few minutes. The clock is injected, so tests move through days without
waiting, and call `check()` themselves rather than waiting for the timer.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from improvement_desk.domain.errors import DeskError
from improvement_desk.runtime.clock import Now, utc_now
from improvement_desk.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

log = logging.getLogger(__name__)

CHECK_INTERVAL_MS = 10 * 60 * 1000  # how often to ask whether today's backup is due
FIRST_CHECK_MS = 60 * 1000  # after a board opens: not while the window is still filling


class DailyBackupTimer(QObject):
    backed_up = Signal(object)  # the BackupFile taken
    failed = Signal(str)  # why today's backup could not be taken

    def __init__(
        self,
        desk: Callable[[], Desk | None],
        *,
        clock: Now = utc_now,
        interval_ms: int = CHECK_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._desk = desk
        self._clock = clock
        self._failed_on: date | None = None
        self.task: BackgroundTask | None = None  # the backup running or last run (for tests)
        self.timer = QTimer(self)
        self.timer.setObjectName("daily_backup_timer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.first = QTimer(self)
        self.first.setSingleShot(True)
        self.first.setInterval(FIRST_CHECK_MS)
        self.first.timeout.connect(self.check)

    def start(self) -> None:
        """Checks a minute from now, then every `interval_ms` (restarted for each new board)."""
        self.first.start()
        self.timer.start()

    def stop(self) -> None:
        self.first.stop()
        self.timer.stop()

    def check(self) -> BackgroundTask | None:
        """Starts today's backup if it is due; returns its task, or None when nothing is due."""
        desk = self._desk()
        if desk is None or (self.task is not None and self.task.running):
            return None
        now = self._clock()
        today = now.astimezone().date()
        if self._failed_on == today:
            return None
        from improvement_desk.services.backups import BackupService  # SQLAlchemy: not at start-up

        service = BackupService(desk.ctx)
        try:
            due = service.daily_due(now)
        except DeskError as exc:
            log.info("could not tell whether a daily backup is due: %s", exc)
            return None
        if not due:
            return None
        task = BackgroundTask(lambda _progress, _cancelled: service.take_daily(now), self)
        task.succeeded.connect(self._succeeded)
        task.failed.connect(lambda exc: self._failed(exc, today))
        self.task = task
        task.start()
        return task

    def _succeeded(self, backup: object) -> None:
        if backup is not None:
            self.backed_up.emit(backup)

    def _failed(self, exc: object, today: date) -> None:
        if not isinstance(exc, DeskError):
            raise exc if isinstance(exc, BaseException) else RuntimeError(str(exc))
        self._failed_on = today
        log.warning("the daily backup failed: %s", exc)
        self.failed.emit(str(exc))
