"""The audit viewer's reader: each filter alone and together, dates as local days, the cap."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from audit_viewer_fixtures import HOSTILE, JO, JO_AT, JO_TEXT, SAM, audited, audited_board
from conftest import ACTOR
from pg_fixtures import BACKENDS, empty_pg, pg_url_or_skip
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.errors import ValidationError
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.audit_reader import (
    DEFAULT_LIMIT,
    AuditCriteria,
    AuditReader,
    AuditRecord,
    entity_label,
    field_label,
)
from improvement_desk.services.desk import Desk, open_desk

__all__ = ["audited", "audited_board"]  # fixtures, used by name

BST = timezone(timedelta(hours=1), "BST")
OLGA = Actor("Ölga Ünal", "ounal")
LAST_MARCH_SECOND = datetime(2014, 3, 31, 22, 59, 59, tzinfo=UTC)


def everything(desk: Desk) -> list[AuditEntry]:
    with desk.opened.database.reading() as session:
        return list(session.scalars(select(AuditEntry)))


def search(desk: Desk, zone: timezone | None = UTC, **criteria: object) -> list[AuditRecord]:
    page = AuditReader(desk.ctx, zone=zone).search(AuditCriteria(**criteria))  # type: ignore[arg-type]
    assert not page.more
    assert page.matched == len(page.rows)
    return list(page.rows)


def test_no_filter_gives_every_row_newest_first(audited: Desk) -> None:
    rows = search(audited)
    assert len(rows) == len(everything(audited)) > 1000
    order = [(r.at, r.id) for r in rows]
    assert order == sorted(order, reverse=True)
    assert rows[-1].actor == JO.name  # 2014, before the demo was loaded "now"


def test_kind_alone(audited: Desk) -> None:
    rows = search(audited, entity="risk")
    expected = [e for e in everything(audited) if e.entity == "risk"]
    assert {r.id for r in rows} == {e.id for e in expected}
    assert {r.entity for r in rows} == {"risk"}


def test_record_text_alone_is_a_case_blind_part_of_the_label(audited: Desk) -> None:
    rows = search(audited, record="r2")
    assert "R2" in {r.entity_label for r in rows}
    pi10 = {r.entity_label for r in search(audited, record="pi10 f")}
    assert pi10 >= {"PI10 Feb 2014", "PI10 Feb 2013"}
    assert all("r2" in r.entity_label.lower() for r in rows)
    expected = [e for e in everything(audited) if "r2" in e.entity_label.lower()]
    assert len(rows) == len(expected)
    assert {r.entity_label for r in search(audited, record="  2.4 ")} == {"2.4"}


def test_record_text_wildcards_are_literal(audited: Desk) -> None:
    assert search(audited, record="%") == []
    assert search(audited, record="R_") == []
    assert search(audited, record="2_4") == []


def test_field_alone(audited: Desk) -> None:
    rows = search(audited, field="description")
    assert rows
    assert {r.field for r in rows} == {"description"}
    assert len(rows) == sum(1 for e in everything(audited) if e.field == "description")


def test_person_by_name_or_by_login(audited: Desk) -> None:
    by_name = search(audited, person=JO.name)
    by_login = search(audited, person=JO.os_login)
    assert by_name == by_login
    assert [(r.entity, r.entity_label, r.field) for r in by_name] == [
        ("action", "2.4", "description")
    ]
    assert {r.actor for r in search(audited, person=ACTOR.name)} == {ACTOR.name}
    assert search(audited, person="nobody") == []


def test_dates_are_whole_local_days(audited: Desk) -> None:
    day = JO_AT.date()
    assert [r.actor for r in search(audited, date_from=day, date_to=day)] == [JO.name]
    assert search(audited, date_from=day + timedelta(days=1), date_to=date(2014, 3, 31)) == []
    # Sam saved at 23:30 UTC on 1 April: 1 April in UTC, 2 April in British Summer Time.
    april_1, april_2 = date(2014, 4, 1), date(2014, 4, 2)
    assert [r.actor for r in search(audited, date_from=april_1, date_to=april_1)] == [SAM.name]
    assert search(audited, date_from=april_2, date_to=april_2) == []
    in_bst = search(audited, zone=BST, date_from=april_2, date_to=april_2)
    assert [r.actor for r in in_bst] == [SAM.name]
    assert search(audited, zone=BST, date_from=april_1, date_to=april_1) == []


def test_one_bound_alone(audited: Desk) -> None:
    until_march = search(audited, date_to=date(2014, 3, 31))
    assert [r.actor for r in until_march] == [JO.name]
    since_april = search(audited, date_from=date(2014, 4, 1))
    assert JO.name not in {r.actor for r in since_april}
    assert len(since_april) == len(everything(audited)) - 1


def test_every_filter_together(audited: Desk) -> None:
    rows = search(
        audited,
        entity="action",
        record="2.4",
        field="description",
        person=JO.os_login,
        date_from=date(2014, 3, 1),
        date_to=date(2014, 3, 31),
    )
    assert len(rows) == 1
    row = rows[0]
    assert (row.actor, row.os_login, row.at) == (JO.name, JO.os_login, JO_AT)
    assert (row.operation, row.new_value) == ("update", JO_TEXT)
    assert row.old_value
    assert row.old_value != JO_TEXT
    # Any one criterion changed finds nothing.
    assert search(audited, entity="risk", record="2.4", person=JO.os_login) == []
    assert search(audited, record="2.4", field="status", person=JO.os_login) == []
    assert search(audited, record="1.2", person=JO.os_login) == []
    assert [r.new_value for r in search(audited, record="1.2", person=SAM.name)] == [HOSTILE]


def test_the_cap_keeps_the_newest_and_says_more_matched(audited: Desk) -> None:
    reader = AuditReader(audited.ctx)
    full = reader.search(AuditCriteria())
    assert full.limit == DEFAULT_LIMIT
    capped = reader.search(AuditCriteria(limit=10))
    assert capped.rows == full.rows[:10]
    assert capped.more
    assert capped.matched == len(full.rows) == len(everything(audited))
    exact = reader.search(AuditCriteria(entity="action", record="2.4", limit=3))
    all_24 = reader.search(AuditCriteria(entity="action", record="2.4"))
    assert len(all_24.rows) == 3  # the demo's two created fields and Jo's update
    assert exact.rows == all_24.rows
    assert not exact.more


def test_refused_criteria_name_the_control(audited: Desk) -> None:
    reader = AuditReader(audited.ctx)
    with pytest.raises(ValidationError) as bad_dates:
        reader.search(AuditCriteria(date_from=date(2014, 3, 20), date_to=date(2014, 3, 1)))
    assert bad_dates.value.fields() == {"To"}
    assert "01 Mar 2014 is before From (20 Mar 2014)" in str(bad_dates.value)
    with pytest.raises(ValidationError) as long_text:
        reader.search(AuditCriteria(record="x" * 201))
    assert long_text.value.fields() == {"Record"}
    assert "200" in str(long_text.value)
    assert reader.search(AuditCriteria(record="x" * 200)).rows == ()
    with pytest.raises(ValidationError) as no_rows:
        reader.search(AuditCriteria(limit=0))
    assert no_rows.value.fields() == {"Limit"}
    same_day = date(2014, 3, 10)
    assert reader.search(AuditCriteria(date_from=same_day, date_to=same_day)).rows


def test_choices_are_what_the_trail_holds(audited: Desk) -> None:
    choices = AuditReader(audited.ctx).choices()
    kinds = {c.value: c.label for c in choices.entities}
    assert {"action", "risk", "meeting", "log_action", "indicator_figure"} <= set(kinds)
    assert kinds["action"] == "Plan action"
    assert kinds["indicator_figure"] == "Indicator figure"
    assert set(kinds) == {e.entity for e in everything(audited)}
    labels = [c.label for c in choices.entities]
    assert labels == sorted(labels, key=str.casefold)
    people = [(c.value, c.label) for c in choices.people]
    assert (JO.name, JO.name) in people
    assert (JO.os_login, "jbloggs (OS login)") in people
    assert (SAM.os_login, "spatel (OS login)") in people
    action_fields = {c.value for c in choices.fields("action")}
    assert "description" in action_fields
    assert "current_likelihood" not in action_fields
    assert "current_likelihood" in {c.value for c in choices.fields("risk")}
    assert {c.value for c in choices.fields()} == {e.field for e in everything(audited) if e.field}


def test_labels_read_as_words() -> None:
    assert entity_label("log_due_revision") == "Log due-date revision"
    assert entity_label("something_new") == "Something new"
    assert field_label("target_date") == "Target date"
    assert field_label("") == ""


def test_an_actions_own_history_still_reads(audited: Desk) -> None:
    action = next(a for a in audited.plan.snapshot().actions if a.reference == "2.4")
    history = audited.audit.for_record("action", action.id)
    assert history[0].actor == JO.name
    assert history[0].new_value == JO_TEXT
    assert {h.entity_label for h in history} == {"2.4"}


@pytest.fixture(params=BACKENDS)
def small_board(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[Path | str, Desk]]:
    """A new board on SQLite or PostgreSQL with people added by two actors on two days."""
    monkeypatch.setenv("IMPROVEMENT_DESK_HOME", str(tmp_path / "home"))
    location: Path | str = tmp_path / "board.db"
    if request.param == "postgresql":
        location = pg_url_or_skip()
        empty_pg(location)
    desk = open_desk(location, ACTOR, create=True, now=lambda: LAST_MARCH_SECOND)
    desk.people.add("Ann 100% Smith")
    desk.people.add("Ann_Smith")
    desk.close()
    other = open_desk(location, OLGA, now=lambda: LAST_MARCH_SECOND + timedelta(seconds=1))
    other.people.add("ANN SMITH")
    yield location, other
    other.close()


def test_filters_agree_on_both_backends(small_board: tuple[Path | str, Desk]) -> None:
    _, desk = small_board
    reader = AuditReader(desk.ctx, zone=BST)
    persons = AuditCriteria(entity="person", field="name")
    names = [r.new_value for r in reader.search(persons).rows]
    assert names == ["ANN SMITH", "Ann_Smith", "Ann 100% Smith"]
    percent = reader.search(AuditCriteria(entity="person", record="100%"))
    assert [r.entity_label for r in percent.rows] == ["Ann 100% Smith"] * 3
    underscore = reader.search(AuditCriteria(entity="person", record="n_s", field="name"))
    assert [r.new_value for r in underscore.rows] == ["Ann_Smith"]
    by_login = reader.search(AuditCriteria(person="ounal"))
    assert {r.actor for r in by_login.rows} == {OLGA.name}
    # 22:59:59 UTC on 31 March is 23:59:59 in British Summer Time; a second later, 1 April.
    march = reader.search(AuditCriteria(date_to=date(2014, 3, 31)))
    april = reader.search(AuditCriteria(date_from=date(2014, 4, 1)))
    assert {r.actor for r in march.rows} == {ACTOR.name}
    assert {r.actor for r in april.rows} == {OLGA.name}
    assert len(march.rows) + len(april.rows) == reader.search(AuditCriteria()).matched
    in_utc = AuditReader(desk.ctx, zone=UTC).search(AuditCriteria(date_to=date(2014, 3, 31)))
    assert in_utc.matched == march.matched + april.matched
    capped = reader.search(AuditCriteria(limit=2))
    with desk.opened.database.reading() as session:
        total = session.scalar(select(func.count()).select_from(AuditEntry))
    assert capped.more
    assert capped.matched == total
    assert len(capped.rows) == 2
