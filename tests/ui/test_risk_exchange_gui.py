"""The risk register's Excel exchange in the GUI: File ▸ Export / Import risk register.

The register reuses the plan's import wizard with the risk `ImportKind`: these
tests drive it as a user would, on the demo board's 14-risk register.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import ACTOR, TODAY
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot

from improvement_desk.domain.risk import RiskStatus
from improvement_desk.interchange.risk_columns import RISK_COLUMNS
from improvement_desk.runtime.paths import resolve_paths
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.import_outcomes import RowKind
from improvement_desk.services.risk_records import RiskRecord
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.exchange.export_actions import ExchangeActions
from improvement_desk.ui.exchange.import_kinds import RISK_IMPORT, RISK_MATCHED_COLUMNS
from improvement_desk.ui.exchange.import_wizard import ImportWizard
from improvement_desk.ui.exchange.preview_model import PCol
from improvement_desk.ui.exchange.source_pages import NOT_IN_SHEET
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.preferences import Preferences

from .conftest import RecordingMessenger
from .test_exchange_gui import finish, finish_button, next_page, screenshot

pytestmark = pytest.mark.gui

HEADER_ROW = 4
DEMO_RISKS = 14
SHEET = "Risk register"
R2_COMMENTARY = "MASH opened on 2 June; 92% of contacts decided within 24 hours in March."


# -- helpers -----------------------------------------------------------------------------------


def risk(desk: Desk, reference: str) -> RiskRecord:
    return next(r for r in desk.register.register().risks if r.reference == reference)


def columns_of(sheet: Any) -> dict[str, int]:
    by_header = {spec.header: spec.field for spec in RISK_COLUMNS}
    return {by_header[str(c.value)]: c.column for c in sheet[HEADER_ROW] if c.value}


def row_of(sheet: Any, reference: str) -> int:
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        if sheet.cell(row, 1).value == reference:
            return row
    raise AssertionError(f"{reference} was not exported")


def edited_register(
    desk: Desk,
    path: Path,
    edits: dict[tuple[str, str], object],
    new_rows: tuple[dict[str, object], ...] = (),
) -> Path:
    """The demo register exported, then edited (and added to) as an owner would in Excel."""
    desk.risk_exports.export(path, board_name=desk.info().name)
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET]
    cols = columns_of(sheet)
    for (reference, field), value in edits.items():
        sheet.cell(row_of(sheet, reference), cols[field]).value = value
    for values in new_rows:
        row = sheet.max_row + 1
        for field, value in values.items():
            sheet.cell(row, cols[field]).value = value
    book.save(path)
    return path


def realistic_return(desk: Desk, path: Path, *, refuse_r7: bool = False) -> Path:
    """Two reviews (one moves R2's score), a status change and a new risk by a new owner."""
    edits: dict[tuple[str, str], object] = {
        ("R2", "current_likelihood"): "2 - Unlikely",
        ("R2", "review_commentary"): R2_COMMENTARY,
        ("R5", "review_commentary"): "Ofsted's monitoring visit in March found steady progress.",
        ("R3", "status"): "Escalated",
    }
    if refuse_r7:
        edits["R7", "current_likelihood"] = 6
    new: dict[str, object] = {
        "reference": "R15",
        "title": "Loss of the MASH health practitioner",
        "category": "Partnerships",
        "event": "The health practitioner post is not funded after June 2014.",
        "owner": "Ann Lee",
        "current_likelihood": "3 - Possible",
        "current_impact": "3 - Moderate",
    }
    return edited_register(desk, path, edits, (new,))


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
    host: QWidget, demo_desk: Desk, messenger: RecordingMessenger, reloads: list[str]
) -> ExchangeActions:
    return ExchangeActions(
        host,
        lambda: demo_desk,
        messenger,
        lambda: reloads.append("plan"),
        lambda: reloads.append("risks"),
    )


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


def open_risk_wizard(qtbot: QtBot, exchange: ExchangeActions, path: Path) -> ImportWizard:
    exchange.act_import_risks.trigger()
    wizard = exchange.wizard
    assert wizard is not None
    assert wizard.kind is RISK_IMPORT
    qtbot.waitExposed(wizard)
    assert wizard.windowModality() == Qt.WindowModality.WindowModal
    wizard.file_page.path_edit.setText(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10_000)
    return wizard


def to_risk_preview(qtbot: QtBot, exchange: ExchangeActions, path: Path) -> ImportWizard:
    wizard = open_risk_wizard(qtbot, exchange, path)
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


