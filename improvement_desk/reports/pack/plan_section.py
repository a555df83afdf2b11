"""The improvement plan highlight report: BRAG by theme, the exceptions, what changed.

The board reads the plan in three passes: how each theme is doing (a stacked
bar per theme, each bar also labelled with its counts in words so it reads in
grey-scale, and the same counts as a table), which actions need its attention
(Red, overdue, or re-baselined — with the original date beside the new one),
and what moved since the last pack. Completed (Blue) actions are counted but
never listed as exceptions: they need no decision.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.risk_bands import text_colour_on
from improvement_desk.reports.charts.marks import blank_drawing
from improvement_desk.reports.charts.trend import fit_text
from improvement_desk.reports.fonts import BOLD, REGULAR
from improvement_desk.reports.pack.parts import (
    changes_block,
    fill_cells,
    note,
    plural,
    rated_cell,
    redated,
    references,
    rerated,
    section_title,
    sub_heading,
)
from improvement_desk.reports.styles import (
    FRAME_WIDTH,
    INK,
    MUTED,
    cell,
    data_table,
    keep_together,
    styles,
)
from improvement_desk.reports.text import escape, markup, short_date

if TYPE_CHECKING:
    from improvement_desk.services.pack_records import PackContent
    from improvement_desk.services.plan_records import ActionRecord

TITLE = "Improvement plan highlight report"
NO_THEME = "No theme"
BAR_HEIGHT = 12.0
BAR_GAP = 7.0
TEXT_SIZE = 7.5
ROWS_PER_CHART = 30  # a drawing cannot break across pages; more themes make more charts

Counts = dict[Brag, int]


def plan_section(content: PackContent) -> list[Flowable]:
    order = content.brag_order
    counts = theme_counts(content.plan.actions, content.plan.themes)
    story: list[Flowable] = [section_title(TITLE)]
    total = len(content.plan.actions)
    story.append(
        note(
            f"{plural(total, 'action')} in {plural(len(counts), 'theme')}, "
            f"as at {short_date(content.plan.today)}."
        )
    )
    status: list[Flowable] = []
    if counts:
        items = list(counts.items())
        for start in range(0, len(items), ROWS_PER_CHART):
            chart = brag_chart(items[start : start + ROWS_PER_CHART], order)
            status += [CondPageBreak(chart.height + 30), chart]  # a drawing cannot split
        status.insert(1, sub_heading("Delivery status by theme"))
        status.append(_counts_table(counts, order))
    else:
        status = [
            sub_heading("Delivery status by theme"),
            Paragraph("The plan has no actions yet.", styles().body),
        ]
    story += status
    story += _exceptions(content.plan.actions)
    changes = content.changes
    story += changes_block(
        changes,
        [
            ("New actions", references(changes.new_actions)),
            ("Completed (Blue)", references(changes.closed_actions)),
            ("Status changed", rerated(changes.rerated_actions)),
            ("Target date changed", redated(changes.redated_actions)),
        ],
        subject="plan",
    )
    return story


def theme_counts(actions: Sequence[ActionRecord], themes: Sequence[str]) -> dict[str, Counts]:
    """BRAG counts per theme: the plan's own theme order first, then any other, then none."""
    found: dict[str, Counts] = {}
    for action in actions:
        theme = action.theme.strip() or NO_THEME
        found.setdefault(theme, dict.fromkeys(Brag, 0))[action.status] += 1
    ordered = [t for t in themes if t in found]
    rest = [t for t in found if t not in ordered and t != NO_THEME]
    if NO_THEME in found and NO_THEME not in ordered:
        rest.append(NO_THEME)
    return {theme: found[theme] for theme in (*ordered, *rest)}


def _words(counts: Counts, order: Sequence[Brag]) -> str:
    """ "2 Red · 3 Amber · 1 Not started": the bar in words, zeros left out."""
    return " · ".join(f"{counts[b]} {b.label}" for b in order if counts[b]) or "No actions"


