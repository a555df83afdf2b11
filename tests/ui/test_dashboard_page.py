"""The home dashboard in the main window: every figure opens exactly the records it counted."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.action_log import DueRevisionDraft
from improvement_desk.domain.brag import Brag
from improvement_desk.runtime.paths import AppPaths, resolve_paths
from improvement_desk.services.dashboard import DUE_SOON_DAYS
from improvement_desk.services.desk import Desk
from improvement_desk.ui.action_log.columns import ACTION_ID_ROLE as LOG_ID_ROLE
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.dashboard.dashboard_page import DashboardPage
from improvement_desk.ui.dashboard.figures import FigureButton
from improvement_desk.ui.dashboard.requests import (
    LogRequest,
    MeetingRequest,
    PlanRequest,
    RiskRequest,
    ScorecardRequest,
)
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.plan.columns import ACTION_ID_ROLE
from improvement_desk.ui.preferences import Preferences

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


@pytest.fixture
def window(
    qtbot: QtBot, demo_desk: Desk, messenger: RecordingMessenger, settings: QSettings
) -> MainWindow:
    paths: AppPaths = resolve_paths().ensure()
    win = MainWindow(
        demo_desk,
        opener=BoardOpener(ACTOR, messenger),
        messenger=messenger,
        preferences=Preferences(settings),
        paths=paths,
    )
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    return win


def home(window: MainWindow) -> DashboardPage:
    """Home, freshly read: showing it reloads it; when it is already shown, reload."""
    page = window.dashboard_page
    assert page is not None
    if window.pages.currentWidget() is page:
        page.reload()
    assert window.show_module("Home")
    return page


def shown_ids(view: Any, role: int) -> set[int]:
    model = view.model()
    return {int(model.index(row, 0).data(role)) for row in range(model.rowCount())}


def test_the_window_opens_on_home_first_in_the_navigation(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.dashboard_page
    assert window.nav.item(0).text() == "Home"
    assert window.nav.currentRow() == 0
    assert window.act_home.shortcut().toString() == "Alt+Home"
    window.show_module("Scorecard")
    window.act_home.trigger()
    assert window.pages.currentWidget() is window.dashboard_page


def test_every_figure_opens_the_list_it_counted(
    qtbot: QtBot, window: MainWindow, demo_desk: Desk
) -> None:
    page = home(window)
    keys = sorted(page.figures)
    # The demo board: a meeting, both due cards, risks, indicators and the BRAG grid.
    assert {"meeting", "meeting.without_paper", "plan.overdue", "plan.due_soon", "log.overdue",
            "log.due_soon", "risks.review_due", "risks.above_appetite", "indicators.red",
            "brag.*.*", "brag.Workforce.red"} <= set(keys)  # fmt: skip
    assert len(keys) > 50
    gap = page.figures["meeting.without_paper"].request
    assert isinstance(gap, MeetingRequest)
    assert gap.item_id is not None
    for key in keys:
        page = home(window)
        button = page.figures[key]
        request = button.request
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        current = window.pages.currentWidget()
        assert getattr(current, "title", None) == request.module, key
        if isinstance(request, MeetingRequest):
            assert window.meetings_page is not None
            assert window.meetings_page.current_meeting_id() == request.meeting_id, key
            if request.item_id is not None:
                assert window.meetings_page.current_item_id() == request.item_id, key
            continue
        target = {
            PlanRequest: window.plan_page,
            LogRequest: window.log_page,
            RiskRequest: window.register_page,
            ScorecardRequest: window.scorecard_page,
        }[type(request)]
        assert current is target
        assert target is not None
        assert target.proxy.rowCount() == button.count, key


def test_plan_figures_show_their_filter_and_exactly_their_actions(
    qtbot: QtBot, window: MainWindow, demo_desk: Desk
) -> None:
    page = home(window)
    qtbot.mouseClick(page.figures["plan.overdue.Mark Hollis"], Qt.MouseButton.LeftButton)
    plan = window.plan_page
    assert plan is not None
    assert plan.filters.lead.currentText() == "Mark Hollis"
    assert plan.filters.overdue.isChecked()
    expected = {
        a.id
        for a in demo_desk.plan.snapshot().actions
        if a.overdue and a.lead_officer == "Mark Hollis"
    }
    assert shown_ids(plan.table, ACTION_ID_ROLE) == expected
    assert len(expected) == 2
    assert plan.filters.count.text() == "2 of 39 actions"

    page = home(window)
    qtbot.mouseClick(page.figures["brag.Workforce.red"], Qt.MouseButton.LeftButton)
    assert plan.filters.theme.currentText() == "Workforce"
    assert plan.filters.status.currentText().endswith("Red")
    assert not plan.filters.overdue.isChecked()  # the earlier figure's filter is gone
    assert plan.filters.lead.currentIndex() == 0
    assert {plan.model.record(plan.model.row_of(i) or 0).status for i in
            shown_ids(plan.table, ACTION_ID_ROLE)} == {Brag.RED}  # fmt: skip


def test_due_soon_opens_with_a_chip_that_clears_it(
    qtbot: QtBot, window: MainWindow, demo_desk: Desk
) -> None:
    today = demo_desk.ctx.today()
    late = next(a for a in demo_desk.plan.snapshot().actions if a.overdue)
    demo_desk.history.rebaseline(
        late.id, today + timedelta(days=3), "Agreed", expected_version=late.version
    )
    entry = next(a for a in demo_desk.log.actions() if a.overdue)
    demo_desk.action_log.revise_due(
        entry.id, DueRevisionDraft(today + timedelta(days=5), "Data late"), expected_version=1
    )
    page = home(window)  # showing the page reloads it
    assert page.figures["plan.due_soon"].count == 1
    assert page.figures["log.due_soon"].count == 1

    qtbot.mouseClick(page.figures["plan.due_soon"], Qt.MouseButton.LeftButton)
    plan = window.plan_page
    assert plan is not None
    assert shown_ids(plan.table, ACTION_ID_ROLE) == {late.id}
    chip = plan.filters.due_chip
    assert chip.isVisible()
    due_by = today + timedelta(days=DUE_SOON_DAYS)
    assert f"Due by {due_by:%d %b %Y}" in chip.text()
    qtbot.mouseClick(chip, Qt.MouseButton.LeftButton)
    assert not chip.isVisible()
    assert plan.proxy.rowCount() == plan.model.rowCount()

    page = home(window)
    qtbot.mouseClick(page.figures["log.due_soon"], Qt.MouseButton.LeftButton)
    log = window.log_page
    assert log is not None
    assert shown_ids(log.table, LOG_ID_ROLE) == {entry.id}
    assert log.filters.due_chip.isVisible()
    qtbot.mouseClick(log.filters.clear, Qt.MouseButton.LeftButton)
    assert not log.filters.due_chip.isVisible()
    assert log.proxy.criteria.due_by is None


def test_log_and_register_figures_set_their_own_controls(
    qtbot: QtBot, window: MainWindow, demo_desk: Desk
) -> None:
    page = home(window)
    owner = page.figures["log.overdue.Linda Coles"]
    qtbot.mouseClick(owner, Qt.MouseButton.LeftButton)
    log = window.log_page
    assert log is not None
    assert log.filters.owner.currentText() == "Linda Coles"
    assert log.filters.overdue.isChecked()
    assert log.proxy.rowCount() == owner.count == 1

    page = home(window)
    qtbot.mouseClick(page.figures["risks.above_appetite"], Qt.MouseButton.LeftButton)
    register = window.register_page
    assert register is not None
    assert register.filters.above_appetite.isChecked()
    assert not register.filters.review_due.isChecked()
    above = {r.id for r in demo_desk.register.register().risks if r.above_appetite}
    assert {register.model.record(row).id for row in _source_rows(register)} == above


def _source_rows(page: Any) -> list[int]:
    proxy = page.proxy
    return [proxy.mapToSource(proxy.index(row, 0)).row() for row in range(proxy.rowCount())]


def test_a_figure_opens_from_the_keyboard(qtbot: QtBot, window: MainWindow) -> None:
    page = home(window)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    button = page.figures["indicators.red"]
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert "Red" in button.accessibleName()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(button.hasFocus)
    QTest.keyClick(button, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.scorecard_page
    assert window.scorecard_page is not None
    assert window.scorecard_page.filters.rag.currentText() == "Red"
    assert window.scorecard_page.proxy.rowCount() == button.count == 2


def test_undo_while_home_is_shown_refreshes_the_figures(
    qtbot: QtBot, window: MainWindow, demo_desk: Desk
) -> None:
    plan = window.plan_page
    assert plan is not None
    window.show_module("Action plan")
    green = next(a for a in demo_desk.plan.snapshot().actions if a.reference == "1.2")
    assert green.status is Brag.GREEN
    assert plan.select_action(green.id)
    before = home(window).figures["brag.*.red"].count
    window.show_module("Action plan")
    plan.status_actions[Brag.RED].trigger()
    page = home(window)
    assert page.figures["brag.*.red"].count == before + 1
    window.act_undo.trigger()
    assert page.figures["brag.*.red"].count == before
    # An import reloads its module's page through the window, and a Home on screen with it.
    current = demo_desk.plan.action(green.id)
    demo_desk.actions.update(
        current.id, current.draft().with_status(Brag.RED), expected_version=current.version
    )
    window._reload_plan()
    assert window.pages.currentWidget() is page
    assert page.figures["brag.*.red"].count == before + 1


def _assert_nothing_clipped(page: DashboardPage, where: object) -> None:
    for widget in page.content.findChildren(QWidget):
        wraps = isinstance(widget, QLabel) and widget.wordWrap()
        if isinstance(widget, FigureButton | QLabel) and widget.isVisible() and not wraps:
            assert widget.width() >= widget.sizeHint().width(), (where, widget.text())


def test_figures_say_it_in_words_and_nothing_is_clipped(
    qtbot: QtBot,
    window: MainWindow,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
) -> None:
    page = home(window)
    for key, button in page.figures.items():
        assert button.text(), key
        assert "Opens the" in button.accessibleName(), key
        if key.startswith("brag.") and not key.endswith(".*"):
            status = Brag(key.rsplit(".", 1)[1])
            assert f"{status.label}." in button.accessibleName(), key  # words, not colour only
    for width, height in ((1280, 800), (900, 700)):
        window.resize(width, height)
        wanted = max(width, window.minimumSizeHint().width())  # the window's floor is ~900
        qtbot.waitUntil(lambda w=wanted: window.width() == w)  # type: ignore[misc]
        qtbot.wait(10)
        assert page._columns == 2
        _assert_nothing_clipped(page, width)
        path = tmp_path / f"home-{width}.png"
        assert window.grab().save(str(path))
        assert QImage(str(path)).width() > 0

    narrow = DashboardPage(demo_desk, messenger)
    qtbot.addWidget(narrow)
    narrow.resize(560, 700)
    narrow.show()
    qtbot.waitExposed(narrow)
    assert narrow._columns == 1
    _assert_nothing_clipped(narrow, 560)
