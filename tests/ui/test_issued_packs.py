"""Issued packs: the table model (qtmodeltester, what each column says, sorting as dates and
numbers) and the dialog over a demo board with two real issued packs, one of them for an
OFFICIAL-SENSITIVE meeting that has no public pack.

Issuing takes seconds, so the board is built once for the module; tests that damage a
pack do it to a copy of the database, never to the shared board.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import MeetingDraft
from improvement_desk.services.demo import create_demo_board
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.pack_records import IssuedPackSummary
from improvement_desk.ui.pack.issued_dialog import (
    EMPTY_ALL,
    EMPTY_MEETING,
    NO_PUBLIC_REASON,
    IssuedPacksDialog,
    pack_title,
)
from improvement_desk.ui.pack.issued_model import (
    NO_PUBLIC,
    SORT_ROLE,
    IssuedCol,
    IssuedPacksModel,
    IssuedPacksProxy,
)

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


def summary(issue_id: int, meeting: date, issued: datetime, **changes: Any) -> IssuedPackSummary:
    values: dict[str, Any] = {
        "id": issue_id,
        "meeting_id": issue_id * 10,
        "meeting_date": meeting,
        "meeting_title": "Improvement Board",
        "issued_at": issued,
        "issued_by": "Jane Smith",
        "full_pages": 23,
        "full_sha256": f"{issue_id:x}" * 64,
        "public_pages": 21,
        "public_sha256": "e" * 64,
    }
    values.update(changes)
    return IssuedPackSummary(**values)


# Text order and date order disagree on purpose: "09 Jan 2015" < "26 Feb 2014" as text.
RECORDS = [
    summary(1, date(2014, 3, 5), datetime(2014, 2, 26, 14, 5, tzinfo=UTC), full_pages=9),
    summary(2, date(2014, 1, 22), datetime(2015, 1, 9, 9, 30, tzinfo=UTC), issued_by="Zoë Ó Briain"),
    summary(
        3, date(2014, 4, 16), datetime(2014, 4, 1, 8, 0, tzinfo=UTC),
        public_pages=None, public_sha256=None, full_pages=17,
    ),
]  # fmt: skip


@pytest.fixture
def london() -> Iterator[None]:
    """Local time is the computer's: pin it to the UK, with summer time, for the test."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "Europe/London")
        time.tzset()
        yield
    time.tzset()


@pytest.fixture
def model() -> IssuedPacksModel:
    packs = IssuedPacksModel()
    packs.set_packs(RECORDS)
    return packs


def column(view: Any, col: IssuedCol, role: int = Qt.ItemDataRole.DisplayRole) -> list[Any]:
    return [view.index(row, col).data(role) for row in range(view.rowCount())]


# -- the model ---------------------------------------------------------------------------------


def test_the_model_and_its_proxy_pass_the_model_tester(
    qtmodeltester: Any, model: IssuedPacksModel
) -> None:
    qtmodeltester.check(model)
    proxy = IssuedPacksProxy()
    proxy.setSourceModel(model)
    proxy.sort(IssuedCol.ISSUED, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    empty = IssuedPacksModel()
    qtmodeltester.check(empty)


def test_each_column_says_what_identifies_an_issued_pack(
    model: IssuedPacksModel, london: None
) -> None:
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in IssuedCol] == [
        "Meeting", "Issued", "Issued by", "Full pages", "Public pages", "Fingerprint",
    ]  # fmt: skip
    assert column(model, IssuedCol.MEETING)[0] == "05 Mar 2014  Improvement Board"
    # 14:05 UTC on 26 Feb is 14:05 in London (GMT); 08:00 UTC on 1 Apr is 09:00 (BST).
    assert column(model, IssuedCol.ISSUED) == [
        "26 Feb 2014 14:05", "09 Jan 2015 09:30", "01 Apr 2014 09:00",
    ]  # fmt: skip
    assert column(model, IssuedCol.ISSUED_BY)[1] == "Zoë Ó Briain"
    assert column(model, IssuedCol.FULL_PAGES) == ["9", "23", "17"]
    assert column(model, IssuedCol.PUBLIC_PAGES) == ["21", "21", NO_PUBLIC]
    assert NO_PUBLIC == "—  none: OFFICIAL-SENSITIVE"
    assert column(model, IssuedCol.FINGERPRINT) == ["1" * 12, "2" * 12, "3" * 12]


