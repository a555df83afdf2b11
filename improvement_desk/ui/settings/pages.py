"""A page of the settings dialog per area, built from the declaration (domain/settings.py).

Each field has its label, its editor, its error (naming the field) underneath
and its help text, so a setting the app does not use yet says so where it is
set. The Plan page lays the BRAG definitions out as a table (status, name,
colour); the Risks page shows the pack and register's own band preview.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.domain.settings import (
    BY_KEY,
    Area,
    SettingSpec,
    bands_from,
    specs_of,
)
from improvement_desk.ui.forms import FieldErrors, plain_label
from improvement_desk.ui.risks.bands_dialog import BandPreview
from improvement_desk.ui.settings.editors import SettingEditor, editor_for

READ_ONLY_NOTE = (
    "This board is open read-only: its settings can be seen but not changed here. "
    "Your own name (on the You page) can still be changed."
)
INTRO = {
    Area.BOARD: "What every officer sees for this board. Stored in the board and audited.",
    Area.PLAN: "How the action plan rates delivery. Stored in the board and audited.",
    Area.RISKS: "Score bands and the board's appetite: every risk view is rated by these.",
    Area.MEETINGS: "How meetings are run. Venue and start time of new meetings are set in "
    "Meetings ▸ Board members….",
    Area.PACK: "What every board pack holds, in order, and its colour. The logo is on the "
    "Board page.",
    Area.YOU: "Your own preferences, kept on this computer, not in the board.",
}
_HELP_COLOUR = "#555555"


def _small(text: str, name: str) -> QLabel:
    label = plain_label(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {_HELP_COLOUR};")
    font = QFont(label.font())
    font.setPointSizeF(max(font.pointSizeF() - 1, 7.0))
    label.setFont(font)
    return label


class SettingsPage(QWidget):
    """One area's editors, their errors and help; the dialog reads and writes values."""

    def __init__(self, area: Area, *, read_only: bool) -> None:
        super().__init__()
        self.area = area
        self.setObjectName(f"settings_page_{area.value}")
        self.specs = specs_of(area)
        self.editors: dict[str, SettingEditor] = {}
        self.errors = FieldErrors()
        self.read_only = read_only and any(not s.personal for s in self.specs)
        outer = QVBoxLayout(self)
        title = plain_label(area.label)
        bold = QFont(title.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() + 2)
        title.setFont(bold)
        outer.addWidget(title)
        outer.addWidget(_small(INTRO[area], f"{area.value}_intro"))
        if self.read_only:
            note = plain_label(READ_ONLY_NOTE)
            note.setObjectName("read_only_note")
            note.setWordWrap(True)
            outer.addWidget(note)
        outer.addSpacing(6)
        if area is Area.PLAN:
            self._brag_table(outer)
            others: Sequence[SettingSpec] = [s for s in self.specs if ".brag." not in s.key]
        else:
            others = self.specs
        outer.addLayout(self._form(others))
        self.preview: BandPreview | None = None
        if area is Area.RISKS:
            outer.addWidget(plain_label("How every possible score is rated:"))
            self.preview = BandPreview(RiskBands())
            self.preview.setObjectName("band_preview")
            outer.addWidget(self.preview)
        outer.addWidget(self.errors.general)
        outer.addStretch(1)
        for editor in self.editors.values():
            editor.set_read_only(self.read_only)

    # -- building ------------------------------------------------------------------------------

    def _editor(self, spec: SettingSpec) -> SettingEditor:
        editor = editor_for(spec)
        self.editors[spec.key] = editor
        return editor

    def _form(self, specs: Sequence[SettingSpec]) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        for spec in specs:
            editor = self._editor(spec)
            holder = QWidget()
            column = QVBoxLayout(holder)
            column.setContentsMargins(0, 0, 0, 4)
            column.setSpacing(2)
            column.addWidget(editor.widget)
            column.addWidget(self.errors.add(spec.label, editor.focus))
            column.addWidget(_small(spec.help, f"{spec.key.replace('.', '_')}_help"))
            label = QLabel(f"{spec.label}:")
            label.setBuddy(editor.focus)
            form.addRow(label, holder)
        return form

    def _brag_table(self, outer: QVBoxLayout) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        for column, text in enumerate(("Status", "Name", "Colour")):
            grid.addWidget(_small(text, f"brag_{text.lower()}_heading"), 0, column)
        row = 1
        for status in Brag:
            label_spec = BY_KEY[f"plan.brag.{status.value}.label"]
            colour_spec = BY_KEY[f"plan.brag.{status.value}.colour"]
            name, colour = self._editor(label_spec), self._editor(colour_spec)
            status_label = plain_label(status.label)
            status_label.setToolTip(status.meaning)
            status_label.setBuddy(name.focus)
            name.focus.setMinimumWidth(180)
            grid.addWidget(status_label, row, 0)
            grid.addWidget(name.widget, row, 1)
            grid.addWidget(colour.widget, row, 2)
            errors = QVBoxLayout()
            errors.setSpacing(0)
            errors.addWidget(self.errors.add(label_spec.label, name.focus))
            errors.addWidget(self.errors.add(colour_spec.label, colour.focus))
            grid.addLayout(errors, row + 1, 0, 1, 3)
            row += 2
        grid.setColumnStretch(1, 1)
        heading = plain_label("BRAG definitions")
        bold = QFont(heading.font())
        bold.setBold(True)
        heading.setFont(bold)
        outer.addWidget(heading)
        outer.addLayout(grid)
        outer.addWidget(
            _small(
                "Stored for the board, but not yet used: the plan, the register and the packs "
                "still show the standard BRAG names and colours.",
                "brag_help",
            )
        )
        outer.addSpacing(8)

    # -- values --------------------------------------------------------------------------------

    def values(self) -> dict[str, object]:
        return {key: editor.value() for key, editor in self.editors.items()}

    def set_values(self, values: Mapping[str, object]) -> None:
        for key, editor in self.editors.items():
            if key in values:
                editor.set_value(values[key])

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        mine = {s.label for s in self.specs}
        self.errors.show([p for p in problems if p.field in mine])

    def update_preview(
        self, values: Mapping[str, object], problems: Sequence[FieldProblem]
    ) -> None:
        if self.preview is None:
            return
        bad = {p.field for p in problems}
        if not bad & {s.label for s in self.specs}:
            self.preview.set_bands(bands_from(values))

    def problem_count(self, problems: Sequence[FieldProblem]) -> int:
        mine = {s.label for s in self.specs}
        return sum(1 for p in problems if p.field in mine)
