"""Saying who changed a record since the user opened it, when, and what they changed.

A version check (services/guards.py) knows only that the version moved. The
audit trail knows the rest: its rows for the record, grouped by the moment
each change was saved, newest first, one group per version the user missed.
The message and the `Conflict` carry it so the GUI can offer "reload" or
"save mine over theirs" with the other person's values in front of the user
(RELIABILITY DB-8).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.errors import Conflict, FieldChange

# Where a service audits a table under another name.
_AUDIT_ENTITY = {"plan_action": "action"}
_SHOWN = 6


def stale_conflict(record: Any, expected: int, kind: str, label: str) -> Conflict:
    """The Conflict for `record`, read at `expected`, now at `record.version`."""
    missed = max(1, record.version - expected)
    by: str = ""
    at: datetime | None = None
    changes: tuple[FieldChange, ...] = ()
    session = inspect(record).session
    if session is not None:
        by, at, changes = _their_changes(session, record, missed)
    who = f" by {by}" if by else ""
    when = f" at {_local(at)}" if at is not None else ""
    message = f"{kind} {label} was changed{who}{when} since you opened it; nothing was saved."
    if changes:
        listed = "; ".join(_words(c) for c in changes[:_SHOWN])
        more = f" and {len(changes) - _SHOWN} more" if len(changes) > _SHOWN else ""
        message += f" Their change: {listed}{more}."
    else:
        message += (
            f" (It is now version {record.version}; you had version {expected}.)"
            " Reload and try again."
        )
    return Conflict(
        message,
        kind=kind,
        key=record.id,
        changed_by=by,
        changed_at=at,
        changes=changes,
        stale=True,
    )


def _their_changes(
    session: Session, record: Any, missed: int
) -> tuple[str, datetime | None, tuple[FieldChange, ...]]:
    table = record.__table__.name
    rows = session.execute(
        select(AuditEntry.at, AuditEntry.actor, AuditEntry.field, AuditEntry.old_value,
               AuditEntry.new_value)
        .where(AuditEntry.entity == _AUDIT_ENTITY.get(table, table),
               AuditEntry.entity_id == record.id,
               AuditEntry.operation == "update")
        .order_by(AuditEntry.id.desc())
        .limit(200)
    ).all()  # fmt: skip
    moments: list[datetime] = []
    changes: list[FieldChange] = []
    by, latest = "", None
    for at, actor, field, old, new in rows:
        if at not in moments:
            if len(moments) == missed:
                break
            moments.append(at)
        if latest is None:
            by, latest = actor, at
        changes.append(FieldChange(field, old, new))
    changes.reverse()  # oldest first, as they happened
    return by, latest, tuple(changes)


def _words(change: FieldChange) -> str:
    def shown(value: str | None) -> str:
        if value is None or value == "":
            return "(empty)"
        flat = " ".join(value.split())
        return f"“{flat[:60]}…”" if len(flat) > 60 else f"“{flat}”"

    return f"{change.field.replace('_', ' ')} {shown(change.before)} → {shown(change.after)}"


def _local(at: datetime) -> str:
    here = at.astimezone()
    return f"{here:%H:%M} on {here.day} {here:%b %Y}"
