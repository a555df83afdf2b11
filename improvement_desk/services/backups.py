"""Backups of a board file: taking one now or once a day, what one holds, restoring one.

The copying and the rotation are `db/backup.py`'s (the backup API, a temporary
name, the quotas); this module decides when and where, and guards restoring,
which is the dangerous direction: the board file is replaced. So a restore

- accepts only an Improvement Desk board no newer than this version (the same
  recognition as opening: `db/schema.py`), and checks the copy is sound;
- refuses to replace an existing board unless told to, and then first backs
  that board up ("before-restore"), so a restore can itself be undone;
- holds the board's lock file (refused while another copy of the app has the
  board open), writes the copy beside the target through the backup API and
  renames it over the target only once it is complete. The old board's WAL
  is folded in first: a stale `-wal` beside a new file would be replayed onto it.

A board on a PostgreSQL server has no file to copy: the server's own dumps
(`pg_dump`, run by its administrator) are its backups, and these commands say so.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from sqlalchemy.exc import OperationalError

from improvement_desk.db.backup import (
    BackupFailed,
    BackupFile,
    backup_name,
    backup_sqlite,
    backups_folder,
    list_backups,
    take_backup,
)
from improvement_desk.db.database import storage_error
from improvement_desk.db.engine import is_url
from improvement_desk.db.lockfile import BoardLock, read_holder
from improvement_desk.db.schema import check_revision, inspect_sqlite
from improvement_desk.domain.errors import BoardFileRejected, StorageError
from improvement_desk.runtime.atomic import sync_folder
from improvement_desk.services.context import ServiceContext

log = logging.getLogger(__name__)

SERVER_BOARD = (
    "This board is kept on a database server, so Improvement Desk makes no file backups of it: "
    "the server's own backups (pg_dump, run by its database administrator) are its backups."
)
# What a preview counts: (label, table). A table an older schema lacks counts as None.
COUNTED = (
    ("actions", "plan_action"),
    ("risks", "risk"),
    ("meetings", "meeting"),
    ("log_actions", "log_action"),
    ("indicators", "indicator"),
)


@dataclass(frozen=True, slots=True)
class BackupPreview:
    """What a backup file holds, read from the file itself (never from the open board)."""

    path: Path
    size: int
    board_name: str
    schema: str | None
    problem: str | None  # why this version cannot restore it (a newer one wrote it), or None
    actions: int | None
    risks: int | None
    meetings: int | None
    log_actions: int | None
    indicators: int | None
    newest_audit: datetime | None


@dataclass(frozen=True, slots=True)
class RestoreOutcome:
    source: Path
    target: Path
    safety_backup: Path | None  # the board that was replaced, backed up first
    schema: str | None


def board_file(location: str | Path) -> Path:
    """The board's file, or a refusal for a server board (its backups are the server's)."""
    if isinstance(location, str) and is_url(location):
        raise StorageError(SERVER_BOARD)
    return Path(location).expanduser()


def backup_board(
    location: str | Path,
    destination: Path,
    *,
    overwrite: bool = False,
    connection: sqlite3.Connection | None = None,
) -> BackupFile:
    """A consistent copy of the board (which may be open elsewhere) as `destination`.

    A folder as `destination` receives a file named like the automatic backups;
    `connection` is the open board's own, to read through (see `backup_sqlite`).
    """
    board = board_file(location)
    state = inspect_sqlite(board)
    if state.kind == "missing":
        raise BoardFileRejected(f"There is no board file at {board}.")
    if state.kind != "ours":
        raise BoardFileRejected(f"{board.name} is empty: it holds no board to back up.")
    now = datetime.now(UTC)
    if destination.is_dir():
        destination = destination / backup_name(board, "manual", now)
    if _same_file(destination, board):
        raise StorageError(
            f"{destination} is the board itself; choose another file for the backup."
        )
    if destination.exists() and not overwrite:
        raise StorageError(
            f"{destination} already exists; choose a new file or add --force to replace it."
        )
    backup_sqlite(board, destination, connection=connection)
    log.info("backed up %s to a chosen file", board.name)
    return BackupFile(destination, "manual", now, destination.stat().st_size)


def preview_backup(path: Path) -> BackupPreview:
    """Reads a backup file read-only: the board's name, what it holds, its newest audit entry."""
    state = inspect_sqlite(path)
    if state.kind == "missing":
        raise BoardFileRejected(f"There is no file at {path}.")
    if state.kind != "ours":
        raise BoardFileRejected(f"{path.name} is empty: it holds no board.")
    problem = None
    try:
        check_revision(state, path.name)
    except BoardFileRejected as exc:
        problem = str(exc)
    counts: dict[str, int | None] = {}
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=1)
        try:
            for label, table in COUNTED:
                counts[label] = (
                    conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                    if table in state.tables
                    else None
                )
            row = conn.execute("SELECT name FROM board WHERE id = 1").fetchone()
            newest = conn.execute("SELECT max(at) FROM audit_entry").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise BoardFileRejected(f"{path.name} is damaged and cannot be read: {exc}.") from exc
    return BackupPreview(
        path=path,
        size=path.stat().st_size,
        board_name=row[0] if row else "(unnamed board)",
        schema=state.revision,
        problem=problem,
        actions=counts["actions"],
        risks=counts["risks"],
        meetings=counts["meetings"],
        log_actions=counts["log_actions"],
        indicators=counts["indicators"],
        newest_audit=_utc(newest),
    )


