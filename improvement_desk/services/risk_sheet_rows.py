"""Which rows of a risk register sheet are risks, and what the sheet as a whole lacks.

The table reader keeps every row with something in it, but real registers hold
rows that are no risk at all: DLUHC's project blocks repeat the headings and
end with an END row, a project's title line or an input legend sits among the
risks, and a RAID log lists issues, assumptions and dependencies beside them.
Left in, each would be refused as a broken risk and bury the real refusals, so
they are left out with a reason before any row is judged.

Registers from elsewhere are forgiven what they lack, with a warning said once
for the sheet rather than on every row: no category (filed as "Uncategorised"),
no date raised (today), no inherent score (the current one), no description
(the risk's name), and references that repeat block by block (DLUHC's "1, 2, 3"
per project: new risks are numbered R1, R2… instead, since matching by such a
reference would update the wrong risk).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.risk_columns import (
    COMPUTED_KINDS,
    ENTRY_TYPE,
    SCALE,
    risk_column,
)
from improvement_desk.interchange.table_reader import SheetRow
from improvement_desk.interchange.values import clean_cell_text, quote
from improvement_desk.services.import_cells import is_placeholder

UNCATEGORISED = "Uncategorised"
_RISK_TYPES = frozenset({"risk", "risks", "r", "threat"})


@dataclass
class SheetFacts:
    """What the sheet as a whole lacks, said once rather than on every row."""

    warnings: list[CellProblem] = field(default_factory=list)
    renumber: bool = False  # references repeat: new risks get R-numbers, nothing matched by them


def _texts(row: SheetRow) -> dict[str, str]:
    return {
        name: text
        for name, cell in row.cells.items()
        if (text := clean_cell_text(cell.value)) and not is_placeholder(text)
    }


def _not_a_risk(row: SheetRow, texts: dict[str, str], mapped: set[str]) -> str | None:
    """Why a row the table reader kept is still no risk, if it is not."""
    headings = [name for name, text in texts.items() if risk_column(name).matches(text)]
    if len(headings) >= 2:
        return "the column headings again"
    kind = texts.get("entry_type", "").casefold()
    if kind and kind not in _RISK_TYPES:
        return f"a RAID log's {quote(texts['entry_type'])} entry, not a risk"
    errors = any(cell.error for cell in row.cells.values())
    own = {n for n in texts if risk_column(n).kind not in COMPUTED_KINDS | {ENTRY_TYPE}}
    if not own and not errors:
        return "nothing but worked-out scores or markers"
    core = {"reference", "owner", "event", "cause", "effect", "controls"}
    scales = {n for n in own if risk_column(n).kind == SCALE}
    shown = quote(" / ".join(texts[n] for n in sorted(own)))
    if not (own & core) and not scales and not errors:
        return f"no risk here: only {shown}"
    if {"reference", "owner"} <= mapped and not {"reference", "owner"} & own and not errors:
        # DLUHC's legend of inputs under the table: every risk above it has a number.
        return f"no reference and no owner, so not read as a risk: {shown}"
    return None


def select_rows(
    rows: Sequence[SheetRow], mapped: set[str] | frozenset[str]
) -> tuple[list[SheetRow], list[CellProblem]]:
    """The rows that are risks, and why the others were left out (an END row ends the table).

    `mapped` is the fields the sheet has columns for."""
    kept: list[SheetRow] = []
    skipped: list[CellProblem] = []
    for row in rows:
        texts = _texts(row)
        if texts and all(t.casefold() == "end" for t in texts.values()):
            skipped.append(
                CellProblem(row.sheet, row.row, "", "end marker 'END': nothing below it was read")
            )
            break
        reason = _not_a_risk(row, texts, set(mapped))
        if reason is None:
            kept.append(row)
        else:
            skipped.append(CellProblem(row.sheet, row.row, "", reason))
    return kept, skipped


def sheet_facts(
    sheet: str, header_row: int, mapping: dict[str, str], rows: Sequence[SheetRow], today: date
) -> SheetFacts:
    facts = SheetFacts()

    def say(text: str) -> None:
        facts.warnings.append(CellProblem(sheet, header_row, "", text))

    seen: dict[str, int] = {}
    repeats: list[tuple[str, int, int]] = []
    for row in rows:
        cell = row.cells.get("reference")
        text = clean_cell_text(cell.value) if cell is not None else ""
        if text:
            first = seen.setdefault(text.casefold(), row.row)
            if first != row.row:
                repeats.append((text, first, row.row))
    if repeats:
        facts.renumber = True
        text, first, again = repeats[0]
        say(
            f"references repeat in this sheet ('{text}' in rows {first} and {again}): its "
            "new risks are numbered R1, R2… instead, and rows are matched to the register "
            "only by the record key"
        )
    elif "reference" not in mapping:
        say("no reference column: new risks are numbered R1, R2…")
    if rows and "category" not in mapping:
        say(f"no category column: new risks are filed under '{UNCATEGORISED}'")
    if rows and "date_raised" not in mapping:
        say(f"no date-raised column: new risks are dated today ({today:%d %b %Y})")
    if rows and "event" not in mapping:
        say("no description column: each new risk's name is used as its event")
    if rows and not {"inherent_likelihood", "inherent_impact"} & set(mapping):
        say("no inherent (pre-mitigation) score: new risks take their current score as inherent")
    return facts
