"""User text into ReportLab Paragraph markup: always data, never markup.

A Paragraph parses its text as mini-HTML, so a minute containing `<b>unclosed`
stops the whole document, `R&D` loses its ampersand and `<font color=…>` or
`<a href=…>` changes what the record says (RELIABILITY RL-1..RL-5). Every
string a user typed goes through `markup` first; only the report code itself
adds tags, around text that has already been escaped.
"""

from __future__ import annotations

import re
from datetime import date, time

# Control characters have no glyph and some stop the parser; tabs and newlines are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n(?:[ \t\u00a0]*\n)+")
# A tab indents like four spaces; plain spaces would be collapsed by the Paragraph.
TAB = "\u00a0" * 4
# Inside a line a tab is a wide gap the line may still break after.
_INNER_TAB = "\u00a0" * 3 + " "


def clean(text: str) -> str:
    """Line endings made "\n", control characters removed, trailing space trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def escape(text: str) -> str:
    """`&`, `<` and `>` as entities: the parser then shows them and nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str) -> str:
    """The one way user text enters a Paragraph: escaped, line breaks kept as `<br/>`.

    Leading spaces and tabs keep their indent (non-breaking spaces); a tab
    inside a line becomes a short gap. A word too long for its line (a pasted
    URL, a row of dashes) is split by the Paragraph itself: every style in
    `reports.styles` keeps ReportLab's `splitLongWords` on.
    """
    lines = []
    for line in clean(text).split("\n"):
        body = line.lstrip(" \t")
        indent = line[: len(line) - len(body)]
        lead = indent.replace("\t", TAB).replace(" ", "\u00a0")
        lines.append(lead + escape(body.replace("\t", _INNER_TAB)))
    return "<br/>".join(lines)


def paragraphs(text: str) -> list[str]:
    """A minute split at blank lines, each part as markup (no empty parts)."""
    parts = _BLANK_LINES.split(clean(text))
    return [markup(part) for part in parts if part.strip()]


# -- dates and times as a council's minutes write them ------------------------------------


def long_date(day: date) -> str:
    """ "Wednesday 12 March 2014" (no leading zero, on any platform)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def medium_date(day: date) -> str:
    """ "12 March 2014"."""
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    """ "12 Apr 2014": tables and dated notes."""
    return f"{day.day} {day:%b %Y}"


def clock_time(moment: time) -> str:
    """ "10.00 am", "2.30 pm", "12.00 noon": the style of UK committee minutes."""
    if moment.hour == 12 and moment.minute == 0:
        return "12.00 noon"
    hour = moment.hour % 12 or 12
    return f"{hour}.{moment.minute:02d} {'am' if moment.hour < 12 else 'pm'}"
