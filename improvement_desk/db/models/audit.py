"""The audit trail: append-only (the database refuses UPDATE and DELETE on it), and each row
sealed into a hash chain (`row_hash`, see db/audit_chain.py) so that an edit made where the
triggers do not reach still shows."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from improvement_desk.db.models.base import Base
from improvement_desk.db.types import UtcDateTime

AUDIT_OPERATIONS = ("create", "update", "delete", "restore")


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (
        CheckConstraint(
            "operation IN (" + ", ".join(f"'{o}'" for o in AUDIT_OPERATIONS) + ")",
            name="operation",
        ),
        Index("ix_audit_entry_entity", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(200))
    os_login: Mapped[str] = mapped_column(String(200))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int] = mapped_column(Integer)
    entity_label: Mapped[str] = mapped_column(String(200), default="")
    operation: Mapped[str] = mapped_column(String(10))
    field: Mapped[str] = mapped_column(String(100), default="")
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    row_hash: Mapped[str] = mapped_column(String(64))
