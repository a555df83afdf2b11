"""Cell values as officers type them: BRAG, fill colours, confidence, UK dates, text."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.interchange import dates
from improvement_desk.interchange.values import (
    Parsed,
    brag_from_fill,
    clean_cell_text,
    parse_brag,
    parse_confidence,
    parse_uk_date,
)

R, A, G, B, NS = Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE, Brag.NOT_STARTED

# Any value a cell can hold, as openpyxl hands it over.
CELL_VALUES = st.one_of(
    st.none(),
    st.text(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.dates(),
    st.datetimes(),
)


def _naive(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    """Excel's datetimes carry no time zone."""
    return datetime(year, month, day, hour, minute)  # noqa: DTZ001


def _shape(parsed: Parsed[date]) -> tuple[bool, bool, bool]:
    return parsed.warning is not None, parsed.error is not None, parsed.note is not None


# --- parse_brag --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("R", R),
        ("A", A),
        ("G", G),
        ("B", B),
        ("r", R),
        ("Red", R),
        ("amber", A),
        ("GREEN", G),
        ("Blue", B),
        ("  Green  ", G),
        ("Green\u00a0", G),
        ("Not started", NS),
        ("not yet started", NS),
        ("NOT STARTED", NS),
        ("not_started", NS),
        ("1. Not yet started", NS),
        ("1) Not started", NS),
        ("3 - Amber", A),
        ("4. Green", G),
        ("–", NS),  # our own letter for Not started
        ("Green - on track", G),
        ("Red (off track)", R),
        ("Amber: slipping", A),
    ],
)
def test_brag_plain_ratings_need_no_warning(raw: str, expected: Brag) -> None:
    assert parse_brag(raw) == Parsed(expected)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Complete", B),
        ("Completed", B),
        ("Done", B),
        ("closed", B),
        ("RESOLVED", B),
        ("On track", G),
        ("on target", G),
        ("At risk", A),
        ("Delayed", A),
        ("Off track", R),
        ("Blocked", R),
        ("Overdue", R),
        ("Complete - awaiting sign-off", B),
    ],
)
def test_brag_status_words_are_rated_with_a_warning(raw: str, expected: Brag) -> None:
    parsed = parse_brag(raw)
    assert parsed.value is expected
    assert parsed.warning is not None
    assert f"taken as {expected.label}" in parsed.warning
    assert (parsed.error, parsed.note) == (None, None)


@pytest.mark.parametrize("raw", ["Complete", "Done", "Closed", "Resolved"])
def test_brag_complete_warns_that_blue_needs_evidence_and_the_board(raw: str) -> None:
    warning = parse_brag(raw).warning or ""
    assert "taken as Blue (complete)" in warning
    assert "evidence" in warning
    assert "board" in warning


@pytest.mark.parametrize("raw", ["In progress", "in progress", "Ongoing", "Open", "Under way"])
def test_brag_a_status_leaves_the_rating_unchanged(raw: str) -> None:
    parsed = parse_brag(raw)
    assert parsed.value is None
    assert parsed.error is None
    assert parsed.warning == (
        f"'{raw}' is a status, not a BRAG rating; the rating was left unchanged"
    )


@pytest.mark.parametrize("raw", ["n/a", "TBC", "-", "—", "?"])
def test_brag_placeholders_leave_the_rating_unchanged(raw: str) -> None:
    parsed = parse_brag(raw)
    assert (parsed.value, parsed.error) == (None, None)
    assert parsed.warning == f"'{raw}' is not a BRAG rating; the rating was left unchanged"


