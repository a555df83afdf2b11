"""Checks the demo board's meetings (`demo_meeting_content`) before anything is written.

The content is held to the rules a user's entries meet (the domain's
validators for meetings, agenda items, minutes, log actions, due revisions and
updates, and the quorum) and to the story's own consistency: a meeting on or
before the as-at date has been held and one after it has not, approved minutes
are approved by a later meeting that was held, every standing item is on each
agenda once with the closing items last, apologies are named in the welcome
minute, each action the board closes or re-dates is named in that meeting's
action-log minute, and a plan action's closure decision sits under the very
minute its `decision_ref` names. A slip is a `ValidationError` naming the
meeting, so it fails the tests rather than showing up as a strange board.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date

from improvement_desk.domain.action_log import (
    DueRevisionDraft,
    LogActionDraft,
    LogStatus,
    LogUpdateDraft,
    validate_due_revision,
    validate_log_action,
    validate_log_update,
)
from improvement_desk.domain.errors import FieldProblem
from improvement_desk.domain.meeting import (
    CLOSING_ITEMS,
    STANDING_AGENDA,
    AgendaItemDraft,
    MeetingDraft,
    MeetingStatus,
    MemberKind,
    StandingItem,
    check_minute_text,
    is_quorate,
    quorum_problem,
    validate_agenda_item,
    validate_meeting,
)
from improvement_desk.domain.text_rules import SHORT_TEXT, check_text
from improvement_desk.services.demo_content import DemoAction
from improvement_desk.services.demo_meeting_content import (
    DemoBoard,
    DemoItem,
    DemoLogAction,
    DemoMeeting,
)
from improvement_desk.services.demo_paper_content import DemoPaper, Heading, Table

_REFERENCE = re.compile(r"\bA\d+\b")
_NEW_TARGET = re.compile(
    r"^RESOLVED: that the target date of action (?P<ref>\S+) be moved to (?P<day>\d{1,2} \w+ \d{4})\.$"
)
_DECISION_REF = re.compile(r"^(?P<title>.+) (?P<day>\d{1,2} \w{3} \d{4}), minute (?P<item>\d+)$")


def long_date(on: date) -> str:
    return f"{on.day} {on:%B %Y}"


def item_draft(item: DemoItem) -> AgendaItemDraft:
    return AgendaItemDraft(
        title=item.title,
        presenter=item.presenter,
        purpose=item.purpose,
        minutes_allowed=item.minutes_allowed,
        marking=item.marking,
        exempt=item.exempt_paragraph is not None,
        exempt_paragraph=item.exempt_paragraph,
        publish_from=item.publish_from,
        public_title=item.public_title,
        standing=item.standing,
    )


def board_problems(
    board: DemoBoard,
    *,
    people: Iterable[str],
    plan: Mapping[str, DemoAction],
    as_at: date,
) -> list[FieldProblem]:
    """Everything wrong with the board's content; `people` are the names already loaded."""
    known = set(people) | {p.name for p in board.people}
    found = _membership(board, known)
    held = {m.on: m for m in board.meetings if m.status.has_been_held and m.on <= as_at}
    raised: dict[str, date] = {}
    previous: DemoMeeting | None = None
    for index, meeting in enumerate(board.meetings):
        later = board.meetings[index + 1] if index + 1 < len(board.meetings) else None
        prefix = f"Demo meeting {meeting.on:%d %b %Y}"
        problems = _meeting(board, meeting, previous, later, known, as_at)
        problems += _items(meeting, known, plan, {m.name for m in board.members})
        for item in meeting.items:
            for action in item.actions:
                problems += _action(action, meeting, known, held, as_at)
                raised[action.reference] = meeting.on
        problems += _mentions(meeting, raised)
        found += [FieldProblem(f"{prefix}: {p.field}", p.message) for p in problems]
        previous = meeting
    found += _references(board)
    found += _amendments(board)
    return found


