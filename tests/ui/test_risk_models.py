"""The register's Qt models: consistent under qtmodeltester, rated by the board's bands, filtered
as a board member expects."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.risk import RiskStatus
from improvement_desk.domain.risk_bands import Band, RiskBands
from improvement_desk.services.risk_records import RiskRecord
from improvement_desk.ui.risks.columns import RISK_ID_ROLE, SCORE_ROLE, SORT_ROLE, RiskCol
from improvement_desk.ui.risks.heat_map import ScoreView
from improvement_desk.ui.risks.risk_filter import ALL_STATUSES, RiskCriteria, RiskFilterProxy
from improvement_desk.ui.risks.risk_table_model import RiskTableModel

from .risk_fixtures import make_linked_action, make_review, make_risk

pytestmark = pytest.mark.gui

BANDS = RiskBands()


def register() -> list[RiskRecord]:
    """Six risks, one fact each that a filter or a column is about."""
    return [
        # R1: worsening 12 → 16, above appetite, review overdue, one red overdue action.
        make_risk(
            id=1,
            reference="R1",
            title="Social worker vacancies stay high",
            reviews=(
                make_review(review_date=date(2013, 10, 1), likelihood=3, impact=4),
                make_review(review_date=date(2014, 2, 3), likelihood=4, impact=4),
            ),
            next_review_date=date(2014, 3, 3),
            mitigations=(
                make_linked_action(action_id=1, reference="1.1", status=Brag.GREEN),
                make_linked_action(action_id=2, reference="2.3", status=Brag.RED, overdue=True),
            ),
        ),
        # R2: improving, low, no mitigation, owned by someone else.
        make_risk(
            id=2,
            reference="R2",
            title="MASH partners stop sharing information",
            category="Partnerships",
            owner="Sarah Mitchell",
            reviews=(
                make_review(review_date=date(2013, 10, 1), likelihood=2, impact=3),
                make_review(review_date=date(2014, 3, 1), likelihood=1, impact=3),
            ),
            mitigations=(),
            target_likelihood=None,
            target_impact=None,
        ),
        # R3: medium, review due within the fortnight, escalated.
        make_risk(
            id=3,
            reference="R3",
            title="Case management system upgrade slips",
            category="Systems and data",
            cause="Supplier <b>capacity</b> & testing",
            status=RiskStatus.ESCALATED,
            next_review_date=date(2014, 4, 7),
            current_likelihood=2,
            current_impact=4,
        ),
        # R10: closed, was high; sorted after R3 by its number.
        make_risk(
            id=4,
            reference="R10",
            title="Budget overspend on agency staff",
            category="Financial",
            status=RiskStatus.CLOSED,
            current_likelihood=5,
            current_impact=4,
            mitigations=(),
            above_appetite=False,  # as the reader derives it: only a live risk is flagged
        ),
        # R4: one assessment only, at exactly the appetite (12: not above it).
        make_risk(id=5, reference="R4", title="Court work backlog grows"),
        # R5: the same cell as R1 on the current map, with a single review.
        make_risk(
            id=6,
            reference="R5",
            title="Thresholds applied inconsistently",
            category="Practice quality",
            current_likelihood=4,
            current_impact=4,
            inherent_likelihood=5,
            inherent_impact=4,
        ),
    ]


@pytest.fixture
def loaded(qapp: object) -> tuple[RiskTableModel, RiskFilterProxy]:
    """The QApplication is needed: the mitigation column's icon is a pixmap."""
    model = RiskTableModel()
    model.set_risks(register(), BANDS)
    proxy = RiskFilterProxy()
    proxy.setSourceModel(model)
    return model, proxy


def row(model: RiskTableModel, risk_id: int) -> int:
    found = model.row_of(risk_id)
    assert found is not None
    return found


def shown(proxy: RiskFilterProxy) -> set[str]:
    return {proxy.index(r, RiskCol.REFERENCE).data() for r in range(proxy.rowCount())}


def test_models_pass_qtmodeltester(qtmodeltester, loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy = loaded
    qtmodeltester.check(model)
    qtmodeltester.check(proxy)


def test_empty_models_pass_qtmodeltester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = RiskTableModel()
    qtmodeltester.check(model)
    proxy = RiskFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)