@pytest.mark.parametrize(
    ("raw", "expected", "named"),
    [
        ("Amber/Green", A, ("Amber", "Green")),
        ("Amber-Green", A, ("Amber", "Green")),
        ("Amber - Green", A, ("Amber", "Green")),
        ("A/G", A, ("Amber", "Green")),
        ("a/g", A, ("Amber", "Green")),
        ("Green/Amber", A, ("Green", "Amber")),
        ("Amber/Red", R, ("Amber", "Red")),
        ("Red/Amber", R, ("Red", "Amber")),
        ("R/A", R, ("Red", "Amber")),
        ("Green/Blue", G, ("Green", "Blue")),
        ("Red/Amber/Green", R, ("Red", "Amber", "Green")),
    ],
)
def test_brag_compound_ratings_take_the_worse(
    raw: str, expected: Brag, named: tuple[str, ...]
) -> None:
    parsed = parse_brag(raw)
    assert parsed.value is expected
    assert parsed.error is None
    assert parsed.warning is not None
    assert f"taken as the worse, {expected.label}" in parsed.warning
    for label in named:
        assert label in parsed.warning


def test_brag_compound_of_one_colour_needs_no_warning() -> None:
    assert parse_brag("Red/Red") == Parsed(R)


@pytest.mark.parametrize("raw", [1, 3, 5, 2.5, "3", "1.", "4.0"])
def test_brag_numbers_are_refused(raw: object) -> None:
    parsed = parse_brag(raw)
    assert parsed.value is None
    assert parsed.error is not None
    assert parsed.error.startswith("a number is not a BRAG rating")


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0", "\n"])
def test_brag_blank_is_no_value_and_no_warning(raw: object) -> None:
    assert parse_brag(raw) == Parsed(None)


@pytest.mark.parametrize(
    "raw", ["Purple", "Good", "2a", "Red Amber Purple", True, date(2013, 5, 31)]
)
def test_brag_unknown_text_is_refused_naming_it_and_what_is_accepted(raw: object) -> None:
    parsed = parse_brag(raw)
    assert parsed.value is None
    assert parsed.error is not None
    assert f"'{clean_cell_text(raw)}'" in parsed.error
    for accepted in ("Red", "Amber", "Green", "Blue", "Not started"):
        assert accepted in parsed.error


@given(st.text())
def test_brag_never_raises_on_text(text: str) -> None:
    parsed = parse_brag(text)
    assert parsed.value is None or isinstance(parsed.value, Brag)
    assert parsed.value is None or parsed.error is None


# --- brag_from_fill ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rgb", "expected"),
    [
        # Excel's standard and "Good / Bad / Neutral" fills
        ("FFFF0000", R),
        ("FFC00000", R),
        ("FFFFC7CE", R),
        ("FFFFC000", A),
        ("FFFFEB9C", A),
        ("FFFF6600", A),
        ("FFFFFF00", A),
        ("FFF4B084", A),
        ("FF00B050", G),
        ("FF92D050", G),
        ("FFC6EFCE", G),
        ("FF70AD47", G),
        ("FFEAF3DE", G),
        ("FF0070C0", B),
        ("FF00B0F0", B),
        ("FF5B9BD5", B),
        ("FFDDEBF7", B),
        ("FF1F5FA8", B),
        ("FF9BC2E6", B),
        # six digits, either case, openpyxl's 00 alpha
        ("FF0000", R),
        ("ffc7ce", R),
        ("00FF0000", R),
        ("c6efce", G),
        # our own export colours
        (R.colour, R),
        (A.colour, A),
        (G.colour, G),
        (B.colour, B),
    ],
)
def test_fill_colours_map_to_the_nearest_rating(rgb: str, expected: Brag) -> None:
    assert brag_from_fill(rgb) == Parsed(expected, warning="rating read from the cell's colour")


@pytest.mark.parametrize(
    "rgb",
    [
        None,
        "00000000",  # openpyxl: no fill
        "FFFFFFFF",
        "FFFFFF",
        "FFF2F2F2",
        "FFD9D9D9",
        NS.colour,  # our Not started grey: a grey cell carries no rating
        "FFBFBFBF",
        "FF808080",
        "FF000000",
        "",
        "not a colour",
        "FFF",
    ],
)
def test_greys_whites_and_no_fill_are_no_rating(rgb: str | None) -> None:
    assert brag_from_fill(rgb) == Parsed(None)


def test_a_colour_that_is_no_rating_is_said_so() -> None:
    parsed = brag_from_fill("FF7030A0")  # Excel's purple
    assert parsed.value is None
    assert parsed.error is None
    assert parsed.warning is not None
    assert "7030A0" in parsed.warning


