"""Reading one sheet row as a risk: which risk it is, what it changes, why it is refused.

A returned copy of our own export is matched by its record key; other
registers by reference, when their references are unique. Only the columns a
sheet has can change anything, and scores, bands and direction are never read:
they are recomputed. A changed current likelihood or impact, or new review
commentary, becomes a review (dated today, by the person importing), because a
risk's current score moves only by a review.

Registers from elsewhere are forgiven what they lack, with a warning said once
for the sheet: no category (filed as "Uncategorised"), no date raised (today),
no inherent score (the current one), no description (the risk's name), and
references that repeat block by block (DLUHC's "1, 2, 3" per project: new
risks are numbered R1, R2… instead). Rows that are no risk at all (the headings
again, an END marker, a project's title line, a RAID log's issues) are left out
with a reason before any row is judged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from improvement_desk.domain.risk import (
    ReviewDraft,
    ReviewFrequency,
    RiskDraft,
    RiskStatus,
    validate_review,
    validate_risk,
)
from improvement_desk.domain.risk_scoring import impact_label, likelihood_label
from improvement_desk.domain.text_rules import SHORT_TEXT
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.risk_columns import (
    COMPUTED_KINDS,
    ENTRY_TYPE,
    SCALE,
    risk_column,
)
from improvement_desk.interchange.risk_values import (
    ScaleKind,
    parse_proximity,
    parse_review_frequency,
    parse_risk_status,
    parse_scale,
    scale_from_fill,
)
from improvement_desk.interchange.table_reader import SheetRow, SourceCell
from improvement_desk.interchange.values import Parsed, clean_cell_text, parse_uk_date, quote
from improvement_desk.services.import_outcomes import FieldChange, RowKind
from improvement_desk.services.plan_export import parse_key
from improvement_desk.services.risk_records import LinkedAction, RiskRecord

UNCATEGORISED = "Uncategorised"
# "Rachel Gregson/Project Manager": a name and a role. Not commas: "Dept of Racing, Gaming
# and Liquor" is one owner, and so is "Smith, Jane".
_OWNER_SPLIT = re.compile(r"\s*[/;]\s*")
_REF_SPLIT = re.compile(r"[,;\n]+|\s{2,}|\s+and\s+")
_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$")
_RISK_TYPES = frozenset({"risk", "risks", "r", "threat"})
_AUTO_REFERENCE = re.compile(r"^R(\d+)$", re.IGNORECASE)
# FieldProblem.field of the domain → the table's field (for the column letter).
_DOMAIN_FIELDS = {
    "Reference": "reference",
    "Title": "title",
    "Cause": "cause",
    "Event": "event",
    "Effect": "effect",
    "Category": "category",
    "Owner": "owner",
    "Controls in place": "controls",
    "Inherent likelihood": "inherent_likelihood",
    "Inherent impact": "inherent_impact",
    "Current likelihood": "current_likelihood",
    "Current impact": "current_impact",
    "Target likelihood": "target_likelihood",
    "Target impact": "target_impact",
    "Date raised": "date_raised",
    "Target date": "target_date",
    # the review's own names
    "Likelihood": "current_likelihood",
    "Impact": "current_impact",
    "Commentary": "review_commentary",
}
_TEXT_FIELDS = ("title", "cause", "event", "effect", "category", "controls")
_COMPARED = (
    "reference",
    "title",
    "category",
    "cause",
    "event",
    "effect",
    "owner",
    "date_raised",
    "inherent_likelihood",
    "inherent_impact",
    "controls",
    "target_likelihood",
    "target_impact",
    "target_date",
    "status",
    "proximity",
    "review_frequency",
    "next_review_date",
)


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


@dataclass
class SheetFacts:
    """What the sheet as a whole lacks, said once rather than on every row."""

    warnings: list[CellProblem] = field(default_factory=list)
    renumber: bool = False  # references repeat: new risks get R-numbers, nothing matched by them


# ---------------------------------------------------------------- which rows are risks


def _texts(row: SheetRow) -> dict[str, str]:
    return {
        name: text
        for name, cell in row.cells.items()
        if (text := clean_cell_text(cell.value)) and not _PLACEHOLDER.match(text)
    }


def _not_a_risk(row: SheetRow, texts: dict[str, str], mapped: set[str]) -> str | None:
    """Why a row the table reader kept is still no risk, if it is not."""
    headings = [name for name, text in texts.items() if risk_column(name).matches(text)]
    if len(headings) >= 2:
        return "the column headings again"
    kind = texts.get("entry_type", "").casefold()
    if kind and kind not in _RISK_TYPES:
        return f"a RAID log's {quote(texts['entry_type'])} entry, not a risk"
    errors = any(cell.error for cell in row.cells.values())
    own = {n for n in texts if risk_column(n).kind not in COMPUTED_KINDS | {ENTRY_TYPE}}
    if not own and not errors:
        return "nothing but worked-out scores or markers"
    core = {"reference", "owner", "event", "cause", "effect", "controls"}
    scales = {n for n in own if risk_column(n).kind == SCALE}
    shown = quote(" / ".join(texts[n] for n in sorted(own)))
    if not (own & core) and not scales and not errors:
        return f"no risk here: only {shown}"
    if {"reference", "owner"} <= mapped and not {"reference", "owner"} & own and not errors:
        # DLUHC's legend of inputs under the table: every risk above it has a number.
        return f"no reference and no owner, so not read as a risk: {shown}"
    return None


def select_rows(
    rows: Sequence[SheetRow], mapped: set[str] | frozenset[str]
) -> tuple[list[SheetRow], list[CellProblem]]:
    """The rows that are risks, and why the others were left out (an END row ends the table).

    `mapped` is the fields the sheet has columns for."""
    kept: list[SheetRow] = []
    skipped: list[CellProblem] = []
    for row in rows:
        texts = _texts(row)
        if texts and all(t.casefold() == "end" for t in texts.values()):
            skipped.append(
                CellProblem(row.sheet, row.row, "", "end marker 'END': nothing below it was read")
            )
            break
        reason = _not_a_risk(row, texts, set(mapped))
        if reason is None:
            kept.append(row)
        else:
            skipped.append(CellProblem(row.sheet, row.row, "", reason))
    return kept, skipped


def sheet_facts(
    sheet: str, header_row: int, mapping: dict[str, str], rows: Sequence[SheetRow], today: date
) -> SheetFacts:
    facts = SheetFacts()

    def say(text: str) -> None:
        facts.warnings.append(CellProblem(sheet, header_row, "", text))

    seen: dict[str, int] = {}
    repeats: list[tuple[str, int, int]] = []
    for row in rows:
        cell = row.cells.get("reference")
        text = clean_cell_text(cell.value) if cell is not None else ""
        if text:
            first = seen.setdefault(text.casefold(), row.row)
            if first != row.row:
                repeats.append((text, first, row.row))
    if repeats:
        facts.renumber = True
        text, first, again = repeats[0]
        say(
            f"references repeat in this sheet ('{text}' in rows {first} and {again}): its "
            "new risks are numbered R1, R2… instead, and rows are matched to the register "
            "only by the record key"
        )
    elif "reference" not in mapping:
        say("no reference column: new risks are numbered R1, R2…")
    if rows and "category" not in mapping:
        say(f"no category column: new risks are filed under '{UNCATEGORISED}'")
    if rows and "date_raised" not in mapping:
        say(f"no date-raised column: new risks are dated today ({today:%d %b %Y})")
    if rows and "event" not in mapping:
        say("no description column: each new risk's name is used as its event")
    if rows and not {"inherent_likelihood", "inherent_impact"} & set(mapping):
        say("no inherent (pre-mitigation) score: new risks take their current score as inherent")
    return facts


# ---------------------------------------------------------------- one row


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
        for name in _TEXT_FIELDS:
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
                values[name] = _scale(ctx, name)
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
        title, event = _names(ctx, values)
        if not values.get("owner") and self.default_owner and not ctx.refused("owner"):
            values["owner"] = self._person(ctx, self.default_owner)
            if ctx.has("owner"):
                ctx.warn("owner", f"no owner given; owned by {values['owner']}")
        if not values.get("owner"):
            ctx.refuse("owner", "a new risk needs an owner")
        scores = self._scores(ctx, values)
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

    def _scores(
        self, ctx: _Cells, values: dict[str, Any]
    ) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """(inherent, current) likelihood and impact; either stands in for the other."""
        current = (values.get("current_likelihood"), values.get("current_impact"))
        inherent = (values.get("inherent_likelihood"), values.get("inherent_impact"))
        if None in current and None not in inherent:
            current = inherent
            ctx.warn("current_likelihood", "no current score; the inherent score is used")
        if None in inherent and None not in current:
            inherent = current
            if {"inherent_likelihood", "inherent_impact"} & set(self.mapping):
                ctx.warn("inherent_likelihood", "no inherent score; the current score is used")
        cl, ci = current
        il, ii = inherent
        if cl is None or ci is None or il is None or ii is None:
            missing = "current_likelihood" if cl is None else "current_impact"
            if not ctx.refused(missing):
                ctx.refuse(missing, "a new risk needs a likelihood and an impact from 1 to 5")
            return None
        return (il, ii), (cl, ci)

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
        update = _amendments(ctx, before, values)
        update["reference"] = reference
        draft = replace(before, **update)
        review = self._review(ctx, values, existing)
        self._validate(ctx, draft)
        if ctx.reasons:
            return ctx.outcome(RowKind.REFUSED, reference, risk_id=existing.id)
        action_ids = values.get("action_ids")
        linked = frozenset(a.action_id for a in existing.mitigations)
        if action_ids is not None and action_ids == linked:
            action_ids = None
        changes = _changes(before, draft, review, existing, action_ids, self.state.actions)
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

    def _review(
        self, ctx: _Cells, values: dict[str, Any], existing: RiskRecord
    ) -> ReviewDraft | None:
        """A new review when the current score or the commentary differs from the latest."""
        likelihood = values.get("current_likelihood")
        impact = values.get("current_impact")
        likelihood = existing.current_likelihood if likelihood is None else likelihood
        impact = existing.current_impact if impact is None else impact
        latest = existing.reviews[-1].commentary if existing.reviews else ""
        commentary = values.get("review_commentary", "")
        new_words = bool(commentary) and not _same_text(commentary, latest)
        moved = (likelihood, impact) != (existing.current_likelihood, existing.current_impact)
        if not (moved or new_words):
            return None
        review = ReviewDraft(
            review_date=self.state.today,
            likelihood=likelihood,
            impact=impact,
            commentary=commentary if new_words else f"Updated from {self.file_name}",
            reviewer=self.state.reviewer,
        )
        for problem in validate_review(
            review,
            date_raised=existing.date_raised,
            latest_review=existing.last_review_date,
            today=self.state.today,
        ):
            ctx.refuse(_DOMAIN_FIELDS.get(problem.field, ""), f"review: {problem}")
        return review

    def _validate(self, ctx: _Cells, draft: RiskDraft) -> None:
        known = self.state.people | set(self.new_people)
        for problem in validate_risk(draft, known_people=known, today=self.state.today):
            name = _DOMAIN_FIELDS.get(problem.field, "")
            if name == "owner" and ctx.refused("owner"):
                continue  # already said why
            ctx.refuse(name, str(problem))


def _names(ctx: _Cells, values: dict[str, Any]) -> tuple[str, str]:
    """A new risk's title and event; either stands in for the other, with a warning."""
    title = values.get("title") or ""
    event = values.get("event") or ""
    if not title and event:
        title = _first_words(event)
        if ctx.has("title"):
            ctx.warn("title", "no risk name; the start of the description is used")
    if not event and title:
        event = title
        if ctx.has("event"):
            ctx.warn("event", "no description; the risk's name is used as its event")
    if not title:
        ctx.refuse("title", "a new risk needs a name or a description")
    return title, event


