"""`improvement-desk pack` on the demo board: full and public packs, next/latest, bad input."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import ACTOR
from pypdf import PdfReader

from improvement_desk import cli
from improvement_desk.cli.document_commands import _meeting_id
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.meeting import MeetingDraft
from improvement_desk.launcher import CLI_COMMANDS
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import open_desk

# What the demo board allows the public pack to print for its exempt item (11 Sep 2013, item 10).
PUBLIC_TITLE = "Agency social work contract: revised specification"


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-pack") / "demo.db"
    create_demo_board(path, ACTOR)
    return path


Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def invoke(*args: str) -> tuple[int, str, str]:
        code = cli.main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    return invoke


def meeting_id(board: Path, when: date) -> int:
    desk = open_desk(board, ACTOR, read_only=True)
    try:
        return next(s.id for s in desk.meeting_reader.meetings() if s.meeting_date == when)
    finally:
        desk.close()


def test_pack_is_a_cli_command() -> None:
    assert "pack" in CLI_COMMANDS


def test_full_pack_of_a_meeting(board: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "pack.pdf"
    ident = meeting_id(board, date(2013, 12, 4))
    code, out, err = run("pack", "--db", str(board), "--meeting", str(ident), "-o", str(target))
    assert (code, err) == (0, "")
    pages = len(PdfReader(target).pages)
    assert out == (
        f"Wrote the board pack for Improvement Board, 4 December 2013 ({pages} pages) to {target}\n"
    )
    assert "Withheld" not in out


def test_public_pack_lists_what_was_withheld(board: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "public.pdf"
    ident = meeting_id(board, date(2013, 9, 11))
    code, out, _ = run(
        "pack", "--db", str(board), "--meeting", str(ident), "-o", str(target), "--public"
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Wrote the board pack for Improvement Board, 11 September 2013")
    assert lines[1].startswith(f"Withheld: Item 10: {PUBLIC_TITLE} (exempt): ")
    metadata = PdfReader(target).metadata
    assert metadata is not None
    assert "(public)" in str(metadata.title)


def test_latest_is_the_last_meeting_on_or_before_the_boards_today(
    board: Path, tmp_path: Path, run: Run
) -> None:
    target = tmp_path / "latest.pdf"
    code, out, _ = run("pack", "--db", str(board), "--meeting", "latest", "-o", str(target))
    assert code == 0
    assert "5 March 2014" in out  # the demo board is seen "as at" 31 March 2014


def test_next_is_the_first_meeting_on_or_after_today(board: Path) -> None:
    desk = open_desk(board, ACTOR, read_only=True)
    try:
        for today, expected in [
            (date(2014, 3, 5), date(2014, 3, 5)),
            (date(2014, 3, 6), date(2014, 4, 16)),
            (date(2013, 1, 1), date(2013, 3, 27)),
        ]:
            desk.ctx.as_at = today
            found = _meeting_id(desk, " Next ", allow_next=True)
            assert found is not None
            assert desk.meeting_reader.meeting(found).summary.meeting_date == expected
        desk.ctx.as_at = date(2030, 1, 1)
        assert _meeting_id(desk, "next", allow_next=True) is None
        with pytest.raises(ValidationError, match="'latest'"):
            _meeting_id(desk, "next")  # `minutes` has no "next"
    finally:
        desk.close()


def test_next_on_the_demo_board(board: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "next.pdf"
    code, out, err = run("pack", "--db", str(board), "--meeting", "next", "-o", str(target))
    assert (code, err) == (0, "")
    assert "16 April 2014" in out  # the demo board is seen "as at" 31 March 2014


@pytest.mark.parametrize(
    ("meeting", "message"),
    [("soon", "neither a meeting number nor 'next' nor 'latest'"), ("999", "")],
)
def test_bad_meetings_are_refused(
    board: Path, tmp_path: Path, run: Run, meeting: str, message: str
) -> None:
    target = tmp_path / "x.pdf"
    code, out, err = run("pack", "--db", str(board), "--meeting", meeting, "-o", str(target))
    assert (code, out) == (2, "")
    assert err.startswith("improvement-desk: ")
    assert message in err
    assert not target.exists()


def test_a_missing_folder_is_named(board: Path, tmp_path: Path, run: Run) -> None:
    target = tmp_path / "gone" / "x.pdf"
    code, _, err = run("pack", "--db", str(board), "--meeting", "latest", "-o", str(target))
    assert code == 2
    assert str(target.parent) in err


def test_public_pack_names_a_sensitive_item_withheld(board: Path, tmp_path: Path, run: Run) -> None:
    ident = meeting_id(board, date(2013, 12, 4))
    target = tmp_path / "p.pdf"
    code, out, _ = run(
        "pack", "--db", str(board), "--meeting", str(ident), "-o", str(target), "--public"
    )
    assert code == 0
    assert "Withheld: Item 10: OFFICIAL-SENSITIVE item" in out


def test_a_board_without_meetings_is_refused(tmp_path: Path, run: Run) -> None:
    open_desk(tmp_path / "empty.db", ACTOR, create=True).close()
    target = tmp_path / "x.pdf"
    code, out, err = run(
        "pack", "--db", str(tmp_path / "empty.db"), "--meeting", "next", "-o", str(target)
    )
    assert (code, out) == (2, "")
    assert "no such meeting" in err
    assert not target.exists()


def test_issue_stores_the_pack_and_writes_the_chosen_version(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "board.db"
    create_demo_board(path, ACTOR)
    ident = meeting_id(path, date(2013, 9, 11))
    target = tmp_path / "public.pdf"
    args = ("pack", "--db", str(path), "--meeting", str(ident), "-o", str(target), "--public")
    code, out, err = run(*args, "--issue")
    assert (code, err) == (0, "")
    desk = open_desk(path, ACTOR, read_only=True)
    try:
        [issued] = desk.pack.issued(ident)
        assert target.read_bytes() == desk.pack.issued_pdf(issued.id, public=True)
    finally:
        desk.close()
    lines = out.splitlines()
    assert lines[0] == (
        "Issued the board pack for Improvement Board, 11 September 2013 "
        f"(full {issued.full_pages} pages, public {issued.public_pages} pages)."
    )
    assert lines[1] == f"Fingerprint (SHA-256) of the full pack: {issued.full_sha256}"
    assert lines[2] == f"Wrote the public pack to {target}"
    assert lines[3].startswith("Withheld: Item 10")


def test_issue_of_a_sensitive_meetings_public_pack_is_refused_before_storing(
    tmp_path: Path, run: Run
) -> None:
    path = tmp_path / "board.db"
    create_demo_board(path, ACTOR)
    ident = meeting_id(path, date(2014, 4, 16))  # planned, so its marking can still change
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(f"UPDATE meeting SET marking = 'OFFICIAL-SENSITIVE' WHERE id = {ident}")
    conn.close()
    target = tmp_path / "public.pdf"
    args = ("pack", "--db", str(path), "--meeting", str(ident), "-o", str(target))
    code, _, err = run(*args, "--public", "--issue")
    assert code == 2
    assert "--public" in err
    assert "OFFICIAL-SENSITIVE" in err
    assert not target.exists()
    desk = open_desk(path, ACTOR, read_only=True)
    try:
        assert desk.pack.issued() == []
    finally:
        desk.close()


def test_characters_the_font_lacks_are_named(tmp_path: Path, run: Run) -> None:
    path = tmp_path / "board.db"
    create_demo_board(path, ACTOR)
    ident = meeting_id(path, date(2014, 4, 16))
    desk = open_desk(path, ACTOR)
    try:
        summary = desk.meeting_reader.meeting(ident).summary
        draft = MeetingDraft(summary.meeting_date, summary.start_time, "Hall 👍🏽", summary.title)
        desk.meetings.update(ident, draft, expected_version=summary.version)
    finally:
        desk.close()
    target = tmp_path / "pack.pdf"
    code, _, err = run("pack", "--db", str(path), "--meeting", str(ident), "-o", str(target))
    assert code == 0
    assert err == (
        "Warning: the font cannot print these characters, which show as boxes: '👍' '🏽'\n"
    )
