"""Hand-built meeting records for the minutes builder: no database needed.

`sample_meeting()` is a realistic improvement-board meeting (the names are
invented, with the accents and letters real boards have); the keyword
arguments let a test swap in hostile text, long minutes or many actions.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import (
    AttendanceStatus,
    MeetingStatus,
    MemberKind,
    Purpose,
    StandingItem,
)
from improvement_desk.services.log_records import LogActionSummary
from improvement_desk.services.meeting_records import (
    AgendaItemRecord,
    AmendmentRecord,
    AttendanceRecord,
    DecisionRecord,
    DeclarationRecord,
    MeetingRecord,
    MeetingSummary,
)

MEETING_DATE = date(2014, 3, 12)
BOARD = "Northshire Children's Services Improvement Board"
EXEMPT_MINUTE = "The board heard the confidential staffing case of the Head of Service (Zanzibar)."
EXEMPT_TITLE = "Senior staffing matter (Quixotic)"
SENSITIVE_MINUTE = "Police operation Kestrel-Vortex details were shared."
SENSITIVE_TITLE = "Multi-agency case review (Vortex)"


def summary(**changes: object) -> MeetingSummary:
    base = MeetingSummary(
        id=7,
        title="Improvement Board",
        meeting_date=MEETING_DATE,
        start_time=time(10, 0),
        venue="Committee Room 2, County Hall, Northshire",
        status=MeetingStatus.MINUTES_DRAFTED,
        marking=Marking.OFFICIAL,
        item_count=0,
        open_actions=0,
        approved_at_meeting_id=None,
        approved_at_date=None,
        version=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def action(
    ref: str, description: str, owner: str, due: date, **changes: object
) -> LogActionSummary:
    base = LogActionSummary(
        id=abs(hash(ref)) % 100_000,
        reference=ref,
        meeting_id=7,
        meeting_date=MEETING_DATE,
        item_id=None,
        item_number="",
        item_title="",
        description=description,
        owner_id=1,
        owner_name=owner,
        original_due=due,
        current_due=due,
        status=LogStatus.OPEN,
        overdue=False,
        closed_at_meeting_id=None,
        closed_on=None,
        latest_update="",
        revision_count=0,
        version=1,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def item(
    number: int,
    title: str,
    minute: str = "",
    *,
    standing: StandingItem | None = None,
    decisions: tuple[str, ...] = (),
    actions: tuple[LogActionSummary, ...] = (),
    presenter: str = "",
    marking: Marking = Marking.OFFICIAL,
    exempt_paragraph: int | None = None,
    public_title: str = "",
) -> AgendaItemRecord:
    item_id = 100 + number
    return AgendaItemRecord(
        id=item_id,
        meeting_id=7,
        number=str(number),
        position=number - 1,
        title=title,
        presenter=presenter,
        purpose=Purpose.DISCUSSION,
        minutes_allowed=15,
        starts_at=None,
        standing=standing,
        marking=marking,
        exempt=exempt_paragraph is not None,
        exempt_paragraph=exempt_paragraph,
        publish_from=None,
        public_title=public_title,
        minute=minute,
        papers=(),
        decisions=tuple(
            DecisionRecord(id=item_id * 10 + n, item_id=item_id, position=n, text=text)
            for n, text in enumerate(decisions)
        ),
        declarations=(),
        actions=tuple(
            replace(a, item_id=item_id, item_number=str(number), item_title=title) for a in actions
        ),
        version=1,
    )


def person(
    name: str,
    kind: MemberKind,
    status: AttendanceStatus | None,
    *,
    role: str = "",
    organisation: str = "Northshire County Council",
    substitute: str = "",
) -> AttendanceRecord:
    return AttendanceRecord(
        person_id=abs(hash(name)) % 100_000,
        name=name,
        organisation=organisation,
        board_role=role,
        kind=kind,
        status=status,
        substitute=substitute,
    )


ATTENDANCE = (
    person(
        "Siân Ŵyn",
        MemberKind.VOTING,
        AttendanceStatus.PRESENT,
        role="Independent Chair",
        organisation="Independent",
    ),
    person(
        "Łukasz Nowak", MemberKind.VOTING, AttendanceStatus.PRESENT, role="Lead Member for Children"
    ),
    person(
        "Cllr Margaret O'Neill",
        MemberKind.VOTING,
        AttendanceStatus.PRESENT,
        role="Leader of the Council",
    ),
    person(
        "Dr Priya Raman",
        MemberKind.VOTING,
        AttendanceStatus.PRESENT,
        role="Designated Doctor",
        organisation="NHS Northshire ICB",
    ),
    person(
        "Thu Trang Nguyễn",
        MemberKind.ADVISER,
        AttendanceStatus.PRESENT,
        role="DfE Improvement Adviser",
        organisation="Department for Education",
    ),
    person(
        "Detective Supt Alan Hughes",
        MemberKind.VOTING,
        AttendanceStatus.APOLOGIES,
        role="Head of Public Protection",
        organisation="Northshire Police",
        substitute="DCI Rebecca Shaw",
    ),
    person(
        "Mark Ellison",
        MemberKind.VOTING,
        AttendanceStatus.ABSENT,
        role="Chair, Safeguarding Partnership",
        organisation="Northshire Safeguarding Children Partnership",
    ),
    person(
        "Joanne Pike",
        MemberKind.OFFICER,
        AttendanceStatus.PRESENT,
        role="Director of Children's Services",
    ),
    person(
        "Femi Adeyemi",
        MemberKind.OFFICER,
        AttendanceStatus.PRESENT,
        role="Improvement Programme Manager",
    ),
    person(
        "Ruth Kettering",
        MemberKind.OFFICER,
        AttendanceStatus.PRESENT,
        role="Board Secretary (minutes)",
    ),
    person("Not Recorded", MemberKind.OFFICER, None),
)

ACTION_LOG_MINUTE = (
    "The board reviewed the action log. Actions A1 and A2 were complete and the board agreed "
    "to close them.\n\nThe Director reported that A4 (recruitment of agency social workers) "
    "had slipped because of a delay in the framework contract; a revised date was agreed."
)

PLAN_MINUTE = (
    "The Director of Children's Services introduced the improvement plan progress report. "
    "Of the 39 actions, 21 were Green, 9 Amber, 3 Red and 6 complete (Blue).\n"
    "The three Red actions were:\n"
    "· 2.3 return home interviews within 72 hours;\n"
    "· 3.1 caseloads in the assessment teams;\n"
    "· 4.2 quality of supervision recorded on the case file.\n\n"
    "The DfE Improvement Adviser asked how the board would know that the work on supervision "
    "was changing practice rather than compliance. The Director agreed that the audit programme "
    "would report on the quality of supervision, not only its frequency."
)


def sample_meeting(
    *,
    status: MeetingStatus = MeetingStatus.MINUTES_DRAFTED,
    approved_at: date | None = None,
    extra_items: tuple[AgendaItemRecord, ...] = (),
    plan_minute: str = PLAN_MINUTE,
    plan_actions: tuple[LogActionSummary, ...] | None = None,
    attendance: tuple[AttendanceRecord, ...] = ATTENDANCE,
    amendments: tuple[AmendmentRecord, ...] = (),
    marking: Marking = Marking.OFFICIAL,
) -> MeetingRecord:
    if plan_actions is None:
        plan_actions = (
            action(
                "A7",
                "Femi Adeyemi to add a measure of supervision quality to the scorecard.",
                "Femi Adeyemi",
                date(2014, 4, 9),
            ),
            action(
                "A8",
                "Joanne Pike to report on caseloads in the assessment teams, with the agency staffing position.",
                "Joanne Pike",
                date(2014, 5, 14),
            ),
        )
    matters = (
        action(
            "A2",
            "Board Secretary to circulate the revised terms of reference.",
            "Ruth Kettering",
            date(2014, 2, 12),
            meeting_date=date(2014, 2, 12),
            status=LogStatus.COMPLETE,
        ),
        action(
            "A4",
            "Recruit twelve agency social workers to the assessment teams.",
            "Joanne Pike",
            date(2014, 6, 30),
            original_due=date(2014, 3, 1),
            meeting_date=date(2014, 2, 12),
            status=LogStatus.IN_PROGRESS,
            revision_count=1,
        ),
        action(
            "A5",
            "Łukasz Nowak to brief Cabinet on the improvement notice.",
            "Łukasz Nowak",
            date(2014, 3, 5),
            meeting_date=date(2014, 2, 12),
            overdue=True,
        ),
    )
    items = (
        item(
            1,
            "Welcome, introductions and apologies",
            "The Chair welcomed members, in particular Dr Priya Raman attending her first meeting.\nApologies were noted as above.",
            standing=StandingItem.WELCOME,
        ),
        item(2, "Declarations of interest", "", standing=StandingItem.DECLARATIONS),
        item(
            3,
            "Minutes of the last meeting and matters arising",
            "The minutes of the meeting held on 12 February 2014 were agreed as a correct record.",
            standing=StandingItem.PREVIOUS_MINUTES,
            decisions=(
                "RESOLVED: that the minutes of the meeting held on 12 February 2014 be approved as a correct record.",
            ),
        ),
        item(
            4,
            "Action log",
            ACTION_LOG_MINUTE,
            standing=StandingItem.ACTION_LOG,
            decisions=("That actions A1 and A2 be closed.",),
        ),
        item(
            5,
            "Improvement plan progress",
            plan_minute,
            standing=StandingItem.PLAN_PROGRESS,
            presenter="Joanne Pike, Director of Children's Services",
            decisions=(
                "RESOLVED: that the progress report be noted and the Red actions be reported in detail to the next meeting.",
            ),
            actions=plan_actions,
        ),
        item(
            6,
            EXEMPT_TITLE,
            EXEMPT_MINUTE,
            exempt_paragraph=1,
            decisions=("RESOLVED: that the Quixotic recommendation be agreed.",),
            actions=(action("A9", "Zanzibar follow-up with HR", "Joanne Pike", date(2014, 4, 1)),),
        ),
        item(7, SENSITIVE_TITLE, SENSITIVE_MINUTE, marking=Marking.OFFICIAL_SENSITIVE),
        *extra_items,
        item(
            8 + len(extra_items),
            "Any other business",
            "There was no other business.",
            standing=StandingItem.ANY_OTHER_BUSINESS,
        ),
        item(
            9 + len(extra_items),
            "Date of next meeting",
            "Wednesday 9 April 2014 at 10.00 am, Committee Room 2, County Hall.",
            standing=StandingItem.NEXT_MEETING,
        ),
    )
    declarations = (
        DeclarationRecord(
            id=1,
            item_id=105,
            item_number="5",
            person_id=2,
            person_name="Dr Priya Raman",
            nature="Her husband is employed by the fostering agency named in the report.",
        ),
        DeclarationRecord(
            id=2,
            item_id=106,
            item_number="6",
            person_id=3,
            person_name="Cllr Margaret O'Neill",
            nature="Knows the Quixotic officer personally.",
        ),
    )
    present = sum(
        1
        for a in attendance
        if a.status is AttendanceStatus.PRESENT and a.kind is MemberKind.VOTING
    )
    return MeetingRecord(
        summary=summary(
            status=status,
            approved_at_date=approved_at,
            approved_at_meeting_id=8 if approved_at else None,
            item_count=len(items),
            marking=marking,
        ),
        items=items,
        attendance=attendance,
        quorum=3,
        voting_present=present,
        declarations=declarations,
        amendments=amendments,
        matters_arising=matters,
        previous=None,
        next=None,
    )


def amendment(text: str, on: date = date(2014, 4, 12), item_number: str = "5") -> AmendmentRecord:
    return AmendmentRecord(
        id=1,
        meeting_id=7,
        item_id=100 + int(item_number) if item_number else None,
        item_number=item_number,
        amended_on=on,
        text=text,
        agreed_at_meeting_id=8,
        recorded_by="Ruth Kettering",
    )
