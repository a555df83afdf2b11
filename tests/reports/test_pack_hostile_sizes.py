"""The whole board pack against long text and a broken logo: RELIABILITY RL-7, RL-9 and RL-2.

Long text is refused by the services over 10,000 characters, naming the
field (3,000 sentences, a 100,000-character paragraph); at the limit, and
past it in a board written before the limit existed, it must split across
pages and come back whole and in order. A 5,000-character word must build and
never be cut short. Build times are recorded as the `build_seconds` property
(wall-clock asserts have no place in unit tests). The one file a user puts on
every page, the template's logo, must never stop the pack either.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import update

from improvement_desk.db.models import LogAction
from improvement_desk.domain.action_log import LogActionDraft, LogUpdateDraft
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.plan import ActionDraft
from improvement_desk.domain.text_rules import LONG_TEXT

from .hostile_board import LONG_FIELDS, Attempt, Built, PlainBoard, build, note_time, plain_board
from .hostile_pack import images


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PlainBoard]:
    """For refusals only: nothing is ever written to it."""
    board = plain_board(tmp_path_factory.mktemp("plain") / "plain.db")
    yield board
    board.desk.close()


# -- RL-7 and RL-9: long text ---------------------------------------------------------------------


def sentences(template: str, limit: int) -> tuple[str, int]:
    """Numbered sentences, as many as fit in `limit` characters, and how many."""
    parts: list[str] = []
    while len(" ".join([*parts, template.format(len(parts) + 1)])) <= limit:
        parts.append(template.format(len(parts) + 1))
    return " ".join(parts), len(parts)


THREE_THOUSAND = " ".join(f"Sentence {n} of the minute." for n in range(1, 3001))
HUNDRED_K = ("Every word of this paragraph counts. " * 2703)[:100_000]


@pytest.mark.parametrize("text", [THREE_THOUSAND, HUNDRED_K], ids=["3000-sentences", "100k"])
@pytest.mark.parametrize(("field", "attempt"), LONG_FIELDS)
def test_rl7_rl9_text_over_the_limit_is_refused_naming_the_field(
    plain: PlainBoard, field: str, attempt: Attempt, text: str
) -> None:
    assert len(text) > LONG_TEXT
    with pytest.raises(ValidationError) as refused:
        attempt(plain, text)
    assert refused.value.fields() == {field}
    assert f"the limit is {LONG_TEXT:,}" in str(refused.value)


@dataclass(frozen=True)
class LongPacks:
    before: Built
    after: Built
    counts: dict[str, int]  # sentence pattern -> how many were typed


@pytest.fixture(scope="module")
def at_limit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LongPacks]:
    """The longest texts the services accept: a minute, a log action and a plan action."""
    folder = tmp_path_factory.mktemp("limit")
    board = plain_board(folder / "limit.db")
    desk = board.desk
    before = build(desk, board.meeting_id, folder / "before.pdf")
    minute, minutes = sentences("Point-{} of the minute.", LONG_TEXT)
    action, actions = sentences("Sentence-{} of the action.", LONG_TEXT)
    step, steps = sentences("Step-{} of the plan.", LONG_TEXT)
    desk.minutes.write_minute(board.item_id, minute, expected_version=None)
    desk.action_log.add(
        board.previous_id, None, LogActionDraft(action, board.owner_id, date(2014, 2, 1))
    )
    draft = ActionDraft("1.1", step, "Jo Bloggs", None, date(2014, 6, 30), status=Brag.RED)
    desk.actions.create(board.recommendation_id, draft)
    after = build(desk, board.meeting_id, folder / "after.pdf")
    yield LongPacks(before, after, {"Point": minutes, "Sentence": actions, "Step": steps})
    desk.close()


def numbers_in_order(texts: list[str], word: str) -> tuple[list[int], set[int]]:
    """The sentence numbers as printed, in reading order, and the pages they are on ("word-12"
    is one word, so neither a line nor a page can break it)."""
    found: list[int] = []
    pages: set[int] = set()
    for page, text in enumerate(texts):
        for match in re.finditer(rf"\b{word}-(\d+)\b", text):
            found.append(int(match.group(1)))
            pages.add(page)
    return found, pages


def test_rl7_text_at_the_limit_splits_across_pages(
    at_limit: LongPacks, request: pytest.FixtureRequest
) -> None:
    note_time(request, at_limit.after)
    assert at_limit.after.report.pages >= at_limit.before.report.pages + 6
    for word, count in at_limit.counts.items():
        found, pages = numbers_in_order(at_limit.after.texts, word)
        assert found == list(range(1, count + 1)), word
        assert len(pages) >= 2, f"{word}: one {LONG_TEXT:,}-character text, {len(pages)} page"


@pytest.fixture(scope="module")
def beyond_limit(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LongPacks]:
    """3,000 sentences in a log action's cell, written past the services (an older board)."""
    folder = tmp_path_factory.mktemp("beyond")
    board = plain_board(folder / "beyond.db")
    desk = board.desk
    desk.action_log.add(
        board.previous_id, None, LogActionDraft("Short", board.owner_id, date(2014, 2, 1))
    )
    before = build(desk, board.meeting_id, folder / "before.pdf")
    text = " ".join(f"S{n}." for n in range(1, 3001))
    with desk.ctx.db.transaction() as session:
        session.execute(update(LogAction).values(description=text))
    after = build(desk, board.meeting_id, folder / "after.pdf")
    yield LongPacks(before, after, {"S": 3000})
    desk.close()


