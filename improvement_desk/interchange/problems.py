"""What can go wrong with a workbook, said so that the user can find the cell.

`ImportRejected` is the one error for a file that cannot be read at all (not a
workbook, hostile, too big, damaged); `CellProblem` names a place in a file
that was read: a refused row or a warning.
"""

from __future__ import annotations

from dataclasses import dataclass

from improvement_desk.domain.errors import DeskError


@dataclass(frozen=True, slots=True)
class CellProblem:
    """A reason tied to a place: sheet, 1-based row, column letter ("" when the whole row)."""

    sheet: str
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        if self.row <= 0:  # about the whole sheet or file
            return f"{self.sheet}: {self.reason}"
        place = (
            f"{self.sheet}!{self.column}{self.row}"
            if self.column
            else f"{self.sheet} row {self.row}"
        )
        return f"{place}: {self.reason}"

    def as_dict(self) -> dict[str, object]:
        return {"sheet": self.sheet, "row": self.row, "column": self.column, "reason": self.reason}


class ImportRejected(DeskError):
    """The whole file is refused before anything is imported; the message names the file."""

    def __init__(self, file_name: str, reason: str) -> None:
        self.file_name = file_name
        self.reason = reason
        super().__init__(f"{file_name}: {reason}")


class ExportRefused(DeskError):
    """An export that would lose or corrupt data (e.g. text over Excel's cell limit)."""