@given(st.text())
def test_fill_never_raises(text: str) -> None:
    brag_from_fill(text)


# --- parse_confidence --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("High", Confidence.HIGH),
        ("high", Confidence.HIGH),
        ("H", Confidence.HIGH),
        ("Medium", Confidence.MEDIUM),
        ("MEDIUM", Confidence.MEDIUM),
        ("Med", Confidence.MEDIUM),
        ("med.", Confidence.MEDIUM),
        ("m", Confidence.MEDIUM),
        ("Low", Confidence.LOW),
        ("L", Confidence.LOW),
        (" low ", Confidence.LOW),
        ("High confidence", Confidence.HIGH),
        (None, None),
        ("", None),
        ("  ", None),
    ],
)
def test_confidence_is_read(raw: object, expected: Confidence | None) -> None:
    assert parse_confidence(raw) == Parsed(expected)


@pytest.mark.parametrize("raw", ["Very high", "Green", "3", 3, 0.5, True, "x"])
def test_unknown_confidence_is_refused(raw: object) -> None:
    parsed = parse_confidence(raw)
    assert parsed.value is None
    assert parsed.error is not None
    assert f"'{clean_cell_text(raw)}'" in parsed.error
    assert "High, Medium or Low" in parsed.error


# --- parse_uk_date -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (date(2013, 5, 31), date(2013, 5, 31)),
        (_naive(2013, 5, 31), date(2013, 5, 31)),  # Excel dates arrive at midnight
        (_naive(2013, 5, 31, 17, 30), date(2013, 5, 31)),
        ("31/05/2013", date(2013, 5, 31)),
        ("31/5/13", date(2013, 5, 31)),
        ("1/4/2013", date(2013, 4, 1)),
        ("31-05-2013", date(2013, 5, 31)),
        ("31.05.2013", date(2013, 5, 31)),
        ("2013-05-31", date(2013, 5, 31)),
        ("2013-05-31T00:00:00", date(2013, 5, 31)),
        ("31/05/2013 00:00:00", date(2013, 5, 31)),
        ("31/05/2013 14:30", date(2013, 5, 31)),
        ("1st April 2013", date(2013, 4, 1)),
        ("2nd April 2013", date(2013, 4, 2)),
        ("23rd April 2013", date(2013, 4, 23)),
        ("1 Apr 2013", date(2013, 4, 1)),
        ("1-Apr-13", date(2013, 4, 1)),
        ("1 APRIL 2013", date(2013, 4, 1)),
        ("30 Sept 2014", date(2014, 9, 30)),
        ("30 Sep. 2014", date(2014, 9, 30)),
        ("Friday 31st May 2013", date(2013, 5, 31)),
        ("By 31 May 2013", date(2013, 5, 31)),
        ("April 1, 2013", date(2013, 4, 1)),
        ("April 1st 2013", date(2013, 4, 1)),
        ("  31/05/2013\u00a0", date(2013, 5, 31)),
        ("29/02/2016", date(2016, 2, 29)),
        # two-digit years: 00–69 are 2000s, 70–99 1900s
        ("31/12/69", date(2069, 12, 31)),
        ("1/1/70", date(1970, 1, 1)),
        ("1/1/00", date(2000, 1, 1)),
        ("15/6/99", date(1999, 6, 15)),
    ],
)
def test_exact_dates_need_no_warning(raw: object, expected: date) -> None:
    assert parse_uk_date(raw) == Parsed(expected)


