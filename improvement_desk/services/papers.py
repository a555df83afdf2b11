"""Papers attached to agenda items: PDF files copied into the board database itself.

A pack must never depend on a path that may vanish, so the bytes are stored,
with their SHA-256 (`check` compares it) and page count. A file is refused
before anything is written unless it is a readable, unencrypted PDF of at most
50 MB; pypdf reads it once here so a broken paper is found on attaching, not
when the pack is built the night before the meeting.
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from improvement_desk.db.models import Paper
from improvement_desk.domain.errors import StorageError, ValidationError
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text, clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, fetch
from improvement_desk.services.meeting_guards import item_label, meeting_transaction, open_item
from improvement_desk.services.meeting_reader import paper_record
from improvement_desk.services.meeting_records import PaperRecord
from improvement_desk.services.ordering import check_index, moved, renumber

ENTITY = "paper"
MAX_PAPER_BYTES = 50 * 1024 * 1024
PDF_HEADER = b"%PDF-"
_AUDITED = ("agenda_item_id", "title", "file_name", "size", "page_count", "sha256", "marking")


def read_pdf(path: Path) -> tuple[bytes, int]:
    """The file's bytes and page count, or a ValidationError naming the file and why."""
    name = path.name or str(path)

    def refuse(why: str) -> ValidationError:
        return ValidationError.single("File", f"{name} {why}")

    if not path.exists():
        raise refuse("was not found")
    if not path.is_file():
        raise refuse("is a folder, not a file")
    try:
        size = path.stat().st_size
        if size > MAX_PAPER_BYTES:
            raise refuse(f"is {size / 1024 / 1024:.0f} MB; a paper may be at most 50 MB")
        data = path.read_bytes()
    except OSError as exc:
        raise refuse(f"cannot be read: {exc.strerror or exc}") from exc
    return data, pdf_pages(data, name)