def test_tooltips_give_the_whole_fingerprint_and_why_there_is_no_public_pack(
    model: IssuedPacksModel,
) -> None:
    tips = column(model, IssuedCol.FINGERPRINT, Qt.ItemDataRole.ToolTipRole)
    assert "1" * 64 in tips[0]
    assert "e" * 64 in tips[0]
    assert "none (OFFICIAL-SENSITIVE)" in tips[2]
    public = column(model, IssuedCol.PUBLIC_PAGES, Qt.ItemDataRole.ToolTipRole)
    assert public[0] is None
    assert "OFFICIAL-SENSITIVE" in public[2]
    assert "UTC" in column(model, IssuedCol.ISSUED, Qt.ItemDataRole.ToolTipRole)[0]


@pytest.mark.parametrize(
    ("col", "ascending"),
    [
        (IssuedCol.ISSUED, [1, 3, 2]),  # as dates: Feb 2014, Apr 2014, Jan 2015
        (IssuedCol.MEETING, [2, 1, 3]),  # by meeting date, not by its text
        (IssuedCol.FULL_PAGES, [1, 3, 2]),  # 9 < 17 < 23 as numbers
        (IssuedCol.PUBLIC_PAGES, [3, 1, 2]),  # no public pack first, then equal counts by time
        (IssuedCol.ISSUED_BY, [1, 3, 2]),  # Jane Smith (older issue first), then Zoë
    ],
)
def test_sorting_uses_dates_and_numbers_not_text(
    model: IssuedPacksModel, col: IssuedCol, ascending: list[int]
) -> None:
    proxy = IssuedPacksProxy()
    proxy.setSourceModel(model)
    proxy.sort(col, Qt.SortOrder.AscendingOrder)
    ids = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(3)]
    assert ids == ascending
    proxy.sort(col, Qt.SortOrder.DescendingOrder)
    ids = [proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(3)]
    assert ids == ascending[::-1]
    assert all(isinstance(k, str) for k in column(model, col, SORT_ROLE))


# -- a board with issued packs -----------------------------------------------------------------


@dataclass(frozen=True)
class Issued:
    desk: Desk
    path: Path
    march: IssuedPackSummary  # 05 Mar 2014: a full and a public pack
    april: IssuedPackSummary  # 16 Apr 2014, OFFICIAL-SENSITIVE: the full pack only
    unissued_meeting: int


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Issued]:
    path = tmp_path_factory.mktemp("issued-packs") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("IMPROVEMENT_DESK_HOME", str(tmp_path_factory.mktemp("issued-home")))
        create_demo_board(path, ACTOR)
        desk = open_desk(path, ACTOR)
        by_date = {m.meeting_date: m for m in desk.meeting_reader.meetings()}
        april = by_date[date(2014, 4, 16)]
        desk.meetings.update(
            april.id,
            MeetingDraft(april.meeting_date, april.start_time, april.venue, april.title,
                         Marking.OFFICIAL_SENSITIVE),
            expected_version=april.version,
        )  # fmt: skip
        march_pack = desk.pack.issue(by_date[date(2014, 3, 5)].id)
        april_pack = desk.pack.issue(april.id)
    yield Issued(desk, path, march_pack, april_pack, by_date[date(2014, 1, 22)].id)
    desk.close()


@dataclass
class Opened:
    calls: list[tuple[bytes, str]]

    def __call__(self, data: bytes, title: str) -> None:
        self.calls.append((data, title))


def make_dialog(
    qtbot: QtBot, desk: Desk, messenger: RecordingMessenger, meeting_id: int | None
) -> tuple[IssuedPacksDialog, Opened]:
    opened = Opened([])
    dialog = IssuedPacksDialog(None, desk, messenger, meeting_id, opened)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog, opened


def select(dialog: IssuedPacksDialog, pack: IssuedPackSummary) -> None:
    rows = [dialog.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 2) for r in range(2)]
    dialog.table.selectRow(rows.index(pack.id))
    assert dialog.selected() == pack


