"""Edit ▸ Audit trail…: the main window's way into the audit viewer.

One viewer per main window, kept (hidden when closed) while the window is open: choosing the command again
brings it forward (reading the current board if another was opened) rather than
stacking copies. The viewer module is imported on first use, so the main window
does not pay for it at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from improvement_desk.ui.messages import Messenger

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.audit.audit_window import AuditWindow

# Ctrl+Shift+A is the meeting screen's "new action arising"; H for history.
SHORTCUT = "Ctrl+Shift+H"


class AuditActions(QObject):
    def __init__(
        self,
        window: QWidget,
        desk_provider: Callable[[], Desk | None],
        messenger: Messenger,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._desk = desk_provider
        self._messenger = messenger
        self.viewer: AuditWindow | None = None
        self.action = QAction("Audit &trail…", window)
        self.action.setObjectName("audit_trail_action")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        self.action.setStatusTip(
            "Every change on the board: who, when, what it was and became; filter and export"
        )
        self.action.triggered.connect(lambda *_: self.open())

    def open(self) -> AuditWindow | None:
        """Shows the viewer (non-modal), making it on first use."""
        if self._desk() is None:
            self._messenger.info(self._window, "Audit trail", "Open a board first.")
            return None
        if self.viewer is None:
            from improvement_desk.ui.audit.audit_window import AuditWindow

            # Closing hides it (a running export still reports to it); it goes with the window.
            self.viewer = AuditWindow(self._desk, self._messenger, self._window)
            self.viewer.show()
            return self.viewer
        self.viewer.follow_board()
        self.viewer.show()
        self.viewer.raise_()
        self.viewer.activateWindow()
        return self.viewer
