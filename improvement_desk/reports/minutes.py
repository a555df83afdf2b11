"""The minutes of one meeting as a PDF, in the order a council's own minutes run.

Heading (board, meeting, date, time, venue, status, marking); Present,
Apologies, In attendance, Absent; declarations of interest; each agenda item
numbered, with its minute in numbered paragraphs, its decisions in bold
"RESOLVED: …" and the actions it agreed; matters arising under the action-log
item; a summary of the actions; the approval line; amendments recorded
after approval.

`public=True` is the version for publication: OFFICIAL-SENSITIVE items are
left out and an exempt item shows only its number, the public title the board
allowed (else "Exempt item") and the Schedule 12A reason, never its title,
minute, decisions or actions (RELIABILITY P-1).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer

from improvement_desk.domain.marking import Marking, exempt_reason, highest_marking
from improvement_desk.domain.meeting import MeetingStatus, StandingItem, public_heading
from improvement_desk.reports.fonts import missing_characters
from improvement_desk.reports.minutes_parts import (
    action_line,
    action_table,
    attendance_sections,
    declaration_rows,
)
from improvement_desk.reports.pages import DocumentInfo, OutlineEntry, RunningText, build_pdf
from improvement_desk.reports.styles import (
    RULE,
    SENSITIVE_HEX,
    keep_together,
    list_table,
    styles,
)
from improvement_desk.reports.text import (
    clock_time,
    escape,
    long_date,
    markup,
    medium_date,
    paragraphs,
    short_date,
)

if TYPE_CHECKING:
    from improvement_desk.services.meeting_records import AgendaItemRecord, MeetingRecord


@dataclass(frozen=True, slots=True)
class MinutesBuild:
    pages: int
    # Characters the font cannot draw (printed as boxes), for the caller to report.
    missing_characters: str


def build_minutes(
    target: BinaryIO,
    meeting: MeetingRecord,
    board_name: str,
    *,
    public: bool = False,
    progress: Callable[[int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> MinutesBuild:
    """Writes the minutes into `target` (a file or buffer opened for binary writing)."""
    minutes = _Minutes(meeting, board_name, public=public)
    pages = build_pdf(
        target,
        minutes.story(),
        minutes.running_text(),
        minutes.info(),
        progress=progress,
        cancelled=cancelled,
    )
    return MinutesBuild(pages, missing_characters(minutes.printed))


def minutes_flowables(
    meeting: MeetingRecord, board_name: str, *, public: bool = False, outline: bool = True
) -> list[Flowable]:
    """The minutes' content without a document around it: the board pack lays it out
    among its own sections (`outline=False` there, as the pack makes its own bookmarks,
    and its own section heading and running marking stand in for the minutes' title
    block, so only the meeting's name and date head them)."""
    return _Minutes(meeting, board_name, public=public, outline=outline).story()


def minutes_marking(meeting: MeetingRecord, *, public: bool = False) -> Marking:
    """The meeting's marking raised to that of any item the document prints."""
    return highest_marking(
        [meeting.summary.marking, *(i.marking for i in _printed_items(meeting, public))]
    )


def _printed_items(meeting: MeetingRecord, public: bool) -> list[AgendaItemRecord]:
    if not public:
        return list(meeting.items)
    return [i for i in meeting.items if i.marking is not Marking.OFFICIAL_SENSITIVE]


def _withheld(item: AgendaItemRecord, public: bool) -> bool:
    return public and item.exempt


class _Minutes:
    """One document's worth of state: what it prints and every user text it printed."""

    def __init__(
        self, meeting: MeetingRecord, board_name: str, *, public: bool, outline: bool = True
    ) -> None:
        self.meeting = meeting
        self.outline = outline
        self.board_name = board_name.strip() or "Improvement Board"
        self.public = public
        self.items = _printed_items(meeting, public)
        self.marking = minutes_marking(meeting, public=public)
        self.approved = meeting.summary.status is MeetingStatus.MINUTES_APPROVED
        self.printed: list[str] = [self.board_name]
        self.s = styles()

    # -- the page around the content ------------------------------------------------------

    def running_text(self) -> RunningText:
        summary = self.meeting.summary
        kind = "Minutes (public)" if self.public else "Minutes"
        return RunningText(
            board_name=self.board_name,
            document=f"{kind}, {medium_date(summary.meeting_date)}",
            marking=self.marking,
            status="" if self.approved else "DRAFT",
            footer=f"{summary.title}, {medium_date(summary.meeting_date)}",
        )

    def info(self) -> DocumentInfo:
        summary = self.meeting.summary
        held = medium_date(summary.meeting_date)
        draft = "" if self.approved else " (draft)"
        public = " (public version)" if self.public else ""
        return DocumentInfo(
            title=f"Minutes of the {summary.title}, {held}{draft}{public}",
            author=self.board_name,
            subject=f"{self.marking.label}: minutes of the {summary.title} held on {held}",
            keywords=(
                self.marking.label,
                "minutes",
                "approved" if self.approved else "draft",
                *(("public",) if self.public else ()),
            ),
        )

    # -- the content -----------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        meeting = self.meeting
        kinds = {i.standing for i in self.items if i.standing is not None}
        out = self._heading()
        out += attendance_sections(meeting)
        self.printed += [
            f"{a.name} {a.substitute} {a.board_role} {a.organisation}" for a in meeting.attendance
        ]
        if StandingItem.DECLARATIONS not in kinds:
            heading = Paragraph("Declarations of interest", self.s.section)
            out.append(keep_together([heading, *self._declarations()]))
        if (
            meeting.matters_arising
            and StandingItem.ACTION_LOG not in kinds
            and StandingItem.PREVIOUS_MINUTES not in kinds
        ):
            heading = Paragraph("Matters arising", self.s.section)
            out.append(keep_together([heading, *self._matters_arising()]))
        arising_under = (
            StandingItem.ACTION_LOG
            if StandingItem.ACTION_LOG in kinds
            else StandingItem.PREVIOUS_MINUTES
        )
        out.append(Spacer(1, 4))
        for item in self.items:
            out += self._item(item, matters_arising=item.standing is arising_under)
        out += self._action_summary()
        out += self._approval()
        out += self._amendments()
        return out

    def _heading(self) -> list[Flowable]:
        summary = self.meeting.summary
        s = self.s
        out: list[Flowable] = []
        held = f"the meeting held on {long_date(summary.meeting_date)}"
        self.printed += [summary.title, summary.venue]
        if self.outline:
            if self.marking is Marking.OFFICIAL_SENSITIVE:
                out.append(Paragraph(self.marking.label, s.banner))
            if self.board_name.casefold() != summary.title.strip().casefold():
                out.append(Paragraph(markup(self.board_name), s.board))
            out.append(Paragraph(markup(summary.title), s.title))
            out.append(Paragraph(f"Minutes of {held}", s.subtitle))
        else:  # inside the board pack, under its "Minutes of the previous meeting"
            out.append(Paragraph(f"{markup(summary.title)}: minutes of {held}", s.subtitle))
        rows = [("Date", long_date(summary.meeting_date))]
        if summary.start_time is not None:
            rows.append(("Time", clock_time(summary.start_time)))
        if summary.venue.strip():
            rows.append(("Venue", markup(summary.venue)))
        if self.approved and summary.approved_at_date is not None:
            when = medium_date(summary.approved_at_date)
            status = f"Approved as a correct record at the meeting on {when}"
        elif self.approved:
            status = "Approved as a correct record"
        else:
            status = (
                f"<font color='{SENSITIVE_HEX}'><b>DRAFT</b></font>: not yet approved by the board"
            )
        rows.append(("Status", status))
        marking = f"<b>{self.marking.label}</b>"
        if self.public:
            marking += ". Public version: exempt information is withheld."
        rows.append(("Marking", marking))
        out.append(
            list_table(
                [[Paragraph(k, s.label), Paragraph(v, s.body)] for k, v in rows],
                [24 * mm, 140 * mm],
            )
        )
        out.append(Spacer(1, 6))
        out.append(HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=2, spaceAfter=2))
        return out

    def _declarations(self, *, indent: float = 0) -> list[Flowable]:
        printed = {i.id for i in self.items}
        withheld = frozenset(i.id for i in self.items if _withheld(i, self.public))
        shown = [d for d in self.meeting.declarations if d.item_id is None or d.item_id in printed]
        self.printed += [f"{d.person_name} {d.nature}" for d in shown]
        return declaration_rows(shown, withheld_items=withheld, indent=indent)

    def _matters_arising(self, *, indent: float = 0) -> list[Flowable]:
        actions = self.meeting.matters_arising
        if not actions:
            none = "There were no open actions from earlier meetings."
            return [Paragraph(none, self.s.aside if indent else self.s.note)]
        self.printed += [f"{a.description} {a.owner_name}" for a in actions]
        return [action_table(actions, indent=indent)]

    def _item(self, item: AgendaItemRecord, *, matters_arising: bool) -> list[Flowable]:
        if _withheld(item, self.public):
            heading = public_heading(item.public_title)
            self.printed.append(heading)
            return [
                *self._mark(f"{item.number}. {' '.join(heading.split())}"),
                Paragraph(f"{escape(item.number)}. {markup(heading)}", self.s.item),
                Paragraph(escape(exempt_reason(item.exempt_paragraph or 1)), self.s.numbered),
            ]
        self.printed += [item.title, item.presenter, item.minute]
        head = self._item_head(item)
        body = self._item_body(item, matters_arising=matters_arising)
        tail: list[Flowable] = []
        for decision in item.decisions:
            self.printed.append(decision.text)
            tail.append(Paragraph(_resolved(decision.text), self.s.decision))
        for action in item.actions:
            self.printed += [action.description, action.owner_name]
            tail.append(action_line(action))
        if not body and not tail:
            body.append(Paragraph("No minute recorded.", self.s.aside))
        # The heading never ends a page alone, and decisions and actions stay with the
        # paragraph they follow, so neither starts a page cut off from its item.
        if len(body) <= 1:
            return [keep_together([*head, *body, *tail])]
        last = keep_together([body[-1], *tail]) if tail else body[-1]
        return [keep_together([*head, body[0]]), *body[1:-1], last]

    def _mark(self, title: str) -> list[Flowable]:
        return [OutlineEntry(title)] if self.outline else []

    def _item_head(self, item: AgendaItemRecord) -> list[Flowable]:
        """Number and title, exempt and marking flags, presenter."""
        s = self.s
        head: list[Flowable] = [
            *self._mark(f"{item.number}. {' '.join(item.title.split())}"),
            Paragraph(f"{escape(item.number)}. {markup(item.title)}", s.item),
        ]
        flags = []
        if item.exempt and item.exempt_paragraph is not None:
            flag = f"Exempt — Schedule 12A paragraph {item.exempt_paragraph}"
            if item.publish_from is not None:
                flag += f" (may be published from {short_date(item.publish_from)})"
            flags.append(flag)
        if item.marking is Marking.OFFICIAL_SENSITIVE:
            flags.append(item.marking.label)
        if flags:
            head.append(Paragraph(" · ".join(flags), s.flag))
        if item.presenter.strip():
            head.append(Paragraph(f"Presented by {markup(item.presenter)}", s.note))
        return head

    def _item_body(self, item: AgendaItemRecord, *, matters_arising: bool) -> list[Flowable]:
        """Declarations (on that item), the minute in numbered paragraphs, matters arising."""
        body: list[Flowable] = []
        if item.standing is StandingItem.DECLARATIONS:
            body += self._declarations(indent=12 * mm)
        for n, text in enumerate(paragraphs(item.minute), start=1):
            body.append(Paragraph(text, self.s.numbered, bulletText=f"{item.number}.{n}"))
        if matters_arising:
            heading = Paragraph("Matters arising", self.s.sub)
            body.append(keep_together([heading, *self._matters_arising(indent=12 * mm)]))
        return body

    def _action_summary(self) -> list[Flowable]:
        actions = [a for i in self.items if not _withheld(i, self.public) for a in i.actions]
        heading = Paragraph("Summary of action points", self.s.section)
        if not actions:
            none = Paragraph("No actions were agreed at this meeting.", self.s.body)
            return [keep_together([heading, none])]
        return [keep_together([heading, action_table(actions)])]

    def _approval(self) -> list[Flowable]:
        s = self.s
        summary = self.meeting.summary
        if not self.approved:
            return [
                Spacer(1, 10),
                Paragraph(
                    "These minutes are a draft. They become the board's record when a later "
                    "meeting approves them as a correct record.",
                    s.note,
                ),
            ]
        when = (
            f" at the meeting on {medium_date(summary.approved_at_date)}"
            if summary.approved_at_date is not None
            else ""
        )
        return [
            Spacer(1, 14),
            keep_together(
                [
                    Paragraph(f"Approved as a correct record{when}.", s.body),
                    Spacer(1, 18),
                    Paragraph(
                        "Signed (Chair) ............................................"
                        "        Date ............................",
                        s.body,
                    ),
                ]
            ),
        ]

    def _amendments(self) -> list[Flowable]:
        hidden = {i.id for i in self.meeting.items} - {i.id for i in self.items}
        hidden |= {i.id for i in self.items if _withheld(i, self.public)}
        shown = [a for a in self.meeting.amendments if a.item_id not in hidden]
        if not shown:
            return []
        out: list[Flowable] = []
        for a in shown:
            self.printed.append(a.text)
            where = f"item {escape(a.item_number)}: " if a.item_number else ""
            out.append(
                Paragraph(
                    f"<b>Amendment recorded {short_date(a.amended_on)}:</b> {where}{markup(a.text)}",
                    self.s.body,
                )
            )
        heading = Paragraph("Amendments recorded after approval", self.s.section)
        return [keep_together([heading, out[0]]), *out[1:]]


def _resolved(text: str) -> str:
    """Decisions print as typed, in bold, after "RESOLVED:" unless they already start with it."""
    body = markup(text)
    if text.lstrip().upper().startswith("RESOLVED"):
        return body
    return f"RESOLVED: {body}"
