"""Dates as officers write them in UK spreadsheets.

Day before month, always: "05/31/2013" is refused rather than guessed. A
period ("May 2013", "Q2 2014/15", "Spring 2014") is taken as its last day,
since a target met by the end of the period is met. Text that is plainly no
date ("Ongoing", "tbc") is kept as a note; text that tries to be a date and
fails ("31/02/2014") refuses the cell.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace

from improvement_desk.interchange.values import Parsed, clean_cell_text, format_uk_date, quote

EXCEL_EPOCH = dt.date(1899, 12, 30)  # the 1900 date system, Lotus leap-year bug included
SERIAL_RANGE = (20000, 80000)  # 1954 to 2119: numbers outside are not taken as dates
YEAR_RANGE = (1900, 2199)
FAR_YEARS = 20  # with `today`, a date further away than this is queried

_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {name: n for n, full in enumerate(_MONTH_NAMES.split(), 1) for name in (full, full[:3])}
_MONTHS["sept"] = 9
_SEASONS = {
    "spring": (5, 0),
    "summer": (8, 0),
    "autumn": (11, 0),
    "fall": (11, 0),
    "winter": (2, 1),
}
_FILLERS = ("end", "of", "the", "mid", "middle", "early", "late", "beginning", "start", "by", "in")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SKIPPED = frozenset(
    (*_FILLERS, *_WEEKDAYS, *(day[:3] for day in _WEEKDAYS), "tues", "thur", "thurs")
)
_WORD_KINDS = {
    **dict.fromkeys(_MONTHS, "M"),
    **dict.fromkeys(_SEASONS, "S"),
    **{f"q{n}": "Q" for n in range(1, 5)},
    "fy": "F",
    "quarter": "q",
    **dict.fromkeys(_SKIPPED, ""),
}

_TIME = re.compile(
    r"(?:\s+|(?<=[0-9])t)[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?(?:\s*[ap]m)?$"
)
_NUMBER = re.compile(r"[0-9]{1,12}(?:\.[0-9]{1,12})?")
_ISO = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})")
_DMY = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{2}|[0-9]{4})")
_ORDINAL = re.compile(r"(?<=[0-9])(?:st|nd|rd|th)\b")
_FOREIGN = re.compile(r"[^a-z0-9\s,./'\-–]")
_TOKEN = re.compile(r"q[0-9]{1,2}(?![0-9])|fy(?![a-z])|[a-z]+|[0-9]+|[/\-–]")


class _Refused(ValueError):
    """Text that tries to be a date and is not one; the message is the user's."""


def parse_uk_date(raw: object, *, today: dt.date | None = None) -> Parsed[dt.date]:
    """A date from a cell; with `today`, a date more than 20 years away gets a warning."""
    parsed = _parse(raw)
    if parsed.value is None or today is None or abs(parsed.value.year - today.year) <= FAR_YEARS:
        return parsed
    far = (
        f"{format_uk_date(parsed.value)} is more than {FAR_YEARS} years from today; check the year"
    )
    return replace(parsed, warning=far if parsed.warning is None else f"{parsed.warning}; {far}")


def _parse(raw: object) -> Parsed[dt.date]:
    if raw is None:
        return Parsed(None)
    if isinstance(raw, dt.datetime):
        return Parsed(raw.date())
    if isinstance(raw, dt.date):
        return Parsed(raw)
    text = clean_cell_text(raw)
    if isinstance(raw, bool):
        return Parsed(None, error=f"{quote(text)} is not a date")
    if isinstance(raw, int | float):
        return _from_number(raw, text)
    if not text:
        return Parsed(None)
    try:
        return _from_text(text)
    except _Refused as refused:
        return Parsed(None, error=str(refused))


def _from_number(number: float, text: str) -> Parsed[dt.date]:
    low, high = SERIAL_RANGE
    if low <= number <= high:
        day = EXCEL_EPOCH + dt.timedelta(days=int(number))
        return Parsed(day, warning=f"number {text} read as an Excel date: {format_uk_date(day)}")
    if YEAR_RANGE[0] <= number <= YEAR_RANGE[1] and number == int(number):
        return _period(dt.date(int(number), 12, 31), text)
    return Parsed(None, error=f"{quote(text)} is a number, not a date")


def _period(day: dt.date, text: str) -> Parsed[dt.date]:
    return Parsed(day, warning=f"imprecise date {quote(text)} taken as {format_uk_date(day)}")


def _note(text: str) -> Parsed[dt.date]:
    return Parsed(None, note=text, warning=f"{quote(text)} is not a date; kept as a note")


def _year(digits: str, text: str) -> int:
    """Four digits, or two: 00–69 are 2000s, 70–99 are 1900s."""
    if len(digits) == 2:
        year = int(digits)
        return year + (2000 if year < 70 else 1900)
    if len(digits) != 4:
        raise _Refused(f"{quote(text)} has no year that can be read")
    if not YEAR_RANGE[0] <= int(digits) <= YEAR_RANGE[1]:
        raise _Refused(f"{quote(text)}: the year {digits} is out of range")
    return int(digits)