def _membership(board: DemoBoard, known: set[str]) -> list[FieldProblem]:
    found = [
        p
        for person in board.people
        for p in (
            check_text("Person", person.name, max_length=SHORT_TEXT, single_line=True),
            check_text("Role", person.role, max_length=SHORT_TEXT, single_line=True),
        )
        if p
    ]
    names = [m.name for m in board.members]
    found += [
        FieldProblem("Members", f"{n} is not a known person") for n in names if n not in known
    ]
    found += [
        FieldProblem("Members", f"{n} is listed twice") for n in set(names) if names.count(n) > 1
    ]
    voting = sum(1 for m in board.members if m.kind is MemberKind.VOTING)
    problem = quorum_problem(board.quorum, voting)
    return found + ([problem] if problem else [])


def _meeting(
    board: DemoBoard,
    meeting: DemoMeeting,
    previous: DemoMeeting | None,
    later: DemoMeeting | None,
    known: set[str],
    as_at: date,
) -> list[FieldProblem]:
    found = validate_meeting(MeetingDraft(meeting.on, meeting.start, meeting.venue, meeting.title))
    if previous is not None and meeting.on <= previous.on:
        found.append(FieldProblem("Date", "meetings must be in date order"))
    held = meeting.status.has_been_held
    if held != (meeting.on <= as_at):
        found.append(FieldProblem("Status", f"'{meeting.status.label}' does not fit the date"))
    if meeting.status is MeetingStatus.MINUTES_APPROVED and (
        later is None or not later.status.has_been_held
    ):
        found.append(FieldProblem("Status", "approved minutes need a later meeting, held"))
    kinds = {m.name: m.kind for m in board.members}
    away = [a.name for a in meeting.apologies] + list(meeting.absent)
    found += [FieldProblem("Attendance", f"{n} is not a member") for n in away if n not in kinds]
    found += [
        FieldProblem("Attendance", f"{n} is listed twice") for n in set(away) if away.count(n) > 1
    ]
    for apology in meeting.apologies:
        problem = check_text(
            "Substitute",
            apology.substitute,
            max_length=SHORT_TEXT,
            required=False,
            single_line=True,
        )
        if problem:
            found.append(problem)
        if held and apology.name not in _minute(meeting, StandingItem.WELCOME):
            found.append(
                FieldProblem("Welcome", f"the minute does not name {apology.name}'s apologies")
            )
    found += [
        FieldProblem("Attendance", f"guest {g} is unknown or a member")
        for g in meeting.guests
        if g not in known or g in kinds
    ]
    if not held:
        if away or meeting.guests:
            found.append(FieldProblem("Attendance", "a meeting not yet held has none"))
        return found
    voting = sum(1 for n, k in kinds.items() if k is MemberKind.VOTING and n not in away)
    if not is_quorate(voting, board.quorum):
        found.append(FieldProblem("Attendance", f"{voting} voting members is not quorate"))
    if later is not None and long_date(later.on) not in _minute(meeting, StandingItem.NEXT_MEETING):
        found.append(FieldProblem("Next meeting", "the minute does not give the next date"))
    if previous is not None and long_date(previous.on) not in _minute(
        meeting, StandingItem.PREVIOUS_MINUTES
    ):
        found.append(FieldProblem("Previous minutes", "the minute does not name that meeting"))
    return found


def _minute(meeting: DemoMeeting, kind: StandingItem) -> str:
    """The minute of the meeting's standing item (empty if the agenda lacks it)."""
    return next((i.minute for i in meeting.items if i.standing is kind), "")


