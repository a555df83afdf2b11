"""Set a log action's status; closing it names the meeting at which the board agreed that.

An owner marks an action complete; only the board closes it. So "Closed by
the board" asks which meeting, and cannot be saved without one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.action_log.log_table_model import status_text
from improvement_desk.ui.action_log.meeting_choice import chosen_meeting, latest_by, meeting_combo
from improvement_desk.ui.forms import FormDialog, plain_label
from improvement_desk.ui.plan.action_table_model import fmt_date

CLOSED_AT = "Closed at"  # the service's name for the field, so its problems show there too
NEEDS_MEETING = FieldProblem(CLOSED_AT, "choose the meeting at which the board agreed to close it")


class StatusDialog(FormDialog):
    def __init__(
        self,
        parent: QWidget | None,
        *,
        action: LogActionSummary,
        meetings: Sequence[MeetingSummary],
        today: date,
    ) -> None:
        super().__init__(parent, title=f"Set status — {action.reference}", is_new=False)
        self.setMinimumWidth(520)
        self._action = action
        self.about = self.add_note(f"{action.reference}: {action.description}", "action_summary")
        self.now = plain_label(f"{status_text(action)}, due {fmt_date(action.current_due)}")
        self.now.setObjectName("current_status")
        self.form.addRow("Now:", self.now)
        self.status = QComboBox()
        for status in LogStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(self.status.findData(action.status.value))
        suggested = action.closed_at_meeting_id or latest_by(meetings, today, action.meeting_date)
        self.closed_at = meeting_combo(
            meetings, none_text="Choose the meeting…", earliest=action.meeting_date,
            chosen=suggested,
        )  # fmt: skip
        self.add_row("Status", "&Status:", self.status, "status")
        self.add_row(CLOSED_AT, "Closed &at:", self.closed_at, "closed_at")
        self.chain_tab_order([self.status, self.closed_at])
        self.watch("Status", self.status.currentIndexChanged)
        self.watch(CLOSED_AT, self.closed_at.currentIndexChanged)
        self.status.currentIndexChanged.connect(self._enable_meeting)
        self._enable_meeting()
        self.revalidate()
        self.status.setFocus()

    def chosen_status(self) -> LogStatus:
        return LogStatus(str(self.status.currentData()))

    def set_status(self, status: LogStatus) -> None:
        self.status.setCurrentIndex(self.status.findData(status.value))

    def _enable_meeting(self, *_: object) -> None:
        self.closed_at.setEnabled(self.chosen_status() is LogStatus.CLOSED)

    def value(self) -> tuple[LogStatus, int | None]:
        status = self.chosen_status()
        return status, chosen_meeting(self.closed_at) if status is LogStatus.CLOSED else None

    def problems(self) -> list[FieldProblem]:
        status, meeting = self.value()
        return [NEEDS_MEETING] if status is LogStatus.CLOSED and meeting is None else []
