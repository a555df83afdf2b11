"""The audit trail's hash chain (RELIABILITY GOV-3): each row seals the one before it, so an
edit made where the append-only triggers do not reach is named by `check`, row by row.

The database tests run on SQLite and, when IMPROVEMENT_DESK_TEST_PG_URL names a PostgreSQL
database the tests may empty, on PostgreSQL too (marker `postgres`).
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR, TODAY, TickingClock
from pg_fixtures import BACKENDS, Raw, empty_pg, pg_raw, pg_url_or_skip, sqlite_raw
from sqlalchemy import Connection, insert, select

from improvement_desk.db import audit_chain
from improvement_desk.db.audit_chain import (
    GENESIS,
    canonical,
    chain_hash,
    first_broken_link,
    seal,
    verify_chain,
)
from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.errors import Conflict, StorageError
from improvement_desk.services.audit import pending
from improvement_desk.services.checks import run_checks
from improvement_desk.services.desk import Desk, open_desk

AT = datetime(2014, 3, 31, 9, 0, 1, tzinfo=UTC)


def entry(row_id: int, **changes: Any) -> dict[str, Any]:
    row = {
        "id": row_id,
        "at": AT + timedelta(seconds=row_id),
        "actor": "Test Officer",
        "os_login": "tester",
        "entity": "risk",
        "entity_id": 7,
        "entity_label": "R7 Zoë’s risk",
        "operation": "update",
        "field": "rag",
        "old_value": "AMBER",
        "new_value": "RED",
    }
    row.update(changes)
    return row


def chained(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    previous = GENESIS
    for row in rows:
        previous = row["row_hash"] = chain_hash(previous, row)
    return rows


# -- the chain itself --------------------------------------------------------------------------


def test_canonical_form_is_pinned() -> None:
    """The form is part of the file format: a change here would fail every board's check."""
    row = entry(1, at=AT, new_value=None)
    text = (
        '{"actor":"Test Officer","at":"2014-03-31T09:00:01.000000+00:00","entity":"risk",'
        '"entity_id":7,"entity_label":"R7 Zoë’s risk","field":"rag","id":1,"new_value":null,'
        '"old_value":"AMBER","operation":"update","os_login":"tester"}'
    )
    assert canonical(row) == text
    expected = hashlib.sha256((GENESIS + text).encode("utf-8")).hexdigest()
    assert chain_hash(GENESIS, row) == expected
    assert expected == "92ebe1eaadc2fda8cdf89c9ed8fc5e1b90974139fd92c052cd69cd94f7d95234"


def test_canonical_time_is_utc_whatever_zone_it_arrives_in() -> None:
    utc = entry(1)
    summer = entry(1, at=utc["at"].astimezone(timezone(timedelta(hours=1))))
    naive = entry(1, at=utc["at"].replace(tzinfo=None))  # as a raw SQLite read gives it
    assert '"at":"2014-03-31T09:00:02.000000+00:00"' in canonical(utc)
    assert canonical(summer) == canonical(naive) == canonical(utc)


def test_every_column_is_covered() -> None:
    base = chain_hash(GENESIS, entry(1))
    for name, value in [
        ("id", 2),
        ("at", AT),
        ("actor", "Someone Else"),
        ("os_login", "other"),
        ("entity", "action"),
        ("entity_id", 8),
        ("entity_label", "R8"),
        ("operation", "create"),
        ("field", "score"),
        ("old_value", None),
        ("new_value", "GREEN"),
    ]:
        assert chain_hash(GENESIS, entry(1, **{name: value})) != base, name
    assert chain_hash("1" * 64, entry(1)) != base


def test_an_intact_chain_verifies() -> None:
    assert verify_chain(chained([entry(i) for i in (1, 2, 3, 5, 9)])) is None
    assert verify_chain([]) is None


def test_a_changed_row_is_named() -> None:
    rows = chained([entry(i) for i in range(1, 6)])
    rows[2]["new_value"] = "GREEN"
    assert verify_chain(rows) == 3


def test_a_changed_row_with_its_hash_recomputed_breaks_at_the_next() -> None:
    rows = chained([entry(i) for i in range(1, 6)])
    rows[2]["new_value"] = "GREEN"
    rows[2]["row_hash"] = chain_hash(rows[1]["row_hash"], rows[2])
    assert verify_chain(rows) == 4


