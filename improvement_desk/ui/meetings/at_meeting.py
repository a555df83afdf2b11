"""At the meeting: hosts the meeting screen in the meetings page, in place of the list and agenda.

The screen is built on first use (it is the largest part of the module, and
most sessions never open it) and kept for the page's life; "Back" on the
screen brings the list and agenda back, read afresh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStackedWidget

if TYPE_CHECKING:
    from improvement_desk.ui.meeting_screen.screen import MeetingScreen
    from improvement_desk.ui.meetings.meetings_page import MeetingsPage


class ScreenHost:
    def __init__(
        self, page: MeetingsPage, stack: QStackedWidget, on_back: Callable[[], None]
    ) -> None:
        self._page = page
        self._stack = stack
        self._on_back = on_back
        self.screen: MeetingScreen | None = None

    def _build(self) -> MeetingScreen:
        from improvement_desk.ui.meeting_screen.screen import MeetingScreen

        page = self._page
        screen = MeetingScreen(page.desk, page.undo_stack, page.messenger, page)
        screen.back_requested.connect(self._on_back)
        self._stack.addWidget(screen)
        return screen

    def show(self, meeting_id: int) -> bool:
        """Shows the meeting screen for this meeting; False if it could not be shown."""
        if self.screen is None:
            self.screen = self._build()
        self.screen.show_meeting(meeting_id)
        self._stack.setCurrentWidget(self.screen)
        self.screen.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
