"""The board's meeting settings: the quorum, and the venue and start time a new meeting gets.

The quorum is checked against the board as it is: it cannot ask for more voting
members than the board has (a board with none yet may set any plausible number).
"""

from __future__ import annotations

from datetime import time

from sqlalchemy.orm import Session

from improvement_desk.db.models import MeetingSettings
from improvement_desk.domain.meeting import DEFAULT_QUORUM, quorum_problem
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text, clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.board_members import voting_members
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import check_version, raise_if
from improvement_desk.services.meeting_records import MeetingSettingsRecord

ENTITY = "meeting_settings"
LABEL = "Meeting settings"


def settings_record(row: MeetingSettings | None) -> MeetingSettingsRecord:
    """The stored settings, or the defaults on a board whose row is missing (version 0)."""
    if row is None:
        return MeetingSettingsRecord(DEFAULT_QUORUM, "", None, 0)
    return MeetingSettingsRecord(row.quorum, row.default_venue, row.default_start, row.version)


def load_meeting_settings(session: Session) -> MeetingSettingsRecord:
    return settings_record(session.get(MeetingSettings, 1))


class MeetingSettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self) -> MeetingSettingsRecord:
        with self._ctx.db.reading() as session:
            return load_meeting_settings(session)

    def update(
        self,
        *,
        quorum: int,
        default_venue: str,
        default_start: time | None,
        expected_version: int | None,
    ) -> MeetingSettingsRecord:
        default_venue = clean_text(default_venue)
        venue_problem = check_text(
            "Default venue", default_venue, max_length=SHORT_TEXT, single_line=True, required=False
        )
        raise_if([venue_problem] if venue_problem else [])
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            problem = quorum_problem(quorum, voting_members(session))
            raise_if([problem] if problem else [])
            values = {
                "quorum": quorum,
                "default_venue": default_venue,
                "default_start": default_start,
            }
            row = session.get(MeetingSettings, 1)
            trail = AuditTrail(self._ctx, session)
            if row is None:
                row = MeetingSettings(id=1, **values)
                session.add(row)
                session.flush()
                trail.created(ENTITY, 1, LABEL, values)
            else:
                check_version(row, expected_version, "Meeting settings", LABEL)
                trail.apply(row, ENTITY, LABEL, values)
                session.flush()
            return settings_record(row)
