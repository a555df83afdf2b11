"""Opening a board file safely: recognise it, refuse what we must, back up, upgrade.

The order matters: look at the file read-only first (is it SQLite, is it
ours, is it newer than us), then take the single-writer lock, then back it
up through the backup API, and only then migrate, in one transaction.

Every writable open of an existing board takes a backup (`db/backup.py` keeps
the newest ten of those). That one only reports a failure (`backup_problem`,
which the app shows): a full disk must not lock the board away. The backup
before an upgrade is different: without it the upgrade is not started.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote

from sqlalchemy import Connection, inspect, text

from improvement_desk.db import network_paths
from improvement_desk.db.backup import BackupFailed, take_backup
from improvement_desk.db.database import Database
from improvement_desk.db.engine import (
    DEFAULT_BUSY_TIMEOUT_MS,
    is_url,
    server_engine,
    sqlite_engine,
)
from improvement_desk.db.lockfile import BoardLock
from improvement_desk.domain.errors import BoardFileRejected

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

# Every schema revision this version knows, oldest first. Kept as a constant so
# that opening a current board never loads Alembic (a tenth of a second at
# start-up); a test checks it against the migration scripts.
SCHEMA_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009")

# "IDES" in the SQLite header marks a file as an Improvement Desk board.
APPLICATION_ID = 0x49444553
SQLITE_MAGIC = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def known_revisions() -> list[str]:
    return list(SCHEMA_REVISIONS)


def head_revision() -> str:
    return SCHEMA_REVISIONS[-1]


def script_revisions() -> list[str]:
    """The revisions as the migration scripts declare them (what SCHEMA_REVISIONS must equal)."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(script.walk_revisions()))]


@dataclass(frozen=True, slots=True)
class SchemaState:
    kind: Literal["missing", "empty", "ours", "foreign"]
    revision: str | None = None
    tables: tuple[str, ...] = ()


@dataclass
class OpenedBoard:
    """A board database ready for the services, and what it took to open it."""

    database: Database
    lock: BoardLock | None
    path: Path | None
    created: bool = False
    backup: Path | None = None  # taken before an upgrade
    upgraded_from: str | None = None
    open_backup: Path | None = None  # taken because the board was opened for writing
    backup_problem: str | None = None  # why the backup on opening failed, to tell the user
    # Network drives (db/network_paths.py): held alone, or why it was opened read-only.
    exclusive: bool = False
    notice: str | None = None
    _closed: bool = field(default=False, repr=False)

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    def close(self) -> None:
        if self._closed:
            return
        self.database.dispose()
        if self.lock:
            self.lock.release()
        self._closed = True


def inspect_sqlite(path: Path) -> SchemaState:
    if not path.exists():
        return SchemaState("missing")
    if path.is_dir():
        raise BoardFileRejected(f"{path} is a folder, not a board file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BoardFileRejected(f"Cannot read {path}: {exc.strerror}.") from exc
    if not header:
        return SchemaState("empty")
    if header != SQLITE_MAGIC:
        raise BoardFileRejected(
            f"{path.name} is not an Improvement Desk board (it is not a SQLite database)."
        )
    try:
        conn = sqlite3.connect(_inspection_uri(path), uri=True, timeout=1)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            tables = tuple(
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
                )
            )
            revision = None
            if "alembic_version" in tables:
                row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BoardFileRejected(f"{path.name} is damaged or not a board file: {exc}.") from exc
    if not tables and app_id in (0, APPLICATION_ID):
        return SchemaState("empty")
    if app_id != APPLICATION_ID:
        shown = ", ".join(tables[:5]) + (" …" if len(tables) > 5 else "")
        raise BoardFileRejected(
            f"{path.name} is a SQLite database but not an Improvement Desk board "
            f"(it holds: {shown or 'no tables'}). Nothing was changed."
        )
    return SchemaState("ours", revision, tables)


def _inspection_uri(path: Path) -> str:
    """Read-only, and in a folder we cannot write also immutable: SQLite must create the
    `-shm` file to read a WAL board, so there it would fail and the board be called damaged.
    Quoted: a '#' or '?' in the name would otherwise cut the path and drop mode=ro."""
    uri = f"file:{quote(str(path))}?mode=ro"
    return uri if os.access(path.resolve().parent, os.W_OK) else uri + "&immutable=1"


def check_revision(state: SchemaState, name: str) -> None:
    if state.kind != "ours":
        return
    if state.revision is None:
        raise BoardFileRejected(
            f"{name} is an Improvement Desk board with no schema record; it may be damaged."
        )
    if state.revision not in known_revisions():
        raise BoardFileRejected(
            f"{name} was written by a newer version of Improvement Desk (schema {state.revision}); "
            f"this copy understands schemas up to {head_revision()}. Install the newer version "
            "to open it. Nothing was changed."
        )


