"""Help ▸ About: what is running and where it keeps things, in a form support can use.

When something goes wrong, the first questions from IT or from us are "which
version?" and "where is the board / the log?". The answers are here, selectable,
with one button that copies them all (versions of Python, Qt, SQLAlchemy and the
database included) for an email, and one that opens the log folder.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from improvement_desk import APP_NAME, __version__
from improvement_desk.runtime.paths import AppPaths

SUMMARY = (
    "The improvement board's action plan, risk register, meetings and action log, "
    "scorecard and board packs, kept as one set of data on your laptop or your team's server."
)


@dataclass(frozen=True, slots=True)
class AboutFacts:
    board: str
    data_folder: Path
    log_file: Path
    settings_file: Path

    def rows(self) -> list[tuple[str, str]]:
        return [
            ("Version", __version__),
            ("Board", self.board),
            ("Data folder", str(self.data_folder)),
            ("Log file", str(self.log_file)),
            ("Settings", str(self.settings_file)),
        ]

    def support_text(self) -> str:
        """Everything on the dialog plus the versions of what it runs on, one per line."""
        lines = [f"{APP_NAME} {__version__}"]
        lines += [f"{label}: {value}" for label, value in self.rows()[1:]]
        lines += [
            f"Python: {platform.python_version()} ({sys.platform})",
            f"Qt (PySide6): {pyside_version}",
            f"SQLAlchemy: {_version('SQLAlchemy')}",
            f"ReportLab: {_version('reportlab')}",
            f"openpyxl: {_version('openpyxl')}",
        ]
        return "\n".join(lines)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:  # a frozen bundle may not carry the metadata
        return "bundled"


def about_facts(paths: AppPaths, board: str | None) -> AboutFacts:
    return AboutFacts(
        board=board or "(no board open)",
        data_folder=paths.data_dir,
        log_file=paths.log_file,
        settings_file=paths.config_dir / "preferences.ini",
    )


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None, facts: AboutFacts) -> None:
        super().__init__(parent)
        self.setObjectName("about_dialog")
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.facts = facts

        icon = QLabel()
        window_icon = QGuiApplication.windowIcon()
        if not window_icon.isNull():
            icon.setPixmap(window_icon.pixmap(64, 64))
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        title = QLabel(f"<b>{APP_NAME}</b> {__version__}")  # constants only: no user text
        title.setTextFormat(Qt.TextFormat.RichText)
        summary = QLabel(SUMMARY)
        summary.setWordWrap(True)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        for label, value in facts.rows()[1:]:
            shown = QLabel(value)
            shown.setTextFormat(Qt.TextFormat.PlainText)  # a path may hold any character
            shown.setWordWrap(True)
            shown.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            shown.setAccessibleName(label)
            shown.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.values[label] = shown
            form.addRow(f"{label}:", shown)

        self.copy_button = QPushButton("&Copy details")
        self.copy_button.setToolTip("Copy the version and locations, for an email to support")
        self.copy_button.clicked.connect(self.copy_details)
        self.log_button = QPushButton("Open &log folder")
        self.log_button.clicked.connect(self.open_log_folder)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.log_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.status = QLabel()
        self.status.setAccessibleName("Status")

        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(summary)
        text.addSpacing(6)
        text.addLayout(form)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addLayout(text, 1)
        column = QVBoxLayout(self)
        column.addLayout(top)
        column.addWidget(self.status)
        column.addWidget(buttons)
        self.setMinimumWidth(560)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.facts.support_text())
        self.status.setText("Copied: paste it into your email.")

    def open_log_folder(self) -> None:
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.facts.log_file.parent))):
            self.status.setText(f"Could not open {self.facts.log_file.parent}.")


def show_about(parent: QWidget | None, paths: AppPaths, board: str | None) -> AboutDialog:
    dialog = AboutDialog(parent, about_facts(paths, board))
    dialog.open()
    return dialog