def _items(
    meeting: DemoMeeting, known: set[str], plan: Mapping[str, DemoAction], members: set[str]
) -> list[FieldProblem]:
    kinds = [i.standing for i in meeting.items if i.standing is not None]
    if sorted(kinds) != sorted(t.kind for t in STANDING_AGENDA):
        return [FieldProblem("Agenda", "must carry every standing item once")]
    found: list[FieldProblem] = []
    if tuple(i.standing for i in meeting.items[-len(CLOSING_ITEMS) :]) != CLOSING_ITEMS:
        found.append(FieldProblem("Agenda", "any other business and the next date come last"))
    if not 1 <= len(meeting.items) - len(kinds) <= 3:
        found.append(FieldProblem("Agenda", "a meeting has one to three items of its own"))
    held = meeting.status.has_been_held
    away = {a.name for a in meeting.apologies} | set(meeting.absent)
    present = (members - away) | set(meeting.guests)
    for number, item in enumerate(meeting.items, start=1):
        problems = validate_agenda_item(item_draft(item))
        problems += [
            FieldProblem("Presenter", f"{name} is not a known person")
            for name in item.presenter.split(" and ")
            if name and name not in known
        ]
        problems += _minutes(item, held, plan, meeting.on, number)
        problems += [
            FieldProblem("Declaration", f"{d.person} did not attend")
            for d in item.declarations
            if d.person not in present
        ]
        problems += [
            FieldProblem("Declaration", f"{d.person} is not named in the declarations minute")
            for d in item.declarations
            if d.person not in _minute(meeting, StandingItem.DECLARATIONS)
        ]
        for paper in item.papers:
            problems += _paper(paper, item, meeting.status)
        found += [FieldProblem(f"Item {number}: {p.field}", p.message) for p in problems]
    return found


def _minutes(
    item: DemoItem, held: bool, plan: Mapping[str, DemoAction], on: date, number: int
) -> list[FieldProblem]:
    if not held:
        if item.minute or item.decisions or item.actions or item.declarations:
            return [FieldProblem("Minute", "a meeting not yet held has no minutes")]
        return []
    found = [check_minute_text("Minute", item.minute, required=True)]
    for decision in item.decisions:
        found.append(check_minute_text("Decision", decision.text, required=True))
        if not decision.text.startswith("RESOLVED: that "):
            found.append(FieldProblem("Decision", "must start 'RESOLVED: that'"))
        if decision.plan_action:
            found.append(_closure(decision.plan_action, plan, on, number))
        if moved := _NEW_TARGET.match(decision.text):
            found.append(_new_target(moved["ref"], moved["day"], plan, on))
    return [p for p in found if p]


def _closure(
    reference: str, plan: Mapping[str, DemoAction], on: date, number: int
) -> FieldProblem | None:
    action = plan.get(reference)
    if action is None:
        return FieldProblem("Decision", f"plan action {reference} is not in the plan")
    match = _DECISION_REF.match(action.decision_ref)
    if action.status != "blue" or match is None:
        return FieldProblem("Decision", f"plan action {reference} is not closed as Blue")
    if match["day"] != f"{on.day} {on:%b %Y}" or int(match["item"]) != number:
        return FieldProblem(
            "Decision", f"plan action {reference} was closed at '{action.decision_ref}'"
        )
    return None


def _new_target(
    reference: str, new_date: str, plan: Mapping[str, DemoAction], on: date
) -> FieldProblem | None:
    """The plan itself records the re-baselining the decision agreed, on that day."""
    action = plan.get(reference)
    if action is None or not any(
        r.revised_on == on and long_date(r.new_date) == new_date for r in action.revisions
    ):
        return FieldProblem("Decision", f"the plan has no revision of {reference} to {new_date}")
    return None


def _paper(paper: DemoPaper, item: DemoItem, status: MeetingStatus) -> list[FieldProblem]:
    found = [check_text("Paper", paper.title, max_length=SHORT_TEXT, single_line=True)]
    if status.step < MeetingStatus.PAPERS_ISSUED.step:
        found.append(FieldProblem("Paper", f"'{paper.title}': papers are not yet issued"))
    if paper.marking.rank > item.marking.rank:
        found.append(FieldProblem("Paper", f"'{paper.title}' is marked above its item"))
    texts = [paper.title]
    for block in paper.blocks:
        if isinstance(block, str):
            texts.append(block)
        elif isinstance(block, Heading):
            texts.append(block.text)
        elif isinstance(block, Table):
            texts += [cell for row in block.rows for cell in row]
            if any(len(row) != len(block.rows[0]) for row in block.rows):
                found.append(FieldProblem("Paper", f"'{paper.title}' has a ragged table"))
    for text in texts:
        try:
            text.encode("cp1252")
        except UnicodeEncodeError:
            found.append(
                FieldProblem("Paper", f"'{paper.title}': the PDF fonts cannot show {text!r}")
            )
    return [p for p in found if p]