def saving_to(monkeypatch: pytest.MonkeyPatch, target: Path | str) -> list[tuple[Any, ...]]:
    asked: list[tuple[Any, ...]] = []

    def fake(*args: Any) -> tuple[str, str]:
        asked.append(args)
        return str(target), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_all_meetings_are_listed_newest_first_with_the_meeting_column(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger
) -> None:
    dialog, _ = make_dialog(qtbot, issued.desk, messenger, None)
    assert dialog.stack.currentWidget() is dialog.table
    assert not dialog.table.isColumnHidden(IssuedCol.MEETING)
    assert column(dialog.proxy, IssuedCol.MEETING) == [
        "16 Apr 2014  Improvement Board", "05 Mar 2014  Improvement Board",
    ]  # fmt: skip
    assert dialog.caption.text().startswith("Packs issued for every meeting, newest first.")
    assert dialog.selected() == issued.april, "the newest is selected"
    assert not messenger.messages


def test_one_meetings_packs_are_captioned_with_that_meeting(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger
) -> None:
    dialog, _ = make_dialog(qtbot, issued.desk, messenger, issued.march.meeting_id)
    assert dialog.table.isColumnHidden(IssuedCol.MEETING)
    assert dialog.model.records() == [issued.march]
    assert "Improvement Board, 05 Mar 2014" in dialog.caption.text()
    assert column(dialog.proxy, IssuedCol.PUBLIC_PAGES) == [str(issued.march.public_pages)]


def test_a_meeting_without_an_issued_pack_says_how_to_issue_one(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger
) -> None:
    dialog, _ = make_dialog(qtbot, issued.desk, messenger, issued.unissued_meeting)
    assert dialog.stack.currentWidget() is dialog.empty
    assert dialog.empty.isVisible()
    assert not dialog.table.isVisible()
    assert dialog.empty.text() == EMPTY_MEETING
    assert EMPTY_MEETING == (
        "No pack has been issued for this meeting yet. Use Board pack… ▸ Issue pack."
    )
    assert "22 Jan 2014" in dialog.caption.text()
    for button in (dialog.open_full, dialog.open_public, dialog.save_button):
        assert not button.isEnabled()


def test_an_empty_board_says_no_pack_has_been_issued(
    qtbot: QtBot, desk: Desk, messenger: RecordingMessenger
) -> None:
    dialog, _ = make_dialog(qtbot, desk, messenger, None)
    assert dialog.empty.text() == EMPTY_ALL
    assert dialog.stack.currentWidget() is dialog.empty


def test_open_full_and_public_hand_the_pdf_as_issued_to_the_viewer(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger
) -> None:
    dialog, opened = make_dialog(qtbot, issued.desk, messenger, issued.march.meeting_id)
    dialog.open_full.click()
    dialog.open_public.click()
    [(full, full_title), (public, public_title)] = opened.calls
    assert full.startswith(b"%PDF")
    assert sha(full) == issued.march.full_sha256
    assert sha(public) == issued.march.public_sha256
    local = issued.march.issued_at.astimezone()
    when = f"{local.day} {local:%b %Y %H:%M}"
    assert public_title == f"Board pack — Improvement Board, 05 Mar 2014, as issued {when} (public)"
    assert full_title == pack_title(issued.march, public=False)
    assert full_title.endswith("(full)")


def test_double_click_opens_the_full_pack(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger
) -> None:
    dialog, opened = make_dialog(qtbot, issued.desk, messenger, None)
    rect = dialog.table.visualRect(dialog.proxy.index(1, IssuedCol.ISSUED_BY))
    # A real double click is a click (which selects the row) and then a double click.
    QTest.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    [(data, title)] = opened.calls
    assert sha(data) == issued.march.full_sha256
    assert title.endswith("(full)")


