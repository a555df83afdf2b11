"""The action table's columns and roles, named once for the model, the proxy and the page."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class Col(IntEnum):
    """In reading order: what it is, how it is doing, when it is due, who owns it."""

    REFERENCE = 0
    DESCRIPTION = 1
    STATUS = 2
    OVERDUE = 3
    TARGET = 4
    LEAD = 5
    CONFIDENCE = 6
    LAST_UPDATE = 7
    START = 8
    RECOMMENDATION = 9
    THEME = 10


HEADERS = {
    Col.REFERENCE: "Ref",
    Col.DESCRIPTION: "Action",
    Col.RECOMMENDATION: "Rec.",
    Col.THEME: "Theme",
    Col.LEAD: "Lead officer",
    Col.START: "Start",
    Col.TARGET: "Target",
    Col.STATUS: "Status",
    Col.CONFIDENCE: "Confidence",
    Col.OVERDUE: "Overdue",
    Col.LAST_UPDATE: "Last update",
}

HEADER_TIPS = {
    Col.RECOMMENDATION: "The recommendation this action delivers",
    Col.TARGET: "Current target date; ✱ marks a re-baselined target (the original is in the tooltip)",
    Col.STATUS: "Delivery status (BRAG): letter and colour",
    Col.OVERDUE: "Days past the current target for any action not closed (Blue)",
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ACTION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
BRAG_ROLE = Qt.ItemDataRole.UserRole + 3
RECORD_ROLE = Qt.ItemDataRole.UserRole + 4
