"""The scorecard's Qt models: consistent under qtmodeltester, rated by polarity in words as
well as colour, gaps shown as gaps, sorted and filtered as a board member expects."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtCore import QPointF, QRectF, Qt

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import Polarity, Rag, Trend, Unit
from improvement_desk.services.scorecard_records import TargetRecord
from improvement_desk.ui.scorecard.columns import (
    INDICATOR_ID_ROLE,
    RAG_ROLE,
    SERIES_ROLE,
    ScoreCol,
    rag_counts_text,
)
from improvement_desk.ui.scorecard.figures_model import FigureCol, FiguresModel, figure_lines
from improvement_desk.ui.scorecard.month_model import (
    MonthCol,
    MonthEntryModel,
    check_row,
    default_month,
    is_due,
    month_rows,
)
from improvement_desk.ui.scorecard.scorecard_filter import (
    NO_RAG,
    ScorecardCriteria,
    ScorecardFilterProxy,
)
from improvement_desk.ui.scorecard.scorecard_model import ScorecardTableModel
from improvement_desk.ui.scorecard.sparkline import isolated, sparkline_points

from .scorecard_fixtures import make_indicator, make_row

pytestmark = pytest.mark.gui

TODAY = date(2014, 3, 31)
JAN, FEB, MAR = date(2014, 1, 1), date(2014, 2, 1), date(2014, 3, 1)
DISPLAY = Qt.ItemDataRole.DisplayRole


def rows() -> list:  # type: ignore[type-arg]
    """Six indicators, one fact each that a column or a filter is about."""
    return [
        # CP1: higher is better, rising, on target: green, improving.
        make_row(make_indicator(id=1, reference="CP1"), {JAN: 93.0, FEB: 94.5, MAR: 96.0}),
        # CP2: lower is better and rising: red, deteriorating (the number went up).
        make_row(
            make_indicator(
                id=2,
                reference="CP2",
                name="Re-referrals within 12 months",
                polarity=Polarity.LOWER_IS_BETTER,
                targets=(TargetRecord(2, JAN, 20.0),),
                amber_tolerance=3.0,
                position=1,
            ),
            {JAN: 22.0, FEB: 23.0, MAR: 27.5},
        ),
        # CP10: lower is better and falling: amber (within 3 of 20), improving.
        make_row(
            make_indicator(
                id=3,
                reference="CP10",
                name="Second plans",
                polarity=Polarity.LOWER_IS_BETTER,
                targets=(TargetRecord(3, JAN, 20.0),),
                amber_tolerance=3.0,
                position=2,
            ),
            {JAN: 25.0, FEB: 24.0, MAR: 22.0},
        ),
        # WF3: a count with no target: no RAG ("No target"), no comparators.
        make_row(
            make_indicator(
                id=4,
                reference="WF3",
                name="Agency workers",
                unit=Unit.COUNT,
                targets=(),
                england=None,
                statistical_neighbours=None,
                position=3,
            ),
            {FEB: 46.0, MAR: 46.0},
        ),
        # CP4: a gap in February: no previous figure, so no direction of travel.
        make_row(
            make_indicator(id=5, reference="CP4", name="Visits in timescale", position=4),
            {JAN: 90.0, MAR: 96.0},
        ),
        # LAC9: inactive, and no figure at all.
        make_row(
            make_indicator(id=6, reference="LAC9", name="Retired measure", active=False),
            {},
        ),
    ]


@pytest.fixture
def loaded(qapp: object) -> tuple[ScorecardTableModel, ScorecardFilterProxy]:
    model = ScorecardTableModel()
    model.set_rows(rows())
    proxy = ScorecardFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def cell(model: ScorecardTableModel, reference: str, col: ScoreCol, role: int = DISPLAY) -> object:
    for n in range(model.rowCount()):
        if model.index(n, ScoreCol.REFERENCE).data() == reference:
            return model.index(n, col).data(role)
    raise AssertionError(reference)


def shown(proxy: ScorecardFilterProxy) -> list[str]:
    return [proxy.index(r, ScoreCol.REFERENCE).data() for r in range(proxy.rowCount())]


def test_models_pass_qtmodeltester(qtmodeltester, loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy = loaded
    qtmodeltester.check(model)
    proxy.sort(ScoreCol.RAG, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    figures = FiguresModel()
    indicator = rows()[4].indicator
    figures.set_lines(indicator, figure_lines(indicator, rows()[4].figures, TODAY))
    qtmodeltester.check(figures)
    month = MonthEntryModel(TODAY)
    month.set_rows(month_rows(rows(), MAR))
    qtmodeltester.check(month)


def test_empty_models_pass_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ScorecardTableModel()
    qtmodeltester.check(model)
    proxy = ScorecardFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    qtmodeltester.check(FiguresModel())
    qtmodeltester.check(MonthEntryModel(TODAY))


def test_rag_and_direction_read_as_words_by_polarity(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded
    assert cell(model, "CP1", ScoreCol.RAG) == "Green"
    assert cell(model, "CP1", ScoreCol.DIRECTION) == "▲ Improving"
    # Lower is better: a rising number is deteriorating, a falling one improving.
    assert cell(model, "CP2", ScoreCol.RAG) == "Red"
    assert cell(model, "CP2", ScoreCol.DIRECTION) == "▼ Deteriorating"
    assert cell(model, "CP10", ScoreCol.RAG) == "Amber"
    assert cell(model, "CP10", ScoreCol.DIRECTION) == "▲ Improving"
    assert cell(model, "WF3", ScoreCol.RAG) == "No target"
    assert cell(model, "WF3", ScoreCol.DIRECTION) == "► No change"
    assert cell(model, "CP4", ScoreCol.DIRECTION) == "– Not applicable"
    assert cell(model, "LAC9", ScoreCol.RAG) == "No figure"
    spoken = Qt.ItemDataRole.AccessibleTextRole
    assert cell(model, "CP2", ScoreCol.DIRECTION, spoken) == "Direction of travel: Deteriorating"
    assert cell(model, "CP2", ScoreCol.RAG, spoken) == "RAG rating: Red"
    tip = str(cell(model, "CP2", ScoreCol.DIRECTION, Qt.ItemDataRole.ToolTipRole))
    assert "27.5%" in tip
    assert "23.0%" in tip
    assert "lower is better" in tip


def test_rag_colours_are_the_boards_and_words_carry_the_meaning(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded
    for reference, brag in (("CP1", Brag.GREEN), ("CP2", Brag.RED), ("CP10", Brag.AMBER)):
        brush = cell(model, reference, ScoreCol.RAG, Qt.ItemDataRole.BackgroundRole)
        assert brush.color().name().upper() == brag.colour.upper()  # type: ignore[attr-defined]
    text = cell(model, "CP10", ScoreCol.RAG, Qt.ItemDataRole.ForegroundRole)
    assert text.color().name() == "#000000"  # type: ignore[attr-defined]
    assert cell(model, "WF3", ScoreCol.RAG, Qt.ItemDataRole.BackgroundRole) is None
    assert cell(model, "CP2", ScoreCol.RAG, RAG_ROLE) == Rag.RED.value


def test_numbers_show_in_their_unit_and_gaps_as_gaps(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded
    assert cell(model, "CP1", ScoreCol.LATEST) == "96.0%"
    assert cell(model, "CP1", ScoreCol.TARGET) == "95.0%"
    assert cell(model, "CP1", ScoreCol.PREVIOUS) == "94.5%"
    assert cell(model, "CP1", ScoreCol.ENGLAND) == "96.6%"
    assert cell(model, "CP1", ScoreCol.NEIGHBOURS) == "95.1%"
    assert cell(model, "CP1", ScoreCol.LATEST_PERIOD) == "Mar 2014"
    assert cell(model, "CP1", ScoreCol.UNIT) == "Percent"
    assert cell(model, "WF3", ScoreCol.LATEST) == "46"
    assert cell(model, "WF3", ScoreCol.TARGET) == "–"
    assert cell(model, "WF3", ScoreCol.ENGLAND) == "–"
    assert cell(model, "CP4", ScoreCol.PREVIOUS) == "–", "a gap, never 0"
    assert cell(model, "LAC9", ScoreCol.LATEST) == "–"
    assert cell(model, "LAC9", ScoreCol.INDICATOR) == "Retired measure (inactive)"
    series = cell(model, "CP4", ScoreCol.TREND, SERIES_ROLE)
    assert isinstance(series, tuple)
    assert len(series) == 12
    assert series[-3:] == (90.0, None, 96.0)
    tip = str(cell(model, "CP1", ScoreCol.INDICATOR, Qt.ItemDataRole.ToolTipRole))
    assert "&lt;b&gt;on time&lt;/b&gt;" in tip, "user text is shown literally"


def test_sorting_by_a_column_and_back_to_the_boards_order(loaded) -> None:  # type: ignore[no-untyped-def]
    _model, proxy = loaded
    proxy.set_criteria(ScorecardCriteria(include_inactive=True))
    board = shown(proxy)
    assert board == ["CP1", "CP2", "CP10", "WF3", "CP4", "LAC9"]
    proxy.sort(ScoreCol.RAG, Qt.SortOrder.DescendingOrder)
    assert shown(proxy)[:2] == ["CP2", "CP10"], "red first, then amber"
    proxy.sort(ScoreCol.REFERENCE, Qt.SortOrder.AscendingOrder)
    assert shown(proxy)[:3] == ["CP1", "CP2", "CP4"]
    assert shown(proxy)[3] == "CP10"
    proxy.sort(ScoreCol.LATEST, Qt.SortOrder.DescendingOrder)
    assert shown(proxy)[0] == "CP1"
    assert shown(proxy)[-1] == "LAC9", "no figure sorts last"
    proxy.sort(ScoreCol.DIRECTION, Qt.SortOrder.DescendingOrder)
    assert shown(proxy)[0] == "CP2"
    proxy.sort(-1)
    assert shown(proxy) == board


def test_filters_by_rag_direction_words_and_inactive(loaded) -> None:  # type: ignore[no-untyped-def]
    _, proxy = loaded
    assert shown(proxy) == ["CP1", "CP2", "CP10", "WF3", "CP4"], "inactive hidden by default"
    proxy.set_criteria(ScorecardCriteria(rag=Rag.RED.value))
    assert shown(proxy) == ["CP2"]
    proxy.set_criteria(ScorecardCriteria(rag=NO_RAG))
    assert shown(proxy) == ["WF3"]
    proxy.set_criteria(ScorecardCriteria(rag=NO_RAG, include_inactive=True))
    assert shown(proxy) == ["WF3", "LAC9"]
    proxy.set_criteria(ScorecardCriteria(trend=Trend.IMPROVING))
    assert shown(proxy) == ["CP1", "CP10"]
    proxy.set_criteria(ScorecardCriteria(text="re-REFERRALS"))
    assert shown(proxy) == ["CP2"]
    proxy.set_criteria(ScorecardCriteria(text="on time"))  # the definition is searched too
    assert "CP1" in shown(proxy)
    proxy.set_criteria(ScorecardCriteria(text="zzz"))
    assert shown(proxy) == []
    model = proxy.sourceModel()
    assert model.index(0, 0).data(INDICATOR_ID_ROLE) == 1


def test_rag_counts_summary(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded
    active = [r for r in model.rows() if r.indicator.active]
    assert rag_counts_text(active) == "1 red · 1 amber · 2 green · 1 no target"
    assert rag_counts_text(model.rows()).endswith("1 no target · 1 no figure")
    assert rag_counts_text([]) == ""


def test_figures_newest_first_with_gaps_and_target_steps(qapp: object) -> None:
    indicator = make_indicator(
        targets=(TargetRecord(1, date(2013, 10, 1), 90.0), TargetRecord(2, JAN, 95.0))
    )
    row = make_row(indicator, {date(2013, 11, 1): 88.0, JAN: 93.0, MAR: 96.0})
    model = FiguresModel()
    model.set_lines(indicator, figure_lines(indicator, row.figures, TODAY))
    text = [
        [model.index(r, c).data() for c in (FigureCol.PERIOD, FigureCol.VALUE, FigureCol.RAG)]
        for r in range(model.rowCount())
    ]
    assert text == [
        ["Mar 2014", "96.0%", "Green"],
        ["Feb 2014", "No figure", "–"],
        ["Jan 2014", "93.0%", "Amber"],  # against 95 from January, within 5
        ["Dec 2013", "No figure", "–"],
        ["Nov 2013", "88.0%", "Amber"],  # against 90 then
    ]
    # Before today's period ends, a missing last month shows as a gap too.
    row = make_row(indicator, {JAN: 93.0})
    lines = figure_lines(indicator, row.figures, TODAY)
    assert [line.label for line in lines] == ["Feb 2014", "Jan 2014"]
    assert lines[0].figure is None


def test_month_grid_rows_checks_and_entries(qapp: object) -> None:
    scorecard = rows()
    assert default_month(scorecard, TODAY) == MAR, "all have March, and April has not started"
    assert default_month(scorecard, date(2014, 4, 30)) == date(2014, 4, 1)
    older = [make_row(make_indicator(id=n, reference=f"X{n}"), {JAN: 50.0}) for n in (7, 8, 9)]
    assert default_month(older, TODAY) == FEB, "the month after the newest"
    assert default_month([*scorecard[:1], *older], TODAY) == MAR, "March part entered: finish it"
    assert default_month([], TODAY) == FEB, "nothing yet: the last finished month"
    quarterly = make_indicator(id=8, reference="Q1", frequency=Frequency.QUARTERLY)
    assert is_due(quarterly, MAR)
    assert not is_due(quarterly, FEB)
    grid = month_rows(scorecard, FEB)
    assert [r.indicator.reference for r in grid] == ["CP1", "CP2", "CP10", "WF3", "CP4"]
    cp4 = grid[-1]
    assert (cp4.existing, cp4.value_text, cp4.previous.value if cp4.previous else None) == (
        None, "", 90.0,
    )  # fmt: skip
    assert grid[0].value_text == "94.5", "a recorded figure is prefilled"
    model = MonthEntryModel(TODAY)
    model.set_rows(grid)
    assert model.entries() == [], "nothing changed yet"
    assert model.index(0, MonthCol.PREVIOUS).data() == "93.0%"
    assert model.index(4, MonthCol.PREVIOUS).data() == "90.0%"
    assert model.setData(model.index(4, MonthCol.VALUE), "120")
    assert [str(p) for p in model.problems()] == ["CP4 Feb 2014 Value: 120% is more than 100%"]
    assert model.index(4, MonthCol.VALUE).data(Qt.ItemDataRole.BackgroundRole) is not None
    model.setData(model.index(4, MonthCol.VALUE), "eighty")
    assert [p.field for p in model.problems()] == ["CP4 Feb 2014 Value"]
    model.setData(model.index(4, MonthCol.VALUE), "81.5%")
    model.setData(model.index(4, MonthCol.COMMENTARY), "Two late visits")
    assert model.problems() == []
    [(indicator_id, draft)] = model.entries()
    assert (indicator_id, draft.period, draft.value, draft.commentary) == (
        5, FEB, 81.5, "Two late visits",
    )  # fmt: skip
    later = replace(month_rows(scorecard, date(2014, 5, 1))[0], value_text="50")
    assert [p.message for p in check_row(later, TODAY)] == ["May 2014 has not started yet"]


def test_sparkline_breaks_at_gaps() -> None:
    rect = QRectF(0, 0, 110, 20)
    points = sparkline_points([1.0, 2.0, None, 3.0, None, 2.0, 1.0], rect)
    assert points[2] is None
    assert points[4] is None
    assert points[0] == QPointF(0, 20)
    assert points[3] == QPointF(55, 0)
    assert isolated(points) == [QPointF(55, 0)], "a lone figure gets a dot"
    assert sparkline_points([None, None], rect) == [None, None]
