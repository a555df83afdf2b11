"""Move an action's target date, with the reason the board will read."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.plan import validate_rebaseline
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.plan_records import ActionRecord
from improvement_desk.ui.forms import DateField, FormDialog, multiline_edit, plain_label


def _day(value: date) -> str:
    return f"{value:%d %b %Y}"


class RebaselineDialog(FormDialog):
    def __init__(self, parent: QWidget | None, *, action: ActionRecord, today: date) -> None:
        super().__init__(parent, title=f"Re-baseline target — {action.reference}", is_new=True)
        self.setMinimumWidth(560)
        self._action = action
        self._today = today

        self.about = self.add_note(f"{action.reference}: {action.description}", "action_summary")
        self.original_target = plain_label(_day(action.original_target_date))
        self.original_target.setObjectName("original_target")
        current = _day(action.target_date)
        if action.revision_count:
            times = "once" if action.revision_count == 1 else f"{action.revision_count} times"
            current += f" (re-baselined {times})"
        self.current_target = plain_label(current)
        self.current_target.setObjectName("current_target")
        self.form.addRow("Original target:", self.original_target)
        self.form.addRow("Current target:", self.current_target)

        self.new_target = DateField.edit(action.target_date)
        self.reason = multiline_edit(4)
        self.reason.setPlaceholderText("Why the target moves, and who agreed it")
        self.add_row("New target date", "&New target date:", self.new_target, "new_target")
        self.add_row("Reason", "&Reason:", self.reason, "reason")
        self.chain_tab_order([self.new_target, self.reason])

        self.watch("New target date", self.new_target.dateChanged)
        self.watch("Reason", self.reason.textChanged)
        self.revalidate()
        self.new_target.setFocus()

    def quiet_until_touched(self, problem: FieldProblem) -> bool:
        # It opens on the current target: say "same date" only once they have picked one.
        return super().quiet_until_touched(problem) or problem.field == "New target date"

    def value(self) -> tuple[date, str]:
        return DateField.to_date(self.new_target.date()), clean_text(self.reason.toPlainText())

    def problems(self) -> list[FieldProblem]:
        new, reason = self.value()
        return validate_rebaseline(
            self._action.target_date, new, reason, start_date=self._action.start_date
        )