def test_export_risk_register_through_the_menu(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
) -> None:
    path = tmp_path / "register"  # no suffix: .xlsx is added
    exchange.choose_risk_export_path = lambda: str(path)
    exchange.choose_export_path = lambda: pytest.fail("the plan's chooser is not asked")
    exchange.act_export_risks.trigger()
    finish(qtbot, exchange.task)
    written = tmp_path / "register.xlsx"
    book = openpyxl.load_workbook(written)
    assert book.sheetnames[0] == SHEET
    sheet = book[SHEET]
    cols = columns_of(sheet)
    refs = [
        sheet.cell(r, cols["reference"]).value for r in range(HEADER_ROW + 1, sheet.max_row + 1)
    ]
    assert refs == [f"R{n}" for n in range(1, DEMO_RISKS + 1)]
    r1 = risk(demo_desk, "R1")
    row = row_of(sheet, "R1")
    assert sheet.cell(row, cols["title"]).value == r1.title
    assert sheet.cell(row, cols["current_likelihood"]).value == "4 - Likely"
    assert sheet.cell(row, cols["current_score"]).value == r1.current_score == 16
    assert messenger.messages == [
        ("info", "Risk register exported", f"Exported {DEMO_RISKS} risks to {written}")
    ]


def test_default_risk_export_name_names_the_board_and_date(
    exchange: ExchangeActions, demo_desk: Desk
) -> None:
    path = exchange.default_export_path(demo_desk, "risk register")
    assert path.name == f"{demo_desk.info().name} - risk register 2014-03-31.xlsx"
    assert exchange.default_export_path(demo_desk).name.endswith(" - action plan 2014-03-31.xlsx")


def test_risk_export_chooser_cancelled_does_nothing(
    exchange: ExchangeActions, messenger: RecordingMessenger
) -> None:
    exchange.choose_risk_export_path = lambda: ""
    assert exchange.export_risks() is None
    assert messenger.messages == []


# -- import ------------------------------------------------------------------------------------


def test_risk_import_round_trip_reloads_the_register(
    qtbot: QtBot,
    qtmodeltester: Any,
    make_window: Any,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
) -> None:
    window = make_window(demo_desk)
    page = window.register_page
    assert page is not None
    before = risk(demo_desk, "R2")
    assert page.model.record(page.model.row_of(before.id)).current_score == 12
    path = realistic_return(demo_desk, tmp_path / "returned register.xlsx")

    wizard = open_risk_wizard(qtbot, window.exchange, path)
    assert wizard.windowTitle() == "Import risk register from Excel"
    files = wizard.file_page
    assert files.sheet_combo.currentText() == SHEET
    assert files.sheet_info.text().startswith("Recognised ")
    assert files.sheet_info.text().endswith(f"header in row 4, {DEMO_RISKS + 1} data rows.")

    next_page(qtbot, wizard, ImportWizard.COLUMNS)
    columns = wizard.columns_page
    assert list(columns.combos) == [spec.field for spec in RISK_MATCHED_COLUMNS]
    assert "current_score" not in columns.combos  # worked out by the app: never offered
    likelihood = columns.combos["current_likelihood"]
    assert likelihood.currentText() == "M: Current likelihood"
    assert likelihood.accessibleName() == "Column for Current likelihood"
    assert columns.combos["entry_type"].currentText() == NOT_IN_SHEET
    shown = len(RISK_MATCHED_COLUMNS)
    assert columns.status.text().endswith(f"{shown - 1} of {shown} fields have a column.")
    assert not columns.unused.isVisible()  # the score columns are recognised, not "not used"
    assert not columns.warning.isVisible()

    next_page(qtbot, wizard, ImportWizard.PREVIEW)
    preview = wizard.preview_page
    qtmodeltester.check(preview.model)
    assert preview.counts.text() == (
        f"1 new, 3 changed (2 reviews to record), {DEMO_RISKS - 3} unchanged, 0 refused"
    )
    assert preview.source.text() == (
        "returned register.xlsx, sheet 'Risk register', header in row 4"
    )
    assert preview.additions.text() == "People to be added to the board's list: Ann Lee"
    tip = preview.model.headerData(
        PCol.REFERENCE, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
    )
    assert tip == "The risk's reference"
    preview.filter_combo.setCurrentIndex(preview.filter_combo.findText("Changed"))
    details = details_by_reference(wizard)
    assert details["R2"] == (
        "Review to record, score 12 → 8 (2 - Unlikely × 4 - Major): MASH opened on 2 June; "
        "92% of contacts decided within 24 hours in March."
    )
    assert details["R5"].startswith("Review to record, score stays 15: Ofsted's monitoring")
    assert details["R3"] == "Status: Open → Escalated"  # no review: the score is not touched
    preview.filter_combo.setCurrentIndex(preview.filter_combo.findText("New"))
    new = details_by_reference(wizard)["R15"]
    assert new.startswith("Loss of the MASH health practitioner — Ann Lee, score 9")
    assert "warning" in new
    assert finish_button(wizard).isEnabled()
    screenshot(wizard, "risk_wizard_3_preview.png")

    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish_button(wizard).click()
    finish(qtbot)
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("info", "Import complete")
    assert "Added 1 risk, updated 3 (2 reviews recorded), 1 person added." in text
    assert f"• {DEMO_RISKS - 3} rows already matched the register" in text

    after = risk(demo_desk, "R2")
    assert after.current_score == 8
    assert len(after.reviews) == len(before.reviews) + 1
    assert after.reviews[-1].commentary == R2_COMMENTARY
    assert risk(demo_desk, "R3").status is RiskStatus.ESCALATED
    assert risk(demo_desk, "R15").owner == "Ann Lee"
    shown_r2 = page.model.record(page.model.row_of(after.id))  # the page was reloaded
    assert shown_r2.current_score == 8
    assert len(shown_r2.reviews) == len(before.reviews) + 1
    assert page.model.row_of(risk(demo_desk, "R15").id) is not None
    qtbot.waitUntil(lambda: window.exchange.wizard is None)