def _scale(ctx: _Cells, name: str) -> int | None:
    """A 1–5 value as written; else, when the cell says nothing readable, its colour."""
    kind: ScaleKind = "impact" if name.endswith("impact") else "likelihood"
    cell = ctx.cell(name)
    if cell is None or cell.error:
        parsed: int | None = ctx.parse(name, lambda raw: parse_scale(raw, kind=kind))
        return parsed
    written = parse_scale(cell.value, kind=kind)
    coloured = scale_from_fill(cell.fill_rgb)
    chosen = written
    if written.value is None and written.error is None and coloured.value is not None:
        chosen = coloured  # blank, but coloured: the colour is the rating
    elif written.error is not None and coloured.value is not None:
        ctx.warn(name, f"'{clean_cell_text(cell.value)}' is not a score; its colour was read")
        chosen = coloured
    value: int | None = ctx.accept(name, chosen)
    return value


def _amendments(ctx: _Cells, before: RiskDraft, values: dict[str, Any]) -> dict[str, Any]:
    """What a row changes in an existing risk: a blank cell never wipes a required field."""
    update: dict[str, Any] = {}
    for name in _TEXT_FIELDS:
        if name not in values or _same_text(values[name], getattr(before, name)):
            continue  # as exported: spacing tidied by Excel or the reader is no change
        if values[name] or name in ("cause", "effect", "controls"):
            update[name] = values[name]
    for name in ("owner", "date_raised", "status", "review_frequency", "next_review_date"):
        if values.get(name):
            update[name] = values[name]
    for name in ("inherent_likelihood", "inherent_impact"):
        if values.get(name) is not None:
            update[name] = values[name]
    for name in ("target_likelihood", "target_impact", "target_date", "proximity"):
        if name in values and not ctx.refused(name):
            update[name] = values[name]
    return update


