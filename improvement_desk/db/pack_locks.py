"""Triggers that keep an issued board pack exactly as it went out.

The service never edits an issued pack, but "reopened exactly as issued" and
"what changed since the last board" both rest on the stored PDFs and snapshot
never moving, whatever reaches the file (a script, a DB browser, a future
bug). So the database refuses UPDATE and DELETE on `pack_issue`, on SQLite and
PostgreSQL alike. Both report it as an integrity error (SQLite's RAISE(ABORT),
PostgreSQL's SQLSTATE 23000), which the database layer already turns into a
plain `Conflict`; the message starts with `ISSUED_MESSAGE` to say which rule.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

ISSUED_MESSAGE = "an issued board pack is never changed or removed"

_SQLITE = [
    (
        "lock_pack_issue_update",
        "CREATE TRIGGER lock_pack_issue_update BEFORE UPDATE ON pack_issue "
        f"BEGIN SELECT RAISE(ABORT, '{ISSUED_MESSAGE}'); END",
    ),
    (
        "lock_pack_issue_delete",
        "CREATE TRIGGER lock_pack_issue_delete BEFORE DELETE ON pack_issue "
        f"BEGIN SELECT RAISE(ABORT, '{ISSUED_MESSAGE}'); END",
    ),
]

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION desk_lock_pack_issue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{ISSUED_MESSAGE} (pack %)', OLD.id
        USING ERRCODE = 'integrity_constraint_violation';
END $$;
"""

_PG = [
    (
        "lock_pack_issue",
        "CREATE TRIGGER lock_pack_issue BEFORE UPDATE OR DELETE ON pack_issue "
        "FOR EACH ROW EXECUTE FUNCTION desk_lock_pack_issue()",
    ),
]


def trigger_names(dialect: str) -> list[str]:
    """What `check` expects to find on a board of this dialect."""
    return [name for name, _ in (_SQLITE if dialect == "sqlite" else _PG)]


def create_locks(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for _, sql in _SQLITE:
            connection.execute(text(sql))
        return
    connection.execute(text(_PG_FUNCTION))
    for _, sql in _PG:
        connection.execute(text(sql))


def drop_locks(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for name, _ in _SQLITE:
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        return
    for name, _ in _PG:
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON pack_issue"))
    connection.execute(text("DROP FUNCTION IF EXISTS desk_lock_pack_issue()"))


def is_issued_error(error: BaseException) -> bool:
    return ISSUED_MESSAGE in str(error)