def _action(
    action: DemoLogAction,
    meeting: DemoMeeting,
    known: set[str],
    held: Mapping[date, DemoMeeting],
    as_at: date,
) -> list[FieldProblem]:
    label = f"Action {action.reference}"
    found = [
        FieldProblem(f"{label}: {p.field}", p.message)
        for p in validate_log_action(
            LogActionDraft(action.description, 0, action.due), raised_on=meeting.on
        )
    ]
    if action.owner not in known:
        found.append(FieldProblem(label, f"owner {action.owner} is not a known person"))
    closed = action.closed_at
    if (action.status is LogStatus.CLOSED) != (closed is not None):
        found.append(FieldProblem(label, "is closed exactly when a meeting closed it"))
    if closed is not None and (closed not in held or closed <= meeting.on):
        found.append(FieldProblem(label, "must be closed at a later meeting that was held"))
    if closed is not None and closed in held:
        found += _named_in_log(action.reference, held[closed], "closed")
    current = action.due
    for revision in action.revisions:
        found += [
            FieldProblem(f"{label}: {p.field}", p.message)
            for p in validate_due_revision(
                DueRevisionDraft(revision.new_due, revision.reason), current_due=current
            )
        ]
        agreed = held.get(revision.agreed_at)
        if (
            agreed is None
            or revision.agreed_at <= meeting.on
            or (closed and revision.agreed_at > closed)
        ):
            found.append(FieldProblem(label, "a new date is agreed at a later meeting, held"))
        else:
            found += _named_in_log(action.reference, agreed, "re-dated")
        current = revision.new_due
    last = closed or as_at
    for update in action.updates:
        found += [
            FieldProblem(f"{label}: {p.field}", p.message)
            for p in validate_log_update(LogUpdateDraft(update.on, update.text), today=as_at)
        ]
        if not meeting.on <= update.on <= last:
            found.append(FieldProblem(label, f"update of {update.on:%d %b %Y} is out of range"))
    return found


def _named_in_log(reference: str, meeting: DemoMeeting, what: str) -> list[FieldProblem]:
    minute = _minute(meeting, StandingItem.ACTION_LOG)
    if reference in _REFERENCE.findall(minute):
        return []
    return [FieldProblem(f"Action {reference}", f"is {what} on {meeting.on:%d %b %Y} unminuted")]


def _mentions(meeting: DemoMeeting, raised: Mapping[str, date]) -> list[FieldProblem]:
    """A minute may name only actions raised at this meeting or before it."""
    return [
        FieldProblem("Minute", f"names {reference}, which does not exist yet")
        for item in meeting.items
        for reference in _REFERENCE.findall(item.minute)
        if reference not in raised
    ]


def _references(board: DemoBoard) -> list[FieldProblem]:
    references = [a.reference for m in board.meetings for i in m.items for a in i.actions]
    expected = [f"A{n}" for n in range(1, len(references) + 1)]
    if references != expected:
        return [FieldProblem("Action log", "references must run A1, A2, ... in order")]
    return []


def _amendments(board: DemoBoard) -> list[FieldProblem]:
    meetings = {m.on: m for m in board.meetings}
    found: list[FieldProblem] = []
    for amendment in board.amendments:
        meeting = meetings.get(amendment.meeting)
        agreed = meetings.get(amendment.agreed_at)
        problem = check_minute_text("Amendment", amendment.text, required=True)
        if problem:
            found.append(problem)
        if meeting is None or meeting.status is not MeetingStatus.MINUTES_APPROVED:
            found.append(FieldProblem("Amendment", "only approved minutes are amended"))
        elif not 1 <= amendment.item_number <= len(meeting.items):
            found.append(FieldProblem("Amendment", "names an item the meeting did not have"))
        if agreed is None or not agreed.status.has_been_held or agreed.on <= amendment.meeting:
            found.append(FieldProblem("Amendment", "is agreed at a later meeting, held"))
    return found
