"""The colour a conditional-formatting rule gives a cell, for sheets where colour is the rating.

Many registers hold a 1–5 number or a code and let a rule colour it; the colour
is what the board reads. Only rules that can be decided from the cell's own
value are evaluated: `cellIs` against constants (numbers or quoted text) and
`containsText`. Rules with cell references or expressions are skipped rather
than guessed; a cell they would colour simply has no colour.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from typing import Any

from improvement_desk.interchange.sheet_cells import FillColours

_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "equal": operator.eq,
    "notEqual": operator.ne,
    "greaterThan": operator.gt,
    "lessThan": operator.lt,
    "greaterThanOrEqual": operator.ge,
    "lessThanOrEqual": operator.le,
}


def _constant(formula: str) -> float | str | None:
    """'3' → 3.0, '"Red"' → 'red'; anything else (a reference, a function) → None."""
    text = formula.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"').casefold()
    try:
        return float(text)
    except ValueError:
        return None


def _comparable(value: object, operand: float | str) -> Any:
    if isinstance(operand, float):
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None
        return float(value)
    return str(value).strip().casefold() if value is not None else ""


class _Rule:
    def __init__(self, ranges: list[tuple[int, int, int, int]], rule: Any, colour: str) -> None:
        self.ranges = ranges
        self.colour = colour
        self.priority = int(getattr(rule, "priority", 0) or 0)
        self.kind = rule.type
        self.operator = getattr(rule, "operator", None)
        self.operands = [_constant(f) for f in (getattr(rule, "formula", None) or [])]
        self.text = str(getattr(rule, "text", "") or "").casefold()

    def covers(self, row: int, col: int) -> bool:
        return any(r1 <= row <= r2 and c1 <= col <= c2 for r1, c1, r2, c2 in self.ranges)

    def decidable(self) -> bool:
        if self.kind == "containsText":
            return bool(self.text)
        if self.kind != "cellIs" or not self.operands or None in self.operands:
            return False
        return self.operator in _COMPARE or self.operator in ("between", "notBetween")

    def matches(self, value: object) -> bool:
        if value is None or value == "":
            return False
        if self.kind == "containsText":
            return self.text in str(value).casefold()
        first = self.operands[0]
        assert first is not None
        left = _comparable(value, first)
        if left is None:
            return False
        if self.operator in ("between", "notBetween") and len(self.operands) == 2:
            second = self.operands[1]
            if type(second) is not type(first):
                return False
            bounds: list[Any] = sorted([first, second])
            inside = bool(bounds[0] <= left <= bounds[1])
            return inside if self.operator == "between" else not inside
        compare = _COMPARE.get(str(self.operator))
        return bool(compare and compare(left, first))


class RuleColours:
    """The decidable colouring rules of one worksheet, in Excel's priority order."""

    def __init__(self, ws: Any, colours: FillColours) -> None:
        self._rules: list[_Rule] = []
        formatting = getattr(ws, "conditional_formatting", None)
        for block in formatting or []:
            ranges = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in block.sqref.ranges]
            for rule in block.rules:
                colour = _rule_fill(rule, colours)
                if colour is None:
                    continue
                candidate = _Rule(ranges, rule, colour)
                if candidate.decidable():
                    self._rules.append(candidate)
        self._rules.sort(key=lambda r: r.priority)
        # Columns some rule covers: most cells of a big sheet need no rule at all.
        self._columns = {
            col for rule in self._rules for _, c1, _, c2 in rule.ranges for col in range(c1, c2 + 1)
        }

    def colour(self, row: int, col: int, value: object) -> str | None:
        if col not in self._columns:
            return None
        for rule in self._rules:
            if rule.covers(row, col) and rule.matches(value):
                return rule.colour
        return None


def _rule_fill(rule: Any, colours: FillColours) -> str | None:
    """A rule's fill: differential fills keep a solid colour in bgColor, sometimes fgColor."""
    fill = getattr(getattr(rule, "dxf", None), "fill", None)
    if fill is None:
        return None
    for color in (getattr(fill, "bgColor", None), getattr(fill, "fgColor", None)):
        found = colours.colour(color)
        if found and found != "000000":
            return found
    return None
