"""Choosing a meeting in the log's dialogs: the one that closed an action, or agreed a new date.

Newest first, since the meeting wanted is nearly always the latest; the
first entry says what choosing none means. The suggestion is the latest
meeting on or before today, when there is one.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QComboBox

from improvement_desk.services.meeting_records import MeetingSummary


def meeting_combo(
    meetings: Sequence[MeetingSummary],
    *,
    none_text: str,
    earliest: date | None = None,
    chosen: int | None = None,
) -> QComboBox:
    """Meetings on or after `earliest`, newest first; `chosen` is selected if offered."""
    combo = QComboBox()
    combo.addItem(none_text, None)
    offered = [m for m in meetings if earliest is None or m.meeting_date >= earliest]
    for m in sorted(offered, key=lambda m: (m.meeting_date, m.id), reverse=True):
        combo.addItem(m.label, m.id)
    index = combo.findData(chosen) if chosen is not None else 0
    combo.setCurrentIndex(max(index, 0))
    return combo


def latest_by(meetings: Sequence[MeetingSummary], today: date, earliest: date) -> int | None:
    """The most recent meeting held on or before today and not before `earliest`."""
    held = [m for m in meetings if earliest <= m.meeting_date <= today]
    return max(held, key=lambda m: (m.meeting_date, m.id)).id if held else None


def chosen_meeting(combo: QComboBox) -> int | None:
    value = combo.currentData()
    return value if isinstance(value, int) else None
