"""The row of filters above the register: search, category, owner, band, flags, closed risks.

A heat-map cell chosen on the map narrows the register too; the bar shows
it as a chip that says which cell, so a filtered table never looks like the
whole register, and the chip's ✕ clears it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.risk_bands import Band
from improvement_desk.ui.risks.risk_filter import (
    ALL_STATUSES,
    LIVE_STATUSES,
    HeatCell,
    RiskCriteria,
    describe_cell,
)
from improvement_desk.ui.widgets import named

_CHIP_STYLE = (
    "QPushButton#heat_map_chip { border: 1px solid palette(dark); border-radius: 10px;"
    " padding: 2px 10px; background: palette(alternate-base); }"
)


def _band_of(value: object) -> Band | None:
    try:
        return Band(value) if isinstance(value, str) else None  # Qt hands back a StrEnum as str
    except ValueError:
        return None


class RiskFilterBar(QWidget):
    changed = Signal(object)  # RiskCriteria without the heat-map cell (the page owns that)
    cell_cleared = Signal()  # the chip's ✕ was clicked

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.search = named(QLineEdit(), "search", "Search risks")
        self.search.setPlaceholderText("Search risks…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.category = self._combo("category", "Category filter", "All categories")
        self.owner = self._combo("owner", "Owner filter", "All owners")
        self.band = self._combo("band", "Band filter (current score)", "All bands")
        self.band.setToolTip("Band of the current score")
        self.review_due = self._toggle(
            "review_due", "Review due", "Only risks whose review is due or overdue"
        )
        self.above_appetite = self._toggle(
            "above_appetite", "Above appetite", "Only risks scored above the board's appetite"
        )
        self.unmitigated = self._toggle(
            "unmitigated", "No mitigation", "Only live risks that no plan action mitigates"
        )
        self.include_closed = named(QCheckBox("Include c&losed"), "include_closed")
        self.include_closed.setAccessibleName("Include closed risks")
        self.clear = named(QPushButton("Clear filters"), "clear_filters")
        self.chip = named(QPushButton(), "heat_map_chip")
        self.chip.setStyleSheet(_CHIP_STYLE)
        self.chip.setToolTip("The register shows one heat-map cell; click to show every cell")
        self.count = named(QLabel(), "count", "Number of risks shown")
        self.count.setTextFormat(Qt.TextFormat.PlainText)

        self.search.setMinimumWidth(200)
        # Two halves side by side on a wide page, stacked on a narrow one (see resizeEvent), so
        # the register never makes the window wider than the action plan does.
        self.find_part = named(QWidget(), "find_filters")
        finding = QHBoxLayout(self.find_part)
        finding.setContentsMargins(0, 0, 0, 0)
        finding.addWidget(self.search, 3)
        for combo in (self.category, self.owner, self.band):
            finding.addWidget(combo, 1)
        self.flag_part = named(QWidget(), "flag_filters")
        flagging = QHBoxLayout(self.flag_part)
        flagging.setContentsMargins(0, 0, 0, 0)
        for toggle in (self.review_due, self.above_appetite, self.unmitigated):
            flagging.addWidget(toggle)
        flagging.addWidget(self.include_closed)
        flagging.addWidget(self.clear)
        flagging.addStretch(1)
        flagging.addWidget(self.count)
        self.rows = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(6)
        self.rows.addWidget(self.find_part, 1)
        self.rows.addWidget(self.flag_part)
        # The chip gets a line of its own, shown only while a cell is chosen, so choosing one
        # never squeezes the search box.
        self.chip_row = named(QWidget(), "heat_map_chip_row")
        chip_line = QHBoxLayout(self.chip_row)
        chip_line.setContentsMargins(0, 2, 0, 0)
        chip_line.addWidget(self.chip)
        chip_line.addStretch(1)
        self.chip_row.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.rows)
        layout.addWidget(self.chip_row)

        self.search.textChanged.connect(self._emit)
        for combo in (self.category, self.owner, self.band):
            combo.currentIndexChanged.connect(self._emit)
        for box in self._switches():
            box.toggled.connect(self._emit)
        self.clear.clicked.connect(self.reset)
        self.chip.clicked.connect(self.cell_cleared.emit)

    def _side_by_side_width(self) -> int:
        return (
            self.find_part.minimumSizeHint().width()
            + self.flag_part.sizeHint().width()
            + self.rows.spacing()
        )

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider half: the halves stack when the page is narrow."""
        stacked = max(
            self.find_part.minimumSizeHint().width(), self.flag_part.minimumSizeHint().width()
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

    @staticmethod
    def _combo(name: str, accessible: str, everything: str) -> QComboBox:
        combo = named(QComboBox(), name, accessible)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(10)
        return combo

    @staticmethod
    def _toggle(name: str, text: str, tip: str) -> QToolButton:
        button = named(QToolButton(), name, tip)
        button.setText(text)
        button.setToolTip(tip)
        button.setCheckable(True)
        return button

    def _switches(self) -> tuple[QToolButton | QCheckBox, ...]:
        return (self.review_due, self.above_appetite, self.unmitigated, self.include_closed)

    def set_choices(
        self, categories: tuple[str, ...], owners: tuple[str, ...], bands: dict[Band, str]
    ) -> None:
        """Refills the combos, keeping what was chosen if it still exists.

        `bands` maps each band to its legend text ("High 15–25"), which moves with the settings.
        """
        band_items = [(f"{band.letter}  {text}", band) for band, text in bands.items()]
        for combo, items in (
            (self.category, [(v, v) for v in categories]),
            (self.owner, [(v, v) for v in owners]),
            (self.band, band_items),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, value in items:
                combo.addItem(text, value)
            index = combo.findData(current) if current is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def criteria(self) -> RiskCriteria:
        return RiskCriteria(
            text=self.search.text(),
            category=self.category.currentData(),
            owner=self.owner.currentData(),
            statuses=ALL_STATUSES if self.include_closed.isChecked() else LIVE_STATUSES,
            band=_band_of(self.band.currentData()),
            review_due=self.review_due.isChecked(),
            above_appetite=self.above_appetite.isChecked(),
            unmitigated=self.unmitigated.isChecked(),
        )

    def show_cell(self, cell: HeatCell | None) -> None:
        if cell is None:
            self.chip_row.hide()
            return
        text = f"Heat map: {describe_cell(cell)}"
        self.chip.setText(f"{text}  ✕")
        self.chip.setAccessibleName(f"{text}. Press to clear the heat-map filter")
        self.chip_row.show()

    def set_count(self, shown: int, total: int) -> None:
        noun = "risk" if total == 1 else "risks"
        if shown == total:
            self.count.setText(f"{total} {noun}")
        else:
            self.count.setText(f"{shown} {'risk' if shown == 1 else 'risks'} shown of {total}")

    def reset(self) -> None:
        """Back to every live risk; the page clears the heat-map cell on the same click."""
        self.show_only()

    def show_only(self, *, review_due: bool = False, above_appetite: bool = False) -> None:
        """Every live risk, narrowed to these flags (the rest cleared), said once: the
        dashboard's figures open the register this way, with the toggles visibly on."""
        widgets = (self.search, self.category, self.owner, self.band, *self._switches())
        for widget in widgets:
            widget.blockSignals(True)
        self.search.clear()
        for combo in (self.category, self.owner, self.band):
            combo.setCurrentIndex(0)
        for box in self._switches():
            box.setChecked(False)
        self.review_due.setChecked(review_due)
        self.above_appetite.setChecked(above_appetite)
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def _emit(self, *_: object) -> None:
        self.changed.emit(self.criteria())
