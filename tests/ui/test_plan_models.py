"""The plan's Qt models: consistent under qtmodeltester, sorted and filtered as a user expects."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from improvement_desk.domain.brag import Brag
from improvement_desk.services.desk import Desk
from improvement_desk.ui.plan.action_filter import ActionCriteria, ActionFilterProxy
from improvement_desk.ui.plan.action_table_model import ActionTableModel, reference_key
from improvement_desk.ui.plan.brag_delegate import brag_of
from improvement_desk.ui.plan.columns import ACTION_ID_ROLE, BRAG_ROLE, SORT_ROLE, Col
from improvement_desk.ui.plan.recommendation_model import RecommendationListModel

pytestmark = pytest.mark.gui


@pytest.fixture
def loaded(demo_desk: Desk) -> tuple[ActionTableModel, ActionFilterProxy, Desk]:
    model = ActionTableModel()
    model.set_actions(demo_desk.plan.snapshot().actions)
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy, demo_desk


def test_models_pass_qtmodeltester(qtmodeltester, loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy, desk = loaded
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)
    recs = RecommendationListModel()
    recs.set_recommendations(desk.plan.snapshot().recommendations)
    qtmodeltester.check(recs)


def test_empty_models_pass_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = ActionTableModel()
    qtmodeltester.check(model)
    proxy = ActionFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_references_sort_naturally() -> None:
    refs = ["1.10", "1.2", "10.1", "2.1", "1.9"]
    assert sorted(refs, key=reference_key) == ["1.2", "1.9", "1.10", "2.1", "10.1"]


def test_display_and_roles(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _, desk = loaded
    overdue = [a for a in desk.plan.snapshot().actions if a.overdue]
    assert overdue
    row = model.row_of(overdue[0].id)
    assert row is not None
    assert model.index(row, Col.OVERDUE).data().startswith("⚠")
    assert brag_of(model.index(row, Col.STATUS).data(BRAG_ROLE)) is overdue[0].status
    assert "Overdue" in model.index(row, Col.STATUS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(row, 0).data(ACTION_ID_ROLE) == overdue[0].id
    rebaselined = next(a for a in desk.plan.snapshot().actions if a.rebaselined)
    target = model.index(model.row_of(rebaselined.id) or 0, Col.TARGET)
    assert target.data().endswith("✱")
    assert "original target" in target.data(Qt.ItemDataRole.ToolTipRole)


def test_tooltips_show_user_text_literally(desk: Desk) -> None:
    from datetime import date

    from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource

    desk.people.add("Ann <b>Lee</b>")
    rec = desk.recommendations.create(
        RecommendationDraft(RecommendationSource.BOARD, "R1", "<i>text</i> & more", "Workforce")
    )
    desk.actions.create(
        rec.id, ActionDraft("1.1", "<b>bold?</b> R&D", "Ann <b>Lee</b>", None, date(2014, 6, 1))
    )
    model = ActionTableModel()
    model.set_actions(desk.plan.snapshot().actions)
    tip = model.index(0, Col.DESCRIPTION).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;b&gt;bold?&lt;/b&gt; R&amp;D" in tip
    assert model.index(0, Col.LEAD).data() == "Ann <b>Lee</b>"


def test_filters_combine(loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy, desk = loaded
    actions = desk.plan.snapshot().actions

    def shown() -> set[int]:
        return {proxy.index(r, 0).data(ACTION_ID_ROLE) for r in range(proxy.rowCount())}

    assert len(shown()) == len(actions)
    proxy.set_criteria(ActionCriteria(overdue_only=True))
    assert shown() == {a.id for a in actions if a.overdue}
    proxy.set_criteria(ActionCriteria(status=Brag.RED))
    assert shown() == {a.id for a in actions if a.status is Brag.RED}
    lead = actions[0].lead_officer
    theme = actions[0].theme
    proxy.set_criteria(ActionCriteria(lead_officer=lead, theme=theme))
    assert shown() == {a.id for a in actions if a.lead_officer == lead and a.theme == theme}
    rec_id = actions[-1].recommendation_id
    proxy.set_criteria(ActionCriteria(recommendation_id=rec_id))
    assert shown() == {a.id for a in actions if a.recommendation_id == rec_id}
    proxy.set_criteria(ActionCriteria(text="MASH"))
    expected = {
        a.id
        for a in actions
        if "mash" in (a.description + a.success_measures + a.evidence_of_impact).casefold()
    }
    assert expected
    assert shown() == expected
    proxy.set_criteria(ActionCriteria(text="zzzz-nothing"))
    assert proxy.rowCount() == 0
    proxy.set_criteria(ActionCriteria())
    assert proxy.rowCount() == model.rowCount()


def test_sorting_by_any_column_survives_filtering(loaded) -> None:  # type: ignore[no-untyped-def]
    _, proxy, _ = loaded
    for col in Col:
        proxy.sort(col, Qt.SortOrder.AscendingOrder)
        keys = [proxy.index(r, col).data(SORT_ROLE) for r in range(proxy.rowCount())]
        assert keys == sorted(keys), col
    proxy.sort(Col.TARGET, Qt.SortOrder.DescendingOrder)
    proxy.set_criteria(ActionCriteria(text="the"))
    keys = [proxy.index(r, Col.TARGET).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert keys == sorted(keys, reverse=True)


def test_recommendation_list_has_an_all_row(demo_desk: Desk) -> None:
    model = RecommendationListModel()
    snap = demo_desk.plan.snapshot()
    model.set_recommendations(snap.recommendations)
    assert model.rowCount() == len(snap.recommendations) + 1
    assert model.index(0, 0).data().startswith(f"All recommendations ({len(snap.actions)} actions)")
    assert model.record(0) is None
    first = model.record(1)
    assert first is not None
    assert model.row_of(first.id) == 1
    assert model.row_of(None) == 0


def test_pyside_none_returning_calls_do_not_crash_the_interpreter(loaded) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12 leaks a reference to None per such call and aborts (ENVIRONMENT.md)."""
    model, proxy, _ = loaded
    index = model.index(0, Col.DESCRIPTION)
    for _ in range(20_000):
        assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
        proxy.data(proxy.index(0, 0), Qt.ItemDataRole.DecorationRole)
        model.headerData(99, Qt.Orientation.Horizontal)
    assert model.data(QModelIndex()) is None


def test_filtering_a_large_plan_finds_every_match(loaded) -> None:  # type: ignore[no-untyped-def]
    """Correctness at scale; the time per keystroke is measured in benchmarks/."""
    model, proxy, _ = loaded
    records = model.records() * 250
    model.set_actions(records)
    proxy.set_criteria(ActionCriteria(text="recruit"))
    expected = sum("recruit" in hay for hay in model.haystacks())
    assert proxy.rowCount() == expected > 0


def test_recommendations_say_how_many_actions_are_red_or_overdue(demo_desk: Desk) -> None:
    snap = demo_desk.plan.snapshot()
    model = RecommendationListModel()
    model.set_recommendations(snap.recommendations, snap.actions)
    for row, rec in enumerate(snap.recommendations, start=1):
        mine = [a for a in snap.actions if a.recommendation_id == rec.id]
        red = sum(a.status is Brag.RED for a in mine)
        late = sum(a.overdue for a in mine)
        text = model.index(row, 0).data()
        assert (f"{red} red" in text) == bool(red), text
        assert (f"{late} overdue" in text) == bool(late), text
        assert ("⚠" in text) == bool(red or late)
