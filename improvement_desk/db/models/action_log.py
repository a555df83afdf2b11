"""The action log: actions arising from meetings, their due-date revisions and updates.

The original due date is written once; migration 0004 adds a trigger that
refuses to change it, so "how late against what was first promised" stays true.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from improvement_desk.db.models.base import Base
from improvement_desk.db.models.board import Person
from improvement_desk.db.models.meeting import AgendaItem, Meeting
from improvement_desk.db.types import EnumText, UtcDateTime, enum_check
from improvement_desk.domain.action_log import LogStatus


class LogAction(Base):
    __tablename__ = "log_action"
    __table_args__ = (
        CheckConstraint(enum_check("status", LogStatus), name="status"),
        CheckConstraint(
            "(status = 'closed') = (closed_at_meeting_id IS NOT NULL)", name="closed_by_board"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="RESTRICT"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    original_due: Mapped[date] = mapped_column(Date)
    current_due: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[LogStatus] = mapped_column(EnumText(LogStatus), default=LogStatus.OPEN)
    closed_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT")
    )
    closed_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(foreign_keys=[meeting_id])
    item: Mapped[AgendaItem | None] = relationship(foreign_keys=[agenda_item_id])
    owner: Mapped[Person] = relationship()
    revisions: Mapped[list[DueRevision]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="DueRevision.id"
    )
    updates: Mapped[list[LogUpdate]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        order_by="(LogUpdate.update_date, LogUpdate.id)",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class DueRevision(Base):
    """A new due date for a log action: the reason, and the meeting that agreed it."""

    __tablename__ = "log_due_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("log_action.id", ondelete="CASCADE"), index=True
    )
    previous_due: Mapped[date] = mapped_column(Date)
    new_due: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(String(200))
    agreed_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT")
    )
    recorded_on: Mapped[date] = mapped_column(Date)
    recorded_by: Mapped[str] = mapped_column(String(200))

    action: Mapped[LogAction] = relationship(back_populates="revisions")


class LogUpdate(Base):
    """A dated note of progress on a log action."""

    __tablename__ = "log_update"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("log_action.id", ondelete="CASCADE"), index=True
    )
    update_date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())

    action: Mapped[LogAction] = relationship(back_populates="updates")
