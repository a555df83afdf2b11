"""File ▸ Connect to server…: the fields, the test off the UI thread, and the password's fate.

The dialog's own behaviour is tested with a stand-in probe; the whole path
(dialog → test → set up → open → remember → reopen) runs against the test
server when IMPROVEMENT_DESK_TEST_PG_URL is set. The test server trusts local
connections, so any password "works" there: that is what lets these tests
type one and then search the settings file and the log for it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR
from keyring.backends import fail
from keyring_fixtures import MemoryKeyring
from pg_fixtures import empty_pg, pg_url_or_skip
from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from improvement_desk import app
from improvement_desk.db.server_errors import ServerUnavailable
from improvement_desk.db.server_probe import ServerProbe, probe_server
from improvement_desk.db.server_urls import ServerAddress, parse_location
from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.domain.errors import BoardFileRejected
from improvement_desk.runtime.credentials import SERVICE, PasswordStore
from improvement_desk.runtime.logs import configure_logging
from improvement_desk.runtime.paths import AppPaths, resolve_paths
from improvement_desk.services.desk import Desk
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.preferences import Preferences
from improvement_desk.ui.server.connect_dialog import SET_UP_TEXT, ConnectDialog

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui

SECRET = "Zq7:pw@never/logged#"
SERVER = ServerAddress("boards.council.local", 5432, "improvement", "jsmith")
Probe = Callable[[ServerAddress, str | None], ServerProbe]


def fill(dialog: ConnectDialog, address: ServerAddress, password: str = SECRET) -> None:
    dialog.host.setText(address.host)
    dialog.port.setText(str(address.port))
    dialog.database.setText(address.database)
    dialog.user.setText(address.user)
    dialog.password.setText(password)


def finding(kind: str, seen: list[tuple[str | None, threading.Thread]] | None = None) -> Probe:
    def probe(address: ServerAddress, password: str | None) -> ServerProbe:
        if seen is not None:
            seen.append((password, threading.current_thread()))
        return ServerProbe(address, kind, "15.18", "0007" if kind != "empty" else None, "Board")  # type: ignore[arg-type]

    return probe


def failing(error: Exception) -> Probe:
    def probe(address: ServerAddress, password: str | None) -> ServerProbe:
        raise error

    return probe


@pytest.fixture
def memory_keyring() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def make_dialog(qtbot: QtBot, memory_keyring: MemoryKeyring) -> Callable[..., ConnectDialog]:
    def make(probe: Probe | None = None, **kwargs: Any) -> ConnectDialog:
        store = kwargs.pop("passwords", PasswordStore(memory_keyring))
        dialog = ConnectDialog(None, store, probe=probe or finding("ready"), **kwargs)
        qtbot.addWidget(dialog)
        dialog.show()
        return dialog

    return make


def settle(qtbot: QtBot, dialog: ConnectDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.testing, timeout=15_000)


# -- the fields --------------------------------------------------------------------------------


def test_each_bad_field_is_named_and_nothing_can_be_tested(
    make_dialog: Callable[..., ConnectDialog],
) -> None:
    dialog = make_dialog()
    fill(dialog, SERVER)
    assert dialog.save_button.isEnabled()
    assert dialog.test_button.isEnabled()
    dialog.port.setText("70000")
    assert dialog.errors.label("Port").text() == "Port must be a number from 1 to 65535"
    assert dialog.errors.label("Port").isVisible()
    assert not dialog.save_button.isEnabled()
    assert not dialog.test_button.isEnabled()
    assert "Port must be a number from 1 to 65535" in dialog.save_button.toolTip()
    dialog.port.setText("5432")
    dialog.host.setText("boards council")
    dialog.database.setText("")
    dialog.user.setText("js\x07")
    assert dialog.errors.label("Host").text().startswith("Host must be a server name or address")
    assert dialog.errors.label("Database").text() == "Database is required"
    assert dialog.errors.label("User").text() == "User contains control characters"
    assert not dialog.errors.label("Port").isVisible()


def test_the_password_is_masked_and_the_keyring_fills_it_in(
    make_dialog: Callable[..., ConnectDialog], memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(SERVICE, SERVER.keyring_account, SECRET)
    dialog = make_dialog(initial=SERVER)
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    assert (dialog.host.text(), dialog.port.text()) == ("boards.council.local", "5432")
    assert (dialog.database.text(), dialog.user.text()) == ("improvement", "jsmith")
    assert dialog.password.text() == SECRET
    assert dialog.remember.isEnabled()
    assert dialog.remember.isChecked()
    assert not dialog.keyring_note.isVisible()


def test_without_a_keyring_the_box_is_greyed_out_and_says_why(
    make_dialog: Callable[..., ConnectDialog],
) -> None:
    dialog = make_dialog(passwords=PasswordStore(fail.Keyring()), initial=SERVER)
    assert not dialog.remember.isEnabled()
    assert dialog.password.text() == ""
    note = dialog.keyring_note.text()
    assert note.startswith("The password cannot be remembered: there is no system keyring")
    assert dialog.keyring_note.isVisible()
    assert dialog.remember.toolTip() == note


# -- testing the connection --------------------------------------------------------------------


def test_the_test_runs_off_the_ui_thread_and_reports_what_it_found(
    qtbot: QtBot, make_dialog: Callable[..., ConnectDialog]
) -> None:
    seen: list[tuple[str | None, threading.Thread]] = []
    dialog = make_dialog(finding("ready", seen))
    fill(dialog, SERVER)
    dialog.test_button.click()
    settle(qtbot, dialog)
    assert seen[0][0] == SECRET
    assert seen[0][1] is not threading.main_thread()
    assert dialog.status.text().startswith(
        'Connected to database "improvement" on boards.council.local:5432 as jsmith: it holds '
        'the board "Board"'
    )
    assert dialog.result() == 0  # a test never closes the dialog


@pytest.mark.parametrize(
    ("error", "focus", "text"),
    [
        (ServerUnavailable("Authentication failed: the server refused the password", cause="auth",
                           field="Password"), "password", "Authentication failed"),
        (ServerUnavailable("Host: boards.council.local was not found.", cause="host",
                           field="Host"), "host", "Host: boards.council.local was not found."),
        (BoardFileRejected("The server's board was written by a newer version of Improvement Desk"),
         None, "written by a newer version"),
    ],
)  # fmt: skip
def test_a_failed_test_says_why_and_points_at_the_field(
    qtbot: QtBot,
    make_dialog: Callable[..., ConnectDialog],
    error: Exception,
    focus: str | None,
    text: str,
) -> None:
    dialog = make_dialog(failing(error))
    fill(dialog, SERVER)
    dialog.user.setFocus()
    dialog.save_button.click()  # Connect tests first, and stays open on a failure
    settle(qtbot, dialog)
    assert text in dialog.status.text()
    assert "#B3261E" in dialog.status.styleSheet()
    assert dialog.connection is None
    assert dialog.result() == 0
    focused = dialog.focusWidget()
    assert (focused.objectName() if focused else None) == (focus or "user")
    assert dialog.save_button.isEnabled()  # retry without retyping


def test_an_empty_database_is_set_up_only_on_a_second_press(
    qtbot: QtBot, make_dialog: Callable[..., ConnectDialog], memory_keyring: MemoryKeyring
) -> None:
    dialog = make_dialog(finding("empty"))
    fill(dialog, SERVER)
    dialog.remember.setChecked(True)
    dialog.save_button.click()
    settle(qtbot, dialog)
    assert dialog.save_button.text() == SET_UP_TEXT
    assert "The database is empty: Connect will set it up" in dialog.status.text()
    assert dialog.connection is None
    assert memory_keyring.saved == {}
    dialog.database.setText("improvement2")  # another database: ask again
    assert dialog.save_button.text() == "&Connect"
    dialog.database.setText("improvement")
    dialog.save_button.click()
    settle(qtbot, dialog)
    assert dialog.connection is None
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert dialog.connection is not None
    assert dialog.connection.probe.kind == "empty"
    assert memory_keyring.saved == {(SERVICE, SERVER.keyring_account): SECRET}
    assert SECRET not in repr(dialog.connection)


def test_unticking_remember_forgets_the_kept_password(
    qtbot: QtBot, make_dialog: Callable[..., ConnectDialog], memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password(SERVICE, SERVER.keyring_account, SECRET)
    dialog = make_dialog(initial=SERVER)
    dialog.remember.setChecked(False)
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    assert memory_keyring.saved == {}


def test_a_remembered_server_that_wants_a_password_opens_the_dialog_filled_in(
    qtbot: QtBot, messenger: RecordingMessenger
) -> None:
    opener = BoardOpener(ACTOR, messenger, passwords=PasswordStore(fail.Keyring()))
    opener.server.probe = failing(
        ServerUnavailable('Password: the server needs a password for user "jsmith".',
                          cause="no-password", field="Password")
    )  # fmt: skip
    opened: list[Desk] = []
    failed: list[bool] = []
    opener.open(None, SERVER.location, opened.append, on_failed=lambda: failed.append(True))
    qtbot.waitUntil(lambda: opener.server.dialog is not None, timeout=15_000)
    dialog = opener.server.dialog
    assert dialog is not None
    qtbot.addWidget(dialog)
    assert (dialog.host.text(), dialog.user.text()) == ("boards.council.local", "jsmith")
    assert dialog.status.text() == 'Password: the server needs a password for user "jsmith".'
    dialog.reject()
    assert failed == [True]
    assert opened == []


def test_a_server_board_is_reopened_at_start_as_text(settings: QSettings) -> None:
    preferences = Preferences(settings)
    preferences.remember_board("/boards/local.db")
    preferences.remember_board(SERVER.location)
    assert preferences.last_board() == SERVER.location
    assert preferences.last_server() == SERVER.location
    args = app.build_parser().parse_args([])
    paths = resolve_paths()
    assert app.choose_board(args, paths, preferences.last_board()) == (SERVER.location, False)
    url_args = app.build_parser().parse_args(["--db", SERVER.location])
    assert app.choose_board(url_args, paths, None) == (SERVER.location, False)
    preferences.remember_board("/boards/local.db")
    assert preferences.last_board() == Path("/boards/local.db")
    assert preferences.last_server() == SERVER.location


# -- against the test server -------------------------------------------------------------------


@pytest.fixture
def pg_address() -> Iterator[ServerAddress]:
    url = pg_url_or_skip()
    empty_pg(url)
    address = parse_location(url)
    assert address is not None
    yield address
    QThreadPool.globalInstance().waitForDone(15_000)
    empty_pg(url)


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    """The app's log file, as `app.main` sets it up; put back as it was afterwards."""
    logger = logging.getLogger("improvement_desk")
    handlers, level = list(logger.handlers), logger.level
    path = tmp_path / "log" / "improvement-desk.log"
    configure_logging(path, level=logging.DEBUG)
    yield path
    for handler in [h for h in logger.handlers if h not in handlers]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(level)


