"""Papers held in the board (tiny ReportLab PDFs), and meetings in `dump` and `check`."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from meeting_fixtures import (
    JANUARY,
    approved_board,
    audit_rows,
    draft,
    item_draft,
    make_pdf,
)
from sqlalchemy import update

from improvement_desk.db.minute_locks import trigger_names
from improvement_desk.db.models import LogAction
from improvement_desk.domain.errors import Conflict, NotFound, StorageError, ValidationError
from improvement_desk.domain.marking import Marking
from improvement_desk.services import papers as papers_module
from improvement_desk.services.checks import run_checks
from improvement_desk.services.desk import Desk
from improvement_desk.services.dump import dump_board


def written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.fixture
def item_id(desk: Desk) -> int:
    meeting = desk.meetings.create(draft(JANUARY))
    return desk.agenda.add_item(meeting.id, item_draft()).id


def test_attach_copies_the_pdf_into_the_board(desk: Desk, item_id: int, tmp_path: Path) -> None:
    source = make_pdf(tmp_path / "Workforce strategy.pdf", pages=3)
    paper = desk.papers.attach(item_id, source, marking=Marking.OFFICIAL_SENSITIVE)
    data = source.read_bytes()
    assert (paper.title, paper.file_name, paper.page_count, paper.size) == (
        "Workforce strategy",
        "Workforce strategy.pdf",
        3,
        len(data),
    )
    assert paper.sha256 == hashlib.sha256(data).hexdigest()
    assert paper.marking is Marking.OFFICIAL_SENSITIVE
    source.unlink()  # the board no longer needs the file
    assert desk.papers.content(paper.id) == data
    copy = desk.papers.save_copy(paper.id, tmp_path / "copy.pdf")
    assert copy.read_bytes() == data
    assert not list(tmp_path.glob(".paper-*"))
    created = {(r.field, r.new_value) for r in audit_rows(desk, "paper")}
    assert ("page_count", "3") in created
    assert ("title", "Workforce strategy") in created
    shown = desk.meeting_reader.meeting(1).items[7].papers
    assert shown == (paper,)


def test_title_given_and_papers_in_order(desk: Desk, item_id: int, tmp_path: Path) -> None:
    first = desk.papers.attach(item_id, make_pdf(tmp_path / "a.pdf"), title=" Report ")
    second = desk.papers.attach(item_id, make_pdf(tmp_path / "b.pdf"), title="Appendix")
    assert (first.title, first.position, second.position) == ("Report", 0, 1)
    moved = desk.papers.move(second.id, 0)
    assert [p.title for p in moved] == ["Appendix", "Report"]
    assert [p.position for p in moved] == [0, 1]
    with pytest.raises(ValidationError) as refused:
        desk.papers.move(second.id, 2)
    assert refused.value.fields() == {"Position"}


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: p, "was not found"),
        (lambda p: written(p, b""), "is not a PDF"),
        (lambda p: written(p, b"<html>not a paper</html>"), "is not a PDF"),
        (lambda p: written(p, b"%PDF-1.4\n%garbage\n"), "damaged"),
        (lambda p: make_pdf(p, password="secret"), "password"),
        (lambda p: p.mkdir() or p, "folder"),
    ],
    ids=["missing", "empty", "html", "damaged", "encrypted", "folder"],
)
def test_attach_refuses_what_is_not_a_readable_pdf(
    desk: Desk, item_id: int, tmp_path: Path, make: object, why: str
) -> None:
    path = make(tmp_path / "paper.pdf")  # type: ignore[operator]
    with pytest.raises(ValidationError) as refused:
        desk.papers.attach(item_id, path)
    assert refused.value.fields() == {"File"}
    assert "paper.pdf" in str(refused.value)
    assert why in str(refused.value)
    assert audit_rows(desk, "paper") == []


def test_attach_refuses_a_file_over_50_mb(
    desk: Desk, item_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(papers_module, "MAX_PAPER_BYTES", 100)
    with pytest.raises(ValidationError, match="at most 50 MB"):
        desk.papers.attach(item_id, make_pdf(tmp_path / "big.pdf"))


def test_attach_bad_title_and_missing_item(desk: Desk, item_id: int, tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "a.pdf")
    with pytest.raises(ValidationError) as refused:
        desk.papers.attach(item_id, pdf, title="two\nlines")
    assert refused.value.fields() == {"Title"}
    with pytest.raises(NotFound):
        desk.papers.attach(999, pdf)
    with pytest.raises(NotFound):
        desk.papers.content(999)


def test_remove_and_restore_a_paper(desk: Desk, item_id: int, tmp_path: Path) -> None:
    first = desk.papers.attach(item_id, make_pdf(tmp_path / "a.pdf"))
    second = desk.papers.attach(item_id, make_pdf(tmp_path / "b.pdf", pages=2))
    values = desk.papers.remove(first.id)
    assert values["id"] == first.id
    assert isinstance(values["content"], bytes)
    assert desk.meeting_reader.meeting(1).items[7].papers[0].id == second.id
    restored = desk.papers.restore(values)
    assert restored == first
    assert [p.id for p in desk.meeting_reader.meeting(1).items[7].papers] == [first.id, second.id]
    assert [r.operation for r in audit_rows(desk, "paper")][-2:] == ["restore"] * 2
    with pytest.raises(ValidationError, match="already attached"):
        desk.papers.restore(values)
    with pytest.raises(ValidationError):
        desk.papers.restore({**values, "content": b"%PDF-tampered"})


def test_save_copy_into_a_missing_folder_is_a_storage_error(
    desk: Desk, item_id: int, tmp_path: Path
) -> None:
    paper = desk.papers.attach(item_id, make_pdf(tmp_path / "a.pdf"))
    with pytest.raises(StorageError, match="Could not save"):
        desk.papers.save_copy(paper.id, tmp_path / "nowhere" / "a.pdf")


def test_papers_of_approved_minutes_are_locked(desk: Desk, tmp_path: Path) -> None:
    board = approved_board(desk, tmp_path)
    label = board.january.summary.label
    changes: list[Callable[[], object]] = [
        lambda: desk.papers.attach(board.item_id, make_pdf(tmp_path / "late.pdf")),
        lambda: desk.papers.remove(board.paper_id),
        lambda: desk.papers.move(board.paper_id, 0),
    ]
    for change in changes:
        with pytest.raises(Conflict, match=f"minutes of {label} are approved"):
            change()
    assert desk.papers.content(board.paper_id).startswith(b"%PDF-")


# -- dump and check ---------------------------------------------------------------------------


def test_dump_holds_meetings_and_the_action_log(desk: Desk, tmp_path: Path) -> None:
    board = approved_board(desk, tmp_path)
    data = dump_board(desk.ctx, include_audit=False)
    json.dumps(data)  # plain JSON: times and dates as ISO text
    assert [m["person"] for m in data["board_members"]][:2] == ["Ann Chair", "Bob Lead"]
    assert data["meeting_settings"]["quorum"] == 3
    january, february = data["meetings"]
    assert january["status"] == "minutes_approved"
    assert january["approved_at_meeting_id"] == february["id"]
    assert january["start_time"] == "10:00:00"
    own = next(i for i in january["items"] if i["id"] == board.item_id)
    assert own["minute"] == "The board discussed the strategy."
    assert (own["exempt"], own["public_title"]) == (False, "")
    assert own["decisions"][0]["text"] == "RESOLVED: that the strategy be agreed."
    paper = own["papers"][0]
    assert "content" not in paper
    assert len(paper["sha256"]) == 64
    assert {a["person"] for a in january["attendance"]} == {"Ann Chair", "Bob Lead"}
    assert january["declarations"][0]["nature"] == "Trustee"
    desk.minutes.amend(january["id"], "A correction", agreed_at_meeting_id=february["id"])
    data = dump_board(desk.ctx, include_audit=False)
    assert data["meetings"][0]["amendments"][0]["text"] == "A correction"
    (action,) = data["log_actions"]
    assert (action["reference"], action["owner"]) == ("A1", "Ann Chair")
    assert action["due_revisions"] == []
    assert action["updates"] == []


def test_check_passes_a_sound_board_with_meetings(desk: Desk, tmp_path: Path) -> None:
    approved_board(desk, tmp_path)
    report = run_checks(desk.ctx)
    assert report.ok, report.problems
    for name in ("Minute locks", "Meeting rules", "Papers", "Action log rules"):
        assert name in report.passed


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_check_finds_a_paper_that_changed(desk: Desk, tmp_path: Path, board_path: Path) -> None:
    meeting = desk.meetings.create(draft(JANUARY))
    item = desk.agenda.add_item(meeting.id, item_draft())
    paper = desk.papers.attach(item.id, make_pdf(tmp_path / "a.pdf"))
    conn = sqlite3.connect(board_path)
    conn.execute("UPDATE paper SET content = ? WHERE id = ?", (b"%PDF-changed", paper.id))
    conn.commit()
    conn.close()
    report = run_checks(desk.ctx)
    assert any("does not match its SHA-256" in p for p in report.problems)


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_check_finds_a_dropped_lock(desk: Desk, board_path: Path) -> None:
    conn = sqlite3.connect(board_path)
    conn.execute("DROP TRIGGER lock_decision_update")
    conn.commit()
    conn.close()
    assert "lock_decision_update" in trigger_names("sqlite")
    report = run_checks(desk.ctx)
    assert report.problems == [
        "Minute locks: trigger lock_decision_update is missing, so approved minutes are not "
        "protected"
    ]


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_check_finds_approval_without_its_resolution_and_broken_due_dates(
    desk: Desk, tmp_path: Path, board_path: Path
) -> None:
    board = approved_board(desk, tmp_path)
    conn = sqlite3.connect(board_path)
    conn.execute("DROP TRIGGER lock_decision_delete")
    conn.execute(
        "DELETE FROM decision WHERE text LIKE 'RESOLVED: that the minutes of the meeting%'"
    )
    conn.commit()
    conn.close()
    with desk.ctx.db.transaction() as session:
        session.execute(
            update(LogAction).where(LogAction.id == board.action_id).values(current_due=JANUARY)
        )
    problems = run_checks(desk.ctx).problems
    assert any("do not record the resolution" in p for p in problems)
    assert any("action A1: current due date" in p for p in problems)