def open_board(
    location: str | Path,
    *,
    read_only: bool = False,
    create: bool = False,
    take_lock: bool = True,
    target_revision: str = "head",
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    exclusive: bool = False,
) -> OpenedBoard:
    """`exclusive`: the user agreed to hold the file alone (needed to write on a network drive)."""
    if isinstance(location, str) and is_url(location):
        return _open_server(location, read_only=read_only, target_revision=target_revision)
    path = Path(location).expanduser()
    mode = network_paths.opening_mode(path, read_only=read_only, exclusive=exclusive, create=create)
    read_only = mode.read_only
    state = inspect_sqlite(path)
    target = head_revision() if target_revision == "head" else target_revision
    _refuse_what_cannot_open(path, state, target, create=create, read_only=read_only)
    if read_only:
        engine = sqlite_engine(path, read_only=True, busy_timeout_ms=busy_timeout_ms)
        database = Database(engine, str(path), read_only=True)
        return OpenedBoard(database, None, path, notice=mode.notice)
    lock = BoardLock(path) if take_lock else None
    if lock:
        lock.acquire()
    try:
        backup: Path | None = None
        open_backup: Path | None = None
        backup_problem: str | None = None
        if state.kind == "ours" and state.revision != target:
            backup = _backup_before_upgrade(path, target)
            log.info("backed up %s before upgrading from %s", path.name, state.revision)
        elif state.kind == "ours":
            open_backup, backup_problem = _backup_on_open(path)
        engine = sqlite_engine(path, busy_timeout_ms=busy_timeout_ms, exclusive=mode.exclusive)
        database = Database(engine, str(path))
        if state.revision != target:
            _migrate(database, target, new=state.kind in ("missing", "empty"))
    except BaseException:
        if lock:
            lock.release()
        raise
    return OpenedBoard(
        database,
        lock,
        path,
        created=state.kind in ("missing", "empty"),
        backup=backup,
        upgraded_from=state.revision if state.revision != target else None,
        open_backup=open_backup,
        backup_problem=backup_problem,
        exclusive=mode.exclusive,
    )


def _backup_before_upgrade(path: Path, target: str) -> Path:
    try:
        return take_backup(path, f"before-upgrade-to-{target}").path
    except BackupFailed as exc:
        raise BoardFileRejected(
            f"{path.name} needs upgrading to this version's format, but it could not be backed "
            f"up first, so it was not upgraded and nothing was changed. {exc}"
        ) from exc


def _backup_on_open(path: Path) -> tuple[Path | None, str | None]:
    try:
        return take_backup(path, "open").path, None
    except BackupFailed as exc:
        log.warning("no backup on opening %s: %s", path.name, exc)
        return None, str(exc)


def _refuse_what_cannot_open(
    path: Path, state: SchemaState, target: str, *, create: bool, read_only: bool
) -> None:
    """Every reason to refuse, decided before the file is touched."""
    new = state.kind in ("missing", "empty")
    if state.kind == "missing" and not create:
        raise BoardFileRejected(f"There is no board file at {path}.")
    if new and not create:
        raise BoardFileRejected(f"{path.name} is empty: it holds no board.")
    if new and read_only:
        raise BoardFileRejected(f"{path.name} holds no board to open read-only.")
    check_revision(state, path.name)
    if read_only:
        if state.revision != target:
            raise BoardFileRejected(
                f"{path.name} needs upgrading to this version's format, which cannot be done "
                "while it is open read-only."
            )
        return
    if state.kind != "missing" and not _writable(path):
        raise BoardFileRejected(
            f"{path.name} is read-only (the file or its folder cannot be written), so changes "
            "could not be saved. Open it read-only, or copy it somewhere you can write.",
            can_open_read_only=state.kind == "ours",
        )
    if state.kind == "missing" and not _writable(path.parent):
        raise BoardFileRejected(
            f"Cannot create {path.name}: the folder {path.parent} is read-only."
        )


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _migrate(database: Database, target: str, *, new: bool) -> None:
    from alembic import command

    try:
        with database.engine.begin() as conn:
            command.upgrade(alembic_config(conn), target)
            if new and database.is_sqlite:
                conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    except Exception as exc:
        from sqlalchemy.exc import OperationalError

        if isinstance(exc, OperationalError):
            from improvement_desk.db.database import storage_error

            raise storage_error(exc) from exc
        raise


def _open_server(url: str, *, read_only: bool, target_revision: str) -> OpenedBoard:
    from improvement_desk.db.server_errors import describe_connection_error
    from improvement_desk.db.server_urls import parse_location, password_in, without_password

    engine = server_engine(url)
    # The location is remembered, shown and logged, so it never holds the password.
    database = Database(engine, without_password(url), read_only=read_only)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
    except Exception as exc:
        engine.dispose()
        raise describe_connection_error(
            exc, parse_location(url), password=password_in(url)
        ) from exc
    if not tables and read_only:
        engine.dispose()
        raise BoardFileRejected(
            "That database is empty: it holds no board yet. Connecting to it from the app "
            "(File ▸ Connect to server…) sets it up; opening it read-only cannot."
        )
    if tables and "board" not in tables:
        raise BoardFileRejected(
            "That database holds other tables and is not an Improvement Desk board."
        )
    revision = current_revision(database)
    state = SchemaState("ours" if tables else "empty", revision, tuple(sorted(tables)))
    check_revision(state, "The server's board")
    target = head_revision() if target_revision == "head" else target_revision
    if not read_only and revision != target:
        _migrate(database, target, new=not tables)
    return OpenedBoard(database, None, None, created=not tables)


def _writable(path: Path) -> bool:
    """Probe by opening for writing: `os.access` says yes to root even on 0444 files."""
    if path.is_dir():
        probe = path / f".improvement-desk-probe-{os.getpid()}"
        try:
            probe.touch()
            probe.unlink()
        except OSError:
            return False
        return True
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return False
    os.close(fd)
    return _writable(path.parent)
