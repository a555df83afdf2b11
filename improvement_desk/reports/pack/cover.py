"""The pack's cover and contents page, and the page numbers both print.

The page numbers are only known after a first layout, so the story is laid out
twice: the first pass prints `PackPages.draft()` placeholders of the same width
as the real numbers (so the second pass breaks pages the same way), the
second prints what the first pass measured.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table, TableStyle

from improvement_desk.domain.marking import Marking
from improvement_desk.domain.pack import PackSection
from improvement_desk.reports.fonts import BOLD
from improvement_desk.reports.pack.parts import section_title
from improvement_desk.reports.styles import (
    FRAME_WIDTH,
    MUTED,
    SENSITIVE,
    SENSITIVE_FILL,
    cell,
    data_table,
    list_table,
    styles,
)
from improvement_desk.reports.text import clock_time, escape, long_date, markup

if TYPE_CHECKING:
    from improvement_desk.services.pack_records import PackContent

MEETING_LINE = "Improvement Board meeting"
LOGO_BOX = (60 * mm, 30 * mm)  # the most a logo may take, aspect kept
# A logo is small; a 2 MB PNG can hold far more pixels than memory or time allow.
MAX_LOGO_PIXELS = 16_000_000


@dataclass(frozen=True, slots=True)
class PackPages:
    """Printed (1-based) page numbers: each section's first page, each item's papers."""

    story: int  # pages the generated part has
    total: int  # story + papers: the "of Y"
    sections: dict[PackSection, int] = field(default_factory=dict)
    items: dict[int, tuple[int, int]] = field(default_factory=dict)  # item id -> first, last
    draft: bool = False

    def section(self, section: PackSection) -> str:
        return "00" if self.draft else str(self.sections.get(section, ""))

    def item(self, item_id: int) -> str:
        first, last = self.items[item_id]
        if self.draft:
            return "00–00"
        return str(first) if first == last else f"{first}–{last}"

    def item_words(self, item_id: int) -> str:
        """ "page 16" or "pages 17–18", for a sentence."""
        first, last = self.items[item_id]
        return (
            f"page {first}" if first == last and not self.draft else f"pages {self.item(item_id)}"
        )


def paper_ranges(content: PackContent, story_pages: int) -> dict[int, tuple[int, int]]:
    """Papers follow the story in agenda order: each item's first and last printed page."""
    ranges: dict[int, tuple[int, int]] = {}
    if PackSection.PAPERS not in content.template.sections:
        return ranges
    page = story_pages + 1
    for paper in content.papers:
        if paper.page_count <= 0:
            continue
        last = page + paper.page_count - 1
        first = ranges.get(paper.item_id, (page, last))[0]
        ranges[paper.item_id] = (first, last)
        page = last + 1
    return ranges


def cover(content: PackContent) -> list[Flowable]:
    """Board, meeting, date, time, venue, the marking large, the logo, "Public version"."""
    s = styles()
    accent = colors.HexColor(content.template.accent)
    summary = content.meeting.summary
    big = ParagraphStyle("cover_board", parent=s.title, fontSize=26, leading=32, textColor=accent)
    meeting = ParagraphStyle("cover_meeting", parent=s.subtitle, fontSize=16, leading=21)
    out: list[Flowable] = [_marking_box(content.marking), Spacer(1, 14 * mm)]
    logo = _logo(content.template.logo)
    if logo is not None:
        out += [logo, Spacer(1, 8 * mm)]
    out += [
        Paragraph(markup(content.board_name), big),
        Paragraph(MEETING_LINE, meeting),
        Spacer(1, 10 * mm),
    ]
    rows = [("Date", long_date(summary.meeting_date))]
    if summary.start_time is not None:
        rows.append(("Time", clock_time(summary.start_time)))
    if summary.venue.strip():
        rows.append(("Venue", markup(summary.venue)))
    rows.append(("Marking", f"<b>{escape(content.marking.label)}</b>"))
    label = ParagraphStyle("cover_label", parent=s.label, fontSize=11, leading=15)
    value = ParagraphStyle("cover_value", parent=s.body, fontSize=12, leading=16)
    out.append(
        list_table(
            [[Paragraph(k, label), Paragraph(v, value)] for k, v in rows], [28 * mm, 140 * mm]
        )
    )
    if content.public:
        public = ParagraphStyle("cover_public", parent=s.title, fontSize=15, textColor=accent)
        out += [
            Spacer(1, 10 * mm),
            Paragraph("Public version", public),
            Paragraph("Exempt and OFFICIAL-SENSITIVE information is withheld.", s.note),
        ]
    return out


def _marking_box(marking: Marking) -> Table:
    sensitive = marking is Marking.OFFICIAL_SENSITIVE
    ink = SENSITIVE if sensitive else MUTED
    style = ParagraphStyle(
        "cover_marking",
        parent=styles().body,
        fontName=BOLD,
        fontSize=16,
        leading=20,
        alignment=1,
        textColor=ink,
    )
    box = Table([[Paragraph(escape(marking.label), style)]], colWidths=[FRAME_WIDTH])
    box.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), BOLD, 16),  # else the table names Helvetica
                ("BOX", (0, 0), (-1, -1), 1.2, ink),
                ("BACKGROUND", (0, 0), (-1, -1), SENSITIVE_FILL if sensitive else colors.white),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return box


def _logo(data: bytes | None) -> Image | None:
    """The template's PNG or JPEG scaled into `LOGO_BOX`; an image that cannot be drawn is
    left out rather than stopping the pack. The template only checks a logo's size and
    first bytes, and a file cut short still has a readable header: it is decoded whole
    here, so it fails now, not while the page is drawn (which stopped the whole pack)."""
    if not data:
        return None
    try:
        reader = ImageReader(io.BytesIO(data))
        width, height = reader.getSize()
        if width <= 0 or height <= 0 or width * height > MAX_LOGO_PIXELS:
            return None
        reader.getRGBData()
    except Exception:  # any decoder error means "no logo"
        return None
    scale = min(LOGO_BOX[0] / width, LOGO_BOX[1] / height)
    image = Image(io.BytesIO(data), width=width * scale, height=height * scale)
    image.hAlign = "LEFT"
    return image


def contents(content: PackContent, pages: PackPages) -> list[Flowable]:
    """Each section with its first page; under "Papers", each item with its page range."""
    s = styles()
    head = [cell("Section", s.head), cell("Page", s.head)]
    rows: list[list[Flowable]] = [head]
    for section in content.template.sections:
        if section in (PackSection.COVER, PackSection.CONTENTS):
            continue
        if section is PackSection.PAPERS and not pages.items:
            continue
        rows.append([cell(escape(section.label), s.cell_bold), cell(pages.section(section))])
        if section is PackSection.PAPERS:
            for item in content.meeting.items:
                if item.id in pages.items:
                    title = f"{escape(item.number)}. {markup(item.title)}"
                    rows.append(
                        [
                            Paragraph(title, _indented()),
                            cell(pages.item(item.id)),
                        ]
                    )
    return [
        section_title(PackSection.CONTENTS.label),
        data_table(rows, [FRAME_WIDTH - 30 * mm, 30 * mm]),
    ]


def _indented() -> ParagraphStyle:
    return ParagraphStyle("contents_item", parent=styles().cell, leftIndent=6 * mm)
