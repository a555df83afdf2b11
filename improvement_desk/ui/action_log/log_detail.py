"""The selected log action in full, read-only: where it was agreed, its due dates, its story.

The original due date is shown beside the current one with every revision
between them (when, why, and which meeting agreed it), so a reader sees how
late an action is against what was first promised. Overdue is said in words
with a warning sign, never by colour alone. User text is escaped before it
goes into the HTML composed here.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QTextBrowser

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.services.log_records import (
    DueRevisionRecord,
    LogActionRecord,
    LogActionSummary,
    LogUpdateRecord,
)
from improvement_desk.ui.action_log.log_table_model import item_text, times
from improvement_desk.ui.plan.action_table_model import fmt_date
from improvement_desk.ui.text import escape
from improvement_desk.ui.theme import muted_text_css, warning_text_css


def _style() -> str:
    """Built per render: the colours follow the palette (a dark desktop theme too)."""
    return f"""
<style>
h2 {{ margin: 0 0 4px 0; }}
h3 {{ margin: 4px 0 4px 0; }}
.muted {{ color: {muted_text_css()}; }}
.warn {{ color: {warning_text_css()}; font-weight: bold; }}
td.k {{ color: {muted_text_css()}; padding-right: 10px; white-space: nowrap; vertical-align: top; }}
td {{ padding: 1px 6px 1px 0; vertical-align: top; }}
.entry {{ margin: 0 0 8px 0; }}
td.half {{ padding: 0; }}
</style>
"""


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


class LogDetailView(QTextBrowser):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("log_detail")
        self.setOpenLinks(False)
        self.setAccessibleName("Action details")
        self.action: LogActionRecord | None = None
        self.show_nothing()

    def show_nothing(self, message: str = "Select an action to see its history.") -> None:
        self.action = None
        self.setHtml(f"{_style()}<p class='muted'>{escape(message)}</p>")

    def show_action(
        self, record: LogActionRecord, today: date, meetings: dict[int, str] | None = None
    ) -> None:
        """`meetings` names meetings by id ("Improvement Board, 12 Mar 2014")."""
        self.action = record
        self.setHtml(render_action(record, today, meetings or {}))


def _meeting(meetings: dict[int, str], meeting_id: int | None, fallback: date | None) -> str:
    if meeting_id is not None and meeting_id in meetings:
        return escape(meetings[meeting_id])
    return fmt_date(fallback) if fallback else "—"


def _status(a: LogActionSummary, meetings: dict[int, str]) -> str:
    if a.overdue:
        return f"<span class='warn'>⚠ Overdue</span> — {escape(a.status.label)}"
    if a.status is LogStatus.COMPLETE:
        return "Complete <span class='muted'>— awaiting the board's agreement to close it</span>"
    if a.status is LogStatus.CLOSED:
        at = _meeting(meetings, a.closed_at_meeting_id, a.closed_on)
        return f"Closed by the board at {at}"
    return escape(a.status.label)


def _current_due(record: LogActionRecord) -> str:
    a = record.summary
    text = fmt_date(a.current_due)
    notes = []
    if record.revisions:
        notes.append(f"revised {times(len(record.revisions))}")
    if a.days_slipped:
        notes.append(f"{_days(a.days_slipped)} later than first agreed")
    elif a.current_due < a.original_due:
        notes.append("brought forward")
    if notes:
        text += f" <span class='muted'>({', '.join(notes)})</span>"
    return text


def _overdue_line(a: LogActionSummary, today: date) -> str:
    if not a.overdue:
        return ""
    late = (today - a.current_due).days
    return (
        f"<p class='warn'>⚠ Overdue: due {fmt_date(a.current_due)}, {_days(late)} ago "
        f"(as at {fmt_date(today)})</p>"
    )


def _revision(r: DueRevisionRecord) -> str:
    agreed = (
        f"agreed at {escape(r.agreed_at_label)}" if r.agreed_at_label else "not agreed at a meeting"
    )
    return (
        f"<div class='entry'><b>{fmt_date(r.previous_due)} → {fmt_date(r.new_due)}</b> "
        f"<span class='muted'>— {agreed}; recorded {fmt_date(r.recorded_on)} by "
        f"{escape(r.recorded_by)}</span><br>{escape(r.reason)}</div>"
    )


def _update(u: LogUpdateRecord) -> str:
    return (
        f"<div class='entry'><b>{fmt_date(u.update_date)}</b> "
        f"<span class='muted'>— {escape(u.author)}</span><br>{escape(u.text)}</div>"
    )


def _table(rows: list[tuple[str, str]]) -> str:
    return (
        "<table>"
        + "".join(f"<tr><td class='k'>{k}</td><td>{v}</td></tr>" for k, v in rows)
        + "</table>"
    )


def render_action(record: LogActionRecord, today: date, meetings: dict[int, str]) -> str:
    a = record.summary
    facts = [
        ("Status", _status(a, meetings)),
        ("Owner", escape(a.owner_name)),
        ("Agreed at", _meeting(meetings, a.meeting_id, a.meeting_date)),
        ("Item", escape(item_text(a)) if a.item_id is not None else "Not tied to an item"),
        ("Original due", fmt_date(a.original_due)),
        ("Current due", _current_due(record)),
    ]
    revisions = "".join(_revision(r) for r in record.revisions) or (
        "<p class='muted'>None: the original due date stands.</p>"
    )
    updates = "".join(_update(u) for u in reversed(record.updates)) or (
        "<p class='muted'>No updates yet.</p>"
    )
    about = (
        f"<h2>{escape(a.reference)}</h2><p>{escape(a.description)}</p>"
        f"{_overdue_line(a, today)}{_table(facts)}"
    )
    history = (
        f"<h3>Due-date revisions ({len(record.revisions)})</h3>{revisions}"
        f"<h3>Updates ({len(record.updates)}), newest first</h3>{updates}"
    )
    # Side by side: the page gives the detail its whole width, below the table.
    return (
        f"{_style()}<table width='100%' cellspacing='0'><tr>"
        f"<td width='48%' class='half'>{about}</td><td width='4%'></td>"
        f"<td width='48%' class='half'>{history}</td></tr></table>"
    )