def brag_chart(rows: Sequence[tuple[str, Counts]], order: Sequence[Brag]) -> Drawing:
    """One horizontal bar per theme, split by BRAG, with the counts inside and after it."""
    width = FRAME_WIDTH
    legend_height = 16.0
    height = len(rows) * (BAR_HEIGHT + BAR_GAP) + legend_height + 4
    drawing = blank_drawing(width, height)
    label_width = min(
        max(stringWidth(theme, REGULAR, TEXT_SIZE) for theme, _ in rows) + 2, width * 0.3
    )
    text_width = min(
        max(stringWidth(_words(c, order), REGULAR, TEXT_SIZE) for _, c in rows) + 2, width * 0.45
    )
    bar_left = label_width + 6
    bar_room = max(width - bar_left - text_width - 8, 60.0)
    most = max(sum(c.values()) for _, c in rows) or 1
    for number, (theme, counts) in enumerate(rows):
        top = height - number * (BAR_HEIGHT + BAR_GAP)
        y = top - BAR_HEIGHT
        base = y + BAR_HEIGHT / 2 - TEXT_SIZE * 0.35
        label = fit_text(theme, REGULAR, TEXT_SIZE, label_width)
        drawing.add(String(0, base, label, fontName=REGULAR, fontSize=TEXT_SIZE, fillColor=INK))
        x = bar_left
        for brag in order:
            if not counts[brag]:
                continue
            span = counts[brag] / most * bar_room
            fill = brag.colour
            drawing.add(
                Rect(
                    x,
                    y,
                    span,
                    BAR_HEIGHT,
                    fillColor=colors.HexColor(fill),
                    strokeColor=colors.white,
                    strokeWidth=0.6,
                )
            )
            inner = f"{brag.letter} {counts[brag]}"
            if stringWidth(inner, BOLD, TEXT_SIZE) + 4 <= span:
                drawing.add(
                    String(
                        x + span / 2,
                        base,
                        inner,
                        fontName=BOLD,
                        fontSize=TEXT_SIZE,
                        fillColor=colors.HexColor(text_colour_on(fill)),
                        textAnchor="middle",
                    )
                )
            x += span
        words = fit_text(_words(counts, order), REGULAR, TEXT_SIZE, text_width)
        drawing.add(
            String(x + 6, base, words, fontName=REGULAR, fontSize=TEXT_SIZE, fillColor=MUTED)
        )
    _legend(drawing, order, legend_height)
    return drawing


def _legend(drawing: Drawing, order: Sequence[Brag], height: float) -> None:
    x, middle = 0.0, height / 2
    for brag in order:
        fill = brag.colour
        drawing.add(Rect(x, middle - 5, 16, 10, fillColor=colors.HexColor(fill), strokeColor=None))
        drawing.add(
            String(
                x + 8,
                middle - TEXT_SIZE * 0.35,
                brag.letter,
                fontName=BOLD,
                fontSize=TEXT_SIZE,
                fillColor=colors.HexColor(text_colour_on(fill)),
                textAnchor="middle",
            )
        )
        drawing.add(
            String(
                x + 20,
                middle - TEXT_SIZE * 0.35,
                brag.label,
                fontName=REGULAR,
                fontSize=TEXT_SIZE,
                fillColor=MUTED,
            )
        )
        x += 20 + stringWidth(brag.label, REGULAR, TEXT_SIZE) + 14


def _counts_table(counts: dict[str, Counts], order: Sequence[Brag]) -> Flowable:
    head = styles().head
    numbers = 6
    number_width = 17 * mm
    widths = [FRAME_WIDTH - numbers * number_width] + [number_width] * numbers
    rows: list[list[Flowable | str]] = [
        [cell("Theme", head)] + [cell(b.label, head) for b in order] + [cell("Total", head)]
    ]
    totals = dict.fromkeys(order, 0)
    for theme, theme_counts_ in counts.items():
        rows.append(
            [cell(markup(theme))]
            + [cell(str(theme_counts_[b])) for b in order]
            + [cell(str(sum(theme_counts_.values())), styles().cell_bold)]
        )
        for b in order:
            totals[b] += theme_counts_[b]
    bold = styles().cell_bold
    rows.append(
        [cell("All themes", bold)]
        + [cell(str(totals[b]), bold) for b in order]
        + [cell(str(sum(totals.values())), bold)]
    )
    return data_table(rows, widths)


def _is_exception(action: ActionRecord) -> bool:
    return action.status is not Brag.BLUE and (
        action.status is Brag.RED or action.overdue or action.rebaselined
    )


def _exceptions(actions: Sequence[ActionRecord]) -> list[Flowable]:
    found = sorted(
        (a for a in actions if _is_exception(a)),
        key=lambda a: (-a.status.severity, -a.overdue_days, a.reference),
    )
    story: list[Flowable] = [sub_heading("Exceptions")]
    if not found:
        story.append(Paragraph("No action is Red, overdue or re-baselined.", styles().body))
        return story
    story.append(
        note(
            f"{plural(len(found), 'action')} Red, overdue or re-baselined "
            "(completed actions are not listed)."
        )
    )
    head = styles().head
    widths = [16 * mm, 0.0, 33 * mm, 26 * mm, 34 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    rows: list[list[Flowable | str]] = [
        [cell(t, head) for t in ("Ref", "Action", "Lead officer", "Target", "Status")]
    ]
    fills: list[tuple[int, int, str]] = []
    for number, action in enumerate(found, start=1):
        target = short_date(action.target_date)
        if action.rebaselined and action.original_target_date != action.target_date:
            target += f"<br/>(was {short_date(action.original_target_date)})"
        status = escape(action.status.label)
        extra = []
        if action.overdue:
            extra.append(f"overdue {plural(action.overdue_days, 'day')}")
        if action.rebaselined:
            extra.append("re-baselined")
        rows.append(
            [
                cell(markup(action.reference), styles().cell_bold),
                cell(markup(action.description)),
                cell(markup(action.lead_officer) or "–"),
                cell(target),
                rated_cell(status + "".join(f"<br/>{e}" for e in extra), action.status.colour),
            ]
        )
        fills.append((4, number, action.status.colour))
    story.append(fill_cells(data_table(rows, widths), fills))
    return [keep_together(story)]
