"""Add a person to the board's list (lead officers, members, officers in attendance)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.people import validate_person
from improvement_desk.domain.text_rules import SHORT_TEXT, clean_text
from improvement_desk.ui.forms import FormDialog


class PersonDialog(FormDialog):
    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent, title="Add person", is_new=True)
        self.setMinimumWidth(480)
        self.name = QLineEdit()
        self.role = QLineEdit()
        self.organisation = QLineEdit()
        self.role.setPlaceholderText("e.g. Head of Safeguarding")
        self.organisation.setPlaceholderText("e.g. the council, Ofsted, health partner")
        for edit in (self.name, self.role, self.organisation):
            edit.setMaxLength(SHORT_TEXT * 2)  # room to show the too-long error
        self.add_row("Name", "&Name:", self.name, "name")
        self.add_row("Role", "&Role:", self.role, "role")
        self.add_row("Organisation", "&Organisation:", self.organisation, "organisation")
        self.chain_tab_order([self.name, self.role, self.organisation])
        self.watch("Name", self.name.textChanged)
        self.watch("Role", self.role.textChanged)
        self.watch("Organisation", self.organisation.textChanged)
        self.revalidate()

    def value(self) -> tuple[str, str, str]:
        return (
            clean_text(self.name.text()),
            clean_text(self.role.text()),
            clean_text(self.organisation.text()),
        )

    def problems(self) -> list[FieldProblem]:
        return validate_person(*self.value())
