"""The strip across the top of the meeting screen: which meeting, the quorum, and the way out.

The quorum is the one fact the chair may ask for at any moment, so it sits
here in large type, green when the meeting is quorate and red when it is
not. Under the strip, a banner says when nothing here can be changed and why.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.domain.meeting import is_quorate
from improvement_desk.services.meeting_records import MeetingRecord
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.meeting_screen.attendance import quorum_text

QUORATE_STYLE = "color: #1B5E20; background: #E3F1E4; border: 1px solid #1B5E20;"
NOT_QUORATE_STYLE = "color: #FFFFFF; background: #B3261E; border: 1px solid #8C1D18;"
BANNER_STYLE = "color: #3E2A00; background: #FFF4CC; border: 1px solid #D9B54A; padding: 6px 10px;"


def meeting_heading(record: MeetingRecord) -> str:
    """'Improvement Board — Wednesday 12 March 2014, 10:00, Town Hall'."""
    s = record.summary
    when = f"{s.meeting_date:%A} {s.meeting_date.day} {s.meeting_date:%B %Y}"
    if s.start_time is not None:
        when += f", {s.start_time:%H:%M}"
    return f"{s.title} — {when}" + (f", {s.venue}" if s.venue else "")


def lock_text(record: MeetingRecord, read_only_board: bool) -> str:
    """Why nothing can be changed here, or '' when the minutes are open for typing."""
    if record.locked:
        approved = record.summary.approved_at_date
        on = f" on {approved.day} {approved:%B %Y}" if approved else ""
        return (
            f"These minutes were approved{on} — record an amendment from the Meetings page. "
            "Nothing here can be changed."
        )
    if read_only_board:
        return "This board is open read-only: the minutes can be read and printed, not changed."
    return ""


class MeetingHeader(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.back_button = QPushButton("← Back", self)
        self.back_button.setObjectName("back")
        self.back_button.setToolTip("Back to the meetings (Esc)")
        self.back_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.heading = plain_label("", self)
        self.heading.setObjectName("meeting_heading")
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setBold(True)
        self.heading.setFont(font)
        self.heading.setWordWrap(True)  # a long venue wraps rather than widening the window
        self.heading.setMinimumWidth(200)
        self.status = plain_label("", self)
        self.status.setObjectName("meeting_status")
        self.status.setWordWrap(True)
        self.quorum = QLabel(self)
        self.quorum.setObjectName("quorum")
        self.quorum.setAccessibleName("Quorum")
        self.quorum.setTextFormat(Qt.TextFormat.PlainText)
        self.quorum.setAlignment(Qt.AlignmentFlag.AlignCenter)
        qfont = QFont(self.quorum.font())
        qfont.setPointSizeF(qfont.pointSizeF() + 1)
        qfont.setBold(True)
        self.quorum.setFont(qfont)
        self.quorum.setContentsMargins(10, 4, 10, 4)
        self.quorum.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.print_button = QPushButton("Print minutes…", self)
        self.print_button.setObjectName("print_minutes")
        self.print_button.setToolTip("Write the minutes as a PDF (Ctrl+P)")
        self.print_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.banner = plain_label("", self)
        self.banner.setObjectName("lock_banner")
        self.banner.setWordWrap(True)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.hide()

        strip = QHBoxLayout()
        strip.setContentsMargins(0, 0, 0, 0)
        strip.setSpacing(10)
        strip.addWidget(self.back_button)
        titles = QVBoxLayout()
        titles.setSpacing(0)
        titles.addWidget(self.heading)
        titles.addWidget(self.status)
        strip.addLayout(titles, 1)
        strip.addWidget(self.quorum)
        strip.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(strip)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout.addWidget(line)
        layout.addWidget(self.banner)

    def show_meeting(self, record: MeetingRecord, read_only_board: bool) -> None:
        s = record.summary
        self.heading.setText(meeting_heading(record))
        parts = [s.status.label, s.marking.label]
        if record.previous is not None:
            parts.append(f"previous meeting {record.previous.meeting_date:%d %b %Y}")
        self.status.setText(" · ".join(parts))
        text = lock_text(record, read_only_board)
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def show_quorum(self, present: int, quorum: int) -> None:
        self.quorum.setText(quorum_text(present, quorum))
        self.quorum.setStyleSheet(
            QUORATE_STYLE if is_quorate(present, quorum) else NOT_QUORATE_STYLE
        )
