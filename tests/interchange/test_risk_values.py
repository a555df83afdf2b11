"""Risk-register cells as registers write them: scales, colours, statuses, proximity, cycles.

The spellings in the tables come from the real registers in ../shared/realdata
(DLUHC Towns Fund and Pathfinders returns, kevstemplates, packt, teamawesome,
sigtoolkit) so that a change which stops reading one of them fails here.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_desk.domain.risk import Proximity, ReviewFrequency, RiskStatus
from improvement_desk.domain.risk_scoring import SCALE
from improvement_desk.interchange.columns import normalise_header
from improvement_desk.interchange.risk_columns import (
    COMPUTED_KINDS,
    RISK_COLUMNS,
    RISK_IMPORT_COLUMNS,
    risk_column,
)
from improvement_desk.interchange.risk_values import (
    FIVE_LEVEL_WORDS,
    ScaleKind,
    parse_proximity,
    parse_review_frequency,
    parse_risk_status,
    parse_scale,
    probability_level,
    scale_from_fill,
)

# --- parse_scale: what is read --------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        (1, "likelihood", 1),
        (5, "impact", 5),
        (3.0, "likelihood", 3),
        ("4", "impact", 4),
        ("4.0", "likelihood", 4),
        # our own export's labels
        ("4 - Likely", "likelihood", 4),
        ("1 - Rare", "likelihood", 1),
        ("5 - Critical", "impact", 5),
        # DLUHC Towns Fund, spelled exactly as the return spells them
        ("5 - Major impact ", "impact", 5),
        ("1- Marginal impact", "impact", 1),
        ("3 - Medium impact", "impact", 3),
        ("4 - Significant impact ", "impact", 4),
        ("2 - Medium", "likelihood", 2),
        ("4 - Almost Certain", "likelihood", 4),
        # DLUHC Pathfinders
        ("3 - Medium", "likelihood", 3),
        ("1 - Very Low", "impact", 1),
        ("5 - Very High", "likelihood", 5),
        # kevstemplates "Definition" sheet, packt scorecard
        ("Very High 5", "likelihood", 5),
        ("High 4", "impact", 4),
        ("Low (1)", "likelihood", 1),
        ("High (3)", "impact", 3),
        # other separators
        ("2. Low", "impact", 2),
        ("3: Possible", "likelihood", 3),
        ("(4) Major", "impact", 4),
    ],
)
def test_numbers_and_numbered_labels_are_read_by_their_number(
    raw: object, kind: ScaleKind, expected: int
) -> None:
    parsed = parse_scale(raw, kind=kind)
    assert (parsed.value, parsed.error) == (expected, None)


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("Very low", "likelihood", 1),
        ("Low", "likelihood", 2),
        ("Medium", "impact", 3),
        ("High", "impact", 4),
        ("Very high", "impact", 5),
        ("Med", "likelihood", 3),
        ("H", "impact", 4),
        ("High risk", "likelihood", 4),
        # likelihood synonyms
        ("Remote", "likelihood", 1),
        ("Improbable", "likelihood", 2),
        ("Probable", "likelihood", 4),
        ("Highly likely", "likelihood", 5),
        ("Very likely", "likelihood", 5),
        ("Certain", "likelihood", 5),
        # impact synonyms
        ("Insignificant", "impact", 1),
        ("Marginal", "impact", 2),
        ("Significant", "impact", 3),
        ("Serious", "impact", 4),
        ("Severe", "impact", 5),
        ("Catastrophic", "impact", 5),
    ],
)
def test_words_are_read_on_the_five_point_scale_with_a_warning(
    raw: str, kind: ScaleKind, expected: int
) -> None:
    parsed = parse_scale(raw, kind=kind)
    assert parsed.value == expected
    assert parsed.error is None
    assert parsed.warning is not None
    assert f"'{raw}' read as {expected}" in parsed.warning


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("Rare", "likelihood", 1),
        ("Unlikely", "likelihood", 2),
        ("Possible", "likelihood", 3),
        ("Likely", "likelihood", 4),
        ("Almost certain", "likelihood", 5),
        ("Negligible", "impact", 1),
        ("Minor", "impact", 2),
        ("Moderate", "impact", 3),
        ("Major impact", "impact", 4),
        ("critical", "impact", 5),
    ],
)
def test_our_own_words_need_no_warning(raw: str, kind: ScaleKind, expected: int) -> None:
    assert parse_scale(raw, kind=kind) == parse_scale(expected, kind=kind)


def test_the_five_level_words_are_the_documented_mapping() -> None:
    assert FIVE_LEVEL_WORDS == {"very low": 1, "low": 2, "medium": 3, "high": 4, "very high": 5}
    for kind in ("likelihood", "impact"):
        for word, level in FIVE_LEVEL_WORDS.items():
            assert parse_scale(word.title(), kind=kind).value == level


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # the teamawesome register's probabilities
        (0.05, 1),
        (0.1, 2),
        (0.15, 2),
        (0.2, 2),
        (0.25, 2),
        (0.4, 3),
        (0.5, 3),
        (0.65, 4),
        (0.8, 4),
        (0.9, 5),
        (0.01, 1),
        (0.99, 5),
        ("0.4", 3),
        ("60%", 4),
        ("5%", 1),
        ("100%", 5),
        ("26 %", 3),
    ],
)
def test_a_likelihood_may_be_a_probability(raw: object, expected: int) -> None:
    parsed = parse_scale(raw, kind="likelihood")
    assert parsed.value == expected
    assert parsed.warning is not None
    assert "probability" in parsed.warning


def test_probability_bands_follow_the_likelihood_meanings() -> None:
    """5%, 25%, 50% and 80% are the boundaries LIKELIHOOD_MEANINGS gives, each inclusive."""
    assert [probability_level(p) for p in (0.05, 0.0501, 0.25, 0.2501, 0.5, 0.5001)] == [
        1,
        2,
        2,
        3,
        3,
        4,
    ]
    assert [probability_level(p) for p in (0.8, 0.8001, 1.0)] == [4, 5, 5]


def test_a_label_whose_number_and_words_disagree_is_read_by_its_number() -> None:
    parsed = parse_scale("2 - Almost certain", kind="likelihood")
    assert parsed.value == 2
    assert parsed.warning is not None
    assert "from its number" in parsed.warning
    assert "'Almost certain' would be 5" in parsed.warning


def test_dluhc_likelihood_words_on_their_four_point_scale_are_flagged() -> None:
    """DLUHC's likelihood runs 1 Low … 4 Almost Certain: the number is kept, the gap said."""
    parsed = parse_scale("3 - High", kind="likelihood")
    assert parsed.value == 3
    assert parsed.warning is not None
    assert "'High' would be 4" in parsed.warning


