"""The register's risks as a Qt table model over immutable `RiskRecord`s and the board's bands.

Bands and colours come from the snapshot's `RiskBands`, handed in with the
records, so the table rates a score exactly as the heat map and the detail
view do; the model decides nothing about thresholds itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.risk import ReviewState, RiskStatus
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.risk_scoring import Score, impact_label, likelihood_label
from improvement_desk.services.risk_records import LinkedAction, RiskRecord
from improvement_desk.ui.plan.action_table_model import fmt_date, reference_key
from improvement_desk.ui.plan.icons import brag_icon
from improvement_desk.ui.risks.columns import (
    HEADER_TIPS,
    HEADERS,
    RECORD_ROLE,
    RISK_ID_ROLE,
    SCORE_COLUMNS,
    SCORE_ROLE,
    SORT_ROLE,
    RiskCol,
)
from improvement_desk.ui.table_base import RecordTableModel
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.theme import warning_text

Index = QModelIndex | QPersistentModelIndex
_STATUS_SEVERITY = {RiskStatus.CLOSED: 0, RiskStatus.OPEN: 1, RiskStatus.ESCALATED: 2}


def flag_words(r: RiskRecord) -> list[str]:
    """What needs the board's attention, in words (the table, the detail and the filter agree)."""
    words = []
    if r.review_state is ReviewState.OVERDUE:
        words.append("Review overdue")
    elif r.review_state is ReviewState.DUE:
        words.append("Review due")
    if r.above_appetite:
        words.append("Above appetite")
    if r.unmitigated:
        words.append("No mitigation")
    return words


def worst_brag(actions: Sequence[LinkedAction]) -> Brag | None:
    return max((a.status for a in actions), key=lambda s: s.severity, default=None)


def score_text(bands: RiskBands, score: int | None) -> str:
    """'16 High': the number and the band's word, readable without the colour."""
    return "" if score is None else f"{score} {bands.band(score).label}"


def scores_of(r: RiskRecord, col: RiskCol) -> tuple[int, int] | None:
    """(likelihood, impact) of a score column, or None for an unset target."""
    if col is RiskCol.INHERENT:
        return r.inherent_likelihood, r.inherent_impact
    if col is RiskCol.CURRENT:
        return r.current_likelihood, r.current_impact
    if r.target_likelihood is None or r.target_impact is None:
        return None
    return r.target_likelihood, r.target_impact


