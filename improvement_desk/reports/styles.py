"""The look of every printed document: A4, one sans family, quiet colours, clear tables.

Modelled on a council's own committee papers: black text on white, a navy
accent for headings only, thin grey rules, tables with a shaded header row
that repeats on every page. The minutes use it now and the board pack will
reuse it, so nothing here knows about meetings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from improvement_desk.reports.fonts import BOLD, REGULAR, register_fonts

PAGE_SIZE = A4
MARGIN_LEFT = MARGIN_RIGHT = 20 * mm
MARGIN_TOP = 26 * mm  # room for the running header
MARGIN_BOTTOM = 22 * mm  # and the footer
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT
FRAME_HEIGHT = PAGE_SIZE[1] - MARGIN_TOP - MARGIN_BOTTOM

INK = colors.HexColor("#1a1a1a")
MUTED_HEX = "#5b6169"
MUTED = colors.HexColor(MUTED_HEX)
ACCENT = colors.HexColor("#1f3b5a")  # headings and the board's name
RULE = colors.HexColor("#b9bec5")
HEADER_FILL = colors.HexColor("#e7ebf0")
BAND_FILL = colors.HexColor("#f5f6f8")
SENSITIVE_HEX = "#9b1c1c"
SENSITIVE = colors.HexColor(SENSITIVE_HEX)  # OFFICIAL-SENSITIVE and exempt markers
SENSITIVE_FILL = colors.HexColor("#fbeaea")

BODY_SIZE = 10
SMALL_SIZE = 8.5


@dataclass(frozen=True, slots=True)
class Styles:
    """Named paragraph styles; every one keeps `splitLongWords` so nothing overflows."""

    board: ParagraphStyle  # the board's name above the title
    title: ParagraphStyle
    subtitle: ParagraphStyle
    section: ParagraphStyle  # "Present", "Apologies", "Summary of action points"
    item: ParagraphStyle  # "4. Improvement plan progress"
    body: ParagraphStyle
    numbered: ParagraphStyle  # "4.1  The Chair welcomed…" with a hanging number
    decision: ParagraphStyle
    action: ParagraphStyle  # "Action A3: … (Owner, by 30 Apr 2014)" under an item
    note: ParagraphStyle  # muted one-liners: presenter, quorum, "None declared."
    aside: ParagraphStyle  # a muted line under an item, in line with its text
    flag: ParagraphStyle  # exempt / sensitive markers
    banner: ParagraphStyle  # OFFICIAL-SENSITIVE across the top of the first page
    label: ParagraphStyle  # the left column of a details table
    sub: ParagraphStyle  # "Matters arising" inside an item
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    head: ParagraphStyle  # table header cells


@cache
def styles() -> Styles:
    family = register_fonts()

    def style(name: str, **kw: object) -> ParagraphStyle:
        base: dict[str, object] = {
            "fontName": family,
            "bulletFontName": family,
            "fontSize": BODY_SIZE,
            "leading": BODY_SIZE * 1.4,
            "textColor": INK,
            "alignment": TA_LEFT,
            "splitLongWords": 1,
            "allowWidows": 0,
            "allowOrphans": 0,
        }
        base.update(kw)
        return ParagraphStyle(name, **base)

    return Styles(
        board=style("board", fontName=BOLD, fontSize=11, leading=14, textColor=ACCENT),
        title=style("title", fontName=BOLD, fontSize=18, leading=23, spaceBefore=2, spaceAfter=2),
        subtitle=style("subtitle", fontSize=11, leading=15, textColor=MUTED, spaceAfter=10),
        section=style(
            "section",
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=4,
        ),
        item=style(
            "item",
            fontName=BOLD,
            fontSize=11.5,
            leading=15,
            textColor=ACCENT,
            spaceBefore=14,
            spaceAfter=3,
        ),
        body=style("body", spaceAfter=6),
        numbered=style("numbered", leftIndent=12 * mm, bulletIndent=0, spaceAfter=6),
        decision=style("decision", fontName=BOLD, leftIndent=12 * mm, spaceBefore=2, spaceAfter=6),
        action=style("action", fontSize=9.5, leading=13, leftIndent=12 * mm, spaceAfter=4),
        note=style("note", fontSize=SMALL_SIZE + 0.5, leading=13, textColor=MUTED, spaceAfter=4),
        aside=style(
            "aside",
            fontSize=SMALL_SIZE + 0.5,
            leading=13,
            textColor=MUTED,
            leftIndent=12 * mm,
            spaceAfter=4,
        ),
        flag=style(
            "flag",
            fontName=BOLD,
            fontSize=SMALL_SIZE + 0.5,
            leading=13,
            textColor=SENSITIVE,
            spaceAfter=4,
        ),
        banner=style(
            "banner",
            fontName=BOLD,
            fontSize=12,
            leading=16,
            textColor=SENSITIVE,
            alignment=1,
            borderColor=SENSITIVE,
            borderWidth=1,
            borderPadding=(5, 4, 6, 4),
            leftIndent=4,
            rightIndent=4,
            backColor=SENSITIVE_FILL,
            spaceBefore=2,
            spaceAfter=14,
        ),
        label=style("label", fontName=BOLD, fontSize=9.5, leading=13, textColor=MUTED),
        sub=style(
            "sub",
            fontName=BOLD,
            fontSize=BODY_SIZE,
            leading=14,
            leftIndent=12 * mm,
            spaceBefore=4,
            spaceAfter=4,
        ),
        cell=style("cell", fontSize=9, leading=12),
        cell_bold=style("cell_bold", fontName=BOLD, fontSize=9, leading=12),
        head=style("head", fontName=BOLD, fontSize=9, leading=12),
    )


class RowTable(Table):  # type: ignore[misc]  # ReportLab ships no types
    """A table that splits between rows, and inside a row only when that row is taller
    than a page could ever hold.

    ReportLab's own `splitInRow` also cuts ordinary rows at the foot of a page, and
    then lays the rest out on the same page under a second header row: a reader sees
    a row's last lines with no reference beside them. Here an ordinary row that does
    not fit moves to the next page whole; only a row no page can hold (a 3,000-sentence
    minute) is broken, so the document still never fails (RL-7).
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts: list[Flowable] = super().split(availWidth, availHeight)
        if parts or not self._has_endless_row():
            return parts
        self.splitInRow = 1
        try:
            return list(super().split(availWidth, availHeight))
        finally:
            self.splitInRow = 0

    def _has_endless_row(self) -> bool:
        heights: list[float] = list(getattr(self, "_rowHeights", None) or [])
        header = sum(heights[: self.repeatRows])
        return any(h > FRAME_HEIGHT - header - 2 * mm for h in heights[self.repeatRows :])


