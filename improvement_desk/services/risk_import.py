"""Importing a risk register workbook: preview every row, then apply all of it or nothing.

The file is checked for hostile content before it is parsed and read with the
same forgiving table reader as the plan, with the register's columns. Each row
becomes an outcome (new, changed, unchanged, refused, conflict); applying
writes the new people, the risks, their reviews and their links to plan
actions in ONE transaction through the register's own units (`create_risk_in`,
`update_risk_in`, `record_review_in`, `set_mitigations_in`), so every rule
and audit row of a single edit applies to an import too.

Owners the board does not know are added as people with a warning, as the
plan import adds lead officers; `add_people=False` refuses those rows instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from improvement_desk.db.models import Person, Risk
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.interchange.guard import assert_defusedxml, check_workbook_file
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.risk_columns import RISK_IMPORT_COLUMNS
from improvement_desk.interchange.table_reader import SheetChoice, list_sheets, read_table
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.guards import fetch
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.people import add_person_in
from improvement_desk.services.plan_export import board_token
from improvement_desk.services.risk_reader import RiskReader
from improvement_desk.services.risk_reviews import record_review_in
from improvement_desk.services.risk_rows import (
    RegisterState,
    RiskRowOutcome,
    RiskRowReader,
    select_rows,
    sheet_facts,
)
from improvement_desk.services.risks import (
    FIRST_ASSESSMENT,
    create_risk_in,
    set_mitigations_in,
    update_risk_in,
)

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]


@dataclass
class RiskImportPreview:
    file_name: str
    path: str
    sheet: str
    header_row: int
    mapping: dict[str, str]  # field → column letter
    unmatched_headers: list[tuple[str, str]]
    headings: list[tuple[str, str]]  # every titled column of the header row: (letter, text)
    outcomes: list[RiskRowOutcome]
    new_people: list[str]
    skipped: list[CellProblem]
    warnings: list[CellProblem] = field(default_factory=list)

    def count(self, kind: RowKind) -> int:
        return sum(o.kind is kind for o in self.outcomes)

    @property
    def reviews(self) -> int:
        return sum(1 for o in self.outcomes if o.kind is RowKind.CHANGED and o.review)

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
            "reviews": self.reviews,
            "refused": [p.as_dict() for p in self.refused],
            "warnings": [p.as_dict() for p in self.all_warnings()],
            "skipped": [p.as_dict() for p in self.skipped],
            "new_people": list(self.new_people),
        }


@dataclass(frozen=True, slots=True)
class RiskImportResult:
    added: int
    updated: int
    unchanged: int
    refused: int
    reviews: int
    links_changed: int
    people_added: int


class RiskImportService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def sheets(self, path: Path) -> list[SheetChoice]:
        """The workbook's sheets, the likeliest risk register first (after the safety checks)."""
        assert_defusedxml()
        check_workbook_file(path)
        return list_sheets(path, RISK_IMPORT_COLUMNS)

    def preview(
        self,
        path: Path,
        *,
        sheet: str | None = None,
        mapping: Mapping[str, str] | None = None,
        add_people: bool = True,
        default_owner: str | None = None,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> RiskImportPreview:
        """Reads and interprets the file; writes nothing.

        `add_people=False` refuses rows whose owner is not on the board's list (instead of
        adding them); `default_owner` owns the new risks of a sheet that names no owner
        (the DLUHC Pathfinders return has no owner column at all).
        """
        assert_defusedxml()
        facts_of_file = check_workbook_file(path)
        table = read_table(
            path,
            RISK_IMPORT_COLUMNS,
            sheet=sheet,
            mapping=mapping,
            progress=progress,
            cancelled=cancelled,
        )
        columns = {m.field: m.column for m in table.matches}
        state = self._register_state()
        rows, left_out = select_rows(table.rows, set(columns))
        facts = sheet_facts(table.sheet, table.header_row, columns, rows, state.today)
        reader = RiskRowReader(
            state,
            columns,
            path.name,
            facts=facts,
            add_people=add_people,
            default_owner=default_owner,
        )
        outcomes = [reader.read(row) for row in rows]
        warnings = [CellProblem(table.sheet, 0, "", w) for w in facts_of_file.warnings]
        warnings += table.warnings
        warnings += [
            CellProblem(table.sheet, table.header_row, "", _missing(name, default_owner))
            for name in table.missing_required
            if name != "reference"  # new risks are numbered when the sheet has no references
        ]
        warnings += facts.warnings
        return RiskImportPreview(
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
            skipped=sorted([*table.skipped, *left_out], key=lambda p: p.row),
            warnings=warnings,
        )

    def apply(self, preview: RiskImportPreview, *, skip_refused: bool = False) -> RiskImportResult:
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
        links = 0
        with self._ctx.db.transaction() as session, session.no_autoflush:
            for name in preview.new_people:
                add_person_in(self._ctx, session, name)
            _refuse_references_taken_since(session, applying)
            people = {name: pid for pid, name in session.execute(select(Person.id, Person.name))}
            for outcome in applying:
                place = f"{preview.file_name}, {outcome.sheet} row {outcome.row}"
                try:
                    links += self._apply_row(session, outcome, people)
                except ValidationError as exc:
                    raise ValidationError.single(
                        "Import", f"{place}: {exc}; nothing was imported"
                    ) from exc
                except Conflict as exc:
                    raise Conflict(f"{place}: {exc}", kind=exc.kind, key=exc.key) from exc
        return RiskImportResult(
            added=preview.count(RowKind.NEW),
            updated=preview.count(RowKind.CHANGED),
            unchanged=preview.count(RowKind.UNCHANGED),
            refused=len(blocked),
            reviews=preview.reviews,
            links_changed=links,
            people_added=len(preview.new_people),
        )

    def _apply_row(self, session: Session, outcome: RiskRowOutcome, people: dict[str, int]) -> int:
        """One row's writes; the number of risks whose plan links changed (0 or 1)."""
        assert outcome.draft is not None
        if outcome.kind is RowKind.NEW:
            risk = create_risk_in(
                self._ctx,
                session,
                outcome.draft,
                people=people,
                first_review_commentary=outcome.first_commentary or FIRST_ASSESSMENT,
            )
        else:
            assert outcome.risk_id is not None
            risk = fetch(session, Risk, outcome.risk_id, "Risk")
            if risk.version != outcome.base_version:
                raise Conflict(
                    f"risk {risk.reference} changed on the register after the preview was made; "
                    "nothing was imported. Preview the file again."
                )
            update_risk_in(self._ctx, session, risk, outcome.draft)
            if outcome.review is not None:
                record_review_in(self._ctx, session, risk, outcome.review)
        if outcome.action_ids is None:
            return 0
        return int(set_mitigations_in(self._ctx, session, risk, outcome.action_ids))

    def _register_state(self) -> RegisterState:
        register = RiskReader(self._ctx).register()
        return RegisterState(
            risks_by_id={r.id: r for r in register.risks},
            risks_by_reference={r.reference.casefold(): r for r in register.risks},
            people=set(register.people),
            actions={a.reference.casefold(): a for a in register.actions},
            today=register.today,
            board_token=board_token(self._ctx),
            reviewer=self._ctx.actor.name,
        )


def _missing(name: str, default_owner: str | None) -> str:
    if name == "owner" and default_owner:
        return f"no owner column: new risks are owned by {default_owner}"
    if name == "owner":
        return "no owner column: choose who owns the new risks, or every new risk is refused"
    return f"no column for '{name}' was found"


def _refuse_references_taken_since(session: Session, applying: list[RiskRowOutcome]) -> None:
    """One query for every new reference (the file itself was checked for repeats)."""
    wanted = [o.reference.casefold() for o in applying if o.kind is RowKind.NEW]
    if not wanted:
        return
    taken = session.scalars(
        select(Risk.reference).where(func.lower(Risk.reference).in_(wanted)).limit(3)
    ).all()
    if taken:
        raise Conflict(
            f"{', '.join(taken)} was added to the register after the preview was made; "
            "nothing was imported. Preview the file again."
        )


def _used_people(names: list[str], outcomes: list[RiskRowOutcome]) -> list[str]:
    """Only the new people who own a risk that will be applied."""
    owners = {o.draft.owner for o in outcomes if o.applies and o.draft is not None}
    return [n for n in dict.fromkeys(names) if n in owners]
