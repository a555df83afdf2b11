"""Revise a log action's due date: the new date, why, and the meeting that agreed it.

The original due date never moves; each revision is kept, so the dialog shows
both dates and how often the action has slipped before a new one is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from improvement_desk.domain.action_log import DueRevisionDraft, validate_due_revision
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.text_rules import clean_text
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.action_log.log_table_model import due_text
from improvement_desk.ui.action_log.meeting_choice import chosen_meeting, latest_by, meeting_combo
from improvement_desk.ui.forms import DateField, FormDialog, multiline_edit, plain_label
from improvement_desk.ui.plan.action_table_model import fmt_date

AGREED_AT = "Agreed at"  # the service's name for the field, so its problems show there too


class RevisionDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        action: LogActionSummary,
        meetings: Sequence[MeetingSummary],
        today: date,
    ) -> None:
        super().__init__(parent, title=f"Revise due date — {action.reference}", is_new=True)
        self.setMinimumWidth(560)
        self._action = action

        self.about = self.add_note(f"{action.reference}: {action.description}", "action_summary")
        self.original_due = plain_label(fmt_date(action.original_due))
        self.original_due.setObjectName("original_due")
        self.current_due = plain_label(due_text(action))
        self.current_due.setObjectName("current_due")
        self.form.addRow("Original due:", self.original_due)
        self.form.addRow("Current due:", self.current_due)

        self.new_due = DateField.edit(action.current_due)
        self.reason = multiline_edit(3)
        self.reason.setPlaceholderText("Why the date moves (up to 200 characters)")
        self.agreed_at = meeting_combo(
            meetings,
            none_text="Not agreed at a meeting",
            earliest=action.meeting_date,
            chosen=latest_by(meetings, today, action.meeting_date),
        )
        self.add_row("New due date", "&New due date:", self.new_due, "new_due")
        self.add_row("Reason", "&Reason:", self.reason, "reason")
        self.add_row(AGREED_AT, "&Agreed at:", self.agreed_at, "agreed_at")
        self.chain_tab_order([self.new_due, self.reason, self.agreed_at])

        self.watch("New due date", self.new_due.dateChanged)
        self.watch("Reason", self.reason.textChanged)
        self.watch(AGREED_AT, self.agreed_at.currentIndexChanged)
        self.revalidate()
        self.new_due.setFocus()

    def quiet_until_touched(self, problem: FieldProblem) -> bool:
        # It opens on the current date: say "the same" only once they have picked one.
        return super().quiet_until_touched(problem) or problem.field == "New due date"

    def value(self) -> DueRevisionDraft:
        return DueRevisionDraft(
            new_due=DateField.to_date(self.new_due.date()),
            reason=clean_text(self.reason.toPlainText()),
            agreed_at_meeting_id=chosen_meeting(self.agreed_at),
        )

    def problems(self) -> list[FieldProblem]:
        draft = self.value()
        found = validate_due_revision(draft, current_due=self._action.current_due)
        raised = self._action.meeting_date
        if draft.new_due < raised:
            found.append(
                FieldProblem(
                    "New due date",
                    f"{draft.new_due:%d %b %Y} is before the meeting that agreed the action "
                    f"({raised:%d %b %Y})",
                )
            )
        return found
