"""Search everything on the board from one box: plan, log, risks, meetings and minutes.

A board holds a few thousand records at most, so the matching happens here in Python
over a handful of column selects read in one transaction: the same code on SQLite and
PostgreSQL, accent- and case-insensitive the same way on both (LIKE ignores case only
for ASCII on SQLite, not at all on PostgreSQL, and accents on neither), and a query's
`%`, `_`, `\\` or quotes are only ever characters to find, never syntax. An open search
box reads a `SearchIndex` once and searches it at each keystroke.
"""

from __future__ import annotations

import heapq
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from improvement_desk.db.models import (
    Action,
    AgendaItem,
    Decision,
    LogAction,
    Meeting,
    MinutesAmendment,
    Person,
    Recommendation,
    Risk,
)
from improvement_desk.services.context import ServiceContext

DEFAULT_LIMIT = 20
SNIPPET_CHARS = 120
SNIPPET_LEAD = 40
TITLE_CHARS = 90


class SearchKind(Enum):
    """The groups of results, in the order the search box lists them."""

    RECOMMENDATION = ("recommendation", "Recommendations")
    PLAN_ACTION = ("plan_action", "Plan actions")
    LOG_ACTION = ("log_action", "Action log")
    RISK = ("risk", "Risks")
    MEETING = ("meeting", "Meetings")
    MINUTE = ("minute", "Minutes")

    @property
    def heading(self) -> str:
        return self.value[1]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One record found. For a minute, `record_id` is its agenda item's id (or, for an
    amendment to the minutes as a whole, the meeting's) and both ids are given."""

    kind: SearchKind
    record_id: int
    title: str
    snippet: str
    # (start, end) of each match in `snippet`, so a view can emphasise them without markup.
    highlights: tuple[tuple[int, int], ...] = ()
    detail: str = ""
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    # 0 the reference itself, 1 every word in the title, 2 found in the body.
    rank: int = 2


@dataclass(frozen=True, slots=True)
class SearchGroup:
    kind: SearchKind
    hits: tuple[SearchHit, ...]
    # How many matched, of which `hits` are the best `limit_per_kind`.
    total: int


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    groups: tuple[SearchGroup, ...] = ()

    @property
    def total(self) -> int:
        return sum(g.total for g in self.groups)

    def hits(self) -> list[SearchHit]:
        return [hit for group in self.groups for hit in group.hits]

    def group(self, kind: SearchKind) -> SearchGroup | None:
        return next((g for g in self.groups if g.kind is kind), None)


class SearchService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def search(self, text: str, *, limit_per_kind: int = DEFAULT_LIMIT) -> SearchResults:
        """Every record holding every word of `text` somewhere, best first within each kind."""
        if Query.parse(text) is None:
            return SearchResults(text)
        return self.index().search(text, limit_per_kind=limit_per_kind)

    def index(self) -> SearchIndex:
        """The board's searchable text as it is now, read in one transaction."""
        with self._ctx.db.reading() as session:
            return SearchIndex(_documents(session))


class SearchIndex:
    """The board's searchable text, read and folded once.

    An open search box searches the same index at every keystroke, so typing costs no
    database reads and no folding: only the matching of the words.
    """

    def __init__(self, documents: Iterable[_Document]) -> None:
        self._entries = [_Entry.of(doc) for doc in documents]

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, text: str, *, limit_per_kind: int = DEFAULT_LIMIT) -> SearchResults:
        query = Query.parse(text)
        if query is None:
            return SearchResults(text)
        limit = max(1, limit_per_kind)
        found: dict[SearchKind, list[tuple[int, int, int, _Document]]] = {k: [] for k in SearchKind}
        for entry in self._entries:
            rank = query.rank(entry)
            if rank is not None:
                doc = entry.doc
                found[doc.kind].append((rank, -doc.order, -doc.record_id, doc))
        groups = []
        for kind, matches in found.items():
            if matches:
                best = heapq.nsmallest(limit, matches, key=lambda m: m[:3])
                hits = tuple(_hit(doc, rank, query) for rank, _, _, doc in best)
                groups.append(SearchGroup(kind, hits, len(matches)))
        return SearchResults(text, tuple(groups))


