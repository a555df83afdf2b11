"""Personal preferences in QSettings: window layout, recent boards, the user's name.

Board settings live in the database; these belong to the person at this computer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

MAX_RECENT = 8


class Preferences:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def recent_boards(self) -> list[str]:
        value = self.settings.value("boards/recent", [])
        items = (
            [value] if isinstance(value, str) else list(value) if isinstance(value, list) else []
        )
        return [str(v) for v in items if v]

    def remember_board(self, location: str) -> None:
        items = [location, *[r for r in self.recent_boards() if r != location]][:MAX_RECENT]
        self.settings.setValue("boards/recent", items)

    def forget_board(self, location: str) -> None:
        self.settings.setValue("boards/recent", [r for r in self.recent_boards() if r != location])

    def last_board(self) -> Path | None:
        recent = self.recent_boards()
        return Path(recent[0]) if recent else None

    def user_name(self) -> str:
        return str(self.settings.value("user/name", "") or "")
