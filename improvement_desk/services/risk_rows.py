"""Reading one sheet row as a risk: which risk it is, what it changes, why it is refused.

A returned copy of our own export is matched by its record key; other
registers by reference, when their references are unique, since a repeated
reference could update the wrong risk. Only the columns a sheet has can change
anything. Which rows are risks at all, and what a whole sheet lacks, is settled
first (`risk_sheet_rows`, re-exported here so an importer needs one module);
how each field is read, filled in and compared is `risk_row_fields`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from improvement_desk.domain.risk import (
    ReviewDraft,
    ReviewFrequency,
    RiskDraft,
    RiskStatus,
    validate_risk,
)
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.risk_values import (
    parse_proximity,
    parse_review_frequency,
    parse_risk_status,
)
from improvement_desk.interchange.table_reader import SheetRow
from improvement_desk.interchange.values import Parsed, parse_uk_date
from improvement_desk.services.import_cells import RowCells
from improvement_desk.services.import_outcomes import FieldChange, RowKind
from improvement_desk.services.plan_export import parse_key
from improvement_desk.services.risk_records import LinkedAction, RiskRecord
from improvement_desk.services.risk_row_fields import (
    DOMAIN_FIELDS,
    TEXT_FIELDS,
    amendments,
    field_changes,
    new_names,
    new_review,
    new_scores,
    read_scale,
)
from improvement_desk.services.risk_sheet_rows import (
    UNCATEGORISED,
    SheetFacts,
    select_rows,
    sheet_facts,
)

__all__ = [
    "UNCATEGORISED",
    "RegisterState",
    "RiskRowOutcome",
    "RiskRowReader",
    "SheetFacts",
    "select_rows",
    "sheet_facts",
]

# "Rachel Gregson/Project Manager": a name and a role. Not commas: "Dept of Racing, Gaming
# and Liquor" is one owner, and so is "Smith, Jane".
_OWNER_SPLIT = re.compile(r"\s*[/;]\s*")
_REF_SPLIT = re.compile(r"[,;\n]+|\s{2,}|\s+and\s+")
_AUTO_REFERENCE = re.compile(r"^R(\d+)$", re.IGNORECASE)


@dataclass
class RegisterState:
    """What the rows are matched against, read once per preview."""

    risks_by_id: dict[int, RiskRecord]
    risks_by_reference: dict[str, RiskRecord]  # lower-cased
    people: set[str]
    actions: dict[str, LinkedAction]  # by lower-cased reference
    today: date
    board_token: str
    reviewer: str


@dataclass(frozen=True, slots=True)
class RiskRowOutcome:
    sheet: str
    row: int
    kind: RowKind
    reference: str
    risk_id: int | None = None
    base_version: int | None = None
    changes: tuple[FieldChange, ...] = ()
    reasons: tuple[CellProblem, ...] = ()
    warnings: tuple[CellProblem, ...] = ()
    draft: RiskDraft | None = None
    # A new review to record after the draft is applied (changed risks only).
    review: ReviewDraft | None = None
    # The first review's commentary of a new risk, when the sheet gives one.
    first_commentary: str | None = None
    # Plan action ids to link; None leaves the links as they are.
    action_ids: frozenset[int] | None = None

    @property
    def applies(self) -> bool:
        return self.kind in (RowKind.NEW, RowKind.CHANGED)


class RiskRowReader:
    """Turns rows into outcomes; remembers new people and references across rows."""

    def __init__(
        self,
        state: RegisterState,
        mapping: dict[str, str],
        file_name: str,
        *,
        facts: SheetFacts | None = None,
        add_people: bool = True,
        default_owner: str | None = None,
    ) -> None:
        self.state = state
        self.default_owner = " ".join((default_owner or "").split()) or None
        self.mapping = mapping
        self.file_name = file_name
        self.facts = facts or SheetFacts()
        self.add_people = add_people
        self.new_people: list[str] = []
        self._seen: dict[str, int] = {}
        self._foreign_warned = False
        self._taken = {r.casefold() for r in state.risks_by_reference}
        self._next_number = 1 + max(
            (int(m[1]) for r in state.risks_by_reference if (m := _AUTO_REFERENCE.match(r))),
            default=0,
        )

    def read(self, row: SheetRow) -> RiskRowOutcome:
        ctx = _Cells(row, self.mapping)
        written = ctx.text("reference")
        existing, base_version = self._match(ctx, written)
        if ctx.reasons:
            return ctx.outcome(RowKind.REFUSED, written)
        reference = self._reference(ctx, written, existing)
        if ctx.reasons:
            return ctx.outcome(RowKind.REFUSED, reference)
        values = self._values(ctx)
        if existing is None:
            return self._new(ctx, reference, values)
        return self._changed(ctx, reference, values, existing, base_version)

    # -- which risk ------------------------------------------------------------------------

    def _match(self, ctx: _Cells, written: str) -> tuple[RiskRecord | None, int | None]:
        key_text = ctx.text("key")
        if key_text:
            key = parse_key(key_text)
            if key is None:
                ctx.warn("key", f"record key '{key_text}' is not one this app wrote; ignored")
            elif key[0] != self.state.board_token:
                if not self._foreign_warned:
                    ctx.warn(
                        "key",
                        "this copy was made from another board; rows are matched by reference",
                    )
                    self._foreign_warned = True
            else:
                found = self.state.risks_by_id.get(key[1])
                if found is None:
                    ctx.refuse(
                        "key",
                        f"the risk this row came from ({written}) is no longer on the register",
                    )
                    return None, None
                return found, key[2]
        if written and not self.facts.renumber:
            return self.state.risks_by_reference.get(written.casefold()), None
        return None, None

    def _reference(self, ctx: _Cells, written: str, existing: RiskRecord | None) -> str:
        if existing is None and (self.facts.renumber or not written):
            reference = self._next_free()
            if written:
                ctx.warn("reference", f"numbered {reference} (the sheet's own number is {written})")
            elif "reference" in self.mapping:
                ctx.warn("reference", f"no reference given; numbered {reference}")
        else:
            reference = written or (existing.reference if existing else "")
        first = self._seen.get(reference.casefold())
        if first is not None:
            ctx.refuse("reference", f"{reference} appears twice (first in row {first})")
        self._seen[reference.casefold()] = ctx.row.row
        if existing is None:
            self._taken.add(reference.casefold())
        elif reference.casefold() != existing.reference.casefold():
            other = self.state.risks_by_reference.get(reference.casefold())
            if other is not None:
                ctx.refuse("reference", f"{reference} is already the reference of another risk")
        return reference

    def _next_free(self) -> str:
        while f"r{self._next_number}" in self._taken:
            self._next_number += 1
        reference = f"R{self._next_number}"
        self._next_number += 1
        return reference

    # -- what the row says -----------------------------------------------------------------

    def _values(self, ctx: _Cells) -> dict[str, Any]:
        """The fields the sheet has, parsed; problems are noted on the row as they are met."""
        values: dict[str, Any] = {}
        for name in TEXT_FIELDS:
            if ctx.has(name):
                values[name] = ctx.text(name)
        if ctx.has("owner"):
            values["owner"] = self._owner(ctx)
        for name in ("date_raised", "target_date", "next_review_date"):
            if ctx.has(name):
                values[name] = ctx.parse(
                    name, lambda raw: parse_uk_date(raw, today=self.state.today)
                )
        for name in (
            "inherent_likelihood",
            "inherent_impact",
            "current_likelihood",
            "current_impact",
            "target_likelihood",
            "target_impact",
        ):
            if ctx.has(name):
                values[name] = read_scale(ctx, name)
        for name, parser in (
            ("status", parse_risk_status),
            ("proximity", parse_proximity),
            ("review_frequency", parse_review_frequency),
        ):
            if ctx.has(name):
                values[name] = ctx.parse(name, parser)
        if ctx.has("review_commentary"):
            values["review_commentary"] = ctx.text("review_commentary")
        if ctx.has("mitigating_actions"):
            values["action_ids"] = self._actions(ctx)
        return values

    def _owner(self, ctx: _Cells) -> str:
        names = [n for n in _OWNER_SPLIT.split(ctx.text("owner")) if n]
        if not names:
            return ""
        name = names[0]
        if len(names) > 1:
            rest = ", ".join(f"'{n}'" for n in names[1:])
            ctx.warn(
                "owner", f"'{name}' is taken as the owner ({rest} read as a role or second owner)"
            )
        return self._person(ctx, name)

    def _person(self, ctx: _Cells, name: str) -> str:
        """The name as the board spells it; a new name is added, or refused without add_people."""
        known = {p.casefold(): p for p in self.state.people | set(self.new_people)}
        if name.casefold() in known:
            return known[name.casefold()]
        if not self.add_people:
            ctx.refuse("owner", f"'{name}' is not on the board's list of people; add them first")
            return name
        self.new_people.append(name)
        ctx.warn("owner", f"'{name}' is not on the board's list of people and will be added")
        return name

    def _actions(self, ctx: _Cells) -> frozenset[int]:
        found: set[int] = set()
        for part in _REF_SPLIT.split(ctx.text("mitigating_actions")):
            ref = part.strip().rstrip(".")
            if not ref:
                continue
            action = self.state.actions.get(ref.casefold())
            if action is None:
                ctx.refuse("mitigating_actions", f"action {ref} is not in the improvement plan")
            else:
                found.add(action.action_id)
        return frozenset(found)

    # -- new risks -------------------------------------------------------------------------

    def _new(self, ctx: _Cells, reference: str, values: dict[str, Any]) -> RiskRowOutcome:
        title, event = new_names(ctx, values)
        if not values.get("owner") and self.default_owner and not ctx.refused("owner"):
            values["owner"] = self._person(ctx, self.default_owner)
            if ctx.has("owner"):
                ctx.warn("owner", f"no owner given; owned by {values['owner']}")
        if not values.get("owner"):
            ctx.refuse("owner", "a new risk needs an owner")
        scores = new_scores(ctx, values)
        if ctx.reasons or scores is None:
            return ctx.outcome(RowKind.REFUSED, reference)
        (inherent_l, inherent_i), (current_l, current_i) = scores
        date_raised = values.get("date_raised") or self.state.today
        if ctx.has("date_raised") and values.get("date_raised") is None:
            ctx.warn("date_raised", f"no date raised; dated today ({date_raised:%d %b %Y})")
        draft = RiskDraft(
            reference=reference,
            title=title,
            cause=values.get("cause", ""),
            event=event,
            effect=values.get("effect", ""),
            category=values.get("category") or UNCATEGORISED,
            owner=values["owner"],
            date_raised=date_raised,
            inherent_likelihood=inherent_l,
            inherent_impact=inherent_i,
            current_likelihood=current_l,
            current_impact=current_i,
            controls=values.get("controls", ""),
            target_likelihood=values.get("target_likelihood"),
            target_impact=values.get("target_impact"),
            target_date=values.get("target_date"),
            status=values.get("status") or RiskStatus.OPEN,
            proximity=values.get("proximity"),
            review_frequency=values.get("review_frequency") or ReviewFrequency.MONTHLY,
            next_review_date=values.get("next_review_date"),
        )
        self._validate(ctx, draft)
        if ctx.reasons:
            return ctx.outcome(RowKind.REFUSED, reference)
        return ctx.outcome(
            RowKind.NEW,
            reference,
            draft=draft,
            first_commentary=values.get("review_commentary") or None,
            action_ids=values.get("action_ids") or None,
        )

    # -- risks already on the register -------------------------------------------------------

    def _changed(
        self,
        ctx: _Cells,
        reference: str,
        values: dict[str, Any],
        existing: RiskRecord,
        base_version: int | None,
    ) -> RiskRowOutcome:
        before = existing.draft()
        update = amendments(ctx, before, values)
        update["reference"] = reference
        draft = replace(before, **update)
        review = new_review(
            ctx,
            values,
            existing,
            today=self.state.today,
            reviewer=self.state.reviewer,
            file_name=self.file_name,
        )
        self._validate(ctx, draft)
        if ctx.reasons:
            return ctx.outcome(RowKind.REFUSED, reference, risk_id=existing.id)
        action_ids = values.get("action_ids")
        linked = frozenset(a.action_id for a in existing.mitigations)
        if action_ids is not None and action_ids == linked:
            action_ids = None
        changes = field_changes(before, draft, review, existing, action_ids, self.state.actions)
        if not changes:
            return ctx.outcome(RowKind.UNCHANGED, reference, risk_id=existing.id)
        if base_version is not None and base_version != existing.version:
            ctx.refuse(
                "key",
                f"{existing.reference} was changed on the register since this copy was made "
                f"(version {base_version} then, {existing.version} now); nothing of this row "
                "was applied. Export a fresh copy to update it.",
            )
            return ctx.outcome(RowKind.CONFLICT, reference, risk_id=existing.id, changes=changes)
        return ctx.outcome(
            RowKind.CHANGED,
            reference,
            risk_id=existing.id,
            base_version=existing.version,
            changes=changes,
            draft=draft,
            review=review,
            action_ids=action_ids,
        )

    def _validate(self, ctx: _Cells, draft: RiskDraft) -> None:
        known = self.state.people | set(self.new_people)
        for problem in validate_risk(draft, known_people=known, today=self.state.today):
            name = DOMAIN_FIELDS.get(problem.field, "")
            if name == "owner" and ctx.refused("owner"):
                continue  # already said why
            ctx.refuse(name, str(problem))


class _Cells(RowCells):
    """A risk row's cells; a risk has nowhere to keep a parser's note, so it is a warning."""

    def accept(self, name: str, parsed: Parsed[Any]) -> Any:
        if parsed.error:
            self.refuse(name, parsed.error)
            return None
        if parsed.note:  # text where a date was expected ("tbc"): a risk has nowhere to keep it
            self.warn(name, f"'{parsed.note}' is not a date; left blank")
        elif parsed.warning:
            self.warn(name, parsed.warning)
        return parsed.value

    def outcome(self, kind: RowKind, reference: str, **fields: Any) -> RiskRowOutcome:
        return RiskRowOutcome(
            sheet=self.row.sheet,
            row=self.row.row,
            kind=kind,
            reference=reference,
            reasons=tuple(self.reasons),
            warnings=tuple(self.warnings),
            **fields,
        )
