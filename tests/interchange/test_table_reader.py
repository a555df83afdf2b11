"""The table reader on the sheets people keep: synthetic shapes, then the real workbooks.

The real files are read in place from ../shared/realdata/xlsx (never copied into
the repo); their tests are skipped when that folder is absent.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import REALDATA
from openpyxl.styles import Font, PatternFill
from openpyxl.styles.colors import Color
from openpyxl.worksheet.formula import ArrayFormula

from improvement_desk.interchange.columns import PLAN_COLUMNS, ColumnSpec
from improvement_desk.interchange.problems import CellProblem, ImportRejected
from improvement_desk.interchange.sheet_cells import uncached_formulas
from improvement_desk.interchange.table_reader import (
    NO_SAVED_RESULT,
    SheetTable,
    list_sheets,
    read_table,
)

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning:openpyxl")

REAL = REALDATA / "xlsx"
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="realdata folder not present")

HEADER = ["Ref", "Recommendation", "Action", "Who?", "When?", "RAG", "Progress update"]
# Columns C..I, so the mapping below is what detection must find.
EXPECTED_MAPPING = {
    "reference": "C",
    "recommendation_text": "D",
    "description": "E",
    "lead_officer": "F",
    "target_date": "G",
    "status": "H",
    "progress_update": "I",
}


def solid(rgb: str) -> PatternFill:
    return PatternFill("solid", fgColor=rgb)


def mapping_of(table: SheetTable) -> dict[str, str]:
    return {m.field: m.column for m in table.matches}


def by_row(table: SheetTable) -> dict[int, dict[str, object]]:
    return {r.row: {k: c.value for k, c in r.cells.items()} for r in table.rows}


def put(ws: Any, row: int, values: Sequence[object], first_col: int = 3) -> None:
    for offset, value in enumerate(values):
        if value is not None:
            ws.cell(row=row, column=first_col + offset, value=value)


def build_plan(path: Path) -> Path:
    """A board's action plan as a secretariat keeps it, with every awkward feature at once."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Plan"
    ws["A1"] = "Children's Services Improvement Plan"
    ws["A2"] = "Version 3, for the Improvement Board of 12 May"
    ws["A3"] = "Status key: see the notes sheet"
    put(ws, 5, HEADER)
    # Row 6: a theme heading merged across the table.
    ws["C6"] = "Theme 1: Practice"
    ws.merge_cells("C6:I6")
    # Rows 7-9: one recommendation merged down over its three actions.
    put(ws, 7, ["1.1", "Improve supervision", "Audit supervision files", "Jo Bloggs", "31/05/2014"])
    put(ws, 8, ["1.2", None, "Train team managers", "Sam Patel", "May 2014", "Amber"])
    put(ws, 9, ["1.3", None, "Publish supervision policy", "Jo Bloggs", "Q2 2014", "G"])
    ws.merge_cells("D7:D9")
    # Rows 10-11: blank, then an example row the template came with.
    put(ws, 12, ["Example: 9.9", "[Recommendation]", "[What needs to happen]", "[Owner]", "[date]"])
    # Row 13: a theme heading in the (non-required) recommendation column alone.
    ws["D13"] = "Theme 2: Early help"
    put(ws, 14, ["2.1", "Early help offer", "Map the early help offer", "Ann Lee", "30/06/2014"])
    # Rows 15-17: status given only as a fill colour (red, amber, green), no value.
    put(ws, 15, ["2.2", None, "Recruit to vacant posts", "Ann Lee", "31/07/2014"])
    put(ws, 16, ["2.3", None, "Reduce agency staff", "Ann Lee", "31/08/2014"])
    put(ws, 17, ["2.4", None, "Exit interviews", "Ann Lee", "30/09/2014"])
    for row, rgb in ((15, "FF0000"), (16, "FFC000"), (17, "00B050")):
        ws.cell(row=row, column=8).fill = solid(rgb)
    # Row 18: a row missing its owner and date: returned, for the caller to refuse.
    put(ws, 18, ["2.5", None, "Review thresholds"])
    put(ws, 19, ["END"])
    put(ws, 20, ["9.1", None, "Below the END marker", "Nobody", "01/01/2015"])
    wb.create_sheet("Notes")["A1"] = "Edit only the Progress update column."
    wb.save(path)
    return path


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return build_plan(tmp_path / "plan.xlsx")