def test_a_label_of_the_other_scale_is_read_by_its_number_and_flagged() -> None:
    parsed = parse_scale("5 - Major impact ", kind="likelihood")
    assert parsed.value == 5
    assert parsed.warning is not None
    assert "impact label in a likelihood column" in parsed.warning


# --- parse_scale: what is refused -----------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "kind", "says"),
    [
        (0, "likelihood", "below the 1 to 5 scale"),
        ("0", "impact", "below the 1 to 5 scale"),
        (6, "impact", "above the 1 to 5 scale"),
        ("6", "likelihood", "above the 1 to 5 scale"),
        ("6 - Critical impact", "impact", "longer scale"),  # DLUHC's six-point impact
        (2.5, "likelihood", "not a whole number"),
        ("2.5", "impact", "not a whole number"),
        (-1, "impact", "below the 1 to 5 scale"),
        ("tbc", "likelihood", "'tbc' is not a likelihood score"),
        ("TBC", "impact", "'TBC' is not an impact score"),
        ("#REF!", "impact", "Excel error #REF!"),
        ("#N/A", "likelihood", "Excel error #N/A"),
        (True, "likelihood", "TRUE is not"),
        (False, "impact", "FALSE is not"),
        (0.4, "impact", "looks like a probability"),
        ("40%", "impact", "not an impact score"),
        ("0%", "likelihood", "not a likelihood score"),
        ("Almost certain", "impact", "not an impact score"),
        ("Catastrophic", "likelihood", "not a likelihood score"),
        ("Q2 2014", "likelihood", "is a date"),
        (date(2014, 3, 31), "impact", "a date"),
        (datetime(2014, 3, 31, 9, 0), "likelihood", "a date"),  # noqa: DTZ001
        (float("nan"), "likelihood", "not a likelihood score"),
        ("Red", "impact", "not an impact score"),
    ],
)
def test_off_scale_and_non_scores_are_refused_with_the_accepted_forms(
    raw: object, kind: ScaleKind, says: str
) -> None:
    parsed = parse_scale(raw, kind=kind)
    assert parsed.value is None
    assert parsed.error is not None
    assert says in parsed.error


