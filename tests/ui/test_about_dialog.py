"""Help ▸ About: version and locations, selectable and copied whole for support."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from improvement_desk import APP_NAME, __version__
from improvement_desk.runtime.paths import resolve_paths
from improvement_desk.ui.about_dialog import show_about

pytestmark = pytest.mark.gui


def test_it_names_the_version_and_where_things_are(qtbot: QtBot) -> None:
    paths = resolve_paths().ensure()
    board = "/boards/<b>Zoë's</b> board.db"  # a path is shown as typed, never as markup
    dialog = show_about(None, paths, board)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == f"About {APP_NAME}"
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    assert any(__version__ in t for t in texts)
    assert dialog.values["Board"].text() == board
    assert dialog.values["Log file"].text() == str(paths.log_file)
    assert dialog.values["Data folder"].text() == str(paths.data_dir)
    assert all(v.accessibleName() for v in dialog.values.values())

    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"{APP_NAME} {__version__}")
    for line in (f"Board: {board}", f"Log file: {paths.log_file}", "Python: ", "Qt (PySide6): "):
        assert line in copied
    assert "Copied" in dialog.status.text()


def test_no_board_open_says_so(qtbot: QtBot) -> None:
    dialog = show_about(None, resolve_paths().ensure(), None)
    qtbot.addWidget(dialog)
    assert dialog.values["Board"].text() == "(no board open)"
