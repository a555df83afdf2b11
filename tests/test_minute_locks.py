"""The database itself refuses changes to approved minutes: through the ORM, through SQL sent
by SQLAlchemy, and through a driver talking to the file (or server) directly.

Each test runs on SQLite and, when IMPROVEMENT_DESK_TEST_PG_URL names a PostgreSQL
database the tests may empty, on PostgreSQL too (marker `postgres`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from conftest import ACTOR, TODAY, TickingClock
from meeting_fixtures import ApprovedBoard, approved_board, draft, item_draft, raise_action
from pg_fixtures import BACKENDS, Raw, empty_pg, pg_raw, pg_url_or_skip, sqlite_raw
from sqlalchemy import Engine, inspect, select, text, update
from sqlalchemy.orm import Session

from improvement_desk.db.minute_locks import LOCK_MESSAGE, is_lock_error, trigger_names
from improvement_desk.db.models import (
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    LogAction,
    Meeting,
    MinutesAmendment,
    Paper,
)
from improvement_desk.db.schema import alembic_config
from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.errors import Conflict
from improvement_desk.domain.meeting import AttendanceStatus, MeetingStatus
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.dump import dump_board
from improvement_desk.services.meeting_checks import minute_lock_problems
from improvement_desk.services.meeting_guards import meeting_transaction


@dataclass
class Locked:
    desk: Desk
    board: ApprovedBoard
    raw: Raw  # runs one statement on its own connection, as a script or DB browser would
    dialect: str


def _open(location: str | Path) -> Desk:
    return open_desk(
        location,
        ACTOR,
        create=True,
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, tzinfo=UTC)),
    )


@contextmanager
def _locked_board(backend: str, folder: Path) -> Iterator[Locked]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMPROVEMENT_DESK_HOME", str(folder / "home"))
        if backend == "sqlite":
            path = folder / "board.db"
            desk, raw = _open(path), sqlite_raw(path)
        else:
            url = pg_url_or_skip()
            empty_pg(url)
            desk, raw = _open(url), pg_raw(url)
        try:
            yield Locked(desk, approved_board(desk, folder), raw, backend)
        finally:
            desk.close()


@pytest.fixture(scope="module", params=BACKENDS)
def locked(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Locked]:
    """One approved board shared by the tests that only try (and fail) to change it."""
    with _locked_board(request.param, tmp_path_factory.mktemp("locked")) as board:
        yield board


@pytest.fixture(params=BACKENDS)
def fresh(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Locked]:
    """An approved board of its own, for tests that change what may still change."""
    with _locked_board(request.param, tmp_path) as board:
        yield board


def _frozen(locked: Locked) -> Any:
    """Everything but the audit trail and the action log, whose open actions may move on."""
    data = dump_board(locked.desk.ctx, include_audit=False)
    return {k: v for k, v in data.items() if k not in ("log_actions",)}


# -- raw SQL ----------------------------------------------------------------------------------


def _statements(b: ApprovedBoard) -> dict[str, str]:
    j, item, other = b.january.id, b.item_id, b.february.items[7].id
    person = b.members[2].person_id
    return {
        "update meeting": f"UPDATE meeting SET venue = 'Elsewhere' WHERE id = {j}",
        "unapprove meeting": (
            "UPDATE meeting SET status = 'held', approved_at_meeting_id = NULL, "
            f"approved_at_item_id = NULL WHERE id = {j}"
        ),
        "delete meeting": f"DELETE FROM meeting WHERE id = {j}",
        "update minute": f"UPDATE agenda_item SET minute = 'Rewritten' WHERE id = {item}",
        "update public title": (
            f"UPDATE agenda_item SET public_title = 'Renamed' WHERE id = {item}"
        ),
        "insert item": (
            "INSERT INTO agenda_item (meeting_id, position, title, presenter, purpose, "
            "minutes_allowed, standing, marking, exempt, exempt_paragraph, publish_from, minute, "
            "version) SELECT meeting_id, 99, 'Late', presenter, purpose, minutes_allowed, NULL, "
            f"marking, exempt, exempt_paragraph, publish_from, '', 1 FROM agenda_item WHERE id = {item}"
        ),
        "delete item": f"DELETE FROM agenda_item WHERE id = {item}",
        "move item in": f"UPDATE agenda_item SET meeting_id = {j} WHERE id = {other}",
        "move item out": f"UPDATE agenda_item SET meeting_id = {b.february.id} WHERE id = {item}",
        "update attendance": f"UPDATE attendance SET status = 'absent' WHERE meeting_id = {j}",
        "insert attendance": (
            "INSERT INTO attendance (meeting_id, person_id, kind, status, substitute) "
            f"VALUES ({j}, {person}, 'voting', 'present', '')"
        ),
        "delete attendance": f"DELETE FROM attendance WHERE meeting_id = {j}",
        "update declaration": f"UPDATE declaration SET nature = 'x' WHERE id = {b.declaration_id}",
        "insert declaration": (
            "INSERT INTO declaration (meeting_id, agenda_item_id, person_id, nature) "
            f"VALUES ({j}, NULL, {person}, 'Late declaration')"
        ),
        "delete declaration": f"DELETE FROM declaration WHERE id = {b.declaration_id}",
        "update decision": f"UPDATE decision SET text = 'x' WHERE id = {b.decision_id}",
        "insert decision": (
            f"INSERT INTO decision (agenda_item_id, position, text) VALUES ({item}, 5, 'RESOLVED')"
        ),
        "delete decision": f"DELETE FROM decision WHERE id = {b.decision_id}",
        "update paper": f"UPDATE paper SET title = 'Swapped' WHERE id = {b.paper_id}",
        "replace paper bytes": f"UPDATE paper SET content = content WHERE id = {b.paper_id}",
        "insert paper": (
            "INSERT INTO paper (agenda_item_id, position, title, file_name, content, sha256, "
            "size, page_count, marking, added_at) SELECT agenda_item_id, 9, 'Copy', file_name, "
            f"content, sha256, size, page_count, marking, added_at FROM paper WHERE id = {b.paper_id}"
        ),
        "delete paper": f"DELETE FROM paper WHERE id = {b.paper_id}",
        "delete approved action": f"DELETE FROM log_action WHERE id = {b.action_id}",
    }


NAMES = [
    "update meeting", "unapprove meeting", "delete meeting", "update minute",
    "update public title", "insert item",
    "delete item", "move item in", "move item out", "update attendance", "insert attendance",
    "delete attendance", "update declaration", "insert declaration", "delete declaration",
    "update decision", "insert decision", "delete decision", "update paper",
    "replace paper bytes", "insert paper", "delete paper", "delete approved action",
]  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_raw_sql_from_outside_is_refused(locked: Locked, name: str) -> None:
    before = _frozen(locked)
    with pytest.raises(Exception) as refused:  # noqa: PT011 - the driver's own error type
        locked.raw(_statements(locked.board)[name])
    assert is_lock_error(refused.value), refused.value
    assert LOCK_MESSAGE in str(refused.value)
    assert _frozen(locked) == before


@pytest.mark.parametrize("name", ["update minute", "insert decision", "delete paper"])
def test_sql_through_sqlalchemy_is_refused_as_a_plain_conflict(locked: Locked, name: str) -> None:
    before = _frozen(locked)
    with pytest.raises(Conflict) as refused, meeting_transaction(locked.desk.ctx) as session:
        session.execute(text(_statements(locked.board)[name]))
    assert "are approved and cannot be changed; record an amendment instead" in str(refused.value)
    assert is_lock_error(refused.value.__cause__)  # type: ignore[arg-type]
    assert _frozen(locked) == before


def test_every_statement_and_change_is_tested(locked: Locked) -> None:
    assert list(_statements(locked.board)) == NAMES
    assert list(_orm_changes(locked.board)) == ORM_NAMES


# -- the ORM ----------------------------------------------------------------------------------


def _orm_changes(b: ApprovedBoard) -> dict[str, Callable[[Session], object]]:
    j = b.january.id

    def get(model: Any, key: int) -> Any:
        return lambda s: s.get(model, key)

    def change(model: Any, key: int, **values: object) -> Callable[[Session], object]:
        def run(s: Session) -> None:
            row = s.get(model, key)
            for name, value in values.items():
                setattr(row, name, value)
            s.flush()

        return run

    def remove(model: Any, key: int) -> Callable[[Session], object]:
        def run(s: Session) -> None:
            s.delete(get(model, key)(s))
            s.flush()

        return run

    def add(row_factory: Callable[[], object]) -> Callable[[Session], object]:
        def run(s: Session) -> None:
            s.add(row_factory())
            s.flush()

        return run

    person = b.members[2].person_id
    return {
        "meeting venue": change(Meeting, j, venue="Elsewhere"),
        "meeting status": change(
            Meeting, j, status=MeetingStatus.HELD, approved_at_meeting_id=None,
            approved_at_item_id=None,
        ),
        "meeting delete": remove(Meeting, j),
        "minute": change(AgendaItem, b.item_id, minute="Rewritten"),
        "item add": add(lambda: AgendaItem(meeting_id=j, position=99, title="Late")),
        "item delete": remove(AgendaItem, b.item_id),
        "attendance add": add(
            lambda: Attendance(
                meeting_id=j, person_id=person, kind="voting", status=AttendanceStatus.PRESENT
            )
        ),
        "declaration": change(Declaration, b.declaration_id, nature="Changed"),
        "declaration delete": remove(Declaration, b.declaration_id),
        "decision": change(Decision, b.decision_id, text="RESOLVED: otherwise"),
        "decision add": add(lambda: Decision(agenda_item_id=b.item_id, position=3, text="x")),
        "decision delete": remove(Decision, b.decision_id),
        "paper": change(Paper, b.paper_id, title="Swapped"),
        "paper delete": remove(Paper, b.paper_id),
        "action delete": remove(LogAction, b.action_id),
    }  # fmt: skip


ORM_NAMES = [
    "meeting venue", "meeting status", "meeting delete", "minute", "item add", "item delete",
    "attendance add", "declaration", "declaration delete", "decision", "decision add",
    "decision delete", "paper", "paper delete", "action delete",
]  # fmt: skip


@pytest.mark.parametrize("name", ORM_NAMES)
def test_orm_changes_are_refused(locked: Locked, name: str) -> None:
    before = _frozen(locked)
    with pytest.raises(Conflict) as refused, meeting_transaction(locked.desk.ctx) as session:
        _orm_changes(locked.board)[name](session)
    assert "record an amendment instead" in str(refused.value)
    assert _frozen(locked) == before


def test_the_unlocked_meeting_beside_it_changes_freely(fresh: Locked) -> None:
    """The locks bite only on approved minutes: February (held) is still a draft."""
    desk, b = fresh.desk, fresh.board
    february = b.february
    own = desk.agenda.add_item(february.id, item_draft("Budget"))
    desk.minutes.write_minute(own.id, "Discussed.", expected_version=None)
    desk.minutes.add_decision(own.id, "RESOLVED: noted.")
    fresh.raw(f"UPDATE agenda_item SET minute = 'Edited outside' WHERE id = {own.id}")
    shown = next(i for i in desk.meeting_reader.meeting(february.id).items if i.id == own.id)
    assert shown.minute == "Edited outside"
    desk.meetings.update(february.id, draft(february.summary.meeting_date), expected_version=None)


def test_approval_is_one_update_and_then_locks(fresh: Locked) -> None:
    desk, b = fresh.desk, fresh.board
    march = desk.meetings.create(draft(date(2014, 3, 10)))
    desk.meetings.set_status(march.id, MeetingStatus.HELD, expected_version=None)
    fresh.raw(
        "UPDATE meeting SET status = 'minutes_approved', "
        f"approved_at_meeting_id = {march.id}, approved_at_item_id = {march.items[2].id} "
        f"WHERE id = {b.february.id}"
    )
    with pytest.raises(Exception) as refused:  # noqa: PT011
        fresh.raw(f"UPDATE agenda_item SET minute = 'x' WHERE meeting_id = {b.february.id}")
    assert is_lock_error(refused.value)


# -- amendments and the action log ------------------------------------------------------------


def test_amendments_are_insert_only(fresh: Locked) -> None:
    desk, b = fresh.desk, fresh.board
    amendment = desk.minutes.amend(b.january.id, "Spelling of a name")
    fresh.raw(
        "INSERT INTO minutes_amendment (meeting_id, agenda_item_id, amended_on, text, "
        "agreed_at_meeting_id, recorded_by, recorded_at) SELECT meeting_id, agenda_item_id, "
        f"amended_on, 'Second', agreed_at_meeting_id, recorded_by, recorded_at "
        f"FROM minutes_amendment WHERE id = {amendment.id}"
    )
    for sql in (
        f"UPDATE minutes_amendment SET text = 'Changed' WHERE id = {amendment.id}",
        f"DELETE FROM minutes_amendment WHERE id = {amendment.id}",
    ):
        with pytest.raises(Exception) as refused:  # noqa: PT011
            fresh.raw(sql)
        assert "never edited or removed" in str(refused.value)
    with (
        pytest.raises(Conflict, match="never edited or removed"),
        meeting_transaction(desk.ctx) as session,
    ):
        session.execute(
            update(MinutesAmendment)
            .where(MinutesAmendment.id == amendment.id)
            .values(text="Changed")
        )
    texts = [a.text for a in desk.meeting_reader.meeting(b.january.id).amendments]
    assert texts == ["Spelling of a name", "Second"]


def test_a_log_actions_origin_never_changes(fresh: Locked) -> None:
    desk, b = fresh.desk, fresh.board
    for sql in (
        f"UPDATE log_action SET original_due = '2014-06-01' WHERE id = {b.action_id}",
        f"UPDATE log_action SET meeting_id = {b.february.id} WHERE id = {b.action_id}",
    ):
        with pytest.raises(Exception) as refused:  # noqa: PT011
            fresh.raw(sql)
        assert "original due date" in str(refused.value)
    with pytest.raises(Conflict, match="original due date"):
        _change_original_due(desk, b.action_id)
    # The current due date and the status move on; the action is still the board's.
    fresh.raw(f"UPDATE log_action SET current_due = '2014-05-01' WHERE id = {b.action_id}")
    with desk.ctx.db.transaction() as session:
        session.execute(
            update(LogAction)
            .where(LogAction.id == b.action_id)
            .values(status=LogStatus.IN_PROGRESS)
        )
    with desk.ctx.db.reading() as session:
        action = session.get(LogAction, b.action_id)
        assert action is not None
        assert (action.original_due, action.current_due) == (date(2014, 3, 1), date(2014, 5, 1))


def test_an_action_of_an_unlocked_meeting_can_be_deleted(fresh: Locked) -> None:
    desk, b = fresh.desk, fresh.board
    action_id = raise_action(desk, b.february.id, None, b.members[0].person_id, "A9")
    fresh.raw(f"DELETE FROM log_action WHERE id = {action_id}")
    with desk.ctx.db.reading() as session:
        assert session.scalar(select(LogAction.id).where(LogAction.id == action_id)) is None


def test_every_lock_trigger_exists(locked: Locked) -> None:
    assert trigger_names(locked.dialect)
    assert minute_lock_problems(locked.desk.ctx) == []


def test_the_public_title_migration_keeps_every_row_and_lock(fresh: Locked) -> None:
    """0006 adds and drops `agenda_item.public_title` in place: no rebuilt table, so the
    triggers on it survive and the rows under approved minutes are never touched."""
    engine = fresh.desk.ctx.db.engine
    before = _row_counts(engine)

    def columns() -> set[str]:
        with engine.connect() as conn:
            return {c["name"] for c in inspect(conn).get_columns("agenda_item")}

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), "0005")
    assert "public_title" not in columns()
    assert (_row_counts(engine), minute_lock_problems(fresh.desk.ctx)) == (before, [])
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")
    assert "public_title" in columns()
    assert (_row_counts(engine), minute_lock_problems(fresh.desk.ctx)) == (before, [])
    with engine.connect() as conn:
        titles = set(conn.execute(text("SELECT public_title FROM agenda_item")).scalars())
    assert titles == {""}
    with pytest.raises(Exception) as refused:  # noqa: PT011 - the driver's own error type
        fresh.raw(_statements(fresh.board)["update public title"])
    assert is_lock_error(refused.value), refused.value


def _row_counts(engine: Engine) -> dict[str, int]:
    tables = ("meeting", "agenda_item", "paper", "decision", "declaration", "log_action")
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}


def _change_original_due(desk: Desk, action_id: int) -> None:
    with meeting_transaction(desk.ctx) as session:
        action = session.get(LogAction, action_id)
        assert action is not None
        action.original_due = date(2014, 6, 1)
        session.flush()
