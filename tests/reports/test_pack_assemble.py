"""Assembling the board pack: papers of every page size merged after the story, each page stamped
and numbered, a broken paper explained, outline, metadata and an all-or-nothing file write.

Most tests use a two-page stand-in story so they test the merge alone; the demo tests at the
end go through the real story and the leak scan."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.pdfgen.canvas import Canvas

from improvement_desk.domain.errors import StorageError
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.pack import PackSection
from improvement_desk.reports.pack.assemble import PAPERS_TITLE, build_pack
from improvement_desk.reports.pack.stamp import BAND
from improvement_desk.reports.pages import BuildCancelled
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.pack_records import PackContent, PackPaper

from .pack_leaks import leak_scan

EXEMPT_MEETING, SENSITIVE_MEETING = date(2013, 9, 11), date(2013, 12, 4)
EXEMPT_TITLE = "Permanent recruitment through an agency: revised specification"
PUBLIC_TITLE = "Agency social work contract: revised specification"  # the demo allows it
SENSITIVE_TITLE = "MASH: information sharing and police research support"


# -- a stand-in story and papers -----------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    title: str
    page_index: int
    level: int


@dataclass(frozen=True)
class FakeStory:
    pdf: bytes
    pages: int
    outline: tuple[Entry, ...]


def fake_render(
    content: PackContent, *, paper_pages: int, progress: Any = None, cancelled: Any = None
) -> FakeStory:
    """Two A4 pages numbered as the real story numbers them; bookmarks Cover, Agenda, Papers
    and one per item with papers (on its first paper page)."""
    assert paper_pages == sum(p.page_count for p in content.papers)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    for number in (1, 2):
        canvas.drawString(72, 700, f"Story page {number}")
        canvas.drawString(72, 40, f"{content.marking.label} Page {number} of {2 + paper_pages}")
        canvas.showPage()
    canvas.save()
    entries = [Entry("Cover", 0, 0), Entry("Agenda", 1, 0)]
    if paper_pages:
        entries.append(Entry(PAPERS_TITLE, 2, 0))
        page, seen = 2, set()
        for paper in content.papers:
            if paper.item_id not in seen:
                seen.add(paper.item_id)
                entries.append(Entry(f"{paper.item_number}. {paper.item_title}", page, 1))
            page += paper.page_count
    return FakeStory(buffer.getvalue(), 2, tuple(entries))


def paper_pdf(*sizes: tuple[float, float], rotate: int = 0, text: str = "Paper") -> bytes:
    """A paper with one page per size; text at its very top and bottom edges."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    for number, size in enumerate(sizes, start=1):
        canvas.setPageSize(size)
        canvas.drawString(20, size[1] - 12, f"{text} top {number}")
        canvas.drawString(20, 4, f"{text} foot {number}")
        canvas.showPage()
    canvas.save()
    if not rotate:
        return buffer.getvalue()
    writer = PdfWriter(clone_from=PdfReader(buffer))
    for page in writer.pages:
        page.rotate(rotate)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_paper(
    paper_id: int, item: tuple[int, str, str], content: bytes, pages: int, title: str = ""
) -> PackPaper:
    return PackPaper(
        item_id=item[0],
        item_number=item[1],
        item_title=item[2],
        paper_id=paper_id,
        title=title or f"Paper {paper_id}",
        file_name=f"paper-{paper_id}.pdf",
        content=content,
        page_count=pages,
        marking=Marking.OFFICIAL,
    )


ITEM_5 = (501, "5", "Single assessment")
ITEM_7 = (701, "7", "Workforce & <b>recruitment</b>")
PAPERS = (
    make_paper(1, ITEM_5, paper_pdf(A4, A4, text="Alpha"), 2),
    make_paper(2, ITEM_5, paper_pdf(letter, text="Bravo"), 1),
    make_paper(3, ITEM_7, paper_pdf(landscape(A4), text="Charlie"), 1),
    make_paper(4, ITEM_7, paper_pdf(A4, rotate=90, text="Delta"), 1),
)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    path = tmp_path_factory.mktemp("assemble-demo") / "demo.db"
    create_demo_board(path, ACTOR)
    desk = open_desk(path, ACTOR, read_only=True)
    yield desk
    desk.close()


def meeting_on(desk: Desk, when: date) -> int:
    return next(s.id for s in desk.meeting_reader.meetings() if s.meeting_date == when)


