"""Consistent copies of a SQLite board through the backup API, never a file copy.

A plain copy of a WAL database loses whatever is still in the WAL
(RELIABILITY DB-7); the backup API copies what is committed.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote


def backup_sqlite(source: Path, destination: Path) -> Path:
    destination.parent.mkdir(parents=True, exist_ok=True)
    partial = destination.with_name(destination.name + ".partial")
    src = sqlite3.connect(f"file:{quote(str(source))}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(partial)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    partial.replace(destination)
    return destination


def backup_name(board: Path, reason: str, now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    return f"{board.stem}-{reason}-{stamp}.db"


def backups_folder(board: Path) -> Path:
    return board.with_name(f"{board.stem}-backups")
