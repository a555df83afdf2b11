"""Automatic backups of a board file: through the backup API, named, rotated, and never in the way.

What is checked: a backup holds commits still in another connection's WAL
(which a file copy loses); every writable open backs the board up, and a
failing backup (full disk, read-only or missing folder) is reported while the
board still opens, with nothing half-written left; the rotation keeps the
newest 10 "open" and 14 "daily" backups and every other kind; the daily
backup is due once per calendar day.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY

from improvement_desk.db.backup import (
    RETENTION,
    BackupFailed,
    backup_sqlite,
    backups_folder,
    list_backups,
    rotate,
    take_backup,
)
from improvement_desk.db.lockfile import lock_path_for
from improvement_desk.db.schema import current_revision, open_board
from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.domain.errors import BoardFileRejected
from improvement_desk.services.backups import BackupService
from improvement_desk.services.desk import open_desk

NOON = datetime(2014, 3, 31, 12, 0, tzinfo=UTC)  # the same calendar day in every time zone


def make_board(path: Path, **kwargs: object) -> Path:
    open_board(path, create=True, **kwargs).close()  # type: ignore[arg-type]
    return path


def persons(path: Path) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute("SELECT count(*) FROM person").fetchone()[0])
    finally:
        conn.close()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def add_person(conn: sqlite3.Connection, name: str) -> None:
    conn.execute(
        "INSERT INTO person (name, role, organisation, version) VALUES (?, '', '', 1)", (name,)
    )


# -- the backup API versus a file copy --------------------------------------------------------


def test_backup_holds_commits_still_in_another_connections_wal(
    board_path: Path, tmp_path: Path
) -> None:
    make_board(board_path)
    writer = sqlite3.connect(board_path, isolation_level=None)
    try:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")  # the commits stay in the WAL
        for i in range(50):
            add_person(writer, f"Officer {i}")
        assert Path(f"{board_path}-wal").stat().st_size > 0
        copied = tmp_path / "copied.db"
        shutil.copyfile(board_path, copied)  # what DB-7 warns against
        backup = backup_sqlite(board_path, tmp_path / "backup.db")
    finally:
        writer.close()
    assert persons(copied) < 50, (
        "a file copy loses what is in the WAL; the test would prove nothing"
    )
    assert persons(backup) == 50
    assert integrity(backup) == "ok"
    assert not Path(f"{backup}-wal").exists(), "a backup is one self-contained file"
    assert backup.read_bytes()[18:20] == b"\x01\x01", "rollback journal, not WAL"


def test_backups_taken_while_another_connection_writes_are_each_consistent(
    board_path: Path, tmp_path: Path
) -> None:
    make_board(board_path)
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        conn = sqlite3.connect(board_path, isolation_level=None, timeout=10)
        try:
            i = 0
            while not stop.is_set():
                add_person(conn, f"Writer {i}")
                i += 1
                written.append(i)
        finally:
            conn.close()

    thread = threading.Thread(target=write)
    thread.start()
    counts = []
    try:
        while len(written) < 20:
            time.sleep(0.01)
        for n in range(5):
            before = len(written)
            copy = backup_sqlite(board_path, tmp_path / f"live-{n}.db")
            counts.append(persons(copy))
            assert integrity(copy) == "ok"
            assert counts[-1] >= before, "every commit acknowledged before the backup is in it"
    finally:
        stop.set()
        thread.join()
    assert counts == sorted(counts)


# -- on opening --------------------------------------------------------------------------------


def test_every_writable_open_backs_the_board_up(board_path: Path) -> None:
    make_board(board_path)
    assert list_backups(board_path) == [], "a new board has nothing to back up"
    opened = open_board(board_path)
    try:
        assert opened.backup is None, "no upgrade, so no pre-upgrade backup"
        assert opened.backup_problem is None
        backup = opened.open_backup
    finally:
        opened.close()
    assert backup is not None
    assert backup.parent == backups_folder(board_path)
    assert backup.name.startswith("board-open-")
    assert backup.name.endswith("Z.db")
    assert [b.path for b in list_backups(board_path)] == [backup]
    assert integrity(backup) == "ok"
    viewer = open_board(board_path, read_only=True)
    viewer.close()
    assert viewer.open_backup is None, "a read-only open changes nothing and backs nothing up"
    assert len(list_backups(board_path)) == 1


def test_an_upgrade_takes_its_own_backup_and_no_open_backup(board_path: Path) -> None:
    make_board(board_path, target_revision="0001")
    opened = open_board(board_path)
    opened.close()
    assert opened.upgraded_from == "0001"
    assert opened.open_backup is None
    [only] = list_backups(board_path)
    assert only.kind == "migration"
    assert only.path == opened.backup


def test_opening_twelve_times_keeps_the_newest_ten_open_backups(board_path: Path) -> None:
    make_board(board_path)
    taken = []
    for _ in range(12):
        opened = open_board(board_path)
        opened.close()
        taken.append(opened.open_backup)
    kept = [b.path for b in list_backups(board_path)]
    assert len(kept) == RETENTION["open"] == 10
    assert set(kept) == set(taken[2:]), "the two oldest went"


def test_a_backups_folder_that_is_a_file_is_reported_and_the_board_still_opens(
    board_path: Path,
) -> None:
    make_board(board_path)
    blocker = backups_folder(board_path)
    blocker.write_text("not a folder")
    desk = open_desk(board_path, ACTOR, today=lambda: TODAY)
    try:
        assert desk.info().name, "the board opened and can be read"
        assert not desk.read_only
        assert desk.opened.open_backup is None
        problem = desk.opened.backup_problem
    finally:
        desk.close()
    assert problem == (
        f"Could not back up board.db to {blocker}: board-backups is a file, not a folder."
    )
    assert blocker.read_text() == "not a folder"
    assert sorted(p.name for p in board_path.parent.iterdir()) == ["board-backups", "board.db"]


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """chmod 0555; as root (who writes anyway) a read-only bind mount, where one can be made."""
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], check=False)
    if mounted.returncode != 0:
        pytest.skip("root, and no bind mount can be made here")
    try:
        remounted = subprocess.run(
            ["mount", "-o", "remount,bind,ro", str(folder)], check=False, capture_output=True
        )
        if remounted.returncode != 0:
            pytest.skip("root, and the bind mount cannot be made read-only here")
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions and mounts")
def test_a_read_only_backups_folder_is_reported_and_the_board_still_opens(
    board_path: Path,
) -> None:
    make_board(board_path)
    folder = backups_folder(board_path)
    with read_only_folder(folder):
        opened = open_board(board_path)
        opened.close()
        assert opened.backup_problem == (
            f"Could not back up board.db to {folder}: the folder is read-only or cannot be written."
        )
        assert not opened.read_only
        assert list(folder.iterdir()) == [], "nothing half-written"


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE is POSIX")
def test_a_full_disk_is_reported_the_board_opens_and_no_partial_file_is_left(
    board_path: Path, tmp_path: Path
) -> None:
    """A real write failure: the process may not write past 256 KiB (EFBIG, as on a full disk)."""
    make_board(board_path)
    conn = sqlite3.connect(board_path)
    try:
        with conn:  # about 1 MB in one transaction: the backup cannot fit under the limit
            for i in range(3000):
                add_person(conn, f"Officer {i:04d} " + "x" * 300)
    finally:
        conn.close()
    script = (
        "import resource, signal, sys\n"
        "from pathlib import Path\n"
        "from improvement_desk.runtime.identity import Actor\n"
        "from improvement_desk.services.desk import open_desk\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))\n"
        "desk = open_desk(Path(sys.argv[1]), Actor('Test Officer', 'tester'))\n"
        "print(desk.info().name)\n"
        "print(desk.opened.backup_problem)\n"
        "desk.close()\n"
    )
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script, str(board_path)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    name, problem = done.stdout.splitlines()
    assert name == DEFAULT_BOARD_NAME
    assert problem.startswith(f"Could not back up board.db to {backups_folder(board_path)}: ")
    assert problem.endswith(": the disk is full.") or problem.endswith("(it may be full).")
    assert list(backups_folder(board_path).iterdir()) == [], "no half-written backup"
    assert integrity(board_path) == "ok"
    assert persons(board_path) == 3000


def test_a_failing_pre_upgrade_backup_stops_the_upgrade_and_changes_nothing(
    board_path: Path,
) -> None:
    make_board(board_path, target_revision="0001")
    backups_folder(board_path).write_text("not a folder")
    before = board_path.read_bytes()
    with pytest.raises(BoardFileRejected) as refused:
        open_board(board_path)
    assert str(refused.value) == (
        "board.db needs upgrading to this version's format, but it could not be backed up "
        "first, so it was not upgraded and nothing was changed. Could not back up board.db to "
        f"{backups_folder(board_path)}: board-backups is a file, not a folder."
    )
    assert board_path.read_bytes() == before
    assert not lock_path_for(board_path).exists()
    viewer = open_board(board_path, target_revision="0001", read_only=True)
    try:
        assert current_revision(viewer.database) == "0001"
    finally:
        viewer.close()


def test_backing_up_a_missing_board_names_it(tmp_path: Path) -> None:
    with pytest.raises(BackupFailed, match=r"^Could not back up gone\.db to .*: "):
        backup_sqlite(tmp_path / "gone.db", tmp_path / "copy.db")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


# -- names and rotation ------------------------------------------------------------------------


def test_rotation_keeps_the_newest_of_each_kind_and_every_one_off(board_path: Path) -> None:
    make_board(board_path)
    start = datetime(2014, 1, 1, 9, 0, tzinfo=UTC)
    made: dict[str, list[Path]] = {}
    plan = [("open", 12), ("daily", 16), ("manual", 3), ("before-restore", 2)]
    plan += [("before-upgrade-to-0006", 1), ("before-upgrade-to-0005", 1)]
    for n, (reason, count) in enumerate(plan):
        for i in range(count):
            when = start + timedelta(days=i, minutes=n)
            made.setdefault(reason, []).append(take_backup(board_path, reason, now=when).path)
    folder = backups_folder(board_path)
    strangers = [folder / "notes.txt", folder / "other-open-20140101T090000Z.db"]
    for stranger in strangers:
        stranger.write_text("not ours to delete")
    old_partial = folder / ".board-open-20140101T090000Z.db.999.partial"
    new_partial = folder / ".board-daily-20140101T090000Z.db.998.partial"
    old_partial.write_bytes(b"half")
    new_partial.write_bytes(b"half")
    an_hour_ago = time.time() - 3700
    os.utime(old_partial, (an_hour_ago, an_hour_ago))

    rotate(board_path)

    kept = {b.path for b in list_backups(board_path)}
    assert kept == (
        set(made["open"][-10:])
        | set(made["daily"][-14:])
        | set(made["manual"])
        | set(made["before-restore"])
        | set(made["before-upgrade-to-0006"])
        | set(made["before-upgrade-to-0005"])
    )
    assert all(s.exists() for s in strangers)
    assert not old_partial.exists(), "a partial a killed process left is swept away"
    assert new_partial.exists(), "a partial being written now is not"


def test_list_is_newest_first_and_two_backups_in_one_second_are_both_kept(
    board_path: Path,
) -> None:
    make_board(board_path)
    first = take_backup(board_path, "manual", now=NOON)
    second = take_backup(board_path, "manual", now=NOON)
    older = take_backup(board_path, "daily", now=NOON - timedelta(days=1))
    assert first.path.name == "board-manual-20140331T120000Z.db"
    assert second.path.name == "board-manual-20140331T120000Z-2.db"
    assert [b.path for b in list_backups(board_path)] == [second.path, first.path, older.path]
    assert [b.kind for b in list_backups(board_path)] == ["manual", "manual", "daily"]
    assert older.taken == NOON - timedelta(days=1)
    assert older.size == older.path.stat().st_size


def test_an_unknown_reason_is_a_bug(board_path: Path) -> None:
    make_board(board_path)
    with pytest.raises(ValueError, match="unknown backup reason 'weekly'"):
        take_backup(board_path, "weekly")


# -- the daily backup --------------------------------------------------------------------------


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def test_the_daily_backup_is_due_once_per_calendar_day(board_path: Path) -> None:
    make_board(board_path)
    clock = Clock(NOON)
    desk = open_desk(board_path, ACTOR, today=lambda: TODAY, now=clock)
    try:
        service = BackupService(desk.ctx)
        assert service.daily_due(), "an open backup is not a daily one"
        first = service.take_daily()
        assert first is not None
        assert first.kind == "daily"
        assert first.path.name == "board-daily-20140331T120000Z.db"
        assert not service.daily_due()
        clock.now = NOON + timedelta(hours=5)
        assert service.take_daily() is None, "once a day, not once per check"
        clock.now = NOON + timedelta(days=1)
        assert service.daily_due()
        assert service.take_daily() is not None
        for day in range(2, 20):
            clock.now = NOON + timedelta(days=day)
            assert service.take_daily() is not None
        dailies = [b for b in service.backups() if b.kind == "daily"]
        assert len(dailies) == 14
        assert dailies[0].taken == NOON + timedelta(days=19)
        assert dailies[-1].taken == NOON + timedelta(days=6)
    finally:
        desk.close()


def test_no_daily_backup_of_a_read_only_board(board_path: Path) -> None:
    make_board(board_path)
    desk = open_desk(board_path, ACTOR, read_only=True, now=Clock(NOON))
    try:
        assert not BackupService(desk.ctx).daily_due()
        assert BackupService(desk.ctx).take_daily() is None
    finally:
        desk.close()
