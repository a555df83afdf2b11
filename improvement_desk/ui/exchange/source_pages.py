"""The wizard's first two pages: which workbook and sheet, and which column holds which field.

Problems with the file are shown on the page, in red, as plain text (they
quote file and sheet names); the page is incomplete while one is shown. The
fields offered for matching are the wizard's `ImportKind.columns`.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from improvement_desk.domain.errors import DeskError
from improvement_desk.ui.exchange.export_actions import plural
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.theme import error_text_css, label_colour
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.interchange.table_reader import SheetChoice
    from improvement_desk.ui.exchange.import_wizard import ImportWizard

NOT_IN_SHEET = "— not in this sheet —"
TYPING_PAUSE_MS = 300


def error_label(name: str, accessible: str) -> QLabel:
    label = named(plain_label(), name, accessible)
    label.setWordWrap(True)
    label.setStyleSheet(label_colour(error_text_css()))
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.hide()
    return label


def show_text(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def sheet_summary(choice: SheetChoice, table: str = "an action plan") -> str:
    if choice.header_row is None:
        return f"No header row of {table} was recognised on this sheet."
    return (
        f"Recognised {plural(choice.matched, 'column')}, header in row {choice.header_row}, "
        f"{plural(choice.data_rows, 'data row')}."
    )


class FilePage(QWizardPage):
    def __init__(self, flow: ImportWizard) -> None:
        super().__init__()
        self.flow = flow
        self.setObjectName("file_page")
        self.setTitle("Choose the workbook")
        self.setSubTitle(flow.kind.file_hint)
        self.choices: list[SheetChoice] = []
        self._loaded_for = ""
        self._advance = False

        self.path_edit = named(QLineEdit(), "import_path", "Workbook file")
        self.path_edit.setPlaceholderText("The .xlsx file to import")
        self.path_edit.setClearButtonEnabled(True)
        self.browse = named(QPushButton("&Browse…"), "browse", "Browse for a workbook")
        self.sheet_combo = named(QComboBox(), "sheet", "Worksheet")
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.sheet_info = named(plain_label(), "sheet_info")
        self.sheet_info.setWordWrap(True)
        self.error = error_label("file_error", "Problem with the file")

        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow("&File:", row)
        form.addRow("&Sheet:", self.sheet_combo)
        form.addRow("", self.sheet_info)
        for label, buddy in ((form.labelForField(row), self.path_edit),
                             (form.labelForField(self.sheet_combo), self.sheet_combo)):  # fmt: skip
            if isinstance(label, QLabel):
                label.setBuddy(buddy)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addSpacing(8)
        layout.addWidget(self.error)
        layout.addStretch(1)

        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self.load)
        self.path_edit.textChanged.connect(self._path_changed)
        self.browse.clicked.connect(self._browse)
        self.sheet_combo.currentIndexChanged.connect(self._sheet_changed)
        flow.busy_changed.connect(self.completeChanged)

    def path_text(self) -> str:
        return self.path_edit.text().strip().strip('"')  # "Copy as path" adds quotes on Windows

    def _browse(self) -> None:
        chosen = self.flow.choose_file()
        if chosen:
            self.path_edit.setText(chosen)
            self._typing.stop()
            self.load()

    def _path_changed(self) -> None:
        self.flow.cancel_task()
        self.choices = []
        self._loaded_for = ""
        self.sheet_combo.clear()
        show_text(self.sheet_info, "")
        show_text(self.error, "")
        self._typing.start()
        self.completeChanged.emit()

    def load(self) -> None:
        """Lists the workbook's sheets (in the background)."""
        text = self.path_text()
        if not text:
            return
        self.flow.load_sheets(Path(text), lambda found: self._loaded(text, found), self.show_error)

    def _loaded(self, text: str, choices: list[SheetChoice]) -> None:
        self.choices = choices
        self._loaded_for = text
        self.sheet_combo.blockSignals(True)
        self.sheet_combo.clear()
        for choice in choices:
            self.sheet_combo.addItem(choice.name + (" (hidden)" if choice.hidden else ""))
        self.sheet_combo.blockSignals(False)
        if not choices:
            self.show_error("The workbook has no worksheets.")
        self.sheet_combo.setCurrentIndex(0 if choices else -1)
        self._sheet_changed()

    def _sheet_changed(self) -> None:
        i = self.sheet_combo.currentIndex()
        show_text(self.sheet_info, self._summary(i))
        if self.choices:
            show_text(self.error, "")
        self.completeChanged.emit()

    def _summary(self, i: int) -> str:
        if not 0 <= i < len(self.choices):
            return ""
        return sheet_summary(self.choices[i], self.flow.kind.table)

    def show_error(self, problem: DeskError | str) -> None:
        show_text(self.error, str(problem))
        self.completeChanged.emit()

    def chosen_sheet(self) -> str | None:
        i = self.sheet_combo.currentIndex()
        return self.choices[i].name if 0 <= i < len(self.choices) else None

    def isComplete(self) -> bool:
        return (
            not self.flow.busy
            and not self.error.text()
            and self.chosen_sheet() is not None
            and self._loaded_for == self.path_text()
        )

    def validatePage(self) -> bool:
        """Next reads the chosen sheet first (in the background), then moves on."""
        if self._advance:
            self._advance = False
            return True
        sheet = self.chosen_sheet()
        if sheet is None:
            return False
        self.flow.read_sheet(
            Path(self.path_text()), sheet, self._read, self.show_error, self._read_cancelled
        )
        return False

    def _read_cancelled(self, _: DeskError) -> None:
        summary = self._summary(self.sheet_combo.currentIndex())
        show_text(self.sheet_info, f"{summary} Reading the sheet was cancelled.".strip())
        self.completeChanged.emit()

    def _read(self) -> None:
        self._advance = True
        self.flow.next()