def test_a_refused_risk_row_names_its_row_and_column_and_import_is_all_or_nothing(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[str],
    tmp_path: Path,
) -> None:
    r2, r7 = risk(demo_desk, "R2"), risk(demo_desk, "R7")
    path = realistic_return(demo_desk, tmp_path / "returned.xlsx", refuse_r7=True)
    wizard = to_risk_preview(qtbot, exchange, path)
    page = wizard.preview_page
    assert page.counts.text() == (
        f"1 new, 3 changed (2 reviews to record), {DEMO_RISKS - 4} unchanged, 1 refused"
    )
    assert page.skip_box.isVisible()
    assert page.blocked.isVisible()
    assert not finish_button(wizard).isEnabled()

    page.filter_combo.setCurrentIndex(page.filter_combo.findText("Refused and conflicts"))
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, PCol.REFERENCE).data() == "R7"
    assert page.proxy.index(0, PCol.OUTCOME).data() == "Refused"
    assert wizard.preview is not None
    row = next(o.row for o in wizard.preview.outcomes if o.reference == "R7")
    reason = page.proxy.index(0, PCol.DETAILS).data()
    assert reason.startswith(f"M{row}: '6' is above the 1 to 5 scale")  # column M, its row
    page.table.setCurrentIndex(page.proxy.index(0, PCol.DETAILS))
    assert page.row_detail.text().startswith(f"Risk register row {row}: Refused\nM{row}: ")
    screenshot(wizard, "risk_wizard_3_preview_refused.png")

    wizard.accept()  # Import while a row is refused: nothing happens
    assert not wizard.busy
    assert wizard.isVisible()
    wizard.apply(skip_refused=False)  # and the service itself refuses the whole file
    qtbot.waitUntil(lambda: bool(messenger.messages) and not wizard.busy, timeout=10_000)
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "Nothing was imported")
    assert "1 row(s) were refused" in text
    assert risk(demo_desk, "R2") == r2  # nothing of the file was written
    assert "R15" not in {r.reference for r in demo_desk.register.register().risks}
    assert reloads == []
    assert wizard.currentId() == ImportWizard.PREVIEW  # read again, still refusing R7
    assert page.counts.text().endswith("1 refused")

    page.skip_box.setChecked(True)
    assert finish_button(wizard).isEnabled()
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish_button(wizard).click()
    finish(qtbot)
    assert risk(demo_desk, "R2").current_score == 8
    assert risk(demo_desk, "R7") == r7
    assert "• 1 refused row left out" in messenger.messages[-1][2]
    assert reloads == ["risks", "plan"]


def test_cancelling_the_risk_wizard_writes_nothing(
    qtbot: QtBot,
    exchange: ExchangeActions,
    demo_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[str],
    tmp_path: Path,
) -> None:
    before = demo_desk.register.register().risks
    people = demo_desk.register.register().people
    path = realistic_return(demo_desk, tmp_path / "returned.xlsx")
    wizard = to_risk_preview(qtbot, exchange, path)
    assert wizard.preview is not None
    assert wizard.preview.count(RowKind.CHANGED) == 3
    assert finish_button(wizard).isEnabled()
    with qtbot.waitSignal(wizard.rejected):
        wizard.button(QWizard.WizardButton.CancelButton).click()
    qtbot.waitUntil(lambda: exchange.wizard is None)
    finish(qtbot)
    assert demo_desk.register.register().risks == before
    assert demo_desk.register.register().people == people
    assert messenger.messages == []
    assert reloads == []


# -- the window --------------------------------------------------------------------------------


def test_risk_commands_are_enabled_like_the_plans(
    make_window: Any, tmp_path: Path, messenger: RecordingMessenger
) -> None:
    window = make_window(None)
    exchange = window.exchange
    assert not exchange.act_export_risks.isEnabled()
    assert not exchange.act_import_risks.isEnabled()

    path = tmp_path / "other.db"
    create_demo_board(path, ACTOR)
    read_only = open_desk(path, ACTOR, read_only=True, today=lambda: TODAY)
    window.install_desk(read_only)
    assert exchange.act_export_risks.isEnabled()  # reading is allowed
    assert not exchange.act_import_risks.isEnabled()
    assert exchange.import_risks() is None
    assert messenger.messages == []
