"""The selected action in full: its fields, progress history and target revisions.

User text is escaped before it is placed in the HTML this view composes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QTextBrowser

from improvement_desk.domain.brag import Brag
from improvement_desk.services.plan_records import ActionHistory, ActionRecord
from improvement_desk.ui.plan.action_table_model import fmt_date
from improvement_desk.ui.plan.brag_delegate import brag_text_colour
from improvement_desk.ui.text import escape
from improvement_desk.ui.theme import muted_text_css, warning_text_css

if TYPE_CHECKING:
    from improvement_desk.services.audit_reader import AuditRecord
    from improvement_desk.services.risk_records import RiskSummary


def _style() -> str:
    """The pane's style sheet, built per render so it follows the current palette."""
    return f"""
<style>
h2 {{ margin: 0 0 4px 0; }}
.muted {{ color: {muted_text_css()}; }}
.pill {{ font-weight: bold; padding: 2px 6px; }}
.overdue {{ color: {warning_text_css()}; font-weight: bold; }}
td.k {{ color: {muted_text_css()}; padding-right: 10px; white-space: nowrap; vertical-align: top; }}
.entry {{ margin: 0 0 8px 0; }}
</style>
"""


class ActionDetailView(QTextBrowser):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setAccessibleName("Action details")
        self.show_nothing()

    def show_nothing(
        self, message: str = "Select an action to see its details and history."
    ) -> None:
        self.setHtml(f"{_style()}<p class='muted'>{escape(message)}</p>")

    def show_action(
        self,
        action: ActionRecord,
        history: ActionHistory,
        today: date,
        changes: Sequence[AuditRecord] = (),
        risks: Sequence[RiskSummary] = (),
    ) -> None:
        self.setHtml(render_action(action, history, today, changes, risks))


def _pill(status: Brag) -> str:
    fg = brag_text_colour(status).name()
    return (
        f"<span class='pill' style='background:{status.colour}; color:{fg}'>"
        f"&nbsp;{escape(status.letter)}&nbsp;</span> {escape(status.label)}"
    )


def render_action(
    a: ActionRecord,
    history: ActionHistory,
    today: date,
    changes: Sequence[AuditRecord] = (),
    risks: Sequence[RiskSummary] = (),
) -> str:
    rows = [
        (
            "Recommendation",
            f"{escape(a.recommendation_reference)}: {escape(a.recommendation_text)}",
        ),
        ("Theme", escape(a.theme)),
        ("Lead officer", escape(a.lead_officer)),
        ("Start", fmt_date(a.start_date) or "—"),
        ("Target", _target(a)),
        ("Status", _pill(a.status)),
        ("Confidence", a.confidence.label if a.confidence else "Not set"),
        ("Success measures", escape(a.success_measures) or "—"),
        ("Evidence of impact", escape(a.evidence_of_impact) or "—"),
        ("Board decision", escape(a.closure_decision) or "—"),
    ]
    table = "".join(f"<tr><td class='k'>{k}</td><td>{v}</td></tr>" for k, v in rows)
    overdue = (
        f"<p class='overdue'>⚠ Overdue: {a.overdue_days} days past its target "
        f"(as at {fmt_date(today)})</p>"
        if a.overdue
        else ""
    )
    updates = (
        "".join(
            f"<div class='entry'><b>{fmt_date(u.update_date)}</b> "
            f"<span class='muted'>— {escape(u.author)}</span><br>{escape(u.text)}</div>"
            for u in reversed(history.updates)
        )
        or "<p class='muted'>No progress updates yet.</p>"
    )
    revisions = (
        "".join(
            f"<div class='entry'><b>{fmt_date(r.previous_date)} → {fmt_date(r.new_date)}</b> "
            f"<span class='muted'>agreed {fmt_date(r.revised_on)} by {escape(r.revised_by)}</span>"
            f"<br>{escape(r.reason)}</div>"
            for r in history.revisions
        )
        or "<p class='muted'>Never re-baselined.</p>"
    )
    return (
        f"{_style()}<h2>{escape(a.reference)}</h2><p>{escape(a.description)}</p>{overdue}"
        f"<table>{table}</table>"
        f"<h3>Risks it mitigates ({len(risks)})</h3>{render_risks(risks)}"
        f"<h3>Progress updates ({len(history.updates)})</h3>{updates}"
        f"<h3>Target revisions ({len(history.revisions)})</h3>{revisions}"
        f"<h3>Change history</h3>{render_changes(changes)}"
    )


def render_risks(risks: Sequence[RiskSummary]) -> str:
    """Each risk with its current score and band: the number and letter carry it without colour."""
    if not risks:
        return "<p class='muted'>Not linked to any risk in the register.</p>"
    return "".join(
        f"<div class='entry'><span class='pill' style='background:{r.colour}; "
        f"color:{r.text_colour}'>&nbsp;{r.current_score} {escape(r.band.letter)}&nbsp;</span> "
        f"<b>{escape(r.reference)}</b> {escape(r.title)} "
        f"<span class='muted'>— {escape(r.band.label)}, {escape(r.status.label)}</span></div>"
        for r in risks
    )


# How the audit trail's field names and values read in the change history.
_FIELD_LABELS = {
    "reference": "Reference",
    "description": "Description",
    "lead_officer": "Lead officer",
    "start_date": "Start date",
    "target_date": "Target date",
    "original_target_date": "Original target",
    "success_measures": "Success measures",
    "status": "Status",
    "confidence": "Confidence",
    "evidence_of_impact": "Evidence of impact",
    "closure_decision": "Board decision",
    "recommendation_id": "Recommendation",
}
_OPERATIONS = {"create": "created", "delete": "deleted", "restore": "restored"}


def _value(field: str, text: str | None) -> str:
    if text is None or text == "":
        return "—"
    if field == "status":
        try:
            return Brag(text).label
        except ValueError:
            return escape(text)
    if field.endswith("_date"):
        try:
            return fmt_date(date.fromisoformat(text))
        except ValueError:
            return escape(text)
    if field == "confidence":
        return escape(text.capitalize())
    short = text if len(text) <= 120 else text[:119] + "…"
    return escape(short)


def render_changes(changes: Sequence[AuditRecord]) -> str:
    """Field changes newest first; creation is summarised in one line, not field by field."""
    lines: list[str] = []
    seen_operations: set[tuple[str, str]] = set()
    for c in changes:
        when = c.at.astimezone().strftime("%d %b %Y %H:%M")
        who = escape(c.actor)
        if c.operation in _OPERATIONS:
            key = (c.operation, when)
            if key in seen_operations:
                continue
            seen_operations.add(key)
            lines.append(
                f"<div class='entry'><b>{when}</b> {who}: {_OPERATIONS[c.operation]}</div>"
            )
            continue
        label = _FIELD_LABELS.get(c.field, escape(c.field))
        lines.append(
            f"<div class='entry'><b>{when}</b> {who}: {label} "
            f"{_value(c.field, c.old_value)} → {_value(c.field, c.new_value)}</div>"
        )
    return "".join(lines) or "<p class='muted'>No changes recorded.</p>"


def _target(a: ActionRecord) -> str:
    if not a.rebaselined:
        return fmt_date(a.target_date)
    return f"{fmt_date(a.target_date)} <span class='muted'>(originally {fmt_date(a.original_target_date)})</span>"