@pytest.fixture(scope="module")
def content(demo: Desk) -> PackContent:
    base = demo.pack_content.gather(meeting_on(demo, SENSITIVE_MEETING), public=False)
    return replace(base, papers=PAPERS)


def build(content: PackContent, target: Path, **kwargs: Any) -> PdfReader:
    build_pack(content, target, render=fake_render, **kwargs)
    return PdfReader(target)


def text_positions(page: Any) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            found.append((text.strip(), tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

    page.extract_text(visitor_text=visit)
    return found


def text_across(page: Any) -> list[tuple[str, float]]:
    found: list[tuple[str, float]] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: Any) -> None:
        if text.strip():
            found.append((text.strip(), tm[4] * cm[0] + tm[5] * cm[2] + cm[4]))

    page.extract_text(visitor_text=visit)
    return found


# -- merging and stamping --------------------------------------------------------------------


def test_every_page_is_stamped_and_numbered_through_the_papers(
    content: PackContent, tmp_path: Path
) -> None:
    reader = build(content, tmp_path / "pack.pdf")
    assert len(reader.pages) == 7
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "OFFICIAL-SENSITIVE" in text
        assert f"Page {number} of 7" in text
    for number in range(3, 8):
        text = reader.pages[number - 1].extract_text()
        assert "Board pack, 4 December 2013" in text
        assert content.board_name in text
    assert "Item 7: Paper 3" in reader.pages[5].extract_text()
    assert "Alpha top 2" in reader.pages[3].extract_text()


def test_papers_keep_their_size_and_orientation(content: PackContent, tmp_path: Path) -> None:
    reader = build(content, tmp_path / "pack.pdf")
    sizes = [
        (round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages
    ]
    a4, us, wide = (595, 842), (612, 792), (842, 595)
    assert sizes == [a4, a4, a4, a4, us, wide, wide]  # the turned A4 page reads as landscape
    assert all(p.rotation % 360 == 0 for p in reader.pages)


def test_the_stamp_sits_in_bands_the_paper_leaves_free(
    content: PackContent, tmp_path: Path
) -> None:
    reader = build(content, tmp_path / "pack.pdf")
    for page in reader.pages[2:]:
        height = float(page.mediabox.height)
        for text, y in text_positions(page):
            if text.startswith(("Alpha", "Bravo", "Charlie", "Delta")):
                assert BAND <= y <= height - BAND, (text, y)
            elif text.startswith("Page "):
                assert y < BAND
    # The turned page shows as a viewer showed it before: its first line near the right edge.
    across = dict(text_across(reader.pages[6]))
    assert across["Delta top 1"] > across["Delta foot 1"] + 400


def test_a_public_pack_says_so_in_the_stamp_and_title(content: PackContent, tmp_path: Path) -> None:
    public = replace(content, public=True, marking=Marking.OFFICIAL)
    reader = build(public, tmp_path / "public.pdf")
    assert "Board pack (public), 4 December 2013" in reader.pages[2].extract_text()
    assert "OFFICIAL-SENSITIVE" not in reader.pages[2].extract_text()
    assert reader.metadata is not None
    assert str(reader.metadata.title).endswith("board pack, 4 December 2013 (public)")


def test_outline_has_every_section_item_and_paper(content: PackContent, tmp_path: Path) -> None:
    target = tmp_path / "pack.pdf"
    built = build_pack(content, target, render=fake_render)
    assert built.outline_titles == (
        "Cover",
        "Agenda",
        "Papers",
        "5. Single assessment",
        "7. Workforce & <b>recruitment</b>",
        "Paper 1",
        "Paper 2",
        "Paper 3",
        "Paper 4",
    )
    reader = PdfReader(target)
    top = reader.outline
    titles = [e.title for e in top if not isinstance(e, list)]
    assert titles == ["Cover", "Agenda", "Papers"]
    items = top[3]
    assert [e.title for e in items if not isinstance(e, list)] == [
        "5. Single assessment",
        "7. Workforce & <b>recruitment</b>",
    ]
    item_5_papers, item_7_papers = (e for e in items if isinstance(e, list))
    pages = [reader.get_destination_page_number(e) for e in (*item_5_papers, *item_7_papers)]
    assert pages == [2, 4, 5, 6]
    assert [e.title for e in item_7_papers] == ["Paper 3", "Paper 4"]


def test_metadata_and_language(content: PackContent, tmp_path: Path) -> None:
    reader = build(content, tmp_path / "pack.pdf")
    info = reader.metadata
    assert info is not None
    assert info.title == f"{content.board_name} — board pack, 4 December 2013"
    assert info.author == content.board_name
    assert info.subject == "OFFICIAL-SENSITIVE"
    assert str(reader.root_object["/Lang"]) == "en-GB"


def test_fonts_are_embedded_dejavu(content: PackContent, tmp_path: Path) -> None:
    reader = build(content, tmp_path / "pack.pdf")
    resources: Any = reader.pages[4]["/Resources"]
    fonts = resources["/Font"]
    faces = [f.get_object() for f in fonts.values()]
    dejavu = [f for f in faces if "DejaVuSans" in str(f["/BaseFont"])]
    assert dejavu  # the stamp's (the test paper itself uses Helvetica)
    assert all("/FontFile2" in f["/FontDescriptor"] for f in dejavu)  # embedded


# -- papers that cannot be read ---------------------------------------------------------------


def locked_pdf() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(paper_pdf(A4))))
    writer.encrypt("secret")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "broken",
    [b"not a pdf at all", b"%PDF-1.4\n1 0 obj <<>> endobj trailer <<>>\n%%EOF", b"", "locked"],
)
def test_an_unreadable_paper_becomes_one_explanatory_page(
    content: PackContent, tmp_path: Path, broken: bytes | str
) -> None:
    data = locked_pdf() if broken == "locked" else broken
    assert isinstance(data, bytes)
    bad = make_paper(9, ITEM_7, data, 3, title="Budget <monitoring> & forecast")
    papers = (PAPERS[0], bad, PAPERS[2])
    built = build_pack(replace(content, papers=papers), tmp_path / "p.pdf", render=fake_render)
    reader = PdfReader(tmp_path / "p.pdf")
    assert built.pages == len(reader.pages) == 2 + 2 + 1 + 1  # the bad paper: one page
    notice = reader.pages[4].extract_text()
    assert "Item 7: a paper could not be included" in notice
    assert "Budget <monitoring> & forecast" in notice
    assert "paper-9.pdf" in notice
    assert "Page 5 of 6" in notice
    assert "Page 6 of 6" in reader.pages[5].extract_text()
    assert "Budget <monitoring> & forecast" in built.outline_titles


