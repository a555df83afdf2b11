"""Building a meeting's board pack into a PDF file, full or public.

The content is gathered in one read (services/pack_content.py, where the public
filtering happens) and handed to reports/pack/assemble.py, which writes the
file beside the target and moves it into place only when whole: a failed or
cancelled build leaves the previous pack untouched (RELIABILITY EX-6). Issuing
a pack (storing both versions and the snapshot) is a later piece of work.
"""

from __future__ import annotations

import errno
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from improvement_desk.domain.errors import StorageError
from improvement_desk.reports.pack.assemble import build_pack
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.pack_content import PackContentReader
from improvement_desk.services.pack_records import Withheld

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class PackReport:
    path: Path
    pages: int
    public: bool
    withheld: tuple[Withheld, ...]  # what the public pack left out (empty for the full one)


class PackService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def preview_withheld(self, meeting_id: int) -> list[Withheld]:
        """What the public pack would leave out, for the clerk to see before building it."""
        return PackContentReader(self._ctx).preview_withheld(meeting_id)

    def build(
        self,
        meeting_id: int,
        path: Path,
        *,
        public: bool,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> PackReport:
        """The pack of `meeting_id` as `path`.

        Raises NotFound for a meeting that has gone, ValidationError for a public pack of
        an OFFICIAL-SENSITIVE meeting, StorageError naming the file when it cannot be
        written and BuildCancelled when `cancelled()` said so; in every failure the
        previous file at `path` is untouched.
        """
        path = Path(path)
        _check_target(path)
        content = PackContentReader(self._ctx).gather(meeting_id, public=public)
        try:
            built = build_pack(content, path, progress=progress, cancelled=cancelled)
        except OSError as error:
            raise StorageError(_explain(path, error)) from error
        log.info(
            "wrote the %s pack of meeting %s (%s pages)",
            "public" if public else "full",
            meeting_id,
            built.pages,
        )
        return PackReport(built.path, built.pages, public, content.withheld)


def _check_target(path: Path) -> None:
    if path.is_dir():
        raise StorageError(f"Cannot write the board pack to {path}: it is a folder, not a file.")
    if not path.parent.is_dir():
        raise StorageError(
            f"Cannot write the board pack to {path}: the folder {path.parent} does not exist."
        )


def _explain(path: Path, error: OSError) -> str:
    if error.errno in {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}:
        return f"Cannot write {path}: the disk is full. The previous file is unchanged."
    if isinstance(error, PermissionError):
        return (
            f"Cannot write {path}: permission denied. If the file is open in a PDF viewer, "
            "close it and try again."
        )
    reason = error.strerror or type(error).__name__
    return f"Cannot write {path}: {reason}. The previous file is unchanged."
