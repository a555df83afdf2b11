"""Reading the audit trail back: "when did this turn red, and who said so?"."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from improvement_desk.db.models import AuditEntry
from improvement_desk.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class AuditRecord:
    at: datetime
    actor: str
    os_login: str
    entity: str
    entity_id: int
    operation: str
    field: str
    old_value: str | None
    new_value: str | None


class AuditReader:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def for_record(self, entity: str, entity_id: int, *, limit: int = 200) -> list[AuditRecord]:
        """The newest changes to one record first."""
        with self._ctx.db.reading() as session:
            rows = session.scalars(
                select(AuditEntry)
                .where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
                .order_by(AuditEntry.id.desc())
                .limit(limit)
            ).all()
            return [
                AuditRecord(
                    r.at,
                    r.actor,
                    r.os_login,
                    r.entity,
                    r.entity_id,
                    r.operation,
                    r.field,
                    r.old_value,
                    r.new_value,
                )
                for r in rows
            ]
