"""Today and now, injectable so that rules about overdue work are testable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

Today = Callable[[], date]
Now = Callable[[], datetime]


def system_today() -> date:
    return datetime.now().astimezone().date()


def utc_now() -> datetime:
    return datetime.now(UTC)
