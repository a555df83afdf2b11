"""Typed results of the plan services: plain frozen values, safe to hand to any thread or view."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource


@dataclass(frozen=True, slots=True)
class RecommendationRecord:
    id: int
    source: RecommendationSource
    reference: str
    text: str
    theme: str
    version: int
    action_count: int = 0

    def draft(self) -> RecommendationDraft:
        return RecommendationDraft(self.source, self.reference, self.text, self.theme)


@dataclass(frozen=True, slots=True)
class ProgressUpdateRecord:
    id: int
    action_id: int
    update_date: date
    text: str
    author: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class TargetRevisionRecord:
    id: int
    action_id: int
    previous_date: date
    new_date: date
    reason: str
    revised_on: date
    revised_by: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class ActionRecord:
    """One action as the plan page shows it, with what the rules derive from it."""

    id: int
    recommendation_id: int
    recommendation_reference: str
    recommendation_text: str
    theme: str
    reference: str
    description: str
    lead_officer: str
    start_date: date | None
    original_target_date: date
    target_date: date
    success_measures: str
    status: Brag
    confidence: Confidence | None
    evidence_of_impact: str
    closure_decision: str
    version: int
    update_count: int
    last_update_date: date | None
    revision_count: int
    overdue_days: int
    # The minuted decision that agreed closure (`closure_decision` then holds its wording),
    # or None when the board's decision was typed in, as for boards not minuting in the desk.
    closure_decision_id: int | None = None

    @property
    def overdue(self) -> bool:
        return self.overdue_days > 0

    @property
    def rebaselined(self) -> bool:
        return self.revision_count > 0

    def draft(self) -> ActionDraft:
        return ActionDraft(
            reference=self.reference,
            description=self.description,
            lead_officer=self.lead_officer,
            start_date=self.start_date,
            target_date=self.target_date,
            success_measures=self.success_measures,
            status=self.status,
            confidence=self.confidence,
            evidence_of_impact=self.evidence_of_impact,
            closure_decision=self.closure_decision,
        )


@dataclass(frozen=True, slots=True)
class DecisionChoice:
    """A minuted decision a Blue action can name; `label` is the wording its text takes."""

    id: int
    label: str


@dataclass(frozen=True, slots=True)
class ActionHistory:
    updates: tuple[ProgressUpdateRecord, ...]
    revisions: tuple[TargetRevisionRecord, ...]


@dataclass(frozen=True, slots=True)
class ActionSnapshot:
    """Everything needed to put a deleted action back exactly as it was (undo)."""

    action: ActionRecord
    history: ActionHistory
    created_at: datetime
    # Risks this action mitigated: (risk id, risk reference), relinked on restore.
    risks: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True, slots=True)
class PlanSnapshot:
    recommendations: tuple[RecommendationRecord, ...]
    actions: tuple[ActionRecord, ...]
    today: date
    themes: tuple[str, ...] = field(default=())
    people: tuple[str, ...] = field(default=())
