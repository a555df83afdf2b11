"""Small fields the meeting screen's entry rows share.

`EntryLine` is a line that takes Return as "save this" and, while it holds
text, Esc as "forget this" (otherwise Esc leaves the screen). `PersonCombo`
is a list of people the clerk picks by typing any part of a name; what was
typed is resolved to one person or to a problem that says why not.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QStringListModel, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QLineEdit, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.ui.forms import describe, plain_label
from improvement_desk.ui.theme import error_text_css, label_colour


class EntryLine(QLineEdit):
    """Return emits `submitted`; Esc clears the line (and emits `cancelled`) if it has text."""

    submitted = Signal()
    cancelled = Signal()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Escape
            and self.text()
        ):
            event.accept()  # our Esc, not the screen's "back"
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            event.accept()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self.cancelled.emit()
            event.accept()
            return
        super().keyPressEvent(event)


def problem_label(name: str) -> QLabel:
    """The red line under an entry row that names the field at fault."""
    label = plain_label()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(label_colour(error_text_css()))
    label.hide()
    return label


def show_problems(label: QLabel, problems: Sequence[FieldProblem]) -> None:
    text = "\n".join(dict.fromkeys(describe(p) for p in problems))
    label.setText(text)
    label.setVisible(bool(text))


def section_title(text: str, name: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


def resolve_person(field: str, typed: str, people: Sequence[tuple[int, str]]) -> int | FieldProblem:
    """The one person `typed` names: the whole name, else the only name it is part of."""
    key = " ".join(typed.split()).casefold()
    if not key:
        return FieldProblem(field, "is required")
    exact = [pid for pid, name in people if name.casefold() == key]
    if len(exact) == 1:
        return exact[0]
    matches = [(pid, name) for pid, name in people if key in name.casefold()]
    starts = [(pid, name) for pid, name in matches if name.casefold().startswith(key)]
    for found in (starts, matches):
        if len(found) == 1:
            return found[0][0]
    if len(matches) > 1:
        names = ", ".join(name for _, name in matches[:4]) + ("…" if len(matches) > 4 else "")
        return FieldProblem(field, f"'{typed.strip()}' could be {names}: type more of the name")
    return FieldProblem(field, f"no one called '{typed.strip()}' is on the board's list of people")


class PersonCombo(QComboBox):
    """An editable list of people with type-ahead on any part of the name."""

    def __init__(self, placeholder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(14)
        self._people: list[tuple[int, str]] = []
        self._names = QStringListModel(self)
        completer = QCompleter(self._names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)
        self.line().setPlaceholderText(placeholder)

    def line(self) -> QLineEdit:
        line = self.lineEdit()
        assert line is not None
        return line

    def set_people(self, people: Sequence[tuple[int, str]]) -> None:
        if list(people) == self._people:
            return
        typed = self.currentText()
        self._people = list(people)
        self.blockSignals(True)
        self.clear()
        for pid, name in self._people:
            self.addItem(name, pid)
        self.setCurrentIndex(-1)
        self.setEditText(typed)
        self.blockSignals(False)
        self._names.setStringList([name for _, name in self._people])

    def people(self) -> list[tuple[int, str]]:
        return list(self._people)

    def typed(self) -> str:
        """What the field means now: a highlighted completion, else the text as typed."""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if popup is not None and popup.isVisible() and popup.currentIndex().isValid():
            return str(popup.currentIndex().data())
        return self.currentText()

    def resolve(self, field: str) -> int | FieldProblem:
        return resolve_person(field, self.typed(), self._people)

    def reset(self) -> None:
        self.setCurrentIndex(-1)
        self.setEditText("")
