"""Where a PDF the desk writes (minutes, a board pack) may go, and why a write failed, in words.

Both documents are written to a temporary file beside the target and renamed
into place, so every failure leaves the previous file as it was; the messages
say so and name the file.
"""

from __future__ import annotations

import errno
from pathlib import Path

from improvement_desk.domain.errors import StorageError


def check_target(path: Path, what: str) -> None:
    """Refuses a folder, or a file in a folder that does not exist; `what`: "the minutes"."""
    if path.is_dir():
        raise StorageError(f"Cannot write {what} to {path}: it is a folder, not a file.")
    if not path.parent.is_dir():
        raise StorageError(
            f"Cannot write {what} to {path}: the folder {path.parent} does not exist."
        )


def explain_write(path: Path, error: OSError) -> str:
    if error.errno in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}:
        return f"Cannot write {path}: the disk is full. The previous file is unchanged."
    if isinstance(error, PermissionError):
        return (
            f"Cannot write {path}: permission denied. If the file is open in a PDF viewer, "
            "close it and try again."
        )
    reason = error.strerror or type(error).__name__
    return f"Cannot write {path}: {reason}. The previous file is unchanged."
