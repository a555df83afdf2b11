"""Writes the audit trail inside the caller's transaction.

Each changed field becomes one row (who, when in UTC, entity, id, field,
old, new), so "when did this turn red, and who said so?" is one query.
Values are stored as text in a stable form: ISO dates, enum values.

Rows are written last, just before COMMIT, and sealed into the hash chain
(db/audit_chain.py): each gets its id and `row_hash` from the row before it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import event, insert
from sqlalchemy.orm import Session

from improvement_desk.db.audit_chain import seal
from improvement_desk.db.models import AuditEntry
from improvement_desk.services.context import ServiceContext

# Ids and field names only: values are governance text and stay out of log files.
log = logging.getLogger(__name__)


_PENDING = "improvement_desk.pending_audit_rows"


def pending(session: Session) -> list[dict[str, Any]]:
    """Audit rows of this transaction not yet written (they are written just before commit)."""
    rows: list[dict[str, Any]] = session.info.setdefault(_PENDING, [])
    return rows


@event.listens_for(Session, "before_commit")
def _write_pending(session: Session) -> None:
    """One executemany for the whole transaction, inside it: a bulk import adds tens of
    thousands of rows, which as ORM objects would cost more than the import itself.

    The session's own changes are flushed first, so that sealing the rows (which on
    PostgreSQL waits for the chain lock) is the transaction's last step: a writer that
    holds the chain lock never waits for a row another writer holds, so two saves
    cannot deadlock on it."""
    if not session.info.get(_PENDING):
        return
    session.flush()
    rows = session.info.pop(_PENDING)
    seal(session.connection(), rows)
    session.execute(insert(AuditEntry), rows)


@event.listens_for(Session, "after_rollback")
def _discard_pending(session: Session) -> None:
    session.info.pop(_PENDING, None)


def audit_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class AuditTrail:
    def __init__(self, ctx: ServiceContext, session: Session) -> None:
        self._ctx = ctx
        self._session = session
        self._at = ctx.now()

    def _add(
        self,
        operation: str,
        entity: str,
        entity_id: int,
        label: str,
        field: str = "",
        old: Any = None,
        new: Any = None,
    ) -> None:
        pending(self._session).append(
            {
                "at": self._at,
                "actor": self._ctx.actor.name,
                "os_login": self._ctx.actor.os_login,
                "entity": entity,
                "entity_id": entity_id,
                "entity_label": label[:200],
                "operation": operation,
                "field": field,
                "old_value": audit_text(old),
                "new_value": audit_text(new),
            }
        )

    def created(self, entity: str, entity_id: int, label: str, values: Mapping[str, Any]) -> None:
        log.info("create %s %d", entity, entity_id)
        for name, value in values.items():
            self._add("create", entity, entity_id, label, name, None, value)

    def restored(self, entity: str, entity_id: int, label: str, values: Mapping[str, Any]) -> None:
        log.info("restore %s %d", entity, entity_id)
        for name, value in values.items():
            self._add("restore", entity, entity_id, label, name, None, value)

    def deleted(self, entity: str, entity_id: int, label: str, values: Mapping[str, Any]) -> None:
        log.info("delete %s %d", entity, entity_id)
        for name, value in values.items():
            self._add("delete", entity, entity_id, label, name, value, None)

    def apply_value(
        self, entity: str, entity_id: int, label: str, field: str, old: Any, new: Any
    ) -> None:
        """Audits a change the caller made itself (a value shown differently from its column)."""
        log.info("update %s %d: %s", entity, entity_id, field)
        self._add("update", entity, entity_id, label, field, old, new)

    def apply(self, record: Any, entity: str, label: str, changes: Mapping[str, Any]) -> list[str]:
        """Set each changed attribute and audit it; returns the names that changed."""
        changed = []
        for name, new in changes.items():
            old = getattr(record, name)
            if old == new:
                continue
            setattr(record, name, new)
            self._add("update", entity, record.id, label, name, old, new)
            changed.append(name)
        if changed:
            log.info("update %s %d: %s", entity, record.id, ", ".join(changed))
        return changed
