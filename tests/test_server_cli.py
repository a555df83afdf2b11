"""`improvement-desk check --db postgresql+psycopg://…`: a server board from the command line.

The password can stay out of the URL: libpq reads `PGPASSWORD` and the
password file itself. The test server trusts local connections, so what is
checked is that the password reaches libpq (`info.password`), not that the
server asked for it. A message about a server never prints the password.
"""

from __future__ import annotations

import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ACTOR
from pg_fixtures import empty_pg, pg_url_or_skip
from sqlalchemy import text

from improvement_desk.db.server_urls import ServerAddress, parse_location
from improvement_desk.launcher import main
from improvement_desk.services.desk import open_desk

SECRET = "Zq7:never@printed/#"


@pytest.fixture
def pg_address() -> Iterator[ServerAddress]:
    url = pg_url_or_skip()
    empty_pg(url)
    address = parse_location(url)
    assert address is not None
    yield address
    empty_pg(url)


@pytest.fixture
def board(pg_address: ServerAddress) -> ServerAddress:
    desk = open_desk(pg_address.location, ACTOR, create=True, board_name="Shared Board")
    desk.close()
    return pg_address


@pytest.mark.postgres
def test_check_runs_against_a_server_board(
    board: ServerAddress, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", board.location]) == 0
    out, err = capsys.readouterr()
    assert "ok       Schema version" in out
    assert out.rstrip().endswith("Board is sound.")
    assert err == ""


@pytest.mark.postgres
def test_check_on_an_empty_database_says_it_holds_no_board_and_sets_nothing_up(
    pg_address: ServerAddress, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", pg_address.location]) == 2
    err = capsys.readouterr().err
    assert "That database is empty: it holds no board yet." in err
    assert "File ▸ Connect to server…" in err
    assert _tables(pg_address) == set()  # read-only: nothing was created


@pytest.mark.postgres
def test_pgpassword_reaches_libpq_when_the_url_has_none(
    board: ServerAddress, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PGPASSWORD", SECRET)
    assert _password_libpq_used(board) == SECRET
    assert main(["check", "--db", board.location]) == 0
    assert SECRET not in "".join(capsys.readouterr())


@pytest.mark.postgres
def test_a_pgpass_file_reaches_libpq_when_the_url_has_none(
    board: ServerAddress, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("PGPASSWORD", raising=False)
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"{board.host}:{board.port}:{board.database}:{board.user}:s3cret-file\n")
    passfile.chmod(stat.S_IRUSR | stat.S_IWUSR)  # libpq ignores a file others can read
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    assert _password_libpq_used(board) == "s3cret-file"


@pytest.mark.parametrize(
    ("url", "says"),
    [
        (f"postgresql+psycopg://officer:{SECRET.replace('@', '%40').replace('/', '%2F').replace('#', '%23')}@127.0.0.1:1/board",
         "127.0.0.1:1 refused the connection"),
        ("postgresql+psycopg://officer:Zq7pass@no-such-host.invalid/board",
         "Host: no-such-host.invalid was not found."),
    ],
)  # fmt: skip
def test_a_failed_connection_is_explained_without_the_password(
    url: str, says: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--db", url]) == 2
    out, err = capsys.readouterr()
    assert says in err
    for secret in (SECRET, "Zq7pass", "Zq7"):
        assert secret not in out + err


def _password_libpq_used(address: ServerAddress) -> str | None:
    desk = open_desk(address.location, ACTOR, read_only=True)
    try:
        with desk.opened.database.engine.connect() as conn:
            info = conn.connection.dbapi_connection.info  # type: ignore[union-attr]
            return str(info.password) if info.password else None
    finally:
        desk.close()


def _tables(address: ServerAddress) -> set[str]:
    from sqlalchemy import create_engine

    engine = create_engine(address.location)
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
            return {r[0] for r in rows}
    finally:
        engine.dispose()
