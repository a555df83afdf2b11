"""Figures, units, polarities and periods as scorecards write them, read into the board's values.

A figure is a number or nothing. A blank cell is no figure, never a zero, and
so are the markers statisticians leave where there is no figure ("n/a", "-",
"..", "c" for a suppressed count): those are read as no figure with a note,
so the preview says the cell was seen. "93.8%", "12,345" and "36 days" are
read as the numbers they show; a cell Excel formats as a percentage holds a
fraction (0.86 shown as 86%) and is read as the percentage shown. Text that is
no number ("twelve", "8% variance") is refused, never guessed.

A period column's heading is a month or a quarter ("Jan 2014", "Jan-14",
"2014-01", a real date, "Q3 2013/14"). A heading that looks like a period but
is not one ("Jan 2O14", a whole year "2013/14") is an error for the caller to
refuse by column; a heading with no date in it ("Owner") is simply not a
period. Pure: no Qt, no database.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from improvement_desk.domain.periods import Frequency, parse_period, period_of
from improvement_desk.domain.scorecard import Polarity, Unit
from improvement_desk.interchange.values import Parsed, clean_cell_text, quote

NO_FIGURE_MARKERS = frozenset(
    {
        "n/a",
        "na",
        "n.a.",
        "n.a",
        "-",
        "–",
        "—",
        "..",
        "...",
        "x",
        "*",
        "c",
        "s",
        "tbc",
        "tba",
        "not available",
        "not yet available",
        "no data",
        "awaiting data",
        "pending",
        "suppressed",
        "not applicable",
    }
)
_NUMBER = re.compile(r"^[+]?(\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\.\d+)$")
_UNIT_SUFFIX = re.compile(r"\s*(%|days?|per\s*10,?000|per\s*10k)$")


def parse_figure(raw: object, unit: Unit, *, percent_format: bool = False) -> Parsed[float]:
    """One figure in the indicator's unit; None (with a note for a marker) when there is none.

    `percent_format` says the cell is formatted as a percentage in Excel, so its number
    is a fraction of one (0.86 shown as "86%").
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Parsed(None)
    if isinstance(raw, bool):
        return Parsed(None, error=f"{'TRUE' if raw else 'FALSE'} is not a number")
    if isinstance(raw, dt.date | dt.time):
        return Parsed(None, error=f"a date ({clean_cell_text(raw)}) is not a figure")
    if isinstance(raw, int | float):
        return _number(float(raw), unit, percent_format)
    text = clean_cell_text(raw)
    key = " ".join(text.casefold().split())
    if key in NO_FIGURE_MARKERS:
        return Parsed(None, note=text)
    suffix = _UNIT_SUFFIX.search(key)
    body = key[: suffix.start()].strip() if suffix else key
    if not _NUMBER.fullmatch(body):
        hint = " (use a point for decimals)" if re.fullmatch(r"\d+,\d{1,2}", body) else ""
        return Parsed(None, error=f"{quote(text)} is not a number{hint}")
    value = float(body.replace(",", "").lstrip("+"))
    if suffix and suffix.group(1) == "%":
        if unit is not Unit.PERCENT:
            return Parsed(None, error=f"{quote(text)} is a percentage; {_is_a(unit)}")
    elif suffix and suffix.group(1).startswith("day") and unit is not Unit.DAYS:
        return Parsed(None, error=f"{quote(text)} is in days; {_is_a(unit)}")
    return _number(value, unit, False)


def _is_a(unit: Unit) -> str:
    return f"the indicator's unit is {unit.label}"


def _number(value: float, unit: Unit, percent_format: bool) -> Parsed[float]:
    if not math.isfinite(value):
        return Parsed(None, error="is not a number")
    if percent_format:
        shown = f"{value * 100:g}%"
        if unit is not Unit.PERCENT:
            return Parsed(
                None,
                error=f"the cell shows a percentage ({shown}); {_is_a(unit)}",
            )
        value = round(value * 100, 9)  # 0.938 * 100 is 93.80000000000001
    return Parsed(value)


def parse_number(raw: object) -> Parsed[float]:
    """A target or comparator: a plain number in the indicator's own unit."""
    return parse_figure(raw, Unit.COUNT)


# -- units, polarity and frequency (for a new indicator) -------------------------------------

_UNITS: dict[str, Unit] = {
    **dict.fromkeys(("percent", "percentage", "%", "per cent", "pc", "rate %"), Unit.PERCENT),
    **dict.fromkeys(
        (
            "rate per 10,000 children",
            "rate per 10,000",
            "rate per 10000",
            "rate per 10k",
            "per 10,000",
            "per 10,000 children",
            "rate",
            "rate_per_10k",
        ),
        Unit.RATE_PER_10K,
    ),
    **dict.fromkeys(("count", "number", "no", "no.", "total", "numeric"), Unit.COUNT),
    **dict.fromkeys(("days", "day", "average days", "number of days", "working days"), Unit.DAYS),
}
_POLARITIES: dict[str, Polarity] = {
    **dict.fromkeys(
        ("higher is better", "higher", "high", "up", "bigger is better", "increase", "↑", "▲"),
        Polarity.HIGHER_IS_BETTER,
    ),
    **dict.fromkeys(
        ("lower is better", "lower", "low", "down", "smaller is better", "decrease", "↓", "▼"),
        Polarity.LOWER_IS_BETTER,
    ),
}
_FREQUENCIES: dict[str, Frequency] = {
    **dict.fromkeys(("monthly", "month", "m"), Frequency.MONTHLY),
    **dict.fromkeys(("quarterly", "quarter", "q"), Frequency.QUARTERLY),
}


