"""The performance scorecard: indicators, their targets over time, and one figure per period.

RAG and direction of travel are never stored: the reader derives them from
the figures, the target in force and the polarity, so a change of target
re-rates every view at once.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from improvement_desk.db.models.base import Base
from improvement_desk.db.types import EnumText, UtcDateTime, enum_check
from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import Polarity, Unit


class Indicator(Base):
    __tablename__ = "indicator"
    __table_args__ = (
        CheckConstraint(enum_check("unit", Unit), name="unit"),
        CheckConstraint(enum_check("polarity", Polarity), name="polarity"),
        CheckConstraint(enum_check("frequency", Frequency), name="frequency"),
        CheckConstraint("amber_tolerance >= 0", name="tolerance"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    definition: Mapped[str] = mapped_column(Text, default="")
    unit: Mapped[Unit] = mapped_column(EnumText(Unit))
    polarity: Mapped[Polarity] = mapped_column(EnumText(Polarity))
    frequency: Mapped[Frequency] = mapped_column(EnumText(Frequency), default=Frequency.MONTHLY)
    amber_tolerance: Mapped[float] = mapped_column(Float, default=0.0)
    england: Mapped[float | None] = mapped_column(Float)
    statistical_neighbours: Mapped[float | None] = mapped_column(Float)
    comparator_note: Mapped[str] = mapped_column(String(200), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    targets: Mapped[list[IndicatorTarget]] = relationship(
        back_populates="indicator",
        cascade="all, delete-orphan",
        order_by="IndicatorTarget.from_period",
    )
    figures: Mapped[list[IndicatorFigure]] = relationship(
        back_populates="indicator",
        cascade="all, delete-orphan",
        order_by="IndicatorFigure.period",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class IndicatorTarget(Base):
    """A target in force from a period onwards (until the next step)."""

    __tablename__ = "indicator_target"
    __table_args__ = (UniqueConstraint("indicator_id", "from_period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    from_period: Mapped[date] = mapped_column(Date)
    target: Mapped[float] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    indicator: Mapped[Indicator] = relationship(back_populates="targets")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class IndicatorFigure(Base):
    """One value for one period, with the commentary that explains it."""

    __tablename__ = "indicator_figure"
    __table_args__ = (UniqueConstraint("indicator_id", "period"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    indicator_id: Mapped[int] = mapped_column(
        ForeignKey("indicator.id", ondelete="CASCADE"), index=True
    )
    period: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)
    commentary: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    indicator: Mapped[Indicator] = relationship(back_populates="figures")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
