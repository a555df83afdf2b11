"""Board pack… for a meeting: what the public pack leaves out shown first, Preview and Save as…
built off the UI thread with progress and Cancel, issuing with its question, errors through
the messenger, read-only boards, and the Meetings page's pack commands."""

from __future__ import annotations

import io
import shutil
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR, TODAY, TickingClock
from pypdf import PdfReader
from PySide6.QtCore import QThreadPool
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from improvement_desk.domain.marking import Marking, exempt_reason
from improvement_desk.domain.meeting import MeetingStatus
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.meetings.page_actions import READ_ONLY_TIP
from improvement_desk.ui.pack import template_dialog
from improvement_desk.ui.pack.build_dialog import (
    NOTHING_WITHHELD,
    SENSITIVE_REASON,
    PackDialog,
    issue_question,
)
from improvement_desk.ui.pack.issued_dialog import IssuedPacksDialog

from .conftest import RecordingMessenger
from .meetings_kit import make_page

pytestmark = pytest.mark.gui
SEP, APR = date(2013, 9, 11), date(2014, 4, 16)  # an exempt item 10; planned, nothing exempt
EXEMPT_PAPER = "10. Permanent recruitment through an agency: revised specification"
PUBLIC_TITLE = "Agency social work contract: revised specification"  # the demo allows it
Shown = list[tuple[bytes, str]]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pack-build") / "demo.db"
    create_demo_board(path, ACTOR)
    return path


def open_copy(demo_file: Path, folder: Path, *, read_only: bool = False) -> Desk:
    path = folder / "board.db"
    if not path.exists():
        shutil.copy(demo_file, path)
    return open_desk(
        path, ACTOR, read_only=read_only, take_lock=not read_only, today=lambda: TODAY,
        now=TickingClock(datetime(2014, 3, 31, 9, 0, tzinfo=UTC)),
    )  # fmt: skip


@pytest.fixture
def board(demo_file: Path, tmp_path: Path) -> Iterator[Desk]:
    desk = open_copy(demo_file, tmp_path)
    yield desk
    desk.close()


@pytest.fixture(autouse=True)
def no_threads_left() -> Iterator[None]:
    yield
    assert QThreadPool.globalInstance().waitForDone(60_000), "a build was still running"


def meeting_on(desk: Desk, when: date) -> MeetingSummary:
    return next(m for m in desk.meeting_reader.meetings() if m.meeting_date == when)


def make_dialog(
    qtbot: QtBot, desk: Desk, messenger: RecordingMessenger, meeting: MeetingSummary, shown: Shown
) -> PackDialog:
    dialog = PackDialog(None, desk, messenger, meeting)
    qtbot.addWidget(dialog)
    dialog.show_pdf = lambda data, title: shown.append((data, title))
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def finish(qtbot: QtBot, dialog: PackDialog) -> None:
    task = dialog.task
    assert task is not None
    qtbot.waitUntil(lambda: not task.running, timeout=60_000)


def withheld_shown(dialog: PackDialog) -> list[str]:
    return [
        label.text()
        for label in dialog.ui.withheld_lines.findChildren(QLabel)
        if label.objectName() in ("withheld_what", "withheld_why")
    ]


def outline_titles(data: bytes) -> list[str]:
    found: list[str] = []

    def walk(nodes: list[Any]) -> None:
        for node in nodes:
            walk(node) if isinstance(node, list) else found.append(node.title)  # fmt: skip

    walk(PdfReader(io.BytesIO(data)).outline)
    return found


# -- what the dialog shows ---------------------------------------------------------------------


def test_the_public_packs_omissions_are_shown_before_anything_is_built(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger
) -> None:
    meeting = meeting_on(board, SEP)
    dialog = make_dialog(qtbot, board, messenger, meeting, [])
    ui = dialog.ui
    assert dialog.windowTitle() == "Board pack — Improvement Board, 11 Sep 2013"
    assert ui.full.isChecked()
    assert ui.public.isEnabled()
    assert withheld_shown(dialog) == [f"Item 10: {PUBLIC_TITLE} (exempt)", exempt_reason(3)]
    assert ui.withheld.isVisible()
    assert ui.caption.isVisible()
    assert not ui.no_withheld.isVisible()
    assert ui.history.text() == "No pack has been issued for this meeting yet."
    assert not ui.bar.isVisible()
    assert not ui.cancel.isVisible()
    assert dialog.task is None
    assert board.pack.issued() == []
    for button in dialog.findChildren(QPushButton):
        assert button.accessibleName(), button.text()
        assert button.isEnabled() or button is ui.cancel, button.text()


