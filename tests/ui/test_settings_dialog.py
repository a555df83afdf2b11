"""Edit ▸ Settings…: pages per area, validation naming the field, Restore Defaults, saving board
settings through the audited service and the user's name to QSettings only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ACTOR
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLabel, QLineEdit
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from improvement_desk.db.models import AuditEntry
from improvement_desk.domain.settings import BY_KEY, Area
from improvement_desk.services.board_settings import BoardSettingsService
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.ui.preferences import Preferences
from improvement_desk.ui.settings import SettingsDialog, open_settings
from improvement_desk.ui.settings.pages import READ_ONLY_NOTE

from .conftest import RecordingMessenger


@pytest.fixture
def preferences(settings: QSettings) -> Preferences:
    prefs = Preferences(settings)
    prefs.set_user_name("Jane Smith")
    return prefs


def _open(
    qtbot: QtBot, desk: Desk, preferences: Preferences, messenger: RecordingMessenger, **kw: object
) -> SettingsDialog:
    dialog = open_settings(None, desk, preferences, messenger, **kw)  # type: ignore[arg-type]
    assert dialog is not None
    qtbot.addWidget(dialog)
    qtbot.waitExposed(dialog)
    return dialog


def _go(dialog: SettingsDialog, area: Area) -> None:
    dialog.list.setCurrentRow(list(Area).index(area))
    assert dialog.current.area is area


def _line(dialog: SettingsDialog, key: str) -> QLineEdit:
    editor = dialog.page(BY_KEY[key].area).editors[key]
    widget = editor.focus
    assert isinstance(widget, QLineEdit)
    return widget


def _type(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def _error(dialog: SettingsDialog, area: Area, field: str) -> str:
    label = dialog.page(area).errors.label(field)
    return label.text() if label.isVisibleTo(dialog) else ""


def _audit_count(desk: Desk) -> int:
    with desk.ctx.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


def test_every_area_has_a_page(
    qtbot: QtBot, demo_desk: Desk, preferences: Preferences, messenger: RecordingMessenger
) -> None:
    dialog = _open(qtbot, demo_desk, preferences, messenger)
    assert [dialog.list.item(r).text() for r in range(dialog.list.count())] == [
        "Board", "Plan", "Risks", "Meetings", "Pack", "You",
    ]  # fmt: skip
    for area in Area:
        _go(dialog, area)
        assert dialog.stack.currentWidget() is dialog.page(area)
    assert _line(dialog, "board.name").text() == demo_desk.board.load().name
    assert _line(dialog, "you.name").text() == "Jane Smith"
    assert dialog.ok_button.isEnabled()
    assert not dialog.apply_button.isEnabled()  # nothing changed yet


def test_validation_names_the_field_and_disables_ok(
    qtbot: QtBot, demo_desk: Desk, preferences: Preferences, messenger: RecordingMessenger
) -> None:
    dialog = _open(qtbot, demo_desk, preferences, messenger)
    _go(dialog, Area.PACK)
    _type(qtbot, _line(dialog, "pack.accent"), "#12")
    assert _error(dialog, Area.PACK, "Accent colour").startswith("Accent colour must be a colour")
    assert not dialog.ok_button.isEnabled()
    assert not dialog.apply_button.isEnabled()
    assert "Accent colour" in dialog.ok_button.toolTip()
    pack_row = list(Area).index(Area.PACK)
    assert not dialog.list.item(pack_row).icon().isNull()
    assert dialog.list.item(pack_row).toolTip() == "1 problem(s) on this page"

    _go(dialog, Area.BOARD)
    _type(qtbot, _line(dialog, "board.name"), "")
    assert _error(dialog, Area.BOARD, "Board name") == "Board name is required"

    _go(dialog, Area.PLAN)
    _type(qtbot, _line(dialog, "plan.brag.amber.label"), "red")
    assert _error(dialog, Area.PLAN, "Amber name") == "Amber name is the same as Red name"

    _go(dialog, Area.PACK)
    _type(qtbot, _line(dialog, "pack.accent"), "#1f3a5f")
    _type(qtbot, _line(dialog, "board.name"), "Northshire Board")
    _type(qtbot, _line(dialog, "plan.brag.amber.label"), "Amber")
    assert _error(dialog, Area.PACK, "Accent colour") == ""
    assert dialog.list.item(pack_row).icon().cacheKey() == dialog._blank.cacheKey()
    assert dialog.ok_button.isEnabled()


def test_a_rule_across_fields_names_the_field(
    qtbot: QtBot, demo_desk: Desk, preferences: Preferences, messenger: RecordingMessenger
) -> None:
    dialog = _open(qtbot, demo_desk, preferences, messenger)
    _go(dialog, Area.RISKS)
    dialog.page(Area.RISKS).editors["risks.low_max"].set_value(14)
    assert _error(dialog, Area.RISKS, "Medium up to").startswith("Medium up to must be above")
    assert not dialog.ok_button.isEnabled()


def test_restore_defaults_resets_the_page_and_saves_nothing(
    qtbot: QtBot, demo_desk: Desk, preferences: Preferences, messenger: RecordingMessenger
) -> None:
    dialog = _open(qtbot, demo_desk, preferences, messenger)
    _go(dialog, Area.PLAN)
    plan = dialog.page(Area.PLAN)
    _type(qtbot, _line(dialog, "plan.brag.blue.label"), "Done")
    plan.editors["plan.due_soon_days"].set_value(30)
    _type(qtbot, _line(dialog, "board.name"), "Northshire Board")
    assert dialog.apply_button.isEnabled()
    audited = _audit_count(demo_desk)

    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert plan.values()["plan.brag.blue.label"] == "Blue"
    assert plan.values()["plan.due_soon_days"] == 14
    assert _line(dialog, "board.name").text() == "Northshire Board"  # another page: untouched
    assert _audit_count(demo_desk) == audited  # nothing is saved before OK or Apply

    _go(dialog, Area.YOU)  # nothing there is a default to go back to
    assert not dialog.restore_button.isEnabled()


def test_a_saved_change_reaches_the_service_and_the_audit_trail(
    qtbot: QtBot, demo_desk: Desk, preferences: Preferences, messenger: RecordingMessenger
) -> None:
    saved: list[object] = []
    dialog = _open(qtbot, demo_desk, preferences, messenger, on_saved=saved.append)
    _go(dialog, Area.RISKS)
    dialog.page(Area.RISKS).editors["risks.appetite"].set_value(10)
    _type(qtbot, _line(dialog, "plan.brag.red.label"), "Off track")
    audited = _audit_count(demo_desk)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    assert messenger.messages == []
    assert demo_desk.risk_settings.load().bands.appetite == 10
    stored = BoardSettingsService(demo_desk.ctx).load()
    assert stored["plan.brag.red.label"] == "Off track"
    assert len(saved) == 1
    assert dialog.isVisible()  # Apply keeps the dialog open
    assert not dialog.apply_button.isEnabled()
    with demo_desk.ctx.db.reading() as session:
        rows = session.execute(
            select(AuditEntry.entity, AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value,
                   AuditEntry.actor)
            .order_by(AuditEntry.id).offset(audited)
        ).all()  # fmt: skip
    assert [tuple(r) for r in rows] == [
        ("risk_settings", "appetite", "12", "10", ACTOR.name),
        ("board_setting", "value", "Red", "Off track", ACTOR.name),
    ]
    _type(qtbot, _line(dialog, "pack.accent"), "#003366")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert demo_desk.pack_template.load().accent == "#003366"


def test_the_users_name_goes_to_qsettings_not_the_database(
    qtbot: QtBot, demo_desk: Desk, preferences: Preferences, messenger: RecordingMessenger
) -> None:
    named: list[str] = []
    dialog = _open(qtbot, demo_desk, preferences, messenger, on_user_name=named.append)
    audited, board = _audit_count(demo_desk), BoardSettingsService(demo_desk.ctx).load()
    _go(dialog, Area.YOU)
    _line(dialog, "you.name").setText("A\tB")  # pasted: a typed Tab moves the focus
    assert "Your name" in _error(dialog, Area.YOU, "Your name")
    assert not dialog.ok_button.isEnabled()
    _type(qtbot, _line(dialog, "you.name"), "Priya Patel")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert preferences.user_name() == "Priya Patel"
    assert (
        QSettings(preferences.settings.fileName(), QSettings.Format.IniFormat).value("user/name")
        == "Priya Patel"
    )
    assert named == ["Priya Patel"]
    assert _audit_count(demo_desk) == audited
    assert BoardSettingsService(demo_desk.ctx).load() == board


def test_a_colleagues_save_meanwhile_is_reported_and_the_form_kept(
    qtbot: QtBot, demo_desk: Desk, preferences: Preferences, messenger: RecordingMessenger
) -> None:
    dialog = _open(qtbot, demo_desk, preferences, messenger)
    service = BoardSettingsService(demo_desk.ctx)
    service.save({"plan.due_soon_days": 21}, versions=service.load().versions)
    dialog.page(Area.PLAN).editors["plan.due_soon_days"].set_value(7)
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)
    kind, title, text = messenger.messages[-1]
    assert (kind, title) == ("error", "The settings changed")
    assert ACTOR.name in text
    assert "Due soon window (days)" in text
    assert service.load()["plan.due_soon_days"] == 21
    assert dialog.page(Area.PLAN).values()["plan.due_soon_days"] == 7  # kept
    qtbot.mouseClick(dialog.apply_button, Qt.MouseButton.LeftButton)  # mine over theirs
    assert service.load()["plan.due_soon_days"] == 7


@pytest.fixture
def reader(desk: Desk, board_path: Path) -> Iterator[Desk]:
    viewer = open_desk(board_path, ACTOR, read_only=True, take_lock=False)
    yield viewer
    viewer.close()


def test_a_read_only_board_shows_its_settings_but_cannot_change_them(
    qtbot: QtBot, reader: Desk, preferences: Preferences, messenger: RecordingMessenger
) -> None:
    dialog = _open(qtbot, reader, preferences, messenger)
    for area in (Area.BOARD, Area.PLAN, Area.RISKS, Area.MEETINGS, Area.PACK):
        _go(dialog, area)
        page = dialog.page(area)
        notes = [n.text() for n in page.findChildren(QLabel, "read_only_note")]
        assert notes == [READ_ONLY_NOTE]
        assert not dialog.restore_button.isEnabled()
    assert _line(dialog, "board.name").isReadOnly()
    assert not dialog.page(Area.RISKS).editors["risks.appetite"].widget.isEnabled()
    assert not dialog.page(Area.BOARD).editors["board.marking_default"].widget.isEnabled()
    colour = dialog.page(Area.PLAN).editors["plan.brag.red.colour"]
    assert not colour.button.isEnabled()  # type: ignore[attr-defined]
    # Your own name is yours, whatever the board.
    _go(dialog, Area.YOU)
    assert not dialog.page(Area.YOU).findChildren(QLabel, "read_only_note")
    name = _line(dialog, "you.name")
    assert not name.isReadOnly()
    _type(qtbot, name, "Priya Patel")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert preferences.user_name() == "Priya Patel"
    assert messenger.messages == []
