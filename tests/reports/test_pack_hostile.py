"""The whole board pack against hostile text: RELIABILITY section A, RL-1 to RL-6 and RL-8.

A board is made through the services with hostile text in every field the pack
prints (tests/reports/hostile_board.py), and its full and public packs are built
by `PackService.build` and read back with pypdf. The text must come back as
typed: not obeyed as markup (no colour, font, image, link or code run), not
decoded as entities, and never a reason for the pack to fail. Where the
services refuse text first (control characters), the refusal must name the
field. Long text (RL-7, RL-9) and the template's logo are in
test_pack_hostile_sizes.py.

Every negative check ("nothing fetched", "nothing read", "no link") has a
detector that `test_the_detectors_see_markup_that_is_obeyed` proves can see
the attack when ReportLab is handed the same markup raw.
"""

from __future__ import annotations

import contextlib
import io
import re
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate

from improvement_desk.domain.errors import ValidationError
from improvement_desk.reports.fonts import missing_characters
from improvement_desk.reports.styles import styles

from .hostile_board import (
    LONG_FIELDS,
    MEETING_WORDS,
    RL8_LINES,
    RL8_SECOND,
    SHORT_FIELDS,
    Attempt,
    Built,
    HostileBoard,
    PlainBoard,
    build,
    build_hostile_board,
    note_time,
    plain_board,
)
from .hostile_pack import (
    LINK_FILE,
    LINK_JS,
    NAME,
    RL1,
    RL2,
    RL_TAGS,
    SECRET_TEXT,
    Listener,
    active_links,
    count_printed,
    cve_2023_33733,
    font_names,
    image_tags,
    images,
    outline_titles,
    printed_across,
    red_ink,
    watch_opens,
)

PAPER_PAGE = "Paper for item"  # the text of the papers' own pages (tests/meeting_fixtures)
FONTS = {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"}


@dataclass(frozen=True)
class Packs:
    board: HostileBoard
    port: int
    full: Built
    public: Built
    connections: list[bytes]  # reached the loopback listener while the packs were built
    opened: list[str]  # watched local files opened while the packs were built


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Packs]:
    folder = tmp_path_factory.mktemp("hostile")
    with Listener() as listener:
        board = build_hostile_board(folder, listener.port)
        try:
            with watch_opens(board.png, board.secret) as opened:
                full = build(board.desk, board.meeting_id, folder / "full.pdf")
                public = build(board.desk, board.meeting_id, folder / "public.pdf", public=True)
            yield Packs(board, listener.port, full, public, list(listener.connections), opened)
        finally:
            board.desk.close()


@pytest.fixture(params=[False, True], ids=["full", "public"])
def pack(request: pytest.FixtureRequest, hostile: Packs) -> Built:
    return hostile.public if request.param else hostile.full


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlainBoard]:
    """For refusals only: nothing is ever written to it."""
    board = plain_board(tmp_path_factory.mktemp("plain") / "plain.db")
    yield board
    board.desk.close()


def story_pages(built: Built) -> list[int]:
    return [n for n, text in enumerate(built.texts) if PAPER_PAGE not in text]


# -- RL-1 and RL-2: markup and entities are printed, never obeyed --------------------------------


def test_rl1_rl2_every_field_prints_as_typed(
    hostile: Packs, pack: Built, request: pytest.FixtureRequest
) -> None:
    note_time(request, pack)
    typed = hostile.board.typed
    lost = [field for field, text in typed.items() if not printed_across(pack.texts, text)]
    assert lost == []
    assert not pack.report.withheld  # nothing is exempt: the public pack prints it all too


def test_rl1_rl2_strings_come_back_verbatim_and_no_entity_is_decoded(pack: Built) -> None:
    for typed in (*RL1, *RL2):
        assert typed in pack.text  # character for character on one line (wide paragraphs)
    assert pack.text.count("<font color='red'>x</font>") >= 10
    for decoded in ("©", "R&D;", "&amp;", "&lt;", "&gt;"):  # entity obeyed, or escaped twice
        assert decoded not in pack.text


def test_rl1_rl2_no_colour_font_or_image_change(pack: Built) -> None:
    pages = pack.reader.pages
    assert [n for n, page in enumerate(pages) if red_ink(page)] == []
    for number in story_pages(pack):
        names = {name.split("+")[-1] for name in font_names(pages[number])}
        assert names <= FONTS, f"page {number + 1}: {names}"
        assert images(pages[number]) == []


def test_rl1_metadata_outline_and_running_text_as_typed(hostile: Packs, pack: Built) -> None:
    typed = hostile.board.typed
    metadata = pack.reader.metadata
    assert metadata is not None
    assert metadata.author == typed["board name"]
    assert metadata.title is not None
    assert metadata.title.startswith(f"{typed['board name']} — board pack, {MEETING_WORDS}")
    titles = list(outline_titles(pack.reader.outline))
    assert f"1. {typed['item title']}" in titles
    assert f"2. {typed['item 2 title']}" in titles
    assert set(hostile.board.paper_titles.values()) <= set(titles)
    footer = f"{typed['meeting title']}, {MEETING_WORDS}"
    story = story_pages(pack)
    assert all(footer in pack.texts[n] for n in story[1:])  # every page but the cover
    for number, title in hostile.board.paper_titles.items():
        assert any(f"Item {number}: {title}" in text for text in pack.texts if PAPER_PAGE in text)


# -- RL-3: CVE-2023-33733 -------------------------------------------------------------------------


