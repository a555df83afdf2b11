"""The action log's Excel exchange in the GUI: File ▸ Export / Import action log.

The log reuses the import wizard with the log's `ImportKind`: these tests drive
it as a user would, on a board with two meetings and four log actions.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import ACTOR, TODAY
from log_fixtures import add_meeting, add_owner
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot

from improvement_desk.domain.action_log import LogActionDraft, LogStatus
from improvement_desk.interchange.log_columns import LOG_IMPORT_COLUMNS
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.ui.exchange.export_actions import ExchangeActions
from improvement_desk.ui.exchange.import_kinds import LOG_IMPORT
from improvement_desk.ui.exchange.import_wizard import ImportWizard
from improvement_desk.ui.exchange.preview_model import PCol

from .conftest import RecordingMessenger
from .test_exchange_gui import finish, finish_button, next_page

pytestmark = pytest.mark.gui

HEADER_ROW = 4
SHEET = "Action log"


# -- helpers -----------------------------------------------------------------------------------


@pytest.fixture
def log_desk(desk: Desk) -> Desk:
    """Two meetings, two owners, four actions (A1-A4)."""
    january = add_meeting(desk, date(2014, 1, 15))
    march = add_meeting(desk, date(2014, 3, 12))
    jo, sam = add_owner(desk, "Jo Bloggs"), add_owner(desk, "Sam Patel")
    add = desk.action_log.add
    add(
        january.id,
        january.item(4),
        LogActionDraft("Recruit two social workers", jo, date(2014, 2, 28)),
    )
    add(january.id, None, LogActionDraft("Audit twenty files", sam, date(2014, 4, 30)))
    add(march.id, None, LogActionDraft("Report caseloads", jo, date(2014, 4, 10)))
    add(march.id, None, LogActionDraft("Brief the lead member", sam, date(2014, 5, 30)))
    return desk


def action(desk: Desk, reference: str) -> LogActionSummary:
    return next(a for a in desk.log.actions() if a.reference == reference)


def columns_of(sheet: Any) -> dict[str, int]:
    by_header = {spec.header: spec.field for spec in LOG_IMPORT_COLUMNS}
    return {by_header[str(c.value)]: c.column for c in sheet[HEADER_ROW] if c.value}


def returned_log(desk: Desk, path: Path, *, refuse_a4: bool = False) -> Path:
    """The log exported, then edited as an owner would: a status, a new date, a new action."""
    desk.log_exports.export(path, board_name=desk.info().name)
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    cols = columns_of(sheet)
    rows = {sheet.cell(r, 1).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    sheet.cell(rows["A1"], cols["status"]).value = "Complete"
    sheet.cell(rows["A2"], cols["due"]).value = date(2014, 6, 30)
    sheet.cell(rows["A2"], cols["revision_reason"]).value = "Files arrive late"
    sheet.cell(rows["A2"], cols["update"]).value = "Ten files read"
    if refuse_a4:
        sheet.cell(rows["A4"], cols["owner"]).value = "Nobody Known"
    new = sheet.max_row + 1
    for field, value in {
        "meeting_date": date(2014, 3, 12),
        "item": "4",
        "description": "Write to the partnership",
        "owner": "Jo Bloggs",
        "due": date(2014, 4, 30),
    }.items():
        sheet.cell(new, cols[field]).value = value
    book.save(path)
    return path


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.resize(900, 600)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def reloads() -> list[str]:
    return []


@pytest.fixture
def exchange(
    host: QWidget, log_desk: Desk, messenger: RecordingMessenger, reloads: list[str]
) -> ExchangeActions:
    return ExchangeActions(
        host,
        lambda: log_desk,
        messenger,
        lambda: reloads.append("plan"),
        lambda: reloads.append("risks"),
        reload_log=lambda: reloads.append("log"),
    )


def to_log_preview(qtbot: QtBot, exchange: ExchangeActions, path: Path) -> ImportWizard:
    exchange.act_import_log.trigger()
    wizard = exchange.wizard
    assert wizard is not None
    assert wizard.kind is LOG_IMPORT
    qtbot.waitExposed(wizard)
    assert wizard.windowModality() == Qt.WindowModality.WindowModal
    wizard.file_page.path_edit.setText(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10_000)
    next_page(qtbot, wizard, ImportWizard.COLUMNS)
    next_page(qtbot, wizard, ImportWizard.PREVIEW)
    return wizard


def details_by_reference(wizard: ImportWizard) -> dict[str, str]:
    proxy = wizard.preview_page.proxy
    return {
        proxy.index(r, PCol.REFERENCE).data(): proxy.index(r, PCol.DETAILS).data()
        for r in range(proxy.rowCount())
    }


# -- export ------------------------------------------------------------------------------------


def test_export_action_log_through_the_menu(
    qtbot: QtBot, exchange: ExchangeActions, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    path = tmp_path / "log"  # no suffix: .xlsx is added
    exchange.choose_log_export_path = lambda: str(path)
    exchange.choose_export_path = lambda: pytest.fail("the plan's chooser is not asked")
    exchange.act_export_log.trigger()
    finish(qtbot, exchange.task)
    written = tmp_path / "log.xlsx"
    sheet = openpyxl.load_workbook(written)[SHEET]
    refs = [sheet.cell(r, 1).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)]
    assert refs == ["A1", "A2", "A3", "A4"]
    assert messenger.messages == [
        ("info", "Action log exported", f"Exported 4 log actions to {written}")
    ]


def test_default_log_export_name_names_the_board_and_date(
    exchange: ExchangeActions, log_desk: Desk
) -> None:
    path = exchange.default_export_path(log_desk, "action log")
    assert path.name == "Test Improvement Board - action log 2014-03-31.xlsx"


# -- import ------------------------------------------------------------------------------------


def test_log_import_previews_row_by_row_and_applies(
    qtbot: QtBot,
    qtmodeltester: Any,
    exchange: ExchangeActions,
    log_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[str],
    tmp_path: Path,
) -> None:
    path = returned_log(log_desk, tmp_path / "returned log.xlsx")
    wizard = to_log_preview(qtbot, exchange, path)
    assert wizard.windowTitle() == "Import action log from Excel"
    assert list(wizard.columns_page.combos) == [spec.field for spec in LOG_IMPORT_COLUMNS]
    assert wizard.columns_page.combos["owner"].currentText() == "E: Owner"
    preview = wizard.preview_page
    qtmodeltester.check(preview.model)
    assert (
        preview.counts.text()
        == "1 new, 2 changed (1 new due date, 1 update), 2 unchanged, 0 refused"
    )
    assert preview.source.text() == "returned log.xlsx, sheet 'Action log', header in row 4"
    details = details_by_reference(wizard)
    assert details["A1"] == "Status: Open → Complete"
    assert details["A2"] == (
        "Due date: 30 Apr 2014 → 30 Jun 2014 (Files arrive late); New update: Ten files read"
    )
    assert details["A5"] == (
        "Write to the partnership — Jo Bloggs, due 30 Apr 2014, Improvement Board, 12 Mar 2014"
        "  (⚠ 1 warning)"
    )
    assert wizard.preview is not None
    [new] = [o for o in wizard.preview.outcomes if o.reference == "A5"]
    assert [str(w) for w in new.warnings] == ["Action log!A9: no reference given; numbered A5"]
    assert finish_button(wizard).isEnabled()

    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish_button(wizard).click()
    finish(qtbot)
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("info", "Import complete")
    assert text.splitlines()[2:] == [
        "• 1 new action",
        "• 2 changed actions",
        "• 1 new due date",
        "• 1 update",
        "• 1 status change",
        "• 2 rows already matched the log",
    ]
    assert reloads == ["log"]
    assert action(log_desk, "A1").status is LogStatus.COMPLETE
    a2 = action(log_desk, "A2")
    assert (a2.original_due, a2.current_due) == (date(2014, 4, 30), date(2014, 6, 30))
    a5 = action(log_desk, "A5")
    assert (a5.item_number, a5.owner_name) == ("4", "Jo Bloggs")
    qtbot.waitUntil(lambda: exchange.wizard is None)


def test_a_refused_log_row_names_its_cell_and_nothing_is_imported_until_left_out(
    qtbot: QtBot,
    exchange: ExchangeActions,
    log_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[str],
    tmp_path: Path,
) -> None:
    before = log_desk.log.actions()
    path = returned_log(log_desk, tmp_path / "returned.xlsx", refuse_a4=True)
    wizard = to_log_preview(qtbot, exchange, path)
    page = wizard.preview_page
    assert page.counts.text().endswith("1 unchanged, 1 refused")
    assert not finish_button(wizard).isEnabled()
    page.filter_combo.setCurrentIndex(page.filter_combo.findText("Refused and conflicts"))
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, PCol.REFERENCE).data() == "A4"
    assert page.proxy.index(0, PCol.DETAILS).data() == (
        "E8: 'Nobody Known' is not on the board's list of people; add them first"
    )
    wizard.apply(skip_refused=False)  # the service itself refuses the whole file
    qtbot.waitUntil(lambda: bool(messenger.messages) and not wizard.busy, timeout=10_000)
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "Nothing was imported")
    assert "1 row(s) were refused" in text
    assert log_desk.log.actions() == before
    assert reloads == []

    page.skip_box.setChecked(True)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish_button(wizard).click()
    finish(qtbot)
    assert "• 1 refused row left out" in messenger.messages[-1][2]
    assert action(log_desk, "A1").status is LogStatus.COMPLETE
    assert action(log_desk, "A4").owner_name == "Sam Patel"
    assert reloads == ["log"]


def test_cancelling_the_log_wizard_writes_nothing(
    qtbot: QtBot,
    exchange: ExchangeActions,
    log_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[str],
    tmp_path: Path,
) -> None:
    before = log_desk.log.actions()
    wizard = to_log_preview(qtbot, exchange, returned_log(log_desk, tmp_path / "r.xlsx"))
    with qtbot.waitSignal(wizard.rejected):
        wizard.button(QWizard.WizardButton.CancelButton).click()
    qtbot.waitUntil(lambda: exchange.wizard is None)
    finish(qtbot)
    assert log_desk.log.actions() == before
    assert messenger.messages == []
    assert reloads == []


def test_log_commands_need_a_board_and_import_a_writable_one(
    host: QWidget, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    board: list[Desk | None] = [None]
    exchange = ExchangeActions(host, lambda: board[0], messenger, lambda: None)
    assert not exchange.act_export_log.isEnabled()
    assert not exchange.act_import_log.isEnabled()
    path = tmp_path / "other.db"
    create_demo_board(path, ACTOR)
    read_only = open_desk(path, ACTOR, read_only=True, today=lambda: TODAY)
    try:
        board[0] = read_only
        exchange.update_enabled()
        assert exchange.act_export_log.isEnabled()  # reading is allowed
        assert not exchange.act_import_log.isEnabled()
        assert exchange.import_log() is None
    finally:
        read_only.close()
    assert messenger.messages == []
    assert [a.text() for a in exchange.menu_groups()[2]] == [
        "Export action &log to Excel…",
        "Import &action log from Excel…",
    ]
