"""Message boxes that never block the event loop, and that tests can replace.

Offscreen, a modal `exec()` left open hangs forever; every message here is
opened with `open()` and answered through a callback.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from improvement_desk.domain.errors import DeskError, ValidationError


class Messenger:
    def __init__(self) -> None:
        self._open: list[QMessageBox] = []

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self._show(parent, QMessageBox.Icon.Warning, title, text)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self._show(parent, QMessageBox.Icon.Information, title, text)

    def problem(self, parent: QWidget | None, title: str, exc: DeskError) -> None:
        if isinstance(exc, ValidationError):
            text = "\n".join(f"• {p}" for p in exc.problems)
        else:
            text = str(exc)
        self.error(parent, title, text)

    def confirm(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        on_yes: Callable[[], None],
        *,
        yes: str = "OK",
        on_no: Callable[[], None] | None = None,
    ) -> None:
        box = self._box(parent, QMessageBox.Icon.Question, title, text)
        ok = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(ok)

        def finished() -> None:
            if box.clickedButton() is ok:
                on_yes()
            elif on_no is not None:
                on_no()

        box.finished.connect(finished)
        box.open()

    def _box(
        self, parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str
    ) -> QMessageBox:
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote user text
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._open.append(box)
        box.destroyed.connect(lambda *_: self._open.remove(box) if box in self._open else None)
        return box

    def _show(self, parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str) -> None:
        box = self._box(parent, icon, title, text)
        box.addButton(QMessageBox.StandardButton.Ok)
        box.open()
