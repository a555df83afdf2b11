"""A board on a network drive (RELIABILITY DB-1): found, opened read-only, or held alone.

Detection is tested on injected mount tables, UNC strings and a fake GetDriveType; the
opening policy on a real local file whose folder the mount table is made to call NFS.
"""

from __future__ import annotations

import argparse
import sqlite3
import threading
import time
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY
from sqlalchemy import text

from improvement_desk.cli.arguments import build_parser
from improvement_desk.cli.common import _open
from improvement_desk.db import engine as engine_module
from improvement_desk.db import network_paths
from improvement_desk.db.lockfile import lock_path_for
from improvement_desk.db.network_paths import (
    Mount,
    is_network_path,
    mount_for,
    parse_bsd_mount,
    parse_mountinfo,
    parse_proc_mounts,
    system_mounts,
    unc_reason,
)
from improvement_desk.db.schema import open_board
from improvement_desk.domain.errors import BoardFileRejected, StorageError
from improvement_desk.services.desk import network_reason, open_desk

MOUNTINFO = """\
27 1 254:0 / / rw,relatime - ext4 /dev/vda rw
40 27 0:50 / /srv/boards rw,relatime shared:12 - nfs4 fs01.council.local:/export/boards rw,vers=4.2
41 27 0:51 / /mnt/shared\\040drive rw,relatime - cifs //fs02/Improvement\\040Board rw,vers=3.0
42 27 0:52 /export/boards/children /home/jo/board-link rw - nfs4 fs01.council.local:/export/boards rw
43 27 0:53 / /home/jo/laptop rw - fuse.sshfs jo@laptop:/home/jo rw
44 27 0:54 / /media/usb rw - vfat /dev/sdb1 rw
45 27 0:55 / /srv/boards/local rw - tmpfs tmpfs rw
"""
MAC_MOUNT = """\
/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)
/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)
//jo@fs02/Improvement%20Board on /Volumes/Improvement Board (smbfs, nodev, nosuid, mounted by jo)
fs01:/export/boards on /Volumes/boards (nfs, nodev, nosuid, mounted by jo)
"""


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/srv/boards/board.db", "nfs4"),
        ("/srv/boards/deep/er/board.db", "nfs4"),
        ("/mnt/shared drive/board.db", "cifs"),
        ("/home/jo/board-link/board.db", "nfs4"),  # a bind of a folder on NFS
        ("/home/jo/laptop/board.db", "fuse.sshfs"),
        ("/media/usb/board.db", None),
        ("/home/jo/board.db", None),  # ext4
        ("/srv/boards/local/board.db", None),  # a local mount inside the NFS one
        ("/srv/boardsX/board.db", None),  # a name that only starts like the mount point
    ],
)
def test_linux_mount_table_decides(path: str, kind: str | None) -> None:
    reason = is_network_path(path, mounts=parse_mountinfo(MOUNTINFO), platform="linux")
    if kind is None:
        assert reason is None
    else:
        assert reason is not None
        assert f"a {kind} network filesystem" in reason


def test_mountinfo_fields_are_unescaped_and_named() -> None:
    mounts = parse_mountinfo(MOUNTINFO + "garbage line\n\n")
    assert len(mounts) == 7
    assert mounts[2] == Mount("/mnt/shared drive", "cifs", "//fs02/Improvement Board")
    reason = is_network_path("/mnt/shared drive/b.db", mounts=mounts, platform="linux")
    assert reason == "/mnt/shared drive is a cifs network filesystem (//fs02/Improvement Board)"


def test_proc_mounts_fallback_format() -> None:
    mounts = parse_proc_mounts(
        "/dev/vda / ext4 rw 0 0\nfs01:/export /srv/b nfs rw,vers=3 0 0\nshort line\n"
    )
    assert mounts == [Mount("/", "ext4", "/dev/vda"), Mount("/srv/b", "nfs", "fs01:/export")]


def test_a_later_mount_on_the_same_point_hides_the_earlier() -> None:
    nfs, tmpfs = Mount("/srv/b", "nfs", "fs01:/x"), Mount("/srv/b", "tmpfs", "tmpfs")
    assert mount_for("/srv/b/board.db", [Mount("/", "ext4", "/dev/vda"), nfs, tmpfs]) == tmpfs
    assert mount_for("/srv/b/board.db", [tmpfs, nfs]) == nfs
    assert mount_for("/srv/b", [Mount("/", "ext4", "x"), nfs]) == nfs


def test_a_symlink_into_a_network_folder_is_followed(tmp_path: Path) -> None:
    remote = tmp_path / "remote"
    remote.mkdir()
    (tmp_path / "shortcut").symlink_to(remote)
    mounts = [Mount("/", "ext4", "/dev/vda"), Mount(str(remote.resolve()), "nfs", "fs01:/b")]
    assert is_network_path(tmp_path / "shortcut" / "board.db", mounts=mounts, platform="linux")
    assert is_network_path(tmp_path / "board.db", mounts=mounts, platform="linux") is None


