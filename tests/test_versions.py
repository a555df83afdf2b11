"""No silent overwrites (RELIABILITY DB-8, G8): every mutable governance table carries a
version counter, and a write based on a stale copy fails with `Conflict`.

Two desks on one board play two officers: on SQLite the second is opened without the
board lock (as a second process that got past it would be), on PostgreSQL both are
ordinary connections. Each runs on SQLite and, when IMPROVEMENT_DESK_TEST_PG_URL names a
PostgreSQL database the tests may empty, on PostgreSQL too (marker `postgres`).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from conftest import ACTOR, TODAY, TickingClock
from pg_fixtures import BACKENDS, empty_pg, pg_url_or_skip
from sqlalchemy import event, select

from improvement_desk.db.models import (
    AgendaItem,
    Attendance,
    Base,
    Decision,
    Declaration,
    IndicatorTarget,
    Meeting,
    Paper,
    RiskMitigation,
)
from improvement_desk.domain.action_log import DueRevisionDraft, LogStatus, LogUpdateDraft
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import Conflict
from improvement_desk.domain.meeting import AttendanceStatus, MeetingStatus
from improvement_desk.domain.risk import ReviewDraft
from improvement_desk.services.demo import load_demo
from improvement_desk.services.desk import Desk, open_desk

# Rows that are written once and never updated (history, the audit trail, issued packs).
APPEND_ONLY = {
    "audit_entry",
    "log_due_revision",
    "log_update",
    "minutes_amendment",
    "pack_issue",
    "progress_update",
    "risk_review",
    "target_revision",
}
ROUNDS = 25  # per record kind and backend: 4 kinds make G8's 100 interleavings


def test_every_mutable_table_has_a_version_counter() -> None:
    unversioned = {
        m.class_.__tablename__ for m in Base.registry.mappers if m.version_id_col is None
    }
    assert unversioned == APPEND_ONLY
    for mapper in Base.registry.mappers:
        if mapper.version_id_col is not None:
            name = mapper.class_.__tablename__
            assert mapper.version_id_col.name == "version", name
            assert not mapper.version_id_col.nullable, name


@dataclass
class Pair:
    a: Desk
    b: Desk
    backend: str


def _open(location: str, **kwargs: Any) -> Desk:
    return open_desk(
        location,
        ACTOR,
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, tzinfo=UTC)),
        **kwargs,
    )


@pytest.fixture(scope="module", params=BACKENDS)
def pair(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Pair]:
    """The demo board, open twice."""
    folder = tmp_path_factory.mktemp("versions")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMPROVEMENT_DESK_HOME", str(folder / "home"))
        if request.param == "sqlite":
            location = str(folder / "board.db")
        else:
            location = pg_url_or_skip()
            empty_pg(location)
        a = _open(location, create=True)
        load_demo(a.ctx)
        b = _open(location, take_lock=request.param == "postgresql")
        try:
            yield Pair(a, b, request.param)
        finally:
            b.close()
            a.close()


# -- lost updates through the services ---------------------------------------------------------


@dataclass(frozen=True)
class Kind:
    """One kind of record, as an officer's screen holds it: read it, then write it back."""

    name: str
    pick: Callable[[Desk], int]
    read: Callable[[Desk, int], Any]
    version: Callable[[Any], int]
    value: Callable[[Any], str]
    write: Callable[[Desk, Any, str], object]


def _detached(model: type[Any]) -> Callable[[Desk, Any], Any]:
    def read(desk: Desk, key: Any) -> Any:
        with desk.ctx.db.reading() as session:
            return session.get(model, key)

    return read


def _save_decision(desk: Desk, decision: Decision, text: str) -> None:
    """What a service holding the decision across two transactions would do: the ORM's own
    version counter is tested here (update_decision's expected_version: test_stale_writes)."""
    with desk.ctx.db.transaction() as session:
        session.add(decision)
        decision.text = text


def _editable_decision(desk: Desk) -> int:
    with desk.ctx.db.reading() as session:
        meeting = session.scalars(
            select(Meeting).where(Meeting.status == MeetingStatus.MINUTES_DRAFTED)
        ).first()
        assert meeting is not None
        found = session.scalars(
            select(Decision.id)
            .where(Decision.agenda_item_id.in_([i.id for i in meeting.items]))
            .order_by(Decision.id)
        ).first()
        assert found is not None
        return found


