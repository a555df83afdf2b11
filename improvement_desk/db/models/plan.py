"""The improvement action plan: recommendations, their actions, and each action's history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from improvement_desk.db.models.base import Base
from improvement_desk.db.models.board import Person
from improvement_desk.db.types import EnumText, UtcDateTime, enum_check
from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.plan import RecommendationSource


class Recommendation(Base):
    __tablename__ = "recommendation"
    __table_args__ = (CheckConstraint(enum_check("source", RecommendationSource), name="source"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[RecommendationSource] = mapped_column(EnumText(RecommendationSource))
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    text: Mapped[str] = mapped_column(Text)
    theme: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    actions: Mapped[list[Action]] = relationship(back_populates="recommendation")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Action(Base):
    __tablename__ = "plan_action"
    __table_args__ = (
        CheckConstraint(enum_check("status", Brag), name="status"),
        CheckConstraint(enum_check("confidence", Confidence, nullable=True), name="confidence"),
        CheckConstraint("start_date IS NULL OR start_date <= target_date", name="dates"),
        CheckConstraint(
            "status <> 'blue' OR (evidence_of_impact <> '' AND closure_decision <> '')",
            name="blue_needs_evidence",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recommendation_id: Mapped[int] = mapped_column(
        ForeignKey("recommendation.id", ondelete="RESTRICT"), index=True
    )
    reference: Mapped[str] = mapped_column(String(20), unique=True)
    description: Mapped[str] = mapped_column(Text)
    lead_officer_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="RESTRICT"), index=True
    )
    start_date: Mapped[date | None] = mapped_column(Date)
    # The target as first agreed; the current target moves only by re-baselining.
    original_target_date: Mapped[date] = mapped_column(Date)
    target_date: Mapped[date] = mapped_column(Date, index=True)
    success_measures: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[Brag] = mapped_column(EnumText(Brag), default=Brag.NOT_STARTED)
    confidence: Mapped[Confidence | None] = mapped_column(EnumText(Confidence))
    evidence_of_impact: Mapped[str] = mapped_column(Text, default="")
    closure_decision: Mapped[str] = mapped_column(String(200), default="")
    # The board's decision that agreed closure, when it was minuted in this desk.
    closure_decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decision.id", ondelete="RESTRICT")
    )
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version: Mapped[int] = mapped_column(Integer, default=1)

    recommendation: Mapped[Recommendation] = relationship(back_populates="actions")
    lead_officer: Mapped[Person] = relationship()
    updates: Mapped[list[ProgressUpdate]] = relationship(
        back_populates="action",
        cascade="all, delete-orphan",
        order_by="(ProgressUpdate.update_date, ProgressUpdate.id)",
    )
    revisions: Mapped[list[TargetRevision]] = relationship(
        back_populates="action", cascade="all, delete-orphan", order_by="TargetRevision.id"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ProgressUpdate(Base):
    """A dated note of progress; kept, never overwritten, so the history reads as it happened."""

    __tablename__ = "progress_update"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), index=True
    )
    update_date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())

    action: Mapped[Action] = relationship(back_populates="updates")


class TargetRevision(Base):
    """One re-baselining of an action's target: the old and new date, why, and when."""

    __tablename__ = "target_revision"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("plan_action.id", ondelete="CASCADE"), index=True
    )
    previous_date: Mapped[date] = mapped_column(Date)
    new_date: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text)
    revised_on: Mapped[date] = mapped_column(Date)
    revised_by: Mapped[str] = mapped_column(String(200))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())

    action: Mapped[Action] = relationship(back_populates="revisions")
