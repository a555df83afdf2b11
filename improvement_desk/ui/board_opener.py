"""Opening a board from the GUI: the refusals become questions or messages, never crashes.

A board held by another copy, or a read-only file, can still be opened
read-only if the user agrees; anything else is explained and nothing changes.
A board on a network drive is asked about before it is touched (RELIABILITY
DB-1): SQLite shared there can be corrupted, so it opens read-only, or for
this user alone with everyone else locked out, or not at all.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.domain.errors import BoardFileRejected, DeskError
from improvement_desk.runtime.clock import Today, system_today
from improvement_desk.runtime.credentials import PasswordStore
from improvement_desk.runtime.identity import Actor

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.server.server_opener import ServerOpener
from improvement_desk.ui.messages import Messenger

Opened = Callable[["Desk"], None]
Failed = Callable[[], None]

NETWORK_TITLE = "Board on a network drive"
READ_ONLY_CHOICE = "Open read-only"
ALONE_CHOICE = "Open for me alone"
CREATE_ALONE_CHOICE = "Create for me alone"


def network_question_text(reason: str, *, create: bool) -> str:
    what = "The new board would be" if create else "This board is"
    choices = (
        f"{CREATE_ALONE_CHOICE}: you can make changes; everyone else is locked out until "
        "you close it."
        if create
        else f"{READ_ONLY_CHOICE}: you see everything and change nothing.\n"
        f"{ALONE_CHOICE}: you can make changes; everyone else is locked out until you close it."
    )
    return (
        f"{what} on a network drive ({reason}).\n\n"
        "A board file on a network drive can be damaged when two people save to it at the "
        "same time. For a board several officers edit together, ask IT for the PostgreSQL "
        f"board server.\n\n{choices}"
    )


class BoardOpener:
    def __init__(
        self,
        actor: Actor,
        messenger: Messenger,
        *,
        today: Today = system_today,
        passwords: PasswordStore | None = None,
    ) -> None:
        self.actor = actor
        self.messenger = messenger
        self.today = today
        self.network_question: QMessageBox | None = None  # while it is open (tests answer it)
        self.passwords = passwords or PasswordStore()  # the board server's, in the OS keyring
        self._server: ServerOpener | None = None

    @property
    def server(self) -> ServerOpener:
        """Boards on a PostgreSQL server: Connect to server…, and reopening one (ui/server/)."""
        if self._server is None:
            from improvement_desk.ui.server.server_opener import ServerOpener

            self._server = ServerOpener(self, self.passwords)
        return self._server

    def open(
        self,
        parent: QWidget | None,
        location: str | Path,
        on_opened: Opened,
        *,
        create: bool = False,
        read_only: bool = False,
        exclusive: bool = False,
        board_name: str | None = None,
        on_failed: Failed | None = None,
        ask_password: bool = True,
    ) -> None:
        """`ask_password`: a server location without a password (as remembered) is tested
        first and the password taken from the keyring or asked for (ui/server/)."""
        from improvement_desk.db.server_urls import is_server_location, password_in
        from improvement_desk.services.desk import network_reason, open_desk  # the database layer

        failed = on_failed or (lambda: None)
        if ask_password and is_server_location(location) and not password_in(str(location)):
            self.server.reopen(
                parent, str(location), on_opened, read_only=read_only, on_failed=failed
            )
            return
        if not read_only and not exclusive:
            reason = network_reason(location)
            if reason is not None:
                self._ask_about_network(
                    parent, location, reason, on_opened, create, board_name, failed
                )
                return
        try:
            desk = open_desk(
                location,
                self.actor,
                create=create,
                read_only=read_only,
                exclusive=exclusive,
                today=self.today,
                board_name=board_name or DEFAULT_BOARD_NAME,
            )
        except BoardFileRejected as exc:
            if exc.can_open_read_only and not read_only:
                self.messenger.confirm(
                    parent,
                    "Open read-only?",
                    f"{exc}\n\nYou can open it read-only: you will see everything but change nothing.",
                    lambda: self.open(
                        parent, location, on_opened, read_only=True, on_failed=failed
                    ),
                    yes="Open read-only",
                    on_no=failed,
                )
                return
            self.messenger.error(parent, "Cannot open this board", str(exc))
            failed()
        except DeskError as exc:
            self.messenger.problem(parent, "Cannot open this board", exc)
            failed()
        else:
            on_opened(desk)

    def _ask_about_network(
        self,
        parent: QWidget | None,
        location: str | Path,
        reason: str,
        on_opened: Opened,
        create: bool,
        board_name: str | None,
        failed: Failed,
    ) -> None:
        """Read-only, for me alone, or Cancel; the box never blocks the event loop."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            NETWORK_TITLE,
            network_question_text(reason, create=create),
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # the reason quotes a path
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        read_only = (
            None if create else box.addButton(READ_ONLY_CHOICE, QMessageBox.ButtonRole.AcceptRole)
        )
        alone = box.addButton(
            CREATE_ALONE_CHOICE if create else ALONE_CHOICE, QMessageBox.ButtonRole.YesRole
        )
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(read_only or alone)

        def answered() -> None:
            self.network_question = None
            clicked = box.clickedButton()
            if read_only is not None and clicked is read_only:
                self.open(parent, location, on_opened, read_only=True, on_failed=failed)
            elif clicked is alone:
                self.open(
                    parent, location, on_opened, create=create, exclusive=True,
                    board_name=board_name, on_failed=failed,
                )  # fmt: skip
            else:
                failed()

        box.finished.connect(answered)
        self.network_question = box
        box.open()
