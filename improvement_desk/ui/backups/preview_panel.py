"""What a backup holds, shown before anyone restores it: the board, its counts, its last change.

A restore replaces the whole board, so the officer must be able to tell one
backup from another by what is in it, not only by its date: the board's
name, how many actions, risks, meetings, log actions and indicators it has,
and when its newest audit entry was written (the last change it knows of).
Everything is read from the backup file (`services/backups.preview_backup`,
read-only), never from the open board. All text is shown literally: a board
name is user text.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from improvement_desk.db.backup import MIGRATION_PREFIX, BackupFile
from improvement_desk.db.schema import head_revision
from improvement_desk.services.backups import BackupPreview
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.text import plain_tooltip, size_text
from improvement_desk.ui.theme import error_text_css, label_colour
from improvement_desk.ui.widgets import named

REASONS = {
    "open": "Board opened",
    "daily": "Daily",
    "manual": "Backed up by hand",
    "before-restore": "Before a restore",
}
NOT_HELD = "—"  # an older schema without that table


def reason_text(backup: BackupFile) -> str:
    if backup.reason.startswith(MIGRATION_PREFIX):
        return f"Before upgrade to schema {backup.reason[len(MIGRATION_PREFIX) :]}"
    return REASONS.get(backup.reason, backup.reason)


def local_time(moment: datetime) -> str:
    """A UTC moment as the officer's clock showed it, e.g. 'Mon 31 Mar 2014, 09:00'."""
    return f"{moment.astimezone():%a %d %b %Y, %H:%M}"


def _schema_text(preview: BackupPreview) -> str:
    if preview.problem or preview.schema == head_revision():
        return f"schema {preview.schema}"
    return f"schema {preview.schema}: older, upgraded when the restored board is opened"


def _count(value: int | None) -> str:
    return NOT_HELD if value is None else f"{value:,}"


class BackupPreviewPanel(QGroupBox):
    """The preview of one backup; `show_preview`, `show_problem` or `clear` it."""

    FIELDS = (
        ("board", "Board"),
        ("actions", "Plan actions"),
        ("risks", "Risks"),
        ("meetings", "Meetings"),
        ("log_actions", "Action log"),
        ("indicators", "Indicators"),
        ("newest_audit", "Last change"),
        ("schema", "Format"),
        ("file", "File"),
        ("size", "Size"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("What this backup holds", parent)
        self.setObjectName("backup_preview")
        self.values: dict[str, QLabel] = {}
        form = QFormLayout()
        for key, label in self.FIELDS:
            value = named(plain_label(), f"preview_{key}")
            value.setWordWrap(True)
            self.values[key] = value
            form.addRow(label + ":", value)
        self.problem = named(plain_label(), "preview_problem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(label_colour(error_text_css()))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addStretch(1)
        self.clear("Choose a backup to see what it holds.")

    def clear(self, note: str = "") -> None:
        for value in self.values.values():
            value.setText("")
        self.problem.setText(note)
        self.problem.setStyleSheet("")

    def show_problem(self, text: str) -> None:
        self.clear()
        self.problem.setStyleSheet(label_colour(error_text_css()))
        self.problem.setText(text)

    def show_preview(self, preview: BackupPreview) -> None:
        texts = {
            "board": preview.board_name,
            "actions": _count(preview.actions),
            "risks": _count(preview.risks),
            "meetings": _count(preview.meetings),
            "log_actions": _count(preview.log_actions),
            "indicators": _count(preview.indicators),
            "newest_audit": (
                local_time(preview.newest_audit) if preview.newest_audit else "No changes recorded"
            ),
            "schema": _schema_text(preview),
            "file": preview.path.name,
            "size": size_text(preview.size),
        }
        for key, text in texts.items():
            self.values[key].setText(text)
        self.values["file"].setToolTip(plain_tooltip(str(preview.path)) or "")
        self.problem.setStyleSheet(label_colour(error_text_css()))
        self.problem.setText(preview.problem or "")