def test_the_refusal_names_the_scale_and_the_words() -> None:
    error = parse_scale("tbc", kind="likelihood").error
    assert error is not None
    assert "1 Rare" in error
    assert "5 Almost certain" in error
    assert "probability" in error
    impact_error = parse_scale("tbc", kind="impact").error
    assert impact_error is not None
    assert "5 Critical" in impact_error
    assert "probability" not in impact_error


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0"])
def test_empty_is_no_value_and_no_problem(raw: object) -> None:
    for kind in ("likelihood", "impact"):
        parsed = parse_scale(raw, kind=kind)
        assert (parsed.value, parsed.error, parsed.warning) == (None, None, None)


@pytest.mark.parametrize("raw", ["—", "-", "n/a", "N/A"])
def test_a_dash_or_na_is_blank_with_a_warning(raw: str) -> None:
    """sigtoolkit's RAID log asks for a dash where likelihood does not apply."""
    parsed = parse_scale(raw, kind="likelihood")
    assert (parsed.value, parsed.error) == (None, None)
    assert parsed.warning is not None
    assert "read as blank" in parsed.warning


@given(st.one_of(st.none(), st.text(), st.booleans(), st.integers(), st.floats(), st.dates()))
def test_any_cell_gives_a_value_on_the_scale_or_a_reason(raw: object) -> None:
    for kind in ("likelihood", "impact"):
        parsed = parse_scale(raw, kind=kind)
        assert parsed.value is None or parsed.value in SCALE
        assert not (parsed.value is not None and parsed.error is not None)


# --- scale_from_fill ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rgb", "expected"),
    [
        # Excel's Good / Neutral / Bad, as teamawesome uses them
        ("FFC6EFCE", 2),
        ("FFFFEB9C", 3),
        ("FFFFC7CE", 4),
        ("C6EFCE", 2),
        ("#FFC7CE", 4),
        # strong RAG fills
        ("FF00B050", 2),
        ("FF92D050", 2),
        ("FFFFC000", 3),
        ("FFFF0000", 4),
        ("FFC00000", 4),
    ],
)
def test_rag_fills_give_the_middle_of_the_scale(rgb: str, expected: int) -> None:
    parsed = scale_from_fill(rgb)
    assert parsed.value == expected
    assert parsed.warning is not None
    assert "taken from the cell's colour" in parsed.warning


@pytest.mark.parametrize(
    "rgb",
    [
        None,
        "00000000",  # openpyxl's "no fill"
        "FFFFFFFF",
        "FFD8D8D8",  # kevstemplates' grey labels
        "FFFFF2CC",  # DLUHC's pale yellow "calculated" cells: shading, not amber
        "FF0070C0",  # blue is no likelihood
        "FF7030A0",
        "not a colour",
    ],
)
def test_other_colours_say_nothing(rgb: str | None) -> None:
    assert scale_from_fill(rgb).value is None


# --- parse_risk_status ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected", "warned"),
    [
        ("Open", RiskStatus.OPEN, False),
        ("open", RiskStatus.OPEN, False),
        ("Live", RiskStatus.OPEN, True),
        ("Active", RiskStatus.OPEN, True),
        ("Current", RiskStatus.OPEN, True),
        ("In progress", RiskStatus.OPEN, True),  # sigtoolkit and pmo_toolkit RAID logs
        ("Escalated", RiskStatus.ESCALATED, False),
        ("Escalate", RiskStatus.ESCALATED, True),
        ("Closed", RiskStatus.CLOSED, False),
        ("Complete", RiskStatus.CLOSED, True),
        ("Retired", RiskStatus.CLOSED, True),
        ("Resolved", RiskStatus.CLOSED, True),
        ("Treated", RiskStatus.CLOSED, True),
    ],
)
def test_statuses_and_their_synonyms(raw: str, expected: RiskStatus, warned: bool) -> None:
    parsed = parse_risk_status(raw)
    assert (parsed.value, parsed.error) == (expected, None)
    assert (parsed.warning is not None) is warned


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("Pending", "not a risk status"),
        ("Confirmed", "not a risk status"),
        ("Treat", "a response to the risk"),
        ("Tolerate", "a response to the risk"),
        (1, "not a risk status"),
        (True, "not a risk status"),
    ],
)
def test_other_statuses_are_refused_naming_the_accepted_words(raw: object, says: str) -> None:
    parsed = parse_risk_status(raw)
    assert parsed.value is None
    assert parsed.error is not None
    assert says in parsed.error
    assert "Open, Escalated or Closed" in parsed.error


