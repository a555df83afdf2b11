"""The demo board's performance scorecard: loaded with the plan, sound by the domain's rules,
agreeing with every figure the papers, minutes and risk reviews quote, and rated as the board
will see it on 31 March 2014."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR, TODAY, TickingClock
from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from improvement_desk.db.models import (
    Action,
    AuditEntry,
    Indicator,
    IndicatorFigure,
    IndicatorTarget,
    Person,
)
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.periods import Frequency, period_label
from improvement_desk.domain.scorecard import (
    Rag,
    TargetStep,
    Trend,
    target_for,
    validate_figure,
    validate_indicator,
    validate_target,
)
from improvement_desk.services import demo_content
from improvement_desk.services.demo import load_demo, load_plan
from improvement_desk.services.demo_meeting_content import MEETINGS
from improvement_desk.services.demo_paper_content import _MEASURES, _MONTHS
from improvement_desk.services.demo_risk_content import RISKS
from improvement_desk.services.demo_scorecard import scorecard_problems
from improvement_desk.services.demo_scorecard_content import (
    BY_REFERENCE,
    INDICATORS,
    MONTHS,
    RECORDED_BY,
    DemoIndicator,
    whole,
)
from improvement_desk.services.desk import Desk, open_desk

AS_AT = demo_content.AS_AT
PEOPLE = {p.name for p in demo_content.PEOPLE}


def _m(year: int, month: int) -> date:
    return date(year, month, 1)


@pytest.fixture
def demo(desk: Desk) -> Desk:
    load_demo(desk.ctx)
    return desk


@pytest.fixture
def second(tmp_path: Path) -> Iterator[Desk]:
    opened = open_desk(
        tmp_path / "second.db",
        ACTOR,
        create=True,
        board_name="Second Board",
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, 0, tzinfo=UTC)),
    )
    yield opened
    opened.close()


def _count(session: Session, column: InstrumentedAttribute[int]) -> int:
    return session.scalar(select(func.count(column))) or 0


def _figures(session: Session) -> dict[str, dict[date, float]]:
    found: dict[str, dict[date, float]] = {}
    rows = session.execute(
        select(Indicator.reference, IndicatorFigure.period, IndicatorFigure.value).join(
            IndicatorFigure, IndicatorFigure.indicator_id == Indicator.id
        )
    )
    for reference, period, value in rows:
        found.setdefault(reference, {})[period] = value
    return found


def test_the_demo_loads_ten_indicators_with_two_years_of_figures(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        indicators = list(session.scalars(select(Indicator).order_by(Indicator.position)))
        assert [i.reference for i in indicators] == [f"PI{n:02d}" for n in range(1, 11)]
        assert [i.position for i in indicators] == list(range(10))
        assert all(i.active and i.frequency is Frequency.MONTHLY for i in indicators)
        figures = _figures(session)
        assert _count(session, IndicatorTarget.id) == sum(len(i.targets) for i in INDICATORS) == 12
        recorders = set(session.scalars(select(IndicatorFigure.recorded_by)))
    counts = {reference: len(months) for reference, months in figures.items()}
    assert counts == {
        **{f"PI{n:02d}": 24 for n in range(1, 11)},
        "PI08": 22,
        "PI09": 23,
        "PI10": 23,
    }
    assert min(min(months) for months in figures.values()) == _m(2012, 4)
    assert max(max(months) for months in figures.values()) == _m(2014, 3)
    assert recorders == {RECORDED_BY} == {"Priya Raman"}
    assert RECORDED_BY in PEOPLE


def test_the_seed_values_are_where_the_story_puts_them(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        figures = _figures(session)
        cp_targets = list(
            session.scalars(
                select(IndicatorTarget.target)
                .join(Indicator, Indicator.id == IndicatorTarget.indicator_id)
                .where(Indicator.reference == "PI05")
            )
        )
    assert cp_targets == [44.2]
    assert figures["PI06"][_m(2014, 1)] == 93.8  # child protection visits, January 2014
    assert figures["PI07"][_m(2014, 2)] == 88.3  # looked after children's visits
    assert figures["PI09"][_m(2013, 11)] == 17.02  # vacancy rate: 24.0 of 141.0 FTE
    assert BY_REFERENCE["PI08"].targets == (TargetStep(_m(2012, 4), 20.0),)  # caseload
    assert BY_REFERENCE["PI04"].targets == (TargetStep(_m(2012, 4), 20.0),)  # unallocated


def test_targets_change_from_april_2013() -> None:
    re_referrals = BY_REFERENCE["PI02"].targets
    assert target_for(re_referrals, _m(2013, 3)) == 23.0
    assert target_for(re_referrals, _m(2013, 4)) == 20.0
    assessments = BY_REFERENCE["PI03"].targets
    assert (target_for(assessments, _m(2013, 3)), target_for(assessments, _m(2014, 3))) == (
        75.0,
        80.0,
    )
    # Agency use has a target agreed for December 2014 but none in force yet: no RAG.
    assert target_for(BY_REFERENCE["PI10"].targets, AS_AT) is None


def test_gaps_are_where_intended_and_never_recorded_as_zero(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        figures = _figures(session)
    gaps = {
        reference: {m for m in MONTHS if m not in months} for reference, months in figures.items()
    }
    assert {r: g for r, g in gaps.items() if g} == {
        "PI08": {_m(2013, 4), _m(2013, 5)},  # caseload report rebuilt for Framework-i
        "PI09": {_m(2014, 3)},  # March vacancy and agency figures come to the April board
        "PI10": {_m(2014, 3)},
    }
    assert all(value > 0 for months in figures.values() for value in months.values())


def test_every_indicator_target_and_figure_passes_the_validators() -> None:
    assert scorecard_problems(INDICATORS, as_at=AS_AT, people=PEOPLE) == []
    for demo in INDICATORS:
        draft = demo.draft
        assert validate_indicator(draft) == [], demo.reference
        for step in demo.targets:
            assert validate_target(step, draft.unit, draft.frequency) == [], demo.reference
        assert len(demo.values) == len(MONTHS) == 24
        for figure in demo.figures():
            assert validate_figure(figure, draft.unit, draft.frequency, today=AS_AT) == []
        assert set(demo.notes) <= {f.period for f in demo.figures()}, demo.reference
        assert demo.notes, f"{demo.reference} has no commentary"


# The paper scorecard's rows as the board read them; the scorecard, rounded, must give them.
PAPER_ROWS = {
    "PI02": ("20", ("27", "26", "25", "25", "24", "24", "23", "22", "22", "22")),
    "PI08": ("20", ("", "", "26", "25", "23", "21", "20", "21", "20", "21")),
    "PI09": ("10", ("23", "22", "20", "18", "17", "17", "16", "17", "18", "18")),
    "PI10": ("", ("36", "35", "34", "33", "31", "31", "31", "32", "33", "33")),
}
_PAPER_NAMES = {
    "PI02": "Re-referrals within 12 months (%)",
    "PI08": "Average caseload, safeguarding teams",
    "PI09": "Social worker vacancy rate (%)",
    "PI10": "Agency social workers in post",
}


def test_the_scorecard_agrees_with_the_paper_scorecards() -> None:
    rows = {name: (target, tuple(values)) for name, target, values in _MEASURES}
    labels = [period_label(m, Frequency.MONTHLY) for m in MONTHS]
    for reference, (target, values) in PAPER_ROWS.items():
        assert rows[_PAPER_NAMES[reference]] == (target, values), reference
        indicator = BY_REFERENCE[reference]
        for label, shown in zip(_MONTHS, values, strict=True):
            month = MONTHS[labels.index(label)]
            assert whole(indicator.value(month)) == shown, (reference, label)
        assert whole(target_for(indicator.targets, MONTHS[labels.index(_MONTHS[0])])) == target


def _story() -> str:
    texts = [r.commentary for risk in RISKS for r in risk.reviews]
    for recommendation in demo_content.RECOMMENDATIONS:
        for action in recommendation.actions:
            texts += [u.text for u in action.updates]
    texts += [item.minute for meeting in MEETINGS for item in meeting.items]
    return "\n".join(texts)


# (indicator, month, the figure as quoted, where the story quotes it)
QUOTED = [
    ("PI02", _m(2013, 4), "27", "27% of referrals were re-referrals within 12 months"),
    ("PI02", _m(2013, 11), "22", "Re-referral rate 22% in November, down from 27% in April"),
    ("PI02", _m(2013, 12), "22", "re-referrals at 22%, against 27% in April"),
    ("PI07", _m(2014, 1), "86", "Visits to looked after children in timescale 86% in January"),
    ("PI08", _m(2013, 6), "26", "Average caseload in the safeguarding teams is 26 children"),
    ("PI08", _m(2013, 7), "25", "Average 25. The review of cases"),
    ("PI08", _m(2013, 8), "23", "Average 23 after two agency social workers"),
    ("PI08", _m(2013, 9), "21", "Average 21 and no social worker above 28"),
    ("PI08", _m(2013, 10), "20", "Average 20. Staff and unions"),
    ("PI08", _m(2013, 11), "21", "Average 21. A Framework-i report"),
    ("PI08", _m(2013, 12), "20", "Average 20 in December"),
    ("PI08", _m(2014, 1), "21", "Average 21 in January"),
    ("PI08", _m(2014, 2), "22", "Hand counts show an average caseload of 22"),
    ("PI08", _m(2014, 3), "22", "Hand count shows an average of 22 children"),
    ("PI09", _m(2013, 4), "23", "Vacancy rate 23%. Nine leavers in April"),
    ("PI09", _m(2013, 5), "22", "a vacancy rate of 22%"),
    ("PI09", _m(2013, 6), "20", "Vacancy rate 20% in June"),
    ("PI09", _m(2013, 7), "18", "Vacancy rate 18% in July"),
    ("PI09", _m(2013, 8), "17", "Vacancy rate 17% in August"),
    ("PI09", _m(2013, 9), "17", "Vacancy rate 17% in September"),
    ("PI09", _m(2013, 10), "16", "Vacancy rate 16% in October"),
    ("PI09", _m(2013, 11), "17", "Vacancy rate 17% in November"),
    ("PI09", _m(2013, 12), "18", "Vacancy rate 18% in December"),
    ("PI09", _m(2014, 1), "18", "Vacancy rate 18% in January"),
    ("PI09", _m(2014, 2), "19", "Vacancy rate 19% in February"),
    ("PI10", _m(2013, 4), "36", "36 agency social workers in post"),
    ("PI10", _m(2013, 7), "33", "agency social workers down to 33"),
    ("PI10", _m(2013, 8), "31", "31 agency social workers in post, against 36 in April"),
    ("PI10", _m(2013, 9), "31", "31 agency social workers in post in September"),
    ("PI10", _m(2014, 2), "34", "agency social workers back up to 34"),
]


@pytest.mark.parametrize(("reference", "month", "shown", "quote"), QUOTED)
def test_the_scorecard_agrees_with_the_figures_the_story_quotes(
    reference: str, month: date, shown: str, quote: str
) -> None:
    assert quote in _story()
    assert whole(BY_REFERENCE[reference].value(month)) == shown


def test_child_protection_visits_stay_above_90_percent_from_august_2013() -> None:
    # Risk R7's October review: visits "stay above 90% in timescale".
    visits = BY_REFERENCE["PI06"]
    assert all((visits.value(m) or 0) > 90 for m in MONTHS if m >= _m(2013, 8))


def test_loading_the_scorecard_is_audited(demo: Desk) -> None:
    with demo.opened.database.reading() as session:
        rows = list(
            session.scalars(
                select(AuditEntry).where(
                    AuditEntry.entity.in_(("indicator", "indicator_target", "indicator_figure"))
                )
            )
        )
        ids = {
            entity: set(session.scalars(select(model.id)))
            for entity, model in (
                ("indicator", Indicator),
                ("indicator_target", IndicatorTarget),
                ("indicator_figure", IndicatorFigure),
            )
        }
    assert {r.operation for r in rows} == {"create"}
    for entity, expected in ids.items():
        assert {r.entity_id for r in rows if r.entity == entity} == expected, entity
    labels = {r.entity_label for r in rows}
    assert {"PI06 Jan 2014", "PI02 from Apr 2013", "PI05"} <= labels
    values = Counter(r.new_value for r in rows if r.field == "value")
    assert values["93.8"] == 1
    assert sum(values.values()) == sum(len(i.figures()) for i in INDICATORS) == 236


def _dump(desk: Desk) -> list[Any]:
    with desk.opened.database.reading() as session:
        return [
            (
                i.reference,
                i.name,
                i.definition,
                i.unit,
                i.polarity,
                i.frequency,
                i.amber_tolerance,
                i.england,
                i.statistical_neighbours,
                i.comparator_note,
                i.position,
                i.active,
                [(t.from_period, t.target) for t in i.targets],
                [(f.period, f.value, f.commentary, f.recorded_by) for f in i.figures],
            )
            for i in session.scalars(select(Indicator).order_by(Indicator.position))
        ]


def test_the_demo_loads_twice_into_two_boards_identically(demo: Desk, second: Desk) -> None:
    load_demo(second.ctx)
    assert _dump(demo) == _dump(second)


def test_the_march_2014_scorecard_mixes_rag_and_direction(demo: Desk) -> None:
    snapshot = demo.scorecard.snapshot()
    assert snapshot.as_at == AS_AT
    assert snapshot.rag_counts() == {Rag.RED: 2, Rag.AMBER: 3, Rag.GREEN: 4, None: 1}
    rows = {r.indicator.reference: r for r in snapshot.rows}
    assert Counter(r.trend for r in snapshot.rows) == {
        Trend.IMPROVING: 5,
        Trend.DETERIORATING: 5,
    }
    assert (rows["PI08"].rag, rows["PI09"].rag) == (Rag.RED, Rag.RED)
    assert rows["PI10"].rag is None
    assert rows["PI10"].target is None
    # No March figure yet: the latest is February's, still compared with January's.
    assert rows["PI09"].latest_label == rows["PI10"].latest_label == "Feb 2014"
    assert rows["PI06"].latest == 95.2
    assert rows["PI06"].rag is Rag.GREEN


def test_the_caseload_gap_breaks_the_series(demo: Desk) -> None:
    caseload = next(
        r for r in demo.scorecard.snapshot(periods=24).rows if r.indicator.reference == "PI08"
    )
    values = {p.period: p.value for p in caseload.series}
    assert values[_m(2013, 4)] is None
    assert values[_m(2013, 5)] is None
    assert values[_m(2013, 6)] == 26.2


def _with(reference: str, **change: Any) -> list[DemoIndicator]:
    return [replace(i, **change) if i.reference == reference else i for i in INDICATORS]


def _value(reference: str, month: date, value: float | None) -> list[DemoIndicator]:
    values = list(BY_REFERENCE[reference].values)
    values[MONTHS.index(month)] = value
    return _with(reference, values=tuple(values))


@pytest.mark.parametrize(
    ("scorecard", "field"),
    [
        (_value("PI06", _m(2014, 1), 101.0), "Demo indicator PI06: Jan 2014: Value"),
        (_value("PI04", _m(2013, 5), -1.0), "Demo indicator PI04: May 2013: Value"),
        (_value("PI08", _m(2013, 6), None), "Demo indicator PI08: Jun 2013: Commentary"),
        (
            _with("PI02", targets=(TargetStep(date(2013, 4, 15), 20.0),)),
            "Demo indicator PI02: Target from Apr 2013: From",
        ),
        (
            _with("PI03", values=BY_REFERENCE["PI03"].values[:-1]),
            "Demo indicator PI03: Values",
        ),
        (
            _with("PI05", draft=replace(BY_REFERENCE["PI05"].draft, reference="PI01")),
            "Demo indicator PI01: Reference",
        ),
        (
            _with("PI07", draft=replace(BY_REFERENCE["PI07"].draft, name="")),
            "Demo indicator PI07: Name",
        ),
    ],
    ids=[
        "percent-over-100",
        "negative-count",
        "commentary-on-a-gap",
        "target-mid-month",
        "a-month-short",
        "reference-twice",
        "no-name",
    ],
)
def test_wrong_content_fails_and_leaves_the_board_empty(
    desk: Desk, scorecard: list[DemoIndicator], field: str
) -> None:
    with desk.opened.database.reading() as session:
        audit_before = _count(session, AuditEntry.id)
    with pytest.raises(ValidationError) as caught:
        load_plan(
            desk.ctx,
            people=demo_content.PEOPLE,
            recommendations=demo_content.RECOMMENDATIONS,
            board_name=demo_content.BOARD_NAME,
            as_at=demo_content.AS_AT,
            scorecard=scorecard,
        )
    assert field in caught.value.fields(), caught.value.fields()
    with desk.opened.database.reading() as session:
        for column in (Indicator.id, IndicatorFigure.id, Action.id, Person.id):
            assert _count(session, column) == 0, column
        assert _count(session, AuditEntry.id) == audit_before


def test_a_figure_after_the_as_at_date_or_an_unknown_recorder_is_refused() -> None:
    early = scorecard_problems(INDICATORS, as_at=date(2014, 2, 28), people=PEOPLE)
    assert "Demo indicator PI01: Mar 2014: Period" in {p.field for p in early}
    assert "Demo indicator PI09: Mar 2014: Period" not in {p.field for p in early}  # a gap
    stranger = scorecard_problems(INDICATORS, as_at=AS_AT, people={"Someone Else"})
    assert [p.field for p in stranger] == ["Demo scorecard: Recorded by"]