class _Entry(NamedTuple):
    """A record's text folded once: its reference, its title, and everything."""

    doc: _Document
    reference: str
    title: str
    everything: str

    @classmethod
    def of(cls, doc: _Document) -> _Entry:
        title = fold(doc.title_text)
        return cls(doc, fold(doc.reference), title, f"{title}\n{fold(doc.body_text)}")


# -- text ----------------------------------------------------------------------------------------

_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")
_UNPRINTABLE = re.compile(r"[\s\x00-\x1f\x7f-\x9f\u2028\u2029]+")


@lru_cache(maxsize=32_768)
def fold(text: str) -> str:
    """Lower case without accents: "Zoë" and "ZOE" both become "zoe"; "ß" becomes "ss"."""
    if text.isascii():
        return text.lower()
    return _MARKS.sub("", unicodedata.normalize("NFKD", text.casefold()))


def _fold_with_map(text: str) -> tuple[str, list[int] | None]:
    """`fold(text)` and, for each of its characters, the index of the one it came from
    (None when they line up one to one, as they nearly always do)."""
    if text.isascii():
        return text.lower(), None
    pieces = [fold(char) for char in text]
    if all(len(piece) == 1 for piece in pieces):
        return "".join(pieces), None
    origin = [i for i, piece in enumerate(pieces) for _ in piece]
    return "".join(pieces), origin


def _plain(text: str) -> str:
    """One line of printable text: line breaks, tabs and control characters become spaces."""
    return _UNPRINTABLE.sub(" ", text).strip()


def _shorten(text: str, limit: int = TITLE_CHARS) -> str:
    line = _plain(text)
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


@dataclass(frozen=True, slots=True)
class Query:
    """The words to find (folded, each once, longest first so a miss shows early)."""

    words: tuple[str, ...]
    phrase: str

    @classmethod
    def parse(cls, text: str) -> Query | None:
        words = fold(text).split()
        if not words:
            return None
        unique = sorted(dict.fromkeys(words), key=len, reverse=True)
        return cls(tuple(unique), " ".join(words))

    def rank(self, entry: _Entry) -> int | None:
        """None unless every word is in the record's folded text; else how good a match."""
        words = self.words
        if len(words) == 1:  # as typing starts: the commonest case, and the most matches
            word = words[0]
            if word not in entry.everything:
                return None
            return 0 if entry.reference == self.phrase else 1 if word in entry.title else 2
        if not all(w in entry.everything for w in words):
            return None
        if entry.reference == self.phrase:
            return 0
        return 1 if all(w in entry.title for w in words) else 2

    def spans(self, text: str, only: str | None = None) -> list[tuple[int, int]]:
        """Where the words (or `only` that one) occur in `text`, by original position,
        merged and in order."""
        folded, origin = _fold_with_map(text)
        spans: list[tuple[int, int]] = []
        for word in (only,) if only else self.words:
            start = folded.find(word)
            while start >= 0:
                end = start + len(word)
                spans.append(
                    (start, end) if origin is None else (origin[start], origin[end - 1] + 1)
                )
                start = folded.find(word, end)
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged


