"""The action log as a Qt table model over immutable `LogActionSummary` rows.

Overdue is decided by the reader against the board's today; the model only
shows it, and never by colour alone: the status cell says "Overdue" in words,
carries a warning icon and is read out as overdue, and the red text is extra.
Sorting is one Python sort here, as in the register, not Qt comparing rows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap, QPolygonF

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.ui.action_log.columns import (
    ACTION_ID_ROLE,
    HEADER_TIPS,
    HEADERS,
    OVERDUE_ROLE,
    RECORD_ROLE,
    SORT_ROLE,
    LogCol,
)
from improvement_desk.ui.plan.action_table_model import fmt_date, reference_key
from improvement_desk.ui.table_base import RecordTableModel
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import muted_text, warning_text

Index = QModelIndex | QPersistentModelIndex
WARNING = QColor("#A61B1B")  # 7.4:1 on white
_STATUS_RANK = {
    LogStatus.OPEN: 1,
    LogStatus.IN_PROGRESS: 2,
    LogStatus.COMPLETE: 3,
    LogStatus.CLOSED: 4,
}


@cache
def overdue_icon(size: int = 16) -> QIcon:
    """A red warning triangle with '!': a shape, so it reads in grey-scale too."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(WARNING.darker(130))
    painter.setBrush(WARNING)
    edge = size - 1.0
    painter.drawPolygon(
        QPolygonF([QPointF(edge / 2, 0.5), QPointF(edge, edge), QPointF(0.5, edge)])
    )
    painter.setPen(QColor("#FFFFFF"))
    font = painter.font()
    font.setBold(True)
    font.setPixelSize(int(size * 0.62))
    painter.setFont(font)
    painter.drawText(pixmap.rect().adjusted(0, 3, 0, 0), Qt.AlignmentFlag.AlignCenter, "!")
    painter.end()
    return QIcon(pixmap)


def times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def status_text(a: LogActionSummary) -> str:
    """'Overdue · In progress': the word carries the meaning, whatever the colour."""
    return f"Overdue · {a.status.label}" if a.overdue else a.status.label


def due_text(a: LogActionSummary) -> str:
    """'30 Jun 2014 · revised ×2'."""
    marker = f" · revised ×{a.revision_count}" if a.revision_count else ""
    return f"{fmt_date(a.current_due)}{marker}"


def item_text(a: LogActionSummary) -> str:
    if a.item_id is None:
        return "—"
    return f"{a.item_number}. {a.item_title}" if a.item_number else a.item_title


def first_line(text: str, limit: int = 160) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


