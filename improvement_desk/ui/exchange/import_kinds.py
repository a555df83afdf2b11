"""What the import wizard brings in: the plan's actions, the register's risks, the log's actions
or the scorecard's figures.

The wizard, its pages and the preview table are the same for every table the
board exchanges in Excel. An `ImportKind` says only what differs: the words,
the service that lists sheets, previews and applies (`Desk.imports`,
`Desk.risk_imports`, `Desk.log_imports` or `Desk.scorecard_imports`), the columns
offered for matching, how a new row and the preview's additions are described,
and what the user is told afterwards.

Only light modules are imported here: the services' types are for the type
checker, and a service is asked for through the `Desk` when the wizard needs it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from improvement_desk.domain.risk_scoring import impact_label, likelihood_label
from improvement_desk.interchange.columns import PLAN_COLUMNS, ColumnSpec
from improvement_desk.interchange.log_columns import LOG_IMPORT_COLUMNS
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.risk_columns import COMPUTED_KINDS, RISK_IMPORT_COLUMNS
from improvement_desk.interchange.scorecard_columns import IMPORT_MATCHED_FIELDS, scorecard_column
from improvement_desk.services.import_outcomes import FieldChange, RowKind
from improvement_desk.ui.exchange.export_actions import plural

if TYPE_CHECKING:
    from improvement_desk.interchange.table_reader import SheetChoice
    from improvement_desk.services.desk import Desk
    from improvement_desk.services.import_outcomes import ImportPreview, ImportResult, RowOutcome
    from improvement_desk.services.log_import import LogImportPreview, LogImportResult
    from improvement_desk.services.log_rows import LogRowOutcome
    from improvement_desk.services.risk_import import RiskImportPreview, RiskImportResult
    from improvement_desk.services.risk_rows import RiskRowOutcome
    from improvement_desk.services.scorecard_import import (
        ScorecardImportPreview,
        ScorecardImportResult,
    )
    from improvement_desk.services.scorecard_rows import ScorecardRowOutcome

Cut = Callable[[str], str]


class OutcomeView(Protocol):
    """One sheet row's outcome, as the preview shows it (`RowOutcome`, `RiskRowOutcome`,
    `LogRowOutcome`)."""

    @property
    def sheet(self) -> str: ...
    @property
    def row(self) -> int: ...
    @property
    def kind(self) -> RowKind: ...
    @property
    def reference(self) -> str: ...
    @property
    def changes(self) -> tuple[FieldChange, ...]: ...
    @property
    def reasons(self) -> tuple[CellProblem, ...]: ...
    @property
    def warnings(self) -> tuple[CellProblem, ...]: ...


class PreviewView(Protocol):
    """What an import would do (`ImportPreview`, `RiskImportPreview`, `LogImportPreview`)."""

    @property
    def file_name(self) -> str: ...
    @property
    def sheet(self) -> str: ...
    @property
    def header_row(self) -> int: ...
    @property
    def mapping(self) -> dict[str, str]: ...
    @property
    def headings(self) -> list[tuple[str, str]]: ...
    @property
    def outcomes(self) -> Sequence[OutcomeView]: ...
    @property
    def new_people(self) -> list[str]: ...
    @property
    def skipped(self) -> list[CellProblem]: ...
    @property
    def warnings(self) -> list[CellProblem]: ...
    @property
    def refused(self) -> list[CellProblem]: ...
    def count(self, kind: RowKind) -> int: ...


class ImportService(Protocol):
    """`PlanImportService`, `RiskImportService` and `ActionLogImportService`, as far as the
    wizard uses them."""

    def sheets(self, path: Path) -> list[SheetChoice]: ...
    def preview(
        self,
        path: Path,
        *,
        sheet: str | None = ...,
        mapping: Mapping[str, str] | None = ...,
        progress: Callable[[int], None] | None = ...,
        cancelled: Callable[[], bool] | None = ...,
    ) -> Any: ...
    def apply(self, preview: Any, *, skip_refused: bool = ...) -> Any: ...


@dataclass(frozen=True, slots=True)
class ImportKind:
    noun: str  # "action"
    nouns: str  # "actions"
    title: str  # the wizard's title: "Import plan from Excel"
    table: str  # what a sheet holds: "an action plan"
    file_hint: str  # the file page's subtitle
    service: Callable[[Desk], ImportService]
    columns: tuple[ColumnSpec, ...]  # the fields offered on the columns page, in order
    describe_new: Callable[[Any, Cut], str]  # a new row's Details: (outcome, shorten)
    describe_changed: Callable[[Any, Cut], str]  # a changed (or conflicting) row's changes
    additions: Callable[[Any], list[str]]  # what the import adds beside the rows (people…)
    changed_note: Callable[[Any], str]  # said after "N changed" in the counts
    missing_note: Callable[[list[ColumnSpec]], str]  # needed fields with no column
    summary: Callable[[Any, Any], str]  # (preview, result) → what the user is told

    def is_shown(self, field: str) -> bool:
        return any(spec.field == field for spec in self.columns)


def _nothing(_: Any) -> str:
    return ""


def change_text(change: FieldChange, cut: Cut) -> str:
    """'Status: Green → Red'; a field that was blank: 'New progress update: …'."""
    if change.old:
        return f"{change.label}: {cut(change.old)} → {cut(change.new)}"
    return f"{change.label}: {cut(change.new)}"


def changes_text(outcome: OutcomeView, cut: Cut) -> str:
    return "; ".join(change_text(change, cut) for change in outcome.changes)


# -- the action plan -----------------------------------------------------------------------------


def _plan_service(desk: Desk) -> ImportService:
    return desk.imports


def _plan_new(outcome: RowOutcome, cut: Cut) -> str:
    draft = outcome.draft
    if draft is None:
        return ""
    return f"{cut(draft.description)} — {draft.lead_officer}, due {draft.target_date:%d %b %Y}"


def _plan_additions(preview: ImportPreview) -> list[str]:
    added = []
    if preview.new_people:
        added.append("New people: " + ", ".join(preview.new_people))
    if preview.new_recommendations:
        added.append("New recommendations: " + ", ".join(sorted(preview.new_recommendations)))
    return added


def _plan_missing(missing: list[ColumnSpec]) -> str:
    return f"No column for {', '.join(s.header for s in missing)}: every row will be refused."


def plan_summary(preview: ImportPreview, result: ImportResult) -> str:
    """What the user is told after a plan import."""
    lines = [f"Imported {preview.file_name} (sheet '{preview.sheet}'):", ""]
    done = [
        plural(result.added, "new action"),
        plural(result.updated, "changed action"),
        plural(result.progress_updates, "progress update"),
        plural(result.rebaselined, "re-baselined target date"),
        plural(result.people_added, "new person", "new people"),
        plural(result.recommendations_added, "new recommendation"),
    ]
    lines += [f"• {line}" for line in done if not line.startswith("0 ")]
    if all(line.startswith("0 ") for line in done):
        lines.append("• nothing needed changing")
    lines.append(f"• {plural(result.unchanged, 'row')} already matched the board")
    if result.refused:
        lines.append(f"• {plural(result.refused, 'refused row')} left out")
    return "\n".join(lines)


PLAN_IMPORT = ImportKind(
    noun="action",
    nouns="actions",
    title="Import plan from Excel",
    table="an action plan",
    file_hint="An export of this plan, an owner's returned copy, or a plan kept in Excel.",
    service=_plan_service,
    columns=PLAN_COLUMNS,
    describe_new=_plan_new,
    describe_changed=changes_text,
    additions=_plan_additions,
    changed_note=_nothing,
    missing_note=_plan_missing,
    summary=plan_summary,
)


# -- the risk register ---------------------------------------------------------------------------

# Scores, band and direction are worked out by the app and the last review date is the app's
# own: a sheet's columns for them are recognised (so they are not taken for other fields) but
# never read, so they are not offered for matching.
_NOT_READ = frozenset({"last_review_date"})
RISK_MATCHED_COLUMNS = tuple(
    spec
    for spec in RISK_IMPORT_COLUMNS
    if spec.kind not in COMPUTED_KINDS and spec.field not in _NOT_READ
)


def _risk_service(desk: Desk) -> ImportService:
    return desk.risk_imports


def _risk_new(outcome: RiskRowOutcome, cut: Cut) -> str:
    draft = outcome.draft
    if draft is None:
        return ""
    likelihood, impact = draft.current_likelihood, draft.current_impact
    return (
        f"{cut(draft.title)} — {draft.owner}, "
        f"score {likelihood * impact} (likelihood {likelihood} × impact {impact})"
    )


def _risk_changes(outcome: RiskRowOutcome, cut: Cut) -> str:
    """The review first ("Review to record: score 12 → 8 …"), then the fields it changes."""
    review, draft = outcome.review, outcome.draft
    parts = [change_text(c, cut) for c in outcome.changes if c.field != "review"]
    if review is None or draft is None:  # no review: the fields alone
        return changes_text(outcome, cut)
    before = draft.current_likelihood * draft.current_impact  # a review alone moves it
    after = review.likelihood * review.impact
    scale = f"{likelihood_label(review.likelihood)} × {impact_label(review.impact)}"
    score = f"score {before} → {after} ({scale})" if after != before else f"score stays {after}"
    parts.insert(0, f"Review to record, {score}: {cut(review.commentary)}")
    return "; ".join(parts)


def _risk_additions(preview: RiskImportPreview) -> list[str]:
    if not preview.new_people:
        return []
    return ["People to be added to the board's list: " + ", ".join(preview.new_people)]


def _risk_changed_note(preview: RiskImportPreview) -> str:
    reviews = preview.reviews
    return f" ({plural(reviews, 'review')} to record)" if reviews else ""


_RISK_MISSING = {
    "reference": "new risks are numbered R1, R2…, and only a copy's record keys match risks "
    "already on the register",
    "owner": "new risks will be refused (risks already on the register keep their owners)",
}


def _risk_missing(missing: list[ColumnSpec]) -> str:
    return " ".join(
        f"No column for {spec.header}: {_RISK_MISSING.get(spec.field, 'it cannot be read')}."
        for spec in missing
    )


def risk_summary(preview: RiskImportPreview, result: RiskImportResult) -> str:
    """'Added 3 risks, updated 2 (2 reviews recorded), 1 person added.' and the rest."""
    done: list[str] = []
    if result.added:
        done.append(f"added {plural(result.added, 'risk')}")
    if result.updated:
        noun = str(result.updated) if done else plural(result.updated, "risk")
        reviews = f" ({plural(result.reviews, 'review')} recorded)" if result.reviews else ""
        done.append(f"updated {noun}{reviews}")
    if result.people_added:
        done.append(f"{plural(result.people_added, 'person', 'people')} added")
    headline = ", ".join(done) or "nothing needed changing"
    lines = [
        f"Imported {preview.file_name} (sheet '{preview.sheet}'):",
        "",
        headline[0].upper() + headline[1:] + ".",
    ]
    if result.links_changed:
        lines.append(f"• mitigating actions changed on {plural(result.links_changed, 'risk')}")
    lines.append(f"• {plural(result.unchanged, 'row')} already matched the register")
    if result.refused:
        lines.append(f"• {plural(result.refused, 'refused row')} left out")
    return "\n".join(lines)


RISK_IMPORT = ImportKind(
    noun="risk",
    nouns="risks",
    title="Import risk register from Excel",
    table="a risk register",
    file_hint="An export of this register, a returned copy with reviews, or a register or "
    "RAID log kept in Excel.",
    service=_risk_service,
    columns=RISK_MATCHED_COLUMNS,
    describe_new=_risk_new,
    describe_changed=_risk_changes,
    additions=_risk_additions,
    changed_note=_risk_changed_note,
    missing_note=_risk_missing,
    summary=risk_summary,
)


# -- the action log ------------------------------------------------------------------------------


def _log_service(desk: Desk) -> ImportService:
    return desk.log_imports


def _log_new(outcome: LogRowOutcome, cut: Cut) -> str:
    new = outcome.new
    if new is None:
        return ""
    due = outcome.revised_due or new.draft.due
    return (
        f"{cut(new.draft.description)} — {new.owner_name}, due {due:%d %b %Y}, {new.meeting_label}"
    )


def _log_changed_note(preview: LogImportPreview) -> str:
    parts = []
    if preview.revisions:
        parts.append(plural(preview.revisions, "new due date"))
    if preview.updates:
        parts.append(plural(preview.updates, "update"))
    return f" ({', '.join(parts)})" if parts else ""


def _log_missing(missing: list[ColumnSpec]) -> str:
    names = ", ".join(spec.header for spec in missing)
    return (
        f"No column for {names}: new actions will be refused (actions already in the log keep "
        "theirs)."
    )


def log_summary(preview: LogImportPreview, result: LogImportResult) -> str:
    """What the user is told after an action-log import."""
    lines = [f"Imported {preview.file_name} (sheet '{preview.sheet}'):", ""]
    done = [
        plural(result.added, "new action"),
        plural(result.updated, "changed action"),
        plural(result.revisions, "new due date"),
        plural(result.updates, "update"),
        plural(result.status_changes, "status change"),
    ]
    lines += [f"• {line}" for line in done if not line.startswith("0 ")]
    if all(line.startswith("0 ") for line in done):
        lines.append("• nothing needed changing")
    lines.append(f"• {plural(result.unchanged, 'row')} already matched the log")
    if result.refused:
        lines.append(f"• {plural(result.refused, 'refused row')} left out")
    return "\n".join(lines)


LOG_IMPORT = ImportKind(
    noun="action",
    nouns="actions",
    title="Import action log from Excel",
    table="an action log",
    file_hint="An export of this log, an owner's returned copy, or an action log kept in Excel. "
    "A new action must name the date of a meeting on the board.",
    service=_log_service,
    columns=LOG_IMPORT_COLUMNS,
    describe_new=_log_new,
    describe_changed=changes_text,
    additions=lambda _: [],
    changed_note=_log_changed_note,
    missing_note=_log_missing,
    summary=log_summary,
)


# -- the scorecard's figures ---------------------------------------------------------------------

SCORECARD_MATCHED_COLUMNS = tuple(scorecard_column(f) for f in IMPORT_MATCHED_FIELDS)
"""Offered for matching by hand; the period columns of a wide sheet are read from their
headings, and the rated columns (RAG, direction of travel…) are recognised but never read."""


def _scorecard_service(desk: Desk) -> ImportService:
    return desk.scorecard_imports


def _scorecard_new(outcome: ScorecardRowOutcome, cut: Cut) -> str:
    """'Jan 2014: 93.8%; Feb 2014: 94.0%', after the indicator when the row adds it."""
    figures = changes_text(outcome, cut)
    new = outcome.new_indicator
    if new is None:
        return figures
    draft = new.draft
    added = f"New indicator {cut(draft.name)} ({draft.unit.label}, {draft.polarity.label.lower()})"
    return f"{added}; {figures}" if figures else added


def _scorecard_additions(preview: ScorecardImportPreview) -> list[str]:
    if not preview.new_indicators:
        return []
    return ["Indicators to be added to the scorecard: " + ", ".join(preview.new_indicators)]


def _scorecard_changed_note(preview: ScorecardImportPreview) -> str:
    parts = []
    if preview.figures_added:
        parts.append(f"{plural(preview.figures_added, 'figure')} to add")
    if preview.figures_changed:
        parts.append(f"{plural(preview.figures_changed, 'figure')} to change")
    return f" ({', '.join(parts)})" if parts else ""


def _scorecard_missing(missing: list[ColumnSpec]) -> str:
    names = ", ".join(spec.header for spec in missing)
    return f"No column for {names}: rows are matched by the indicator's Ref or name."


def scorecard_summary(preview: ScorecardImportPreview, result: ScorecardImportResult) -> str:
    """What the user is told after a scorecard import."""
    lines = [f"Imported {preview.file_name} (sheet '{preview.sheet}'):", ""]
    done = [
        plural(result.figures_added, "new figure"),
        plural(result.figures_changed, "changed figure"),
        plural(result.indicators_added, "new indicator"),
    ]
    lines += [f"• {line}" for line in done if not line.startswith("0 ")]
    if all(line.startswith("0 ") for line in done):
        lines.append("• nothing needed changing")
    lines.append(f"• {plural(result.unchanged, 'row')} already matched the scorecard")
    if result.refused:
        lines.append(f"• {plural(result.refused, 'refused row')} left out")
    return "\n".join(lines)


SCORECARD_IMPORT = ImportKind(
    noun="indicator",
    nouns="indicators",
    title="Import scorecard figures from Excel",
    table="a scorecard",
    file_hint="An export of this scorecard (its Figures sheet), a scorecard with periods across "
    "('Jan 2014', 'Q3 2013/14'), or a sheet with one row per figure (Period and Value columns).",
    service=_scorecard_service,
    columns=SCORECARD_MATCHED_COLUMNS,
    describe_new=_scorecard_new,
    describe_changed=changes_text,
    additions=_scorecard_additions,
    changed_note=_scorecard_changed_note,
    missing_note=_scorecard_missing,
    summary=scorecard_summary,
)
