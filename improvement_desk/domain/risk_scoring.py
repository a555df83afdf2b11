"""5x5 risk scoring: the likelihood and impact scales, scores, and direction of travel.

A score is always likelihood × impact, computed here and never typed or
trusted from a spreadsheet formula, so the register, the heat map, the
export and the pack cannot disagree about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SCALE = (1, 2, 3, 4, 5)
MAX_SCORE = 25
# The products a 5x5 matrix can produce; a band boundary between two of them is the same band.
POSSIBLE_SCORES = tuple(sorted({lik * imp for lik in SCALE for imp in SCALE}))

LIKELIHOOD_LABELS = {
    1: "Rare",
    2: "Unlikely",
    3: "Possible",
    4: "Likely",
    5: "Almost certain",
}
IMPACT_LABELS = {
    1: "Negligible",
    2: "Minor",
    3: "Moderate",
    4: "Major",
    5: "Critical",
}
LIKELIHOOD_MEANINGS = {
    1: "May happen only in exceptional circumstances (under 5%)",
    2: "Could happen at some time (5–25%)",
    3: "Might happen (25–50%)",
    4: "Will probably happen (50–80%)",
    5: "Expected to happen (over 80%)",
}
IMPACT_MEANINGS = {
    1: "Little effect on children or on the plan",
    2: "Some delay or cost; contained within the service",
    3: "Harm to outcomes for some children, or plan milestones missed",
    4: "Serious harm to children's outcomes, or Ofsted judgement at risk",
    5: "Death or serious harm to a child, or intervention by the Secretary of State",
}


def likelihood_label(value: int) -> str:
    """'4 - Likely': the number first, as councils write it, so it reads without the legend."""
    return f"{value} - {LIKELIHOOD_LABELS[value]}"


def impact_label(value: int) -> str:
    return f"{value} - {IMPACT_LABELS[value]}"


def is_on_scale(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value in SCALE


@dataclass(frozen=True, slots=True)
class Score:
    """One assessment: likelihood and impact on the 1–5 scales."""

    likelihood: int
    impact: int

    def __post_init__(self) -> None:
        if not (is_on_scale(self.likelihood) and is_on_scale(self.impact)):
            raise ValueError(f"likelihood and impact must be 1 to 5, not {self}")

    @property
    def value(self) -> int:
        return self.likelihood * self.impact

    def __str__(self) -> str:
        return f"{self.likelihood}×{self.impact} = {self.value}"


def score_of(likelihood: int | None, impact: int | None) -> int | None:
    """The score, or None while either half is unknown (a target not yet set)."""
    if likelihood is None or impact is None:
        return None
    return Score(likelihood, impact).value


class Direction(StrEnum):
    """Direction of travel between the last two reviews: computed, never typed."""

    WORSE = "worse"
    BETTER = "better"
    SAME = "same"
    NEW = "new"  # one assessment only: nothing to compare

    @property
    def arrow(self) -> str:
        return _ARROWS[self]

    @property
    def label(self) -> str:
        return _DIRECTION_LABELS[self]

    @property
    def severity(self) -> int:
        """Sorts worsening risks first when sorted descending."""
        return _DIRECTION_SEVERITY[self]


_ARROWS = {Direction.WORSE: "↑", Direction.BETTER: "↓", Direction.SAME: "→", Direction.NEW: "•"}
_DIRECTION_LABELS = {
    Direction.WORSE: "Worse",
    Direction.BETTER: "Better",
    Direction.SAME: "No change",
    Direction.NEW: "New",
}
_DIRECTION_SEVERITY = {
    Direction.BETTER: 0,
    Direction.SAME: 1,
    Direction.NEW: 2,
    Direction.WORSE: 3,
}


def direction_of_travel(scores: list[int] | tuple[int, ...]) -> Direction:
    """From a risk's review scores, oldest first: a higher score is worse."""
    if len(scores) < 2:
        return Direction.NEW
    previous, latest = scores[-2], scores[-1]
    if latest > previous:
        return Direction.WORSE
    if latest < previous:
        return Direction.BETTER
    return Direction.SAME
