"""Restoring a backup, previewing one, and the `backup` and `restore` commands.

A restored demo board must dump exactly as the original did, audit trail
included; a restore must refuse (and change nothing) for a file that is not a
board, one from a newer version, an existing board without --force, and a
board open in another copy of the app. The commands exit 0 when done and 2,
with one line on stderr, when they refuse.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR, TODAY

from improvement_desk import APP_ID, cli
from improvement_desk.db.backup import backup_sqlite, backups_folder, list_backups
from improvement_desk.db.lockfile import lock_path_for
from improvement_desk.db.schema import head_revision
from improvement_desk.domain.errors import BoardFileRejected, StorageError
from improvement_desk.services.backups import backup_board, preview_backup, restore_board
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import open_desk
from improvement_desk.services.dump import dump_board

PG_URL = "postgresql+psycopg://officer@db.example/board"


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.db"
    create_demo_board(path, ACTOR)
    return path


@pytest.fixture
def demo(demo_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the demo board (taken through the backup API, like every copy)."""
    return backup_sqlite(demo_template, tmp_path / "board.db")


def dump(path: Path) -> dict[str, Any]:
    desk = open_desk(path, ACTOR, read_only=True, today=lambda: TODAY)
    try:
        return dump_board(desk.ctx, include_audit=True)
    finally:
        desk.close()


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _raw_person(path: Path, name: str) -> None:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO person (name, role, organisation, version) VALUES (?, '', '', 1)", (name,)
        )
    conn.close()


def names(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {row[0] for row in conn.execute("SELECT name FROM person")}
    finally:
        conn.close()


def newer_copy(demo: Path, tmp_path: Path) -> Path:
    newer = backup_sqlite(demo, tmp_path / "from the future.db")
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    return newer


# -- restoring ---------------------------------------------------------------------------------


def test_a_restored_demo_board_dumps_exactly_as_the_original(demo: Path, tmp_path: Path) -> None:
    original = dump(demo)
    assert original["audit"], "the comparison includes the audit trail"
    backup = backup_board(demo, tmp_path / "kept.db")
    assert backup.reason == "manual"
    assert backup.size == backup.path.stat().st_size
    outcome = restore_board(backup.path, tmp_path / "restored.db")
    assert outcome.safety_backup is None, "nothing was replaced"
    assert outcome.schema == head_revision()
    assert dump(tmp_path / "restored.db") == original


def test_restoring_over_a_changed_board_brings_it_back_and_keeps_the_changed_one(
    demo: Path, tmp_path: Path
) -> None:
    original = dump(demo)
    backup = backup_board(demo, tmp_path / "kept.db").path
    _raw_person(demo, "Added After The Backup")
    assert dump(demo) != original

    outcome = restore_board(backup, demo, force=True)

    assert dump(demo) == original
    assert "Added After The Backup" not in names(demo)
    assert outcome.safety_backup is not None
    assert outcome.safety_backup.parent == backups_folder(demo)
    assert outcome.safety_backup.name.startswith("board-before-restore-")
    assert "Added After The Backup" in names(outcome.safety_backup)
    assert [b.kind for b in list_backups(demo)] == ["before-restore"]
    assert not lock_path_for(demo).exists(), "the lock is released"
    leftovers = [p.name for p in demo.parent.iterdir() if p.name.startswith(".")]
    assert leftovers == [], "no temporary file left beside the board"


def test_a_stale_wal_of_the_replaced_board_is_not_replayed_onto_the_restored_one(
    demo: Path, tmp_path: Path
) -> None:
    backup = backup_board(demo, tmp_path / "kept.db").path
    writer = sqlite3.connect(demo, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(
        "INSERT INTO person (name, role, organisation, version) VALUES ('Only In The WAL', '', '', 1)"
    )
    writer.close()  # a clean close checkpoints; reopen to leave a WAL the way a crash would
    writer = sqlite3.connect(demo, isolation_level=None)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute(
        "INSERT INTO person (name, role, organisation, version) VALUES ('Also In The WAL', '', '', 1)"
    )
    try:
        assert Path(f"{demo}-wal").stat().st_size > 0
        with pytest.raises(StorageError, match=r"^board\.db is in use by another program"):
            restore_board(backup, demo, force=True)  # a connection still holds it open
    finally:
        writer.close()
    assert "Also In The WAL" in names(demo), "refused: the board was left as it was"
    restore_board(backup, demo, force=True)
    assert "Also In The WAL" not in names(demo)
    assert not Path(f"{demo}-wal").exists()
    conn = sqlite3.connect(demo)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda d, t: _write(t / "notes.db", b"Dear board, minutes attached."),
            r"^notes\.db is not an Improvement Desk board \(it is not a SQLite database\)\.$",
        ),
        (
            lambda d, t: _foreign(t / "customers.db"),
            r"^customers\.db is a SQLite database but not an Improvement Desk board",
        ),
        (
            newer_copy,
            r"^from the future\.db was written by a newer version of Improvement Desk "
            r"\(schema 9999\)",
        ),
        (lambda d, t: _write(t / "empty.db", b""), r"^empty\.db is empty: it holds no board"),
        (lambda d, t: t / "missing.db", r"^There is no backup file at .*missing\.db\.$"),
    ],
    ids=["not-sqlite", "foreign", "newer", "empty", "missing"],
)
def test_restore_refuses_what_is_not_a_board_it_can_use_and_changes_nothing(
    demo: Path, tmp_path: Path, make: Any, message: str
) -> None:
    source = make(demo, tmp_path)
    before = sha(demo)
    with pytest.raises(BoardFileRejected, match=message):
        restore_board(source, demo, force=True)
    assert sha(demo) == before
    assert not backups_folder(demo).exists(), "refused before anything was backed up"
    assert not lock_path_for(demo).exists()


