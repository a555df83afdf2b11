"""Is a board file on a network drive? SQLite must not be shared there (RELIABILITY DB-1).

SQLite's own documentation says its locks are unreliable on network
filesystems (NFS, SMB/CIFS, and the rest) and that WAL does not work there at
all: two officers saving at once can corrupt the board. Councils keep files on
shared drives, so the app looks before it opens: a UNC path, a Windows drive
letter whose `GetDriveType` is DRIVE_REMOTE, or (Linux, macOS, BSD) a mount
whose filesystem type is a network one. Detection is best effort: when the
mount table cannot be read, the path is treated as local (and logged).

`opening_mode` turns the answer into the policy `open_board` applies: read-only
with a message recommending the PostgreSQL server, unless the user accepted an
exclusive single-user lock.
"""

from __future__ import annotations

import logging
import ntpath
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from improvement_desk.domain.errors import BoardFileRejected

log = logging.getLogger(__name__)

# Filesystem types whose locking SQLite cannot trust. FUSE types are "fuse.<program>".
NETWORK_FS_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "ncpfs", "afs", "coda",
        "9p", "v9fs", "glusterfs", "ceph", "cephfs", "lustre", "gpfs", "beegfs", "ocfs2",
        "gfs2", "davfs", "webdav", "afpfs", "sshfs", "fuse.sshfs", "fuse.rclone",
        "fuse.s3fs", "fuse.glusterfs", "fuse.cephfs", "fuse.gvfsd-fuse", "fuse.davfs2",
        "fuse.smbnetfs", "fuse.curlftpfs", "fuse.onedriver",
    }
)  # fmt: skip
DRIVE_REMOTE = 4  # GetDriveTypeW: "the drive is a remote (network) drive"

# \\server\share or //server/share; \\?\ and \\.\ prefixes are local unless \\?\UNC\.
_UNC = re.compile(r"^[\\/]{2}(?![?.][\\/])([^\\/]+)[\\/]+([^\\/]+)")
_UNC_LONG = re.compile(r"^[\\/]{2}\?[\\/]UNC[\\/]+([^\\/]+)[\\/]+([^\\/]+)", re.IGNORECASE)
# macOS/BSD `mount`: "//jo@fs01/Boards on /Volumes/Boards (smbfs, nodev, nosuid, mounted by jo)"
_BSD_MOUNT = re.compile(r"^(?P<source>.+?) on (?P<point>.+) \((?P<type>[^,()]+)[^()]*\)\s*$")
_OCTAL = re.compile(r"\\([0-7]{3})")


@dataclass(frozen=True, slots=True)
class Mount:
    mount_point: str
    fs_type: str
    source: str


def is_network_path(
    path: str | os.PathLike[str],
    *,
    mounts: Sequence[Mount] | None = None,
    platform: str = sys.platform,
    drive_type: Callable[[str], int] | None = None,
) -> str | None:
    """Why `path` is on a network drive, in words for a message; None when it looks local.

    `mounts` and `drive_type` replace the system's mount table and `GetDriveTypeW`
    (tests, and callers that already read them).
    """
    text = os.fspath(path)
    reason = unc_reason(text)
    if reason is not None:
        return reason
    if platform == "win32":
        if sys.platform == "win32":
            reason = unc_reason(os.path.realpath(text))  # a link into a shared folder
            if reason is not None:
                return reason
        return _windows_reason(text, drive_type or _get_drive_type)
    real = os.path.realpath(text)
    table = mounts if mounts is not None else system_mounts(platform)
    mount = mount_for(real, table)
    if mount is None or not is_network_fs(mount.fs_type):
        return None
    return f"{mount.mount_point} is a {mount.fs_type} network filesystem ({mount.source})"


def unc_reason(text: str) -> str | None:
    found = _UNC_LONG.match(text) or _UNC.match(text)
    if found is None:
        return None
    server, share = found.groups()
    return f"\\\\{server}\\{share} is a shared folder on the network (UNC path)"


def is_network_fs(fs_type: str) -> bool:
    kind = fs_type.lower()
    return kind in NETWORK_FS_TYPES or kind.startswith(("nfs", "fuse.sshfs"))


def mount_for(real_path: str, mounts: Sequence[Mount]) -> Mount | None:
    """The mount holding `real_path`: the longest mount point above it; the last one wins
    a tie, because a later mount on the same point hides the earlier one."""
    best: Mount | None = None
    for mount in mounts:
        point = mount.mount_point.rstrip("/") or "/"
        inside = real_path == point or real_path.startswith(point if point == "/" else point + "/")
        if inside and (best is None or len(point) >= len(best.mount_point.rstrip("/") or "/")):
            best = mount
    return best


