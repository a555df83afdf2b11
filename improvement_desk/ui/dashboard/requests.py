"""What a dashboard figure asks for: a module page and the filter that shows its records.

The dashboard only emits these; the main window shows the named page (which
reloads it) and then applies the request, so a figure and its list are read
from the same board state.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.scorecard import Rag


@dataclass(frozen=True, slots=True)
class MeetingRequest:
    meeting_id: int
    item_id: int | None = None  # the agenda item to select, as well
    module = "Meetings"

    def apply(self, page: object) -> int:
        from improvement_desk.ui.meetings.meetings_page import MeetingsPage

        if not isinstance(page, MeetingsPage):
            raise TypeError(f"{self.module} is not the page shown")
        if self.item_id is not None:
            page.reload(select=self.meeting_id, item=self.item_id)
        return 1 if page.select_meeting(self.meeting_id) else 0


@dataclass(frozen=True, slots=True)
class PlanRequest:
    theme: str | None = None
    lead: str | None = None
    status: Brag | None = None
    overdue: bool = False
    due_by: date | None = None
    module = "Action plan"

    def apply(self, page: object) -> int:
        from improvement_desk.ui.plan.plan_page import PlanPage

        if not isinstance(page, PlanPage):
            raise TypeError(f"{self.module} is not the page shown")
        return page.show_filtered(
            theme=self.theme,
            lead=self.lead,
            status=self.status,
            overdue=self.overdue,
            due_by=self.due_by,
        )


@dataclass(frozen=True, slots=True)
class LogRequest:
    owner_id: int | None = None
    overdue: bool = False
    due_by: date | None = None
    module = "Action log"

    def apply(self, page: object) -> int:
        from improvement_desk.ui.action_log.log_page import ActionLogPage

        if not isinstance(page, ActionLogPage):
            raise TypeError(f"{self.module} is not the page shown")
        return page.show_filtered(owner_id=self.owner_id, overdue=self.overdue, due_by=self.due_by)


@dataclass(frozen=True, slots=True)
class RiskRequest:
    review_due: bool = False
    above_appetite: bool = False
    module = "Risk register"

    def apply(self, page: object) -> int:
        from improvement_desk.ui.risks.register_page import RegisterPage

        if not isinstance(page, RegisterPage):
            raise TypeError(f"{self.module} is not the page shown")
        return page.show_filtered(review_due=self.review_due, above_appetite=self.above_appetite)


@dataclass(frozen=True, slots=True)
class ScorecardRequest:
    rag: Rag
    module = "Scorecard"

    def apply(self, page: object) -> int:
        from improvement_desk.ui.scorecard.scorecard_page import ScorecardPage

        if not isinstance(page, ScorecardPage):
            raise TypeError(f"{self.module} is not the page shown")
        return page.show_filtered(rag=self.rag)


FigureRequest = MeetingRequest | PlanRequest | LogRequest | RiskRequest | ScorecardRequest
