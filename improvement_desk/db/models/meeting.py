"""The board's membership and meetings: agenda items, papers, attendance, declarations,
each item's minute and decisions, and amendments to approved minutes.

Once a meeting's status is `minutes_approved` the database itself refuses any
change to the meeting and to everything recorded under it (triggers created by
migration 0004, for SQLite and PostgreSQL alike); amendments are insert-only.
"""

from __future__ import annotations

from datetime import date, datetime, time

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from improvement_desk.db.models.base import Base
from improvement_desk.db.models.board import Person
from improvement_desk.db.types import EnumText, UtcDateTime, enum_check
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import (
    AttendanceStatus,
    MeetingStatus,
    MemberKind,
    Purpose,
    StandingItem,
)


class BoardMember(Base):
    """Someone who sits on the board or attends it as an officer."""

    __tablename__ = "board_member"
    __table_args__ = (CheckConstraint(enum_check("kind", MemberKind), name="kind"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), unique=True
    )
    kind: Mapped[MemberKind] = mapped_column(EnumText(MemberKind))
    # The seat on the board ("Independent Chair", "Lead Member"), beside the person's job.
    board_role: Mapped[str] = mapped_column(String(200), default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)

    person: Mapped[Person] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class MeetingSettings(Base):
    """A single row: the quorum and what a new meeting starts with."""

    __tablename__ = "meeting_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("quorum >= 1", name="quorum"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    quorum: Mapped[int] = mapped_column(Integer)
    default_venue: Mapped[str] = mapped_column(String(200), default="")
    default_start: Mapped[time | None] = mapped_column(Time)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Meeting(Base):
    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint(enum_check("status", MeetingStatus), name="status"),
        CheckConstraint(enum_check("marking", Marking), name="marking"),
        CheckConstraint(
            "(status = 'minutes_approved') = (approved_at_meeting_id IS NOT NULL)",
            name="approval_recorded",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    meeting_date: Mapped[date] = mapped_column(Date, index=True)
    start_time: Mapped[time | None] = mapped_column(Time)
    venue: Mapped[str] = mapped_column(String(200), default="")
    status: Mapped[MeetingStatus] = mapped_column(
        EnumText(MeetingStatus), default=MeetingStatus.PLANNED
    )
    marking: Mapped[Marking] = mapped_column(EnumText(Marking), default=Marking.OFFICIAL)
    # The later meeting, and its item, at which these minutes were agreed a correct record.
    approved_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT")
    )
    approved_at_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="RESTRICT", use_alter=True)
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting",
        cascade="all, delete-orphan",
        order_by="AgendaItem.position",
        foreign_keys="AgendaItem.meeting_id",
    )
    attendance: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class AgendaItem(Base):
    """An item on the agenda, and (once held) its minute: a summary of the discussion."""

    __tablename__ = "agenda_item"
    __table_args__ = (
        CheckConstraint(enum_check("purpose", Purpose), name="purpose"),
        CheckConstraint(enum_check("marking", Marking), name="marking"),
        CheckConstraint(enum_check("standing", StandingItem, nullable=True), name="standing"),
        CheckConstraint(
            "(exempt AND exempt_paragraph BETWEEN 1 AND 7) "
            "OR (NOT exempt AND exempt_paragraph IS NULL AND publish_from IS NULL)",
            name="exemption",
        ),
        CheckConstraint(
            "minutes_allowed IS NULL OR minutes_allowed BETWEEN 1 AND 480", name="minutes_allowed"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    # Order on the agenda (0-based, gaps allowed); the item's number is its rank.
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    presenter: Mapped[str] = mapped_column(String(200), default="")
    purpose: Mapped[Purpose] = mapped_column(EnumText(Purpose), default=Purpose.DISCUSSION)
    minutes_allowed: Mapped[int | None] = mapped_column(Integer)
    standing: Mapped[StandingItem | None] = mapped_column(EnumText(StandingItem))
    marking: Mapped[Marking] = mapped_column(EnumText(Marking), default=Marking.OFFICIAL)
    exempt: Mapped[bool] = mapped_column(Boolean, default=False)
    exempt_paragraph: Mapped[int | None] = mapped_column(Integer)
    publish_from: Mapped[date | None] = mapped_column(Date)
    # The wording the board allows the public pack and minutes to print for an exempt item
    # ("" prints "Exempt item"). Migration 0006 added it to boards that already had items,
    # hence the server default, declared here too so model and migrations agree.
    public_title: Mapped[str] = mapped_column(String(200), default="", server_default="")
    minute: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    meeting: Mapped[Meeting] = relationship(back_populates="items", foreign_keys=[meeting_id])
    papers: Mapped[list[Paper]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Paper.position"
    )
    decisions: Mapped[list[Decision]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by="Decision.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Paper(Base):
    """A PDF paper held in the database itself, so a pack never depends on a path."""

    __tablename__ = "paper"
    __table_args__ = (CheckConstraint(enum_check("marking", Marking), name="marking"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(String(255))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    page_count: Mapped[int] = mapped_column(Integer)
    marking: Mapped[Marking] = mapped_column(EnumText(Marking), default=Marking.OFFICIAL)
    added_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    item: Mapped[AgendaItem] = relationship(back_populates="papers")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Attendance(Base):
    """One person's attendance at one meeting, with the kind of seat they held that day."""

    __tablename__ = "attendance"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id"),
        CheckConstraint(enum_check("status", AttendanceStatus), name="status"),
        CheckConstraint(enum_check("kind", MemberKind), name="kind"),
        CheckConstraint("status = 'apologies' OR substitute = ''", name="substitute"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    kind: Mapped[MemberKind] = mapped_column(EnumText(MemberKind))
    status: Mapped[AttendanceStatus] = mapped_column(EnumText(AttendanceStatus))
    substitute: Mapped[str] = mapped_column(String(200), default="")
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")
    person: Mapped[Person] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Declaration(Base):
    """A declaration of interest by a person on an agenda item."""

    __tablename__ = "declaration"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE")
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    nature: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    person: Mapped[Person] = relationship()

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Decision(Base):
    """A resolution recorded under an item ("RESOLVED: that …")."""

    __tablename__ = "decision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    item: Mapped[AgendaItem] = relationship(back_populates="decisions")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class MinutesAmendment(Base):
    """A dated correction to approved minutes: added, never edited or removed."""

    __tablename__ = "minutes_amendment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT"), index=True
    )
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="RESTRICT")
    )
    amended_on: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    agreed_at_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="RESTRICT")
    )
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
