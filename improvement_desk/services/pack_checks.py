"""What `dump` shows of the board's packs and what `check` verifies about them.

A dump names issued PDFs by fingerprint and page count (bytes would make it
huge and undiffable) but keeps each snapshot whole, parsed: it is the record
of what the board was shown. `check` proves the lock triggers are present and
every stored PDF still matches the fingerprint taken when it was issued.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from improvement_desk.db.models import PackIssue
from improvement_desk.db.pack_locks import trigger_names
from improvement_desk.domain.errors import StorageError
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.meeting_checks import missing_triggers
from improvement_desk.services.pack_snapshots import decode
from improvement_desk.services.pack_template import load_template, logo_words

_SHOWN = 20


def pack_section(session: Session) -> dict[str, Any]:
    template = load_template(session)
    issued = session.execute(
        select(
            PackIssue.id,
            PackIssue.meeting_id,
            PackIssue.issued_at,
            PackIssue.issued_by,
            PackIssue.full_sha256,
            PackIssue.full_pages,
            PackIssue.public_sha256,
            PackIssue.public_pages,
            PackIssue.snapshot,
        ).order_by(PackIssue.id)
    )
    return {
        "pack_template": {
            "sections": [s.value for s in template.sections],
            "accent": template.accent,
            "logo": logo_words(template.logo),
            "version": template.version,
        },
        "issued_packs": [
            {
                "id": row.id,
                "meeting_id": row.meeting_id,
                "issued_at": row.issued_at.isoformat(),
                "issued_by": row.issued_by,
                "full_sha256": row.full_sha256,
                "full_pages": row.full_pages,
                "public_sha256": row.public_sha256,
                "public_pages": row.public_pages,
                "snapshot": _parsed(row.snapshot),
            }
            for row in issued
        ],
    }


def _parsed(snapshot: str) -> Any:
    try:
        return json.loads(snapshot)
    except ValueError:
        return {"unreadable": snapshot[:200]}


def pack_lock_problems(ctx: ServiceContext) -> list[str]:
    """Every trigger that keeps issued packs unchanged is in place."""
    return missing_triggers(ctx, trigger_names, "issued packs")


def issued_pack_problems(ctx: ServiceContext) -> list[str]:
    """Each issued PDF matches its fingerprint and each snapshot can be read."""
    problems: list[str] = []
    with ctx.db.reading() as session:
        for issue_id in list(session.scalars(select(PackIssue.id).order_by(PackIssue.id))):
            # One issue's bytes at a time: a year of packs can be a few hundred megabytes.
            issue = session.get(PackIssue, issue_id)
            assert issue is not None
            versions = [("full", issue.full_pdf, issue.full_sha256)]
            if issue.public_pdf is not None:
                versions.append(("public", issue.public_pdf, issue.public_sha256 or ""))
            for kind, data, expected in versions:
                if hashlib.sha256(data).hexdigest() != expected:
                    problems.append(
                        f"issued pack {issue.id}: the {kind} PDF does not match its SHA-256"
                    )
            try:
                decode(issue.snapshot, f"issued pack {issue.id}")
            except StorageError as error:
                problems.append(str(error))
            session.expunge(issue)
    return problems[:_SHOWN]
