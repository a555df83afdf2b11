"""Importing an action log workbook: preview every row, then apply all of it or nothing.

The file is checked for hostile content before it is parsed and read with the
same forgiving table reader as the plan and the register, with the log's
columns. Each row becomes an outcome (new, changed, unchanged, refused,
conflict: changed in the log since the copy was made); nothing is written by
a preview. Applying writes every new action, edit, status, due-date revision
and update in ONE transaction through the action log's own units
(`log_units`), so every rule and audit row of a single edit applies to an
import too, and a refusal half-way leaves nothing behind.

New rows need a meeting. A row whose meeting date ("Meeting", "Date raised")
is the date of one meeting on the board is attached to it. Otherwise the row
is refused, naming the cell, unless `default_meeting_id` is given: then rows
naming no meeting, or a date on which the board did not meet, are attached to
that meeting (the latter with a warning). Owners must already be on the
board's list of people: an unknown name is refused, not added, because a log
action's owner is someone the board can hold to account.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import AgendaItem, DueRevision, LogAction, LogUpdate, Meeting
from improvement_desk.domain.action_log import DueRevisionDraft, LogUpdateDraft
from improvement_desk.domain.errors import Conflict, NotFound, ValidationError
from improvement_desk.interchange.guard import assert_defusedxml, check_workbook_file
from improvement_desk.interchange.log_columns import LOG_IMPORT_COLUMNS
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.table_reader import SheetChoice, list_sheets, read_table
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import fetch
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.log_reader import ActionLogReader
from improvement_desk.services.log_rows import LogRowOutcome, LogRowReader, LogState
from improvement_desk.services.log_sheet_rows import (
    BoardMeeting,
    Meetings,
    People,
    Person,
    select_rows,
    sheet_facts,
)
from improvement_desk.services.log_units import (
    add_log_action_in,
    add_update_in,
    revise_due_in,
    set_status_in,
    update_log_action_in,
)
from improvement_desk.services.meeting_guards import meeting_transaction
from improvement_desk.services.people import PeopleService
from improvement_desk.services.plan_export import board_token

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


@dataclass
class LogImportPreview:
    file_name: str
    path: str
    sheet: str
    header_row: int
    mapping: dict[str, str]  # field → column letter
    unmatched_headers: list[tuple[str, str]]
    headings: list[tuple[str, str]]  # every titled column of the header row: (letter, text)
    outcomes: list[LogRowOutcome]
    skipped: list[CellProblem]
    warnings: list[CellProblem] = field(default_factory=list)
    default_meeting_id: int | None = None
    # The log never adds people (see the module's docstring); kept for the wizard's protocol.
    new_people: list[str] = field(default_factory=list)

    def count(self, kind: RowKind) -> int:
        return sum(o.kind is kind for o in self.outcomes)

    @property
    def revisions(self) -> int:
        return sum(1 for o in self.outcomes if o.applies and o.revised_due is not None)

    @property
    def updates(self) -> int:
        return sum(1 for o in self.outcomes if o.applies and o.update)

    @property
    def refused(self) -> list[CellProblem]:
        problems: list[CellProblem] = []
        for o in self.outcomes:
            if o.kind in (RowKind.REFUSED, RowKind.CONFLICT):
                problems.extend(o.reasons or (CellProblem(o.sheet, o.row, "", o.kind.value),))
        return problems

    def all_warnings(self) -> list[CellProblem]:
        found = list(self.warnings)
        for o in self.outcomes:
            found.extend(o.warnings)
        return found

    def summary(self) -> dict[str, object]:
        """The `--json` shape of the CLI."""
        return {
            "file": self.file_name,
            "sheet": self.sheet,
            "header_row": self.header_row,
            "added": self.count(RowKind.NEW),
            "updated": self.count(RowKind.CHANGED),
            "unchanged": self.count(RowKind.UNCHANGED),
            "conflicts": self.count(RowKind.CONFLICT),
            "revisions": self.revisions,
            "updates": self.updates,
            "refused": [p.as_dict() for p in self.refused],
            "warnings": [p.as_dict() for p in self.all_warnings()],
            "skipped": [p.as_dict() for p in self.skipped],
            "new_people": [],
        }


@dataclass(frozen=True, slots=True)
class LogImportResult:
    added: int
    updated: int
    unchanged: int
    refused: int
    revisions: int
    updates: int
    status_changes: int


class ActionLogImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def sheets(self, path: Path) -> list[SheetChoice]:
        """The workbook's sheets, the likeliest action log first (after the safety checks)."""
        assert_defusedxml()
        check_workbook_file(path)
        return list_sheets(path, LOG_IMPORT_COLUMNS)

    def preview(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: Mapping[str, str] | None = None,
        default_meeting_id: int | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> LogImportPreview:
        """Reads and interprets the file; writes nothing.

        `default_meeting_id` takes the new actions of rows that name no meeting held on the
        board (NotFound if there is no such meeting)."""
        assert_defusedxml()
        facts_of_file = check_workbook_file(path)
        table = read_table(
            path,
            LOG_IMPORT_COLUMNS,
            sheet=sheet,
            mapping=mapping,
            progress=progress,
            cancelled=cancelled,
        )
        columns = {m.field: m.column for m in table.matches}
        state = self._log_state(default_meeting_id)
        rows, left_out = select_rows(table.rows)
        facts = sheet_facts(table.sheet, table.header_row, columns, rows, state.meetings.default)
        reader = LogRowReader(state, columns, path.name)
        outcomes = [reader.read(row) for row in rows]
        warnings = [CellProblem(table.sheet, 0, "", w) for w in facts_of_file.warnings]
        warnings += table.warnings
        warnings += [
            CellProblem(table.sheet, table.header_row, "", f"no column for '{name}' was found")
            for name in table.missing_required
            if name != "due"  # said by the sheet's facts, with what it means
        ]
        warnings += facts.warnings
        return LogImportPreview(
            file_name=path.name,
            path=str(path),
            sheet=table.sheet,
            header_row=table.header_row,
            mapping=columns,
            unmatched_headers=list(table.unmatched_headers),
            headings=sorted(
                [(m.column, m.header_text) for m in table.matches] + list(table.unmatched_headers),
                key=lambda heading: (len(heading[0]), heading[0]),
            ),
            outcomes=outcomes,
            skipped=sorted([*table.skipped, *left_out], key=lambda p: p.row),
            warnings=warnings,
            default_meeting_id=default_meeting_id,
        )

    def apply(self, preview: LogImportPreview, *, skip_refused: bool = False) -> LogImportResult:
        """All of the preview's new and changed rows in one transaction, or nothing."""
        blocked = [o for o in preview.outcomes if o.kind in (RowKind.REFUSED, RowKind.CONFLICT)]
        if blocked and not skip_refused:
            first = blocked[0].reasons[0] if blocked[0].reasons else f"row {blocked[0].row}"
            raise ValidationError.single(
                "Import",
                f"{preview.file_name}: {len(blocked)} row(s) were refused (first: {first}); "
                "nothing was imported. Correct the file, or choose to leave the refused rows out.",
            )
        self._ctx.require_writable()
        applying = [o for o in preview.outcomes if o.applies]
        statuses = 0
        with meeting_transaction(self._ctx) as session, session.no_autoflush:
            _refuse_references_taken_since(session, applying)
            for outcome in applying:
                place = f"{preview.file_name}, {outcome.sheet} row {outcome.row}"
                try:
                    statuses += self._apply_row(session, outcome)
                except ValidationError as exc:
                    raise ValidationError.single(
                        "Import", f"{place}: {exc}; nothing was imported"
                    ) from exc
                except Conflict as exc:
                    raise Conflict(f"{place}: {exc}", kind=exc.kind, key=exc.key) from exc
        return LogImportResult(
            added=preview.count(RowKind.NEW),
            updated=preview.count(RowKind.CHANGED),
            unchanged=preview.count(RowKind.UNCHANGED),
            refused=len(blocked),
            revisions=preview.revisions,
            updates=preview.updates,
            status_changes=statuses,
        )

    def _apply_row(self, session: Session, outcome: LogRowOutcome) -> int:
        """One row's writes; 1 when it set a status, else 0."""
        ctx = self._ctx
        if outcome.kind is RowKind.NEW:
            assert outcome.new is not None
            new = outcome.new
            action = add_log_action_in(
                ctx, session, new.meeting_id, new.item_id, new.draft, reference=outcome.reference
            )
        else:
            assert outcome.action_id is not None
            action = fetch(session, LogAction, outcome.action_id, "Log action")
            if action.version != outcome.base_version:
                raise Conflict(
                    f"action {action.reference} changed in the log after the preview was made; "
                    "nothing was imported. Preview the file again."
                )
            if outcome.edit is not None:
                description, owner_id = outcome.edit
                update_log_action_in(
                    ctx, session, action, description=description, owner_id=owner_id
                )
        if outcome.revised_due is not None:
            revise_due_in(
                ctx,
                session,
                action,
                DueRevisionDraft(outcome.revised_due, outcome.revision_reason),
            )
        if outcome.update:
            add_update_in(ctx, session, action, LogUpdateDraft(ctx.today(), outcome.update))
        if outcome.status is None:
            return 0
        set_status_in(ctx, session, action, outcome.status, outcome.closed_at_meeting_id)
        return 1

    def _log_state(self, default_meeting_id: int | None) -> LogState:
        actions = ActionLogReader(self._ctx).actions()
        meetings = self._meetings()
        default = None
        if default_meeting_id is not None:
            default = next((m for m in meetings if m.id == default_meeting_id), None)
            if default is None:
                raise NotFound("Meeting", default_meeting_id)
        by_date: dict[date, list[BoardMeeting]] = {}
        for meeting in meetings:
            by_date.setdefault(meeting.meeting_date, []).append(meeting)
        people = PeopleService(self._ctx).list()
        updates, reasons, items = self._texts_and_items()
        return LogState(
            actions_by_id={a.id: a for a in actions},
            actions_by_reference={a.reference.casefold(): a for a in actions},
            latest_update=updates,
            latest_reason=reasons,
            people=People({People.key(p.name): Person(p.id, p.name) for p in people}),
            meetings=Meetings(
                by_date=by_date,
                items=items,
                default=default,
            ),
            today=self._ctx.today(),
            board_token=board_token(self._ctx),
        )

    def _meetings(self) -> list[BoardMeeting]:
        """Every meeting, oldest first: what a row's meeting date is matched against."""
        with self._ctx.db.reading() as session:
            rows = session.execute(
                select(Meeting.id, Meeting.title, Meeting.meeting_date).order_by(
                    Meeting.meeting_date, Meeting.id
                )
            )
            return [BoardMeeting(mid, title, when) for mid, title, when in rows]

    def _texts_and_items(
        self,
    ) -> tuple[dict[int, str], dict[int, str], dict[int, dict[str, tuple[int, str]]]]:
        """Latest update and revision reason per action; each meeting's items by number."""
        updates: dict[int, str] = {}
        reasons: dict[int, str] = {}
        items: dict[int, dict[str, tuple[int, str]]] = {}
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
            for item_id, meeting_id, title in session.execute(
                select(AgendaItem.id, AgendaItem.meeting_id, AgendaItem.title).order_by(
                    AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id
                )
            ):
                numbered = items.setdefault(meeting_id, {})
                numbered[str(len(numbered) + 1)] = (item_id, title)
        return updates, reasons, items


def _refuse_references_taken_since(session: Session, applying: list[LogRowOutcome]) -> None:
    """One query for every new reference (the file itself was checked for repeats)."""
    wanted = [o.reference.casefold() for o in applying if o.kind is RowKind.NEW]
    if not wanted:
        return
    taken = session.scalars(
        select(LogAction.reference).where(func.lower(LogAction.reference).in_(wanted)).limit(3)
    ).all()
    if taken:
        raise Conflict(
            f"{', '.join(taken)} was added to the log after the preview was made; "
            "nothing was imported. Preview the file again."
        )
