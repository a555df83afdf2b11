"""Record a dated progress update against an action."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.plan import validate_progress_update
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.plan_records import ActionRecord
from improvement_desk.ui.forms import DateField, FormDialog, multiline_edit


class ProgressUpdateDialog(FormDialog):
    def __init__(self, parent: QWidget | None, *, action: ActionRecord, today: date) -> None:
        super().__init__(parent, title=f"Progress update — {action.reference}", is_new=True)
        self.setMinimumWidth(560)
        self._action = action
        self._today = today

        self.about = self.add_note(f"{action.reference}: {action.description}", "action_summary")
        self.update_date = DateField.edit(today)
        self.update_text = multiline_edit(6)
        self.add_row("Date", "&Date:", self.update_date, "update_date")
        self.add_row("Update", "&Update:", self.update_text, "update_text")
        self.chain_tab_order([self.update_date, self.update_text])

        self.watch("Date", self.update_date.dateChanged)
        self.watch("Update", self.update_text.textChanged)
        self.revalidate()
        self.update_text.setFocus()

    def value(self) -> tuple[date, str]:
        return DateField.to_date(self.update_date.date()), clean_text(
            self.update_text.toPlainText()
        )

    def problems(self) -> list[FieldProblem]:
        on, text = self.value()
        return validate_progress_update(
            text, on, start_date=self._action.start_date, today=self._today
        )