def test_a_meeting_with_nothing_exempt_says_nothing_is_withheld(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger
) -> None:
    dialog = make_dialog(qtbot, board, messenger, meeting_on(board, APR), [])
    assert dialog.ui.no_withheld.isVisible()
    assert dialog.ui.no_withheld.text() == NOTHING_WITHHELD
    assert not dialog.ui.withheld.isVisible()
    assert withheld_shown(dialog) == []


def test_an_official_sensitive_meeting_has_no_public_pack_and_says_why(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger
) -> None:
    meeting = replace(meeting_on(board, SEP), marking=Marking.OFFICIAL_SENSITIVE)
    messenger.answer_yes = False
    dialog = make_dialog(qtbot, board, messenger, meeting, [])
    assert not dialog.ui.public.isEnabled()
    assert dialog.ui.public.toolTip() == SENSITIVE_REASON
    assert dialog.ui.public_text.text() == SENSITIVE_REASON
    assert not dialog.ui.no_withheld.isVisible()
    assert not dialog.ui.withheld.isVisible()
    assert "full pack" in dialog.ui.issue.toolTip()
    assert "public" not in dialog.ui.issue.toolTip()
    dialog.ui.issue.click()
    assert messenger.messages == [("confirm", "Issue the board pack", issue_question(meeting))]
    assert "there is no public pack" in issue_question(meeting)
    assert dialog.task is None
    assert board.pack.issued() == []


# -- preview and save as -----------------------------------------------------------------------


