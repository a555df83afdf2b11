"""The real risk registers in ../shared/realdata/xlsx, read with the risk register's columns.

Each test pins which header row and columns are recognised, how many rows the
table reader hands over, and what the scale parser makes of the cells as the
registers spell them. The files are read in place, never copied into the repo.

Known gaps of the table reader on these sheets (reported, not fixed here: the
reader is shared with the plan import) are pinned as strict xfails, so that a
fix shows up as a failure to update rather than passing unnoticed.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from conftest import ACTOR, REALDATA, TODAY

from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.risk import Proximity
from improvement_desk.interchange.columns import ColumnSpec
from improvement_desk.interchange.problems import ImportRejected
from improvement_desk.interchange.risk_columns import RISK_COLUMNS, RISK_IMPORT_COLUMNS
from improvement_desk.interchange.risk_values import (
    ScaleKind,
    parse_proximity,
    parse_scale,
    scale_from_fill,
)
from improvement_desk.interchange.table_reader import SheetRow, SheetTable, read_table
from improvement_desk.services.desk import Desk
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.risk_import import RiskImportPreview

REAL = REALDATA / "xlsx"
pytestmark = [
    pytest.mark.skipif(not REAL.is_dir(), reason="../shared/realdata is not beside the project"),
    pytest.mark.filterwarnings("ignore::UserWarning:openpyxl"),
]

TOWNS_FUND_7 = "dluhc_towns_fund_round7_return.xlsx"
TOWNS_FUND_4 = "dluhc_towns_fund_round4_riskregister_failure.xlsx"
RISK_SHEET = "7 - Risk Register"
TOWNS_FUND_MAPPING = {
    "reference": "B",
    "title": "C",
    "category": "D",
    "event": "F",
    "effect": "G",
    "inherent_impact": "H",
    "inherent_likelihood": "I",
    "inherent_score": "J",
    "controls": "K",
    "current_impact": "L",
    "current_likelihood": "M",
    "current_score": "N",
    "proximity": "O",
    "owner": "P",
}
# Programme risks 12-14, then up to three per project block; the rest of the 20 blocks are empty.
TOWNS_FUND_7_RISKS = [12, 13, 14, 23, 24, 25, 31, 32, 33, 39, 48, 49, 50, 56, 57, 58]
TOWNS_FUND_7_RISKS += [64, 65, 66, 72, 73, 74, 80, 81, 82]


@functools.cache  # the DLUHC workbooks take seconds to open; the tables are only read here
def read(
    name: str, sheet: str | None = None, columns: tuple[ColumnSpec, ...] = RISK_IMPORT_COLUMNS
) -> SheetTable:
    return read_table(REAL / name, columns, sheet=sheet)


def mapping_of(table: SheetTable) -> dict[str, str]:
    return {m.field: m.column for m in table.matches}


def rows_by_number(table: SheetTable) -> dict[int, SheetRow]:
    return {r.row: r for r in table.rows}


def value(row: SheetRow, field: str) -> object:
    return row.cells[field].value


def risk_rows(table: SheetTable) -> list[int]:
    """Rows numbered as risks are (the register's "No." holds 1, 2, 3 in each block)."""
    return [r.row for r in table.rows if isinstance(value(r, "reference"), int)]


# --- DLUHC Towns Fund round 7 ----------------------------------------------------------------


def test_towns_fund_header_and_columns() -> None:
    table = read(TOWNS_FUND_7, RISK_SHEET)
    assert table.header_row == 10
    assert mapping_of(table) == TOWNS_FUND_MAPPING
    assert table.unmatched_headers == [("E", "Short description of the Risk")]
    assert table.missing_required == []


def test_towns_fund_risks_are_all_read_and_examples_skipped() -> None:
    table = read(TOWNS_FUND_7, RISK_SHEET)
    assert risk_rows(table) == TOWNS_FUND_7_RISKS
    examples = [s.row for s in table.skipped if s.reason == "example or guidance row"]
    assert examples[:3] == [11, 22, 30], "each block's 'Example of how to complete >' row"
    assert len(examples) == 21  # the programme block and 20 project blocks


def test_towns_fund_scales_as_spelled_in_the_return() -> None:
    rows = rows_by_number(read(TOWNS_FUND_7, RISK_SHEET))
    cases = [
        (12, "inherent_impact", "3 - Medium impact", 3),
        (12, "inherent_likelihood", "2 - Medium", 2),
        (14, "current_impact", "5 - Major impact ", 5),  # trailing space, as typed
        (13, "current_impact", "1- Marginal impact", 1),  # missing space
        (31, "current_likelihood", "4 - Almost Certain", 4),
        (32, "current_impact", "4 - Significant impact ", 4),
    ]
    for number, field, raw, expected in cases:
        cell = value(rows[number], field)
        assert cell == raw
        kind: ScaleKind = "impact" if field.endswith("impact") else "likelihood"
        assert parse_scale(cell, kind=kind).value == expected, (number, field)


def test_towns_fund_six_point_impacts_are_refused_not_squeezed() -> None:
    rows = rows_by_number(read(TOWNS_FUND_7, RISK_SHEET))
    critical = [
        n for n in TOWNS_FUND_7_RISKS if value(rows[n], "current_impact") == "6 - Critical impact"
    ]
    assert critical == [23, 48, 74]
    for number in critical:
        parsed = parse_scale(value(rows[number], "current_impact"), kind="impact")
        assert parsed.value is None
        assert parsed.error is not None
        assert "above the 1 to 5 scale" in parsed.error


def test_towns_fund_proximity_inputs() -> None:
    rows = rows_by_number(read(TOWNS_FUND_7, RISK_SHEET))
    assert parse_proximity(value(rows[24], "proximity")).value is Proximity.IMMINENT
    assert parse_proximity(value(rows[25], "proximity")).value is Proximity.LONG_TERM
    assert parse_proximity(value(rows[14], "proximity")).value is Proximity.NEAR
    assert parse_proximity(value(rows[12], "proximity")).value is Proximity.MEDIUM_TERM
    every = {parse_proximity(value(rows[n], "proximity")).error for n in TOWNS_FUND_7_RISKS}
    assert every == {None}


def test_towns_fund_score_formulas_are_read_as_saved_and_flagged() -> None:
    table = read(TOWNS_FUND_7, RISK_SHEET)
    assert value(rows_by_number(table)[12], "inherent_score") == 6
    assert any("hold formulas" in w.reason for w in table.warnings)


@pytest.mark.xfail(strict=True, reason="reader gap: each project block repeats the header row")
def test_towns_fund_repeated_header_rows_are_not_data() -> None:
    table = read(TOWNS_FUND_7, RISK_SHEET)
    assert not [r.row for r in table.rows if value(r, "reference") == "No."]


@pytest.mark.xfail(
    strict=True, reason="reader gap: 'END' across every column is not the end marker"
)
def test_towns_fund_end_marker_row_is_not_data() -> None:
    table = read(TOWNS_FUND_7, RISK_SHEET)
    assert 217 not in rows_by_number(table)


def test_towns_fund_rows_the_reader_hands_over_beyond_the_risks() -> None:
    """61 rows: the 25 risks, 20 repeated headers, 8 'Project N:' rows whose project name is a
    formula, 7 rows of the input legend below the table, and the END row. The risk import
    must leave all but the risks out (see RiskRowReader)."""
    table = read(TOWNS_FUND_7, RISK_SHEET)
    rows = table.rows
    assert len(rows) == 61
    headers = [r.row for r in rows if value(r, "reference") == "No."]
    projects = [
        r.row
        for r in rows
        if str(value(r, "title")).startswith("Project ") and str(value(r, "title")).endswith(":")
    ]
    legend = [r.row for r in rows if 182 <= r.row <= 188]
    assert (len(headers), len(projects), len(legend)) == (20, 8, 7)
    assert rows[-1].row == 217


def test_towns_fund_round4_numbered_but_empty_rows_are_skipped() -> None:
    table = read(TOWNS_FUND_4, RISK_SHEET)
    assert table.header_row == 10
    assert mapping_of(table) == TOWNS_FUND_MAPPING
    assert risk_rows(table) == [39, 48, 56]
    only_numbers = [s for s in table.skipped if s.reason.startswith("row has only a number")]
    assert only_numbers[0].row == 12, "programme rows 12-14 hold a number and blank formulas"
    rows = rows_by_number(table)
    assert parse_scale(value(rows[56], "current_impact"), kind="impact").value == 4
    assert value(rows[39], "owner") == "Surveyor"


# --- DLUHC Pathfinders -----------------------------------------------------------------------


def test_pathfinders_risks() -> None:
    table = read("dluhc_pathfinders_round3_return.xlsx", "Risks")
    assert table.header_row == 7
    assert mapping_of(table) == {
        "title": "B",
        "category": "C",
        "event": "D",
        "inherent_likelihood": "E",
        "inherent_impact": "F",
        "inherent_score": "G",
        "controls": "H",
        "current_likelihood": "I",
        "current_impact": "J",
        "current_score": "K",
    }
    assert [(s.row, s.reason) for s in table.skipped] == [(8, "guidance row")]
    assert [r.row for r in table.rows] == [9, 10, 11, 12, 13, 14]
    rows = rows_by_number(table)
    assert parse_scale(value(rows[9], "inherent_likelihood"), kind="likelihood").value == 3
    assert parse_scale(value(rows[10], "current_likelihood"), kind="likelihood").value == 1
    assert parse_scale(value(rows[11], "inherent_likelihood"), kind="likelihood").value == 5
    assert parse_scale(value(rows[9], "inherent_impact"), kind="impact").value == 4
    # Pathfinders' words agree with their numbers on our scale: nothing to warn about.
    assert parse_scale("4 - High", kind="impact").warning is None
    # Row 14 is the machine marker PF-USER_RISKS-END, in the score column only.
    assert {k for k, c in rows[14].cells.items() if c.value is not None} == {"current_score"}


# --- teamawesome -----------------------------------------------------------------------------


def test_teamawesome_register() -> None:
    table = read("teamawesome_Risk_Register.xlsx")
    assert (table.sheet, table.header_row) == ("Risk Register", 3)
    assert mapping_of(table) == {
        "reference": "A",
        "title": "B",
        "cause": "C",
        "effect": "G",
        "owner": "D",
        "current_likelihood": "E",
        "current_impact": "F",
    }
    assert len(table.rows) == 70
    assert value(table.rows[0], "reference") == "R1"
    assert value(table.rows[-1], "reference") == "R70"
    rows = rows_by_number(table)
    r6 = rows[9]
    assert value(r6, "current_likelihood") == 0.05
    assert parse_scale(0.05, kind="likelihood").value == 1
    r1 = rows[4]
    assert parse_scale(value(r1, "current_likelihood"), kind="likelihood").value == 3  # 0.4
    assert parse_scale(value(r1, "current_impact"), kind="impact").value == 4  # "High"
    # The fills agree with the text where both exist: Neutral amber on 0.4, Bad red on High.
    assert scale_from_fill(r1.cells["current_likelihood"].fill_rgb).value == 3
    assert scale_from_fill(r1.cells["current_impact"].fill_rgb).value == 4
    owners = {value(r, "owner") for r in table.rows}
    assert len(owners) == 20, "the four managers, and roles such as 'Supplier' and 'CFO'"
    assert {"Frodo", "Sam", "Pippin", "Bilbo", "Supplier", "CFO"} <= owners
    likelihoods = [
        parse_scale(value(r, "current_likelihood"), kind="likelihood") for r in table.rows
    ]
    assert all(p.error is None and p.value is not None for p in likelihoods)
    impacts = [parse_scale(value(r, "current_impact"), kind="impact") for r in table.rows]
    assert all(p.error is None and p.value is not None for p in impacts)


# --- RAID logs and templates -----------------------------------------------------------------


def test_kevstemplates_register_of_prenumbered_empty_rows() -> None:
    table = read("kevstemplates_raid_log.xlsx", "Risk Register")
    assert table.header_row == 4
    assert mapping_of(table) == {
        "reference": "A",
        "category": "E",
        "event": "D",
        "date_raised": "C",
        "controls": "M",
        "current_likelihood": "G",
        "current_impact": "H",
        "current_score": "I",
        "band": "J",
        "target_date": "P",
        "status": "L",
        "proximity": "F",
    }
    assert {h for _, h in table.unmatched_headers} == {
        "Author",
        "Escalation",
        "Mitigation Date",
        "Short Mitigation Brief",
    }
    assert table.rows == []
    assert [(s.row, s.reason) for s in table.skipped] == [(5, "row has only a number (rows 5–24)")]
    # Its drop-downs offer "Very Low" … "Very High" and the Definition sheet "High 4".
    assert parse_scale("Very High 5", kind="likelihood").value == 5


def test_sigtoolkit_raid_log_examples_are_template_rows() -> None:
    table = read("sigtoolkit_RAID_Log_Template.xlsx")
    assert (table.sheet, table.header_row) == ("RAID Log", 4)
    mapping = mapping_of(table)
    assert mapping["entry_type"] == "B"
    assert (mapping["current_impact"], mapping["current_likelihood"]) == ("D", "E")
    assert mapping["controls"] == "G"  # "Response or plan"
    assert table.rows == []
    assert [(s.row, s.reason) for s in table.skipped] == [(5, "example or guidance row (rows 5–8)")]
    assert parse_scale("—", kind="likelihood").value is None  # its "n/a"


def test_pmo_toolkit_raid_log_types_each_row() -> None:
    table = read("pmo_toolkit_RAID_Log.xlsx")
    assert (table.sheet, table.header_row) == ("Raid Log", 1)
    assert mapping_of(table) == {
        "reference": "A",
        "event": "C",
        "owner": "F",
        "controls": "H",
        "current_likelihood": "E",
        "current_impact": "D",
        "status": "G",
        "entry_type": "B",
    }
    assert [value(r, "entry_type") for r in table.rows] == [
        "Risk",
        "Issue",
        "Assumption",
        "Dependency",
    ]
    risk = table.rows[0]
    assert parse_scale(value(risk, "current_likelihood"), kind="likelihood").value == 3
    assert parse_scale(value(risk, "current_impact"), kind="impact").value == 4


def test_raid_type_column_is_looked_for_only_on_import() -> None:
    table = read("pmo_toolkit_RAID_Log.xlsx", columns=RISK_COLUMNS)
    assert "entry_type" not in mapping_of(table)
    assert ("B", "Type") in table.unmatched_headers


def test_packt_empty_register() -> None:
    table = read("packt_tpm_Risk_Log.xlsx")
    assert (table.sheet, table.header_row) == ("Risk Log", 1)
    assert mapping_of(table) == {
        "reference": "A",
        "title": "B",
        "category": "G",
        "current_likelihood": "C",
        "current_impact": "D",
    }
    assert table.rows == []
    assert table.skipped == []


def test_opsenex_security_register_is_barely_a_risk_register() -> None:
    """Its weighted 'Inherent Risk' and 'Technical Impact' are not our scales: left unmatched."""
    table = read("opsenex_Risk_Register_Template.xlsx")
    assert table.header_row == 9
    assert mapping_of(table) == {"title": "B", "event": "F", "current_likelihood": "J"}
    assert "reference" in table.missing_required
    assert "owner" in table.missing_required


# --- the import service on the real registers -------------------------------------------------
#
# Owners. Real registers name owners as "Name/Role" (DLUHC's "Risk Owner/Role"), as roles
# ("Supplier", "CFO", "Surveyor") or not at all ("Redacted"). Refusing every row whose owner
# is not yet a person would make these sheets useless, so the import does what the plan
# import does with unknown lead officers: the name before a "/" is the owner, and a name the
# board does not know is added to its people with a warning in the preview. add_people=False
# refuses those rows instead; default_owner owns the rows of a sheet with no owner column.

WORKBOOKS = sorted(REAL.glob("*.xlsx")) if REAL.is_dir() else []


@pytest.mark.sqlite_only  # a sweep of the workbook parser; previews write nothing
@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_real_workbook_previews_as_risks_or_is_refused_plainly(
    desk: Desk, path: Path
) -> None:
    before = desk.register.register()
    outcome_or_error: RiskImportPreview | ImportRejected
    try:
        outcome_or_error = desk.risk_imports.preview(path)
    except ImportRejected as refused:
        outcome_or_error = refused
    if isinstance(outcome_or_error, ImportRejected):
        assert str(outcome_or_error).startswith(path.name)
        assert len(str(outcome_or_error)) < 400, "a message, not a dump"
    else:
        for outcome in outcome_or_error.outcomes:
            if outcome.kind is RowKind.REFUSED:
                assert outcome.reasons, f"row {outcome.row} refused without a reason"
    assert desk.register.register() == before, "a preview writes nothing"


def test_an_action_plan_is_not_mistaken_for_a_register(desk: Desk) -> None:
    result = desk.risk_imports.preview(REAL / "artanalytics_Action_Tracker.xlsx")
    assert result.count(RowKind.NEW) == 0
    assert result.count(RowKind.REFUSED) == len(result.outcomes) > 0


def test_towns_fund_return_imports_its_risks(desk: Desk) -> None:
    desk.people.add("Redacted")  # the return's owners, as the board would have added them
    result = desk.risk_imports.preview(REAL / TOWNS_FUND_7, sheet=RISK_SHEET, add_people=False)
    refused = [o.row for o in result.outcomes if o.kind is RowKind.REFUSED]
    assert refused == [23, 39, 48, 74], "the rows with DLUHC's six-point '6 - Critical impact'"
    assert all("above the 1 to 5 scale" in p.reason for p in result.refused)
    assert {p.column for p in result.refused} == {"H", "L"}
    new = [o for o in result.outcomes if o.kind is RowKind.NEW]
    assert len(new) == 21
    assert [o.reference for o in new[:3]] == ["R1", "R2", "R3"], "its '1, 2, 3' repeat per block"
    reasons = [s.reason for s in result.skipped]
    assert reasons.count("the column headings again") == 20
    assert any(s.row == 217 and "END" in s.reason for s in result.skipped)
    assert sum("no reference and no owner" in r for r in reasons) == 6, "the inputs legend"
    assert any("references repeat" in w.reason for w in result.warnings)
    assert result.new_people == []
    with pytest.raises(ValidationError) as refused_all:
        desk.risk_imports.apply(result)
    assert TOWNS_FUND_7 in str(refused_all.value)
    applied = desk.risk_imports.apply(result, skip_refused=True)
    assert (applied.added, applied.refused) == (21, 4)
    register = desk.register.register()
    assert len(register.risks) == 21
    r1 = register.risks[0]
    assert (r1.reference, r1.title, r1.category, r1.owner) == (
        "R1",
        "Delivery",
        "Financial Crime",
        "Redacted",
    )
    assert (r1.inherent_likelihood, r1.inherent_impact) == (2, 3)
    assert (r1.current_likelihood, r1.current_impact) == (2, 2)
    assert r1.proximity is Proximity.MEDIUM_TERM  # "2 - Distant: next 12 months"
    assert r1.date_raised == TODAY
    assert r1.reviews[0].reviewer == ACTOR.name


def test_towns_fund_owner_role_text_is_added_as_people_by_default(desk: Desk) -> None:
    result = desk.risk_imports.preview(REAL / TOWNS_FUND_4, sheet=RISK_SHEET)
    assert result.count(RowKind.NEW) == 3
    assert result.new_people == ["Surveyor"]
    desk.risk_imports.apply(result)
    assert {r.owner for r in desk.register.register().risks} == {"Surveyor"}


def test_teamawesome_register_imports_all_seventy(desk: Desk) -> None:
    for manager in ("Frodo", "Sam", "Pippin", "Bilbo"):
        desk.people.add(manager)
    result = desk.risk_imports.preview(REAL / "teamawesome_Risk_Register.xlsx")
    assert result.count(RowKind.NEW) == 70
    assert result.refused == []
    assert len(result.new_people) == 16
    assert "Dept of Racing, Gaming and Liquor" in result.new_people, "a comma is no second owner"
    sheet_wide = " ".join(w.reason for w in result.warnings)
    assert "no category column" in sheet_wide
    assert "no inherent" in sheet_wide
    desk.risk_imports.apply(result)
    risks = {r.reference: r for r in desk.register.register().risks}
    assert len(risks) == 70
    assert (risks["R1"].current_likelihood, risks["R1"].current_impact) == (3, 4)  # 0.4, High
    assert risks["R6"].current_likelihood == 1  # 0.05
    assert risks["R3"].current_likelihood == 5  # 0.9
    assert risks["R1"].cause == "Unreal expectations"
    assert risks["R1"].event == risks["R1"].title == "Requirements are impossible to achieve"
    assert risks["R1"].effect.startswith("Requirements must be reevaluated")
    assert all(r.category == "Uncategorised" for r in risks.values())
    assert all(r.inherent_score == r.current_score for r in risks.values())


def test_pathfinders_risks_need_an_owner_chosen_for_them(desk: Desk) -> None:
    path = REAL / "dluhc_pathfinders_round3_return.xlsx"
    without = desk.risk_imports.preview(path, sheet="Risks")
    assert without.count(RowKind.REFUSED) == 5
    assert any("no owner column" in w.reason for w in without.warnings)
    result = desk.risk_imports.preview(path, sheet="Risks", default_owner="Programme Manager")
    assert [o.reference for o in result.outcomes if o.kind is RowKind.NEW] == [
        "R1",
        "R2",
        "R3",
        "R4",
        "R5",
    ]
    desk.risk_imports.apply(result)
    first = desk.register.register().risks[0]
    assert (first.title, first.owner) == ("Test risk 1", "Programme Manager")
    assert (first.inherent_likelihood, first.inherent_impact) == (3, 4)
    assert (first.current_likelihood, first.current_impact) == (3, 3)


def test_raid_log_brings_only_its_risks(desk: Desk) -> None:
    result = desk.risk_imports.preview(REAL / "pmo_toolkit_RAID_Log.xlsx")
    assert [o.row for o in result.outcomes] == [2]
    assert [s.row for s in result.skipped] == [3, 4, 5]
    assert "'Issue' entry, not a risk" in result.skipped[0].reason
