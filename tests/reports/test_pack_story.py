"""The board pack's generated pages, from the demo board, read back with pypdf.

What is asserted is what the assembler and a reader rely on: sections in the
template's order each with a bookmark on its first page, "Page X of Y" counting
the papers still to be merged, the agenda's paper pages agreeing with the
papers' page counts, nothing of an exempt item in the public version, hostile
text printed as typed, and only embedded fonts.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from conftest import ACTOR
from PIL import Image as PILImage
from pypdf import PdfReader

from improvement_desk.domain.marking import exempt_reason
from improvement_desk.domain.pack import PackSection
from improvement_desk.reports.pack.story import StoryResult, render_story
from improvement_desk.reports.pages import BuildCancelled
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.pack_records import PackContent

EXEMPT_MEETING = date(2013, 9, 11)  # item 10 exempt (paragraph 3) with one paper
AFTER_EXEMPT = date(2013, 10, 23)  # its previous meeting is the exempt one
HOSTILE = "<b>R&D</b> & <font color='red'>Siân</font> ≥ 5 </para> x"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    path = tmp_path_factory.mktemp("pack-story") / "demo.db"
    create_demo_board(path, ACTOR)
    desk = open_desk(path, ACTOR, read_only=True)
    yield desk
    desk.close()


def gather(desk: Desk, when: date, *, public: bool) -> PackContent:
    meeting = next(s.id for s in desk.meeting_reader.meetings() if s.meeting_date == when)
    return desk.pack_content.gather(meeting, public=public)


def render(content: PackContent) -> tuple[StoryResult, list[str]]:
    result = render_story(content, paper_pages=paper_pages(content))
    reader = PdfReader(io.BytesIO(result.pdf))
    assert len(reader.pages) == result.pages
    return result, [page.extract_text() for page in reader.pages]


def paper_pages(content: PackContent) -> int:
    return sum(p.page_count for p in content.papers)


def squash(text: str) -> str:
    return "".join(text.split())


def test_sections_in_template_order_each_with_a_bookmark(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    result, pages = render(content)
    sections = [e for e in result.outline if e.level == 0]
    assert [e.title for e in sections] == [s.label for s in content.template.sections]
    assert sections[0].page_index == 0  # the cover
    indexes = [e.page_index for e in sections]
    assert indexes == sorted(indexes)
    assert len(set(indexes)) == len(indexes)
    assert sections[-1].page_index == result.pages  # the papers, after the story
    for entry in sections[1:-1]:
        first_line = squash(pages[entry.page_index])
        assert squash(entry.title) in first_line, entry.title
    contents = pages[sections[1].page_index]
    for entry in sections[2:]:
        assert re.search(rf"{re.escape(entry.title)}\s*{entry.page_index + 1}\b", contents)


def test_every_page_but_the_cover_says_page_x_of_story_plus_papers(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    result, pages = render(content)
    total = result.pages + paper_pages(content)
    assert paper_pages(content) > 0
    assert "Page 1 of" not in pages[0]
    assert content.marking.label in pages[0]
    assert squash(content.board_name) in squash(pages[0])
    assert "Improvement Board meeting" in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} of {total}" in text
        assert content.marking.label in text


def test_agenda_paper_pages_follow_the_story_in_agenda_order(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    result, pages = render(content)
    page = result.pages + 1
    expected: dict[int, tuple[int, int]] = {}
    for paper in content.papers:
        first = expected.get(paper.item_id, (page, 0))[0]
        expected[paper.item_id] = (first, page + paper.page_count - 1)
        page += paper.page_count
    assert result.item_pages == expected
    agenda = " ".join(pages[i] for i in range(result.pages) if "Agenda" in pages[i][:200])
    for item in content.meeting.items:
        if item.id in expected:
            first, last = expected[item.id]
            shown = f"pages {first}–{last}" if first != last else f"page {first}"
            assert f"Papers: {shown}" in agenda
    items = [e for e in result.outline if e.level == 1]
    assert [e.page_index for e in items] == [expected[i][0] - 1 for i in expected]
    assert all(e.page_index >= result.pages for e in items)


def test_public_story_has_nothing_of_the_exempt_item(demo: Desk) -> None:
    full = gather(demo, EXEMPT_MEETING, public=False)
    exempt = next(i for i in full.meeting.items if i.exempt)
    later_full = gather(demo, AFTER_EXEMPT, public=False)
    assert later_full.previous is not None
    minute = next(i for i in later_full.previous.items if i.exempt).minute
    assert minute.strip()
    assert exempt.title in " ".join(render(full)[1])  # the full version prints it
    assert exempt.public_title
    # In its place, the wording the board allowed: on the agenda, then in the minutes.
    allowed = {
        EXEMPT_MEETING: f"10 {exempt.public_title}. {exempt_reason(3)}",
        AFTER_EXEMPT: f"10. {exempt.public_title} {exempt_reason(3)}",
    }
    for when in (EXEMPT_MEETING, AFTER_EXEMPT):
        result, pages = render(gather(demo, when, public=True))
        text = " ".join(" ".join(pages).split())
        assert squash(exempt.title) not in squash(text)
        assert squash(minute)[:60] not in squash(text)
        assert exempt.id not in result.item_pages
        assert all(exempt.title not in e.title for e in result.outline)
        assert squash(exempt_reason(exempt.exempt_paragraph or 1)) in squash(text)
        assert "Public version" in pages[0]
        assert squash(allowed[when]) in squash(text)
        assert "Exempt item" not in text


def test_public_agenda_prints_the_public_title_as_typed(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=True)
    meeting = content.meeting
    hostile = tuple(
        replace(i, title=HOSTILE, public_title=HOSTILE) if i.exempt else i for i in meeting.items
    )
    _, pages = render(replace(content, meeting=replace(meeting, items=hostile)))
    agenda = squash(" ".join(p for p in pages if "Agenda" in p[:200]))
    assert squash(f"10 {HOSTILE}. {exempt_reason(3)}") in agenda
    blank = tuple(replace(i, title="Exempt item", public_title="") for i in hostile)
    _, pages = render(replace(content, meeting=replace(meeting, items=blank)))
    agenda = squash(" ".join(p for p in pages if "Agenda" in p[:200]))
    assert squash(f"10 Exempt item. {exempt_reason(3)}") in agenda


def test_hostile_text_is_printed_as_typed(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    meeting = content.meeting
    first = replace(meeting.items[0], title=f"Item {HOSTILE}", presenter=HOSTILE)
    summary = replace(meeting.summary, venue=f"Room {HOSTILE}")
    hostile = replace(
        content,
        board_name=f"Board {HOSTILE}",
        meeting=replace(meeting, summary=summary, items=(first, *meeting.items[1:])),
    )
    _, pages = render(hostile)
    text = squash(" ".join(pages))
    for typed in (f"Board {HOSTILE}", f"Room {HOSTILE}", f"Item {HOSTILE}"):
        assert squash(typed) in text


def test_only_embedded_fonts(demo: Desk) -> None:
    result, _ = render(gather(demo, EXEMPT_MEETING, public=False))
    for page in PdfReader(io.BytesIO(result.pdf)).pages:
        resources: Any = page["/Resources"]
        for ref in resources["/Font"].values():
            font = ref.get_object()
            assert "Helvetica" not in str(font["/BaseFont"])
            inner = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in inner["/FontDescriptor"].get_object(), font["/BaseFont"]


def test_template_order_logo_and_no_previous_meeting(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    buffer = io.BytesIO()
    PILImage.new("RGB", (240, 80), "#1F3A5F").save(buffer, format="PNG")
    order = (PackSection.COVER, PackSection.MINUTES, PackSection.AGENDA, PackSection.ACTION_LOG)
    template = replace(content.template, sections=order, logo=buffer.getvalue())
    small = replace(content, template=template, previous=None, papers=())
    result, pages = render(small)
    assert [e.title for e in result.outline] == [s.label for s in order]
    assert result.item_pages == {}
    assert "No previous meeting" in pages[result.outline[1].page_index]
    assert "Papers: page" not in " ".join(pages)
    assert f"Page 2 of {result.pages}" in pages[1]


def test_an_unreadable_logo_is_left_out(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    template = replace(content.template, logo=b"not an image")
    result, _ = render(replace(content, template=template))
    assert result.pages > 1


def test_wrong_paper_page_count_is_refused(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    with pytest.raises(ValueError, match="paper_pages"):
        render_story(content, paper_pages=paper_pages(content) + 1)


def test_cancel_stops_the_build(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    with pytest.raises(BuildCancelled):
        render_story(content, paper_pages=paper_pages(content), cancelled=lambda: True)


def test_overdue_actions_say_so_in_words(demo: Desk) -> None:
    content = gather(demo, EXEMPT_MEETING, public=False)
    assert content.open_log
    late = replace(content.open_log[0], current_due=date(2014, 3, 21), overdue=True)
    _, pages = render(replace(content, open_log=(late, *content.open_log[1:])))
    text = " ".join(" ".join(pages).split())
    assert "Overdue by 10 days" in text  # as at 31 Mar 2014
    assert "1 overdue" in text


def test_the_previous_minutes_are_headed_once(demo: Desk) -> None:
    """The pack's section heading stands in for the minutes' own title block."""
    content = gather(demo, date(2014, 3, 5), public=False)
    _, pages = render(content)
    [page] = [p for p in pages if "Minutes of the previous meeting" in p and "Present" in p]
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    start = lines.index("Minutes of the previous meeting")
    assert lines[start + 1] == (
        "Improvement Board: minutes of the meeting held on Wednesday 22 January 2014"
    )
    assert "Improvement Board" not in lines  # no second title line of the meeting's name
    assert "Minutes of the meeting held on Wednesday 22 January 2014" not in lines


def test_a_log_row_is_never_cut_from_its_reference(demo: Desk) -> None:
    """April's open log runs over a page: no row is split, no header printed twice."""
    content = gather(demo, date(2014, 4, 16), public=False)
    _, pages = render(content)
    first = next(i for i, p in enumerate(pages) if "open actions," in p and "overdue, as at" in p)
    last = next(i for i, p in enumerate(pages) if "Closed since the last meeting" in p)
    log_pages = range(first, last + 1)
    assert len(log_pages) > 1
    for i in log_pages:
        assert pages[i].count("Ref\nAction\nOwner") == 1, f"page {i + 1}"
    for action in content.open_log:
        [home] = [i for i in log_pages if f"\n{action.reference}\n" in pages[i]]
        # The row's last line ("Raised …" or its latest update) is on the same page.
        tail = (action.latest_update or "Raised").split()[-1]
        after = pages[home].split(f"\n{action.reference}\n", 1)[1]
        assert tail in after, action.reference