# ---------------------------------------------------------------- synthetic shapes


def test_header_below_title_rows_and_not_in_column_a(plan_file: Path) -> None:
    table = read_table(plan_file, PLAN_COLUMNS)

    assert table.file_name == "plan.xlsx"
    assert table.sheet == "Plan"
    assert table.header_row == 5
    assert mapping_of(table) == EXPECTED_MAPPING
    assert {m.field: m.header_text for m in table.matches}["lead_officer"] == "Who?"
    assert table.unmatched_headers == []
    assert table.missing_required == []


def test_rows_between_header_and_end_marker(plan_file: Path) -> None:
    table = read_table(plan_file, PLAN_COLUMNS)

    assert [r.row for r in table.rows] == [7, 8, 9, 14, 15, 16, 17, 18]
    rows = by_row(table)
    assert rows[7]["description"] == "Audit supervision files"
    assert rows[7]["target_date"] == "31/05/2014"  # raw: values.py parses dates
    assert rows[9]["status"] == "G"
    assert rows[18]["lead_officer"] is None  # incomplete, but still returned
    assert all(r.sheet == "Plan" for r in table.rows)


def test_merged_recommendation_belongs_to_each_action(plan_file: Path) -> None:
    table = read_table(plan_file, PLAN_COLUMNS)
    rows = {r.row: r for r in table.rows}

    for number in (7, 8, 9):
        assert rows[number].cells["recommendation_text"].value == "Improve supervision"
        assert rows[number].cells["recommendation_text"].column == "D"
    assert rows[7].merged_from == frozenset()
    assert rows[8].merged_from == rows[9].merged_from == frozenset({"recommendation_text"})


def test_section_headings_set_the_section_of_rows_below(plan_file: Path) -> None:
    table = read_table(plan_file, PLAN_COLUMNS)
    sections = {r.row: r.section for r in table.rows}

    assert sections[7] == sections[9] == "Theme 1: Practice"
    assert sections[14] == sections[18] == "Theme 2: Early help"
    assert CellProblem("Plan", 6, "", "section heading 'Theme 1: Practice'") in table.skipped
    assert CellProblem("Plan", 13, "", "section heading 'Theme 2: Early help'") in table.skipped


def test_skipped_rows_say_why(plan_file: Path) -> None:
    table = read_table(plan_file, PLAN_COLUMNS)

    assert [(p.row, p.reason) for p in table.skipped] == [
        (6, "section heading 'Theme 1: Practice'"),
        (10, "blank rows (10–11)"),
        (12, "example or guidance row"),
        (13, "section heading 'Theme 2: Early help'"),
        (19, "end marker 'END': nothing below it was read"),
    ]


def test_fill_only_status_gives_the_colour_and_no_value(plan_file: Path) -> None:
    table = read_table(plan_file, PLAN_COLUMNS)
    status = {r.row: r.cells["status"] for r in table.rows}

    assert [(status[n].value, status[n].fill_rgb) for n in (15, 16, 17)] == [
        (None, "FF0000"),
        (None, "FFC000"),
        (None, "00B050"),
    ]
    assert status[8].fill_rgb is None  # no fill at all