def test_a_removed_row_breaks_the_chain_at_the_next() -> None:
    rows = chained([entry(i) for i in range(1, 6)])
    del rows[1]
    assert verify_chain(rows) == 3
    assert verify_chain(rows[1:]) == 3  # the first row removed: row 3 no longer starts at genesis


# -- on a board --------------------------------------------------------------------------------


@dataclass
class Board:
    desk: Desk
    raw: Raw
    dialect: str
    location: str


def _open(location: str, **kwargs: Any) -> Desk:
    return open_desk(
        location,
        ACTOR,
        create=True,
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, tzinfo=UTC)),
        **kwargs,
    )


@pytest.fixture(params=BACKENDS)
def board(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Board]:
    if request.param == "sqlite":
        location, raw = str(tmp_path / "board.db"), sqlite_raw(tmp_path / "board.db")
    else:
        location = pg_url_or_skip()
        empty_pg(location)
        raw = pg_raw(location)
    desk = _open(location)
    try:
        yield Board(desk, raw, request.param, location)
    finally:
        desk.close()


def audit_ids(b: Board) -> list[int]:
    with b.desk.ctx.db.reading() as session:
        return list(session.scalars(select(AuditEntry.id).order_by(AuditEntry.id)))


def broken(b: Board) -> int | None:
    with b.desk.ctx.db.engine.connect() as conn:
        return first_broken_link(conn)


def bypass_triggers(b: Board) -> None:
    """What a DB browser can do to a file: the append-only triggers gone."""
    if b.dialect == "sqlite":
        b.raw("DROP TRIGGER audit_entry_no_update")
        b.raw("DROP TRIGGER audit_entry_no_delete")
    else:
        b.raw("ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_append_only")


def chain_problems(b: Board) -> list[str]:
    report = run_checks(b.desk.ctx)
    return [p for p in report.problems if p.startswith("Audit chain")]


def add_people(b: Board, count: int, prefix: str = "Person") -> None:
    for n in range(count):
        b.desk.people.add(f"{prefix} {n}", role="Member")


def test_saves_are_sealed_into_one_chain(board: Board) -> None:
    add_people(board, 4)
    board.desk.people.remove(board.desk.people.list()[0].id)
    ids = audit_ids(board)
    assert len(ids) >= 13
    assert ids == sorted(set(ids))
    with board.desk.ctx.db.reading() as session:
        hashes = list(session.scalars(select(AuditEntry.row_hash).order_by(AuditEntry.id)))
    assert len(set(hashes)) == len(hashes)
    assert all(len(h) == 64 and int(h, 16) >= 0 for h in hashes)
    assert broken(board) is None
    assert "Audit chain" in run_checks(board.desk.ctx).passed


