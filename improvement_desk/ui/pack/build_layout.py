"""The Board pack dialog's widgets and layout, without behaviour (build_dialog.py drives them).

The meeting and its pack history at the top; the choice of pack with what the
public one leaves out right under it, so it is read before anything is built;
the progress of a running build with its Cancel; then the commands. A build
disables every command but Cancel, so two builds never race for one file.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.services.pack_records import IssuedPackSummary, Withheld
from improvement_desk.ui.forms import plain_label
from improvement_desk.ui.meetings.page_actions import READ_ONLY_TIP
from improvement_desk.ui.widgets import named

FULL_TEXT = (
    "Everything on the agenda, with exempt and OFFICIAL-SENSITIVE items and their papers: "
    "for board members and officers."
)
PUBLIC_TEXT = "For publication: exempt and OFFICIAL-SENSITIVE items and papers are left out."
LIST_CAPTION = "Left out of this meeting's public pack:"
_HINT_STYLE = "color: palette(placeholder-text);"


def _indented(*widgets: QWidget, indent: int = 26) -> QWidget:
    holder = QWidget()
    lay = QVBoxLayout(holder)
    lay.setContentsMargins(indent, 0, 0, 0)
    for widget in widgets:
        lay.addWidget(widget)
    return holder


def issued_words(packs: Sequence[IssuedPackSummary]) -> str:
    if not packs:
        return "No pack has been issued for this meeting yet."
    last = packs[0]
    when = last.issued_at.astimezone()
    times = "once" if len(packs) == 1 else f"{len(packs)} times"
    return f"Issued {times}; last on {when.day} {when:%b %Y} at {when:%H:%M} by {last.issued_by}."


class PackDialogLayout:
    def __init__(self, dialog: QDialog, meeting: MeetingSummary, *, read_only: bool) -> None:
        self.dialog = dialog
        self.read_only = read_only
        self.sensitive = meeting.marking.rank > 0
        self.no_public = self.sensitive  # also when what it leaves out cannot be read
        heading = named(plain_label(meeting.label), "pack_meeting", "Meeting")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        self.details = named(plain_label(), "pack_meeting_details", "Status and marking")
        self.show_meeting(meeting)
        self.history = named(plain_label(), "pack_history", "Packs issued")
        self.history.setWordWrap(True)

        self.full = named(QRadioButton("&Full pack"), "full_pack", "Full pack")
        self.public = named(QRadioButton("P&ublic pack"), "public_pack", "Public pack")
        self.group = QButtonGroup(dialog)
        self.group.addButton(self.full)
        self.group.addButton(self.public)
        self.full.setChecked(True)
        full_text = plain_label(FULL_TEXT)
        full_text.setWordWrap(True)
        self.public_text = plain_label(PUBLIC_TEXT)
        self.public_text.setWordWrap(True)
        self.withheld_lines = QWidget()
        self.withheld_lines.setObjectName("withheld_lines")
        self.lines_layout = QVBoxLayout(self.withheld_lines)
        self.lines_layout.setContentsMargins(4, 4, 4, 4)
        self.caption = named(plain_label(LIST_CAPTION), "withheld_caption")
        self.withheld = named(QScrollArea(), "withheld", "Left out of the public pack")
        self.withheld.setWidget(self.withheld_lines)
        self.withheld.setWidgetResizable(True)
        self.withheld.setMinimumHeight(110)
        self.no_withheld = named(plain_label(), "withheld_none", "Left out of the public pack")
        self.no_withheld.setWordWrap(True)
        self.no_withheld.setStyleSheet(_HINT_STYLE)

        self.status = named(plain_label(), "pack_status", "Progress")
        self.status.setWordWrap(True)
        self.bar = named(QProgressBar(), "pack_progress", "Building")
        self.bar.setRange(0, 0)  # busy: the page count is known only at the end
        self.bar.setTextVisible(False)
        self.cancel = named(QPushButton("Cancel"), "pack_cancel", "Cancel the build")

        self.issued_packs = named(QPushButton("Issued pac&ks…"), "issued_packs", "Issued packs")
        self.issued_packs.setToolTip("The packs issued for this meeting, exactly as they went out")
        self.template = named(QPushButton("&Template…"), "pack_template", "Pack template")
        self.template.setToolTip("The sections, colour and logo every board pack uses")
        self.preview = named(QPushButton("Pre&view"), "pack_preview", "Preview")
        self.preview.setToolTip("Build a draft of the chosen pack and show it; nothing is stored")
        self.save = named(QPushButton("&Save as…"), "pack_save", "Save as")
        self.save.setToolTip("Build the chosen pack as a PDF file; nothing is stored in the board")
        self.issue = named(QPushButton("&Issue pack…"), "pack_issue", "Issue pack")
        self.issue.setToolTip(
            "Store the full and the public pack in the board as issued, for good"
            if not self.sensitive
            else "Store the full pack in the board as issued, for good"
        )
        self.close = named(QPushButton("Close"), "pack_close", "Close")
        self.preview.setDefault(True)
        if read_only:
            for button in (self.issue, self.template):
                button.setToolTip(READ_ONLY_TIP)

        lay = QVBoxLayout(dialog)
        lay.setSpacing(8)
        lay.addWidget(heading)
        lay.addWidget(self.details)
        lay.addWidget(self.history)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setFrameShadow(QFrame.Shadow.Sunken)
        lay.addWidget(rule)
        lay.addWidget(self.full)
        lay.addWidget(_indented(full_text))
        lay.addSpacing(4)
        lay.addWidget(self.public)
        lay.addWidget(_indented(self.public_text))
        self.withheld_holder = _indented(self.caption, self.withheld)
        self.none_holder = _indented(self.no_withheld)
        lay.addWidget(self.withheld_holder, 1)
        lay.addWidget(self.none_holder)
        self.stretch = QWidget()  # takes the height the list would have had
        lay.addWidget(self.stretch, 1)
        progress = QHBoxLayout()
        progress.addWidget(self.bar, 1)
        progress.addWidget(self.cancel)
        lay.addSpacing(4)
        lay.addWidget(self.status)
        lay.addLayout(progress)
        buttons = QHBoxLayout()
        for button in (self.issued_packs, self.template):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.preview, self.save, self.issue, self.close):
            buttons.addWidget(button)
        lay.addLayout(buttons)
        dialog.setMinimumWidth(660)

    def show_meeting(self, meeting: MeetingSummary) -> None:
        self.details.setText(f"{meeting.status.label} · {meeting.marking.label}")

    def show_withheld(self, lines: Sequence[Withheld] | None, empty: str) -> None:
        """The lines the public pack leaves out; None when there is no public pack."""
        has_lines = bool(lines)
        self.withheld_holder.setVisible(has_lines)
        self.none_holder.setVisible(lines is not None and not has_lines)
        self.stretch.setVisible(not has_lines)
        self.no_withheld.setText(empty)
        if lines is None:  # no public pack: the reason takes the place of its description
            self.no_public = True
            self.public.setEnabled(False)
            self.public.setToolTip(empty)
            self.public_text.setText(empty)
        box = self.lines_layout
        for line in lines or ():
            what = named(plain_label(line.what), "withheld_what")
            bold = QFont(what.font())
            bold.setBold(True)
            what.setFont(bold)
            why = named(plain_label(line.reason), "withheld_why")
            why.setWordWrap(True)
            why.setContentsMargins(12, 0, 0, 6)
            box.addWidget(what)
            box.addWidget(why)
        box.addStretch(1)

    def show_issued(self, packs: Sequence[IssuedPackSummary]) -> None:
        self.history.setText(issued_words(packs))

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def set_busy(self, busy: bool) -> None:
        self.bar.setVisible(busy)
        self.cancel.setVisible(busy)
        self.full.setEnabled(not busy)
        self.public.setEnabled(not busy and not self.no_public)
        for button in (self.preview, self.save):
            button.setEnabled(not busy)
        self.issue.setEnabled(not busy and not self.read_only)
        self.template.setEnabled(not busy and not self.read_only)
