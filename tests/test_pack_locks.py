"""The database itself keeps an issued pack as it went out, on SQLite and on PostgreSQL:
raw SQL from outside and changes through the ORM are refused, and `check` sees the triggers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY, TickingClock
from log_fixtures import add_meeting
from pg_fixtures import BACKENDS, Raw, empty_pg, pg_raw, pg_url_or_skip, sqlite_raw

from improvement_desk.db.models import PackIssue
from improvement_desk.db.pack_locks import ISSUED_MESSAGE, is_issued_error
from improvement_desk.domain.errors import Conflict
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.pack_checks import pack_lock_problems


@pytest.fixture(params=BACKENDS)
def issued(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Desk, Raw, int]]:
    monkeypatch.setenv("IMPROVEMENT_DESK_HOME", str(tmp_path / "home"))
    if request.param == "sqlite":
        location: str | Path = tmp_path / "board.db"
        raw = sqlite_raw(tmp_path / "board.db")
    else:
        location = pg_url_or_skip()
        empty_pg(location)
        raw = pg_raw(location)
    desk = open_desk(
        location,
        ACTOR,
        create=True,
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, tzinfo=UTC)),
    )
    try:
        meeting = add_meeting(desk, TODAY)
        yield desk, raw, desk.pack.issue(meeting.id).id
    finally:
        desk.close()


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE pack_issue SET issued_by = 'Someone else' WHERE id = {id}",
        "UPDATE pack_issue SET snapshot = '{{}}' WHERE id = {id}",
        "DELETE FROM pack_issue WHERE id = {id}",
    ],
)
def test_raw_sql_cannot_change_or_remove_an_issued_pack(
    issued: tuple[Desk, Raw, int], sql: str
) -> None:
    desk, raw, issue_id = issued
    before = desk.pack.issued_pdf(issue_id, public=False)
    with pytest.raises(Exception, match=ISSUED_MESSAGE):
        raw(sql.format(id=issue_id))
    assert desk.pack.issued_pdf(issue_id, public=False) == before
    assert [s.issued_by for s in desk.pack.issued()] == ["Test Officer"]


def test_the_orm_is_refused_as_a_plain_conflict(issued: tuple[Desk, Raw, int]) -> None:
    desk, _, issue_id = issued
    with pytest.raises(Conflict) as refused, desk.ctx.db.transaction() as session:
        session.delete(session.get_one(PackIssue, issue_id))
    assert refused.value.__cause__ is not None
    assert is_issued_error(refused.value.__cause__)


def test_check_finds_the_triggers(issued: tuple[Desk, Raw, int]) -> None:
    assert pack_lock_problems(issued[0].ctx) == []
