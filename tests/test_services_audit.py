"""The audit trail: one row per changed field, in the same transaction, append-only."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy.exc
from conftest import ACTOR
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.brag import Brag, Confidence
from improvement_desk.domain.errors import Conflict, ValidationError
from improvement_desk.domain.plan import ActionDraft, RecommendationDraft, RecommendationSource
from improvement_desk.services.desk import Desk

LEAD, OTHER = "Jo Bloggs", "Sam Patel"
REC = RecommendationDraft(RecommendationSource.MONITORING_VISIT, "R1", "Fix the front door", "Th")
ACTION = ActionDraft(
    reference="1.1",
    description="Rewrite threshold guidance",
    lead_officer=LEAD,
    start_date=date(2014, 1, 6),
    target_date=date(2014, 6, 30),
)
Row = tuple[str, str, str | None, str | None]


def rows(desk: Desk, entity: str | None = None, after: int = 0) -> list[AuditEntry]:
    query = select(AuditEntry).where(AuditEntry.id > after).order_by(AuditEntry.id)
    if entity:
        query = query.where(AuditEntry.entity == entity)
    with desk.opened.database.reading() as session:
        return list(session.scalars(query))


def last_id(desk: Desk) -> int:
    with desk.opened.database.reading() as session:
        return session.scalar(select(func.max(AuditEntry.id))) or 0


def changes(entries: list[AuditEntry]) -> list[Row]:
    return [(e.operation, e.field, e.old_value, e.new_value) for e in entries]


def assert_who_and_when(entries: list[AuditEntry], entity: str, entity_id: int) -> None:
    assert entries, "expected audit rows"
    assert {(e.actor, e.os_login) for e in entries} == {(ACTOR.name, ACTOR.os_login)}
    assert {(e.entity, e.entity_id) for e in entries} == {(entity, entity_id)}
    for e in entries:
        assert e.at.tzinfo is not None
        assert e.at.utcoffset() == timedelta(0)
        assert datetime(2014, 3, 31, 9, tzinfo=UTC) < e.at < datetime(2014, 3, 31, 10, tzinfo=UTC)
    # One change, one moment: all rows of a save share the time of that save.
    assert len({e.at for e in entries}) == 1


@pytest.fixture
def people(desk: Desk) -> Desk:
    desk.people.add(LEAD)
    desk.people.add(OTHER)
    return desk


def test_new_board_and_person_are_audited(people: Desk) -> None:
    board = rows(people, "board")
    assert changes(board) == [
        ("create", "name", None, "Test Improvement Board"),
        ("create", "as_at_date", None, None),
    ]
    first, second = people.people.list()
    audited = rows(people, "person")
    assert_who_and_when(audited[:3], "person", first.id)
    assert changes(audited[:3]) == [
        ("create", "name", None, LEAD),
        ("create", "role", None, ""),
        ("create", "organisation", None, ""),
    ]
    assert audited[0].entity_label == LEAD
    assert {e.entity_id for e in audited[3:]} == {second.id}


def test_recommendation_create_update_delete_restore(people: Desk) -> None:
    desk = people
    mark = last_id(desk)
    rec = desk.recommendations.create(REC)
    created = rows(desk, after=mark)
    assert_who_and_when(created, "recommendation", rec.id)
    assert changes(created) == [
        ("create", "source", None, "monitoring_visit"),
        ("create", "reference", None, "R1"),
        ("create", "text", None, "Fix the front door"),
        ("create", "theme", None, "Th"),
    ]
    mark = last_id(desk)
    new = RecommendationDraft(RecommendationSource.PEER_REVIEW, "R1", "Fix the front door", "Wf")
    desk.recommendations.update(rec.id, new, expected_version=rec.version)
    updated = rows(desk, after=mark)
    assert_who_and_when(updated, "recommendation", rec.id)
    assert changes(updated) == [
        ("update", "source", "monitoring_visit", "peer_review"),
        ("update", "theme", "Th", "Wf"),
    ]
    mark = last_id(desk)
    deleted = desk.recommendations.delete(rec.id, expected_version=None)
    gone = rows(desk, after=mark)
    assert_who_and_when(gone, "recommendation", rec.id)
    assert ("delete", "theme", "Wf", None) in changes(gone)
    assert {e.operation for e in gone} == {"delete"}
    mark = last_id(desk)
    desk.recommendations.restore(deleted)
    back = rows(desk, after=mark)
    assert_who_and_when(back, "recommendation", rec.id)
    assert ("restore", "source", None, "peer_review") in changes(back)
    assert len(back) == 4


def test_action_create_update_delete_restore(people: Desk) -> None:
    desk = people
    rec = desk.recommendations.create(REC)
    mark = last_id(desk)
    action = desk.actions.create(rec.id, ACTION)
    created = rows(desk, after=mark)
    assert_who_and_when(created, "action", action.id)
    assert set(changes(created)) >= {
        ("create", "start_date", None, "2014-01-06"),
        ("create", "target_date", None, "2014-06-30"),
        ("create", "status", None, "not_started"),
        ("create", "confidence", None, None),
        ("create", "lead_officer", None, LEAD),
        ("create", "recommendation_id", None, str(rec.id)),
    }
    assert {e.entity_label for e in created} == {"1.1"}

    mark = last_id(desk)
    edited = replace(
        ACTION,
        lead_officer=OTHER,
        status=Brag.GREEN,
        confidence=Confidence.MEDIUM,
        target_date=date(2014, 7, 31),
    )
    desk.actions.update(action.id, edited, expected_version=action.version)
    updated = rows(desk, after=mark)
    assert_who_and_when(updated, "action", action.id)
    assert sorted(changes(updated)) == sorted(
        [
            ("update", "target_date", "2014-06-30", "2014-07-31"),
            ("update", "original_target_date", "2014-06-30", "2014-07-31"),
            ("update", "status", "not_started", "green"),
            ("update", "confidence", None, "medium"),
            ("update", "lead_officer", LEAD, OTHER),
        ]
    )

    mark = last_id(desk)
    desk.history.add_update(action.id, date(2014, 3, 3), "Draft out")
    snapshot = desk.actions.delete(action.id, expected_version=None)
    gone = rows(desk, "action", after=mark)
    assert_who_and_when(gone, "action", action.id)
    assert set(changes(gone)) >= {
        ("delete", "status", "green", None),
        ("delete", "lead_officer", OTHER, None),
        ("delete", "progress_updates", "1", None),
        ("delete", "target_revisions", "0", None),
    }
    mark = last_id(desk)
    desk.actions.restore(snapshot)
    back = rows(desk, after=mark)
    assert_who_and_when(back, "action", action.id)
    assert set(changes(back)) >= {
        ("restore", "status", None, "green"),
        ("restore", "lead_officer", None, OTHER),
        ("restore", "target_date", None, "2014-07-31"),
    }


@pytest.fixture
def action_id(people: Desk) -> int:
    rec = people.recommendations.create(REC)
    return people.actions.create(rec.id, ACTION).id


def test_progress_update_create_delete_restore(people: Desk, action_id: int) -> None:
    desk = people
    mark = last_id(desk)
    update = desk.history.add_update(action_id, date(2014, 3, 3), "Guidance drafted")
    created = rows(desk, after=mark)
    assert_who_and_when(created, "progress_update", update.id)
    assert changes(created) == [
        ("create", "update_date", None, "2014-03-03"),
        ("create", "text", None, "Guidance drafted"),
    ]
    assert {e.entity_label for e in created} == {"1.1"}
    mark = last_id(desk)
    removed = desk.history.remove_update(update.id)
    gone = rows(desk, after=mark)
    assert_who_and_when(gone, "progress_update", update.id)
    assert changes(gone) == [
        ("delete", "update_date", "2014-03-03", None),
        ("delete", "text", "Guidance drafted", None),
    ]
    mark = last_id(desk)
    desk.history.restore_update(removed)
    back = rows(desk, after=mark)
    assert_who_and_when(back, "progress_update", update.id)
    assert [r[0] for r in changes(back)] == ["restore", "restore"]


def test_target_revision_create_undo_restore(people: Desk, action_id: int) -> None:
    desk = people
    mark = last_id(desk)
    revision = desk.history.rebaseline(
        action_id, date(2014, 9, 30), "Consultation", expected_version=None
    )
    created = rows(desk, after=mark)
    assert_who_and_when(created[:1], "action", action_id)
    assert_who_and_when(created[1:], "target_revision", revision.id)
    assert changes(created) == [
        ("update", "target_date", "2014-06-30", "2014-09-30"),
        ("create", "previous_date", None, "2014-06-30"),
        ("create", "new_date", None, "2014-09-30"),
        ("create", "reason", None, "Consultation"),
    ]
    mark = last_id(desk)
    desk.history.undo_rebaseline(revision.id)
    undone = rows(desk, after=mark)
    assert_who_and_when(undone[:3], "target_revision", revision.id)
    assert_who_and_when(undone[3:], "action", action_id)
    assert changes(undone) == [
        ("delete", "previous_date", "2014-06-30", None),
        ("delete", "new_date", "2014-09-30", None),
        ("delete", "reason", "Consultation", None),
        ("update", "target_date", "2014-09-30", "2014-06-30"),
    ]
    assert [e.entity for e in undone] == ["target_revision"] * 3 + ["action"]
    mark = last_id(desk)
    desk.history.restore_rebaseline(revision)
    redone = rows(desk, after=mark)
    assert changes(redone) == [
        ("update", "target_date", "2014-06-30", "2014-09-30"),
        ("restore", "previous_date", None, "2014-06-30"),
        ("restore", "new_date", None, "2014-09-30"),
        ("restore", "reason", None, "Consultation"),
    ]
    assert_who_and_when(redone[:1], "action", action_id)
    assert_who_and_when(redone[1:], "target_revision", revision.id)


def test_audit_rolls_back_with_a_change_that_fails_at_commit(people: Desk, action_id: int) -> None:
    """The audit rows are flushed with the change, so a failed commit takes both back."""
    desk = people
    first = desk.history.rebaseline(action_id, date(2014, 9, 30), "One", expected_version=None)
    clash = replace(first, previous_date=date(2014, 9, 30), new_date=date(2014, 10, 31))
    mark = last_id(desk)
    before = desk.plan.action(action_id)
    with pytest.raises(Conflict, match="clashes with a rule of the database"):
        desk.history.restore_rebaseline(clash)  # same id as `first`: the INSERT fails
    assert rows(desk, after=mark) == []
    assert desk.plan.action(action_id) == before


def test_refused_changes_write_no_audit_rows(people: Desk, action_id: int) -> None:
    desk = people
    mark = last_id(desk)
    with pytest.raises(ValidationError, match="Reference"):
        desk.recommendations.create(REC)
    with pytest.raises(ValidationError, match="Name: 'Jo Bloggs' is already on the list"):
        desk.people.add(LEAD)
    with pytest.raises(Conflict, match="since you opened it"):
        desk.actions.update(action_id, ACTION, expected_version=7)
    with pytest.raises(ValidationError, match="Evidence of impact"):
        desk.actions.update(action_id, ACTION.with_status(Brag.BLUE), expected_version=None)
    with pytest.raises(ValidationError, match="Reason"):
        desk.history.rebaseline(action_id, date(2014, 9, 1), "", expected_version=None)
    assert last_id(desk) == mark


def test_no_change_writes_no_audit_row(people: Desk, action_id: int) -> None:
    mark = last_id(people)
    people.actions.update(action_id, ACTION, expected_version=None)
    assert rows(people, after=mark) == []


def test_audit_rows_cannot_be_changed_or_deleted(people: Desk) -> None:
    engine = people.opened.database.engine
    before = changes(rows(people))
    with (
        pytest.raises(sqlalchemy.exc.IntegrityError, match="audit entries cannot be changed"),
        engine.begin() as conn,
    ):
        conn.exec_driver_sql("UPDATE audit_entry SET new_value = 'GREEN'")
    with (
        pytest.raises(sqlalchemy.exc.IntegrityError, match="audit entries cannot be deleted"),
        engine.begin() as conn,
    ):
        conn.exec_driver_sql("DELETE FROM audit_entry")
    assert changes(rows(people)) == before
    assert len(before) > 0


def test_log_records_ids_and_fields_never_values(
    people: Desk, action_id: int, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "Child's name must never reach a log file"
    caplog.set_level("INFO", logger="improvement_desk")
    record = people.plan.action(action_id)
    people.actions.update(
        action_id, replace(record.draft(), description=secret), expected_version=record.version
    )
    people.history.add_update(action_id, record.start_date or date(2014, 1, 1), secret)
    text = caplog.text
    assert f"update action {action_id}: description" in text
    assert "create progress_update" in text
    assert secret not in text
