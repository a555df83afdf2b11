"""A small board built row by row for board pack tests: four meetings, one owner.

January, February (and an extraordinary board the same day), March and April
2014; helpers add log actions, papers and markings directly, so a test states
exactly the records it needs.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path

from log_fixtures import MadeMeeting, add_meeting, add_owner
from meeting_fixtures import make_pdf
from sqlalchemy import update

from improvement_desk.db.models import AgendaItem, LogAction, Meeting, Paper
from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.marking import Marking
from improvement_desk.services.desk import Desk
from improvement_desk.services.pack_records import PackContent

SENSITIVE = Marking.OFFICIAL_SENSITIVE
JAN, FEB, MAR, APR = date(2014, 1, 15), date(2014, 2, 12), date(2014, 3, 12), date(2014, 4, 9)


class Board:
    """January, February (and a second board the same day), March, April; one owner."""

    def __init__(self, desk: Desk, tmp_path: Path) -> None:
        self.desk, self.tmp_path = desk, tmp_path
        self.owner = add_owner(desk)
        self.jan = add_meeting(desk, JAN)
        self.feb = add_meeting(desk, FEB)
        self.feb_extra = add_meeting(desk, FEB, title="Extraordinary Board")
        self.mar = add_meeting(desk, MAR)
        self.apr = add_meeting(desk, APR)
        self.count = 0

    def action(
        self,
        at: MadeMeeting,
        due: date,
        *,
        item: int | None = None,
        status: LogStatus = LogStatus.OPEN,
        closed_at: MadeMeeting | None = None,
        closed_on: date | None = None,
    ) -> str:
        self.count += 1
        reference = f"A{self.count}"
        with self.desk.ctx.db.transaction() as session:
            session.add(
                LogAction(
                    reference=reference,
                    meeting_id=at.id,
                    agenda_item_id=at.item(item) if item else None,
                    description=f"Action {reference}",
                    owner_id=self.owner,
                    original_due=due,
                    current_due=due,
                    status=status,
                    closed_at_meeting_id=closed_at.id if closed_at else None,
                    closed_on=closed_on,
                    created_at=datetime(2014, 1, 1, tzinfo=UTC),
                )
            )
        return reference

    def paper(self, at: MadeMeeting, item: int, title: str, marking: Marking) -> int:
        data = make_pdf(self.tmp_path / f"{title}.pdf", pages=2, text=title).read_bytes()
        with self.desk.ctx.db.transaction() as session:
            paper = Paper(
                agenda_item_id=at.item(item),
                position=len(session.get_one(AgendaItem, at.item(item)).papers),
                title=title,
                file_name=f"{title}.pdf",
                content=data,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                page_count=2,
                marking=marking,
                added_at=datetime(2014, 1, 1, tzinfo=UTC),
            )
            session.add(paper)
            session.flush()
            return paper.id

    def mark_item(self, at: MadeMeeting, item: int, **values: object) -> None:
        with self.desk.ctx.db.transaction() as session:
            session.execute(update(AgendaItem).where(AgendaItem.id == at.item(item)).values(values))

    def mark_meeting(self, at: MadeMeeting) -> None:
        with self.desk.ctx.db.transaction() as session:
            session.execute(update(Meeting).where(Meeting.id == at.id).values(marking=SENSITIVE))

    def gather(self, at: MadeMeeting, *, public: bool = False) -> PackContent:
        return self.desk.pack_content.gather(at.id, public=public)
