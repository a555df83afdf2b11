"""What a chart reads from a series: the points, their runs between gaps, short period labels.

A chart takes any point with `period`, `label`, `value`, `target` and `rag`
(the services' `SeriesPoint` fits), so `reports` never imports the services
at run time. A missing figure is `None` and stays a gap: it splits the line
into runs and is never drawn as 0. A non-finite value (NaN, infinity) could
only come from a bug upstream; it is treated as a gap rather than drawn off
the chart.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from improvement_desk.domain.scorecard import Rag


class ChartPoint(Protocol):
    """One period of a trend, as `services.scorecard_records.SeriesPoint` has it."""

    @property
    def period(self) -> date: ...
    @property
    def label(self) -> str: ...  # "Jan 2014" / "Q3 2013/14"
    @property
    def value(self) -> float | None: ...
    @property
    def target(self) -> float | None: ...
    @property
    def rag(self) -> Rag | None: ...


def finite(value: float | None) -> float | None:
    """The value, or None for a gap (including a NaN or infinite one)."""
    if value is None or not math.isfinite(value):
        return None
    return float(value)


def values_of(points: Sequence[ChartPoint]) -> list[float | None]:
    return [finite(p.value) for p in points]


def targets_of(points: Sequence[ChartPoint]) -> list[float | None]:
    return [finite(p.target) for p in points]


def runs(values: Sequence[float | None]) -> list[list[tuple[int, float]]]:
    """Consecutive present values as (index, value): for gaps at 3, 4 and 6 of nine periods,
    runs of indices [0, 1, 2], [5] and [7, 8].

    A run of one is a period with figures on neither side: it is drawn as a mark
    alone, since there is nothing to join it to.
    """
    found: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for index, value in enumerate(values):
        if value is None:
            if current:
                found.append(current)
            current = []
        else:
            current.append((index, value))
    if current:
        found.append(current)
    return found


def gaps(values: Sequence[float | None]) -> list[range]:
    """Runs of consecutive periods without a value, as ranges of indices."""
    return [
        range(run[0][0], run[-1][0] + 1)
        for run in runs([0.0 if v is None else None for v in values])
    ]


_MONTH = re.compile(r"^([A-Za-z]{3}) (\d{4})$")
_QUARTER = re.compile(r"^(Q\d) (\d{4})/(\d{2})$")


def short_label(label: str) -> str:
    """ "Jan 2014" → "Jan 14", "Q3 2013/14" → "Q3 13/14"; anything else as it is."""
    month = _MONTH.match(label)
    if month:
        return f"{month.group(1)} {month.group(2)[2:]}"
    quarter = _QUARTER.match(label)
    if quarter:
        return f"{quarter.group(1)} {quarter.group(2)[2:]}/{quarter.group(3)}"
    return label
