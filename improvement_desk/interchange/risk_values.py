"""Risk-register values as registers really write them: 1–5 scales, statuses, proximity, cycles.

Registers disagree about scales. Ours is 1 to 5 for likelihood and impact
(`domain.risk_scoring`); a sheet may give the number ("4", 4.0), a numbered
label ("4 - Likely", "5 - Major impact ", "1- Marginal impact", "Low (1)",
"High 4"), a word, or for likelihood a probability (0.4, "60%"). The rules:

* A number on the scale is taken as it is. When a label's number and its word
  disagree ("2 - Almost certain"), the number wins and a warning says so: the
  number is what the sheet's own score formulas (`=VALUE(LEFT(x,1))*…`) used.
* Words are read on our five-point scale. Our own labels (Rare … Almost
  certain; Negligible … Critical) and their common synonyms are read as the
  level they name. The five-level words shared by both scales are:

      Very low = 1, Low = 2, Medium = 3, High = 4, Very high = 5

  so a three-level register's Low / Medium / High become 2 / 3 / 4, the middle
  of our scale rather than its ends. Every word other than our own labels is
  reported as a warning ("'High' read as 4 (Major)") for the preview.
* A likelihood between 0 and 1 (or a percentage) is a probability, banded as
  `domain.risk_scoring.LIKELIHOOD_MEANINGS` describes: up to 5% is 1, up to 25%
  is 2, up to 50% is 3, up to 80% is 4, above that 5.
* Off the scale (0, 6, "6 - Critical impact" from a six-point register), not
  whole (2.5), placeholders that promise a value ("tbc"), Excel errors and
  TRUE/FALSE refuse the cell; a dash or "n/a" is read as blank with a warning.

Everything returns `values.Parsed`, as the plan's parsers do: `error` refuses
the cell, `warning` says what was assumed, and an empty cell is `Parsed(None)`
(whether that is allowed is the row's business, not the cell's).
"""

from __future__ import annotations

import colorsys
import datetime as dt
import math
import re
from typing import Literal

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.risk import Proximity, ReviewFrequency, RiskStatus
from improvement_desk.domain.risk_scoring import IMPACT_LABELS, LIKELIHOOD_LABELS, SCALE
from improvement_desk.interchange.values import Parsed, brag_from_fill, clean_cell_text, quote

ScaleKind = Literal["likelihood", "impact"]

# --- the 1–5 scales ---------------------------------------------------------------------------

FIVE_LEVEL_WORDS: dict[str, int] = {
    "very low": 1,
    "low": 2,
    "medium": 3,
    "high": 4,
    "very high": 5,
}
"""The five-level words, the same on both scales. Documented in the module docstring."""

_FIVE_LEVEL_ALIASES: dict[str, int] = {
    **FIVE_LEVEL_WORDS,
    "v low": 1,
    "vl": 1,
    "l": 2,
    "med": 3,
    "m": 3,
    "h": 4,
    "v high": 5,
    "vh": 5,
}

LIKELIHOOD_SYNONYMS: dict[str, int] = {
    "remote": 1,
    "very unlikely": 1,
    "highly unlikely": 1,
    "improbable": 2,
    "probable": 4,
    "highly likely": 5,
    "very likely": 5,
    "highly probable": 5,
    "certain": 5,
}
IMPACT_SYNONYMS: dict[str, int] = {
    "insignificant": 1,
    "minimal": 1,
    "marginal": 2,
    "significant": 3,
    "serious": 4,
    "severe": 5,
    "catastrophic": 5,
}

PROBABILITY_BANDS: tuple[tuple[float, int], ...] = ((0.05, 1), (0.25, 2), (0.5, 3), (0.8, 4))
"""Upper bound (inclusive) of each likelihood level as a probability; above 0.8 is 5."""