def _open_log_action(desk: Desk) -> int:
    open_ = [a for a in desk.log.actions() if a.status is not LogStatus.CLOSED]
    return open_[0].id


KINDS = [
    Kind(
        "plan action",
        lambda d: d.plan.snapshot().actions[0].id,
        lambda d, key: d.plan.action(key),
        lambda r: r.version,
        lambda r: r.description,
        lambda d, r, v: d.actions.update(
            r.id, replace(r.draft(), description=v), expected_version=r.version
        ),
    ),
    Kind(
        "risk",
        lambda d: d.register.register().risks[0].id,
        lambda d, key: d.register.risk(key),
        lambda r: r.version,
        lambda r: r.title,
        lambda d, r, v: d.risks.update(
            r.id, replace(r.draft(), title=v), expected_version=r.version
        ),
    ),
    Kind(
        "log action",
        _open_log_action,
        lambda d, key: d.log.action(key),
        lambda r: r.summary.version,
        lambda r: r.summary.description,
        lambda d, r, v: d.action_log.update(
            r.summary.id,
            description=v,
            owner_id=r.summary.owner_id,
            expected_version=r.summary.version,
        ),
    ),
    Kind(
        "decision",
        _editable_decision,
        _detached(Decision),
        lambda r: r.version,
        lambda r: r.text,
        _save_decision,
    ),
]

# Every interleaving of two officers' (read, write): the write always follows its own read.
SCHEDULES = [
    ["a read", "a write", "b read", "b write"],
    ["a read", "b read", "a write", "b write"],
    ["a read", "b read", "b write", "a write"],
    ["b read", "a read", "a write", "b write"],
    ["b read", "a read", "b write", "a write"],
    ["b read", "b write", "a read", "a write"],
]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_interleaved_edits_never_overwrite_silently(pair: Pair, kind: Kind) -> None:
    desks = {"a": pair.a, "b": pair.b}
    key = kind.pick(pair.a)
    rng = random.Random(f"{pair.backend} {kind.name}")
    acknowledged = kind.value(kind.read(pair.a, key))
    conflicts = written = 0
    for round_ in range(ROUNDS):
        held: dict[str, Any] = {}
        for step in rng.choice(SCHEDULES):
            who, what = step.split()
            desk = desks[who]
            if what == "read":
                held[who] = kind.read(desk, key)
                continue
            now = kind.version(kind.read(desk, key))
            value = f"{kind.name}, round {round_}, by {who}"
            if kind.version(held[who]) != now:
                with pytest.raises(Conflict, match="changed"):
                    kind.write(desk, held[who], value)
                conflicts += 1
            else:
                kind.write(desk, held[who], value)
                acknowledged = value
                written += 1
            for other in desks.values():  # nobody sees anything but the last acknowledged write
                assert kind.value(kind.read(other, key)) == acknowledged
    assert written >= ROUNDS
    assert conflicts > 0
    assert kind.version(kind.read(pair.b, key)) >= written + 1


# -- the newly versioned tables ----------------------------------------------------------------


def _first(desk: Desk, model: type[Any], *where: Any) -> Any:
    with desk.ctx.db.reading() as session:
        found = session.scalars(select(model).where(*where).limit(1)).first()
        assert found is not None, model.__name__
        return found


def _row_on_the_drafted_meeting(desk: Desk, model: type[Any]) -> Any:
    """A row the minute locks still allow to change (its meeting is not approved)."""
    meeting = _first(desk, Meeting, Meeting.status == MeetingStatus.MINUTES_DRAFTED)
    if model in (Attendance, Declaration):
        return _first(desk, model, model.meeting_id == meeting.id).id
    if model in (Decision, Paper):
        return _first(desk, model, model.item.has(AgendaItem.meeting_id == meeting.id)).id
    return _first(desk, model).id


def _save(desk: Desk, row: Any, field: str, value: Any) -> None:
    """An officer's save of the copy their screen holds, in a transaction of its own."""
    with desk.ctx.db.transaction() as session:
        session.add(row)
        setattr(row, field, value)


def _other_status(old: AttendanceStatus, twice: bool) -> AttendanceStatus:
    return AttendanceStatus.ABSENT if old is AttendanceStatus.PRESENT else AttendanceStatus.PRESENT


