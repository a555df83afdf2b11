"""Every record of a board as plain JSON-ready data: for `improvement-desk dump`, diffing and support.

Later modules add their own sections; keys are stable and sorted so that two
dumps of equal boards are byte-identical.
"""

from __future__ import annotations

from datetime import date, datetime, time
from enum import Enum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import defer, selectinload

from improvement_desk.db.models import (
    Action,
    AgendaItem,
    Attendance,
    AuditEntry,
    BoardInfo,
    BoardMember,
    Decision,
    Declaration,
    DueRevision,
    Indicator,
    IndicatorFigure,
    IndicatorTarget,
    LogAction,
    LogUpdate,
    Meeting,
    MeetingSettings,
    MinutesAmendment,
    Paper,
    Person,
    Recommendation,
    Risk,
    RiskMitigation,
    RiskSettings,
)
from improvement_desk.db.schema import current_revision
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.pack_checks import pack_section


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def _row(record: Any, fields: tuple[str, ...]) -> dict[str, Any]:
    return {name: _plain(getattr(record, name)) for name in fields}


_ACTION_FIELDS = (
    "id", "reference", "description", "start_date", "original_target_date", "target_date",
    "success_measures", "status", "confidence", "evidence_of_impact", "closure_decision",
    "closure_decision_id", "version",
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


_MEETING_FIELDS = (
    "id", "title", "meeting_date", "start_time", "venue", "status", "marking",
    "approved_at_meeting_id", "approved_at_item_id", "created_at", "version",
)  # fmt: skip
_ITEM_FIELDS = (
    "id", "position", "title", "presenter", "purpose", "minutes_allowed", "standing", "marking",
    "exempt", "exempt_paragraph", "publish_from", "public_title", "minute", "version",
)  # fmt: skip
# Papers by their fingerprint, not their bytes: a dump stays small and diffable.
_PAPER_FIELDS = (
    "id", "position", "title", "file_name", "sha256", "size", "page_count", "marking", "added_at",
)  # fmt: skip
_LOG_FIELDS = (
    "id", "reference", "meeting_id", "agenda_item_id", "description", "original_due",
    "current_due", "status", "closed_at_meeting_id", "closed_on", "created_at", "version",
)  # fmt: skip


def _by(rows: Any, key: str) -> dict[Any, list[Any]]:
    grouped: dict[Any, list[Any]] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def _meeting_section(session: Any) -> dict[str, Any]:
    """Members, settings, meetings with all they hold, and the action log, table by table."""
    names = dict(session.execute(select(Person.id, Person.name)).all())
    settings = session.get(MeetingSettings, 1)
    members = session.scalars(select(BoardMember).order_by(BoardMember.position, BoardMember.id))
    items = _by(
        session.scalars(select(AgendaItem).order_by(AgendaItem.position, AgendaItem.id)),
        "meeting_id",
    )
    papers = _by(
        session.scalars(
            select(Paper).options(defer(Paper.content)).order_by(Paper.position, Paper.id)
        ),
        "agenda_item_id",
    )
    decisions = _by(
        session.scalars(select(Decision).order_by(Decision.position, Decision.id)),
        "agenda_item_id",
    )
    attendance = _by(session.scalars(select(Attendance).order_by(Attendance.id)), "meeting_id")
    declarations = _by(session.scalars(select(Declaration).order_by(Declaration.id)), "meeting_id")
    amendments = _by(
        session.scalars(select(MinutesAmendment).order_by(MinutesAmendment.id)), "meeting_id"
    )
    revisions = _by(session.scalars(select(DueRevision).order_by(DueRevision.id)), "action_id")
    updates = _by(
        session.scalars(select(LogUpdate).order_by(LogUpdate.update_date, LogUpdate.id)),
        "action_id",
    )
    meetings = session.scalars(select(Meeting).order_by(Meeting.meeting_date, Meeting.id))
    return {
        "board_members": [
            {**_row(m, ("id", "kind", "board_role", "active", "position", "version")),
             "person": names.get(m.person_id)}
            for m in members
        ],
        "meeting_settings": (
            _row(settings, ("quorum", "default_venue", "default_start", "version"))
            if settings else None
        ),
        "meetings": [
            {
                **_row(m, _MEETING_FIELDS),
                "items": [
                    {
                        **_row(i, _ITEM_FIELDS),
                        "papers": [_row(p, _PAPER_FIELDS) for p in papers.get(i.id, [])],
                        "decisions": [
                            _row(d, ("id", "position", "text")) for d in decisions.get(i.id, [])
                        ],
                    }
                    for i in items.get(m.id, [])
                ],
                "attendance": [
                    {**_row(a, ("id", "person_id", "kind", "status", "substitute")),
                     "person": names.get(a.person_id)}
                    for a in attendance.get(m.id, [])
                ],
                "declarations": [
                    {**_row(d, ("id", "agenda_item_id", "person_id", "nature")),
                     "person": names.get(d.person_id)}
                    for d in declarations.get(m.id, [])
                ],
                "amendments": [
                    _row(a, ("id", "agenda_item_id", "amended_on", "text", "agreed_at_meeting_id",
                             "recorded_by", "recorded_at"))
                    for a in amendments.get(m.id, [])
                ],
            }
            for m in meetings
        ],
        "log_actions": [
            {
                **_row(a, _LOG_FIELDS),
                "owner": names.get(a.owner_id),
                "due_revisions": [
                    _row(v, ("id", "previous_due", "new_due", "reason", "agreed_at_meeting_id",
                             "recorded_on", "recorded_by"))
                    for v in revisions.get(a.id, [])
                ],
                "updates": [
                    _row(u, ("id", "update_date", "text", "author", "recorded_at"))
                    for u in updates.get(a.id, [])
                ],
            }
            for a in session.scalars(select(LogAction).order_by(LogAction.id))
        ],
    }  # fmt: skip


_INDICATOR_FIELDS = (
    "id", "reference", "name", "definition", "unit", "polarity", "frequency", "amber_tolerance",
    "england", "statistical_neighbours", "comparator_note", "position", "active", "created_at",
    "version",
)  # fmt: skip


def _scorecard_section(session: Any) -> dict[str, Any]:
    """Indicators in id order, each with its target steps and figures by period."""
    targets = _by(
        session.scalars(select(IndicatorTarget).order_by(IndicatorTarget.from_period)),
        "indicator_id",
    )
    figures = _by(
        session.scalars(select(IndicatorFigure).order_by(IndicatorFigure.period)), "indicator_id"
    )
    return {
        "indicators": [
            {
                **_row(i, _INDICATOR_FIELDS),
                "targets": [_row(t, ("id", "from_period", "target")) for t in targets.get(i.id, [])],
                "figures": [
                    _row(f, ("id", "period", "value", "commentary", "recorded_by", "recorded_at",
                             "version"))
                    for f in figures.get(i.id, [])
                ],
            }
            for i in session.scalars(select(Indicator).order_by(Indicator.id))
        ]
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
        result.update(_meeting_section(session))
        result.update(_scorecard_section(session))
        result.update(pack_section(session))
        if include_audit:
            entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            result["audit"] = [
                _row(e, ("id", "at", "actor", "os_login", "entity", "entity_id", "entity_label",
                         "operation", "field", "old_value", "new_value", "row_hash"))
                for e in entries
            ]  # fmt: skip
    return result
