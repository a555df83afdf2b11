"""`check` for meetings, minutes, papers and the action log: is the record still true?

The minute locks are triggers, and a trigger can be dropped by anyone with the
file and a SQLite browser; a paper's bytes can rot; a due date can be changed
behind the services' back. Each problem names the record, so it can be found.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable

from sqlalchemy import select, text
from sqlalchemy.orm import defer

from improvement_desk.db.minute_locks import trigger_names
from improvement_desk.db.models import (
    AgendaItem,
    Decision,
    Declaration,
    DueRevision,
    LogAction,
    Meeting,
    MinutesAmendment,
    Paper,
)
from improvement_desk.domain.action_log import LogStatus
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.meeting_guards import meeting_label
from improvement_desk.services.minute_approval import approval_text
from improvement_desk.services.papers import PDF_HEADER

_SHOWN = 20


def minute_lock_problems(ctx: ServiceContext) -> list[str]:
    """Every trigger that locks approved minutes is in place."""
    return missing_triggers(ctx, trigger_names, "approved minutes")


def missing_triggers(
    ctx: ServiceContext, expected: Callable[[str], list[str]], protected: str
) -> list[str]:
    """One problem per trigger `expected(dialect)` names that the database does not have."""
    dialect = ctx.db.engine.dialect.name
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'trigger'"
        if dialect == "sqlite"
        else "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal"
    )
    with ctx.db.engine.connect() as conn:
        present = {row[0] for row in conn.execute(text(query))}
    return [
        f"trigger {name} is missing, so {protected} are not protected"
        for name in expected(dialect)
        if name not in present
    ]


def meeting_rule_problems(ctx: ServiceContext) -> list[str]:
    with ctx.db.reading() as session:
        meetings = {m.id: m for m in session.scalars(select(Meeting).order_by(Meeting.id))}
        items = {i.id: i for i in session.scalars(select(AgendaItem))}
        decisions: dict[int, set[str]] = {}
        for d in session.scalars(select(Decision)):
            decisions.setdefault(d.agenda_item_id, set()).add(d.text)
        problems = _approval_problems(meetings, items, decisions)
        standing = Counter(
            (i.meeting_id, i.standing) for i in items.values() if i.standing is not None
        )
        problems += [
            f"{meeting_label(meetings[meeting_id])} has the standing item {kind.value} {count} times"
            for (meeting_id, kind), count in sorted(standing.items())
            if count > 1 and meeting_id in meetings
        ]
        # Rows pointing at missing records are the foreign-key check's to report, not a crash.
        problems += [
            f"declaration {n.id} is on an item of another meeting"
            for n in session.scalars(select(Declaration).order_by(Declaration.id))
            if n.agenda_item_id in items and items[n.agenda_item_id].meeting_id != n.meeting_id
        ]
        problems += [
            f"{meeting_label(meetings[a.meeting_id])} has an amendment but its minutes are not "
            "approved"
            for a in session.scalars(select(MinutesAmendment).order_by(MinutesAmendment.id))
            if a.meeting_id in meetings and not meetings[a.meeting_id].status.is_locked
        ]
    return problems[:_SHOWN]


def _approval_problems(
    meetings: dict[int, Meeting], items: dict[int, AgendaItem], decisions: dict[int, set[str]]
) -> list[str]:
    """Approved minutes name the later meeting and item that approved them, and that
    meeting's minutes carry the resolution."""
    problems = []
    for m in meetings.values():
        label = meeting_label(m)
        if not m.status.is_locked:
            if m.approved_at_item_id is not None:
                problems.append(f"{label} names an approval but its minutes are not approved")
            continue
        at = meetings.get(m.approved_at_meeting_id or 0)
        item = items.get(m.approved_at_item_id or 0)
        if at is None or item is None or item.meeting_id != at.id:
            problems.append(f"{label}: approved, but the item that approved it is not recorded")
            continue
        if at.meeting_date <= m.meeting_date:
            problems.append(f"{label} was approved at {meeting_label(at)}, which is not later")
        if approval_text(m.meeting_date) not in decisions.get(item.id, set()):
            problems.append(
                f"{label}: approved at {meeting_label(at)}, but that meeting's minutes do not "
                "record the resolution"
            )
    return problems


def paper_problems(ctx: ServiceContext) -> list[str]:
    """Each paper's bytes still match the fingerprint taken when it was attached."""
    problems: list[str] = []
    with ctx.db.reading() as session:
        ids = list(session.scalars(select(Paper.id).order_by(Paper.id)))
        for paper_id in ids:
            # One paper's bytes at a time: a year of papers can be hundreds of megabytes.
            paper = session.get(Paper, paper_id)
            assert paper is not None
            content = paper.content
            if hashlib.sha256(content).hexdigest() != paper.sha256:
                problems.append(f"paper {paper.id} ({paper.file_name}) does not match its SHA-256")
            elif len(content) != paper.size:
                problems.append(f"paper {paper.id} ({paper.file_name}) is not its recorded size")
            elif not content.startswith(PDF_HEADER):
                problems.append(f"paper {paper.id} ({paper.file_name}) is not a PDF")
            session.expunge(paper)
    return problems[:_SHOWN]


def action_log_problems(ctx: ServiceContext) -> list[str]:
    """Due dates chain from the original through each revision to the current one."""
    problems: list[str] = []
    with ctx.db.reading() as session:
        revisions: dict[int, list[DueRevision]] = {}
        for r in session.scalars(select(DueRevision).order_by(DueRevision.id)):
            revisions.setdefault(r.action_id, []).append(r)
        items = dict(session.execute(select(AgendaItem.id, AgendaItem.meeting_id)).all())
        for a in session.scalars(
            select(LogAction).options(defer(LogAction.description)).order_by(LogAction.id)
        ):
            due = a.original_due
            for r in revisions.get(a.id, []):
                if r.previous_due != due:
                    problems.append(f"action {a.reference}: due-date revisions do not chain")
                    break
                due = r.new_due
            else:
                if due != a.current_due:
                    problems.append(
                        f"action {a.reference}: current due date {a.current_due:%d %b %Y} is not "
                        f"its last revision's ({due:%d %b %Y})"
                    )
            if a.status is LogStatus.CLOSED and a.closed_on is None:
                problems.append(f"action {a.reference} is closed without a date")
            if a.agenda_item_id is not None and items.get(a.agenda_item_id) != a.meeting_id:
                problems.append(f"action {a.reference} is under an item of another meeting")
    return problems[:_SHOWN]
