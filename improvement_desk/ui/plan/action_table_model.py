"""The plan's actions as a Qt table model over immutable `ActionRecord`s.

The model holds records, not sessions: the page reloads it from the
services after each change. A lower-cased search text per row is built once
per load so that filtering a large plan stays cheap per keystroke.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QFont

from improvement_desk.services.plan_records import ActionRecord
from improvement_desk.ui.plan.columns import (
    ACTION_ID_ROLE,
    BRAG_ROLE,
    HEADER_TIPS,
    HEADERS,
    RECORD_ROLE,
    SORT_ROLE,
    Col,
)
from improvement_desk.ui.table_base import RecordTableModel
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import warning_text

Index = QModelIndex | QPersistentModelIndex
_DIGITS = re.compile(r"(\d+)")


def fmt_date(value: date | None) -> str:
    return value.strftime("%d %b %Y") if value else ""


def reference_key(reference: str) -> str:
    """'1.10' sorts after '1.9': numbers are zero-padded inside a text key."""
    return "".join(p.zfill(8) if p.isdigit() else p.lower() for p in _DIGITS.split(reference))


def _first_line(text: str, limit: int = 160) -> str:
    line = text.split("\n", 1)[0]
    return line if len(line) <= limit else line[: limit - 1] + "…"


class ActionTableModel(RecordTableModel):
    columns = Col
    headers = HEADERS
    header_tips = HEADER_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRecord] = []
        self._haystacks: list[str] = []
        self._row_of: dict[int, int] = {}
        self.row_ids: list[int] = []  # read per row by the filter proxy; replaced, never mutated
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- loading -----------------------------------------------------------------------------

    def set_actions(self, actions: tuple[ActionRecord, ...] | list[ActionRecord]) -> None:
        self.beginResetModel()
        self._rows = list(actions)
        self._haystacks = [
            " ".join(
                (a.reference, a.description, a.lead_officer, a.theme, a.recommendation_reference,
                 a.success_measures, a.evidence_of_impact, a.status.label)
            ).casefold()
            for a in self._rows
        ]  # fmt: skip
        self._reindex()
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    def _reindex(self) -> None:
        self._row_of = {a.id: i for i, a in enumerate(self._rows)}
        self.row_ids = [a.id for a in self._rows]

    # -- sorting: done here, in one Python sort, not by the proxy comparing rows through Qt ------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Col):
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
        col = Col(column)
        keys = [self._sort_key(a, col) for a in self._rows]
        ordering = sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for i in ordering]
        self._haystacks = [self._haystacks[i] for i in ordering]
        self._reindex()

    def record(self, row: int) -> ActionRecord:
        return self._rows[row]

    def records(self) -> list[ActionRecord]:
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
        col = Col(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(a, col)
        if role == SORT_ROLE:
            return self._sort_key(a, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(a, col))
        if role == ACTION_ID_ROLE:
            return a.id
        if role == BRAG_ROLE:
            return a.status.value  # Qt hands a StrEnum back as plain str; see brag_of()
        if role == RECORD_ROLE:
            return a
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and col in (Col.OVERDUE, Col.TARGET)
            and a.overdue
        ):
            return QBrush(warning_text())
        if role == Qt.ItemDataRole.FontRole and col == Col.OVERDUE and a.overdue:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            Col.START,
            Col.TARGET,
            Col.LAST_UPDATE,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _display(a: ActionRecord, col: Col) -> str:
        if col is Col.REFERENCE:
            return a.reference
        if col is Col.DESCRIPTION:
            return _first_line(a.description)
        if col is Col.RECOMMENDATION:
            return a.recommendation_reference
        if col is Col.THEME:
            return a.theme
        if col is Col.LEAD:
            return a.lead_officer
        if col is Col.START:
            return fmt_date(a.start_date)
        if col is Col.TARGET:
            return fmt_date(a.target_date) + (" ✱" if a.rebaselined else "")
        if col is Col.STATUS:
            return f"{a.status.letter} {a.status.label}"
        if col is Col.CONFIDENCE:
            return a.confidence.label if a.confidence else ""
        if col is Col.OVERDUE:
            return f"⚠ {a.overdue_days} d" if a.overdue else ""
        return fmt_date(a.last_update_date)

    @staticmethod
    def _sort_key(a: ActionRecord, col: Col) -> Any:
        if col is Col.REFERENCE:
            return reference_key(a.reference)
        if col is Col.RECOMMENDATION:
            return reference_key(a.recommendation_reference) + reference_key(a.reference)
        if col is Col.START:
            return a.start_date.toordinal() if a.start_date else 0
        if col is Col.TARGET:
            return a.target_date.toordinal()
        if col is Col.LAST_UPDATE:
            return a.last_update_date.toordinal() if a.last_update_date else 0
        if col is Col.STATUS:
            return a.status.severity
        if col is Col.CONFIDENCE:
            return {"high": 3, "medium": 2, "low": 1}.get(
                a.confidence.value if a.confidence else "", 0
            )
        if col is Col.OVERDUE:
            return a.overdue_days
        return ActionTableModel._display(a, col).casefold()

    @staticmethod
    def _tooltip(a: ActionRecord, col: Col) -> str | None:
        if col is Col.DESCRIPTION:
            return a.description
        if col is Col.RECOMMENDATION:
            return f"{a.recommendation_reference}: {a.recommendation_text}"
        if col is Col.TARGET and a.rebaselined:
            return (
                f"Re-baselined {a.revision_count} time{'s' if a.revision_count > 1 else ''}; "
                f"original target {fmt_date(a.original_target_date)}"
            )
        if col is Col.STATUS:
            note = f"\nOverdue: {a.overdue_days} days past its target" if a.overdue else ""
            return f"{a.status.label}: {a.status.meaning}{note}"
        if col is Col.OVERDUE and a.overdue:
            return f"{a.overdue_days} days past the target of {fmt_date(a.target_date)}, and not closed"
        return None
