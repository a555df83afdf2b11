"""Keeping ordered lists (agenda items, papers, decisions, board members) numbered 0, 1, 2…

Positions are written with a plain UPDATE, outside the rows' version counters:
moving one item down the agenda must not make every other item look "changed
by someone else" to a screen or an undo command that holds it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import update
from sqlalchemy.orm import Session

from improvement_desk.domain.errors import ValidationError

T = TypeVar("T")


def check_index(new_index: int, count: int, field: str = "Position") -> None:
    if not 0 <= new_index < count:
        raise ValidationError.single(field, f"must be between 1 and {count} (was {new_index + 1})")


def moved(rows: Sequence[T], row: T, new_index: int) -> list[T]:
    """The list with `row` taken out and put back at `new_index`."""
    order = [r for r in rows if r is not row]
    order.insert(new_index, row)
    return order


def renumber(session: Session, model: Any, rows: Sequence[Any]) -> None:
    """Gives each row its index as position, touching only the rows whose place changed."""
    for position, row in enumerate(rows):
        if row.position != position:
            session.execute(
                update(model).where(model.id == row.id).values(position=position),
                execution_options={"synchronize_session": "evaluate"},
            )
