"""The first thing a new user sees: four ways in, and their name, on one page.

A board officer opening the app for the first time has no board yet. Rather than
silently creating an empty board file they did not ask for (and then asking their
name in a separate dialog), the window shows this page in its body: the name for
the audit trail (prefilled from the computer account) and four choices: start a
new board, open a board file someone sent, connect to the team's server, or
explore the demo board. Each choice is a command link, so it reads as a sentence,
takes the keyboard (Tab, Space/Enter) and says what will happen before it does.
The page decides nothing itself: it emits `chosen(choice, name)` and the window
carries the choice out with the commands it already has (File ▸ New board…, …).
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCommandLinkButton,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from improvement_desk import APP_NAME
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.text_rules import SHORT_TEXT
from improvement_desk.ui.preferences import USER_NAME_FIELD, check_user_name
from improvement_desk.ui.theme import error_text_css, label_colour


class FirstRunChoice(StrEnum):
    NEW_BOARD = "new"
    OPEN_FILE = "open"
    CONNECT = "connect"
    DEMO = "demo"


_CHOICES = (
    (
        FirstRunChoice.NEW_BOARD,
        "Start a new board",
        "An empty board kept on this laptop, at {board}. Add the plan, risks and meetings, "
        "or import them from your Excel workbooks.",
    ),
    (
        FirstRunChoice.OPEN_FILE,
        "Open a board file…",
        "A board file (.db) you already have or that a colleague sent you.",
    ),
    (
        FirstRunChoice.CONNECT,
        "Connect to your team's server…",
        "A board your team shares on a PostgreSQL server (host, database and user from IT).",
    ),
    (
        FirstRunChoice.DEMO,
        "Explore the demo board",
        "A made-up council's improvement board with a year of plans, risks, meetings and "
        "packs, to try things out safely. Your own boards are not touched.",
    ),
)


class FirstRunPage(QWidget):
    """Emits `chosen(choice, name)`; `name` is the trimmed name, checked before emitting."""

    chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None, *, name: str, board_location: str) -> None:
        super().__init__(parent)
        self.setObjectName("first_run_page")
        self.buttons: dict[FirstRunChoice, QCommandLinkButton] = {}

        heading = QLabel(f"Welcome to {APP_NAME}")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        heading.setAccessibleName(f"Welcome to {APP_NAME}")
        intro = QLabel(
            "Keep the improvement board's action plan, risk register, meetings, action log and "
            "scorecard in one place, and print the board pack from them. Choose how to begin."
        )
        intro.setWordWrap(True)

        self.name_edit = QLineEdit(name)
        self.name_edit.setObjectName("first_run_name")
        self.name_edit.setAccessibleName(USER_NAME_FIELD)
        self.name_edit.setPlaceholderText("Your name as colleagues know it")
        self.name_edit.setMaxLength(SHORT_TEXT * 2)  # room to show the too-long error
        self.name_edit.textChanged.connect(self._revalidate)
        self.name_problem = QLabel()
        self.name_problem.setObjectName("first_run_name_problem")
        self.name_problem.setWordWrap(True)
        self.name_problem.setStyleSheet(label_colour(error_text_css()))
        name_note = QLabel(
            "Every change you make is recorded with this name and your computer login."
        )
        name_note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(f"{USER_NAME_FIELD}:", self.name_edit)
        form.addRow("", name_note)
        form.addRow("", self.name_problem)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        column = QVBoxLayout()
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(8)
        column.addLayout(form)
        column.addWidget(line)
        for choice, title, description in _CHOICES:
            button = QCommandLinkButton(title, description.format(board=board_location))
            button.setObjectName(f"first_run_{choice.value}")
            button.setAccessibleName(title.rstrip("…"))
            button.setAccessibleDescription(description.format(board=board_location))
            button.clicked.connect(lambda _=False, c=choice: self._choose(c))
            self.buttons[choice] = button
            column.addWidget(button)
        column.addStretch(1)

        body = QWidget()
        body.setLayout(column)
        body.setMaximumWidth(720)  # a readable line length on a wide screen
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 32, 24, 16)
        outer.addStretch(1)
        outer.addWidget(body, 6)
        outer.addStretch(1)
        self.setTabOrder(self.name_edit, self.buttons[FirstRunChoice.NEW_BOARD])
        previous: QWidget = self.buttons[FirstRunChoice.NEW_BOARD]
        for choice in list(FirstRunChoice)[1:]:
            self.setTabOrder(previous, self.buttons[choice])
            previous = self.buttons[choice]
        self._revalidate()

    def problems(self) -> list[FieldProblem]:
        return check_user_name(self.name_edit.text())

    def name(self) -> str:
        return self.name_edit.text().strip()

    def _revalidate(self) -> None:
        problems = self.problems()
        self.name_problem.setText("\n".join(f"{p.field}: {p.message}" for p in problems))
        self.name_problem.setVisible(bool(problems))
        for button in self.buttons.values():
            button.setEnabled(not problems)

    def _choose(self, choice: FirstRunChoice) -> None:
        if self.problems():
            self.name_edit.setFocus()
            return
        self.chosen.emit(choice.value, self.name())

    def focus_first(self) -> None:
        self.buttons[FirstRunChoice.NEW_BOARD].setFocus()
