"""Consistent, rotated copies of a SQLite board through the backup API, never a file copy.

Why the backup API: a plain copy of a WAL database loses whatever is still in
the WAL (RELIABILITY DB-7: a copy kept 100 of 150 committed rows; the backup
API kept all 150, also while another process was writing). The copy is taken
in one step, so it is one consistent snapshot of what was committed.

Why a temporary name: a backup that fails half-way (a full disk, a read-only
folder, a killed process) must never look like a backup. The pages go to a
hidden `.NAME.PID.partial` beside the final name, which is renamed only once
the copy is complete and durable; on failure it is removed. Partials left by
a killed process are swept away by the next rotation.

The backup is switched to the rollback journal, so it is one self-contained
file (no `-wal` beside it) that can be read, previewed or restored as it is.

Where and what: `<board>-backups/` beside the board, each file named
`<board>-<reason>-<UTC time>.db` (e.g. `board-open-20140331T090000Z.db`).
Reasons, and how many of each the rotation keeps (the newest):

    open                     taken every time the board is opened for writing: 10
    daily                    taken once a calendar day while the app is open: 14
    before-upgrade-to-NNNN   taken before the schema is upgraded: all
    before-restore           taken before a backup replaces the board: all
    manual                   File > Back up now… or `improvement-desk backup`: all

Only files whose names follow that pattern are ever deleted; anything else in
the folder is left alone. A failing backup raises `BackupFailed` (a
`StorageError` whose message says why and where); callers decide whether
that stops them (an upgrade) or is only reported (opening the board).
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from improvement_desk.domain.errors import StorageError
from improvement_desk.runtime.atomic import sync_folder

log = logging.getLogger(__name__)

# How many of each kind the rotation keeps; kinds not listed here are never deleted.
RETENTION: dict[str, int] = {"open": 10, "daily": 14}
REASONS = ("open", "daily", "manual", "before-restore")
MIGRATION_PREFIX = "before-upgrade-to-"
STAMP = "%Y%m%dT%H%M%SZ"
PARTIAL_SUFFIX = ".partial"
STALE_PARTIAL_SECONDS = 3600
_SIDE_FILES = ("-journal", "-wal", "-shm")


class BackupFailed(StorageError):
    """A backup could not be written; nothing half-written was left behind."""


@dataclass(frozen=True, slots=True)
class BackupFile:
    """One backup in a board's backups folder, as its name describes it."""

    path: Path
    reason: str
    taken: datetime  # UTC, to the second
    size: int

    @property
    def kind(self) -> str:
        """`migration` for every pre-upgrade backup, else the reason itself."""
        return "migration" if self.reason.startswith(MIGRATION_PREFIX) else self.reason


def backups_folder(board: Path) -> Path:
    return board.with_name(f"{board.stem}-backups")


