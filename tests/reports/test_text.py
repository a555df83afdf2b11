"""User text reaches a Paragraph as data: escaped, line breaks kept, long words wrapped."""

from __future__ import annotations

import io
from datetime import date, time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.platypus import Paragraph, SimpleDocTemplate

from improvement_desk.reports.styles import FRAME_WIDTH, styles
from improvement_desk.reports.text import (
    TAB,
    clean,
    clock_time,
    escape,
    long_date,
    markup,
    paragraphs,
    short_date,
)

HOSTILE = [
    "<b>unclosed",
    "</b>",
    "R&D",
    "Risk R&D",
    "<font color='red'>x</font>",
    "a < b & <font color='red'>x</font>",
    "AT&T &copy; &bogus;",
    "&amp; &#60; &lt;",
    "<font name='NoSuchFont'>x</font>",
    "<font color='notacolour'>x</font>",
    '<img src="/etc/passwd"/>',
    '<a href="javascript:app.alert(1)">click</a>',
    "<para>nested</para>",
    "[[[getattr(pow, Word('__globals__'))['os'].system('touch CANARY')]]]",
    "\"double\" and 'single' quotes",
    "Siân Ŵyn Łukasz Nguyễn",
]


def render(*texts: str, width: float = FRAME_WIDTH) -> str:
    """Builds one paragraph per markup text and returns the PDF's text."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, leftMargin=36, rightMargin=36)
    doc.build([Paragraph(t, styles().body) for t in texts])
    return "\n".join(page.extract_text() for page in PdfReader(buffer).pages)


@pytest.mark.parametrize("text", HOSTILE)
def test_markup_is_shown_literally(text: str) -> None:
    assert render(markup(text)).strip() == text


def test_escape_handles_the_three_characters() -> None:
    assert escape("<b>R&D</b>") == "&lt;b&gt;R&amp;D&lt;/b&gt;"
    assert markup("a\nb") == "a<br/>b"


def test_line_breaks_and_indents_are_kept() -> None:
    text = "First line\nSecond line\n\tIndented by a tab\n  Two spaces"
    assert markup(text).count("<br/>") == 3
    lines = render(markup(text)).splitlines()
    assert lines[0] == "First line"
    assert lines[1] == "Second line"
    assert lines[2].replace("\u00a0", " ") == "    Indented by a tab"
    assert lines[3].replace("\u00a0", " ") == "  Two spaces"


def test_tab_inside_a_line_is_a_gap_not_markup() -> None:
    assert TAB in markup("\tx")
    shown = render(markup("Ref\tAction\tOwner")).replace("\u00a0", " ")
    assert shown.split() == ["Ref", "Action", "Owner"]


def test_clean_drops_control_characters_and_normalises_line_ends() -> None:
    assert clean("a\x00b\x07c\r\nd\re\x0b") == "abc\nd\ne"
    assert clean("\n\ntext  \n\n") == "text"


def test_paragraphs_split_at_blank_lines() -> None:
    assert paragraphs("one\ntwo\n\n  \n\nthree\n") == ["one<br/>two", "three"]
    assert paragraphs("") == []
    assert paragraphs("<b>\n\n&") == ["&lt;b&gt;", "&amp;"]


@pytest.mark.parametrize(
    "word", ["x" * 5000, "https://example.org/" + "/".join(["segment"] * 60), "-" * 400]
)
def test_a_long_unbroken_word_wraps_inside_the_column(word: str) -> None:
    width = 60 * 2.83
    para = Paragraph(markup(word), styles().cell)
    para.wrap(width, 10_000)
    lines = para.blPara.lines
    assert len(lines) > 1
    style = styles().cell
    from reportlab.pdfbase.pdfmetrics import stringWidth

    for line in lines:
        text = "".join(line[1]) if isinstance(line, tuple) else "".join(line.words)
        assert stringWidth(text, style.fontName, style.fontSize) <= width + 0.01
    assert render(markup(word)).replace("\n", "") == word


def test_dates_and_times_read_like_minutes() -> None:
    assert long_date(date(2014, 3, 5)) == "Wednesday 5 March 2014"
    assert short_date(date(2014, 4, 12)) == "12 Apr 2014"
    assert clock_time(time(10, 0)) == "10.00 am"
    assert clock_time(time(14, 30)) == "2.30 pm"
    assert clock_time(time(12, 0)) == "12.00 noon"
    assert clock_time(time(0, 5)) == "12.05 am"


_PIECES = st.sampled_from(
    [
        *"<>&\"';/=#abcXYZ ",
        "<b>",
        "</b>",
        "&amp;",
        "&copy;",
        "<br/>",
        "<font color='red'>",
        "Ŵ",
        "ễ",
    ]
)
_TEXT = st.lists(_PIECES, min_size=1, max_size=30).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_any_text_builds_and_round_trips(text: str) -> None:
    expected = " ".join(clean(text).split())
    if not expected:
        return
    shown = " ".join(render(markup(text)).split())
    assert shown == expected
