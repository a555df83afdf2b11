"""The list of meetings and an item's papers as Qt table models over frozen records.

The models hold records, never sessions: the page reloads them from the
meeting reader after each change. The meeting list sorts through a proxy on
`SORT_ROLE` (a handful of rows; dates sort as dates, statuses by their step),
and the page shows it newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush

from improvement_desk.services.meeting_records import MeetingSummary, PaperRecord
from improvement_desk.ui.meetings.columns import (
    ID_ROLE,
    MEETING_HEADERS,
    MEETING_TIPS,
    PAPER_HEADERS,
    RECORD_ROLE,
    SORT_ROLE,
    MeetingCol,
    PaperCol,
    fmt_date,
    fmt_size,
    fmt_time,
    locked_reason,
)
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import muted_text

_NUMBERS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class MeetingTableModel(RecordTableModel):
    columns = MeetingCol
    headers = MEETING_HEADERS
    header_tips = MEETING_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingSummary] = []
        self._row_of: dict[int, int] = {}

    def set_meetings(self, meetings: Sequence[MeetingSummary]) -> None:
        self.beginResetModel()
        self._rows = list(meetings)
        self._row_of = {m.id: i for i, m in enumerate(self._rows)}
        self.endResetModel()

    def record(self, row: int) -> MeetingSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[MeetingSummary]:
        return list(self._rows)

    def row_of(self, meeting_id: int) -> int | None:
        return self._row_of.get(meeting_id)

    def by_id(self, meeting_id: int | None) -> MeetingSummary | None:
        row = self._row_of.get(meeting_id) if meeting_id is not None else None
        return self._rows[row] if row is not None else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        m = self._rows[index.row()]
        col = MeetingCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(m, col)
        if role == SORT_ROLE:
            return self._sort_key(m, col)
        if role == ID_ROLE:
            return m.id
        if role == RECORD_ROLE:
            return m
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(m, col))
        if role == Qt.ItemDataRole.ForegroundRole and m.locked and col is MeetingCol.STATUS:
            return QBrush(muted_text())
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            MeetingCol.ITEMS,
            MeetingCol.OPEN_ACTIONS,
        ):
            return int(_NUMBERS)
        return None

    @staticmethod
    def _display(m: MeetingSummary, col: MeetingCol) -> str:
        if col is MeetingCol.DATE:
            return fmt_date(m.meeting_date)
        if col is MeetingCol.TITLE:
            return m.title
        if col is MeetingCol.STATUS:
            return m.status.label
        if col is MeetingCol.ITEMS:
            return str(m.item_count)
        return f"{m.open_actions} open" if m.open_actions else ""

    @staticmethod
    def _sort_key(m: MeetingSummary, col: MeetingCol) -> Any:
        # Every key carries the date and id after it, so equal keys still sort newest first.
        tail = f"{m.meeting_date.toordinal():08d}{m.id:09d}"
        if col is MeetingCol.DATE:
            return tail
        if col is MeetingCol.TITLE:
            return m.title.casefold() + "\0" + tail
        if col is MeetingCol.STATUS:
            return f"{m.status.step}{tail}"
        if col is MeetingCol.ITEMS:
            return f"{m.item_count:06d}{tail}"
        return f"{m.open_actions:06d}{tail}"

    @staticmethod
    def _tooltip(m: MeetingSummary, col: MeetingCol) -> str | None:
        if col is MeetingCol.STATUS and m.locked:
            return locked_reason(m)
        if col is MeetingCol.TITLE:
            where = ", ".join(p for p in (fmt_time(m.start_time), m.venue) if p)
            return f"{m.label}" + (f"\n{where}" if where else "")
        return None


class MeetingSortProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)


class PaperTableModel(RecordTableModel):
    """The papers of the selected agenda item, in their order in the pack."""

    columns = PaperCol
    headers = PAPER_HEADERS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[PaperRecord] = []

    def set_papers(self, papers: Sequence[PaperRecord]) -> None:
        self.beginResetModel()
        self._rows = list(papers)
        self.endResetModel()

    def record(self, row: int) -> PaperRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, paper_id: int) -> int | None:
        return next((i for i, p in enumerate(self._rows) if p.id == paper_id), None)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        col = PaperCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(p, col)
        if role == ID_ROLE:
            return p.id
        if role == RECORD_ROLE:
            return p
        if role == Qt.ItemDataRole.ToolTipRole and col in (PaperCol.TITLE, PaperCol.FILE):
            return plain_tooltip(f"{p.title}\n{p.file_name}, added {fmt_date(p.added_at.date())}")
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (PaperCol.PAGES, PaperCol.SIZE):
            return int(_NUMBERS)
        return None

    @staticmethod
    def _display(p: PaperRecord, col: PaperCol) -> str:
        if col is PaperCol.TITLE:
            return p.title
        if col is PaperCol.FILE:
            return p.file_name
        if col is PaperCol.PAGES:
            return str(p.page_count)
        if col is PaperCol.SIZE:
            return fmt_size(p.size)
        return p.marking.label