_OWN_WORDS: dict[ScaleKind, dict[str, int]] = {
    "likelihood": {label.casefold(): n for n, label in LIKELIHOOD_LABELS.items()},
    "impact": {label.casefold(): n for n, label in IMPACT_LABELS.items()},
}
_SYNONYMS: dict[ScaleKind, dict[str, int]] = {
    "likelihood": LIKELIHOOD_SYNONYMS,
    "impact": IMPACT_SYNONYMS,
}
_LABELS: dict[ScaleKind, dict[int, str]] = {
    "likelihood": LIKELIHOOD_LABELS,
    "impact": IMPACT_LABELS,
}

_BLANKS = frozenset({"-", "–", "—", "n/a", "na", "n.a", "not applicable"})
_EXCEL_ERROR = re.compile(
    r"#(?:ref!|n/a|value!|div/0!|name\?|num!|null!|spill!|calc!|getting_data)"
)
_DATE_LIKE = re.compile(r"\b(?:q[1-4]|(?:19|20)[0-9]{2}|fy)\b|/[0-9]{2}\b")
_NUMBER_TEXT = r"[0-9]+(?:\.[0-9]+)?"
_PLAIN_NUMBER = re.compile(rf"({_NUMBER_TEXT})(\s*%)?")
# "4 - Likely", "1- Marginal impact", "3: Medium", "2. Low", "(4) High", "4 (Likely)"
_LEADING = re.compile(rf"\(?({_NUMBER_TEXT})\)?(?:\s*[-–—:.)]\s*|\s+)(.*[a-z].*)", re.IGNORECASE)
# "Low (1)", "High 4", "Very High - 5"
_TRAILING = re.compile(
    rf"(.*[a-z].*?)\s*(?:\(\s*({_NUMBER_TEXT})\s*\)|[-–—:]?\s*({_NUMBER_TEXT}))", re.IGNORECASE
)
_SUFFIXES = (" impact", " likelihood", " probability", " risk", " chance", " score", " rating")


def _accepted(kind: ScaleKind) -> str:
    labels = ", ".join(f"{n} {label}" for n, label in _LABELS[kind].items())
    extra = ", or a probability such as 0.4 or 40%" if kind == "likelihood" else ""
    return f"use 1 to 5 ({labels}), a word such as Low, Medium or High{extra}"


def _a(kind: ScaleKind) -> str:
    return "an impact" if kind == "impact" else "a likelihood"


def _describe(kind: ScaleKind, value: int) -> str:
    return f"{value} ({_LABELS[kind][value]})"


def _word_key(text: str) -> str:
    key = " ".join(text.casefold().replace("_", " ").split()).strip(" .()[]:-–—")
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key.removesuffix(suffix).strip()
    return key


def _word_value(kind: ScaleKind, word: str) -> tuple[int | None, bool]:
    """The level a word names, and whether it is one of our own labels (no warning needed)."""
    key = _word_key(word)
    if key in _OWN_WORDS[kind]:
        return _OWN_WORDS[kind][key], True
    found = _SYNONYMS[kind].get(key, _FIVE_LEVEL_ALIASES.get(key))
    return found, False


def probability_level(probability: float) -> int:
    """The likelihood level of a probability 0 < p <= 1, by `PROBABILITY_BANDS`."""
    for upper, level in PROBABILITY_BANDS:
        if probability <= upper:
            return level
    return SCALE[-1]


def _from_number(value: float, text: str, kind: ScaleKind, *, percent: bool) -> Parsed[int]:
    if not math.isfinite(value):
        return Parsed(None, error=f"{quote(text)} is not {_a(kind)} score; {_accepted(kind)}")
    if percent:
        if kind == "likelihood" and 0 < value <= 100:
            level = probability_level(value / 100)
            return Parsed(
                level,
                warning=f"{quote(text)} read as a probability: likelihood {_describe(kind, level)}",
            )
        return Parsed(None, error=f"{quote(text)} is not {_a(kind)} score; {_accepted(kind)}")
    if value.is_integer() and int(value) in SCALE:
        return Parsed(int(value))
    if 0 < value < 1:
        if kind == "likelihood":
            level = probability_level(value)
            return Parsed(
                level,
                warning=f"probability {text} read as likelihood {_describe(kind, level)}",
            )
        return Parsed(
            None, error=f"{text} looks like a probability, not an impact; {_accepted(kind)}"
        )
    if value.is_integer() and value > SCALE[-1]:
        return Parsed(
            None,
            error=(
                f"{quote(text)} is above the 1 to 5 scale (the sheet may use a longer scale: "
                f"convert it to 1 to 5); {_accepted(kind)}"
            ),
        )
    if value.is_integer():
        return Parsed(None, error=f"{quote(text)} is below the 1 to 5 scale; {_accepted(kind)}")
    return Parsed(None, error=f"{quote(text)} is not a whole number; {_accepted(kind)}")


