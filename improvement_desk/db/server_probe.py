"""Look at a PostgreSQL board database before opening it: can we get in, and what is there.

The Connect dialog's "Test connection" (and its Connect button) run this off
the UI thread with a short timeout, so a wrong host costs five seconds and a
clear sentence, not a frozen window. It only reads: the tables in the
database's default schema and the schema revision. It decides the same way
`schema.open_board` does, so what the test promises is what opening does:

- a board at this version's schema, or an older one (opening upgrades it);
- an empty database, which opening sets up through the normal migrations;
- other tables and no board: refused, nothing is touched;
- a board written by a newer version: refused, nothing is touched.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.pool import NullPool

from improvement_desk.db.schema import SchemaState, check_revision, head_revision
from improvement_desk.db.server_errors import describe_connection_error
from improvement_desk.db.server_urls import CONNECT_TIMEOUT_S, ServerAddress
from improvement_desk.domain.errors import BoardFileRejected

ProbeKind = Literal["ready", "upgrade", "empty"]


@dataclass(frozen=True, slots=True)
class ServerProbe:
    """What a successful test found."""

    address: ServerAddress
    kind: ProbeKind
    server_version: str
    revision: str | None = None
    board_name: str | None = None

    @property
    def summary(self) -> str:
        where = self.address.display
        if self.kind == "empty":
            return (
                f"Connected to {where} (PostgreSQL {self.server_version}). The database is "
                "empty: Connect will set it up as a new Improvement Desk board."
            )
        board = f'the board "{self.board_name}"' if self.board_name else "an Improvement Desk board"
        if self.kind == "upgrade":
            return (
                f"Connected to {where}: it holds {board} in an older format (schema "
                f"{self.revision}), which Connect will upgrade to schema {head_revision()}."
            )
        return f"Connected to {where}: it holds {board} (PostgreSQL {self.server_version})."


def probe_server(
    address: ServerAddress, password: str | None, *, timeout_s: int = CONNECT_TIMEOUT_S
) -> ServerProbe:
    """Raises `ServerUnavailable` (cannot get in) or `BoardFileRejected` (not ours, too new)."""
    url = address.connection_string(password, timeout_s=timeout_s)
    engine = create_engine(url, poolclass=NullPool)  # one connection, closed at the end
    try:
        try:
            conn = engine.connect()
        except Exception as exc:  # the driver's errors, whatever their class
            raise describe_connection_error(exc, address, password=password) from None
        with conn:
            return _look(conn, address)
    finally:
        engine.dispose()


def _look(conn: Connection, address: ServerAddress) -> ServerProbe:
    version = str(conn.exec_driver_sql("SHOW server_version").scalar() or "").split(" ")[0]
    tables = set(inspect(conn).get_table_names())
    if not tables:
        return ServerProbe(address, "empty", version)
    if "board" not in tables:
        shown = ", ".join(sorted(tables)[:5]) + (" …" if len(tables) > 5 else "")
        raise BoardFileRejected(
            f'Database "{address.database}" on {address.host} is not an Improvement Desk '
            f"database: it holds other tables ({shown}). Nothing was changed. Ask IT for an "
            "empty database for the board."
        )
    revision = None
    if "alembic_version" in tables:
        revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    check_revision(SchemaState("ours", revision, tuple(sorted(tables))), "The server's board")
    name = conn.execute(text("SELECT name FROM board ORDER BY id LIMIT 1")).scalar()
    kind: ProbeKind = "ready" if revision == head_revision() else "upgrade"
    return ServerProbe(address, kind, version, revision, str(name) if name else None)
