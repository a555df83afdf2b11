"""`dump` and `check` cover the scorecard: indicators with targets and figures, and its rules."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import (
    FigureDraft,
    IndicatorDraft,
    Polarity,
    TargetStep,
    Unit,
)
from improvement_desk.services.checks import run_checks
from improvement_desk.services.desk import Desk
from improvement_desk.services.dump import dump_board


def _board(desk: Desk) -> tuple[int, int]:
    cp1 = desk.indicators.create(
        IndicatorDraft("CP1", "Child protection visits in timescale", Unit.PERCENT,
                       Polarity.HIGHER_IS_BETTER, amber_tolerance=2.0),
        target=90.0,
        target_from=date(2013, 4, 1),
    )  # fmt: skip
    desk.indicators.set_target(cp1.id, TargetStep(date(2014, 4, 1), 95.0))
    desk.figures.record(cp1.id, FigureDraft(date(2014, 1, 1), 93.8, "Rota"))
    q1 = desk.indicators.create(
        IndicatorDraft("Q1", "Agency social workers", Unit.COUNT, Polarity.LOWER_IS_BETTER,
                       frequency=Frequency.QUARTERLY),
    )  # fmt: skip
    desk.figures.record(q1.id, FigureDraft(date(2013, 10, 1), 31.0))
    return cp1.id, q1.id


def test_dump_includes_indicators_targets_and_figures(desk: Desk) -> None:
    _board(desk)
    dumped = dump_board(desk.ctx, include_audit=False)
    cp1, q1 = dumped["indicators"]
    assert (cp1["reference"], cp1["unit"], cp1["polarity"], cp1["frequency"]) == (
        "CP1",
        "percent",
        "higher",
        "monthly",
    )
    assert [(t["from_period"], t["target"]) for t in cp1["targets"]] == [
        ("2013-04-01", 90.0),
        ("2014-04-01", 95.0),
    ]
    assert [(f["period"], f["value"], f["commentary"]) for f in cp1["figures"]] == [
        ("2014-01-01", 93.8, "Rota")
    ]
    assert cp1["figures"][0]["recorded_by"] == "Test Officer"
    assert (q1["frequency"], q1["targets"], q1["position"]) == ("quarterly", [], 1)
    with_audit = dump_board(desk.ctx)
    assert {"indicator", "indicator_target", "indicator_figure"} <= {
        e["entity"] for e in with_audit["audit"]
    }


def test_an_empty_board_dumps_no_indicators(desk: Desk) -> None:
    assert dump_board(desk.ctx, include_audit=False)["indicators"] == []


def test_check_passes_a_sound_scorecard(desk: Desk) -> None:
    _board(desk)
    report = run_checks(desk.ctx)
    assert report.ok, report.problems
    assert "Scorecard rules" in report.passed


def test_check_finds_scorecard_rows_that_bypassed_the_services(desk: Desk) -> None:
    cp1, q1 = _board(desk)
    with desk.opened.database.engine.begin() as conn:
        conn.execute(
            text("UPDATE indicator_figure SET value = 104.5 WHERE indicator_id = :i"), {"i": cp1}
        )
        conn.execute(
            text("UPDATE indicator_figure SET period = '2013-11-01' WHERE indicator_id = :i"),
            {"i": q1},
        )
        conn.exec_driver_sql(
            "UPDATE indicator_target SET from_period = '2014-04-15', target = -1 "
            "WHERE from_period = '2014-04-01'"
        )
    report = run_checks(desk.ctx)
    assert report.problems == [
        "Scorecard rules: indicator CP1: figure for Jan 2014 is 104.5%, more than 100%",
        "Scorecard rules: indicator Q1: figure dated 01 Nov 2013 is not the start of a "
        "quarterly period",
        "Scorecard rules: indicator CP1: target from 15 Apr 2014 is not the start of a "
        "monthly period",
        "Scorecard rules: indicator CP1: target from 15 Apr 2014 is negative (-1)",
    ]
