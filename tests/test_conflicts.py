"""A stale edit is refused with who changed the record, when, and what they changed
(RELIABILITY DB-8), taken from the audit trail of the changes the editor missed."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from conftest import TickingClock

from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import Conflict, FieldChange
from improvement_desk.runtime.identity import Actor
from improvement_desk.services.actions import ActionService
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.demo import load_demo
from improvement_desk.services.desk import Desk


def _colleague(desk: Desk) -> ActionService:
    """A second officer saving to the same board (their own context, same database)."""
    ctx = ServiceContext(
        db=desk.ctx.db,
        actor=Actor(name="Jo Bloggs", os_login="jbloggs"),
        clock_today=desk.ctx.clock_today,
        now=TickingClock(datetime(2014, 3, 31, 14, 4, 30, tzinfo=UTC)),
        as_at=desk.ctx.as_at,
    )
    return ActionService(ctx)


def test_a_stale_edit_names_who_when_and_what(desk: Desk) -> None:
    load_demo(desk.ctx)
    mine = next(a for a in desk.plan.snapshot().actions if a.status is Brag.GREEN)
    _colleague(desk).update(
        mine.id,
        replace(mine.draft(), status=Brag.AMBER, success_measures="Audit shows 80% good"),
        expected_version=mine.version,
    )
    with pytest.raises(Conflict) as refused:
        desk.actions.update(
            mine.id, replace(mine.draft(), description="My wording"), expected_version=mine.version
        )
    error = refused.value
    assert error.changed_by == "Jo Bloggs"
    assert error.changed_at is not None
    assert error.changed_at.replace(second=0) == datetime(2014, 3, 31, 14, 4, tzinfo=UTC)
    assert set(error.changes) == {
        FieldChange("status", "green", "amber"),
        FieldChange("success_measures", mine.success_measures, "Audit shows 80% good"),
    }
    local = error.changed_at.astimezone()
    assert f"was changed by Jo Bloggs at {local:%H:%M} on 31 Mar 2014 since you opened it" in str(
        error
    )
    assert "status “green” → “amber”" in str(error)
    assert desk.plan.action(mine.id).description == mine.description  # nothing of mine saved


def test_only_the_changes_the_editor_missed_are_listed(desk: Desk) -> None:
    load_demo(desk.ctx)
    mine = next(a for a in desk.plan.snapshot().actions if a.status is Brag.GREEN)
    colleague = _colleague(desk)
    first = colleague.update(
        mine.id, replace(mine.draft(), status=Brag.AMBER), expected_version=mine.version
    )
    colleague.update(
        mine.id, replace(first.draft(), status=Brag.RED), expected_version=first.version
    )
    # Read after the first change: only the second is news.
    with pytest.raises(Conflict) as refused:
        desk.actions.update(mine.id, first.draft(), expected_version=first.version)
    assert refused.value.changes == (FieldChange("status", "amber", "red"),)
