"""Approve minutes… and Record amendment…: the two steps that make and correct the record.

Approval is made at a later meeting, under its "Minutes of the last meeting"
item, and cannot be undone: once approved, the earlier meeting's minutes are
locked, and a correction is recorded beside them as a dated amendment (which
cannot be removed either). Both dialogs therefore say so before they act.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QComboBox, QWidget

from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.meeting import MeetingStatus, check_minute_text
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    MeetingRecord,
    MeetingSummary,
)
from improvement_desk.ui.forms import DateField, FormDialog, multiline_edit

APPROVABLE = (MeetingStatus.HELD, MeetingStatus.MINUTES_DRAFTED)


def approval_candidates(
    meeting: MeetingSummary, meetings: Sequence[MeetingSummary]
) -> list[MeetingSummary]:
    """Earlier meetings whose minutes still await approval, the most recent first."""
    earlier = [
        m for m in meetings
        if m.id != meeting.id and m.status in APPROVABLE
        and m.meeting_date < meeting.meeting_date
    ]  # fmt: skip
    return sorted(earlier, key=lambda m: (m.meeting_date, m.id), reverse=True)


class ApproveMinutesDialog(FormDialog):
    """`submitted` carries the id of the meeting whose minutes are approved."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        meeting: MeetingSummary,
        item: AgendaItemRecord,
        candidates: Sequence[MeetingSummary],
    ) -> None:
        super().__init__(parent, title=f"Approve minutes — {meeting.label}", is_new=False)
        self.setMinimumWidth(560)
        self.add_note(
            f"At item {item.number}, “{item.title}”, of {meeting.label} the board agrees the "
            "minutes of an earlier meeting as a correct record. This cannot be undone: those "
            "minutes are then locked, and any later correction is recorded as an amendment.",
            "approval_note",
            limit=600,
        )
        self.minutes_of = QComboBox()
        for m in candidates:
            self.minutes_of.addItem(f"{m.label} — {m.status.label.lower()}", m.id)
        self.add_row("Minutes of", "&Minutes of:", self.minutes_of, "minutes_of")
        self.save_button.setText("&Approve…")
        self.watch("Minutes of", self.minutes_of.currentIndexChanged)
        self.chain_tab_order([self.minutes_of])
        self.revalidate()
        self.minutes_of.setFocus()

    def value(self) -> int | None:
        data = self.minutes_of.currentData()
        return int(data) if data is not None else None

    def problems(self) -> list[FieldProblem]:
        if self.value() is None:
            return [FieldProblem("Minutes of", "is required")]
        return []


@dataclass(frozen=True, slots=True)
class AmendmentChoice:
    text: str
    item_id: int | None
    agreed_at_meeting_id: int | None
    amended_on: date


class AmendmentDialog(FormDialog):
    """`submitted` carries an `AmendmentChoice`."""

    def __init__(
        self,
        parent: QWidget | None,
        *,
        meeting: MeetingRecord,
        later: Sequence[MeetingSummary],
        today: date,
    ) -> None:
        summary = meeting.summary
        super().__init__(parent, title=f"Record amendment — {summary.label}", is_new=True)
        self.setMinimumWidth(600)
        self.add_note(
            f"The minutes of {summary.label} are approved and cannot be changed. An amendment is "
            "recorded beside them, dated, and printed with them; once recorded it stays.",
            "amendment_note",
            limit=600,
        )
        self.item = QComboBox()
        self.item.addItem("The minutes as a whole", None)
        for item in meeting.items:
            self.item.addItem(f"{item.number}. {item.title}", item.id)
        self.text = multiline_edit(5)
        self.text.setPlaceholderText(
            "What is corrected, e.g. “Item 4: for ‘twelve’ read ‘twenty’.”"
        )
        self.agreed_at = QComboBox()
        self.agreed_at.addItem("Not agreed at a meeting", None)
        for m in later:
            self.agreed_at.addItem(m.label, m.id)
        self.amended_on = DateField.edit(today)
        self.add_row("Item", "&Item:", self.item, "amended_item")
        self.add_row("Amendment", "&Amendment:", self.text, "amendment_text")
        self.add_row("Agreed at", "A&greed at:", self.agreed_at, "agreed_at")
        self.add_row("Amended on", "Amended &on:", self.amended_on, "amended_on")
        self.save_button.setText("&Record…")
        self.watch("Amendment", self.text.textChanged)
        self.chain_tab_order([self.item, self.text, self.agreed_at, self.amended_on])
        self.revalidate()
        self.text.setFocus()

    def value(self) -> AmendmentChoice:
        item = self.item.currentData()
        agreed = self.agreed_at.currentData()
        return AmendmentChoice(
            text=self.text.toPlainText().strip(),
            item_id=int(item) if item is not None else None,
            agreed_at_meeting_id=int(agreed) if agreed is not None else None,
            amended_on=DateField.to_date(self.amended_on.date()),
        )

    def problems(self) -> list[FieldProblem]:
        problem = check_minute_text("Amendment", self.value().text, required=True)
        return [problem] if problem else []
