"""Triggers that make approved minutes immutable in the database itself.

Screens and services refuse to edit approved minutes too, but the record must
hold against anything that reaches the file: a script, a future bug, a DB
browser. Once a meeting's status is `minutes_approved`:

- the meeting row cannot be updated or deleted;
- its agenda items (each holding the item's minute), attendance, declarations,
  decisions and papers cannot be inserted, updated or deleted;
- an amendment, once written, is never updated or deleted;
- an action-log action keeps its original due date and the meeting it came
  from, and an action from an approved meeting cannot be deleted.

Every refusal message starts with `LOCK_MESSAGE` so the services can turn the
database error into a plain `Conflict`; both backends report it as an integrity
error (SQLite's RAISE(ABORT), SQLSTATE 23000 on PostgreSQL), so a refusal that
only the trigger catches, in a race between two officers, is a `Conflict` on
either and never an unexplained crash.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.engine import Connection

LOCK_MESSAGE = "approved minutes cannot be changed"
ORIGINAL_DUE_MESSAGE = "the original due date and meeting of an action never change"
AMENDMENT_MESSAGE = "an amendment to approved minutes is never edited or removed"

_APPROVED = "'minutes_approved'"

# Tables holding a meeting_id directly, and those reached through agenda_item_id.
_BY_MEETING = ("agenda_item", "attendance", "declaration")
_BY_ITEM = ("decision", "paper")


def _sqlite_locked(row: str, table: str) -> str:
    if table in _BY_MEETING:
        return f"(SELECT status FROM meeting WHERE id = {row}.meeting_id) = {_APPROVED}"
    return (
        "(SELECT m.status FROM meeting m JOIN agenda_item i ON i.meeting_id = m.id "
        f"WHERE i.id = {row}.agenda_item_id) = {_APPROVED}"
    )


def _sqlite_triggers() -> list[tuple[str, str]]:
    raise_lock = f"SELECT RAISE(ABORT, '{LOCK_MESSAGE}');"
    found: list[tuple[str, str]] = [
        (
            "lock_meeting_update",
            f"CREATE TRIGGER lock_meeting_update BEFORE UPDATE ON meeting "
            f"WHEN OLD.status = {_APPROVED} BEGIN {raise_lock} END",
        ),
        (
            "lock_meeting_delete",
            f"CREATE TRIGGER lock_meeting_delete BEFORE DELETE ON meeting "
            f"WHEN OLD.status = {_APPROVED} BEGIN {raise_lock} END",
        ),
    ]
    for table in (*_BY_MEETING, *_BY_ITEM):
        found += [
            (
                f"lock_{table}_insert",
                f"CREATE TRIGGER lock_{table}_insert BEFORE INSERT ON {table} "
                f"WHEN {_sqlite_locked('NEW', table)} BEGIN {raise_lock} END",
            ),
            (
                f"lock_{table}_update",
                f"CREATE TRIGGER lock_{table}_update BEFORE UPDATE ON {table} "
                f"WHEN {_sqlite_locked('OLD', table)} OR {_sqlite_locked('NEW', table)} "
                f"BEGIN {raise_lock} END",
            ),
            (
                f"lock_{table}_delete",
                f"CREATE TRIGGER lock_{table}_delete BEFORE DELETE ON {table} "
                f"WHEN {_sqlite_locked('OLD', table)} BEGIN {raise_lock} END",
            ),
        ]
    found += [
        (
            "lock_amendment_update",
            "CREATE TRIGGER lock_amendment_update BEFORE UPDATE ON minutes_amendment "
            f"BEGIN SELECT RAISE(ABORT, '{AMENDMENT_MESSAGE}'); END",
        ),
        (
            "lock_amendment_delete",
            "CREATE TRIGGER lock_amendment_delete BEFORE DELETE ON minutes_amendment "
            f"BEGIN SELECT RAISE(ABORT, '{AMENDMENT_MESSAGE}'); END",
        ),
        (
            "lock_log_action_origin",
            "CREATE TRIGGER lock_log_action_origin BEFORE UPDATE ON log_action "
            "WHEN NEW.original_due <> OLD.original_due OR NEW.meeting_id <> OLD.meeting_id "
            f"BEGIN SELECT RAISE(ABORT, '{ORIGINAL_DUE_MESSAGE}'); END",
        ),
        (
            "lock_log_action_delete",
            "CREATE TRIGGER lock_log_action_delete BEFORE DELETE ON log_action "
            f"WHEN (SELECT status FROM meeting WHERE id = OLD.meeting_id) = {_APPROVED} "
            f"BEGIN {raise_lock} END",
        ),
    ]
    return found


_PG_FUNCTIONS = f"""
CREATE OR REPLACE FUNCTION desk_meeting_locked(meeting_key integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT status = {_APPROVED} FROM meeting WHERE id = meeting_key), false)
$$;

