"""Typed values from what officers type in spreadsheet cells.

Cells arrive as plain Python values (str, int, float, datetime, date, bool or
None), never as openpyxl objects, so everything here is pure. Each parser
returns a `Parsed`: the value, or an error that refuses the cell, with a warning
for the preview and, for text that is no value at all ("Ongoing"), a note that
keeps what the officer wrote. Dates live in `dates.py`; `parse_uk_date` is
re-exported here so that callers need one import.
"""

from __future__ import annotations

import colorsys
import datetime as dt
import math
import re
from dataclasses import dataclass
from typing import Generic, TypeVar

from improvement_desk.domain.brag import Brag, Confidence

T = TypeVar("T")

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    """A cell read as a value: `error` refuses the cell; `warning` and `note` keep it."""

    value: T | None
    warning: str | None = None
    error: str | None = None
    note: str | None = None


def format_uk_date(day: dt.date) -> str:
    """'31 May 2013', whatever the machine's locale."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def quote(text: str, limit: int = 60) -> str:
    """Text for a message: on one line, in single quotes, cut short when long."""
    line = " ".join(text.split())
    return f"'{line if len(line) <= limit else line[: limit - 1] + '…'}'"


_INVISIBLE = str.maketrans(
    {"\u00a0": " ", "\u2007": " ", "\u202f": " ", "\t": " ", "\u200b": None, "\ufeff": None}
)
_SPACES = re.compile(r" {2,}")


def clean_cell_text(raw: object) -> str:
    """Any cell value as the text an officer sees in it, tidied."""
    if raw is None:
        return ""
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, dt.datetime):
        shown = format_uk_date(raw.date())
        return shown if raw.time() == dt.time() else f"{shown} {raw:%H:%M}"
    if isinstance(raw, dt.date):
        return format_uk_date(raw)
    if isinstance(raw, float) and math.isfinite(raw):
        if raw.is_integer() and abs(raw) < 1e16:
            return str(int(raw))
        return f"{raw:.15g}"  # Excel shows at most 15 significant digits
    # openpyxl leaves "_x000D_" where Excel stored a carriage return.
    text = str(raw).replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.translate(_INVISIBLE).split("\n"))
    return "\n".join(lines).strip()


def parse_uk_date(raw: object, *, today: dt.date | None = None) -> Parsed[dt.date]:
    """See `dates.parse_uk_date` (imported late: dates.py builds on this module)."""
    from improvement_desk.interchange.dates import parse_uk_date as parse

    return parse(raw, today=today)


# --- BRAG --------------------------------------------------------------------------------------

_ACCEPTED_BRAG = (
    "use Red, Amber, Green, Blue or Not started (or R, A, G, B), "
    "or On track, At risk, Off track or Complete"
)
_COLOUR_WORDS: dict[str, Brag] = {
    "r": Brag.RED,
    "red": Brag.RED,
    "a": Brag.AMBER,
    "amber": Brag.AMBER,
    "g": Brag.GREEN,
    "green": Brag.GREEN,
    "b": Brag.BLUE,
    "blue": Brag.BLUE,
}
_EXACT: dict[str, Brag] = {
    **_COLOUR_WORDS,
    "not started": Brag.NOT_STARTED,
    "not yet started": Brag.NOT_STARTED,
    "ns": Brag.NOT_STARTED,
    "n/s": Brag.NOT_STARTED,
    "–": Brag.NOT_STARTED,  # our own letter for it (Brag.letter)
}
_MEANINGS: dict[str, Brag] = {
    **dict.fromkeys(("complete", "completed", "done", "closed", "resolved"), Brag.BLUE),
    **dict.fromkeys(("on track", "on target"), Brag.GREEN),
    **dict.fromkeys(("at risk", "delayed"), Brag.AMBER),
    **dict.fromkeys(("off track", "off target", "blocked", "overdue"), Brag.RED),
}
_MEANING_WORDS = {
    Brag.BLUE: "complete",
    Brag.GREEN: "on track",
    Brag.AMBER: "at risk",
    Brag.RED: "off track",
}
_STATUSES = frozenset(
    {"in progress", "ongoing", "open", "started", "underway", "under way", "work in progress"}
)
_PLACEHOLDERS = frozenset({"n/a", "na", "tbc", "tba", "-", "—", "?", "none", "unknown"})
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]+)?%?")
_NUMBERED = re.compile(r"\(?[0-9]{1,2}(?:\s*[.):\-–]\s*|\s+)(?=[a-z])")
_JOIN = re.compile(r"\s*(?:[/\\&+\-–—]|\band\b|\bto\b)\s*|\s+")
_TAIL = re.compile(r"\s*(?:\(|[-–—:;,]).*$")


def _lookup(key: str, text: str) -> Parsed[Brag] | None:
    if key in _EXACT:
        return Parsed(_EXACT[key])
    if key in _MEANINGS:
        brag = _MEANINGS[key]
        warning = f"{quote(text)} taken as {brag.label} ({_MEANING_WORDS[brag]})"
        if brag is Brag.BLUE:
            warning += (
                "; an action turns Blue only with evidence of impact and the board's decision"
            )
        return Parsed(brag, warning=warning)
    if key in _STATUSES:
        return Parsed(
            None,
            warning=f"{quote(text)} is a status, not a BRAG rating; the rating was left unchanged",
        )
    if key in _PLACEHOLDERS:
        return Parsed(
            None, warning=f"{quote(text)} is not a BRAG rating; the rating was left unchanged"
        )
    return None


def _compound(key: str, text: str) -> Parsed[Brag] | None:
    """'Amber/Green', 'A-G', 'Red/Amber': the worse of the ratings named."""
    parts = [part for part in _JOIN.split(key) if part]
    if len(parts) < 2 or not all(part in _COLOUR_WORDS for part in parts):
        return None
    named = list(dict.fromkeys(_COLOUR_WORDS[part] for part in parts))
    worst = max(named, key=lambda brag: brag.severity)
    if len(named) == 1:
        return Parsed(worst)
    labels = [brag.label for brag in named]
    listed = f"{', '.join(labels[:-1])} and {labels[-1]}"
    return Parsed(
        worst, warning=f"{quote(text)} combines {listed}; taken as the worse, {worst.label}"
    )


def parse_brag(raw: object) -> Parsed[Brag]:
    """A delivery rating as written: letter, colour, status word, numbered label or 'A/G'."""
    text = clean_cell_text(raw)
    if not text:
        return Parsed(None)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return Parsed(None, error=f"a number is not a BRAG rating ({text}); {_ACCEPTED_BRAG}")
    key = " ".join(text.casefold().replace("_", " ").split()).rstrip(".")
    if _NUMBER.fullmatch(key):
        return Parsed(None, error=f"a number is not a BRAG rating ({text}); {_ACCEPTED_BRAG}")
    key = _NUMBERED.sub("", key, count=1)
    found = _lookup(key, text) or _compound(key, text)
    if found is None and (head := _TAIL.sub("", key)) and head != key:
        found = _lookup(head, text)  # "Green - on track", "Red (blocked)"
    if found is None or not isinstance(raw, str):
        return Parsed(None, error=f"{quote(text)} is not a BRAG rating; {_ACCEPTED_BRAG}")
    return found


_HEX = re.compile(r"#?(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})")
# Hue bands in degrees; reds wrap round 0. Purples and magentas are no rating.
_HUES: tuple[tuple[float, float, Brag], ...] = (
    (0.0, 15.0, Brag.RED),
    (15.0, 70.0, Brag.AMBER),
    (70.0, 170.0, Brag.GREEN),
    (170.0, 260.0, Brag.BLUE),
    (330.0, 360.0, Brag.RED),
)


def brag_from_fill(rgb: str | None) -> Parsed[Brag]:
    """The rating a cell's fill colour ("FFRRGGBB" or "RRGGBB") stands for, if any.

    Greys, whites and black (our own Not started grey among them) carry no
    rating: a grey cell says nothing an import could rely on.
    """
    if not isinstance(rgb, str) or rgb.strip() == "00000000":
        return Parsed(None)  # openpyxl's "no fill"; theme colours come as other objects
    match = _HEX.fullmatch(rgb.strip())
    if match is None:
        return Parsed(None)
    hex_rgb = match[1].upper()
    red, green, blue = (int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, lightness, _saturation = colorsys.rgb_to_hls(red, green, blue)
    chroma = max(red, green, blue) - min(red, green, blue)
    if chroma < 0.07 or lightness < 0.1:
        return Parsed(None)
    degrees = hue * 360
    for low, high, brag in _HUES:
        if low <= degrees < high:
            return Parsed(brag, warning="rating read from the cell's colour")
    return Parsed(None, warning=f"cell colour #{hex_rgb} is not a BRAG colour; no rating read")


# --- Confidence --------------------------------------------------------------------------------

_CONFIDENCE: dict[str, Confidence] = {
    **dict.fromkeys(("high", "h"), Confidence.HIGH),
    **dict.fromkeys(("medium", "med", "m"), Confidence.MEDIUM),
    **dict.fromkeys(("low", "l"), Confidence.LOW),
}


def parse_confidence(raw: object) -> Parsed[Confidence]:
    """High, Medium or Low, as a word, a letter or 'Med'; 'High confidence' too."""
    text = clean_cell_text(raw)
    if not text:
        return Parsed(None)
    key = " ".join(text.casefold().split()).rstrip(".").removesuffix(" confidence")
    found = _CONFIDENCE.get(key) if isinstance(raw, str) else None
    if found is None:
        return Parsed(
            None,
            error=f"{quote(text)} is not a confidence rating; use High, Medium or Low (H, M, L)",
        )
    return Parsed(found)
