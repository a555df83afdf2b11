"""A demo board with changes by two more people on known days, for the audit viewer's tests.

The demo loader writes its rows "now" as the test officer; Jo Bloggs then edits
action 2.4 on 10 March 2014 and Sam Patel action 1.2 at 23:30 UTC on 1 April
2014, which is already 2 April in British Summer Time: the date filters' bounds
are tested on that row. Built once per test module (the demo takes seconds) and
copied for each test that writes.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from conftest import ACTOR

from improvement_desk.runtime.identity import Actor
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk

JO = Actor(name="Jo Bloggs", os_login="jbloggs")
SAM = Actor(name="Sam Patel", os_login="spatel")
JO_AT = datetime(2014, 3, 10, 10, 0, tzinfo=UTC)
SAM_AT = datetime(2014, 4, 1, 23, 30, tzinfo=UTC)
HOSTILE = '=HYPERLINK("http://x")'
JO_TEXT = "Recruit 12 social workers.\n<b>Not bold</b> & not a tag"


def _edit(path: Path, actor: Actor, at: datetime, reference: str, description: str) -> None:
    desk = open_desk(path, actor, now=lambda: at)
    try:
        action = next(a for a in desk.plan.snapshot().actions if a.reference == reference)
        desk.actions.update(
            action.id,
            replace(action.draft(), description=description),
            expected_version=action.version,
        )
    finally:
        desk.close()


@pytest.fixture(scope="module")
def audited_board(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The demo board file with Jo's and Sam's changes, closed."""
    home = tmp_path_factory.mktemp("audit-home")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMPROVEMENT_DESK_HOME", str(home))
        path = tmp_path_factory.mktemp("audit") / "demo.db"
        create_demo_board(path, ACTOR)
        _edit(path, JO, JO_AT, "2.4", JO_TEXT)
        _edit(path, SAM, SAM_AT, "1.2", HOSTILE)
        yield path


@pytest.fixture
def audited(audited_board: Path, tmp_path: Path) -> Iterator[Desk]:
    """A copy of the audited demo board, open (as the test officer)."""
    path = tmp_path / "board.db"
    shutil.copy(audited_board, path)
    desk = open_desk(path, ACTOR)
    yield desk
    desk.close()
