"""Excel exchange in the GUI: export, send for update, the import wizard, the progress dialog."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import ACTOR, TODAY
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget, QWizard
from pytestqt.qtbot import QtBot

from improvement_desk.domain.brag import Brag
from improvement_desk.interchange.columns import PLAN_COLUMNS
from improvement_desk.interchange.problems import ImportRejected
from improvement_desk.runtime.paths import resolve_paths
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.plan_records import ActionRecord
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.exchange.export_actions import ExchangeActions
from improvement_desk.ui.exchange.import_wizard import ImportWizard
from improvement_desk.ui.exchange.preview_model import KIND_ROLE, PCol
from improvement_desk.ui.exchange.progress import run_with_progress, running_tasks
from improvement_desk.ui.exchange.source_pages import NOT_IN_SHEET
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.preferences import Preferences
from improvement_desk.ui.tasks import BackgroundTask

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"
HEADER_ROW = 4
DEMO_ACTIONS = 39


# -- helpers -----------------------------------------------------------------------------------


def finish(qtbot: QtBot, task: BackgroundTask | None = None) -> None:
    """Waits for `task`, and for every task started behind a progress dialog, to end."""
    qtbot.waitUntil(
        lambda: (task is None or not task.running) and running_tasks() == 0, timeout=10_000
    )


def screenshot(widget: QWidget, name: str) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    assert widget.grab().save(str(SCREENS / name))


def actions_of(desk: Desk) -> tuple[ActionRecord, ...]:
    return desk.plan.snapshot().actions


def cell_of(sheet: Any, reference: str, field: str) -> Any:
    by_header = {spec.header: spec.field for spec in PLAN_COLUMNS}
    cols = {by_header.get(str(c.value)): c.column for c in sheet[HEADER_ROW]}
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row, cols["reference"]).value == reference:
            return sheet.cell(row, cols[field])
    raise AssertionError(f"{reference} was not exported")


def edited_export(desk: Desk, path: Path, edits: dict[tuple[str, str], object]) -> Path:
    """The demo plan exported, then edited as an officer would in Excel."""
    desk.exports.export(path, board_name=desk.info().name)
    book = openpyxl.load_workbook(path)
    sheet = book["Action plan"]
    for (reference, field), value in edits.items():
        cell_of(sheet, reference, field).value = value
    book.save(path)
    return path


def on_track(desk: Desk) -> list[ActionRecord]:
    return [a for a in actions_of(desk) if a.status is Brag.GREEN and not a.overdue]


@pytest.fixture
def host(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    widget.resize(900, 600)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def reloads() -> list[int]:
    return []


@pytest.fixture
def exchange(
    host: QWidget, demo_desk: Desk, messenger: RecordingMessenger, reloads: list[int]
) -> ExchangeActions:
    return ExchangeActions(host, lambda: demo_desk, messenger, lambda: reloads.append(1))


def open_wizard(qtbot: QtBot, exchange: ExchangeActions, path: Path) -> ImportWizard:
    exchange.act_import.trigger()
    wizard = exchange.wizard
    assert wizard is not None
    qtbot.waitExposed(wizard)
    assert wizard.windowModality() == Qt.WindowModality.WindowModal  # open(), not exec()
    wizard.file_page.path_edit.setText(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10_000)
    return wizard


def next_page(qtbot: QtBot, wizard: ImportWizard, page_id: int) -> None:
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentId() == page_id and not wizard.busy, timeout=10_000)


def to_preview(qtbot: QtBot, exchange: ExchangeActions, path: Path) -> ImportWizard:
    wizard = open_wizard(qtbot, exchange, path)
    next_page(qtbot, wizard, ImportWizard.COLUMNS)
    next_page(qtbot, wizard, ImportWizard.PREVIEW)
    return wizard


def finish_button(wizard: ImportWizard) -> QPushButton:
    button = wizard.button(QWizard.WizardButton.FinishButton)
    assert isinstance(button, QPushButton)
    return button


# -- export and send for update ---------------------------------------------------------------


def test_export_writes_the_workbook_and_says_so(
    qtbot: QtBot, exchange: ExchangeActions, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    path = tmp_path / "plan"  # no suffix: .xlsx is added
    exchange.choose_export_path = lambda: str(path)
    exchange.act_export.trigger()
    finish(qtbot, exchange.task)
    written = tmp_path / "plan.xlsx"
    book = openpyxl.load_workbook(written)
    assert book.sheetnames[:1] == ["Action plan"]
    assert messenger.messages == [
        ("info", "Plan exported", f"Exported {DEMO_ACTIONS} actions to {written}")
    ]


def test_default_export_name_names_the_board_and_date(
    exchange: ExchangeActions, demo_desk: Desk
) -> None:
    path = exchange.default_export_path(demo_desk)
    assert path.name == f"{demo_desk.info().name} - action plan 2014-03-31.xlsx"


def test_a_cancelled_export_leaves_no_file(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = threading.Event()
    export = demo_desk.exports.export

    def gated(*args: Any, **kwargs: Any) -> Any:
        assert gate.wait(5)
        return export(*args, **kwargs)

    monkeypatch.setattr(demo_desk.exports, "export", gated)
    path = tmp_path / "exports" / "plan.xlsx"
    path.parent.mkdir()
    exchange.choose_export_path = lambda: str(path)
    exchange.act_export.trigger()
    assert exchange.task is not None
    exchange.task.cancel()
    gate.set()
    finish(qtbot, exchange.task)
    assert not path.exists()
    assert list(path.parent.iterdir()) == [], "no temporary file left behind"
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("info", "Export cancelled")
    assert "cancelled" in text


def test_export_chooser_cancelled_does_nothing(
    exchange: ExchangeActions, messenger: RecordingMessenger
) -> None:
    exchange.choose_export_path = lambda: ""
    assert exchange.export_plan() is None
    assert messenger.messages == []


def test_send_for_update_writes_one_workbook_per_owner(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "to send"
    exchange.choose_folder = lambda: str(folder)
    exchange.act_send.trigger()
    finish(qtbot, exchange.task)
    owners = {a.lead_officer for a in actions_of(demo_desk) if a.status is not Brag.BLUE}
    files = sorted(folder.glob("*.xlsx"))
    assert len(files) == len(owners) > 1
    for owner in owners:
        assert sum(owner in f.name for f in files) == 1
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("info", "Workbooks ready to send")
    assert text.startswith(f"Wrote {len(owners)} workbooks in {folder}")
    assert all(owner in text for owner in owners)


# -- the import wizard ------------------------------------------------------------------------


def test_import_wizard_round_trip(
    qtbot: QtBot,
    qtmodeltester: Any,
    exchange: ExchangeActions,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[int],
    tmp_path: Path,
) -> None:
    green = on_track(demo_desk)[0]
    amber = next(a for a in actions_of(demo_desk) if a.status is Brag.AMBER)
    path = edited_export(
        demo_desk,
        tmp_path / "returned.xlsx",
        {
            (green.reference, "status"): "Red",
            (amber.reference, "progress_update"): "Recruited two team managers.",
        },
    )
    wizard = open_wizard(qtbot, exchange, path)
    page = wizard.file_page
    assert page.sheet_combo.currentText() == "Action plan"
    assert page.sheet_info.text() == (
        f"Recognised 15 columns, header in row 4, {DEMO_ACTIONS} data rows."
    )
    assert page.path_edit.accessibleName() == "Workbook file"
    screenshot(wizard, "wizard_1_file.png")

    next_page(qtbot, wizard, ImportWizard.COLUMNS)
    columns = wizard.columns_page
    status = columns.combos["status"]
    assert (status.currentText(), status.currentData()) == ("J: Status (BRAG)", "J")
    assert status.itemText(0) == NOT_IN_SHEET
    assert status.accessibleName() == "Column for Status (BRAG)"
    assert columns.combos["reference"].accessibleName() == "Column for Action ref (needed)"
    assert columns.status.text().endswith("15 of 15 fields have a column.")
    assert not columns.unused.isVisible()
    screenshot(wizard, "wizard_2_columns.png")

    next_page(qtbot, wizard, ImportWizard.PREVIEW)
    preview = wizard.preview_page
    qtmodeltester.check(preview.model)
    qtmodeltester.check(preview.proxy)
    assert preview.counts.text() == f"0 new, 2 changed, {DEMO_ACTIONS - 2} unchanged, 0 refused"
    assert preview.source.text() == "returned.xlsx, sheet 'Action plan', header in row 4"
    assert preview.proxy.rowCount() == DEMO_ACTIONS
    assert not preview.skip_box.isVisible()
    preview.filter_combo.setCurrentIndex(preview.filter_combo.findText("Changed"))
    assert preview.proxy.rowCount() == 2
    rows = {
        preview.proxy.index(r, PCol.REFERENCE).data(): preview.proxy.index(r, PCol.DETAILS).data()
        for r in range(2)
    }
    assert rows == {
        green.reference: "Status: Green → Red",
        amber.reference: "New progress update: Recruited two team managers.",
    }
    outcome = preview.proxy.index(0, PCol.OUTCOME)
    assert outcome.data() == "Changed"  # a word as well as a colour
    assert outcome.data(Qt.ItemDataRole.BackgroundRole) is not None
    assert outcome.data(KIND_ROLE) == RowKind.CHANGED.value
    preview.filter_combo.setCurrentIndex(preview.filter_combo.findText("Refused and conflicts"))
    assert preview.proxy.rowCount() == 0
    preview.filter_combo.setCurrentIndex(preview.filter_combo.findText("Changed"))
    assert finish_button(wizard).isEnabled()
    assert finish_button(wizard).text().replace("&", "") == "Import"
    screenshot(wizard, "wizard_3_preview.png")

    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        wizard.accept()
    finish(qtbot)
    assert demo_desk.plan.action(green.id).status is Brag.RED
    assert demo_desk.plan.history(amber.id).updates[-1].text == "Recruited two team managers."
    assert reloads == [1]
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("info", "Import complete")
    assert "• 2 changed actions" in text
    assert "• 1 progress update" in text
    qtbot.waitUntil(lambda: exchange.wizard is None)


def test_a_file_that_is_not_a_workbook_is_refused_on_the_page(
    qtbot: QtBot, exchange: ExchangeActions, tmp_path: Path
) -> None:
    notes = tmp_path / "minutes.xlsx"
    notes.write_text("Minutes of the meeting <b>not</b> a workbook\n", encoding="utf-8")
    exchange.act_import.trigger()
    wizard = exchange.wizard
    assert wizard is not None
    page = wizard.file_page
    page.path_edit.setText(str(notes))
    qtbot.waitUntil(lambda: bool(page.error.text()) and not wizard.busy, timeout=10_000)
    assert "minutes.xlsx" in page.error.text()
    assert page.error.isVisible()
    assert page.error.textFormat() == Qt.TextFormat.PlainText
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    screenshot(wizard, "wizard_1_file_error.png")

    page.path_edit.setText(str(tmp_path / "nowhere.xlsx"))
    assert not page.error.isVisible()  # a new path clears the old problem
    qtbot.waitUntil(lambda: "cannot be found" in page.error.text(), timeout=10_000)
    wizard.reject()
    qtbot.waitUntil(lambda: exchange.wizard is None)


def gate_service(
    monkeypatch: pytest.MonkeyPatch, service: object, name: str
) -> tuple[threading.Event, threading.Event]:
    """Holds `service.name` in its worker thread until the test releases it."""
    entered, release = threading.Event(), threading.Event()
    original = getattr(service, name)

    def gated(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        assert release.wait(5)
        return original(*args, **kwargs)

    monkeypatch.setattr(service, name, gated)
    return entered, release


def test_cancelling_the_sheet_read_stays_on_the_file_page(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = edited_export(demo_desk, tmp_path / "plan.xlsx", {})
    wizard = open_wizard(qtbot, exchange, path)
    entered, release = gate_service(monkeypatch, demo_desk.imports, "preview")
    wizard.next()
    qtbot.waitUntil(entered.is_set, timeout=5000)
    assert wizard.busy
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.task is not None
    wizard.task.cancel()  # what the progress dialog's Cancel button does
    release.set()
    finish(qtbot)
    assert wizard.currentId() == ImportWizard.FILE
    assert wizard.file_page.sheet_info.text().endswith("Reading the sheet was cancelled.")
    assert wizard.file_page.isComplete()  # Next tries again
    next_page(qtbot, wizard, ImportWizard.COLUMNS)
    wizard.reject()


def test_closing_the_wizard_while_it_reads(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = edited_export(demo_desk, tmp_path / "plan.xlsx", {})
    entered, release = gate_service(monkeypatch, demo_desk.imports, "sheets")
    exchange.act_import.trigger()
    wizard = exchange.wizard
    assert wizard is not None
    wizard.file_page.path_edit.setText(str(path))
    qtbot.waitUntil(entered.is_set, timeout=5000)
    qtbot.waitUntil(lambda: wizard.findChild(QProgressDialog) is not None)
    wizard.reject()
    qtbot.waitUntil(lambda: exchange.wizard is None)
    qtbot.wait(20)  # the wizard and its progress dialog are deleted
    release.set()
    finish(qtbot)  # the late result is ignored, without touching deleted widgets


def test_refused_rows_keep_import_disabled_until_left_out(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
) -> None:
    first, second = on_track(demo_desk)[:2]
    path = edited_export(
        demo_desk,
        tmp_path / "returned.xlsx",
        {(first.reference, "status"): "Purple", (second.reference, "status"): "Red"},
    )
    wizard = to_preview(qtbot, exchange, path)
    page = wizard.preview_page
    assert page.counts.text() == f"0 new, 1 changed, {DEMO_ACTIONS - 2} unchanged, 1 refused"
    assert page.skip_box.isVisible()
    assert page.blocked.isVisible()
    assert not finish_button(wizard).isEnabled()
    page.filter_combo.setCurrentIndex(page.filter_combo.findText("Refused and conflicts"))
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, PCol.OUTCOME).data() == "Refused"
    assert "'Purple' is not a BRAG rating" in page.proxy.index(0, PCol.DETAILS).data()
    assert not page.row_detail.isVisible()
    page.table.setCurrentIndex(page.proxy.index(0, PCol.DETAILS))
    assert page.row_detail.text().startswith("Action plan row ")
    assert page.row_detail.text().endswith("or On track, At risk, Off track or Complete")
    screenshot(wizard, "wizard_3_preview_refused.png")
    wizard.accept()  # Finish while refused: nothing happens
    assert not wizard.busy
    assert wizard.isVisible()

    page.skip_box.setChecked(True)
    assert finish_button(wizard).isEnabled()
    assert not page.blocked.isVisible()
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish_button(wizard).click()
    assert demo_desk.plan.action(second.id).status is Brag.RED
    assert demo_desk.plan.action(first.id).status is Brag.GREEN
    assert "• 1 refused row left out" in messenger.messages[-1][2]


def test_new_rows_bring_people_and_recommendations(
    qtbot: QtBot, exchange: ExchangeActions, demo_desk: Desk, reloads: list[int], tmp_path: Path
) -> None:
    path = tmp_path / "officers copy.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Plan <draft>"
    sheet["B2"] = "Children's Improvement Plan (officers' copy)"
    sheet.append([])
    sheet.append([None, "Rec", "Ref", "Action", "Owner", "Due", "RAG", "Notes"])
    sheet.append([None, "R9", "9.1", "Recruit a principal social worker", "Ann Lee", "31/05/2014",
                  "G", "from the March board"])  # fmt: skip
    sheet.append([None, "R9", "9.2", "Audit 50 case files", "Ann Lee / Bo Chan", "May 2014",
                  "Amber", ""])  # fmt: skip
    hidden = book.create_sheet("Old plan")
    hidden.sheet_state = "hidden"
    book.save(path)

    wizard = open_wizard(qtbot, exchange, path)
    page = wizard.file_page
    texts = [page.sheet_combo.itemText(i) for i in range(page.sheet_combo.count())]
    assert texts == ["Plan <draft>", "Old plan (hidden)"]
    next_page(qtbot, wizard, ImportWizard.COLUMNS)
    columns = wizard.columns_page
    assert columns.unused.text() == "Not used: H “Notes”."
    assert not columns.warning.isVisible()
    assert columns.combos["key"].currentText() == NOT_IN_SHEET
    next_page(qtbot, wizard, ImportWizard.PREVIEW)
    preview = wizard.preview_page
    assert preview.counts.text() == "2 new, 0 changed, 0 unchanged, 0 refused"
    assert preview.source.text() == "officers copy.xlsx, sheet 'Plan <draft>', header in row 4"
    assert preview.additions.text() == "New people: Ann Lee\nNew recommendations: R9"
    details = preview.proxy.index(1, PCol.DETAILS).data()
    assert details.startswith("Audit 50 case files — Ann Lee, due 31 May 2014")
    assert "warning" in details
    assert "several owners" in preview.proxy.index(1, PCol.DETAILS).data(
        Qt.ItemDataRole.ToolTipRole
    )
    screenshot(wizard, "wizard_3_preview_new.png")
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        wizard.accept()
    assert {"9.1", "9.2"} <= {a.reference for a in actions_of(demo_desk)}
    assert reloads == [1]


def test_changing_a_column_reads_the_sheet_again(
    qtbot: QtBot, exchange: ExchangeActions, demo_desk: Desk, tmp_path: Path
) -> None:
    action = on_track(demo_desk)[0]
    path = edited_export(demo_desk, tmp_path / "r.xlsx", {(action.reference, "status"): "Red"})
    wizard = open_wizard(qtbot, exchange, path)
    next_page(qtbot, wizard, ImportWizard.COLUMNS)
    assert wizard.preview is not None
    assert wizard.preview.count(RowKind.CHANGED) == 1
    columns = wizard.columns_page
    columns.combos["status"].setCurrentIndex(0)  # not in this sheet
    assert wizard.busy or wizard.preview.mapping.get("status") is None
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10_000)
    assert "status" not in wizard.preview.mapping
    assert wizard.preview.count(RowKind.CHANGED) == 0
    assert columns.unused.text() == "Not used: J “Status (BRAG)”."
    assert columns.isComplete()
    screenshot(wizard, "wizard_2_columns_changed.png")

    columns.combos["reference"].setCurrentIndex(0)
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10_000)
    assert "every row will be refused" in columns.warning.text()
    columns.combos["reference"].setCurrentIndex(columns.combos["reference"].findData("D"))
    columns.combos["status"].setCurrentIndex(columns.combos["status"].findData("J"))
    qtbot.waitUntil(lambda: not wizard.busy, timeout=10_000)
    assert wizard.preview.count(RowKind.CHANGED) == 1
    next_page(qtbot, wizard, ImportWizard.PREVIEW)
    assert wizard.preview_page.counts.text().startswith("0 new, 1 changed")
    wizard.reject()


def test_a_board_changed_after_the_preview_is_read_again(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[int],
    tmp_path: Path,
) -> None:
    action = on_track(demo_desk)[0]
    path = edited_export(demo_desk, tmp_path / "r.xlsx", {(action.reference, "status"): "Red"})
    wizard = to_preview(qtbot, exchange, path)
    demo_desk.actions.update(  # a colleague, meanwhile
        action.id, action.draft().with_status(Brag.AMBER), expected_version=action.version
    )
    wizard.accept()
    qtbot.waitUntil(lambda: bool(messenger.messages) and not wizard.busy, timeout=10_000)
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "Nothing was imported")
    assert "changed on the board after the preview" in text
    assert wizard.isVisible()
    assert wizard.currentId() == ImportWizard.PREVIEW
    assert wizard.preview_page.counts.text().endswith(
        "0 refused, 1 conflict (changed on the board since the copy was made)"
    )
    assert not finish_button(wizard).isEnabled()
    assert demo_desk.plan.action(action.id).status is Brag.AMBER
    assert reloads == []
    wizard.reject()


# -- the progress dialog ----------------------------------------------------------------------


def test_progress_dialog_shows_for_long_work_and_cancels(
    qtbot: QtBot, host: QWidget, messenger: RecordingMessenger
) -> None:
    cancelled: list[object] = []

    def work(progress: Callable[[int], None], stop: Callable[[], bool]) -> None:
        progress(400)
        deadline = time.monotonic() + 10
        while not stop() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise ImportRejected("plan.xlsx", "import cancelled")

    task = run_with_progress(
        host,
        "Import plan from Excel",
        "Reading plan.xlsx…",
        work,
        lambda _: pytest.fail("cancelled work does not succeed"),
        None,
        messenger,
        progress_text=lambda n: f"Read {n:,} rows…",
        on_cancelled=cancelled.append,
    )
    dialog = host.findChild(QProgressDialog)
    assert isinstance(dialog, QProgressDialog)
    assert not dialog.isVisible()  # not at once: quick work never flashes it
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    assert (dialog.minimum(), dialog.maximum()) == (0, 0)
    qtbot.waitUntil(lambda: dialog.labelText() == "Read 400 rows…")
    screenshot(dialog, "wizard_progress.png")
    [cancel] = dialog.findChildren(QPushButton)
    cancel.click()
    finish(qtbot, task)
    assert task.cancelled
    assert len(cancelled) == 1
    assert messenger.messages == []


def test_quick_work_succeeds_without_a_dialog(
    qtbot: QtBot, host: QWidget, messenger: RecordingMessenger
) -> None:
    seen: list[object] = []
    task = run_with_progress(
        host,
        "Export",
        "Working…",
        lambda *_: 42,
        lambda result: seen.append(
            (result, [d.isVisible() for d in host.findChildren(QProgressDialog)])
        ),
        None,
        messenger,
    )
    finish(qtbot, task)
    assert seen == [(42, [False])]


def test_errors_go_to_the_messenger_and_bugs_are_raised(
    qtbot: QtBot, host: QWidget, messenger: RecordingMessenger
) -> None:
    def refused(*_: object) -> None:
        raise ImportRejected("plan.xlsx", "is empty")

    finish(qtbot, run_with_progress(host, "Import", "…", refused, print, None, messenger))
    assert messenger.messages == [("error", "Import", "plan.xlsx: is empty")]

    def bug(*_: object) -> None:
        raise ValueError("a bug")

    with qtbot.captureExceptions() as caught:
        finish(qtbot, run_with_progress(host, "Import", "…", bug, print, None, messenger))
    assert [type(exc) for _, exc, _ in caught] == [ValueError]


# -- the window -------------------------------------------------------------------------------


@pytest.fixture
def make_window(qtbot: QtBot, messenger: RecordingMessenger, settings: QSettings) -> Any:
    def make(desk: Desk | None) -> MainWindow:
        window = MainWindow(
            desk,
            opener=BoardOpener(ACTOR, messenger),
            messenger=messenger,
            preferences=Preferences(settings),
            paths=resolve_paths().ensure(),
        )
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


def file_menu_texts(window: MainWindow) -> list[str]:
    menu = window.menuBar().actions()[0].menu()
    return [a.text() if not a.isSeparator() else "-" for a in menu.actions()]  # type: ignore[union-attr]


def test_file_menu_offers_the_exchange_commands(
    qtbot: QtBot, make_window: Any, demo_desk: Desk, reloads: list[int]
) -> None:
    window = make_window(demo_desk)
    assert file_menu_texts(window)[3:] == [
        "Connect to ser&ver…",
        "Open &recent",
        "-",
        "&Export plan to Excel…",
        "&Import plan from Excel…",
        "Import returned &workbooks…",
        "&Send for update…",
        "-",
        "Export ris&k register to Excel…",
        "Import risk re&gister from Excel…",
        "-",
        "Export action &log to Excel…",
        "Import &action log from Excel…",
        "-",
        "Export score&card to Excel…",
        "Import scorecard &figures from Excel…",
        "-",
        "&Back up now…",
        "Res&tore from backup…",
        "-",
        "Your na&me…",
        "-",
        "&Quit",
    ]
    exchange = window.exchange
    assert exchange.act_export.shortcut().toString() == "Ctrl+E"
    assert exchange.act_import.shortcut().toString() == "Ctrl+I"
    assert exchange.act_export_risks.shortcut().toString() == "Ctrl+Shift+E"
    assert exchange.act_import_risks.shortcut().toString() == "Ctrl+Shift+I"
    assert all(a.isEnabled() for a in exchange.actions())
    exchange.act_import.trigger()
    wizard = exchange.wizard
    assert isinstance(wizard, ImportWizard)
    assert wizard.parentWidget() is window
    with qtbot.waitSignal(wizard.rejected):
        wizard.reject()


def test_exchange_commands_need_a_writable_board(
    make_window: Any, tmp_path: Path, messenger: RecordingMessenger
) -> None:
    window = make_window(None)
    assert not any(a.isEnabled() for a in window.exchange.actions())

    path = tmp_path / "other.db"
    create_demo_board(path, ACTOR)
    read_only = open_desk(path, ACTOR, read_only=True, today=lambda: TODAY)
    window.install_desk(read_only)
    exchange = window.exchange
    assert exchange.act_export.isEnabled()  # reading is allowed
    assert not exchange.act_import.isEnabled()
    assert not exchange.act_send.isEnabled()
    assert exchange.import_plan() is None
    assert exchange.send_for_update() is None
    assert messenger.messages == []


def test_returned_workbooks_are_previewed_and_applied_one_after_another(
    qtbot: QtBot, exchange: ExchangeActions, demo_desk: Desk, tmp_path: Path, reloads: list[int]
) -> None:
    # Two lead officers' returns (Send for update), each with one rating changed.
    made = demo_desk.exports.export_for_owners(tmp_path / "returns", board_name="Board")
    by_owner = {m.lead_officer: m.path for m in made}
    first, second = (
        next(a for a in on_track(demo_desk) if a.lead_officer == owner)
        for owner in sorted({a.lead_officer for a in on_track(demo_desk)})[:2]
    )
    edits = ((first, "Red"), (second, "Amber"))
    for action, status in edits:
        book = openpyxl.load_workbook(by_owner[action.lead_officer])
        cell_of(book.worksheets[0], action.reference, "status").value = status
        book.save(by_owner[action.lead_officer])
    exchange.choose_returns = lambda: [str(by_owner[a.lead_officer]) for a, _ in edits]
    exchange.act_returns.trigger()
    for expected_name in (by_owner[a.lead_officer].name for a, _ in edits):
        wizard = exchange.wizard
        assert wizard is not None
        assert expected_name in wizard.windowTitle()
        qtbot.waitUntil(wizard.file_page.isComplete, timeout=10_000)
        next_page(qtbot, wizard, ImportWizard.COLUMNS)
        next_page(qtbot, wizard, ImportWizard.PREVIEW)
        with qtbot.waitSignal(wizard.accepted, timeout=10_000):
            wizard.accept()
        finish(qtbot)
        qtbot.waitUntil(lambda w=wizard: exchange.wizard is not w, timeout=5_000)
    assert demo_desk.plan.action(first.id).status is Brag.RED
    assert demo_desk.plan.action(second.id).status is Brag.AMBER
    assert len(reloads) == 2
    assert exchange.wizard is None
    assert exchange.pending_returns == []


def test_cancelling_one_returned_workbook_stops_the_rest(
    qtbot: QtBot, exchange: ExchangeActions, demo_desk: Desk, tmp_path: Path
) -> None:
    first = on_track(demo_desk)[0]
    book = edited_export(demo_desk, tmp_path / "a.xlsx", {(first.reference, "status"): "Red"})
    exchange.choose_returns = lambda: [str(book), str(book)]
    exchange.act_returns.trigger()
    wizard = exchange.wizard
    assert wizard is not None
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10_000)
    wizard.reject()
    qtbot.waitUntil(lambda: exchange.wizard is None, timeout=5_000)
    assert exchange.pending_returns == []
    assert demo_desk.plan.action(first.id).status is Brag.GREEN