def test_macos_mount_output() -> None:
    mounts = parse_bsd_mount(MAC_MOUNT)
    assert [m.fs_type for m in mounts] == ["apfs", "apfs", "smbfs", "nfs"]
    assert mounts[2].mount_point == "/Volumes/Improvement Board"
    smb = is_network_path("/Volumes/Improvement Board/b.db", mounts=mounts, platform="darwin")
    assert smb is not None
    assert "smbfs" in smb
    assert is_network_path("/Volumes/boards/b.db", mounts=mounts, platform="darwin")
    assert is_network_path("/Users/jo/b.db", mounts=mounts, platform="darwin") is None


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("\\\\fs01\\Boards\\board.db", "\\\\fs01\\Boards"),
        ("//fs01/Boards/board.db", "\\\\fs01\\Boards"),
        (
            "\\\\fs01.council.local\\Improvement Board$\\b.db",
            "\\\\fs01.council.local\\Improvement Board$",
        ),
        ("\\\\?\\UNC\\fs01\\Boards\\board.db", "\\\\fs01\\Boards"),
        ("//?/unc/fs01/Boards/board.db", "\\\\fs01\\Boards"),
    ],
)
def test_unc_paths_are_network_paths(text: str, share: str) -> None:
    assert unc_reason(text) == f"{share} is a shared folder on the network (UNC path)"
    for platform in ("win32", "linux", "darwin"):
        assert is_network_path(text, mounts=[], platform=platform, drive_type=lambda _r: 3)


@pytest.mark.parametrize(
    "text",
    [
        "\\\\?\\C:\\Boards\\board.db",  # a long local path
        "\\\\.\\pipe\\board",  # a device
        "//fs01",  # a server without a share
        "C:\\Boards\\board.db",
        "/srv/boards/board.db",
        "board.db",
    ],
)
def test_local_looking_strings_are_not_unc(text: str) -> None:
    assert unc_reason(text) is None


def test_windows_drive_type_decides() -> None:
    types = {"Z:\\": network_paths.DRIVE_REMOTE, "C:\\": 3, "E:\\": 2}
    asked: list[str] = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return types[root]

    def reason(text: str) -> str | None:
        return is_network_path(text, platform="win32", drive_type=drive_type)

    assert reason("Z:\\Improvement\\board.db") == "drive Z: is a network drive"
    assert reason("z:/improvement/board.db") == "drive Z: is a network drive"
    assert reason("C:\\Users\\jo\\board.db") is None
    assert reason("E:\\board.db") is None  # a USB stick is removable, not remote
    assert asked == ["Z:\\", "Z:\\", "C:\\", "E:\\"]

    def broken(_root: str) -> int:
        raise OSError("no such drive")

    assert is_network_path("Q:\\board.db", platform="win32", drive_type=broken) is None


def test_this_machines_mount_table_is_read() -> None:
    mounts = system_mounts()
    assert mount_for("/", mounts) is not None
    assert system_mounts("plan9") == []  # an unknown system: no table, paths count as local


# -- opening a board on a network drive -----------------------------------------------------


@pytest.fixture
def local_board(board_path: Path) -> Path:
    desk = open_desk(board_path, ACTOR, create=True, board_name="Shared Board")
    desk.people.add("Jo Bloggs")
    desk.close()
    return board_path


