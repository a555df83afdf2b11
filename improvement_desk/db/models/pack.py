"""The board's pack template and the packs it has issued.

An issued pack keeps both PDFs exactly as they went out (bytes and SHA-256),
and a snapshot of what the plan, register, log and scorecard said that day:
the next pack's "what changed since the last board" is measured against it,
so it must never move. `db/pack_locks.py` refuses any UPDATE or DELETE of an
issued pack in the database itself.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from improvement_desk.db.models.base import Base
from improvement_desk.db.types import UtcDateTime


class PackTemplateRow(Base):
    """A single row: which sections the board's packs hold, in which order, and their look.

    Absent until the board first changes its template; readers use the defaults then."""

    __tablename__ = "pack_template"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sections: Mapped[str] = mapped_column(String(300))  # "cover,contents,agenda,…"
    accent: Mapped[str] = mapped_column(String(7))  # "#1F3A5F"
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class PackIssue(Base):
    """One issued pack: written once, never changed (the database refuses it)."""

    __tablename__ = "pack_issue"
    __table_args__ = (
        CheckConstraint("full_pages > 0", name="full_pages"),
        CheckConstraint(
            "(public_pdf IS NULL) = (public_sha256 IS NULL) "
            "AND (public_pdf IS NULL) = (public_pages IS NULL)",
            name="public_whole",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # RESTRICT: a meeting whose pack went out cannot be deleted (the services say why).
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT"), index=True
    )
    issued_at: Mapped[datetime] = mapped_column(UtcDateTime())
    issued_by: Mapped[str] = mapped_column(String(200))
    full_pdf: Mapped[bytes] = mapped_column(LargeBinary)
    full_sha256: Mapped[str] = mapped_column(String(64))
    full_pages: Mapped[int] = mapped_column(Integer)
    # None when the meeting is OFFICIAL-SENSITIVE as a whole (it has no public pack).
    public_pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    public_sha256: Mapped[str | None] = mapped_column(String(64))
    public_pages: Mapped[int | None] = mapped_column(Integer)
    snapshot: Mapped[str] = mapped_column(Text)  # services/pack_snapshots.py, JSON
