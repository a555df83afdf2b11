"""The risk register for the board: a heat map of current scores, the top risks, what moved.

The heat map follows the screen's rules (ui/risks/heat_map_grid.py): likelihood
up the side, impact along the bottom, each cell filled with its band's colour
under the board's own `RiskBands` and carrying its score, band letter and the
references plotted in it — so it reads in grey-scale — with "+N" counted
when a cell is too crowded to list them all. Closed risks are history and are
left out of both the map and the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from improvement_desk.domain.risk import ReviewState
from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.domain.risk_scoring import IMPACT_LABELS, LIKELIHOOD_LABELS, SCALE
from improvement_desk.reports.charts.marks import blank_drawing
from improvement_desk.reports.charts.trend import fit_text
from improvement_desk.reports.fonts import BOLD, REGULAR
from improvement_desk.reports.pack.parts import (
    changes_block,
    day,
    fill_cells,
    note,
    plural,
    rated_cell,
    references,
    rerated,
    section_title,
    sub_heading,
)
from improvement_desk.reports.styles import (
    FRAME_WIDTH,
    INK,
    cell,
    data_table,
    styles,
)
from improvement_desk.reports.text import escape, markup, short_date

if TYPE_CHECKING:
    from improvement_desk.services.pack_records import PackContent
    from improvement_desk.services.risk_records import RiskRecord

TITLE = "Risk register"
TOP = 10  # risks in the table
CELL_HEIGHT = 46.0
SIZE = 7.5  # axis and reference text
LINE = 9.0
INSET = 4.0
GAP = 1.5  # white between cells, so equal colours stay apart


def risk_section(content: PackContent) -> list[Flowable]:
    register = content.register
    live = [r for r in register.risks if r.status.is_live]
    grid = heat_map(live, register.bands)
    # A drawing cannot split: the title, note and heading go over the page with it.
    story: list[Flowable] = [CondPageBreak(grid.height + 100), section_title(TITLE)]
    closed = len(register.risks) - len(live)
    story.append(
        note(
            f"{plural(len(live), 'live risk')} as at {short_date(register.today)}"
            + (f"; {plural(closed, 'closed risk')} not shown" if closed else "")
            + f". Bands: {escape(register.bands.describe())}."
        )
    )
    story += [CondPageBreak(grid.height + 30), sub_heading("Heat map of current scores"), grid]
    story += _top_risks(live, register.bands)
    changes = content.changes
    story += changes_block(
        changes,
        [
            ("New risks", references(changes.new_risks)),
            ("Closed risks", references(changes.closed_risks)),
            ("Score changed", rerated(changes.moved_risks)),
        ],
        subject="risk register",
    )
    return story


def fit_references(refs: Sequence[str], width: float, lines: int) -> list[str]:
    """As many references as fit in `lines` lines of `width`, then "+N" for the rest,
    so a cell never silently drops a risk (the screen's rule)."""
    if not refs or width <= 0 or lines <= 0:
        return []
    tokens = [fit_text(r, REGULAR, SIZE, width) for r in refs]

    def flow(items: Sequence[str]) -> tuple[list[str], int]:
        out: list[str] = []
        current = ""
        for placed, item in enumerate(items):
            candidate = f"{current} {item}" if current else item
            if stringWidth(candidate, REGULAR, SIZE) <= width:
                current = candidate
                continue
            out.append(current)
            if len(out) == lines:
                return out, placed
            current = item
        out.append(current)
        return out, len(items)

    shown, placed = flow(tokens)
    if placed == len(tokens):
        return shown
    for keep in range(placed, -1, -1):
        for word in (" more", ""):
            shown, fitted = flow([*tokens[:keep], f"+{len(tokens) - keep}{word}"])
            if fitted == keep + 1:
                return shown
    return []


def heat_map(risks: Sequence[RiskRecord], bands: RiskBands) -> Drawing:
    """Rows are likelihood 5 (top) to 1, columns impact 1 (left) to 5."""
    width = FRAME_WIDTH
    labels = max(stringWidth(f"{n} {w}", REGULAR, SIZE) for n, w in LIKELIHOOD_LABELS.items())
    left = 14 + labels + 6
    cell_width = (width - left) / 5
    legend = 16.0
    bottom = legend + 2 * LINE + 8  # impact labels and the axis title above the legend
    height = bottom + 5 * CELL_HEIGHT
    drawing = blank_drawing(width, height)
    plotted: dict[tuple[int, int], list[str]] = {}
    for risk in sorted(risks, key=lambda r: r.reference):
        plotted.setdefault((risk.current_likelihood, risk.current_impact), []).append(
            " ".join(risk.reference.split())
        )
    for lik in SCALE:
        y = bottom + (lik - 1) * CELL_HEIGHT
        drawing.add(
            _text(
                left - 6,
                y + CELL_HEIGHT / 2 - SIZE * 0.35,
                f"{lik} {LIKELIHOOD_LABELS[lik]}",
                anchor="end",
            )
        )
        for imp in SCALE:
            x = left + (imp - 1) * cell_width
            drawing.add(_cell(x, y, cell_width, lik * imp, bands, plotted.get((lik, imp), [])))
    for imp in SCALE:
        x = left + (imp - 0.5) * cell_width
        drawing.add(_text(x, bottom - LINE, f"{imp} {IMPACT_LABELS[imp]}", anchor="middle"))
    drawing.add(
        _text(left + 2.5 * cell_width, bottom - 2 * LINE - 2, "Impact", font=BOLD, anchor="middle")
    )
    side = _text(0, 0, "Likelihood", font=BOLD, anchor="middle")
    turned = Group(side)
    turned.translate(9, bottom + 2.5 * CELL_HEIGHT)
    turned.rotate(90)
    drawing.add(turned)
    _legend(drawing, bands, left)
    return drawing


def _text(
    x: float,
    y: float,
    text: str,
    *,
    font: str = REGULAR,
    anchor: str = "start",
    colour: object = INK,
    size: float = SIZE,
) -> String:
    return String(x, y, text, fontName=font, fontSize=size, fillColor=colour, textAnchor=anchor)


def _cell(
    x: float, y: float, width: float, score: int, bands: RiskBands, refs: Sequence[str]
) -> Group:
    fill = bands.colour(score)
    ink = colors.HexColor(bands.text_colour(score))
    group = Group(
        Rect(
            x + GAP / 2,
            y + GAP / 2,
            width - GAP,
            CELL_HEIGHT - GAP,
            fillColor=colors.HexColor(fill),
            strokeColor=None,
        )
    )
    top = y + CELL_HEIGHT - GAP / 2 - INSET - SIZE * 0.85
    inner_left, inner_right = x + GAP / 2 + INSET, x + width - GAP / 2 - INSET
    first = f"{score} "
    group.add(_text(inner_left, top, first, font=BOLD, colour=ink))
    group.add(
        _text(
            inner_left + stringWidth(first, BOLD, SIZE), top, bands.band(score).letter, colour=ink
        )
    )
    if refs:
        count = str(len(refs))
        badge = stringWidth(count, BOLD, SIZE) + 7
        group.add(
            Rect(
                inner_right - badge,
                top - 2,
                badge,
                SIZE + 3,
                rx=4,
                ry=4,
                fillColor=ink,
                strokeColor=None,
            )
        )
        group.add(
            _text(
                inner_right - badge / 2,
                top,
                count,
                font=BOLD,
                colour=colors.HexColor(fill),
                anchor="middle",
            )
        )
    room = CELL_HEIGHT - GAP - 2 * INSET - LINE
    lines = fit_references(refs, inner_right - inner_left, int(room // LINE))
    for k, line in enumerate(lines, start=1):
        group.add(_text(inner_left, top - k * LINE, line, colour=ink))
    return group


def _legend(drawing: Drawing, bands: RiskBands, left: float) -> None:
    x, middle = left, 7.0
    for band, (low, high) in sorted(bands.ranges().items(), key=lambda b: b[0].severity):
        fill = bands.colour(band)
        drawing.add(Rect(x, middle - 5, 14, 10, fillColor=colors.HexColor(fill), strokeColor=None))
        drawing.add(
            _text(
                x + 7,
                middle - SIZE * 0.35,
                band.letter,
                font=BOLD,
                anchor="middle",
                colour=colors.HexColor(bands.text_colour(band)),
            )
        )
        words = f"{band.label} {low}–{high}"
        drawing.add(_text(x + 18, middle - SIZE * 0.35, words))
        x += 18 + stringWidth(words, REGULAR, SIZE) + 14
    drawing.add(
        _text(x, middle - SIZE * 0.35, f"Appetite: scores above {bands.appetite} are flagged")
    )


def _top_risks(live: Sequence[RiskRecord], bands: RiskBands) -> list[Flowable]:
    story: list[Flowable] = [sub_heading("Top risks")]
    if not live:
        story.append(Paragraph("There are no live risks.", styles().body))
        return story
    ranked = sorted(live, key=lambda r: (-r.current_score, -r.direction.severity, r.reference))[
        :TOP
    ]
    story.append(
        note(
            f"The {plural(len(ranked), 'highest current score')} of "
            f"{plural(len(live), 'live risk')}."
        )
    )
    head = styles().head
    widths = [16 * mm, 0.0, 20 * mm, 20 * mm, 20 * mm, 32 * mm, 21 * mm]
    widths[1] = FRAME_WIDTH - sum(widths)
    titles = ("Ref", "Risk", "Score", "Appetite", "Direction", "Owner", "Next review")
    rows: list[list[Flowable | str]] = [[cell(t, head) for t in titles]]
    fills: list[tuple[int, int, str]] = []
    for number, risk in enumerate(ranked, start=1):
        band: Band = risk.band
        review = day(risk.next_review_date)
        if risk.review_state is ReviewState.OVERDUE:
            review += "<br/><b>overdue</b>"
        elif risk.review_state is ReviewState.DUE:
            review += "<br/>due"
        rows.append(
            [
                cell(markup(risk.reference), styles().cell_bold),
                cell(markup(risk.title)),
                rated_cell(f"{risk.current_score} {escape(band.label)}", bands.colour(band)),
                cell("<b>Above appetite</b>" if risk.above_appetite else "Within appetite"),
                cell(f"{escape(risk.direction.arrow)} {escape(risk.direction.label)}"),
                cell(markup(risk.owner) or "–"),
                cell(review),
            ]
        )
        fills.append((2, number, bands.colour(band)))
    story.append(fill_cells(data_table(rows, widths), fills))
    return story
