"""The Meetings page's board pack commands: Board pack…, Issued packs… and Pack template….

Kept apart from meetings_page.py so the page only wires actions to these slots.
One Board pack dialog is open at a time and it is not modal: the officer can
read a preview, or another page, while it is open. Issuing may move the
meeting from planned to papers issued, so the page reloads after an issue.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QWidget
from shiboken6 import isValid

from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.pack.build_dialog import PackDialog
from improvement_desk.ui.pack.preview import open_pdf

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk


class PackActions(QObject):
    def __init__(
        self, page: QWidget, desk: Desk, messenger: Messenger, reload: Callable[[], None]
    ) -> None:
        super().__init__(page)
        self._page = page
        self._desk = desk
        self._messenger = messenger
        self._reload = reload
        self.dialog: PackDialog | None = None
        self.issued_dialog: QDialog | None = None

    def _open(self) -> PackDialog | None:
        dialog = self.dialog
        return dialog if dialog is not None and isValid(dialog) and dialog.isVisible() else None

    def board_pack(self, meeting: MeetingSummary) -> PackDialog:
        """The Board pack dialog for `meeting`; the one already open when it is for the same
        meeting or still building (a build is never dropped to open another)."""
        current = self._open()
        if current is not None:
            if current.meeting.id == meeting.id or current.running:
                current.raise_()
                current.activateWindow()
                return current
            current.close()
        dialog = PackDialog(self._page, self._desk, self._messenger, meeting)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.issued.connect(lambda *_: self._reload())
        self.dialog = dialog
        dialog.show()
        return dialog

    def issued_packs(self, meeting_id: int | None) -> QDialog:
        from improvement_desk.ui.pack.issued_dialog import IssuedPacksDialog

        def show(data: bytes, title: str) -> None:
            open_pdf(self._page, data, title, messenger=self._messenger)

        dialog = IssuedPacksDialog(self._page, self._desk, self._messenger, meeting_id, show)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.issued_dialog = dialog
        dialog.show()  # not modal: the packs it opens are windows of their own
        return dialog

    def template(self) -> bool:
        """Pack template…: a board setting, so never on a read-only board."""
        from improvement_desk.ui.pack import template_dialog

        if self._desk.read_only:
            return False
        return template_dialog.edit_pack_template(self._page, self._desk, self._messenger)
