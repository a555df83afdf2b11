"""The selected meeting's particulars above its agenda: when, where, how far along, and whether
its minutes are approved (and so locked)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from improvement_desk.services.meeting_records import MeetingRecord, MeetingSummary
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.meetings.columns import (
    approval_text,
    fmt_date,
    fmt_long_date,
    fmt_time,
    locked_reason,
)
from improvement_desk.ui.theme import label_colour, muted_text_css

LOCK_STYLE = "background: #FFF4E5; border: 1px solid #E0B070; border-radius: 3px; padding: 4px 8px;"


class MeetingDetail(QWidget):
    FIELDS = ("Date", "Time", "Venue", "Status", "Marking", "Approval")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("meeting_detail")
        self.heading = plain_label()
        self.heading.setObjectName("meeting_heading")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.values: dict[str, QLabel] = {}
        grid = QGridLayout()
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(2)
        for i, field in enumerate(self.FIELDS):
            name = plain_label(f"{field}:")
            name.setStyleSheet(label_colour(muted_text_css()))
            value = plain_label()
            value.setObjectName(f"meeting_{field.lower()}")
            value.setAccessibleName(field)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            row, col = i % 3, (i // 3) * 2
            grid.addWidget(name, row, col, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, col + 1, Qt.AlignmentFlag.AlignTop)
            self.values[field] = value
        grid.setColumnStretch(1, 2)
        grid.setColumnStretch(3, 3)
        self.lock = plain_label()
        self.lock.setObjectName("lock_banner")
        self.lock.setWordWrap(True)
        self.lock.setStyleSheet(LOCK_STYLE)
        self.lock.hide()
        self.hint = plain_label()
        self.hint.setObjectName("meeting_hint")
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(label_colour(muted_text_css()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.setSpacing(4)
        layout.addWidget(self.heading)
        layout.addLayout(grid)
        layout.addWidget(self.lock)
        layout.addWidget(self.hint)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)

    def show_nothing(self, hint: str) -> None:
        self.heading.setText("No meeting selected")
        for value in self.values.values():
            value.setText("")
        self.lock.hide()
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))

    def show_meeting(self, meeting: MeetingRecord, approved_at: MeetingSummary | None) -> None:
        s = meeting.summary
        self.heading.setText(s.label)
        self.values["Date"].setText(fmt_long_date(s.meeting_date))
        self.values["Time"].setText(fmt_time(s.start_time) or "Not set")
        self.values["Venue"].setText(s.venue or "Not set")
        self.values["Status"].setText(s.status.label)
        self.values["Marking"].setText(s.marking.label)
        self.values["Approval"].setText(approval_text(s, approved_at))
        if s.locked:
            count = len(meeting.amendments)
            amended = (
                f" {count} amendment{'s' if count != 1 else ''} recorded, the latest on "
                f"{fmt_date(meeting.amendments[-1].amended_on)}."
                if count
                else ""
            )
            self.lock.setText(f"Locked. {locked_reason(s)}{amended}")
        self.lock.setVisible(s.locked)
        hint = ""
        if not meeting.items:
            hint = "The agenda is empty: add items, or the standing items, from the toolbar."
        self.hint.setText(hint)
        self.hint.setVisible(bool(hint))
