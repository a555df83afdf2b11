"""What an issued board pack presented, frozen as JSON, and what has changed since.

"Changes since the last board" must compare with what the board was shown,
not with what the database now says about that date: ratings and dates are
edited in place. So when a pack is issued, `freeze` records the plan actions,
risks, action-log entries and active indicators it presented, each as
reference → a few plain values (codes, ISO dates, scores), and the snapshot is
stored with the issued pack. It holds no free text but the meeting's title.

The rules of `changes_between` (outputs in natural reference order, "1.2.9"
before "1.2.10", "R2" before "R10"):
- An item not in the previous snapshot is new, and listed only as new.
- An item gone since (deleted, or an indicator retired) is NOT closed: closing
  is a board decision recorded as a status; deleting corrects a mistake and is
  in the audit trail. `PackChanges` has no "removed" list, so it drops out.
- A plan action is closed when it turned Blue (one already Blue is not closed
  again; one reopened from Blue is rerated); a log action or a risk when its
  status became closed. A closed risk is not also "moved"; a live risk moved
  when its score or band changed (new bands re-rate a risk as a review does).
- Only indicators on both scorecards are compared, so "No RAG" → "Red" means
  the board saw the indicator unrated last time.
`decode` checks a stored snapshot fully and raises `StorageError` naming the
pack, so a damaged record is reported where it is read, not inside a build.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any, NamedTuple, TypeVar

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.brag import Brag
from improvement_desk.domain.errors import StorageError
from improvement_desk.domain.risk import RiskStatus
from improvement_desk.domain.risk_bands import Band
from improvement_desk.domain.scorecard import Rag
from improvement_desk.services.log_reader import reference_key as log_reference_key
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_records import MeetingSummary
from improvement_desk.services.pack_records import PackChanges, Redated, Rerated
from improvement_desk.services.plan_records import PlanSnapshot
from improvement_desk.services.risk_records import RegisterSnapshot
from improvement_desk.services.scorecard_records import ScorecardSnapshot

SNAPSHOT_FORMAT = 1
KINDS = ("actions", "risks", "log", "indicators")
NO_RAG = "No RAG"  # as the pack's scorecard table prints an indicator without one

T = TypeVar("T")
V = TypeVar("V")
Listed = TypeVar("Listed", str, Rerated, Redated)
_NUMBER = re.compile(r"(\d+)")


def freeze(
    meeting: MeetingSummary,
    plan: PlanSnapshot,
    register: RegisterSnapshot,
    scorecard: ScorecardSnapshot,
    log: Sequence[LogActionSummary],
) -> dict[str, Any]:
    """What the pack for `meeting` presents, as plain JSON-ready values."""
    return {
        "format": SNAPSHOT_FORMAT,
        "meeting": {
            "id": meeting.id,
            "date": meeting.meeting_date.isoformat(),
            "title": meeting.title,
        },
        "actions": _table(
            (a.reference, {"status": a.status.value, "target": a.target_date.isoformat()})
            for a in plan.actions
        ),
        "risks": _table(
            (
                r.reference,
                {"status": r.status.value, "score": r.current_score, "band": r.band.value},
            )
            for r in register.risks
        ),
        "log": _table(
            (a.reference, {"status": a.status.value, "due": a.current_due.isoformat()}) for a in log
        ),
        "indicators": _table(
            (row.indicator.reference, {"rag": row.rag.value if row.rag else None})
            for row in scorecard.rows
            if row.indicator.active  # the pack shows only active indicators
        ),
    }


def encode(snapshot: Mapping[str, Any]) -> str:
    """Compact JSON with sorted keys: the same snapshot always gives the same text."""
    return json.dumps(
        snapshot, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )


def decode(text: str, where: str) -> dict[str, Any]:
    """The snapshot stored as `text`; StorageError naming `where` ("the pack issued on
    5 Mar 2014") if it is not JSON, not this format, or incomplete or damaged."""

    def unreadable(reason: str) -> StorageError:
        return StorageError(f"The record of what {where} presented cannot be read: {reason}.")

    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        raise unreadable("it is not valid JSON") from None
    if not isinstance(data, dict):
        raise unreadable("it is not a JSON object")
    number = data.get("format")
    if type(number) is not int:
        raise unreadable("it has no format number")
    if number != SNAPSHOT_FORMAT:
        raise unreadable(
            f"it is in format {number}, and this version reads format {SNAPSHOT_FORMAT} only"
        )
    missing = [key for key in ("meeting", *KINDS) if key not in data]
    if missing:
        raise unreadable(f"it has no {', '.join(missing)}")
    try:
        _state(data)
    except (KeyError, TypeError, ValueError) as error:
        detail = f"{error.args[0]!r} is missing" if isinstance(error, KeyError) else str(error)
        raise unreadable(f"it is damaged ({detail})") from None
    return data


def changes_between(previous: Mapping[str, Any] | None, current: Mapping[str, Any]) -> PackChanges:
    """What changed from the previous issued pack's snapshot to this one (see the module
    docstring for the rules); `since` is None, and nothing is listed, without one."""
    if previous is None:
        return PackChanges(since=None)
    old, new = _state(previous), _state(current)
    actions = _common(old.actions, new.actions)
    risks = _common(old.risks, new.risks)
    log = _common(old.log, new.log)
    blue = Brag.BLUE
    return PackChanges(
        since=old.since,
        new_actions=_ordered(r for r in new.actions if r not in old.actions),
        closed_actions=_ordered(
            r for r, a, b in actions if b.status is blue and a.status is not blue
        ),
        rerated_actions=_ordered(
            Rerated(r, a.status.label, b.status.label)
            for r, a, b in actions
            if a.status is not b.status and b.status is not blue
        ),
        redated_actions=_ordered(
            Redated(r, a.target, b.target) for r, a, b in actions if a.target != b.target
        ),
        new_risks=_ordered(r for r in new.risks if r not in old.risks),
        closed_risks=_ordered(r for r, a, b in risks if b.closed and not a.closed),
        moved_risks=_ordered(
            Rerated(r, a.label, b.label) for r, a, b in risks if not b.closed and a.label != b.label
        ),
        new_log_actions=_ordered((r for r in new.log if r not in old.log), log_reference_key),
        closed_log_actions=_ordered(
            (r for r, a, b in log if b.closed and not a.closed), log_reference_key
        ),
        redated_log_actions=_ordered(
            (Redated(r, a.due, b.due) for r, a, b in log if a.due != b.due), log_reference_key
        ),
        rag_changes=_ordered(
            Rerated(r, _rag_label(a), _rag_label(b))
            for r, a, b in _common(old.indicators, new.indicators)
            if a is not b
        ),
    )


def visible_changes(changes: PackChanges, log_refs: Collection[str]) -> PackChanges:
    """The changes as the public pack may print them: only the log actions it shows
    (`log_refs`); plan, risk and indicator changes are all public."""
    shown = frozenset(log_refs)
    return replace(
        changes,
        new_log_actions=tuple(r for r in changes.new_log_actions if r in shown),
        closed_log_actions=tuple(r for r in changes.closed_log_actions if r in shown),
        redated_log_actions=tuple(d for d in changes.redated_log_actions if d.reference in shown),
    )


# -- reading a snapshot back -----------------------------------------------------------------


class _Action(NamedTuple):
    status: Brag
    target: date


class _Risk(NamedTuple):
    closed: bool
    label: str  # "12 Medium"


class _Logged(NamedTuple):
    closed: bool
    due: date


class _State(NamedTuple):
    since: date
    actions: dict[str, _Action]
    risks: dict[str, _Risk]
    log: dict[str, _Logged]
    indicators: dict[str, Rag | None]


def _state(snapshot: Mapping[str, Any]) -> _State:
    """The snapshot as typed values; KeyError, TypeError or ValueError if it is damaged."""
    meeting = _typed(snapshot["meeting"], dict, "meeting")
    _typed(meeting["id"], int, "meeting id")
    _typed(meeting["title"], str, "meeting title")
    return _State(
        since=_day(meeting["date"]),
        actions=_read(snapshot, "actions", lambda v: _Action(Brag(v["status"]), _day(v["target"]))),
        risks=_read(snapshot, "risks", _risk),
        log=_read(
            snapshot,
            "log",
            lambda v: _Logged(LogStatus(v["status"]) is LogStatus.CLOSED, _day(v["due"])),
        ),
        indicators=_read(
            snapshot, "indicators", lambda v: None if v["rag"] is None else Rag(v["rag"])
        ),
    )


def _risk(values: Mapping[str, Any]) -> _Risk:
    score = _typed(values["score"], int, "score")
    closed = RiskStatus(values["status"]) is RiskStatus.CLOSED
    return _Risk(closed, f"{score} {Band(values['band']).label}")


def _read(
    snapshot: Mapping[str, Any], kind: str, parse: Callable[[Mapping[str, Any]], T]
) -> dict[str, T]:
    found: dict[str, T] = {}
    for reference, values in _typed(snapshot[kind], dict, kind).items():
        try:
            found[reference] = parse(_typed(values, dict, "entry"))
        except KeyError as error:
            raise ValueError(f"{kind} {reference} has no {error.args[0]}") from None
        except (TypeError, ValueError) as error:
            raise ValueError(f"{kind} {reference}: {error}") from None
    return found


def _day(value: object) -> date:
    return date.fromisoformat(_typed(value, str, "date"))


def _typed(value: object, kind: type[V], what: str) -> V:
    """`value` if it is a `kind` (True is not a whole number here), else TypeError."""
    if not isinstance(value, kind) or isinstance(value, bool):
        raise TypeError(f"{what} is not {_KIND_NAMES.get(kind, kind.__name__)}")
    return value


_KIND_NAMES: dict[type, str] = {int: "a whole number", str: "text", dict: "a table"}


# -- comparing ------------------------------------------------------------------------------


def _table(entries: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for reference, values in entries:
        if reference in table:  # the database keeps references unique; a copy would be lost
            raise ValueError(f"reference {reference!r} appears twice")
        table[reference] = values
    return table


def _common(old: Mapping[str, T], new: Mapping[str, T]) -> list[tuple[str, T, T]]:
    """(reference, before, after) for each item in both snapshots."""
    return [(r, old[r], value) for r, value in new.items() if r in old]


def _ordered(
    items: Iterable[Listed], key: Callable[[str], Any] | None = None
) -> tuple[Listed, ...]:
    """References, or changes to them, in natural reference order (ties: as written)."""
    order = key or _reference_order

    def position(item: str | Rerated | Redated) -> tuple[Any, str]:
        reference = item if isinstance(item, str) else item.reference
        return (order(reference), reference)

    return tuple(sorted(items, key=position))


def _reference_order(reference: str) -> tuple[tuple[int, int, str], ...]:
    """'1.2.9' before '1.2.10', 'R2' before 'R10': runs of digits compare as numbers."""
    parts = _NUMBER.split(reference.casefold())
    return tuple(
        (0, int(part), "") if index % 2 else (1, 0, part)
        for index, part in enumerate(parts)
        if part
    )


def _rag_label(rag: Rag | None) -> str:
    return rag.label if rag is not None else NO_RAG
