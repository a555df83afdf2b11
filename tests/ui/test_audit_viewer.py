"""The audit viewer: model, filters driving the table, the detail pane, export, Edit menu."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from audit_viewer_fixtures import HOSTILE, JO, JO_TEXT, SAM, audited, audited_board
from conftest import ACTOR
from openpyxl import load_workbook
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QMenu, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.interchange.xlsx_export import HEADER_ROW
from improvement_desk.runtime.paths import resolve_paths
from improvement_desk.services.audit_reader import AuditCriteria, AuditPage, AuditReader
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.ui.audit.audit_actions import SHORTCUT
from improvement_desk.ui.audit.audit_model import RECORD_ROLE, AuditCol, AuditModel, AuditProxy
from improvement_desk.ui.audit.audit_window import AuditWindow, status_text
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.exchange.progress import running_tasks
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.preferences import Preferences

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui
__all__ = ["audited", "audited_board"]  # fixtures, used by name


@pytest.fixture
def viewer(qtbot: QtBot, audited: Desk, messenger: RecordingMessenger) -> Iterator[AuditWindow]:
    window = AuditWindow(lambda: audited, messenger)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def records(window: AuditWindow) -> list[Any]:
    proxy = window.proxy
    return [proxy.index(row, 0).data(RECORD_ROLE) for row in range(proxy.rowCount())]


def choose(combo: QComboBox, value: str | None) -> None:
    index = combo.findData(value)
    assert index >= 0, (value, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def settle(qtbot: QtBot, window: AuditWindow) -> None:
    """Waits for typing to pause, as a user would."""
    qtbot.waitUntil(lambda: not window.filters.pending(), timeout=3000)


def texts(combo: QComboBox) -> list[str]:
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_model_passes_qts_model_checks(qtmodeltester: Any, audited: Desk) -> None:
    model = AuditModel()
    model.set_rows(AuditReader(audited.ctx).search(AuditCriteria(limit=300)).rows)
    qtmodeltester.check(model)
    proxy = AuditProxy()
    proxy.setSourceModel(model)
    proxy.sort(AuditCol.RECORD)
    qtmodeltester.check(proxy)
    model.set_rows(())
    qtmodeltester.check(model)


def test_the_window_opens_on_every_change_newest_first(viewer: AuditWindow, audited: Desk) -> None:
    page = AuditReader(audited.ctx).search(AuditCriteria())
    assert records(viewer) == list(page.rows)
    assert viewer.status.text() == f"{len(page.rows):,} changes shown"
    assert viewer.windowTitle().startswith("Audit trail — ")
    assert viewer.isWindow()
    assert not viewer.isModal()
    assert viewer.detail.title.text().startswith("Select a change")


def test_sorting_by_time_is_by_the_moment(viewer: AuditWindow) -> None:
    viewer.table.sortByColumn(AuditCol.WHEN, Qt.SortOrder.AscendingOrder)
    shown = records(viewer)
    assert [(r.at, r.id) for r in shown] == sorted((r.at, r.id) for r in shown)
    assert shown[0].actor == JO.name  # 2014, before the demo loaded "now"
    viewer.table.sortByColumn(AuditCol.WHEN, Qt.SortOrder.DescendingOrder)
    assert records(viewer)[-1].actor == JO.name


def test_each_filter_drives_the_table(qtbot: QtBot, viewer: AuditWindow) -> None:
    bar = viewer.filters
    total = len(records(viewer))
    choose(bar.kind, "risk")
    settle(qtbot, viewer)
    assert {r.entity for r in records(viewer)} == {"risk"}
    assert "Current likelihood" in texts(bar.field)
    assert "Evidence of impact" not in texts(bar.field)  # the field list follows the kind
    choose(bar.field, "current_likelihood")
    settle(qtbot, viewer)
    assert {(r.entity, r.field) for r in records(viewer)} == {("risk", "current_likelihood")}
    bar.reset()
    assert len(records(viewer)) == total

    QTest.keyClicks(bar.record, "2.4")
    settle(qtbot, viewer)
    assert {r.entity_label for r in records(viewer)} == {"2.4"}
    bar.reset()

    choose(bar.person, SAM.os_login)
    settle(qtbot, viewer)
    assert [r.new_value for r in records(viewer)] == [HOSTILE]
    assert viewer.status.text() == "1 change shown"
    bar.reset()

    bar.set_dates(date(2014, 3, 1), date(2014, 3, 31))
    settle(qtbot, viewer)
    assert [r.actor for r in records(viewer)] == [JO.name]


def test_filters_combine_and_a_bad_range_is_said(qtbot: QtBot, viewer: AuditWindow) -> None:
    bar = viewer.filters
    choose(bar.kind, "action")
    choose(bar.person, JO.name)
    bar.record.setText("2.4")
    bar.set_dates(date(2014, 3, 10), None)
    settle(qtbot, viewer)
    assert [(r.entity_label, r.field, r.new_value) for r in records(viewer)] == [
        ("2.4", "description", JO_TEXT)
    ]
    bar.set_dates(date(2014, 3, 20), date(2014, 3, 1))
    settle(qtbot, viewer)
    assert records(viewer) == []
    assert viewer.status.text() == "Nothing shown. To: 01 Mar 2014 is before From (20 Mar 2014)"
    bar.clear.click()
    assert bar.criteria() == AuditCriteria()
    assert len(records(viewer)) > 1000


def test_the_status_says_when_only_the_newest_are_shown(
    qtbot: QtBot, viewer: AuditWindow, audited: Desk
) -> None:
    total = AuditReader(audited.ctx).search(AuditCriteria()).matched
    viewer.filters.limit = 100
    viewer.reload()
    assert len(records(viewer)) == 100
    assert viewer.status.text() == f"100 changes shown (the newest 100 of {total:,} matching)"
    assert status_text(AuditPage((), 0, 5000)) == "No changes match the filters."


def test_the_detail_pane_shows_the_whole_values_as_plain_text(
    qtbot: QtBot, viewer: AuditWindow
) -> None:
    choose(viewer.filters.person, JO.os_login)
    settle(qtbot, viewer)
    viewer.table.selectRow(0)
    detail = viewer.detail
    record = records(viewer)[0]
    assert detail.after.toPlainText() == JO_TEXT  # '<b>' and '&' as typed, both lines
    assert detail.before.toPlainText() == record.old_value
    assert detail.after.isReadOnly()
    assert detail.after.lineWrapMode() is QPlainTextEdit.LineWrapMode.WidgetWidth
    assert detail.title.textFormat() is Qt.TextFormat.PlainText
    assert detail.title.text() == (
        f"Plan action 2.4 (id {record.entity_id}) · Description (description) updated"
    )
    assert "by Jo Bloggs (jbloggs)" in detail.byline.text()
    table_text = viewer.proxy.index(0, AuditCol.AFTER).data()
    assert table_text == "Recruit 12 social workers. …"  # the first line; the rest below
    viewer.reload()  # a re-read keeps the selected change selected
    assert detail.after.toPlainText() == JO_TEXT
    viewer.table.clearSelection()
    assert detail.title.text().startswith("Select a change")


def test_filter_controls_have_accessible_names(viewer: AuditWindow) -> None:
    controls = viewer.filters.findChildren(QWidget)
    inputs = [w for w in controls if isinstance(w, QComboBox | QLineEdit | QDateEdit)]
    named_inputs = [w for w in inputs if w.accessibleName()]
    assert {w.objectName() for w in named_inputs} >= {
        "kind",
        "record",
        "field",
        "person",
        "date_from",
        "date_to",
    }
    assert viewer.filters.clear.accessibleName()
    assert viewer.table.accessibleName() == "Changes"


def test_export_writes_the_filtered_changes(
    qtbot: QtBot, viewer: AuditWindow, audited: Desk, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    choose(viewer.filters.kind, "action")
    settle(qtbot, viewer)
    viewer.choose_export_path = lambda: str(tmp_path / "audit of actions")
    task = viewer.export()
    assert task is not None
    qtbot.waitUntil(lambda: running_tasks() == 0 and not task.running, timeout=60_000)
    path = tmp_path / "audit of actions.xlsx"
    sheet = load_workbook(path)["Audit trail"]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True))
    expected = AuditReader(audited.ctx).search(AuditCriteria(entity="action")).rows
    assert [(r[4], r[5]) for r in rows] == [(e.entity_label, e.entity_id) for e in expected]
    assert messenger.messages[-1] == (
        "info",
        "Audit trail exported",
        f"Exported {len(expected)} changes to {path}",
    )


def test_export_refuses_a_bad_range_before_asking_where(
    viewer: AuditWindow, messenger: RecordingMessenger
) -> None:
    asked: list[bool] = []

    def never() -> str:
        asked.append(True)
        return ""

    viewer.choose_export_path = never
    viewer.filters.set_dates(date(2014, 4, 2), date(2014, 4, 1))
    assert viewer.export() is None
    assert asked == []
    assert messenger.messages[-1][0:2] == ("error", "Cannot export the audit trail")
    assert "To:" in messenger.messages[-1][2]


def test_the_viewer_follows_the_main_windows_board(
    qtbot: QtBot, audited: Desk, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    current = [audited]
    window = AuditWindow(lambda: current[0], messenger)
    qtbot.addWidget(window)
    assert len(records(window)) > 1000
    other = open_desk(tmp_path / "other.db", ACTOR, create=True, board_name="Other Board")
    try:
        current[0] = other
        window.follow_board()
        assert "Other Board" in window.windowTitle()
        assert {r.entity for r in records(window)} == {"board"}
        assert [window.filters.kind.itemData(i) for i in range(window.filters.kind.count())] == [
            None,
            "board",
        ]
    finally:
        window.close()
        other.close()


@pytest.fixture
def main_window(
    qtbot: QtBot, audited: Desk, messenger: RecordingMessenger, settings: QSettings
) -> MainWindow:
    window = MainWindow(
        audited,
        opener=BoardOpener(ACTOR, messenger),
        messenger=messenger,
        preferences=Preferences(settings),
        paths=resolve_paths().ensure(),
    )
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.mark.qt_log_ignore("This plugin does not support raise")  # offscreen
def test_edit_menu_opens_one_non_modal_viewer(main_window: MainWindow) -> None:
    edit = next(a.menu() for a in main_window.menuBar().actions() if a.text() == "&Edit")
    assert isinstance(edit, QMenu)
    entry = next(a for a in edit.actions() if a.text() == "Audit &trail…")
    assert entry.shortcut() == QKeySequence(SHORTCUT)
    keys = [a.shortcut().toString() for a in main_window.findChildren(QAction)]
    assert keys.count(QKeySequence(SHORTCUT).toString()) == 1
    entry.trigger()
    viewer = main_window.audit.viewer
    assert viewer is not None
    assert viewer.isVisible()
    assert viewer.isWindow()
    assert not viewer.isModal()
    assert viewer.parent() is main_window
    assert len(records(viewer)) > 1000
    viewer.close()
    entry.trigger()
    assert main_window.audit.viewer is viewer
    assert viewer.isVisible()
