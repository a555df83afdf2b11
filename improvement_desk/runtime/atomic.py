"""Writing a file so that it is always either the old file or the whole new one.

The bytes go to a temporary file beside the target (a rename is atomic only
within one filesystem; a temp file elsewhere would turn it into a copy on a
network share), are flushed to disk, and only then replace the target. An
interrupted write — a full disk, a killed process, a cancelled build — leaves
the previous file as it was and no temporary file behind.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    """Writes `data` as `path`; OSError comes out as it was raised, the temp file removed."""
    path = Path(path)
    temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink(missing_ok=True)
        raise
    sync_folder(path.parent)


def sync_folder(folder: Path) -> None:
    """Makes the rename itself durable; only POSIX can open a folder for fsync."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)
