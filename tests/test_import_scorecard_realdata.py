"""Real scorecards from ../shared/realdata, read in place with the scorecard import.

The one spreadsheet is a project office's KPI dashboard, not a children's
services scorecard: its "KPI Tracking" sheet (KPI, Target, Actual, Status,
Comments) is recognised as a one-period sheet of figures, and refused as a
whole because it says no period; given the period, each KPI the board does
not have is refused by name, and with the KPIs on the board the percentages
Excel shows (0.86 formatted "0%") come in as 86%, and "8% variance" is refused.
Its other sheets name no indicator and are not taken for scorecards.

The children's scorecard is Monmouthshire's Quarter 2 2015/16 table, kept in
pages/06 only as flattened text: the test rebuilds the council's sheet from
it, cell by cell, and shows the annual "2014/15" column refused by name (the
scorecard keeps months and quarters), then the quarter read with its
indicators matched by the reference their names start with ("SCC/011b – …").
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import ACTOR, REALDATA, TickingClock

from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import IndicatorDraft, Polarity, Unit
from improvement_desk.interchange.problems import ImportRejected
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.import_outcomes import RowKind

KPI_DASHBOARD = REALDATA / "xlsx" / "pmo_toolkit_Project_KPI_Dashboard.xlsx"
SCORECARDS_PAGE = next(iter(sorted((REALDATA / "pages").glob("06_*.md"))), Path("missing"))
pytestmark = [
    pytest.mark.skipif(
        not KPI_DASHBOARD.is_file() or not SCORECARDS_PAGE.is_file(),
        reason="../shared/realdata is not beside the project",
    ),
    pytest.mark.filterwarnings("ignore::UserWarning:openpyxl"),
]

KPIS = (
    "On-Time Delivery",
    "Budget Control",
    "Reporting Accuracy",
    "Stakeholder Updates Sent On Time",
    "Risk Resolution Rate",
)


def test_the_kpi_dashboards_tracking_sheet_is_recognised_but_gives_no_period(desk: Desk) -> None:
    choices = desk.scorecard_imports.sheets(KPI_DASHBOARD)
    assert [(c.name, c.header_row, c.matched, c.data_rows) for c in choices] == [
        ("KPI Tracking", 1, 5, 5),
        ("Dashboard Overview", None, 0, 0),  # projects, not indicators: no KPI column
        ("Milestone Tracker", None, 0, 0),
    ]
    with pytest.raises(ImportRejected) as refused:
        desk.scorecard_imports.preview(KPI_DASHBOARD)
    assert str(refused.value) == (
        "pmo_toolkit_Project_KPI_Dashboard.xlsx: sheet 'KPI Tracking' gives no period for its "
        "figures (figures in column C): it has no Period column and no column headed by a month "
        "or a quarter ('Jan 2014', 'Q3 2013/14'); add one, or choose the period the figures are "
        "for"
    )
    with pytest.raises(ImportRejected, match=r"no scorecard was recognised .*'Milestone Tracker'"):
        desk.scorecard_imports.preview(KPI_DASHBOARD, sheet="Milestone Tracker")


def test_given_a_period_each_kpi_not_on_the_board_is_refused_by_name(desk: Desk) -> None:
    preview = desk.scorecard_imports.preview(KPI_DASHBOARD, period=date(2014, 3, 1))
    assert (preview.sheet, preview.form, preview.header_row) == ("KPI Tracking", "long", 1)
    # KPI → indicator, Actual → value, Comments → commentary; Target and Status are recognised
    # so that they are not taken for anything else, and never imported.
    assert preview.mapping == {
        "name": "A",
        "value": "C",
        "commentary": "E",
        "target": "B",
        "rag": "D",
    }
    assert [str(w) for w in preview.warnings] == [
        "KPI Tracking row 1: no Period column: every figure is taken as for Mar 2014 (the "
        "quarter it falls in, for a quarterly indicator)",
        "KPI Tracking row 1: RAG: worked out by the app from the figures, so the sheet's are "
        "not read",
    ]
    assert preview.count(RowKind.REFUSED) == 5
    assert next(str(p) for p in preview.refused) == (
        "KPI Tracking!A2: 'On-Time Delivery' is not an indicator on the scorecard: add it in the "
        "app first, or give Unit and Polarity columns to add it from the sheet"
    )


def test_with_the_kpis_on_the_board_the_percentages_shown_are_imported(desk: Desk) -> None:
    for number, name in enumerate(KPIS, start=1):
        desk.indicators.create(
            IndicatorDraft(f"K{number}", name, Unit.PERCENT, Polarity.HIGHER_IS_BETTER), target=90
        )
    preview = desk.scorecard_imports.preview(KPI_DASHBOARD, period=date(2014, 3, 1))
    found = {o.reference: o for o in preview.outcomes}
    assert {ref: o.kind for ref, o in found.items()} == {
        "K1": RowKind.NEW,
        "K2": RowKind.REFUSED,
        "K3": RowKind.NEW,
        "K4": RowKind.NEW,
        "K5": RowKind.NEW,
    }
    assert [(c.label, c.new) for c in found["K1"].changes] == [
        ("Mar 2014", "86.0%"),  # 0.86 formatted "0%"
        ("Commentary Mar 2014", "Slight milestone delay"),
    ]
    assert [str(p) for p in preview.refused] == ["KPI Tracking!C3: '8% variance' is not a number"]
    assert [str(w) for w in found["K2"].warnings] == [
        "KPI Tracking!B3: '<10% variance' is not a number; targets are set in the app, so it is "
        "not read"
    ]
    assert [str(w) for w in found["K3"].warnings] == [
        "KPI Tracking!B4: the sheet's target (95.0%) is not the board's (90.0%); targets are set "
        "in the app, so it is not imported"
    ]
    result = desk.scorecard_imports.apply(preview, skip_refused=True)
    assert (result.figures_added, result.refused) == (4, 1)
    values = {
        i.reference: [f.value for f in desk.scorecard.figures(i.id)]
        for i in desk.scorecard.indicators()
    }
    assert values == {"K1": [86.0], "K2": [], "K3": [96.0], "K4": [100.0], "K5": [78.0]}


# -- Monmouthshire's Quarter 2 scorecard (pages/06, flattened) --------------------------------


def monmouthshire_rows() -> tuple[list[str], list[list[str]]]:
    """The table as the page keeps it: header cells, then one value per line."""
    lines = SCORECARDS_PAGE.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if "[flattened table" in line) + 1
    cells: list[str] = []
    for line in lines[start:]:
        if not line.strip():
            break
        cells.append(line.strip())
    annual, quarter, year = cells[:3]
    body = cells[3:]
    rows = [body[i : i + 3] for i in range(0, len(body), 3)]
    return ["Indicator", annual, f"{quarter} {year}"], rows


@pytest.fixture
def autumn_2015(tmp_path: Path) -> Desk:
    """A board viewed as at 31 October 2015, after Quarter 2 of 2015/16."""
    opened = open_desk(
        tmp_path / "monmouthshire.db",
        ACTOR,
        create=True,
        board_name="Children's Services Improvement Board",
        today=lambda: date(2015, 10, 31),
        now=TickingClock(datetime(2015, 10, 31, 9, 0, tzinfo=UTC)),
    )
    yield opened
    opened.close()


def test_monmouthshires_quarter_is_read_by_the_references_its_names_start_with(
    autumn_2015: Desk, tmp_path: Path
) -> None:
    header, rows = monmouthshire_rows()
    assert header == ["Indicator", "2014/15", "Q2 2015/16"]
    assert [r[0].split(" ")[0] for r in rows] == ["SCC/011b", "SCC/016", "SCC/025", "SCC/041a"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Scorecard"
    sheet.append(["Quarter 2 Children's Services Scorecard"])
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "monmouthshire.xlsx"
    book.save(path)

    imports = autumn_2015.scorecard_imports
    with pytest.raises(ImportRejected) as refused:
        imports.preview(path)
    assert "column B (B2): the heading '2014/15' is not a period" in str(refused.value)
    assert "is a whole year" in str(refused.value)

    sheet.delete_cols(2)  # the annual outturn is not a month or a quarter: keep the quarter
    book.save(path)
    for row in rows:
        reference, name = row[0].split(" – ", 1)
        autumn_2015.indicators.create(
            IndicatorDraft(
                reference, name, Unit.PERCENT, Polarity.HIGHER_IS_BETTER,
                frequency=Frequency.QUARTERLY,
            )
        )  # fmt: skip
    preview = imports.preview(path)
    assert (preview.header_row, preview.periods) == (2, ["Q2 2015/16"])
    assert [(o.reference, o.kind, [c.new for c in o.changes]) for o in preview.outcomes] == [
        ("SCC/011b", RowKind.NEW, ["43.2%"]),
        ("SCC/016", RowKind.NEW, ["59.5%"]),
        ("SCC/025", RowKind.NEW, ["80.6%"]),
        ("SCC/041a", RowKind.NEW, ["100.0%"]),
    ]
    imports.apply(preview)
    [row] = [r for r in autumn_2015.scorecard.snapshot().rows if r.indicator.reference == "SCC/016"]
    assert (row.latest_label, row.latest) == ("Q2 2015/16", 59.5)
