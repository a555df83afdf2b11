"""The risk heat map: risks land where their scores say, the board's bands colour it, and
it can be driven and read without a mouse or without colour."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QImage, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from improvement_desk.domain.risk import RiskStatus
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.services.risk_records import RiskRecord
from improvement_desk.ui.risks.heat_map import (
    HeatMap,
    HeatMapPanel,
    HeatPoint,
    ScoreView,
    fit_references,
)

from .risk_fixtures import make_risk

pytestmark = pytest.mark.gui

SCREENS = Path(__file__).resolve().parents[2] / "out" / "screens"


def point(ref: str, likelihood: int, impact: int, title: str = "A risk") -> HeatPoint:
    return HeatPoint(ref, title, likelihood, impact)


@pytest.fixture
def heat_map(qtbot: QtBot) -> HeatMap:
    widget = HeatMap()
    qtbot.addWidget(widget)
    widget.resize(460, 400)
    widget.set_points(
        [
            point("R1", 4, 4, "Social worker recruitment"),
            point("R2", 4, 4, "IRO caseloads"),
            point("R3", 2, 5),
            point("R4", 1, 1),
        ],
        RiskBands(),
    )
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def register() -> list[RiskRecord]:
    """Current, inherent and target all in different cells, so each view is distinguishable."""
    return [
        make_risk(
            reference="R1",
            title="Social worker recruitment",
            current_likelihood=4,
            current_impact=4,
            inherent_likelihood=5,
            inherent_impact=5,
            target_likelihood=2,
            target_impact=3,
        ),
        make_risk(
            reference="R2",
            current_likelihood=3,
            current_impact=2,
            inherent_likelihood=4,
            inherent_impact=3,
            target_likelihood=None,
            target_impact=None,
        ),
        make_risk(
            reference="R3",
            status=RiskStatus.ESCALATED,
            current_likelihood=5,
            current_impact=5,
            inherent_likelihood=5,
            inherent_impact=5,
        ),
        make_risk(
            reference="R9",
            status=RiskStatus.CLOSED,
            current_likelihood=4,
            current_impact=4,
            inherent_likelihood=5,
            inherent_impact=5,
            target_likelihood=2,
            target_impact=3,
        ),
    ]


@pytest.fixture
def panel(qtbot: QtBot) -> HeatMapPanel:
    widget = HeatMapPanel()
    qtbot.addWidget(widget)
    widget.resize(520, 460)
    widget.set_risks(register(), RiskBands())
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click_cell(widget: HeatMap, likelihood: int, impact: int) -> None:
    centre = widget.cell_rect(likelihood, impact).center()
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)


def colour_at(widget: HeatMap, likelihood: int, impact: int) -> str:
    """The fill, sampled in the cell's bottom-right corner where no text or ring is drawn."""
    rect = widget.cell_rect(likelihood, impact)
    image = widget.grab().toImage()
    return image.pixelColor(rect.right() - 3, rect.bottom() - 3).name().upper()


# -- plotting -----------------------------------------------------------------------------------


def test_points_land_in_their_cells_with_rows_top_down_and_columns_left_right(
    heat_map: HeatMap,
) -> None:
    assert heat_map.references_at(4, 4) == ["R1", "R2"]
    assert heat_map.references_at(2, 5) == ["R3"]
    assert heat_map.references_at(5, 2) == []
    top_right, bottom_left = heat_map.cell_rect(5, 5), heat_map.cell_rect(1, 1)
    assert top_right.top() < bottom_left.top()
    assert top_right.left() > bottom_left.left()
    assert heat_map.cell_rect(4, 4).center().y() < heat_map.cell_rect(3, 4).center().y()
    assert heat_map.cell_lines(4, 4) == ["R1 R2"]


def test_cells_scale_with_the_widget(heat_map: HeatMap) -> None:
    small = heat_map.cell_rect(3, 3).size()
    heat_map.resize(800, 700)
    large = heat_map.cell_rect(3, 3).size()
    assert large.width() > small.width() * 1.5
    assert large.height() > small.height() * 1.5
    assert heat_map.sizeHint().width() >= heat_map.minimumSizeHint().width()