def test_a_paper_with_an_empty_password_is_included(content: PackContent, tmp_path: Path) -> None:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(paper_pdf(A4, text="Echo"))))
    writer.encrypt("", "owner")
    out = io.BytesIO()
    writer.write(out)
    papers = (make_paper(5, ITEM_5, out.getvalue(), 1),)
    reader = build(replace(content, papers=papers), tmp_path / "p.pdf")
    assert "Echo top 1" in reader.pages[2].extract_text()


def test_without_a_papers_section_no_paper_is_merged(content: PackContent, tmp_path: Path) -> None:
    sections = tuple(s for s in content.template.sections if s is not PackSection.PAPERS)
    quiet = replace(content, template=replace(content.template, sections=sections))
    built = build_pack(quiet, tmp_path / "p.pdf", render=fake_render)
    assert built.pages == 2
    assert built.outline_titles == ("Cover", "Agenda")


# -- the file -----------------------------------------------------------------------------------


def test_progress_counts_every_merged_page(content: PackContent, tmp_path: Path) -> None:
    seen: list[int] = []
    build_pack(content, tmp_path / "p.pdf", render=fake_render, progress=seen.append)
    assert seen == [3, 4, 5, 6, 7]  # the stand-in story reports none of its own


def test_cancelling_leaves_the_previous_file_as_it_was(
    content: PackContent, tmp_path: Path
) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"the previous pack")
    asked: list[int] = []

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(BuildCancelled):
        build_pack(content, target, render=fake_render, cancelled=cancelled)
    assert target.read_bytes() == b"the previous pack"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.pdf"]


