"""Parts of the minutes that are lists and tables: who attended, declarations, actions.

Kept apart from the order of the document (`reports.minutes`) so the board
pack can print the same attendance list and action tables.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.meeting import AttendanceStatus, MemberKind
from improvement_desk.reports.styles import (
    FRAME_WIDTH,
    MUTED_HEX,
    SENSITIVE_HEX,
    data_table,
    keep_together,
    list_table,
    styles,
)
from improvement_desk.reports.text import escape, markup, short_date

if TYPE_CHECKING:
    from improvement_desk.services.log_records import LogActionSummary
    from improvement_desk.services.meeting_records import (
        AttendanceRecord,
        DeclarationRecord,
        MeetingRecord,
    )

NAME_WIDTH = 62 * mm
ACTION_COLUMNS = ("Ref", "Action", "Owner", "Due", "Status")
_ACTION_WIDTHS = (13 * mm, None, 33 * mm, 27 * mm, 25 * mm)


def attendance_sections(meeting: MeetingRecord) -> list[Flowable]:
    """Present, Apologies, In attendance, Absent, and whether the meeting was quorate.

    Members (voting and advisers) who came are "Present"; officers who came are
    "In attendance"; anyone who sent apologies is under "Apologies", with the
    substitute they sent. Lines not yet recorded are left out.
    """
    s = styles()
    lines = meeting.attendance
    present = [a for a in lines if a.status is AttendanceStatus.PRESENT and a.kind.is_member]
    officers = [a for a in lines if a.status is AttendanceStatus.PRESENT and not a.kind.is_member]
    apologies = [a for a in lines if a.status is AttendanceStatus.APOLOGIES]
    absent = [a for a in lines if a.status is AttendanceStatus.ABSENT and a.kind.is_member]
    out: list[Flowable] = []
    if not (present or officers or apologies or absent):
        out.append(Paragraph("Present", s.section))
        out.append(Paragraph("Attendance has not been recorded.", s.note))
        return out
    for heading, people in (
        ("Present", present),
        ("Apologies", apologies),
        ("In attendance", officers),
        ("Absent", absent),
    ):
        if people:
            table = list_table([_person_row(a) for a in people], _two_columns())
            out.append(keep_together([Paragraph(heading, s.section), table]))
    out += [Spacer(1, 4), _quorum_note(meeting)]
    return out


def _person_row(line: AttendanceRecord) -> list[Flowable]:
    s = styles()
    name = markup(line.name)
    if line.status is AttendanceStatus.APOLOGIES and line.substitute.strip():
        name += f" (substitute: {markup(line.substitute.strip())})"
    role = line.board_role or (line.kind.label if line.kind is MemberKind.ADVISER else "")
    detail = ", ".join(part for part in (role, line.organisation) if part.strip())
    return [Paragraph(name, s.body), Paragraph(markup(detail), s.body)]


def _quorum_note(meeting: MeetingRecord) -> Paragraph:
    s = styles()
    members = "voting member" if meeting.voting_present == 1 else "voting members"
    counted = f"{meeting.voting_present} {members} present; the quorum is {meeting.quorum}"
    if meeting.quorate:
        return Paragraph(f"The meeting was quorate ({counted}).", s.note)
    return Paragraph(f"The meeting was not quorate ({counted}).", s.flag)


def declaration_rows(
    declarations: Iterable[DeclarationRecord],
    *,
    withheld_items: frozenset[int] = frozenset(),
    indent: float = 0,
) -> list[Flowable]:
    """One line per declaration, or "None declared."; a declaration on a withheld
    (exempt) item names only the item, not what it was about."""
    s = styles()
    rows: list[list[Flowable]] = []
    for d in declarations:
        if d.item_id is not None and d.item_id in withheld_items:
            text = f"Item {markup(d.item_number)} (exempt): an interest was declared."
        elif d.item_number:
            text = f"Item {markup(d.item_number)}: {markup(d.nature)}"
        else:
            text = markup(d.nature) or "General declaration."
        rows.append([Paragraph(markup(d.person_name), s.body), Paragraph(text, s.body)])
    if not rows:
        return [Paragraph("None declared.", s.action if indent else s.body)]
    table = list_table(rows, _two_columns(indent))
    if indent:
        table.hAlign = "RIGHT"
    return [table]


def action_line(action: LogActionSummary) -> Paragraph:
    """ "Action A3: Jo to circulate… (Owner: Jo Bloggs; by 30 Apr 2014)" under its item."""
    due = short_date(action.current_due)
    return Paragraph(
        f"<b>Action {markup(action.reference)}:</b> {markup(action.description)} "
        f"<font color='{MUTED_HEX}'>(Owner: {markup(action.owner_name)}; by {due})</font>",
        styles().action,
    )


def action_table(actions: Sequence[LogActionSummary], *, indent: float = 0) -> Flowable:
    """Ref, Action, Owner, Due, Status; the header row repeats on every page."""
    s = styles()
    head = [Paragraph(title, s.head) for title in ACTION_COLUMNS]
    rows: list[list[Flowable]] = [head]
    for a in actions:
        due = short_date(a.current_due)
        if a.revised:
            due += (
                f"<br/><font size='7.5' color='{MUTED_HEX}'>was {short_date(a.original_due)}</font>"
            )
        rows.append(
            [
                Paragraph(markup(a.reference), s.cell_bold),
                Paragraph(markup(a.description), s.cell),
                Paragraph(markup(a.owner_name), s.cell),
                Paragraph(due, s.cell),
                Paragraph(_status(a), s.cell),
            ]
        )
    width = FRAME_WIDTH - indent
    fixed = sum(w for w in _ACTION_WIDTHS if w is not None)
    widths = [w if w is not None else width - fixed for w in _ACTION_WIDTHS]
    table = data_table(rows, widths)
    if indent:
        table.hAlign = "RIGHT"
    return table


def _status(action: LogActionSummary) -> str:
    label = escape(action.status.label)
    if action.status is LogStatus.CLOSED and action.closed_on is not None:
        label = f"Closed {short_date(action.closed_on)}"
    if action.overdue:
        return f"{label}<br/><font color='{SENSITIVE_HEX}'><b>Overdue</b></font>"
    return label


def _two_columns(indent: float = 0) -> list[float]:
    return [NAME_WIDTH - indent, FRAME_WIDTH - NAME_WIDTH]
