"""What an import would do, row by row: the preview the user approves before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from improvement_desk.domain.plan import ActionDraft, RecommendationDraft
from improvement_desk.interchange.problems import CellProblem


class RowKind(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    REFUSED = "refused"
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class RowOutcome:
    sheet: str
    row: int
    kind: RowKind
    reference: str
    action_id: int | None = None
    base_version: int | None = None
    changes: tuple[FieldChange, ...] = ()
    reasons: tuple[CellProblem, ...] = ()
    warnings: tuple[CellProblem, ...] = ()
    draft: ActionDraft | None = None
    recommendation_key: str | None = None  # reference of the recommendation it belongs to
    rebaseline_to: date | None = None
    new_update: str | None = None

    @property
    def applies(self) -> bool:
        return self.kind in (RowKind.NEW, RowKind.CHANGED)


@dataclass
class ImportPreview:
    file_name: str
    path: str
    sheet: str
    header_row: int
    mapping: dict[str, str]  # field → column letter
    unmatched_headers: list[tuple[str, str]]
    headings: list[tuple[str, str]]  # every titled column of the header row: (letter, text)
    outcomes: list[RowOutcome]
    new_people: list[str]
    new_recommendations: dict[str, RecommendationDraft]
    skipped: list[CellProblem]
    warnings: list[CellProblem] = field(default_factory=list)

    def count(self, kind: RowKind) -> int:
        return sum(o.kind is kind for o in self.outcomes)

    @property
    def refused(self) -> list[CellProblem]:
        problems: list[CellProblem] = []
        for o in self.outcomes:
            if o.kind in (RowKind.REFUSED, RowKind.CONFLICT):
                problems.extend(o.reasons or (CellProblem(o.sheet, o.row, "", o.kind.value),))
        return problems

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
            "refused": [p.as_dict() for p in self.refused],
            "warnings": [p.as_dict() for p in self.all_warnings()],
            "new_people": list(self.new_people),
            "new_recommendations": sorted(self.new_recommendations),
        }

    def all_warnings(self) -> list[CellProblem]:
        found = list(self.warnings)
        for o in self.outcomes:
            found.extend(o.warnings)
        return found


@dataclass(frozen=True, slots=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    refused: int
    progress_updates: int
    rebaselined: int
    people_added: int
    recommendations_added: int
