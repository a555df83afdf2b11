"""The import preview as a table: one row per sheet row, what would happen to it, and why.

The outcome is shown as a word and a colour (never the colour alone); the
details are the field changes ("Status: Green → Red") or the reasons a row
was refused, and the warnings are in the tooltip. `OutcomeFilter` shows one
kind of outcome at a time. A new row is described by the wizard's `ImportKind`
(an action's description and due date; a risk's title and score).
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from improvement_desk.interchange.problems import CellProblem
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.ui.exchange.import_kinds import (
    PLAN_IMPORT,
    ImportKind,
    OutcomeView,
    PreviewView,
)
from improvement_desk.ui.table_base import RecordTableModel
from improvement_desk.ui.text import plain_tooltip

Index = QModelIndex | QPersistentModelIndex

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


class PCol(IntEnum):
    ROW = 0
    REFERENCE = 1
    OUTCOME = 2
    DETAILS = 3


HEADERS = {PCol.ROW: "Row", PCol.REFERENCE: "Ref", PCol.OUTCOME: "Outcome", PCol.DETAILS: "Details"}
HEADER_TIPS = {
    PCol.ROW: "The row in the sheet",
    PCol.REFERENCE: "The row's reference",
    PCol.OUTCOME: "What importing would do with the row",
    PCol.DETAILS: "The changes, or why the row was refused; hover for warnings",
}
OUTCOME_WORDS = {
    RowKind.NEW: "New",
    RowKind.CHANGED: "Changed",
    RowKind.UNCHANGED: "Unchanged",
    RowKind.REFUSED: "Refused",
    RowKind.CONFLICT: "Conflict",
}
# Light fills with black text (contrast over 12:1); the word says the same as the colour.
OUTCOME_FILLS = {
    RowKind.NEW: "#D4EDDA",
    RowKind.CHANGED: "#D6E6F7",
    RowKind.UNCHANGED: "#EEEEEE",
    RowKind.REFUSED: "#F6D3D0",
    RowKind.CONFLICT: "#FBE3C4",
}
_ORDER = {kind: i for i, kind in enumerate(OUTCOME_WORDS)}
_LIMIT = 90


def _short(text: str, limit: int = _LIMIT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def place(problem: CellProblem) -> str:
    """'J7: …' within the row's own line; the sheet is said once, above the table."""
    if problem.column and problem.row > 0:
        return f"{problem.column}{problem.row}: {problem.reason}"
    return problem.reason


def describe(outcome: OutcomeView, kind: ImportKind = PLAN_IMPORT, *, full: bool = False) -> str:
    """What the Details column says; `full` keeps long values whole (for the tooltip)."""
    cut = (lambda text: text) if full else _short
    if outcome.kind in (RowKind.REFUSED, RowKind.CONFLICT):
        return "; ".join(place(p) for p in outcome.reasons) or OUTCOME_WORDS[outcome.kind]
    if outcome.kind is RowKind.NEW:
        return kind.describe_new(outcome, cut)
    return kind.describe_changed(outcome, cut)


def explain(outcome: OutcomeView, kind: ImportKind = PLAN_IMPORT) -> str:
    """Everything about one row, in full: for its tooltip and the page's row details."""
    lines = [f"{outcome.sheet} row {outcome.row}: {OUTCOME_WORDS[outcome.kind]}"]
    details = describe(outcome, kind, full=True)
    if details:
        lines.append(details)
    if outcome.kind is RowKind.CONFLICT and outcome.changes:
        changes = "; ".join(f"{c.label}: {c.old} → {c.new}" for c in outcome.changes)
        lines.append(f"The copy would have changed: {changes}")
    lines += [f"Warning: {place(w)}" for w in outcome.warnings]
    return "\n".join(lines)


class ImportPreviewModel(RecordTableModel):
    columns = PCol
    headers = HEADERS
    header_tips = HEADER_TIPS

    def __init__(self, parent: QObject | None = None, kind: ImportKind = PLAN_IMPORT) -> None:
        super().__init__(parent)
        self.kind = kind
        self._rows: list[OutcomeView] = []

    def set_preview(self, preview: PreviewView | None) -> None:
        self.beginResetModel()
        self._rows = list(preview.outcomes) if preview is not None else []
        self.endResetModel()

    def outcome(self, row: int) -> OutcomeView:
        return self._rows[row]

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.ToolTipRole
            and orientation == Qt.Orientation.Horizontal
            and section == PCol.REFERENCE
        ):
            return f"The {self.kind.noun}'s reference"
        return super().headerData(section, orientation, role)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        outcome = self._rows[index.row()]
        col = PCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(outcome, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(explain(outcome, self.kind))
        if role == KIND_ROLE:
            return outcome.kind.value
        if role == SORT_ROLE:
            return self._sort_key(outcome, col)
        if col is PCol.OUTCOME and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(OUTCOME_FILLS[outcome.kind]))
        if col is PCol.OUTCOME and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#000000"))
        if col is PCol.ROW and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, outcome: OutcomeView, col: PCol) -> str:
        if col is PCol.ROW:
            return str(outcome.row)
        if col is PCol.REFERENCE:
            return outcome.reference
        if col is PCol.OUTCOME:
            return OUTCOME_WORDS[outcome.kind]
        text = describe(outcome, self.kind)
        if outcome.warnings:
            text += (
                f"  (⚠ {len(outcome.warnings)} warning{'s' if len(outcome.warnings) > 1 else ''})"
            )
        return text

    def _sort_key(self, outcome: OutcomeView, col: PCol) -> Any:
        if col is PCol.ROW:
            return outcome.row
        if col is PCol.REFERENCE:
            return outcome.reference.casefold()
        if col is PCol.OUTCOME:
            return _ORDER[outcome.kind]
        return describe(outcome, self.kind).casefold()


class OutcomeFilter(QSortFilterProxyModel):
    """Shows the rows whose outcome is one of `kinds` (all rows when None); sorts by key."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kinds: frozenset[str] | None = None
        self.setSortRole(SORT_ROLE)

    def set_kinds(self, kinds: frozenset[RowKind] | None) -> None:
        wanted = None if kinds is None else frozenset(k.value for k in kinds)
        if wanted == self._kinds:
            return
        self.beginFilterChange()
        self._kinds = wanted
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        if self._kinds is None:
            return True
        model = self.sourceModel()
        kind = model.data(model.index(source_row, 0, source_parent), KIND_ROLE)
        return kind in self._kinds
