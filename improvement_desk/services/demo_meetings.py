"""Loads the demo board's membership, meetings and action log inside the demo's transaction.

The content (`demo_meeting_content`) is checked first (`demo_meeting_checks`),
so nothing is written unless it is all sound. The rows are then written as
the services would leave them after a year of use: members in order, the
quorum set, each meeting with its agenda, papers (real PDFs rendered by
`demo_papers`), attendance, declarations, minutes and decisions; the actions
arising with their original due dates kept, each re-dating a revision agreed
at a named meeting, each closure agreed at a meeting, and both minuted as
decisions under that meeting's action-log item; and every set of approved
minutes approved by the next meeting, under its "minutes of the last meeting"
item, with the decision that says so.

Approved minutes are locked by database triggers, so each meeting is written
as drafted and approved only once everything under it exists: one UPDATE
setting the status and the meeting and item that approved it. Amendments,
which may only be added to approved minutes, come after. The audit trail
notes every creation and every approval.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from datetime import date
from itertools import pairwise
from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from improvement_desk.db.models import Action, Person
from improvement_desk.db.models.action_log import DueRevision, LogAction, LogUpdate
from improvement_desk.db.models.meeting import (
    AgendaItem,
    Attendance,
    BoardMember,
    Decision,
    Declaration,
    Meeting,
    MeetingSettings,
    MinutesAmendment,
    Paper,
)
from improvement_desk.domain.errors import ValidationError
from improvement_desk.domain.meeting import (
    AttendanceStatus,
    MeetingStatus,
    MemberKind,
    StandingItem,
)
from improvement_desk.domain.text_rules import field_values
from improvement_desk.services.audit import AuditTrail
from improvement_desk.services.context import ServiceContext
from improvement_desk.services.demo_content import DemoAction
from improvement_desk.services.demo_meeting_checks import board_problems, item_draft, long_date
from improvement_desk.services.demo_meeting_content import (
    BOARD,
    DemoBoard,
    DemoItem,
    DemoLogAction,
    DemoMeeting,
)
from improvement_desk.services.demo_papers import PaperContext, render_paper
from improvement_desk.services.minute_approval import approval_text
from improvement_desk.services.plan_closure import closure_text


def load_demo_meetings(
    ctx: ServiceContext,
    session: Session,
    *,
    people: MutableMapping[str, int],
    actions: Mapping[str, int],
    plan: Iterable[DemoAction],
    board_name: str,
    as_at: date,
    board: DemoBoard = BOARD,
) -> int:
    """Writes the board's meetings in the caller's open transaction; returns how many.

    `people` maps names to ids (the board's own people are added to it),
    `actions` plan references to ids, and `plan` is the plan's content, whose
    Blue actions are linked to the decisions that closed them.
    """
    by_reference = {a.reference: a for a in plan}
    problems = board_problems(board, people=people, plan=by_reference, as_at=as_at)
    if problems:
        raise ValidationError(problems)
    writer = _Writer(ctx, session, board, people, board_name)
    writer.membership()
    for index, meeting in enumerate(board.meetings):
        writer.meeting(meeting, board.meetings[index - 1] if index else None)
    writer.log()
    writer.approvals()
    writer.amendments()
    writer.link_plan(actions, by_reference)
    return len(board.meetings)


def log_decisions(board: DemoBoard, on: date) -> list[str]:
    """What the meeting of `on` agreed about the log: closures, then new due dates."""
    actions = [a for m in board.meetings for i in m.items for a in i.actions]
    closed = [a.reference for a in actions if a.closed_at == on]
    found = []
    if closed:
        names = closed[0] if len(closed) == 1 else f"{', '.join(closed[:-1])} and {closed[-1]}"
        found.append(f"RESOLVED: that action{'s' if len(closed) > 1 else ''} {names} be closed.")
    for action in actions:
        found += [
            f"RESOLVED: that the due date of action {action.reference} be moved to "
            f"{long_date(r.new_due)}."
            for r in action.revisions
            if r.agreed_at == on
        ]
    return found


def _label(meeting: DemoMeeting) -> str:
    return f"{meeting.title}, {meeting.on:%d %b %Y}"


class _Writer:
    """Writes rows in order and remembers them for the rows that refer back to them.

    Rows are added in groups and flushed once a group is complete (a meeting's
    items, then everything under them), since the ORM batches each table's
    INSERTs within a flush: one flush per row would triple the demo's load time.
    """

    def __init__(
        self,
        ctx: ServiceContext,
        session: Session,
        board: DemoBoard,
        people: MutableMapping[str, int],
        board_name: str,
    ) -> None:
        self._ctx = ctx
        self._session = session
        self._trail = AuditTrail(ctx, session)
        self._board = board
        self._people = people
        self._board_name = board_name
        self._meetings: dict[date, Meeting] = {}
        self._items: dict[tuple[date, int], AgendaItem] = {}  # (meeting date, number) -> item
        # plan action reference -> the decision closing it, its meeting and item number
        self._closures: dict[str, tuple[Decision, DemoMeeting, int]] = {}
        self._pending: list[tuple[Any, str, str, Mapping[str, Any]]] = []

    def _add(self, row: Any, entity: str, label: str, values: Mapping[str, Any]) -> None:
        """Adds a row; it is written, and its creation audited, at the next `_flush`."""
        self._session.add(row)
        self._pending.append((row, entity, label, values))

    def _flush(self) -> None:
        self._session.flush()
        for row, entity, label, values in self._pending:
            self._trail.created(entity, row.id, label, values)
        self._pending.clear()

    def membership(self) -> None:
        added = {
            p.name: Person(name=p.name, role=p.role, organisation=p.organisation)
            for p in self._board.people
            if p.name not in self._people
        }
        for name, person in added.items():
            self._add(person, "person", name, {"name": name, "role": person.role})
        self._flush()
        self._people.update({name: person.id for name, person in added.items()})
        for position, m in enumerate(self._board.members):
            row = BoardMember(
                person_id=self._people[m.name],
                kind=m.kind,
                board_role=m.board_role,
                active=True,
                position=position,
            )
            member = {"person": m.name, "kind": m.kind, "board_role": m.board_role}
            self._add(row, "board_member", m.name, member)
        values: dict[str, Any] = {
            "quorum": self._board.quorum,
            "default_venue": self._board.default_venue,
            "default_start": self._board.default_start,
        }
        settings = self._session.get(MeetingSettings, 1)
        if settings is None:
            self._add(
                MeetingSettings(id=1, **values), "meeting_settings", "Meeting settings", values
            )
        else:
            self._trail.apply(settings, "meeting_settings", "Meeting settings", values)
        self._flush()

    def meeting(self, meeting: DemoMeeting, before: DemoMeeting | None) -> None:
        status = meeting.status
        if status is MeetingStatus.MINUTES_APPROVED:
            status = MeetingStatus.MINUTES_DRAFTED  # approved once everything under it exists
        values = {
            "title": meeting.title,
            "meeting_date": meeting.on,
            "start_time": meeting.start,
            "venue": meeting.venue,
            "status": status,
        }
        row = Meeting(**values, created_at=self._ctx.now())
        self._add(row, "meeting", _label(meeting), values)
        self._flush()
        self._meetings[meeting.on] = row
        for number, item in enumerate(meeting.items, start=1):
            self._item(meeting, row, number, item)
        self._flush()
        for number, item in enumerate(meeting.items, start=1):
            decisions = [d.text for d in item.decisions]
            if (
                item.standing is StandingItem.PREVIOUS_MINUTES
                and before is not None
                and before.status is MeetingStatus.MINUTES_APPROVED
            ):
                decisions.insert(0, approval_text(before.on))
            if item.standing is StandingItem.ACTION_LOG:
                decisions += log_decisions(self._board, meeting.on)
            self._under_item(meeting, row, number, item, decisions)
        if status.has_been_held:
            self._attendance(meeting, row)
        self._flush()

    def _item(self, meeting: DemoMeeting, row: Meeting, number: int, item: DemoItem) -> None:
        values = {"position": number - 1, **field_values(item_draft(item))}
        agenda_item = AgendaItem(meeting_id=row.id, minute=item.minute, **values)
        label = f"{_label(meeting)}, item {number}"
        self._add(agenda_item, "agenda_item", label, {**values, "minute": item.minute})
        self._items[(meeting.on, number)] = agenda_item

    def _under_item(
        self, meeting: DemoMeeting, row: Meeting, number: int, item: DemoItem, decisions: list[str]
    ) -> None:
        """The item's papers, decisions and declarations."""
        agenda_item = self._items[(meeting.on, number)]
        label = f"{_label(meeting)}, item {number}"
        context = PaperContext(
            self._board_name, meeting.title, meeting.on, number, item.presenter, item.purpose
        )
        for position, paper in enumerate(item.papers):
            rendered = render_paper(paper, context)
            name = f"{meeting.on:%Y-%m-%d} item {number} {paper.key.replace('_', '-')}.pdf"
            paper_row = Paper(
                agenda_item_id=agenda_item.id,
                position=position,
                title=paper.title,
                file_name=name,
                content=rendered.content,
                sha256=rendered.sha256,
                size=rendered.size,
                page_count=rendered.page_count,
                marking=paper.marking,
                added_at=self._ctx.now(),
            )
            values = {"title": paper.title, "file_name": name, "sha256": rendered.sha256}
            self._add(paper_row, "paper", label, {**values, "marking": paper.marking})
        closing = {d.text: d.plan_action for d in item.decisions if d.plan_action}
        for position, text in enumerate(decisions):
            decision = Decision(agenda_item_id=agenda_item.id, position=position, text=text)
            self._add(decision, "decision", label, {"text": text})
            if text in closing:
                self._closures[closing[text]] = (decision, meeting, number)
        for declared in item.declarations:
            declaration = Declaration(
                meeting_id=row.id,
                agenda_item_id=agenda_item.id,
                person_id=self._people[declared.person],
                nature=declared.nature,
            )
            values = {"person": declared.person, "nature": declared.nature}
            self._add(declaration, "declaration", label, values)

    def _attendance(self, meeting: DemoMeeting, row: Meeting) -> None:
        apologies = {a.name: a.substitute for a in meeting.apologies}
        lines = [(m.name, m.kind, apologies.get(m.name, "")) for m in self._board.members]
        lines += [(guest, MemberKind.OFFICER, "") for guest in meeting.guests]
        for name, kind, substitute in lines:
            status = AttendanceStatus.PRESENT
            if name in apologies:
                status = AttendanceStatus.APOLOGIES
            elif name in meeting.absent:
                status = AttendanceStatus.ABSENT
            attendance = Attendance(
                meeting_id=row.id,
                person_id=self._people[name],
                kind=kind,
                status=status,
                substitute=substitute,
            )
            values = {"person": name, "kind": kind, "status": status, "substitute": substitute}
            self._add(attendance, "attendance", _label(meeting), values)

    def log(self) -> None:
        """Every action arising, in reference order, with its revisions and updates."""
        rows: list[tuple[LogAction, DemoLogAction]] = []
        for meeting in self._board.meetings:
            for number, item in enumerate(meeting.items, start=1):
                rows += [(self._log_action(meeting, number, a), a) for a in item.actions]
        self._flush()
        for row, action in rows:
            for revision in row.revisions:
                values = {"new_due": revision.new_due, "reason": revision.reason}
                self._trail.created("log_due_revision", revision.id, action.reference, values)
            for update_row in row.updates:
                values = {"update_date": update_row.update_date, "text": update_row.text}
                self._trail.created("log_update", update_row.id, action.reference, values)

    def _log_action(self, meeting: DemoMeeting, number: int, action: DemoLogAction) -> LogAction:
        current = action.revisions[-1].new_due if action.revisions else action.due
        closed_at = self._meetings[action.closed_at] if action.closed_at else None
        row = LogAction(
            reference=action.reference,
            meeting_id=self._meetings[meeting.on].id,
            agenda_item_id=self._items[(meeting.on, number)].id,
            description=action.description,
            owner_id=self._people[action.owner],
            original_due=action.due,
            current_due=current,
            status=action.status,
            closed_at_meeting_id=closed_at.id if closed_at else None,
            closed_on=action.closed_at,
            created_at=self._ctx.now(),
        )
        previous = action.due
        for revision in action.revisions:
            row.revisions.append(
                DueRevision(
                    previous_due=previous,
                    new_due=revision.new_due,
                    reason=revision.reason,
                    agreed_at_meeting_id=self._meetings[revision.agreed_at].id,
                    recorded_on=revision.agreed_at,
                    recorded_by=self._board.clerk,
                )
            )
            previous = revision.new_due
        row.updates = [
            LogUpdate(
                update_date=u.on, text=u.text, author=action.owner, recorded_at=self._ctx.now()
            )
            for u in action.updates
        ]
        values = {
            "reference": action.reference,
            "description": action.description,
            "owner": action.owner,
            "original_due": action.due,
            "current_due": current,
            "status": action.status,
            "closed_on": action.closed_at,
        }
        self._add(row, "log_action", action.reference, values)
        return row

    def approvals(self) -> None:
        """Each approved meeting is approved under the next meeting's previous-minutes item."""
        for meeting, approving in pairwise(self._board.meetings):
            if meeting.status is not MeetingStatus.MINUTES_APPROVED:
                continue
            number = next(
                n
                for n, item in enumerate(approving.items, start=1)
                if item.standing is StandingItem.PREVIOUS_MINUTES
            )
            self._trail.apply(
                self._meetings[meeting.on],
                "meeting",
                _label(meeting),
                {
                    "status": MeetingStatus.MINUTES_APPROVED,
                    "approved_at_meeting_id": self._meetings[approving.on].id,
                    "approved_at_item_id": self._items[(approving.on, number)].id,
                },
            )
        self._session.flush()

    def amendments(self) -> None:
        for amendment in self._board.amendments:
            row = MinutesAmendment(
                meeting_id=self._meetings[amendment.meeting].id,
                agenda_item_id=self._items[(amendment.meeting, amendment.item_number)].id,
                amended_on=amendment.agreed_at,
                text=amendment.text,
                agreed_at_meeting_id=self._meetings[amendment.agreed_at].id,
                recorded_by=amendment.recorded_by,
                recorded_at=self._ctx.now(),
            )
            label = f"{self._meetings[amendment.meeting].title}, {amendment.meeting:%d %b %Y}"
            self._add(row, "minutes_amendment", label, {"text": amendment.text})
        self._flush()

    def link_plan(self, actions: Mapping[str, int], plan: Mapping[str, DemoAction]) -> None:
        """A Blue plan action points at the decision that agreed its closure, worded as the
        plan's closure link words it ("Minute 6, Improvement Board 19 Jun 2013: RESOLVED ...").
        An UPDATE, not an edit through the ORM: the action was written a moment ago, in this
        transaction, and is not a new version of itself."""
        for reference, (decision, meeting, number) in self._closures.items():
            if reference not in actions:
                continue
            wording = closure_text(str(number), meeting.title, meeting.on, decision.text)
            self._session.execute(
                update(Action)
                .where(Action.id == actions[reference])
                .values(closure_decision_id=decision.id, closure_decision=wording)
            )
            action_id = actions[reference]
            self._trail.apply_value(
                "action", action_id, reference, "closure_decision_id", None, decision.id
            )
            old = plan[reference].decision_ref if reference in plan else ""
            self._trail.apply_value(
                "action", action_id, reference, "closure_decision", old, wording
            )
