"""Add someone to the board — a person already on the list, or a new one — or change a seat.

The seat is separate from the person: their job ("Director of Children's
Services") belongs to the person, the seat ("Independent Chair") and its kind
(voting member, adviser, officer in attendance) to the membership.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum

from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.meeting import MemberKind
from improvement_desk.domain.people import validate_person
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text, clean_text
from improvement_desk.services.meeting_records import MemberRecord
from improvement_desk.services.people import PersonRecord
from improvement_desk.ui.forms import FormDialog

CHOOSE_PERSON = "Choose someone from the list…"


class MemberMode(Enum):
    EXISTING = "existing"  # a person already on the board's list of people
    NEW = "new"  # a new person, added to the list and the board at once
    EDIT = "edit"  # an existing membership


@dataclass(frozen=True, slots=True)
class MemberChoice:
    """What the dialog submits; `person_id` for EXISTING, the person's details for NEW."""

    kind: MemberKind
    board_role: str
    active: bool = True
    person_id: int | None = None
    name: str = ""
    job_role: str = ""
    organisation: str = ""


def kind_combo() -> QComboBox:
    combo = QComboBox()
    for kind in MemberKind:
        combo.addItem(kind.label, kind.value)
    combo.setToolTip("Voting members count towards the quorum; advisers and officers do not")
    return combo


class MemberDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        mode: MemberMode,
        people: Sequence[PersonRecord] = (),
        initial: MemberRecord | None = None,
    ) -> None:
        titles = {
            MemberMode.EXISTING: "Add a person from the list to the board",
            MemberMode.NEW: "Add a new person to the board",
            MemberMode.EDIT: f"Board member — {initial.name if initial else ''}",
        }
        super().__init__(parent, title=titles[mode], is_new=mode is not MemberMode.EDIT)
        self.setMinimumWidth(520)
        self.mode = mode
        self.person = QComboBox()
        self.name = QLineEdit()
        self.job_role = QLineEdit()
        self.organisation = QLineEdit()
        self.kind = kind_combo()
        self.board_role = QLineEdit()
        self.board_role.setPlaceholderText("The seat, e.g. Independent Chair, Lead Member")
        self.active = QCheckBox("Sits on the board now (untick for a former member)")
        for edit in (self.name, self.job_role, self.organisation, self.board_role):
            edit.setMaxLength(SHORT_TEXT * 2)  # room to show the too-long error
        order: list[QWidget] = []

        if mode is MemberMode.EXISTING:
            self.person.addItem(CHOOSE_PERSON, None)
            for p in people:
                detail = ", ".join(x for x in (p.role, p.organisation) if x)
                self.person.addItem(f"{p.name} — {detail}" if detail else p.name, p.id)
            self.add_row("Name", "&Person:", self.person, "person")
            self.watch("Name", self.person.currentIndexChanged)
            order.append(self.person)
        elif mode is MemberMode.NEW:
            self.name.setPlaceholderText("Their name as the minutes will print it")
            self.job_role.setPlaceholderText("e.g. Director of Children's Services")
            self.organisation.setPlaceholderText("e.g. the council, NHS partner, Ofsted")
            self.add_row("Name", "&Name:", self.name, "name")
            self.add_row("Role", "&Job role:", self.job_role, "job_role")
            self.add_row("Organisation", "&Organisation:", self.organisation, "organisation")
            self.watch("Name", self.name.textChanged)
            self.watch("Role", self.job_role.textChanged)
            self.watch("Organisation", self.organisation.textChanged)
            order += [self.name, self.job_role, self.organisation]
        elif initial is not None:
            detail = ", ".join(x for x in (initial.job_role, initial.organisation) if x)
            self.add_note(f"{initial.name}" + (f" — {detail}" if detail else ""), "member_name")

        self.add_row("Kind", "&Kind of seat:", self.kind, "kind")
        self.add_row("Board role", "&Board role:", self.board_role, "board_role")
        self.watch("Kind", self.kind.currentIndexChanged)
        self.watch("Board role", self.board_role.textChanged)
        order += [self.kind, self.board_role]
        if mode is MemberMode.EDIT:
            self.active.setObjectName("active")
            self.form.addRow("", self.active)
            self.watch("Active", self.active.toggled)
            order.append(self.active)
        self.active.setChecked(True)
        if initial is not None:
            self.kind.setCurrentIndex(max(self.kind.findData(initial.kind.value), 0))
            self.board_role.setText(initial.board_role)
            self.active.setChecked(initial.active)
        self.chain_tab_order(order)
        self.revalidate()
        order[0].setFocus()

    def value(self) -> MemberChoice:
        person = self.person.currentData() if self.mode is MemberMode.EXISTING else None
        return MemberChoice(
            kind=MemberKind(self.kind.currentData()),
            board_role=clean_text(self.board_role.text()),
            active=self.active.isChecked(),
            person_id=int(person) if person is not None else None,
            name=clean_text(self.name.text()),
            job_role=clean_text(self.job_role.text()),
            organisation=clean_text(self.organisation.text()),
        )

    def problems(self) -> list[FieldProblem]:
        choice = self.value()
        found: list[FieldProblem] = []
        if self.mode is MemberMode.EXISTING and choice.person_id is None:
            found.append(FieldProblem("Name", "is required"))
        if self.mode is MemberMode.NEW:
            found += validate_person(choice.name, choice.job_role, choice.organisation)
        role = check_text(
            "Board role", choice.board_role, max_length=SHORT_TEXT, single_line=True,
            required=False,
        )  # fmt: skip
        return [*found, *([role] if role else [])]
