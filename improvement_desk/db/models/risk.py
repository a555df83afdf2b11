"""The risk register: risks, their reviews (kept as history), their mitigating actions, and
the board's score bands and appetite."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from improvement_desk.db.models.base import Base
from improvement_desk.db.models.board import Person
from improvement_desk.db.types import EnumText, UtcDateTime, enum_check
from improvement_desk.domain.risk import Proximity, ReviewFrequency, RiskStatus


def _scale(column: str, *, nullable: bool = False) -> str:
    clause = f"{column} BETWEEN 1 AND 5"
    return f"{column} IS NULL OR {clause}" if nullable else clause


class Risk(Base):
    __tablename__ = "risk"
    __table_args__ = (
        CheckConstraint(enum_check("status", RiskStatus), name="status"),
        CheckConstraint(enum_check("proximity", Proximity, nullable=True), name="proximity"),
        CheckConstraint(enum_check("review_frequency", ReviewFrequency), name="review_frequency"),
        CheckConstraint(_scale("inherent_likelihood"), name="inherent_likelihood"),
        CheckConstraint(_scale("inherent_impact"), name="inherent_impact"),
        CheckConstraint(_scale("current_likelihood"), name="current_likelihood"),
        CheckConstraint(_scale("current_impact"), name="current_impact"),
        CheckConstraint(_scale("target_likelihood", nullable=True), name="target_likelihood"),
        CheckConstraint(_scale("target_impact", nullable=True), name="target_impact"),
        CheckConstraint(
            "(target_likelihood IS NULL) = (target_impact IS NULL)", name="target_pair"
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    cause: Mapped[str] = mapped_column(Text, default="")
    event: Mapped[str] = mapped_column(Text)
    effect: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(200), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"), index=True)
    date_raised: Mapped[date] = mapped_column(Date)
    inherent_likelihood: Mapped[int] = mapped_column(Integer)
    inherent_impact: Mapped[int] = mapped_column(Integer)
    controls: Mapped[str] = mapped_column(Text, default="")
    # Always equal to the latest review's scores; only a review moves them.
    current_likelihood: Mapped[int] = mapped_column(Integer)
    current_impact: Mapped[int] = mapped_column(Integer)
    target_likelihood: Mapped[int | None] = mapped_column(Integer)
    target_impact: Mapped[int | None] = mapped_column(Integer)
    target_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[RiskStatus] = mapped_column(EnumText(RiskStatus), default=RiskStatus.OPEN)
    proximity: Mapped[Proximity | None] = mapped_column(EnumText(Proximity))
    review_frequency: Mapped[ReviewFrequency] = mapped_column(
        EnumText(ReviewFrequency), default=ReviewFrequency.MONTHLY
    )
    next_review_date: Mapped[date | None] = mapped_column(Date, index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    owner: Mapped[Person] = relationship()
    reviews: Mapped[list[RiskReview]] = relationship(
        back_populates="risk",
        cascade="all, delete-orphan",
        order_by="(RiskReview.review_date, RiskReview.id)",
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class RiskReview(Base):
    """One review of a risk: the scores given that day and why. Kept, never edited."""

    __tablename__ = "risk_review"
    __table_args__ = (
        CheckConstraint(_scale("likelihood"), name="likelihood"),
        CheckConstraint(_scale("impact"), name="impact"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risk.id", ondelete="CASCADE"), index=True)
    review_date: Mapped[date] = mapped_column(Date)
    likelihood: Mapped[int] = mapped_column(Integer)
    impact: Mapped[int] = mapped_column(Integer)
    commentary: Mapped[str] = mapped_column(Text)
    reviewer: Mapped[str] = mapped_column(String(200))
    # The risk's next review date before this review set a new one: undo puts it back.
    previous_next_review: Mapped[date | None] = mapped_column(Date)
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())

    risk: Mapped[Risk] = relationship(back_populates="reviews")


class RiskMitigation(Base):
    """A plan action that mitigates a risk (many to many)."""

    __tablename__ = "risk_mitigation"

    risk_id: Mapped[int] = mapped_column(
        ForeignKey("risk.id", ondelete="CASCADE"), primary_key=True
    )
    action_id: Mapped[int] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class RiskSettings(Base):
    """A single row: the board's score bands, their colours and its risk appetite."""

    __tablename__ = "risk_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("low_max >= 1 AND low_max < medium_max AND medium_max < 25", name="bands"),
        CheckConstraint("appetite BETWEEN 1 AND 25", name="appetite"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    low_max: Mapped[int] = mapped_column(Integer)
    medium_max: Mapped[int] = mapped_column(Integer)
    appetite: Mapped[int] = mapped_column(Integer)
    low_colour: Mapped[str] = mapped_column(String(7))
    medium_colour: Mapped[str] = mapped_column(String(7))
    high_colour: Mapped[str] = mapped_column(String(7))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