def test_restore_refuses_an_existing_board_without_force(demo: Path, tmp_path: Path) -> None:
    backup = backup_board(demo, tmp_path / "kept.db").path
    before = sha(demo)
    with pytest.raises(StorageError) as refused:
        restore_board(backup, demo)
    assert str(refused.value) == (
        f"{demo} already exists; add --force to replace it with kept.db "
        "(the board there is backed up first)."
    )
    assert sha(demo) == before


def test_restore_refuses_to_replace_a_file_that_is_not_a_board(demo: Path, tmp_path: Path) -> None:
    target = _write(tmp_path / "report.db", b"quarterly report")
    with pytest.raises(BoardFileRejected, match=r"^report\.db is not an Improvement Desk board"):
        restore_board(demo, target, force=True)
    assert target.read_bytes() == b"quarterly report"


def test_restore_refuses_a_board_open_in_another_copy_of_the_app(
    demo: Path, tmp_path: Path
) -> None:
    backup = backup_board(demo, tmp_path / "kept.db").path
    holder = {"host": "other-pc", "pid": 4242, "user": "jo", "app": "Improvement Desk 1.0"}
    lock_path_for(demo).write_text(json.dumps({**holder, "since": "2014-03-31 09:00 UTC"}))
    before = sha(demo)
    with pytest.raises(BoardFileRejected) as refused:
        restore_board(backup, demo, force=True)
    assert str(refused.value) == (
        "Cannot restore over board.db: it is open in another copy of Improvement Desk "
        "(jo on other-pc (process 4242, Improvement Desk 1.0, since 2014-03-31 09:00 UTC)). "
        "Close it there first; nothing was changed."
    )
    assert sha(demo) == before
    assert lock_path_for(demo).exists(), "someone else's lock is left alone"


def test_restore_refuses_the_board_itself_and_a_missing_folder(demo: Path, tmp_path: Path) -> None:
    with pytest.raises(StorageError, match=r"^board\.db is the board itself"):
        restore_board(demo, demo, force=True)
    with pytest.raises(StorageError, match=r"the folder .*nowhere does not exist\.$"):
        restore_board(demo, tmp_path / "nowhere" / "board.db")


def test_an_older_backup_is_restored_and_upgraded_when_opened(tmp_path: Path) -> None:
    from improvement_desk.db.schema import open_board

    old = tmp_path / "old.db"
    open_board(old, create=True, target_revision="0001").close()
    outcome = restore_board(old, tmp_path / "board.db")
    assert outcome.schema == "0001"
    desk = open_desk(tmp_path / "board.db", ACTOR, today=lambda: TODAY)
    try:
        assert desk.opened.upgraded_from == "0001"
    finally:
        desk.close()


# -- previews ----------------------------------------------------------------------------------


