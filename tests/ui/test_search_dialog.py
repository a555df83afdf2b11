"""The search box (Ctrl+K): grouped results as you type, keyboard-first, and opening a hit."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from conftest import ACTOR
from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from improvement_desk.domain.errors import StorageError
from improvement_desk.domain.plan import ActionDraft
from improvement_desk.runtime.paths import resolve_paths
from improvement_desk.services.desk import Desk
from improvement_desk.services.search import SearchHit, SearchKind, SearchResults, SearchService
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.preferences import Preferences
from improvement_desk.ui.search.hit_delegate import runs
from improvement_desk.ui.search.results_model import HIT_ROLE, SearchResultsModel, heading_text
from improvement_desk.ui.search.routing import open_hit
from improvement_desk.ui.search.search_actions import SearchActions
from improvement_desk.ui.search.search_dialog import HINT, SearchDialog

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


class CountingSearch:
    """The service's search, counting the calls (one per pause in typing, not per key)."""

    def __init__(self, service: SearchService) -> None:
        self.service = service
        self.queries: list[str] = []

    def __call__(self, text: str) -> SearchResults:
        self.queries.append(text)
        return self.service.search(text)


@pytest.fixture
def service(demo_desk: Desk) -> SearchService:
    return SearchService(demo_desk.ctx)


@pytest.fixture
def counting(service: SearchService) -> CountingSearch:
    return CountingSearch(service)


@pytest.fixture
def dialog(qtbot: QtBot, counting: CountingSearch) -> SearchDialog:
    box = SearchDialog(counting)
    qtbot.addWidget(box)
    box.start()
    qtbot.waitExposed(box)
    return box


def _type(qtbot: QtBot, dialog: SearchDialog, text: str) -> None:
    qtbot.keyClicks(dialog.box, text)
    qtbot.waitUntil(lambda: not dialog.timer.isActive(), timeout=2000)


def _headings(model: SearchResultsModel) -> list[str]:
    return [str(model.index(row, 0).data()) for row in range(model.rowCount())]


def test_typing_shows_results_grouped_by_kind_with_counts(
    qtbot: QtBot, dialog: SearchDialog, counting: CountingSearch, service: SearchService
) -> None:
    assert dialog.status.text() == HINT
    assert dialog.model.rowCount() == 0
    _type(qtbot, dialog, "recruitment")
    assert counting.queries == ["recruitment"]  # one search after the pause, not one a key
    expected = service.search("recruitment")
    model = dialog.model
    assert _headings(model) == [heading_text(g) for g in expected.groups]
    assert _headings(model)[:3] == ["Plan actions (2)", "Action log (4)", "Risks (3)"]
    for row, group in enumerate(expected.groups):
        heading = model.index(row, 0)
        assert model.rowCount(heading) == len(group.hits)
        assert not (model.flags(heading) & Qt.ItemFlag.ItemIsSelectable)
        assert [model.index(r, 0, heading).data(HIT_ROLE) for r in range(len(group.hits))] == list(
            group.hits
        )
    assert dialog.status.text().startswith(f"{expected.total} records found.")
    assert dialog.current_hit() == expected.hits()[0]  # Enter opens the best at once


def test_down_and_enter_emit_the_hit_and_close(
    qtbot: QtBot, dialog: SearchDialog, service: SearchService
) -> None:
    _type(qtbot, dialog, "recruitment")
    hits = service.search("recruitment").hits()
    for _ in range(3):  # crosses the "Action log" heading without stopping on it
        qtbot.keyClick(dialog.box, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Up)
    assert dialog.current_hit() == hits[2]
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.keyClick(dialog.box, Qt.Key.Key_Return)
    assert chosen.args == [hits[2]]
    assert not dialog.isVisible()
    assert dialog.result() == SearchDialog.DialogCode.Accepted


def test_the_selection_stops_at_either_end(qtbot: QtBot, dialog: SearchDialog) -> None:
    _type(qtbot, dialog, "transposed")
    assert dialog.model.rowCount() == 1
    only = dialog.current_hit()
    qtbot.keyClick(dialog.box, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.box, Qt.Key.Key_PageDown)
    assert dialog.current_hit() == only is not None
    assert only.kind is SearchKind.MINUTE


def test_enter_before_the_pause_searches_what_was_typed(
    qtbot: QtBot, dialog: SearchDialog, service: SearchService
) -> None:
    qtbot.keyClicks(dialog.box, "R1")
    assert dialog.timer.isActive()
    with qtbot.waitSignal(dialog.chosen) as chosen:
        qtbot.keyClick(dialog.box, Qt.Key.Key_Enter)
    hit = chosen.args[0]
    assert hit == service.search("R1").hits()[0]
    assert hit.kind is SearchKind.RECOMMENDATION
    assert hit.rank == 0