def test_rl7_three_thousand_sentences_in_a_table_cell_still_build(
    beyond_limit: LongPacks, request: pytest.FixtureRequest
) -> None:
    note_time(request, beyond_limit.after)
    assert beyond_limit.after.report.pages >= beyond_limit.before.report.pages + 8
    found: list[int] = []
    pages: set[int] = set()
    for page, text in enumerate(beyond_limit.after.texts):
        numbers = [int(n) for n in re.findall(r"\bS(\d+)\.", text)]
        found += numbers
        pages |= {page} if numbers else set()
    assert found == list(range(1, 3001))
    assert len(pages) >= 8


WORD = ("ŵ" * 9 + "ŷ") * 500  # 5,000 characters, none of them used anywhere else in the pack
WORD_PLACES = 7  # minute, decision, action line, summary of actions, log, log update, plan


@pytest.fixture(scope="module")
def long_word(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """A 5,000-character word in a minute, a decision, a log action and its update, and a
    plan action."""
    folder = tmp_path_factory.mktemp("word")
    board = plain_board(folder / "word.db")
    desk = board.desk
    desk.minutes.write_minute(board.item_id, WORD, expected_version=None)
    desk.minutes.add_decision(board.item_id, WORD)
    action = desk.action_log.add(
        board.previous_id, board.item_id, LogActionDraft(WORD, board.owner_id, date(2014, 2, 1))
    )
    desk.action_log.add_update(action.summary.id, LogUpdateDraft(date(2014, 3, 1), WORD))
    draft = ActionDraft("1.1", WORD, "Jo Bloggs", None, date(2014, 6, 30), status=Brag.RED)
    desk.actions.create(board.recommendation_id, draft)
    yield build(desk, board.meeting_id, folder / "word.pdf")
    desk.close()


def test_rl9_a_5000_character_word_builds_and_is_never_cut_short(
    long_word: Built, request: pytest.FixtureRequest
) -> None:
    note_time(request, long_word)
    # Broken at line ends (and page ends) only: every character of every copy is printed.
    assert long_word.text.count("ŵ") == WORD_PLACES * 4500
    assert long_word.text.count("ŷ") == WORD_PLACES * 500


# -- RL-2 for the one file a user puts on every page: the template's logo -------------------------


def png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


GOOD_LOGO = png(Image.new("RGB", (120, 60), (31, 58, 95)))
TRUNCATED_LOGO = png(Image.effect_noise((400, 300), 80).convert("RGB"))[:20_000]
HUGE_LOGO = png(Image.new("1", (12_000, 1_400)))  # 2 KB that would decode to 16.8 megapixels


@pytest.mark.parametrize(
    ("logo", "shown"),
    [(GOOD_LOGO, True), (TRUNCATED_LOGO, False), (HUGE_LOGO, False)],
    ids=["good", "truncated", "huge"],
)
def test_rl2_a_logo_that_cannot_be_drawn_is_left_out_not_fatal(
    tmp_path: Path, logo: bytes, shown: bool
) -> None:
    """The template checks only a logo's size and first bytes; a PNG cut short passes them
    and used to stop the whole pack at drawing time (reported as a file that could not be
    written)."""
    board = plain_board(tmp_path / "logo.db")
    try:
        template = board.desk.pack_template.load()
        board.desk.pack_template.update(
            template.sections, template.accent, logo, expected_version=template.version
        )
        built = build(board.desk, board.meeting_id, tmp_path / "logo.pdf")
    finally:
        board.desk.close()
    assert bool(images(built.reader.pages[0])) is shown
    assert "Improvement Board meeting" in built.texts[0]
