"""Building a meeting's board pack, and issuing it: both versions stored exactly as they went out.

The content is gathered in one read (services/pack_content.py, where the public
filtering happens) and printed by reports/pack/. `build` writes a file beside
the target and moves it into place only when whole: a failed or cancelled
build leaves the previous pack untouched (RELIABILITY EX-6).

`issue` is the clerk's "this is the pack the board gets": the full pack and
its public twin are built from ONE read of the board (so they agree), then
stored in one transaction with the snapshot of what they presented — the
next pack's "what changed since the last board" is measured against it — and
the meeting moves from planned to papers issued. Issued packs are never
changed (db/pack_locks.py) and reopen byte for byte.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from improvement_desk.db.models import Meeting, PackIssue
from improvement_desk.domain.errors import NotFound, StorageError
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.reports.fonts import missing_characters
from improvement_desk.reports.pack.assemble import assemble_pdf
from improvement_desk.reports.pack.story import render_story
from improvement_desk.runtime.atomic import write_atomically
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.meeting_guards import meeting_transaction
from improvement_desk.services.pack_content import PackContentReader, gather_pack
from improvement_desk.services.pack_issues import (
    issued_pdf,
    issued_summaries,
    issued_summary,
    issued_words,
)
from improvement_desk.services.pack_records import IssuedPackSummary, PackContent, Withheld
from improvement_desk.services.pdf_targets import check_target, explain_write

log = logging.getLogger(__name__)

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]
ENTITY = "pack_issue"
PACK = "the board pack"


@dataclass(frozen=True, slots=True)
class PackReport:
    path: Path
    pages: int
    public: bool
    withheld: tuple[Withheld, ...]  # what the public pack left out (empty for the full one)
    # Characters typed somewhere in the pack that the font cannot draw (they print as a
    # box); "" when none. Reported so the clerk can fix the text before it circulates.
    missing_characters: str = ""


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
        """The pack of `meeting_id` as `path` (a draft: nothing is stored in the board).

        Raises NotFound for a meeting that has gone, ValidationError for a public pack of
        an OFFICIAL-SENSITIVE meeting, StorageError naming the file when it cannot be
        written and BuildCancelled when `cancelled()` said so; in every failure the
        previous file at `path` is untouched.
        """
        path = Path(path)
        check_target(path, PACK)
        content = PackContentReader(self._ctx).gather(meeting_id, public=public)
        data, pages, _ = assemble_pdf(content, render_story, progress=progress, cancelled=cancelled)
        try:  # only the write is the file's fault; a layout error is a bug and says so
            write_atomically(path, data)
        except OSError as error:
            raise StorageError(explain_write(path, error)) from error
        log.info(
            "wrote the %s pack of meeting %s (%s pages)",
            "public" if public else "full",
            meeting_id,
            pages,
        )
        missing = missing_characters(user_texts(content))
        return PackReport(path, pages, public, content.withheld, missing)

    # -- issuing ---------------------------------------------------------------------------------

    def issue(
        self,
        meeting_id: int,
        *,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> IssuedPackSummary:
        """Builds the full pack and, unless the meeting is OFFICIAL-SENSITIVE, the public one,
        and stores both with the snapshot; audited. `progress(n)` counts the pages of both.

        Nothing is stored when the build fails or is cancelled (BuildCancelled)."""
        self._ctx.require_writable()
        with self._ctx.db.reading() as session:
            full = gather_pack(self._ctx, session, meeting_id, public=False)
            public = (
                None
                if full.meeting.summary.marking is Marking.OFFICIAL_SENSITIVE
                else gather_pack(self._ctx, session, meeting_id, public=True)
            )
        done = 0

        def counted(pages: int) -> None:
            if progress is not None:
                progress(done + pages)

        full_pdf, full_pages, _ = assemble_pdf(
            full, render_story, progress=counted, cancelled=cancelled
        )
        done = full_pages
        public_pdf, public_pages = (
            assemble_pdf(public, render_story, progress=counted, cancelled=cancelled)[:2]
            if public is not None
            else (None, None)
        )
        return self._store(full, full_pdf, full_pages, public_pdf, public_pages)

    def _store(
        self,
        full: PackContent,
        full_pdf: bytes,
        full_pages: int,
        public_pdf: bytes | None,
        public_pages: int | None,
    ) -> IssuedPackSummary:
        meeting_id = full.meeting.summary.id
        with meeting_transaction(self._ctx) as session:
            meeting = session.get(Meeting, meeting_id)
            if meeting is None:
                raise NotFound("Meeting", meeting_id)
            row = PackIssue(
                meeting_id=meeting_id,
                issued_at=self._ctx.now(),
                issued_by=self._ctx.actor.name,
                full_pdf=full_pdf,
                full_sha256=hashlib.sha256(full_pdf).hexdigest(),
                full_pages=full_pages,
                public_pdf=public_pdf,
                public_sha256=hashlib.sha256(public_pdf).hexdigest() if public_pdf else None,
                public_pages=public_pages,
                snapshot=full.snapshot,
            )
            session.add(row)
            session.flush()
            label = f"Board pack for {full.meeting.summary.label}"
            trail = AuditTrail(self._ctx, session)
            trail.created(
                ENTITY,
                row.id,
                label,
                {
                    "meeting_id": meeting_id,
                    "full_pages": full_pages,
                    "full_sha256": row.full_sha256,
                    "public_pages": public_pages,
                    "public_sha256": row.public_sha256,
                },
            )
            if meeting.status is MeetingStatus.PLANNED:
                trail.apply(
                    meeting, "meeting", full.meeting.summary.label,
                    {"status": MeetingStatus.PAPERS_ISSUED},
                )  # fmt: skip
            session.flush()
            summary = issued_summary(session, row.id)
        log.info("issued %s (%s pages)", issued_words(summary), full_pages)
        return summary

    def issued(self, meeting_id: int | None = None) -> list[IssuedPackSummary]:
        """Issued packs, newest first: of one meeting, or all of them."""
        with self._ctx.db.reading() as session:
            return issued_summaries(session, meeting_id)

    def issued_pdf(self, issue_id: int, *, public: bool) -> bytes:
        """The pack exactly as issued (its SHA-256 checked); NotFound for a public pack the
        meeting never had, StorageError when the stored bytes are damaged."""
        with self._ctx.db.reading() as session:
            return issued_pdf(session, issue_id, public=public)

    def save_issued(self, issue_id: int, path: Path, *, public: bool) -> Path:
        """Writes an issued pack out, byte for byte, replacing `path` only when whole."""
        path = Path(path)
        check_target(path, PACK)
        data = self.issued_pdf(issue_id, public=public)
        try:
            write_atomically(path, data)
        except OSError as error:
            raise StorageError(explain_write(path, error)) from error
        return path


def user_texts(value: object) -> Iterator[str]:
    """Every string in the pack's content (records nest in dataclasses and tuples)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple | list):
        for part in value:
            yield from user_texts(part)
    elif is_dataclass(value) and not isinstance(value, type):
        for f in fields(value):
            yield from user_texts(getattr(value, f.name))
