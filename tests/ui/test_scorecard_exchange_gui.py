"""The scorecard's Excel exchange in the GUI: File ▸ Export scorecard / Import scorecard figures.

The scorecard reuses the import wizard with its own `ImportKind`: these tests
drive it as a user would, on a board with two indicators and a few figures.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import ACTOR, TODAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget, QWizard
from pytestqt.qtbot import QtBot

from improvement_desk.domain.scorecard import FigureDraft, IndicatorDraft, Polarity, Unit
from improvement_desk.interchange.scorecard_columns import IMPORT_MATCHED_FIELDS
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.ui.exchange.export_actions import ExchangeActions
from improvement_desk.ui.exchange.import_kinds import SCORECARD_IMPORT
from improvement_desk.ui.exchange.import_wizard import ImportWizard
from improvement_desk.ui.exchange.preview_model import PCol

from .conftest import RecordingMessenger
from .test_exchange_gui import finish, finish_button, next_page

pytestmark = pytest.mark.gui

HEADER_ROW = 4


# -- helpers -----------------------------------------------------------------------------------


@pytest.fixture
def card_desk(desk: Desk) -> Desk:
    """CP1 (%, higher is better) with January and February; RR (%, lower) with January."""
    cp1 = desk.indicators.create(
        IndicatorDraft("CP1", "Visits in timescale", Unit.PERCENT, Polarity.HIGHER_IS_BETTER),
        target=90,
    )
    rr = desk.indicators.create(
        IndicatorDraft("RR", "Re-referrals", Unit.PERCENT, Polarity.LOWER_IS_BETTER), target=20
    )
    desk.figures.record(cp1.id, FigureDraft(date(2014, 1, 1), 93.8))
    desk.figures.record(cp1.id, FigureDraft(date(2014, 2, 1), 88.0))
    desk.figures.record(rr.id, FigureDraft(date(2014, 1, 1), 24.5))
    return desk


def values(desk: Desk, reference: str) -> dict[date, float]:
    [indicator] = [i for i in desk.scorecard.indicators() if i.reference == reference]
    return {f.period: f.value for f in desk.scorecard.figures(indicator.id)}


def returned_card(desk: Desk, path: Path, *, refuse_rr: bool = False) -> Path:
    """The scorecard exported, then its Figures sheet edited: a changed and a new figure."""
    desk.scorecard_exports.export(path, board_name=desk.info().name)
    book = openpyxl.load_workbook(path)
    sheet = book["Figures"]
    cols = {c.value: c.column for c in sheet[HEADER_ROW] if c.value}
    rows = {sheet.cell(r, 1).value: r for r in range(HEADER_ROW + 1, sheet.max_row + 1)}
    sheet.cell(rows["CP1"], cols["Feb 2014"]).value = 89.5
    sheet.cell(rows["RR"], cols["Mar 2014"]).value = "twelve" if refuse_rr else 21
    sheet.cell(rows["CP1"], cols["Mar 2014"]).value = 91
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
    host: QWidget, card_desk: Desk, messenger: RecordingMessenger, reloads: list[str]
) -> ExchangeActions:
    return ExchangeActions(
        host,
        lambda: card_desk,
        messenger,
        lambda: reloads.append("plan"),
        lambda: reloads.append("risks"),
        lambda: reloads.append("log"),
        reload_scorecard=lambda: reloads.append("scorecard"),
    )


def to_scorecard_preview(qtbot: QtBot, exchange: ExchangeActions, path: Path) -> ImportWizard:
    exchange.act_import_scorecard.trigger()
    wizard = exchange.wizard
    assert wizard is not None
    assert wizard.kind is SCORECARD_IMPORT
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


def test_export_scorecard_through_the_menu(
    qtbot: QtBot, exchange: ExchangeActions, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    path = tmp_path / "scorecard"  # no suffix: .xlsx is added
    exchange.choose_scorecard_export_path = lambda: str(path)
    exchange.choose_export_path = lambda: pytest.fail("the plan's chooser is not asked")
    exchange.act_export_scorecard.trigger()
    finish(qtbot, exchange.task)
    written = tmp_path / "scorecard.xlsx"
    book = openpyxl.load_workbook(written)
    assert book.sheetnames == ["Scorecard", "Figures", "Notes"]
    figures = book["Figures"]
    assert [figures.cell(r, 1).value for r in (5, 6)] == ["CP1", "RR"]
    assert messenger.messages == [
        ("info", "Scorecard exported", f"Exported 2 indicators to {written}")
    ]


def test_default_scorecard_export_name_names_the_board_and_date(
    exchange: ExchangeActions, card_desk: Desk
) -> None:
    path = exchange.default_export_path(card_desk, "scorecard")
    assert path.name == "Test Improvement Board - scorecard 2014-03-31.xlsx"


# -- import ------------------------------------------------------------------------------------


def test_scorecard_import_previews_old_to_new_and_applies(
    qtbot: QtBot,
    qtmodeltester: Any,
    exchange: ExchangeActions,
    card_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[str],
    tmp_path: Path,
) -> None:
    path = returned_card(card_desk, tmp_path / "returned card.xlsx")
    wizard = to_scorecard_preview(qtbot, exchange, path)
    assert wizard.windowTitle() == "Import scorecard figures from Excel"
    assert list(wizard.columns_page.combos) == list(IMPORT_MATCHED_FIELDS)
    assert wizard.columns_page.combos["name"].currentText() == "B: Indicator"
    assert wizard.columns_page.combos["value"].currentText() == "— not in this sheet —"
    assert "Not used" not in wizard.columns_page.unused.text()  # the periods are all read
    preview = wizard.preview_page
    qtmodeltester.check(preview.model)
    assert preview.counts.text() == (
        "1 new, 1 changed (2 figures to add, 1 figure to change), 0 unchanged, 0 refused"
    )
    assert preview.source.text() == "returned card.xlsx, sheet 'Figures', header in row 4"
    assert details_by_reference(wizard) == {
        "CP1": "Feb 2014: 88.0% → 89.5%; Mar 2014: 91.0%",
        "RR": "Mar 2014: 21.0%",
    }
    assert finish_button(wizard).isEnabled()

    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish_button(wizard).click()
    finish(qtbot)
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("info", "Import complete")
    assert text.splitlines()[2:] == [
        "• 2 new figures",
        "• 1 changed figure",
        "• 0 rows already matched the scorecard",
    ]
    assert reloads == ["scorecard"]
    assert values(card_desk, "CP1")[date(2014, 2, 1)] == 89.5
    assert values(card_desk, "RR")[date(2014, 3, 1)] == 21
    qtbot.waitUntil(lambda: exchange.wizard is None)


def test_a_refused_figure_names_its_cell_and_nothing_is_imported_until_left_out(
    qtbot: QtBot,
    exchange: ExchangeActions,
    card_desk: Desk,
    messenger: RecordingMessenger,
    reloads: list[str],
    tmp_path: Path,
) -> None:
    before = values(card_desk, "CP1")
    path = returned_card(card_desk, tmp_path / "returned.xlsx", refuse_rr=True)
    wizard = to_scorecard_preview(qtbot, exchange, path)
    page = wizard.preview_page
    assert page.counts.text().endswith("0 unchanged, 1 refused")
    assert not finish_button(wizard).isEnabled()
    page.filter_combo.setCurrentIndex(page.filter_combo.findText("Refused and conflicts"))
    assert page.proxy.rowCount() == 1
    assert page.proxy.index(0, PCol.REFERENCE).data() == "RR"
    assert page.proxy.index(0, PCol.DETAILS).data() == "F6: 'twelve' is not a number"
    wizard.apply(skip_refused=False)  # the service itself refuses the whole file
    qtbot.waitUntil(lambda: bool(messenger.messages) and not wizard.busy, timeout=10_000)
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "Nothing was imported")
    assert "1 row(s) were refused" in text
    assert values(card_desk, "CP1") == before
    assert reloads == []

    page.skip_box.setChecked(True)
    with qtbot.waitSignal(wizard.accepted, timeout=10_000):
        finish_button(wizard).click()
    finish(qtbot)
    assert "• 1 refused row left out" in messenger.messages[-1][2]
    assert values(card_desk, "CP1")[date(2014, 3, 1)] == 91
    assert date(2014, 3, 1) not in values(card_desk, "RR")
    assert reloads == ["scorecard"]


def test_a_sheet_that_is_no_scorecard_is_refused_on_the_file_page(
    qtbot: QtBot, exchange: ExchangeActions, card_desk: Desk, tmp_path: Path
) -> None:
    book = openpyxl.Workbook()
    book.active.title = "KPIs"
    book.active.append(["KPI", "Actual"])
    book.active.append(["Visits in timescale", 91])
    path = tmp_path / "kpis.xlsx"
    book.save(path)
    exchange.act_import_scorecard.trigger()
    wizard = exchange.wizard
    assert wizard is not None
    wizard.file_page.path_edit.setText(str(path))
    qtbot.waitUntil(wizard.file_page.isComplete, timeout=10_000)
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.file_page.error.text()), timeout=10_000)
    assert "gives no period for its figures" in wizard.file_page.error.text()
    assert wizard.currentId() == ImportWizard.FILE
    with qtbot.waitSignal(wizard.rejected):
        wizard.button(QWizard.WizardButton.CancelButton).click()
    qtbot.waitUntil(lambda: exchange.wizard is None)


def test_scorecard_commands_need_a_board_and_import_a_writable_one(
    host: QWidget, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    board: list[Desk | None] = [None]
    exchange = ExchangeActions(host, lambda: board[0], messenger, lambda: None)
    assert not exchange.act_export_scorecard.isEnabled()
    assert not exchange.act_import_scorecard.isEnabled()
    path = tmp_path / "other.db"
    create_demo_board(path, ACTOR)
    read_only = open_desk(path, ACTOR, read_only=True, today=lambda: TODAY)
    try:
        board[0] = read_only
        exchange.update_enabled()
        assert exchange.act_export_scorecard.isEnabled()  # reading is allowed
        assert not exchange.act_import_scorecard.isEnabled()
        assert exchange.import_scorecard() is None
    finally:
        read_only.close()
    assert messenger.messages == []
    assert [a.text() for a in exchange.menu_groups()[3]] == [
        "Export score&card to Excel…",
        "Import scorecard &figures from Excel…",
    ]
    assert all(a.shortcut().isEmpty() for a in exchange.menu_groups()[3])