def test_empty_status_is_no_value() -> None:
    assert parse_risk_status(None) == parse_risk_status("  ")
    assert parse_risk_status(None).value is None
    assert parse_risk_status(None).error is None


# --- parse_proximity ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        *((p.label, p) for p in Proximity),
        *((p.value, p) for p in Proximity),
        ("0-3 months", Proximity.IMMINENT),
        ("< 3 months", Proximity.IMMINENT),
        ("Imminent", Proximity.IMMINENT),
        ("next month", Proximity.IMMINENT),
        ("2 weeks", Proximity.IMMINENT),
        ("3-6 months", Proximity.NEAR),
        ("Short term", Proximity.NEAR),
        ("Medium term", Proximity.MEDIUM_TERM),
        ("6-12 months", Proximity.MEDIUM_TERM),
        ("within 1 year", Proximity.MEDIUM_TERM),
        ("Long term", Proximity.LONG_TERM),
        ("12 months+", Proximity.LONG_TERM),
        ("12+ months", Proximity.LONG_TERM),
        ("more than 12 months", Proximity.LONG_TERM),
        ("over 6 months", Proximity.MEDIUM_TERM),
        ("2 years", Proximity.LONG_TERM),
        # DLUHC Towns Fund proximity inputs, exactly
        ("5 - Imminent: next month", Proximity.IMMINENT),
        ("4 - Close: next 3 months", Proximity.IMMINENT),
        ("3 - Approaching: next 6 months", Proximity.NEAR),
        ("2 - Distant: next 12 months", Proximity.MEDIUM_TERM),
        ("1 - Remote", Proximity.LONG_TERM),
    ],
)
def test_proximity_from_bands_periods_and_words(raw: str, expected: Proximity) -> None:
    parsed = parse_proximity(raw)
    assert (parsed.value, parsed.error) == (expected, None)


def test_our_own_proximity_labels_need_no_warning() -> None:
    assert all(parse_proximity(p.label).warning is None for p in Proximity)
    warned = parse_proximity("4 - Close: next 3 months").warning
    assert warned == "'4 - Close: next 3 months' read as Within 3 months"


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("Q2 2014", "is a date"),
        ("March 2015", "is a date"),
        (date(2014, 6, 30), "a date says when"),
        (3, "not a proximity"),
        ("soon-ish", "not a proximity"),
        ("tbc", "not a proximity"),
    ],
)
def test_dates_and_other_text_are_not_a_proximity(raw: object, says: str) -> None:
    parsed = parse_proximity(raw)
    assert parsed.value is None
    assert parsed.error is not None
    assert says in parsed.error
    assert "Within 3 months" in parsed.error


def test_empty_proximity_is_no_value() -> None:
    assert parse_proximity("").value is None
    assert parse_proximity(None).error is None


# --- parse_review_frequency -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        *((f.label, f) for f in ReviewFrequency),
        *((f.value, f) for f in ReviewFrequency),
        ("Monthly", ReviewFrequency.MONTHLY),
        ("every month", ReviewFrequency.MONTHLY),
        ("Bi-monthly", ReviewFrequency.BIMONTHLY),
        ("Every 2 months", ReviewFrequency.BIMONTHLY),
        ("Quarterly", ReviewFrequency.QUARTERLY),
        ("Every 3 months", ReviewFrequency.QUARTERLY),
        ("6 monthly", ReviewFrequency.SIX_MONTHLY),
        ("6-monthly", ReviewFrequency.SIX_MONTHLY),
        ("Six monthly", ReviewFrequency.SIX_MONTHLY),
        ("Half-yearly", ReviewFrequency.SIX_MONTHLY),
        ("every six months", ReviewFrequency.SIX_MONTHLY),
        ("Annual", ReviewFrequency.ANNUALLY),
        ("Yearly", ReviewFrequency.ANNUALLY),
        ("Every 12 months", ReviewFrequency.ANNUALLY),
    ],
)
def test_review_cycles_however_written(raw: str, expected: ReviewFrequency) -> None:
    parsed = parse_review_frequency(raw)
    assert (parsed.value, parsed.error) == (expected, None)


