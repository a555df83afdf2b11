"""Importing an action plan workbook: preview every row, then apply all of it or nothing.

The file is checked for hostile content before it is parsed, read with the
forgiving table reader, and each row is turned into an outcome (new, changed,
unchanged, refused, conflict). Applying writes the new people and
recommendations, the actions, their re-baselines and progress updates in ONE
transaction with their audit rows; if anything fails, nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, Person, ProgressUpdate, Recommendation
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.plan import RecommendationDraft
from improvement_desk.interchange.columns import PLAN_COLUMNS
from improvement_desk.interchange.guard import assert_defusedxml, check_workbook_file
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.table_reader import SheetChoice, list_sheets, read_table
from improvement_desk.services.action_history import (
    audit_created_update,
    build_update,
    rebaseline_in,
)
from improvement_desk.services.actions import (
    audit_created_action,
    build_action,
    update_action_in,
)
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import fetch
from improvement_desk.services.import_outcomes import (
    ImportPreview,
    ImportResult,
    RowKind,
    RowOutcome,
)
from improvement_desk.services.import_rows import BoardState, RowReader
from improvement_desk.services.people import add_person_in
from improvement_desk.services.plan_export import board_token
from improvement_desk.services.plan_reader import PlanReader
from improvement_desk.services.recommendations import create_recommendation_in

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


class PlanImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def sheets(self, path: Path) -> list[SheetChoice]:
        """The workbook's sheets, the likeliest action plan first (after the safety checks)."""
        assert_defusedxml()
        check_workbook_file(path)
        return list_sheets(path, PLAN_COLUMNS)

    def preview(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: Mapping[str, str] | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ImportPreview:
        """Reads and interprets the file; writes nothing."""
        assert_defusedxml()
        facts = check_workbook_file(path)
        table = read_table(
            path, PLAN_COLUMNS, sheet=sheet, mapping=mapping, progress=progress, cancelled=cancelled
        )
        columns = {m.field: m.column for m in table.matches}
        reader = RowReader(self._board_state(), columns, path.name)
        outcomes = [reader.read(row) for row in table.rows]
        warnings = [CellProblem(table.sheet, 0, "", w) for w in facts.warnings]
        warnings += table.warnings
        warnings += [
            CellProblem(table.sheet, table.header_row, "", f"no column for '{name}' was found")
            for name in table.missing_required
        ]
        return ImportPreview(
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
            new_people=_used_people(reader.new_people, outcomes),
            new_recommendations=_used_recommendations(reader.new_recommendations, outcomes),
            skipped=list(table.skipped),
            warnings=warnings,
        )

    def apply(self, preview: ImportPreview, *, skip_refused: bool = False) -> ImportResult:
        """All of the preview's new and changed rows in one transaction, or nothing."""
        blocked = [o for o in preview.outcomes if o.kind in (RowKind.REFUSED, RowKind.CONFLICT)]
        if blocked and not skip_refused:
            raise ValidationError.single(
                "Import",
                f"{len(blocked)} row(s) were refused (first: {blocked[0].reasons[0] if blocked[0].reasons else blocked[0].row}); "
                "nothing was imported. Correct the file, or choose to leave the refused rows out.",
            )
        self._ctx.require_writable()
        applying = [o for o in preview.outcomes if o.applies]
        counts = {"updates": 0, "rebaselined": 0}
        with self._ctx.db.transaction() as session, session.no_autoflush:
            # No autoflush: every lookup would otherwise write what is pending first,
            # thousands of small flushes for a big workbook.
            for name in preview.new_people:
                add_person_in(self._ctx, session, name)
            held = list(session.scalars(select(Recommendation)))  # kept in the identity map
            rec_ids = {r.reference.casefold(): r.id for r in held}
            for ref, draft in preview.new_recommendations.items():
                created = create_recommendation_in(self._ctx, session, draft)
                held.append(created)
                rec_ids[ref.casefold()] = created.id
            _refuse_references_taken_since(session, applying)
            people = {name: pid for pid, name in session.execute(select(Person.id, Person.name))}
            touched: list[tuple[RowOutcome, Action]] = []
            for outcome in applying:
                try:
                    touched.append(
                        (outcome, self._apply_row(session, outcome, rec_ids, counts, people))
                    )
                except ValidationError as exc:
                    raise ValidationError.single(
                        "Import", f"{outcome.sheet} row {outcome.row}: {exc}; nothing was imported"
                    ) from exc
            # New actions were built, not flushed one by one: insert them together, then
            # audit them with their ids; the same for the progress updates.
            session.flush()
            for outcome, action in touched:
                if outcome.kind is RowKind.NEW and outcome.draft is not None:
                    audit_created_action(self._ctx, session, action, outcome.draft)
            updates = []
            for outcome, action in touched:
                if outcome.new_update:
                    update = build_update(self._ctx, action, self._ctx.today(), outcome.new_update)
                    session.add(update)
                    updates.append((update, action.reference))
            session.flush()
            for update, reference in updates:
                audit_created_update(self._ctx, session, update, reference)
            counts["updates"] = len(updates)
        return ImportResult(
            added=preview.count(RowKind.NEW),
            updated=preview.count(RowKind.CHANGED),
            unchanged=preview.count(RowKind.UNCHANGED),
            refused=len(blocked),
            progress_updates=counts["updates"],
            rebaselined=counts["rebaselined"],
            people_added=len(preview.new_people),
            recommendations_added=len(preview.new_recommendations),
        )

    def _apply_row(
        self,
        session: Session,
        outcome: RowOutcome,
        rec_ids: dict[str, int],
        counts: dict[str, int],
        people: dict[str, int],
    ) -> Action:
        assert outcome.draft is not None
        rec_id = (
            rec_ids.get(outcome.recommendation_key.casefold())
            if outcome.recommendation_key
            else None
        )
        if outcome.kind is RowKind.NEW:
            assert rec_id is not None
            action = build_action(
                self._ctx, session, rec_id, outcome.draft, people=people, references_checked=True
            )
            session.add(action)
            return action
        assert outcome.action_id is not None
        action = fetch(session, Action, outcome.action_id, "Action")
        if action.version != outcome.base_version:
            raise Conflict(
                f"{action.reference} changed on the board after the preview was made; "
                "nothing was imported. Preview the file again."
            )
        update_action_in(self._ctx, session, action, outcome.draft, recommendation_id=rec_id)
        if outcome.rebaseline_to is not None:
            rebaseline_in(
                self._ctx,
                session,
                action,
                outcome.rebaseline_to,
                f"Re-dated in {outcome.sheet} row {outcome.row} of an imported workbook",
            )
            counts["rebaselined"] += 1
        return action

    def _board_state(self) -> BoardState:
        snapshot = PlanReader(self._ctx).snapshot()
        latest: dict[int, str] = {}
        with self._ctx.db.reading() as session:
            for action_id, text in session.execute(
                select(ProgressUpdate.action_id, ProgressUpdate.text).order_by(
                    ProgressUpdate.action_id, ProgressUpdate.update_date, ProgressUpdate.id
                )
            ):
                latest[action_id] = text
        return BoardState(
            actions_by_id={a.id: a for a in snapshot.actions},
            actions_by_reference={a.reference.casefold(): a for a in snapshot.actions},
            people=set(snapshot.people),
            recommendations={r.reference.casefold(): r for r in snapshot.recommendations},
            recommendations_by_text={" ".join(r.text.split()): r for r in snapshot.recommendations},
            latest_update=latest,
            today=snapshot.today,
            board_token=board_token(self._ctx),
        )


def _refuse_references_taken_since(session: Session, applying: list[RowOutcome]) -> None:
    """One query for every new reference (the file itself was checked for repeats)."""
    wanted = [o.reference.casefold() for o in applying if o.kind is RowKind.NEW]
    if not wanted:
        return
    taken = session.scalars(
        select(Action.reference).where(func.lower(Action.reference).in_(wanted)).limit(3)
    ).all()
    if taken:
        raise Conflict(
            f"{', '.join(taken)} was added to the board after the preview was made; "
            "nothing was imported. Preview the file again."
        )


def _used_recommendations(
    drafts: dict[str, RecommendationDraft], outcomes: list[RowOutcome]
) -> dict[str, RecommendationDraft]:
    """Only the new recommendations that an applied row belongs to."""
    used = {o.recommendation_key for o in outcomes if o.applies}
    return {ref: draft for ref, draft in drafts.items() if ref in used}


def _used_people(names: list[str], outcomes: list[RowOutcome]) -> list[str]:
    """Only the new people that an applied row actually leads."""
    leads = {o.draft.lead_officer for o in outcomes if o.applies and o.draft is not None}
    return [n for n in dict.fromkeys(names) if n in leads]