def test_a_sensitive_meetings_pack_has_no_public_pack_to_open_or_save(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    dialog, opened = make_dialog(qtbot, issued.desk, messenger, None)
    select(dialog, issued.april)
    assert column(dialog.proxy, IssuedCol.PUBLIC_PAGES)[0] == NO_PUBLIC
    assert not dialog.open_public.isEnabled()
    assert dialog.open_public.toolTip() == NO_PUBLIC_REASON
    dialog.open_selected(public=True)  # even asked directly: nothing is opened
    assert not opened.calls
    assert dialog.save_button.menu() is None, "only one pack: no question which"
    target = tmp_path / "april.pdf"
    saving_to(monkeypatch, target)
    dialog.save_button.click()
    assert sha(target.read_bytes()) == issued.april.full_sha256


def test_save_as_asks_full_or_public_and_writes_the_pack_byte_for_byte(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    dialog, _ = make_dialog(qtbot, issued.desk, messenger, None)
    select(dialog, issued.march)
    menu = dialog.save_button.menu()
    assert menu is not None
    assert [a.text() for a in menu.actions()] == ["&Full pack…", "&Public pack…"]
    asked = saving_to(monkeypatch, tmp_path / "public copy")  # no suffix: .pdf is added
    dialog.save_public_action.trigger()
    saved = tmp_path / "public copy.pdf"
    assert sha(saved.read_bytes()) == issued.march.public_sha256
    [(_, caption, suggested, _)] = asked
    assert "public" in caption
    assert ":" not in suggested
    assert suggested.endswith(" public.pdf")
    assert dialog.status.isVisible()
    assert str(saved) in dialog.status.text()
    saving_to(monkeypatch, tmp_path / "full.pdf")
    dialog.save_full_action.trigger()
    assert sha((tmp_path / "full.pdf").read_bytes()) == issued.march.full_sha256
    assert not messenger.messages


def test_cancelling_save_as_writes_nothing(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    dialog, _ = make_dialog(qtbot, issued.desk, messenger, issued.march.meeting_id)
    saving_to(monkeypatch, "")
    dialog.save_full_action.trigger()
    assert list(tmp_path.iterdir()) == []
    assert not messenger.messages
    assert not dialog.status.isVisible()


def test_saving_into_a_missing_folder_is_reported(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    dialog, _ = make_dialog(qtbot, issued.desk, messenger, issued.march.meeting_id)
    saving_to(monkeypatch, tmp_path / "no such folder" / "pack.pdf")
    dialog.save_full_action.trigger()
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "The issued pack was not saved")
    assert "does not exist" in text


# -- damaged and vanished packs, on a copy of the board ------------------------------------------


@pytest.fixture
def copy(issued: Issued, tmp_path: Path) -> Iterator[Callable[[str], Desk]]:
    """A copy of the issued board with `sql` run on it (its write locks dropped first)."""
    opened: list[Desk] = []

    def make(sql: str) -> Desk:
        target = tmp_path / "copy.db"
        source, dest = sqlite3.connect(issued.path), sqlite3.connect(target)
        try:
            source.backup(dest)
            for trigger in ("lock_pack_issue_update", "lock_pack_issue_delete"):
                dest.execute(f"DROP TRIGGER IF EXISTS {trigger}")
            dest.execute(sql)
            dest.commit()
        finally:
            source.close()
            dest.close()
        opened.append(open_desk(target, ACTOR, read_only=True, take_lock=False))
        return opened[-1]

    yield make
    for desk in opened:
        desk.close()


def test_a_damaged_stored_pack_is_reported_not_opened(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger, copy: Callable[[str], Desk]
) -> None:
    damaged = copy(f"UPDATE pack_issue SET full_pdf = x'255044462d' WHERE id = {issued.march.id}")
    dialog, opened = make_dialog(qtbot, damaged, messenger, issued.march.meeting_id)
    dialog.open_full.click()
    assert not opened.calls
    [(kind, title, text)] = messenger.messages
    assert (kind, title) == ("error", "Cannot open the issued pack")
    assert "fingerprint" in text
    dialog.open_public.click()  # the public copy is intact and still opens
    assert sha(opened.calls[0][0]) == issued.march.public_sha256


def test_a_pack_gone_since_the_list_was_read_is_reported(
    qtbot: QtBot, issued: Issued, messenger: RecordingMessenger, copy: Callable[[str], Desk],
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:  # fmt: skip
    board = copy("SELECT 1")
    dialog, opened = make_dialog(qtbot, board, messenger, issued.march.meeting_id)
    conn = sqlite3.connect(tmp_path / "copy.db")
    try:
        conn.execute(f"DELETE FROM pack_issue WHERE id = {issued.march.id}")
        conn.commit()
    finally:
        conn.close()
    dialog.open_full.click()
    saving_to(monkeypatch, tmp_path / "gone.pdf")
    dialog.save_full_action.trigger()
    assert not opened.calls
    assert not (tmp_path / "gone.pdf").exists()
    assert [m[1] for m in messenger.messages] == [
        "Cannot open the issued pack", "The issued pack was not saved",
    ]  # fmt: skip
    assert all("was not found" in m[2] for m in messenger.messages)
