"""The agenda: each item's number, title, presenter, purpose, time and where its papers are.

Papers are merged after the generated pages in agenda order, so "Papers: pages
23–31" comes from the story's page count and each paper's page count
(`cover.paper_ranges`). In the public pack an exempt item is one line: its
number, the public title the board allowed (else "Exempt item") and the
Schedule 12A reason — nothing else reaches it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, TableStyle

from improvement_desk.domain.marking import Marking, exempt_reason
from improvement_desk.domain.meeting import public_heading
from improvement_desk.domain.pack import PackSection
from improvement_desk.reports.pack.parts import note, section_title
from improvement_desk.reports.styles import (
    FRAME_WIDTH,
    MUTED_HEX,
    SENSITIVE_HEX,
    cell,
    data_table,
    styles,
)
from improvement_desk.reports.text import clock_time, escape, long_date, markup

if TYPE_CHECKING:
    from improvement_desk.reports.pack.cover import PackPages
    from improvement_desk.services.meeting_records import AgendaItemRecord
    from improvement_desk.services.pack_records import PackContent

WIDTHS = (12 * mm, None, 42 * mm, 24 * mm, 22 * mm)
COLUMNS = ("No.", "Item", "Presenter", "Purpose", "Time")


def agenda(content: PackContent, pages: PackPages) -> list[Flowable]:
    s = styles()
    summary = content.meeting.summary
    when = long_date(summary.meeting_date)
    if summary.start_time is not None:
        when += f", {clock_time(summary.start_time)}"
    if summary.venue.strip():
        when += f", {markup(summary.venue)}"
    rows: list[list[Flowable | str]] = [[cell(c, s.head) for c in COLUMNS]]
    spans: list[int] = []
    for item in content.meeting.items:
        if content.public and item.exempt:
            spans.append(len(rows))
            heading = _sentence(public_heading(item.public_title))
            line = f"<b>{markup(heading)}</b> {escape(exempt_reason(item.exempt_paragraph or 1))}"
            rows.append([cell(escape(item.number), s.cell_bold), cell(line), "", "", ""])
            continue
        rows.append(_row(item, pages))
    fixed = sum(w for w in WIDTHS if w is not None)
    table = data_table(rows, [w if w is not None else FRAME_WIDTH - fixed for w in WIDTHS])
    if spans:
        table.setStyle(TableStyle([("SPAN", (1, r), (-1, r)) for r in spans]))
    out: list[Flowable] = [section_title(PackSection.AGENDA.label), note(when), table]
    if not content.meeting.items:
        out.append(Paragraph("The agenda has no items yet.", s.body))
    if pages.items:
        out.append(
            note(
                "Page numbers are those of this pack: the papers follow the pages above, "
                "in agenda order."
            )
        )
    return out


def _sentence(heading: str) -> str:
    """ "Exempt item." — a heading the board typed with its own full stop keeps just that."""
    return heading if heading.endswith((".", "?", "!")) else f"{heading}."


def _row(item: AgendaItemRecord, pages: PackPages) -> list[Flowable | str]:
    s = styles()
    text = f"<b>{markup(item.title)}</b>"
    flags = []
    if item.exempt and item.exempt_paragraph is not None:
        flags.append(f"Exempt: Schedule 12A paragraph {item.exempt_paragraph}")
    if item.marking is Marking.OFFICIAL_SENSITIVE:
        flags.append(item.marking.label)
    if flags:
        text += f"<br/><font color='{SENSITIVE_HEX}'><b>{' · '.join(flags)}</b></font>"
    if item.id in pages.items:
        text += f"<br/><font color='{MUTED_HEX}'>Papers: {pages.item_words(item.id)}</font>"
    when = clock_time(item.starts_at) if item.starts_at is not None else ""
    if item.minutes_allowed:
        when += f"<br/><font color='{MUTED_HEX}'>{item.minutes_allowed} min</font>"
    return [
        cell(escape(item.number), s.cell_bold),
        cell(text),
        cell(markup(item.presenter)),
        cell(escape(item.purpose.label)),
        cell(when),
    ]
