"""The value axis and the period axis: a range a reader trusts, tick labels that never collide.

Value axis rule (the same on screen and in the pack):

* The range covers every figure and every target shown.
* It starts at 0 when the figures sit near 0 — the lowest is at most 60% of
  the highest — so unallocated cases going from 20 to 12 are not drawn as a
  fall off a cliff. When they
  sit far from 0 (visits in timescale between 86% and 95%), the axis is a
  padded window around them, so month-to-month movement stays visible; the
  tick labels say where the window is.
* Percentages never go below 0% or above 100%.
* Ticks fall on round steps (1, 2, 2.5 or 5 times a power of ten), whole
  numbers for counts and days, as many as fit the height without crowding.

Period axis: every period has a tick, but labels are thinned to every 2nd,
3rd, 4th, 6th or 12th period, counted back from the latest (which is always
labelled), until the widest label fits between its neighbours.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from improvement_desk.domain.scorecard import Unit

_NICE = (1.0, 2.0, 2.5, 5.0)
_LABEL_STEPS = (1, 2, 3, 4, 6, 12)
NEAR_ZERO = 0.6  # lowest / highest at or below which the axis starts at 0
MIN_TICK_GAP = 20.0  # points between value-axis ticks, so labels never touch


@dataclass(frozen=True, slots=True)
class ValueScale:
    low: float
    high: float
    step: float

    @property
    def ticks(self) -> list[float]:
        count = round((self.high - self.low) / self.step)
        return [self.low + i * self.step for i in range(count + 1)]

    def fraction(self, value: float) -> float:
        """0 at the bottom of the axis, 1 at the top."""
        return (value - self.low) / (self.high - self.low)


def _whole(unit: Unit) -> bool:
    return unit in {Unit.COUNT, Unit.DAYS}


def _nice_step(raw: float, unit: Unit) -> float:
    floor = 1.0 if _whole(unit) else 0.1
    raw = max(raw, floor)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (*_NICE, 10.0):
        step = factor * power
        if step >= raw - 1e-12 and not (_whole(unit) and step % 1):
            return step
    return 10.0 * power  # pragma: no cover - the loop always returns


def _bigger(step: float, unit: Unit) -> float:
    return _nice_step(step * 1.0001 + 1e-9, unit)


def value_scale(data: Sequence[float], unit: Unit, height: float) -> ValueScale:
    """The axis for `data` (figures and targets, gaps left out) on a plot `height` points tall."""
    if not data:
        return ValueScale(0.0, 100.0, 25.0) if unit is Unit.PERCENT else ValueScale(0.0, 10.0, 2.0)
    low, high = min(data), max(data)
    if 0 <= low <= high * NEAR_ZERO:
        low = 0.0
    span = high - low
    if span <= 0:  # flat: a window around the value (or 0 to something if all zero)
        span = abs(high) * 0.1 or (10.0 if unit is Unit.PERCENT else 1.0)
        low, high = (low - span / 2, high + span / 2) if low else (0.0, span)
    pad = span * 0.08
    padded_low = low if low == 0 else low - pad
    padded_high = high + pad
    if unit is Unit.PERCENT or low >= 0:
        padded_low = max(padded_low, 0.0)
    if unit is Unit.PERCENT:
        padded_high = min(padded_high, 100.0)
    max_ticks = max(3, int(height // MIN_TICK_GAP) + 1)
    step = _nice_step((padded_high - padded_low) / max(2, min(max_ticks, 6) - 1), unit)
    while True:
        axis_low = math.floor(padded_low / step + 1e-9) * step
        axis_high = math.ceil(padded_high / step - 1e-9) * step
        if unit is Unit.PERCENT:
            axis_low, axis_high = max(axis_low, 0.0), min(axis_high, 100.0)
        if axis_high <= axis_low:
            axis_high = axis_low + step
        if round((axis_high - axis_low) / step) + 1 <= max_ticks:
            return ValueScale(axis_low, axis_high, step)
        step = _bigger(step, unit)


def decimals_for(step: float) -> int:
    """Decimal places a tick label needs so that neighbouring ticks read differently."""
    for places in range(3):
        if abs(step * 10**places - round(step * 10**places)) < 1e-9:
            return places
    return 3


def tick_text(value: float, unit: Unit, step: float) -> str:
    """ "85%", "87.5%", "1,200", "44.2" — the unit's style, as precise as the step needs."""
    places = decimals_for(step)
    if abs(value) < 1e-9:
        value = 0.0  # never "-0"
    text = f"{value:,.{places}f}"
    return f"{text}%" if unit is Unit.PERCENT else text


def label_every(count: int, slot: float, widest: float, gap: float = 4.0) -> int:
    """Label every n-th period so that labels `widest` wide, `slot` apart, keep `gap` between."""
    if count <= 1 or slot <= 0:
        return 1
    for every in _LABEL_STEPS:
        if every * slot >= widest + gap:
            return every
    return max(_LABEL_STEPS[-1], math.ceil((widest + gap) / slot))


def labelled(count: int, every: int) -> list[int]:
    """Indices that carry a label, counted back from the latest so it is always one."""
    return [i for i in range(count) if (count - 1 - i) % every == 0]