CREATE OR REPLACE FUNCTION desk_item_locked(item_key integer) RETURNS boolean
LANGUAGE sql STABLE AS $$
    SELECT coalesce((SELECT m.status = {_APPROVED} FROM meeting m
                     JOIN agenda_item i ON i.meeting_id = m.id WHERE i.id = item_key), false)
$$;

CREATE OR REPLACE FUNCTION desk_lock_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.status = {_APPROVED} THEN
        RAISE EXCEPTION '{LOCK_MESSAGE} (meeting %)', OLD.id
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION desk_lock_by_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF desk_meeting_locked(OLD.meeting_id) THEN
            RAISE EXCEPTION '{LOCK_MESSAGE} (meeting %)', OLD.meeting_id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF desk_meeting_locked(NEW.meeting_id) THEN
            RAISE EXCEPTION '{LOCK_MESSAGE} (meeting %)', NEW.meeting_id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;

CREATE OR REPLACE FUNCTION desk_lock_by_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        IF desk_item_locked(OLD.agenda_item_id) THEN
            RAISE EXCEPTION '{LOCK_MESSAGE} (agenda item %)', OLD.agenda_item_id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        IF desk_item_locked(NEW.agenda_item_id) THEN
            RAISE EXCEPTION '{LOCK_MESSAGE} (agenda item %)', NEW.agenda_item_id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
    END IF;
    RETURN OLD;
END $$;

CREATE OR REPLACE FUNCTION desk_lock_amendment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '{AMENDMENT_MESSAGE}'
        USING ERRCODE = 'integrity_constraint_violation';
END $$;

CREATE OR REPLACE FUNCTION desk_lock_log_action() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF desk_meeting_locked(OLD.meeting_id) THEN
            RAISE EXCEPTION '{LOCK_MESSAGE} (meeting %)', OLD.meeting_id
                USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN OLD;
    END IF;
    IF NEW.original_due <> OLD.original_due OR NEW.meeting_id <> OLD.meeting_id THEN
        RAISE EXCEPTION '{ORIGINAL_DUE_MESSAGE}'
            USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END $$;
"""

_PG_FUNCTION_NAMES = (
    "desk_lock_meeting()",
    "desk_lock_by_meeting()",
    "desk_lock_by_item()",
    "desk_lock_amendment()",
    "desk_lock_log_action()",
    "desk_meeting_locked(integer)",
    "desk_item_locked(integer)",
)


def _pg_triggers() -> list[tuple[str, str]]:
    found = [
        (
            "lock_meeting",
            "CREATE TRIGGER lock_meeting BEFORE UPDATE OR DELETE ON meeting "
            "FOR EACH ROW EXECUTE FUNCTION desk_lock_meeting()",
        )
    ]
    for table in _BY_MEETING:
        found.append(
            (
                f"lock_{table}",
                f"CREATE TRIGGER lock_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION desk_lock_by_meeting()",
            )
        )
    for table in _BY_ITEM:
        found.append(
            (
                f"lock_{table}",
                f"CREATE TRIGGER lock_{table} BEFORE INSERT OR UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION desk_lock_by_item()",
            )
        )
    found += [
        (
            "lock_amendment",
            "CREATE TRIGGER lock_amendment BEFORE UPDATE OR DELETE ON minutes_amendment "
            "FOR EACH ROW EXECUTE FUNCTION desk_lock_amendment()",
        ),
        (
            "lock_log_action",
            "CREATE TRIGGER lock_log_action BEFORE UPDATE OR DELETE ON log_action "
            "FOR EACH ROW EXECUTE FUNCTION desk_lock_log_action()",
        ),
    ]
    return found


def _pg_table(trigger: str) -> str:
    name = trigger.removeprefix("lock_")
    return "minutes_amendment" if name == "amendment" else name


def trigger_names(dialect: str) -> list[str]:
    """What `check` expects to find: a board missing one has lost its lock."""
    triggers = _sqlite_triggers() if dialect == "sqlite" else _pg_triggers()
    return [name for name, _ in triggers]


def create_locks(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for _, sql in _sqlite_triggers():
            connection.execute(text(sql))
        return
    connection.execute(text(_PG_FUNCTIONS))
    for _, sql in _pg_triggers():
        connection.execute(text(sql))


def replace_pg_functions(connection: Connection) -> None:
    """Rewrite the lock functions in place (their triggers stay): how a board made before
    the locks raised SQLSTATE 23000 gets the current bodies (migration 0008)."""
    if connection.dialect.name == "postgresql":
        connection.execute(text(_PG_FUNCTIONS))


def drop_locks(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        for name, _ in _sqlite_triggers():
            connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))
        return
    for name, _ in _pg_triggers():
        connection.execute(text(f"DROP TRIGGER IF EXISTS {name} ON {_pg_table(name)}"))
    for function in _PG_FUNCTION_NAMES:
        connection.execute(text(f"DROP FUNCTION IF EXISTS {function}"))


def is_lock_error(error: BaseException) -> bool:
    message = str(error)
    return any(m in message for m in (LOCK_MESSAGE, ORIGINAL_DUE_MESSAGE, AMENDMENT_MESSAGE))
