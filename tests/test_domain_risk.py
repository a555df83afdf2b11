"""Risk rules without a database: scoring, banding, direction of travel, review dates."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_desk.domain.risk import (
    REVIEW_DUE_WINDOW_DAYS,
    ReviewFrequency,
    ReviewState,
    RiskStatus,
    add_months,
    review_state,
)
from improvement_desk.domain.risk_bands import Band, RiskBands, text_colour_on, validate_bands
from improvement_desk.domain.risk_scoring import (
    POSSIBLE_SCORES,
    Direction,
    Score,
    direction_of_travel,
    impact_label,
    likelihood_label,
    score_of,
)

TODAY = date(2014, 3, 31)


def test_score_is_likelihood_times_impact_on_one_to_five() -> None:
    assert Score(4, 4).value == 16
    assert str(Score(3, 5)) == "3×5 = 15"
    assert score_of(2, None) is None
    assert score_of(5, 5) == 25
    assert POSSIBLE_SCORES == (1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25)
    for bad in ((0, 3), (6, 1), (True, 2), (2.0, 2)):
        with pytest.raises(ValueError, match="1 to 5"):
            Score(*bad)


def test_labels_put_the_number_first() -> None:
    assert likelihood_label(4) == "4 - Likely"
    assert impact_label(5) == "5 - Critical"


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (1, Band.LOW),
        (4, Band.LOW),
        (5, Band.MEDIUM),
        (12, Band.MEDIUM),
        (15, Band.HIGH),
        (25, Band.HIGH),
    ],
)
def test_default_bands(score: int, band: Band) -> None:
    assert RiskBands().band(score) is band


def test_council_style_bands_10_15_25() -> None:
    bands = RiskBands(low_max=10, medium_max=15, appetite=15)
    assert [bands.band(s) for s in (10, 12, 15, 16)] == [
        Band.LOW,
        Band.MEDIUM,
        Band.MEDIUM,
        Band.HIGH,
    ]
    assert bands.describe() == "Low 1–10, Medium 12–15, High 16–25; appetite 15"
    assert not bands.above_appetite(15)
    assert bands.above_appetite(16)


@given(st.integers(1, 24), st.integers(1, 24), st.sampled_from(POSSIBLE_SCORES))
def test_one_score_one_band_one_colour(low: int, medium: int, score: int) -> None:
    """Whatever the setting, a score's band and colour are a function of the score alone."""
    if not low < medium:
        return
    bands = RiskBands(low_max=low, medium_max=medium)
    band = bands.band(score)
    assert bands.colour(score) == bands.colour(band)
    assert band.severity == sum(score > limit for limit in (low, medium))


def test_text_colour_is_readable_on_every_default_band() -> None:
    bands = RiskBands()
    assert text_colour_on("#FFFFFF") == "#000000"
    assert text_colour_on("#000000") == "#FFFFFF"
    assert bands.text_colour(Band.HIGH) == "#FFFFFF"  # white on red
    assert bands.text_colour(Band.MEDIUM) == "#000000"  # black on amber


def test_validate_bands_accepts_defaults_and_names_each_problem() -> None:
    assert validate_bands(RiskBands()) == []
    problems = validate_bands(
        RiskBands(low_max=5, medium_max=3, appetite=0, medium_colour="#12345")
    )
    assert {p.field for p in problems} == {"Medium up to", "Appetite", "Medium colour"}


@pytest.mark.parametrize(
    ("scores", "direction"),
    [
        ((), Direction.NEW),
        ((16,), Direction.NEW),
        ((9, 16), Direction.WORSE),
        ((16, 12), Direction.BETTER),
        ((20, 12, 12), Direction.SAME),
        ((4, 20, 6), Direction.BETTER),
    ],
)
def test_direction_of_travel_compares_the_last_two_reviews(
    scores: tuple[int, ...], direction: Direction
) -> None:
    assert direction_of_travel(scores) is direction
    assert direction.arrow in "↑↓→•"


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2014, 1, 31), 1) == date(2014, 2, 28)
    assert add_months(date(2012, 1, 31), 1) == date(2012, 2, 29)
    assert add_months(date(2013, 11, 15), 3) == date(2014, 2, 15)
    assert ReviewFrequency.SIX_MONTHLY.next_after(date(2013, 8, 31)) == date(2014, 2, 28)
    assert ReviewFrequency.ANNUALLY.next_after(date(2012, 2, 29)) == date(2013, 2, 28)


@pytest.mark.parametrize(
    ("next_review", "status", "state"),
    [
        (date(2014, 3, 30), RiskStatus.OPEN, ReviewState.OVERDUE),
        (date(2014, 3, 31), RiskStatus.OPEN, ReviewState.DUE),
        (date(2014, 4, 14), RiskStatus.ESCALATED, ReviewState.DUE),
        (date(2014, 4, 15), RiskStatus.OPEN, ReviewState.NOT_DUE),
        (date(2013, 1, 1), RiskStatus.CLOSED, ReviewState.NOT_DUE),
        (None, RiskStatus.OPEN, ReviewState.DUE),
    ],
)
def test_review_state(next_review: date | None, status: RiskStatus, state: ReviewState) -> None:
    assert REVIEW_DUE_WINDOW_DAYS == 14
    assert review_state(next_review, status, TODAY) is state