@pytest.mark.parametrize(
    ("raw", "expected", "shown"),
    [
        ("May 2013", date(2013, 5, 31), "31 May 2013"),
        ("may 2013", date(2013, 5, 31), "31 May 2013"),
        ("May-13", date(2013, 5, 31), "31 May 2013"),
        ("Jul-13", date(2013, 7, 31), "31 July 2013"),
        ("Feb-16", date(2016, 2, 29), "29 February 2016"),
        ("Sept 2014", date(2014, 9, 30), "30 September 2014"),
        ("SEPTEMBER 2014", date(2014, 9, 30), "30 September 2014"),
        ("End of June 2013", date(2013, 6, 30), "30 June 2013"),
        ("end June 2013", date(2013, 6, 30), "30 June 2013"),
        ("Mid May 2013", date(2013, 5, 31), "31 May 2013"),
        ("Early May 2013", date(2013, 5, 31), "31 May 2013"),
        ("Apr-Jun 2014", date(2014, 6, 30), "30 June 2014"),
        ("Q1 2014/15", date(2014, 6, 30), "30 June 2014"),
        ("Q2 2014/15", date(2014, 9, 30), "30 September 2014"),
        ("Q3 2014/15", date(2014, 12, 31), "31 December 2014"),
        ("Q4 2014/15", date(2015, 3, 31), "31 March 2015"),
        ("Q2 14/15", date(2014, 9, 30), "30 September 2014"),
        ("q2 2014-15", date(2014, 9, 30), "30 September 2014"),
        ("Quarter 2 2014/15", date(2014, 9, 30), "30 September 2014"),
        ("2014/15 Q4", date(2015, 3, 31), "31 March 2015"),
        ("Q3 2014", date(2014, 9, 30), "30 September 2014"),
        ("Q1 2014", date(2014, 3, 31), "31 March 2014"),
        ("Q4 2014", date(2014, 12, 31), "31 December 2014"),
        ("2014/15", date(2015, 3, 31), "31 March 2015"),
        ("2014-15", date(2015, 3, 31), "31 March 2015"),
        ("2014/2015", date(2015, 3, 31), "31 March 2015"),
        ("FY14/15", date(2015, 3, 31), "31 March 2015"),
        ("Spring 2014", date(2014, 5, 31), "31 May 2014"),
        ("Summer 2014", date(2014, 8, 31), "31 August 2014"),
        ("Autumn 2014", date(2014, 11, 30), "30 November 2014"),
        ("Winter 2014", date(2015, 2, 28), "28 February 2015"),
        ("Winter 2015", date(2016, 2, 29), "29 February 2016"),
        ("Winter 2014/15", date(2015, 2, 28), "28 February 2015"),
        ("2014", date(2014, 12, 31), "31 December 2014"),
        ("End of 2014", date(2014, 12, 31), "31 December 2014"),
        (2014, date(2014, 12, 31), "31 December 2014"),
    ],
)
def test_imprecise_dates_are_the_end_of_the_period(raw: object, expected: date, shown: str) -> None:
    assert parse_uk_date(raw) == Parsed(
        expected, warning=f"imprecise date '{raw}' taken as {shown}"
    )


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (41425, date(2013, 5, 31)),
        (41425.0, date(2013, 5, 31)),
        (41425.75, date(2013, 5, 31)),
        ("41425", date(2013, 5, 31)),
        (20000, date(1954, 10, 3)),
        (80000, date(2119, 1, 11)),
    ],
)
def test_excel_serial_numbers_are_dates_with_a_warning(raw: object, expected: date) -> None:
    parsed = parse_uk_date(raw)
    assert parsed.value == expected
    assert parsed.error is None
    assert parsed.warning is not None
    assert "Excel date" in parsed.warning


@pytest.mark.parametrize("raw", [3, 0, -5, 19999, 80001, 2.5, 1e300, float("nan"), "123"])
def test_other_numbers_are_refused(raw: object) -> None:
    parsed = parse_uk_date(raw)
    assert (parsed.value, parsed.note) == (None, None)
    assert parsed.error is not None


@pytest.mark.parametrize("raw", ["05/31/2013", "12/13/14", "1/25/2014"])
def test_american_dates_are_refused(raw: str) -> None:
    assert parse_uk_date(raw) == Parsed(None, error=f"'{raw}' is not a UK date (day/month/year)")