@pytest.fixture
def on_nfs(board_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The board's folder is on NFS as far as the app can tell."""
    folder = str(board_path.parent.resolve())
    table = [Mount("/", "ext4", "/dev/vda"), Mount(folder, "nfs4", "fs01:/export/boards")]
    monkeypatch.setattr(network_paths, "system_mounts", lambda platform=None: table)
    return folder


def test_network_board_opens_read_only_with_a_message(local_board: Path, on_nfs: str) -> None:
    assert (
        network_reason(local_board)
        == f"{on_nfs} is a nfs4 network filesystem (fs01:/export/boards)"
    )
    assert network_reason("postgresql+psycopg://db.council.local/board") is None
    desk = open_desk(local_board, ACTOR, today=lambda: TODAY)
    try:
        assert desk.read_only
        assert not desk.opened.exclusive
        assert desk.notice is not None
        assert desk.notice.startswith(f"board.db is on a network drive ({on_nfs} is a nfs4")
        assert "opened read-only" in desk.notice
        assert "PostgreSQL board server" in desk.notice
        assert not lock_path_for(local_board).exists()  # read-only takes no lock
        assert [p.name for p in desk.people.list()] == ["Jo Bloggs"]
        with pytest.raises(StorageError, match="open read-only"):
            desk.people.add("Sam Patel")
    finally:
        desk.close()
    # Asked for read-only, it is no surprise: no message.
    viewer = open_desk(local_board, ACTOR, read_only=True, today=lambda: TODAY)
    assert (viewer.read_only, viewer.notice) == (True, None)
    viewer.close()


def test_exclusive_opens_writable_and_locks_everyone_else_out(
    local_board: Path, on_nfs: str
) -> None:
    desk = open_desk(local_board, ACTOR, exclusive=True, today=lambda: TODAY)
    try:
        assert not desk.read_only
        assert desk.opened.exclusive
        assert desk.notice is None
        with desk.opened.database.engine.connect() as conn:
            pragmas = {
                name: conn.exec_driver_sql(f"PRAGMA {name}").scalar()
                for name in ("locking_mode", "journal_mode", "synchronous", "foreign_keys")
            }
        assert pragmas == {
            "locking_mode": "exclusive",
            "journal_mode": "delete",
            "synchronous": 2,
            "foreign_keys": 1,
        }
        desk.people.add("Sam Patel")
        assert lock_path_for(local_board).exists()
        other = sqlite3.connect(local_board, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="database is locked"):
                other.execute("SELECT count(*) FROM person").fetchall()
        finally:
            other.close()
        assert not Path(f"{local_board}-wal").exists()  # WAL does not work over a network
    finally:
        desk.close()
    other = sqlite3.connect(local_board, timeout=0)
    try:
        names = [r[0] for r in other.execute("SELECT name FROM person ORDER BY name")]
    finally:
        other.close()
    assert names == ["Jo Bloggs", "Sam Patel"]
    assert not lock_path_for(local_board).exists()


def test_new_board_on_a_network_drive_needs_exclusive(board_path: Path, on_nfs: str) -> None:
    with pytest.raises(BoardFileRejected, match=r"Cannot create board\.db there: it is a network"):
        open_board(board_path, create=True)
    assert list(board_path.parent.iterdir()) == []
    desk = open_desk(board_path, ACTOR, create=True, exclusive=True, board_name="Alone")
    try:
        assert desk.info().name == "Alone"
        assert desk.opened.exclusive
    finally:
        desk.close()
    conn = sqlite3.connect(board_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    finally:
        conn.close()


def test_exclusive_board_serialises_this_apps_threads(
    local_board: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One connection holds the lock: a second thread waits for it, then gives up in words."""
    monkeypatch.setattr(engine_module, "EXCLUSIVE_POOL_TIMEOUT_S", 0.3)
    desk = open_desk(local_board, ACTOR, exclusive=True, today=lambda: TODAY)
    holding, release = threading.Event(), threading.Event()

    def long_task() -> None:
        with desk.opened.database.transaction() as session:
            session.execute(text("SELECT 1"))  # takes the one connection
            holding.set()
            release.wait(5)

    worker = threading.Thread(target=long_task)
    worker.start()
    try:
        assert holding.wait(5)
        started = time.monotonic()
        with pytest.raises(StorageError, match="busy with another task in this window"):
            desk.people.list()
        assert time.monotonic() - started < 2
        release.set()
        worker.join(5)
        assert [p.name for p in desk.people.list()] == ["Jo Bloggs"]
    finally:
        release.set()
        worker.join(5)
        desk.close()


def test_cli_prints_why_and_takes_exclusive(
    local_board: Path, on_nfs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = build_parser().parse_args(
        ["pack", "--db", str(local_board), "--meeting", "next", "-o", "x.pdf", "--issue"]
    )
    assert args.exclusive is False
    desk = _open(args, read_only=False)
    try:
        assert desk.read_only
    finally:
        desk.close()
    err = capsys.readouterr().err
    assert "board.db is on a network drive" in err
    assert err.rstrip().endswith("(Here: add --exclusive.)")

    args = build_parser().parse_args(
        ["pack", "--db", str(local_board), "--meeting", "next", "-o", "x.pdf", "--exclusive"]
    )
    desk = _open(args, read_only=False)
    try:
        assert (desk.read_only, desk.opened.exclusive) == (False, True)
    finally:
        desk.close()
    assert capsys.readouterr().err == ""
    # Read-only commands never ask: they read the board as it is.
    desk = _open(argparse.Namespace(db=str(local_board), user=None), read_only=True)
    desk.close()
    assert capsys.readouterr().err == ""


def test_import_on_a_network_drive_needs_exclusive(
    local_board: Path, on_nfs: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --exclusive the board opens read-only and nothing is imported, saying why."""
    from improvement_desk.cli import main

    workbook = tmp_path / "plan.xlsx"
    assert main(["export", "--kind", "plan", "--db", str(local_board), "-o", str(workbook)]) == 0
    capsys.readouterr()
    code = main(["import", str(workbook), "--kind", "plan", "--db", str(local_board)])
    err = capsys.readouterr().err
    assert code == 2
    assert "is on a network drive" in err
    assert "(Here: add --exclusive.)" in err
    assert main(["import", str(workbook), "--kind", "plan", "--db", str(local_board),
                 "--exclusive"]) == 0  # fmt: skip
