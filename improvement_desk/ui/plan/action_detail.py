"""The selected action in full: its fields, progress history and target revisions.

User text is escaped before it is placed in the HTML this view composes.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QTextBrowser

from improvement_desk.domain.brag import Brag
from improvement_desk.services.plan_records import ActionHistory, ActionRecord
from improvement_desk.ui.plan.action_table_model import fmt_date
from improvement_desk.ui.plan.brag_delegate import brag_text_colour
from improvement_desk.ui.text import escape

_STYLE = """
<style>
h2 { margin: 0 0 4px 0; }
.muted { color: #555; }
.pill { font-weight: bold; padding: 2px 6px; }
.overdue { color: #A61B1B; font-weight: bold; }
td.k { color: #444; padding-right: 10px; white-space: nowrap; vertical-align: top; }
.entry { margin: 0 0 8px 0; }
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
        self.setHtml(f"{_STYLE}<p class='muted'>{escape(message)}</p>")

    def show_action(self, action: ActionRecord, history: ActionHistory, today: date) -> None:
        self.setHtml(render_action(action, history, today))


def _pill(status: Brag) -> str:
    fg = brag_text_colour(status).name()
    return (
        f"<span class='pill' style='background:{status.colour}; color:{fg}'>"
        f"&nbsp;{escape(status.letter)}&nbsp;</span> {escape(status.label)}"
    )


def render_action(a: ActionRecord, history: ActionHistory, today: date) -> str:
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
        f"{_STYLE}<h2>{escape(a.reference)}</h2><p>{escape(a.description)}</p>{overdue}"
        f"<table>{table}</table>"
        f"<h3>Progress updates ({len(history.updates)})</h3>{updates}"
        f"<h3>Target revisions ({len(history.revisions)})</h3>{revisions}"
    )


def _target(a: ActionRecord) -> str:
    if not a.rebaselined:
        return fmt_date(a.target_date)
    return f"{fmt_date(a.target_date)} <span class='muted'>(originally {fmt_date(a.original_target_date)})</span>"
