"""The scorecard's rules without a database: RAG, targets over time, direction of travel, periods."""

from __future__ import annotations

from datetime import date

import pytest

from improvement_desk.domain.periods import (
    Frequency,
    financial_year,
    is_period_start,
    next_period,
    parse_period,
    period_label,
    period_of,
    periods_ending,
    previous_period,
    quarter_number,
)
from improvement_desk.domain.scorecard import (
    FigureDraft,
    IndicatorDraft,
    Polarity,
    Rag,
    TargetStep,
    Trend,
    Unit,
    rag_of,
    target_for,
    trend_of,
    validate_figure,
    validate_indicator,
    validate_target,
)

HIGHER = Polarity.HIGHER_IS_BETTER
LOWER = Polarity.LOWER_IS_BETTER
M = Frequency.MONTHLY
Q = Frequency.QUARTERLY

# -- RAG ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (95.0, Rag.GREEN),  # beyond target
        (93.8, Rag.GREEN),  # exactly on target
        (93.7, Rag.AMBER),  # just short
        (91.8, Rag.AMBER),  # exactly the tolerance short: still amber
        (91.79, Rag.RED),  # just past the tolerance
        (50.0, Rag.RED),
    ],
)
def test_rag_when_higher_is_better(value: float, expected: Rag) -> None:
    assert rag_of(value, 93.8, 2.0, HIGHER) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (30.0, Rag.GREEN),  # fewer than target
        (44.2, Rag.GREEN),  # on target
        (44.3, Rag.AMBER),
        (49.2, Rag.AMBER),  # exactly 5 over: the boundary is amber
        (49.3, Rag.RED),
    ],
)
def test_rag_when_lower_is_better(value: float, expected: Rag) -> None:
    assert rag_of(value, 44.2, 5.0, LOWER) is expected


def test_rag_with_no_tolerance_has_no_amber() -> None:
    assert rag_of(20, 20, 0.0, LOWER) is Rag.GREEN
    assert rag_of(21, 20, 0.0, LOWER) is Rag.RED
    assert rag_of(19, 20, 0.0, HIGHER) is Rag.RED


def test_rag_needs_a_value_and_a_target() -> None:
    assert rag_of(None, 90.0, 1.0, HIGHER) is None
    assert rag_of(90.0, None, 1.0, HIGHER) is None
    assert rag_of(0.0, 0.0, 0.0, LOWER) is Rag.GREEN  # zero is a value, not a gap


# -- targets over time --------------------------------------------------------------------------


def test_target_in_force_follows_the_steps() -> None:
    steps = [TargetStep(date(2014, 4, 1), 95.0), TargetStep(date(2013, 4, 1), 90.0)]
    assert target_for(steps, date(2013, 3, 1)) is None  # before the first step
    assert target_for(steps, date(2013, 4, 1)) == 90.0  # the step's first period
    assert target_for(steps, date(2014, 3, 1)) == 90.0
    assert target_for(steps, date(2014, 4, 1)) == 95.0
    assert target_for(steps, date(2016, 1, 1)) == 95.0
    assert target_for([], date(2014, 1, 1)) is None


def test_a_target_change_re_rates_only_later_periods() -> None:
    steps = [TargetStep(date(2013, 4, 1), 90.0), TargetStep(date(2014, 1, 1), 95.0)]
    dec, jan = date(2013, 12, 1), date(2014, 1, 1)
    assert rag_of(92.0, target_for(steps, dec), 2.0, HIGHER) is Rag.GREEN
    assert rag_of(92.0, target_for(steps, jan), 2.0, HIGHER) is Rag.RED


# -- direction of travel ------------------------------------------------------------------------


def test_direction_of_travel_follows_polarity_not_sign() -> None:
    assert trend_of(93.8, 90.0, HIGHER) is Trend.IMPROVING
    assert trend_of(88.3, 90.0, HIGHER) is Trend.DETERIORATING
    assert trend_of(22.0, 25.0, LOWER) is Trend.IMPROVING  # fewer re-referrals is better
    assert trend_of(27.0, 25.0, LOWER) is Trend.DETERIORATING


def test_direction_of_travel_with_equal_values_and_gaps() -> None:
    assert trend_of(20.0, 20.0, LOWER) is Trend.NO_CHANGE
    assert trend_of(0.1 + 0.2, 0.3, HIGHER) is Trend.NO_CHANGE  # float noise is no change
    assert trend_of(20.0, None, HIGHER) is Trend.NOT_APPLICABLE
    assert trend_of(None, 20.0, LOWER) is Trend.NOT_APPLICABLE
    assert trend_of(None, None, LOWER) is Trend.NOT_APPLICABLE
    assert {t.arrow for t in Trend} == {"▲", "▼", "►", "–"}


# -- units --------------------------------------------------------------------------------------


def test_units_show_values_and_gaps() -> None:
    assert Unit.PERCENT.show(93.8) == "93.8%"
    assert Unit.RATE_PER_10K.show(1204.25) == "1,204.2"
    assert Unit.COUNT.show(1204) == "1,204"
    assert Unit.DAYS.show(36) == "36 days"
    assert Unit.PERCENT.show(None) == "–"


# -- periods ------------------------------------------------------------------------------------


