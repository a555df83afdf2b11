"""Opening a board file: recognise it, refuse what we must (unchanged), lock, back up, migrate."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from conftest import ACTOR, TODAY
from sqlalchemy import Connection, inspect

from improvement_desk.db.backup import backups_folder
from improvement_desk.db.lockfile import lock_path_for
from improvement_desk.db.models import Base, Person
from improvement_desk.db.schema import (
    APPLICATION_ID,
    alembic_config,
    current_revision,
    head_revision,
    known_revisions,
    open_board,
    script_revisions,
)
from improvement_desk.domain.errors import BoardFileRejected, StorageError
from improvement_desk.runtime.identity import host_name
from improvement_desk.services.desk import open_desk

TRIGGERS = {"audit_entry_no_update", "audit_entry_no_delete"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_board(path: Path, **kwargs: object) -> None:
    open_board(path, create=True, **kwargs).close()  # type: ignore[arg-type]


def run_sql(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    try:
        for statement in statements:
            conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def sqlite_names(path: Path, kind: str) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,))
        }
    finally:
        conn.close()


def pragmas(conn: Connection) -> dict[str, object]:
    names = ("application_id", "foreign_keys", "synchronous", "journal_mode", "busy_timeout")
    return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in names}


def schema_diff(conn: Connection) -> list[object]:
    # compare_type=True (the default since alembic 1.12, said here on purpose): the migrations
    # spell the TypeDecorators' impl types and UtcDateTime, and SQLite reflects them back equal.
    context = MigrationContext.configure(conn, opts={"compare_type": True})
    return list(compare_metadata(context, Base.metadata))


# -- a new board ----------------------------------------------------------------------------


def test_new_board_at_head_with_safe_pragmas_on_every_connection(board_path: Path) -> None:
    opened = open_board(board_path, create=True, busy_timeout_ms=1234)
    try:
        assert opened.created
        assert (opened.backup, opened.upgraded_from) == (None, None)
        assert current_revision(opened.database) == head_revision()
        seen = []
        for _ in range(2):  # NullPool: each connect() is a new SQLite connection
            with opened.database.engine.connect() as conn:
                seen.append(conn.connection.dbapi_connection)
                assert pragmas(conn) == {
                    "application_id": APPLICATION_ID,
                    "foreign_keys": 1,
                    "synchronous": 2,
                    "journal_mode": "wal",
                    "busy_timeout": 1234,
                }
        assert seen[0] is not seen[1]
    finally:
        opened.close()
    assert sqlite_names(board_path, "trigger") >= TRIGGERS


def test_empty_file_becomes_a_board_only_when_asked(board_path: Path) -> None:
    board_path.touch()
    with pytest.raises(BoardFileRejected, match=r"board\.db is empty: it holds no board"):
        open_board(board_path)
    assert board_path.stat().st_size == 0
    opened = open_board(board_path, create=True)
    try:
        assert opened.created
        assert current_revision(opened.database) == head_revision()
    finally:
        opened.close()


# -- files that are refused, untouched ------------------------------------------------------


def _text(path: Path) -> None:
    path.write_text("Minutes of the board, 14 March 2014\n", encoding="utf-8")


def _random(path: Path) -> None:
    path.write_bytes(os.urandom(8192))


def _damaged(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4080)


def _foreign(path: Path) -> None:
    run_sql(path, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")


def _newer(path: Path) -> None:
    make_board(path)
    run_sql(path, "UPDATE alembic_version SET version_num = '9999'")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_text, "is not an Improvement Desk board \\(it is not a SQLite database\\)"),
        (_random, "is not an Improvement Desk board"),
        (_damaged, "is damaged or not a board file"),
        (_foreign, "is a SQLite database but not an Improvement Desk board \\(it holds: customers"),
        (_newer, "was written by a newer version of Improvement Desk \\(schema 9999\\)"),
    ],
    ids=["text", "random-bytes", "damaged", "foreign-tables", "newer-schema"],
)
def test_unusable_file_refused_and_left_byte_identical(
    board_path: Path, make: Callable[[Path], None], message: str
) -> None:
    make(board_path)
    before = sha256(board_path)
    for create in (False, True):
        with pytest.raises(BoardFileRejected, match=f"^{board_path.name} {message}") as info:
            open_board(board_path, create=create)
        assert not info.value.can_open_read_only
    assert sha256(board_path) == before
    assert not lock_path_for(board_path).exists()
    assert not backups_folder(board_path).exists()


def test_missing_file_without_create_refused(board_path: Path) -> None:
    with pytest.raises(BoardFileRejected, match=f"There is no board file at {board_path}"):
        open_board(board_path)
    assert not board_path.exists()
    assert not lock_path_for(board_path).exists()


def test_folder_refused(tmp_path: Path) -> None:
    folder = tmp_path / "board.db"
    folder.mkdir()
    with pytest.raises(BoardFileRejected, match=r"board\.db is a folder, not a board file"):
        open_board(folder, create=True)
    assert list(folder.iterdir()) == []


# -- read-only files ------------------------------------------------------------------------


@pytest.fixture
def read_only_board(board_path: Path) -> Iterator[Path]:
    writer = open_desk(board_path, ACTOR, create=True, board_name="Read-only Board")
    writer.people.add("Jo Bloggs")
    writer.close()
    if os.geteuid() == 0:
        # root writes through 0444, so only the immutable attribute makes the file read-only.
        chattr = shutil.which("chattr")
        if chattr is None:
            pytest.skip("running as root and chattr is not available to make a read-only file")
        done = subprocess.run([chattr, "+i", str(board_path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"chattr +i does not work here: {done.stderr.decode().strip()}")
        try:
            yield board_path
        finally:
            subprocess.run([chattr, "-i", str(board_path)], check=True)
    else:
        board_path.chmod(0o444)
        try:
            yield board_path
        finally:
            board_path.chmod(0o644)


def test_read_only_file_detected_at_open_then_opened_read_only(read_only_board: Path) -> None:
    before = sha256(read_only_board)
    with pytest.raises(BoardFileRejected, match=r"board\.db is read-only") as info:
        open_board(read_only_board)
    assert info.value.can_open_read_only
    assert not lock_path_for(read_only_board).exists()

    desk = open_desk(read_only_board, ACTOR, read_only=True, today=lambda: TODAY)
    try:
        assert desk.read_only
        assert desk.info().name == "Read-only Board"
        assert [p.name for p in desk.people.list()] == ["Jo Bloggs"]
        assert desk.plan.snapshot().actions == ()
        with pytest.raises(StorageError, match="open read-only; changes cannot be saved"):
            desk.people.add("Sam Patel")
        # Past the service guard, SQLite itself refuses and the error is still a typed one.
        with (
            pytest.raises(StorageError, match="read-only, so nothing can be saved"),
            desk.opened.database.transaction() as session,
        ):
            session.add(Person(name="Sam Patel", role="", organisation=""))
        assert [p.name for p in desk.people.list()] == ["Jo Bloggs"]
    finally:
        desk.close()
    assert sha256(read_only_board) == before


# -- the lock file --------------------------------------------------------------------------


def write_lock(board: Path, host: str, pid: int) -> Path:
    lock = lock_path_for(board)
    holder = {"host": host, "pid": pid, "user": "someone", "app": "Improvement Desk 0.1.0"}
    lock.write_text(json.dumps({**holder, "since": "2014-03-31 09:00 UTC"}), encoding="utf-8")
    return lock


def test_second_open_in_this_process_refused_naming_holder(board_path: Path) -> None:
    first = open_board(board_path, create=True)
    try:
        holder = json.loads(lock_path_for(board_path).read_text(encoding="utf-8"))
        assert (holder["host"], holder["pid"]) == (host_name(), os.getpid())
        with pytest.raises(
            BoardFileRejected, match=f"open in another copy.*on {host_name()}"
        ) as info:
            open_board(board_path)
        assert f"process {os.getpid()}" in str(info.value)
        assert info.value.can_open_read_only
        # Read-only needs no lock, so a colleague can still look.
        viewer = open_board(board_path, read_only=True)
        viewer.close()
    finally:
        first.close()
    assert not lock_path_for(board_path).exists()
    open_board(board_path).close()  # released by close(), so it opens again


def test_lock_of_a_dead_process_on_this_host_is_taken_over(board_path: Path) -> None:
    make_board(board_path)
    lock = write_lock(board_path, host_name(), 2**22 + 123)
    opened = open_board(board_path)
    try:
        assert json.loads(lock.read_text(encoding="utf-8"))["pid"] == os.getpid()
    finally:
        opened.close()
    assert not lock.exists()


def test_unreadable_lock_is_taken_over(board_path: Path) -> None:
    make_board(board_path)
    lock_path_for(board_path).write_text('{"host": "half-writ', encoding="utf-8")
    open_board(board_path).close()
    assert not lock_path_for(board_path).exists()


def test_lock_held_on_another_host_is_refused(board_path: Path) -> None:
    make_board(board_path)
    lock = write_lock(board_path, "MEETING-ROOM-PC", 2**22 + 123)
    before = lock.read_bytes()
    with pytest.raises(BoardFileRejected, match="someone on MEETING-ROOM-PC \\(process 4194427"):
        open_board(board_path)
    assert lock.read_bytes() == before


# -- a busy file ----------------------------------------------------------------------------


def test_busy_file_refuses_save_and_writes_nothing(board_path: Path) -> None:
    make_board(board_path)
    desk = open_desk(board_path, ACTOR, busy_timeout_ms=200, today=lambda: TODAY)
    blocker = sqlite3.connect(board_path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        started = time.monotonic()
        with pytest.raises(StorageError, match="The board file is busy: another program"):
            desk.people.add("Jo Bloggs")
        assert time.monotonic() - started < 3
        blocker.execute("ROLLBACK")
        assert desk.people.list() == []
        assert blocker.execute(
            "SELECT count(*) FROM audit_entry WHERE entity = 'person'"
        ).fetchone() == (0,)
    finally:
        blocker.close()
        desk.close()


def test_busy_file_that_needs_upgrading_is_refused_and_releases_the_lock(
    board_path: Path,
) -> None:
    make_board(board_path, target_revision="0001")
    blocker = sqlite3.connect(board_path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        with pytest.raises(StorageError, match="The board file is busy"):
            open_board(board_path, busy_timeout_ms=200)
        assert not lock_path_for(board_path).exists()
    finally:
        blocker.close()
    with sqlite3.connect(board_path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_busy_current_file_opens_for_reading(board_path: Path) -> None:
    """A current board needs no write to open; another writer only delays our saves."""
    make_board(board_path)
    blocker = sqlite3.connect(board_path, isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        opened = open_board(board_path, busy_timeout_ms=200)
        try:
            assert lock_path_for(board_path).exists()
        finally:
            opened.close()
    finally:
        blocker.close()


# -- upgrading ------------------------------------------------------------------------------


def test_upgrade_from_0001_backs_up_first(board_path: Path) -> None:
    make_board(board_path, target_revision="0001")
    assert sqlite_names(board_path, "table") == {
        "alembic_version",
        "board",
        "person",
        "audit_entry",
    }
    # A row still only in the WAL: a file copy of board.db would lose it, the backup API must not.
    writer = sqlite3.connect(board_path, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(
        "INSERT INTO person (name, role, organisation, version) VALUES ('Jo', '', '', 1)"
    )
    assert Path(f"{board_path}-wal").stat().st_size > 0
    try:
        with pytest.raises(BoardFileRejected, match="needs upgrading"):
            open_board(board_path, read_only=True)
        opened = open_board(board_path)
        try:
            assert opened.upgraded_from == "0001"
            assert not opened.created
            assert current_revision(opened.database) == head_revision()
            with opened.database.engine.connect() as conn:
                assert conn.exec_driver_sql("SELECT name FROM person").scalars().all() == ["Jo"]
        finally:
            opened.close()
    finally:
        writer.close()
    backup = opened.backup
    assert backup is not None
    assert backup.exists()
    assert backup.parent == backups_folder(board_path)
    assert f"before-upgrade-to-{head_revision()}" in backup.name
    check = sqlite3.connect(f"file:{backup}?mode=ro", uri=True)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert check.execute("PRAGMA application_id").fetchone() == (APPLICATION_ID,)
        assert check.execute("SELECT name FROM person").fetchall() == [("Jo",)]
    finally:
        check.close()
    assert "recommendation" not in sqlite_names(backup, "table")
    reopened = open_board(board_path)  # already at head: no second backup
    try:
        assert (reopened.upgraded_from, reopened.backup) == (None, None)
    finally:
        reopened.close()


@pytest.mark.parametrize("name", ["Board #2.db", "what?.db", "100%25 done.db"])
def test_odd_file_names_are_opened_and_backed_up_as_themselves(tmp_path: Path, name: str) -> None:
    """Regression: an unquoted `file:` URI cut the name at '#' or '?' (dropping mode=ro too),
    so a stray empty file was created, the board was reported empty and the backup was empty."""
    board = tmp_path / name
    make_board(board, target_revision="0001")
    run_sql(
        board, "INSERT INTO person (name, role, organisation, version) VALUES ('Jo', '', '', 1)"
    )
    opened = open_board(board)
    try:
        assert opened.upgraded_from == "0001"
        assert opened.backup is not None
    finally:
        opened.close()
    backup = sqlite3.connect(opened.backup)
    try:
        assert backup.execute("SELECT name FROM person").fetchall() == [("Jo",)]
    finally:
        backup.close()
    assert {p.name for p in tmp_path.iterdir()} == {name, backups_folder(board).name}


# -- migrations versus models ---------------------------------------------------------------


def test_schema_revisions_constant_matches_the_scripts() -> None:
    assert (
        script_revisions()
        == known_revisions()
        == ["0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008", "0009"]
    )
    assert head_revision() == "0009"


def test_migrated_schema_matches_the_models(board_path: Path) -> None:
    opened = open_board(board_path, create=True)
    try:
        with opened.database.engine.connect() as conn:
            assert schema_diff(conn) == []
            # The comparison is not vacuous: against no models, every table shows as extra.
            empty = MigrationContext.configure(conn, opts={"target_metadata": None})
            diff = compare_metadata(empty, Base.metadata.__class__())
            removed = {d[1].name for d in diff if d[0] == "remove_table"}
            assert removed == set(Base.metadata.tables)
            indexes = {i["name"] for i in inspect(conn).get_indexes("plan_action")}
            assert indexes == {
                "ix_plan_action_lead_officer_id",
                "ix_plan_action_recommendation_id",
                "ix_plan_action_target_date",
            }
    finally:
        opened.close()


def test_downgrade_to_base_and_upgrade_again(board_path: Path) -> None:
    opened = open_board(board_path, create=True)
    engine = opened.database.engine
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "0001")
        assert current_revision(opened.database) == "0001"
        assert "plan_action" not in sqlite_names(board_path, "table")
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        with engine.connect() as conn:
            assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
        assert current_revision(opened.database) is None
        assert sqlite_names(board_path, "trigger") == set()
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        assert current_revision(opened.database) == head_revision()
        assert sqlite_names(board_path, "trigger") >= TRIGGERS
        with engine.connect() as conn:
            assert schema_diff(conn) == []
    finally:
        opened.close()