def test_theme_indexed_and_tinted_fills(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws, 1, ["Action ref", "Action", "Status"], first_col=1)
    put(ws, 2, ["1", "Theme colour", None], first_col=1)
    put(ws, 3, ["2", "Indexed colour", None], first_col=1)
    put(ws, 4, ["3", "Tinted theme colour", None], first_col=1)
    put(ws, 5, ["4", "Pattern, not solid", None], first_col=1)
    ws["C2"].fill = PatternFill("solid", fgColor=Color(theme=9))
    ws["C3"].fill = PatternFill("solid", fgColor=Color(indexed=10))
    ws["C4"].fill = PatternFill("solid", fgColor=Color(theme=0, tint=-0.5))
    ws["C5"].fill = PatternFill("gray125", fgColor="FF0000")
    wb.save(tmp_path / "fills.xlsx")

    table = read_table(tmp_path / "fills.xlsx", PLAN_COLUMNS)
    fills = [r.cells["status"].fill_rgb for r in table.rows]

    # openpyxl writes the Office 2007 theme, whose accent6 is F79646: the file's own
    # theme decides the colour, as in Excel. Indexed 10 is red; white darkened by half is 808080.
    assert fills == ["F79646", "FF0000", "808080", None]


def test_formula_without_saved_result_is_flagged_not_blank(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Log"
    put(ws, 1, ["Action ref", "Action", "Owner", "Target date", "Progress"], first_col=1)
    put(ws, 2, ["1.1", "Weekly audit", "Jo Bloggs", "31/05/2014", "=A1*2"], first_col=1)
    put(ws, 3, ["1.2", "Monthly audit", "Jo Bloggs", "30/06/2014", "On track"], first_col=1)
    ws["F2"] = "=1+1"  # outside the table's mapped columns: not reported
    wb.save(tmp_path / "formula.xlsx")

    table = read_table(tmp_path / "formula.xlsx", PLAN_COLUMNS)
    cell = table.rows[0].cells["progress_update"]

    assert table.warnings == [CellProblem("Log", 2, "E", NO_SAVED_RESULT)]
    assert "open the file in Excel, save it, and import again" in NO_SAVED_RESULT
    assert cell.value is None
    assert cell.error == NO_SAVED_RESULT
    assert table.rows[1].cells["progress_update"].error is None


def _rewrite_sheet(path: Path, old: str, new: str) -> None:
    """Replace text in the first sheet's XML, to write what openpyxl cannot."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            target.writestr(item, data)
    path.write_bytes(buffer.getvalue())


def test_shared_and_array_formulas_count_and_cached_ones_do_not(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in range(1, 6):
        ws.cell(row=row, column=1, value=row)
    for row in (1, 2, 3):
        ws.cell(row=row, column=2, value=0)  # placeholders, replaced in the XML below
    ws["C1"] = ArrayFormula("C1", "=SUM(A1:A2)")
    path = tmp_path / "formulas.xlsx"
    wb.save(path)
    for ref, cell in (
        ("B1", '<c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>2</v></c>'),
        ("B2", '<c r="B2"><f t="shared" si="0"/></c>'),
        ("B3", '<c r="B3" t="str"><f>IF(A3&gt;9,"x","")</f><v></v></c>'),
    ):
        xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
        start = xml.index(f'<c r="{ref}"')
        end = xml.index("</c>", start) + len("</c>")
        _rewrite_sheet(path, xml[start:end], cell)

    # B2: shared formula with no result; C1: array formula with no result. B1 and B3 have one.
    assert uncached_formulas(path, "Sheet") == {(2, 2), (1, 3)}


def test_error_values_are_errors_not_text(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws, 1, ["Action ref", "Action", "Owner"], first_col=1)
    put(ws, 2, ["1.1", "#REF!", "#N/A"], first_col=1)
    wb.save(tmp_path / "errors.xlsx")

    cells = read_table(tmp_path / "errors.xlsx", PLAN_COLUMNS).rows[0].cells

    assert (cells["description"].value, cells["description"].error) == (None, "#REF!")
    assert (cells["lead_officer"].value, cells["lead_officer"].error) == (None, "#N/A")
    assert cells["reference"].error is None


def test_used_range_to_xfd_with_formatting_only_is_read_quickly(tmp_path: Path) -> None:
    path = build_plan(tmp_path / "wide.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["Plan"]
    ws["XFD10"].font = Font(bold=True)
    ws["XFD10"].fill = solid("FFFF00")
    wb.save(path)
    assert "XFD" in openpyxl.load_workbook(path)["Plan"].dimensions

    table = read_table(path, PLAN_COLUMNS)  # never iterates the formatted range to XFD
    assert [r.row for r in table.rows] == [7, 8, 9, 14, 15, 16, 17, 18]


def test_header_tolerates_line_breaks_brackets_and_slashes(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    headings = [
        " Action ref ",
        "Item / Description",
        "Lead\nofficer",
        "Owner(s)",
        "Target date (dd/mm/yyyy)",
        "Status",
        "RAG",
    ]
    put(ws, 2, headings, first_col=2)
    put(ws, 3, ["1", "Do it", "Jo", "Sam", "01/01/2014", "Open", "R"], first_col=2)
    wb.save(tmp_path / "headings.xlsx")

    table = read_table(tmp_path / "headings.xlsx", PLAN_COLUMNS)

    assert table.header_row == 2
    assert mapping_of(table) == {
        "reference": "B",
        "description": "C",
        "lead_officer": "D",  # leftmost of the two owner columns
        "target_date": "F",
        "status": "G",  # exact "Status" beats nothing; RAG comes later
    }
    assert table.unmatched_headers == [("E", "Owner(s)"), ("H", "RAG")]
    assert {m.field: m.header_text for m in table.matches}["lead_officer"] == "Lead officer"


def test_guidance_row_under_header_and_phantom_numbered_rows(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws, 1, ["No", "Action", "Owner", "Target date", "Progress"], first_col=1)
    put(
        ws,
        2,
        [
            None,
            "Describe the action in one sentence",
            "Who will make sure it happens?",
            "When must it be done by?",
            "Please say what has changed since the last board",
        ],
        first_col=1,
    )
    put(ws, 3, [1, "Real action", "Jo", "31/05/2014"], first_col=1)
    for row in range(4, 9):
        ws.cell(row=row, column=1, value=row - 2)  # pre-numbered, nothing else
    wb.save(tmp_path / "guidance.xlsx")

    table = read_table(tmp_path / "guidance.xlsx", PLAN_COLUMNS)

    assert [r.row for r in table.rows] == [3]
    assert [(p.row, p.reason) for p in table.skipped] == [
        (2, "guidance row"),
        (4, "row has only a number (rows 4–8)"),
    ]


def test_a_first_row_of_short_answers_is_data_not_guidance(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws, 1, ["Owner", "Status", "Progress"], first_col=1)
    put(ws, 2, ["Divya", "Green", 0.85], first_col=1)
    wb.save(tmp_path / "short.xlsx")

    assert [r.row for r in read_table(tmp_path / "short.xlsx", PLAN_COLUMNS).rows] == [2]


def test_mapping_override_replaces_detection(plan_file: Path) -> None:
    mapping = dict(EXPECTED_MAPPING, lead_officer="I", progress_update="")

    table = read_table(plan_file, PLAN_COLUMNS, mapping=mapping)

    assert mapping_of(table)["lead_officer"] == "I"
    assert "progress_update" not in mapping_of(table)
    assert ("F", "Who?") in table.unmatched_headers
    assert by_row(table)[7]["lead_officer"] is None
    with pytest.raises(ValueError, match="unknown field"):
        read_table(plan_file, PLAN_COLUMNS, mapping={"nonsense": "A"})


def test_header_row_override(plan_file: Path) -> None:
    table = read_table(plan_file, PLAN_COLUMNS, header_row=5, mapping={"description": "E"})

    assert table.header_row == 5
    assert mapping_of(table) == {"description": "E"}
    assert set(table.missing_required) == {"reference", "lead_officer", "target_date"}


def test_sheet_choice_and_list_sheets_order(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Cover"
    wb["Cover"]["B2"] = "Improvement plan return"
    small = wb.create_sheet("Small")
    put(small, 1, ["Action", "Owner"], first_col=1)
    put(small, 2, ["One action", "Jo"], first_col=1)
    full = wb.create_sheet("Full")
    put(full, 3, ["Ref", "Action", "Owner", "Target date", "Status"], first_col=1)
    put(full, 4, ["1", "First", "Jo", "01/01/2014", "Red"], first_col=1)
    put(full, 5, ["2", "Second", "Sam", "01/02/2014", "Green"], first_col=1)
    backup = wb.create_sheet("Backup")
    put(backup, 1, ["Ref", "Action", "Owner", "Target date", "Status", "Progress"], first_col=1)
    put(backup, 2, ["1", "Old", "Jo", "01/01/2013", "Red", "x"], first_col=1)
    backup.sheet_state = "hidden"
    wb.save(tmp_path / "sheets.xlsx")
    path = tmp_path / "sheets.xlsx"

    choices = list_sheets(path, PLAN_COLUMNS)

    assert [(c.name, c.hidden, c.header_row, c.matched, c.data_rows) for c in choices] == [
        ("Full", False, 3, 5, 2),
        ("Small", False, 1, 2, 1),
        ("Cover", False, None, 0, 0),
        ("Backup", True, 1, 6, 1),  # hidden sheets come last, however good
    ]
    assert read_table(path, PLAN_COLUMNS).sheet == "Full"
    assert read_table(path, PLAN_COLUMNS, sheet="Backup").header_row == 1
    with pytest.raises(ImportRejected, match="no worksheet named 'Missing'"):
        read_table(path, PLAN_COLUMNS, sheet="Missing")


def test_no_header_is_refused_naming_the_sheet(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.active.title = "Minutes"
    wb["Minutes"]["A1"] = "Minutes of the Improvement Board"
    wb["Minutes"]["A40"] = "Action"  # too far down, and alone
    wb.save(tmp_path / "minutes.xlsx")

    with pytest.raises(ImportRejected) as raised:
        read_table(tmp_path / "minutes.xlsx", PLAN_COLUMNS)

    assert raised.value.file_name == "minutes.xlsx"
    assert raised.value.reason.startswith(
        "no table with recognisable column headings in the first 30 rows of sheet 'Minutes'"
    )
    assert "looked for: Action ref, Action, Lead officer, Target date" in raised.value.reason


def _long_sheet(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    put(ws, 1, ["Ref", "Action", "Owner", "Target date"], first_col=1)
    for number in range(2, rows + 2):
        put(ws, number, [str(number), f"Action {number}", "Jo", "01/01/2014"], first_col=1)
    wb.save(path)
    return path


def test_progress_is_reported_and_cancel_stops_the_read(tmp_path: Path) -> None:
    path = _long_sheet(tmp_path / "long.xlsx", 450)
    seen: list[int] = []

    table = read_table(path, PLAN_COLUMNS, progress=seen.append)

    assert len(table.rows) == 450
    assert seen == [200, 400]
    with pytest.raises(ImportRejected, match="import cancelled"):
        read_table(path, PLAN_COLUMNS, cancelled=lambda: True)
    ticks: list[int] = []
    with pytest.raises(ImportRejected, match="import cancelled"):
        read_table(path, PLAN_COLUMNS, progress=ticks.append, cancelled=lambda: bool(ticks))
    assert ticks == [200]


def test_more_rows_than_allowed_is_refused_not_truncated(tmp_path: Path) -> None:
    path = _long_sheet(tmp_path / "long.xlsx", 30)

    with pytest.raises(ImportRejected, match="at most 20 rows below the header"):
        read_table(path, PLAN_COLUMNS, max_rows=20)


def test_other_column_lists_work_too(tmp_path: Path) -> None:
    columns = (
        ColumnSpec("reference", "Risk ID", ("id", "no"), required=True),
        ColumnSpec("title", "Risk", ("risk name",), required=True),
        ColumnSpec("owner", "Owner", ("risk owner",)),
    )
    wb = openpyxl.Workbook()
    put(wb.active, 1, ["No", "Risk name", "Risk owner"], first_col=1)
    put(wb.active, 2, ["R1", "Staff turnover", "HR"], first_col=1)
    wb.save(tmp_path / "risks.xlsx")

    table = read_table(tmp_path / "risks.xlsx", columns)

    assert mapping_of(table) == {"reference": "A", "title": "B", "owner": "C"}
    assert by_row(table) == {2: {"reference": "R1", "title": "Staff turnover", "owner": "HR"}}


# ---------------------------------------------------------------- real workbooks

REAL_CASES = {
    # file: (sheet, header row, field → column, data rows)
    "sussex_fyp_Action_Log.xlsx": (
        "Action Log",
        4,
        {
            "theme": "K",
            "reference": "C",
            "description": "E",  # "Action / Decision", read by its parts
            "lead_officer": "G",
            "target_date": "I",
            "success_measures": "M",
            "status": "F",  # "RAG", left of "Status" in L
        },
        0,  # rows 5-116 hold only =C5+1 numbers
    ),
    "artanalytics_Action_Tracker.xlsx": (
        "Action Tracker",
        1,
        {
            "theme": "C",
            "reference": "B",
            "description": "D",
            "lead_officer": "E",
            "status": "F",
            "progress_update": "G",
        },
        37,
    ),
    "sigtoolkit_Action_Decision_Log.xlsx": (
        "Action & Decision Log",
        4,
        {
            "theme": "B",
            "reference": "A",
            "description": "D",
            "lead_officer": "F",
            "target_date": "H",
            "status": "I",
            "closure_decision": "J",
        },
        0,  # rows 5-6 are the template's [placeholder] rows
    ),
    "kevstemplates_continuous_service_improvement_plan_tracker.xlsx": (
        "CSIP",
        3,
        {
            "recommendation_text": "A",
            "description": "D",
            "lead_officer": "E",
            "start_date": "F",
            "target_date": "G",
            "status": "B",
            "progress_update": "H",
        },
        0,
    ),
    "dluhc_pathfinders_round3_return.xlsx": (
        "Project Details",
        2,
        {"reference": "B", "status": "D"},
        153,
    ),
    "pmo_toolkit_Project_KPI_Dashboard.xlsx": (
        "Milestone Tracker",
        1,
        {"lead_officer": "D", "target_date": "B", "status": "C"},
        4,
    ),
}


def timed_read(path: Path, **kwargs: object) -> SheetTable:
    return read_table(path, PLAN_COLUMNS, **kwargs)  # type: ignore[arg-type]


@needs_real
@pytest.mark.parametrize("name", sorted(REAL_CASES))
def test_real_workbook(name: str) -> None:
    sheet, header_row, mapping, data_rows = REAL_CASES[name]

    table = timed_read(REAL / name)

    assert (table.sheet, table.header_row) == (sheet, header_row)
    assert mapping_of(table) == mapping
    assert len(table.rows) == data_rows
    # openpyxl drops some Excel extensions (data validation, formatting); those are noted,
    # nothing else may be.
    assert [w for w in table.warnings if not w.reason.startswith("Excel feature not read")] == []


@needs_real
def test_real_sussex_phantom_rows_are_one_skip() -> None:
    table = timed_read(REAL / "sussex_fyp_Action_Log.xlsx")

    assert [(p.row, p.reason) for p in table.skipped] == [(5, "row has only a number (rows 5–116)")]
    assert ("L", "Status") in table.unmatched_headers


@needs_real
def test_real_artanalytics_values_are_raw() -> None:
    rows = {r.row: r for r in timed_read(REAL / "artanalytics_Action_Tracker.xlsx").rows}

    assert rows[2].cells["reference"].value == 1
    assert rows[3].cells["lead_officer"].value == "Vasu/Thiru"
    assert rows[8].cells["theme"].value == "Solution Presentation "  # trailing space kept
    assert rows[5].cells["status"].value is None


@needs_real
def test_real_sigtoolkit_placeholder_rows_skipped() -> None:
    table = timed_read(REAL / "sigtoolkit_Action_Decision_Log.xlsx")

    assert [(p.row, p.reason) for p in table.skipped] == [(5, "example or guidance row (rows 5–6)")]


@needs_real
def test_real_kevstemplates_empty_body() -> None:
    table = timed_read(REAL / "kevstemplates_continuous_service_improvement_plan_tracker.xlsx")

    assert table.rows == []
    assert table.skipped == []
    assert table.missing_required == ["reference"]


@needs_real
def test_real_pathfinders_sheet_choice_and_risks_sheet() -> None:
    path = REAL / "dluhc_pathfinders_round3_return.xlsx"

    choices = list_sheets(path, PLAN_COLUMNS)

    assert len(choices) == 15
    assert [(c.name, c.header_row, c.matched) for c in choices[:2]] == [
        ("Project Details", 2, 2),
        ("Risks", 7, 2),
    ]
    assert all(c.header_row is None for c in choices[2:])
    risks = timed_read(path, sheet="Risks")
    assert risks.header_row == 7
    assert mapping_of(risks) == {"theme": "C", "description": "D"}
    assert [r.row for r in risks.rows] == [9, 10, 11, 12, 13]
    assert (8, "guidance row") in [(p.row, p.reason) for p in risks.skipped]


@needs_real
def test_real_pmo_dashboard_fill_colours() -> None:
    path = REAL / "pmo_toolkit_Project_KPI_Dashboard.xlsx"

    assert list_sheets(path, PLAN_COLUMNS)[0].name == "Milestone Tracker"
    table = timed_read(path, sheet="Dashboard Overview")
    status = [(r.cells["status"].value, r.cells["status"].fill_rgb) for r in table.rows]

    # Green is theme colour 9 (accent6) in the file's Office theme.
    assert status == [("Green", "70AD47"), ("Amber", "FFC000"), ("Red", "FF0000")]


def _others() -> list[str]:
    if not REAL.is_dir():
        return []
    return sorted(p.name for p in REAL.glob("*.xlsx") if p.name not in REAL_CASES)


@needs_real
@pytest.mark.parametrize("name", _others())
def test_every_other_real_workbook_is_read_or_refused(name: str) -> None:
    path = REAL / name
    calls: list[Callable[[], object]] = [
        lambda: read_table(path, PLAN_COLUMNS),
        lambda: list_sheets(path, PLAN_COLUMNS),
    ]
    for call in calls:
        try:
            outcome = call()
        except ImportRejected as refused:
            outcome = refused
        assert isinstance(outcome, SheetTable | list | ImportRejected)
        if isinstance(outcome, ImportRejected):
            assert outcome.file_name == name


def test_values_from_formulas_are_flagged_as_not_recalculated(tmp_path: Path) -> None:
    """XL-9: a saved result can be forged; the preview says the values are Excel's, unchecked."""
    import zipfile

    path = tmp_path / "forged.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ref", "Action", "Owner", "Due", "Status"])
    ws.append(["1.1", "Recruit", "Ann Lee", "31/05/2014", "Green"])
    wb.save(path)
    # Rewrite the status cell as a formula with a saved ("cached") result, as Excel would.
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    start = sheet.index('<c r="E2"')
    end = sheet.index("</c>", start) + len("</c>")
    sheet = (
        sheet[:start] + '<c r="E2" t="str"><f>IF(1,"Green","Red")</f><v>Green</v></c>' + sheet[end:]
    )
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    table = read_table(path, PLAN_COLUMNS)
    assert table.rows[0].cells["status"].value == "Green"
    notes = [w for w in table.warnings if "not recalculated" in w.reason]
    assert len(notes) == 1
    assert (notes[0].row, notes[0].column) == (2, "E")
    assert notes[0].reason.startswith("1 imported cell(s) hold formulas")
