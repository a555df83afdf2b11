"""The whole board pack as one PDF: the generated pages, then every paper, stamped and bookmarked.

The story (reports/pack/story.py) numbers its pages "Page X of Y" counting the
papers that follow, so the papers are opened FIRST: a paper pypdf cannot read
becomes one explanatory page (never a failed pack, never a silent gap), and
the story is told the real page counts. Each paper page is then straightened,
shrunk into the margins' bands and stamped (reports/pack/stamp.py) so the
printed pack reads as one document. The outline is rebuilt from the story's
entries plus one per item's papers and one per paper.

The file is written beside the target and moved into place only when whole:
a cancelled, failed or interrupted build leaves the previous pack as it was.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import Fit, IndirectObject, NameObject, TextStringObject

from improvement_desk.domain.pack import PackSection
from improvement_desk.reports.pack.stamp import NOTICE_SIZE, Stamp, draw_stamps, make_room
from improvement_desk.reports.pack.stamp import notice_lines as _notice
from improvement_desk.reports.pages import CREATOR, LANGUAGE, BuildCancelled
from improvement_desk.reports.text import medium_date
from improvement_desk.runtime.atomic import write_atomically

if TYPE_CHECKING:
    from improvement_desk.services.pack_records import PackContent, PackPaper

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]
PAPERS_TITLE = PackSection.PAPERS.label


class StoryEntry(Protocol):
    @property
    def title(self) -> str: ...
    @property
    def page_index(self) -> int: ...
    @property
    def level(self) -> int: ...


class Story(Protocol):
    """What `render_story` returns, as far as the assembly needs it."""

    @property
    def pdf(self) -> bytes: ...
    @property
    def pages(self) -> int: ...
    @property
    def outline(self) -> Sequence[StoryEntry]: ...


class StoryRenderer(Protocol):
    def __call__(
        self,
        content: PackContent,
        *,
        paper_pages: int,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> Story: ...


@dataclass(frozen=True, slots=True)
class PackBuild:
    path: Path
    pages: int
    outline_titles: tuple[str, ...]


@dataclass(slots=True)
class _Opened:
    """A paper's pages ready to merge, or, when it could not be read, none (a notice)."""

    paper: PackPaper
    pages: list[PageObject]
    sizes: list[tuple[float, float]]

    @property
    def readable(self) -> bool:
        return bool(self.pages)

    @property
    def count(self) -> int:
        return len(self.pages) or 1


def build_pack(
    content: PackContent,
    target: Path,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    render: StoryRenderer | None = None,
) -> PackBuild:
    """Writes the pack to `target` (atomically) and returns what was written.

    `progress(n)` as page n is done; `cancelled()` asked at every page, True raises
    `BuildCancelled` with nothing written. OSError (full disk, no permission) comes out
    as it is, the temporary file removed. `render` is the story's renderer (tests)."""
    if render is None:
        from improvement_desk.reports.pack.story import render_story

        render = render_story
    target = Path(target)
    data, pages, titles = assemble_pdf(content, render, progress=progress, cancelled=cancelled)
    write_atomically(target, data)
    return PackBuild(target, pages, titles)


def assemble_pdf(
    content: PackContent,
    render: StoryRenderer,
    *,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> tuple[bytes, int, tuple[str, ...]]:
    """The pack's bytes, its page count and its outline titles (in outline order)."""
    papers = content.papers if PackSection.PAPERS in content.template.sections else ()
    opened = [_open_paper(paper) for paper in papers]
    told = replace(content, papers=tuple(replace(o.paper, page_count=o.count) for o in opened))
    paper_pages = sum(o.count for o in opened)
    story = render(told, paper_pages=paper_pages, progress=progress, cancelled=cancelled)
    total = story.pages + paper_pages

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(story.pdf)))
    if len(writer.pages) != story.pages:
        raise RuntimeError("the story's page count does not match its PDF")
    stamps = _stamps(content, opened, story.pages, total)
    overlay = PdfReader(io.BytesIO(draw_stamps(stamps)))
    number = story.pages
    for paper in opened:
        own = paper.pages or [PdfWriter().add_blank_page(*NOTICE_SIZE)]
        for page in own:
            if cancelled is not None and cancelled():
                raise BuildCancelled
            writer.add_page(page).merge_page(overlay.pages[number - story.pages])
            number += 1
            if progress is not None:
                progress(number)
    titles = _outline(writer, content, story, opened)
    _describe(writer, content)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue(), total, titles


