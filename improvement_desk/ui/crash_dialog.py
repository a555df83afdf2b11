"""The last resort: an unexpected error is logged and shown with a report the user can copy."""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from improvement_desk import __version__
from improvement_desk.ui.widgets import named

log = logging.getLogger(__name__)


def crash_report(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> str:
    lines = traceback.format_exception(exc_type, exc, tb)
    return (
        f"Improvement Desk {__version__}\nPython {platform.python_version()}, "
        f"PySide6 {pyside_version}, {platform.platform()}\n\n" + "".join(lines)
    )


class CrashDialog(QDialog):
    def __init__(self, report: str, log_file: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Improvement Desk — unexpected error")
        self.setObjectName("crash_dialog")
        intro = QLabel(
            "Something went wrong that Improvement Desk did not expect. Your saved work is safe: "
            "every change is saved when you make it. Please copy this report and send it to "
            "whoever supports Improvement Desk for you."
        )
        intro.setWordWrap(True)
        where = QLabel(f"The log file is {log_file}")
        where.setTextFormat(Qt.TextFormat.PlainText)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report = named(QPlainTextEdit(report), "report")
        self.report.setReadOnly(True)
        self.report.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report.setAccessibleName("Error report")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("&Copy report", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.report, 1)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.resize(720, 460)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.report.toPlainText())


class CrashHandler:
    """Installed as `sys.excepthook`; keeps the dialog alive and shows one at a time."""

    def __init__(self, log_file: Path) -> None:
        self.log_file = log_file
        self.dialog: CrashDialog | None = None
        self._previous = sys.excepthook

    def install(self) -> None:
        sys.excepthook = self

    def uninstall(self) -> None:
        sys.excepthook = self._previous

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> Any:
        report = crash_report(exc_type, exc, tb)
        log.critical("unexpected error\n%s", report)
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.report.appendPlainText("\n" + report)
            return
        self.dialog = CrashDialog(report, self.log_file)
        self.dialog.open()