def test_a_full_cell_shows_what_fits_and_counts_the_rest(heat_map: HeatMap) -> None:
    refs = [f"R{n}" for n in range(1, 31)]
    heat_map.set_points([point(r, 3, 3) for r in refs], RiskBands())
    lines = heat_map.cell_lines(3, 3)
    more = re.fullmatch(r".* ?\+(\d+)( more)?", lines[-1])
    assert more, lines
    words = " ".join(lines).split()
    shown = words[: -2 if more.group(2) else -1]
    assert shown == refs[: len(shown)]
    assert len(shown) + int(more.group(1)) == 30
    assert heat_map.references_at(3, 3) == refs


def test_fit_references_never_drops_a_risk_silently(heat_map: HeatMap) -> None:
    metrics = QFontMetrics(heat_map.font())
    refs = ["R1", "R2", "R333", "R444"]
    wide = metrics.horizontalAdvance("R1 R2 R333 R444") + 2
    assert fit_references(refs, metrics, wide, 1) == ["R1 R2 R333 R444"]
    # Where a line like `room` fits, at least its references are shown (a reference is worth
    # more than the word "more"), and every other risk is counted.
    for room in ("R1 R2 +2 more", "R1 R2 +2", "R1 +3 more"):
        width = metrics.horizontalAdvance(room) + 2
        (line,) = fit_references(refs, metrics, width, 1)
        assert metrics.horizontalAdvance(line) <= width
        words = [w for w in line.split() if w != "more"]
        shown, counted = words[:-1], int(words[-1].lstrip("+"))
        assert shown == refs[: len(shown)]
        assert len(shown) + counted == len(refs)
        assert len(shown) >= len(room.split()) - (2 if "more" in room else 1)
    narrow = fit_references(refs, metrics, metrics.horizontalAdvance("+4") + 2, 1)
    assert narrow == ["+4"]
    assert fit_references(refs, metrics, wide, 0) == []


def test_axis_text_follows_the_palette(heat_map: HeatMap) -> None:
    palette = heat_map.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#0000FF"))
    heat_map.setPalette(palette)
    image = heat_map.grab().toImage()
    grid_left = heat_map.cell_rect(1, 1).left()
    axis = {
        image.pixelColor(x, y).name().upper()
        for x in range(grid_left)
        for y in range(0, image.height(), 2)
    }
    assert "#0000FF" in axis


