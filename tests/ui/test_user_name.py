"""The name in the audit trail: asked once, kept in QSettings, changed from File ▸ Your name….

A change made in the window is audited with both the name given here
(`actor`) and the computer login (`os_login`): officers sharing one Windows
account on a meeting-room laptop stay told apart.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import ACTOR
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel
from pytestqt.qtbot import QtBot

from improvement_desk import app
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import ValidationError
from improvement_desk.runtime.identity import os_login
from improvement_desk.runtime.paths import resolve_paths
from improvement_desk.services.desk import Desk
from improvement_desk.ui import user_name
from improvement_desk.ui.board_opener import BoardOpener
from improvement_desk.ui.main_window import MainWindow
from improvement_desk.ui.preferences import Preferences, check_user_name
from improvement_desk.ui.user_name import PROMPT, UserNameDialog, ask_user_name

from .conftest import RecordingMessenger

pytestmark = pytest.mark.gui


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("", "Your name: is required"),
        ("   ", "Your name: is required"),
        ("Jane\x07Smith", "Your name: contains control characters (often pasted from Word)"),
        ("Jane\tSmith", "Your name: contains control characters (a tab)"),
        ("Jane\nSmith", "Your name: must be on one line"),
        ("J" * 201, "Your name: is 201 characters long; the limit is 200"),
    ],
)
def test_a_bad_name_is_refused_naming_the_field(
    settings: QSettings, name: str, problem: str
) -> None:
    assert [str(p) for p in check_user_name(name)] == [problem]
    preferences = Preferences(settings)
    with pytest.raises(ValidationError) as caught:
        preferences.set_user_name(name)
    assert caught.value.fields() == {"Your name"}
    assert str(caught.value) == problem
    assert preferences.user_name() == ""  # nothing was stored


def test_a_good_name_is_kept_trimmed_in_the_settings_file(settings: QSettings) -> None:
    preferences = Preferences(settings)
    assert preferences.set_user_name("  Zoë Ó Briain ") == "Zoë Ó Briain"
    again = Preferences(QSettings(settings.fileName(), QSettings.Format.IniFormat))
    assert again.user_name() == "Zoë Ó Briain"


def test_the_os_full_name_is_offered_only_when_it_is_a_fit_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(user_name, "_platform_full_name", lambda: "Jane Smith")
    assert user_name.os_full_name() == "Jane Smith"
    monkeypatch.setattr(user_name, "_platform_full_name", lambda: "bad\x07name")
    assert user_name.os_full_name() == ""

    def broken() -> str:
        raise KeyError("no passwd entry")

    monkeypatch.setattr(user_name, "_platform_full_name", broken)
    assert user_name.os_full_name() == ""


def test_the_first_run_asks_prefilled_with_the_os_name_then_opens_the_board(
    qtbot: QtBot, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(user_name, "os_full_name", lambda: "Jane Smith")
    preferences = Preferences(settings)
    opener = BoardOpener(ACTOR, RecordingMessenger())
    opened: list[str] = []
    app._ask_name_then(None, preferences, opener, lambda: opened.append(opener.actor.name))  # type: ignore[arg-type]
    dialog = _open_dialog(qtbot)
    assert dialog.name_edit.text() == "Jane Smith"
    note = dialog.findChild(QLabel, "user_name_note")
    assert note is not None
    assert note.text().startswith(f"{PROMPT}.")
    assert f"your computer login ({os_login()})" in note.text()
    dialog.name_edit.setText("\x07")
    assert dialog.errors.label("Your name").text() == (
        "Your name contains control characters (often pasted from Word)"
    )
    assert not dialog.save_button.isEnabled()
    dialog.name_edit.setText("Jane Smith (clerk)")
    dialog.save_button.click()
    assert opened == ["Jane Smith (clerk)"]
    assert preferences.user_name() == "Jane Smith (clerk)"
    assert opener.actor.os_login == os_login()


def test_cancelling_the_first_question_keeps_the_login_and_still_opens(
    qtbot: QtBot, settings: QSettings
) -> None:
    preferences = Preferences(settings)
    opener = BoardOpener(ACTOR, RecordingMessenger())
    opened: list[str] = []
    app._ask_name_then(None, preferences, opener, lambda: opened.append(opener.actor.name))  # type: ignore[arg-type]
    dialog = _open_dialog(qtbot)
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text() == "Use my login for now"
    cancel.click()
    assert opened == [ACTOR.name]
    assert preferences.user_name() == ""  # asked again next time


def test_a_change_made_in_the_window_records_the_name_and_the_login(
    qtbot: QtBot, demo_desk: Desk, settings: QSettings, board_path: Path
) -> None:
    messenger = RecordingMessenger()
    preferences = Preferences(settings)
    window = MainWindow(
        demo_desk,
        opener=BoardOpener(ACTOR, messenger),
        messenger=messenger,
        preferences=preferences,
        paths=resolve_paths().ensure(),
    )
    qtbot.addWidget(window)
    window.act_user_name.trigger()
    dialog = _open_dialog(qtbot)
    dialog.name_edit.setText("")
    dialog.save_button.click()  # refused: the dialog stays, naming the field
    assert dialog.isVisible()
    assert dialog.errors.label("Your name").text() == "Your name is required"
    dialog.name_edit.setText("Priya Patel")
    dialog.save_button.click()
    assert not dialog.isVisible()
    assert preferences.user_name() == "Priya Patel"
    assert window.opener.actor.name == "Priya Patel"

    page = window.plan_page
    assert page is not None
    action = next(a for a in demo_desk.plan.snapshot().actions if a.reference == "1.2")
    assert page.select_action(action.id)
    page.status_actions[Brag.RED].trigger()
    assert messenger.messages == []
    window.close()

    conn = sqlite3.connect(board_path)
    try:
        row = conn.execute(
            "SELECT actor, os_login, field, new_value FROM audit_entry "
            "WHERE entity = 'action' AND entity_id = ? ORDER BY id DESC LIMIT 1",
            (action.id,),
        ).fetchone()
    finally:
        conn.close()
    assert row[:2] == ("Priya Patel", os_login())
    assert row[2] == "status"


def _open_dialog(qtbot: QtBot) -> UserNameDialog:
    found: list[Any] = []

    def shown() -> bool:
        found[:] = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, UserNameDialog) and w.isVisible()
        ]
        return bool(found)

    qtbot.waitUntil(shown)
    dialog: UserNameDialog = found[-1]
    qtbot.addWidget(dialog)
    return dialog


def test_ask_user_name_returns_the_open_dialog(qtbot: QtBot, settings: QSettings) -> None:
    names: list[str | None] = []
    dialog = ask_user_name(None, Preferences(settings), names.append)
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Your name"
    dialog.reject()
    assert names == [None]