def _word(raw: object) -> str:
    return " ".join(clean_cell_text(raw).casefold().split()).rstrip(".")


def parse_unit(raw: object) -> Parsed[Unit]:
    key = _word(raw)
    if not key:
        return Parsed(None)
    found = _UNITS.get(key) or next((u for u in Unit if u.label.casefold() == key), None)
    if found is None:
        return Parsed(
            None,
            error=f"{quote(clean_cell_text(raw))} is not a unit; use Percentage, "
            "Rate per 10,000 children, Count or Days",
        )
    return Parsed(found)


def parse_polarity(raw: object) -> Parsed[Polarity]:
    key = _word(raw)
    if not key:
        return Parsed(None)
    found = _POLARITIES.get(key)
    if found is None:
        return Parsed(
            None,
            error=f"{quote(clean_cell_text(raw))} is not a polarity; use Higher is better or "
            "Lower is better",
        )
    return Parsed(found)


def parse_frequency(raw: object) -> Parsed[Frequency]:
    key = _word(raw)
    if not key:
        return Parsed(None)
    found = _FREQUENCIES.get(key)
    if found is None:
        return Parsed(
            None,
            error=f"{quote(clean_cell_text(raw))} is not a frequency; use Monthly or Quarterly",
        )
    return Parsed(found)


# -- periods -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeaderPeriod:
    """What a period column's heading names: a month, or a (financial) quarter."""

    period: dt.date
    quarter: bool


_QUARTER_TEXT = re.compile(r"^\s*q[1-4]\b", re.IGNORECASE)
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]|\*+")
_MONTH_WORD = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.IGNORECASE
)
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
_NUMERIC_DATE = re.compile(r"^\d{1,4}\s*[/\-.]\s*\d{1,4}$")
_FINANCIAL_YEAR = re.compile(r"^(?:fy\s*)?(\d{4})\s*[/\-]\s*(\d{2}|\d{4})$", re.IGNORECASE)
# Headings that carry a date but name another column ("Target 2014/15", "2013/14 outturn").
_NOT_PERIOD_WORDS = re.compile(
    r"\b(target|tolerance|average|avg|england|national|regional|neighbour|neighbours|"
    r"benchmark|baseline|variance|change|ytd|year to date|total|rag|status|trend|direction|"
    r"comment|comments|commentary|note|notes|previous|latest|ref|indicator|outturn|forecast|"
    r"profile|actual|annual)\b",
    re.IGNORECASE,
)


def header_period(value: object) -> Parsed[HeaderPeriod]:
    """A heading read as a period; `error` for a heading that tries to be one and fails;
    nothing (no value, no error) for a heading that is no period at all."""
    if isinstance(value, dt.datetime | dt.date):
        day = value.date() if isinstance(value, dt.datetime) else value
        return Parsed(HeaderPeriod(period_of(day, Frequency.MONTHLY), quarter=False))
    if not isinstance(value, str):
        return Parsed(None)
    text = " ".join(_BRACKETED.sub(" ", value).split())
    if not text or _NOT_PERIOD_WORDS.search(text):
        return Parsed(None)
    try:
        period = parse_period(text, Frequency.MONTHLY)
    except ValueError as exc:
        if not _looks_like_period(text):
            return Parsed(None)
        if _FINANCIAL_YEAR.match(text) or re.fullmatch(r"(19|20)\d{2}", text):
            return Parsed(
                None,
                error=f"{quote(value)} is a whole year; the scorecard keeps monthly or quarterly "
                "figures (head the column 'Mar 2014' or 'Q4 2013/14')",
            )
        return Parsed(None, error=str(exc))
    return Parsed(HeaderPeriod(period, quarter=bool(_QUARTER_TEXT.match(text))))


def _looks_like_period(text: str) -> bool:
    return bool(
        _QUARTER_TEXT.match(text)
        or _MONTH_WORD.search(text)
        or _YEAR.search(text)
        or _NUMERIC_DATE.match(text)
    )


def read_period(raw: object, frequency: Frequency) -> Parsed[dt.date]:
    """A long sheet's period cell: a real date is the period it falls in; text is parsed."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return Parsed(None)
    if isinstance(raw, dt.datetime | dt.date):
        day = raw.date() if isinstance(raw, dt.datetime) else raw
        return Parsed(period_of(day, frequency))
    if not isinstance(raw, str):
        return Parsed(None, error=f"{clean_cell_text(raw)} is not a month or a quarter")
    try:
        return Parsed(parse_period(raw, frequency))
    except ValueError as exc:
        return Parsed(None, error=str(exc))
