"""Exporting the audit trail, as filtered in the viewer, to Excel.

An auditor, an inspector or the board's chair asks "who changed what, and when",
and wants a file they can sort and keep. The workbook goes through the same
writer as every other export (interchange/xlsx_export.py): text is never a
formula (an audit row holds whatever a user typed, `=HYPERLINK(…)` included),
the file is the old one or the complete new one, and the protective marking is
on every printed page. The time is a real Excel date and time in the user's
local zone, because a filter by date and a sort by time must work in Excel too;
the Notes sheet says which zone and which filter made the file.

The export takes every matching row, not only the newest few thousand the
viewer shows: a file that silently lacked the older changes would mislead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from improvement_desk.interchange.columns import ColumnSpec
from improvement_desk.interchange.problems import ExportRefused
from improvement_desk.interchange.safe_cells import TextCleaner
from improvement_desk.interchange.xlsx_export import (
    HEADER_ROW,
    ExportMeta,
    ExportReport,
    clean_meta,
    ordered_columns,
    save_export,
    stop_if,
    write_notes_sheet,
    write_table_sheet,
)
from improvement_desk.services.audit_reader import (
    MAX_LIMIT,
    AuditCriteria,
    AuditPage,
    AuditReader,
    AuditRecord,
    change_word,
    entity_label,
    field_label,
)
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.plan_export import DEFAULT_MARKING

Progress = Callable[[int], None]
Cancelled = Callable[[], bool]

SHEET_NAME = "Audit trail"
TITLE = "Audit trail"
WHEN_FORMAT = "dd mmm yyyy hh:mm:ss"

AUDIT_COLUMNS: tuple[ColumnSpec, ...] = (
    ColumnSpec("at", "When", kind="date", width=20, note="Local time of the change."),
    ColumnSpec("actor", "Who", width=22, note="The name the person gave the app."),
    ColumnSpec("os_login", "OS login", width=14, note="The computer login that made it."),
    ColumnSpec("kind", "Record kind", width=20),
    ColumnSpec("record", "Record", width=30, note="The record's reference or name then."),
    ColumnSpec("record_id", "Record id", width=10, note="The record's number in the board."),
    ColumnSpec("change", "Change", width=10, note="created, updated, deleted or restored."),
    ColumnSpec("field", "Field", width=22),
    ColumnSpec("before", "Before", width=45, note="The value before; blank for none."),
    ColumnSpec("after", "After", width=45, note="The value after; blank for none."),
)


def local_time(moment: datetime, zone: tzinfo | None) -> datetime:
    """A naive local time for Excel, which has no time zones."""
    return moment.astimezone(zone).replace(tzinfo=None)


def audit_row(record: AuditRecord, zone: tzinfo | None = None) -> dict[str, object]:
    """One audit row as the values its columns show (keyed by ColumnSpec.field)."""
    return {
        "at": local_time(record.at, zone),
        "actor": record.actor,
        "os_login": record.os_login,
        "kind": entity_label(record.entity),
        "record": record.entity_label,
        "record_id": record.entity_id,
        "change": change_word(record.operation),
        "field": field_label(record.field),
        "before": record.old_value or "",
        "after": record.new_value or "",
    }


def describe(criteria: AuditCriteria) -> str:
    """The filter in words, for the Notes sheet: 'Record kind Risk; record contains "R2"'."""
    parts = []
    if criteria.entity:
        parts.append(f"record kind {entity_label(criteria.entity)}")
    if criteria.record.strip():
        parts.append(f'record contains "{criteria.record.strip()}"')
    if criteria.field:
        parts.append(f"field {field_label(criteria.field)}")
    if criteria.person:
        parts.append(f"person {criteria.person}")
    if criteria.date_from:
        parts.append(f"from {criteria.date_from:%d %b %Y}")
    if criteria.date_to:
        parts.append(f"to {criteria.date_to:%d %b %Y} inclusive")
    text = "; ".join(parts) or "none: every change on the board"
    return text[0].upper() + text[1:]


def _zone_name(zone: tzinfo | None) -> str:
    now = datetime.now().astimezone(zone)
    offset = now.strftime("%z")
    return f"{now.tzname() or 'local time'} (UTC{offset[:3]}:{offset[3:]} at the time of export)"


class AuditExportService:
    def __init__(self, ctx: ServiceContext, *, zone: tzinfo | None = None) -> None:
        self._ctx = ctx
        self._zone = zone

    def search(self, criteria: AuditCriteria) -> AuditPage:
        """Every row the export of `criteria` holds (the viewer's cap does not apply)."""
        return AuditReader(self._ctx, zone=self._zone).search(replace(criteria, limit=MAX_LIMIT))

    def export(
        self,
        path: Path,
        criteria: AuditCriteria,
        *,
        board_name: str,
        marking: str = DEFAULT_MARKING,
        progress: Progress | None = None,
        cancelled: Cancelled | None = None,
    ) -> ExportReport:
        """Writes the matching changes, newest first, to `path` atomically.

        Raises `ValidationError` for criteria the viewer would refuse and `ExportRefused`
        for more rows than a sheet holds, text Excel cannot hold, or a cancel."""
        page = self.search(criteria)
        if page.more:
            raise ExportRefused(
                f"{page.matched:,} changes match: more than one Excel sheet holds. "
                "Narrow the filter (a shorter date range, say) and export again."
            )
        stop_if(cancelled)
        cleaner = TextCleaner()
        meta = clean_meta(
            ExportMeta(
                board_name=board_name,
                title=TITLE,
                marking=marking,
                generated_at=self._ctx.now(),
                author=self._ctx.actor.name,
            ),
            cleaner,
        )
        workbook = Workbook()
        sheet = workbook.active
        sheet.title = SHEET_NAME
        count = write_table_sheet(
            sheet,
            meta,
            AUDIT_COLUMNS,
            self._rows(page),
            cleaner,
            progress=progress,
            cancelled=cancelled,
        )
        _times_to_datetimes(sheet, page, self._zone)
        write_notes_sheet(
            workbook,
            meta,
            ordered_columns(AUDIT_COLUMNS),
            cleaner,
            extra=self._notes(criteria, count),
        )
        save_export(workbook, path, meta, cancelled)
        return ExportReport(count, cleaner.count, list(cleaner.places), path)

    def _rows(self, page: AuditPage) -> Iterator[dict[str, object]]:
        return (audit_row(record, self._zone) for record in page.rows)

    def _notes(self, criteria: AuditCriteria, count: int) -> list[tuple[str, str]]:
        return [
            ("Filter", describe(criteria)),
            ("Rows", f"{count:,} changes, newest first: every change the filter matched."),
            ("Times", f"Local time, {_zone_name(self._zone)}. The board stores them in UTC."),
            (
                "Where it comes from",
                "The board's audit trail, which the database keeps append-only: "
                "one row per field of each change.",
            ),
        ]


def _times_to_datetimes(sheet: Any, page: AuditPage, zone: tzinfo | None) -> None:
    """The shared writer keeps only the day of a date column; an audit needs the time too."""
    column = ordered_columns(AUDIT_COLUMNS).index(AUDIT_COLUMNS[0]) + 1
    for offset, record in enumerate(page.rows, start=1):
        cell = sheet.cell(row=HEADER_ROW + offset, column=column)
        cell.value = local_time(record.at, zone)
        cell.number_format = WHEN_FORMAT
