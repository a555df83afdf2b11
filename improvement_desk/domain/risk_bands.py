"""Score bands, their colours and the board's risk appetite: one board setting, used everywhere.

Every view (register, heat map, detail, export, pack) asks a `RiskBands`
for a score's band and colour; nothing else decides. Changing the setting
therefore re-rates every risk at once, and a score of 16 cannot be red in
one place and amber in another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.risk_scoring import MAX_SCORE, POSSIBLE_SCORES


class Band(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def letter(self) -> str:
        """Printed beside the colour so a grey-scale print still carries the band."""
        return self.value[0].upper()

    @property
    def severity(self) -> int:
        return _SEVERITY[self]


_SEVERITY = {Band.LOW: 0, Band.MEDIUM: 1, Band.HIGH: 2}
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

DEFAULT_LOW_MAX = 4
DEFAULT_MEDIUM_MAX = 12
DEFAULT_APPETITE = 12
DEFAULT_COLOURS = {Band.LOW: "#2E8B57", Band.MEDIUM: "#F0A30A", Band.HIGH: "#C0392B"}


@dataclass(frozen=True, slots=True)
class RiskBands:
    """Scores up to `low_max` are low, up to `medium_max` medium, the rest high.

    A current score above `appetite` is more risk than the board is willing to
    carry, and is flagged.
    """

    low_max: int = DEFAULT_LOW_MAX
    medium_max: int = DEFAULT_MEDIUM_MAX
    appetite: int = DEFAULT_APPETITE
    low_colour: str = DEFAULT_COLOURS[Band.LOW]
    medium_colour: str = DEFAULT_COLOURS[Band.MEDIUM]
    high_colour: str = DEFAULT_COLOURS[Band.HIGH]

    def band(self, score: int) -> Band:
        if score <= self.low_max:
            return Band.LOW
        if score <= self.medium_max:
            return Band.MEDIUM
        return Band.HIGH

    def colour(self, band_or_score: Band | int) -> str:
        band = band_or_score if isinstance(band_or_score, Band) else self.band(band_or_score)
        return {Band.LOW: self.low_colour, Band.MEDIUM: self.medium_colour}.get(
            band, self.high_colour
        )

    def text_colour(self, band_or_score: Band | int) -> str:
        return text_colour_on(self.colour(band_or_score))

    def above_appetite(self, score: int) -> bool:
        return score > self.appetite

    def ranges(self) -> dict[Band, tuple[int, int]]:
        """The possible scores in each band, as (lowest, highest), for legends and notes."""
        result: dict[Band, tuple[int, int]] = {}
        for band in Band:
            scores = [s for s in POSSIBLE_SCORES if self.band(s) is band]
            if scores:
                result[band] = (scores[0], scores[-1])
        return result

    def describe(self) -> str:
        """'Low 1–4, Medium 5–12, High 15–25; appetite 12'."""
        parts = [f"{band.label} {lo}–{hi}" for band, (lo, hi) in self.ranges().items()]
        return ", ".join(parts) + f"; appetite {self.appetite}"


def text_colour_on(fill: str) -> str:
    """Black or white, whichever reads better on `fill` (WCAG relative luminance)."""

    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(fill[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    # Contrast against white is (1.05)/(L+0.05), against black (L+0.05)/0.05.
    return "#000000" if (luminance + 0.05) / 0.05 >= 1.05 / (luminance + 0.05) else "#FFFFFF"


def validate_bands(bands: RiskBands) -> list[FieldProblem]:
    problems: list[FieldProblem] = []
    if not 1 <= bands.low_max < MAX_SCORE:
        problems.append(FieldProblem("Low up to", f"must be 1 to {MAX_SCORE - 1}"))
    if not 1 <= bands.medium_max < MAX_SCORE:
        problems.append(FieldProblem("Medium up to", f"must be 1 to {MAX_SCORE - 1}"))
    elif bands.medium_max <= bands.low_max:
        problems.append(
            FieldProblem("Medium up to", f"must be above the low band's top ({bands.low_max})")
        )
    if not 1 <= bands.appetite <= MAX_SCORE:
        problems.append(FieldProblem("Appetite", f"must be 1 to {MAX_SCORE}"))
    if not problems:
        empty = [b.label for b in Band if b not in bands.ranges()]
        if empty:
            problems.append(
                FieldProblem(
                    "Medium up to",
                    f"leaves no possible score in the {', '.join(empty).lower()} band",
                )
            )
    for field, value in (
        ("Low colour", bands.low_colour),
        ("Medium colour", bands.medium_colour),
        ("High colour", bands.high_colour),
    ):
        if not _HEX.match(value or ""):
            problems.append(FieldProblem(field, f"{value!r} is not a colour like #C0392B"))
    return problems
