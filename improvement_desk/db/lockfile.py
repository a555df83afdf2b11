"""One writer per board file: a small lock file next to it naming the holder.

SQLite's own locks protect a transaction, not a session of work; two copies
of the app on one file would each believe their view is current. The lock
names host, user and process so the refusal can say who has it. A holder on
this host whose process has died is stale and is taken over; a holder on
another host never is (RELIABILITY DB-10).
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from improvement_desk import APP_NAME, __version__
from improvement_desk.domain.errors import BoardFileRejected
from improvement_desk.runtime.identity import host_name, os_login


@dataclass(frozen=True, slots=True)
class LockHolder:
    host: str
    pid: int
    user: str
    app: str
    since: str

    def describe(self) -> str:
        return f"{self.user} on {self.host} (process {self.pid}, {self.app}, since {self.since})"


def lock_path_for(board: Path) -> Path:
    return board.with_name(board.name + ".lock")


class BoardLock:
    def __init__(self, board: Path) -> None:
        self.path = lock_path_for(board)
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    def acquire(self) -> None:
        for _attempt in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            except FileExistsError:
                holder = read_holder(self.path)
                if holder is not None and not _is_stale(holder):
                    raise BoardFileRejected(
                        f"This board is open in another copy of Improvement Desk: "
                        f"{holder.describe()}. Close it there first, or open this one read-only.",
                        can_open_read_only=True,
                    ) from None
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            except PermissionError as exc:
                raise BoardFileRejected(
                    f"Cannot create the lock file {self.path.name}: the folder is read-only.",
                    can_open_read_only=True,
                ) from exc
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(asdict(_me()), handle)
            self._held = True
            return
        raise BoardFileRejected(
            f"Could not take the lock file {self.path}.", can_open_read_only=True
        )

    def release(self) -> None:
        if self._held:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self._held = False


def read_holder(path: Path) -> LockHolder | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return LockHolder(**{k: data[k] for k in ("host", "pid", "user", "app", "since")})
    except (OSError, ValueError, KeyError, TypeError):
        return None  # unreadable or half-written: treated as stale


def _me() -> LockHolder:
    return LockHolder(
        host=host_name(),
        pid=os.getpid(),
        user=os_login(),
        app=f"{APP_NAME} {__version__}",
        since=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )


def _is_stale(holder: LockHolder) -> bool:
    if holder.host != host_name():
        return False
    if holder.pid == os.getpid():
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
