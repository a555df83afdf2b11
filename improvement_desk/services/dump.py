"""Every record of a board as plain JSON-ready data: for `improvement-desk dump`, diffing and support.

Later modules add their own sections; keys are stable and sorted so that two
dumps of equal boards are byte-identical.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from improvement_desk.db.models import (
    Action,
    AuditEntry,
    BoardInfo,
    Person,
    Recommendation,
    Risk,
    RiskMitigation,
    RiskSettings,
)
from improvement_desk.db.schema import current_revision
from improvement_desk.services.context import ServiceContext


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _row(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(record, name)) for name in fields}


_ACTION_FIELDS = (
    "id", "reference", "description", "start_date", "original_target_date", "target_date",
    "success_measures", "status", "confidence", "evidence_of_impact", "closure_decision", "version",
)  # fmt: skip


_RISK_FIELDS = (
    "id", "reference", "title", "cause", "event", "effect", "category", "date_raised",
    "inherent_likelihood", "inherent_impact", "controls", "current_likelihood", "current_impact",
    "target_likelihood", "target_impact", "target_date", "status", "proximity",
    "review_frequency", "next_review_date", "version",
)  # fmt: skip
_SETTINGS_FIELDS = (
    "low_max", "medium_max", "appetite", "low_colour", "medium_colour", "high_colour", "version",
)  # fmt: skip


def _risk_section(session: Any) -> dict[str, Any]:
    settings = session.get(RiskSettings, 1)
    links: dict[int, list[str]] = {}
    for risk_id, reference in session.execute(
        select(RiskMitigation.risk_id, Action.reference)
        .join(Action, Action.id == RiskMitigation.action_id)
        .order_by(RiskMitigation.risk_id, Action.id)
    ):
        links.setdefault(risk_id, []).append(reference)
    risks = session.scalars(
        select(Risk).order_by(Risk.id).options(selectinload(Risk.reviews), selectinload(Risk.owner))
    ).all()
    return {
        "risk_settings": _row(settings, _SETTINGS_FIELDS) if settings else None,
        "risks": [
            {
                **_row(r, _RISK_FIELDS),
                "owner": r.owner.name,
                "mitigating_actions": links.get(r.id, []),
                "reviews": [
                    _row(v, ("id", "review_date", "likelihood", "impact", "commentary",
                             "reviewer", "previous_next_review", "recorded_at"))
                    for v in r.reviews
                ],
            }
            for r in risks
        ],
    }  # fmt: skip


def dump_board(ctx: ServiceContext, *, include_audit: bool = True) -> dict[str, Any]:
    # Before the read transaction: on a writable board both would want the file's lock.
    schema = current_revision(ctx.db)
    with ctx.db.reading() as session:
        info = session.get(BoardInfo, 1)
        people = session.scalars(select(Person).order_by(Person.id)).all()
        recommendations = session.scalars(
            select(Recommendation)
            .order_by(Recommendation.id)
            .options(
                selectinload(Recommendation.actions).selectinload(Action.updates),
                selectinload(Recommendation.actions).selectinload(Action.revisions),
                selectinload(Recommendation.actions).selectinload(Action.lead_officer),
            )
        ).all()
        result: dict[str, Any] = {
            "schema": schema,
            "board": _row(info, ("name", "as_at_date", "created_at")) if info else None,
            "people": [_row(p, ("id", "name", "role", "organisation")) for p in people],
            "recommendations": [
                {
                    **_row(r, ("id", "source", "reference", "text", "theme", "version")),
                    "actions": [
                        {
                            **_row(a, _ACTION_FIELDS),
                            "lead_officer": a.lead_officer.name,
                            "progress_updates": [
                                _row(u, ("id", "update_date", "text", "author", "recorded_at"))
                                for u in a.updates
                            ],
                            "target_revisions": [
                                _row(v, ("id", "previous_date", "new_date", "reason", "revised_on",
                                         "revised_by", "recorded_at"))
                                for v in a.revisions
                            ],
                        }
                        for a in sorted(r.actions, key=lambda x: x.id)
                    ],
                }
                for r in recommendations
            ],
        }  # fmt: skip
        result.update(_risk_section(session))
        if include_audit:
            entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            result["audit"] = [
                _row(e, ("id", "at", "actor", "os_login", "entity", "entity_id", "entity_label",
                         "operation", "field", "old_value", "new_value"))
                for e in entries
            ]  # fmt: skip
    return result
