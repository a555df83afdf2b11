"""The audit trail's hash chain: every row seals the row before it.

Triggers refuse UPDATE and DELETE on `audit_entry`, but only while they exist: a board file
edited offline (triggers dropped in a DB browser, a doctored backup restored) gets past
them. So each row also stores `row_hash = sha256(previous row's hash + canonical row)`, the
first row chaining from `GENESIS`. Changing a row breaks the chain at that row; removing
one breaks it at the next; `check` names the first row that does not match
(RELIABILITY GOV-3). Removing rows from the *end* leaves a shorter chain that still holds:
a chain alone cannot see truncation.

The canonical form is part of the file format. Changing it would make every existing
board fail its check, so it is fixed here and in migration 0007, which sealed the rows
written before the chain existed.

Appending must be serial, or two writers reading the same last hash would fork the chain:

- SQLite: every write transaction starts with BEGIN IMMEDIATE (db/engine.py), so the
  writer already holds the file's only write lock when it reads the last hash;
- PostgreSQL: `lock_chain` takes a transaction-scoped advisory lock before the last hash
  is read; it is held until COMMIT, and at READ COMMITTED the next statement sees the
  previous holder's rows. Ids come from the table's sequence while the lock is held, so
  id order is chain order.

Plain hashlib and json: the check and the migration need it without a session or Qt.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, column, func, select, table, text

from improvement_desk.db.types import UtcDateTime

GENESIS = "0" * 64

# The columns a row's hash covers, in the order the spec lists them (the JSON sorts keys).
CHAIN_FIELDS = (
    "id",
    "at",
    "actor",
    "os_login",
    "entity",
    "entity_id",
    "entity_label",
    "operation",
    "field",
    "old_value",
    "new_value",
)

# pg_advisory_xact_lock key for "appending to the audit chain" ("IDESAUDT" as a bigint).
CHAIN_LOCK_KEY = 0x4944455341554454

_READ_BATCH = 2000

# The table as the chain sees it: enough for the check and the migration, which must not
# depend on the ORM model of whatever version runs them.
audit_rows = table(
    "audit_entry",
    column("id"),
    column("at", UtcDateTime()),
    *(column(name) for name in CHAIN_FIELDS[2:]),
    column("row_hash"),
)


def _utc_iso(value: Any) -> str:
    if not isinstance(value, datetime):
        raise TypeError(f"audit time must be a datetime, not {type(value).__name__}")
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="microseconds")


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def canonical(row: Mapping[Any, Any]) -> str:
    """One stable text for a row: JSON with sorted keys, UTC time to the microsecond."""
    values: dict[str, Any] = {name: _text(row[name]) for name in CHAIN_FIELDS}
    values["id"] = int(row["id"])
    values["entity_id"] = int(row["entity_id"])
    values["at"] = _utc_iso(row["at"])
    return json.dumps(values, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def chain_hash(previous: str, row: Mapping[Any, Any]) -> str:
    return hashlib.sha256((previous + canonical(row)).encode("utf-8")).hexdigest()


def verify_chain(rows: Iterable[Mapping[Any, Any]]) -> int | None:
    """The id of the first row (in the order given: id order) whose hash does not match."""
    previous = GENESIS
    for row in rows:
        stored = row["row_hash"]
        if stored != chain_hash(previous, row):
            return int(row["id"])
        previous = stored
    return None


def stored_rows(connection: Connection) -> Iterator[Mapping[Any, Any]]:
    """Every audit row in id order, read a page at a time (a board may hold millions)."""
    after: int | None = None
    while True:
        query = select(audit_rows).order_by(audit_rows.c.id).limit(_READ_BATCH)
        if after is not None:
            query = query.where(audit_rows.c.id > after)
        page = connection.execute(query).mappings().all()
        yield from page
        if len(page) < _READ_BATCH:
            return
        after = page[-1]["id"]


def first_broken_link(connection: Connection) -> int | None:
    return verify_chain(stored_rows(connection))


def lock_chain(connection: Connection) -> None:
    """Serialise appends on PostgreSQL until this transaction ends (SQLite needs nothing)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})


def last_hash(connection: Connection) -> str:
    found = connection.execute(
        select(audit_rows.c.row_hash).order_by(audit_rows.c.id.desc()).limit(1)
    ).scalar()
    return GENESIS if found is None else str(found)


def next_ids(connection: Connection, count: int) -> list[int]:
    """`count` new ids, ascending, each above every row already in the chain."""
    if connection.dialect.name == "postgresql":
        sequence = connection.execute(
            text("SELECT pg_get_serial_sequence('audit_entry', 'id')")
        ).scalar()
        if sequence is not None:
            drawn = connection.execute(
                text("SELECT nextval(:sequence) FROM generate_series(1, :count)").bindparams(
                    bindparam("sequence"), bindparam("count")
                ),
                {"sequence": sequence, "count": count},
            ).scalars()
            return sorted(int(i) for i in drawn)
    last = connection.execute(select(func.max(audit_rows.c.id))).scalar() or 0
    return list(range(int(last) + 1, int(last) + 1 + count))


def seal(connection: Connection, rows: Sequence[MutableMapping[str, Any]]) -> None:
    """Gives each new row its id and hash, chained after the last stored row.

    Call inside the transaction that inserts the rows, as its last writes: on PostgreSQL
    the lock taken here is held until COMMIT and other writers wait for it.
    """
    if not rows:
        return
    lock_chain(connection)
    previous = last_hash(connection)
    for row, new_id in zip(rows, next_ids(connection, len(rows)), strict=True):
        row["id"] = new_id
        previous = row["row_hash"] = chain_hash(previous, row)