def test_period_labels_and_financial_quarters() -> None:
    assert period_label(date(2014, 1, 1), M) == "Jan 2014"
    assert period_label(date(2013, 10, 1), Q) == "Q3 2013/14"
    assert period_label(date(2014, 1, 1), Q) == "Q4 2013/14"
    assert period_label(date(2014, 4, 1), Q) == "Q1 2014/15"
    assert period_label(date(1999, 7, 1), Q) == "Q2 1999/00"
    assert financial_year(date(2014, 3, 31)) == "2013/14"
    assert [quarter_number(date(2013, m, 1)) for m in (4, 7, 10, 1)] == [1, 2, 3, 4]


def test_period_arithmetic() -> None:
    assert period_of(date(2014, 2, 17), M) == date(2014, 2, 1)
    assert period_of(date(2014, 2, 17), Q) == date(2014, 1, 1)
    assert period_of(date(2013, 12, 31), Q) == date(2013, 10, 1)
    assert is_period_start(date(2014, 1, 1), Q)
    assert not is_period_start(date(2014, 2, 1), Q)
    assert not is_period_start(date(2014, 2, 2), M)
    assert previous_period(date(2014, 1, 1), M) == date(2013, 12, 1)
    assert previous_period(date(2014, 1, 1), Q) == date(2013, 10, 1)
    assert next_period(date(2013, 12, 1), M) == date(2014, 1, 1)
    assert periods_ending(date(2014, 2, 1), 3, M) == [
        date(2013, 12, 1),
        date(2014, 1, 1),
        date(2014, 2, 1),
    ]
    assert periods_ending(date(2014, 1, 1), 2, Q) == [date(2013, 10, 1), date(2014, 1, 1)]


@pytest.mark.parametrize(
    ("text", "frequency", "expected"),
    [
        ("Jan 2014", M, date(2014, 1, 1)),
        ("  january   2014 ", M, date(2014, 1, 1)),
        ("January-14", M, date(2014, 1, 1)),
        ("Sept 2013", M, date(2013, 9, 1)),
        ("01/2014", M, date(2014, 1, 1)),
        ("2014-01", M, date(2014, 1, 1)),
        ("12/2013", M, date(2013, 12, 1)),
        ("Q3 2013/14", Q, date(2013, 10, 1)),
        ("q4 2013-14", Q, date(2014, 1, 1)),
        ("Q3 2013", Q, date(2013, 10, 1)),  # the financial year starting April 2013
        ("Q1 2014/15", Q, date(2014, 4, 1)),
        ("Feb 2014", Q, date(2014, 1, 1)),  # a month names the quarter it falls in
    ],
)
def test_parse_period_reads_what_people_type(
    text: str, frequency: Frequency, expected: date
) -> None:
    assert parse_period(text, frequency) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("13/2014", "is not a month"),
        ("Q5 2013", "is not a month"),
        ("", "no period given"),
        ("   ", "no period given"),
        ("Smarch 2014", "is not a month"),
        ("2014", "is not a month"),
        ("00/2014", "is not a month"),
    ],
)
def test_parse_period_refuses_what_is_not_a_period(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_period(text, M)


# -- validation ---------------------------------------------------------------------------------


def _draft(**changes: object) -> IndicatorDraft:
    values: dict[str, object] = {
        "reference": "CP1",
        "name": "Child protection visits in timescale",
        "unit": Unit.PERCENT,
        "polarity": HIGHER,
        **changes,
    }
    return IndicatorDraft(**values)  # type: ignore[arg-type]


def test_indicator_validation_names_fields() -> None:
    assert validate_indicator(_draft()) == []
    problems = validate_indicator(
        _draft(reference="", name="x\ny", amber_tolerance=-1.0, england=101.0)
    )
    assert {p.field for p in problems} == {"Reference", "Name", "Amber tolerance", "England"}
    assert validate_indicator(_draft(unit=Unit.COUNT, england=101.0)) == []
    nan = validate_indicator(_draft(statistical_neighbours=float("nan")))
    assert [(p.field, p.message) for p in nan] == [("Statistical neighbours", "must be a number")]


def test_target_validation() -> None:
    assert validate_target(TargetStep(date(2014, 4, 1), 95.0), Unit.PERCENT, Q) == []
    problems = validate_target(TargetStep(date(2014, 5, 1), 120.0), Unit.PERCENT, Q)
    assert {p.field for p in problems} == {"Target", "From"}
    assert validate_target(TargetStep(date(2014, 5, 1), 120.0), Unit.COUNT, M) == []


def test_figure_validation_refuses_percent_above_100_negatives_and_future_periods() -> None:
    today = date(2014, 3, 31)
    ok = FigureDraft(date(2014, 3, 1), 100.0)
    assert validate_figure(ok, Unit.PERCENT, M, today=today) == []
    over = validate_figure(FigureDraft(date(2014, 3, 1), 100.1), Unit.PERCENT, M, today=today)
    assert [(p.field, p.message) for p in over] == [("Value", "100.1% is more than 100%")]
    negative = validate_figure(FigureDraft(date(2014, 3, 1), -1.0), Unit.COUNT, M, today=today)
    assert [p.field for p in negative] == ["Value"]
    future = validate_figure(FigureDraft(date(2014, 4, 1), 5.0), Unit.COUNT, M, today=today)
    assert [(p.field, p.message) for p in future] == [("Period", "Apr 2014 has not started yet")]
    mid = validate_figure(FigureDraft(date(2014, 2, 1), 5.0), Unit.COUNT, Q, today=today)
    assert [p.field for p in mid] == ["Period"]