def test_preview_builds_a_draft_off_the_ui_thread_and_shows_it(
    qtbot: QtBot,
    board: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    threads: list[threading.Thread] = []
    build = board.pack.build
    monkeypatch.setattr(
        board.pack, "build", lambda *a, **k: threads.append(threading.current_thread()) or build(*a, **k)
    )  # fmt: skip
    shown: Shown = []
    meeting = meeting_on(board, SEP)
    dialog = make_dialog(qtbot, board, messenger, meeting, shown)
    dialog.ui.public.click()
    dialog.ui.preview.click()
    ui = dialog.ui
    assert ui.bar.isVisible()
    assert ui.cancel.isVisible()
    for button in (ui.preview, ui.save, ui.issue, ui.template, ui.full, ui.public):
        assert not button.isEnabled(), button.text()
    assert ui.status.text() == "Building the public pack…"
    finish(qtbot, dialog)
    assert threads
    assert threading.main_thread() not in threads
    [(data, title)] = shown
    assert title == "Board pack — Improvement Board, 11 Sep 2013 (public, draft)"
    assert data.startswith(b"%PDF-")
    titles = outline_titles(data)
    assert "Papers" in titles
    assert EXEMPT_PAPER not in titles
    assert list(temp.iterdir()) == []  # the draft's temporary file is gone
    assert board.pack.issued(meeting.id) == []  # a preview stores nothing
    assert not ui.bar.isVisible()
    assert ui.preview.isEnabled()
    assert ui.public.isEnabled()
    assert messenger.messages == []


def test_save_as_builds_the_chosen_file_and_offers_to_open_it(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    shown: Shown = []
    dialog = make_dialog(qtbot, board, messenger, meeting_on(board, SEP), shown)
    asked: list[str] = []
    folder = tmp_path / "packs"
    folder.mkdir()
    dialog.choose_path = lambda suggested: asked.append(suggested) or str(folder / "Sep pack")
    dialog.ui.save.click()
    finish(qtbot, dialog)
    target = folder / "Sep pack.pdf"
    assert Path(asked[0]).name == "Improvement Board pack 2013-09-11.pdf"
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("confirm", "Board pack saved")
    assert str(target) in text
    assert "21 pages" in text
    assert shown == [(target.read_bytes(), "Board pack — Improvement Board, 11 Sep 2013 (full)")]
    assert EXEMPT_PAPER in outline_titles(shown[0][0])  # the full pack keeps the exempt paper
    assert [p.name for p in folder.iterdir()] == ["Sep pack.pdf"]  # no temporary file left
    dialog.choose_path = lambda suggested: ""
    assert dialog.save_as() is None  # the file dialog was cancelled: nothing starts


def test_a_cancelled_save_leaves_the_existing_file_unchanged(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    folder = tmp_path / "packs"
    folder.mkdir()
    target = folder / "pack.pdf"
    target.write_bytes(b"the pack sent last week")
    dialog = make_dialog(qtbot, board, messenger, meeting_on(board, SEP), [])
    dialog.choose_path = lambda suggested: str(target)
    task = dialog.save_as()
    assert task is not None
    task.progressed.connect(lambda n: dialog.ui.cancel.click())  # Cancel once under way
    finish(qtbot, dialog)
    assert task.cancelled
    assert target.read_bytes() == b"the pack sent last week"
    assert [p.name for p in folder.iterdir()] == ["pack.pdf"]  # no temporary file left
    assert dialog.ui.status.text() == f"Cancelled; nothing was written. {target} is unchanged."
    assert messenger.messages == []
    assert dialog.ui.save.isEnabled()
    assert not dialog.ui.cancel.isVisible()


def test_a_file_that_cannot_be_written_is_reported_naming_it(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    target = tmp_path / "no such folder" / "pack.pdf"
    dialog = make_dialog(qtbot, board, messenger, meeting_on(board, APR), [])
    dialog.choose_path = lambda suggested: str(target)
    dialog.save_as()
    finish(qtbot, dialog)
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "The board pack was not saved")
    assert str(target) in text
    assert dialog.ui.status.text() == ""


def test_a_meeting_that_has_gone_is_reported(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger
) -> None:
    gone = replace(meeting_on(board, APR), id=9999)
    shown: Shown = []
    dialog = make_dialog(qtbot, board, messenger, gone, shown)
    assert messenger.messages[0][:2] == ("error", "Could not read the meeting")
    assert not dialog.ui.public.isEnabled()
    dialog.preview()
    finish(qtbot, dialog)
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("error", "The board pack was not built")
    assert "9999 was not found" in text
    assert shown == []


def test_closing_while_building_cancels_and_closes_once_stopped(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger
) -> None:
    shown: Shown = []
    dialog = make_dialog(qtbot, board, messenger, meeting_on(board, SEP), shown)
    dialog.preview()
    dialog.reject()  # Close, Esc or the title bar's ×
    assert dialog.isVisible()
    assert dialog.ui.status.text() == "Cancelling…"
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=60_000)
    assert dialog.task is not None
    assert dialog.task.cancelled
    assert shown == []
    assert messenger.messages == []


# -- read-only boards, issued packs and the template -----------------------------------------


def test_a_read_only_board_previews_but_does_not_issue_or_change_the_template(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, messenger: RecordingMessenger
) -> None:
    reader = open_copy(demo_file, tmp_path, read_only=True)
    try:
        dialog = make_dialog(qtbot, reader, messenger, meeting_on(reader, SEP), [])
        for button in (dialog.ui.issue, dialog.ui.template):
            assert not button.isEnabled()
            assert button.toolTip() == READ_ONLY_TIP
        assert dialog.ui.preview.isEnabled()
        assert dialog.ui.save.isEnabled()
        dialog.ask_issue()
        assert dialog.edit_template() is False
        assert messenger.messages == []
        assert dialog.task is None
        dialog.close()
    finally:
        reader.close()


def test_issued_packs_and_template_open_the_other_dialogs(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[tuple[Any, ...]] = []
    monkeypatch.setattr(template_dialog, "edit_pack_template", lambda *a: asked.append(a) or True)
    meeting = meeting_on(board, SEP)
    dialog = make_dialog(qtbot, board, messenger, meeting, [])
    dialog.ui.template.click()
    assert asked == [(dialog, board, messenger)]
    issued = dialog.show_issued_packs()
    assert isinstance(issued, IssuedPacksDialog)
    assert issued.meeting_id == meeting.id
    assert issued.parent() is dialog
    issued.close()


# -- the Meetings page -------------------------------------------------------------------------


@pytest.mark.qt_log_ignore("does not support raise")  # the offscreen platform, bringing it forward
def test_the_meetings_page_offers_the_pack_commands(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = make_page(qtbot, board, messenger, QUndoStack())
    acts = page.acts
    menu = page.menu_actions()
    at = menu.index(acts.board_pack)
    assert menu[at : at + 3] == [acts.board_pack, acts.issued_packs, acts.pack_template]
    assert acts.board_pack in page.toolbar.actions()
    assert acts.board_pack.shortcut().toString() == "Ctrl+Shift+B"
    for act in (acts.board_pack, acts.issued_packs, acts.pack_template):
        assert act.isEnabled(), act.text()
    sep, apr = meeting_on(board, SEP), meeting_on(board, APR)
    assert page.select_meeting(sep.id)
    acts.board_pack.trigger()
    first = page.packs.dialog
    assert first is not None
    assert first.meeting.id == sep.id
    assert first.isVisible()
    acts.board_pack.trigger()
    assert page.packs.dialog is first  # the same meeting: the dialog already open
    assert page.select_meeting(apr.id)
    acts.board_pack.trigger()
    assert page.packs.dialog is not first
    assert page.packs.dialog.meeting.id == apr.id
    assert not first.isVisible()
    acts.issued_packs.trigger()
    assert isinstance(page.packs.issued_dialog, IssuedPacksDialog)
    assert page.packs.issued_dialog.meeting_id == apr.id
    page.packs.issued_dialog.close()
    called: list[object] = []
    monkeypatch.setattr(template_dialog, "edit_pack_template", lambda *a: called.append(a) or False)
    acts.pack_template.trigger()
    assert called == [(page, board, messenger)]
    page.packs.dialog.close()


def test_issuing_from_the_page_stores_both_packs_and_moves_the_meeting_on(
    qtbot: QtBot, board: Desk, messenger: RecordingMessenger
) -> None:
    page = make_page(qtbot, board, messenger, QUndoStack())
    apr = meeting_on(board, APR)
    assert apr.status is MeetingStatus.PLANNED
    assert page.select_meeting(apr.id)
    page.acts.board_pack.trigger()
    dialog = page.packs.dialog
    assert dialog is not None
    shown: Shown = []
    dialog.show_pdf = lambda data, title: shown.append((data, title))
    with qtbot.waitSignal(dialog.issued, timeout=60_000) as done:
        dialog.ui.issue.click()
        assert dialog.ui.status.text() == "Issuing the board pack…"
    assert messenger.messages[0] == ("confirm", "Issue the board pack", issue_question(apr))
    [pack] = board.pack.issued(apr.id)
    assert done.args == [pack]
    assert pack.public_pages is not None
    assert pack.full_pages >= pack.public_pages
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("confirm", "Board pack issued")
    assert f"full pack ({pack.full_pages} pages)" in text
    assert "Issued packs…" in text
    [(data, shown_title)] = shown  # answered Open
    assert data == board.pack.issued_pdf(pack.id, public=False)
    assert shown_title.startswith("Board pack — Improvement Board, ")
    assert "(full)" in shown_title
    assert dialog.ui.history.text().startswith("Issued once; last on ")
    assert dialog.ui.details.text() == "Papers issued · OFFICIAL"
    current = page.current_meeting()
    assert current is not None
    assert current.summary.status is MeetingStatus.PAPERS_ISSUED
    dialog.close()


def test_a_read_only_page_keeps_the_pack_but_not_the_template(
    qtbot: QtBot, demo_file: Path, tmp_path: Path, messenger: RecordingMessenger
) -> None:
    reader = open_copy(demo_file, tmp_path, read_only=True)
    try:
        page = make_page(qtbot, reader, messenger, QUndoStack())
        acts = page.acts
        assert acts.board_pack.isEnabled()
        assert acts.issued_packs.isEnabled()
        assert not acts.pack_template.isEnabled()
        assert acts.pack_template.toolTip() == READ_ONLY_TIP
        assert page.packs.template() is False
    finally:
        reader.close()
