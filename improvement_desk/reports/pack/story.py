"""The generated part of the board pack: cover, contents, agenda, minutes, log, plan, risks,
scorecard, in the template's order, each on a new page, as one PDF.

The papers are merged after these pages by `reports/pack/assemble.py`; this
module only needs their page counts: "Page X of Y" counts them, and the
contents and agenda print each item's paper pages. Section pages are learnt by
laying the story out once with placeholder numbers and again with the
measured ones (again until nothing moves; in practice twice).

The PDF carries no bookmarks of its own: `StoryResult.outline` lists them
(0-based page indexes into the whole pack) and the assembler writes them once.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reportlab.platypus import Flowable, PageBreak, Paragraph

from improvement_desk.domain.pack import PackSection
from improvement_desk.reports.minutes import minutes_flowables
from improvement_desk.reports.pack.agenda import agenda
from improvement_desk.reports.pack.cover import PackPages, contents, cover, paper_ranges
from improvement_desk.reports.pack.log_section import log_section
from improvement_desk.reports.pack.parts import section_title
from improvement_desk.reports.pack.plan_section import plan_section
from improvement_desk.reports.pack.risk_section import risk_section
from improvement_desk.reports.pack.scorecard_section import scorecard_section
from improvement_desk.reports.pages import DocumentInfo, RunningText, build_pdf
from improvement_desk.reports.styles import styles
from improvement_desk.reports.text import medium_date

if TYPE_CHECKING:
    from improvement_desk.services.pack_records import PackContent

MAX_PASSES = 4
NO_PREVIOUS = "No previous meeting"


@dataclass(frozen=True, slots=True)
class OutlineEntry:
    """One bookmark of the pack: `page_index` counts from 0 over story and papers."""

    title: str
    page_index: int
    level: int


@dataclass(frozen=True, slots=True)
class StoryResult:
    pdf: bytes
    pages: int  # pages of the generated part (papers not included)
    outline: tuple[OutlineEntry, ...]
    # item id -> (first, last) printed page numbers (1-based, inclusive) of its papers
    item_pages: dict[int, tuple[int, int]]


class _PageMark(Flowable):  # type: ignore[misc]
    """Invisible: records the printed page number a section starts on."""

    def __init__(self, section: PackSection, seen: dict[PackSection, int]) -> None:
        super().__init__()
        self.section = section
        self.seen = seen
        self.width = self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.seen.setdefault(self.section, int(self.canv.getPageNumber()))


def render_story(
    content: PackContent,
    *,
    paper_pages: int,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> StoryResult:
    """Lays out the generated pages; `paper_pages` must be the papers' total page count.

    Raises ValueError when `paper_pages` disagrees with `content.papers` (the
    page ranges printed in the agenda would be wrong) and `BuildCancelled`
    when `cancelled()` answers True. `progress(n)` is called as page n is first laid out
    (the later passes lay out the same pages again and stay quiet, so a bar only rises).
    """
    expected = (
        sum(max(0, p.page_count) for p in content.papers)
        if PackSection.PAPERS in content.template.sections
        else 0
    )
    if paper_pages != expected:
        raise ValueError(
            f"paper_pages is {paper_pages} but the pack's papers have {expected} pages"
        )
    pages = PackPages(story=0, total=0, draft=True, items=paper_ranges(content, 0))
    progress = _rising(progress)
    for _ in range(MAX_PASSES):
        seen: dict[PackSection, int] = {}
        buffer = io.BytesIO()
        count = build_pdf(
            buffer,
            _story(content, pages, seen),
            _running(content),
            _info(content),
            progress=progress,
            cancelled=cancelled,
            extra_pages=paper_pages,
            cover=bool(content.template.sections)
            and content.template.sections[0] is PackSection.COVER,
        )
        if paper_pages:
            seen[PackSection.PAPERS] = count + 1
        measured = PackPages(
            story=count,
            total=count + paper_pages,
            sections=seen,
            items=paper_ranges(content, count),
        )
        if not pages.draft and measured == pages:
            break
        pages = measured
    return StoryResult(buffer.getvalue(), pages.story, _outline(content, pages), pages.items)


def _rising(progress: Callable[[int], None] | None) -> Callable[[int], None] | None:
    if progress is None:
        return None
    highest = 0

    def report(page: int) -> None:
        nonlocal highest
        if page > highest:
            highest = page
            progress(page)

    return report


def _story(content: PackContent, pages: PackPages, seen: dict[PackSection, int]) -> list[Flowable]:
    out: list[Flowable] = []
    for section in content.template.sections:
        if section is PackSection.PAPERS:
            continue
        if out:
            out.append(PageBreak())
        out.append(_PageMark(section, seen))
        out += _section(content, section, pages)
    return out


def _section(content: PackContent, section: PackSection, pages: PackPages) -> list[Flowable]:
    if section is PackSection.COVER:
        return cover(content)
    if section is PackSection.CONTENTS:
        return contents(content, pages)
    if section is PackSection.AGENDA:
        return agenda(content, pages)
    if section is PackSection.MINUTES:
        return _minutes(content)
    if section is PackSection.ACTION_LOG:
        return log_section(content)
    if section is PackSection.PLAN:
        return plan_section(content)
    if section is PackSection.RISKS:
        return risk_section(content)
    return scorecard_section(content)


def _minutes(content: PackContent) -> list[Flowable]:
    title = section_title(PackSection.MINUTES.label)
    if content.previous is None:
        return [title, Paragraph(f"{NO_PREVIOUS}: this is the board's first.", styles().body)]
    body = minutes_flowables(
        content.previous, content.board_name, public=content.public, outline=False
    )
    return [title, *body]


def _outline(content: PackContent, pages: PackPages) -> tuple[OutlineEntry, ...]:
    entries = [
        OutlineEntry(section.label, pages.sections[section] - 1, 0)
        for section in content.template.sections
        if section in pages.sections
    ]
    entries.sort(key=lambda e: e.page_index)
    for item in content.meeting.items:
        if item.id in pages.items:
            title = f"{item.number}. {' '.join(item.title.split())}"
            entries.append(OutlineEntry(title, pages.items[item.id][0] - 1, 1))
    return tuple(entries)


def _running(content: PackContent) -> RunningText:
    summary = content.meeting.summary
    kind = "Board pack (public)" if content.public else "Board pack"
    return RunningText(
        board_name=content.board_name,
        document=f"{kind}, {medium_date(summary.meeting_date)}",
        marking=content.marking,
        footer=f"{summary.title}, {medium_date(summary.meeting_date)}",
    )


def _info(content: PackContent) -> DocumentInfo:
    summary = content.meeting.summary
    held = medium_date(summary.meeting_date)
    public = " (public version)" if content.public else ""
    return DocumentInfo(
        title=f"Board pack: {summary.title}, {held}{public}",
        author=content.board_name,
        subject=f"{content.marking.label}: papers for the {summary.title} on {held}",
        keywords=(
            content.marking.label,
            "board pack",
            *(("public",) if content.public else ()),
        ),
    )
