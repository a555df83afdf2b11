"""The row above the scorecard: search, RAG and direction filters, 12 or 24 periods, inactive
indicators, and the RAG summary a board member reads first.

As on the register, the bar's two halves sit side by side on a wide page and
stack on a narrow one, so the scorecard never makes the window wider.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QWidget,
)

from improvement_desk.domain.scorecard import Rag, Trend
from improvement_desk.services.scorecard_records import ScorecardRow
from improvement_desk.ui.scorecard.columns import rag_colour, rag_counts_text, trend_text
from improvement_desk.ui.scorecard.scorecard_filter import NO_RAG, ScorecardCriteria
from improvement_desk.ui.widgets import named

PERIOD_CHOICES = (12, 24)


def summary_html(rows: list[ScorecardRow]) -> str:
    """The RAG counts with a colour swatch before each word (the words carry the meaning)."""
    text = rag_counts_text(rows)
    if not text:
        return "No active indicators"
    parts = []
    for part in text.split(" · "):
        word = part.split(" ", 1)[1]
        swatch = (
            f"<span style='color:{rag_colour(Rag(word))}'>■</span>&nbsp;"
            if word in {r.value for r in Rag}
            else ""
        )
        parts.append(f"{swatch}{part}")
    return " &nbsp;·&nbsp; ".join(parts)


class ScorecardFilterBar(QWidget):
    changed = Signal(object)  # ScorecardCriteria
    periods_changed = Signal(int)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = named(QLineEdit(), "search", "Search indicators")
        self.search.setPlaceholderText("Search indicators…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(120)
        self.rag = self._combo("rag_filter", "RAG filter", "All ratings")
        for rag in (Rag.RED, Rag.AMBER, Rag.GREEN):
            self.rag.addItem(rag.label, rag.value)
        self.rag.addItem("No rating", NO_RAG)
        self.rag.setToolTip("Red, amber, green, or no rating (no figure or no target)")
        self.trend = self._combo("direction_filter", "Direction filter", "All directions")
        for trend in Trend:
            self.trend.addItem(trend_text(trend), trend.value)
        self.periods = QButtonGroup(self)
        self.period_buttons: dict[int, QToolButton] = {}
        for count in PERIOD_CHOICES:
            button = named(QToolButton(), f"periods_{count}", f"Show the last {count} periods")
            button.setText(f"{count} periods")
            button.setToolTip(f"Trend lines and charts over the last {count} periods")
            button.setCheckable(True)
            self.periods.addButton(button, count)
            self.period_buttons[count] = button
        self.period_buttons[PERIOD_CHOICES[0]].setChecked(True)
        self.include_inactive = named(QCheckBox("Include &inactive"), "include_inactive")
        self.include_inactive.setAccessibleName("Include inactive indicators")
        self.clear = named(QPushButton("Clear filters"), "clear_filters")
        self.summary = named(QLabel(), "rag_summary", "RAG summary of the active indicators")
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setToolTip("Ratings of the active indicators at their latest period")
        self.count = named(QLabel(), "count", "Number of indicators shown")
        self.count.setTextFormat(Qt.TextFormat.PlainText)

        self.find_part = named(QWidget(), "find_filters")
        finding = QHBoxLayout(self.find_part)
        finding.setContentsMargins(0, 0, 0, 0)
        finding.addWidget(self.search, 3)
        finding.addWidget(self.rag, 1)
        finding.addWidget(self.trend, 1)
        for count in PERIOD_CHOICES:
            finding.addWidget(self.period_buttons[count])
        finding.addWidget(self.include_inactive)
        finding.addWidget(self.clear)
        self.summary_part = named(QWidget(), "summary_part")
        summing = QHBoxLayout(self.summary_part)
        summing.setContentsMargins(0, 0, 0, 0)
        summing.addStretch(1)
        summing.addWidget(self.summary)
        summing.addSpacing(12)
        summing.addWidget(self.count)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.rows.addWidget(self.find_part, 1)
        self.rows.addWidget(self.summary_part)

        self.search.textChanged.connect(self._emit)
        for combo in (self.rag, self.trend):
            combo.currentIndexChanged.connect(self._emit)
        self.include_inactive.toggled.connect(self._emit)
        self.clear.clicked.connect(self.reset)
        self.periods.idClicked.connect(self.periods_changed.emit)

    @staticmethod
    def _combo(name: str, accessible: str, everything: str) -> QComboBox:
        combo = named(QComboBox(), name, accessible)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        return combo

    def _side_by_side_width(self) -> int:
        return (
            self.find_part.minimumSizeHint().width()
            + self.summary_part.sizeHint().width()
            + self.rows.spacing()
        )

    def minimumSizeHint(self) -> QSize:
        stacked = max(
            self.find_part.minimumSizeHint().width(), self.summary_part.minimumSizeHint().width()
        )
        return QSize(stacked, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= self._side_by_side_width()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self.rows.direction() != direction:
            self.rows.setDirection(direction)
        super().resizeEvent(event)

    def is_stacked(self) -> bool:
        return self.rows.direction() is QBoxLayout.Direction.TopToBottom

    # -- state ---------------------------------------------------------------------------------

    def period_count(self) -> int:
        checked = self.periods.checkedId()
        return checked if checked in PERIOD_CHOICES else PERIOD_CHOICES[0]

    def criteria(self) -> ScorecardCriteria:
        trend = self.trend.currentData()
        return ScorecardCriteria(
            text=self.search.text(),
            rag=self.rag.currentData(),
            trend=Trend(trend) if isinstance(trend, str) else None,
            include_inactive=self.include_inactive.isChecked(),
        )

    def set_summary(self, active_rows: list[ScorecardRow]) -> None:
        self.summary.setText(summary_html(active_rows))
        self.summary.setAccessibleDescription(rag_counts_text(active_rows))

    def set_count(self, shown: int, total: int) -> None:
        noun = "indicator" if total == 1 else "indicators"
        if shown == total:
            self.count.setText(f"{total} {noun}")
        else:
            self.count.setText(f"{shown} shown of {total}")

    def reset(self) -> None:
        """Every active indicator again; the period choice is a view setting and stays."""
        self.show_only()

    def show_only(self, *, rag: Rag | None = None) -> None:
        """Every active indicator of this rating (the rest cleared), said once: the
        dashboard's "red this period" opens the scorecard this way."""
        widgets = (self.search, self.rag, self.trend, self.include_inactive)
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        found = self.rag.findData(rag.value) if rag is not None else 0
        self.rag.setCurrentIndex(max(found, 0))
        self.trend.setCurrentIndex(0)
        self.include_inactive.setChecked(False)
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.criteria())
