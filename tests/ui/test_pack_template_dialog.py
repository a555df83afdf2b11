"""The board pack template dialog: sections, order, colour and logo, saved as a board setting.

Every bad input gets a test that the message names the field and that the
stored template is unchanged. The file and colour pickers are static Qt calls
replaced here (a real one would block an offscreen test forever).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ACTOR
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QColorDialog, QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.pack import DEFAULT_ACCENT, DEFAULT_SECTIONS, PackSection
from improvement_desk.services.desk import Desk, open_desk
from improvement_desk.services.pack_records import PackTemplate
from improvement_desk.ui.pack.template_dialog import (
    READ_ONLY_REASON,
    PackTemplateDialog,
    edit_pack_template,
    open_pack_template,
)

from .conftest import RecordingMessenger
from .dialog_kit import assert_error, visible_errors

pytestmark = pytest.mark.gui
S = PackSection
CTRL = Qt.KeyboardModifier.ControlModifier


def make_png(path: Path, width: int = 300, height: int = 100) -> Path:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#1F3A5F"))
    assert image.save(str(path))  # the format from the suffix
    return path


@pytest.fixture
def dialog(qtbot: QtBot, desk: Desk, messenger: RecordingMessenger) -> PackTemplateDialog:
    return shown(qtbot, desk, messenger)


def shown(qtbot: QtBot, desk: Desk, messenger: RecordingMessenger) -> PackTemplateDialog:
    opened = open_pack_template(None, desk, messenger)
    assert opened is not None
    qtbot.addWidget(opened)
    opened.show()
    qtbot.waitExposed(opened)
    return opened


def choosing(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> None:
    fake: Callable[..., tuple[str, str]] = lambda *_a, **_k: (str(path), "")  # noqa: E731
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))


def rows(dialog: PackTemplateDialog) -> list[tuple[S, bool]]:
    included = dialog.sections.included()
    return [(s, s in included) for s in dialog.sections.order()]


def select(dialog: PackTemplateDialog, section: S) -> None:
    dialog.sections.setCurrentRow(dialog.sections.order().index(section))


def saved_of(dialog: PackTemplateDialog) -> PackTemplate | None:
    """What the dialog says it saved (read afresh: mypy would keep an earlier narrowing)."""
    return dialog.saved


def save(dialog: PackTemplateDialog) -> None:
    assert dialog.save_button.isEnabled(), visible_errors(dialog)
    dialog.save_button.click()


def assert_nothing_saved(dialog: PackTemplateDialog, desk: Desk, before: PackTemplate) -> None:
    dialog._submit()  # even a forced Save (the button is disabled) must not write
    assert desk.pack_template.load() == before
    assert dialog.saved is None
    assert dialog.isVisible()


# -- showing -----------------------------------------------------------------------------------


def test_the_default_template_is_shown_all_ticked_in_the_briefs_order(
    dialog: PackTemplateDialog,
) -> None:
    assert rows(dialog) == [(s, True) for s in DEFAULT_SECTIONS]
    assert [dialog.sections.item(r).text() for r in range(9)][:2] == ["Cover", "Contents"]
    assert dialog.accent.text() == DEFAULT_ACCENT
    assert dialog.logo is None
    assert "No logo" in dialog.logo_words.text()
    assert not dialog.remove_logo_button.isEnabled()
    assert dialog.save_button.isEnabled()
    assert not visible_errors(dialog)


def test_left_out_sections_stay_in_the_list_unticked_where_they_belong(
    qtbot: QtBot, desk: Desk, messenger: RecordingMessenger
) -> None:
    kept = (S.CONTENTS, S.AGENDA, S.RISKS, S.PLAN, S.SCORECARD)
    desk.pack_template.update(kept, "#7B1FA2", None, expected_version=0)
    dialog = shown(qtbot, desk, messenger)
    assert dialog.sections.included() == kept
    assert rows(dialog) == [
        (S.COVER, False), (S.CONTENTS, True), (S.AGENDA, True), (S.MINUTES, False),
        (S.ACTION_LOG, False), (S.RISKS, True), (S.PLAN, True), (S.SCORECARD, True),
        (S.PAPERS, False),
    ]  # fmt: skip
    dialog.sections.set_ticked(S.PAPERS, True)  # put back: papers are still last
    assert dialog.save_button.isEnabled()


def test_every_control_has_an_accessible_name(dialog: PackTemplateDialog) -> None:
    for widget in (
        dialog.sections, dialog.up, dialog.down, dialog.accent, dialog.accent_button,
        dialog.choose_logo_button, dialog.remove_logo_button, dialog.restore, dialog.logo_preview,
    ):  # fmt: skip
        assert widget.accessibleName(), widget.objectName()


# -- editing and saving ------------------------------------------------------------------------


def test_unticked_reordered_sections_colour_and_logo_are_saved(
    dialog: PackTemplateDialog, desk: Desk, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog.sections.set_ticked(S.MINUTES, False)
    select(dialog, S.RISKS)
    dialog.up.click()
    dialog.accent.setText(" 7b1fa2 ")  # typed without '#', in lower case
    logo = make_png(tmp_path / "crest.png")
    choosing(monkeypatch, logo)
    dialog.choose_logo_button.click()
    assert dialog.logo == logo.read_bytes()
    assert dialog.remove_logo_button.isEnabled()
    save(dialog)
    stored = desk.pack_template.load()
    assert stored.sections == (
        S.COVER, S.CONTENTS, S.AGENDA, S.ACTION_LOG, S.RISKS, S.PLAN, S.SCORECARD, S.PAPERS,
    )  # fmt: skip
    assert stored.accent == "#7B1FA2"
    assert stored.logo == logo.read_bytes()
    assert dialog.saved == stored
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_move_buttons_follow_the_selected_row(dialog: PackTemplateDialog) -> None:
    select(dialog, S.COVER)
    assert not dialog.up.isEnabled()
    assert dialog.down.isEnabled()
    select(dialog, S.PAPERS)
    assert dialog.up.isEnabled()
    assert not dialog.down.isEnabled()
    select(dialog, S.PLAN)
    dialog.down.click()
    assert dialog.sections.order().index(S.PLAN) == DEFAULT_SECTIONS.index(S.PLAN) + 1
    assert dialog.sections.currentRow() == dialog.sections.order().index(S.PLAN)


def test_ctrl_up_and_down_move_the_section_when_the_list_has_focus(
    qtbot: QtBot, dialog: PackTemplateDialog
) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.sections.setFocus()
    qtbot.waitUntil(dialog.sections.hasFocus)
    select(dialog, S.SCORECARD)
    QTest.keyClick(dialog.sections, Qt.Key.Key_Up, CTRL)
    assert dialog.sections.order().index(S.SCORECARD) == DEFAULT_SECTIONS.index(S.SCORECARD) - 1
    QTest.keyClick(dialog.sections, Qt.Key.Key_Down, CTRL)
    QTest.keyClick(dialog.sections, Qt.Key.Key_Down, CTRL)
    assert dialog.sections.order()[-1] is S.SCORECARD
    assert_error(dialog, "Sections", "the papers come last")
    QTest.keyClick(dialog.sections, Qt.Key.Key_Space)  # Space ticks and unticks the current one
    assert S.SCORECARD not in dialog.sections.included()


def test_ctrl_up_does_nothing_when_the_list_does_not_have_focus(
    qtbot: QtBot, dialog: PackTemplateDialog
) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.accent.setFocus()
    qtbot.waitUntil(dialog.accent.hasFocus)
    select(dialog, S.SCORECARD)
    QTest.keyClick(dialog.accent, Qt.Key.Key_Up, CTRL)
    assert dialog.sections.order() == list(DEFAULT_SECTIONS)


def test_restore_defaults_resets_the_form_and_saving_stores_the_defaults(
    qtbot: QtBot, desk: Desk, messenger: RecordingMessenger, tmp_path: Path
) -> None:
    logo = make_png(tmp_path / "crest.png").read_bytes()
    desk.pack_template.update((S.COVER, S.AGENDA), "#7B1FA2", logo, expected_version=0)
    dialog = shown(qtbot, desk, messenger)
    dialog.restore.click()
    assert rows(dialog) == [(s, True) for s in DEFAULT_SECTIONS]
    assert dialog.accent.text() == DEFAULT_ACCENT
    assert dialog.logo is None
    assert desk.pack_template.load().accent == "#7B1FA2", "Restore alone writes nothing"
    save(dialog)
    stored = desk.pack_template.load()
    assert (stored.sections, stored.accent, stored.logo) == (DEFAULT_SECTIONS, DEFAULT_ACCENT, None)
    assert stored.version == 2


def test_saving_an_unchanged_template_writes_nothing(
    dialog: PackTemplateDialog, desk: Desk
) -> None:
    save(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.saved is None
    assert desk.pack_template.load().version == 0  # still the built-in defaults, no row


def test_the_colour_swatch_opens_the_picker_and_fills_the_hex(
    dialog: PackTemplateDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def pick(start: QColor, *_: object) -> QColor:
        asked.append(start.name().upper())
        return QColor("#2e7d32")

    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(pick))
    dialog.accent_button.click()
    assert asked == [DEFAULT_ACCENT]
    assert dialog.accent.text() == "#2E7D32"
    monkeypatch.setattr(QColorDialog, "getColor", staticmethod(lambda *_: QColor()))
    dialog.accent_button.click()  # cancelled: an invalid colour changes nothing
    assert dialog.accent.text() == "#2E7D32"


def test_a_logo_preview_is_scaled_to_fit_and_remove_takes_it_off(
    dialog: PackTemplateDialog, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    choosing(monkeypatch, make_png(tmp_path / "wide.png", 1200, 200))
    dialog.choose_logo_button.click()
    pixmap = dialog.logo_preview.pixmap()
    assert not pixmap.isNull()
    assert pixmap.width() <= dialog.logo_preview.width()
    assert pixmap.height() <= dialog.logo_preview.height()
    assert abs(pixmap.width() / pixmap.height() - 6) < 0.2, "aspect ratio kept"
    assert "PNG image" in dialog.logo_words.text()
    dialog.remove_logo_button.click()
    assert dialog.logo is None
    assert dialog.logo_preview.pixmap().isNull()
    assert not dialog.remove_logo_button.isEnabled()


# -- bad input: the message names the field, nothing is written ---------------------------------


def test_the_cover_moved_down_is_refused_naming_sections(
    dialog: PackTemplateDialog, desk: Desk
) -> None:
    before = desk.pack_template.load()
    select(dialog, S.COVER)
    dialog.down.click()
    assert_error(dialog, "Sections", "the cover comes first")
    assert_nothing_saved(dialog, desk, before)


def test_the_papers_moved_up_are_refused_naming_sections(
    dialog: PackTemplateDialog, desk: Desk
) -> None:
    before = desk.pack_template.load()
    select(dialog, S.PAPERS)
    dialog.up.click()
    assert_error(dialog, "Sections", "the papers come last")
    assert "Sections: the papers come last" in dialog.save_button.toolTip()
    assert_nothing_saved(dialog, desk, before)


def test_every_section_unticked_is_refused_naming_sections(
    dialog: PackTemplateDialog, desk: Desk
) -> None:
    before = desk.pack_template.load()
    for section in DEFAULT_SECTIONS:
        dialog.sections.set_ticked(section, False)
    assert_error(dialog, "Sections", "at least one section")
    assert_nothing_saved(dialog, desk, before)
    dialog.sections.set_ticked(S.AGENDA, True)  # one is enough
    assert dialog.save_button.isEnabled()


def test_an_unticked_cover_may_sit_anywhere(dialog: PackTemplateDialog) -> None:
    dialog.sections.set_ticked(S.COVER, False)
    select(dialog, S.COVER)
    dialog.down.click()
    assert not visible_errors(dialog)
    dialog.sections.set_ticked(S.COVER, True)  # ticked again where it now is: refused
    assert_error(dialog, "Sections", "the cover comes first")


@pytest.mark.parametrize("typed", ["#12345", "blue", "#GG0000", "", "#1F3A5F0"])
def test_a_bad_hex_colour_is_refused_naming_accent_colour(
    dialog: PackTemplateDialog, desk: Desk, typed: str
) -> None:
    before = desk.pack_template.load()
    dialog.accent.setText(typed)
    assert_error(dialog, "Accent colour", "is not a colour like #1F3A5F")
    assert_nothing_saved(dialog, desk, before)


def _text_as_png(tmp_path: Path) -> Path:
    path = tmp_path / "minutes.png"
    path.write_text("These are the minutes, not a picture.\n")
    return path


def _too_big(tmp_path: Path) -> Path:
    path = make_png(tmp_path / "poster.png")
    with path.open("ab") as out:
        out.write(b"\0" * 3_000_000)  # a real PNG header, 3 MB in all
    return path


def _damaged(tmp_path: Path) -> Path:
    path = tmp_path / "torn.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"not the rest of an image" * 10)
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "logos.png"
    path.mkdir()
    return path


BAD_LOGOS: dict[str, tuple[Callable[[Path], Path], str]] = {
    "text renamed .png": (_text_as_png, "is not a PNG or JPEG image"),
    "3 MB PNG": (_too_big, "a logo must be 2 MB or smaller"),
    "missing file": (lambda tmp: tmp / "gone.png", "does not exist"),
    "damaged PNG": (_damaged, "cannot be read as an image"),
    "a folder": (_folder, "is a folder"),
}


@pytest.mark.parametrize("case", list(BAD_LOGOS))
def test_a_bad_logo_file_is_refused_naming_the_file_and_logo(
    dialog: PackTemplateDialog,
    desk: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: str,
) -> None:
    good = make_png(tmp_path / "crest.png")
    choosing(monkeypatch, good)
    dialog.choose_logo_button.click()
    make, words = BAD_LOGOS[case]
    bad = make(tmp_path)
    choosing(monkeypatch, bad)
    dialog.choose_logo_button.click()
    [(kind, title, text)] = messenger.messages
    assert kind == "error"
    assert "Logo" in title
    assert text.startswith("Logo: ")
    assert f"“{bad.name}”" in text
    assert words in text
    assert "unchanged" in text
    assert dialog.logo == good.read_bytes(), "the logo the form had stays"
    save(dialog)
    assert desk.pack_template.load().logo == good.read_bytes()


def test_an_unreadable_logo_file_is_refused_naming_it(
    dialog: PackTemplateDialog,
    desk: Desk,
    messenger: RecordingMessenger,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    locked = make_png(tmp_path / "locked.png")

    def refuse(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    choosing(monkeypatch, locked)
    dialog.choose_logo_button.click()
    [(_, _, text)] = messenger.messages
    assert text.startswith("Logo: “locked.png” cannot be read (Permission denied)")
    assert dialog.logo is None
    assert desk.pack_template.load().logo is None


def test_cancelling_the_file_dialog_changes_nothing(
    dialog: PackTemplateDialog, messenger: RecordingMessenger, monkeypatch: pytest.MonkeyPatch
) -> None:
    choosing(monkeypatch, "")
    dialog.choose_logo_button.click()
    assert dialog.logo is None
    assert not messenger.messages


def test_a_problem_the_service_finds_is_shown_under_its_field(
    dialog: PackTemplateDialog, desk: Desk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> PackTemplate:
        raise ValidationError(FieldProblem("Logo", "is larger than 2 MB"))

    monkeypatch.setattr(desk.pack_template, "update", refuse)
    dialog.accent.setText("#7B1FA2")
    save(dialog)
    assert_error(dialog, "Logo", "is larger than 2 MB")
    assert dialog.isVisible()
    assert dialog.saved is None


# -- other officers, read-only boards, the entry point ---------------------------------------


def test_a_stale_version_is_reported_and_the_form_keeps_its_content(
    dialog: PackTemplateDialog, desk: Desk, messenger: RecordingMessenger
) -> None:
    theirs = desk.pack_template.update((S.COVER, S.AGENDA), "#2E7D32", None, expected_version=0)
    dialog.sections.set_ticked(S.MINUTES, False)
    dialog.accent.setText("#7B1FA2")
    save(dialog)
    [(kind, title, text)] = messenger.messages
    assert kind == "error"
    assert title == "The pack template changed"
    assert "nothing was saved" in text
    assert desk.pack_template.load() == theirs
    assert dialog.isVisible()
    assert dialog.saved is None
    assert S.MINUTES not in dialog.sections.included()
    assert dialog.accent.text() == "#7B1FA2"
    save(dialog)  # a second Save, having been told, replaces theirs
    assert desk.pack_template.load().accent == "#7B1FA2"
    assert saved_of(dialog) == desk.pack_template.load()
    assert desk.pack_template.load().version == theirs.version + 1


def test_a_read_only_board_shows_the_template_but_cannot_change_it(
    qtbot: QtBot, desk: Desk, board_path: Path, messenger: RecordingMessenger
) -> None:
    desk.pack_template.update((S.COVER, S.AGENDA, S.PAPERS), "#2E7D32", None, expected_version=0)
    reader = open_desk(board_path, ACTOR, read_only=True, take_lock=False)
    try:
        dialog = shown(qtbot, reader, messenger)
        assert dialog.sections.included() == (S.COVER, S.AGENDA, S.PAPERS)
        assert not dialog.save_button.isEnabled()
        assert dialog.save_button.toolTip() == READ_ONLY_REASON
        assert dialog.accent.isReadOnly()
        assert dialog.accent.text() == "#2E7D32"
        for button in (dialog.up, dialog.down, dialog.accent_button, dialog.restore,
                       dialog.choose_logo_button, dialog.remove_logo_button):  # fmt: skip
            assert not button.isEnabled(), button.objectName()
        select(dialog, S.AGENDA)
        dialog.sections.move_current(1)
        assert dialog.sections.included() == (S.COVER, S.AGENDA, S.PAPERS), "nothing moves"
        assert not dialog.sections.item(0).flags() & Qt.ItemFlag.ItemIsUserCheckable
        dialog.accent.setText("#000000")  # even typed in code: revalidating keeps Save off
        assert not dialog.save_button.isEnabled()
    finally:
        reader.close()


def _answer_the_modal(do: Callable[[PackTemplateDialog], None]) -> None:
    def answer() -> None:
        modal = QApplication.activeModalWidget()
        assert isinstance(modal, PackTemplateDialog), modal
        try:
            do(modal)
        finally:
            if modal.isVisible():
                modal.reject()

    QTimer.singleShot(0, answer)


@pytest.fixture
def window(qtbot: QtBot) -> QWidget:
    parent = QWidget()
    qtbot.addWidget(parent)
    return parent


def test_edit_pack_template_is_true_when_a_change_was_saved(
    window: QWidget, desk: Desk, messenger: RecordingMessenger
) -> None:
    def change(modal: PackTemplateDialog) -> None:
        modal.accent.setText("#7B1FA2")
        modal.save_button.click()

    _answer_the_modal(change)
    assert edit_pack_template(window, desk, messenger) is True
    assert desk.pack_template.load().accent == "#7B1FA2"


def test_edit_pack_template_is_false_when_cancelled(
    window: QWidget, desk: Desk, messenger: RecordingMessenger
) -> None:
    def cancel(modal: PackTemplateDialog) -> None:
        modal.accent.setText("#7B1FA2")
        modal.reject()

    _answer_the_modal(cancel)
    assert edit_pack_template(window, desk, messenger) is False
    assert desk.pack_template.load().accent == DEFAULT_ACCENT
