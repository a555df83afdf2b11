"""Small checks every write service repeats: the record exists and is the version the user saw."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from improvement_desk.domain.errors import NotFound, ValidationError
from improvement_desk.services.conflicts import stale_conflict

T = TypeVar("T")


def fetch(session: Session, model: type[T], key: int, kind: str) -> T:
    record = session.get(model, key)
    if record is None:
        raise NotFound(kind, key)
    return record


def check_version(record: Any, expected: int | None, kind: str, label: str) -> None:
    """Refuse a change based on a stale copy (the version counter catches the rest at flush)."""
    if expected is not None and record.version != expected:
        raise stale_conflict(record, expected, kind, label)


def raise_if(problems: list[Any]) -> None:
    if problems:
        raise ValidationError(problems)
