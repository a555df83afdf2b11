"""Text colours stay readable (WCAG AA, 4.5:1) in light and dark desktop themes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from improvement_desk.domain.risk import ReviewState
from improvement_desk.domain.risk_bands import RiskBands
from improvement_desk.services.desk import Desk
from improvement_desk.ui import theme
from improvement_desk.ui.plan.action_detail import ActionDetailView
from improvement_desk.ui.plan.action_table_model import ActionTableModel
from improvement_desk.ui.plan.columns import Col
from improvement_desk.ui.risks.columns import RiskCol
from improvement_desk.ui.risks.risk_table_model import RiskTableModel

from .risk_fixtures import make_risk

pytestmark = pytest.mark.gui

AA = 4.5


def make_palette(window: str, base: str, text: str) -> QPalette:
    palette = QPalette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Window, QColor(window))
        palette.setColor(group, QPalette.ColorRole.Base, QColor(base))
        palette.setColor(group, QPalette.ColorRole.WindowText, QColor(text))
        palette.setColor(group, QPalette.ColorRole.Text, QColor(text))
    return palette


LIGHT = {
    "light": make_palette("#EFEFEF", "#FFFFFF", "#000000"),
    "light-grey": make_palette("#F0F0F0", "#FFFFFF", "#000000"),
}
DARK = {
    "fusion-dark": make_palette("#2B2B2B", "#1E1E1E", "#E6E6E6"),
    "windows-dark": make_palette("#202020", "#191919", "#FFFFFF"),
    "gnome-dark": make_palette("#353535", "#2D2D2D", "#FFFFFF"),
}
COLOURS: dict[str, Callable[[QPalette | None], QColor]] = {
    "muted": theme.muted_text,
    "warning": theme.warning_text,
    "error": theme.error_text,
    "good": theme.good_text,
}


@pytest.fixture
def app_palette(qapp: QApplication) -> Iterator[Callable[[QPalette], None]]:
    """Lets a test switch the application palette; the original comes back afterwards."""
    original = QPalette(qapp.palette())

    def use(palette: QPalette) -> None:
        qapp.setPalette(palette)

    yield use
    qapp.setPalette(original)


def test_the_wcag_formula_gives_the_known_extremes() -> None:
    assert theme.contrast_ratio(QColor("#000000"), QColor("#FFFFFF")) == pytest.approx(21.0)
    assert theme.contrast_ratio(QColor("#777777"), QColor("#777777")) == pytest.approx(1.0)
    # The published figure for #767676 on white is 4.54:1.
    assert theme.contrast_ratio(QColor("#767676"), QColor("#FFFFFF")) == pytest.approx(
        4.54, abs=0.01
    )


@pytest.mark.parametrize("name", sorted(LIGHT))
def test_light_palettes_are_not_dark_and_keep_the_familiar_colours(name: str) -> None:
    palette = LIGHT[name]
    assert not theme.is_dark(palette)
    assert theme.muted_text_css(palette) == "#555555"
    assert theme.warning_text_css(palette) == "#A61B1B"
    assert theme.error_text_css(palette) == "#B3261E"


@pytest.mark.parametrize("name", sorted(DARK))
def test_dark_palettes_are_dark_and_get_light_text(name: str) -> None:
    palette = DARK[name]
    assert theme.is_dark(palette)
    for colour in COLOURS.values():
        assert colour(palette).lightness() > 128


@pytest.mark.parametrize("palette_name", sorted(LIGHT) + sorted(DARK))
@pytest.mark.parametrize("colour_name", sorted(COLOURS))
@pytest.mark.parametrize("role", [QPalette.ColorRole.Window, QPalette.ColorRole.Base])
def test_every_text_colour_reaches_aa_on_window_and_base(
    palette_name: str, colour_name: str, role: QPalette.ColorRole
) -> None:
    palette = {**LIGHT, **DARK}[palette_name]
    ratio = theme.contrast_ratio(COLOURS[colour_name](palette), palette.color(role))
    assert ratio >= AA, f"{colour_name} on {palette_name} {role.name}: {ratio:.2f}:1"


def test_colours_follow_the_application_palette_when_asked(
    app_palette: Callable[[QPalette], None],
) -> None:
    app_palette(LIGHT["light"])
    assert theme.warning_text_css() == "#A61B1B"
    app_palette(DARK["fusion-dark"])
    assert theme.is_dark()
    assert theme.warning_text_css() == "#FF8A80"


def foreground(index_data: object) -> str:
    assert index_data is not None
    return index_data.color().name().upper()  # type: ignore[attr-defined]


def test_the_plan_overdue_cell_is_readable_in_both_themes(
    demo_desk: Desk, app_palette: Callable[[QPalette], None]
) -> None:
    model = ActionTableModel()
    model.set_actions(demo_desk.plan.snapshot().actions)
    overdue = next(a for a in demo_desk.plan.snapshot().actions if a.overdue)
    row = model.row_of(overdue.id)
    assert row is not None
    index = model.index(row, Col.OVERDUE)
    seen = {}
    for name, palette in (("light", LIGHT["light"]), ("dark", DARK["fusion-dark"])):
        app_palette(palette)
        colour = QColor(foreground(index.data(Qt.ItemDataRole.ForegroundRole)))
        seen[name] = colour.name().upper()
        assert theme.contrast_ratio(colour, palette.color(QPalette.ColorRole.Base)) >= AA
    assert seen == {"light": "#A61B1B", "dark": "#FF8A80"}


def test_the_register_warning_cell_is_readable_in_both_themes(
    app_palette: Callable[[QPalette], None],
) -> None:
    risk = make_risk(id=1, next_review_date=date(2014, 3, 3))
    assert risk.review_state is ReviewState.OVERDUE
    model = RiskTableModel()
    model.set_risks([risk], RiskBands())
    index = model.index(0, RiskCol.NEXT_REVIEW)
    seen = {}
    for name, palette in (("light", LIGHT["light"]), ("dark", DARK["fusion-dark"])):
        app_palette(palette)
        colour = QColor(foreground(index.data(Qt.ItemDataRole.ForegroundRole)))
        seen[name] = colour.name().upper()
        assert theme.contrast_ratio(colour, palette.color(QPalette.ColorRole.Base)) >= AA
    assert seen["light"] != seen["dark"]
    assert seen["dark"] == "#FF8A80"


def test_detail_pane_style_is_built_for_the_palette_at_render_time(
    app_palette: Callable[[QPalette], None],
) -> None:
    app_palette(DARK["fusion-dark"])
    view = ActionDetailView()
    html = view.toHtml().upper()
    # Qt rewrites the style sheet into inline styles: the light grey must be there.
    assert "#A8A8A8" in html
    assert "#555555" not in html
    view.deleteLater()