def _open_paper(paper: PackPaper) -> _Opened:
    """The paper's pages, straightened and shrunk; none when pypdf cannot read them."""
    try:
        reader = PdfReader(io.BytesIO(paper.content))
        if reader.is_encrypted:
            reader.decrypt("")
        # pypdf edits a page's content only once it belongs to a writer.
        pages = list(PdfWriter(clone_from=reader).pages)
        sizes = [make_room(page) for page in pages]
    except Exception:  # any failure in someone else's PDF means "unreadable"
        return _Opened(paper, [], [])
    return _Opened(paper, pages, sizes)


def _stamps(content: PackContent, opened: list[_Opened], first: int, total: int) -> list[Stamp]:
    kind = "Board pack (public)" if content.public else "Board pack"
    document = f"{kind}, {medium_date(content.meeting.summary.meeting_date)}"
    found: list[Stamp] = []
    number = first
    for paper in opened:
        label = f"Item {paper.paper.item_number}: {paper.paper.title}"
        sizes = paper.sizes or [NOTICE_SIZE]
        notice = (
            ()
            if paper.readable
            else _notice(paper.paper.item_number, paper.paper.title, paper.paper.file_name)
        )
        for width, height in sizes:
            number += 1
            found.append(
                Stamp(
                    width,
                    height,
                    content.board_name,
                    document,
                    label,
                    content.marking,
                    number,
                    total,
                    notice,
                )
            )
    return found


def _outline(
    writer: PdfWriter, content: PackContent, story: Story, opened: list[_Opened]
) -> tuple[str, ...]:
    """The story's entries, nested by level, then each paper under its item's entry.

    The story already bookmarks "Papers" and each item with papers ("7. Title", on the
    first page of its papers); an item it did not bookmark gets an entry here."""
    if "/Outlines" in writer.root_object:
        del writer.root_object["/Outlines"]
    titles: list[str] = []
    parents: dict[int, IndirectObject] = {}
    papers_root: IndirectObject | None = None
    items: dict[int, IndirectObject] = {}  # page index -> the story's item entry there
    for entry in story.outline:
        parent = parents.get(entry.level - 1) if entry.level > 0 else None
        node = _bookmark(writer, entry.title, entry.page_index, parent)
        parents[entry.level] = node
        if entry.level == 0 and entry.title == PAPERS_TITLE:
            papers_root = node
        elif entry.level == 1 and entry.page_index >= story.pages:
            items.setdefault(entry.page_index, node)
        titles.append(entry.title)
    writer.page_mode = "/UseOutlines"
    if not opened:
        return tuple(titles)
    page = story.pages
    if papers_root is None:
        papers_root = _bookmark(writer, PAPERS_TITLE, page)
        titles.append(PAPERS_TITLE)
    item_node: IndirectObject | None = None
    item_id: int | None = None
    for paper in opened:
        if paper.paper.item_id != item_id:
            item_id = paper.paper.item_id
            item_node = items.get(page)
            if item_node is None:
                title = f"{paper.paper.item_number}. {' '.join(paper.paper.item_title.split())}"
                item_node = _bookmark(writer, title, page, papers_root)
                titles.append(title)
        title = " ".join(paper.paper.title.split())
        _bookmark(writer, title, page, item_node)
        titles.append(title)
        page += paper.count
    return tuple(titles)


def _bookmark(
    writer: PdfWriter, title: str, page: int, parent: IndirectObject | None = None
) -> IndirectObject:
    """An outline entry opening its page at the top, zoom unchanged (/XYZ): viewers keep
    the reader's zoom, and QtPdf reads it where it warns about the whole-page /Fit."""
    top = float(writer.pages[page].mediabox.top)
    return writer.add_outline_item(
        title=title, page_number=page, parent=parent, fit=Fit.xyz(top=top)
    )


def _describe(writer: PdfWriter, content: PackContent) -> None:
    when = medium_date(content.meeting.summary.meeting_date)
    title = f"{content.board_name} — board pack, {when}"
    if content.public:
        title += " (public)"
    writer.add_metadata(
        {
            "/Title": title,
            "/Author": content.board_name,
            "/Subject": content.marking.label,
            "/Creator": CREATOR,
            "/Producer": CREATOR,
        }
    )
    writer.root_object[NameObject("/Lang")] = TextStringObject(LANGUAGE)