def _numbered(number: str, word: str, text: str, kind: ScaleKind) -> Parsed[int]:
    """A label with both a number and words: the number decides, the words are checked."""
    parsed = _from_number(float(number), text, kind, percent=False)
    if parsed.value is None or parsed.warning:
        return parsed
    shown = " ".join(word.split()).strip(" ()[]")
    meant, _own = _word_value(kind, word)
    if meant is None:
        other: ScaleKind = "impact" if kind == "likelihood" else "likelihood"
        if _word_value(other, word)[0] is not None and _word_key(word) not in _FIVE_LEVEL_ALIASES:
            return Parsed(
                parsed.value,
                warning=(
                    f"{quote(text)} reads like {_a(other)} label in {_a(kind)} column; "
                    f"{parsed.value} was taken from its number"
                ),
            )
        return parsed
    if meant == parsed.value:
        return parsed
    return Parsed(
        parsed.value,
        warning=(
            f"{quote(text)} read as {_describe(kind, parsed.value)} from its number; "
            f"on this board's scale '{shown}' would be {meant}"
        ),
    )


def parse_scale(raw: object, *, kind: ScaleKind) -> Parsed[int]:
    """A likelihood or impact on the 1–5 scale, from whatever the cell holds."""
    if raw is None:
        return Parsed(None)
    if isinstance(raw, bool):
        return Parsed(
            None, error=f"{'TRUE' if raw else 'FALSE'} is not {_a(kind)} score; {_accepted(kind)}"
        )
    if isinstance(raw, dt.date | dt.time):
        return Parsed(None, error=f"a date or time is not {_a(kind)} score; {_accepted(kind)}")
    if isinstance(raw, int | float):
        return _from_number(float(raw), clean_cell_text(raw), kind, percent=False)
    text = clean_cell_text(raw)
    return _scale_from_text(text, kind) if text else Parsed(None)


def _scale_from_text(text: str, kind: ScaleKind) -> Parsed[int]:
    key = " ".join(text.split()).rstrip(".")
    folded = key.casefold()
    if folded in _BLANKS:
        return Parsed(None, warning=f"{quote(text)} is no {_a(kind)} score; read as blank")
    if _EXCEL_ERROR.fullmatch(folded):
        return Parsed(None, error=f"holds the Excel error {text.upper()}")
    if match := _PLAIN_NUMBER.fullmatch(key):
        return _from_number(float(match[1]), text, kind, percent=bool(match[2]))
    if _DATE_LIKE.search(folded):
        return Parsed(
            None, error=f"{quote(text)} is a date, not {_a(kind)} score; {_accepted(kind)}"
        )
    if match := _LEADING.fullmatch(key):
        return _numbered(match[1], match[2], text, kind)
    if match := _TRAILING.fullmatch(key):
        return _numbered(match[2] or match[3], match[1], text, kind)
    value, own = _word_value(kind, key)
    if value is None:
        return Parsed(None, error=f"{quote(text)} is not {_a(kind)} score; {_accepted(kind)}")
    if own:
        return Parsed(value)
    return Parsed(value, warning=f"{quote(text)} read as {_describe(kind, value)}")


# Excel's built-in Good / Neutral / Bad cell styles: the pastel fills registers use as RAG.
_STYLE_FILLS = {"C6EFCE": 2, "FFEB9C": 3, "FFC7CE": 4}
_FILL_LEVELS = {Brag.GREEN: 2, Brag.AMBER: 3, Brag.RED: 4}
_PALE = 0.8
"""Fills lighter than this (other than the three cell styles) are shading, not a rating:
templates tint input and formula cells pale yellow (DLUHC's FFF2CC), which is no 'amber'."""
_HEX = re.compile(r"#?(?:[0-9A-Fa-f]{2})?([0-9A-Fa-f]{6})")


