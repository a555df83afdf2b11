"""Rules of the improvement action plan: sources, drafts, validation, BRAG transitions, overdue.

A *draft* is what a form or an import proposes; `validate_*` turns it into a
list of field problems before anything reaches the database, so the same
rules hold in the dialog, the CLI and the Excel import.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.text_rules import (
    LONG_TEXT,
    SHORT_TEXT,
    check_date_order,
    check_reference,
    check_text,
)


class RecommendationSource(StrEnum):
    OFSTED_INSPECTION = "ofsted_inspection"
    MONITORING_VISIT = "monitoring_visit"
    DFE_NOTICE = "dfe_notice"
    PEER_REVIEW = "peer_review"
    BOARD = "board"

    @property
    def label(self) -> str:
        return _SOURCE_LABELS[self]


_SOURCE_LABELS = {
    RecommendationSource.OFSTED_INSPECTION: "Ofsted inspection",
    RecommendationSource.MONITORING_VISIT: "Ofsted monitoring visit",
    RecommendationSource.DFE_NOTICE: "DfE improvement notice",
    RecommendationSource.PEER_REVIEW: "Peer review",
    RecommendationSource.BOARD: "Improvement board",
}

DEFAULT_THEMES = (
    "Leadership and governance",
    "Workforce",
    "Systems and processes",
    "Quality of practice",
    "Thresholds and the front door",
)


@dataclass(frozen=True, slots=True)
class RecommendationDraft:
    source: RecommendationSource
    reference: str
    text: str
    theme: str


@dataclass(frozen=True, slots=True)
class ActionDraft:
    """The editable fields of an action. `lead_officer` is a person's name."""

    reference: str
    description: str
    lead_officer: str
    start_date: date | None
    target_date: date
    success_measures: str = ""
    status: Brag = Brag.NOT_STARTED
    confidence: Confidence | None = None
    evidence_of_impact: str = ""
    closure_decision: str = ""

    def with_status(self, status: Brag) -> ActionDraft:
        return replace(self, status=status)


def validate_recommendation(draft: RecommendationDraft) -> list[FieldProblem]:
    checks = [
        check_reference("Reference", draft.reference),
        check_text("Recommendation", draft.text, max_length=LONG_TEXT),
        check_text("Theme", draft.theme, max_length=SHORT_TEXT, single_line=True),
    ]
    return [p for p in checks if p]


def validate_action(
    draft: ActionDraft,
    *,
    known_people: set[str],
    previous_status: Brag | None,
    has_progress_updates: bool,
) -> list[FieldProblem]:
    """Every rule an action must satisfy, reported per field."""
    problems = [
        check_reference("Reference", draft.reference),
        check_text("Description", draft.description, max_length=LONG_TEXT),
        check_text("Lead officer", draft.lead_officer, max_length=SHORT_TEXT, single_line=True),
        check_text(
            "Success measures", draft.success_measures, max_length=LONG_TEXT, required=False
        ),
        check_text(
            "Evidence of impact", draft.evidence_of_impact, max_length=LONG_TEXT, required=False
        ),
        check_text("Board decision", draft.closure_decision, max_length=SHORT_TEXT, required=False),
        check_date_order("Start date", draft.start_date, "Target date", draft.target_date),
    ]
    found = [p for p in problems if p]
    if (
        draft.lead_officer
        and draft.lead_officer not in known_people
        and not any(p.field == "Lead officer" for p in found)
    ):
        found.append(
            FieldProblem(
                "Lead officer",
                f"'{draft.lead_officer}' is not on the board's list of people; add them first",
            )
        )
    found.extend(
        transition_problems(
            previous_status,
            draft.status,
            evidence=draft.evidence_of_impact,
            decision=draft.closure_decision,
            has_progress_updates=has_progress_updates,
        )
    )
    return found


def transition_problems(
    previous: Brag | None,
    new: Brag,
    *,
    evidence: str,
    decision: str,
    has_progress_updates: bool,
) -> list[FieldProblem]:
    """The BRAG rules of the brief.

    Blue means the board agreed closure on evidence, so it needs both. Once
    progress has been recorded an action cannot claim it has not started.
    """
    problems: list[FieldProblem] = []
    if new is Brag.BLUE:
        if not evidence.strip():
            problems.append(
                FieldProblem("Evidence of impact", "is required before an action can be Blue")
            )
        if not decision.strip():
            problems.append(
                FieldProblem(
                    "Board decision",
                    "the minute that agreed closure is required before an action can be Blue",
                )
            )
    if (
        new is Brag.NOT_STARTED
        and previous is not None
        and previous is not Brag.NOT_STARTED
        and has_progress_updates
    ):
        problems.append(
            FieldProblem(
                "Status",
                f"cannot go from {previous.label} back to Not started: progress has been recorded",
            )
        )
    return problems


def is_overdue(target_date: date, status: Brag, today: date) -> bool:
    """Past its (current) target and not closed: flagged whatever its rating says."""
    return status is not Brag.BLUE and target_date < today


def days_overdue(target_date: date, status: Brag, today: date) -> int:
    return (today - target_date).days if is_overdue(target_date, status, today) else 0


def validate_progress_update(
    text: str, on: date, *, start_date: date | None, today: date
) -> list[FieldProblem]:
    problems = [check_text("Update", text, max_length=LONG_TEXT)]
    if on > today:
        problems.append(FieldProblem("Date", f"{on:%d %b %Y} is in the future"))
    if start_date and on < start_date:
        problems.append(
            FieldProblem(
                "Date", f"{on:%d %b %Y} is before the action started ({start_date:%d %b %Y})"
            )
        )
    return [p for p in problems if p]


def validate_rebaseline(
    current_target: date, new_target: date, reason: str, *, start_date: date | None
) -> list[FieldProblem]:
    problems = [check_text("Reason", reason, max_length=LONG_TEXT)]
    if new_target == current_target:
        problems.append(FieldProblem("New target date", "is the same as the current target"))
    problems.append(check_date_order("Start date", start_date, "New target date", new_target))
    return [p for p in problems if p]