class RiskTableModel(RecordTableModel):
    columns = RiskCol
    headers = HEADERS
    header_tips = HEADER_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[RiskRecord] = []
        self._bands = RiskBands()
        self._haystacks: list[str] = []
        self._row_of: dict[int, int] = {}
        self.row_ids: list[int] = []  # read per row by the filter proxy; replaced, never mutated
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- loading -----------------------------------------------------------------------------

    def set_risks(self, risks: Sequence[RiskRecord], bands: RiskBands) -> None:
        self.beginResetModel()
        self._rows = list(risks)
        self._bands = bands
        self._haystacks = [
            " ".join((r.reference, r.title, r.cause, r.event, r.effect, r.owner, r.category))
            .casefold()
            for r in self._rows
        ]  # fmt: skip
        self._reindex()
        if self._sort is not None:
            self._apply_sort(*self._sort)
        self.endResetModel()

    @property
    def bands(self) -> RiskBands:
        return self._bands

    def _reindex(self) -> None:
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        self.row_ids = [r.id for r in self._rows]

    # -- sorting: in one Python sort here, not by the proxy comparing rows through Qt ----------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(RiskCol):
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
        col = RiskCol(column)
        keys = [self._sort_key(r, col) for r in self._rows]
        ordering = sorted(
            range(len(self._rows)),
            key=keys.__getitem__,
            reverse=order == Qt.SortOrder.DescendingOrder,
        )
        self._rows = [self._rows[i] for i in ordering]
        self._haystacks = [self._haystacks[i] for i in ordering]
        self._reindex()

    def record(self, row: int) -> RiskRecord:
        return self._rows[row]

    def records(self) -> list[RiskRecord]:
        return list(self._rows)

    def haystacks(self) -> list[str]:
        return self._haystacks

    def row_of(self, risk_id: int) -> int | None:
        return self._row_of.get(risk_id)

    # -- Qt model ----------------------------------------------------------------------------

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = RiskCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(r, col)
        if role == SORT_ROLE:
            return self._sort_key(r, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(r, col))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return self._spoken(r, col)
        if role == RISK_ID_ROLE:
            return r.id
        if role == RECORD_ROLE:
            return r
        if col in SCORE_COLUMNS:
            return self._score_role(r, col, role)
        if role == Qt.ItemDataRole.DecorationRole and col is RiskCol.MITIGATIONS:
            worst = worst_brag(r.mitigations)
            return brag_icon(worst) if worst is not None else None
        warn = (col is RiskCol.NEXT_REVIEW and r.review_state is ReviewState.OVERDUE) or (
            col is RiskCol.FLAGS and r.flagged
        )
        if role == Qt.ItemDataRole.ForegroundRole and warn:
            return QBrush(warning_text())
        if role == Qt.ItemDataRole.FontRole and warn and col is RiskCol.NEXT_REVIEW:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            RiskCol.NEXT_REVIEW,
            RiskCol.LAST_REVIEW,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _score_role(self, r: RiskRecord, col: RiskCol, role: int) -> Any:
        pair = scores_of(r, col)
        if pair is None:
            return None
        score = pair[0] * pair[1]
        if role == SCORE_ROLE:
            return score
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(self._bands.colour(score)))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(self._bands.text_colour(score)))
        if role == Qt.ItemDataRole.FontRole and col is RiskCol.CURRENT:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, r: RiskRecord, col: RiskCol) -> str:
        if col is RiskCol.REFERENCE:
            return r.reference
        if col is RiskCol.TITLE:
            return r.title
        if col is RiskCol.CATEGORY:
            return r.category
        if col is RiskCol.OWNER:
            return r.owner
        if col in SCORE_COLUMNS:
            pair = scores_of(r, col)
            return "—" if pair is None else score_text(self._bands, pair[0] * pair[1])
        if col is RiskCol.DIRECTION:
            return f"{r.direction.arrow} {r.direction.label}"
        if col is RiskCol.STATUS:
            return r.status.label
        if col is RiskCol.NEXT_REVIEW:
            return fmt_date(r.next_review_date) if r.status.is_live else "—"
        if col is RiskCol.FLAGS:
            return ", ".join(flag_words(r))
        if col is RiskCol.MITIGATIONS:
            worst = worst_brag(r.mitigations)
            if worst is None:
                return "None"
            late = " ⚠" if any(a.overdue for a in r.mitigations) else ""
            return f"{len(r.mitigations)} · {worst.label}{late}"
        return fmt_date(r.last_review_date)

    def _sort_key(self, r: RiskRecord, col: RiskCol) -> Any:
        if col is RiskCol.REFERENCE:
            return reference_key(r.reference)
        if col in SCORE_COLUMNS:
            pair = scores_of(r, col)
            # Score first, then the band (the same order unless bands change mid-sort), then impact.
            if pair is None:
                return -1
            score = pair[0] * pair[1]
            return (self._bands.band(score).severity * 100 + score) * 10 + pair[1]
        if col is RiskCol.DIRECTION:
            return r.direction.severity
        if col is RiskCol.STATUS:
            return _STATUS_SEVERITY[r.status]
        if col is RiskCol.NEXT_REVIEW:
            shown = r.next_review_date if r.status.is_live else None
            return shown.toordinal() if shown else 0
        if col is RiskCol.LAST_REVIEW:
            return r.last_review_date.toordinal() if r.last_review_date else 0
        if col is RiskCol.FLAGS:
            state = {ReviewState.NOT_DUE: 0, ReviewState.DUE: 1, ReviewState.OVERDUE: 2}
            return len(flag_words(r)) * 10 + state[r.review_state] + 3 * r.above_appetite
        if col is RiskCol.MITIGATIONS:
            worst = worst_brag(r.mitigations)
            return (worst.severity + 1 if worst else 0) * 100 + len(r.mitigations)
        return self._display(r, col).casefold()

    def _tooltip(self, r: RiskRecord, col: RiskCol) -> str | None:
        if col in (RiskCol.REFERENCE, RiskCol.TITLE):
            return f"{r.reference}: {r.title}\n\n{r.description}"
        if col in SCORE_COLUMNS:
            pair = scores_of(r, col)
            if pair is None:
                return "No target score set"
            score = Score(*pair)
            band = self._bands.band(score.value)
            lines = [
                f"{score} — {band.label}",
                f"Likelihood {likelihood_label(score.likelihood)}",
                f"Impact {impact_label(score.impact)}",
            ]
            if col is RiskCol.CURRENT and r.above_appetite:
                lines.append(f"Above the board's appetite ({self._bands.appetite})")
            return "\n".join(lines)
        if col is RiskCol.DIRECTION:
            history = " → ".join(str(s) for s in r.score_history)
            return f"{r.direction.label} since the previous review\nScores by review: {history}"
        if col is RiskCol.NEXT_REVIEW and r.status.is_live:
            return f"Review {r.review_state.label.lower()}; reviewed {r.review_frequency.label.lower()}"
        if col is RiskCol.FLAGS and r.flagged:
            return "\n".join(flag_words(r))
        if col is RiskCol.MITIGATIONS:
            if not r.mitigations:
                return "No plan action mitigates this risk"
            return "\n".join(
                f"{a.reference} {a.status.letter} {a.status.label}"
                f"{' (overdue)' if a.overdue else ''}: {a.description.split(chr(10))[0]}"
                for a in r.mitigations
            )
        return None

    def _spoken(self, r: RiskRecord, col: RiskCol) -> str:
        """Screen readers hear the whole meaning, not the glyphs ('↑', '—')."""
        if col in SCORE_COLUMNS:
            pair = scores_of(r, col)
            if pair is None:
                return "No target score"
            score = Score(*pair)
            band = self._bands.band(score.value)
            return (
                f"{HEADERS[col]} score {score.value}, {band.label} band: "
                f"likelihood {score.likelihood} times impact {score.impact}"
            )
        if col is RiskCol.DIRECTION:
            return f"Direction of travel: {r.direction.label}"
        if col is RiskCol.MITIGATIONS:
            worst = worst_brag(r.mitigations)
            if worst is None:
                return "No mitigating actions"
            late = sum(a.overdue for a in r.mitigations)
            return (
                f"{len(r.mitigations)} mitigating actions, worst status {worst.label}"
                f"{f', {late} overdue' if late else ''}"
            )
        if col is RiskCol.FLAGS and not r.flagged:
            return "No flags"
        return self._display(r, col)