def _first_words(text: str) -> str:
    line = text.split("\n", 1)[0].strip()
    return line if len(line) <= SHORT_TEXT else line[: SHORT_TEXT - 1].rstrip() + "…"


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _shown(name: str, value: object) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, date):
        return f"{value:%d %b %Y}"
    if isinstance(value, int) and name.endswith("likelihood"):
        return likelihood_label(value)
    if isinstance(value, int) and name.endswith("impact"):
        return impact_label(value)
    label = getattr(value, "label", None)
    return label if isinstance(label, str) else str(value)


def _changes(
    before: RiskDraft,
    draft: RiskDraft,
    review: ReviewDraft | None,
    existing: RiskRecord,
    action_ids: frozenset[int] | None,
    actions: dict[str, LinkedAction],
) -> tuple[FieldChange, ...]:
    changes = [
        FieldChange(
            name,
            risk_column(name).header,
            _shown(name, getattr(before, name)),
            _shown(name, getattr(draft, name)),
        )
        for name in _COMPARED
        if getattr(before, name) != getattr(draft, name)
    ]
    if review is not None:
        old = f"{likelihood_label(existing.current_likelihood)} × {impact_label(existing.current_impact)}"
        new = f"{likelihood_label(review.likelihood)} × {impact_label(review.impact)}"
        changes.append(FieldChange("review", "New review", old, f"{new}: {review.commentary}"))
    if action_ids is not None:
        by_id = {a.action_id: a.reference for a in actions.values()}
        old_refs = ", ".join(a.reference for a in existing.mitigations)
        new_refs = ", ".join(sorted(by_id[i] for i in action_ids))
        changes.append(
            FieldChange(
                "mitigating_actions", "Mitigating actions", old_refs or "—", new_refs or "—"
            )
        )
    return tuple(changes)