def restore_board(source: Path, target: Path, *, force: bool = False) -> RestoreOutcome:
    """Replaces (or creates) the board file `target` with the board in the backup `source`."""
    source, target = Path(source).expanduser(), Path(target).expanduser()
    state = inspect_sqlite(source)
    if state.kind == "missing":
        raise BoardFileRejected(f"There is no backup file at {source}.")
    if state.kind != "ours":
        raise BoardFileRejected(f"{source.name} is empty: it holds no board to restore.")
    check_revision(state, source.name)
    if _same_file(source, target):
        raise StorageError(f"{source.name} is the board itself; choose a backup to restore.")
    if not target.parent.is_dir():
        raise StorageError(
            f"Cannot restore to {target}: the folder {target.parent} does not exist."
        )
    existing = inspect_sqlite(target)  # refuses to replace a file that is not a board
    if existing.kind != "missing" and not force:
        raise StorageError(
            f"{target} already exists; add --force to replace it with {source.name} "
            "(the board there is backed up first)."
        )
    lock = _lock(target)
    partial = target.with_name(f".{target.name}.{os.getpid()}.restoring")
    try:
        safety = _safety_backup(target) if existing.kind == "ours" else None
        backup_sqlite(source, partial)
        _check_sound(partial, source)
        _fold_in_wal(target)
        os.replace(partial, target)
        sync_folder(target.parent)
    except (OSError, sqlite3.Error) as exc:
        raise StorageError(
            f"Could not restore {source.name} to {target}: {exc}. The board was not replaced."
        ) from exc
    finally:
        for suffix in ("", "-journal"):
            with contextlib.suppress(OSError):
                Path(f"{partial}{suffix}").unlink(missing_ok=True)
        lock.release()
    log.info("restored %s over %s (schema %s)", source.name, target.name, state.revision)
    return RestoreOutcome(source, target, safety, state.revision)


class BackupService:
    """Backups of the open board: listing them, one now, and the one a day."""

    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @property
    def is_file_board(self) -> bool:
        return self.ctx.db.is_sqlite

    def board_path(self) -> Path:
        if not self.is_file_board:
            raise StorageError(SERVER_BOARD)
        return Path(self.ctx.db.location)

    def folder(self) -> Path:
        return backups_folder(self.board_path())

    def backups(self) -> list[BackupFile]:
        """The board's backups in its backups folder, newest first (none for a server board)."""
        return list_backups(self.board_path()) if self.is_file_board else []

    def suggested_path(self, now: datetime | None = None) -> Path:
        """Where "Back up now" offers to write: the backups folder, named as a manual backup."""
        board = self.board_path()
        return backups_folder(board) / backup_name(board, "manual", now or self.ctx.now())

    def back_up_to(self, destination: Path, *, overwrite: bool = False) -> BackupFile:
        with self._source() as connection:
            return backup_board(
                self.board_path(), destination, overwrite=overwrite, connection=connection
            )

    def daily_due(self, now: datetime | None = None) -> bool:
        """True when the board is a writable file with no daily backup dated today (local time)."""
        if not self.is_file_board or self.ctx.db.read_only:
            return False
        today = (now or self.ctx.now()).astimezone().date()
        return not any(
            b.kind == "daily" and b.taken.astimezone().date() == today for b in self.backups()
        )

    def take_daily(self, now: datetime | None = None) -> BackupFile | None:
        """Today's daily backup, if it is due; the rotation then keeps the newest fourteen."""
        when = now or self.ctx.now()
        if not self.daily_due(when):
            return None
        with self._source() as connection:
            return take_backup(self.board_path(), "daily", now=when, connection=connection)

    @contextmanager
    def _source(self) -> Iterator[sqlite3.Connection]:
        """A connection of the board's own engine: the only way into a board held exclusively."""
        try:
            with self.ctx.db.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert isinstance(raw, sqlite3.Connection)
                yield raw
        except OperationalError as exc:
            raise BackupFailed(
                f"Could not back up {self.board_path().name}: {storage_error(exc)}"
            ) from exc


def _lock(target: Path) -> BoardLock:
    lock = BoardLock(target)
    try:
        lock.acquire()
    except BoardFileRejected as exc:
        holder = read_holder(lock.path)
        if holder is None:
            raise
        raise BoardFileRejected(
            f"Cannot restore over {target.name}: it is open in another copy of Improvement Desk "
            f"({holder.describe()}). Close it there first; nothing was changed."
        ) from exc
    return lock


def _safety_backup(target: Path) -> Path:
    try:
        return take_backup(target, "before-restore").path
    except BackupFailed as exc:
        raise BackupFailed(f"{exc} So {target.name} was not replaced.") from exc


def _check_sound(copy: Path, source: Path) -> None:
    conn = sqlite3.connect(copy)
    try:
        verdict = conn.execute("PRAGMA quick_check").fetchone()[0]
    finally:
        conn.close()
    if verdict != "ok":
        raise BoardFileRejected(f"{source.name} is damaged ({verdict}); nothing was restored.")


def _fold_in_wal(target: Path) -> None:
    """Checkpoints the old board into its file and drops its `-wal` (we hold its lock)."""
    if not target.exists():
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        return
    try:
        conn = sqlite3.connect(target, timeout=5)
        try:
            mode = conn.execute("PRAGMA journal_mode = DELETE").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        mode = str(exc)
    if mode != "delete":
        raise StorageError(
            f"{target.name} is in use by another program ({mode}); close it and try again. "
            "Nothing was restored."
        )


def _same_file(a: Path, b: Path) -> bool:
    return a.expanduser().resolve() == b.expanduser().resolve()


def _utc(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)