def test_rl3_cve_payload_is_printed_never_run(hostile: Packs, pack: Built) -> None:
    assert not hostile.board.canary.exists()
    # In the minute, the decision, the plan action and the log action (three places).
    assert count_printed(pack.text, cve_2023_33733(hostile.board.canary)) >= 4


def test_rl3_raw_payload_is_refused_by_reportlab_itself(tmp_path: Path) -> None:
    """The second line of defence, were escaping ever missed: reportlab >= 3.6.13."""
    canary = tmp_path / "CANARY"
    document = SimpleDocTemplate(io.BytesIO())
    with pytest.raises(ValueError, match="paragraph text"):
        document.build([Paragraph(cve_2023_33733(canary), styles().body)])
    assert not canary.exists()


# -- RL-4 and RL-5: images and links ------------------------------------------------------------


def test_rl4_img_tags_fetch_nothing_and_read_nothing(hostile: Packs, pack: Built) -> None:
    assert hostile.connections == []
    assert hostile.opened == []
    assert [n for n, page in enumerate(pack.reader.pages) if images(page)] == []
    assert SECRET_TEXT not in pack.text
    for tag in image_tags(hostile.port, hostile.board.folder):
        assert count_printed(pack.text, tag) >= 4, tag


def test_rl5_links_are_text_not_annotations(pack: Built) -> None:
    assert active_links(pack.reader) == []
    assert count_printed(pack.text, LINK_JS) >= 4
    assert count_printed(pack.text, LINK_FILE) >= 4
    for tag in RL_TAGS:
        assert count_printed(pack.text, tag) >= 4, tag


def test_the_detectors_see_markup_that_is_obeyed(tmp_path: Path) -> None:
    """Raw markup, handed to ReportLab without escaping, trips every detector used above."""
    png = tmp_path / "seen.png"
    Image.new("RGB", (8, 8), (0, 0, 255)).save(png)
    raw = (
        "<font color='red'>x</font> "
        '<a href="javascript:app.alert(1)">click</a> '
        f'<img src="{png}" width="8" height="8"/>'
    )
    target = tmp_path / "raw.pdf"
    with watch_opens(png) as opened:
        SimpleDocTemplate(str(target)).build([Paragraph(raw, styles().body)])
    reader = PdfReader(target)
    assert opened
    assert images(reader.pages[0])
    assert red_ink(reader.pages[0])
    assert any("javascript:" in link for link in active_links(reader))
    with Listener() as listener, contextlib.suppress(OSError):
        urllib.request.urlopen(f"http://127.0.0.1:{listener.port}/x", timeout=5)
    assert listener.connections
    assert listener.connections[0].startswith(b"GET /x")


# -- RL-6: names and characters -----------------------------------------------------------------


def test_rl6_names_print_letter_for_letter(hostile: Packs, pack: Built) -> None:
    assert missing_characters([NAME]) == ""
    assert NAME in pack.text  # exactly, on one line: the minutes' Present list, the agenda
    fields = [typed for typed in hostile.board.typed.values() if NAME in typed]
    assert count_printed(pack.text, NAME) >= len(fields)
    assert "■" not in pack.text
    assert "\x00" not in pack.text


NUL = "before\x00after"


@pytest.mark.parametrize(("field", "attempt"), SHORT_FIELDS + LONG_FIELDS)
def test_rl6_nul_is_refused_naming_the_field(
    plain: PlainBoard, field: str, attempt: Attempt
) -> None:
    with pytest.raises(ValidationError) as refused:
        attempt(plain, NUL)
    assert refused.value.fields() == {field}
    assert "control characters" in str(refused.value)


@pytest.mark.parametrize(("field", "attempt"), LONG_FIELDS[:1])
def test_rl6_a_lone_surrogate_is_refused_naming_the_field(
    plain: PlainBoard, field: str, attempt: Attempt
) -> None:
    with pytest.raises(ValidationError) as refused:
        attempt(plain, "half of a pair \ud83d here")
    assert refused.value.fields() == {field}
    assert "half of a character" in str(refused.value)


SMILE = "\U0001f600"  # in DejaVu Sans, above U+FFFF
THUMBS = "\U0001f44d\U0001f3fd"  # not in DejaVu Sans


@pytest.fixture(scope="module")
def characters(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    folder = tmp_path_factory.mktemp("characters")
    board = plain_board(folder / "characters.db")
    minute = f"{NAME} ticks ✓ and smiles {SMILE} then waves {THUMBS} end."
    board.desk.minutes.write_minute(board.item_id, minute, expected_version=None)
    yield build(board.desk, board.meeting_id, folder / "characters.pdf")
    board.desk.close()


def test_rl6_characters_the_font_lacks_do_not_stop_the_pack(characters: Built) -> None:
    assert f"{NAME} ticks ✓ and smiles" in characters.text
    assert " end." in characters.text
    # The pack prints a box for what the font lacks, and the build reports which ones.
    assert missing_characters([f"✓ {SMILE} {THUMBS}"]) == THUMBS
    assert characters.report.missing_characters == THUMBS


def test_rl6_characters_above_the_bmp_the_font_has_can_be_read_back(characters: Built) -> None:
    assert f"smiles {SMILE} then" in characters.text


# -- RL-8: line breaks --------------------------------------------------------------------------


def test_rl8_line_breaks_are_kept(hostile: Packs, pack: Built) -> None:
    assert re.search(r"^\d+\.1 " + re.escape("\n".join(RL8_LINES)) + "$", pack.text, re.M)
    assert re.search(r"^\d+\.2 " + re.escape(RL8_SECOND) + "$", pack.text, re.M)
    assert hostile.board.typed["log action 2"] in pack.text  # three lines in a table cell