def test_cells_read_as_words_and_numbers(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded
    r1 = row(model, 1)

    def text(col: RiskCol, r: int = r1) -> str:
        return str(model.index(r, col).data())

    assert text(RiskCol.CURRENT) == "16 High"
    assert text(RiskCol.INHERENT) == "16 High"
    assert text(RiskCol.TARGET) == "6 Medium"
    assert text(RiskCol.DIRECTION) == "↑ Worse"
    assert text(RiskCol.FLAGS) == "Review overdue, Above appetite"
    assert text(RiskCol.NEXT_REVIEW) == "03 Mar 2014"
    assert text(RiskCol.LAST_REVIEW) == "03 Feb 2014"
    assert text(RiskCol.MITIGATIONS) == "2 · Red ⚠"
    r2 = row(model, 2)
    assert text(RiskCol.DIRECTION, r2) == "↓ Better"
    assert text(RiskCol.CURRENT, r2) == "3 Low"
    assert text(RiskCol.TARGET, r2) == "—"
    assert text(RiskCol.FLAGS, r2) == "No mitigation"
    assert text(RiskCol.MITIGATIONS, r2) == "None"
    r3 = row(model, 3)
    assert text(RiskCol.FLAGS, r3) == "Review due"
    assert text(RiskCol.STATUS, r3) == "Escalated"
    r4 = row(model, 5)
    assert (text(RiskCol.DIRECTION, r4), text(RiskCol.FLAGS, r4)) == ("• New", "")
    closed = row(model, 4)
    assert (text(RiskCol.NEXT_REVIEW, closed), text(RiskCol.FLAGS, closed)) == ("—", "")


def test_score_cells_are_coloured_by_the_bands_given(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded
    index = model.index(row(model, 1), RiskCol.CURRENT)
    background = index.data(Qt.ItemDataRole.BackgroundRole)
    foreground = index.data(Qt.ItemDataRole.ForegroundRole)
    assert isinstance(background, QBrush)
    assert background.color().name().upper() == BANDS.colour(16).upper()
    assert foreground.color().name().upper() == BANDS.text_colour(16).upper()
    assert index.data(SCORE_ROLE) == 16
    tip = index.data(Qt.ItemDataRole.ToolTipRole)
    assert "4×4 = 16 — High" in tip
    assert "Above the board&#x27;s appetite (12)" in tip
    spoken = index.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken == "Current score 16, High band: likelihood 4 times impact 4"

    # Other bands re-rate and re-colour the same score: nothing is stored per risk.
    strict = RiskBands(low_max=6, medium_max=16, appetite=16, medium_colour="#1F5FA8")
    model.set_risks(register(), strict)
    index = model.index(row(model, 1), RiskCol.CURRENT)
    assert index.data() == "16 Medium"
    assert index.data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == "#1F5FA8"
    assert index.data(Qt.ItemDataRole.ForegroundRole).color().name().upper() == "#FFFFFF"
    assert model.index(row(model, 2), RiskCol.TARGET).data(Qt.ItemDataRole.BackgroundRole) is None


def test_tooltips_show_user_text_literally(loaded) -> None:  # type: ignore[no-untyped-def]
    model, _ = loaded
    tip = model.index(row(model, 3), RiskCol.TITLE).data(Qt.ItemDataRole.ToolTipRole)
    assert "Supplier &lt;b&gt;capacity&lt;/b&gt; &amp; testing" in tip
    mitigations = model.index(row(model, 1), RiskCol.MITIGATIONS)
    assert "2.3 R Red (overdue)" in mitigations.data(Qt.ItemDataRole.ToolTipRole)
    assert mitigations.data(Qt.ItemDataRole.DecorationRole) is not None
    assert (
        mitigations.data(Qt.ItemDataRole.AccessibleTextRole)
        == "2 mitigating actions, worst status Red, 1 overdue"
    )


def test_sorting_by_any_column(loaded) -> None:  # type: ignore[no-untyped-def]
    _, proxy = loaded
    proxy.set_criteria(RiskCriteria(statuses=ALL_STATUSES))
    for col in RiskCol:
        proxy.sort(col, Qt.SortOrder.AscendingOrder)
        keys = [proxy.index(r, col).data(SORT_ROLE) for r in range(proxy.rowCount())]
        assert keys == sorted(keys), col
    proxy.sort(RiskCol.REFERENCE, Qt.SortOrder.AscendingOrder)
    refs = [proxy.index(r, 0).data() for r in range(proxy.rowCount())]
    assert refs == ["R1", "R2", "R3", "R4", "R5", "R10"]
    proxy.sort(RiskCol.CURRENT, Qt.SortOrder.DescendingOrder)
    scores = [proxy.index(r, RiskCol.CURRENT).data(SCORE_ROLE) for r in range(proxy.rowCount())]
    assert scores == [20, 16, 16, 12, 8, 3]
    proxy.sort(RiskCol.DIRECTION, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, RiskCol.DIRECTION).data() == "↑ Worse"
    proxy.sort(RiskCol.MITIGATIONS, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, RiskCol.REFERENCE).data() == "R1"  # red is the worst mitigation


def test_filters_combine(loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy = loaded
    live = {"R1", "R2", "R3", "R4", "R5"}
    assert shown(proxy) == live, "closed risks are hidden by default"
    proxy.set_criteria(RiskCriteria(statuses=ALL_STATUSES))
    assert shown(proxy) == live | {"R10"}
    assert proxy.rowCount() == model.rowCount()
    proxy.set_criteria(RiskCriteria(statuses=frozenset({RiskStatus.ESCALATED})))
    assert shown(proxy) == {"R3"}
    proxy.set_criteria(RiskCriteria(text="mash"))
    assert shown(proxy) == {"R2"}
    proxy.set_criteria(RiskCriteria(text="SUPPLIER capacity"))  # in the cause, any order
    assert shown(proxy) == {"R3"}
    proxy.set_criteria(RiskCriteria(text="sarah"))  # the owner
    assert shown(proxy) == {"R2"}
    proxy.set_criteria(RiskCriteria(text="agency"))
    assert shown(proxy) == {"R1", "R2", "R4", "R5"}, "all but R3 keep a cause naming agency staff"
    proxy.set_criteria(RiskCriteria(text="agency", statuses=ALL_STATUSES))
    assert "R10" in shown(proxy)
    proxy.set_criteria(RiskCriteria(band=Band.HIGH))
    assert shown(proxy) == {"R1", "R5"}
    proxy.set_criteria(RiskCriteria(band=Band.HIGH, statuses=ALL_STATUSES))
    assert shown(proxy) == {"R1", "R5", "R10"}
    proxy.set_criteria(RiskCriteria(band=Band.LOW))
    assert shown(proxy) == {"R2"}
    proxy.set_criteria(RiskCriteria(review_due=True))
    assert shown(proxy) == {"R1", "R3"}
    proxy.set_criteria(RiskCriteria(above_appetite=True))
    assert shown(proxy) == {"R1", "R5"}
    proxy.set_criteria(RiskCriteria(unmitigated=True, statuses=ALL_STATUSES))
    assert shown(proxy) == {"R2"}, "a closed risk needs no mitigation"
    proxy.set_criteria(RiskCriteria(above_appetite=True, review_due=True))
    assert shown(proxy) == {"R1"}
    proxy.set_criteria(RiskCriteria(category="Workforce", owner="Test Officer"))
    assert shown(proxy) == {"R1", "R4"}
    proxy.set_criteria(RiskCriteria(text="zzzz-nothing"))
    assert proxy.rowCount() == 0


def test_a_heat_map_cell_shows_the_live_risks_plotted_in_it(loaded) -> None:  # type: ignore[no-untyped-def]
    _, proxy = loaded
    proxy.set_criteria(RiskCriteria(cell=(ScoreView.CURRENT, 4, 4), statuses=ALL_STATUSES))
    assert shown(proxy) == {"R1", "R5"}
    proxy.set_criteria(RiskCriteria(cell=(ScoreView.INHERENT, 5, 4), statuses=ALL_STATUSES))
    assert shown(proxy) == {"R5"}, "R10 sits there too but is closed, so not on the map"
    proxy.set_criteria(RiskCriteria(cell=(ScoreView.TARGET, 2, 3)))
    assert shown(proxy) == {"R1", "R3", "R4", "R5"}
    proxy.set_criteria(RiskCriteria(cell=(ScoreView.CURRENT, 1, 1)))
    assert proxy.rowCount() == 0


def test_filter_survives_a_reload_and_sorting(loaded) -> None:  # type: ignore[no-untyped-def]
    model, proxy = loaded
    proxy.set_criteria(RiskCriteria(above_appetite=True))
    proxy.sort(RiskCol.REFERENCE, Qt.SortOrder.DescendingOrder)
    model.set_risks(register(), BANDS)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["R5", "R1"]
    assert {proxy.index(r, 0).data(RISK_ID_ROLE) for r in range(proxy.rowCount())} == {1, 6}


def test_filtering_a_large_register_finds_every_match(loaded) -> None:  # type: ignore[no-untyped-def]
    """Correctness at scale; speed per keystroke is for benchmarks/."""
    model, proxy = loaded
    many = [
        make_risk(id=1000 + i, reference=f"R{100 + i}", title=f"Risk {i}", owner=f"Owner {i % 7}")
        for i in range(2000)
    ]
    model.set_risks(many, BANDS)
    proxy.set_criteria(RiskCriteria(owner="Owner 3"))
    assert proxy.rowCount() == sum(1 for i in range(2000) if i % 7 == 3)


def test_none_returning_calls_stay_safe(loaded) -> None:  # type: ignore[no-untyped-def]
    """PySide6 leaks a reference to None per such call and once aborted on it (ENVIRONMENT.md)."""
    model, proxy = loaded
    index = model.index(0, RiskCol.TITLE)
    for _ in range(20_000):
        assert model.data(index, Qt.ItemDataRole.DecorationRole) is None
        proxy.data(proxy.index(0, 0), Qt.ItemDataRole.DecorationRole)
    assert model.data(QModelIndex()) is None