class LogTableModel(RecordTableModel):
    columns = LogCol
    headers = HEADERS
    header_tips = HEADER_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[LogActionSummary] = []
        self._meetings: Mapping[int, str] = {}
        self._haystacks: list[str] = []
        self._row_of: dict[int, int] = {}
        self.row_ids: list[int] = []  # read per row by the filter proxy; replaced, never mutated
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- loading -----------------------------------------------------------------------------

    def set_actions(
        self, actions: Sequence[LogActionSummary], meetings: Mapping[int, str] | None = None
    ) -> None:
        """`meetings` names each meeting ("Improvement Board, 12 Mar 2014") for tooltips and
        the search; without it a meeting is known by its date."""
        self.beginResetModel()
        self._rows = list(actions)
        self._meetings = dict(meetings or {})
        self._haystacks = [
            " ".join((a.reference, a.description, a.owner_name, a.item_title, a.latest_update,
                      self.meeting_label(a))).casefold()
            for a in self._rows
        ]  # fmt: skip
        self._reindex()
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def meeting_label(self, a: LogActionSummary) -> str:
        return self._meetings.get(a.meeting_id) or fmt_date(a.meeting_date)

    def _reindex(self) -> None:
        self._row_of = {a.id: i for i, a in enumerate(self._rows)}
        self.row_ids = [a.id for a in self._rows]

    # -- sorting -------------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(LogCol):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self.row_ids[i.row()] for i in persistent]
        self._apply_sort(column, order)
        self.changePersistentIndexList(
            persistent,
            [self.index(self._row_of[i], p.column()) for i, p in zip(ids, persistent, strict=True)],
        )
        self.layoutChanged.emit()

    def _apply_sort(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = (column, order)
        col = LogCol(column)
        keys = [self._sort_key(a, col) for a in self._rows]
        ordering = sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for i in ordering]
        self._haystacks = [self._haystacks[i] for i in ordering]
        self._reindex()

    def record(self, row: int) -> LogActionSummary:
        return self._rows[row]

    def records(self) -> list[LogActionSummary]:
        return list(self._rows)

    def haystacks(self) -> list[str]:
        return self._haystacks

    def row_of(self, action_id: int) -> int | None:
        return self._row_of.get(action_id)

    # -- Qt model ----------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        a = self._rows[index.row()]
        col = LogCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(a, col)
        if role == SORT_ROLE:
            return self._sort_key(a, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(a, col))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(a, col)
        if role == ACTION_ID_ROLE:
            return a.id
        if role == RECORD_ROLE:
            return a
        if role == OVERDUE_ROLE:
            return a.overdue
        return self._style(a, col, role)

    def _style(self, a: LogActionSummary, col: LogCol, role: int) -> Any:
        """Overdue status and due date: red, bold and (the status) a warning sign; closed: grey."""
        warn = a.overdue and col in (LogCol.STATUS, LogCol.CURRENT_DUE)
        if role == Qt.ItemDataRole.DecorationRole and warn and col is LogCol.STATUS:
            return overdue_icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            if warn:
                return QBrush(warning_text())
            if a.status is LogStatus.CLOSED:
                return QBrush(muted_text())
            return None
        if role == Qt.ItemDataRole.FontRole and warn:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def _display(self, a: LogActionSummary, col: LogCol) -> str:
        if col is LogCol.REFERENCE:
            return a.reference
        if col is LogCol.ACTION:
            return first_line(a.description)
        if col is LogCol.OWNER:
            return a.owner_name
        if col is LogCol.MEETING:
            return fmt_date(a.meeting_date)
        if col is LogCol.ITEM:
            return item_text(a)
        if col is LogCol.ORIGINAL_DUE:
            return fmt_date(a.original_due)
        if col is LogCol.CURRENT_DUE:
            return due_text(a)
        if col is LogCol.STATUS:
            return status_text(a)
        return first_line(a.latest_update)

    def _sort_key(self, a: LogActionSummary, col: LogCol) -> Any:
        if col is LogCol.REFERENCE:
            return reference_key(a.reference)
        if col is LogCol.MEETING:
            return (a.meeting_date.toordinal(), reference_key(a.reference))
        if col is LogCol.ITEM:
            number = int(a.item_number) if a.item_number.isdigit() else 0
            return (a.meeting_date.toordinal(), number, reference_key(a.reference))
        if col is LogCol.ORIGINAL_DUE:
            return (a.original_due.toordinal(), reference_key(a.reference))
        if col is LogCol.CURRENT_DUE:
            return (a.current_due.toordinal(), a.revision_count, reference_key(a.reference))
        if col is LogCol.STATUS:
            # Ascending reads most urgent first: overdue, open, in progress, complete, closed.
            rank = 0 if a.overdue else _STATUS_RANK[a.status]
            return (rank, a.current_due.toordinal(), reference_key(a.reference))
        return (self._display(a, col).casefold(), reference_key(a.reference))

    def _tooltip(self, a: LogActionSummary, col: LogCol) -> str | None:
        if col in (LogCol.REFERENCE, LogCol.ACTION):
            return f"{a.reference}: {a.description}"
        if col is LogCol.MEETING:
            return f"Agreed at {self.meeting_label(a)}"
        if col is LogCol.ITEM and a.item_id is not None:
            return f"Item {item_text(a)}"
        if col is LogCol.CURRENT_DUE:
            lines = [f"Due {fmt_date(a.current_due)}"]
            if a.revision_count:
                lines.append(
                    f"Revised {times(a.revision_count)}; first agreed for "
                    f"{fmt_date(a.original_due)}"
                )
            if a.days_slipped:
                lines.append(f"{a.days_slipped} days later than first agreed")
            if a.overdue:
                lines.append("Overdue: past its current due date")
            return "\n".join(lines)
        if col is LogCol.STATUS:
            if a.overdue:
                return f"Overdue: due {fmt_date(a.current_due)} and still {a.status.label.lower()}"
            if a.status is LogStatus.COMPLETE:
                return "Complete: awaiting the board's agreement to close it"
            if a.status is LogStatus.CLOSED and a.closed_on is not None:
                return f"Closed by the board on {fmt_date(a.closed_on)}"
            return a.status.label
        if col is LogCol.LATEST_UPDATE and a.latest_update:
            return a.latest_update
        return None

    def _spoken(self, a: LogActionSummary, col: LogCol) -> str:
        """Screen readers hear the meaning, not the glyphs ('·', '×', '—')."""
        if col is LogCol.STATUS:
            if a.overdue:
                return f"Overdue, {a.status.label}, due {fmt_date(a.current_due)}"
            return a.status.label
        if col is LogCol.CURRENT_DUE:
            text = f"Current due date {fmt_date(a.current_due)}"
            if a.revision_count:
                text += f", revised {times(a.revision_count)}"
            return text + (", overdue" if a.overdue else "")
        if col is LogCol.ITEM:
            return f"Agenda item {item_text(a)}" if a.item_id is not None else "No agenda item"
        if col is LogCol.LATEST_UPDATE and not a.latest_update:
            return "No updates"
        return self._display(a, col)
