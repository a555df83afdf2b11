"""The action log's Qt models: consistent under qtmodeltester, overdue readable without colour,
filtered and sorted as a board member expects."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QIcon

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.ui.action_log.columns import ACTION_ID_ROLE, OVERDUE_ROLE, SORT_ROLE, LogCol
from improvement_desk.ui.action_log.log_filter import (
    ALL_STATUSES,
    OUTSTANDING,
    LogCriteria,
    LogFilterProxy,
)
from improvement_desk.ui.action_log.log_table_model import WARNING, LogTableModel

from .log_ui_fixtures import make_summary

pytestmark = pytest.mark.gui

JAN, FEB, MAR = date(2014, 1, 15), date(2014, 2, 12), date(2014, 3, 12)
MEETINGS = {1: "Improvement Board, 15 Jan 2014", 2: "Improvement Board, 12 Feb 2014",
            3: "Improvement Board, 12 Mar 2014"}  # fmt: skip


def log() -> list[LogActionSummary]:
    """Seven actions, one fact each that a column or a filter is about."""
    return [
        # A1: overdue, revised twice, in progress, with an update.
        make_summary(
            id=1, reference="A1", meeting_id=1, meeting_date=JAN, status=LogStatus.IN_PROGRESS,
            original_due=date(2014, 2, 28), current_due=date(2014, 3, 26), revision_count=2,
            overdue=True, latest_update="20 Mar 2014: HR extract requested again",
        ),
        # A2: open, on time, another owner; its description has markup-like text.
        make_summary(
            id=2, reference="A2", meeting_id=2, meeting_date=FEB, owner_id=2,
            owner_name="Tom Brown", description="Confirm <b>police</b> & health staffing",
            original_due=date(2014, 4, 30), current_due=date(2014, 4, 30),
        ),
        # A3: closed by the board at the March meeting.
        make_summary(
            id=3, reference="A3", meeting_id=1, meeting_date=JAN, status=LogStatus.CLOSED,
            original_due=date(2014, 2, 12), current_due=date(2014, 2, 12),
            closed_at_meeting_id=3, closed_on=MAR,
        ),
        # A10: complete, awaiting the board; sorts after A9 by its number.
        make_summary(
            id=4, reference="A10", meeting_id=3, meeting_date=MAR, status=LogStatus.COMPLETE,
            original_due=date(2014, 3, 20), current_due=date(2014, 3, 20), owner_id=3,
            owner_name="Zoë Ó Briain", item_id=None, item_number="", item_title="",
        ),
        # A9: overdue and open, never revised.
        make_summary(
            id=5, reference="A9", meeting_id=3, meeting_date=MAR, overdue=True,
            original_due=date(2014, 3, 25), current_due=date(2014, 3, 25), owner_id=2,
            owner_name="Tom Brown", item_number="5", item_title="Front door and MASH",
        ),
        # A4: brought forward (revised once, to an earlier date).
        make_summary(
            id=6, reference="A4", meeting_id=2, meeting_date=FEB, status=LogStatus.IN_PROGRESS,
            original_due=date(2014, 6, 30), current_due=date(2014, 5, 31), revision_count=1,
        ),
        # A5: open, due in September.
        make_summary(
            id=7, reference="A5", meeting_id=3, meeting_date=MAR,
            original_due=date(2014, 9, 30), current_due=date(2014, 9, 30), item_number="6",
            item_title="Performance scorecard",
        ),
    ]  # fmt: skip


@pytest.fixture
def loaded(qapp: object) -> tuple[LogTableModel, LogFilterProxy]:
    """The QApplication is needed: the overdue icon is a pixmap."""
    model = LogTableModel()
    model.set_actions(log(), MEETINGS)
    proxy = LogFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def row(model: LogTableModel, action_id: int) -> int:
    found = model.row_of(action_id)
    assert found is not None
    return found


def shown(proxy: LogFilterProxy) -> set[str]:
    return {proxy.index(r, LogCol.REFERENCE).data() for r in range(proxy.rowCount())}


def column(proxy: LogFilterProxy, col: LogCol, role: int = Qt.ItemDataRole.DisplayRole) -> list:  # type: ignore[type-arg]
    return [proxy.index(r, col).data(role) for r in range(proxy.rowCount())]


def test_models_pass_qtmodeltester(qtmodeltester, loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy = loaded
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    proxy.set_criteria(LogCriteria(overdue_only=True))
    qtmodeltester.check(proxy)


def test_empty_models_pass_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = LogTableModel()
    qtmodeltester.check(model)
    proxy = LogFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_cells_read_as_words_and_dates(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded

    def text(action_id: int, col: LogCol) -> str:
        return str(model.index(row(model, action_id), col).data())

    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in LogCol] == [
        "Ref", "Action", "Owner", "Meeting", "Item", "Original due", "Current due", "Status",
        "Latest update",
    ]  # fmt: skip
    assert text(1, LogCol.MEETING) == "15 Jan 2014"
    assert text(1, LogCol.ITEM) == "4. Workforce report"
    assert text(1, LogCol.ORIGINAL_DUE) == "28 Feb 2014"
    assert text(1, LogCol.CURRENT_DUE) == "26 Mar 2014 · revised ×2"
    assert text(1, LogCol.STATUS) == "Overdue · In progress"
    assert text(1, LogCol.LATEST_UPDATE) == "20 Mar 2014: HR extract requested again"
    assert text(2, LogCol.CURRENT_DUE) == "30 Apr 2014"
    assert text(2, LogCol.STATUS) == "Open"
    assert text(3, LogCol.STATUS) == "Closed by the board"
    assert text(4, LogCol.STATUS) == "Complete"
    assert text(4, LogCol.ITEM) == "—"
    assert text(4, LogCol.OWNER) == "Zoë Ó Briain"
    assert text(5, LogCol.STATUS) == "Overdue · Open"
    assert text(6, LogCol.CURRENT_DUE) == "31 May 2014 · revised ×1"


def test_overdue_reads_without_colour(loaded) -> None:  # type: ignore[no-untyped-def]
    """The word, an icon and the spoken text say overdue; the red is only extra."""
    model, _ = loaded
    status = model.index(row(model, 1), LogCol.STATUS)
    assert "Overdue" in status.data()
    assert isinstance(status.data(Qt.ItemDataRole.DecorationRole), QIcon)
    assert not status.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert status.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Overdue, In progress, due 26 Mar 2014"
    )
    assert status.data(OVERDUE_ROLE) is True
    red = status.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(red, QBrush)
    assert red.color() == WARNING
    assert status.data(Qt.ItemDataRole.FontRole).bold()
    due = model.index(row(model, 1), LogCol.CURRENT_DUE)
    assert due.data(Qt.ItemDataRole.ForegroundRole).color() == WARNING
    assert due.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Current due date 26 Mar 2014, revised twice, overdue"
    )
    assert "Revised twice; first agreed for 28 Feb 2014" in due.data(Qt.ItemDataRole.ToolTipRole)
    on_time = model.index(row(model, 2), LogCol.STATUS)
    assert on_time.data(Qt.ItemDataRole.DecorationRole) is None
    assert on_time.data(Qt.ItemDataRole.ForegroundRole) is None
    assert "Overdue" not in on_time.data()
    closed = model.index(row(model, 3), LogCol.STATUS)
    assert "Closed by the board on 12 Mar 2014" in closed.data(Qt.ItemDataRole.ToolTipRole)


def test_tooltips_show_user_text_literally(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded
    tip = model.index(row(model, 2), LogCol.ACTION).data(Qt.ItemDataRole.ToolTipRole)
    assert "Confirm &lt;b&gt;police&lt;/b&gt; &amp; health staffing" in tip
    meeting = model.index(row(model, 2), LogCol.MEETING).data(Qt.ItemDataRole.ToolTipRole)
    assert "Agreed at Improvement Board, 12 Feb 2014" in meeting


def test_sorting_by_any_column(loaded) -> None:  # type: ignore[no-untyped-def]
    _, proxy = loaded
    proxy.set_criteria(LogCriteria(statuses=ALL_STATUSES))
    for col in LogCol:
        for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
            proxy.sort(col, order)
            keys = column(proxy, col, SORT_ROLE)
            assert keys == sorted(keys, reverse=order == Qt.SortOrder.DescendingOrder), col
    proxy.sort(LogCol.REFERENCE, Qt.SortOrder.AscendingOrder)
    assert column(proxy, LogCol.REFERENCE) == ["A1", "A2", "A3", "A4", "A5", "A9", "A10"]


def test_sorting_by_dates_is_by_date_not_by_text(loaded) -> None:  # type: ignore[no-untyped-def]
    _, proxy = loaded
    proxy.set_criteria(LogCriteria(statuses=ALL_STATUSES))
    proxy.sort(LogCol.CURRENT_DUE, Qt.SortOrder.AscendingOrder)
    assert column(proxy, LogCol.REFERENCE) == ["A3", "A10", "A9", "A1", "A2", "A4", "A5"]
    proxy.sort(LogCol.ORIGINAL_DUE, Qt.SortOrder.DescendingOrder)
    assert column(proxy, LogCol.REFERENCE)[:2] == ["A5", "A4"]
    assert column(proxy, LogCol.REFERENCE)[-2:] == ["A1", "A3"]
    proxy.sort(LogCol.MEETING, Qt.SortOrder.AscendingOrder)
    assert (
        column(proxy, LogCol.MEETING)
        == ["15 Jan 2014"] * 2 + ["12 Feb 2014"] * 2 + ["12 Mar 2014"] * 3
    )
    proxy.sort(LogCol.STATUS, Qt.SortOrder.AscendingOrder)
    statuses = column(proxy, LogCol.STATUS)
    assert statuses[:2] == ["Overdue · Open", "Overdue · In progress"], "most urgent first"
    assert statuses[-1] == "Closed by the board"


def test_filters_by_meeting_owner_status_overdue_and_words(loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy = loaded
    outstanding = {"A1", "A2", "A4", "A5", "A9", "A10"}
    assert shown(proxy) == outstanding, "closed actions are hidden by default"
    assert LogCriteria().statuses == OUTSTANDING
    proxy.set_criteria(LogCriteria(statuses=ALL_STATUSES))
    assert shown(proxy) == outstanding | {"A3"}
    assert proxy.rowCount() == model.rowCount()
    proxy.set_criteria(LogCriteria(meeting_id=1))
    assert shown(proxy) == {"A1"}
    proxy.set_criteria(LogCriteria(meeting_id=1, statuses=ALL_STATUSES))
    assert shown(proxy) == {"A1", "A3"}
    proxy.set_criteria(LogCriteria(meeting_id=3))
    assert shown(proxy) == {"A5", "A9", "A10"}
    proxy.set_criteria(LogCriteria(owner_id=2))
    assert shown(proxy) == {"A2", "A9"}
    proxy.set_criteria(LogCriteria(owner_id=2, meeting_id=3))
    assert shown(proxy) == {"A9"}
    proxy.set_criteria(LogCriteria(statuses=frozenset({LogStatus.COMPLETE})))
    assert shown(proxy) == {"A10"}
    proxy.set_criteria(LogCriteria(statuses=frozenset({LogStatus.OPEN, LogStatus.IN_PROGRESS})))
    assert shown(proxy) == {"A1", "A2", "A4", "A5", "A9"}
    proxy.set_criteria(LogCriteria(statuses=frozenset()))
    assert proxy.rowCount() == 0
    proxy.set_criteria(LogCriteria(overdue_only=True))
    assert shown(proxy) == {"A1", "A9"}
    proxy.set_criteria(LogCriteria(overdue_only=True, owner_id=1))
    assert shown(proxy) == {"A1"}
    proxy.set_criteria(LogCriteria(overdue_only=True, statuses=frozenset({LogStatus.OPEN})))
    assert shown(proxy) == {"A9"}
    proxy.set_criteria(LogCriteria(text="POLICE health"))  # any order, any case
    assert shown(proxy) == {"A2"}
    proxy.set_criteria(LogCriteria(text="tom"))  # the owner
    assert shown(proxy) == {"A2", "A9"}
    proxy.set_criteria(LogCriteria(text="mash"))  # the item
    assert shown(proxy) == {"A9"}
    proxy.set_criteria(LogCriteria(text="extract"))  # the latest update
    assert shown(proxy) == {"A1"}
    proxy.set_criteria(LogCriteria(text="12 feb 2014"))  # the meeting that agreed it
    assert shown(proxy) == {"A2", "A4"}
    proxy.set_criteria(LogCriteria(text="zzzz-nothing"))
    assert proxy.rowCount() == 0


def test_filter_survives_a_reload_and_sorting(loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy = loaded
    proxy.set_criteria(LogCriteria(overdue_only=True))
    proxy.sort(LogCol.REFERENCE, Qt.SortOrder.DescendingOrder)
    model.set_actions(log(), MEETINGS)
    assert column(proxy, LogCol.REFERENCE) == ["A9", "A1"]
    assert set(column(proxy, LogCol.REFERENCE, ACTION_ID_ROLE)) == {1, 5}


def test_filtering_a_long_log_finds_every_match(loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy = loaded
    many = [
        make_summary(id=1000 + i, reference=f"A{100 + i}", owner_id=i % 7, overdue=i % 3 == 0)
        for i in range(2000)
    ]
    model.set_actions(many)
    proxy.set_criteria(LogCriteria(owner_id=3, overdue_only=True))
    assert proxy.rowCount() == sum(1 for i in range(2000) if i % 7 == 3 and i % 3 == 0)


def test_none_returning_calls_stay_safe(loaded) -> None:  # type: ignore[no-untyped-def]
    """PySide6 leaks a reference to None per such call and once aborted on it (ENVIRONMENT.md)."""
    model, proxy = loaded
    index = model.index(row(model, 2), LogCol.ACTION)
    for _ in range(20_000):
        assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
        proxy.data(proxy.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert model.data(QModelIndex()) is None
