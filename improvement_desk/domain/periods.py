"""Reporting periods of the performance scorecard: months and quarters, keyed by their first day.

A period is stored as the date of its first day (1 Jan 2014 for January, 1 Oct
2013 for Q3 of 2013/14), so periods sort, compare and join as plain dates.
Quarters follow the UK financial year that councils report in: Q1 is April to
June, and "Q3 2013/14" is October to December 2013.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum


class Frequency(StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def months(self) -> int:
        return 1 if self is Frequency.MONTHLY else 3


def add_months(start: date, months: int) -> date:
    index = start.year * 12 + start.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_of(day: date, frequency: Frequency) -> date:
    """The period a day falls in (its first day)."""
    if frequency is Frequency.MONTHLY:
        return date(day.year, day.month, 1)
    # Quarters start in January, April, July and October.
    return date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def is_period_start(day: date, frequency: Frequency) -> bool:
    return period_of(day, frequency) == day


def previous_period(period: date, frequency: Frequency) -> date:
    return add_months(period, -frequency.months)


def next_period(period: date, frequency: Frequency) -> date:
    return add_months(period, frequency.months)


def periods_ending(last: date, count: int, frequency: Frequency) -> list[date]:
    """The `count` periods up to and including `last`, oldest first."""
    return [add_months(last, -frequency.months * n) for n in range(count - 1, -1, -1)]


def financial_year(period: date) -> str:
    """ "2013/14" for any day from April 2013 to March 2014."""
    start = period.year if period.month >= 4 else period.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def quarter_number(period: date) -> int:
    """1 for April–June … 4 for January–March (financial quarters)."""
    return (period.month - 4) % 12 // 3 + 1


def period_label(period: date, frequency: Frequency) -> str:
    """ "Jan 2014" or "Q3 2013/14"."""
    if frequency is Frequency.MONTHLY:
        return f"{period:%b %Y}"
    return f"Q{quarter_number(period)} {financial_year(period)}"


_MONTHS = {
    name: n
    for n, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_YEAR = re.compile(r"^([a-z]+)[\s\-/.']*(\d{2}|\d{4})$")
_NUMERIC = re.compile(r"^(\d{1,2})[/\-.](\d{4})$|^(\d{4})[/\-.](\d{1,2})$")
_QUARTER = re.compile(r"^q([1-4])[\s\-]*(\d{4})(?:\s*[/\-]\s*(\d{2}|\d{4}))?$")


def _year(text: str) -> int:
    value = int(text)
    return 2000 + value if value < 100 else value


def parse_period(text: str, frequency: Frequency) -> date:
    """Reads a period as people type it in a sheet: "Jan 2014", "January-14", "01/2014",
    "2014-01", "Q3 2013/14" (financial), "Q3 2013"; raises ValueError with the reason."""
    cleaned = " ".join(text.strip().lower().split())
    if not cleaned:
        raise ValueError("no period given")
    quarter = _QUARTER.match(cleaned)
    if quarter:
        number, first = int(quarter.group(1)), _year(quarter.group(2))
        # "Q3 2013/14" and "Q3 2013" both name the financial year starting April 2013.
        start_month = 4 + (number - 1) * 3
        return period_of(add_months(date(first, 1, 1), start_month - 1), Frequency.QUARTERLY)
    found = _MONTH_YEAR.match(cleaned)
    if found and found.group(1) in _MONTHS:
        month = date(_year(found.group(2)), _MONTHS[found.group(1)], 1)
        return period_of(month, frequency)
    numeric = _NUMERIC.match(cleaned)
    if numeric:
        month_text, year_text = (
            (numeric.group(1), numeric.group(2))
            if numeric.group(1)
            else (numeric.group(4), numeric.group(3))
        )
        if 1 <= int(month_text) <= 12:
            return period_of(date(int(year_text), int(month_text), 1), frequency)
    raise ValueError(f'"{text.strip()}" is not a month ("Jan 2014") or a quarter ("Q3 2013/14")')
