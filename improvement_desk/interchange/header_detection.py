"""Finding a table's header row, and which column holds which field, in sheets people keep.

Real returns put a title, guidance and marker rows above the header, start the
header in any column, and write headings with line breaks, trailing spaces and
punctuation ("Who?", "Owner(s)", "Action / Decision", "Target date (dd/mm/yy)").
The header is the row among the first 30 that names the most known columns;
a heading is tried whole first, then without its bracketed note, then part by
part, so an exact name always wins over a looser reading of another column.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl.utils import column_index_from_string, get_column_letter

from improvement_desk.interchange.columns import ColumnSpec, normalise_header

HEADER_SCAN_ROWS = 30
"""Headers further down than this are not looked for: the user can name the row instead."""

MIN_HEADER_MATCHES = 2
"""One recognised word ("Status" in a legend) is not a table; two columns are."""

_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_PARTS = re.compile(r"\s*(?:/|\||;|\n)\s*")


@dataclass(frozen=True, slots=True)
class ColumnMatch:
    """One field found in one column, with the heading as written, for the preview."""

    field: str
    column: str
    header_text: str


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    row: int
    matches: tuple[ColumnMatch, ...]
    unmatched: tuple[tuple[str, str], ...]


def header_label(value: object) -> str:
    """The heading as shown to the user: whitespace (line breaks too) collapsed to one space."""
    if value is None:
        return ""
    return " ".join(str(value).split())


def _readings(raw: str) -> tuple[tuple[str, ...], ...]:
    """The ways a heading is read, strictest first: whole, without brackets, by its parts."""
    whole = normalise_header(raw)
    unbracketed = _BRACKETED.sub(" ", raw)
    plain = normalise_header(unbracketed)
    parts = tuple(p for p in _PARTS.split(unbracketed) if normalise_header(p))
    return (
        (raw,),
        (unbracketed,) if plain and plain != whole else (),
        parts if len(parts) > 1 else (),
    )


class _Names:
    """Every spec's names, normalised once: `ColumnSpec.matches` re-normalises its synonyms on
    each call, which is too slow for a workbook with 30 header candidates on each of 20 sheets."""

    def __init__(self, columns: Sequence[ColumnSpec]) -> None:
        self.own: dict[str, str] = {}  # normalised name → field whose own header it is
        self.named: dict[str, list[ColumnSpec]] = {}
        for spec in columns:
            self.own.setdefault(normalise_header(spec.header), spec.field)
            for name in {normalise_header(h) for h in (spec.header, *spec.synonyms)}:
                if name:
                    self.named.setdefault(name, []).append(spec)

    def pick(self, options: tuple[str, ...], taken: Mapping[str, int]) -> ColumnSpec | None:
        """The spec a heading names: its own header before a synonym, then declaration order."""
        for option in options:
            wanted = normalise_header(option)
            free = [s for s in self.named.get(wanted, ()) if s.field not in taken]
            for spec in free:
                if self.own.get(wanted) == spec.field:
                    return spec
            if free:
                return free[0]
        return None


def match_header_row(
    row: int,
    cells: Mapping[int, object],
    columns: Sequence[ColumnSpec],
    _names: _Names | None = None,
) -> HeaderMatch:
    """Assign fields to the columns of one row.

    Each field takes the leftmost column that names it; a column serves one field.
    Stricter readings are tried across the whole row before looser ones, so "Status"
    in a later column beats a left column only loosely read as a status.
    """
    labels = {col: header_label(value) for col, value in sorted(cells.items())}
    labels = {col: text for col, text in labels.items() if text}
    raw = {col: str(cells[col]).strip() for col in labels}
    names = _names if _names is not None else _Names(columns)
    readings = {col: _readings(text) for col, text in raw.items()}
    taken: dict[str, int] = {}
    used: set[int] = set()
    for tier in range(3):
        for col in labels:
            if col in used:
                continue
            spec = names.pick(readings[col][tier], taken)
            if spec is not None:
                taken[spec.field] = col
                used.add(col)
    order = {spec.field: i for i, spec in enumerate(columns)}
    matches = tuple(
        ColumnMatch(name, get_column_letter(col), labels[col])
        for name, col in sorted(taken.items(), key=lambda item: order[item[0]])
    )
    unmatched = tuple(
        (get_column_letter(col), text) for col, text in labels.items() if col not in used
    )
    return HeaderMatch(row, matches, unmatched)


def detect_header(
    rows: Mapping[int, Mapping[int, object]], columns: Sequence[ColumnSpec]
) -> HeaderMatch | None:
    """The row in the first 30 that names the most columns (the earliest on a tie), if any names 2."""
    names = _Names(columns)
    best: HeaderMatch | None = None
    for number in range(1, HEADER_SCAN_ROWS + 1):
        cells = rows.get(number)
        if not cells:
            continue
        found = match_header_row(number, cells, columns, names)
        if len(found.matches) >= MIN_HEADER_MATCHES and (
            best is None or len(found.matches) > len(best.matches)
        ):
            best = found
    return best


def apply_mapping(
    row: int,
    cells: Mapping[int, object],
    columns: Sequence[ColumnSpec],
    mapping: Mapping[str, str],
) -> HeaderMatch:
    """The user's own field → column choice; an empty letter leaves the field unmapped.

    Raises ValueError for a field the column list does not declare or a letter that
    is not a column: both are mistakes in the caller, not in the file.
    """
    known = {spec.field for spec in columns}
    order = {spec.field: i for i, spec in enumerate(columns)}
    chosen: dict[str, int] = {}
    for name, letter in mapping.items():
        if name not in known:
            raise ValueError(f"unknown field {name!r} in the column mapping")
        if not letter:
            continue
        chosen[name] = column_index_from_string(letter.strip().upper())
    matches = tuple(
        ColumnMatch(name, get_column_letter(col), header_label(cells.get(col)))
        for name, col in sorted(chosen.items(), key=lambda item: order[item[0]])
    )
    used = set(chosen.values())
    unmatched = tuple(
        (get_column_letter(col), header_label(value))
        for col, value in sorted(cells.items())
        if col not in used and header_label(value)
    )
    return HeaderMatch(row, matches, unmatched)