def backup_name(board: Path, reason: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime(STAMP)
    return f"{board.stem}-{reason}-{stamp}.db"


def backup_sqlite(
    source: Path, destination: Path, *, connection: sqlite3.Connection | None = None
) -> Path:
    """Copies the board at `source` to `destination` (replaced if present) through the backup API.

    `connection`: an open connection to `source` to read through, for a board that the
    app holds exclusively (a network drive), which no second connection could read.
    """
    folder = destination.parent
    partial = folder / f".{destination.name}.{os.getpid()}{PARTIAL_SUFFIX}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        src = connection or sqlite3.connect(_read_only_uri(source), uri=True, timeout=5)
        try:
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # one step: one snapshot, WAL included
                dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            finally:
                dst.close()
        finally:
            if connection is None:
                src.close()
        _remove_side_files(destination)  # a stale -wal would be replayed onto the new file
        os.replace(partial, destination)
    except (OSError, sqlite3.Error) as exc:
        _remove(partial)
        raise BackupFailed(
            f"Could not back up {source.name} to {folder}: {_why(exc, folder)}."
        ) from exc
    sync_folder(folder)
    return destination


def take_backup(
    board: Path,
    reason: str,
    *,
    now: datetime | None = None,
    connection: sqlite3.Connection | None = None,
) -> BackupFile:
    """A new backup of `board` in its backups folder, then the folder's rotation."""
    _check_reason(reason)
    when = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    folder = backups_folder(board)
    target = _free_name(folder, backup_name(board, reason, when).removesuffix(".db"))
    backup_sqlite(board, target, connection=connection)
    log.info("backed up %s (%s) to %s", board.name, reason, target.name)
    rotate(board)
    return BackupFile(target, reason, when, target.stat().st_size)


def list_backups(board: Path) -> list[BackupFile]:
    """The board's backups in its backups folder, newest first."""
    folder = backups_folder(board)
    if not folder.is_dir():
        return []
    pattern = _name_pattern(board)
    found: list[tuple[datetime, int, BackupFile]] = []
    for entry in folder.iterdir():
        match = pattern.match(entry.name)
        if match is None or not _known_reason(match["reason"]):
            continue
        try:
            size = entry.stat().st_size
        except OSError:
            continue  # deleted meanwhile
        taken = datetime.strptime(match["stamp"], STAMP).replace(tzinfo=UTC)
        found.append(
            (taken, int(match["seq"] or 1), BackupFile(entry, match["reason"], taken, size))
        )
    found.sort(key=lambda item: (item[0], item[1]), reverse=True)
    return [item[2] for item in found]


def rotate(board: Path, retention: dict[str, int] | None = None) -> list[Path]:
    """Deletes the oldest backups of each kept-for-a-while kind beyond its quota."""
    keep = RETENTION if retention is None else retention
    seen: dict[str, int] = {}
    removed: list[Path] = []
    for backup in list_backups(board):
        if backup.kind not in keep:
            continue
        seen[backup.kind] = seen.get(backup.kind, 0) + 1
        if seen[backup.kind] > keep[backup.kind]:
            try:
                backup.path.unlink()
            except OSError as exc:
                log.warning("could not remove the old backup %s: %s", backup.path.name, exc)
            else:
                removed.append(backup.path)
    _sweep_partials(backups_folder(board))
    if removed:
        log.info("rotation removed %d old backup(s) of %s", len(removed), board.name)
    return removed


def _free_name(folder: Path, base: str) -> Path:
    """`base.db`, or for a second backup in the same second `base-N.db` with N above any
    already there (so the newest always sorts newest, even after the rotation)."""
    used = {1} if (folder / f"{base}.db").exists() else set()
    numbered = re.compile(rf"{re.escape(base)}-(\d+)\.db")
    if folder.is_dir():
        for entry in folder.iterdir():
            match = numbered.fullmatch(entry.name)
            if match:
                used.add(int(match[1]))
    return folder / (f"{base}-{max(used) + 1}.db" if used else f"{base}.db")


def _check_reason(reason: str) -> None:
    if not _known_reason(reason):
        raise ValueError(f"unknown backup reason {reason!r}")


def _known_reason(reason: str) -> bool:
    return reason in REASONS or (
        reason.startswith(MIGRATION_PREFIX) and reason[len(MIGRATION_PREFIX) :].isalnum()
    )


def _name_pattern(board: Path) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(board.stem)}-(?P<reason>.+)-(?P<stamp>\d{{8}}T\d{{6}}Z)(?:-(?P<seq>\d+))?\.db$"
    )


def _read_only_uri(source: Path) -> str:
    uri = f"file:{quote(str(source.resolve()))}?mode=ro"
    if not os.access(source.resolve().parent, os.W_OK):
        uri += "&immutable=1"  # a WAL database in a read-only folder cannot be read otherwise
    return uri


def _why(exc: OSError | sqlite3.Error, folder: Path) -> str:
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return "the disk is full"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "the folder is read-only"
        if isinstance(exc, FileExistsError | NotADirectoryError):
            return f"{folder.name} is a file, not a folder"
        return exc.strerror or str(exc)
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "the board is held by another program (a board on a network drive held alone)"
    if "full" in text or "too large" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "the folder is read-only or cannot be written"
    if "disk i/o" in text:
        return "the disk reported an error (it may be full)"
    return str(exc)


def _remove(partial: Path) -> None:
    for suffix in ("", *_SIDE_FILES):
        with contextlib.suppress(OSError):
            Path(f"{partial}{suffix}").unlink(missing_ok=True)


def _remove_side_files(path: Path) -> None:
    for suffix in _SIDE_FILES:
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _sweep_partials(folder: Path) -> None:
    """Partials a killed process left behind (an hour old: not one being written now)."""
    if not folder.is_dir():
        return
    cutoff = time.time() - STALE_PARTIAL_SECONDS
    for entry in folder.glob(f".*{PARTIAL_SUFFIX}*"):
        with contextlib.suppress(OSError):
            if entry.stat().st_mtime < cutoff:
                entry.unlink()
