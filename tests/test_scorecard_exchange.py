"""The scorecard in Excel: export → edit → import brings back exactly the edited figures, reads the
wide and long sheets councils keep, refuses by cell, and writes all of it or nothing."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import FigureDraft, IndicatorDraft, Polarity, Unit
from improvement_desk.interchange.problems import ImportRejected
from improvement_desk.services.desk import Desk
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.scorecard_import import ScorecardImportPreview
from improvement_desk.services.scorecard_records import IndicatorRecord

HEADER_ROW = 4
HOSTILE_NAME = "=1+1 re-referrals"
HOSTILE_NOTE = "@SUM(A1) was the formula"
HOSTILE_COMMENT = "+cmd|' /C calc'!A0"


@dataclass
class Card:
    desk: Desk
    ids: dict[str, int]

    def values(self, reference: str) -> dict[date, float]:
        figures = self.desk.scorecard.figures(self.ids[reference])
        return {f.period: f.value for f in figures}

    def figure(self, reference: str, period: date) -> Any:
        return next(
            f for f in self.desk.scorecard.figures(self.ids[reference]) if f.period == period
        )


@pytest.fixture
def card(desk: Desk) -> Card:
    """Three indicators as at 31 March 2014: CP1 (%, higher, gap in Dec), RR (%, lower, a
    hostile name, gap in Feb) and Q1 (a quarterly count)."""
    create = desk.indicators.create
    cp1 = create(
        IndicatorDraft(
            "CP1",
            "Child protection visits in timescale",
            Unit.PERCENT,
            Polarity.HIGHER_IS_BETTER,
            amber_tolerance=5,
            england=86.2,
            statistical_neighbours=84.0,
        ),
        target=90,
    )
    rr = create(
        IndicatorDraft("RR", HOSTILE_NAME, Unit.PERCENT, Polarity.LOWER_IS_BETTER), target=20
    )
    q1 = create(
        IndicatorDraft(
            "Q1",
            "Children adopted",
            Unit.COUNT,
            Polarity.HIGHER_IS_BETTER,
            frequency=Frequency.QUARTERLY,
        )
    )
    for indicator, period, value, note in (
        (cp1, date(2013, 11, 1), 91.0, ""),
        (cp1, date(2014, 1, 1), 93.8, "Good month"),
        (cp1, date(2014, 2, 1), 88.0, HOSTILE_COMMENT),
        (rr, date(2014, 1, 1), 24.5, HOSTILE_NOTE),
        (rr, date(2014, 3, 1), 21.0, ""),
        (q1, date(2013, 10, 1), 12, ""),
        (q1, date(2014, 1, 1), 15, ""),
    ):
        desk.figures.record(indicator.id, FigureDraft(period, value, note))
    return Card(desk, {i.reference: i.id for i in (cp1, rr, q1)})


# -- helpers ----------------------------------------------------------------------------------


def export(card: Card, path: Path) -> Path:
    card.desk.scorecard_exports.export(path, board_name="Test Improvement Board")
    return path


def headers(sheet: Any) -> dict[str, int]:
    return {str(c.value): c.column for c in sheet[HEADER_ROW] if c.value is not None}


def row_of(sheet: Any, reference: str) -> int:
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == reference:
            return row
    raise AssertionError(f"{reference} not exported")


def edit_figures(path: Path, edits: dict[tuple[str, str], object]) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book["Figures"]
    cols = headers(sheet)
    for (reference, heading), value in edits.items():
        sheet.cell(row_of(sheet, reference), cols[heading]).value = value
    book.save(path)
    return path


def workbook(
    tmp_path: Path, *rows: list[object], name: str = "card.xlsx", title: str = "KPIs"
) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def audit_count(desk: Desk) -> int:
    with desk.ctx.db.reading() as session:
        return int(session.scalar(select(func.count(AuditEntry.id))) or 0)


def by_reference(preview: ScorecardImportPreview) -> dict[str, Any]:
    return {o.reference: o for o in preview.outcomes}


def changes(outcome: Any) -> list[tuple[str, str, str]]:
    return [(c.label, c.old, c.new) for c in outcome.changes]


def reasons(preview: ScorecardImportPreview) -> list[str]:
    return [str(p) for p in preview.refused]


# -- export -----------------------------------------------------------------------------------


def test_export_writes_a_scorecard_to_read_and_figures_to_edit(card: Card, tmp_path: Path) -> None:
    path = export(card, tmp_path / "card.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Scorecard", "Figures", "Notes"]
    summary = book["Scorecard"]
    assert list(headers(summary)) == [
        "Ref", "Indicator", "Unit", "Polarity", "Target", "Amber tolerance", "Latest period",
        "Latest value", "Previous", "RAG", "Direction of travel", "England",
        "Statistical neighbours", "Commentary", "Record key",
    ]  # fmt: skip
    assert summary["A2"].value == "Scorecard as at 31 March 2014 — OFFICIAL"
    assert summary["A4"].font.bold
    assert summary["A4"].fill.start_color.rgb == "FF1F3A5F"
    assert summary.freeze_panes == "B5"
    assert summary.column_dimensions["O"].hidden  # the record key
    rows = {
        r[0]: r[:14] for r in summary.iter_rows(min_row=5, values_only=True) if r[0] is not None
    }
    assert rows["CP1"] == (
        "CP1", "Child protection visits in timescale", "Percentage", "Higher is better", 90, 5,
        "Feb 2014", 88, 93.8, "Amber", "▼ Deteriorating", 86.2, 84, HOSTILE_COMMENT,
    )  # fmt: skip
    # March has no figure, January's is there: the previous period of a gap is no figure.
    assert rows["RR"][6:11] == ("Mar 2014", 21, None, "Red", "– Not applicable")
    assert rows["Q1"][6:11] == ("Q4 2013/14", 15, 12, None, "▲ Improving")
    rules = {str(cf.sqref): [r.formula for r in cf.rules] for cf in summary.conditional_formatting}
    assert rules["J5:J7"] == [['"Red"'], ['"Amber"'], ['"Green"']]
    assert rules["H5:H7"] == [['$J5="Red"'], ['$J5="Amber"'], ['$J5="Green"']]

    figures = book["Figures"]
    assert figures["A2"].value == "Figures as at 31 March 2014 — OFFICIAL"
    assert list(headers(figures)) == [
        "Ref", "Indicator", "Unit", "Oct 2013", "Nov 2013", "Dec 2013", "Jan 2014", "Feb 2014",
        "Mar 2014", "Record key",
    ]  # fmt: skip
    assert figures.freeze_panes == "B5"
    assert figures.column_dimensions["J"].hidden
    values = {r[0]: r[3:9] for r in figures.iter_rows(min_row=5, values_only=True)}
    assert values == {
        "CP1": (None, 91, None, 93.8, 88, None),  # December is a gap, not a zero
        "RR": (None, None, None, 24.5, None, 21),
        "Q1": (12, None, None, 15, None, None),  # a quarter's figure under its first month
    }
    notes = "\n".join(str(c.value) for row in book["Notes"].iter_rows() for c in row if c.value)
    assert "A blank cell is no figure (a gap), never a zero." in notes
    assert "Figures: Oct 2013 … Mar 2014" in notes


def test_hostile_text_is_written_as_text(card: Card, tmp_path: Path) -> None:
    path = export(card, tmp_path / "card.xlsx")
    with zipfile.ZipFile(path) as archive:
        for part in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            xml = archive.read(part)
            assert b"<f>" not in xml
            assert b"<f " not in xml
    book = openpyxl.load_workbook(path)
    summary = book["Scorecard"]
    cp1, rr = row_of(summary, "CP1"), row_of(summary, "RR")
    for cell, text in (
        (summary.cell(rr, 2), HOSTILE_NAME),
        (summary.cell(cp1, 14), HOSTILE_COMMENT),
        (book["Figures"].cell(row_of(book["Figures"], "RR"), 2), HOSTILE_NAME),
    ):
        assert (cell.data_type, cell.value) == ("s", text)


def test_an_empty_scorecard_offers_the_last_twelve_months(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    report = desk.scorecard_exports.export(path, board_name="Empty")
    assert report.rows == 0
    figures = openpyxl.load_workbook(path)["Figures"]
    periods = list(headers(figures))[3:-1]
    assert (periods[0], periods[-1], len(periods)) == ("Apr 2013", "Mar 2014", 12)


# -- import: our own copy ---------------------------------------------------------------------


def test_round_trip_changes_nothing(card: Card, tmp_path: Path) -> None:
    path = export(card, tmp_path / "card.xlsx")
    before = {r: card.values(r) for r in card.ids}
    audits = audit_count(card.desk)
    preview = card.desk.scorecard_imports.preview(path)
    assert (preview.sheet, preview.form, preview.header_row) == ("Figures", "wide", HEADER_ROW)
    assert preview.periods == ["Oct 2013", "Nov 2013", "Dec 2013", "Jan 2014", "Feb 2014",
                               "Mar 2014"]  # fmt: skip
    assert [(o.reference, o.kind) for o in preview.outcomes] == [
        ("CP1", RowKind.UNCHANGED),
        ("RR", RowKind.UNCHANGED),
        ("Q1", RowKind.UNCHANGED),
    ]
    assert preview.all_warnings() == []
    assert preview.skipped == []
    result = card.desk.scorecard_imports.apply(preview)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 3)
    assert {r: card.values(r) for r in card.ids} == before
    assert audit_count(card.desk) == audits


def test_edited_figures_show_old_to_new_and_are_applied(card: Card, tmp_path: Path) -> None:
    path = edit_figures(
        export(card, tmp_path / "card.xlsx"),
        {
            ("CP1", "Feb 2014"): 89.5,
            ("CP1", "Mar 2014"): "92.1%",
            ("RR", "Feb 2014"): 22,
            ("Q1", "Jan 2014"): 15.0,  # as it was
        },
    )
    audits = audit_count(card.desk)
    preview = card.desk.scorecard_imports.preview(path)
    outcomes = by_reference(preview)
    assert {r: o.kind for r, o in outcomes.items()} == {
        "CP1": RowKind.CHANGED,
        "RR": RowKind.NEW,
        "Q1": RowKind.UNCHANGED,
    }
    assert changes(outcomes["CP1"]) == [
        ("Feb 2014", "88.0%", "89.5%"),
        ("Mar 2014", "", "92.1%"),
    ]
    assert changes(outcomes["RR"]) == [("Feb 2014", "", "22.0%")]
    assert (preview.figures_added, preview.figures_changed) == (2, 1)

    result = card.desk.scorecard_imports.apply(preview)
    assert (result.added, result.updated, result.figures_added, result.figures_changed) == (
        1, 1, 2, 1,
    )  # fmt: skip
    assert card.values("CP1")[date(2014, 2, 1)] == 89.5
    assert card.figure("CP1", date(2014, 2, 1)).commentary == HOSTILE_COMMENT  # kept
    assert card.values("CP1")[date(2014, 3, 1)] == 92.1
    assert card.values("RR")[date(2014, 2, 1)] == 22
    assert audit_count(card.desk) > audits  # each figure audited as if typed in the app


def test_blank_cells_are_gaps_not_zeros_and_never_wipe_a_figure(card: Card, tmp_path: Path) -> None:
    path = edit_figures(
        export(card, tmp_path / "card.xlsx"),
        {("CP1", "Jan 2014"): None, ("CP1", "Feb 2014"): "n/a", ("RR", "Feb 2014"): "-"},
    )
    preview = card.desk.scorecard_imports.preview(path)
    assert [o.kind for o in preview.outcomes] == [RowKind.UNCHANGED] * 3
    assert [str(w) for w in preview.all_warnings()] == [
        "Figures!H5: 'n/a' read as no figure",
        "Figures!H5: read as no figure; the figure held for Feb 2014 (88.0%) is kept",
        "Figures!H6: '-' read as no figure",
    ]
    card.desk.scorecard_imports.apply(preview)
    assert card.values("CP1") == {date(2013, 11, 1): 91, date(2014, 1, 1): 93.8,
                                  date(2014, 2, 1): 88}  # fmt: skip
    assert date(2014, 2, 1) not in card.values("RR")  # no zero was made of the dash


def test_a_figure_changed_on_the_board_since_the_copy_is_a_conflict(
    card: Card, tmp_path: Path
) -> None:
    path = edit_figures(export(card, tmp_path / "card.xlsx"), {("CP1", "Feb 2014"): 87})
    card.desk.figures.record(card.ids["CP1"], FigureDraft(date(2014, 1, 1), 94.0, "Corrected"))
    preview = card.desk.scorecard_imports.preview(path)
    cp1 = by_reference(preview)["CP1"]
    assert cp1.kind is RowKind.CONFLICT
    # The copy's January (93.8) would undo the correction, and its February is new: both shown.
    assert changes(cp1) == [("Jan 2014", "94.0%", "93.8%"), ("Feb 2014", "88.0%", "87.0%")]
    assert reasons(preview) == [
        "Figures!J5: CP1's figures were changed on the board since this copy was made; nothing "
        "of this row was applied. Export a fresh copy to update it."
    ]
    # Adding figures alone is no conflict: nothing on the board is overwritten.
    path = edit_figures(export(card, tmp_path / "again.xlsx"), {("RR", "Feb 2014"): 23})
    card.desk.figures.record(card.ids["RR"], FigureDraft(date(2013, 12, 1), 25.0))
    rr = by_reference(card.desk.scorecard_imports.preview(path))["RR"]
    assert (rr.kind, changes(rr)) == (RowKind.NEW, [("Feb 2014", "", "23.0%")])


# -- import: sheets councils keep -------------------------------------------------------------


def test_a_wide_sheet_with_dates_months_and_text_numbers(card: Card, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ["Children's services scorecard"],
        ["Quarter 4 2013/14, draft"],
        [],
        ["Indicator", "Jan-14", "2014-02", date(2014, 3, 31), "Owner"],
        ["child protection  VISITS in timescale", "93.8%", "88", 90.4, "Jo"],
        ["RR", None, "n/a", "21", "Sam"],
        ["Children adopted", 15, None, None, "Ali"],
    )
    preview = card.desk.scorecard_imports.preview(path)
    assert (preview.sheet, preview.header_row, preview.form) == ("KPIs", 4, "wide")
    assert preview.periods == ["Jan 2014", "Feb 2014", "Mar 2014"]
    assert preview.unmatched_headers == [("E", "Owner")]
    outcomes = by_reference(preview)
    assert changes(outcomes["CP1"]) == [("Mar 2014", "", "90.4%")]  # matched by name
    assert outcomes["RR"].kind is RowKind.UNCHANGED  # matched by reference; "n/a" is no figure
    assert outcomes["Q1"].kind is RowKind.UNCHANGED  # January is Q4's first month
    card.desk.scorecard_imports.apply(preview)
    assert card.values("CP1")[date(2014, 3, 1)] == 90.4


def test_quarter_headings_for_quarterly_and_monthly_indicators(card: Card, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ["Ref", "Indicator", "Q3 2013/14", "Q4 2013/14", "Feb 2014"],
        ["Q1", "Children adopted", 12, 16, None],
        ["CP1", "Child protection visits in timescale", None, 90, None],
        ["RR", "", None, None, 23.5],
    )
    preview = card.desk.scorecard_imports.preview(path)
    outcomes = by_reference(preview)
    assert changes(outcomes["Q1"]) == [("Q4 2013/14", "15", "16")]
    assert reasons(preview) == ["KPIs!D3: Q4 2013/14 is a quarter; CP1 is reported monthly"]
    assert changes(outcomes["RR"]) == [("Feb 2014", "", "23.5%")]
    # A month heading holding a quarterly figure is read as its quarter, with a warning.
    path = workbook(tmp_path, ["Ref", "Feb 2014"], ["Q1", 16], name="q.xlsx")
    q1 = card.desk.scorecard_imports.preview(path).outcomes[0]
    assert changes(q1) == [("Q4 2013/14", "15", "16")]
    assert [str(w) for w in q1.warnings] == [
        "KPIs!B2: Feb 2014 read as Q4 2013/14 (Q1 is reported quarterly)"
    ]


def test_a_long_sheet_one_row_per_figure(card: Card, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ["Indicator ref", "Period", "Value", "Commentary"],
        ["cp1", "Mar 2014", 91.5, "Recovered after agency cover"],
        ["CP1", date(2014, 2, 28), 88, "Two staff off sick"],  # same value, new commentary
        ["RR", "2014-02", "22.5", ""],
        ["Q1", "Q4 2013/14", 15, None],
        ["NI 059", "Jan 2014", 12, None],
    )
    preview = card.desk.scorecard_imports.preview(path)
    assert (preview.form, preview.mapping) == (
        "long",
        {"reference": "A", "period": "B", "value": "C", "commentary": "D"},
    )
    kinds = [(o.row, o.reference, o.kind) for o in preview.outcomes]
    assert kinds == [
        (2, "CP1", RowKind.NEW),
        (3, "CP1", RowKind.CHANGED),
        (4, "RR", RowKind.NEW),
        (5, "Q1", RowKind.UNCHANGED),
        (6, "NI 059", RowKind.REFUSED),
    ]
    assert changes(preview.outcomes[0]) == [
        ("Mar 2014", "", "91.5%"),
        ("Commentary Mar 2014", "", "Recovered after agency cover"),
    ]
    assert changes(preview.outcomes[1]) == [
        ("Commentary Feb 2014", HOSTILE_COMMENT, "Two staff off sick")
    ]
    assert reasons(preview) == [
        "KPIs!A6: 'NI 059' is not an indicator on the scorecard: add it in the app first, or "
        "give Unit and Polarity columns to add it from the sheet"
    ]
    with pytest.raises(ValidationError, match="1 row\\(s\\) were refused"):
        card.desk.scorecard_imports.apply(preview)
    assert date(2014, 3, 1) not in card.values("CP1")
    result = card.desk.scorecard_imports.apply(preview, skip_refused=True)
    assert (result.figures_added, result.figures_changed, result.refused) == (2, 1, 1)
    assert card.figure("CP1", date(2014, 3, 1)).commentary == "Recovered after agency cover"
    feb = card.figure("CP1", date(2014, 2, 1))
    assert (feb.value, feb.commentary) == (88, "Two staff off sick")


def test_a_sheet_with_unit_and_polarity_adds_its_indicators(card: Card, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ["Ref", "Indicator", "Unit", "Polarity", "Target", "Period", "Value"],
        ["NI 059", "Initial assessments in 7 days", "%", "Higher is better", 80, "Jan 2014", 71],
        ["NI 059", "Initial assessments in 7 days", "%", "Higher is better", 80, "Feb 2014", 74],
        ["CLA", "Children looked after rate", "Rate per 10,000", "lower", None, "Feb 2014", 66],
        ["BAD", "No unit given", None, "lower", None, "Feb 2014", 1],
    )
    preview = card.desk.scorecard_imports.preview(path)
    assert [(o.reference, o.kind) for o in preview.outcomes] == [
        ("NI 059", RowKind.NEW),
        ("NI 059", RowKind.NEW),
        ("CLA", RowKind.NEW),
        ("BAD", RowKind.REFUSED),
    ]
    assert preview.new_indicators == ["NI 059", "CLA"]
    assert reasons(preview) == ["KPIs!C5: a new indicator (BAD) needs a unit"]
    card.desk.scorecard_imports.apply(preview, skip_refused=True)
    added = {i.reference: i for i in card.desk.scorecard.indicators()}
    ni: IndicatorRecord = added["NI 059"]
    assert (ni.unit, ni.polarity, [t.target for t in ni.targets]) == (
        Unit.PERCENT, Polarity.HIGHER_IS_BETTER, [80],
    )  # fmt: skip
    assert added["CLA"].unit is Unit.RATE_PER_10K
    assert [f.value for f in card.desk.scorecard.figures(ni.id)] == [71, 74]
    assert "BAD" not in added


def test_a_cell_formatted_as_a_percentage_is_read_as_the_percentage_shown(
    card: Card, tmp_path: Path
) -> None:
    path = workbook(tmp_path, ["Ref", "Mar 2014"], ["CP1", 0.915], ["Q1", 0.5])
    book = openpyxl.load_workbook(path)
    for cell in ("B2", "B3"):
        book.active[cell].number_format = "0.0%"
    book.save(path)
    preview = card.desk.scorecard_imports.preview(path)
    assert changes(preview.outcomes[0]) == [("Mar 2014", "", "91.5%")]
    assert reasons(preview) == [
        "KPIs!B3: the cell shows a percentage (50%); the indicator's unit is Count"
    ]


# -- refusals ---------------------------------------------------------------------------------


def test_a_malformed_period_heading_is_refused_naming_the_column(
    card: Card, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path, ["Ref", "Indicator", "Jan 2014", "Feb 2O14"], ["CP1", "Visits", 93.8, 90]
    )
    with pytest.raises(ImportRejected) as refused:
        card.desk.scorecard_imports.preview(path)
    assert str(refused.value) == (
        "card.xlsx: sheet 'KPIs', column D (D1): the heading 'Feb 2O14' is not a period: "
        '"Feb 2O14" is not a month ("Jan 2014") or a quarter ("Q3 2013/14"); correct the '
        "heading and import again"
    )
    path = workbook(tmp_path, ["Ref", "2013/14", "Q2 2014/15"], ["CP1", 57.4, 43.2], name="y.xlsx")
    with pytest.raises(ImportRejected, match=r"column B .*'2013/14' is a whole year"):
        card.desk.scorecard_imports.preview(path)


def test_text_in_a_number_column_is_refused_naming_sheet_row_and_column(
    card: Card, tmp_path: Path
) -> None:
    path = edit_figures(
        export(card, tmp_path / "card.xlsx"),
        {("CP1", "Mar 2014"): "twelve", ("RR", "Feb 2014"): 22, ("Q1", "Jan 2014"): "12,5"},
    )
    preview = card.desk.scorecard_imports.preview(path)
    assert [o.kind for o in preview.outcomes] == [RowKind.REFUSED, RowKind.NEW, RowKind.REFUSED]
    [twelve, comma] = preview.refused
    assert (twelve.sheet, twelve.row, twelve.column) == ("Figures", 5, "I")
    assert str(twelve) == "Figures!I5: 'twelve' is not a number"
    assert str(comma) == "Figures!G7: '12,5' is not a number (use a point for decimals)"


def test_a_percentage_over_100_and_a_period_to_come_are_refused(card: Card, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ["Ref", "Mar 2014", "Apr 2014"],
        ["CP1", 101.5, None],
        ["RR", "100%", 20],
    )
    preview = card.desk.scorecard_imports.preview(path)
    assert reasons(preview) == [
        "KPIs!B2: 101.5% is more than 100%",
        "KPIs!C3: Apr 2014 has not started yet",
    ]


def test_a_figure_given_twice_is_refused(card: Card, tmp_path: Path) -> None:
    path = workbook(
        tmp_path,
        ["Ref", "Period", "Value"],
        ["CP1", "Mar 2014", 91],
        ["cp 1", "March 2014", 92],
    )
    preview = card.desk.scorecard_imports.preview(path)
    assert reasons(preview) == ["KPIs!C3: CP1 Mar 2014 is given twice (first in row 2)"]


def test_a_sheet_without_periods_is_refused_unless_the_period_is_given(
    card: Card, tmp_path: Path
) -> None:
    path = workbook(tmp_path, ["Ref", "Actual", "Comments"], ["CP1", 91, "Better"])
    with pytest.raises(ImportRejected, match="gives no period for its figures"):
        card.desk.scorecard_imports.preview(path)
    preview = card.desk.scorecard_imports.preview(path, period=date(2014, 3, 1))
    assert changes(preview.outcomes[0]) == [
        ("Mar 2014", "", "91.0%"),
        ("Commentary Mar 2014", "", "Better"),
    ]
    assert "no Period column: every figure is taken as for Mar 2014" in str(preview.warnings[0])


# -- all or nothing ---------------------------------------------------------------------------


def test_nothing_is_half_written_when_the_apply_fails(card: Card, tmp_path: Path) -> None:
    path = edit_figures(
        export(card, tmp_path / "card.xlsx"),
        {("CP1", "Mar 2014"): 90.0, ("RR", "Feb 2014"): 22},
    )
    preview = card.desk.scorecard_imports.preview(path)
    assert preview.count(RowKind.NEW) == 2
    # After the preview, someone records RR's February in the app: the import must stop whole.
    card.desk.figures.record(card.ids["RR"], FigureDraft(date(2014, 2, 1), 23.0))
    audits = audit_count(card.desk)
    with pytest.raises(Conflict, match=r"card\.xlsx, Figures row 6: a figure for RR Feb 2014"):
        card.desk.scorecard_imports.apply(preview)
    assert date(2014, 3, 1) not in card.values("CP1")  # row 5 was rolled back with it
    assert card.values("RR")[date(2014, 2, 1)] == 23.0
    assert audit_count(card.desk) == audits


def test_a_figure_changed_after_the_preview_stops_the_import(card: Card, tmp_path: Path) -> None:
    path = edit_figures(export(card, tmp_path / "card.xlsx"), {("CP1", "Feb 2014"): 89})
    preview = card.desk.scorecard_imports.preview(path)
    card.desk.figures.record(card.ids["CP1"], FigureDraft(date(2014, 2, 1), 87.0))
    with pytest.raises(Conflict):
        card.desk.scorecard_imports.apply(preview)
    assert card.values("CP1")[date(2014, 2, 1)] == 87.0


def test_a_name_starting_with_a_reference_and_a_fraction_for_a_percentage(
    card: Card, tmp_path: Path
) -> None:
    path = workbook(
        tmp_path,
        ["Indicator", "Mar 2014", "Commentary"],
        ["CP 1 – Visits to children on a plan", 0.92, "Agency cover"],
        ["Q1: Adoptions", 16, None],
    )
    preview = card.desk.scorecard_imports.preview(path)
    cp1, q1 = preview.outcomes
    assert (cp1.reference, q1.reference) == ("CP1", "Q1")  # by the reference the name starts with
    assert changes(cp1) == [("Mar 2014", "", "0.9%")]
    assert [str(w) for w in cp1.warnings] == [
        "KPIs!B2: 0.92 is read as 0.92%, and CP1's other figures are all above 1%: if 92% was "
        "meant, type 92"
    ]
    assert [str(w) for w in preview.warnings] == [
        "KPIs row 1: column C (commentary) is not imported: beside periods across it cannot say "
        "which period it explains; give commentary in a sheet with one row per figure"
    ]


def test_a_formula_with_no_saved_result_is_refused_not_read_as_blank(
    card: Card, tmp_path: Path
) -> None:
    path = workbook(tmp_path, ["Ref", "Mar 2014"], ["CP1", "=B3*100"], ["RR", "=1/0"])
    preview = card.desk.scorecard_imports.preview(path)
    assert [o.kind for o in preview.outcomes] == [RowKind.REFUSED, RowKind.REFUSED]
    assert reasons(preview)[0] == (
        "KPIs!B2: holds a formula with no saved result: open the file in Excel, save it, and "
        "import again"
    )


def test_the_scorecard_sheet_alone_is_for_reading(card: Card, tmp_path: Path) -> None:
    path = export(card, tmp_path / "card.xlsx")
    with pytest.raises(ImportRejected, match="sheet 'Scorecard' gives no period for its figures"):
        card.desk.scorecard_imports.preview(path, sheet="Scorecard")
    choices = card.desk.scorecard_imports.sheets(path)
    assert next((c.name, c.header_row) for c in choices) == ("Figures", HEADER_ROW)


def test_the_demo_boards_scorecard_comes_back_unchanged(tmp_path: Path) -> None:
    from conftest import ACTOR

    from improvement_desk.services.demo import create_demo_board
    from improvement_desk.services.desk import open_desk

    create_demo_board(tmp_path / "demo.db", ACTOR)
    demo = open_desk(tmp_path / "demo.db", ACTOR)
    try:
        path = tmp_path / "demo.xlsx"
        report = demo.scorecard_exports.export(path, board_name="Demo")
        preview = demo.scorecard_imports.preview(path)
        assert report.rows == len(demo.scorecard.indicators()) == len(preview.outcomes)
        assert {o.kind for o in preview.outcomes} <= {RowKind.UNCHANGED}
        assert (preview.refused, preview.skipped, preview.all_warnings()) == ([], [], [])
    finally:
        demo.close()