def test_a_failed_write_leaves_the_previous_file(
    content: PackContent, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"the previous pack")

    def refuse(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("improvement_desk.runtime.atomic.os.replace", refuse)
    with pytest.raises(OSError, match="No space"):
        build_pack(content, target, render=fake_render)
    assert target.read_bytes() == b"the previous pack"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pack.pdf"]


# -- the demo board through the real story ----------------------------------------------------


def test_demo_full_pack_is_numbered_and_bookmarked_throughout(demo: Desk, tmp_path: Path) -> None:
    meeting = meeting_on(demo, SENSITIVE_MEETING)
    report = demo.pack.build(meeting, tmp_path / "full.pdf", public=False)
    reader = PdfReader(report.path)
    total = len(reader.pages)
    assert report.pages == total
    assert (report.public, report.withheld) == (False, ())
    for number, page in enumerate(reader.pages[1:], start=2):  # the cover has no footer
        text = page.extract_text()
        assert f"Page {number} of {total}" in text
        assert "OFFICIAL-SENSITIVE" in text
    titles = _titles(reader.outline)
    content = demo.pack_content.gather(meeting, public=False)
    for section in content.template.sections:
        assert section.label in titles
    for paper in content.papers:
        assert f"{paper.item_number}. {paper.item_title}" in titles
        assert paper.title in titles
    assert SENSITIVE_TITLE in titles


def _titles(outline: Any) -> list[str]:
    found: list[str] = []
    for entry in outline:
        found += _titles(entry) if isinstance(entry, list) else [str(entry.title)]
    return found


def _lines(paper: PackPaper) -> list[str]:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(paper.content)).pages)
    return [" ".join(line.split()) for line in text.splitlines()]


def _paper_lines(paper: PackPaper, others: list[PackPaper], count: int = 8) -> list[str]:
    """Distinctive lines of a paper's own text: long, and in no other paper (so not the
    running header every demo paper has)."""
    common = {line for other in others for line in _lines(other)}
    board = "Medway Children's Services Improvement Board"
    lines = [ln for ln in _lines(paper) if len(ln) > 40 and ln not in common and board not in ln]
    return lines[:count]


@pytest.mark.parametrize(
    ("when", "title"), [(EXEMPT_MEETING, EXEMPT_TITLE), (SENSITIVE_MEETING, SENSITIVE_TITLE)]
)
def test_demo_public_pack_leaks_nothing_withheld(
    demo: Desk, tmp_path: Path, when: date, title: str
) -> None:
    meeting = meeting_on(demo, when)
    full = demo.pack_content.gather(meeting, public=False)
    [item] = [i for i in full.meeting.items if i.title == title]
    forbidden = [title, *(p for p in item.minute.split("\n\n") if p.strip())]
    withheld = [p for p in full.papers if p.item_id == item.id]
    assert withheld
    others = [p for p in full.papers if p.item_id != item.id]
    for paper in withheld:
        lines = _paper_lines(paper, others)
        assert len(lines) >= 3
        forbidden += [paper.title, paper.file_name, *lines]
    forbidden += [d.text for d in item.decisions]

    public = demo.pack.build(meeting, tmp_path / "public.pdf", public=True)
    assert public.public
    assert public.withheld
    assert all(title not in w.what for w in public.withheld)
    assert leak_scan(public.path, forbidden) == []
    if item.exempt:  # printed in its place: the wording the board allowed
        assert item.public_title == PUBLIC_TITLE
        assert leak_scan(public.path, [PUBLIC_TITLE])
    # The scan does find them in the full pack, so it is looking in the right places.
    full_report = demo.pack.build(meeting, tmp_path / "full.pdf", public=False)
    assert leak_scan(full_report.path, forbidden)
    assert any("outline" in hit for hit in leak_scan(full_report.path, [title]))


def test_service_names_a_missing_folder(demo: Desk, tmp_path: Path) -> None:
    target = tmp_path / "nowhere" / "pack.pdf"
    with pytest.raises(StorageError, match="nowhere"):
        demo.pack.build(meeting_on(demo, EXEMPT_MEETING), target, public=True)


def test_service_turns_os_errors_into_storage_errors(
    demo: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("improvement_desk.runtime.atomic.os.replace", refuse)
    target = tmp_path / "pack.pdf"
    with pytest.raises(StorageError, match="permission denied") as raised:
        demo.pack.build(meeting_on(demo, EXEMPT_MEETING), target, public=True)
    assert str(target) in str(raised.value)
    assert not target.exists()


def test_service_previews_what_is_withheld(demo: Desk) -> None:
    lines = demo.pack.preview_withheld(meeting_on(demo, EXEMPT_MEETING))
    assert [w.what for w in lines] == [f"Item 10: {PUBLIC_TITLE} (exempt)"]
    assert demo.pack is demo.pack
