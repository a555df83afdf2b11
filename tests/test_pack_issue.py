"""Issuing a board pack: both PDFs stored as they went out, the snapshot the next pack compares
with, the meeting moved on, the audit row, and the database refusing any change afterwards."""

from __future__ import annotations

import hashlib
import io
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from pack_fixtures import APR, MAR, SENSITIVE, Board
from pypdf import PdfReader
from sqlalchemy import select, text

from improvement_desk.db.models import AuditEntry, Meeting, PackIssue
from improvement_desk.db.pack_locks import is_issued_error
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import Conflict, NotFound, StorageError, ValidationError
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.reports.pages import BuildCancelled
from improvement_desk.services.checks import run_checks
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.dump import dump_board


@pytest.fixture
def board(desk: Desk, tmp_path: Path) -> Board:
    return Board(desk, tmp_path)


def _pages(data: bytes) -> int:
    return len(PdfReader(io.BytesIO(data)).pages)


def test_issue_stores_both_packs_byte_for_byte(board: Board) -> None:
    board.paper(board.mar, 4, "Workforce report", Marking.OFFICIAL)
    board.mark_item(board.mar, 3, exempt=True, exempt_paragraph=3, title="Agency contract")
    issued = board.desk.pack.issue(board.mar.id)
    full = board.desk.pack.issued_pdf(issued.id, public=False)
    public = board.desk.pack.issued_pdf(issued.id, public=True)
    assert hashlib.sha256(full).hexdigest() == issued.full_sha256
    assert hashlib.sha256(public).hexdigest() == issued.public_sha256
    assert _pages(full) == issued.full_pages
    assert _pages(public) == issued.public_pages
    assert "Agency contract" in "".join(p.extract_text() for p in PdfReader(io.BytesIO(full)).pages)
    assert "Agency contract" not in "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(public)).pages
    )
    assert (issued.meeting_id, issued.meeting_date, issued.issued_by) == (
        board.mar.id,
        MAR,
        "Test Officer",
    )
    assert board.desk.pack.issued(board.mar.id) == [issued]
    assert board.desk.pack.issued(board.apr.id) == []


def test_issue_is_audited_and_moves_a_planned_meeting_to_papers_issued(board: Board) -> None:
    with board.desk.ctx.db.transaction() as session:
        session.get_one(Meeting, board.apr.id).status = MeetingStatus.PLANNED
    issued = board.desk.pack.issue(board.apr.id)
    assert board.desk.meeting_reader.meeting(board.apr.id).summary.status is (
        MeetingStatus.PAPERS_ISSUED
    )
    with board.desk.ctx.db.reading() as session:
        rows = session.scalars(select(AuditEntry).where(AuditEntry.entity == "pack_issue")).all()
        moved = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "meeting", AuditEntry.field == "status")
        ).all()
    assert {r.field: r.new_value for r in rows}["full_sha256"] == issued.full_sha256
    assert all(r.entity_id == issued.id and r.operation == "create" for r in rows)
    assert [(m.old_value, m.new_value) for m in moved] == [("planned", "papers_issued")]


def test_a_held_meeting_keeps_its_status(board: Board) -> None:
    board.desk.pack.issue(board.mar.id)
    assert board.desk.meeting_reader.meeting(board.mar.id).summary.status is MeetingStatus.HELD


def test_a_sensitive_meeting_is_issued_without_a_public_pack(board: Board) -> None:
    board.mark_meeting(board.mar)
    issued = board.desk.pack.issue(board.mar.id)
    assert (issued.public_pages, issued.public_sha256, issued.has_public) == (None, None, False)
    with pytest.raises(NotFound):
        board.desk.pack.issued_pdf(issued.id, public=True)
    assert SENSITIVE.value in board.desk.meeting_reader.meeting(board.mar.id).summary.marking.value


def test_the_next_pack_says_what_changed_since_the_last_issued_one(board: Board) -> None:
    kept = board.action(board.jan, date(2014, 5, 1))
    redated = board.action(board.jan, date(2014, 5, 2))
    assert board.desk.pack_content.gather(board.apr.id, public=False).changes.first
    board.desk.pack.issue(board.mar.id)
    new = board.action(board.feb, date(2014, 6, 1))
    with board.desk.ctx.db.transaction() as session:
        session.execute(
            text("UPDATE log_action SET current_due = '2014-07-01' WHERE reference = :r"),
            {"r": redated},
        )
    changes = board.desk.pack_content.gather(board.apr.id, public=False).changes
    assert changes.since == MAR
    assert changes.new_log_actions == (new,)
    assert [(r.reference, r.before, r.after) for r in changes.redated_log_actions] == [
        (redated, date(2014, 5, 2), date(2014, 7, 1))
    ]
    assert kept not in changes.new_log_actions
    # The meeting's own earlier issue is not "the last board": March compares with nothing.
    assert board.desk.pack_content.gather(board.mar.id, public=False).changes.first


def test_the_public_pack_names_no_withheld_action_among_the_changes(board: Board) -> None:
    board.desk.pack.issue(board.jan.id)
    board.mark_item(board.feb, 4, exempt=True, exempt_paragraph=1)
    hidden = board.action(board.feb, date(2014, 5, 1), item=4)
    shown = board.action(board.feb, date(2014, 5, 2), item=3)
    full = board.desk.pack_content.gather(board.mar.id, public=False).changes
    public = board.desk.pack_content.gather(board.mar.id, public=True).changes
    assert set(full.new_log_actions) == {hidden, shown}
    assert public.new_log_actions == (shown,)


