"""Checks on free text typed by officers, shared by every form and import."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from improvement_desk.domain.errors import FieldProblem

# Control characters other than tab and line breaks arrive when text is
# pasted from Word; they break Excel exports and PDF layout, so refuse them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Half of a UTF-16 pair (a broken emoji from some clipboards) cannot be stored as UTF-8.
_SURROGATE = re.compile(r"[\ud800-\udfff]")

SHORT_TEXT = 200
LONG_TEXT = 10_000
REFERENCE_TEXT = 20


def clean_text(value: str | None) -> str:
    """Normalise line endings and trim; never changes the words."""
    if value is None:
        return ""
    return value.replace("\r\n", "\n").replace("\r", "\n").strip()


D = TypeVar("D")


def clean_fields(draft: D) -> D:
    """The same dataclass with every free-text field cleaned by `clean_text`.

    Enum fields are left alone: a StrEnum is a str, and cleaning it would turn
    `Brag.BLUE` into the plain string "blue".
    """
    changes = {
        f.name: clean_text(value)
        for f in dataclasses.fields(draft)  # type: ignore[arg-type]
        if isinstance(value := getattr(draft, f.name), str) and not isinstance(value, Enum)
    }
    return dataclasses.replace(draft, **changes)  # type: ignore[type-var]


def field_values(draft: Any, *, leave_out: tuple[str, ...] = ()) -> dict[str, Any]:
    """A draft's fields by name (shallow: enums and dates stay as they are)."""
    return {
        f.name: getattr(draft, f.name) for f in dataclasses.fields(draft) if f.name not in leave_out
    }


def check_text(
    field: str,
    value: str,
    *,
    max_length: int,
    required: bool = True,
    single_line: bool = False,
) -> FieldProblem | None:
    if not value:
        return FieldProblem(field, "is required") if required else None
    if len(value) > max_length:
        return FieldProblem(
            field, f"is {len(value):,} characters long; the limit is {max_length:,}"
        )
    if _CONTROL.search(value):
        return FieldProblem(field, "contains control characters (often pasted from Word)")
    if _SURROGATE.search(value):
        return FieldProblem(field, "contains half of a character (often a broken emoji)")
    if single_line and "\n" in value:
        return FieldProblem(field, "must be on one line")
    return None


_REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-/ ]*$")


def check_reference(field: str, value: str) -> FieldProblem | None:
    problem = check_text(field, value, max_length=REFERENCE_TEXT, single_line=True)
    if problem:
        return problem
    if not _REFERENCE.match(value):
        return FieldProblem(field, "may hold only letters, digits, '.', '-', '/' and spaces")
    return None


def check_date_order(
    earlier_field: str, earlier: date | None, later_field: str, later: date | None
) -> FieldProblem | None:
    if earlier and later and later < earlier:
        return FieldProblem(
            later_field,
            f"{later:%d %b %Y} is before the {earlier_field.lower()} ({earlier:%d %b %Y})",
        )
    return None
