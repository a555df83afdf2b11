"""Record a dated update on a log action: what has happened since the last one."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from improvement_desk.domain.action_log import LogUpdateDraft, validate_log_update
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.ui.forms import DateField, FormDialog, multiline_edit


class LogUpdateDialog(FormDialog):
    def __init__(self, parent: QWidget | None, *, action: LogActionSummary, today: date) -> None:
        super().__init__(parent, title=f"Add update — {action.reference}", is_new=True)
        self.setMinimumWidth(560)
        self._today = today
        self._raised_on = action.meeting_date
        self.about = self.add_note(f"{action.reference}: {action.description}", "action_summary")
        self.update_date = DateField.edit(today)
        self.update_text = multiline_edit(6)
        self.update_text.setPlaceholderText("What has been done, and what happens next")
        self.add_row("Date", "&Date:", self.update_date, "update_date")
        self.add_row("Update", "&Update:", self.update_text, "update_text")
        self.chain_tab_order([self.update_date, self.update_text])
        self.watch("Date", self.update_date.dateChanged)
        self.watch("Update", self.update_text.textChanged)
        self.revalidate()
        self.update_text.setFocus()

    def value(self) -> LogUpdateDraft:
        return LogUpdateDraft(
            update_date=DateField.to_date(self.update_date.date()),
            text=clean_text(self.update_text.toPlainText()),
        )

    def problems(self) -> list[FieldProblem]:
        draft = self.value()
        found = validate_log_update(draft, today=self._today)
        raised = self._raised_on
        if draft.update_date < raised:
            found.append(
                FieldProblem(
                    "Date",
                    f"{draft.update_date:%d %b %Y} is before the meeting that agreed the action "
                    f"({raised:%d %b %Y})",
                )
            )
        return found
