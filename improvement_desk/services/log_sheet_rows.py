"""Which rows of an action-log sheet are actions, what the sheet lacks, and who and when they name.

Real logs hold rows that are no action at all: pre-numbered empty rows with a
date in them (the Sussex log), the decisions and risks of an
action-and-decision log, the headings repeated. Left in, each would be
refused as a broken action and bury the real refusals, so they are left out
with a reason before any row is judged. What a whole sheet lacks (a meeting,
a due date, references) is said once, not on every row.

People and meetings are looked up here too, as the board keeps them: an
owner by name ("Jo Bloggs (Head of Service)" and "Jo Bloggs/Anne Smith" name
Jo Bloggs), a meeting by its date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from improvement_desk.interchange.log_columns import ENTRY_TYPE, log_column
from improvement_desk.interchange.problems import CellProblem
from improvement_desk.interchange.table_reader import SheetRow
from improvement_desk.interchange.values import clean_cell_text, quote
from improvement_desk.services.import_cells import is_placeholder

_ACTION_TYPES = frozenset({"action", "actions", "action item", "action point", "a", "task", "todo"})
_CORE = frozenset({"description", "owner", "key"})
# "Rachel Gregson/Project Manager", "Vasu/Thiru", "Jo; Sam": the first name is the owner.
_OWNER_SPLIT = re.compile(r"\s*(?:/|;|&|\+|\band\b)\s*")
_BRACKETED = re.compile(r"\s*\([^)]*\)\s*")
_ITEM_NUMBER = re.compile(r"^\s*(?:item\s*)?(\d+)\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str


@dataclass
class People:
    """The board's people by name, however a log spells the name's case and spacing."""

    by_key: dict[str, Person]

    @staticmethod
    def key(name: str) -> str:
        return " ".join(name.casefold().split())

    def find(self, name: str) -> Person | None:
        return self.by_key.get(self.key(name))

    def read(self, written: str) -> tuple[Person | None, str, str | None]:
        """(person, the name read, a warning): a role in brackets or a second name is set aside."""
        names = [n for n in _OWNER_SPLIT.split(written) if n.strip()]
        if not names:
            return None, "", None
        first = names[0].strip()
        person = self.find(first)
        if person is None:
            plain = _BRACKETED.sub(" ", first).strip()
            if plain and plain != first:
                person = self.find(plain)
                first = plain if person is not None else first
        warning = None
        if len(names) > 1:
            rest = ", ".join(quote(n) for n in names[1:])
            warning = (
                f"{quote(first)} is taken as the owner ({rest} read as a role or second owner)"
            )
        return person, first, warning


@dataclass(frozen=True, slots=True)
class BoardMeeting:
    id: int
    title: str
    meeting_date: date

    @property
    def label(self) -> str:
        """ "Improvement Board, 12 Mar 2014", as the meeting list names it."""
        return f"{self.title}, {self.meeting_date:%d %b %Y}"


@dataclass
class Meetings:
    """The board's meetings by date, and each meeting's agenda items by number."""

    by_date: dict[date, list[BoardMeeting]]
    items: dict[int, dict[str, tuple[int, str]]]  # meeting id → number → (item id, title)
    default: BoardMeeting | None = None

    def on(self, day: date) -> list[BoardMeeting]:
        return self.by_date.get(day, [])

    def closing(self, day: date, raised: date) -> BoardMeeting | None:
        """The meeting that closed an action on `day`: one meeting that day, not before it."""
        found = [m for m in self.on(day) if m.meeting_date >= raised]
        return found[0] if len(found) == 1 else None

    def item(self, meeting_id: int, text: str) -> tuple[int, str] | None:
        """An item of the meeting by its number ("4", "4. Workforce", "Item 4") or its title."""
        items = self.items.get(meeting_id, {})
        match = _ITEM_NUMBER.match(text)
        if match:
            return items.get(str(int(match[1])))
        wanted = " ".join(text.casefold().split())
        found = [i for i in items.values() if " ".join(i[1].casefold().split()) == wanted]
        return found[0] if len(found) == 1 else None


@dataclass
class SheetFacts:
    """What the sheet as a whole lacks, said once rather than on every row."""

    warnings: list[CellProblem] = field(default_factory=list)


def _texts(row: SheetRow) -> dict[str, str]:
    return {
        name: text
        for name, cell in row.cells.items()
        if (text := clean_cell_text(cell.value)) and not is_placeholder(text)
    }


def _not_an_action(row: SheetRow, texts: dict[str, str]) -> str | None:
    headings = [name for name, text in texts.items() if log_column(name).matches(text)]
    if len(headings) >= 2:
        return "the column headings again"
    kind = texts.get("entry_type", "")
    if kind and " ".join(kind.casefold().split()) not in _ACTION_TYPES:
        article = "an" if kind[:1].casefold() in "aeiou" else "a"
        return f"{article} {quote(kind)} entry, not an action"
    if any(cell.error for cell in row.cells.values()):
        return None  # refused by name, never left out unseen
    if not _CORE & set(texts):
        shown = " / ".join(texts[n] for n in sorted(texts) if n != ENTRY_TYPE)
        return f"no action and no owner, so not read as an action: {quote(shown)}"
    return None


def select_rows(rows: Sequence[SheetRow]) -> tuple[list[SheetRow], list[CellProblem]]:
    """The rows that are actions, and why the others were left out."""
    kept: list[SheetRow] = []
    skipped: list[CellProblem] = []
    for row in rows:
        texts = _texts(row)
        if not texts and not any(cell.error for cell in row.cells.values()):
            continue
        reason = _not_an_action(row, texts)
        if reason is None:
            kept.append(row)
        else:
            skipped.append(CellProblem(row.sheet, row.row, "", reason))
    return kept, skipped


def sheet_facts(
    sheet: str,
    header_row: int,
    mapping: dict[str, str],
    rows: Sequence[SheetRow],
    default_meeting: BoardMeeting | None,
) -> SheetFacts:
    facts = SheetFacts()

    def say(text: str) -> None:
        facts.warnings.append(CellProblem(sheet, header_row, "", text))

    if not rows:
        return facts
    if "key" not in mapping and "reference" not in mapping:
        say("no reference column: new actions are numbered A1, A2… after the board's last")
    if "meeting_date" not in mapping:
        if default_meeting is not None:
            say(f"no meeting column: new actions are attached to {default_meeting.label}")
        else:
            say(
                "no meeting column: new actions are refused unless a meeting is chosen for them "
                "(actions already in the log keep theirs)"
            )
    if not {"due", "original_due", "revised_due"} & set(mapping):
        say("no due-date column: new actions are refused (a log action needs a due date)")
    return facts