@pytest.mark.parametrize(
    "raw", ["31/02/2014", "29/02/2014", "32/01/2014", "0/1/2014", "31 April 2014"]
)
def test_impossible_dates_are_refused(raw: str) -> None:
    assert parse_uk_date(raw) == Parsed(None, error=f"'{raw}' is an impossible date")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("31 May", "has no year"),
        ("May", "has no year"),
        ("31/05", "has no year"),
        ("31/05/1013", "out of range"),
        ("31/05/213", "not a date"),
        ("Q5 2014", "not a date"),
        ("13 13 2013", "not a date"),
        ("2013/16", "not a financial year"),
        ("Spring 2014/15", "not a date"),
        ("3199999999 May 2014", "not a date"),
        ("1" * 5000, "not a date"),
        (True, "not a date"),
    ],
)
def test_text_that_fails_to_be_a_date_is_refused(raw: object, message: str) -> None:
    parsed = parse_uk_date(raw)
    assert (parsed.value, parsed.warning, parsed.note) == (None, None, None)
    assert parsed.error is not None
    assert message in parsed.error


@pytest.mark.parametrize(
    "raw",
    ["Ongoing", "tbc", "TBC", "n/a", "—", "[date]", "Complete", "ASAP", "-", "June 2014 (tbc)"],
)
def test_text_that_is_no_date_is_kept_as_a_note(raw: str) -> None:
    assert parse_uk_date(raw) == Parsed(
        None, note=raw, warning=f"'{raw}' is not a date; kept as a note"
    )


@pytest.mark.parametrize("raw", [None, "", "   ", "\u00a0"])
def test_blank_dates_are_no_value(raw: object) -> None:
    assert parse_uk_date(raw) == Parsed(None)


def test_with_today_a_far_off_year_is_queried() -> None:
    today = date(2014, 3, 31)
    assert parse_uk_date("31/05/2014", today=today) == Parsed(date(2014, 5, 31))
    typo = parse_uk_date("31/05/2104", today=today)
    assert typo.value == date(2104, 5, 31)
    assert "check the year" in (typo.warning or "")
    period = parse_uk_date("May 2104", today=today)
    assert _shape(period) == (True, False, False)
    assert "imprecise" in (period.warning or "")
    assert "check the year" in (period.warning or "")


def test_messages_quote_long_text_cut_short() -> None:
    parsed = parse_uk_date("x" * 500)
    assert parsed.note == "x" * 500
    assert len(parsed.warning or "") < 100


def test_values_and_dates_share_one_parser() -> None:
    assert parse_uk_date("Q2 2014/15") == dates.parse_uk_date("Q2 2014/15")


@given(st.text())
def test_dates_never_raise_on_text(text: str) -> None:
    parsed = parse_uk_date(text)
    assert parsed.value is None or parsed.error is None
    assert parsed.note is None or parsed.value is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)))
def test_uk_formatted_dates_round_trip(day: date) -> None:
    assert parse_uk_date(f"{day:%d/%m/%Y}") == Parsed(day)


@given(CELL_VALUES)
def test_no_parser_raises_on_any_cell_value(raw: object) -> None:
    for parse in (parse_brag, parse_confidence, parse_uk_date):
        parsed = parse(raw)
        assert not (parsed.value is not None and parsed.error is not None)
    assert isinstance(clean_cell_text(raw), str)


# --- clean_cell_text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, ""),
        ("", ""),
        ("  Lead officer  ", "Lead officer"),
        ("Head\u00a0of  Service", "Head of Service"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("line one_x000D_\nline two", "line one\nline two"),
        ("  two   spaces  \n  next   line ", "two spaces\nnext line"),
        ("tab\there", "tab here"),
        ("\n\nfirst\n", "first"),
        (3, "3"),
        (3.0, "3"),
        (-2.0, "-2"),
        (93.8, "93.8"),
        (0.1 + 0.2, "0.3"),
        (17.02, "17.02"),
        (True, "TRUE"),
        (False, "FALSE"),
        (date(2013, 5, 31), "31 May 2013"),
        (_naive(2013, 5, 31), "31 May 2013"),
        (_naive(2013, 5, 31, 9, 5), "31 May 2013 09:05"),
    ],
)
def test_clean_cell_text(raw: object, expected: str) -> None:
    assert clean_cell_text(raw) == expected
