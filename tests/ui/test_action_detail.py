"""The detail view: user text shown literally, history and the audit's change history readable."""

from __future__ import annotations

from datetime import date

import pytest

from improvement_desk.domain.brag import Brag
from improvement_desk.services.desk import Desk
from improvement_desk.ui.plan.action_detail import ActionDetailView

pytestmark = pytest.mark.gui


def test_change_history_reads_as_sentences(qtbot, demo_desk: Desk) -> None:  # type: ignore[no-untyped-def]
    action = next(a for a in demo_desk.plan.snapshot().actions if a.status is Brag.AMBER)
    demo_desk.actions.update(
        action.id, action.draft().with_status(Brag.RED), expected_version=action.version
    )
    demo_desk.history.rebaseline(
        action.id, date(2014, 12, 31), "Agency market", expected_version=None
    )
    view = ActionDetailView()
    qtbot.addWidget(view)
    record = demo_desk.plan.action(action.id)
    view.show_action(
        record,
        demo_desk.plan.history(action.id),
        date(2014, 3, 31),
        demo_desk.audit.for_record("action", action.id),
    )
    text = view.toPlainText()
    assert "Change history" in text
    assert "Test Officer: Status Amber → Red" in text
    assert "Target date" in text
    assert "31 Dec 2014" in text
    assert text.index("Target date") < text.index("Status Amber → Red"), "newest first"


def test_user_text_is_shown_literally(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource

    desk.people.add("Siân Ŵyn")
    rec = desk.recommendations.create(
        RecommendationDraft(RecommendationSource.BOARD, "R1", "a < b & <i>c</i>", "Workforce")
    )
    action = desk.actions.create(
        rec.id,
        ActionDraft("1.1", "<b>not bold</b>\nsecond line", "Siân Ŵyn", None, date(2014, 6, 1)),
    )
    desk.history.add_update(action.id, date(2014, 3, 1), "<a href='x'>link?</a> R&D")
    view = ActionDetailView()
    qtbot.addWidget(view)
    view.show_action(
        desk.plan.action(action.id),
        desk.plan.history(action.id),
        date(2014, 3, 31),
        desk.audit.for_record("action", action.id),
    )
    text = view.toPlainText()
    assert "<b>not bold</b>" in text
    assert "second line" in text
    assert "a < b & <i>c</i>" in text
    assert "<a href='x'>link?</a> R&D" in text
    assert "Siân Ŵyn" in text
    assert "created" in text


def test_action_shows_the_risks_it_mitigates_with_score_and_band(qtbot, desk: Desk) -> None:  # type: ignore[no-untyped-def]
    from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
    from improvement_desk.domain.risk import RiskDraft

    desk.people.add("Jo Bloggs")
    rec = desk.recommendations.create(
        RecommendationDraft(
            RecommendationSource.BOARD, "R1", "Stabilise the workforce", "Workforce"
        )
    )
    action = desk.actions.create(
        rec.id, ActionDraft("1.1", "Recruit", "Jo Bloggs", None, date(2014, 6, 1))
    )
    risk = desk.risks.create(
        RiskDraft(
            reference="RK1",
            title="<b>Recruitment</b> & retention",
            cause="",
            event="Posts stay vacant",
            effect="",
            category="Workforce",
            owner="Jo Bloggs",
            date_raised=date(2014, 1, 6),
            inherent_likelihood=5,
            inherent_impact=4,
            current_likelihood=4,
            current_impact=4,
        )
    )
    view = ActionDetailView()
    qtbot.addWidget(view)
    record = desk.plan.action(action.id)
    view.show_action(record, desk.plan.history(action.id), date(2014, 3, 31))
    assert "Not linked to any risk" in view.toPlainText()
    desk.risks.set_mitigations(risk.id, [action.id], expected=frozenset())
    view.show_action(
        record,
        desk.plan.history(action.id),
        date(2014, 3, 31),
        risks=desk.register.for_action(action.id),
    )
    text = view.toPlainText()
    assert "Risks it mitigates (1)" in text
    assert "16 H" in text  # number and letter: readable without colour
    assert "RK1 <b>Recruitment</b> & retention — High, Open" in text
