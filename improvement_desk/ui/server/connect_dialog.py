"""File ▸ Connect to server…: host, port, database, user and password for a shared board.

Test connection (and Connect, which tests first) runs off the UI thread with a
five-second timeout, so a wrong host never freezes the window, and says what
is wrong in words: host not found, refused, authentication failed, no such
database, not an Improvement Desk database, written by a newer version. An
empty database is offered to be set up: Connect turns into "Set up and
connect", and only a second press creates the board's tables (through the
same migrations that upgrade a board file).

The password lives in this dialog, the system keyring if the user ticks the
box, and the engine's URL in memory; never in settings, the log or a message.
Where there is no keyring the box is greyed out and the dialog says why.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from improvement_desk.db.server_errors import ServerUnavailable
from improvement_desk.db.server_probe import ServerProbe, probe_server
from improvement_desk.db.server_urls import (
    DATABASE,
    DEFAULT_PORT,
    HOST,
    PASSWORD,
    PORT,
    USER,
    ServerAddress,
    address_from,
    check_address,
    check_password,
)
from improvement_desk.domain.errors import DeskError, FieldProblem
from improvement_desk.runtime.credentials import PasswordStore
from improvement_desk.ui.forms import FormDialog, plain_label
from improvement_desk.ui.tasks import BackgroundTask
from improvement_desk.ui.theme import error_text_css, label_colour

log = logging.getLogger(__name__)

Probe = Callable[[ServerAddress, str | None], ServerProbe]
CONNECT_TEXT = "&Connect"
SET_UP_TEXT = "&Set up and connect"
REMEMBER_TEXT = "&Remember password in the system keyring"


@dataclass(frozen=True, slots=True)
class ServerConnection:
    """What the dialog hands back: where, the password (or None), and what the test found."""

    address: ServerAddress
    password: str | None
    probe: ServerProbe

    def __repr__(self) -> str:  # a dataclass repr would print the password
        return f"ServerConnection({self.address.location!r}, {self.probe.kind!r})"


class ConnectDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        passwords: PasswordStore,
        *,
        initial: ServerAddress | None = None,
        probe: Probe = probe_server,
        message: str = "",
    ) -> None:
        super().__init__(parent, title="Connect to a board server", is_new=initial is None)
        self.setObjectName("connect_dialog")
        self.setMinimumWidth(520)
        self.passwords = passwords
        self.probe = probe
        self.connection: ServerConnection | None = None  # set when the dialog is accepted
        self.notice: str | None = None  # why the password was not remembered, if it was not
        self._task: BackgroundTask | None = None
        self._generation = 0  # an edit makes a running test's answer stale
        self._set_up_agreed: ServerAddress | None = None
        self.test_button = QPushButton("&Test connection")
        self.test_button.setObjectName("test_connection")
        self.test_button.setAutoDefault(False)  # Return means Connect
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.setText(CONNECT_TEXT)

        self.add_note(
            "A board shared by the team is kept in a PostgreSQL database that IT looks after. "
            "Ask them for these details.",
            "connect_note",
        )
        self.host = QLineEdit(initial.host if initial else "")
        self.host.setPlaceholderText("e.g. boards.council.local")
        self.port = QLineEdit(str(initial.port if initial else DEFAULT_PORT))
        self.port.setMaxLength(12)
        self.database = QLineEdit(initial.database if initial else "")
        self.database.setPlaceholderText("e.g. improvement_board")
        self.user = QLineEdit(initial.user if initial else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText("leave empty if IT set up a password file")
        for field, text, edit, name in (
            (HOST, "&Host:", self.host, "host"),
            (PORT, "P&ort:", self.port, "port"),
            (DATABASE, "&Database:", self.database, "database"),
            (USER, "&User:", self.user, "user"),
            (PASSWORD, "&Password:", self.password, "password"),
        ):
            self.add_row(field, text, edit, name)
            self.watch(field, edit.textChanged)
            edit.textChanged.connect(self._stale)

        self.remember = QCheckBox(REMEMBER_TEXT)
        self.remember.setObjectName("remember_password")
        self.keyring_note = plain_label()
        self.keyring_note.setObjectName("keyring_note")
        self.keyring_note.setWordWrap(True)
        self.form.addRow("", self.remember)
        self.form.addRow(self.keyring_note)  # full width: a wrapped label in a field row is
        # given the height of one line
        self._set_up_keyring(initial)

        self.status = plain_label(message)
        self.status.setObjectName("connection_status")
        self.status.setAccessibleName("Connection status")
        self.status.setWordWrap(True)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        self.form.addRow("", test_row)
        self.form.addRow(self.status)
        self._show_status(message, error=bool(message))

        self.submitted.connect(lambda _value: self._run(connect=True))
        self.chain_tab_order(
            [
                self.host,
                self.port,
                self.database,
                self.user,
                self.password,
                self.remember,
                self.test_button,
            ]
        )
        self.revalidate()
        (self.password if initial else self.host).setFocus()

    # -- the form ------------------------------------------------------------------------------

    def problems(self) -> list[FieldProblem]:
        found = check_address(
            self.host.text(), self.port.text(), self.database.text(), self.user.text()
        )
        password = check_password(self.password.text())
        return [*found, password] if password else found

    def value(self) -> tuple[ServerAddress, str | None]:
        address = address_from(
            self.host.text(), self.port.text(), self.database.text(), self.user.text()
        )
        return address, self.password.text() or None

    def revalidate(self) -> list[FieldProblem]:
        found = super().revalidate()
        if self.testing:
            self.save_button.setEnabled(False)
        self.test_button.setEnabled(not found and not self.testing)
        return found

    @property
    def testing(self) -> bool:
        return self._task is not None

    def _set_up_keyring(self, initial: ServerAddress | None) -> None:
        status = self.passwords.status()
        if not status.available:
            self.remember.setEnabled(False)
            self.keyring_note.setText(f"The password cannot be remembered: {status.reason}.")
            self.remember.setToolTip(self.keyring_note.text())
            return
        self.keyring_note.hide()
        stored = self.passwords.get(initial.keyring_account) if initial else None
        if stored:
            self.password.setText(stored)
            self.remember.setChecked(True)

    # -- testing -------------------------------------------------------------------------------

    def test_connection(self) -> None:
        self._touched.update(self.inputs)
        if self.revalidate():
            return
        self._run(connect=False)

    def _run(self, *, connect: bool) -> None:
        if self.testing:
            return
        address, password = self.value()
        self._show_status(f"Testing the connection to {address.host}:{address.port}…")
        generation = self._generation
        probe = self.probe
        task = BackgroundTask(lambda _progress, _cancelled: probe(address, password), self)
        task.succeeded.connect(lambda result: self._tested(generation, result, connect))
        task.failed.connect(lambda error: self._failed(generation, error))
        self._task = task
        self.revalidate()
        task.start()

    def _tested(self, generation: int, result: object, connect: bool) -> None:
        self._task = None
        self.revalidate()
        if generation != self._generation or not isinstance(result, ServerProbe):
            return
        if result.kind != "empty":
            self._show_status(result.summary)
            if connect:
                self._finish(result)
            return
        if connect and self._set_up_agreed == result.address:
            self._finish(result)
            return
        self._set_up_agreed = result.address
        self.save_button.setText(SET_UP_TEXT)
        self._show_status(
            f"{result.summary}\n\nPress “Set up and connect” to create a new board in it "
            "(its tables are made by the same steps that upgrade a board file)."
        )

    def _failed(self, generation: int, error: object) -> None:
        self._task = None
        self.revalidate()
        if generation != self._generation:
            return
        if isinstance(error, DeskError):
            self._show_status(str(error), error=True)
            field = error.field if isinstance(error, ServerUnavailable) else None
            if field in self.inputs:
                self.inputs[field].setFocus()
            return
        log.error("testing the board server failed unexpectedly: %s", type(error).__name__)
        self._show_status(
            f"The test stopped with an unexpected error ({type(error).__name__}). Try again; "
            "if it happens again, tell IT.",
            error=True,
        )

    def _stale(self) -> None:
        """An edit: a running test's answer no longer applies, nor an agreement to set up."""
        self._generation += 1
        self._set_up_agreed = None
        self.save_button.setText(CONNECT_TEXT)

    def _show_status(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))
        self.status.setStyleSheet(label_colour(error_text_css()) if error else "")
        # Taller for a long message, once the layout has taken in the new text.
        QTimer.singleShot(0, self, self._grow_to_fit)

    # -- connecting ----------------------------------------------------------------------------

    def _finish(self, probe: ServerProbe) -> None:
        _, password = self.value()
        self._keep_password(probe.address, password)
        self.connection = ServerConnection(probe.address, password, probe)
        self.accept()

    def _keep_password(self, address: ServerAddress, password: str | None) -> None:
        if not self.remember.isEnabled():
            return
        if self.remember.isChecked() and password:
            self.notice = self.passwords.save(address.keyring_account, password)
        else:
            self.passwords.forget(address.keyring_account)