def test_check_names_exactly_the_changed_row(board: Board) -> None:
    add_people(board, 5)
    ids = audit_ids(board)
    target = ids[len(ids) // 2]
    bypass_triggers(board)
    board.raw(f"UPDATE audit_entry SET new_value = 'Chair' WHERE id = {target}")
    assert chain_problems(board) == [
        f"Audit chain: audit row {target} does not match its hash (changed after it was written?)"
    ]


def test_check_names_the_row_after_a_removed_one(board: Board) -> None:
    add_people(board, 5)
    ids = audit_ids(board)
    gone = ids[len(ids) // 2]
    bypass_triggers(board)
    board.raw(f"DELETE FROM audit_entry WHERE id = {gone}")
    after = ids[ids.index(gone) + 1]
    assert chain_problems(board) == [
        f"Audit chain: audit row {after} does not match its hash (changed after it was written?)"
    ]


def test_a_failed_save_leaves_the_chain_whole(board: Board) -> None:
    """The rows are sealed, then refused at INSERT (on PostgreSQL the ids drawn are lost):
    the next save must chain from the last row actually stored."""
    add_people(board, 2)
    before = audit_ids(board)
    row = entry(0)
    del row["id"]
    with pytest.raises(Conflict):
        _save_rows(board, [dict(row), dict(row, operation="bogus")])
    assert audit_ids(board) == before
    add_people(board, 2, "Later")
    assert broken(board) is None
    assert len(audit_ids(board)) > len(before)


def _save_rows(b: Board, rows: list[dict[str, Any]]) -> None:
    with b.desk.ctx.db.transaction() as session:
        pending(session).extend(rows)


def test_concurrent_writers_keep_one_chain(board: Board) -> None:
    errors: list[BaseException] = []
    before = len(audit_ids(board))

    def work(thread: int) -> None:
        try:
            add_people(board, 10, f"Thread {thread}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(board.desk.people.list()) == 40
    assert len(audit_ids(board)) == before + 40 * 3  # name, role, organisation
    assert broken(board) is None


def _hold_chain(conn: Connection) -> list[int]:
    """A writer half-way through: rows sealed and inserted, not yet committed."""
    rows = [entry(0), entry(0)]
    seal(conn, rows)
    conn.execute(insert(AuditEntry), rows)
    return [r["id"] for r in rows]


@pytest.mark.postgres
def test_postgres_appends_wait_for_the_chain_lock(tmp_path: Path) -> None:
    url = pg_url_or_skip()
    empty_pg(url)
    desk = _open(url)
    try:
        b = Board(desk, pg_raw(url), "postgresql", url)
        add_people(b, 1)
        late: list[BaseException | None] = []
        with desk.ctx.db.engine.connect() as conn, conn.begin():
            held = _hold_chain(conn)
            writer = threading.Thread(target=lambda: late.append(_add(desk, "Late")))
            writer.start()
            time.sleep(0.5)
            assert writer.is_alive(), "the second writer did not wait for the chain lock"
        writer.join(10)
        assert late == [None]
        assert min(i for i in audit_ids(b) if i not in held) < min(held)
        assert max(audit_ids(b)) > max(held)
        assert broken(b) is None
    finally:
        desk.close()


def _add(desk: Desk, name: str) -> BaseException | None:
    try:
        desk.people.add(name)
    except BaseException as exc:  # pragma: no cover - reported by the caller
        return exc
    return None


@pytest.mark.postgres
def test_postgres_without_the_lock_the_chain_would_fork(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The lock is what holds the chain together: without it the second writer reads the
    last committed hash, and the row after the first writer's is sealed on the wrong one."""
    url = pg_url_or_skip()
    empty_pg(url)
    desk = _open(url)
    try:
        b = Board(desk, pg_raw(url), "postgresql", url)
        add_people(b, 1)
        with desk.ctx.db.engine.connect() as conn, conn.begin():
            held = _hold_chain(conn)
            monkeypatch.setattr(audit_chain, "lock_chain", lambda _conn: None)
            desk.people.add("Unlocked")
        later = [i for i in audit_ids(b) if i > max(held)]
        assert broken(b) == later[0]
    finally:
        desk.close()


def test_sqlite_second_writer_is_refused_not_forked(tmp_path: Path) -> None:
    path = tmp_path / "board.db"
    desk = _open(str(path))
    second = _open(str(path), take_lock=False, busy_timeout_ms=200)
    try:
        b = Board(desk, sqlite_raw(path), "sqlite", str(path))
        add_people(b, 1)
        with desk.ctx.db.engine.connect() as conn, conn.begin():
            _hold_chain(conn)
            with pytest.raises(StorageError, match="busy"):
                second.people.add("Late")
        second.people.add("Later")
        assert broken(b) is None
    finally:
        second.close()
        desk.close()


def test_check_names_a_dropped_audit_trigger(board: Board) -> None:
    add_people(board, 1)
    assert [p for p in run_checks(board.desk.ctx).problems if p.startswith("Audit locks")] == []
    if board.dialect == "sqlite":
        board.raw("DROP TRIGGER audit_entry_no_delete")
        name = "audit_entry_no_delete"
    else:
        board.raw("DROP TRIGGER audit_entry_append_only ON audit_entry")
        name = "audit_entry_append_only"
    problems = [p for p in run_checks(board.desk.ctx).problems if p.startswith("Audit locks")]
    assert problems == [
        f"Audit locks: trigger {name} is missing, so audit entries are not protected"
    ]
