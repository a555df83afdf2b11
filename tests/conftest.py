"""Shared fixtures. Qt is set offscreen here, before anything can create a QApplication."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import pytest

from improvement_desk.runtime.identity import Actor
from improvement_desk.services.desk import Desk, open_desk


def _realdata() -> Path:
    """The shared real-world workbooks, read in place (never copied into the repository).

    CI clones the project with shared/ beside it; a developer's checkout may be
    elsewhere, so an explicit variable and the workplace's folder are tried too.
    """
    candidates = [
        os.environ.get("IMPROVEMENT_DESK_REALDATA", ""),
        str(Path(__file__).resolve().parents[2] / "shared" / "realdata"),
        "/work/shared/realdata",
    ]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return Path(candidates[1])


REALDATA = _realdata()
TODAY = date(2014, 3, 31)
ACTOR = Actor(name="Test Officer", os_login="tester")


class TickingClock:
    """A UTC clock that advances one second per reading, so audit rows order by time."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def __call__(self) -> datetime:
        self.current += timedelta(seconds=1)
        return self.current


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may touch the real user's data, logs or settings."""
    home = tmp_path_factory.mktemp("desk-home")
    monkeypatch.setenv("IMPROVEMENT_DESK_HOME", str(home))


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    return tmp_path / "board.db"


@pytest.fixture
def desk(board_path: Path) -> Iterator[Desk]:
    """A new, empty board on a fixed date, with a fixed actor and clock."""
    opened = open_desk(
        board_path,
        ACTOR,
        create=True,
        board_name="Test Improvement Board",
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, 0, tzinfo=UTC)),
    )
    yield opened
    opened.close()
