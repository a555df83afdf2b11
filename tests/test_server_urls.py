"""A board server's address and URL, what a failed connection means, and what a test finds.

The address checks name the Connect dialog's field; the URL keeps user,
password and database names whole whatever they hold; the location that is
remembered never holds the password. The error messages are libpq's real
texts (captured from a PostgreSQL 15 server with password authentication).
The probe runs against the test server when IMPROVEMENT_DESK_TEST_PG_URL is set.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from conftest import ACTOR
from pg_fixtures import empty_pg, pg_raw, pg_url_or_skip
from sqlalchemy import make_url

from improvement_desk.db.server_errors import ServerUnavailable, describe_connection_error
from improvement_desk.db.server_probe import probe_server
from improvement_desk.db.server_urls import (
    ServerAddress,
    check_address,
    check_password,
    hidden,
    parse_location,
    password_in,
    without_password,
)
from improvement_desk.domain.errors import BoardFileRejected
from improvement_desk.services.desk import open_desk

ODD = ServerAddress("db.council.local", 6543, "board/x?y#z é", "o'ff@icer:x/y")
SECRET = "s3cr:t@/?#% x"


def test_user_password_and_database_survive_the_url_whatever_they_hold() -> None:
    url = make_url(ODD.connection_string(SECRET))
    assert (url.username, url.password, url.database) == (ODD.user, SECRET, ODD.database)
    assert (url.host, url.port, url.query["connect_timeout"]) == (ODD.host, 6543, "5")
    assert parse_location(ODD.location) == ODD


def test_an_ipv6_host_is_bracketed_and_read_back() -> None:
    address = ServerAddress("::1", 5432, "board", "officer")
    assert "@[::1]:5432/" in address.location
    assert parse_location(address.location) == address


def test_the_remembered_location_never_holds_the_password() -> None:
    with_password = ODD.connection_string(SECRET)
    assert password_in(with_password) == SECRET
    for text in (ODD.location, without_password(with_password), hidden(with_password)):
        assert SECRET not in text
        assert "s3cr" not in text  # not even quoted
    assert ":***@" in hidden(with_password)
    assert password_in(ODD.location) is None
    assert make_url(without_password(with_password)) == make_url(ODD.location)


def test_parse_fills_in_the_default_port_and_ignores_files() -> None:
    assert parse_location("postgresql+psycopg://jo@boards/improvement") == ServerAddress(
        "boards", 5432, "improvement", "jo"
    )
    assert parse_location("/home/jo/board.db") is None
    assert parse_location("C:\\Boards\\board.db") is None


@pytest.mark.parametrize(
    ("port", "bad"),
    [("5432", False), ("1", False), ("65535", False), ("70000", True), ("0", True),
     ("abc", True), ("", True), ("-1", True), ("54 32", True), ("٥٤٣٢", True)],
)  # fmt: skip
def test_port_must_be_a_number_from_1_to_65535(port: str, bad: bool) -> None:
    problems = [str(p) for p in check_address("db", port, "board", "jo")]
    assert problems == (["Port: must be a number from 1 to 65535"] if bad else [])


def test_every_bad_field_is_named() -> None:
    problems = {p.field: p.message for p in check_address("", "70000", "", "")}
    assert problems == {
        "Host": "is required",
        "Port": "must be a number from 1 to 65535",
        "Database": "is required",
        "User": "is required",
    }
    bad = {p.field: p.message for p in check_address("db host", "5432", "x" * 64, "jo\x07")}
    assert bad["Host"].startswith("must be a server name or address")
    assert bad["Database"] == "is 64 bytes long; PostgreSQL names are at most 63"
    assert bad["User"] == "contains control characters"
    assert [str(p) for p in check_address("db", "5432", " board", "jo")] == [
        "Database: must not start or end with a space"
    ]
    assert (
        str(check_password("a\x00b")) == "Password: contains a NUL character, which cannot be sent"
    )
    assert check_password("any thing: @ / ? # é") is None


LIBPQ = 'connection failed: connection to server at "127.0.0.1", port 54399 failed: '
ADDRESS = ServerAddress("127.0.0.1", 54399, "board", "officer")


@pytest.mark.parametrize(
    ("text", "cause", "field", "start"),
    [
        (
            "failed to resolve host 'no-such-host.invalid': [Errno -2] Name or service not known",
            "host", "Host", "Host: 127.0.0.1 was not found.",
        ),
        (
            'connection failed: connection to server at "127.0.0.1", port 1 failed: Connection '
            "refused\n\tIs the server running on that host and accepting TCP/IP connections?",
            "refused", None, "127.0.0.1:54399 refused the connection",
        ),
        (LIBPQ + "timeout expired", "timeout", None, "No answer from 127.0.0.1:54399."),
        (
            LIBPQ + 'FATAL:  password authentication failed for user "officer"',
            "auth", "Password", 'Authentication failed: the server refused the password for user "officer"',
        ),
        (LIBPQ + "fe_sendauth: no password supplied", "no-password", "Password",
         'Password: the server needs a password for user "officer".'),
        (LIBPQ + 'FATAL:  role "officer" does not exist', "no-user", "User",
         'User: the server has no user named "officer".'),
        (LIBPQ + 'FATAL:  database "board" does not exist', "no-database", "Database",
         'Database: there is no database named "board" on 127.0.0.1.'),
        (LIBPQ + 'FATAL:  no pg_hba.conf entry for host "10.1.2.3", user "officer", database '
         '"board", no encryption', "not-allowed", None, 'The server does not let user "officer"'),
        (LIBPQ + "received invalid response to SSL negotiation: H", "other", None,
         'Cannot connect to the board server: connection to server at "127.0.0.1", port 54399 '
         "failed: received invalid response to SSL negotiation: H"),
    ],
)  # fmt: skip
def test_libpq_failures_become_plain_messages(
    text: str, cause: str, field: str | None, start: str
) -> None:
    problem = describe_connection_error(Exception(text), ADDRESS)
    assert (problem.cause, problem.field) == (cause, field)
    assert str(problem).startswith(start), str(problem)


def test_a_password_a_driver_repeated_is_taken_out() -> None:
    problem = describe_connection_error(
        Exception(f"bad thing near {SECRET}"), ADDRESS, password=SECRET
    )
    assert SECRET not in str(problem)
    assert "***" in str(problem)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never answers, as a dead server behind NAT does."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield server.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    server.close()


def test_a_server_that_never_answers_times_out_with_a_message(silent_port: int) -> None:
    address = ServerAddress("127.0.0.1", silent_port, "board", "officer")
    started = time.monotonic()
    with pytest.raises(ServerUnavailable) as caught:
        probe_server(address, "pw", timeout_s=2)  # libpq's shortest
    assert time.monotonic() - started < 10
    assert caught.value.cause == "timeout"
    assert str(caught.value).startswith(f"No answer from 127.0.0.1:{silent_port}.")


# -- against the test server ------------------------------------------------------------------


@pytest.fixture
def pg_address() -> Iterator[ServerAddress]:
    url = pg_url_or_skip()
    empty_pg(url)
    address = parse_location(url)
    assert address is not None
    yield address
    empty_pg(url)


@pytest.mark.postgres
def test_probe_tells_empty_from_ready_from_foreign(pg_address: ServerAddress) -> None:
    empty = probe_server(pg_address, None)
    assert empty.kind == "empty"
    assert "The database is empty: Connect will set it up" in empty.summary

    desk = open_desk(pg_address.location, ACTOR, create=True, board_name="Shared Board")
    desk.close()
    ready = probe_server(pg_address, None)
    assert (ready.kind, ready.board_name) == ("ready", "Shared Board")
    assert ready.server_version.split(".")[0].isdigit()

    pg_raw(pg_address.location)("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(BoardFileRejected, match="written by a newer version"):
        probe_server(pg_address, None)

    empty_pg(pg_address.location)
    pg_raw(pg_address.location)("CREATE TABLE invoices (id int)")
    with pytest.raises(
        BoardFileRejected,
        match="not an Improvement Desk database: it holds other tables \\(invoices\\)",
    ):
        probe_server(pg_address, None)


@pytest.mark.postgres
def test_probe_names_a_missing_database(pg_address: ServerAddress) -> None:
    missing = ServerAddress(pg_address.host, pg_address.port, "no_such_board_db", pg_address.user)
    with pytest.raises(ServerUnavailable) as caught:
        probe_server(missing, None)
    assert (caught.value.cause, caught.value.field) == ("no-database", "Database")
    assert 'no database named "no_such_board_db"' in str(caught.value)


@pytest.mark.postgres
def test_an_opened_server_board_is_located_without_its_password(
    pg_address: ServerAddress, caplog: pytest.LogCaptureFixture
) -> None:
    password = "Zq7-never-in-a-log"  # the test server trusts, so any password is accepted
    caplog.set_level("DEBUG", logger="improvement_desk")
    desk = open_desk(pg_address.connection_string(password), ACTOR, create=True)
    try:
        assert desk.location == pg_address.location
        assert password not in desk.location
        assert password not in repr(desk.opened.database.engine)
    finally:
        desk.close()
    assert "opened board" in caplog.text
    assert password not in caplog.text
