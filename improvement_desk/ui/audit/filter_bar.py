"""The audit viewer's filters: kind of record, record, field, person, from and to dates.

The lists hold only what the trail holds (`AuditReader.choices`), so no choice
finds nothing by construction; the field list narrows to the chosen kind's
fields. A date edit showing "Any" is no bound: QDateEdit cannot be empty, so
its minimum date stands for "any" and reads as such. Typing waits a moment
before asking (`DELAY_MS`), so a search is not run for every letter.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from improvement_desk.services.audit_reader import (
    DEFAULT_LIMIT,
    RECORD_TEXT_LIMIT,
    AuditChoices,
    AuditCriteria,
    Choice,
)
from improvement_desk.ui.widgets import named

DELAY_MS = 300
ANY_DATE = QDate(2000, 1, 1)  # shown as "Any": earlier than any board
DATE_FORMAT = "dd MMM yyyy"


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


class AuditFilterBar(QWidget):
    changed = Signal(object)  # AuditCriteria, after typing has paused

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._choices = AuditChoices((), (), ())
        self.limit = DEFAULT_LIMIT  # rows shown at most, newest first
        self.kind = self._combo("kind", "Record kind filter", "Any kind")
        self.record = named(QLineEdit(), "record", "Record filter")
        self.record.setPlaceholderText("Reference or name, e.g. R2 or 2.4")
        self.record.setToolTip("Records whose reference or name contains this text")
        self.record.setClearButtonEnabled(True)
        self.record.setMaxLength(RECORD_TEXT_LIMIT)
        self.field = self._combo("field", "Field filter", "Any field")
        self.person = self._combo("person", "Person filter", "Anyone")
        self.person.setToolTip("A name given in the app, or a computer login")
        self.date_from = self._date("date_from", "From date filter")
        self.date_to = self._date("date_to", "To date filter")
        self.clear = named(QPushButton("Clear"), "clear_filters", "Clear the filters")
        self.clear.setToolTip("Show every change again")

        # Row one finds the record, row two narrows by person and date; the lists and the
        # text share the width, the dates keep theirs.
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        top = (("Record &kind:", self.kind), ("&Record:", self.record), ("&Field:", self.field))
        for column, (text, widget) in enumerate(top):
            grid.addWidget(_label(text, widget), 0, 2 * column, Qt.AlignmentFlag.AlignRight)
            grid.addWidget(widget, 0, 2 * column + 1)
            grid.setColumnStretch(2 * column + 1, 1)
        grid.addWidget(_label("&Person:", self.person), 1, 0, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.person, 1, 1)
        dates = QHBoxLayout()
        dates.setSpacing(8)
        for text, edit in (("Fro&m:", self.date_from), ("&To:", self.date_to)):
            dates.addWidget(_label(text, edit))
            dates.addWidget(edit)
            dates.addSpacing(8)
        dates.addStretch(1)
        dates.addWidget(self.clear)
        grid.addLayout(dates, 1, 2, 1, 4)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.record.textChanged.connect(self._later)
        self.field.currentIndexChanged.connect(self._later)
        self.person.currentIndexChanged.connect(self._later)
        self.date_from.dateChanged.connect(self._later)
        self.date_to.dateChanged.connect(self._later)
        self.clear.clicked.connect(lambda *_: self.reset())

    @staticmethod
    def _combo(name: str, accessible: str, everything: str) -> QComboBox:
        combo = named(QComboBox(), name, accessible)
        combo.addItem(everything, None)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(14)
        return combo

    @staticmethod
    def _date(name: str, accessible: str) -> QDateEdit:
        edit = named(QDateEdit(), name, accessible)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setMinimumDate(ANY_DATE)
        edit.setSpecialValueText("Any")  # shown at the minimum date
        edit.setDate(ANY_DATE)
        edit.setToolTip("Local days, inclusive; Any for no limit")
        edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance("30 Sep 2000") + 48)
        edit.calendarWidget().installEventFilter(_OpenAtToday(edit))
        return edit

    # -- choices -------------------------------------------------------------------------------

    def set_choices(self, choices: AuditChoices) -> None:
        """Refills the lists, keeping each choice that still exists; no search is started."""
        self._choices = choices
        _refill(self.kind, choices.entities)
        _refill(self.person, choices.people)
        _refill(self.field, choices.fields(_text(self.kind.currentData())))

    def _kind_changed(self, *_: object) -> None:
        _refill(self.field, self._choices.fields(_text(self.kind.currentData())))
        self._later()

    # -- state ---------------------------------------------------------------------------------

    def criteria(self) -> AuditCriteria:
        return AuditCriteria(
            entity=_text(self.kind.currentData()),
            record=self.record.text(),
            field=_text(self.field.currentData()),
            person=_text(self.person.currentData()),
            date_from=_day(self.date_from),
            date_to=_day(self.date_to),
            limit=self.limit,
        )

    def set_dates(self, date_from: date | None, date_to: date | None) -> None:
        for edit, day in ((self.date_from, date_from), (self.date_to, date_to)):
            edit.setDate(QDate(day.year, day.month, day.day) if day else ANY_DATE)

    def reset(self) -> None:
        """Every change: all lists back to "any", no text, no dates; one search."""
        widgets = (self.kind, self.record, self.field, self.person, self.date_from, self.date_to)
        for widget in widgets:
            widget.blockSignals(True)
        for combo in (self.kind, self.field, self.person):
            combo.setCurrentIndex(0)
        _refill(self.field, self._choices.fields(None))
        self.record.clear()
        self.set_dates(None, None)
        for widget in widgets:
            widget.blockSignals(False)
        self._emit()

    def pending(self) -> bool:
        """A change is waiting for typing to pause (tests and the window's Refresh ask)."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Sends a waiting change now."""
        if self._timer.isActive():
            self._emit()

    def _later(self, *_: object) -> None:
        self._timer.start()

    def _emit(self) -> None:
        self._timer.stop()
        self.changed.emit(self.criteria())


class _OpenAtToday(QObject):
    """A calendar opened on "Any" shows this month, not January 2000 (the stand-in for "any")."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._edit.date() <= ANY_DATE:
            today = QDate.currentDate()
            self._edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False


def _label(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    return label


def _day(edit: QDateEdit) -> date | None:
    chosen = edit.date()
    if chosen <= ANY_DATE:
        return None
    return date(chosen.year(), chosen.month(), chosen.day())


def _refill(combo: QComboBox, items: tuple[Choice, ...]) -> None:
    """Replaces the items after the first ("any"), keeping the current one if it is still there."""
    current = combo.currentData()
    combo.blockSignals(True)
    while combo.count() > 1:
        combo.removeItem(1)
    for item in items:
        combo.addItem(item.label, item.value)
    index = combo.findData(current) if current is not None else 0
    combo.setCurrentIndex(max(index, 0))
    combo.blockSignals(False)