@pytest.mark.postgres
def test_test_connection_against_the_real_server(
    qtbot: QtBot, make_dialog: Callable[..., ConnectDialog], pg_address: ServerAddress
) -> None:
    dialog = make_dialog(probe_server, initial=pg_address)
    dialog.test_button.click()
    settle(qtbot, dialog)
    assert "The database is empty: Connect will set it up" in dialog.status.text()
    dialog.database.setText("no_such_board_db")
    dialog.test_button.click()
    settle(qtbot, dialog)
    assert dialog.status.text().startswith(
        'Database: there is no database named "no_such_board_db" on '
    )
    dialog.database.setText(pg_address.database)
    dialog.port.setText("1")
    dialog.test_button.click()
    settle(qtbot, dialog)
    assert dialog.status.text().startswith(f"{pg_address.host}:1 refused the connection")


@pytest.mark.postgres
def test_connect_sets_up_opens_remembers_and_reopens_without_writing_the_password(
    qtbot: QtBot,
    pg_address: ServerAddress,
    settings: QSettings,
    log_file: Path,
    memory_keyring: MemoryKeyring,
    messenger: RecordingMessenger,
) -> None:
    paths: AppPaths = resolve_paths().ensure()
    opener = BoardOpener(ACTOR, messenger, passwords=PasswordStore(memory_keyring))
    window = MainWindow(
        None, opener=opener, messenger=messenger, preferences=Preferences(settings), paths=paths
    )
    qtbot.addWidget(window)
    window.act_connect.trigger()
    dialog = opener.server.dialog
    assert dialog is not None
    fill(dialog, pg_address)
    dialog.remember.setChecked(True)
    dialog.save_button.click()
    settle(qtbot, dialog)
    assert dialog.save_button.text() == SET_UP_TEXT
    dialog.save_button.click()
    qtbot.waitUntil(lambda: window.desk is not None, timeout=15_000)
    desk = window.desk
    assert desk is not None
    assert desk.location == pg_address.location
    assert desk.opened.database.engine.url.password == SECRET
    assert desk.info().name == DEFAULT_BOARD_NAME
    assert messenger.messages == []
    assert memory_keyring.saved == {(SERVICE, pg_address.keyring_account): SECRET}

    # What is written down holds the server's location, never the password.
    settings.sync()
    stored = Path(settings.fileName()).read_text(encoding="utf-8")
    assert pg_address.host in stored
    assert pg_address.database in stored
    assert Preferences(settings).last_board() == pg_address.location
    logged = log_file.read_text(encoding="utf-8")
    assert "opened board postgresql+psycopg://" in logged
    for secret in (SECRET, "Zq7"):
        assert secret not in stored
        assert secret not in logged
    assert SECRET not in window.board_label.text()

    # The next time (Open recent, or start-up), the keyring's password is used.
    desk.close()
    window.desk = None
    opener.open(window, pg_address.location, window.install_desk)
    qtbot.waitUntil(lambda: window.desk is not None, timeout=15_000)
    assert window.desk is not None
    assert window.desk.opened.database.engine.url.password == SECRET
    assert opener.server.dialog is None  # nothing was asked
    window.close()
    assert SECRET not in log_file.read_text(encoding="utf-8")


@pytest.mark.postgres
@pytest.mark.usefixtures("qapp")
def test_the_app_opens_a_server_board_given_as_db(
    pg_address: ServerAddress, capsys: pytest.CaptureFixture[str]
) -> None:
    from improvement_desk.services.desk import open_desk

    open_desk(pg_address.location, ACTOR, create=True).close()
    logger = logging.getLogger("improvement_desk")
    handlers, level = list(logger.handlers), logger.level
    try:
        assert app.main(["--db", pg_address.location, "--quit-after-show"]) == 0
    finally:
        for handler in [h for h in logger.handlers if h not in handlers]:
            logger.removeHandler(handler)
            handler.close()
        logger.setLevel(level)
        for widget in QApplication.topLevelWidgets():
            widget.close()
    assert capsys.readouterr().out.split()[0::2] == ["shown", "loaded"]
