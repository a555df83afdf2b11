"""Which rows below a header are actions, and why the others are left out.

A returned sheet mixes actions with theme sub-headings, template example and
placeholder rows, guidance sentences under the header, pre-numbered empty
rows, blank gaps and an END marker. Each row is judged on its own cells (a
value copied down a merge is not the row's own), then lone headings are
resolved by what follows them. Everything left out gets a reason, so the
preview can show it; rows that have content but miss required fields are
kept for the caller to refuse by name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.sheet_cells import has_value

_EXAMPLE = re.compile(r"^(example\b|e\.\s?g\.)", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"^(\[[^\]]*\]|<[^>]*>)$")
_DIGIT = re.compile(r"\d")
_SENTENCE = re.compile(r"[?:]$|^(please|enter|select|explain|describe|provide|give|list)\b", re.I)


@dataclass(frozen=True)
class Layout:
    """What the row rules need to know about the table's columns."""

    sheet: str
    header_row: int
    fields: Mapping[int, str]  # column index → field
    span: tuple[int, int]  # columns that belong to the table (left edge 1: headings sit left)
    required: frozenset[str]
    ids: frozenset[str]
    dates: frozenset[str]


@dataclass
class RowVerdict:
    """One sheet row's verdict; `fallback` is what a lone heading is when no data follows it."""

    number: int
    kind: str  # data | skip | blank | candidate | section | end
    reason: str = ""
    text: str = ""
    fallback: str = "data"


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def classify_row(
    layout: Layout,
    number: int,
    cells: Mapping[int, Any],
    uncached: set[tuple[int, int]],
    spans: Mapping[tuple[int, int], int],
    first: bool,
) -> RowVerdict:
    """What one row is, from its own cells: values copied down a merge do not count."""
    own: dict[str, object] = {}
    for col, name in layout.fields.items():
        if col in cells:
            own[name] = cells[col].value
        elif (number, col) in uncached:
            own[name] = None  # a formula: content, although openpyxl shows nothing
    low, high = layout.span
    present = [cells[c].value for c in sorted(cells) if low <= c <= high]
    texts = [_text(v) for v in present if _text(v)]
    if not present and not own:
        return RowVerdict(number, "blank")
    if len(texts) == 1 and texts[0].upper() == "END" and all(_text(v) for v in own.values()):
        return RowVerdict(number, "end", "end marker 'END': nothing below it was read")
    if texts and _EXAMPLE.match(texts[0]):
        return RowVerdict(number, "skip", "example or guidance row")
    if not own:
        nothing = "nothing in the recognised columns"
        if len(texts) == 1:
            return RowVerdict(number, "candidate", text=texts[0], fallback=nothing)
        return RowVerdict(number, "skip", nothing)
    return _classify_content(layout, number, own, spans, first)


def _classify_content(
    layout: Layout,
    number: int,
    own: Mapping[str, object],
    spans: Mapping[tuple[int, int], int],
    first: bool,
) -> RowVerdict:
    """A row with something in the recognised columns: template filler, heading, or data."""
    placeholders = {n for n, v in own.items() if _PLACEHOLDER.match(_text(v))}
    essentials = [n for n in own if n in layout.required and n not in layout.ids]
    if placeholders and all(n in placeholders for n in essentials):
        return RowVerdict(number, "skip", "example or guidance row")
    if first and _is_guidance(layout, own):
        return RowVerdict(number, "skip", "guidance row")
    if len(own) != 1:
        return RowVerdict(number, "data")
    name, value = next(iter(own.items()))
    if name in layout.ids and (value is None or _is_number(value)):
        return RowVerdict(number, "skip", "row has only a number")
    col = next(c for c, f in layout.fields.items() if f == name)
    text = _text(value)
    lone_heading = name not in layout.required or spans.get((number, col), 1) > 1
    if text and not _DIGIT.fullmatch(text) and lone_heading:
        return RowVerdict(number, "candidate", text=text)
    return RowVerdict(number, "data")


def _is_guidance(layout: Layout, own: Mapping[str, object]) -> bool:
    """Explanations under each heading ("Why have you given these ratings?"), not an action.

    Only sentences in most columns count: a first row of short values ("Divya",
    "Green", 0.85) is data even when it has no reference.
    """
    if any(has_value(own.get(n)) for n in layout.ids):
        return False
    if any(not isinstance(v, str) for v in own.values() if v is not None):
        return False  # numbers and dates are answers, not guidance
    for name in layout.dates:
        if _DIGIT.search(_text(own.get(name))):
            return False
    texts = [_text(v) for v in own.values() if _text(v)]
    sentences = [t for t in texts if _SENTENCE.search(t) or len(t.split()) >= 5]
    return (
        len(texts) >= 2
        and len(texts) * 2 >= len(layout.fields)
        and len(sentences) * 2 >= len(texts)
    )


def resolve_sections(rows: Sequence[RowVerdict]) -> None:
    """A lone heading is a section when the next row with anything in it is data or a section."""
    following = ""
    for row in reversed(rows):
        if row.kind == "blank":
            continue
        if row.kind == "candidate":
            if following in {"data", "section"}:
                row.kind, row.reason = "section", f"section heading '{row.text}'"
            elif row.fallback == "data":
                row.kind = "data"
            else:
                row.kind, row.reason = "skip", row.fallback
        following = row.kind


def skipped_rows(sheet: str, rows: Sequence[RowVerdict]) -> list[CellProblem]:
    """Why rows were left out, a run of the same reason given once.

    Blank rows are only worth a line between data rows; those after the header or
    at the bottom are just the sheet's layout.
    """
    out: list[CellProblem] = []
    seen_data = False
    i = 0
    while i < len(rows):
        row = rows[i]
        if row.kind == "data":
            seen_data = True
            i += 1
            continue
        j = i
        while (
            row.kind != "section"
            and j + 1 < len(rows)
            and rows[j + 1].kind == row.kind
            and rows[j + 1].reason == row.reason
        ):
            j += 1
        first, last = row.number, rows[j].number
        if row.kind == "blank":
            if seen_data and j + 1 < len(rows):
                reason = "blank row" if first == last else f"blank rows ({first}–{last})"
                out.append(CellProblem(sheet, first, "", reason))
        else:
            suffix = "" if first == last else f" (rows {first}–{last})"
            out.append(CellProblem(sheet, first, "", row.reason + suffix))
        i = j + 1
    return out
