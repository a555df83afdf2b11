"""The action log table's columns and roles, named once for the model, the proxy and the page."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class LogCol(IntEnum):
    """In reading order: which action and whose, where it was agreed, when it is due and how
    late, where it stands, and the latest news."""

    REFERENCE = 0
    ACTION = 1
    OWNER = 2
    MEETING = 3
    ITEM = 4
    ORIGINAL_DUE = 5
    CURRENT_DUE = 6
    STATUS = 7
    LATEST_UPDATE = 8


DATE_COLUMNS = frozenset({LogCol.MEETING, LogCol.ORIGINAL_DUE, LogCol.CURRENT_DUE})

HEADERS = {
    LogCol.REFERENCE: "Ref",
    LogCol.ACTION: "Action",
    LogCol.OWNER: "Owner",
    LogCol.MEETING: "Meeting",
    LogCol.ITEM: "Item",
    LogCol.ORIGINAL_DUE: "Original due",
    LogCol.CURRENT_DUE: "Current due",
    LogCol.STATUS: "Status",
    LogCol.LATEST_UPDATE: "Latest update",
}

HEADER_TIPS = {
    LogCol.MEETING: "The date of the meeting that agreed the action",
    LogCol.ITEM: "The agenda item the action arose under",
    LogCol.ORIGINAL_DUE: "The date first agreed; it never changes",
    LogCol.CURRENT_DUE: "The date now agreed, and how many times it has been revised",
    LogCol.STATUS: "Open, in progress, complete (awaiting the board) or closed by the board; "
    "an open action past its current due date is overdue",
    LogCol.LATEST_UPDATE: "The most recent dated update",
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3
OVERDUE_ROLE = Qt.ItemDataRole.UserRole + 4  # bool: the row's action is overdue
