"""Audit completeness as a property: whatever an edit changes, each changed field gets one row."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

from conftest import ACTOR, TODAY, TickingClock
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.services.audit import audit_text
from improvement_desk.services.desk import Desk, open_desk

PEOPLE = ("Jo Bloggs", "Siân Ŵyn", "Łukasz Nguyễn")
words = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40
).map(str.strip)

edits = st.fixed_dictionaries(
    {},
    optional={
        "description": words,
        "lead_officer": st.sampled_from(PEOPLE),
        "success_measures": words | st.just(""),
        "status": st.sampled_from([Brag.RED, Brag.AMBER, Brag.GREEN, Brag.BLUE]),
        "confidence": st.sampled_from([None, *Confidence]),
        "evidence_of_impact": words,
        "closure_decision": words,
        "start_date": st.dates(date(2013, 1, 1), date(2014, 5, 1)),
    },
)


def make_board(folder: Path) -> tuple[Desk, int]:
    desk = open_desk(
        folder / "board.db",
        ACTOR,
        create=True,
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, tzinfo=UTC)),
    )
    for name in PEOPLE:
        desk.people.add(name)
    rec = desk.recommendations.create(
        RecommendationDraft(RecommendationSource.OFSTED_INSPECTION, "R1", "Text", "Workforce")
    )
    action = desk.actions.create(
        rec.id,
        ActionDraft("1.1", "Start", PEOPLE[0], date(2013, 1, 1), date(2014, 6, 30), "", Brag.GREEN),
    )
    return desk, action.id


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(sequence=st.lists(edits, min_size=1, max_size=4))
def test_every_changed_field_is_audited_once(tmp_path_factory, sequence) -> None:  # type: ignore[no-untyped-def]
    desk, action_id = make_board(tmp_path_factory.mktemp("audit"))
    try:
        for changes in sequence:
            before = desk.plan.action(action_id)
            draft = replace(before.draft(), **changes)
            with desk.opened.database.reading() as session:
                mark = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()))
            try:
                after = desk.actions.update(action_id, draft, expected_version=before.version)
            except ValidationError:
                with desk.opened.database.reading() as session:
                    newest = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()))
                assert newest == mark, "a refused edit writes no audit row"
                assert desk.plan.action(action_id) == before
                continue
            with desk.opened.database.reading() as session:
                rows = session.scalars(select(AuditEntry).where(AuditEntry.id > mark)).all()
                audited = {r.field: (r.old_value, r.new_value) for r in rows}
                assert len(rows) == len(audited), "one row per field"
            old, new = before.draft(), after.draft()
            expected = {
                name: (audit_text(getattr(old, name)), audit_text(getattr(new, name)))
                for name in changes
                if getattr(old, name) != getattr(new, name)
            }
            assert audited == expected
            assert after.version == before.version + (1 if expected else 0)
    finally:
        desk.close()