def pdf_pages(data: bytes, name: str) -> int:
    """Counts the pages of a PDF held in memory; refuses what the pack could not merge."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    if not data.startswith(PDF_HEADER):
        raise ValidationError.single("File", f"{name} is not a PDF")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError.single(
                "File", f"{name} is protected by a password; save an unprotected copy"
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise ValidationError.single(
            "File", f"{name} is damaged and cannot be read as a PDF"
        ) from exc
    if pages < 1:
        raise ValidationError.single("File", f"{name} has no pages")
    return pages


class PaperService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def attach(
        self, item_id: int, path: Path, *, title: str = "", marking: Marking = Marking.OFFICIAL
    ) -> PaperRecord:
        """Copies a PDF into the board under an agenda item (last among its papers)."""
        path = Path(path)
        title = clean_text(title) or path.stem
        problem = check_text("Title", title, max_length=SHORT_TEXT, single_line=True)
        if problem:
            raise ValidationError(problem)
        if len(path.name) > 255:
            raise ValidationError.single("File", "the file name is longer than 255 characters")
        data, pages = read_pdf(path)
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            item, meeting = open_item(session, item_id)
            last = session.scalar(
                select(func.max(Paper.position)).where(Paper.agenda_item_id == item_id)
            )
            paper = Paper(
                agenda_item_id=item_id,
                position=0 if last is None else last + 1,
                title=title,
                file_name=path.name,
                content=data,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                page_count=pages,
                marking=Marking(marking),
                added_at=self._ctx.now(),
            )
            session.add(paper)
            session.flush()
            AuditTrail(self._ctx, session).created(
                ENTITY,
                paper.id,
                item_label(session, item, meeting),
                {name: getattr(paper, name) for name in _AUDITED},
            )
            return paper_record(paper)

    def content(self, paper_id: int) -> bytes:
        with self._ctx.db.reading() as session:
            return fetch(session, Paper, paper_id, "Paper").content

    def save_copy(self, paper_id: int, target: Path) -> Path:
        """Writes the paper to a file, atomically: a failed save leaves no half-written PDF."""
        data = self.content(paper_id)
        target = Path(target)
        try:
            handle, temporary = tempfile.mkstemp(
                prefix=".paper-", suffix=".pdf", dir=target.parent or Path()
            )
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                os.replace(temporary, target)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError as exc:
            raise StorageError(f"Could not save {target.name}: {exc.strerror or exc}") from exc
        return target

    def remove(self, paper_id: int, *, expected_version: int | None = None) -> dict[str, object]:
        """Takes a paper off its item; returns the row's values, bytes included (undo).

        `expected_version` is the paper's as the screen showed it (None: no copy, as undo
        taking off a paper it put back itself).
        """
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            paper = fetch(session, Paper, paper_id, "Paper")
            item, meeting = open_item(session, paper.agenda_item_id)
            check_version(paper, expected_version, "Paper", f"“{paper.title}”")
            values: dict[str, object] = {
                "id": paper.id,
                "agenda_item_id": paper.agenda_item_id,
                "position": paper.position,
                "title": paper.title,
                "file_name": paper.file_name,
                "content": paper.content,
                "sha256": paper.sha256,
                "size": paper.size,
                "page_count": paper.page_count,
                "marking": paper.marking,
                "added_at": paper.added_at,
            }
            AuditTrail(self._ctx, session).deleted(
                ENTITY,
                paper.id,
                item_label(session, item, meeting),
                {name: values[name] for name in _AUDITED},
            )
            session.delete(paper)
            session.flush()
            renumber(session, Paper, _papers_of(session, item.id))
            return values

    def restore(self, values: dict[str, object]) -> PaperRecord:
        """Puts a removed paper back in its place, with its id (undo of `remove`)."""
        self._ctx.require_writable()
        item_id = values.get("agenda_item_id")
        content = values.get("content")
        if not isinstance(item_id, int) or not isinstance(content, bytes):
            raise ValidationError.single("Paper", "the removed paper's values are incomplete")
        if hashlib.sha256(content).hexdigest() != values.get("sha256"):
            raise ValidationError.single("Paper", "the removed paper's content does not match it")
        with meeting_transaction(self._ctx) as session:
            item, meeting = open_item(session, item_id)
            if session.get(Paper, values["id"]) is not None:
                raise ValidationError.single("Paper", "is already attached")
            papers = _papers_of(session, item_id)
            position = values.get("position")
            index = min(position if isinstance(position, int) else len(papers), len(papers))
            paper = Paper(**{**values, "position": len(papers)})
            session.add(paper)
            session.flush()
            renumber(session, Paper, [*papers[:index], paper, *papers[index:]])
            AuditTrail(self._ctx, session).restored(
                ENTITY,
                paper.id,
                item_label(session, item, meeting),
                {name: getattr(paper, name) for name in _AUDITED},
            )
            return paper_record(paper)

    def move(
        self, paper_id: int, new_index: int, *, expected_version: int | None = None
    ) -> list[PaperRecord]:
        """Puts a paper at this place (0-based) among its item's papers."""
        self._ctx.require_writable()
        with meeting_transaction(self._ctx) as session:
            paper = fetch(session, Paper, paper_id, "Paper")
            item, meeting = open_item(session, paper.agenda_item_id)
            check_version(paper, expected_version, "Paper", f"“{paper.title}”")
            papers = _papers_of(session, item.id)
            check_index(new_index, len(papers))
            old_index = papers.index(paper)
            if old_index != new_index:
                AuditTrail(self._ctx, session).apply_value(
                    ENTITY,
                    paper.id,
                    item_label(session, item, meeting),
                    "place",
                    old_index + 1,
                    new_index + 1,
                )
                renumber(session, Paper, moved(papers, paper, new_index))
            return [paper_record(p) for p in _papers_of(session, item.id)]


def _papers_of(session: Session, item_id: int) -> list[Paper]:
    return list(
        session.scalars(
            select(Paper)
            .options(defer(Paper.content))
            .where(Paper.agenda_item_id == item_id)
            .order_by(Paper.position, Paper.id)
        )
    )
