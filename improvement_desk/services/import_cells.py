"""The cells of one imported row, and the problems noted against them as they are read.

The plan's and the risk register's row readers read cells the same way, so a
"#REF!" or a template's "[Owner]" means the same in both workbooks and every
refusal or warning names the same cell letter. What a parser's note means is
each reader's own business: the plan keeps it in a progress update, the
register has nowhere to keep it.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from typing import Any

from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.table_reader import SheetRow, SourceCell
from improvement_desk.interchange.values import Parsed, clean_cell_text

_PLACEHOLDER = re.compile(r"^\[[^\]]*\]$")


def is_placeholder(text: str) -> bool:
    """A template's "[Owner]" or "[date]" is a prompt left unfilled, not a value."""
    return bool(_PLACEHOLDER.match(text))


class RowCells(ABC):
    """One row's cells, and the reasons and warnings gathered while reading them."""

    def __init__(self, row: SheetRow, mapping: dict[str, str]) -> None:
        self.row = row
        self.mapping = mapping
        self.reasons: list[CellProblem] = []
        self.warnings: list[CellProblem] = []

    def has(self, name: str) -> bool:
        return name in self.mapping

    def cell(self, name: str) -> SourceCell | None:
        return self.row.cells.get(name)

    def text(self, name: str) -> str:
        cell = self.cell(name)
        if cell is None:
            return ""
        if cell.error:
            self.refuse(name, f"holds {cell.error}" if cell.error.startswith("#") else cell.error)
            return ""
        text = clean_cell_text(cell.value)
        return "" if is_placeholder(text) else text

    def parse(self, name: str, parser: Any) -> Any:
        cell = self.cell(name)
        if cell is None:
            return None
        if cell.error:
            self.text(name)
            return None
        if cell.value is None or (isinstance(cell.value, str) and not cell.value.strip()):
            return None
        return self.accept(name, parser(cell.value))

    @abstractmethod
    def accept(self, name: str, parsed: Parsed[Any]) -> Any:
        """The parsed value, its error and warning noted; what its note means is the reader's."""

    def refused(self, name: str) -> bool:
        column = self.mapping.get(name, "")
        return any(r.column == column for r in self.reasons) if column else False

    def _place(self, name: str, reason: str) -> CellProblem:
        return CellProblem(self.row.sheet, self.row.row, self.mapping.get(name, ""), reason)

    def refuse(self, name: str, reason: str) -> None:
        self.reasons.append(self._place(name, reason))

    def warn(self, name: str, reason: str) -> None:
        self.warnings.append(self._place(name, reason))
