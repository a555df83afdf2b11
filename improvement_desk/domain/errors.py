"""Typed errors shared by every layer.

Expected failures (bad input, missing records, a record changed by someone
else, a file the app cannot use) are `DeskError` subclasses so that the CLI
and the GUI can show them as plain messages; anything else is a bug and goes
to the crash handler.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


class DeskError(Exception):
    """Base of every expected failure; `str()` is fit to show a user."""


@dataclass(frozen=True, slots=True)
class FieldProblem:
    """One problem with one field, named the way the user sees it."""

    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ValidationError(DeskError):
    """Input that must not reach the database; names every offending field."""

    def __init__(self, problems: list[FieldProblem] | FieldProblem) -> None:
        self.problems = [problems] if isinstance(problems, FieldProblem) else list(problems)
        if not self.problems:
            raise ValueError("ValidationError needs at least one problem")
        super().__init__("; ".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, field: str, message: str) -> ValidationError:
        return cls(FieldProblem(field, message))

    def fields(self) -> set[str]:
        return {p.field for p in self.problems}


class NotFound(DeskError):
    """The record asked for does not exist (any more)."""

    def __init__(self, kind: str, key: object) -> None:
        self.kind = kind
        self.key = key
        super().__init__(f"{kind} {key} was not found; it may have been deleted.")


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field someone else changed, as the audit trail recorded it."""

    field: str
    before: str | None
    after: str | None


class Conflict(DeskError):
    """The record changed since the caller read it; nothing was written.

    When the audit trail knows, it says who changed it, when (UTC) and what, so
    the user can judge whether to reload or to save their own values over it.
    `stale`: a newer version was saved meanwhile, so saving again against it can
    settle the clash; False for a refusal by rule (approved minutes, a duplicate
    reference), which every retry would meet again.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: str = "",
        key: object = None,
        changed_by: str = "",
        changed_at: datetime | None = None,
        changes: tuple[FieldChange, ...] = (),
        stale: bool = False,
    ) -> None:
        self.stale = stale or bool(changed_by)
        self.kind = kind
        self.key = key
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.changes = changes
        super().__init__(message)


class StorageError(DeskError):
    """The database or a file could not be used: locked, read-only, full, damaged, foreign."""


class BoardFileRejected(StorageError):
    """A board file the app must not open as asked (not ours, too new, held by someone)."""

    def __init__(self, message: str, *, can_open_read_only: bool = False) -> None:
        self.can_open_read_only = can_open_read_only
        super().__init__(message)
