"""`improvement-desk minutes` and MinutesPdfService on a real board made through the services."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path

import pytest
from pypdf import PdfReader

from improvement_desk import cli
from improvement_desk.domain.action_log import LogActionDraft
from improvement_desk.domain.errors import NotFound, StorageError
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import (
    AgendaItemDraft,
    AttendanceStatus,
    MeetingDraft,
    MeetingStatus,
    MemberKind,
    StandingItem,
)
from improvement_desk.reports.pages import BuildCancelled
from improvement_desk.services.desk import Desk

NAMES = ("Siân Ŵyn", "Łukasz Nowak", "Thu Trang Nguyễn")
HOSTILE_MINUTE = "R&D <b>unclosed\nSecond line & more"


@dataclass(frozen=True)
class Board:
    first: int  # 12 Feb 2014, approved at the second
    second: int  # 12 Mar 2014, a draft
    exempt_minute: str


def make_board(desk: Desk) -> Board:
    chair = desk.members.add_person(
        NAMES[0], "Independent Chair", "Independent", MemberKind.VOTING, "Independent Chair"
    )
    lead = desk.members.add_person(
        NAMES[1], "Lead Member", "Northshire County Council", MemberKind.VOTING, "Lead Member"
    )
    adviser = desk.members.add_person(
        NAMES[2], "Adviser", "Department for Education", MemberKind.ADVISER, "DfE Adviser"
    )
    police = desk.members.add_person(
        "Alan Hughes", "Superintendent", "Northshire Police", MemberKind.VOTING, "Police"
    )
    officer = desk.members.add_person(
        "Ruth Kettering", "Board Secretary", "Northshire County Council", MemberKind.OFFICER
    )
    first = desk.meetings.create(
        MeetingDraft(date(2014, 2, 12), time(10, 0), "Committee Room 2, County Hall")
    )
    second = desk.meetings.create(
        MeetingDraft(date(2014, 3, 12), time(14, 30), "Committee Room 2, County Hall")
    )
    for meeting in (first, second):
        for member in (chair, lead, adviser, officer):
            desk.attendance.record(meeting.id, member.person_id, AttendanceStatus.PRESENT)
        desk.attendance.record(
            meeting.id, police.person_id, AttendanceStatus.APOLOGIES, substitute="DCI Rebecca Shaw"
        )
    items = {i.standing: i for i in first.items}
    desk.minutes.write_minute(items[StandingItem.WELCOME].id, HOSTILE_MINUTE, expected_version=None)
    desk.action_log.add(
        first.id,
        items[StandingItem.ACTION_LOG].id,
        LogActionDraft(
            "Circulate the revised terms of reference.", officer.person_id, date(2014, 3, 1)
        ),
    )
    exempt = desk.agenda.add_item(
        first.id,
        AgendaItemDraft("Senior staffing matter", exempt=True, exempt_paragraph=1),
    )
    exempt_minute = "Confidential staffing case discussed (Zanzibar)."
    desk.minutes.write_minute(exempt.id, exempt_minute, expected_version=None)
    desk.minutes.declare(first.id, lead.person_id, exempt.id, "Knows the officer concerned.")
    desk.minutes.add_decision(items[StandingItem.PLAN_PROGRESS].id, "That the report be noted.")
    second_items = {i.standing: i for i in desk.meeting_reader.meeting(second.id).items}
    for meeting_id, status in (
        (first.id, MeetingStatus.MINUTES_DRAFTED),
        (second.id, MeetingStatus.HELD),
    ):
        version = desk.meeting_reader.meeting(meeting_id).summary.version
        desk.meetings.set_status(meeting_id, status, expected_version=version)
    desk.minutes.approve(
        first.id,
        at_item_id=second_items[StandingItem.PREVIOUS_MINUTES].id,
        expected_version=desk.meeting_reader.meeting(first.id).summary.version,
    )
    desk.minutes.amend(
        first.id, "Spelling of a name corrected in minute 1.1.", amended_on=date(2014, 3, 20)
    )
    return Board(first.id, second.id, exempt_minute)


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for the PDFs alone (the board file sits in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


def text_of(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


# -- the service ----------------------------------------------------------------------------


def test_service_writes_the_minutes_of_a_real_meeting(desk: Desk, out: Path) -> None:
    board = make_board(desk)
    target = out / "minutes.pdf"
    report = desk.minutes_pdf.write(board.first, target)
    assert report.path == target
    assert report.pages == len(PdfReader(target).pages) >= 1
    assert report.missing_characters == ""
    text = text_of(target)
    for name in NAMES:
        assert name in text
    assert "Alan Hughes (substitute: DCI Rebecca Shaw)" in text
    assert "R&D <b>unclosed Second line & more" in text
    assert "RESOLVED: That the report be noted." in text
    assert "Exempt — Schedule 12A paragraph 1" in text
    assert board.exempt_minute in text
    assert "Approved as a correct record at the meeting on 12 March 2014." in text
    assert "Amendment recorded 20 Mar 2014: Spelling of a name corrected" in text
    assert "Circulate the revised terms of reference." in text
    assert "DRAFT" not in text
    assert PdfReader(target).metadata.author == "Test Improvement Board"
    assert [p.name for p in out.iterdir()] == ["minutes.pdf"]  # no temp file left


def test_service_public_version_withholds_the_exempt_item(desk: Desk, out: Path) -> None:
    board = make_board(desk)
    report = desk.minutes_pdf.write(board.first, out / "public.pdf", public=True)
    text = text_of(report.path)
    assert board.exempt_minute not in text
    assert "Senior staffing matter" not in text
    assert "exempt from publication under paragraph 1 of Schedule 12A" in text


def test_draft_minutes_say_draft(desk: Desk, out: Path) -> None:
    board = make_board(desk)
    text = text_of(desk.minutes_pdf.write(board.second, out / "draft.pdf").path)
    assert "DRAFT" in text
    assert "RESOLVED: that the minutes of the meeting held on 12 February 2014" in text


def test_a_failed_write_keeps_the_previous_file(desk: Desk, out: Path) -> None:
    board = make_board(desk)
    target = out / "minutes.pdf"
    target.write_bytes(b"the previous minutes")
    with pytest.raises(BuildCancelled):
        desk.minutes_pdf.write(board.first, target, cancelled=lambda: True)
    assert target.read_bytes() == b"the previous minutes"
    assert sorted(p.name for p in out.iterdir()) == ["minutes.pdf"]


def test_unwritable_targets_are_storage_errors_naming_the_path(desk: Desk, out: Path) -> None:
    board = make_board(desk)
    missing = out / "no such folder" / "minutes.pdf"
    with pytest.raises(StorageError, match="no such folder"):
        desk.minutes_pdf.write(board.first, missing)
    with pytest.raises(StorageError, match="is a folder"):
        desk.minutes_pdf.write(board.first, out)
    if os.name == "posix" and os.geteuid() != 0:
        locked = out / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        with pytest.raises(StorageError, match="permission denied"):
            desk.minutes_pdf.write(board.first, locked / "minutes.pdf")


def test_a_write_error_is_a_storage_error(
    desk: Desk, out: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    board = make_board(desk)
    target = out / "minutes.pdf"

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(StorageError, match="disk is full") as caught:
        desk.minutes_pdf.write(board.first, target)
    assert str(target) in str(caught.value)
    assert list(out.iterdir()) == []


def test_a_missing_meeting_is_not_found(desk: Desk, out: Path) -> None:
    with pytest.raises(NotFound):
        desk.minutes_pdf.write(999, out / "x.pdf")


def test_sensitive_item_raises_the_marking(desk: Desk, out: Path) -> None:
    meeting = desk.meetings.create(MeetingDraft(date(2014, 3, 12), None, ""))
    desk.agenda.add_item(
        meeting.id, AgendaItemDraft("Case review", marking=Marking.OFFICIAL_SENSITIVE)
    )
    reader = PdfReader(desk.minutes_pdf.write(meeting.id, out / "m.pdf").path)
    assert reader.metadata.subject.startswith("OFFICIAL-SENSITIVE")
    for page in reader.pages:
        assert page.extract_text().count("OFFICIAL-SENSITIVE") >= 2


# -- the command ----------------------------------------------------------------------------


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_minutes_by_id_and_latest(
    desk: Desk, board_location: str | Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    board = make_board(desk)
    desk.close()
    out_file = tmp_path / "first.pdf"
    code, out, err = run(
        [
            "minutes",
            "--db",
            str(board_location),
            "--meeting",
            str(board.first),
            "-o",
            str(out_file),
        ],
        capsys,
    )
    assert code == 0, err
    assert f"Wrote the minutes of meeting {board.first}" in out
    assert "Approved as a correct record" in text_of(out_file)

    latest = tmp_path / "latest.pdf"
    code, out, err = run(
        ["minutes", "--db", str(board_location), "--meeting", "latest", "-o", str(latest)], capsys
    )
    assert code == 0, err
    assert f"meeting {board.second}" in out
    assert "12 March 2014" in text_of(latest)

    public = tmp_path / "public.pdf"
    code, _, err = run(
        [
            "minutes",
            "--db",
            str(board_location),
            "--meeting",
            str(board.first),
            "-o",
            str(public),
            "--public",
        ],
        capsys,
    )
    assert code == 0, err
    assert board.exempt_minute not in text_of(public)


def test_cli_refuses_bad_meetings_plainly(
    desk: Desk, board_location: str | Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    desk.close()
    target = str(tmp_path / "m.pdf")
    code, _, err = run(
        ["minutes", "--db", str(board_location), "--meeting", "latest", "-o", target], capsys
    )
    assert code == 2
    assert "no meetings" in err
    code, _, err = run(
        ["minutes", "--db", str(board_location), "--meeting", "first", "-o", target], capsys
    )
    assert code == 2
    assert "'first' is neither a meeting number nor 'latest'" in err
    code, _, err = run(
        ["minutes", "--db", str(board_location), "--meeting", "42", "-o", target], capsys
    )
    assert code == 2
    assert "42" in err
    assert not Path(target).exists()
