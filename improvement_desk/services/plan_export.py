"""Exporting the plan to Excel: the whole plan, or one workbook per lead officer for updates.

The key column carries "board:id:version": a returned copy is matched to its
action, an action changed on the board since the copy was made is caught as
a conflict rather than overwritten, and a copy from another board is known
as such (its rows are matched by reference instead).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import select

from improvement_desk.db.models import BoardInfo, ProgressUpdate
from improvement_desk.domain.brag import Brag
from improvement_desk.interchange.columns import PLAN_COLUMNS
from improvement_desk.interchange.xlsx_export import ExportMeta, ExportReport, export_table
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.plan_reader import PlanReader
from improvement_desk.services.plan_records import ActionRecord

DEFAULT_MARKING = "OFFICIAL"
Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


def record_key(board: str, action_id: int, version: int) -> str:
    return f"{board}:{action_id}:{version}"


_KEY = re.compile(r"^\s*([0-9a-f]{8})\s*:\s*(\d+)\s*:\s*(\d+)\s*$")


def parse_key(text: str) -> tuple[str, int, int] | None:
    """'1a2b3c4d:12:3' → ('1a2b3c4d', 12, 3); anything else → None (matched by reference)."""
    match = _KEY.match(text)
    return (match[1], int(match[2]), int(match[3])) if match else None


def board_token(ctx: ServiceContext) -> str:
    """Eight hex digits naming this board (and its backups and copies), stable over renames."""
    with ctx.db.reading() as session:
        created = session.scalar(select(BoardInfo.created_at))
    seed = created.isoformat() if created else "no-board"
    return hashlib.sha256(seed.encode()).hexdigest()[:8]


@dataclass(frozen=True, slots=True)
class OwnerWorkbook:
    lead_officer: str
    path: Path
    actions: int


class PlanExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def rows(self, actions: list[ActionRecord]) -> list[dict[str, object]]:
        latest = self._latest_updates()
        board = board_token(self._ctx)
        return [
            {
                "key": record_key(board, a.id, a.version),
                "recommendation_reference": a.recommendation_reference,
                "recommendation_text": a.recommendation_text,
                "theme": a.theme,
                "reference": a.reference,
                "description": a.description,
                "lead_officer": a.lead_officer,
                "start_date": a.start_date,
                "target_date": a.target_date,
                "success_measures": a.success_measures,
                "status": a.status,
                "confidence": a.confidence,
                "progress_update": latest.get(a.id, ""),
                "evidence_of_impact": a.evidence_of_impact,
                "closure_decision": a.closure_decision,
            }
            for a in actions
        ]

    def export(
        self,
        path: Path,
        *,
        board_name: str,
        marking: str = DEFAULT_MARKING,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportReport:
        snapshot = PlanReader(self._ctx).snapshot()
        return export_table(
            path,
            self._meta(board_name, "Improvement action plan", marking),
            PLAN_COLUMNS,
            self.rows(list(snapshot.actions)),
            sheet_name="Action plan",
            progress=progress,
            cancelled=cancelled,
        )

    def export_for_owners(
        self,
        folder: Path,
        *,
        board_name: str,
        marking: str = DEFAULT_MARKING,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[OwnerWorkbook]:
        """One protected workbook per lead officer with their open (not Blue) actions."""
        snapshot = PlanReader(self._ctx).snapshot()
        by_owner: dict[str, list[ActionRecord]] = {}
        for action in snapshot.actions:
            if action.status is not Brag.BLUE:
                by_owner.setdefault(action.lead_officer, []).append(action)
        folder.mkdir(parents=True, exist_ok=True)
        made = []
        for owner, actions in sorted(by_owner.items()):
            path = folder / owner_file_name(board_name, owner, self._ctx.today())
            export_table(
                path,
                self._meta(board_name, f"Actions for update: {owner}", marking),
                PLAN_COLUMNS,
                self.rows(actions),
                sheet_name="Your actions",
                protect=True,
                cancelled=cancelled,
            )
            made.append(OwnerWorkbook(owner, path, len(actions)))
            if progress:
                progress(len(made))
        return made

    def _meta(self, board_name: str, title: str, marking: str) -> ExportMeta:
        return ExportMeta(
            board_name=board_name,
            title=title,
            marking=marking,
            generated_at=self._ctx.now(),
            author=self._ctx.actor.name,
            as_at=self._ctx.today(),
        )

    def _latest_updates(self) -> Mapping[int, str]:
        latest: dict[int, str] = {}
        with self._ctx.db.reading() as session:
            rows = session.execute(
                select(ProgressUpdate.action_id, ProgressUpdate.text).order_by(
                    ProgressUpdate.action_id, ProgressUpdate.update_date, ProgressUpdate.id
                )
            )
            for action_id, text in rows:
                latest[action_id] = text
        return latest


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def owner_file_name(board_name: str, owner: str, on: date) -> str:
    """A file name safe on Windows, macOS and Linux."""
    stem = _UNSAFE.sub(" ", f"{board_name} - {owner} - actions for update {on:%Y-%m-%d}")
    return " ".join(stem.split())[:150].rstrip(". ") + ".xlsx"
