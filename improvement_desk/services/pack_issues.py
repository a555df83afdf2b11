"""Reading issued packs: the list, their PDFs exactly as issued, the snapshot to compare with.

Issued packs are written by `PackService.issue` and never change (the
database refuses it, `db/pack_locks.py`). Reopening one checks its SHA-256
again, so a copy damaged on disk is reported, not shown as if it were the
pack that went out.
"""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Meeting, PackIssue
from improvement_desk.domain.errors import NotFound, StorageError
from improvement_desk.services.pack_records import IssuedPackSummary
from improvement_desk.services.pack_snapshots import decode

_SUMMARY_COLUMNS = (
    PackIssue.id,
    PackIssue.meeting_id,
    Meeting.meeting_date,
    Meeting.title,
    PackIssue.issued_at,
    PackIssue.issued_by,
    PackIssue.full_pages,
    PackIssue.full_sha256,
    PackIssue.public_pages,
    PackIssue.public_sha256,
)


def issued_summaries(session: Session, meeting_id: int | None = None) -> list[IssuedPackSummary]:
    """Newest first; of one meeting, or of the whole board."""
    query = (
        select(*_SUMMARY_COLUMNS)
        .join(Meeting, Meeting.id == PackIssue.meeting_id)
        .order_by(PackIssue.issued_at.desc(), PackIssue.id.desc())
    )
    if meeting_id is not None:
        query = query.where(PackIssue.meeting_id == meeting_id)
    return [_summary(row) for row in session.execute(query)]


def issued_summary(session: Session, issue_id: int) -> IssuedPackSummary:
    row = session.execute(
        select(*_SUMMARY_COLUMNS)
        .join(Meeting, Meeting.id == PackIssue.meeting_id)
        .where(PackIssue.id == issue_id)
    ).one_or_none()
    if row is None:
        raise NotFound("Issued pack", issue_id)
    return _summary(row)


def _summary(row: Any) -> IssuedPackSummary:
    (issue_id, meeting_id, meeting_date, title, at, by, full, full_hash, public, public_hash) = row
    return IssuedPackSummary(
        id=issue_id,
        meeting_id=meeting_id,
        meeting_date=meeting_date,
        meeting_title=title,
        issued_at=at,
        issued_by=by,
        full_pages=full,
        full_sha256=full_hash,
        public_pages=public,
        public_sha256=public_hash,
    )


def issued_words(summary: IssuedPackSummary) -> str:
    """ "the pack for 5 Mar 2014 issued on 26 Feb 2014": how messages name an issued pack."""
    return f"the pack for {_day(summary.meeting_date)} issued on {_day(summary.issued_at)}"


def _day(value: date) -> str:
    return f"{value.day} {value:%b %Y}"


def issued_pdf(session: Session, issue_id: int, *, public: bool) -> bytes:
    """The PDF exactly as it was issued; StorageError if its bytes no longer match."""
    summary = issued_summary(session, issue_id)
    column = PackIssue.public_pdf if public else PackIssue.full_pdf
    data = session.scalar(select(column).where(PackIssue.id == issue_id))
    expected = summary.public_sha256 if public else summary.full_sha256
    if data is None or expected is None:
        raise NotFound("Public pack of issued pack", issue_id)
    if hashlib.sha256(data).hexdigest() != expected:
        raise StorageError(
            f"The stored copy of {issued_words(summary)} does not match its fingerprint "
            "(SHA-256); the board file may be damaged. Restore it from a backup."
        )
    return data


def previous_snapshot(session: Session, before: date) -> dict[str, Any] | None:
    """The snapshot of the latest pack issued for a meeting dated before `before`.

    A pack issued again for the same meeting replaces nothing: the latest issue of the
    latest earlier meeting is what the board last saw."""
    row = session.execute(
        select(PackIssue.id, PackIssue.snapshot, PackIssue.issued_at, Meeting.meeting_date)
        .join(Meeting, Meeting.id == PackIssue.meeting_id)
        .where(Meeting.meeting_date < before)
        .order_by(Meeting.meeting_date.desc(), PackIssue.issued_at.desc(), PackIssue.id.desc())
        .limit(1)
    ).one_or_none()
    if row is None:
        return None
    where = f"the pack for {_day(row.meeting_date)} issued on {_day(row.issued_at)}"
    return decode(row.snapshot, where)