def test_plan_changes_reach_the_next_pack(desk: Desk, tmp_path: Path) -> None:
    from improvement_desk.services.demo import load_demo

    load_demo(desk.ctx)
    meetings = desk.meeting_reader.meetings()
    desk.pack.issue(meetings[-2].id)
    action = next(a for a in desk.plan.snapshot().actions if a.status is Brag.GREEN)
    with desk.ctx.db.transaction() as session:
        session.execute(
            text("UPDATE plan_action SET status = 'red' WHERE id = :i"), {"i": action.id}
        )
    changes = desk.pack_content.gather(meetings[-1].id, public=False).changes
    assert [(r.reference, r.before, r.after) for r in changes.rerated_actions] == [
        (action.reference, "Green", "Red")
    ]


def test_a_cancelled_issue_stores_nothing(board: Board) -> None:
    with pytest.raises(BuildCancelled):
        board.desk.pack.issue(board.mar.id, cancelled=lambda: True)
    assert board.desk.pack.issued() == []


def test_progress_counts_the_pages_of_both_packs(board: Board) -> None:
    seen: list[int] = []
    issued = board.desk.pack.issue(board.mar.id, progress=seen.append)
    assert seen == sorted(seen)
    assert seen[-1] == issued.full_pages + (issued.public_pages or 0)


def test_a_read_only_board_cannot_issue(board: Board, board_location: str | Path) -> None:
    reader = open_desk(board_location, board.desk.ctx.actor, read_only=True)
    try:
        with pytest.raises(StorageError, match="read-only"):
            reader.pack.issue(board.mar.id)
    finally:
        reader.close()


def test_an_unknown_meeting_or_issue_is_not_found(board: Board) -> None:
    with pytest.raises(NotFound):
        board.desk.pack.issue(9999)
    with pytest.raises(NotFound):
        board.desk.pack.issued_pdf(9999, public=False)


def test_save_issued_writes_the_same_bytes_and_refuses_a_folder(
    board: Board, tmp_path: Path
) -> None:
    issued = board.desk.pack.issue(board.mar.id)
    target = tmp_path / "pack.pdf"
    target.write_bytes(b"the previous pack")
    board.desk.pack.save_issued(issued.id, target, public=True)
    assert target.read_bytes() == board.desk.pack.issued_pdf(issued.id, public=True)
    with pytest.raises(StorageError, match="is a folder"):
        board.desk.pack.save_issued(issued.id, tmp_path, public=False)
    with pytest.raises(StorageError, match="does not exist"):
        board.desk.pack.save_issued(issued.id, tmp_path / "no" / "x.pdf", public=False)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_meeting_whose_pack_was_issued_cannot_be_deleted(board: Board) -> None:
    board.desk.pack.issue(board.apr.id)
    version = board.desk.meeting_reader.meeting(board.apr.id).summary.version
    with pytest.raises(ValidationError, match="board pack was issued"):
        board.desk.meetings.delete(board.apr.id, expected_version=version)


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_the_database_refuses_to_change_or_remove_an_issued_pack(
    board: Board, board_path: Path
) -> None:
    issued = board.desk.pack.issue(board.mar.id)
    conn = sqlite3.connect(board_path)
    try:
        for sql in (
            f"UPDATE pack_issue SET issued_by = 'Someone else' WHERE id = {issued.id}",
            f"UPDATE pack_issue SET full_pdf = x'00' WHERE id = {issued.id}",
            f"DELETE FROM pack_issue WHERE id = {issued.id}",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="issued board pack"):
                conn.execute(sql)
    finally:
        conn.close()
    with pytest.raises(Conflict) as refused, board.desk.ctx.db.transaction() as session:
        session.get_one(PackIssue, issued.id).issued_by = "Someone else"
    assert refused.value.__cause__ is not None
    assert is_issued_error(refused.value.__cause__)


@pytest.mark.sqlite_only  # tampers with the file through sqlite3
def test_check_finds_a_damaged_pack_and_a_missing_lock(board: Board, board_path: Path) -> None:
    issued = board.desk.pack.issue(board.mar.id)
    report = run_checks(board.desk.ctx)
    assert "Issued packs" in report.passed
    assert "Issued pack locks" in report.passed
    conn = sqlite3.connect(board_path)
    try:
        conn.execute("DROP TRIGGER lock_pack_issue_update")
        conn.execute(f"UPDATE pack_issue SET full_pdf = x'255044462d' WHERE id = {issued.id}")
        conn.commit()
    finally:
        conn.close()
    report = run_checks(board.desk.ctx)
    assert any("lock_pack_issue_update is missing" in p for p in report.problems)
    assert any(f"issued pack {issued.id}: the full PDF" in p for p in report.problems)
    with pytest.raises(StorageError, match="does not match its fingerprint"):
        board.desk.pack.issued_pdf(issued.id, public=False)


def test_dump_names_issued_packs_by_fingerprint_with_their_snapshot(board: Board) -> None:
    issued = board.desk.pack.issue(board.mar.id)
    dumped = dump_board(board.desk.ctx, include_audit=False)
    [entry] = dumped["issued_packs"]
    assert entry["full_sha256"] == issued.full_sha256
    assert entry["snapshot"]["meeting"]["date"] == MAR.isoformat()
    assert "full_pdf" not in entry
    assert dumped["pack_template"]["logo"] == "No logo"
    assert APR  # the April meeting stays unissued
