"""Shared fixtures. Qt is set offscreen here, before anything can create a QApplication."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import pytest
from pg_fixtures import BACKENDS, empty_pg, pg_url_or_skip

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


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every database test outside tests/ui runs on SQLite and on PostgreSQL.

    A test reaches the database through `desk` (directly or through a fixture built
    on it), so those are the tests given both backends; the GUI tests exercise
    widgets, not the database, and stay on SQLite. A test about the board *file*
    (reopening it, reading it with sqlite3) says so with `@pytest.mark.sqlite_only`.
    """
    if "desk" not in metafunc.fixturenames or "db_backend" not in metafunc.fixturenames:
        return
    if Path(metafunc.definition.path).parent.name == "ui":
        return
    if metafunc.definition.get_closest_marker("sqlite_only"):
        return
    metafunc.parametrize("db_backend", BACKENDS, indirect=True)


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    return str(getattr(request, "param", "sqlite"))


@pytest.fixture
def board_path(tmp_path: Path) -> Path:
    return tmp_path / "board.db"


@pytest.fixture
def board_location(db_backend: str, board_path: Path) -> str | Path:
    """Where `desk` keeps its board: the file, or the (emptied) PostgreSQL database."""
    if db_backend == "sqlite":
        return board_path
    url = pg_url_or_skip()
    empty_pg(url)
    return url


@pytest.fixture
def desk(board_location: str | Path) -> Iterator[Desk]:
    """A new, empty board on a fixed date, with a fixed actor and clock."""
    opened = open_desk(
        board_location,
        ACTOR,
        create=True,
        board_name="Test Improvement Board",
        today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, 0, tzinfo=UTC)),
    )
    yield opened
    opened.close()
