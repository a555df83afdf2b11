"""The dashboard's building blocks: a card, and a figure that is a button.

A figure is a real push button: it takes keyboard focus (Tab, then Space or
Return), has an accessible name that says the whole sentence ("Mark Hollis:
2 overdue plan actions. Opens the action plan filtered to them"), and its
text carries the meaning, so colour only ever supplements it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from improvement_desk.ui.dashboard.requests import FigureRequest
from improvement_desk.ui.widgets import named

FIGURE_STYLE = (
    "QPushButton[figure='true'] { border: 1px solid transparent; border-radius: 4px;"
    " padding: 2px 6px; text-align: left; background: transparent; color: palette(link); }"
    "QPushButton[figure='true']:hover { border-color: palette(mid);"
    " background: palette(alternate-base); }"
    "QPushButton[figure='true']:focus { border: 2px solid palette(highlight); }"
    "QPushButton[figure='true'][zero='true'] { color: palette(placeholder-text); }"
    "QFrame#dashboard_card { border: 1px solid palette(mid); border-radius: 6px;"
    " background: palette(base); }"
    "QLabel[role='card-title'] { font-weight: bold; }"
    "QLabel[role='note'] { color: palette(placeholder-text); }"
)


class FigureButton(QPushButton):
    """One figure on the dashboard; clicking it asks for the list behind it."""

    chosen = Signal(object)  # FigureRequest

    def __init__(
        self,
        key: str,
        text: str,
        count: int,
        request: FigureRequest,
        accessible: str,
        *,
        big: bool = False,
        icon: QIcon | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(text, parent)
        self.key = key
        self.count = count
        self.request = request
        self.setObjectName(f"figure:{key}")
        self.setProperty("figure", True)
        self.setProperty("zero", count == 0)
        self.setAccessibleName(f"{accessible}. Opens {_where(request)}")
        self.setToolTip(f"Show {_where(request)}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAutoDefault(False)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        if icon is not None:
            self.setIcon(icon)
        if big:
            font = QFont(self.font())
            font.setPointSizeF(font.pointSizeF() * 1.3)
            font.setBold(True)
            self.setFont(font)
        self.clicked.connect(lambda *_: self.chosen.emit(self.request))


def _where(request: FigureRequest) -> str:
    if request.module == "Meetings":
        return "the meeting on the Meetings page"
    return f"the {request.module.lower()} filtered to them"


class Card(QFrame):
    """A titled panel; its `body` layout holds the figures."""

    def __init__(self, name: str, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        named(self, "dashboard_card", title)
        self.setProperty("card", name)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 12)
        outer.setSpacing(6)
        self.title = label(title, role="card-title")
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.15)
        font.setBold(True)
        self.title.setFont(font)
        outer.addWidget(self.title)
        self.body = QVBoxLayout()
        self.body.setSpacing(4)
        outer.addLayout(self.body)
        outer.addStretch(1)


def label(text: str, *, role: str = "", wrap: bool = False) -> QLabel:
    widget = QLabel(text)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setWordWrap(wrap)
    if role:
        widget.setProperty("role", role)
    return widget