def _exact(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except (ValueError, OverflowError):
        raise _Refused(f"{quote(text)} is an impossible date") from None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _from_text(text: str) -> Parsed[dt.date]:
    key = _TIME.sub("", text.casefold()).strip()
    if _NUMBER.fullmatch(key):
        return _from_number(float(key), text)  # a serial or a year typed as text
    if match := _ISO.fullmatch(key):
        year = _year(match[1], text)
        return Parsed(_exact(year, int(match[3]), int(match[4]), text))
    if match := _DMY.fullmatch(key):
        day, month = int(match[1]), int(match[3])
        if month > 12 and day <= 12:
            raise _Refused(f"{quote(text)} is not a UK date (day/month/year)")
        return Parsed(_exact(_year(match[4], text), month, day, text))
    return _from_words(text, _ORDINAL.sub("", key).replace("'", ""))


def _tokens(key: str) -> list[tuple[str, str]] | None:
    """(kind, token) with kind N number, M month, S season, Q quarter, F "FY", / separator;
    None when a word is no part of a date (the text is then a note)."""
    tokens: list[tuple[str, str]] = []
    for token in _TOKEN.findall(key):
        if token.isdigit():
            kind: str | None = "N"
        elif token in {"/", "-", "–"}:
            kind = "/"
        elif token[0] == "q" and token[1:].isdigit():
            kind = _WORD_KINDS.get(token, "x")  # "Q5" tries to be a quarter: refused, not a note
        else:
            kind = _WORD_KINDS.get(token)
        if kind is None:
            return None
        if kind:
            tokens.append((kind, token[1:] if kind == "Q" else token))
    # "quarter 2" is Q2; a separator only matters between two numbers ("2014/15").
    merged: list[tuple[str, str]] = []
    for kind, token in tokens:
        if kind == "N" and merged and merged[-1][0] == "q" and token in {"1", "2", "3", "4"}:
            merged[-1] = ("Q", token)
        else:
            merged.append((kind, token))
    return [
        (kind, token)
        for i, (kind, token) in enumerate(merged)
        if kind != "/" or (0 < i < len(merged) - 1 and merged[i - 1][0] == merged[i + 1][0] == "N")
    ]


def _financial_year(first: str, second: str, text: str, *, fy: bool) -> int:
    """The calendar year a financial year starts in: 2014/15, 2014-2015, FY14/15."""
    if len(first) != 4 and not fy:
        raise _Refused(f"{quote(text)} has no year; write day/month/year, or a year as 2014/15")
    start = _year(first, text)
    end = _year(second, text) if len(second) in {2, 4} else None
    if end != start + 1:
        raise _Refused(f"{quote(text)} is not a financial year (e.g. 2014/15)")
    return start


def _from_words(text: str, key: str) -> Parsed[dt.date]:
    tokens = None if _FOREIGN.search(key) else _tokens(key)
    if tokens is None or not any(kind in "NMSQx" for kind, _ in tokens):
        return _note(text)
    fy = any(kind == "F" for kind, _ in tokens)
    tokens = [(kind, token) for kind, token in tokens if kind != "F"]
    shape = "".join(kind for kind, _ in tokens)
    values = [token for _, token in tokens]
    if shape == "NMN" and len(values[0]) <= 2:  # 1 April 2013, 01-Apr-13
        year = _year(values[2], text)
        return Parsed(_exact(year, _MONTHS[values[1]], int(values[0]), text))
    if shape == "MNN" and len(values[1]) <= 2:  # April 1, 2013: unambiguous
        year = _year(values[2], text)
        return Parsed(_exact(year, _MONTHS[values[0]], int(values[1]), text))
    if shape in {"MN", "MMN"} and len(values[-1]) in {2, 4}:  # May 2013, May-13, Apr-Jun 2014
        return _period(_month_end(_year(values[-1], text), _MONTHS[values[-2]]), text)
    if shape == "N" and len(values[0]) == 4 and not fy:
        return _period(dt.date(_year(values[0], text), 12, 31), text)
    if shape == "N/N":  # 2014/15: the financial year ends on 31 March
        start = _financial_year(values[0], values[2], text, fy=fy)
        return _period(dt.date(start + 1, 3, 31), text)
    if shape in {"QN/N", "N/NQ"}:  # Q2 2014/15: Q1 is April to June
        first, second, quarter = (values[1], values[3], values[0])
        if shape == "N/NQ":
            first, second, quarter = values[0], values[2], values[3]
        start = _financial_year(first, second, text, fy=True)
        year, month = (start, 3 + 3 * int(quarter)) if quarter != "4" else (start + 1, 3)
        return _period(_month_end(year, month), text)
    if shape == "QN" and not fy:  # Q3 2014: a calendar quarter
        return _period(_month_end(_year(values[1], text), 3 * int(values[0])), text)
    if shape == "SN" or (shape == "SN/N" and values[0] == "winter"):
        month, offset = _SEASONS[values[0]]
        start = _year(values[1], text)
        if shape == "SN/N":
            start = _financial_year(values[1], values[3], text, fy=True)
        return _period(_month_end(start + offset, month), text)
    if shape in {"NM", "M", "MN"}:
        raise _Refused(f"{quote(text)} has no year")
    raise _Refused(f"{quote(text)} is not a date; write day/month/year, e.g. 31/05/2013")
