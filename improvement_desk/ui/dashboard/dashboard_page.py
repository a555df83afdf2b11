"""The home page: the next meeting and its pack, what is overdue or due soon, risks,
red indicators and the plan's BRAG by theme.

The page reads one `Dashboard` record (`Desk.dashboard.read()`) each time it is
shown or the board changes, and rebuilds its cards: a handful of widgets, so a
rebuild is cheaper than keeping figures in step. A figure's click is emitted as
`requested(FigureRequest)`; the main window shows the page behind it, filtered.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, Signal
from PySide6.QtGui import QFont, QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.errors import DeskError
from improvement_desk.services.dashboard import Dashboard
from improvement_desk.ui.dashboard.cards import (
    brag_card,
    due_card,
    indicator_card,
    meeting_card,
    risk_card,
)
from improvement_desk.ui.dashboard.figures import FIGURE_STYLE, Card, FigureButton
from improvement_desk.ui.messages import Messenger
from improvement_desk.ui.widgets import named

if TYPE_CHECKING:
    from improvement_desk.services.desk import Desk

# Below this width the cards stack in one column.
TWO_COLUMNS_FROM = 700
_MARGIN = 16


class DashboardPage(QWidget):
    title = "Home"
    requested = Signal(object)  # FigureRequest

    def __init__(self, desk: Desk, messenger: Messenger, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboard_page")
        self.desk = desk
        self.messenger = messenger
        self.board: Dashboard | None = None
        self.figures: dict[str, FigureButton] = {}
        self._cards: list[Card] = []
        self._columns = 0

        self.heading = named(QLabel(), "dashboard_heading")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.heading.setFont(font)
        self.subheading = named(QLabel(), "dashboard_subheading")
        self.subheading.setTextFormat(Qt.TextFormat.PlainText)
        self.subheading.setWordWrap(True)

        self.content = named(QWidget(), "dashboard_content")
        self.content.setStyleSheet(FIGURE_STYLE)
        self.grid = QGridLayout(self.content)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(12)
        self.scroller = named(QScrollArea(), "dashboard_scroll")
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        # Cards stack below TWO_COLUMNS_FROM; narrower than the widest card, it scrolls sideways
        # rather than cut a figure off (the main window never gets that narrow).
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.scroller.setWidget(self.content)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(_MARGIN, 12, _MARGIN, 12)
        layout.setSpacing(6)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.scroller, 1)
        self.reload()

    # -- data ----------------------------------------------------------------------------------

    def reload(self, select: int | None = None) -> None:
        """Re-reads every figure (`select` is accepted as every page's reload takes it)."""
        try:
            board = self.desk.dashboard.read()
        except DeskError as exc:
            self.messenger.problem(self, "Could not read the dashboard", exc)
            return
        self.board = board
        self.heading.setText(f"What needs attention on {board.today:%A %d %B %Y}")
        self.subheading.setText(
            "Every figure opens the list behind it, filtered. Due soon means in the next "
            f"14 days (by {board.plan.due_by:%d %b %Y}) and not yet overdue."
        )
        focused = self.focusWidget()
        focus_key = focused.key if isinstance(focused, FigureButton) else None
        for card in self._cards:
            self.grid.removeWidget(card)
            card.hide()  # at once: deleteLater waits for the event loop
            card.deleteLater()
        self.figures = {}
        self._cards = []
        built = (
            meeting_card(board.next_meeting, board.today),
            risk_card(board),
            indicator_card(board),
            due_card("plan", "Action plan: overdue and due soon", "plan action", board.plan),
            due_card("log", "Action log: overdue and due soon", "log action", board.log),
            brag_card(board),
        )
        for card, buttons in built:
            self._cards.append(card)
            for button in buttons:
                self.figures[button.key] = button
                button.chosen.connect(self.requested.emit)
        self._columns = 0
        self._arrange()
        if focus_key in self.figures:
            self.figures[focus_key].setFocus(Qt.FocusReason.OtherFocusReason)

    # -- layout --------------------------------------------------------------------------------

    def _arrange(self) -> None:
        """Two columns (meeting beside risks and scorecard, plan beside log, BRAG across the
        foot) on a wide page; one column on a narrow one."""
        room = self.width() - 2 * _MARGIN
        columns = 2 if room >= TWO_COLUMNS_FROM else 1
        if columns == self._columns or len(self._cards) != 6:
            return
        self._columns = columns
        for card in self._cards:
            self.grid.removeWidget(card)
        meeting, risks, indicators, plan, log, brag = self._cards
        if columns == 2:
            places = [(meeting, 0, 0, 2, 1), (risks, 0, 1, 1, 1), (indicators, 1, 1, 1, 1),
                      (plan, 2, 0, 1, 1), (log, 2, 1, 1, 1), (brag, 3, 0, 1, 2)]  # fmt: skip
        else:
            places = [(card, row, 0, 1, 1) for row, card in enumerate(self._cards)]
        for card, row, col, rows, cols in places:
            self.grid.addWidget(card, row, col, rows, cols)
        for col in range(2):
            self.grid.setColumnStretch(col, 1 if col < columns else 0)
        self.grid.setRowStretch(len(self._cards), 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    # -- what every page offers the main window ------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        """Nothing to remember: the dashboard has no splitters or columns."""

    def restore_state(self, settings: QSettings) -> None:
        """Nothing to restore (see `save_state`)."""
