"""The minute of the item under discussion: typed freely, saved in whole steps.

A save per keystroke would fill the undo stack and the audit trail with
fragments, so the editor only says when a save is due: after a short pause
in typing, when it loses the keyboard (moving to another field, opening a
menu, going to another item) and on Ctrl+S. Each save is one undo step.

The editor remembers the minute as stored and the text that was typed when
it was stored, so a reload (after an undo, or another panel's change) never
throws away what is being typed, and text the service tidied on saving does
not count as a new change.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from improvement_desk.services.meeting_records import AgendaItemRecord

IDLE_SAVE_MS = 2500
PLACEHOLDER = (
    "Minute of the discussion: type as people speak. It is saved when you pause, "
    "move on, or press Ctrl+S."
)


@dataclass(frozen=True, slots=True)
class PendingMinute:
    """What a save would write: the item, the minute as stored now, the new text."""

    item: AgendaItemRecord
    stored: str
    text: str
    version: int


class MinuteEditor(QPlainTextEdit):
    save_due = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("minute_editor")
        self.setAccessibleName("Minute")
        self.setTabChangesFocus(True)
        self.setPlaceholderText(PLACEHOLDER)
        self._item: AgendaItemRecord | None = None
        self._stored = ""  # the minute as the board holds it
        self._typed = ""  # the editor's text when it matched what is stored
        self._version = 0
        self._loading = False
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.setInterval(IDLE_SAVE_MS)
        self.idle.timeout.connect(self.save_due)
        self.textChanged.connect(self._typed_something)

    @property
    def item_id(self) -> int | None:
        return self._item.id if self._item else None

    def is_dirty(self) -> bool:
        return self._item is not None and self.toPlainText() != self._typed

    def show_item(self, item: AgendaItemRecord | None) -> None:
        """Shows the item's minute; the same item again keeps whatever is being typed."""
        if item is None:
            self._item = None
            self._load("")
            return
        same = self._item is not None and self._item.id == item.id
        self._item = item
        if same and item.minute == self._stored:
            self._version = item.version
            return
        if same and self.is_dirty():
            # Changed underneath (an undo, a colleague): the typing in progress wins next save.
            self._stored, self._version = item.minute, item.version
            return
        self._stored, self._version = item.minute, item.version
        self._load(item.minute)

    def _load(self, text: str) -> None:
        self.idle.stop()
        self._loading = True
        try:
            self.setPlainText(text)
            self._typed = text
        finally:
            self._loading = False

    def pending(self) -> PendingMinute | None:
        if not self.is_dirty() or self._item is None:
            return None
        return PendingMinute(self._item, self._stored, self.toPlainText(), self._version)

    def saved(self, pending: PendingMinute, stored: str, version: int) -> None:
        """The save of `pending` went through; the board now holds `stored`."""
        self.idle.stop()
        if self._item is None or self._item.id != pending.item.id:
            return
        self._stored, self._typed, self._version = stored, pending.text, version
        if not self.is_dirty():
            return
        self.idle.start()  # typed on while it saved

    def hold(self) -> None:
        """A save failed: no more automatic tries until the next keystroke."""
        self.idle.stop()

    def _typed_something(self) -> None:
        if not self._loading and self._item is not None and not self.isReadOnly():
            self.idle.start()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if self.is_dirty() and event.reason() != Qt.FocusReason.ActiveWindowFocusReason:
            self.save_due.emit()
