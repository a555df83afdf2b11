"""Reading one sheet row as a log action: which action it is, what it changes, why it is refused.

A returned copy of our own export is matched by its record key, other logs by
reference. Only the columns a sheet has can change anything. What a row may
change is what an owner reports: the status, a new due date (a revision: the
original date never moves), an update (added to the history) and, in a full
export, the action's words and owner. A new row needs a meeting on the board
(`log_row_fields.meeting_of`) and is attached to the agenda item it names when
that meeting has it. How each field is read is `log_row_fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from improvement_desk.domain.action_log import LogActionDraft, LogStatus, validate_log_action
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.table_reader import SheetRow
from improvement_desk.interchange.values import quote
from improvement_desk.services.import_outcomes import FieldChange, RowKind
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.log_row_fields import (
    DUE_FIELDS,
    IMPORT_REASON,
    RETURN_REASON,
    LogCells,
    LogState,
    day_text,
    due_field,
    item_of,
    meeting_of,
    new_update,
    read_values,
    revision_of,
    same_text,
    status_to_set,
)
from improvement_desk.services.plan_export import parse_key

__all__ = [
    "IMPORT_REASON",
    "RETURN_REASON",
    "LogRowOutcome",
    "LogRowReader",
    "LogState",
    "NewLogAction",
]

_NUMBERED = re.compile(r"^A(\d+)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class NewLogAction:
    meeting_id: int
    meeting_label: str
    item_id: int | None
    draft: LogActionDraft
    owner_name: str


@dataclass(frozen=True, slots=True)
class LogRowOutcome:
    sheet: str
    row: int
    kind: RowKind
    reference: str
    action_id: int | None = None
    base_version: int | None = None
    changes: tuple[FieldChange, ...] = ()
    reasons: tuple[CellProblem, ...] = ()
    warnings: tuple[CellProblem, ...] = ()
    new: NewLogAction | None = None  # a new action to add
    edit: tuple[str, int] | None = None  # (description, owner id) of a changed action
    status: LogStatus | None = None  # the status to set
    closed_at_meeting_id: int | None = None
    revised_due: date | None = None  # a new due date, with its reason
    revision_reason: str = ""
    update: str | None = None  # a new update, dated the day of the import

    @property
    def applies(self) -> bool:
        return self.kind in (RowKind.NEW, RowKind.CHANGED)


class LogRowReader:
    """Turns rows into outcomes; remembers the references already used in the file."""

    def __init__(self, state: LogState, mapping: dict[str, str], file_name: str) -> None:
        self.state = state
        self.mapping = mapping
        self.file_name = file_name
        self._seen: dict[str, int] = {}
        self._foreign_warned = False
        self._taken = set(state.actions_by_reference)
        self._next_number = 1 + max(
            (int(m[1]) for r in state.actions_by_reference if (m := _NUMBERED.match(r))),
            default=0,
        )

    def read(self, row: SheetRow) -> LogRowOutcome:
        cells = LogCells(row, self.mapping)
        written = cells.text("reference")
        existing, base_version = self._match(cells, written)
        if cells.reasons:
            return _outcome(cells, RowKind.REFUSED, written)
        reference = self._reference(cells, written, existing)
        values = read_values(cells, self.state)
        if existing is None:
            return self._new(cells, reference, values)
        return self._changed(cells, values, existing, base_version)

    # -- which action --------------------------------------------------------------------------

    def _match(self, cells: LogCells, written: str) -> tuple[LogActionSummary | None, int | None]:
        key_text = cells.text("key")
        if key_text:
            key = parse_key(key_text)
            if key is None:
                cells.warn(
                    "key", f"record key {quote(key_text)} is not one this app wrote; ignored"
                )
            elif key[0] != self.state.board_token:
                if not self._foreign_warned:
                    cells.warn(
                        "key",
                        "this copy was made from another board; rows are matched by reference",
                    )
                    self._foreign_warned = True
            else:
                found = self.state.actions_by_id.get(key[1])
                if found is None:
                    cells.refuse(
                        "key", f"the action this row came from ({written}) is no longer in the log"
                    )
                    return None, None
                return found, key[2]
        if written:
            return self.state.actions_by_reference.get(written.casefold()), None
        return None, None

    def _reference(self, cells: LogCells, written: str, existing: LogActionSummary | None) -> str:
        if existing is not None:
            reference = existing.reference
            if written and written.casefold() != reference.casefold():
                cells.warn("reference", f"an action keeps its reference ({reference}); ignored")
        elif written:
            reference = written
            self._taken.add(written.casefold())
        else:
            reference = self._next_free()
            if cells.has("reference"):
                cells.warn("reference", f"no reference given; numbered {reference}")
        first = self._seen.get(reference.casefold())
        if first is not None:
            cells.refuse("reference", f"{reference} appears twice (first in row {first})")
        self._seen.setdefault(reference.casefold(), cells.row.row)
        return reference

    def _next_free(self) -> str:
        while f"a{self._next_number}" in self._taken:
            self._next_number += 1
        reference = f"A{self._next_number}"
        self._taken.add(reference.casefold())
        self._next_number += 1
        return reference

    # -- new actions ---------------------------------------------------------------------------

    def _new(self, cells: LogCells, reference: str, values: dict[str, Any]) -> LogRowOutcome:
        meeting = meeting_of(cells, self.state.meetings, values)
        if not values.get("description"):
            cells.refuse("description", "a new action needs the action itself")
        owner = values.get("owner")
        if owner is None and not cells.refused("owner"):
            cells.refuse("owner", "a new action needs an owner")
        dues = [values.get(n) for n in DUE_FIELDS]
        given = [d for d in dues if d is not None]
        if not given and not any(cells.refused(n) for n in DUE_FIELDS):
            cells.refuse("due", "a new action needs a due date")
        if cells.reasons or meeting is None or owner is None or not given:
            return _outcome(cells, RowKind.REFUSED, reference)
        first, latest = given[0], given[-1]
        item = item_of(cells, self.state.meetings, values, meeting)
        draft = LogActionDraft(description=values["description"], owner_id=owner[0], due=first)
        for problem in validate_log_action(draft, raised_on=meeting.meeting_date):
            field = "description" if problem.field == "Action" else due_field(values, first)
            cells.refuse(field, problem.message)
        status, closing = status_to_set(
            cells, self.state.meetings, values, meeting.meeting_date, LogStatus.OPEN
        )
        update = new_update(self.state, values, None)
        if update and self.state.today < meeting.meeting_date:
            cells.refuse(
                "update", f"{meeting.label} is still to come: no update can be dated today"
            )
        if cells.reasons:
            return _outcome(cells, RowKind.REFUSED, reference)
        revised = latest if latest != first else None
        if revised is not None and revised < meeting.meeting_date:
            cells.refuse(
                due_field(values, latest),
                f"{revised:%d %b %Y} is before the meeting that agreed it",
            )
            return _outcome(cells, RowKind.REFUSED, reference)
        return _outcome(
            cells,
            RowKind.NEW,
            reference,
            new=NewLogAction(meeting.id, meeting.label, item, draft, owner[1]),
            status=status,
            closed_at_meeting_id=closing.id if closing else None,
            revised_due=revised,
            revision_reason=values.get("revision_reason") or IMPORT_REASON,
            update=update,
        )

    # -- actions already in the log ------------------------------------------------------------

    def _changed(
        self,
        cells: LogCells,
        values: dict[str, Any],
        existing: LogActionSummary,
        base_version: int | None,
    ) -> LogRowOutcome:
        changes: list[FieldChange] = []
        named = values.get("meeting_date")
        if named is not None and named != existing.meeting_date:
            cells.warn(
                "meeting_date",
                f"an action stays with the meeting that agreed it "
                f"({existing.meeting_date:%d %b %Y}); the sheet's date is ignored",
            )
        original = values.get("original_due")
        if original is not None and original != existing.original_due:
            cells.warn("original_due", "the original due date never changes; ignored")
        description = values.get("description") or existing.description
        owner = values.get("owner") or (existing.owner_id, existing.owner_name)
        edit = None
        if not same_text(description, existing.description) or owner[0] != existing.owner_id:
            edit = (description, owner[0])
            if not same_text(description, existing.description):
                changes.append(
                    FieldChange("description", "Action", existing.description, description)
                )
            if owner[0] != existing.owner_id:
                changes.append(FieldChange("owner", "Owner", existing.owner_name, owner[1]))
        revised, reason = revision_of(cells, self.state, values, existing)
        if revised is not None:
            changes.append(
                FieldChange(
                    "due",
                    "Due date",
                    day_text(existing.current_due),
                    f"{day_text(revised)} ({reason})",
                )
            )
        status, closing = status_to_set(
            cells, self.state.meetings, values, existing.meeting_date, existing.status
        )
        if status is not None:
            new = status.label + (f" at {closing.label}" if closing else "")
            changes.append(FieldChange("status", "Status", existing.status.label, new))
        update = new_update(self.state, values, existing.id)
        if update:
            changes.append(FieldChange("update", "New update", "", update))
        if cells.reasons:
            return _outcome(cells, RowKind.REFUSED, existing.reference, action_id=existing.id)
        if not changes:
            return _outcome(cells, RowKind.UNCHANGED, existing.reference, action_id=existing.id)
        if base_version is not None and base_version != existing.version:
            cells.refuse(
                "key",
                f"{existing.reference} was changed in the log since this copy was made "
                f"(version {base_version} then, {existing.version} now); nothing of this row "
                "was applied. Export a fresh copy to update it.",
            )
            return _outcome(
                cells,
                RowKind.CONFLICT,
                existing.reference,
                action_id=existing.id,
                changes=tuple(changes),
            )
        return _outcome(
            cells,
            RowKind.CHANGED,
            existing.reference,
            action_id=existing.id,
            base_version=existing.version,
            changes=tuple(changes),
            edit=edit,
            status=status,
            closed_at_meeting_id=closing.id if closing else None,
            revised_due=revised,
            revision_reason=reason,
            update=update,
        )


def _outcome(cells: LogCells, kind: RowKind, reference: str, **fields: Any) -> LogRowOutcome:
    return LogRowOutcome(
        sheet=cells.row.sheet,
        row=cells.row.row,
        kind=kind,
        reference=reference,
        reasons=tuple(cells.reasons),
        warnings=tuple(cells.warnings),
        **fields,
    )
