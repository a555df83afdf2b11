"""Why a PostgreSQL board server could not be reached, in words an officer can act on.

libpq reports a failed connection as one `OperationalError` with no SQLSTATE
(there is no server session yet to give one), so the cause is read from its
text: host not found, refused, timed out, authentication failed, no such
database. Each becomes a `ServerUnavailable` naming the field to fix when
there is one, so the Connect dialog can put the message under that field.

The message never carries the password: libpq does not repeat it, and if a
driver ever did, `_scrub` would take it out before anyone sees it.
"""

from __future__ import annotations

import logging
import re

from improvement_desk.db.server_urls import DATABASE, HOST, PASSWORD, USER, ServerAddress
from improvement_desk.domain.errors import StorageError

log = logging.getLogger(__name__)


class ServerUnavailable(StorageError):
    """The board server could not be used; `field` is the Connect dialog's field to fix."""

    def __init__(self, message: str, *, cause: str, field: str | None = None) -> None:
        self.cause = cause
        self.field = field
        super().__init__(message)


# Checked in order against libpq's English text; the first pattern that matches wins.
_RULES: tuple[tuple[re.Pattern[str], str, str | None], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), cause, field)
    for pattern, cause, field in (
        (
            r"failed to resolve host|could not translate host name|name or service not known"
            r"|nodename nor servname|no such host|temporary failure in name resolution",
            "host",
            HOST,
        ),
        (r"connection refused", "refused", None),
        (r"timeout expired|timed out", "timeout", None),
        (r"no password supplied", "no-password", PASSWORD),
        (r"password authentication failed|authentication failed", "auth", PASSWORD),
        (r'FATAL:\s+role ".*" does not exist', "no-user", USER),
        (r'FATAL:\s+database ".*" does not exist', "no-database", DATABASE),
        (r"no pg_hba\.conf entry", "not-allowed", None),
        (r"permission denied for database|connect privilege", "no-access", None),
    )
)


def describe_connection_error(
    exc: BaseException, address: ServerAddress | None, *, password: str | None = None
) -> ServerUnavailable:
    """The user's message for a failed connection (`exc` may be SQLAlchemy's wrapper)."""
    text = _scrub(str(getattr(exc, "orig", None) or exc), password)
    cause, field = _classify(text)
    message = _message(cause, address, text)
    log.info("board server unavailable: %s", cause)
    return ServerUnavailable(message, cause=cause, field=field)


def _classify(text: str) -> tuple[str, str | None]:
    for pattern, cause, field in _RULES:
        if pattern.search(text):
            return cause, field
    return "other", None


def _message(cause: str, address: ServerAddress | None, text: str) -> str:
    host = f"{address.host}" if address else "the server"
    where = f"{address.host}:{address.port}" if address else "the server"
    user = f'"{address.user}"' if address else "that user"
    database = f'"{address.database}"' if address else "that database"
    messages = {
        "host": f"Host: {host} was not found. Check the name, or ask IT for the server's address.",
        "refused": (
            f"{where} refused the connection: PostgreSQL is not running there, listens on "
            "another port, or a firewall is in the way. Check the host and port."
        ),
        "timeout": (
            f"No answer from {where}. Check the host and port, and that this computer is on "
            "the council network (or its VPN)."
        ),
        "no-password": f"Password: the server needs a password for user {user}.",
        "auth": (
            f"Authentication failed: the server refused the password for user {user}. "
            "Check the user name and the password (passwords are case-sensitive)."
        ),
        "no-user": f"User: the server has no user named {user}. Check the name with IT.",
        "no-database": (
            f"Database: there is no database named {database} on {host}. Check the name, or ask "
            "IT to create it (an empty database is set up as a board when you first connect)."
        ),
        "not-allowed": (
            f"The server does not let user {user} connect to {database} from this computer "
            "(its pg_hba.conf has no entry for it). Ask IT to allow it."
        ),
        "no-access": f"User {user} may not connect to database {database}. Ask IT for access.",
    }
    return messages.get(cause, f"Cannot connect to the board server: {_first_line(text)}")


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "no reason given"
    return line.removeprefix("connection failed: ")


def _scrub(text: str, password: str | None) -> str:
    return text.replace(password, "***") if password else text
