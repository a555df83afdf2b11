"""The action log as the board reads it: open actions, overdue first, then what closed.

Overdue is said in words ("Overdue by 12 days") as well as in red, so it reads
in grey-scale. The open list comes already ordered (overdue first) and, in the
public pack, already without actions of exempt or OFFICIAL-SENSITIVE items.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from improvement_desk.domain.pack import PackSection
from improvement_desk.reports.pack.parts import (
    changes_block,
    note,
    plural,
    redated,
    references,
    section_title,
    sub_heading,
)
from improvement_desk.reports.styles import (
    FRAME_WIDTH,
    MUTED_HEX,
    SENSITIVE_HEX,
    cell,
    data_table,
    keep_together,
    styles,
)
from improvement_desk.reports.text import escape, markup, short_date

if TYPE_CHECKING:
    from improvement_desk.services.log_records import LogActionSummary
    from improvement_desk.services.pack_records import PackContent

OPEN_WIDTHS = (14 * mm, None, 32 * mm, 24 * mm, 28 * mm)
CLOSED_WIDTHS = (14 * mm, None, 32 * mm, 24 * mm)
CLOSED_TITLE = "Closed since the last meeting"


def log_section(content: PackContent) -> list[Flowable]:
    open_log = content.open_log
    overdue = sum(1 for a in open_log if a.overdue)
    out: list[Flowable] = [
        section_title(PackSection.ACTION_LOG.label),
        note(
            f"{plural(len(open_log), 'open action')}, {overdue} overdue, "
            f"as at {short_date(content.as_at)}."
        ),
    ]
    if open_log:
        out.append(_open_table(open_log, content.as_at))
    else:
        out.append(Paragraph("There are no open actions.", styles().body))
    closed: list[Flowable] = [sub_heading(CLOSED_TITLE)]
    if content.closed_log:
        closed.append(_closed_table(content.closed_log))
    else:
        closed.append(Paragraph("No actions were closed since the last meeting.", styles().body))
    out.append(keep_together(closed))
    changes = content.changes
    out += changes_block(
        changes,
        [
            ("New actions", references(changes.new_log_actions)),
            ("Closed by the board", references(changes.closed_log_actions)),
            ("Due date changed", redated(changes.redated_log_actions)),
        ],
        subject="action log",
    )
    return out


def overdue_words(action: LogActionSummary, today: date) -> str:
    days = (today - action.current_due).days
    if days <= 0:
        return "Overdue"
    return f"Overdue by {plural(days, 'day')}"


def _widths(spec: Sequence[float | None]) -> list[float]:
    fixed = sum(w for w in spec if w is not None)
    return [w if w is not None else FRAME_WIDTH - fixed for w in spec]


def _action(a: LogActionSummary) -> str:
    text = markup(a.description)
    raised = f"Raised {short_date(a.meeting_date)}"
    if a.item_number:
        raised += f", item {escape(a.item_number)}"
    text += f"<br/><font size='7.5' color='{MUTED_HEX}'>{raised}</font>"
    if a.latest_update:
        text += f"<br/><font size='7.5' color='{MUTED_HEX}'>{markup(a.latest_update)}</font>"
    return text


def _open_table(actions: Sequence[LogActionSummary], today: date) -> Flowable:
    s = styles()
    rows: list[list[Flowable | str]] = [
        [cell(c, s.head) for c in ("Ref", "Action", "Owner", "Due", "Status")]
    ]
    for a in actions:
        due = short_date(a.current_due)
        if a.revised:
            due += (
                f"<br/><font size='7.5' color='{MUTED_HEX}'>was {short_date(a.original_due)}</font>"
            )
        status = escape(a.status.label)
        if a.overdue:
            words = overdue_words(a, today)
            status += f"<br/><font color='{SENSITIVE_HEX}'><b>{words}</b></font>"
        rows.append(
            [
                cell(markup(a.reference), s.cell_bold),
                cell(_action(a)),
                cell(markup(a.owner_name)),
                cell(due),
                cell(status),
            ]
        )
    return data_table(rows, _widths(OPEN_WIDTHS))


def _closed_table(actions: Sequence[LogActionSummary]) -> Flowable:
    s = styles()
    rows: list[list[Flowable | str]] = [
        [cell(c, s.head) for c in ("Ref", "Action", "Owner", "Closed")]
    ]
    for a in actions:
        closed = short_date(a.closed_on) if a.closed_on is not None else "Closed"
        rows.append(
            [
                cell(markup(a.reference), s.cell_bold),
                cell(_action(a)),
                cell(markup(a.owner_name)),
                cell(closed),
            ]
        )
    return data_table(rows, _widths(CLOSED_WIDTHS))
