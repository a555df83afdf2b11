"""A risk row's fields: read one by one, filled in for a new risk, compared with the register.

Scores, bands and direction of travel are never read: they are recomputed, so
a sheet's own arithmetic or banding can never disagree with the board's. A
blank cell never wipes a required field, because registers from elsewhere
leave columns empty that our export fills. A changed current score or new
commentary becomes a review rather than an edit, because a risk's current
score moves only by a review.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from improvement_desk.domain.risk import ReviewDraft, RiskDraft, validate_review
from improvement_desk.domain.risk_scoring import impact_label, likelihood_label
from improvement_desk.domain.text_rules import SHORT_TEXT
from improvement_desk.interchange.risk_columns import risk_column
from improvement_desk.interchange.risk_values import ScaleKind, parse_scale, scale_from_fill
from improvement_desk.interchange.values import clean_cell_text
from improvement_desk.services.import_cells import RowCells
from improvement_desk.services.import_outcomes import FieldChange
from improvement_desk.services.risk_records import LinkedAction, RiskRecord

# FieldProblem.field of the domain → the table's field (for the column letter).
DOMAIN_FIELDS = {
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
TEXT_FIELDS = ("title", "cause", "event", "effect", "category", "controls")
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


def read_scale(ctx: RowCells, name: str) -> int | None:
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


# ---------------------------------------------------------------- a new risk


def new_names(ctx: RowCells, values: dict[str, Any]) -> tuple[str, str]:
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


def new_scores(
    ctx: RowCells, values: dict[str, Any]
) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """(inherent, current) likelihood and impact; either stands in for the other."""
    current = (values.get("current_likelihood"), values.get("current_impact"))
    inherent = (values.get("inherent_likelihood"), values.get("inherent_impact"))
    if None in current and None not in inherent:
        current = inherent
        ctx.warn("current_likelihood", "no current score; the inherent score is used")
    if None in inherent and None not in current:
        inherent = current
        if {"inherent_likelihood", "inherent_impact"} & set(ctx.mapping):
            ctx.warn("inherent_likelihood", "no inherent score; the current score is used")
    cl, ci = current
    il, ii = inherent
    if cl is None or ci is None or il is None or ii is None:
        missing = "current_likelihood" if cl is None else "current_impact"
        if not ctx.refused(missing):
            ctx.refuse(missing, "a new risk needs a likelihood and an impact from 1 to 5")
        return None
    return (il, ii), (cl, ci)


def _first_words(text: str) -> str:
    line = text.split("\n", 1)[0].strip()
    return line if len(line) <= SHORT_TEXT else line[: SHORT_TEXT - 1].rstrip() + "…"


# ---------------------------------------------------------------- a risk on the register


def amendments(ctx: RowCells, before: RiskDraft, values: dict[str, Any]) -> dict[str, Any]:
    """What a row changes in an existing risk: a blank cell never wipes a required field."""
    update: dict[str, Any] = {}
    for name in TEXT_FIELDS:
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


def new_review(
    ctx: RowCells,
    values: dict[str, Any],
    existing: RiskRecord,
    *,
    today: date,
    reviewer: str,
    file_name: str,
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
        review_date=today,
        likelihood=likelihood,
        impact=impact,
        commentary=commentary if new_words else f"Updated from {file_name}",
        reviewer=reviewer,
    )
    for problem in validate_review(
        review,
        date_raised=existing.date_raised,
        latest_review=existing.last_review_date,
        today=today,
    ):
        ctx.refuse(DOMAIN_FIELDS.get(problem.field, ""), f"review: {problem}")
    return review


def field_changes(
    before: RiskDraft,
    draft: RiskDraft,
    review: ReviewDraft | None,
    existing: RiskRecord,
    action_ids: frozenset[int] | None,
    actions: dict[str, LinkedAction],
) -> tuple[FieldChange, ...]:
    found = [
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
        found.append(FieldChange("review", "New review", old, f"{new}: {review.commentary}"))
    if action_ids is not None:
        by_id = {a.action_id: a.reference for a in actions.values()}
        old_refs = ", ".join(a.reference for a in existing.mitigations)
        new_refs = ", ".join(sorted(by_id[i] for i in action_ids))
        found.append(
            FieldChange(
                "mitigating_actions", "Mitigating actions", old_refs or "—", new_refs or "—"
            )
        )
    return tuple(found)


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