def _snippet(fields: Iterable[str], query: Query) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About SNIPPET_CHARS of the field holding the most of the words (the first, of equals),
    starting a little before the first place the longest of them occurs."""
    best: tuple[int, str] | None = None
    for field in fields:
        folded = fold(field)
        present = sum(w in folded for w in query.words)
        if present and (best is None or present > best[0]):
            best = (present, field)
    if best is None:
        return "", ()
    text = _plain(best[1])
    longest = next((w for w in query.words if w in fold(text)), None)
    spans = query.spans(text, only=longest)
    if not spans:  # a word with a control character, gone from the printable text
        short = _shorten(text, SNIPPET_CHARS)
        return short, tuple(query.spans(short))
    first, first_end = spans[0]
    start = max(0, min(first - SNIPPET_LEAD, len(text) - SNIPPET_CHARS))  # short texts whole
    if start > 0:  # from a word's start
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = start + SNIPPET_CHARS
    if end < len(text):  # at a word's end
        cut = text.rfind(" ", first_end, end)
        end = cut if cut >= 0 else end
    window = text[start:end].strip()
    snippet = ("…" if start > 0 else "") + window + ("…" if end < len(text) else "")
    return snippet, tuple(query.spans(snippet))


# -- documents -----------------------------------------------------------------------------------


class _Document(NamedTuple):
    """A record as the search sees it: what counts as its title, its body, and its age.

    A tuple, not a frozen dataclass: thousands are built for every index.
    """

    kind: SearchKind
    record_id: int
    reference: str
    # The hit's title line is `heading`, then `summary` cut short (only for the hits shown).
    heading: str
    summary: str
    title_fields: tuple[str, ...]
    body_fields: tuple[str, ...]
    # Newer sorts first among equals: a meeting's date, else the id (a newer record's is larger).
    order: int
    detail: str = ""
    meeting_id: int | None = None
    agenda_item_id: int | None = None
    # Where a snippet may come from, best first; by default the title (less the reference),
    # then the body.
    shown: tuple[str, ...] | None = None

    @property
    def title(self) -> str:
        if not self.summary:
            return self.heading
        return f"{self.heading} — {_shorten(self.summary)}" if self.heading else self.summary

    @property
    def title_text(self) -> str:
        return "\n".join(self.title_fields)

    @property
    def body_text(self) -> str:
        return "\n".join(self.body_fields)


def _hit(doc: _Document, rank: int, query: Query) -> SearchHit:
    titles = doc.title_fields[1:] if doc.reference else doc.title_fields
    shown = doc.shown if doc.shown is not None else (*titles, *doc.body_fields)
    snippet, highlights = _snippet(shown, query)
    if not snippet:  # only the reference, or a date, matched: show the start of the record
        snippet, highlights = _shorten(shown[0] if shown else "", SNIPPET_CHARS), ()
    return SearchHit(
        kind=doc.kind,
        record_id=doc.record_id,
        title=doc.title,
        snippet=snippet,
        highlights=highlights,
        detail=doc.detail,
        meeting_id=doc.meeting_id,
        agenda_item_id=doc.agenda_item_id,
        rank=rank,
    )


def _dates(day: date) -> str:
    """A meeting is found by "12/03/2014", "12 March 2014" or "Mar 2014"."""
    return f"{day:%d/%m/%Y} {day.day} {day:%B %Y} {day:%b %Y}"


def _documents(session: Session) -> Iterator[_Document]:
    # Column selects through Core (not the ORM's row processing): twice as fast here.
    connection = session.connection()
    yield from _recommendations(connection)
    yield from _plan_actions(connection)
    yield from _log_actions(connection)
    yield from _risks(connection)
    yield from _meetings_and_minutes(connection)


def _recommendations(connection: Connection) -> Iterator[_Document]:
    rows = connection.execute(
        select(
            Recommendation.id,
            Recommendation.reference,
            Recommendation.text,
            Recommendation.theme,
            Recommendation.source,
        )
    )
    for id_, reference, text, theme, source in rows:
        yield _Document(
            SearchKind.RECOMMENDATION, id_, reference,
            reference, text, (reference, text), (theme, source.label),
            id_, f"{source.label} · {theme}",
        )  # fmt: skip


def _plan_actions(connection: Connection) -> Iterator[_Document]:
    rows = connection.execute(
        select(
            Action.id,
            Action.reference,
            Action.description,
            Action.success_measures,
            Action.evidence_of_impact,
            Person.name,
            Recommendation.theme,
        )
        .join(Person, Person.id == Action.lead_officer_id)
        .join(Recommendation, Recommendation.id == Action.recommendation_id)
    )
    for id_, reference, description, measures, evidence, lead, theme in rows:
        yield _Document(
            SearchKind.PLAN_ACTION, id_, reference,
            reference, description, (reference, description),
            (lead, theme, measures, evidence), id_, f"{lead} · {theme}",
        )  # fmt: skip


def _log_actions(connection: Connection) -> Iterator[_Document]:
    rows = connection.execute(
        select(
            LogAction.id,
            LogAction.reference,
            LogAction.description,
            LogAction.current_due,
            LogAction.status,
            Person.name,
        ).join(Person, Person.id == LogAction.owner_id)
    )
    for id_, reference, description, due, status, owner in rows:
        yield _Document(
            SearchKind.LOG_ACTION, id_, reference,
            reference, description, (reference, description), (owner,),
            id_, f"{owner} · {status.label} · due {due:%d/%m/%Y}",
        )  # fmt: skip


def _risks(connection: Connection) -> Iterator[_Document]:
    rows = connection.execute(
        select(
            Risk.id,
            Risk.reference,
            Risk.title,
            Risk.cause,
            Risk.event,
            Risk.effect,
            Risk.controls,
            Risk.category,
            Person.name,
        ).join(Person, Person.id == Risk.owner_id)
    )
    for id_, reference, title, cause, event, effect, controls, category, owner in rows:
        yield _Document(
            SearchKind.RISK, id_, reference,
            reference, title, (reference, title),
            (cause, event, effect, owner, category, controls), id_,
            f"{owner} · {category}",
        )  # fmt: skip


def _meetings_and_minutes(connection: Connection) -> Iterator[_Document]:
    meetings = {
        id_: (title, day, venue)
        for id_, title, day, venue in connection.execute(
            select(Meeting.id, Meeting.title, Meeting.meeting_date, Meeting.venue)
        )
    }
    items: dict[int, list[tuple[int, int, str, str]]] = {}
    for id_, meeting_id, position, title, minute in connection.execute(
        select(
            AgendaItem.id,
            AgendaItem.meeting_id,
            AgendaItem.position,
            AgendaItem.title,
            AgendaItem.minute,
        ).order_by(AgendaItem.meeting_id, AgendaItem.position, AgendaItem.id)
    ):
        items.setdefault(meeting_id, []).append((id_, position, title, minute))
    decisions: dict[int, list[str]] = {}
    for decided_under, text in connection.execute(
        select(Decision.agenda_item_id, Decision.text).order_by(Decision.position, Decision.id)
    ):
        decisions.setdefault(decided_under, []).append(text)
    amendments: dict[tuple[int, int | None], list[str]] = {}
    for amended, amended_item, text in connection.execute(
        select(
            MinutesAmendment.meeting_id, MinutesAmendment.agenda_item_id, MinutesAmendment.text
        ).order_by(MinutesAmendment.id)
    ):
        amendments.setdefault((amended, amended_item), []).append(text)

    for meeting_id, (title, day, venue) in meetings.items():
        label = f"{title}, {day:%d %b %Y}"
        agenda = items.get(meeting_id, [])
        yield _Document(
            SearchKind.MEETING, meeting_id, "", label, "", (title,),
            (_dates(day), venue, *(t for _, _, t, _ in agenda)), day.toordinal(), venue,
            meeting_id=meeting_id, shown=(*(t for _, _, t, _ in agenda), venue, title),
        )  # fmt: skip
        for number, (item_id, _, item_title, minute) in enumerate(agenda, start=1):
            said = [minute, *decisions.get(item_id, ()), *amendments.get((meeting_id, item_id), ())]
            if any(text.strip() for text in said):
                yield _Document(
                    SearchKind.MINUTE, item_id, "", f"{label}, item {number}", item_title,
                    (item_title,), tuple(said), day.toordinal() * 1000 - number, label,
                    meeting_id=meeting_id, agenda_item_id=item_id, shown=(*said, item_title),
                )  # fmt: skip
        general = amendments.get((meeting_id, None))
        if general:
            yield _Document(
                SearchKind.MINUTE, meeting_id, "", label, "Amendments to the minutes",
                ("Amendments to the minutes",), tuple(general), day.toordinal() * 1000, label,
                meeting_id=meeting_id,
            )  # fmt: skip
