"""The issued packs as a Qt table over frozen `IssuedPackSummary` records.

An issued pack is the board's record of what members were sent, so the list
shows what identifies it: the meeting, when and by whom it was issued, its page
counts and the start of its SHA-256 fingerprint (the whole of it in the
tooltip, to compare with a copy someone holds). The model holds records, never
a session; the dialog reloads it from desk.pack.

Sorting goes through `IssuedPacksProxy` on `SORT_ROLE`: dates and times sort as
dates and times (keys are zero-padded), numbers as numbers, and every key ends
with the issue time and id so equal keys keep newest first.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from improvement_desk.services.pack_records import IssuedPackSummary
from improvement_desk.ui.table_base import Index, RecordTableModel
from improvement_desk.ui.text import plain_tooltip

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
RECORD_ROLE = Qt.ItemDataRole.UserRole + 3
NO_PUBLIC = "—  none: OFFICIAL-SENSITIVE"
NO_PUBLIC_TIP = (
    "The meeting is marked OFFICIAL-SENSITIVE, so only the full pack was issued: "
    "there is no public version to publish."
)
_MUTED = QColor("#555555")
_NUMBERS = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class IssuedCol(IntEnum):
    MEETING = 0
    ISSUED = 1
    ISSUED_BY = 2
    FULL_PAGES = 3
    PUBLIC_PAGES = 4
    FINGERPRINT = 5


ISSUED_HEADERS = {
    IssuedCol.MEETING: "Meeting",
    IssuedCol.ISSUED: "Issued",
    IssuedCol.ISSUED_BY: "Issued by",
    IssuedCol.FULL_PAGES: "Full pages",
    IssuedCol.PUBLIC_PAGES: "Public pages",
    IssuedCol.FINGERPRINT: "Fingerprint",
}
ISSUED_TIPS = {
    IssuedCol.ISSUED: "When the pack was issued, in this computer's local time",
    IssuedCol.FULL_PAGES: "Pages in the full pack, for members",
    IssuedCol.PUBLIC_PAGES: "Pages in the public pack, with exempt and sensitive items withheld",
    IssuedCol.FINGERPRINT: "The start of the full pack's SHA-256 fingerprint: the same "
    "fingerprint means the very same file",
}


def meeting_day(value: date) -> str:
    """ "05 Mar 2014", as the meetings page writes a meeting's date."""
    return f"{value:%d %b %Y}"


def issued_time(value: datetime) -> str:
    """ "26 Feb 2014 14:05" in local time (issue times are stored in UTC)."""
    return value.astimezone().strftime("%d %b %Y %H:%M")


def meeting_words(pack: IssuedPackSummary) -> str:
    return f"{meeting_day(pack.meeting_date)}  {pack.meeting_title}"


def fingerprint(sha256: str) -> str:
    return sha256[:12]


class IssuedPacksModel(RecordTableModel):
    columns = IssuedCol
    headers = ISSUED_HEADERS
    header_tips = ISSUED_TIPS

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[IssuedPackSummary] = []

    def set_packs(self, packs: Sequence[IssuedPackSummary]) -> None:
        self.beginResetModel()
        self._rows = list(packs)
        self.endResetModel()

    def record(self, row: int) -> IssuedPackSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def records(self) -> list[IssuedPackSummary]:
        return list(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        pack = self._rows[index.row()]
        col = IssuedCol(index.column())
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(pack, col)
        if role == SORT_ROLE:
            return self._sort_key(pack, col)
        if role == ID_ROLE:
            return pack.id
        if role == RECORD_ROLE:
            return pack
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(self._tooltip(pack, col))
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (
            IssuedCol.FULL_PAGES,
            IssuedCol.PUBLIC_PAGES,
        ):
            return int(_NUMBERS if col is IssuedCol.FULL_PAGES or pack.has_public else _LEFT)
        if role == Qt.ItemDataRole.ForegroundRole and col is IssuedCol.PUBLIC_PAGES:
            return None if pack.has_public else QBrush(_MUTED)
        return None

    @staticmethod
    def _display(pack: IssuedPackSummary, col: IssuedCol) -> str:
        if col is IssuedCol.MEETING:
            return meeting_words(pack)
        if col is IssuedCol.ISSUED:
            return issued_time(pack.issued_at)
        if col is IssuedCol.ISSUED_BY:
            return pack.issued_by
        if col is IssuedCol.FULL_PAGES:
            return str(pack.full_pages)
        if col is IssuedCol.PUBLIC_PAGES:
            return str(pack.public_pages) if pack.public_pages is not None else NO_PUBLIC
        return fingerprint(pack.full_sha256)

    @staticmethod
    def _sort_key(pack: IssuedPackSummary, col: IssuedCol) -> str:
        # Zero-padded text: QVariant compares strings reliably whatever Python type made them.
        stamp = pack.issued_at.timestamp()
        tail = f"{stamp:020.6f}{pack.id:09d}"
        if col is IssuedCol.MEETING:
            return f"{pack.meeting_date.toordinal():08d}{pack.meeting_title.casefold()}\0{tail}"
        if col is IssuedCol.ISSUED:
            return tail
        if col is IssuedCol.ISSUED_BY:
            return f"{pack.issued_by.casefold()}\0{tail}"
        if col is IssuedCol.FULL_PAGES:
            return f"{pack.full_pages:06d}{tail}"
        if col is IssuedCol.PUBLIC_PAGES:
            pages = pack.public_pages + 1 if pack.public_pages is not None else 0
            return f"{pages:06d}{tail}"
        return f"{pack.full_sha256}{tail}"

    @staticmethod
    def _tooltip(pack: IssuedPackSummary, col: IssuedCol) -> str | None:
        if col is IssuedCol.FINGERPRINT:
            public = pack.public_sha256 or "none (OFFICIAL-SENSITIVE)"
            return f"Full pack SHA-256: {pack.full_sha256}\nPublic pack SHA-256: {public}"
        if col is IssuedCol.PUBLIC_PAGES and not pack.has_public:
            return NO_PUBLIC_TIP
        if col is IssuedCol.ISSUED:
            return f"{pack.issued_at:%d %b %Y %H:%M:%S} UTC"
        return None


class IssuedPacksProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