def test_accessible_name_and_description_summarise_the_bands(heat_map: HeatMap) -> None:
    assert heat_map.accessibleName() == "Risk heat map"
    assert heat_map.accessibleDescription() == "4 risks plotted: 2 high, 1 medium, 1 low"
    heat_map.set_points([], RiskBands())
    assert heat_map.accessibleDescription() == "No risks plotted"


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_tooltip_names_score_band_and_risks_as_plain_text(qtbot: QtBot, heat_map: HeatMap) -> None:
    assert heat_map.cell_tooltip(4, 4).startswith(
        "Score 16 (High): R1 Social worker recruitment, R2 IRO caseloads"
    )
    assert "Likelihood 4 Likely × impact 4 Major" in heat_map.cell_tooltip(4, 4)
    assert heat_map.cell_tooltip(5, 1).startswith("Score 5 (Medium): no risks")
    heat_map.set_points([point("R7", 2, 2, "<b>bold</b> & co")], RiskBands())
    centre = heat_map.cell_rect(2, 2).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, centre, heat_map.mapToGlobal(centre))
    QApplication.sendEvent(heat_map, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert "R7 &lt;b&gt;bold&lt;/b&gt; &amp; co" in QToolTip.text()
    QToolTip.hideText()


# -- colour comes from the board's bands ----------------------------------------------------------


def test_cells_take_the_bands_colours_and_move_when_the_bands_change(heat_map: HeatMap) -> None:
    bands = RiskBands()
    assert colour_at(heat_map, 4, 4) == bands.high_colour.upper()
    assert colour_at(heat_map, 3, 3) == bands.medium_colour.upper()
    assert colour_at(heat_map, 1, 2) == bands.low_colour.upper()
    wider = RiskBands(medium_max=16, appetite=16)
    heat_map.set_points([point("R1", 4, 4)], wider)
    assert colour_at(heat_map, 4, 4) == wider.medium_colour.upper()
    assert colour_at(heat_map, 4, 5) == wider.high_colour.upper()
    recoloured = RiskBands(high_colour="#6A1B9A")
    heat_map.set_points([], recoloured)
    assert colour_at(heat_map, 5, 5) == "#6A1B9A"


@pytest.mark.parametrize("fill", ["#C0392B", "#FFEB3B"])
def test_cell_text_is_drawn_in_the_readable_colour_for_its_fill(
    heat_map: HeatMap, fill: str
) -> None:
    bands = RiskBands(high_colour=fill)
    heat_map.set_points([point("R1", 5, 5)], bands)
    ink = bands.text_colour(25).upper()
    assert ink == ("#FFFFFF" if fill == "#C0392B" else "#000000")
    rect = heat_map.cell_rect(5, 5)
    image = heat_map.grab().toImage()
    colours = {
        image.pixelColor(x, y).name().upper()
        for x in range(rect.left() + 4, rect.left() + rect.width() // 2)
        for y in range(rect.top() + 4, rect.top() + rect.height() // 2)
    }
    assert ink in colours, "the score and references are drawn in the band's text colour"
    assert fill.upper() in colours


# -- choosing a cell --------------------------------------------------------------------------------


def test_clicking_a_cell_chooses_it_and_clicking_again_clears(
    qtbot: QtBot, heat_map: HeatMap
) -> None:
    chosen: list[object] = []
    heat_map.cell_chosen.connect(chosen.append)
    click_cell(heat_map, 2, 5)
    assert chosen == [(2, 5)]
    assert heat_map.selected_cell() == (2, 5)
    click_cell(heat_map, 4, 1)
    assert chosen == [(2, 5), (4, 1)]
    click_cell(heat_map, 4, 1)
    assert chosen == [(2, 5), (4, 1), None]
    assert heat_map.selected_cell() is None
    QTest.mouseClick(
        heat_map, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(2, 2)
    )
    assert chosen == [(2, 5), (4, 1), None]


def test_selection_ring_shows_on_every_band(heat_map: HeatMap) -> None:
    for cell in ((1, 1), (3, 3), (5, 5)):
        heat_map.select_cell(*cell)
        rect = heat_map.cell_rect(*cell)
        image: QImage = heat_map.grab().toImage()
        edge = {
            image.pixelColor(x, y).name().upper()
            for x in range(rect.left(), rect.left() + 5)
            for y in range(rect.top() + 6, rect.bottom() - 6)
        }
        assert {"#000000", "#FFFFFF"} <= edge, cell


def test_programmatic_selection_survives_a_reload_and_checks_its_cell(
    qtbot: QtBot, heat_map: HeatMap
) -> None:
    with qtbot.waitSignal(heat_map.cell_chosen) as blocker:
        heat_map.select_cell(3, 4)
    assert blocker.args == [(3, 4)]
    heat_map.set_points([point("R5", 3, 4)], RiskBands())
    assert heat_map.selected_cell() == (3, 4)
    with qtbot.assertNotEmitted(heat_map.cell_chosen):
        heat_map.select_cell(3, 4)
    with pytest.raises(ValueError, match="no cell"):
        heat_map.select_cell(0, 6)
    with qtbot.waitSignal(heat_map.cell_chosen) as blocker:
        heat_map.clear_selection()
    assert blocker.args == [None]


def test_keyboard_moves_the_focus_cell_and_chooses_it(qtbot: QtBot, heat_map: HeatMap) -> None:
    assert heat_map.focusPolicy() == Qt.FocusPolicy.StrongFocus
    chosen: list[object] = []
    heat_map.cell_chosen.connect(chosen.append)
    heat_map.activateWindow()
    heat_map.setFocus()
    qtbot.waitUntil(heat_map.hasFocus)
    assert heat_map.focus_cell() == (4, 4)  # the keyboard starts on the worst occupied cell
    QTest.keyClick(heat_map, Qt.Key.Key_Down)
    QTest.keyClick(heat_map, Qt.Key.Key_Up)
    QTest.keyClick(heat_map, Qt.Key.Key_Up)
    QTest.keyClick(heat_map, Qt.Key.Key_Up)  # stops at the top row
    QTest.keyClick(heat_map, Qt.Key.Key_Left)
    assert heat_map.focus_cell() == (5, 3)
    QTest.keyClick(heat_map, Qt.Key.Key_Return)
    assert chosen == [(5, 3)]
    for _ in range(6):
        QTest.keyClick(heat_map, Qt.Key.Key_Down)
    QTest.keyClick(heat_map, Qt.Key.Key_Right)
    assert heat_map.focus_cell() == (1, 4)
    QTest.keyClick(heat_map, Qt.Key.Key_Space)
    assert chosen == [(5, 3), (1, 4)]
    QTest.keyClick(heat_map, Qt.Key.Key_Space)  # again: cleared, as a second click does
    assert chosen == [(5, 3), (1, 4), None]
    QTest.keyClick(heat_map, Qt.Key.Key_Enter)
    QTest.keyClick(heat_map, Qt.Key.Key_Escape)
    assert chosen == [(5, 3), (1, 4), None, (1, 4), None]
    assert heat_map.selected_cell() is None


# -- the panel ----------------------------------------------------------------------------------------


def test_panel_plots_live_risks_only(panel: HeatMapPanel) -> None:
    grid = panel.heat_map
    assert panel.view() is ScoreView.CURRENT
    assert grid.references_at(4, 4) == ["R1"]  # R9 is closed, though it scores the same
    assert grid.references_at(5, 5) == ["R3"]  # escalated is still live
    assert grid.references_at(3, 2) == ["R2"]
    assert panel.note.text() == "3 open risks (1 escalated)"
    assert panel.legend.text() == "Bands: Low 1–4, Medium 5–12, High 15–25; appetite 12"
    assert panel.legend.textFormat() == Qt.TextFormat.PlainText


def test_view_toggle_changes_what_is_plotted(qtbot: QtBot, panel: HeatMapPanel) -> None:
    grid = panel.heat_map
    assert panel.group.exclusive()
    QTest.mouseClick(panel.buttons[ScoreView.INHERENT], Qt.MouseButton.LeftButton)
    assert panel.view() is ScoreView.INHERENT
    assert grid.references_at(5, 5) == ["R1", "R3"]
    assert grid.references_at(4, 3) == ["R2"]
    assert grid.references_at(4, 4) == []
    QTest.mouseClick(panel.buttons[ScoreView.TARGET], Qt.MouseButton.LeftButton)
    assert panel.view() is ScoreView.TARGET
    assert grid.references_at(2, 3) == ["R1", "R3"]  # R3 keeps the factory's target
    assert "R2" not in {
        r for lik in range(1, 6) for i in range(1, 6) for r in grid.references_at(lik, i)
    }
    assert panel.note.text() == "3 open risks (1 escalated); 1 without a target, not shown"
    panel.set_view(ScoreView.CURRENT)
    assert panel.buttons[ScoreView.CURRENT].isChecked()
    assert not panel.buttons[ScoreView.TARGET].isChecked()
    assert grid.references_at(4, 4) == ["R1"]


def test_panel_reemits_the_view_with_the_cell_and_a_new_view_clears_it(
    qtbot: QtBot, panel: HeatMapPanel
) -> None:
    chosen: list[object] = []
    panel.cell_chosen.connect(chosen.append)
    grid = panel.heat_map
    click_cell(grid, 4, 4)
    assert chosen == [(ScoreView.CURRENT, 4, 4)]
    assert panel.selected() == (ScoreView.CURRENT, 4, 4)
    panel.set_view(ScoreView.INHERENT)
    assert chosen == [(ScoreView.CURRENT, 4, 4), None]
    assert grid.selected_cell() is None
    grid.select_cell(5, 5)
    assert chosen[-1] == (ScoreView.INHERENT, 5, 5)


def test_panel_rates_cells_with_the_bands_it_is_given(panel: HeatMapPanel) -> None:
    bands = RiskBands(low_max=6, medium_max=16, appetite=16)
    panel.set_risks(register(), bands)
    assert panel.legend.text() == f"Bands: {bands.describe()}"
    assert colour_at(panel.heat_map, 4, 4) == bands.medium_colour.upper()
    assert panel.heat_map.accessibleDescription() == "3 risks plotted: 1 high, 1 medium, 1 low"


def test_screenshots(qtbot: QtBot, panel: HeatMapPanel) -> None:
    SCREENS.mkdir(parents=True, exist_ok=True)
    panel.heat_map.select_cell(4, 4)
    for size, name in (((520, 460), "heat_map.png"), ((340, 320), "heat_map_small.png")):
        panel.resize(*size)
        image = panel.grab().toImage()
        assert image.width() >= size[0]
        pixels = {
            image.pixel(x, y)
            for x in range(0, image.width(), 3)
            for y in range(0, image.height(), 3)
        }
        assert len(pixels) > 10, "looks blank"
        assert image.save(str(SCREENS / name))
