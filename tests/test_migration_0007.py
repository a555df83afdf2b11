"""Migration 0007 on boards that already hold data: the audit rows written before the chain
are sealed in id order, the append-only triggers and the CHECK come back, and the new
version columns arrive without touching (or unlocking) approved minutes.

Each test runs on SQLite and, when IMPROVEMENT_DESK_TEST_PG_URL names a PostgreSQL database
the tests may empty, on PostgreSQL too (marker `postgres`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from conftest import ACTOR, TODAY, TickingClock
from meeting_fixtures import approved_board
from pg_fixtures import BACKENDS, Raw, empty_pg, pg_raw, pg_url_or_skip, sqlite_raw
from sqlalchemy import inspect, select

from improvement_desk.db.audit_chain import GENESIS, chain_hash, first_broken_link
from improvement_desk.db.minute_locks import LOCK_MESSAGE
from improvement_desk.db.models import AuditEntry
from improvement_desk.db.schema import alembic_config, open_board
from improvement_desk.services.checks import run_checks
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.dump import dump_board

AT = datetime(2014, 3, 31, 9, 0, 1, tzinfo=UTC)
NEW_VERSIONS = (
    "attendance",
    "declaration",
    "decision",
    "paper",
    "indicator_target",
    "risk_mitigation",
)


def _row(row_id: int, **changes: Any) -> dict[str, Any]:
    row = {
        "id": row_id,
        "at": AT + timedelta(seconds=row_id),
        "actor": "Test Officer",
        "os_login": "tester",
        "entity": "risk",
        "entity_id": 7,
        "entity_label": "R7",
        "operation": "update",
        "field": "rag",
        "old_value": "AMBER",
        "new_value": "RED",
    }
    row.update(changes)
    return row


# Written at 0006, before the chain: odd text, NULLs and a gap in the ids.
OLD_ROWS = [
    _row(1, operation="create", field="name", old_value=None, new_value="Jo"),
    _row(2, entity_label="Zoë — ‘quoted’", new_value="line one\nline two"),
    _row(5, old_value="", new_value=None),
]


def _sql(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, datetime):
        value = value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    return "'" + str(value).replace("'", "''") + "'"


def _location(backend: str, tmp_path: Path) -> tuple[str, Raw]:
    if backend == "sqlite":
        return str(tmp_path / "board.db"), sqlite_raw(tmp_path / "board.db")
    url = pg_url_or_skip()
    empty_pg(url)
    return url, pg_raw(url)


def _open(location: str) -> Desk:
    return open_desk(
        location,
        ACTOR,
        create=True,
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, tzinfo=UTC)),
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_rows_written_before_the_chain_are_sealed(backend: str, tmp_path: Path) -> None:
    location, raw = _location(backend, tmp_path)
    open_board(location, create=True, target_revision="0006").close()
    for row in OLD_ROWS:
        raw(
            f"INSERT INTO audit_entry ({', '.join(row)}) VALUES ({', '.join(map(_sql, row.values()))})"
        )
    opened = open_board(location)
    try:
        with opened.database.engine.connect() as conn:
            stored = conn.execute(
                select(AuditEntry.id, AuditEntry.row_hash).order_by(AuditEntry.id)
            ).all()
            assert first_broken_link(conn) is None
    finally:
        opened.close()
    previous, expected = GENESIS, []
    for row in OLD_ROWS:
        previous = chain_hash(previous, row)
        expected.append((row["id"], previous))
    assert stored == expected
    insert = (
        "INSERT INTO audit_entry (at, actor, os_login, entity, entity_id, entity_label, "
        "operation, field{}) VALUES ('2014-01-01 00:00:00', 'a', 'a', 'risk', 1, '', {}, ''{})"
    )
    refused = {
        "update": ("UPDATE audit_entry SET new_value = 'x' WHERE id = 1", "audit entries"),
        "delete": ("DELETE FROM audit_entry WHERE id = 2", "audit entries"),
        "no hash": (insert.format("", "'update'", ""), r"NOT NULL|not-null"),
        "bad operation": (
            insert.format(", row_hash", "'bogus'", f", '{GENESIS}'"),
            r"CHECK|check constraint",
        ),
    }
    for sql, message in refused.values():
        with pytest.raises(Exception, match=message):
            raw(sql)


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_migration_and_the_writer_seal_alike(backend: str, tmp_path: Path) -> None:
    """Rows the app sealed, unsealed by a downgrade and sealed again by the migration, get
    the same hashes: writer and migration share one canonical form on each dialect."""
    location, _raw = _location(backend, tmp_path)
    desk = _open(location)
    try:
        for name in ("Jo Bloggs", "Sam Patel", "Zoë Ångström"):
            desk.people.add(name, role="Member")
        desk.people.remove(desk.people.list()[1].id)
        engine = desk.ctx.db.engine
        query = select(AuditEntry.id, AuditEntry.row_hash).order_by(AuditEntry.id)
        with engine.connect() as conn:
            written = conn.execute(query).all()
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0006")
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with engine.connect() as conn:
            assert conn.execute(query).all() == written
        assert len(written) > 6
    finally:
        desk.close()


@pytest.mark.parametrize("backend", BACKENDS)
def test_version_columns_arrive_without_unlocking_approved_minutes(
    backend: str, tmp_path: Path
) -> None:
    """Plain ALTER TABLE both ways: the minute-lock triggers stay, no locked row is updated
    (existing rows take version 1 from the default), and the minutes read the same."""
    location, raw = _location(backend, tmp_path)
    desk = _open(location)
    try:
        board = approved_board(desk, tmp_path)
        before = dump_board(desk.ctx, include_audit=False)
        engine = desk.ctx.db.engine
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0006")
        with engine.connect() as conn:
            for table in NEW_VERSIONS:
                assert "version" not in {c["name"] for c in inspect(conn).get_columns(table)}
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        with engine.connect() as conn:
            for table in NEW_VERSIONS:
                versions = conn.exec_driver_sql(f"SELECT DISTINCT version FROM {table}").all()
                assert versions in ([], [(1,)]), table
        assert dump_board(desk.ctx, include_audit=False) == before
        report = run_checks(desk.ctx)
        assert report.ok, report.problems
        person = board.members[0].person_id
        for sql in (
            f"UPDATE attendance SET version = 2 WHERE meeting_id = {board.january.id}",
            f"DELETE FROM attendance WHERE meeting_id = {board.january.id} "
            f"AND person_id = {person}",
            f"UPDATE decision SET version = version + 1 WHERE agenda_item_id = {board.item_id}",
        ):
            with pytest.raises(Exception, match=LOCK_MESSAGE):
                raw(sql)
    finally:
        desk.close()
