"""The scorecard services through an open desk: indicators, targets, figures, the reader, audit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from improvement_desk.db.models import AuditEntry, IndicatorFigure, IndicatorTarget
from improvement_desk.domain.errors import Conflict, NotFound, StorageError, ValidationError
from improvement_desk.domain.periods import Frequency
from improvement_desk.domain.scorecard import (
    FigureDraft,
    IndicatorDraft,
    Polarity,
    Rag,
    TargetStep,
    Trend,
    Unit,
)
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.indicators import FROM_THE_START
from improvement_desk.services.scorecard_records import IndicatorRecord

JAN, FEB, MAR = date(2014, 1, 1), date(2014, 2, 1), date(2014, 3, 1)


def draft(reference: str = "CP1", **changes: Any) -> IndicatorDraft:
    base = IndicatorDraft(
        reference=reference,
        name="Child protection visits in timescale",
        unit=Unit.PERCENT,
        polarity=Polarity.HIGHER_IS_BETTER,
        definition="Visits within 10 working days, as a share of all due",
        amber_tolerance=2.0,
        england=88.0,
        comparator_note="2012-13 published figures",
    )
    return replace(base, **changes)


@pytest.fixture
def cp1(desk: Desk) -> IndicatorRecord:
    return desk.indicators.create(draft(), target=90.0, target_from=date(2013, 4, 1))


def audit(desk: Desk, entity: str) -> list[tuple[str, str, str, str | None, str | None]]:
    with desk.ctx.db.reading() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)
        )
        return [(e.operation, e.entity_label, e.field, e.old_value, e.new_value) for e in rows]


# -- indicators ---------------------------------------------------------------------------------


def test_create_keeps_every_field_and_the_first_target(desk: Desk, cp1: IndicatorRecord) -> None:
    assert cp1.draft() == draft()
    assert (cp1.position, cp1.active, cp1.version) == (0, True, 1)
    assert [(t.from_period, t.target) for t in cp1.targets] == [(date(2013, 4, 1), 90.0)]
    created = audit(desk, "indicator")
    assert ("create", "CP1", "unit", None, "percent") in created
    assert ("create", "CP1", "amber_tolerance", None, "2.0") in created
    assert audit(desk, "indicator_target") == [
        ("create", "CP1 from Apr 2013", "indicator_id", None, str(cp1.id)),
        ("create", "CP1 from Apr 2013", "from_period", None, "2013-04-01"),
        ("create", "CP1 from Apr 2013", "target", None, "90.0"),
    ]


def test_a_target_without_a_start_applies_from_the_start(desk: Desk) -> None:
    made = desk.indicators.create(
        draft("U1", unit=Unit.COUNT, polarity=Polarity.LOWER_IS_BETTER), target=20
    )
    assert [(t.from_period, t.target) for t in made.targets] == [(FROM_THE_START, 20.0)]
    bare = desk.indicators.create(draft("A1", unit=Unit.COUNT))
    assert bare.targets == ()
    with pytest.raises(ValidationError) as err:
        desk.indicators.create(draft("A2"), target_from=JAN)
    assert err.value.fields() == {"Target"}


def test_create_refuses_bad_fields_and_duplicate_references(
    desk: Desk, cp1: IndicatorRecord
) -> None:
    with pytest.raises(ValidationError) as err:
        desk.indicators.create(draft("cp1"))  # references compare without case
    assert err.value.fields() == {"Reference"}
    with pytest.raises(ValidationError) as err:
        desk.indicators.create(draft("CP2", name="", england=120.0), target=101.0, target_from=FEB)
    assert err.value.fields() == {"Name", "England", "Target"}
    with pytest.raises(ValidationError) as err:
        desk.indicators.create(
            draft("Q1", frequency=Frequency.QUARTERLY), target=90.0, target_from=FEB
        )
    assert err.value.fields() == {"From"}
    assert [i.reference for i in desk.scorecard.indicators()] == ["CP1"]


def test_update_audits_changes_and_checks_versions(desk: Desk, cp1: IndicatorRecord) -> None:
    changed = desk.indicators.update(
        cp1.id, draft(name="CP visits in timescale", england=None), expected_version=1
    )
    assert (changed.name, changed.england, changed.version) == ("CP visits in timescale", None, 2)
    updates = [r for r in audit(desk, "indicator") if r[0] == "update"]
    assert updates == [
        ("update", "CP1", "name", "Child protection visits in timescale", "CP visits in timescale"),
        ("update", "CP1", "england", "88.0", None),
    ]
    with pytest.raises(
        Conflict, match=r"CP1 was changed by Test Officer at .* since you opened it"
    ):
        desk.indicators.update(cp1.id, draft(name="Stale"), expected_version=1)
    with pytest.raises(NotFound):
        desk.indicators.update(999, draft(), expected_version=None)
    desk.indicators.create(draft("CP2"))
    with pytest.raises(ValidationError) as err:
        desk.indicators.update(cp1.id, draft("CP2"), expected_version=None)
    assert err.value.fields() == {"Reference"}


def test_unit_and_frequency_are_fixed_once_figures_exist(desk: Desk, cp1: IndicatorRecord) -> None:
    desk.indicators.update(cp1.id, draft(unit=Unit.COUNT), expected_version=None)  # no figures yet
    desk.indicators.update(cp1.id, draft(), expected_version=None)
    desk.figures.record(cp1.id, FigureDraft(JAN, 93.8))
    for change, field in (
        (draft(unit=Unit.COUNT), "Unit"),
        (draft(frequency=Frequency.QUARTERLY), "Frequency"),
    ):
        with pytest.raises(ValidationError) as err:
            desk.indicators.update(cp1.id, change, expected_version=None)
        assert err.value.fields() == {field}
        assert "figures are recorded" in str(err.value)
    assert desk.scorecard.indicator(cp1.id).unit is Unit.PERCENT


def test_a_new_frequency_or_unit_must_fit_the_targets(desk: Desk) -> None:
    made = desk.indicators.create(draft(unit=Unit.COUNT), target=150.0, target_from=FEB)
    with pytest.raises(ValidationError) as err:
        desk.indicators.update(made.id, draft(unit=Unit.PERCENT), expected_version=None)
    assert err.value.fields() == {"Unit"}
    with pytest.raises(ValidationError) as err:
        desk.indicators.update(
            made.id, draft(unit=Unit.COUNT, frequency=Frequency.QUARTERLY), expected_version=None
        )
    assert err.value.fields() == {"Frequency"}


def test_percent_tolerance_above_100_is_refused(desk: Desk) -> None:
    with pytest.raises(ValidationError) as err:
        desk.indicators.create(draft(amber_tolerance=150.0))
    assert err.value.fields() == {"Amber tolerance"}


def test_set_active_and_move(desk: Desk, cp1: IndicatorRecord) -> None:
    cp2 = desk.indicators.create(draft("CP2"))
    cp3 = desk.indicators.create(draft("CP3"))
    assert [i.position for i in (cp1, cp2, cp3)] == [0, 1, 2]
    order = desk.indicators.move(cp3.id, 0)
    assert [i.reference for i in order] == ["CP3", "CP1", "CP2"]
    assert [i.version for i in order] == [1, 1, 1]  # moving is not an edit
    assert ("update", "CP3", "place", "3", "1") in audit(desk, "indicator")
    with pytest.raises(ValidationError) as err:
        desk.indicators.move(cp3.id, 3)
    assert err.value.fields() == {"Position"}
    retired = desk.indicators.set_active(cp3.id, False, expected_version=1)
    assert (retired.active, retired.version) == (False, 2)
    snap = desk.scorecard.snapshot()
    assert [r.indicator.reference for r in snap.rows] == ["CP1", "CP2", "CP3"]  # active first
    with pytest.raises(Conflict):
        desk.indicators.set_active(cp3.id, True, expected_version=1)


def test_delete_and_restore_bring_back_targets_figures_and_place(
    desk: Desk, cp1: IndicatorRecord
) -> None:
    cp2 = desk.indicators.create(draft("CP2"))
    desk.indicators.set_target(cp1.id, TargetStep(date(2014, 4, 1), 95.0))
    desk.figures.record(cp1.id, FigureDraft(JAN, 93.8, "Improving after the new rota"))
    desk.figures.record(cp1.id, FigureDraft(FEB, 91.0))
    before = desk.scorecard.row(cp1.id)
    with pytest.raises(Conflict):
        desk.indicators.delete(cp1.id, expected_version=7)
    snapshot = desk.indicators.delete(cp1.id, expected_version=1)
    assert [i.reference for i in desk.scorecard.indicators()] == ["CP2"]
    assert desk.scorecard.indicator(cp2.id).position == 0
    with desk.ctx.db.reading() as session:
        assert session.scalars(select(IndicatorFigure)).all() == []
        assert session.scalars(select(IndicatorTarget)).all() == []
    deleted = [r for r in audit(desk, "indicator") if r[0] == "delete"]
    assert ("delete", "CP1", "figures", "2", None) in deleted
    assert ("delete", "CP1", "targets", "90 from Apr 2013; 95 from Apr 2014", None) in deleted
    restored = desk.indicators.restore(snapshot)
    assert (restored.id, restored.position) == (cp1.id, 0)
    assert [i.reference for i in desk.scorecard.indicators()] == ["CP1", "CP2"]
    after = desk.scorecard.row(cp1.id)
    assert after.figures == before.figures
    assert after.indicator.targets == before.indicator.targets
    assert ("restore", "CP1", "figures", None, "2") in audit(desk, "indicator")
    with pytest.raises(ValidationError):
        desk.indicators.restore(snapshot)  # already back


def test_restore_refuses_a_reference_taken_in_the_meantime(
    desk: Desk, cp1: IndicatorRecord
) -> None:
    desk.indicators.create(draft("CP2"))  # so the newcomer does not take CP1's id as well
    snapshot = desk.indicators.delete(cp1.id, expected_version=None)
    desk.indicators.create(draft("CP1", name="Someone else's"))
    with pytest.raises(ValidationError) as err:
        desk.indicators.restore(snapshot)
    assert err.value.fields() == {"Reference"}


# -- targets ------------------------------------------------------------------------------------


def test_targets_are_added_replaced_and_removed(desk: Desk, cp1: IndicatorRecord) -> None:
    raised = desk.indicators.set_target(cp1.id, TargetStep(date(2014, 4, 1), 95.0))
    assert [(t.from_period, t.target) for t in raised.targets] == [
        (date(2013, 4, 1), 90.0),
        (date(2014, 4, 1), 95.0),
    ]
    changed = desk.indicators.set_target(cp1.id, TargetStep(date(2014, 4, 1), 96.0))
    assert [t.target for t in changed.targets] == [90.0, 96.0]
    assert ("update", "CP1 from Apr 2014", "target", "95.0", "96.0") in audit(
        desk, "indicator_target"
    )
    removed = desk.indicators.remove_target(cp1.id, date(2014, 4, 1))
    assert [t.target for t in removed.targets] == [90.0]
    assert ("delete", "CP1 from Apr 2014", "target", "96.0", None) in audit(
        desk, "indicator_target"
    )
    with pytest.raises(NotFound):
        desk.indicators.remove_target(cp1.id, date(2014, 4, 1))
    with pytest.raises(ValidationError) as err:
        desk.indicators.set_target(cp1.id, TargetStep(date(2014, 4, 15), 101.0))
    assert err.value.fields() == {"From", "Target"}


# -- figures ------------------------------------------------------------------------------------


def test_record_creates_then_updates_a_figure(desk: Desk, cp1: IndicatorRecord) -> None:
    first = desk.figures.record(cp1.id, FigureDraft(JAN, 93.8, "  On the rota  "))
    assert (first.value, first.commentary, first.recorded_by, first.version) == (
        93.8,
        "On the rota",
        "Test Officer",
        1,
    )
    same = desk.figures.record(cp1.id, FigureDraft(JAN, 93.8, "On the rota"), expected_version=1)
    assert same.version == 1  # nothing changed, nothing written
    second = desk.figures.record(cp1.id, FigureDraft(JAN, 94.1, "Corrected"), expected_version=1)
    assert (second.value, second.version, second.id) == (94.1, 2, first.id)
    assert audit(desk, "indicator_figure")[-2:] == [
        ("update", "CP1 Jan 2014", "value", "93.8", "94.1"),
        ("update", "CP1 Jan 2014", "commentary", "On the rota", "Corrected"),
    ]
    with pytest.raises(Conflict):
        desk.figures.record(cp1.id, FigureDraft(JAN, 95.0), expected_version=1)
    with pytest.raises(Conflict, match="removed"):
        desk.figures.record(cp1.id, FigureDraft(FEB, 95.0), expected_version=1)


@pytest.mark.parametrize(
    ("figure", "field"),
    [
        (FigureDraft(JAN, 100.5), "Value"),
        (FigureDraft(JAN, -2.0), "Value"),
        (FigureDraft(date(2014, 1, 15), 90.0), "Period"),
        (FigureDraft(date(2014, 4, 1), 90.0), "Period"),  # after today (31 Mar 2014)
        (FigureDraft(JAN, 90.0, "bad \x07 bell"), "Commentary"),
    ],
)
def test_record_refuses_bad_figures(
    desk: Desk, cp1: IndicatorRecord, figure: FigureDraft, field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        desk.figures.record(cp1.id, figure)
    assert err.value.fields() == {field}
    assert desk.scorecard.row(cp1.id).figures == ()


def test_remove_returns_the_figure_for_undo(desk: Desk, cp1: IndicatorRecord) -> None:
    desk.figures.record(cp1.id, FigureDraft(JAN, 93.8, "Note"))
    removed = desk.figures.remove(cp1.id, JAN)
    assert (removed.period, removed.value, removed.commentary) == (JAN, 93.8, "Note")
    assert desk.scorecard.row(cp1.id).figures == ()
    assert ("delete", "CP1 Jan 2014", "value", "93.8", None) in audit(desk, "indicator_figure")
    with pytest.raises(NotFound):
        desk.figures.remove(cp1.id, JAN)
    again = desk.figures.record(
        cp1.id, FigureDraft(removed.period, removed.value, removed.commentary)
    )
    assert again.value == 93.8


def test_record_many_is_all_or_nothing(desk: Desk, cp1: IndicatorRecord) -> None:
    u1 = desk.indicators.create(draft("U1", unit=Unit.COUNT, polarity=Polarity.LOWER_IS_BETTER))
    with pytest.raises(ValidationError) as err:
        desk.figures.record_many(
            [(cp1.id, FigureDraft(MAR, 91.0)), (u1.id, FigureDraft(MAR, -3.0))]
        )
    assert err.value.fields() == {"U1 Mar 2014 Value"}
    assert desk.scorecard.row(cp1.id).figures == ()  # the good one was not kept either
    assert audit(desk, "indicator_figure") == []
    with pytest.raises(ValidationError) as err:
        desk.figures.record_many([(u1.id, FigureDraft(MAR, 3.0)), (u1.id, FigureDraft(MAR, 4.0))])
    assert err.value.fields() == {"U1 Mar 2014 Period"}
    saved = desk.figures.record_many(
        [(cp1.id, FigureDraft(MAR, 91.0)), (u1.id, FigureDraft(MAR, 18.0))]
    )
    assert [(f.indicator_id, f.value) for f in saved] == [(cp1.id, 91.0), (u1.id, 18.0)]


def test_writes_are_refused_on_a_read_only_board(desk: Desk, cp1: IndicatorRecord) -> None:
    from conftest import ACTOR

    desk.close()
    reader = open_desk(desk.location, ACTOR, read_only=True, take_lock=False)
    try:
        with pytest.raises(StorageError):
            reader.figures.record(cp1.id, FigureDraft(JAN, 90.0))
        with pytest.raises(StorageError):
            reader.indicators.create(draft("CP9"))
        assert [i.reference for i in reader.scorecard.indicators()] == ["CP1"]
    finally:
        reader.close()


# -- the reader ---------------------------------------------------------------------------------


def test_snapshot_rates_the_latest_figure_against_the_target_then_in_force(
    desk: Desk, cp1: IndicatorRecord
) -> None:
    desk.indicators.set_target(cp1.id, TargetStep(FEB, 95.0))  # raised from February
    desk.figures.record(cp1.id, FigureDraft(JAN, 91.0, "January"))
    desk.figures.record(cp1.id, FigureDraft(FEB, 94.0, "February"))
    snap = desk.scorecard.snapshot()
    assert snap.as_at == date(2014, 3, 31)
    (row,) = snap.rows
    assert (row.latest_period, row.latest_label, row.latest) == (FEB, "Feb 2014", 94.0)
    assert (row.previous, row.target, row.rag, row.trend) == (
        91.0,
        95.0,
        Rag.AMBER,
        Trend.IMPROVING,
    )
    assert row.commentary == "February"
    jan_point = next(p for p in row.series if p.period == JAN)
    assert (jan_point.target, jan_point.rag) == (90.0, Rag.GREEN)  # January's own target
    assert snap.rag_counts() == {Rag.AMBER: 1}


def test_a_gap_before_the_latest_figure_means_no_direction(
    desk: Desk, cp1: IndicatorRecord
) -> None:
    desk.figures.record(cp1.id, FigureDraft(date(2013, 11, 1), 85.0))
    desk.figures.record(cp1.id, FigureDraft(JAN, 93.8))  # no December figure
    row = desk.scorecard.row(cp1.id, periods=4)
    assert (row.latest, row.previous, row.trend) == (93.8, None, Trend.NOT_APPLICABLE)
    assert [(p.label, p.value) for p in row.series] == [
        ("Oct 2013", None),
        ("Nov 2013", 85.0),
        ("Dec 2013", None),  # a gap, never a zero
        ("Jan 2014", 93.8),
    ]
    assert [p.rag for p in row.series] == [None, Rag.RED, None, Rag.GREEN]


def test_equal_values_and_lower_is_better(desk: Desk) -> None:
    u1 = desk.indicators.create(
        draft("U1", unit=Unit.COUNT, polarity=Polarity.LOWER_IS_BETTER, england=None),
        target=20.0,
    )
    desk.figures.record(u1.id, FigureDraft(FEB, 25.0))
    desk.figures.record(u1.id, FigureDraft(MAR, 25.0))
    row = desk.scorecard.row(u1.id)
    assert (row.rag, row.trend) == (Rag.RED, Trend.NO_CHANGE)
    desk.figures.record(u1.id, FigureDraft(MAR, 21.0))
    row = desk.scorecard.row(u1.id)
    assert (row.rag, row.trend) == (Rag.AMBER, Trend.IMPROVING)


def test_an_indicator_without_figures_or_target(desk: Desk) -> None:
    made = desk.indicators.create(draft("N1", frequency=Frequency.QUARTERLY))
    row = desk.scorecard.row(made.id, periods=3)
    assert (row.latest_period, row.latest_label, row.latest, row.rag) == (None, "", None, None)
    assert row.trend is Trend.NOT_APPLICABLE
    assert [p.label for p in row.series] == ["Q2 2013/14", "Q3 2013/14", "Q4 2013/14"]
    assert all(p.value is None and p.target is None for p in row.series)
    desk.figures.record(made.id, FigureDraft(date(2013, 10, 1), 70.0))
    row = desk.scorecard.row(made.id, periods=3)
    assert (row.latest_label, row.rag) == ("Q3 2013/14", None)  # no target: no RAG
    assert desk.scorecard.snapshot().rag_counts() == {None: 1}
    with pytest.raises(NotFound):
        desk.scorecard.row(999)
    with pytest.raises(NotFound):
        desk.scorecard.indicator(999)


def test_the_latest_figure_is_on_or_before_the_as_at_date(desk: Desk, cp1: IndicatorRecord) -> None:
    desk.figures.record(cp1.id, FigureDraft(JAN, 93.8))
    desk.figures.record(cp1.id, FigureDraft(MAR, 88.0))
    desk.ctx.as_at = date(2014, 2, 28)  # a board viewed as at the end of February
    row = desk.scorecard.row(cp1.id, periods=3)
    assert (row.latest_period, row.latest) == (JAN, 93.8)
    assert [p.label for p in row.series] == ["Nov 2013", "Dec 2013", "Jan 2014"]
    assert len(row.figures) == 2  # every figure is still listed


# -- units inside a caller's transaction (what the Excel import does) ---------------------------


def test_units_share_the_callers_transaction(desk: Desk) -> None:
    from improvement_desk.services.figures import (
        create_indicator_in,
        record_figure_in,
        set_target_in,
    )

    def half_an_import() -> None:
        with desk.ctx.db.transaction() as session:
            made = create_indicator_in(desk.ctx, session, draft("CP7"), target=90.0)
            set_target_in(desk.ctx, session, made, TargetStep(date(2014, 4, 1), 95.0))
            record_figure_in(desk.ctx, session, made, FigureDraft(JAN, 93.8))
            record_figure_in(desk.ctx, session, made, FigureDraft(FEB, 193.8))

    with pytest.raises(ValidationError) as err:
        half_an_import()
    assert err.value.fields() == {"Value"}
    assert desk.scorecard.indicators() == []  # nothing half-written
    assert audit(desk, "indicator") == []
    with desk.ctx.db.transaction() as session:
        made = create_indicator_in(desk.ctx, session, draft("CP7"), target=90.0)
        record_figure_in(desk.ctx, session, made, FigureDraft(JAN, 93.8))
        record_figure_in(desk.ctx, session, made, FigureDraft(JAN, 94.0))  # a later row wins
    (row,) = desk.scorecard.snapshot().rows
    assert (row.indicator.reference, row.latest, row.rag) == ("CP7", 94.0, Rag.GREEN)
