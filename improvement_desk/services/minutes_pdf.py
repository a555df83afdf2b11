"""Writing a meeting's minutes to a PDF file, safely.

The document is laid out into a temporary file beside the target and moved
into place only when complete, so the target is always either the previous
file or the whole new one: never half a PDF that someone then circulates
(RELIABILITY EX-6). The temp name follows the Excel export's
(".<name>.<pid>.tmp"), so the same clean-up recognises a stray one.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from improvement_desk.domain.errors import StorageError
from improvement_desk.reports.minutes import build_minutes
from improvement_desk.services.board import BoardService
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.meeting_reader import MeetingReader
from improvement_desk.services.pdf_targets import check_target, explain_write

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True, slots=True)
class MinutesPdfReport:
    path: Path
    pages: int
    # Characters the embedded font cannot draw (they print as boxes); "" when none.
    missing_characters: str = ""


class MinutesPdfService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def write(
        self,
        meeting_id: int,
        path: Path,
        *,
        public: bool = False,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> MinutesPdfReport:
        """The minutes of `meeting_id` as `path`; `public=True` for the published version.

        Raises NotFound for a meeting that has gone, StorageError naming the
        file when it cannot be written, and BuildCancelled when `cancelled()`
        said so; in every failure the previous file at `path` is untouched.
        """
        meeting = MeetingReader(self._ctx).meeting(meeting_id)
        board_name = BoardService(self._ctx).load().name
        path = Path(path)
        check_target(path, "the minutes")
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(temp, "wb") as handle:
                built = build_minutes(
                    handle,
                    meeting,
                    board_name,
                    public=public,
                    progress=progress,
                    cancelled=cancelled,
                )
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except OSError as error:
            _remove_quietly(temp)
            raise StorageError(explain_write(path, error)) from error
        except BaseException:
            _remove_quietly(temp)
            raise
        log.info("wrote minutes of meeting %s (%s pages)", meeting_id, built.pages)
        return MinutesPdfReport(path, built.pages, built.missing_characters)


def _remove_quietly(temp: Path) -> None:
    with contextlib.suppress(OSError):
        temp.unlink(missing_ok=True)
