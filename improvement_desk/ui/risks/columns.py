"""The risk register table's columns and roles, named once for the model, the proxy and the page."""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import Qt


class RiskCol(IntEnum):
    """In reading order: which risk and whose, how bad it is and which way it is moving, what is
    wrong with it (flags, mitigation), then its upkeep."""

    REFERENCE = 0
    TITLE = 1
    OWNER = 2
    INHERENT = 3
    CURRENT = 4
    DIRECTION = 5
    TARGET = 6
    FLAGS = 7
    MITIGATIONS = 8
    NEXT_REVIEW = 9
    STATUS = 10
    CATEGORY = 11
    LAST_REVIEW = 12


SCORE_COLUMNS = frozenset({RiskCol.INHERENT, RiskCol.CURRENT, RiskCol.TARGET})

HEADERS = {
    RiskCol.REFERENCE: "Ref",
    RiskCol.TITLE: "Risk",
    RiskCol.CATEGORY: "Category",
    RiskCol.OWNER: "Owner",
    RiskCol.INHERENT: "Inherent",
    RiskCol.CURRENT: "Current",
    RiskCol.DIRECTION: "Direction",
    RiskCol.TARGET: "Target",
    RiskCol.STATUS: "Status",
    RiskCol.NEXT_REVIEW: "Next review",
    RiskCol.FLAGS: "Flags",
    RiskCol.MITIGATIONS: "Mitigation",
    RiskCol.LAST_REVIEW: "Last review",
}

HEADER_TIPS = {
    RiskCol.INHERENT: "Score before any controls: likelihood × impact, with its band",
    RiskCol.CURRENT: "Score at the latest review, with its band; it changes only by a review",
    RiskCol.DIRECTION: "Direction of travel between the last two reviews",
    RiskCol.TARGET: "The score the owner aims to reach, with its band",
    RiskCol.NEXT_REVIEW: "When the risk is next due for review",
    RiskCol.FLAGS: "Review due or overdue, current score above the board's appetite, "
    "or a live risk with no mitigating action",
    RiskCol.MITIGATIONS: "Mitigating plan actions: how many, and the worst of their BRAG statuses",
}

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
RISK_ID_ROLE = Qt.ItemDataRole.UserRole + 2
SCORE_ROLE = Qt.ItemDataRole.UserRole + 3  # the score (int) of a score column, else None
RECORD_ROLE = Qt.ItemDataRole.UserRole + 4
