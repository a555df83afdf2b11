"""The board's score bands, their colours and its risk appetite, with a live preview.

Every risk view takes its bands from this one setting, so the preview of all
possible scores is exactly how the register, the heat map and the pack will
rate them once saved.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPaintEvent, QPen, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.risk_bands import Band, RiskBands, text_colour_on, validate_bands
from improvement_desk.domain.risk_scoring import MAX_SCORE, POSSIBLE_SCORES
from improvement_desk.ui.forms import FormDialog, plain_label

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_UNSET = "#FFFFFF"  # a colour still being typed previews as white, never as an error
_CELL, _GAP, _MARK = 34, 3, 16


def usable(colour: str) -> str:
    return colour.upper() if _HEX.match(colour) else _UNSET


class BandPreview(QWidget):
    """Every score a 5x5 matrix can give, in its band's colour, with the number and band letter.

    Scores above the appetite are underlined with a dark bar: those risks are flagged.
    """

    def __init__(self, bands: RiskBands, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bands = bands
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def set_bands(self, bands: RiskBands) -> None:
        self.bands = bands
        self.setAccessibleDescription(bands.describe())
        self.update()

    def sizeHint(self) -> QSize:
        count = len(POSSIBLE_SCORES)
        return QSize(count * (_CELL + _GAP), _CELL + 6 + _MARK + self.fontMetrics().height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        bold = QFont(self.font())
        bold.setBold(True)
        flagged = [i for i, s in enumerate(POSSIBLE_SCORES) if self.bands.above_appetite(s)]
        for i, score in enumerate(POSSIBLE_SCORES):
            band = self.bands.band(score)
            fill = usable(self.bands.colour(band))
            cell = QRect(i * (_CELL + _GAP), 0, _CELL, _CELL)
            painter.fillRect(cell, QColor(fill))
            painter.setPen(QPen(QColor("#777777")))
            painter.drawRect(cell.adjusted(0, 0, -1, -1))
            painter.setPen(QColor(text_colour_on(fill)))
            painter.setFont(bold)
            painter.drawText(cell.adjusted(0, 2, 0, -cell.height() // 2), Qt.AlignmentFlag.AlignCenter, str(score))  # fmt: skip
            painter.setFont(self.font())
            painter.drawText(cell.adjusted(0, cell.height() // 2, 0, -2), Qt.AlignmentFlag.AlignCenter, band.letter)  # fmt: skip
        if flagged:
            left = flagged[0] * (_CELL + _GAP)
            right = (flagged[-1] + 1) * (_CELL + _GAP) - _GAP
            painter.fillRect(QRect(left, _CELL + 4, right - left, 4), QColor("#222222"))
            painter.setPen(self.palette().color(self.foregroundRole()))
            text = "flagged: above appetite"
            fits = left + self.fontMetrics().horizontalAdvance(text) <= self.width()
            area = QRect(0, _CELL + 10, self.width(), self.fontMetrics().height() + 4)
            if fits:
                area.setLeft(left)
            where = Qt.AlignmentFlag.AlignLeft if fits else Qt.AlignmentFlag.AlignRight
            painter.drawText(area, where | Qt.AlignmentFlag.AlignTop, text)
        painter.end()


def swatch(colour: str) -> QIcon:
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(usable(colour)))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#555555"))
    painter.drawRect(0, 0, 15, 15)
    painter.end()
    return QIcon(pixmap)


class BandsDialog(FormDialog):
    def __init__(self, parent: QWidget | None, *, bands: RiskBands) -> None:
        super().__init__(parent, title="Score bands and appetite", is_new=False)
        self.setMinimumWidth(620)
        self.colour_dialog: QColorDialog | None = None  # the open picker, for tests
        # Lines broken by hand: a word-wrapped label makes the form under-reserve height when
        # error lines appear, and the preview below would be squeezed.
        note = plain_label(
            "A score is likelihood × impact, 1 to 25. Every risk view takes its band and\n"
            "colour from here, so a change re-rates the whole register at once."
        )
        note.setObjectName("bands_note")
        note.setContentsMargins(0, 0, 0, 6)
        self.form.addRow(note)
        self.low_max = self._spin(MAX_SCORE - 1)
        self.medium_max = self._spin(MAX_SCORE - 1)
        self.appetite = self._spin(MAX_SCORE)
        self.add_row("Low up to", "&Low up to:", self.low_max, "low_max")
        self.add_row("Medium up to", "&Medium up to:", self.medium_max, "medium_max")
        self.add_row("Appetite", "&Appetite (flag risks scoring above):", self.appetite, "appetite")
        self.colours: dict[Band, QLineEdit] = {}
        self.pickers: dict[Band, QPushButton] = {}
        for band, text in ((Band.LOW, "Lo&w colour:"), (Band.MEDIUM, "Me&dium colour:"), (Band.HIGH, "&High colour:")):  # fmt: skip
            self._colour_row(band, text)
        self.preview = BandPreview(bands)
        self.preview.setObjectName("preview")
        heading = plain_label("Every possible score, as it will be rated:")
        heading.setContentsMargins(0, 8, 0, 0)
        self.form.addRow(heading)
        self.form.addRow(self.preview)
        self.summary = plain_label()
        self.summary.setObjectName("bands_summary")
        self.form.addRow(self.summary)

        self.restore = self.buttons.addButton(QDialogButtonBox.StandardButton.RestoreDefaults)
        self.restore.clicked.connect(lambda: self.set_bands(RiskBands()))
        self.chain_tab_order(
            [
                self.low_max, self.medium_max, self.appetite,
                *[w for band in Band for w in (self.colours[band], self.pickers[band])],
            ]
        )  # fmt: skip

        self.set_bands(bands)
        self.watch("Low up to", self.low_max.valueChanged)
        self.watch("Medium up to", self.medium_max.valueChanged)
        self.watch("Appetite", self.appetite.valueChanged)
        for band in Band:
            self.watch(f"{band.label} colour", self.colours[band].textChanged)
        for signal in (
            self.low_max.valueChanged,
            self.medium_max.valueChanged,
            self.appetite.valueChanged,
            *[self.colours[band].textChanged for band in Band],
        ):
            signal.connect(self._preview)
        self._preview()
        self.revalidate()

    @staticmethod
    def _spin(top: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setRange(1, top)
        spin.setMaximumWidth(90)
        return spin

    def _colour_row(self, band: Band, text: str) -> None:
        edit = QLineEdit()
        edit.setMaxLength(20)
        edit.setPlaceholderText("#RRGGBB")
        edit.setMaximumWidth(110)
        button = QPushButton("Choose…")
        button.setObjectName(f"{band.value}_picker")
        button.setAccessibleName(f"Choose the {band.label.lower()} colour")
        button.clicked.connect(lambda: self.pick_colour(band))
        edit.textChanged.connect(lambda value: button.setIcon(swatch(value)))
        holder = QWidget()
        holder.setObjectName(f"{band.value}_colour_row")
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        line = QHBoxLayout()
        line.addWidget(edit)
        line.addWidget(button)
        line.addStretch(1)
        column.addLayout(line)
        field = f"{band.label} colour"
        edit.setObjectName(f"{band.value}_colour")
        edit.setAccessibleName(field)
        column.addWidget(self.errors.add(field, edit))
        label = QLabel(text)
        label.setBuddy(edit)
        self.form.addRow(label, holder)
        self.inputs[field] = edit
        self.colours[band] = edit
        self.pickers[band] = button

    def pick_colour(self, band: Band) -> None:
        edit = self.colours[band]
        picker = QColorDialog(QColor(usable(edit.text())), self)
        picker.setWindowTitle(f"{band.label} band colour")
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.colorSelected.connect(lambda colour: edit.setText(colour.name().upper()))
        picker.finished.connect(lambda *_: setattr(self, "colour_dialog", None))
        self.colour_dialog = picker
        picker.open()

    def set_bands(self, bands: RiskBands) -> None:
        self.low_max.setValue(bands.low_max)
        self.medium_max.setValue(bands.medium_max)
        self.appetite.setValue(bands.appetite)
        for band in Band:
            self.colours[band].setText(bands.colour(band))

    def _preview(self, *_: object) -> None:
        bands = self.value()
        self.preview.set_bands(bands)
        if validate_bands(bands):
            self.summary.setText("")
        else:
            self.summary.setText(bands.describe())

    def value(self) -> RiskBands:
        return RiskBands(
            low_max=self.low_max.value(),
            medium_max=self.medium_max.value(),
            appetite=self.appetite.value(),
            low_colour=self._colour(Band.LOW),
            medium_colour=self._colour(Band.MEDIUM),
            high_colour=self._colour(Band.HIGH),
        )

    def _colour(self, band: Band) -> str:
        """A hex colour as the board stores it (#7B1FA2); anything else as typed, for the error."""
        text = self.colours[band].text().strip()
        return text.upper() if _HEX.match(text) else text

    def problems(self) -> list[FieldProblem]:
        return validate_bands(self.value())
