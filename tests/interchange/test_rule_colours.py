"""Ratings carried only by conditional formatting: the colour a rule gives the cell's value."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.formatting.rule import CellIsRule, FormulaRule, Rule
from openpyxl.styles import PatternFill
from openpyxl.styles.differential import DifferentialStyle

from improvement_desk.domain.brag import Brag
from improvement_desk.interchange.columns import PLAN_COLUMNS
from improvement_desk.interchange.table_reader import read_table
from improvement_desk.services.desk import Desk
from improvement_desk.services.import_outcomes import RowKind


def fill(rgb: str) -> PatternFill:
    return PatternFill(start_color=rgb, end_color=rgb, fill_type="solid")


def scored_register(path: Path) -> Path:
    """A delivery score 1–5 in column F, coloured only by rules (as the DLUHC returns are)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Rec", "Ref", "Action", "Owner", "Due", "Delivery RAG"])
    for ref, score in (("1.1", 1), ("1.2", 3), ("1.3", 5), ("1.4", 2)):
        sheet.append(["R1", ref, f"Action {ref}", "Ann Lee", "31/05/2014", score])
    rules = sheet.conditional_formatting
    rules.add("F2:F20", CellIsRule(operator="equal", formula=["1"], fill=fill("00B050")))
    rules.add("F2:F20", CellIsRule(operator="between", formula=["3", "4"], fill=fill("FFC000")))
    rules.add(
        "F2:F20", CellIsRule(operator="greaterThanOrEqual", formula=["5"], fill=fill("FF0000"))
    )
    # Undecidable here (a reference to another cell): skipped, never guessed.
    rules.add("F2:F20", FormulaRule(formula=["$F2=$G$1"], fill=fill("0070C0")))
    book.save(path)
    return path


def test_the_reader_gives_each_cell_the_colour_its_rule_gives(tmp_path: Path) -> None:
    table = read_table(scored_register(tmp_path / "scored.xlsx"), PLAN_COLUMNS)
    fills = {r.cells["reference"].value: r.cells["status"].fill_rgb for r in table.rows}
    assert fills == {"1.1": "00B050", "1.2": "FFC000", "1.3": "FF0000", "1.4": None}


def test_numbers_coloured_by_rules_import_as_ratings(desk: Desk, tmp_path: Path) -> None:
    preview = desk.imports.preview(scored_register(tmp_path / "scored.xlsx"))
    by_ref = {o.reference: o for o in preview.outcomes}
    statuses = {ref: o.draft.status for ref, o in by_ref.items() if o.draft is not None}
    assert statuses == {"1.1": Brag.GREEN, "1.2": Brag.AMBER, "1.3": Brag.RED}
    warned = " ".join(w.reason for w in by_ref["1.2"].warnings)
    assert "is not a BRAG rating; its colour was read" in warned
    # 2 has no rule and no colour: a bare number is refused, not guessed.
    assert by_ref["1.4"].kind is RowKind.REFUSED
    assert "a number is not a BRAG rating" in by_ref["1.4"].reasons[0].reason


def test_contains_text_rules_and_written_ratings(tmp_path: Path) -> None:
    path = tmp_path / "text.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Ref", "Action", "Owner", "Due", "Status"])
    sheet.append(["1.1", "A", "Ann", "31/05/2014", "Behind plan"])
    sheet.append(["1.2", "B", "Ann", "31/05/2014", "Red"])
    red = DifferentialStyle(fill=fill("C00000"))
    rule = Rule(type="containsText", operator="containsText", text="behind", dxf=red)
    rule.formula = ['NOT(ISERROR(SEARCH("behind",E2)))']
    sheet.conditional_formatting.add("E2:E3", rule)
    book.save(path)
    table = read_table(path, PLAN_COLUMNS)
    assert [r.cells["status"].fill_rgb for r in table.rows] == ["C00000", None]
