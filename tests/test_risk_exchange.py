"""Risk register → Excel → edited by an owner → back: a review is recorded, nothing half-done.

The demo board brings the plan (39 actions, "1.1"…) and the demo register
(R1…); every test edits an exported copy the way an officer would in Excel
and imports it again.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import ACTOR, TODAY
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from improvement_desk import cli
from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.risk import ReviewFrequency, RiskDraft, RiskStatus
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.risk_scoring import impact_label, likelihood_label
from improvement_desk.interchange.risk_columns import RISK_COLUMNS
from improvement_desk.services.demo import load_demo
from improvement_desk.services.desk import Desk
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.risk_import import RiskImportPreview
from improvement_desk.services.risk_records import RiskRecord

HEADER_ROW = 4
SHEET = "Risk register"


@pytest.fixture
def demo(desk: Desk) -> Desk:
    load_demo(desk.ctx)
    assert desk.register.register().risks, "the demo board brings a register"
    return desk


def export(desk: Desk, path: Path) -> Path:
    desk.risk_exports.export(path, board_name=desk.info().name)
    return path


def columns(sheet: Worksheet) -> dict[str, int]:
    """Field → column index, read from the exported header row."""
    by_header = {spec.header: spec.field for spec in RISK_COLUMNS}
    return {
        by_header[str(cell.value)]: cell.column
        for cell in sheet[HEADER_ROW]
        if cell.value in by_header
    }


def row_of(sheet: Worksheet, reference: str) -> int:
    col = columns(sheet)["reference"]
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row, col).value == reference:
            return row
    raise AssertionError(f"{reference} not exported")


def edit(
    path: Path,
    changes: dict[str, dict[str, Any]],
    *,
    new_rows: Sequence[dict[str, Any]] = (),
) -> Path:
    """Set cells by risk reference and field, and append rows, as an officer would in Excel."""
    wb = openpyxl.load_workbook(path)
    sheet = wb[SHEET]
    cols = columns(sheet)
    for reference, fields in changes.items():
        row = row_of(sheet, reference)
        for name, value in fields.items():
            sheet.cell(row, cols[name]).value = value
    for values in new_rows:
        row = sheet.max_row + 1
        for name, value in values.items():
            sheet.cell(row, cols[name]).value = value
    wb.save(path)
    return path


def risk(desk: Desk, reference: str) -> RiskRecord:
    return next(r for r in desk.register.register().risks if r.reference == reference)


def audit_count(desk: Desk) -> int:
    with desk.opened.database.reading() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def preview(desk: Desk, path: Path, **options: Any) -> RiskImportPreview:
    return desk.risk_imports.preview(path, **options)


def only(result: RiskImportPreview, kind: RowKind) -> list[str]:
    return [o.reference for o in result.outcomes if o.kind is kind]


# --- export ---------------------------------------------------------------------------------


def test_export_writes_labels_worked_out_scores_and_the_key(demo: Desk, tmp_path: Path) -> None:
    register = demo.register.register()
    first = register.risks[0]
    path = export(demo, tmp_path / "register.xlsx")
    sheet = openpyxl.load_workbook(path)[SHEET]
    cols = columns(sheet)
    assert set(cols) == {spec.field for spec in RISK_COLUMNS}
    row = row_of(sheet, first.reference)
    cell = {name: sheet.cell(row, col).value for name, col in cols.items()}
    assert cell["current_likelihood"] == likelihood_label(first.current_likelihood)
    assert cell["current_impact"] == impact_label(first.current_impact)
    assert cell["current_score"] == first.current_score
    assert isinstance(cell["current_score"], int)
    assert cell["inherent_score"] == first.inherent_score
    assert cell["band"] == register.bands.band(first.current_score).label
    assert cell["status"] == first.status.label
    assert cell["owner"] == first.owner
    assert cell["review_commentary"] == first.reviews[-1].commentary
    assert cell["mitigating_actions"] == ", ".join(a.reference for a in first.mitigations)
    assert str(cell["key"]).endswith(f":{first.id}:{first.version}")
    assert sheet.max_row == HEADER_ROW + len(register.risks)


def test_export_offers_drop_downs_of_what_the_import_reads(demo: Desk, tmp_path: Path) -> None:
    sheet = openpyxl.load_workbook(export(demo, tmp_path / "register.xlsx"))[SHEET]
    cols = columns(sheet)
    lists: dict[str, list[str]] = {
        str(dv.sqref).split(":")[0]: str(dv.formula1).strip('"').split(",")
        for dv in sheet.data_validations.dataValidation
    }

    def offered(name: str) -> list[str]:
        letter = openpyxl.utils.get_column_letter(cols[name])
        return lists[f"{letter}{HEADER_ROW + 1}"]

    assert offered("current_likelihood")[3] == "4 - Likely"
    assert offered("inherent_impact")[4] == "5 - Critical"
    assert offered("status") == ["Open", "Escalated", "Closed"]
    assert offered("proximity")[0] == "Within 3 months"
    assert offered("review_frequency")[2] == "Quarterly"
    for name in ("current_score", "band", "title", "owner"):
        letter = openpyxl.utils.get_column_letter(cols[name])
        assert f"{letter}{HEADER_ROW + 1}" not in lists


def test_band_and_score_colours_follow_the_boards_own_bands(demo: Desk, tmp_path: Path) -> None:
    settings = demo.risk_settings.load()
    demo.risk_settings.update(
        RiskBands(low_max=6, medium_max=15, appetite=15, high_colour="#800080"),
        expected_version=settings.version,
    )
    sheet = openpyxl.load_workbook(export(demo, tmp_path / "register.xlsx"))[SHEET]
    cols = columns(sheet)
    band_letter = openpyxl.utils.get_column_letter(cols["band"])
    score_letter = openpyxl.utils.get_column_letter(cols["current_score"])
    rules: dict[str, list[Any]] = {}
    for formatting in sheet.conditional_formatting:
        rules.setdefault(str(formatting.sqref).split(":")[0], []).extend(formatting.rules)
    band_rules = {r.formula[0]: r.dxf.fill.fgColor.rgb for r in rules[f"{band_letter}5"]}
    assert band_rules['"High"'] == "FF800080"
    score_rules = {tuple(r.formula): r.dxf.fill.fgColor.rgb for r in rules[f"{score_letter}5"]}
    assert score_rules[("1", "6")] == "FF2E8B57"
    assert score_rules[("7", "15")] == "FFF0A30A"
    assert score_rules[("16", "25")] == "FF800080"


def test_notes_say_how_to_record_a_review_and_the_bands(demo: Desk, tmp_path: Path) -> None:
    notes = openpyxl.load_workbook(export(demo, tmp_path / "register.xlsx"))["Notes"]
    text = {row[0]: row[1] for row in notes.iter_rows(values_only=True) if row[0]}
    assert "current likelihood or impact" in text["Recording a review"]
    assert text["Score bands"].startswith("Low 1–4, Medium 5–12, High 15–25; appetite 12")
    assert "ignored" in text["Scores"]
    editable = {row[0] for row in notes.iter_rows(values_only=True) if row[1] == "Yes"}
    assert {"Current likelihood", "Current impact", "Review commentary"} <= editable
    assert "Current score" not in editable


def test_a_formula_typed_as_a_title_is_exported_as_plain_text(demo: Desk, tmp_path: Path) -> None:
    owner = demo.register.register().people[0]
    formula = '=HYPERLINK("http://example.invalid","click")'
    demo.risks.create(
        RiskDraft(
            reference="X1",
            title=formula,
            cause="",
            event="+cmd|' /C calc'!A0",
            effect="",
            category="Workforce",
            owner=owner,
            date_raised=date(2014, 1, 6),
            inherent_likelihood=3,
            inherent_impact=3,
            current_likelihood=3,
            current_impact=3,
        )
    )
    path = export(demo, tmp_path / "register.xlsx")
    sheet = openpyxl.load_workbook(path)[SHEET]
    cols = columns(sheet)
    row = row_of(sheet, "X1")
    title = sheet.cell(row, cols["title"])
    assert (title.value, title.data_type) == (formula, "s")
    assert sheet.cell(row, cols["event"]).data_type == "s"
    result = preview(demo, path)
    assert only(result, RowKind.CHANGED) == []
    assert "X1" in only(result, RowKind.UNCHANGED)


# --- round trip -----------------------------------------------------------------------------


def test_a_copy_returned_unchanged_has_nothing_to_apply(demo: Desk, tmp_path: Path) -> None:
    path = export(demo, tmp_path / "register.xlsx")
    before, audited = demo.register.register(), audit_count(demo)
    result = preview(demo, path)
    assert result.count(RowKind.UNCHANGED) == len(before.risks)
    assert result.outcomes
    assert all(o.kind is RowKind.UNCHANGED for o in result.outcomes)
    assert (result.refused, result.new_people, result.skipped) == ([], [], [])
    assert result.all_warnings() == []
    applied = demo.risk_imports.apply(result)
    assert (applied.added, applied.updated, applied.reviews) == (0, 0, 0)
    assert demo.register.register() == before
    assert audit_count(demo) == audited


def test_an_owners_review_comes_back_as_a_review(demo: Desk, tmp_path: Path) -> None:
    r1 = risk(demo, "R1")
    lower = r1.current_likelihood - 1
    path = edit(
        export(demo, tmp_path / "return.xlsx"),
        {
            "R1": {
                "current_likelihood": likelihood_label(lower),
                "review_commentary": "Twelve permanent starters in March; agency use falling.",
                "current_score": 1,  # scores in a returned copy are ignored
            }
        },
    )
    result = preview(demo, path)
    assert only(result, RowKind.CHANGED) == ["R1"]
    (outcome,) = [o for o in result.outcomes if o.kind is RowKind.CHANGED]
    assert [c.field for c in outcome.changes] == ["review"]
    assert result.reviews == 1
    applied = demo.risk_imports.apply(result)
    assert (applied.updated, applied.reviews) == (1, 1)
    after = risk(demo, "R1")
    assert after.current_likelihood == lower
    latest = after.reviews[-1]
    assert (latest.review_date, latest.reviewer) == (TODAY, ACTOR.name)
    assert latest.commentary == "Twelve permanent starters in March; agency use falling."
    assert len(after.reviews) == len(r1.reviews) + 1
    assert after.next_review_date == r1.review_frequency.next_after(TODAY)


def test_a_moved_score_without_commentary_names_the_file(demo: Desk, tmp_path: Path) -> None:
    r2 = risk(demo, "R2")
    path = edit(
        export(demo, tmp_path / "march return.xlsx"),
        {"R2": {"current_impact": impact_label(5 if r2.current_impact < 5 else 4)}},
    )
    demo.risk_imports.apply(preview(demo, path))
    assert risk(demo, "R2").reviews[-1].commentary == "Updated from march return.xlsx"


def test_other_edits_change_the_risk_and_its_plan_links(demo: Desk, tmp_path: Path) -> None:
    path = edit(
        export(demo, tmp_path / "return.xlsx"),
        {
            "R3": {
                "controls": "Weekly case audits by the principal social worker.",
                "status": "Escalated",
                "review_frequency": "Quarterly",
                "mitigating_actions": "1.1, 3.2",
            }
        },
    )
    result = preview(demo, path)
    (outcome,) = [o for o in result.outcomes if o.kind is RowKind.CHANGED]
    assert {c.field for c in outcome.changes} == {
        "controls",
        "status",
        "review_frequency",
        "mitigating_actions",
    }
    assert outcome.review is None, "no review unless the score or the commentary moves"
    applied = demo.risk_imports.apply(result)
    assert applied.links_changed == 1
    after = risk(demo, "R3")
    assert after.controls == "Weekly case audits by the principal social worker."
    assert after.status is RiskStatus.ESCALATED
    assert after.review_frequency is ReviewFrequency.QUARTERLY
    assert [a.reference for a in after.mitigations] == ["1.1", "3.2"]


def test_a_new_row_becomes_a_risk_with_its_first_review(demo: Desk, tmp_path: Path) -> None:
    owner = demo.register.register().people[0]
    path = edit(
        export(demo, tmp_path / "return.xlsx"),
        {},
        new_rows=[
            {
                "reference": "R99",
                "title": "Court delays in care proceedings",
                "event": "Care proceedings run past 26 weeks",
                "owner": owner,
                "date_raised": date(2014, 3, 3),
                "current_likelihood": "4 - Likely",
                "current_impact": "3 - Moderate",
                "review_commentary": "Raised at the March board.",
                "mitigating_actions": "2.3",
            }
        ],
    )
    result = preview(demo, path)
    assert only(result, RowKind.NEW) == ["R99"]
    demo.risk_imports.apply(result)
    made = risk(demo, "R99")
    assert (made.current_likelihood, made.current_impact) == (4, 3)
    assert (made.inherent_likelihood, made.inherent_impact) == (4, 3)
    assert made.category == "Uncategorised"
    assert made.reviews[0].commentary == "Raised at the March board."
    assert made.reviews[0].review_date == date(2014, 3, 3)
    assert [a.reference for a in made.mitigations] == ["2.3"]


def test_an_unknown_owner_is_added_like_the_plans_lead_officers(demo: Desk, tmp_path: Path) -> None:
    path = edit(
        export(demo, tmp_path / "return.xlsx"), {"R1": {"owner": "Priya Natarajan/Head of Service"}}
    )
    result = preview(demo, path)
    assert result.new_people == ["Priya Natarajan"]
    warnings = " ".join(w.reason for w in result.all_warnings())
    assert "'Head of Service'" in warnings
    assert "will be added" in warnings
    demo.risk_imports.apply(result)
    assert risk(demo, "R1").owner == "Priya Natarajan"
    assert "Priya Natarajan" in demo.register.register().people


def test_an_edit_after_the_export_is_a_conflict_not_an_overwrite(
    demo: Desk, tmp_path: Path
) -> None:
    path = export(demo, tmp_path / "return.xlsx")
    r4 = risk(demo, "R4")
    demo.risks.update(
        r4.id, replace_controls(r4, "Changed on the board"), expected_version=r4.version
    )
    edit(path, {"R4": {"controls": "Changed in the copy"}})
    result = preview(demo, path)
    assert only(result, RowKind.CONFLICT) == ["R4"]
    assert "changed on the register since this copy was made" in result.refused[0].reason
    with pytest.raises(ValidationError):
        demo.risk_imports.apply(result)
    assert risk(demo, "R4").controls == "Changed on the board"


def replace_controls(record: RiskRecord, text: str) -> RiskDraft:
    from dataclasses import replace

    return replace(record.draft(), controls=text)


# --- refusals -------------------------------------------------------------------------------


def test_bad_cells_are_refused_by_place_and_nothing_is_written(demo: Desk, tmp_path: Path) -> None:
    path = edit(
        export(demo, tmp_path / "bad return.xlsx"),
        {
            "R1": {"current_impact": 6},
            "R2": {"owner": "Nobody We Know"},
            "R3": {"mitigating_actions": "1.1, 9.9"},
        },
    )
    before, audited = demo.register.register(), audit_count(demo)
    result = preview(demo, path, add_people=False)
    assert only(result, RowKind.REFUSED) == ["R1", "R2", "R3"]
    sheet = openpyxl.load_workbook(path)[SHEET]
    cols = columns(sheet)
    letter = {name: openpyxl.utils.get_column_letter(col) for name, col in cols.items()}
    places = {(p.sheet, p.row, p.column): p.reason for p in result.refused}
    impact = places[(SHEET, row_of(sheet, "R1"), letter["current_impact"])]
    assert "above the 1 to 5 scale" in impact
    owner = places[(SHEET, row_of(sheet, "R2"), letter["owner"])]
    assert "'Nobody We Know' is not on the board's list of people" in owner
    action = places[(SHEET, row_of(sheet, "R3"), letter["mitigating_actions"])]
    assert action == "action 9.9 is not in the improvement plan"
    with pytest.raises(ValidationError) as refused:
        demo.risk_imports.apply(result)
    message = str(refused.value)
    assert "bad return.xlsx" in message
    assert f"{SHEET}!{letter['current_impact']}{row_of(sheet, 'R1')}" in message
    assert "nothing was imported" in message
    assert demo.register.register() == before
    assert audit_count(demo) == audited


def test_refused_rows_can_be_left_out_on_request(demo: Desk, tmp_path: Path) -> None:
    path = edit(
        export(demo, tmp_path / "return.xlsx"),
        {"R1": {"current_impact": "tbc"}, "R2": {"controls": "Reviewed in March."}},
    )
    applied = demo.risk_imports.apply(preview(demo, path), skip_refused=True)
    assert (applied.updated, applied.refused) == (1, 1)
    assert risk(demo, "R2").controls == "Reviewed in March."


def test_a_register_changed_after_the_preview_is_not_half_applied(
    demo: Desk, tmp_path: Path
) -> None:
    path = edit(
        export(demo, tmp_path / "return.xlsx"),
        {"R1": {"controls": "From the copy"}, "R5": {"controls": "From the copy too"}},
    )
    result = preview(demo, path)
    r5 = risk(demo, "R5")
    demo.risks.update(r5.id, replace_controls(r5, "Meanwhile"), expected_version=r5.version)
    with pytest.raises(Conflict) as conflict:
        demo.risk_imports.apply(result)
    assert "return.xlsx" in str(conflict.value)
    assert risk(demo, "R1").controls != "From the copy", "one transaction: R1 rolled back too"


# --- the command line -----------------------------------------------------------------------


def test_cli_exports_and_imports_risks(
    demo: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = demo.location
    count = len(demo.register.register().risks)
    demo.close()
    out = tmp_path / "register.xlsx"
    assert cli.main(["export", "--kind", "risks", "--db", str(db), "-o", str(out)]) == 0
    assert f"Exported {count} risks" in capsys.readouterr().out
    code = cli.main(["import", str(out), "--kind", "risks", "--db", str(db), "--dry-run", "--json"])
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["unchanged"], summary["added"], summary["applied"]) == (count, 0, False)
    assert (
        cli.main(["export", "--kind", "risks", "--per-owner", "--db", str(db), "-o", str(tmp_path)])
        == 2
    )


def test_a_cell_colour_is_a_text_match_or_a_range_never_both() -> None:
    from improvement_desk.interchange.xlsx_export import CellColour

    with pytest.raises(ValueError, match="exactly one"):
        CellColour("band", "#C0392B")
    with pytest.raises(ValueError, match="exactly one"):
        CellColour("band", "#C0392B", equals="High", between=(15, 25))
    assert CellColour("band", "#C0392B", equals="High").between is None


def test_cli_names_an_owner_for_a_sheet_without_owners(
    desk: Desk, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Risk name", "Description", "Likelihood", "Impact"])
    sheet.append(["Court delays", "Care proceedings run past 26 weeks", "4 - Likely", "High"])
    path = tmp_path / "no owners.xlsx"
    book.save(path)
    db = desk.location
    desk.close()
    args = ["import", str(path), "--kind", "risks", "--db", str(db), "--json"]
    assert cli.main(args) == 1
    refused = json.loads(capsys.readouterr().out)
    assert refused["applied"] is False
    assert refused["refused"][0]["reason"] == "a new risk needs an owner"
    assert cli.main([*args, "--owner", "Head of Service"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["added"], summary["applied"], summary["new_people"]) == (
        1,
        True,
        ["Head of Service"],
    )
