"""The open board database: the one place that turns driver errors into typed ones.

Services open a short transaction with `transaction()`; widgets never see a
session. Locked, read-only, full and stale-write failures become
`StorageError` or `Conflict` with a message a board officer can act on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from improvement_desk.domain.errors import Conflict, StorageError

log = logging.getLogger(__name__)


@dataclass
class Database:
    engine: Engine
    location: str
    read_only: bool = False
    _factory: sessionmaker[Session] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._factory = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One unit of work: commits on success, rolls back on any error."""
        try:
            with self._factory() as session, session.begin():
                yield session
        except StaleDataError as exc:
            raise Conflict(
                "This record was changed by someone else since you opened it; "
                "nothing was saved. Reload it and make your change again.",
                stale=True,
            ) from exc
        except (OperationalError, PoolTimeout) as exc:
            raise storage_error(exc) from exc
        except IntegrityError as exc:
            log.warning("integrity error: %s", exc.orig)
            raise Conflict(
                "The change clashes with a rule of the database (a duplicate reference "
                "or a record that others depend on); nothing was saved."
            ) from exc

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A unit of work for reads; objects stay usable after it ends."""
        try:
            with self._factory() as session, session.begin():
                yield session
        except (OperationalError, PoolTimeout) as exc:
            raise storage_error(exc) from exc

    def dispose(self) -> None:
        self.engine.dispose()


def storage_error(exc: OperationalError | PoolTimeout) -> StorageError:
    """A message that names the cause and says nothing was saved (RELIABILITY G7)."""
    if isinstance(exc, PoolTimeout):
        # Only an exclusive board has a bounded pool: its one connection is busy in this app.
        return StorageError(
            "The board is busy with another task in this window (an import or a pack, say). "
            "Nothing was saved; try again when it has finished."
        )
    text = str(exc.orig).lower()
    if "locked" in text or "busy" in text:
        return StorageError(
            "The board file is busy: another program is writing to it. "
            "Nothing was saved; try again in a moment."
        )
    if "readonly" in text or "read-only" in text:
        return StorageError(
            "The board file is read-only, so nothing can be saved to it. Open it read-only, "
            "or copy it to a folder you can write to."
        )
    if "disk is full" in text or "database or disk is full" in text:
        return StorageError(
            "The disk is full; nothing was saved. Free some space (or ask IT to), then save again."
        )
    if "disk i/o" in text:
        # A file-size limit or a quota (EFBIG), a removed USB stick or a failing disk.
        return StorageError(
            "The disk refused to save (it may be full, over a size limit or quota, or removed); "
            "nothing was saved. Check the drive, then save again."
        )
    if "malformed" in text or "not a database" in text:
        return StorageError("The board file is damaged or is not a board file.")
    log.error("database error: %s", exc.orig)
    return StorageError(f"The database reported an error: {exc.orig}")
