"""Where a PostgreSQL board lives, and the URL that reaches it, with the password kept apart.

A server board is remembered (recent boards, the board label, the log) by a
*location*: the SQLAlchemy URL with host, port, database and user but never a
password. The password is added only to the URL handed to the engine, and that
URL is rendered with `hide_password=True` anywhere a person could see it.

`URL.create` does the quoting, so a user, password or database name holding
`@`, `:`, `/`, `?` or `#` survives the round trip (a hand-built f-string would
cut it short). Names are checked here, in the terms the Connect dialog shows:
"Port: must be a number from 1 to 65535".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import URL, make_url
from sqlalchemy.exc import ArgumentError

from improvement_desk.domain.errors import FieldProblem

DRIVER = "postgresql+psycopg"
DEFAULT_PORT = 5432
# libpq's own limit is at least 2 s; long enough for a VPN, short enough to wait for.
CONNECT_TIMEOUT_S = 5
# PostgreSQL truncates identifiers at NAMEDATALEN - 1 bytes.
MAX_NAME_BYTES = 63
MAX_HOST_LENGTH = 253

HOST, PORT, DATABASE, USER, PASSWORD = "Host", "Port", "Database", "User", "Password"


@dataclass(frozen=True, slots=True)
class ServerAddress:
    """A board database on a PostgreSQL server: everything but the password."""

    host: str
    port: int
    database: str
    user: str

    def url(self, password: str | None = None, *, timeout_s: int = CONNECT_TIMEOUT_S) -> URL:
        return URL.create(
            DRIVER,
            username=self.user,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
            query={"connect_timeout": str(timeout_s)},
        )

    @property
    def location(self) -> str:
        """What is remembered and shown: no password, ever."""
        return self.url().render_as_string(hide_password=False)

    def connection_string(self, password: str | None, *, timeout_s: int = CONNECT_TIMEOUT_S) -> str:
        """The URL with the password, for `open_board` only; never log or store it."""
        return self.url(password, timeout_s=timeout_s).render_as_string(hide_password=False)

    @property
    def display(self) -> str:
        return f'database "{self.database}" on {self.host}:{self.port} as {self.user}'

    @property
    def keyring_account(self) -> str:
        """The key the password is kept under in the system keyring."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"


def is_server_location(location: object) -> bool:
    return isinstance(location, str) and location.startswith("postgresql")


def parse_location(location: str) -> ServerAddress | None:
    """The address in a remembered location or a `--db` URL; None if it is not one."""
    if not is_server_location(location):
        return None
    try:
        url = make_url(location)
    except ArgumentError:
        return None
    return ServerAddress(
        host=url.host or "localhost",
        port=url.port or DEFAULT_PORT,
        database=url.database or "",
        user=url.username or "",
    )


def password_in(location: str) -> str | None:
    """The password written into a URL, if any (an empty one counts as none)."""
    try:
        return make_url(location).password or None
    except ArgumentError:
        return None


def without_password(location: str) -> str:
    """The location to remember and show: the same URL with the password taken out."""
    try:
        url = make_url(location)
    except ArgumentError:
        return location
    # `URL.set(password=None)` would leave it unchanged: None there means "keep".
    return url._replace(password=None).render_as_string(hide_password=False)


def hidden(location: str) -> str:
    """The URL for a message: the password, if any, shown as ***."""
    try:
        return make_url(location).render_as_string(hide_password=True)
    except ArgumentError:
        return location


def check_address(host: str, port: str, database: str, user: str) -> list[FieldProblem]:
    """Every problem with the typed fields, each naming its field."""
    problems = [
        p
        for p in (
            _check_host(host.strip()),
            _check_port(port.strip()),
            _check_name(DATABASE, database),
            _check_name(USER, user),
        )
        if p is not None
    ]
    return problems


def check_password(password: str) -> FieldProblem | None:
    """Anything may be in a password but a NUL, which libpq cannot send."""
    if "\x00" in password:
        return FieldProblem(PASSWORD, "contains a NUL character, which cannot be sent")
    return None


def address_from(host: str, port: str, database: str, user: str) -> ServerAddress:
    """The address from typed fields that `check_address` found no problem with."""
    return ServerAddress(host.strip(), int(port.strip()), database, user)


def _check_host(host: str) -> FieldProblem | None:
    if not host:
        return FieldProblem(HOST, "is required")
    if len(host) > MAX_HOST_LENGTH:
        return FieldProblem(HOST, f"is {len(host)} characters long; the limit is {MAX_HOST_LENGTH}")
    if any(c.isspace() or not c.isprintable() for c in host) or any(c in host for c in "/@?#"):
        return FieldProblem(HOST, "must be a server name or address, such as db.council.local")
    return None


def _check_port(port: str) -> FieldProblem | None:
    if port.isascii() and port.isdigit() and 1 <= int(port) <= 65535:
        return None
    return FieldProblem(PORT, "must be a number from 1 to 65535")


def _check_name(field: str, value: str) -> FieldProblem | None:
    if not value:
        return FieldProblem(field, "is required")
    if value != value.strip():
        return FieldProblem(field, "must not start or end with a space")
    if not value.isprintable():
        return FieldProblem(field, "contains control characters")
    size = len(value.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        return FieldProblem(
            field, f"is {size} bytes long; PostgreSQL names are at most {MAX_NAME_BYTES}"
        )
    return None
