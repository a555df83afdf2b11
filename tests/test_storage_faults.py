"""A full disk and read-only media (RELIABILITY DB-4, DB-5, goal G7): a plain message, and
nothing lost or half-written.

The full disk is real where the test may mount a 4 MiB tmpfs (root), and everywhere a
file-size limit (RLIMIT_FSIZE) in a child process, which SQLite sees as an I/O error.
Read-only files and folders are tried by a user who really cannot write them: as root
the child drops to `nobody` after loading Python (root writes through any permission).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY

from improvement_desk.domain.errors import StorageError
from improvement_desk.services.desk import Desk, open_desk

WRITER = Path(__file__).with_name("crash_writer.py")
NOBODY = 65534
ROLE = "Role " + "x" * 190  # the longest a role may be is 200


def make_board(path: Path) -> None:
    desk = open_desk(path, ACTOR, create=True, board_name="Faults Board", today=lambda: TODAY)
    try:
        desk.people.add("Jo Bloggs")
    finally:
        desk.close()


def board_rows(path: Path) -> dict[int, str]:
    """The crash people on a board, after checking the file is sound."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        people = dict(conn.execute("SELECT id, name FROM person WHERE name LIKE 'Crash %'"))
        audited = {
            row[0]
            for row in conn.execute(
                "SELECT entity_id FROM audit_entry WHERE entity = 'person' "
                "AND operation = 'create' AND field = 'name'"
            )
        }
    finally:
        conn.close()
    assert set(people) <= audited  # no person without the audit of their creation
    return people


def run_writer(*args: str, timeout: float = 120) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(WRITER), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.splitlines()


# -- a full disk ----------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A real 4 MiB filesystem, or a skip saying why there cannot be one here."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root (the file-size-limit test still runs)")
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill_until_refused(desk: Desk) -> tuple[dict[int, str], StorageError]:
    saved: dict[int, str] = {}
    for n in range(1, 100_000):
        try:
            person = desk.people.add(f"Crash officer {n}", role=ROLE)
        except StorageError as exc:
            return saved, exc
        saved[person.id] = person.name
    raise AssertionError("the disk never filled up")


def test_full_disk_says_so_and_keeps_every_saved_change(small_disk: Path) -> None:
    board = small_disk / "board.db"
    make_board(board)
    desk = open_desk(board, ACTOR, today=lambda: TODAY)
    try:
        # Leave about 160 KiB: dozens of saves, not thousands, before the disk is full.
        filler = small_disk / "filler.bin"
        filler.write_bytes(b"\0" * (shutil.disk_usage(small_disk).free - 160 * 1024))
        saved, refused = fill_until_refused(desk)
        assert str(refused) == (
            "The disk is full; nothing was saved. Free some space (or ask IT to), then save again."
        )
    finally:
        desk.close()
    assert len(saved) > 10
    assert board_rows(board) == saved  # every acknowledged save, and the refused ones absent

    filler.unlink()
    desk = open_desk(board, ACTOR, today=lambda: TODAY)
    try:
        added = desk.people.add("Sam Patel")
    finally:
        desk.close()
    conn = sqlite3.connect(board)
    try:
        assert conn.execute("SELECT name FROM person WHERE id = ?", (added.id,)).fetchone() == (
            "Sam Patel",
        )
    finally:
        conn.close()
    assert board_rows(board) == saved


def test_file_size_limit_gives_a_plain_message_and_loses_nothing(tmp_path: Path) -> None:
    board = tmp_path / "board.db"
    make_board(board)
    # Smaller than the board: only growth is refused, so the WAL fills after a few saves,
    # and the checkpoint when the writer closes the board fails too (the WAL stays behind).
    limit = 200 * 1024
    assert board.stat().st_size > limit
    lines = run_writer("fill", str(board), str(limit))
    acks = {int(line.split()[2]): f"Crash officer {line.split()[3]}" for line in lines[:-1]}
    assert all(line.startswith("ACK person ") for line in lines[:-1]), lines[-3:]
    assert lines[-1] == (
        "ERROR The disk refused to save (it may be full, over a size limit or quota, or "
        "removed); nothing was saved. Check the drive, then save again."
    )
    assert len(acks) >= 5
    assert board_rows(board) == acks

    desk = open_desk(board, ACTOR, today=lambda: TODAY)  # no limit here: it carries on
    try:
        desk.people.add("Sam Patel")
        assert len(desk.people.list()) == len(acks) + 2
    finally:
        desk.close()


# -- read-only files and folders ------------------------------------------------------------


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder `nobody` can reach (pytest's own temporary folders are private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="desk-read-only-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        for path in (folder, *folder.rglob("*")):
            if path.is_dir():
                path.chmod(0o755)
        shutil.rmtree(folder)


def read_only_board(folder: Path, *, file_mode: int, folder_mode: int) -> Path:
    folder.mkdir()
    board = folder / "board.db"
    make_board(board)
    for leftover in folder.iterdir():
        assert leftover == board, f"{leftover} left beside the board"
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
        os.chown(board, NOBODY, NOBODY)
    board.chmod(file_mode)
    folder.chmod(folder_mode)
    return board


@pytest.mark.parametrize(
    ("file_mode", "folder_mode", "case"),
    [(0o444, 0o755, "read-only file"), (0o644, 0o555, "read-only folder")],
)
def test_read_only_board_is_found_at_open_and_opens_read_only(
    shared_folder: Path, file_mode: int, folder_mode: int, case: str
) -> None:
    board = read_only_board(shared_folder / "board", file_mode=file_mode, folder_mode=folder_mode)
    before = sha256(board)
    args = ["read-only", str(board)] + ([str(NOBODY)] if os.geteuid() == 0 else [])
    [line] = run_writer(*args)
    result = json.loads(line)
    if "skip" in result:
        pytest.skip(result["skip"])
    assert result["euid"] != 0, "the probe must not run as root"
    assert result["writable_open"] == (
        "board.db is read-only (the file or its folder cannot be written), so changes could "
        "not be saved. Open it read-only, or copy it somewhere you can write."
    ), case
    assert result["can_open_read_only"] is True
    assert result["read_only"] is True
    assert result["people"] == ["Jo Bloggs"]
    assert result["save"] == "This board is open read-only; changes cannot be saved."
    assert sha256(board) == before
    # No lock file. SQLite itself leaves an empty WAL and its index where the folder is writable.
    beside = {p.name: p.stat().st_size for p in board.parent.iterdir() if p != board}
    assert set(beside) <= {"board.db-wal", "board.db-shm"}, beside
    assert beside.get("board.db-wal", 0) == 0
