"""Opening a search hit: bring its page forward and select the record there.

A page's filters may hide the record (a search typed in the action table, closed
risks left out, the log showing only what is not closed). Then the page's filters
are cleared, as its Clear filters button does, and widened to every status, so the
record the user chose is always the one shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QItemSelectionModel

from improvement_desk.services.search import SearchHit, SearchKind

if TYPE_CHECKING:
    from improvement_desk.ui.action_log.log_page import ActionLogPage
    from improvement_desk.ui.meetings.meetings_page import MeetingsPage
    from improvement_desk.ui.plan.plan_page import PlanPage
    from improvement_desk.ui.risks.register_page import RegisterPage


class SearchTargets(Protocol):
    """What routing needs of the main window: its pages and a way to show one."""

    @property
    def plan_page(self) -> PlanPage | None: ...

    @property
    def register_page(self) -> RegisterPage | None: ...

    @property
    def meetings_page(self) -> MeetingsPage | None: ...

    @property
    def log_page(self) -> ActionLogPage | None: ...

    def show_module(self, title: str) -> bool: ...


def open_hit(window: SearchTargets, hit: SearchHit) -> bool:
    """Shows the hit's record selected on its page; False if the page or record is gone."""
    if hit.kind in (SearchKind.RECOMMENDATION, SearchKind.PLAN_ACTION):
        plan = window.plan_page
        if plan is None or not window.show_module(plan.title):
            return False
        if hit.kind is SearchKind.RECOMMENDATION:
            return _select_recommendation(plan, hit.record_id)
        return _select_action(plan, hit.record_id)
    if hit.kind is SearchKind.RISK:
        register = window.register_page
        if register is None or not window.show_module(register.title):
            return False
        return _select_risk(register, hit.record_id)
    if hit.kind is SearchKind.LOG_ACTION:
        log = window.log_page
        if log is None or not window.show_module(log.title):
            return False
        return _select_log_action(log, hit.record_id)
    meetings = window.meetings_page
    if meetings is None or hit.meeting_id is None or not window.show_module(meetings.title):
        return False
    if not meetings.select_meeting(hit.meeting_id):
        return False
    if hit.kind is SearchKind.MINUTE and hit.agenda_item_id is not None:
        return meetings.select_item(hit.agenda_item_id)
    return True


def _select_recommendation(plan: PlanPage, recommendation_id: int) -> bool:
    """Choosing a recommendation narrows the table to its actions, as a click on it does."""
    row = plan.recommendations.row_of(recommendation_id)
    if row == 0:  # row 0 is "All recommendations": the id is not on the list
        return False
    plan.filters.clear.click()
    index = plan.recommendations.index(row, 0)
    plan.rec_list.selectionModel().setCurrentIndex(
        index, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    plan.rec_list.scrollTo(index)
    plan.rec_list.setFocus()
    return True


def _select_action(plan: PlanPage, action_id: int) -> bool:
    if not plan.select_action(action_id):
        plan.filters.clear.click()  # clears the filters and shows every recommendation's actions
        if not plan.select_action(action_id):
            return False
    plan.table.setFocus()
    return True


def _select_risk(register: RegisterPage, risk_id: int) -> bool:
    if not register.select_risk(risk_id):
        register.filters.clear.click()  # the filters and the heat-map cell
        register.filters.include_closed.setChecked(True)
        if not register.select_risk(risk_id):
            return False
    register.table.setFocus()
    return True


def _select_log_action(log: ActionLogPage, action_id: int) -> bool:
    if not log.select_action(action_id):
        log.filters.clear.click()
        for box in log.filters.statuses.values():
            box.setChecked(True)  # closed actions too
        if not log.select_action(action_id):
            return False
    log.table.setFocus()
    return True