def scale_from_fill(rgb: str | None) -> Parsed[int]:
    """The level a cell's colour stands for, when a register rates by colour alone.

    Green, amber and red become 2, 3 and 4, the middle of the scale: a colour says
    which third of the matrix a risk sits in, not an exact level.
    """
    if not isinstance(rgb, str):
        return Parsed(None)
    match = _HEX.fullmatch(rgb.strip())
    if match is None:
        return Parsed(None)
    hex_rgb = match[1].upper()
    if hex_rgb in _STYLE_FILLS:
        level = _STYLE_FILLS[hex_rgb]
    else:
        red, green, blue = (int(hex_rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
        if colorsys.rgb_to_hls(red, green, blue)[1] > _PALE:
            return Parsed(None)
        brag = brag_from_fill(hex_rgb).value
        if brag not in _FILL_LEVELS:
            return Parsed(None)
        level = _FILL_LEVELS[brag]
    family = {2: "green", 3: "amber", 4: "red"}[level]
    return Parsed(level, warning=f"taken from the cell's colour ({family} read as {level})")


# --- status ------------------------------------------------------------------------------------

_STATUS_WORDS: dict[str, RiskStatus] = {
    **dict.fromkeys(
        ("open", "opened", "live", "active", "current", "new", "ongoing", "in progress"),
        RiskStatus.OPEN,
    ),
    **dict.fromkeys(("escalated", "escalate", "escalated to board"), RiskStatus.ESCALATED),
    **dict.fromkeys(
        ("closed", "close", "complete", "completed", "retired", "resolved", "treated"),
        RiskStatus.CLOSED,
    ),
}
_RESPONSES = frozenset({"treat", "tolerate", "transfer", "terminate", "accept", "avoid", "reduce"})
_ACCEPTED_STATUS = (
    "use Open, Escalated or Closed (also read: Live, Active, Current, In progress; Escalate; "
    "Complete, Retired, Resolved, Treated)"
)


def parse_risk_status(raw: object) -> Parsed[RiskStatus]:
    """Open, Escalated or Closed, and the words registers use for them."""
    text = clean_cell_text(raw)
    if not text:
        return Parsed(None)
    key = " ".join(text.casefold().replace("_", " ").split()).rstrip(".")
    found = _STATUS_WORDS.get(key) if isinstance(raw, str) else None
    if found is not None:
        if key == found.value:
            return Parsed(found)
        return Parsed(found, warning=f"{quote(text)} read as {found.label}")
    if key in _RESPONSES:
        return Parsed(
            None,
            error=(
                f"{quote(text)} is a response to the risk (treat, tolerate, transfer, "
                f"terminate), not its status; {_ACCEPTED_STATUS}"
            ),
        )
    return Parsed(None, error=f"{quote(text)} is not a risk status; {_ACCEPTED_STATUS}")


# --- proximity ---------------------------------------------------------------------------------

_PROXIMITY_OWN: dict[str, Proximity] = {
    **{p.value.replace("_", " "): p for p in Proximity},
    **{p.label.casefold(): p for p in Proximity},
}
_PROXIMITY_WORDS: dict[str, Proximity] = {
    **dict.fromkeys(("imminent", "immediate", "close", "very close", "now"), Proximity.IMMINENT),
    # "Short term" comes after "imminent" on every scale that has both, so it is the
    # second band (3 to 6 months), not the first.
    **dict.fromkeys(("short term", "near term", "approaching", "soon"), Proximity.NEAR),
    **dict.fromkeys(("medium term", "mid term", "distant"), Proximity.MEDIUM_TERM),
    **dict.fromkeys(("long term", "remote", "very distant"), Proximity.LONG_TERM),
}
_UNIT = r"(days?|weeks?|months?|mths?|years?|yrs?)"
_RANGE = re.compile(rf"([0-9]+)\s*(?:-|–|—|to)\s*([0-9]+)\s*{_UNIT}")
_ABOVE = re.compile(
    rf"(?:over|more than|greater than|beyond|after|at least|>=?)\s*([0-9]+)\s*{_UNIT}"
    rf"|([0-9]+)\s*(?:\+\s*{_UNIT}|{_UNIT}\s*\+|{_UNIT}\s*(?:or more|and over|plus))"
)
_WITHIN = re.compile(rf"(?:(?:under|less than|within|next|in|up to|by|<=?)\s*)?([0-9]+)\s*{_UNIT}")
_ONE = re.compile(rf"(?:next|within (?:a|one|the next)|this|in a|within)\s+{_UNIT}")
_NUMBERING = re.compile(r"^\(?[0-9]{1,2}\)?\s*[-–—:.)]\s*(?=[a-z])")
_PROXIMITY_BANDS = ((3, Proximity.IMMINENT), (6, Proximity.NEAR), (12, Proximity.MEDIUM_TERM))
_ACCEPTED_PROXIMITY = (
    "use Within 3 months, 3 to 6 months, 6 to 12 months or Over 12 months "
    "(or Imminent, Short term, Medium term, Long term)"
)


def _months(count: int, unit: str) -> float:
    if unit.startswith(("day",)):
        return count / 30
    if unit.startswith("week"):
        return count / 4.3
    if unit.startswith(("year", "yr")):
        return count * 12.0
    return float(count)


def _within(months: float) -> Proximity:
    for upper, proximity in _PROXIMITY_BANDS:
        if months <= upper:
            return proximity
    return Proximity.LONG_TERM


def _beyond(months: float) -> Proximity:
    """'Over 6 months': the band that starts there."""
    if months >= 12:
        return Proximity.LONG_TERM
    if months >= 6:
        return Proximity.MEDIUM_TERM
    if months >= 3:
        return Proximity.NEAR
    return Proximity.IMMINENT


def _proximity_from_months(key: str) -> Proximity | None:
    if match := _ABOVE.search(key):
        count = match[1] or match[3]
        unit = match[2] or match[4] or match[5] or match[6]
        return _beyond(_months(int(count), unit))
    if match := _RANGE.search(key):
        return _within(_months(int(match[2]), match[3]))
    if match := _WITHIN.search(key):
        return _within(_months(int(match[1]), match[2]))
    if match := _ONE.search(key):
        return _within(_months(1, match[1]))
    return None


def parse_proximity(raw: object) -> Parsed[Proximity]:
    """How soon a risk could happen: our bands, a period in months, or a word.

    A period gives the band that contains its end ("0-3 months", "next 6 months",
    "< 3 months"), or that starts at it ("12 months+", "over 12 months"). Words:
    Imminent / Close → within 3 months; Short term / Approaching → 3 to 6 months;
    Medium term / Distant → 6 to 12 months; Long term / Remote → over 12 months
    (DLUHC's "4 - Close: next 3 months" is read by its period, its number ignored).
    A date ("Q2 2014") says when, not how soon, and is refused.
    """
    if raw is None:
        return Parsed(None)
    text = clean_cell_text(raw)
    if not text:
        return Parsed(None)
    if isinstance(raw, dt.date | dt.time):
        return Parsed(
            None,
            error=f"a date says when, not how soon; proximity: {_ACCEPTED_PROXIMITY}",
        )
    if not isinstance(raw, str):
        return Parsed(None, error=f"{quote(text)} is not a proximity; {_ACCEPTED_PROXIMITY}")
    key = " ".join(text.casefold().replace("_", " ").split()).rstrip(".")
    if key in _PROXIMITY_OWN:
        return Parsed(_PROXIMITY_OWN[key])
    unnumbered = _NUMBERING.sub("", key)
    found = _proximity_from_months(unnumbered)
    if found is None:
        word = unnumbered.split(":")[0].strip(" -–—")
        found = _PROXIMITY_WORDS.get(word, _PROXIMITY_WORDS.get(unnumbered))
    if found is None:
        if _DATE_LIKE.search(key):
            return Parsed(
                None,
                error=(
                    f"{quote(text)} is a date; proximity is how soon the risk could happen: "
                    f"{_ACCEPTED_PROXIMITY}"
                ),
            )
        return Parsed(None, error=f"{quote(text)} is not a proximity; {_ACCEPTED_PROXIMITY}")
    return Parsed(found, warning=f"{quote(text)} read as {found.label}")


# --- review frequency --------------------------------------------------------------------------

_EVERY = {1: ReviewFrequency.MONTHLY, 2: ReviewFrequency.BIMONTHLY, 3: ReviewFrequency.QUARTERLY}
_EVERY |= {6: ReviewFrequency.SIX_MONTHLY, 12: ReviewFrequency.ANNUALLY}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "six": 6, "twelve": 12}
_FREQUENCY_WORDS: dict[str, ReviewFrequency] = {
    **{f.value.replace("_", " "): f for f in ReviewFrequency},
    **{f.label.casefold().replace("-", " "): f for f in ReviewFrequency},
    **dict.fromkeys(
        ("month", "every month", "each month", "monthly review"), ReviewFrequency.MONTHLY
    ),
    **dict.fromkeys(
        ("bi monthly", "bimonthly", "every other month", "two monthly"), ReviewFrequency.BIMONTHLY
    ),
    **dict.fromkeys(
        ("quarter", "every quarter", "each quarter", "three monthly", "quarterly review"),
        ReviewFrequency.QUARTERLY,
    ),
    **dict.fromkeys(
        (
            "six monthly",
            "half yearly",
            "half year",
            "twice a year",
            "twice yearly",
            "biannual",
            "biannually",
            "bi annual",
            "bi annually",
            "semi annual",
            "semi annually",
        ),
        ReviewFrequency.SIX_MONTHLY,
    ),
    **dict.fromkeys(
        ("annual", "annually", "yearly", "every year", "once a year", "each year", "year"),
        ReviewFrequency.ANNUALLY,
    ),
}
_EVERY_N = re.compile(r"(?:every|each)\s+([0-9]+|one|two|three|six|twelve)\s+months?")
_N_MONTHLY = re.compile(r"([0-9]+)\s*monthly")
_TOO_OFTEN = frozenset({"weekly", "fortnightly", "daily", "every week", "every fortnight"})
_ACCEPTED_FREQUENCY = (
    "use Monthly, Every two months, Quarterly, Six-monthly or Annually "
    "(or Bi-monthly, Every 3 months, Half-yearly, Yearly)"
)


def parse_review_frequency(raw: object) -> Parsed[ReviewFrequency]:
    """How often the risk is reviewed: our five cycles, however they are written."""
    text = clean_cell_text(raw)
    if not text:
        return Parsed(None)
    if not isinstance(raw, str):
        return Parsed(None, error=f"{quote(text)} is not a review cycle; {_ACCEPTED_FREQUENCY}")
    key = " ".join(text.casefold().replace("-", " ").replace("_", " ").split()).rstrip(".")
    found = _FREQUENCY_WORDS.get(key)
    if found is None and (match := _EVERY_N.fullmatch(key) or _N_MONTHLY.fullmatch(key)):
        word = match[1]
        months = int(word) if word.isdigit() else _NUMBER_WORDS[word]
        found = _EVERY.get(months)
        if found is None:
            return Parsed(
                None,
                error=f"{quote(text)} is not a review cycle this board uses; {_ACCEPTED_FREQUENCY}",
            )
    if found is None:
        if key in _TOO_OFTEN:
            return Parsed(
                None,
                error=f"{quote(text)} is more often than the shortest cycle; use Monthly",
            )
        return Parsed(None, error=f"{quote(text)} is not a review cycle; {_ACCEPTED_FREQUENCY}")
    if key.startswith(("bi", "semi")):  # "bi-monthly" and "biannual" are read both ways
        return Parsed(found, warning=f"{quote(text)} read as {found.label}")
    return Parsed(found)
