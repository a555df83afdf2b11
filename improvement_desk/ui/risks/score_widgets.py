"""Likelihood and impact pickers and the score read-out the risk dialogs share.

The read-out says the score and its band in words ("4 × 4 = 16  High"), so
the colour behind it, taken from the board's `RiskBands`, only repeats what
the text already says.
"""

from __future__ import annotations

from typing import Literal, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QSizePolicy, QWidget

from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.risk_scoring import (
    IMPACT_MEANINGS,
    LIKELIHOOD_MEANINGS,
    SCALE,
    impact_label,
    likelihood_label,
    score_of,
)

Axis = Literal["likelihood", "impact"]
CHOOSE = "Choose…"
_WIDEST = "5 × 5 = 25  Medium"


def score_words(likelihood: int, impact: int, bands: RiskBands) -> str:
    """'4 × 4 = 16  High'."""
    score = likelihood * impact
    return f"{likelihood} × {impact} = {score}  {bands.band(score).label}"


def band_words(score: int, bands: RiskBands) -> str:
    """'16 High'."""
    return f"{score} {bands.band(score).label}"


def scale_combo(axis: Axis, *, none_text: str | None = None) -> QComboBox:
    """'4 - Likely' … with each level's meaning as its tooltip; `none_text` adds an empty choice."""
    combo = QComboBox()
    combo.setPlaceholderText(CHOOSE)
    label = likelihood_label if axis == "likelihood" else impact_label
    meanings = LIKELIHOOD_MEANINGS if axis == "likelihood" else IMPACT_MEANINGS
    if none_text is not None:
        combo.addItem(none_text, None)
    for value in SCALE:
        combo.addItem(label(value), value)
        combo.setItemData(combo.count() - 1, meanings[value], Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(-1)
    combo.currentIndexChanged.connect(lambda *_: _tip_current(combo))
    return combo


def _tip_current(combo: QComboBox) -> None:
    tip = combo.itemData(combo.currentIndex(), Qt.ItemDataRole.ToolTipRole)
    text = tip if isinstance(tip, str) else ""
    combo.setToolTip(text)
    combo.setAccessibleDescription(text)


def level_of(combo: QComboBox) -> int | None:
    """The chosen level, or None for nothing chosen or the empty choice."""
    value = combo.currentData()
    return value if isinstance(value, int) else None


def required_level(combo: QComboBox) -> int:
    """For a draft field typed `int`: None while unchosen, which the domain reports as required."""
    return cast("int", level_of(combo))


def set_level(combo: QComboBox, value: int | None) -> None:
    index = combo.findData(value) if value is not None else combo.findData(None)
    combo.setCurrentIndex(index)


class ScoreChip(QLabel):
    """The score and band in words, on the band's colour."""

    def __init__(self, bands: RiskBands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bands = bands
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance(_WIDEST) + 20)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        self.setToolTip(f"Score bands: {bands.describe()}")
        self.show_levels(None, None)

    def show_levels(self, likelihood: int | None, impact: int | None, empty: str = "") -> None:
        score = score_of(likelihood, impact)
        if likelihood is None or impact is None or score is None:
            self.setText(empty or "—")
            self.setStyleSheet("QLabel { color: #555555; padding: 3px 8px; }")
            self.setAccessibleName(f"Score: {empty or 'not yet scored'}")
            return
        self.setText(score_words(likelihood, impact, self.bands))
        self.setStyleSheet(
            f"QLabel {{ background-color: {self.bands.colour(score)}; "
            f"color: {self.bands.text_colour(score)}; padding: 3px 8px; border-radius: 3px; }}"
        )
        self.setAccessibleName(f"Score {self.text()}")
