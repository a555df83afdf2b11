"""The audit trail in Excel: the viewer's rows, real times, inert text, and an atomic save."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from audit_viewer_fixtures import HOSTILE, JO, JO_AT, SAM, audited, audited_board
from conftest import ACTOR
from openpyxl import load_workbook

from improvement_desk.domain.errors import ValidationError
from improvement_desk.interchange.problems import ExportRefused
from improvement_desk.interchange.xlsx_export import HEADER_ROW
from improvement_desk.services import audit_export
from improvement_desk.services.audit_export import AUDIT_COLUMNS, AuditExportService, audit_row
from improvement_desk.services.audit_reader import AuditCriteria, AuditReader
from improvement_desk.services.desk import Desk

__all__ = ["audited", "audited_board"]  # fixtures, used by name

BOARD = "Children & Families Board"
HEADERS = [
    "When",
    "Who",
    "OS login",
    "Record kind",
    "Record",
    "Record id",
    "Change",
    "Field",
    "Before",
    "After",
]
BST = timezone(timedelta(hours=1), "BST")


def export(desk: Desk, path: Path, criteria: AuditCriteria, **options: Any) -> Any:
    service = AuditExportService(desk.ctx, zone=options.pop("zone", UTC))
    return service.export(path, criteria, board_name=BOARD, **options)


def table(path: Path) -> list[tuple[Any, ...]]:
    sheet = load_workbook(path)["Audit trail"]
    return [tuple(row) for row in sheet.iter_rows(min_row=HEADER_ROW, values_only=True)]


def same_moment(a: object, b: object) -> bool:
    """Excel keeps milliseconds: a stored time is the exported one to the millisecond."""
    return (
        isinstance(a, datetime) and isinstance(b, datetime) and abs(a - b) < timedelta(0, 0, 1000)
    )


def test_the_workbook_holds_the_search_row_for_row(audited: Desk, tmp_path: Path) -> None:
    criteria = AuditCriteria(entity="action", date_to=date(2030, 1, 1))
    path = tmp_path / "audit.xlsx"
    report = export(audited, path, criteria)
    found = AuditReader(audited.ctx, zone=UTC).search(criteria).rows
    header, *rows = table(path)
    assert list(header) == HEADERS
    assert report.rows == len(rows) == len(found) > 50
    for row, record in zip(rows, found, strict=True):
        expected = audit_row(record, UTC)
        values = dict(zip([c.field for c in AUDIT_COLUMNS], row, strict=True))
        assert same_moment(values.pop("at"), expected.pop("at"))
        expected["before"] = expected["before"] or None  # an empty cell reads back as None
        expected["after"] = expected["after"] or None
        assert values == expected
    assert {r[3] for r in rows} == {"Plan action"}


def test_times_are_real_local_datetimes(audited: Desk, tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    export(audited, path, AuditCriteria(person=JO.os_login), zone=BST)
    sheet = load_workbook(path)["Audit trail"]
    when = sheet.cell(row=HEADER_ROW + 1, column=1)
    assert when.is_date
    assert when.value == JO_AT.astimezone(BST).replace(tzinfo=None)  # 11:00 in BST
    assert when.value.hour == 11
    assert "hh:mm" in when.number_format
    assert sheet.cell(row=HEADER_ROW + 1, column=2).value == JO.name
    assert sheet.cell(row=HEADER_ROW + 1, column=7).value == "updated"
    assert sheet.cell(row=HEADER_ROW + 1, column=8).value == "Description"


def test_a_hostile_value_is_text_not_a_formula(audited: Desk, tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    export(audited, path, AuditCriteria(person=SAM.name))
    sheet = load_workbook(path)["Audit trail"]
    after = sheet.cell(row=HEADER_ROW + 1, column=10)
    assert after.value == HOSTILE
    assert after.data_type == "s"
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml
    assert "HYPERLINK" in xml  # there, as an inline string


def test_the_export_takes_every_match_not_the_viewers_cap(audited: Desk, tmp_path: Path) -> None:
    capped = AuditCriteria(entity="action", limit=10)
    assert AuditReader(audited.ctx).search(capped).more
    report = export(audited, tmp_path / "audit.xlsx", capped)
    assert report.rows == AuditReader(audited.ctx).search(replace(capped, limit=5000)).matched


def test_layout_marking_and_notes(audited: Desk, tmp_path: Path) -> None:
    path = tmp_path / "audit.xlsx"
    criteria = AuditCriteria(entity="risk", record="R2", date_from=date(2014, 1, 1))
    export(audited, path, criteria, marking="OFFICIAL-SENSITIVE")
    book = load_workbook(path)
    sheet = book["Audit trail"]
    assert sheet["A1"].value == BOARD
    assert "Audit trail" in sheet["A2"].value
    assert "OFFICIAL-SENSITIVE" in sheet["A2"].value
    assert sheet.freeze_panes == f"B{HEADER_ROW + 1}"
    assert sheet.auto_filter.ref.startswith(f"A{HEADER_ROW}:J")
    assert sheet.oddHeader.center.text == "OFFICIAL-SENSITIVE"
    assert sheet.oddFooter.center.text == "OFFICIAL-SENSITIVE"
    assert sheet.oddHeader.left.text == "Children && Families Board"  # '&' starts a code there
    widths = {c: sheet.column_dimensions[c].width for c in "ABEIJ"}
    assert widths["A"] >= 19  # "03 Dec 2026 15:51:04" without ####
    assert widths["I"] == widths["J"] >= 40
    notes = {r[0]: r[1] for r in book["Notes"].iter_rows(values_only=True) if r[0]}
    assert notes["Filter"] == 'Record kind Risk; record contains "R2"; from 01 Jan 2014'
    assert "every change the filter matched" in notes["Rows"]
    assert "UTC" in notes["Times"]
    assert book.properties.creator == ACTOR.name


def test_a_failed_write_keeps_the_previous_file(
    audited: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    path = folder / "audit.xlsx"
    path.write_bytes(b"the previous export")

    def disk_full(self: object, handle: Any) -> None:
        handle.write(b"half a workbook")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("openpyxl.workbook.workbook.Workbook.save", disk_full)
    with pytest.raises(ExportRefused, match="disk is full; the previous file is unchanged"):
        export(audited, path, AuditCriteria(entity="action"))
    assert path.read_bytes() == b"the previous export"
    assert [p.name for p in folder.iterdir()] == ["audit.xlsx"]  # no temp file left


def test_cancel_and_refusals_write_nothing(
    audited: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "audit.xlsx"
    path.write_bytes(b"the previous export")
    with pytest.raises(ExportRefused, match="cancelled"):
        export(audited, path, AuditCriteria(entity="action"), cancelled=lambda: True)
    with pytest.raises(ValidationError) as bad:
        export(audited, path, AuditCriteria(date_from=date(2014, 4, 2), date_to=date(2014, 4, 1)))
    assert bad.value.fields() == {"To"}
    monkeypatch.setattr(audit_export, "MAX_LIMIT", 5)
    with pytest.raises(ExportRefused, match="more than one Excel sheet holds"):
        export(audited, path, AuditCriteria(entity="action"))
    assert path.read_bytes() == b"the previous export"


def test_progress_is_reported(audited: Desk, tmp_path: Path) -> None:
    seen: list[int] = []
    report = export(
        audited, tmp_path / "a.xlsx", AuditCriteria(entity="risk"), progress=seen.append
    )
    assert seen
    assert seen[-1] == report.rows
    assert seen == sorted(seen)


def test_an_empty_match_still_makes_a_workbook(audited: Desk, tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    report = export(audited, path, AuditCriteria(record="no such record"))
    assert report.rows == 0
    assert table(path)[0] == tuple(HEADERS)
