"""Exporting the action log to Excel: the whole log, or one workbook per owner for updates.

The workbook is a working sheet, not a print-out: real dates, a drop-down of
statuses, and overdue actions coloured by a conditional format (open or in
progress and due before the copy's as-at date), so the colour goes as soon as
an owner marks the action Complete or gives it a new date. The as-at date is
written into the rule rather than Excel's TODAY(): the sheet then shows what
the board's log showed when the copy was made, on a demo board as on a real
one, and says so on its Notes sheet.

The hidden key column carries "board:id:version" as the plan's does: a
returned copy is matched to its action, and an action changed on the board
since the copy was made is shown as a conflict instead of being overwritten.
Owner workbooks hold each owner's open actions (Open or In progress): complete
ones await the board, closed ones are history.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import select

from improvement_desk.db.models import DueRevision, LogUpdate
from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.brag import Brag
from improvement_desk.interchange.log_columns import LOG_EXPORT_COLUMNS
from improvement_desk.interchange.log_values import status_labels
from improvement_desk.interchange.values import format_uk_date
from improvement_desk.interchange.xlsx_export import (
    CellColour,
    ExportMeta,
    ExportReport,
    export_table,
)
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.log_reader import ActionLogReader
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.plan_export import (
    DEFAULT_MARKING,
    OwnerWorkbook,
    board_token,
    record_key,
)

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]

SHEET_NAME = "Action log"
OWNER_SHEET_NAME = "Your actions"
TITLE = "Action log"
OVERDUE_FIELDS = ("reference", "due", "status")
_OPEN_LABELS = tuple(s.label for s in LogStatus if s.is_open)


def item_text(summary: LogActionSummary) -> str:
    """'4. Workforce', or '' for an action not tied to an agenda item."""
    if not summary.item_number:
        return ""
    return f"{summary.item_number}. {summary.item_title}".strip()


def log_row(
    summary: LogActionSummary, board: str, latest_update: str, latest_reason: str
) -> dict[str, object]:
    """One log action as the plain values its columns show (keyed by ColumnSpec.field)."""
    return {
        "key": record_key(board, summary.id, summary.version),
        "reference": summary.reference,
        "meeting_date": summary.meeting_date,
        "item": item_text(summary),
        "description": summary.description,
        "owner": summary.owner_name,
        "original_due": summary.original_due,
        "due": summary.current_due,
        "revision_reason": latest_reason,
        "status": summary.status.label,
        "update": latest_update,
        "closed_on": summary.closed_on,
    }


def overdue_colours(as_at: date) -> list[CellColour]:
    """Red where an open action's due date is before `as_at`; gone once Complete or re-dated."""
    statuses = ",".join(f'{{status}}="{label}"' for label in _OPEN_LABELS)
    formula = (
        f"AND(OR({statuses}),ISNUMBER({{due}}),"
        f"{{due}}<DATE({as_at.year},{as_at.month},{as_at.day}))"
    )
    return [
        CellColour(field, Brag.RED.colour, "#FFFFFF", formula=formula) for field in OVERDUE_FIELDS
    ]


def log_notes(as_at: date, *, for_owner: bool) -> list[tuple[str, str]]:
    notes = [
        (
            "Overdue",
            f"An action still Open or In progress whose due date is before "
            f"{format_uk_date(as_at)} (the date of this copy) is shown in red. Marking it "
            "Complete or giving it a new due date clears the colour.",
        ),
        (
            "A new due date",
            "Change the Due date and say why under 'Reason for new date'. The import "
            "records a revision and keeps the original due date; a changed date with no "
            "new reason is recorded as 'Revised in owner return'.",
        ),
        (
            "Status",
            "Open, In progress or Complete. Only the board closes an action, at a "
            "meeting: mark it Complete and the next meeting agrees to close it.",
        ),
        (
            "Updates",
            "Write this period's update over the latest one. It is added to the action's "
            "history, dated the day the copy is imported; the earlier updates stay.",
        ),
    ]
    if not for_owner:
        notes.append(
            (
                "New actions",
                "Add a row with the action, its owner, its due date and the date of the "
                "meeting that agreed it (a meeting already on the board). The owner must be "
                "on the board's list of people. A row without a reference is numbered A1, "
                "A2… by the app.",
            )
        )
    return notes


class ActionLogExportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def rows(self, actions: Sequence[LogActionSummary]) -> list[dict[str, object]]:
        board = board_token(self._ctx)
        updates, reasons = self._latest_texts()
        return [log_row(a, board, updates.get(a.id, ""), reasons.get(a.id, "")) for a in actions]

    def export(
        self,
        path: Path,
        *,
        board_name: str,
        marking: str = DEFAULT_MARKING,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportReport:
        actions = ActionLogReader(self._ctx).actions()
        today = self._ctx.today()
        return export_table(
            path,
            self._meta(board_name, TITLE, marking),
            LOG_EXPORT_COLUMNS,
            self.rows(actions),
            sheet_name=SHEET_NAME,
            progress=progress,
            cancelled=cancelled,
            choices={"status": [s.label for s in LogStatus]},
            colours=overdue_colours(today),
            notes=log_notes(today, for_owner=False),
        )

    def export_per_owner(
        self,
        folder: Path,
        *,
        board_name: str,
        marking: str = DEFAULT_MARKING,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> list[OwnerWorkbook]:
        """One protected workbook per owner with their open actions, to fill in and return.

        `progress` is told how many workbooks have been written so far."""
        by_owner: dict[str, list[LogActionSummary]] = {}
        for action in ActionLogReader(self._ctx).actions():
            if action.status.is_open:
                by_owner.setdefault(action.owner_name, []).append(action)
        folder.mkdir(parents=True, exist_ok=True)
        today = self._ctx.today()
        made: list[OwnerWorkbook] = []
        for owner, actions in sorted(by_owner.items(), key=lambda item: item[0].casefold()):
            path = folder / log_owner_file_name(board_name, owner, today)
            export_table(
                path,
                self._meta(board_name, f"Action log for update: {owner}", marking),
                LOG_EXPORT_COLUMNS,
                self.rows(actions),
                sheet_name=OWNER_SHEET_NAME,
                protect=True,
                cancelled=cancelled,
                choices={"status": status_labels()},
                colours=overdue_colours(today),
                notes=log_notes(today, for_owner=True),
            )
            made.append(OwnerWorkbook(owner, path, len(actions)))
            if progress is not None:
                progress(len(made))
        return made

    export_for_owners = export_per_owner
    """The plan's name for the same thing, so the File menu and the CLI can drive either."""

    def _meta(self, board_name: str, title: str, marking: str) -> ExportMeta:
        return ExportMeta(
            board_name=board_name,
            title=title,
            marking=marking,
            generated_at=self._ctx.now(),
            author=self._ctx.actor.name,
            matched_to="the action log",
            as_at=self._ctx.today(),
        )

    def _latest_texts(self) -> tuple[Mapping[int, str], Mapping[int, str]]:
        """Each action's latest update text and latest revision reason, in two queries."""
        updates: dict[int, str] = {}
        reasons: dict[int, str] = {}
        with self._ctx.db.reading() as session:
            for action_id, text in session.execute(
                select(LogUpdate.action_id, LogUpdate.text).order_by(
                    LogUpdate.action_id, LogUpdate.update_date, LogUpdate.id
                )
            ):
                updates[action_id] = text
            for action_id, reason in session.execute(
                select(DueRevision.action_id, DueRevision.reason).order_by(
                    DueRevision.action_id, DueRevision.id
                )
            ):
                reasons[action_id] = reason
        return updates, reasons


_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def log_owner_file_name(board_name: str, owner: str, on: date) -> str:
    """A file name safe on Windows, macOS and Linux."""
    stem = _UNSAFE.sub(" ", f"{board_name} - {owner} - action log for update {on:%Y-%m-%d}")
    return " ".join(stem.split())[:150].rstrip(". ") + ".xlsx"
