"""Export → edit in Excel → import: exactly the edits come back, conflicts are caught, nothing half-done."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from conftest import ACTOR, TODAY
from sqlalchemy import func, select

from improvement_desk import cli
from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.interchange.columns import PLAN_COLUMNS
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.demo import load_demo
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.plan_export import PlanExportService
from improvement_desk.services.plan_import import PlanImportService

HEADER_ROW = 4


@pytest.fixture
def demo(desk: Desk) -> Desk:
    load_demo(desk.ctx)
    return desk


def export(desk: Desk, path: Path) -> Path:
    PlanExportService(desk.ctx).export(path, board_name=desk.info().name)
    return path


def columns(sheet: openpyxl.worksheet.worksheet.Worksheet) -> dict[str, int]:
    """Field → column index, read from the exported header row."""
    by_header = {spec.header: spec.field for spec in PLAN_COLUMNS}
    return {
        by_header[str(cell.value)]: cell.column
        for cell in sheet[HEADER_ROW]
        if cell.value in by_header
    }


def row_of(sheet: openpyxl.worksheet.worksheet.Worksheet, reference: str) -> int:
    col = columns(sheet)["reference"]
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row, col).value == reference:
            return row
    raise AssertionError(f"{reference} not exported")


def audit_count(desk: Desk) -> int:
    with desk.opened.database.reading() as session:
        return session.scalar(select(func.count(AuditEntry.id))) or 0


def test_round_trip_brings_back_exactly_the_edits(demo: Desk, tmp_path: Path) -> None:
    path = export(demo, tmp_path / "plan.xlsx")
    untouched = PlanImportService(demo.ctx).preview(path)
    assert {o.kind for o in untouched.outcomes} == {RowKind.UNCHANGED}
    assert len(untouched.outcomes) == len(demo.plan.snapshot().actions)

    green = next(
        a for a in demo.plan.snapshot().actions if a.status is Brag.GREEN and not a.overdue
    )
    amber = next(a for a in demo.plan.snapshot().actions if a.status is Brag.AMBER)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    col = columns(sheet)
    sheet.cell(row_of(sheet, green.reference), col["status"]).value = "Red"
    sheet.cell(
        row_of(sheet, amber.reference), col["progress_update"]
    ).value = "Recruited two team managers."
    sheet.cell(row_of(sheet, amber.reference), col["target_date"]).value = datetime(2014, 12, 31)  # noqa: DTZ001 (Excel dates are naive)
    book.save(path)

    preview = PlanImportService(demo.ctx).preview(path)
    changed = {o.reference: o for o in preview.outcomes if o.kind is RowKind.CHANGED}
    assert set(changed) == {green.reference, amber.reference}
    assert [(c.field, c.old, c.new) for c in changed[green.reference].changes] == [
        ("status", "Green", "Red")
    ]
    amber_changes = {c.label: (c.old, c.new) for c in changed[amber.reference].changes}
    assert amber_changes["New progress update"] == ("", "Recruited two team managers.")
    assert amber_changes["Target date (re-baselined)"][1] == "31 Dec 2014"
    assert preview.count(RowKind.UNCHANGED) == len(preview.outcomes) - 2

    result = PlanImportService(demo.ctx).apply(preview)
    assert (result.updated, result.added, result.progress_updates, result.rebaselined) == (
        2,
        0,
        1,
        1,
    )
    assert demo.plan.action(green.id).status is Brag.RED
    after = demo.plan.action(amber.id)
    assert after.target_date == date(2014, 12, 31)
    assert after.original_target_date == amber.original_target_date
    history = demo.plan.history(amber.id)
    assert history.updates[-1].text == "Recruited two team managers."
    assert history.revisions[-1].new_date == date(2014, 12, 31)
    assert "imported workbook" in history.revisions[-1].reason
    newest = demo.audit.for_record("action", green.id)[0]
    assert (newest.field, newest.old_value, newest.new_value) == ("status", "green", "red")


def test_a_record_changed_since_the_export_is_a_conflict(demo: Desk, tmp_path: Path) -> None:
    path = export(demo, tmp_path / "plan.xlsx")
    action = next(a for a in demo.plan.snapshot().actions if a.status is Brag.GREEN)
    demo.actions.update(
        action.id, action.draft().with_status(Brag.AMBER), expected_version=action.version
    )
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet.cell(row_of(sheet, action.reference), columns(sheet)["status"]).value = "Red"
    book.save(path)
    preview = PlanImportService(demo.ctx).preview(path)
    conflict = next(o for o in preview.outcomes if o.reference == action.reference)
    assert conflict.kind is RowKind.CONFLICT
    assert "changed on the board since this copy was made" in conflict.reasons[0].reason
    with pytest.raises(ValidationError, match="refused"):
        PlanImportService(demo.ctx).apply(preview)
    PlanImportService(demo.ctx).apply(preview, skip_refused=True)
    assert demo.plan.action(action.id).status is Brag.AMBER, "the colleague's change stands"


def test_apply_is_all_or_nothing(demo: Desk, tmp_path: Path) -> None:
    path = export(demo, tmp_path / "plan.xlsx")
    actions = [a for a in demo.plan.snapshot().actions if a.status is Brag.GREEN][:2]
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    for action in actions:
        sheet.cell(row_of(sheet, action.reference), columns(sheet)["status"]).value = "Amber"
    book.save(path)
    preview = PlanImportService(demo.ctx).preview(path)
    # Someone changes the second action between the preview and the apply.
    late = demo.plan.action(actions[1].id)
    demo.actions.update(late.id, late.draft().with_status(Brag.RED), expected_version=late.version)
    before = demo.plan.snapshot()
    audits = audit_count(demo)
    with pytest.raises(Conflict, match="after the preview"):
        PlanImportService(demo.ctx).apply(preview)
    assert demo.plan.snapshot() == before
    assert audit_count(demo) == audits


def test_refused_rows_name_the_cell(demo: Desk, tmp_path: Path) -> None:
    path = export(demo, tmp_path / "plan.xlsx")
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    col = columns(sheet)
    green = next(a for a in demo.plan.snapshot().actions if a.status is Brag.GREEN)
    sheet.cell(row_of(sheet, green.reference), col["status"]).value = "Purple"
    new_row = sheet.max_row + 1
    sheet.cell(new_row, col["reference"]).value = "9.9"
    sheet.cell(new_row, col["description"]).value = "A new action typed by an officer"
    sheet.cell(new_row, col["lead_officer"]).value = "New Person"
    sheet.cell(new_row, col["target_date"]).value = "Ongoing"
    book.save(path)
    preview = PlanImportService(demo.ctx).preview(path)
    refused = {(p.row, p.column): p.reason for p in preview.refused}
    status_letter = openpyxl.utils.get_column_letter(col["status"])
    target_letter = openpyxl.utils.get_column_letter(col["target_date"])
    assert "Purple" in refused[(row_of(sheet, green.reference), status_letter)]
    assert "target date" in refused[(new_row, target_letter)]
    before = demo.plan.snapshot()
    with pytest.raises(ValidationError):
        PlanImportService(demo.ctx).apply(preview)
    assert demo.plan.snapshot() == before


def test_new_rows_bring_their_people_and_recommendations(desk: Desk, tmp_path: Path) -> None:
    path = tmp_path / "mine.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B2"] = "Children's Improvement Plan (officers' copy)"
    sheet.append([])
    sheet.append([None, "Rec", "Ref", "Action", "Owner", "Due", "RAG"])
    sheet.append(
        [None, "R1", "1.1", "Recruit a principal social worker", "Ann Lee", "31/05/2014", "G"]
    )
    sheet.append(
        [None, "R1", "1.2", "Audit 50 case files", "Ann Lee / Bo Chan", "May 2014", "Amber"]
    )
    book.save(path)
    service = PlanImportService(desk.ctx)
    preview = service.preview(path)
    assert preview.header_row == 4
    assert [o.kind for o in preview.outcomes] == [RowKind.NEW, RowKind.NEW]
    assert preview.new_people == ["Ann Lee"]
    assert list(preview.new_recommendations) == ["R1"]
    warnings = " ".join(p.reason for p in preview.all_warnings())
    assert "several owners" in warnings
    assert "31 May 2014" in warnings  # the imprecise "May 2014"
    result = service.apply(preview)
    assert (result.added, result.people_added, result.recommendations_added) == (2, 1, 1)
    snapshot = desk.plan.snapshot()
    assert {a.reference: a.status for a in snapshot.actions} == {
        "1.1": Brag.GREEN,
        "1.2": Brag.AMBER,
    }
    assert {a.target_date for a in snapshot.actions} == {date(2014, 5, 31)}


def test_owner_returns_hold_only_their_open_actions_and_merge_back(
    demo: Desk, tmp_path: Path
) -> None:
    service = PlanExportService(demo.ctx)
    made = service.export_for_owners(tmp_path / "out", board_name="Board")
    snapshot = demo.plan.snapshot()
    open_by_owner: dict[str, int] = {}
    for a in snapshot.actions:
        if a.status is not Brag.BLUE:
            open_by_owner[a.lead_officer] = open_by_owner.get(a.lead_officer, 0) + 1
    assert {m.lead_officer: m.actions for m in made} == open_by_owner
    book_info = made[0]
    book = openpyxl.load_workbook(book_info.path)
    sheet = book.worksheets[0]
    assert sheet.protection.sheet
    col = columns(sheet)
    first = HEADER_ROW + 1
    reference = sheet.cell(first, col["reference"]).value
    assert not sheet.cell(first, col["progress_update"]).protection.locked
    assert sheet.cell(first, col["description"]).protection.locked
    sheet.cell(first, col["progress_update"]).value = "Done what was asked; evidence attached."
    book.save(book_info.path)
    preview = PlanImportService(demo.ctx).preview(book_info.path)
    changed = [o for o in preview.outcomes if o.kind is RowKind.CHANGED]
    assert [o.reference for o in changed] == [reference]
    PlanImportService(demo.ctx).apply(preview)
    action = next(a for a in demo.plan.snapshot().actions if a.reference == reference)
    assert (
        demo.plan.history(action.id).updates[-1].text == "Done what was asked; evidence attached."
    )
    assert demo.plan.history(action.id).updates[-1].author == ACTOR.name


def test_cli_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "demo.db"
    assert cli.main(["demo", "--db", str(db)]) == 0
    out = tmp_path / "plan.xlsx"
    assert cli.main(["export", "--kind", "plan", "--db", str(db), "-o", str(out)]) == 0
    assert out.exists()
    capsys.readouterr()
    fresh = tmp_path / "fresh.db"
    code = cli.main(["import", str(out), "--kind", "plan", "--db", str(fresh), "--json"])
    summary = json.loads(capsys.readouterr().out)
    assert code == 0
    assert summary["applied"] is True
    assert summary["refused"] == []
    desk = open_desk(fresh, Actor("x", "x"), today=lambda: TODAY)
    try:
        assert len(desk.plan.snapshot().actions) == summary["added"] > 30
    finally:
        desk.close()
    again = cli.main(["import", str(out), "--db", str(fresh), "--dry-run", "--json"])
    assert again == 0
    assert json.loads(capsys.readouterr().out)["unchanged"] == summary["added"]


def test_cli_refuses_a_file_that_is_not_a_workbook(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "demo.db"
    cli.main(["demo", "--db", str(db)])
    bogus = tmp_path / "plan.xlsx"
    bogus.write_text("Ref,Action,Owner\n1.1,Do it,Jo\n")
    capsys.readouterr()
    assert cli.main(["import", str(bogus), "--db", str(db)]) == 2
    assert "CSV" in capsys.readouterr().err


def test_a_reference_taken_after_the_preview_stops_the_whole_import(
    desk: Desk, tmp_path: Path
) -> None:
    path = tmp_path / "mine.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Rec", "Ref", "Action", "Owner", "Due"])
    sheet.append(["R1", "1.1", "Recruit", "Ann Lee", "31/05/2014"])
    sheet.append(["R1", "1.2", "Audit", "Ann Lee", "30/06/2014"])
    book.save(path)
    preview = desk.imports.preview(path)
    assert preview.count(RowKind.NEW) == 2
    desk.people.add("Someone Else")
    rec = desk.recommendations.create(
        RecommendationDraft(RecommendationSource.BOARD, "R9", "Meanwhile", "Workforce")
    )
    desk.actions.create(
        rec.id, ActionDraft("1.2", "Typed in meanwhile", "Someone Else", None, date(2014, 9, 1))
    )
    before = desk.plan.snapshot()
    with pytest.raises(Conflict, match=r"1\.2 was added to the board after the preview"):
        desk.imports.apply(preview)
    assert desk.plan.snapshot() == before
    assert "Ann Lee" not in desk.plan.snapshot().people


def test_text_in_a_date_cell_is_kept_as_a_note_not_invented(demo: Desk, tmp_path: Path) -> None:
    path = export(demo, tmp_path / "plan.xlsx")
    action = next(a for a in demo.plan.snapshot().actions if a.status is Brag.GREEN)
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    sheet.cell(row_of(sheet, action.reference), columns(sheet)["target_date"]).value = "tbc"
    book.save(path)
    preview = demo.imports.preview(path)
    outcome = next(o for o in preview.outcomes if o.reference == action.reference)
    assert outcome.kind is RowKind.CHANGED
    assert outcome.new_update == "Target date given as 'tbc' (in plan.xlsx)."
    assert [c.field for c in outcome.changes] == ["progress_update"]
    demo.imports.apply(preview)
    assert demo.plan.action(action.id).target_date == action.target_date
    assert demo.plan.history(action.id).updates[-1].text == outcome.new_update
