"""Declarations of interest: who declared what, about which item.

Under an item the panel lists that item's declarations and records new ones
against it; under the "Declarations of interest" standing item it lists every
declaration of the meeting, and the "About" choice says which item each
concerns (or the meeting as a whole). Delete in the list removes one.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.meeting import StandingItem
from improvement_desk.services.meeting_records import AgendaItemRecord, DeclarationRecord
from improvement_desk.ui.meeting_screen.fields import (
    EntryLine,
    PersonCombo,
    problem_label,
    section_title,
    show_problems,
)
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip

NATURE_FIELD = "Nature of interest"
PERSON_FIELD = "Declared by"


class DeclCol(IntEnum):
    PERSON = 0
    ITEM = 1
    NATURE = 2


class DeclarationsModel(RecordTableModel):
    columns = DeclCol
    headers: ClassVar[dict[DeclCol, str]] = {
        DeclCol.PERSON: "Declared by",
        DeclCol.ITEM: "Item",
        DeclCol.NATURE: "Interest",
    }

    def set_declarations(self, declarations: Sequence[DeclarationRecord]) -> None:
        self.beginResetModel()
        self._rows = list(declarations)
        self.endResetModel()

    def declaration(self, row: int) -> DeclarationRecord | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        d: DeclarationRecord = self._rows[index.row()]
        col = DeclCol(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            if col is DeclCol.PERSON:
                return d.person_name
            if col is DeclCol.ITEM:
                return d.item_number or "All"
            return d.nature
        if role == Qt.ItemDataRole.ToolTipRole:
            about = f"item {d.item_number}" if d.item_number else "the whole meeting"
            return plain_tooltip(f"{d.person_name} declared an interest in {about}:\n{d.nature}")
        return None


class DeclarationsPanel(QWidget):
    # (person id, item id or None, nature)
    declare_wanted = Signal(int, object, str)
    remove_wanted = Signal(object)  # DeclarationRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DeclarationsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("declarations")
        self.table.setAccessibleName("Declarations of interest")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(26)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(DeclCol.PERSON, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DeclCol.ITEM, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.table.installEventFilter(self)

        self.person = PersonCombo("Who declares", self)
        self.person.setObjectName("declaration_person")
        self.person.setAccessibleName(PERSON_FIELD)
        self.about = QComboBox(self)
        self.about.setObjectName("declaration_item")
        self.about.setAccessibleName("About item")
        self.nature = EntryLine(self)
        self.nature.setObjectName("declaration_nature")
        self.nature.setAccessibleName(NATURE_FIELD)
        self.nature.setPlaceholderText("Nature of the interest")
        self.declare_button = QPushButton("Declare", self)
        self.declare_button.setObjectName("declare")
        self.errors = problem_label("declaration_problems")
        self.writable = True

        entry = QGridLayout()
        entry.setContentsMargins(0, 0, 0, 0)
        entry.setHorizontalSpacing(4)
        entry.setVerticalSpacing(4)
        entry.addWidget(self.person, 0, 0)
        entry.addWidget(self.about, 0, 1, 1, 2)
        entry.addWidget(self.nature, 1, 0, 1, 2)
        entry.addWidget(self.declare_button, 1, 2)
        entry.setColumnStretch(0, 3)
        entry.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.title = section_title("Declarations of interest", "declarations_title")
        layout.addWidget(self.title)
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addWidget(self.errors)
        QWidget.setTabOrder(self.person, self.about)
        QWidget.setTabOrder(self.about, self.nature)
        QWidget.setTabOrder(self.nature, self.declare_button)

        self.nature.submitted.connect(self.submit)
        self.person.line().returnPressed.connect(self.submit)
        self.declare_button.clicked.connect(self.submit)

    def set_people(self, people: Sequence[tuple[int, str]]) -> None:
        self.person.set_people(people)

    def show_for(
        self,
        item: AgendaItemRecord | None,
        items: Sequence[AgendaItemRecord],
        everything: Sequence[DeclarationRecord],
    ) -> None:
        """The item's declarations (all of them under the declarations item)."""
        whole = item is None or item.standing is StandingItem.DECLARATIONS
        here = item.id if item is not None else None
        shown = list(everything) if whole else [d for d in everything if d.item_id == here]
        self.model.set_declarations(shown)
        self.table.setColumnHidden(DeclCol.ITEM, not whole)
        self.title.setText(
            f"Declarations of interest ({len(shown)})" if shown else "Declarations of interest"
        )
        self.about.blockSignals(True)
        self.about.clear()
        self.about.addItem("Whole meeting", None)
        for i in items:
            self.about.addItem(f"Item {i.number}", i.id)
        wanted = self.about.findData(None if whole else here)
        self.about.setCurrentIndex(max(wanted, 0))
        self.about.blockSignals(False)

    def set_writable(self, writable: bool) -> None:
        self.writable = writable
        for widget in (self.person, self.about, self.nature, self.declare_button):
            widget.setVisible(writable)
        if not writable:
            show_problems(self.errors, [])

    def show_problems(self, problems: Sequence[FieldProblem]) -> None:
        show_problems(self.errors, problems)
        fields = {p.field for p in problems}
        (self.person if PERSON_FIELD in fields else self.nature).setFocus()

    def submit(self) -> None:
        person = self.person.resolve(PERSON_FIELD)
        problems = [person] if isinstance(person, FieldProblem) else []
        nature = " ".join(self.nature.text().split())
        if not nature:
            problems.append(FieldProblem(NATURE_FIELD, "is required"))
        if problems or isinstance(person, FieldProblem):
            self.show_problems(problems)
            return
        self.declare_wanted.emit(person, self.about.currentData(), nature)

    def saved(self) -> None:
        self.nature.clear()
        self.person.reset()
        show_problems(self.errors, [])
        self.person.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
            and self.writable
        ):
            declaration = self.model.declaration(self.table.currentIndex().row())
            if declaration is not None:
                self.remove_wanted.emit(declaration)
            return True
        return super().eventFilter(watched, event)
