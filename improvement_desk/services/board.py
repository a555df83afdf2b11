"""The board's own record: its name and, for a demo board, its "as at" date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from improvement_desk.db.models import BoardInfo
from improvement_desk.domain.board import DEFAULT_BOARD_NAME
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text, clean_text
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext


@dataclass(frozen=True, slots=True)
class BoardRecord:
    name: str
    as_at_date: date | None


class BoardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def load(self) -> BoardRecord:
        """Reads the board row and fixes the context's "today" to its as-at date."""
        with self._ctx.db.reading() as session:
            info = session.scalar(select(BoardInfo))
        record = (
            BoardRecord(info.name, info.as_at_date)
            if info
            else BoardRecord(DEFAULT_BOARD_NAME, None)
        )
        self._ctx.as_at = record.as_at_date
        return record

    def initialise(self, name: str, as_at_date: date | None = None) -> BoardRecord:
        """Creates the board row of a new database (once)."""
        name = clean_text(name)
        problem = check_text("Board name", name, max_length=SHORT_TEXT, single_line=True)
        if problem:
            raise ValidationError(problem)
        self._ctx.require_writable()
        with self._ctx.db.transaction() as session:
            if session.get(BoardInfo, 1) is None:
                session.add(
                    BoardInfo(id=1, name=name, as_at_date=as_at_date, created_at=self._ctx.now())
                )
                session.flush()
                AuditTrail(self._ctx, session).created(
                    "board", 1, name, {"name": name, "as_at_date": as_at_date}
                )
        return self.load()