# (model, field, the value an officer types: first officer, then the second)
STALE_EDITS: list[tuple[type[Any], str, Callable[[Any, bool], Any]]] = [
    (Attendance, "status", _other_status),
    (Declaration, "nature", lambda old, twice: old + (" (second)" if twice else " (first)")),
    (Decision, "text", lambda old, twice: old + (" (second)" if twice else " (first)")),
    (Paper, "title", lambda old, twice: old[:150] + (" (second)" if twice else " (first)")),
    (IndicatorTarget, "target", lambda old, twice: float(old) + (2.0 if twice else 1.0)),
]


@pytest.mark.parametrize(
    ("model", "field", "change"), STALE_EDITS, ids=[m.__tablename__ for m, _, _ in STALE_EDITS]
)
def test_a_stale_copy_of_a_versioned_row_cannot_be_saved(
    pair: Pair, model: type[Any], field: str, change: Callable[[Any, bool], Any]
) -> None:
    key = _row_on_the_drafted_meeting(pair.a, model)
    read = _detached(model)
    stale, fresh = read(pair.b, key), read(pair.a, key)
    first = change(getattr(fresh, field), False)
    _save(pair.a, fresh, field, first)
    assert fresh.version == stale.version + 1
    with pytest.raises(Conflict, match="changed"):
        _save(pair.b, stale, field, change(getattr(stale, field), True))
    assert getattr(read(pair.b, key), field) == first


def test_a_stale_link_cannot_be_removed_twice(pair: Pair) -> None:
    link = _first(pair.a, RiskMitigation)
    key = (link.risk_id, link.action_id)
    stale = _detached(RiskMitigation)(pair.b, key)
    with pair.a.ctx.db.transaction() as session:
        session.delete(session.get(RiskMitigation, key))
    with (
        pytest.raises(Conflict, match="changed"),
        pair.b.ctx.db.transaction() as session,
    ):
        session.delete(session.merge(stale, load=False))


# -- append-only tables stay append-only ---------------------------------------------------------


_UPDATE = re.compile(r'^\s*UPDATE\s+"?(\w+)"?', re.IGNORECASE)


def test_history_and_undo_never_update_append_only_rows(pair: Pair) -> None:
    """Adding and taking back reviews, progress updates, re-baselines, log updates, due date
    revisions and amendments: each is an INSERT or a DELETE, never an UPDATE."""
    desk = pair.a
    updated: set[str] = set()

    def spy(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        match = _UPDATE.match(statement)
        if match:
            updated.add(match.group(1).lower())

    event.listen(desk.ctx.db.engine, "before_cursor_execute", spy)
    try:
        action = desk.plan.action(_open_plan_action(desk))
        note = desk.history.add_update(action.id, TODAY, "Spy note")
        desk.history.remove_update(note.id)
        revision = desk.history.rebaseline(
            action.id,
            action.target_date + timedelta(days=30),
            "Spy reason",
            expected_version=desk.plan.action(action.id).version,
        )
        desk.history.undo_rebaseline(revision.id)
        risk = desk.register.risk(desk.register.register().risks[0].id)
        reviewed = desk.risk_reviews.record(
            risk.id,
            ReviewDraft(TODAY, 2, 3, "Spy review", risk.owner),
            expected_version=risk.version,
        )
        desk.risk_reviews.withdraw(
            risk.id, reviewed.reviews[-1].id, expected_version=reviewed.version
        )
        log = desk.log.action(_open_log_action(desk)).summary
        noted = desk.action_log.add_update(log.id, LogUpdateDraft(TODAY, "Spy log note"))
        desk.action_log.remove_update(log.id, noted.updates[-1].id)
        log = desk.log.action(log.id).summary
        revised = desk.action_log.revise_due(
            log.id,
            DueRevisionDraft(log.current_due + timedelta(days=14), "Spy slip"),
            expected_version=log.version,
        )
        desk.action_log.withdraw_revision(
            log.id, revised.revisions[-1].id, expected_version=revised.summary.version
        )
        approved = _first(desk, Meeting, Meeting.status == MeetingStatus.MINUTES_APPROVED)
        desk.minutes.amend(approved.id, "Spy amendment", amended_on=date(2014, 3, 31))
    finally:
        event.remove(desk.ctx.db.engine, "before_cursor_execute", spy)
    assert updated & APPEND_ONLY == set()
    assert {"plan_action", "risk", "log_action"} <= updated  # the spy saw the edits


def _open_plan_action(desk: Desk) -> int:
    return next(a.id for a in desk.plan.snapshot().actions if a.status is not Brag.BLUE)