class ColumnsPage(QWizardPage):
    def __init__(self, flow: ImportWizard) -> None:
        super().__init__()
        self.flow = flow
        self.setObjectName("columns_page")
        self.setTitle("Match the columns")
        self.setSubTitle("Which column of the sheet holds each field. Fields marked * are needed.")
        self.combos: dict[str, QComboBox] = {}
        self.specs = flow.kind.columns
        # Columns recognised for fields that are never read (a risk's scores): kept as
        # detected, so that they are neither offered nor listed as not used.
        self.kept: dict[str, str] = {}
        self.status = named(plain_label(), "mapping_status")
        self.status.setWordWrap(True)
        self.unused = named(plain_label(), "unused_headers")
        self.unused.setWordWrap(True)
        self.warning = error_label("mapping_warning", "Column warning")
        self.error = error_label("columns_error", "Problem reading the sheet")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in self.specs:
            needed = " (needed)" if spec.required else ""
            combo = named(QComboBox(), f"column_{spec.field}", f"Column for {spec.header}{needed}")
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(28)
            combo.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            combo.currentIndexChanged.connect(self._changed)
            label = plain_label(spec.header + (" *" if spec.required else ""))
            label.setBuddy(combo)
            if spec.note:
                combo.setToolTip(spec.note)
            form.addRow(label, combo)
            self.combos[spec.field] = combo
        inner = QWidget()
        inner.setLayout(form)
        scroll = named(QScrollArea(), "columns_scroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.warning)
        layout.addWidget(self.unused)
        layout.addWidget(self.error)
        flow.busy_changed.connect(self.completeChanged)

    def initializePage(self) -> None:
        preview = self.flow.preview
        mapping = preview.mapping if preview is not None else {}
        letters = [letter for letter, _ in self.flow.headers]
        self.kept = {f: c for f, c in mapping.items() if not self.flow.kind.is_shown(f)}
        for spec in self.specs:
            combo = self.combos[spec.field]
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(NOT_IN_SHEET, "")
            for letter, heading in self.flow.headers:
                combo.addItem(f"{letter}: {' '.join(heading.split())}", letter)
            chosen = mapping.get(spec.field, "")
            if chosen and chosen not in letters:
                combo.addItem(f"{chosen}: (no heading)", chosen)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        show_text(self.error, "")
        self._show_mapping()

    def mapping(self) -> dict[str, str]:
        """The user's choice of column for every field offered, and the kept ones."""
        chosen = {field: str(combo.currentData() or "") for field, combo in self.combos.items()}
        taken = set(chosen.values())
        return chosen | {f: c for f, c in self.kept.items() if c not in taken}

    def _changed(self) -> None:
        show_text(self.error, "")
        self._show_mapping()
        self.flow.remap(self.mapping(), self._show_mapping, self._failed)
        self.completeChanged.emit()

    def _failed(self, problem: DeskError) -> None:
        show_text(self.error, str(problem))
        self.completeChanged.emit()

    def _show_mapping(self) -> None:
        mapping = self.mapping()
        preview = self.flow.preview
        shown = {f: c for f, c in mapping.items() if f in self.combos}
        chosen = sum(bool(letter) for letter in shown.values())
        where = (
            f"Header in row {preview.header_row} of sheet '{preview.sheet}'. " if preview else ""
        )
        self.status.setText(f"{where}{chosen} of {len(shown)} fields have a column.")
        by_letter: dict[str, list[str]] = defaultdict(list)
        headers = {spec.field: spec.header for spec in self.specs}
        for field, letter in shown.items():
            if letter:
                by_letter[letter].append(headers[field])
        problems = [
            f"Column {letter} is chosen for {' and '.join(names)}."
            for letter, names in by_letter.items()
            if len(names) > 1
        ]
        missing = [spec for spec in self.specs if spec.required and not shown[spec.field]]
        if missing:
            problems.append(self.flow.kind.missing_note(missing))
        show_text(self.warning, " ".join(problems))
        used = set(mapping.values())
        unused = [
            f"{letter} “{' '.join(heading.split())}”"
            for letter, heading in self.flow.headers
            if letter not in used
        ]
        show_text(self.unused, f"Not used: {', '.join(unused)}." if unused else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return not self.flow.busy and not self.error.text() and self.flow.preview is not None
