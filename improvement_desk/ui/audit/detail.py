"""The selected change in full: what it was before, what it became, who, when, where.

The table shows a value's first line; minutes, commentary and descriptions run
to paragraphs, and an auditor must read them whole. Both values sit in
read-only plain-text boxes (selectable, wrapped, never read as markup), side by
side so a changed word can be found by eye. The stored field name is shown
beside its label, because that is what the database and the export call it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPlainTextEdit, QWidget

from improvement_desk.services.audit_reader import (
    AuditRecord,
    change_word,
    entity_label,
    field_label,
)
from improvement_desk.ui.audit.audit_model import when_text
from improvement_desk.ui.widgets import named

NOTHING_SELECTED = "Select a change to read its full before and after text."
NO_VALUE = "No value"


def summary(record: AuditRecord) -> str:
    """'Risk R2 · Current likelihood (current_likelihood) updated'."""
    what = f"{entity_label(record.entity)} {record.entity_label}".strip()
    field = f" · {field_label(record.field)} ({record.field})" if record.field else ""
    return f"{what} (id {record.entity_id}){field} {change_word(record.operation)}"


def byline(record: AuditRecord) -> str:
    login = f" ({record.os_login})" if record.os_login else ""
    return f"{when_text(record)} by {record.actor}{login} · audit row {record.id}"


class AuditDetail(QWidget):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.title = self._label("detail_title", "Selected change")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.byline = self._label("detail_byline", "Who made the selected change, and when")
        self.before = self._box("before", "Value before the change")
        self.after = self._box("after", "Value after the change")
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 4, 0, 0)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.title, 0, 0, 1, 2)
        grid.addWidget(self.byline, 1, 0, 1, 2)
        for column, (text, box) in enumerate((("&Before", self.before), ("&After", self.after))):
            label = QLabel(text)
            label.setBuddy(box)
            grid.addWidget(label, 2, column)
            grid.addWidget(box, 3, column)
            grid.setColumnStretch(column, 1)
        grid.setRowStretch(3, 1)
        self.show_record(None)

    @staticmethod
    def _label(name: str, accessible: str) -> QLabel:
        label = named(QLabel(), name, accessible)
        label.setTextFormat(Qt.TextFormat.PlainText)  # user text: never markup
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    @staticmethod
    def _box(name: str, accessible: str) -> QPlainTextEdit:
        box = named(QPlainTextEdit(), name, accessible)
        box.setReadOnly(True)
        box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        box.setTabChangesFocus(True)
        return box

    def show_record(self, record: AuditRecord | None) -> None:
        if record is None:
            self.title.setText(NOTHING_SELECTED)
            self.byline.clear()
            for box in (self.before, self.after):
                box.setPlaceholderText("")
                box.clear()
            return
        self.title.setText(summary(record))
        self.byline.setText(byline(record))
        for box, value in ((self.before, record.old_value), (self.after, record.new_value)):
            box.setPlaceholderText(NO_VALUE)  # greyed, so it never passes for a stored value
            box.setPlainText(value or "")