def test_escape_closes_without_choosing(qtbot: QtBot, dialog: SearchDialog) -> None:
    _type(qtbot, dialog, "risk")
    chosen: list[Any] = []
    dialog.chosen.connect(chosen.append)
    qtbot.keyClick(dialog.box, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == SearchDialog.DialogCode.Rejected
    assert chosen == []
    dialog.start()  # opens again on the last query, selected to type over
    assert dialog.isVisible()
    assert dialog.box.selectedText() == "risk"
    assert dialog.model.rowCount() > 0


def test_nothing_found_and_hostile_text_are_said_plainly(
    qtbot: QtBot, dialog: SearchDialog
) -> None:
    _type(qtbot, dialog, "<b>zzz</b> %_")
    assert dialog.model.rowCount() == 0
    assert dialog.status.text() == "Nothing found for “<b>zzz</b> %_”."
    assert dialog.status.textFormat() == Qt.TextFormat.PlainText
    dialog.box.clear()
    dialog.run_search()
    assert dialog.status.text() == HINT
    qtbot.keyClick(dialog.box, Qt.Key.Key_Return)  # nothing to open: stays open
    assert dialog.isVisible()


def test_a_storage_error_is_shown_not_raised(qtbot: QtBot) -> None:
    def broken(text: str) -> SearchResults:
        raise StorageError("The board's disk is not answering.")

    box = SearchDialog(broken)
    qtbot.addWidget(box)
    box.start("anything")
    assert box.status.text() == "Could not search: The board's disk is not answering."
    assert box.model.rowCount() == 0


def test_the_results_model_passes_the_model_tester(
    qtmodeltester: Any, service: SearchService
) -> None:
    model = SearchResultsModel()
    model.set_results(service.search("social worker", limit_per_kind=3))
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() >= 3
    assert model.hit(model.index(0, 0)) is None
    assert model.hit(QModelIndex()) is None
    model.clear()
    qtmodeltester.check(model, force_py=True)


def test_snippet_runs_split_at_the_highlights() -> None:
    assert runs("a <b> c", ((2, 5),)) == [("a ", False), ("<b>", True), (" c", False)]
    assert runs("abc", ((0, 3),)) == [("abc", True)]
    assert runs("abc", ((1, 2), (1, 3), (5, 9))) == [("a", False), ("b", True), ("c", True)]
    assert runs("", ()) == []


def test_the_dialog_renders_cleanly(qtbot: QtBot, dialog: SearchDialog) -> None:
    _type(qtbot, dialog, "social worker")
    image = dialog.grab().toImage()
    assert image.width() >= 700
    assert image.height() >= 500
    rect = dialog.view.visualRect(dialog.view.currentIndex())
    assert rect.height() >= 2 * dialog.fontMetrics().height()  # title over snippet, unclipped


# -- routing -----------------------------------------------------------------------------------


@pytest.fixture
def window(
    qtbot: QtBot, demo_desk: Desk, messenger: RecordingMessenger, settings: QSettings
) -> MainWindow:
    main = MainWindow(
        demo_desk,
        opener=BoardOpener(ACTOR, messenger),
        messenger=messenger,
        preferences=Preferences(settings),
        paths=resolve_paths().ensure(),
    )
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def _first(service: SearchService, text: str, kind: SearchKind) -> SearchHit:
    group = service.search(text).group(kind)
    assert group is not None, (text, kind)
    return group.hits[0]


def test_routing_opens_each_kind_on_its_page(window: MainWindow, service: SearchService) -> None:
    plan, register = window.plan_page, window.register_page
    meetings, log = window.meetings_page, window.log_page
    assert plan
    assert register
    assert meetings
    assert log

    hit = _first(service, "recruitment", SearchKind.PLAN_ACTION)
    plan.filters.search.setText("nothing matches this")  # the page's own filter hides it
    assert open_hit(window, hit)
    assert window.pages.currentWidget() is plan
    assert plan.current_action_id() == hit.record_id

    hit = _first(service, "R4", SearchKind.RECOMMENDATION)
    assert open_hit(window, hit)
    record = plan.current_recommendation()
    assert record is not None
    assert record.id == hit.record_id
    assert record.reference == "R4"

    hit = _first(service, "R10", SearchKind.RISK)  # closed: hidden by the register's default
    assert open_hit(window, hit)
    assert window.pages.currentWidget() is register
    assert register.current_risk_id() == hit.record_id

    hit = _first(service, "A17", SearchKind.LOG_ACTION)  # closed by the board: hidden by default
    assert open_hit(window, hit)
    assert window.pages.currentWidget() is log
    assert log.current_action_id() == hit.record_id

    hit = _first(service, "31 July 2013", SearchKind.MEETING)
    assert open_hit(window, hit)
    assert window.pages.currentWidget() is meetings
    assert meetings.current_meeting_id() == hit.record_id

    hit = _first(service, "transposed", SearchKind.MINUTE)
    assert open_hit(window, hit)
    assert meetings.current_meeting_id() == hit.meeting_id
    assert meetings.current_item_id() == hit.agenda_item_id


def test_routing_says_when_the_record_has_gone(window: MainWindow, service: SearchService) -> None:
    hit = _first(service, "recruitment", SearchKind.PLAN_ACTION)
    gone = SearchHit(hit.kind, record_id=999_999, title=hit.title, snippet=hit.snippet)
    assert not open_hit(window, gone)
    minute = _first(service, "transposed", SearchKind.MINUTE)
    assert not open_hit(window, SearchHit(SearchKind.MINUTE, 1, "t", "s", meeting_id=None))
    assert open_hit(window, minute)


def test_a_chosen_hit_opens_through_the_dialog(
    qtbot: QtBot, window: MainWindow, service: SearchService
) -> None:
    box = SearchDialog(service.search, window)
    box.chosen.connect(lambda hit: open_hit(window, hit))
    box.start("A17")
    with qtbot.waitSignal(box.chosen):
        qtbot.keyClick(box.box, Qt.Key.Key_Return)
    assert window.log_page is not None
    assert window.pages.currentWidget() is window.log_page
    assert (
        window.log_page.current_action_id()
        == _first(service, "A17", SearchKind.LOG_ACTION).record_id
    )


# -- the window's command ------------------------------------------------------------------------


def test_the_command_opens_the_box_and_the_chosen_record(
    qtbot: QtBot, window: MainWindow, messenger: RecordingMessenger, demo_desk: Desk
) -> None:
    actions = window.board_search  # Edit ▸ Search the board…
    assert actions.action in window.menuBar().actions()[1].menu().actions()
    keys = [k.toString() for k in actions.action.shortcuts()]
    assert keys == ["Ctrl+K", "Ctrl+Shift+F"]
    others = [a for a in window.findChildren(QAction) if a is not actions.action and a.shortcuts()]
    assert others  # the pages' own commands are there to clash with
    for other in others:  # Ctrl+F stays with each page's filter box
        assert not {k.toString() for k in other.shortcuts()} & set(keys), other.text()

    actions.action.trigger()
    box = actions.dialog
    assert box is not None
    assert box.isVisible()
    qtbot.keyClicks(box.box, "A17")
    with qtbot.waitSignal(box.chosen):
        qtbot.keyClick(box.box, Qt.Key.Key_Return)
    assert window.log_page is not None
    assert window.pages.currentWidget() is window.log_page
    a17 = SearchService(demo_desk.ctx).search("A17").hits()[0]
    assert window.log_page.current_action_id() == a17.record_id
    assert actions.open() is box  # the same box, on the last query
    assert box.box.text() == "A17"
    assert messenger.messages == []


def test_the_command_says_what_it_cannot_do(
    qtbot: QtBot, window: MainWindow, messenger: RecordingMessenger
) -> None:
    no_board = SearchActions(window, window, lambda: None, messenger)
    assert no_board.open() is None
    assert messenger.messages == [("info", "Search", "Open a board first.")]
    actions = SearchActions(window, window, lambda: window.desk, messenger)
    box = actions.open()
    assert box is not None
    box.chosen.emit(SearchHit(SearchKind.RISK, 999_999, "R99 — <i>gone</i>", ""))
    assert messenger.messages[-1] == (
        "info",
        "Search",
        "“R99 — <i>gone</i>” is no longer on the board, or its page is not open. "
        "It may have been deleted since the search.",
    )


def test_each_opening_reads_the_board_afresh(
    qtbot: QtBot, window: MainWindow, messenger: RecordingMessenger, demo_desk: Desk
) -> None:
    actions = SearchActions(window, window, lambda: window.desk, messenger)
    box = actions.open()
    assert box is not None
    qtbot.keyClicks(box.box, "kazoo")
    box.run_search()
    assert box.model.rowCount() == 0
    box.reject()
    rec = demo_desk.plan.snapshot().recommendations[0]
    lead = demo_desk.plan.snapshot().actions[0].lead_officer
    action = demo_desk.actions.create(
        rec.id, ActionDraft("9.1", "Buy a kazoo", lead, None, date(2014, 9, 30))
    )
    assert actions.open() is box
    hit = box.current_hit()
    assert hit is not None
    assert hit.kind is SearchKind.PLAN_ACTION
    assert hit.record_id == action.id
