"""Reading one sheet row as an action: which record it is, what it changes, why it is refused.

Only the columns the sheet has can change anything: a workbook without a
Confidence column leaves every action's confidence as it is. Dates and
ratings arrive in the forms officers type them; the parsers say what was
assumed (a warning) or refused (a reason), always naming the cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.domain.plan import validate_action as domain_validate_action
from improvement_desk.interchange.table_reader import SheetRow
from improvement_desk.interchange.values import (
    Parsed,
    brag_from_fill,
    parse_brag,
    parse_confidence,
    parse_uk_date,
)
from improvement_desk.services.import_cells import RowCells
from improvement_desk.services.import_outcomes import FieldChange, RowKind, RowOutcome
from improvement_desk.services.plan_export import parse_key
from improvement_desk.services.plan_records import ActionRecord, RecommendationRecord

UNASSIGNED_THEME = "Unassigned"
_OWNER_SPLIT = re.compile(r"\s*[/;,]\s*")
# What the domain calls each field (FieldProblem.field) → the field of the table.
_DOMAIN_FIELDS = {
    "Reference": "reference",
    "Description": "description",
    "Lead officer": "lead_officer",
    "Start date": "start_date",
    "Target date": "target_date",
    "Success measures": "success_measures",
    "Status": "status",
    "Evidence of impact": "evidence_of_impact",
    "Board decision": "closure_decision",
}
_LABELS = {v: k for k, v in _DOMAIN_FIELDS.items()} | {"confidence": "Confidence"}


@dataclass
class BoardState:
    """What the rows are matched against, read once per preview."""

    actions_by_id: dict[int, ActionRecord]
    actions_by_reference: dict[str, ActionRecord]
    people: set[str]
    recommendations: dict[str, RecommendationRecord]  # by lower-cased reference
    recommendations_by_text: dict[str, RecommendationRecord]  # by text, spaces collapsed
    latest_update: dict[int, str]
    today: date
    board_token: str


class RowReader:
    """Turns rows into outcomes; remembers new people and recommendations across rows."""

    def __init__(self, state: BoardState, mapping: dict[str, str], file_name: str) -> None:
        self.state = state
        self.mapping = mapping
        self.file_name = file_name
        self.new_people: list[str] = []
        self.new_recommendations: dict[str, RecommendationDraft] = {}
        self._seen: dict[str, int] = {}
        self._foreign_warned = False
        self._new_refs: dict[str, str] = {}  # lower-cased → as first written

    # -- one row ---------------------------------------------------------------------------

    def read(self, row: SheetRow) -> RowOutcome:
        ctx = _RowContext(row, self.mapping)
        reference = ctx.text("reference")
        if not reference:
            ctx.refuse("reference", "no action reference")
            return ctx.outcome(RowKind.REFUSED, "")
        if reference.casefold() in self._seen:
            ctx.refuse(
                "reference",
                f"{reference} appears twice (first in row {self._seen[reference.casefold()]})",
            )
            return ctx.outcome(RowKind.REFUSED, reference)
        self._seen[reference.casefold()] = row.row
        existing, base_version = self._match(ctx, reference)
        if ctx.reasons:
            return ctx.outcome(RowKind.REFUSED, reference)
        draft, rebaseline_to = self._draft(ctx, existing, reference)
        rec_key = self._recommendation(ctx, existing)
        new_update = self._progress(ctx, existing)
        if draft is not None:
            self._validate(ctx, draft, existing)
        if ctx.reasons or draft is None:
            return ctx.outcome(RowKind.REFUSED, reference)
        if existing is None:
            return ctx.outcome(
                RowKind.NEW, reference, draft=draft, recommendation_key=rec_key,
                new_update=new_update,
            )  # fmt: skip
        changes = _changes(existing, draft, rebaseline_to, new_update, rec_key)
        if not changes:
            return ctx.outcome(RowKind.UNCHANGED, reference, action_id=existing.id)
        if base_version is not None and base_version != existing.version:
            ctx.refuse(
                "key",
                f"{reference} was changed on the board since this copy was made "
                f"(version {base_version} then, {existing.version} now); nothing of this row "
                "was applied. Export a fresh copy to update it.",
            )
            return ctx.outcome(RowKind.CONFLICT, reference, action_id=existing.id, changes=changes)
        return ctx.outcome(
            RowKind.CHANGED, reference, action_id=existing.id, base_version=existing.version,
            changes=changes, draft=draft, recommendation_key=rec_key,
            rebaseline_to=rebaseline_to, new_update=new_update,
        )  # fmt: skip

    # -- steps -------------------------------------------------------------------------------

    def _match(self, ctx: _RowContext, reference: str) -> tuple[ActionRecord | None, int | None]:
        key_text = ctx.text("key")
        if key_text:
            key = parse_key(key_text)
            if key is None:
                ctx.warn(
                    "key",
                    f"record key '{key_text}' is not one this app wrote; matched by reference",
                )
            elif key[0] != self.state.board_token:
                if not self._foreign_warned:
                    ctx.warn(
                        "key",
                        "this copy was made from another board; rows are matched by reference",
                    )
                    self._foreign_warned = True
            else:
                found = self.state.actions_by_id.get(key[1])
                if found is None:
                    ctx.refuse(
                        "key",
                        f"the action this row came from ({reference}) is no longer on the board",
                    )
                    return None, None
                return found, key[2]
        return self.state.actions_by_reference.get(reference.casefold()), None

    def _draft(
        self, ctx: _RowContext, existing: ActionRecord | None, reference: str
    ) -> tuple[ActionDraft | None, date | None]:
        values = self._values(ctx, reference)
        if existing is None:
            return _new_draft(ctx, values), None
        return _amended_draft(ctx, existing, values)

    def _values(self, ctx: _RowContext, reference: str) -> dict[str, Any]:
        """The fields this sheet has, parsed; problems are noted on the row as they are met."""
        values: dict[str, Any] = {"reference": reference}
        for name in ("description", "success_measures", "evidence_of_impact", "closure_decision"):
            if ctx.has(name):
                values[name] = ctx.text(name)
        if ctx.has("lead_officer"):
            values["lead_officer"] = self._owner(ctx)
        for name in ("start_date", "target_date"):
            if ctx.has(name) and (parsed := ctx.parse(name, parse_uk_date)) is not None:
                values[name] = parsed
        if ctx.has("status"):
            status = self._status(ctx)
            if status is not None:
                values["status"] = status
        if ctx.has("confidence"):
            values["confidence"] = ctx.parse("confidence", parse_confidence)
        return values

    def _status(self, ctx: _RowContext) -> Brag | None:
        """The rating as written; else the cell's colour (its own, or a formatting rule's)."""
        cell = ctx.cell("status")
        found: Brag | None
        if cell is None or cell.error:
            found = ctx.parse("status", parse_brag)
            return found
        written = parse_brag(cell.value) if ctx.text("status") else None
        coloured = brag_from_fill(cell.fill_rgb) if cell.fill_rgb else None
        if written is not None and written.error is None:
            found = ctx.accept("status", written)
        elif coloured is not None and coloured.value is not None:
            if written is not None:
                ctx.warn(
                    "status", f"'{ctx.text('status')}' is not a BRAG rating; its colour was read"
                )
            found = ctx.accept("status", coloured)
        else:
            found = ctx.accept("status", written) if written is not None else None
        return found

    def _owner(self, ctx: _RowContext) -> str:
        names = [n for n in _OWNER_SPLIT.split(ctx.text("lead_officer")) if n]
        if not names:
            return ""
        if len(names) > 1:
            ctx.warn(
                "lead_officer", f"several owners given; '{names[0]}' is taken as the lead officer"
            )
        name = names[0]
        known = {p.casefold(): p for p in self.state.people | set(self.new_people)}
        if name.casefold() in known:
            return known[name.casefold()]
        self.new_people.append(name)
        ctx.warn("lead_officer", f"'{name}' is not on the board's list of people and will be added")
        return name

    def _recommendation(self, ctx: _RowContext, existing: ActionRecord | None) -> str | None:
        ref = ctx.text("recommendation_reference")
        text = ctx.text("recommendation_text")
        theme = ctx.text("theme") or (ctx.row.section or "")
        if not ref and not text:
            if existing is not None:
                return None
            ref, text = "IMP", f"Actions imported from {self.file_name} without a recommendation"
        if not ref:
            by_text = self.state.recommendations_by_text.get(" ".join(text.split()))
            if by_text is not None:
                return by_text.reference
            ref = f"IMP-{len(self.new_recommendations) + 1}"
        known_rec = self.state.recommendations.get(ref.casefold())
        if known_rec is not None:
            return known_rec.reference
        first = self._new_refs.get(ref.casefold())
        if first is None:
            self._new_refs[ref.casefold()] = first = ref
            self.new_recommendations[ref] = RecommendationDraft(
                RecommendationSource.BOARD,
                ref,
                text or f"(recommendation {ref}: text not given in {self.file_name})",
                theme or UNASSIGNED_THEME,
            )
            ctx.warn("recommendation_reference", f"recommendation {ref} is new and will be added")
        return first

    def _progress(self, ctx: _RowContext, existing: ActionRecord | None) -> str | None:
        """A new progress update, if the row brings one; notes such as a target of "tbc"
        are kept in it (as the officer wrote them) rather than dropped or turned into dates."""
        text = ctx.text("progress_update") if ctx.has("progress_update") else ""
        if (
            text
            and existing is not None
            and " ".join(text.split())
            == " ".join(self.state.latest_update.get(existing.id, "").split())
        ):
            text = ""  # the latest update as exported: nothing new
        if ctx.notes and existing is not None:
            noted = "; ".join(ctx.notes) + f" (in {self.file_name})."
            text = f"{text}\n{noted}" if text else noted
        return text or None

    def _validate(
        self, ctx: _RowContext, draft: ActionDraft, existing: ActionRecord | None
    ) -> None:
        known = self.state.people | set(self.new_people)
        for problem in domain_validate_action(
            draft,
            known_people=known,
            previous_status=existing.status if existing else None,
            has_progress_updates=bool(existing and existing.update_count),
        ):
            ctx.refuse(_DOMAIN_FIELDS.get(problem.field, ""), str(problem))


class _RowContext(RowCells):
    """A plan row's cells; a parser's note is kept for the progress update."""

    def __init__(self, row: SheetRow, mapping: dict[str, str]) -> None:
        super().__init__(row, mapping)
        self.notes: list[str] = []  # text where a value was expected ("tbc"): kept, not invented

    def accept(self, name: str, parsed: Parsed[Any]) -> Any:
        if parsed.error:
            self.refuse(name, parsed.error)
            return None
        if parsed.warning:
            self.warn(name, parsed.warning)
        if parsed.note:
            self.notes.append(f"{_LABELS.get(name, name)} given as '{parsed.note}'")
        return parsed.value

    def outcome(self, kind: RowKind, reference: str, **fields: Any) -> RowOutcome:
        return RowOutcome(
            sheet=self.row.sheet,
            row=self.row.row,
            kind=kind,
            reference=reference,
            reasons=tuple(self.reasons),
            warnings=tuple(self.warnings),
            **fields,
        )


def _new_draft(ctx: _RowContext, values: dict[str, Any]) -> ActionDraft | None:
    for name, label in (("description", "Action"), ("lead_officer", "Lead officer")):
        if not values.get(name):
            ctx.refuse(name, f"{label} is required for a new action")
    if "target_date" not in values:
        ctx.refuse("target_date", "a new action needs a target date")
    if ctx.reasons:
        return None
    return ActionDraft(
        reference=values["reference"],
        description=values["description"],
        lead_officer=values["lead_officer"],
        start_date=values.get("start_date"),
        target_date=values["target_date"],
        success_measures=values.get("success_measures", ""),
        status=values.get("status", Brag.NOT_STARTED),
        confidence=values.get("confidence"),
        evidence_of_impact=values.get("evidence_of_impact", ""),
        closure_decision=values.get("closure_decision", ""),
    )


def _amended_draft(
    ctx: _RowContext, existing: ActionRecord, values: dict[str, Any]
) -> tuple[ActionDraft, date | None]:
    """The existing action with what the row changes; a moved target becomes a re-baseline."""
    for name in ("description", "lead_officer"):
        if name in values and not values[name]:
            del values[name]  # a blank cell does not wipe a required field
    draft = replace(existing.draft(), **values)
    if draft.target_date == existing.target_date:
        return draft, None
    if existing.status is Brag.NOT_STARTED and not existing.rebaselined:
        return draft, None  # still being planned: the target may simply be corrected
    ctx.warn("target_date", "the target moves by re-baselining: the original date is kept")
    return replace(draft, target_date=existing.target_date), draft.target_date


def _shown(value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    if isinstance(value, Brag | Confidence):
        return value.label
    return str(value)


def _changes(
    existing: ActionRecord,
    draft: ActionDraft,
    rebaseline_to: date | None,
    new_update: str | None,
    rec_key: str | None,
) -> tuple[FieldChange, ...]:
    before = existing.draft()
    changes = [
        FieldChange(name, _LABELS.get(name, name), _shown(getattr(before, name)), _shown(getattr(draft, name)))
        for name in (
            "description", "lead_officer", "start_date", "target_date", "success_measures",
            "status", "confidence", "evidence_of_impact", "closure_decision",
        )
        if getattr(before, name) != getattr(draft, name)
    ]  # fmt: skip
    if rebaseline_to is not None:
        changes.append(
            FieldChange(
                "target_date",
                "Target date (re-baselined)",
                _shown(existing.target_date),
                _shown(rebaseline_to),
            )
        )
    if rec_key is not None and rec_key.casefold() != existing.recommendation_reference.casefold():
        changes.append(
            FieldChange(
                "recommendation", "Recommendation", existing.recommendation_reference, rec_key
            )
        )
    if new_update:
        changes.append(FieldChange("progress_update", "New progress update", "", new_update))
    return tuple(changes)