def test_ambiguous_bi_words_are_read_with_a_warning() -> None:
    warning = parse_review_frequency("Bi-monthly").warning
    assert warning == "'Bi-monthly' read as Every two months"
    assert parse_review_frequency("Quarterly").warning is None


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        ("Weekly", "more often than the shortest cycle"),
        ("Fortnightly", "more often than the shortest cycle"),
        ("Every 4 months", "not a review cycle this board uses"),
        ("whenever", "not a review cycle"),
        (12, "not a review cycle"),
    ],
)
def test_other_cycles_are_refused(raw: object, says: str) -> None:
    parsed = parse_review_frequency(raw)
    assert parsed.value is None
    assert parsed.error is not None
    assert says in parsed.error


# --- the columns ----------------------------------------------------------------------------


def test_every_heading_names_one_field_only() -> None:
    """A heading shared by two fields would go to whichever is declared first, silently."""
    seen: dict[str, str] = {}
    for spec in RISK_IMPORT_COLUMNS:
        for name in {normalise_header(h) for h in (spec.header, *spec.synonyms)}:
            assert seen.setdefault(name, spec.field) == spec.field, name


@pytest.mark.parametrize(
    ("heading", "field"),
    [
        ("Probability", "current_likelihood"),
        ("Likelihood", "current_likelihood"),
        ("Impact", "current_impact"),
        ("Pre-mitigated Impact", "inherent_impact"),
        ("Pre-mitigated likelihood score", "inherent_likelihood"),
        ("Inherent likelihood", "inherent_likelihood"),
        ("Gross impact", "inherent_impact"),
        ("Raw likelihood", "inherent_likelihood"),
        ("Original impact", "inherent_impact"),
        ("Post-Mitigated Impact", "current_impact"),
        ("Post-mitigated Likelihood", "current_likelihood"),
        ("Residual likelihood", "current_likelihood"),
        ("Net impact", "current_impact"),
        ("Current likelihood", "current_likelihood"),
        ("Target likelihood", "target_likelihood"),
        ("Tolerable impact", "target_impact"),
        ("Target L", "target_likelihood"),
        ("Pre-mitigated Raw Total Score", "inherent_score"),
        ("Post-mitigated Raw Total Score", "current_score"),
        ("Pre-mitigated total risk score", "inherent_score"),
        ("Exposure", "current_score"),
        ("Target score", "target_score"),
        ("Description", "event"),
        ("Full Description", "event"),
        ("Risk description", "event"),
        ("Root cause", "cause"),
        ("Cause", "cause"),
        ("Consequences", "effect"),
        ("Consequence", "effect"),
        ("Impact description", "effect"),
        ("Mitigations", "controls"),
        ("Mitigation in Place", "controls"),
        ("Existing controls", "controls"),
        ("Risk Owner/Role", "owner"),
        ("Owner", "owner"),
        ("Date Identified", "date_raised"),
        ("RAG Status", "band"),
        ("DOT", "direction"),
        ("No.", "reference"),
        ("Risk Name", "title"),
        ("Risk", "title"),
        ("Risk Category", "category"),
        ("Proximity", "proximity"),
        ("Type", "entry_type"),
    ],
)
def test_headings_from_real_registers(heading: str, field: str) -> None:
    matched = [spec.field for spec in RISK_IMPORT_COLUMNS if spec.matches(heading)]
    assert matched == [field]


def test_computed_columns_are_never_editable() -> None:
    computed = [spec for spec in RISK_COLUMNS if spec.kind in COMPUTED_KINDS]
    assert {spec.field for spec in computed} == {
        "inherent_score",
        "current_score",
        "target_score",
        "band",
        "direction",
    }
    assert not any(spec.editable for spec in computed)


def test_what_an_owner_updates_at_a_review_is_editable() -> None:
    editable = {spec.field for spec in RISK_COLUMNS if spec.editable}
    assert editable == {
        "current_likelihood",
        "current_impact",
        "review_commentary",
        "controls",
        "status",
        "proximity",
        "mitigating_actions",
    }
    assert risk_column("reference").required
    with pytest.raises(KeyError):
        risk_column("no_such_field")
