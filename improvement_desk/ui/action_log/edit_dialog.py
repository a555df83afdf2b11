"""Edit a log action's wording and owner.

Its due date changes only by a revision and its status by the status
dialog, so that each leaves its own trace; the meeting that agreed it never
changes.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.text_rules import LONG_TEXT, check_text, clean_text
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.people import PersonRecord
from improvement_desk.ui.forms import FormDialog, multiline_edit


def owner_combo(people: Sequence[PersonRecord], owner_id: int, owner_name: str) -> QComboBox:
    combo = QComboBox()
    for person in people:
        combo.addItem(person.name, person.id)
    if combo.findData(owner_id) < 0:
        combo.addItem(owner_name, owner_id)  # not on the list any more, but still the owner
    combo.setCurrentIndex(combo.findData(owner_id))
    return combo


class EditLogActionDialog(FormDialog):
    def __init__(
        self, parent: QWidget | None, *, action: LogActionSummary, people: Sequence[PersonRecord]
    ) -> None:
        super().__init__(parent, title=f"Edit action {action.reference}", is_new=False)
        self.setMinimumWidth(560)
        self._action = action
        self.description = multiline_edit(5)
        self.description.setPlainText(action.description)
        self.owner = owner_combo(people, action.owner_id, action.owner_name)
        self.add_row("Action", "&Action:", self.description, "description")
        self.add_row("Owner", "&Owner:", self.owner, "owner")
        self.chain_tab_order([self.description, self.owner])
        self.watch("Action", self.description.textChanged)
        self.watch("Owner", self.owner.currentIndexChanged)
        self.revalidate()
        self.description.setFocus()

    def value(self) -> tuple[str, int]:
        owner = self.owner.currentData()
        return clean_text(self.description.toPlainText()), int(owner)

    def problems(self) -> list[FieldProblem]:
        problem = check_text("Action", self.value()[0], max_length=LONG_TEXT)
        return [problem] if problem else []
