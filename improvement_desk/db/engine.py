"""Engines for a board: SQLite files with safe pragmas, or a PostgreSQL URL.

SQLite is set for durability over speed (RELIABILITY G6): foreign keys on,
`synchronous=FULL`, WAL on a writable local file. pysqlite's own implicit
transactions are switched off so that BEGIN is ours and DDL in a migration is
transactional too.

An *exclusive* engine is for a board on a network drive that one user has
agreed to hold alone (DB-1): WAL does not work over a network filesystem, so
it uses a rollback journal (`journal_mode=DELETE`) and `locking_mode=EXCLUSIVE`
on a single pooled connection that lives as long as the engine, so the file
stays locked against every other program until the board is closed.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool, QueuePool

DEFAULT_BUSY_TIMEOUT_MS = 5000
# An exclusive board has one connection; a second thread waits this long for it.
EXCLUSIVE_POOL_TIMEOUT_S = 30


def is_url(location: str) -> bool:
    return "://" in location


def sqlite_engine(
    path: Path,
    *,
    read_only: bool = False,
    busy_timeout_ms: int = DEFAULT_BUSY_TIMEOUT_MS,
    exclusive: bool = False,
) -> Engine:
    exclusive = exclusive and not read_only
    resolved = path.resolve()
    uri = f"file:{quote(str(resolved))}"
    if read_only:
        # A WAL file in a read-only folder cannot even be read without immutable=1.
        folder_writable = _folder_writable(resolved.parent)
        uri += "?mode=ro" + ("" if folder_writable else "&immutable=1")

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            uri, uri=True, timeout=busy_timeout_ms / 1000, check_same_thread=False
        )

    if exclusive:
        # One connection, kept: closing it would release the exclusive lock.
        engine = create_engine(
            "sqlite+pysqlite://",
            creator=connect,
            poolclass=QueuePool,
            pool_size=1,
            max_overflow=0,
            pool_timeout=EXCLUSIVE_POOL_TIMEOUT_S,
        )
    else:
        engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=NullPool)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA synchronous = FULL")
        if exclusive:
            _lock_exclusively(cursor)
        elif not read_only:
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        # IMMEDIATE takes the write lock up front, so a busy file fails at BEGIN
        # (after the busy timeout) instead of half-way through a use case.
        connection.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


def _lock_exclusively(cursor: Any) -> None:
    """Locking mode first: a WAL left behind is then recovered without shared memory, which
    a network filesystem cannot provide. The empty write takes the exclusive lock now, so
    others are locked out from the start rather than from our first save."""
    cursor.execute("PRAGMA locking_mode = EXCLUSIVE")
    cursor.execute("PRAGMA journal_mode = DELETE")
    cursor.execute("BEGIN EXCLUSIVE")
    cursor.execute("COMMIT")


def server_engine(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, isolation_level="READ COMMITTED")


def _folder_writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)
