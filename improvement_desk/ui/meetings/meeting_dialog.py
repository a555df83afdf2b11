"""Plan a meeting, or change one: its date, start, venue, title and protective marking.

A new meeting starts with the board's standing agenda unless the user says
otherwise; the venue and start time are offered from the board's settings.
"""

from __future__ import annotations

from datetime import date, time

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLineEdit, QTimeEdit, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import MeetingDraft, validate_meeting
from improvement_desk.domain.text_rules import SHORT_TEXT, clean_text
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.ui.forms import DateField, FormDialog

DEFAULT_TITLE = "Improvement Board"


def marking_combo() -> QComboBox:
    combo = QComboBox()
    for marking in Marking:
        combo.addItem(marking.label, marking.value)
    return combo


def set_marking(combo: QComboBox, marking: Marking) -> None:
    combo.setCurrentIndex(max(combo.findData(marking.value), 0))


def marking_of(combo: QComboBox) -> Marking:
    return Marking(combo.currentData())


class StartTimeEdit(QWidget):
    """A start time that may be left open: a time editor with a "Not set" box beside it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QTimeEdit(self)
        self.edit.setDisplayFormat("HH:mm")
        self.edit.setTime(QTime(14, 0))
        self.none_box = QCheckBox("Not &set", self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.none_box)
        self.setFocusProxy(self.edit)
        self.none_box.toggled.connect(lambda on: self.edit.setEnabled(not on))

    def value(self) -> time | None:
        if self.none_box.isChecked():
            return None
        chosen = self.edit.time()
        return time(chosen.hour(), chosen.minute())

    def set_value(self, value: time | None) -> None:
        if value is not None:
            self.edit.setTime(QTime(value.hour, value.minute))
        self.none_box.setChecked(value is None)


class MeetingDialog(FormDialog):
    """`submitted` carries (MeetingDraft, add the standing items?)."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        initial: MeetingSummary | None,
        today: date,
        default_venue: str = "",
        default_start: time | None = None,
        default_marking: Marking = Marking.OFFICIAL,
    ) -> None:
        title = f"Edit meeting — {initial.label}" if initial else "New meeting"
        super().__init__(parent, title=title, is_new=initial is None)
        self.setMinimumWidth(520)
        self.meeting_date = DateField.edit(initial.meeting_date if initial else today)
        self.start = StartTimeEdit()
        self.venue = QLineEdit()
        self.venue.setPlaceholderText("e.g. Committee Room 1, County Hall")
        self.meeting_title = QLineEdit()
        self.meeting_title.setPlaceholderText(DEFAULT_TITLE)
        for edit in (self.venue, self.meeting_title):
            edit.setMaxLength(SHORT_TEXT * 2)  # room to show the too-long error
        self.marking = marking_combo()
        self.add_row("Date", "&Date:", self.meeting_date, "meeting_date")
        self.add_row("Start time", "Start &time:", self.start, "start_time")
        self.add_row("Venue", "&Venue:", self.venue, "venue")
        self.add_row("Title", "T&itle:", self.meeting_title, "meeting_title")
        self.add_row("Marking", "&Marking:", self.marking, "marking")
        self.standing = QCheckBox("Add the &standing items (welcome, minutes, action log, …)")
        self.standing.setObjectName("standing_items")
        self.standing.setChecked(initial is None)
        if initial is None:
            self.form.addRow("", self.standing)
        else:
            self.standing.setParent(self)
            self.standing.hide()

        if initial is not None:
            self.start.set_value(initial.start_time)
            self.venue.setText(initial.venue)
            self.meeting_title.setText(initial.title)
            set_marking(self.marking, initial.marking)
        else:
            self.start.set_value(default_start or time(14, 0))
            self.venue.setText(default_venue)
            set_marking(self.marking, default_marking)  # the board's setting
            self.meeting_title.setText(DEFAULT_TITLE)
        order: list[QWidget] = [self.meeting_date, self.start.edit, self.start.none_box,
                                self.venue, self.meeting_title, self.marking]  # fmt: skip
        self.chain_tab_order([*order, self.standing] if initial is None else order)
        self.watch("Date", self.meeting_date.dateChanged)
        self.watch("Start time", self.start.edit.timeChanged, self.start.none_box.toggled)
        self.watch("Venue", self.venue.textChanged)
        self.watch("Title", self.meeting_title.textChanged)
        self.watch("Marking", self.marking.currentIndexChanged)
        self.revalidate()
        self.meeting_date.setFocus()

    def draft(self) -> MeetingDraft:
        return MeetingDraft(
            meeting_date=DateField.to_date(self.meeting_date.date()),
            start_time=self.start.value(),
            venue=clean_text(self.venue.text()),
            title=clean_text(self.meeting_title.text()),
            marking=marking_of(self.marking),
        )

    def value(self) -> tuple[MeetingDraft, bool]:
        return self.draft(), self.standing.isChecked()

    def problems(self) -> list[FieldProblem]:
        return validate_meeting(self.draft())
