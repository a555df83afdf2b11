"""Opening a board on a network drive from the GUI: asked first, then read-only, alone or not.

The mount table is made to say the test's folder is NFS; everything else is real.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ACTOR, TODAY
from PySide6.QtWidgets import QAbstractButton, QMessageBox
from pytestqt.qtbot import QtBot

from improvement_desk.db import network_paths
from improvement_desk.db.lockfile import lock_path_for
from improvement_desk.db.network_paths import Mount
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.ui.board_opener import (
    ALONE_CHOICE,
    CREATE_ALONE_CHOICE,
    NETWORK_TITLE,
    READ_ONLY_CHOICE,
    BoardOpener,
)

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


@pytest.fixture
def board(board_path: Path) -> Path:
    desk = open_desk(board_path, ACTOR, create=True, board_name="Shared Board")
    desk.people.add("Jo Bloggs")
    desk.close()
    return board_path


@pytest.fixture
def on_nfs(board_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    folder = str(board_path.parent.resolve())
    table = [Mount("/", "ext4", "/dev/vda"), Mount(folder, "nfs4", "fs01:/export/boards")]
    monkeypatch.setattr(network_paths, "system_mounts", lambda platform=None: table)
    return folder


class Outcome:
    def __init__(self) -> None:
        self.desks: list[Desk] = []
        self.failures = 0

    def opened(self, desk: Desk) -> None:
        self.desks.append(desk)

    def failed(self) -> None:
        self.failures += 1


@pytest.fixture
def outcome() -> Iterator[Outcome]:
    seen = Outcome()
    yield seen
    for desk in seen.desks:
        desk.close()


def question(opener: BoardOpener) -> QMessageBox:
    box = opener.network_question
    assert box is not None, "no question was asked"
    assert box.isVisible()
    return box


def button(box: QMessageBox, text: str) -> QAbstractButton:
    [found] = [b for b in box.buttons() if b.text() == text]
    return found


def ask(qtbot: QtBot, board: Path, outcome: Outcome, *, create: bool = False) -> BoardOpener:
    opener = BoardOpener(ACTOR, RecordingMessenger(), today=lambda: TODAY)
    opener.open(None, board, outcome.opened, create=create, on_failed=outcome.failed)
    qtbot.waitUntil(lambda: opener.network_question is not None)
    return opener


def test_the_question_names_the_drive_and_the_choices(
    qtbot: QtBot, board: Path, on_nfs: str, outcome: Outcome
) -> None:
    box = question(ask(qtbot, board, outcome))
    assert box.windowTitle() == NETWORK_TITLE
    assert box.text().startswith(f"This board is on a network drive ({on_nfs} is a nfs4")
    assert "PostgreSQL" in box.text()
    assert "everyone else is locked out until you close it" in box.text()
    texts = [b.text() for b in box.buttons()]
    assert READ_ONLY_CHOICE in texts
    assert ALONE_CHOICE in texts
    assert len(texts) == 3  # and Cancel
    assert box.defaultButton() is button(box, READ_ONLY_CHOICE)  # the safe one
    assert outcome.desks == []  # nothing opened before the answer
    assert not lock_path_for(board).exists()
    box.reject()  # Escape: the same as Cancel (and no window is left open for later tests)
    qtbot.waitUntil(lambda: outcome.failures == 1)
    assert outcome.desks == []


def test_open_read_only(qtbot: QtBot, board: Path, on_nfs: str, outcome: Outcome) -> None:
    opener = ask(qtbot, board, outcome)
    button(question(opener), READ_ONLY_CHOICE).click()
    qtbot.waitUntil(lambda: len(outcome.desks) == 1)
    [desk] = outcome.desks
    assert desk.read_only
    assert not desk.opened.exclusive
    assert [p.name for p in desk.people.list()] == ["Jo Bloggs"]
    assert opener.network_question is None


def test_open_for_me_alone(qtbot: QtBot, board: Path, on_nfs: str, outcome: Outcome) -> None:
    opener = ask(qtbot, board, outcome)
    button(question(opener), ALONE_CHOICE).click()
    qtbot.waitUntil(lambda: len(outcome.desks) == 1)
    [desk] = outcome.desks
    assert not desk.read_only
    assert desk.opened.exclusive
    with desk.opened.database.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA locking_mode").scalar() == "exclusive"
    desk.people.add("Sam Patel")
    assert lock_path_for(board).exists()


def test_cancel_opens_nothing(qtbot: QtBot, board: Path, on_nfs: str, outcome: Outcome) -> None:
    opener = ask(qtbot, board, outcome)
    box = question(opener)
    box.button(QMessageBox.StandardButton.Cancel).click()
    qtbot.waitUntil(lambda: outcome.failures == 1)
    assert outcome.desks == []
    assert not lock_path_for(board).exists()


def test_a_new_board_there_is_made_only_for_me_alone(
    qtbot: QtBot, board_path: Path, on_nfs: str, outcome: Outcome
) -> None:
    opener = ask(qtbot, board_path, outcome, create=True)
    box = question(opener)
    assert box.text().startswith("The new board would be on a network drive")
    assert [b.text() for b in box.buttons()].count(READ_ONLY_CHOICE) == 0
    button(box, CREATE_ALONE_CHOICE).click()
    qtbot.waitUntil(lambda: len(outcome.desks) == 1)
    [desk] = outcome.desks
    assert desk.opened.exclusive
    assert desk.opened.created


def test_a_local_board_is_not_asked_about(qtbot: QtBot, board: Path, outcome: Outcome) -> None:
    opener = BoardOpener(ACTOR, RecordingMessenger(), today=lambda: TODAY)
    opener.open(None, board, outcome.opened, on_failed=outcome.failed)
    assert opener.network_question is None
    [desk] = outcome.desks
    assert not desk.read_only
    assert not desk.opened.exclusive
