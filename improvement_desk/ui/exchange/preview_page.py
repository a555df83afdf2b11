"""The wizard's last page: every row and what importing it would do, before anything is written.

Import (the Finish button) stays disabled while rows are refused, unless the
user chooses to leave them out; it runs the apply in the background.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWizardPage,
)

from improvement_desk.domain.errors import DeskError
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.ui.exchange.export_actions import plural
from improvement_desk.ui.exchange.import_kinds import PLAN_IMPORT, ImportKind, PreviewView
from improvement_desk.ui.exchange.preview_model import (
    ImportPreviewModel,
    OutcomeFilter,
    PCol,
    explain,
)
from improvement_desk.ui.exchange.source_pages import error_label, show_text
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.text import plain_tooltip
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.ui.exchange.import_wizard import ImportWizard

FILTERS: tuple[tuple[str, frozenset[RowKind] | None], ...] = (
    ("All rows", None),
    ("New", frozenset({RowKind.NEW})),
    ("Changed", frozenset({RowKind.CHANGED})),
    ("Unchanged", frozenset({RowKind.UNCHANGED})),
    ("Refused and conflicts", frozenset({RowKind.REFUSED, RowKind.CONFLICT})),
)
_WIDTHS = {PCol.ROW: 56, PCol.REFERENCE: 70, PCol.OUTCOME: 100}


def counts_line(preview: PreviewView, kind: ImportKind = PLAN_IMPORT) -> str:
    """'12 new, 3 changed, 20 unchanged, 2 refused' (and conflicts when there are any)."""
    line = (
        f"{preview.count(RowKind.NEW)} new, {preview.count(RowKind.CHANGED)} changed"
        f"{kind.changed_note(preview)}, {preview.count(RowKind.UNCHANGED)} unchanged, "
        f"{preview.count(RowKind.REFUSED)} refused"
    )
    conflicts = preview.count(RowKind.CONFLICT)
    if conflicts:
        line += f", {plural(conflicts, 'conflict')} (changed on the board since the copy was made)"
    return line


class PreviewPage(QWizardPage):
    def __init__(self, flow: ImportWizard) -> None:
        super().__init__()
        self.flow = flow
        self.setObjectName("preview_page")
        self.setTitle("Check what will change")
        self.setSubTitle("Nothing is written until you press Import; then all of it is, or none.")
        self.setCommitPage(False)
        self.source = named(plain_label(), "preview_source")
        self.source.setWordWrap(True)
        self.counts = named(plain_label(), "counts", "Outcome counts")
        font = self.counts.font()
        font.setBold(True)
        self.counts.setFont(font)
        self.filter_combo = named(QComboBox(), "outcome_filter", "Show rows")
        for text, kinds in FILTERS:
            self.filter_combo.addItem(text, kinds)

        self.model = ImportPreviewModel(self, flow.kind)
        self.proxy = OutcomeFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = named(QTableView(), "preview_table", "Rows of the sheet")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(PCol.ROW, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        for col, width in _WIDTHS.items():
            header.resizeSection(col, width)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)

        self.row_detail = named(plain_label(), "row_detail", "The chosen row in full")
        self.row_detail.setWordWrap(True)
        self.row_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.row_detail.setStyleSheet(
            "QLabel#row_detail { background: palette(base); border: 1px solid palette(mid);"
            " padding: 4px; }"
        )
        self.row_detail.hide()
        self.additions = named(plain_label(), "additions")
        self.additions.setWordWrap(True)
        self.notes = named(plain_label(), "preview_notes")
        self.notes.setWordWrap(True)
        self.skip_box = named(
            QCheckBox("&Leave out the refused rows and import the rest"), "skip_refused"
        )
        self.blocked = error_label("blocked", "Why Import is disabled")
        self.error = error_label("preview_error", "Problem reading the file again")

        show = QLabel("S&how:")
        show.setBuddy(self.filter_combo)
        filters = QHBoxLayout()
        filters.addWidget(self.counts)
        filters.addStretch(1)
        filters.addWidget(show)
        filters.addWidget(self.filter_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.source)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.row_detail)
        layout.addWidget(self.additions)
        layout.addWidget(self.notes)
        layout.addWidget(self.blocked)
        layout.addWidget(self.skip_box)
        layout.addWidget(self.error)

        self.filter_combo.currentIndexChanged.connect(self._filter)
        self.table.selectionModel().currentRowChanged.connect(self._show_row)
        self.skip_box.toggled.connect(self._update_blocked)
        flow.busy_changed.connect(self.completeChanged)

    def initializePage(self) -> None:
        self.skip_box.setChecked(False)
        self.filter_combo.setCurrentIndex(0)
        self.show_preview()

    def cleanupPage(self) -> None:
        self.model.set_preview(None)

    def show_preview(self) -> None:
        preview = self.flow.preview
        self.model.set_preview(preview)
        self._show_row()
        show_text(self.error, "")
        if preview is None:
            return
        self.source.setText(
            f"{preview.file_name}, sheet '{preview.sheet}', header in row {preview.header_row}"
        )
        kind = self.flow.kind
        self.counts.setText(counts_line(preview, kind))
        show_text(self.additions, "\n".join(kind.additions(preview)))
        notes = [str(w) for w in preview.warnings]
        if preview.skipped:
            notes.append(f"{plural(len(preview.skipped), 'row')} left out as not {kind.nouns}.")
        show_text(self.notes, "\n".join(notes[:6]) + ("\n…" if len(notes) > 6 else ""))
        self.notes.setToolTip(
            plain_tooltip("\n".join(notes + [str(s) for s in preview.skipped])) or ""
        )
        self.skip_box.setVisible(bool(preview.refused))
        if not preview.refused:
            self.skip_box.setChecked(False)
        self._update_blocked()

    def show_error(self, problem: DeskError) -> None:
        self.flow.preview = None
        self.model.set_preview(None)
        show_text(self.error, str(problem))
        self.completeChanged.emit()

    def _show_row(self) -> None:
        index = self.proxy.mapToSource(self.table.currentIndex())
        text = explain(self.model.outcome(index.row()), self.flow.kind) if index.isValid() else ""
        show_text(self.row_detail, text)

    def _filter(self) -> None:
        self.proxy.set_kinds(self.filter_combo.currentData())
        self._show_row()

    def _update_blocked(self) -> None:
        preview = self.flow.preview
        why = ""
        if preview is not None and preview.refused and not self.skip_box.isChecked():
            rows = preview.count(RowKind.REFUSED) + preview.count(RowKind.CONFLICT)
            why = (
                f"{plural(rows, 'row is', 'rows are')} refused: correct the file and import it "
                "again, or leave the refused rows out."
            )
        elif preview is not None and not self.flow.applicable():
            why = "Nothing to import: every row the sheet holds already matches the board."
        show_text(self.blocked, why)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        preview = self.flow.preview
        return (
            preview is not None
            and not self.flow.busy
            and (not preview.refused or self.skip_box.isChecked())
            and self.flow.applicable() > 0
        )

    def validatePage(self) -> bool:
        """Import: applies in the background; the wizard closes when that has succeeded."""
        if self.flow.imported is not None:
            return True
        if self.isComplete():
            self.flow.apply(self.skip_box.isChecked())
        return False