def data_table(
    rows: Sequence[Sequence[Flowable | str]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    banded: bool = True,
) -> Table:
    """A grid whose header row(s) repeat on every page and whose rows may split across pages.

    A row too tall for a page breaks inside itself instead of stopping the whole
    document with a LayoutError (RELIABILITY RL-7); see `RowTable`.
    """
    table = RowTable(
        [list(row) for row in rows],
        colWidths=list(widths),
        repeatRows=header_rows,
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=8,
    )
    commands: list[tuple[object, ...]] = [
        # Cells hold Paragraphs, but a table still names its own font on every page.
        ("FONT", (0, 0), (-1, -1), REGULAR, SMALL_SIZE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 3.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4.5),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.8, ACCENT),
        ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 0.8, ACCENT),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), HEADER_FILL))
    if banded:
        commands.append(("ROWBACKGROUNDS", (0, header_rows), (-1, -1), [colors.white, BAND_FILL]))
    table.setStyle(TableStyle(commands))
    return table


def list_table(rows: Sequence[Sequence[Flowable | str]], widths: Sequence[float]) -> Table:
    """Two quiet columns without lines: attendance lists, the meeting's details."""
    table = RowTable([list(row) for row in rows], colWidths=list(widths), hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, SMALL_SIZE),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def cell(markup_text: str, style: ParagraphStyle | None = None) -> Paragraph:
    """A table cell from markup already made safe by `reports.text`."""
    return Paragraph(markup_text, style or styles().cell)


class _KeepTogether(KeepTogether):  # type: ignore[misc]
    """ReportLab's KeepTogether moves any group that does not fit to the next page, so a
    heading before a 60-row table would leave most of a page empty. This one moves a
    group only when it is short (up to a third of a page) or when less than
    `MIN_START` is left; a longer group starts where it is and flows on."""

    def __init__(self, flowables: Sequence[Flowable]) -> None:
        super().__init__(list(flowables))
        self.parts = list(flowables)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        content: list[Flowable] = self._content[:]
        height = self._H
        frame = getattr(self, "_frame", None)
        at_top = bool(frame is not None and getattr(frame, "_atTop", False))
        short = height <= FRAME_HEIGHT / 3
        move = height > available_height and not at_top and (short or available_height < MIN_START)
        # An action first (a break, or nothing) hands the parts back to the page one by
        # one, so a group inside a group is split in its turn rather than refused.
        return [self.FrameBreak() if move else self.NullActionFlowable(), *content]


MIN_START = 40 * mm  # a long group starts on a page only if this much room is left


def keep_together(flowables: Sequence[Flowable]) -> KeepTogether:
    """A heading with what follows it, or a paragraph with its decisions: on one page
    when short; when long, started on this page if there is room and left to flow.

    A group inside a group is merged into it: measured on its own, a nested group
    looks endless to ReportLab and the outer one would never be kept together.
    """
    parts: list[Flowable] = []
    for flowable in flowables:
        parts += flowable.parts if isinstance(flowable, _KeepTogether) else [flowable]
    return _KeepTogether(parts)