def parse_mountinfo(text: str) -> list[Mount]:
    """Linux /proc/self/mountinfo: '... mount_point options [tags] - fstype source super'."""
    mounts = []
    for line in text.splitlines():
        before, sep, after = line.partition(" - ")
        fields, tail = before.split(), after.split()
        if not sep or len(fields) < 5 or len(tail) < 2:
            continue
        mounts.append(Mount(_unescape(fields[4]), tail[0], _unescape(tail[1])))
    return mounts


def parse_proc_mounts(text: str) -> list[Mount]:
    """Linux /proc/mounts (the fallback): 'source mount_point fstype options 0 0'."""
    mounts = []
    for line in text.splitlines():
        fields = line.split()
        if len(fields) >= 3:
            mounts.append(Mount(_unescape(fields[1]), fields[2], _unescape(fields[0])))
    return mounts


def parse_bsd_mount(text: str) -> list[Mount]:
    """The output of `mount` on macOS and the BSDs."""
    mounts = []
    for line in text.splitlines():
        found = _BSD_MOUNT.match(line.strip())
        if found:
            mounts.append(Mount(found["point"], found["type"].strip(), found["source"]))
    return mounts


def system_mounts(platform: str = sys.platform) -> list[Mount]:
    """This machine's mount table, or an empty one when it cannot be read."""
    try:
        if platform.startswith("linux"):
            try:
                return parse_mountinfo(Path("/proc/self/mountinfo").read_text(encoding="utf-8"))
            except OSError:
                return parse_proc_mounts(Path("/proc/mounts").read_text(encoding="utf-8"))
        if platform == "darwin" or "bsd" in platform:
            done = subprocess.run(
                ["/sbin/mount"], capture_output=True, text=True, timeout=5, check=True
            )
            return parse_bsd_mount(done.stdout)
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        log.warning("cannot read the mount table (%s); treating board paths as local", exc)
    return []


def _unescape(field: str) -> str:
    """mountinfo writes space, tab, newline and backslash as \\040, \\011, \\012, \\134."""
    return _OCTAL.sub(lambda m: chr(int(m.group(1), 8)), field)


def _windows_reason(text: str, drive_type: Callable[[str], int]) -> str | None:
    drive, _rest = ntpath.splitdrive(ntpath.abspath(text) if sys.platform == "win32" else text)
    if len(drive) != 2 or drive[1] != ":":
        return None
    try:
        kind = drive_type(drive.upper() + "\\")
    except OSError as exc:
        log.warning("cannot ask Windows about drive %s: %s", drive, exc)
        return None
    if kind == DRIVE_REMOTE:
        return f"drive {drive.upper()} is a network drive"
    return None


def _get_drive_type(root: str) -> int:
    if sys.platform == "win32":
        import ctypes

        return int(ctypes.windll.kernel32.GetDriveTypeW(root))
    raise OSError("GetDriveTypeW exists only on Windows")


# -- the policy open_board applies ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OpeningMode:
    """How a SQLite board is to be opened, and what to tell the user about it."""

    read_only: bool
    exclusive: bool
    notice: str | None = None


def network_notice(name: str, reason: str) -> str:
    return (
        f"{name} is on a network drive ({reason}). SQLite boards there can be corrupted "
        "when two people save at once, so it was opened read-only. To edit it, open it for "
        "you alone (everyone else is locked out until you close it); for a board several "
        "officers edit, ask IT to set up the PostgreSQL board server."
    )


def opening_mode(path: Path, *, read_only: bool, exclusive: bool, create: bool) -> OpeningMode:
    """Read-only on a network drive unless the user accepted an exclusive lock (DB-1)."""
    if read_only:
        return OpeningMode(read_only=True, exclusive=False)
    if exclusive:
        return OpeningMode(read_only=False, exclusive=True)
    reason = is_network_path(path)
    if reason is None:
        return OpeningMode(read_only=False, exclusive=False)
    log.warning("board %s is on a network drive: %s", path.name, reason)
    if create:
        raise BoardFileRejected(
            f"Cannot create {path.name} there: it is a network drive ({reason}), where a "
            "SQLite board shared by several people can be corrupted. Create it for you alone "
            "(others locked out), or on this computer, or use the PostgreSQL board server."
        )
    return OpeningMode(read_only=True, exclusive=False, notice=network_notice(path.name, reason))
