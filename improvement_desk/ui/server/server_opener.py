"""Opening a board on a PostgreSQL server: with the remembered password, or by asking.

Boards are remembered by a location without a password (recent boards, the
last board at start-up). Reopening one takes the password from the system
keyring when there is one there, tests the connection off the UI thread,
and opens the board only when the server answered; if the server wants a
password it does not have, or refuses the one it has, the Connect dialog
opens with the address filled in and the reason shown, so the user types the
password again. A `PGPASSWORD` variable or a `.pgpass` file (libpq reads both
itself) works too: no password in the keyring then means "let libpq find one".

The board itself is opened by `BoardOpener`, the same way as a file, so its
refusals and messages are the same.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from improvement_desk.db.server_errors import ServerUnavailable
from improvement_desk.db.server_probe import ServerProbe, probe_server
from improvement_desk.db.server_urls import parse_location
from improvement_desk.domain.errors import DeskError
from improvement_desk.runtime.credentials import PasswordStore
from improvement_desk.ui.server.connect_dialog import ConnectDialog, Probe, ServerConnection
from improvement_desk.ui.tasks import BackgroundTask

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk
    from improvement_desk.ui.board_opener import BoardOpener

log = logging.getLogger(__name__)

Opened = Callable[["Desk"], None]
Failed = Callable[[], None]
TITLE = "Cannot open the board on the server"


class ServerOpener:
    def __init__(
        self, opener: BoardOpener, passwords: PasswordStore, *, probe: Probe = probe_server
    ) -> None:
        self.opener = opener
        self.passwords = passwords
        self.probe = probe
        self.dialog: ConnectDialog | None = None  # while it is open (tests fill it in)
        self.task: BackgroundTask | None = None  # while a reopened board's server is tested

    def connect(
        self,
        parent: QWidget | None,
        initial: str | None,
        on_opened: Opened,
        *,
        on_failed: Failed | None = None,
        read_only: bool = False,
        message: str = "",
    ) -> ConnectDialog:
        """File ▸ Connect to server…, filled in from `initial` (a remembered location)."""
        failed = on_failed or (lambda: None)
        address = parse_location(initial) if initial else None
        dialog = ConnectDialog(
            parent, self.passwords, initial=address, probe=self.probe, message=message
        )

        def accepted() -> None:
            self.dialog = None
            connection = dialog.connection
            if connection is None:  # accepted only by _finish, which sets it
                failed()
                return
            if dialog.notice:
                self.opener.messenger.info(parent, "Password not remembered", dialog.notice)
            self.open_connection(
                parent, connection, on_opened, read_only=read_only, on_failed=failed
            )

        def rejected() -> None:
            self.dialog = None
            failed()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        self.dialog = dialog
        dialog.open()
        return dialog

    def reopen(
        self,
        parent: QWidget | None,
        location: str,
        on_opened: Opened,
        *,
        read_only: bool = False,
        on_failed: Failed | None = None,
    ) -> None:
        """A remembered server board: test with the keyring's password, then open or ask."""
        failed = on_failed or (lambda: None)
        address = parse_location(location)
        if address is None:
            self.opener.messenger.error(parent, TITLE, "That is not a board server's address.")
            failed()
            return
        password = self.passwords.get(address.keyring_account)
        probe = self.probe

        def tested(result: object) -> None:
            self.task = None
            if not isinstance(result, ServerProbe) or result.kind == "empty":
                # Emptied since it was last opened: setting it up again is the user's call.
                message = result.summary if isinstance(result, ServerProbe) else ""
                self.connect(parent, location, on_opened, on_failed=failed, message=message)
                return
            connection = ServerConnection(address, password, result)
            self.open_connection(
                parent, connection, on_opened, read_only=read_only, on_failed=failed
            )

        def refused(error: object) -> None:
            self.task = None
            if isinstance(error, ServerUnavailable):
                self.connect(
                    parent, location, on_opened, on_failed=failed, read_only=read_only,
                    message=str(error),
                )  # fmt: skip
            elif isinstance(error, DeskError):
                self.opener.messenger.problem(parent, TITLE, error)
                failed()
            else:
                log.error("testing the board server failed: %s", type(error).__name__)
                self.opener.messenger.error(
                    parent, TITLE, f"Unexpected error ({type(error).__name__}); see the log file."
                )
                failed()

        task = BackgroundTask(lambda _progress, _cancelled: probe(address, password), parent)
        task.succeeded.connect(tested)
        task.failed.connect(refused)
        self.task = task
        task.start()

    def open_connection(
        self,
        parent: QWidget | None,
        connection: ServerConnection,
        on_opened: Opened,
        *,
        read_only: bool = False,
        on_failed: Failed | None = None,
    ) -> None:
        """Opens the tested server board through `BoardOpener`, like a file."""
        url = connection.address.connection_string(connection.password)
        self.opener.open(
            parent,
            url,
            on_opened,
            read_only=read_only,
            create=connection.probe.kind == "empty",
            on_failed=on_failed,
            ask_password=False,
        )