def test_a_preview_reads_the_backup_not_the_board(demo: Path, tmp_path: Path) -> None:
    audit = dump(demo)["audit"]
    backup = backup_board(demo, tmp_path / "kept.db").path
    _raw_person(demo, "Changes the live board only")
    conn = sqlite3.connect(demo)
    with conn:
        conn.execute("DELETE FROM indicator_figure")
        conn.execute("DELETE FROM indicator_target")
        conn.execute("DELETE FROM indicator")
    conn.close()
    preview = preview_backup(backup)
    assert preview.board_name == "Medway Children's Services Improvement Board"
    assert (preview.actions, preview.risks, preview.meetings) == (39, 14, 10)
    assert (preview.log_actions, preview.indicators) == (33, 10)
    assert preview.schema == head_revision()
    assert preview.problem is None
    assert preview.size == backup.stat().st_size
    assert preview.newest_audit == max(datetime.fromisoformat(e["at"]) for e in audit)
    assert preview.newest_audit is not None
    assert preview.newest_audit.tzinfo == UTC
    assert preview_backup(demo).indicators == 0, "the live board did change"
    assert sorted(p.name for p in tmp_path.iterdir() if "kept" in p.name) == ["kept.db"], (
        "reading a preview leaves nothing beside the backup"
    )


def test_a_preview_of_an_older_or_newer_board(demo: Path, tmp_path: Path) -> None:
    from improvement_desk.db.schema import open_board

    old = tmp_path / "old.db"
    open_board(old, create=True, target_revision="0001").close()
    preview = preview_backup(old)
    assert preview.schema == "0001"
    assert (preview.actions, preview.risks) == (None, None), "those tables came later"
    assert preview.newest_audit is None
    newer = preview_backup(newer_copy(demo, tmp_path))
    assert newer.problem is not None
    assert "newer version" in newer.problem
    assert newer.actions == 39


# -- the commands ------------------------------------------------------------------------------


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def refused(code: int, err: str) -> str:
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"{APP_ID}: ")
    return lines[0]


def test_the_backup_and_restore_commands_round_trip(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    original = dump(demo)
    out_file = tmp_path / "copy.db"
    code, out, err = run(["backup", "--db", str(demo), "-o", str(out_file)], capsys)
    assert (code, err) == (0, "")
    assert out.startswith(f"Backed up {demo} to {out_file} (")
    line = refused(*run(["backup", "--db", str(demo), "-o", str(out_file)], capsys)[::2])
    assert (
        line
        == f"{APP_ID}: {out_file} already exists; choose a new file or add --force to replace it."
    )
    code, _, _ = run(["backup", "--db", str(demo), "-o", str(out_file), "--force"], capsys)
    assert code == 0

    folder = tmp_path / "shelf"
    folder.mkdir()
    code, out, _ = run(["backup", "--db", str(demo), "-o", str(folder)], capsys)
    assert code == 0
    [made] = list(folder.iterdir())
    assert made.name.startswith("board-manual-")
    assert str(made) in out

    _raw_person(demo, "Added Later")
    line = refused(*run(["restore", str(out_file), "--db", str(demo)], capsys)[::2])
    assert "already exists; add --force" in line
    code, out, err = run(["restore", str(out_file), "--db", str(demo), "--force"], capsys)
    assert (code, err) == (0, "")
    assert f"Restored {out_file} to {demo} (schema {head_revision()})" in out
    assert "backed up first to" in out
    assert dump(demo) == original


def test_the_commands_refuse_bad_files_with_one_line(
    demo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    notes = _write(tmp_path / "notes.db", b"not a board")
    line = refused(*run(["restore", str(notes), "--db", str(tmp_path / "new.db")], capsys)[::2])
    assert "notes.db is not an Improvement Desk board" in line
    newer = newer_copy(demo, tmp_path)
    line = refused(*run(["restore", str(newer), "--db", str(tmp_path / "new.db")], capsys)[::2])
    assert "from the future.db was written by a newer version" in line
    assert not (tmp_path / "new.db").exists()
    line = refused(*run(["backup", "--db", str(notes), "-o", str(tmp_path / "x.db")], capsys)[::2])
    assert "notes.db is not an Improvement Desk board" in line
    missing = tmp_path / "missing.db"
    line = refused(
        *run(["backup", "--db", str(missing), "-o", str(tmp_path / "x.db")], capsys)[::2]
    )
    assert line == f"{APP_ID}: There is no board file at {missing}."
    line = refused(*run(["backup", "--db", str(demo), "-o", str(demo)], capsys)[::2])
    assert "is the board itself" in line


def test_server_boards_are_refused_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for args in (
        ["backup", "--db", PG_URL, "-o", str(tmp_path / "x.db")],
        ["restore", str(tmp_path / "x.db"), "--db", PG_URL],
    ):
        line = refused(*run(args, capsys)[::2])
        assert "kept on a database server" in line
        assert "pg_dump" in line
    assert list(tmp_path.iterdir()) == []


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _foreign(path: Path) -> Path:
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    conn.close()
    return path