class _Cells:
    """One row's cells, and the reasons and warnings gathered while reading them."""

    def __init__(self, row: SheetRow, mapping: dict[str, str]) -> None:
        self.row = row
        self.mapping = mapping
        self.reasons: list[CellProblem] = []
        self.warnings: list[CellProblem] = []

    def has(self, name: str) -> bool:
        return name in self.mapping

    def cell(self, name: str) -> SourceCell | None:
        return self.row.cells.get(name)

    def text(self, name: str) -> str:
        cell = self.cell(name)
        if cell is None:
            return ""
        if cell.error:
            self.refuse(name, f"holds {cell.error}" if cell.error.startswith("#") else cell.error)
            return ""
        text = clean_cell_text(cell.value)
        return "" if _PLACEHOLDER.match(text) else text

    def parse(self, name: str, parser: Any) -> Any:
        cell = self.cell(name)
        if cell is None:
            return None
        if cell.error:
            self.text(name)
            return None
        if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            return None
        return self.accept(name, parser(cell.value))

    def accept(self, name: str, parsed: Parsed[Any]) -> Any:
        if parsed.error:
            self.refuse(name, parsed.error)
            return None
        if parsed.note:  # text where a date was expected ("tbc"): a risk has nowhere to keep it
            self.warn(name, f"'{parsed.note}' is not a date; left blank")
        elif parsed.warning:
            self.warn(name, parsed.warning)
        return parsed.value

    def refused(self, name: str) -> bool:
        column = self.mapping.get(name, "")
        return any(r.column == column for r in self.reasons) if column else False

    def _place(self, name: str, reason: str) -> CellProblem:
        return CellProblem(self.row.sheet, self.row.row, self.mapping.get(name, ""), reason)

    def refuse(self, name: str, reason: str) -> None:
        self.reasons.append(self._place(name, reason))

    def warn(self, name: str, reason: str) -> None:
        self.warnings.append(self._place(name, reason))

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
