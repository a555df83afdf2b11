"""Personal preferences in QSettings: window layout, recent boards, the user's name.

Board settings live in the database; these belong to the person at this computer.
A board on a PostgreSQL server is remembered by its location (host, port,
database and user, see db/server_urls.py), never with its password.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from improvement_desk.domain.errors import FieldProblem, ValidationError
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text, clean_text

MAX_RECENT = 8
USER_NAME_FIELD = "Your name"


def is_server_location(location: str) -> bool:
    """A server URL rather than a file (the same test as db.engine.is_url, without loading
    SQLAlchemy before the window is on screen)."""
    return "://" in location


def check_user_name(name: str) -> list[FieldProblem]:
    """The name in the audit trail: one line, no control characters, at most 200 characters
    (the audit column's size)."""
    value = clean_text(name)
    problem = check_text(USER_NAME_FIELD, value, max_length=SHORT_TEXT, single_line=True)
    if problem is None and "\t" in value:
        problem = FieldProblem(USER_NAME_FIELD, "contains control characters (a tab)")
    return [problem] if problem else []


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

    def last_board(self) -> Path | str | None:
        """The board to reopen: a file's path, or a server's location (kept as text)."""
        recent = self.recent_boards()
        if not recent:
            return None
        return recent[0] if is_server_location(recent[0]) else Path(recent[0])

    def last_server(self) -> str | None:
        """The most recent server board, to fill in File ▸ Connect to server…"""
        return next((r for r in self.recent_boards() if is_server_location(r)), None)

    def user_name(self) -> str:
        return str(self.settings.value("user/name", "") or "")

    def set_user_name(self, name: str) -> str:
        """Stores the name for the audit trail; refuses a bad one, naming the field."""
        problems = check_user_name(name)
        if problems:
            raise ValidationError(problems)
        value = clean_text(name)
        self.settings.setValue("user/name", value)
        self.settings.sync()
        return value
