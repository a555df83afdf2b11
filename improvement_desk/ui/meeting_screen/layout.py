"""Where everything sits on the meeting screen; layout only, no behaviour.

Three columns at a glance: the agenda, the item under discussion, the room.
The middle column is a splitter so the clerk can give the minute more room
during a long discussion; the matters arising appear only at the item where
the board goes through them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import StandingItem
from improvement_desk.services.meeting_records import AgendaItemRecord, MeetingRecord
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.meeting_screen.actions import ActionsPanel
from improvement_desk.ui.meeting_screen.attendance import AttendanceModel, AttendanceView
from improvement_desk.ui.meeting_screen.decisions import DecisionsPanel
from improvement_desk.ui.meeting_screen.declarations import DeclarationsPanel
from improvement_desk.ui.meeting_screen.fields import section_title
from improvement_desk.ui.meeting_screen.header import MeetingHeader
from improvement_desk.ui.meeting_screen.items import ItemsModel, ItemsView
from improvement_desk.ui.meeting_screen.matters import MattersPanel
from improvement_desk.ui.meeting_screen.minute import PLACEHOLDER, MinuteEditor

AGENDA_HINT = "Ctrl+PgDn / Ctrl+PgUp: next / previous item\nAlt+1 … Alt+9: go to item 1 … 9"
ATTENDANCE_HINT = (
    "P present · A apologies · X absent (then the next line)\n"
    "Space cycles · Delete clears · Enter types a substitute"
)
HINT_STYLE = "color: #555555;"
CENTRE_SHARES = (3, 2, 2, 2)  # minute, decisions and declarations, matters arising, actions
# At the action-log item the matters arising are the business: they get the most room.
MATTERS_SHARES = (3, 2, 4, 2)


def matters_item(record: MeetingRecord) -> int | None:
    """The item where the board goes through the matters arising: the action log item,
    else the minutes of the last meeting ("… and matters arising")."""
    for kind in (StandingItem.ACTION_LOG, StandingItem.PREVIOUS_MINUTES):
        for item in record.items:
            if item.standing is kind:
                return item.id
    return None


def item_details(item: AgendaItemRecord) -> str:
    """'Presented by Jane Smith · Discussion · 10:35, 15 minutes · Part B (paragraph 2)'."""
    parts = []
    if item.presenter:
        parts.append(f"Presented by {item.presenter}")
    parts.append(item.purpose.label)
    if item.starts_at is not None:
        timing = f"{item.starts_at:%H:%M}"
        if item.minutes_allowed:
            timing += f", {item.minutes_allowed} minutes"
        parts.append(timing)
    if item.exempt:
        parts.append(f"Part B: exempt, Schedule 12A paragraph {item.exempt_paragraph}")
    if item.marking is not Marking.OFFICIAL:
        parts.append(item.marking.label)
    if item.papers:
        parts.append(f"{len(item.papers)} paper" + ("" if len(item.papers) == 1 else "s"))
    return " · ".join(parts)


def _hint(text: str, name: str) -> QLabel:
    label = plain_label(text)
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(HINT_STYLE)
    return label


def _column(*widgets: QWidget, stretch: QWidget | None = None) -> QWidget:
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    for widget in widgets:
        layout.addWidget(widget, 1 if widget is stretch else 0)
    return holder


class ScreenLayout:
    def __init__(self, screen: QWidget) -> None:
        self.screen = screen
        self.header = MeetingHeader(screen)
        self.items_model = ItemsModel(screen)
        self.items_view = ItemsView(self.items_model)
        self.minute = MinuteEditor()
        self.decisions = DecisionsPanel()
        self.declarations = DeclarationsPanel()
        self.actions = ActionsPanel()
        self.matters = MattersPanel()
        self.attendance_model = AttendanceModel(screen)
        self.attendance_view = AttendanceView(self.attendance_model)
        self.item_heading = plain_label("")
        self.item_info = plain_label("")
        self.minute_state = plain_label("")
        self.attendance_summary = plain_label("")
        self.attendance_hint = _hint(ATTENDANCE_HINT, "attendance_hint")
        self.body = QSplitter(Qt.Orientation.Horizontal, screen)
        self.centre = QSplitter(Qt.Orientation.Vertical)
        self.middle = QSplitter(Qt.Orientation.Horizontal)

    def build(self) -> None:
        self.item_heading.setObjectName("item_heading")
        font = QFont(self.item_heading.font())
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setBold(True)
        self.item_heading.setFont(font)
        self.item_heading.setWordWrap(True)
        self.item_info.setObjectName("item_info")
        self.item_info.setWordWrap(True)
        self.item_info.setStyleSheet(HINT_STYLE)
        self.minute_state.setObjectName("minute_state")
        self.minute_state.setStyleSheet(HINT_STYLE)
        self.attendance_summary.setObjectName("attendance_summary")
        self.attendance_summary.setWordWrap(True)

        left = _column(
            section_title("Agenda", "agenda_title"),
            self.items_view,
            _hint(AGENDA_HINT, "agenda_hint"),
            stretch=self.items_view,
        )
        minute_title = QWidget()
        row = QHBoxLayout(minute_title)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(section_title("Minute", "minute_title"))
        row.addStretch(1)
        row.addWidget(self.minute_state)
        minute_box = _column(minute_title, self.minute, stretch=self.minute)

        self.middle.setObjectName("decisions_splitter")
        self.middle.addWidget(self.decisions)
        self.middle.addWidget(self.declarations)
        self.middle.setStretchFactor(0, 3)
        self.middle.setStretchFactor(1, 2)
        self.middle.setChildrenCollapsible(False)
        self.centre.setObjectName("item_splitter")
        for widget in (minute_box, self.middle, self.matters, self.actions):
            self.centre.addWidget(widget)
        self.centre.setChildrenCollapsible(False)
        for index, stretch in enumerate(CENTRE_SHARES):
            self.centre.setStretchFactor(index, stretch)
        centre = _column(self.item_heading, self.item_info, self.centre, stretch=self.centre)

        right = _column(
            section_title("Attendance", "attendance_title"),
            self.attendance_view,
            self.attendance_summary,
            self.attendance_hint,
            stretch=self.attendance_view,
        )
        self.body.setObjectName("meeting_splitter")
        for widget in (left, centre, right):
            self.body.addWidget(widget)
        self.body.setStretchFactor(0, 0)
        self.body.setStretchFactor(1, 1)
        self.body.setStretchFactor(2, 0)
        self.body.setSizes([250, 790, 360])
        self.body.setChildrenCollapsible(False)

        screen = self.screen
        for first, second in (
            (self.items_view, self.minute),
            (self.minute, self.decisions.line),
            (self.decisions.line, self.decisions.add_button),
            (self.decisions.add_button, self.declarations.person),
            (self.declarations.person, self.declarations.about),
            (self.declarations.about, self.declarations.nature),
            (self.declarations.nature, self.declarations.declare_button),
            (self.declarations.declare_button, self.matters.table),
            (self.matters.table, self.actions.text),
            (self.actions.text, self.actions.owner),
            (self.actions.owner, self.actions.due),
            (self.actions.due, self.actions.add_button),
            (self.actions.add_button, self.attendance_view),
        ):
            screen.setTabOrder(first, second)

    # -- showing -------------------------------------------------------------------------------

    def show_item_heading(self, item: AgendaItemRecord | None) -> None:
        if item is None:
            self.item_heading.setText("This meeting has no agenda items yet")
            self.item_info.setText("Add items from the Meetings page.")
            return
        self.item_heading.setText(f"{item.number}. {item.title}")
        self.item_info.setText(item_details(item))

    def show_matters(self, shown: bool) -> None:
        if shown == self.matters.isVisibleTo(self.screen):
            return
        self.matters.setVisible(shown)
        sizes = self.centre.sizes()
        total = sum(sizes)
        if shown and total:
            # A splitter shows a child it hid at no height at all: share the room out again.
            self.centre.setSizes([total * share // sum(MATTERS_SHARES) for share in MATTERS_SHARES])

    def show_minute_state(self, dirty: bool, writable: bool) -> None:
        if not writable:
            text = "Read only"
        elif dirty:
            text = "Not saved yet: saves when you pause or move on (Ctrl+S now)"
        else:
            text = "Saved"
        self.minute_state.setText(text)

    def set_writable(self, writable: bool) -> None:
        self.minute.setReadOnly(not writable)
        self.minute.setPlaceholderText(PLACEHOLDER if writable else "No minute was recorded.")
        self.attendance_hint.setVisible(writable)
        for panel in (self.decisions, self.declarations, self.actions, self.matters):
            panel.set_writable(writable)

    def clear_entries(self) -> None:
        """A different meeting: nothing half-typed for the last one carries over."""
        self.decisions.line.clear()
        self.decisions.editing = None
        self.declarations.nature.clear()
        self.declarations.person.reset()
        self.actions.text.clear()
        self.actions.owner.reset()
        self.actions.due.clear()
        self.matters.new_due.clear()
        self.matters.reason.clear()
