"""Demo content: the demo board's membership and its year of meetings, as at 31 March 2014.

The Improvement Board was set up after Ofsted judged Medway's arrangements for
the protection of children inadequate in January 2013. It met every six weeks
from 27 March 2013, as the action plan in `demo_content` says, and this module
holds those meetings: agendas, attendance, declarations, each item's minute and
decisions, the actions arising and what became of them, the papers, and one
amendment to approved minutes. Every date, figure and decision agrees with the
plan's updates and re-baselining and with the risk register's reviews: the
Blue actions are closed by a decision under the item their `decision_ref`
names ("Improvement Board 19 Jun 2013, minute 6" is item 6 of that meeting).

Jane Held (independent chair), Julian Wooster (external Director of
Children's Services) and Councillor Mike O'Brien are named in the Medway
report; everyone else added here is invented, and no child is ever named.

Pure data plus small helpers that build it; `demo_meetings` checks it with the
domain's rules and writes it. Action-log references (A1, A2, ...) are given in
the order the actions appear, meeting by meeting and item by item; the board
closes an action at a later meeting, and re-dates one at the meeting named.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from improvement_desk.domain.action_log import LogStatus
from improvement_desk.domain.marking import Marking
from improvement_desk.domain.meeting import (
    STANDING_AGENDA,
    MeetingStatus,
    MemberKind,
    Purpose,
    StandingItem,
)
from improvement_desk.services.demo_content import (
    _BRAZIL,
    _COLES,
    _HARDING,
    _HOLLIS,
    _MITCHELL,
    _OKAFOR,
    _PEACOCK,
    _QUIRKE_THORNTON,
    _RAMAN,
    _WATSON,
    _WHITFIELD,
    DemoPerson,
)
from improvement_desk.services.demo_paper_content import (
    PAPERS,
    DemoPaper,
)


@dataclass(frozen=True, slots=True)
class DemoMember:
    name: str
    kind: MemberKind
    board_role: str


@dataclass(frozen=True, slots=True)
class DemoDecision:
    """A resolution; `plan_action` names the plan action whose closure it agreed."""

    text: str
    plan_action: str = ""


@dataclass(frozen=True, slots=True)
class DemoDueRevision:
    new_due: date
    reason: str
    agreed_at: date  # the date of the meeting that agreed it


@dataclass(frozen=True, slots=True)
class DemoLogUpdate:
    on: date
    text: str


@dataclass(frozen=True, slots=True)
class DemoLogAction:
    reference: str
    description: str
    owner: str
    due: date
    status: LogStatus = LogStatus.OPEN
    closed_at: date | None = None  # the date of the meeting that closed it
    revisions: tuple[DemoDueRevision, ...] = ()
    updates: tuple[DemoLogUpdate, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoDeclaration:
    person: str
    nature: str


@dataclass(frozen=True, slots=True)
class DemoItem:
    title: str
    presenter: str
    purpose: Purpose
    minutes_allowed: int
    standing: StandingItem | None = None
    marking: Marking = Marking.OFFICIAL
    exempt_paragraph: int | None = None
    publish_from: date | None = None
    public_title: str = ""
    minute: str = ""
    decisions: tuple[DemoDecision, ...] = ()
    actions: tuple[DemoLogAction, ...] = ()
    declarations: tuple[DemoDeclaration, ...] = ()
    papers: tuple[DemoPaper, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoApology:
    name: str
    substitute: str = ""


@dataclass(frozen=True, slots=True)
class DemoMeeting:
    """`apologies` and `absent` name members; every other member and officer member was
    present, with `guests` (officers attending for an item) in attendance too."""

    on: date
    status: MeetingStatus
    items: tuple[DemoItem, ...]
    apologies: tuple[DemoApology, ...] = ()
    absent: tuple[str, ...] = ()
    guests: tuple[str, ...] = ()
    title: str = "Improvement Board"
    start: time = time(10, 0)
    venue: str = "Gun Wharf, Dock Road, Chatham"


@dataclass(frozen=True, slots=True)
class DemoAmendment:
    meeting: date  # the meeting whose approved minutes are corrected
    item_number: int
    text: str
    agreed_at: date
    recorded_by: str


@dataclass(frozen=True, slots=True)
class DemoBoard:
    people: tuple[DemoPerson, ...]  # added to the plan's people
    members: tuple[DemoMember, ...]
    quorum: int
    default_venue: str
    default_start: time
    meetings: tuple[DemoMeeting, ...]
    amendments: tuple[DemoAmendment, ...]
    clerk: str  # records due-date revisions in the log


# The board's people. Those who lead plan actions come from demo_content.
_HELD = "Jane Held"
_HAYES = "Cllr Peter Hayes"
_OBRIEN = "Cllr Mike O'Brien"
_WHITLOCK = "Cllr Sandra Whitlock"
_ASHCROFT = "Martin Ashcroft"
_ELLWOOD = "Karen Ellwood"
_WOOSTER = "Julian Wooster"
_REDFERN = "Alan Redfern"
_MARSH = "Helen Marsh"
_REYNOLDS = "Tom Reynolds"

NEW_PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(_HELD, "Independent Chair, Children's Services Improvement Board", "Independent"),
    DemoPerson(_HAYES, "Leader of the Council", "Medway Council"),
    DemoPerson(_OBRIEN, "Portfolio Holder for Children's Services", "Medway Council"),
    DemoPerson(_WHITLOCK, "Cabinet Portfolio Holder for Children's Social Care", "Medway Council"),
    DemoPerson(_ASHCROFT, "Chief Executive", "Medway Council"),
    DemoPerson(_ELLWOOD, "Headteacher and Chair, Medway Primary Heads' Forum", "Medway schools"),
    DemoPerson(_WOOSTER, "Director of Children's Services", "Portsmouth City Council"),
    DemoPerson(_REDFERN, "Children's Services Improvement Adviser", "Department for Education"),
    DemoPerson(_MARSH, "Democratic Services Officer", "Medway Council"),
    DemoPerson(_REYNOLDS, "Improvement Programme Manager", "Core Assets"),
)

MEMBERS: tuple[DemoMember, ...] = (
    DemoMember(_HELD, MemberKind.VOTING, "Independent Chair"),
    DemoMember(_HAYES, MemberKind.VOTING, "Leader of the Council"),
    DemoMember(_OBRIEN, MemberKind.VOTING, "Lead Member for Children's Services"),
    DemoMember(_WHITLOCK, MemberKind.VOTING, "Portfolio Holder"),
    DemoMember(_ASHCROFT, MemberKind.VOTING, "Chief Executive"),
    DemoMember(_PEACOCK, MemberKind.VOTING, "Director of Children's Services"),
    DemoMember(_HARDING, MemberKind.VOTING, "Kent Police"),
    DemoMember(_COLES, MemberKind.VOTING, "Health (NHS Medway CCG)"),
    DemoMember(_ELLWOOD, MemberKind.VOTING, "Schools"),
    DemoMember(_BRAZIL, MemberKind.VOTING, "Chair, Medway Safeguarding Children Board"),
    DemoMember(_WOOSTER, MemberKind.ADVISER, "External Director of Children's Services"),
    DemoMember(_REDFERN, MemberKind.ADVISER, "DfE Adviser"),
    DemoMember(_QUIRKE_THORNTON, MemberKind.OFFICER, "Deputy Director, Children and Adults"),
    DemoMember(_RAMAN, MemberKind.OFFICER, "Performance lead"),
    DemoMember(_REYNOLDS, MemberKind.OFFICER, "Improvement programme manager"),
    DemoMember(_MARSH, MemberKind.OFFICER, "Clerk to the board"),
)

QUORUM = 4

# Who presents each standing item unless a meeting says otherwise.
STANDING_PRESENTERS: dict[StandingItem, str] = {
    StandingItem.WELCOME: _HELD,
    StandingItem.DECLARATIONS: _HELD,
    StandingItem.PREVIOUS_MINUTES: _HELD,
    StandingItem.ACTION_LOG: _REYNOLDS,
    StandingItem.PLAN_PROGRESS: _QUIRKE_THORNTON,
    StandingItem.PERFORMANCE: _RAMAN,
    StandingItem.RISK_REGISTER: _PEACOCK,
    StandingItem.ANY_OTHER_BUSINESS: _HELD,
    StandingItem.NEXT_MEETING: _HELD,
}

_TEMPLATES = {t.kind: t for t in STANDING_AGENDA}


def standing(
    kind: StandingItem,
    minute: str = "",
    *,
    presenter: str | None = None,
    decisions: tuple[DemoDecision, ...] = (),
    actions: tuple[DemoLogAction, ...] = (),
    declarations: tuple[DemoDeclaration, ...] = (),
    papers: tuple[DemoPaper, ...] = (),
) -> DemoItem:
    """A standing item as the template makes it, with this meeting's minute."""
    template = _TEMPLATES[kind]
    return DemoItem(
        title=template.title,
        presenter=STANDING_PRESENTERS[kind] if presenter is None else presenter,
        purpose=template.purpose,
        minutes_allowed=template.minutes_allowed,
        standing=kind,
        minute=minute,
        decisions=decisions,
        actions=actions,
        declarations=declarations,
        papers=papers,
    )


def resolved(text: str) -> DemoDecision:
    return DemoDecision(f"RESOLVED: that {text}")


def close_plan_action(reference: str) -> DemoDecision:
    return DemoDecision(
        f"RESOLVED: that action {reference} be closed as complete on the evidence presented.",
        plan_action=reference,
    )


def new_target(reference: str, on: date) -> DemoDecision:
    return resolved(f"the target date of action {reference} be moved to {on.day} {on:%B %Y}.")


def next_meeting(on: date) -> DemoItem:
    return standing(
        StandingItem.NEXT_MEETING,
        f"The next meeting will be held on {on:%A} {on.day} {on:%B %Y} at 10.00 at Gun Wharf, "
        "Chatham.",
    )


_NO_DECLARATIONS = standing(StandingItem.DECLARATIONS, "There were no declarations of interest.")
_NO_BUSINESS = standing(StandingItem.ANY_OTHER_BUSINESS, "There was no other business.")


def _approved(on: date, rest: str = "") -> str:
    agreed = (
        f"The minutes of the meeting held on {on.day} {on:%B %Y} were agreed as a correct record."
    )
    return f"{agreed} {rest}".strip()


_M1 = date(2013, 3, 27)
_M2 = date(2013, 5, 8)
_M3 = date(2013, 6, 19)
_M4 = date(2013, 7, 31)
_M5 = date(2013, 9, 11)
_M6 = date(2013, 10, 23)
_M7 = date(2013, 12, 4)
_M8 = date(2014, 1, 22)
_M9 = date(2014, 3, 5)
_M10 = date(2014, 4, 16)

_CLOSED = LogStatus.CLOSED
_IN_PROGRESS = LogStatus.IN_PROGRESS
_COMPLETE = LogStatus.COMPLETE


_MEETING_1 = DemoMeeting(
    on=_M1,
    status=MeetingStatus.MINUTES_APPROVED,
    apologies=(DemoApology(_BRAZIL, "Paula Reed, MSCB Business Manager"),),
    items=(
        standing(
            StandingItem.WELCOME,
            "The Chair welcomed members to the first meeting of the Improvement Board and invited "
            "introductions. She thanked Julian Wooster, Director of Children's Services at "
            "Portsmouth, for joining the board as external Director of Children's Services, and "
            "Alan Redfern for joining as the Department for Education's adviser.\n"
            "Apologies were received from Eleanor Brazil, who takes up the role of Independent "
            "Chair of the Medway Safeguarding Children Board on 1 May; Paula Reed, MSCB Business "
            "Manager, attended in her place.",
        ),
        _NO_DECLARATIONS,
        standing(
            StandingItem.PREVIOUS_MINUTES,
            "This was the board's first meeting, so there were no previous minutes or matters "
            "arising.",
        ),
        DemoItem(
            title="Terms of reference and membership",
            presenter=_PEACOCK,
            purpose=Purpose.DECISION,
            minutes_allowed=20,
            minute=(
                "The Director of Children and Adults presented the draft terms of reference, shared "
                "with partners on 1 March. The board will meet every six weeks, hold the council "
                "and its partners to account for delivering the improvement plan, and report to "
                "the DfE through its adviser.\n"
                "Members agreed a quorum of four voting members, and that health, police and "
                "schools should be represented at every meeting. The Chair asked that her challenge "
                "and the answers given be recorded in the minutes."
            ),
            decisions=(
                resolved("the terms of reference be agreed, with a quorum of four voting members."),
                resolved("the board meet every six weeks until March 2014."),
            ),
            actions=(
                DemoLogAction(
                    "A1",
                    "Circulate the agreed terms of reference and the schedule of meetings to "
                    "March 2014.",
                    _MARSH,
                    date(2013, 4, 5),
                    _CLOSED,
                    _M2,
                    updates=(DemoLogUpdate(date(2013, 4, 4), "Circulated to all members today."),),
                ),
            ),
            papers=(PAPERS["terms_of_reference"],),
        ),
        DemoItem(
            title="Ofsted inspection findings and the DfE improvement notice",
            presenter=_PEACOCK,
            purpose=Purpose.DISCUSSION,
            minutes_allowed=30,
            minute=(
                "The Director summarised the findings of the inspection of 7 to 16 January 2013, "
                "published on 15 February, which judged the arrangements for the protection of "
                "children inadequate. Ofsted found weaknesses in leadership capacity, the "
                "stability of the workforce, case recording and the consistency of practice.\n"
                "The DfE adviser explained that the improvement notice sets out what the council "
                "must achieve, and that the board's minutes will be the main evidence at the DfE's "
                "reviews. Members asked that every report to the board show the impact on "
                "children, not only the activity."
            ),
            decisions=(resolved("the inspection findings and the improvement notice be noted."),),
            actions=(
                DemoLogAction(
                    "A2",
                    "Agree with the DfE adviser the format of the quarterly progress report to the "
                    "DfE.",
                    _PEACOCK,
                    date(2013, 4, 30),
                    _CLOSED,
                    _M2,
                ),
            ),
            papers=(PAPERS["ofsted_findings"],),
        ),
        standing(
            StandingItem.ACTION_LOG,
            "The clerk will keep the action log from this meeting on, and the board will review "
            "it at every meeting.",
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "The Improvement Programme Manager presented the draft improvement plan: seven "
            "recommendations under leadership, workforce, systems and processes, quality of "
            "practice and thresholds, each with actions, leads and target dates. An action will "
            "be rated Blue only when the board agrees it is complete on the evidence presented. "
            "The Chair asked for target dates that are realistic rather than hopeful.",
            presenter=_REYNOLDS,
            decisions=(
                resolved("the draft improvement plan be endorsed for agreement with the DfE."),
            ),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The Head of Performance and Intelligence explained that the first scorecard will "
            "follow Framework-i's go-live on 2 April, once the first month's data has been "
            "checked. Members asked for caseloads, vacancies and the timeliness of contacts and "
            "assessments to be in it.",
            actions=(
                DemoLogAction(
                    "A3",
                    "Produce the first monthly performance scorecard from Framework-i.",
                    _RAMAN,
                    date(2013, 5, 1),
                    _CLOSED,
                    _M2,
                    updates=(
                        DemoLogUpdate(
                            date(2013, 4, 30), "First scorecard circulated with the May papers."
                        ),
                    ),
                ),
            ),
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The board raised the quality of case recording during the move to Framework-i as a "
            "risk (R3), scored 16: go-live is fixed for 2 April and 91% of staff have been "
            "trained. The Programme Board will assess the other risks to improvement and bring "
            "the register to the next meeting.",
        ),
        _NO_BUSINESS,
        next_meeting(_M2),
    ),
)


_MEETING_2 = DemoMeeting(
    on=_M2,
    status=MeetingStatus.MINUTES_APPROVED,
    apologies=(DemoApology(_HAYES), DemoApology(_HARDING, "DI Gary Fenn, Kent Police")),
    guests=(_HOLLIS,),
    items=(
        standing(
            StandingItem.WELCOME,
            "The Chair welcomed Eleanor Brazil to her first meeting as Independent Chair of the "
            "Medway Safeguarding Children Board. Apologies were received from Cllr Peter Hayes, "
            "and from Neil Harding, who was represented by DI Gary Fenn.",
        ),
        _NO_DECLARATIONS,
        standing(StandingItem.PREVIOUS_MINUTES, _approved(_M1)),
        standing(
            StandingItem.ACTION_LOG,
            "A1 was complete: the terms of reference and the dates to March 2014 were circulated "
            "on 4 April. A2 was complete: the quarterly report to the DfE will follow the plan's "
            "highlight report. A3 was complete, with the first scorecard in these papers. The "
            "board closed A1, A2 and A3.",
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "The Deputy Director, appointed by Full Council on 25 April, reported that Framework-i "
            "went live on 2 April, the single assessment replaced initial and core assessments on "
            "1 April, and the referral and assessment teams move to one site on 14 May. The "
            "council has agreed an additional £1.1m for children's social care, including "
            "£350,000 for safeguarding improvement.\n"
            "The triage pilot at the front door went live on 29 April. The Chair welcomed the pace "
            "but reminded officers that the board will look for evidence of impact.",
            decisions=(resolved("the three-month update to Cabinet on 23 May be endorsed."),),
            actions=(
                DemoLogAction(
                    "A4",
                    "Report the evaluation of the six-week triage pilot at the front door.",
                    _OKAFOR,
                    date(2013, 7, 31),
                    _CLOSED,
                    _M4,
                    updates=(
                        DemoLogUpdate(
                            date(2013, 6, 28),
                            "Pilot evaluated: about one in four contacts redirected to early "
                            "help. Roll-out plan agreed.",
                        ),
                    ),
                ),
            ),
        ),
        DemoItem(
            title="Medway Safeguarding Children Board: the new Independent Chair's priorities",
            presenter=_BRAZIL,
            purpose=Purpose.DISCUSSION,
            minutes_allowed=20,
            minute=(
                "Eleanor Brazil set out her priorities: a shared understanding of thresholds across "
                "partners, stronger challenge through the MSCB's quality assurance work, and an "
                "external review of the MSCB against the revised Working Together. An audit of "
                "April contacts found that 46% of those from schools did not meet the threshold "
                "for social care. Members agreed that partners' understanding of thresholds should "
                "be on the risk register."
            ),
            actions=(
                DemoLogAction(
                    "A5",
                    "Report the scope and timetable of the external review of the MSCB.",
                    _BRAZIL,
                    date(2013, 6, 19),
                    _CLOSED,
                    _M3,
                ),
            ),
            papers=(PAPERS["mscb_priorities"],),
        ),
        DemoItem(
            title="Social work recruitment and retention: findings of the staff focus groups",
            presenter=_HOLLIS,
            purpose=Purpose.DISCUSSION,
            minutes_allowed=25,
            minute=(
                "The Head of HR Services reported the baseline: 34 of 142 social worker posts "
                "vacant (24%) and 36 agency social workers in post. The market supplement has been "
                "paid since 1 April, and the rolling advert has brought 11 applications and four "
                "appointments. Staff in the focus groups asked for a clear progression route and "
                "protected caseloads for newly qualified social workers.\n"
                "Members asked that the strategy say how the council will keep experienced staff, "
                "not only how it will recruit."
            ),
            actions=(
                DemoLogAction(
                    "A6",
                    "Bring the recruitment and retention strategy, shaped by the focus groups, to "
                    "the June board.",
                    _HOLLIS,
                    date(2013, 6, 19),
                    _CLOSED,
                    _M3,
                ),
            ),
            papers=(PAPERS["workforce_focus_groups"],),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The first scorecard from Framework-i showed 1,160 contacts in April and 27% of "
            "referrals being re-referrals within 12 months; seven measures are still counted by "
            "hand. Medway has joined the South East regional benchmarking club.",
            papers=(PAPERS["scorecard_2013_04"],),
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The board reviewed the register for the first time. Its highest risk is that the pace "
            "of improvement does not satisfy Ofsted and the DfE (R5, 20); recruitment and "
            "retention (R1), case recording (R3), management oversight (R8), senior leadership "
            "stability (R10) and the quality of assessments and plans (R13) are each scored 16. "
            "The board added a risk on partners' engagement and understanding of thresholds (R4), "
            "owned by Eleanor Brazil.",
        ),
        standing(
            StandingItem.ANY_OTHER_BUSINESS,
            "Cllr O'Brien asked that elected members see frontline practice for themselves, "
            "through a programme of visits to teams.",
            actions=(
                DemoLogAction(
                    "A7",
                    "Agree a programme of elected member visits to frontline teams.",
                    _OBRIEN,
                    date(2013, 9, 11),
                    _CLOSED,
                    _M6,
                    updates=(
                        DemoLogUpdate(
                            date(2013, 9, 20),
                            "Programme agreed with the Assistant Director; first visits made this "
                            "month.",
                        ),
                        DemoLogUpdate(date(2013, 10, 18), "Five of the 14 teams visited so far."),
                    ),
                ),
            ),
        ),
        next_meeting(_M3),
    ),
)


_MEETING_3 = DemoMeeting(
    on=_M3,
    status=MeetingStatus.MINUTES_APPROVED,
    apologies=(DemoApology(_WOOSTER),),
    guests=(_HOLLIS,),
    items=(
        standing(StandingItem.WELCOME, "Apologies were received from Julian Wooster."),
        _NO_DECLARATIONS,
        standing(
            StandingItem.PREVIOUS_MINUTES,
            _approved(_M2, "Matters arising: Cabinet noted the three-month update on 23 May."),
        ),
        standing(
            StandingItem.ACTION_LOG,
            "A5 was complete: the external review of the MSCB was commissioned in May and reports "
            "in July. A6 was complete: the strategy came to this meeting and is discussed under "
            "item 5. A4 and A7 are on track. The board closed A5 and A6.",
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "The Deputy Director reported two actions ready for closure (items 6 and 7) and asked "
            "the board to move two target dates. The recruitment and retention strategy (action "
            "2.4) needs redrafting to build in the progression framework and the offer to newly "
            "qualified social workers that staff asked for. The child protection process map "
            "(action 3.6) has to be rebuilt around the Framework-i workflow and the single "
            "assessment.\n"
            "The Chair challenged whether the new dates were realistic, and asked that the "
            "highlight report show evidence of impact for every action.",
            decisions=(
                new_target("2.4", date(2013, 9, 30)),
                new_target("3.6", date(2013, 10, 31)),
            ),
            actions=(
                DemoLogAction(
                    "A8",
                    "Add an evidence-of-impact column for every workstream to the highlight "
                    "report.",
                    _REYNOLDS,
                    date(2013, 7, 24),
                    _CLOSED,
                    _M4,
                ),
                DemoLogAction(
                    "A9",
                    "Bring the redrafted recruitment and retention strategy, with the career "
                    "progression framework and the offer to newly qualified social workers, to the "
                    "board for endorsement.",
                    _HOLLIS,
                    date(2013, 10, 23),
                    _IN_PROGRESS,
                    revisions=(
                        DemoDueRevision(
                            date(2014, 1, 22),
                            "Approval held until the council's pay and grading review reports in "
                            "November.",
                            _M6,
                        ),
                        DemoDueRevision(
                            date(2014, 4, 16),
                            "The Cabinet cycle has moved: Programme Board in February, Cabinet in "
                            "April.",
                            _M8,
                        ),
                    ),
                    updates=(
                        DemoLogUpdate(
                            date(2013, 10, 16),
                            "Strategy redrafted; approval depends on the pay and grading review.",
                        ),
                        DemoLogUpdate(
                            date(2014, 1, 20),
                            "Cabinet cycle has moved, so the January date will be missed.",
                        ),
                        DemoLogUpdate(
                            date(2014, 3, 18),
                            "Agreed by the Programme Board on 27 February; Cabinet in April. "
                            "Coming to the 16 April board.",
                        ),
                    ),
                ),
            ),
        ),
        DemoItem(
            title="Senior management capacity: the Deputy Director post",
            presenter=_PEACOCK,
            purpose=Purpose.DECISION,
            minutes_allowed=15,
            minute=(
                "The Director reported that Full Council agreed the Deputy Director post and David "
                "Quirke-Thornton's appointment on 25 April, and that the child protection and "
                "looked after children reviewing service and the support to the MSCB moved under "
                "the Deputy Director on 1 May. Members welcomed the reviewing service now sitting "
                "outside the line management of the teams whose cases it reviews."
            ),
            decisions=(close_plan_action("1.3"),),
            papers=(PAPERS["deputy_director"],),
        ),
        DemoItem(
            title="Framework-i: review after go-live",
            presenter=_RAMAN,
            purpose=Purpose.DECISION,
            minutes_allowed=20,
            minute=(
                "The Head of Performance and Intelligence reported that Framework-i went live on "
                "2 April as planned. Helpdesk calls fell from 312 in the first three weeks to about "
                "60 a week; 40 migrated documents filed against the wrong child were found and "
                "corrected, and no records were lost. Floor-walking support ended on 7 June with no "
                "priority-one faults outstanding.\n"
                "Members asked how the quality of recording will now be checked; the monthly "
                "recording check will be reported under action 3.2."
            ),
            decisions=(close_plan_action("3.1"),),
            papers=(PAPERS["framework_i"],),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The May scorecard showed 1,210 contacts, 71% of them decided within 24 hours against "
            "the 95% standard, and a vacancy rate of 22%. 45% of child protection plans sampled "
            "in May were rated SMART. Members asked for regional comparisons.",
            actions=(
                DemoLogAction(
                    "A10",
                    "Add regional benchmarking figures to the scorecard where they are available.",
                    _RAMAN,
                    date(2013, 9, 11),
                    _CLOSED,
                    _M5,
                ),
            ),
            papers=(PAPERS["scorecard_2013_05"],),
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The register was reviewed. The case recording risk (R3) was reduced to 9 today now "
            "that floor-walking has ended with no serious faults, and the performance information "
            "risk (R6) to 9 after Medway joined the regional benchmarking club. The pace of "
            "improvement (R5) stays at 20.",
        ),
        standing(
            StandingItem.ANY_OTHER_BUSINESS,
            "Cllr Hayes asked for a short guide to the board's work for all councillors; the "
            "Director will include it in the members' briefing in July.",
        ),
        next_meeting(_M4),
    ),
)


_MEETING_4 = DemoMeeting(
    on=_M4,
    status=MeetingStatus.MINUTES_APPROVED,
    apologies=(DemoApology(_ASHCROFT, "Stephen Gale, Deputy Chief Executive"),),
    guests=(_WATSON, _OKAFOR),
    items=(
        standing(
            StandingItem.WELCOME,
            "The Chair welcomed Phil Watson, Assistant Director for Children's Social Care, who "
            "joined the council on 8 July. Apologies were received from Martin Ashcroft, who was "
            "represented by Stephen Gale, Deputy Chief Executive.",
        ),
        _NO_DECLARATIONS,
        standing(StandingItem.PREVIOUS_MINUTES, _approved(_M3)),
        DemoItem(
            title="Review of the board's first four meetings",
            presenter=_HELD,
            purpose=Purpose.DECISION,
            minutes_allowed=20,
            minute=(
                "The Chair reviewed the board's first four meetings against its terms of "
                "reference. The board has met every six weeks since 27 March, with health, police "
                "and schools represented at every meeting, and its challenge is recorded in the "
                "minutes. Julian Wooster and the DfE adviser both said the board was working as "
                "intended. Members asked that approved minutes be published on the council's "
                "website."
            ),
            decisions=(
                close_plan_action("1.1"),
                resolved(
                    "the terms of reference continue unchanged until their review in March 2014."
                ),
            ),
            actions=(
                DemoLogAction(
                    "A11",
                    "Publish the board's approved minutes on the council's website within ten "
                    "working days of their approval.",
                    _MARSH,
                    date(2013, 9, 30),
                    _CLOSED,
                    _M5,
                ),
            ),
            papers=(PAPERS["board_review"],),
        ),
        standing(
            StandingItem.ACTION_LOG,
            "A4 was complete: the triage pilot redirected about one in four contacts to early "
            "help, and the roll-out plan was agreed on 28 June. A8 was complete: the highlight "
            "report now has an evidence-of-impact column. A7, A9 and A10 are on track. The board "
            "closed A4 and A8.",
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "The Deputy Director reported that the first DfE review meeting on 9 July noted strong "
            "governance but limited evidence of impact. The early help strategy (action 5.6) has "
            "been widened after consultation to include partners' own early help offer. The MASH "
            "project (action 5.2) started on 1 July, and its operational group met for the first "
            "time on 30 July with Kent Police, NHS Medway CCG and schools.",
            decisions=(new_target("5.6", date(2013, 11, 30)),),
            actions=(
                DemoLogAction(
                    "A12",
                    "Circulate the DfE's note of the review meeting of 9 July.",
                    _PEACOCK,
                    date(2013, 8, 9),
                    _CLOSED,
                    _M5,
                    updates=(DemoLogUpdate(date(2013, 8, 7), "Circulated to members today."),),
                ),
                DemoLogAction(
                    "A13",
                    "Present the MASH project plan, including accommodation and the "
                    "information-sharing agreement.",
                    _OKAFOR,
                    date(2013, 10, 23),
                    _CLOSED,
                    _M6,
                    updates=(
                        DemoLogUpdate(
                            date(2013, 10, 11),
                            "Plan agreed by the Programme Board and circulated to members.",
                        ),
                    ),
                ),
            ),
            papers=(PAPERS["highlight_2013_07"],),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The June scorecard showed the vacancy rate down to 20% and 78% of contacts decided "
            "within 24 hours. The first monthly audit of 28 cases rated 54% good or adequate; the "
            "board noted this as the baseline for the quality assurance framework. Police "
            "attendance at initial child protection conferences was 79%.",
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The board noted that the front-door risk (R2) has been reduced to 12 after the "
            "triage pilot, and the pace-of-improvement risk (R5) to 15 now that the Deputy "
            "Director and Assistant Director are in post. The Assistant Director raised a new "
            "risk on caseloads in the safeguarding teams (R7), scored 16, with 11 social workers "
            "holding more than 30 children.",
        ),
        DemoItem(
            title="External review of the Medway Safeguarding Children Board",
            presenter=_BRAZIL,
            purpose=Purpose.DISCUSSION,
            minutes_allowed=25,
            minute=(
                "Eleanor Brazil presented the external review of the MSCB, which reported in July. "
                "It found the MSCB's challenge to partners too weak, its data giving little view "
                "of multi-agency practice, and its sub-groups without clear priorities; all 11 "
                "recommendations have been accepted.\n"
                "Members asked that police and health measures be in the MSCB's dataset before "
                "Ofsted's new framework takes effect."
            ),
            actions=(
                DemoLogAction(
                    "A14",
                    "Bring the MSCB's response to the external review, with a timetable for each "
                    "of the 11 recommendations.",
                    _BRAZIL,
                    date(2013, 9, 11),
                    _CLOSED,
                    _M5,
                ),
            ),
            papers=(PAPERS["mscb_review"],),
        ),
        _NO_BUSINESS,
        next_meeting(_M5),
    ),
)


_MEETING_5 = DemoMeeting(
    on=_M5,
    status=MeetingStatus.MINUTES_APPROVED,
    apologies=(DemoApology(_COLES, "Dr Anne Ridley, Designated Doctor for Safeguarding Children"),),
    guests=(_WATSON, _HOLLIS),
    items=(
        standing(
            StandingItem.WELCOME,
            "Apologies were received from Linda Coles, who was represented by Dr Anne Ridley, "
            "Designated Doctor for Safeguarding Children.",
        ),
        standing(
            StandingItem.DECLARATIONS,
            "Cllr Peter Hayes declared a personal interest in item 10, as a close relative works "
            "for one of the recruitment agencies consulted on the specification. He left the room "
            "for that item.",
        ),
        standing(
            StandingItem.PREVIOUS_MINUTES,
            _approved(
                _M4,
                "Matters arising: the DfE's note of the review meeting of 9 July was circulated "
                "on 7 August.",
            ),
        ),
        DemoItem(
            title="Senior leadership appointments",
            presenter=_PEACOCK,
            purpose=Purpose.DECISION,
            minutes_allowed=15,
            minute=(
                "The Director reported that the three senior posts named in the plan are now held "
                "by permanent staff: Jo Cross as manager for Looked After Children since 1 April, "
                "Phil Watson as Assistant Director for Children's Social Care since 8 July, and the "
                "Assistant Director for Partnership Commissioning since 12 August. All interim "
                "cover has ended.\n"
                "Members agreed that the risk to the stability of senior leadership (R10) can "
                "close, with leadership capacity watched through the pace-of-improvement risk "
                "(R5)."
            ),
            decisions=(
                close_plan_action("2.6"),
                resolved(
                    "risk R10 be closed and leadership capacity be monitored through risk R5."
                ),
            ),
            papers=(PAPERS["senior_appointments"],),
        ),
        DemoItem(
            title="Social work workforce: baseline and exit interviews",
            presenter=_HOLLIS,
            purpose=Purpose.DECISION,
            minutes_allowed=20,
            minute=(
                "The Head of HR Services presented the workforce baseline set in April and the "
                "first results of routine exit interviews: 17 of the 20 social workers who left "
                "between May and August were interviewed (85%). Leavers most often cited workload "
                "and travel between sites, and the themes have gone back to the staff focus "
                "groups. The vacancy rate was 17% in August against 24% at the baseline, with 31 "
                "agency social workers in post against 36."
            ),
            decisions=(close_plan_action("2.1"),),
            papers=(PAPERS["workforce_baseline"],),
        ),
        standing(
            StandingItem.ACTION_LOG,
            "A10 was complete: the scorecard now shows regional comparisons for 12 of 18 "
            "measures. A11 was complete, with approved minutes on the council's website since "
            "August. A12 was complete. A14 was complete: the MSCB's response and timetable were "
            "circulated on 4 September. A7, A9 and A13 are on track. The board closed A10, A11, "
            "A12 and A14.",
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "Five actions have now been closed as Blue, two of them at this meeting. No agency "
            "has offered a specification for permanent recruitment (action 2.5) that meets the "
            "council's requirements on cost, quality or delivery, so the service is to be "
            "re-specified (item 10). The consultation on the workload management tool (action "
            "3.5) has been extended so the weightings can be tested in a second team.",
            decisions=(
                new_target("2.5", date(2014, 6, 30)),
                new_target("3.5", date(2013, 12, 31)),
            ),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The August scorecard, now reaching the board within ten working days of month end, "
            "showed contacts down to 980, as usual in the school holidays, and a vacancy rate of "
            "17%. 68% of case notes were recorded within five working days against the 90% "
            "standard.\n"
            "Health attendance at initial child protection conferences was 71%, against 84% for "
            "the police; the Chair agreed to write to the CCG.",
            actions=(
                DemoLogAction(
                    "A15",
                    "Show average caseloads by team in the scorecard.",
                    _RAMAN,
                    date(2013, 10, 23),
                    _CLOSED,
                    _M6,
                ),
                DemoLogAction(
                    "A16",
                    "Write to NHS Medway CCG about health attendance at initial child protection "
                    "conferences.",
                    _HELD,
                    date(2013, 9, 30),
                    _CLOSED,
                    _M6,
                    updates=(DemoLogUpdate(date(2013, 9, 27), "Letter sent today."),),
                ),
            ),
            papers=(PAPERS["scorecard_2013_08"],),
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The board closed the senior leadership risk (R10) under item 4. Recruitment and "
            "retention (R1) is now scored 12 after the vacancy rate fell for four months running. "
            "Caseloads in the safeguarding teams (R7) remain at 16, with an average caseload of "
            "25.",
        ),
        DemoItem(
            title="Permanent recruitment through an agency: revised specification",
            presenter=_HOLLIS,
            purpose=Purpose.DECISION,
            minutes_allowed=20,
            exempt_paragraph=3,
            publish_from=date(2014, 7, 1),
            public_title="Agency social work contract: revised specification",
            minute=(
                "Cllr Hayes left the room for this item. The Head of HR Services reported that "
                "none of the agency proposals received in May met the council's requirements, and "
                "set out the commercial terms of a revised specification, including capped fees "
                "and a retention guarantee. Members agreed the approach, and asked that the "
                "specification be issued once the pay and grading review reports, so candidates "
                "are offered settled terms."
            ),
            decisions=(
                resolved(
                    "the revised specification for permanent recruitment through an agency be "
                    "approved for issue."
                ),
            ),
            declarations=(
                DemoDeclaration(
                    _HAYES,
                    "Personal interest: a close relative works for one of the recruitment agencies "
                    "consulted on the specification. Left the room for the item.",
                ),
            ),
            actions=(
                DemoLogAction(
                    "A17",
                    "Issue the revised specification for permanent recruitment through an agency.",
                    _HOLLIS,
                    date(2013, 12, 31),
                    _CLOSED,
                    _M9,
                    revisions=(
                        DemoDueRevision(
                            date(2014, 1, 31),
                            "Held until the pay and grading review reports, so candidates are "
                            "offered settled terms.",
                            _M7,
                        ),
                    ),
                    updates=(
                        DemoLogUpdate(date(2014, 1, 15), "Revised specification issued today."),
                        DemoLogUpdate(
                            date(2014, 2, 14),
                            "One response, withdrawn on 10 February. Options paper to the "
                            "Programme Board in April (plan action 2.5).",
                        ),
                    ),
                ),
            ),
            papers=(PAPERS["agency_specification"],),
        ),
        standing(
            StandingItem.ANY_OTHER_BUSINESS,
            "Julian Wooster offered a peer challenge visit in the new year, run like an Ofsted "
            "monitoring visit; the Director will agree dates with him.",
        ),
        next_meeting(_M6),
    ),
)


_MEETING_6 = DemoMeeting(
    on=_M6,
    status=MeetingStatus.MINUTES_APPROVED,
    apologies=(DemoApology(_WHITLOCK),),
    absent=(_ELLWOOD,),
    guests=(_WATSON, _OKAFOR, _WHITFIELD),
    items=(
        standing(StandingItem.WELCOME, "Apologies were received from Cllr Sandra Whitlock."),
        _NO_DECLARATIONS,
        standing(StandingItem.PREVIOUS_MINUTES, _approved(_M5)),
        standing(
            StandingItem.ACTION_LOG,
            "A7 was complete: elected members began their visits to frontline teams in September. "
            "A13 was complete: the MASH project plan was circulated on 11 October. A15 was "
            "complete, with caseloads by team now in the scorecard. A16 was complete: the Chair "
            "wrote to the CCG on 27 September. A9 needs a new date while the pay and grading "
            "review is completed. The board closed A7, A13, A15 and A16.",
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "The Deputy Director reported on the DfE's six-monthly review of 15 October, which "
            "acknowledged progress but was concerned at the pace of the recruitment strategy and "
            "the MASH. The strategy (action 2.4) has been redrafted, but its approval depends on "
            "the council's pay and grading review, which reports in November. The MSCB has agreed "
            "to launch the revised threshold guidance (action 5.4) in January, so that it fits "
            "Working Together 2013 and partners' comments.\n"
            "The child protection process map (action 3.6) has missed its October date because "
            "the core group guidance is not yet agreed with partners.",
            decisions=(
                new_target("2.4", date(2014, 1, 31)),
                new_target("5.4", date(2014, 1, 31)),
            ),
            actions=(
                DemoLogAction(
                    "A18",
                    "Circulate the DfE's letter following the six-monthly review of 15 October.",
                    _PEACOCK,
                    date(2013, 11, 1),
                    _CLOSED,
                    _M7,
                ),
                DemoLogAction(
                    "A19",
                    "Agree the core group guidance with partners and bring the final child "
                    "protection process map to the board.",
                    _MITCHELL,
                    date(2013, 12, 4),
                    _IN_PROGRESS,
                    revisions=(
                        DemoDueRevision(
                            date(2014, 3, 5),
                            "Partners' comments on the core group guidance not yet received.",
                            _M7,
                        ),
                    ),
                    updates=(
                        DemoLogUpdate(
                            date(2013, 11, 15),
                            "Redraft complete; core group guidance sent to partners for comment.",
                        ),
                        DemoLogUpdate(
                            date(2014, 3, 12),
                            "Comments still awaited from two agencies; escalated to the MSCB "
                            "chair.",
                        ),
                    ),
                ),
            ),
        ),
        DemoItem(
            title="Bringing the assessment and safeguarding teams together",
            presenter=_OKAFOR,
            purpose=Purpose.DECISION,
            minutes_allowed=15,
            minute=(
                "The Head of First Response and Assessment reported that the two initial referral "
                "and assessment teams moved to one site on 14 May, and the two safeguarding teams "
                "to another. A staff survey in September found 74% of staff felt well supported "
                "by colleagues, against 52% before the moves, and managers report quicker "
                "consultation on cases."
            ),
            decisions=(close_plan_action("3.4"),),
            papers=(PAPERS["co_location"],),
        ),
        DemoItem(
            title="Management development programme: evaluation",
            presenter=_WHITFIELD,
            purpose=Purpose.DECISION,
            minutes_allowed=15,
            minute=(
                "The Principal Social Worker reported that all 22 team and practice managers "
                "completed the management development course in July, with 1:1 coaching. The "
                "September supervision audit found reflective discussion recorded in 73% of "
                "sessions, against 40% in February.\n"
                "Members asked how the learning would be sustained; the quality of supervision "
                "will be tested in the monthly audits under action 4.2."
            ),
            decisions=(close_plan_action("6.1"),),
            papers=(PAPERS["management_development"],),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The September scorecard showed 1,340 contacts, the highest month on record, after "
            "schools returned; decisions within 24 hours fell to 74%. The average caseload in the "
            "safeguarding teams fell to 21. Supervision compliance was reported as 68%.\n"
            "Members challenged the supervision figure, and the Head of Performance and "
            "Intelligence undertook to check how staff on leave were counted.",
            actions=(
                DemoLogAction(
                    "A20",
                    "Correct the supervision compliance figure for staff on leave and footnote the "
                    "scorecard until the monitoring tool is amended.",
                    _RAMAN,
                    date(2013, 11, 15),
                    _CLOSED,
                    _M7,
                    updates=(
                        DemoLogUpdate(
                            date(2013, 11, 12),
                            "Footnote added; figure adjusted by hand each month until the tool is "
                            "changed.",
                        ),
                    ),
                ),
            ),
            papers=(PAPERS["scorecard_2013_09"],),
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The front-door risk (R2) was raised back to 16 after September's record number of "
            "contacts. The impact of the performance information risk (R6) was raised to 4 while "
            "the supervision figure is checked. The board asked that the later launch of the "
            "threshold guidance be reflected in the partner engagement risk (R4).",
        ),
        _NO_BUSINESS,
        next_meeting(_M7),
    ),
)


_MEETING_7 = DemoMeeting(
    on=_M7,
    status=MeetingStatus.MINUTES_APPROVED,
    apologies=(DemoApology(_ELLWOOD),),
    guests=(_WATSON, _OKAFOR, _WHITFIELD),
    items=(
        standing(StandingItem.WELCOME, "Apologies were received from Karen Ellwood."),
        standing(
            StandingItem.DECLARATIONS,
            "Linda Coles declared an interest in item 10 as the author of the business case to "
            "NHS Medway CCG for a mental health nurse in the MASH. She took part in the "
            "discussion but not in the decision.",
        ),
        standing(
            StandingItem.PREVIOUS_MINUTES,
            _approved(
                _M6,
                "Matters arising: the DfE's letter following the review of 15 October was "
                "circulated on 30 October.",
            ),
        ),
        standing(
            StandingItem.ACTION_LOG,
            "A18 was complete. A20 was complete: the supervision figure is footnoted in the "
            "scorecard and adjusted by hand for staff on leave until the monitoring tool is "
            "amended. A17 and A19 need new dates: the agency specification is held until the pay "
            "and grading review reports, and the process map awaits partners' comments on the "
            "core group guidance. The board closed A18 and A20.",
        ),
        DemoItem(
            title="Single assessment: audit after eight months",
            presenter=_WHITFIELD,
            purpose=Purpose.DECISION,
            minutes_allowed=20,
            minute=(
                "The Principal Social Worker presented the October audit of 40 single assessments: "
                "83% were completed within 45 working days, and the analysis was adequate or "
                "better in 78%. Social workers say the assessment helps them tell the child's "
                "story, and the 5 Anchor Principles are now used in supervision.\n"
                "Members agreed that quality will be kept under review through the quality "
                "assurance framework (action 4.2)."
            ),
            decisions=(close_plan_action("4.1"),),
            papers=(PAPERS["single_assessment"],),
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "Accommodation works for the MASH (action 5.2) will not finish before February, and "
            "the information-sharing agreement is out for signature, so the January target "
            "cannot be met; a soft launch is planned for June. The change to the Framework-i "
            "supervision form (action 6.2) needs a supplier release that cannot come before "
            "April.\n"
            "Ofsted's single inspection framework took effect on 19 November; the Deputy Director "
            "will bring a self-assessment against its judgements to the January board.",
            decisions=(
                new_target("5.2", date(2014, 6, 30)),
                new_target("6.2", date(2014, 4, 30)),
            ),
            actions=(
                DemoLogAction(
                    "A21",
                    "Prepare a self-assessment against the judgements of Ofsted's single "
                    "inspection framework.",
                    _QUIRKE_THORNTON,
                    date(2014, 1, 22),
                    _CLOSED,
                    _M8,
                ),
            ),
            papers=(PAPERS["highlight_2013_11"],),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The October scorecard showed a vacancy rate of 16%, the lowest this year, and 74% "
            "of case notes recorded within five working days. Strategy discussions were 81% "
            "compliant with the guidance, against 60% in April.",
        ),
        DemoItem(
            title="MSCB thematic audit: children of parents with mental health needs",
            presenter=_BRAZIL,
            purpose=Purpose.DECISION,
            minutes_allowed=15,
            minute=(
                "Eleanor Brazil reported the MSCB's thematic audit of children whose parents have "
                "mental health needs and are known to KMPT. The learning was reported to the MSCB "
                "in May and has been acted on: adult mental health staff now record whether a "
                "patient has dependent children, and a follow-up audit found the prompt completed "
                "in 48% of cases."
            ),
            decisions=(close_plan_action("7.2"),),
            papers=(PAPERS["mscb_thematic_audit"],),
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The front-door risk (R2) stays at 16 until the new MASH date is reflected in it. A "
            "risk on health partners' capacity to contribute at the front door (R14) has been "
            "added, owned by Linda Coles. The pace-of-improvement risk (R5) remains at 15, with "
            "re-inspection possible from the spring.",
        ),
        DemoItem(
            title="MASH: information sharing and police research support",
            presenter=f"{_OKAFOR} and {_HARDING}",
            purpose=Purpose.DECISION,
            minutes_allowed=20,
            marking=Marking.OFFICIAL_SENSITIVE,
            minute=(
                "The Head of First Response and Assessment and DCI Harding set out how police "
                "information will reach the front door until the MASH opens: a police researcher "
                "will sit with the duty team two days a week from January under the draft "
                "information-sharing agreement. One health provider has asked for changes to the "
                "agreement.\n"
                "Linda Coles reported that the CCG will decide in January whether to fund a mental "
                "health nurse for the MASH."
            ),
            decisions=(
                resolved("the interim police research arrangement be agreed until the MASH opens."),
            ),
            declarations=(
                DemoDeclaration(
                    _COLES,
                    "Author of the CCG business case for a mental health nurse in the MASH. Took "
                    "part in the discussion but not in the decision.",
                ),
            ),
            actions=(
                DemoLogAction(
                    "A22",
                    "Report the revised MASH timetable and the interim arrangements at the front "
                    "door.",
                    _OKAFOR,
                    date(2014, 1, 22),
                    _CLOSED,
                    _M8,
                ),
                DemoLogAction(
                    "A23",
                    "Secure the CCG's decision on funding a mental health nurse for the MASH.",
                    _COLES,
                    date(2014, 1, 31),
                    _IN_PROGRESS,
                    revisions=(
                        DemoDueRevision(
                            date(2014, 3, 14),
                            "The CCG deferred its decision to its March meeting.",
                            _M8,
                        ),
                    ),
                    updates=(
                        DemoLogUpdate(
                            date(2014, 1, 24),
                            "CCG deferred its decision on the nurse to its March meeting.",
                        ),
                        DemoLogUpdate(
                            date(2014, 3, 21),
                            "CCG has still not agreed funding; escalated to the board's chair.",
                        ),
                    ),
                ),
                DemoLogAction(
                    "A24",
                    "Confirm police staffing for the MASH, and the researcher's hours until it "
                    "opens.",
                    _HARDING,
                    date(2014, 1, 22),
                    _CLOSED,
                    _M8,
                ),
            ),
            papers=(PAPERS["mash_information_sharing"],),
        ),
        _NO_BUSINESS,
        next_meeting(_M8),
    ),
)


_MEETING_8 = DemoMeeting(
    on=_M8,
    status=MeetingStatus.MINUTES_APPROVED,
    apologies=(
        DemoApology(_HAYES),
        DemoApology(_ASHCROFT, "Stephen Gale, Deputy Chief Executive"),
        DemoApology(_HARDING, "DI Gary Fenn, Kent Police"),
        DemoApology(_COLES, "Dr Anne Ridley, Designated Doctor for Safeguarding Children"),
        DemoApology(_BRAZIL, "Paula Reed, MSCB Business Manager"),
        DemoApology(_WOOSTER),
    ),
    guests=(_WATSON, _MITCHELL),
    items=(
        standing(
            StandingItem.WELCOME,
            "Apologies were received from Cllr Peter Hayes; Martin Ashcroft, represented by "
            "Stephen Gale; Neil Harding, represented by DI Gary Fenn; Linda Coles, represented by "
            "Dr Anne Ridley; Eleanor Brazil, represented by Paula Reed; and Julian Wooster.\n"
            "The Chair noted that five voting members were present, so the meeting was quorate, "
            "and asked substitutes to brief their principals on the decisions taken.",
        ),
        _NO_DECLARATIONS,
        standing(StandingItem.PREVIOUS_MINUTES, _approved(_M7)),
        standing(
            StandingItem.ACTION_LOG,
            "A21 was complete: the self-assessment is item 8. A22 was complete: the MASH will "
            "open in June, and a police researcher has sat with the duty team two days a week "
            "since 6 January. A24 was complete. A23 needs a new date because the CCG deferred its "
            "decision on the nurse to March, and A9 because the Cabinet cycle has moved. The "
            "board closed A21, A22 and A24.",
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "The workload management tool (action 3.5) needs a Framework-i report to count cases "
            "automatically, and the supplier's release is due in April. The reporting tool "
            "licence for team dashboards (action 6.3) has still not been bought while the "
            "corporate ICT contract review continues, and the action is past its December "
            "target.\n"
            "The Chair asked for a costed proposal so that the board can help unblock the "
            "funding.",
            decisions=(new_target("3.5", date(2014, 5, 30)),),
            actions=(
                DemoLogAction(
                    "A25",
                    "Bring a costed proposal for the reporting tool licence to the March board.",
                    _QUIRKE_THORNTON,
                    date(2014, 3, 5),
                    _CLOSED,
                    _M9,
                    updates=(
                        DemoLogUpdate(date(2014, 2, 26), "Proposal included in the March papers."),
                    ),
                ),
                DemoLogAction(
                    "A26",
                    "Report the themes from elected members' visits to frontline teams.",
                    _OBRIEN,
                    date(2014, 3, 5),
                    _COMPLETE,
                    updates=(
                        DemoLogUpdate(
                            date(2014, 3, 14),
                            "All 14 teams visited. Note of themes, led by caseload pressure in the "
                            "safeguarding teams, sent to members and the Programme Board.",
                        ),
                    ),
                ),
            ),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The December scorecard showed 1,050 contacts and re-referrals at 22%, against 27% "
            "in April. 78% of case notes were recorded within five working days despite the "
            "holiday period, and the average caseload in the safeguarding teams was 20.",
            papers=(PAPERS["scorecard_2013_12"],),
        ),
        DemoItem(
            title="Quality assurance: first quarterly audit report",
            presenter=_MITCHELL,
            purpose=Purpose.DISCUSSION,
            minutes_allowed=25,
            minute=(
                "The Head of Safeguarding and Quality Assurance presented the first quarterly "
                "audit report. 66% of audited cases were rated good or adequate in December, "
                "against 54% in July, and 72% of child protection plans were rated SMART, against "
                "45% in May. Every case rated inadequate went back to its team manager with "
                "actions to complete within 20 working days.\n"
                "Members asked what the inadequate cases had in common and what had changed for "
                "those children."
            ),
            actions=(
                DemoLogAction(
                    "A27",
                    "Report the themes of audited cases rated inadequate, and what changed for "
                    "each child, with the next quarterly audit report.",
                    _MITCHELL,
                    date(2014, 4, 16),
                    _IN_PROGRESS,
                    updates=(
                        DemoLogUpdate(
                            date(2014, 3, 17),
                            "Themes drafted from 19 inadequate cases; follow-up on each under way.",
                        ),
                    ),
                ),
            ),
            papers=(PAPERS["quarterly_audit"],),
        ),
        DemoItem(
            title="Ofsted's single inspection framework: self-assessment",
            presenter=_PEACOCK,
            purpose=Purpose.DISCUSSION,
            minutes_allowed=30,
            minute=(
                "The Director presented the self-assessment against the judgements of Ofsted's "
                "single inspection framework. Leadership and governance are judged to be "
                "improving, but the help and protection of children is not yet consistently good, "
                "and the experiences of looked after children need more work after the diagnostic "
                "review. Julian Wooster's peer challenge visit on 11 and 12 February will test the "
                "self-assessment."
            ),
            actions=(
                DemoLogAction(
                    "A28",
                    "Update the self-assessment after the peer challenge visit.",
                    _PEACOCK,
                    date(2014, 3, 5),
                    _CLOSED,
                    _M9,
                ),
            ),
            papers=(PAPERS["sif_self_assessment"],),
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The board asked that the budget risk (R11) be re-scored for a month 9 forecast "
            "overspend of £0.9m, against a 2014-15 budget that adds only £0.5m, and that the risk "
            "on health capacity at the front door (R14) reflect the CCG's deferral.",
        ),
        standing(
            StandingItem.ANY_OTHER_BUSINESS,
            "Karen Ellwood offered to send the new threshold guidance to every headteacher after "
            "its launch at the MSCB on 29 January.",
            actions=(
                DemoLogAction(
                    "A29",
                    "Send the threshold guidance to every headteacher and confirm each school's "
                    "designated safeguarding lead has received it.",
                    _ELLWOOD,
                    date(2014, 2, 28),
                    _COMPLETE,
                    updates=(
                        DemoLogUpdate(
                            date(2014, 2, 26),
                            "Sent to all schools; 88 of 96 designated leads have confirmed.",
                        ),
                    ),
                ),
            ),
        ),
        next_meeting(_M9),
    ),
)


_MEETING_9 = DemoMeeting(
    on=_M9,
    status=MeetingStatus.MINUTES_DRAFTED,
    apologies=(DemoApology(_WHITLOCK),),
    guests=(_WATSON, _HOLLIS),
    items=(
        standing(StandingItem.WELCOME, "Apologies were received from Cllr Sandra Whitlock."),
        standing(
            StandingItem.DECLARATIONS,
            "Karen Ellwood declared a non-pecuniary interest in item 6, as her school hosts one "
            "of the early help services re-commissioned under the strategy.",
        ),
        standing(
            StandingItem.PREVIOUS_MINUTES,
            _approved(
                _M8,
                "Matters arising: members noted an error in the approved minutes of 4 December "
                "2013, where minute 8 gives the follow-up audit figure as 48% instead of 84%.",
            ),
            decisions=(
                resolved(
                    "the correction to minute 8 of the meeting held on 4 December 2013 be "
                    "recorded as an amendment to those minutes."
                ),
            ),
        ),
        standing(
            StandingItem.ACTION_LOG,
            "A25 was complete: the costed proposal is considered under item 8. A28 was complete, "
            "with the self-assessment updated after the peer challenge visit. A17 was complete: "
            "the revised specification was issued in January, but the only response was withdrawn "
            "on 10 February, and the next steps are tracked under plan action 2.5. A26 is not yet "
            "complete; Cllr O'Brien will report after the last team visits this month.\n"
            "A19 is due today but comments are still awaited from two agencies; A23 is due on 14 "
            "March. The board closed A17, A25 and A28.",
        ),
        standing(
            StandingItem.PLAN_PROGRESS,
            "Ten of the plan's 39 actions have now been closed as Blue, including action 5.6 at "
            "this meeting, and six are past their target date. The recruitment and retention "
            "strategy (action 2.4) was agreed by the Programme Board on 27 February and goes to "
            "Cabinet in April; the MASH (action 5.2) remains on course for a soft launch in "
            "June.\n"
            "The Chair judged progress steady but not yet secure, and asked that the April report "
            "focus on the actions past their target date.",
            papers=(PAPERS["highlight_2014_02"],),
        ),
        DemoItem(
            title="Early help strategy: evidence of impact",
            presenter=_QUIRKE_THORNTON,
            purpose=Purpose.DECISION,
            minutes_allowed=20,
            minute=(
                "The Deputy Director reported that the early help strategy, commissioned through "
                "Core Assets and widened to include partners' own offer, was agreed by Cabinet in "
                "December and endorsed by the MSCB. 97 CAFs were registered in October to December "
                "against 64 in July to September, and two contracts have been re-commissioned "
                "against the strategy.\n"
                "Members agreed the action can close; quarterly audits of early help assessments "
                "start in April under action 5.7."
            ),
            decisions=(close_plan_action("5.6"),),
            declarations=(
                DemoDeclaration(
                    _ELLWOOD,
                    "Non-pecuniary interest: her school hosts one of the early help services "
                    "re-commissioned under the strategy.",
                ),
            ),
            papers=(PAPERS["early_help"],),
        ),
        DemoItem(
            title="Peer challenge visit: findings of the external Director of Children's Services",
            presenter=_WOOSTER,
            purpose=Purpose.DISCUSSION,
            minutes_allowed=30,
            minute=(
                "Julian Wooster reported the findings of his peer challenge visit on 11 and 12 "
                "February, run like an Ofsted monitoring visit. Management oversight was stronger "
                "and the reasons for decisions better recorded, but recording in the safeguarding "
                "teams was inconsistent and caseloads there were rising again.\n"
                "The DfE adviser said the findings would help prepare for the second DfE review in "
                "April."
            ),
            actions=(
                DemoLogAction(
                    "A30",
                    "Send a written note of the peer challenge findings for the DfE review.",
                    _WOOSTER,
                    date(2014, 3, 19),
                    _COMPLETE,
                    updates=(
                        DemoLogUpdate(
                            date(2014, 3, 18), "Note sent to the Director and the DfE adviser."
                        ),
                    ),
                ),
            ),
            papers=(PAPERS["peer_challenge"],),
        ),
        standing(
            StandingItem.PERFORMANCE,
            "The January scorecard showed 1,290 contacts after the launch of the threshold "
            "guidance, with 84% decided within 24 hours, and 80% of case notes recorded within "
            "five working days. Supervision compliance adjusted for staff on leave was about "
            "79%.\n"
            "The board considered the costed proposal for the reporting tool licence (A25) and "
            "agreed to fund it from the improvement budget.",
            decisions=(
                resolved(
                    "the reporting tool licence for team dashboards be funded from the "
                    "improvement budget, subject to the Chief Executive's confirmation."
                ),
            ),
            actions=(
                DemoLogAction(
                    "A31",
                    "Confirm the funding of the reporting tool licence and report the purchase "
                    "date.",
                    _QUIRKE_THORNTON,
                    date(2014, 3, 21),
                    _IN_PROGRESS,
                    updates=(
                        DemoLogUpdate(
                            date(2014, 3, 20),
                            "Funding agreed by the Chief Executive; the order awaits sign-off "
                            "under the ICT contract review.",
                        ),
                    ),
                ),
            ),
            papers=(PAPERS["scorecard_2014_01"],),
        ),
        standing(
            StandingItem.RISK_REGISTER,
            "The pace of improvement (R5, 15) and health capacity at the front door (R14, 16) "
            "remain above the board's appetite of 12. The CCG has still not decided on a mental "
            "health nurse for the MASH; the Chair will write to its Chief Officer if no decision "
            "is made at its March meeting.",
            actions=(
                DemoLogAction(
                    "A32",
                    "Report the February and March vacancy and agency figures with the "
                    "recruitment and retention strategy.",
                    _HOLLIS,
                    date(2014, 4, 16),
                ),
                DemoLogAction(
                    "A33",
                    "Write to the CCG's Chief Officer about funding a mental health nurse for the "
                    "MASH, if no decision is made in March.",
                    _HELD,
                    date(2014, 3, 28),
                    _COMPLETE,
                    updates=(
                        DemoLogUpdate(
                            date(2014, 3, 21), "CCG deferred again; escalated to the Chair today."
                        ),
                        DemoLogUpdate(date(2014, 3, 27), "Letter sent today; reply awaited."),
                    ),
                ),
            ),
        ),
        _NO_BUSINESS,
        next_meeting(_M10),
    ),
)


_MEETING_10 = DemoMeeting(
    on=_M10,
    status=MeetingStatus.PLANNED,
    items=(
        standing(StandingItem.WELCOME),
        standing(StandingItem.DECLARATIONS),
        standing(StandingItem.PREVIOUS_MINUTES),
        standing(StandingItem.ACTION_LOG),
        standing(StandingItem.PLAN_PROGRESS),
        DemoItem(
            title="Social work recruitment and retention strategy",
            presenter=_HOLLIS,
            purpose=Purpose.DECISION,
            minutes_allowed=25,
        ),
        DemoItem(
            title="Second DfE review: preparation",
            presenter=_PEACOCK,
            purpose=Purpose.DISCUSSION,
            minutes_allowed=20,
        ),
        standing(StandingItem.PERFORMANCE),
        standing(StandingItem.RISK_REGISTER),
        standing(StandingItem.ANY_OTHER_BUSINESS),
        standing(StandingItem.NEXT_MEETING),
    ),
)


MEETINGS: tuple[DemoMeeting, ...] = (
    _MEETING_1,
    _MEETING_2,
    _MEETING_3,
    _MEETING_4,
    _MEETING_5,
    _MEETING_6,
    _MEETING_7,
    _MEETING_8,
    _MEETING_9,
    _MEETING_10,
)

AMENDMENTS: tuple[DemoAmendment, ...] = (
    DemoAmendment(
        meeting=_M7,
        item_number=8,
        text=(
            'Minute 8: for "a follow-up audit found the prompt completed in 48% of cases" read '
            '"a follow-up audit found the prompt completed in 84% of cases". The figure was '
            "transposed when the minutes were drafted."
        ),
        agreed_at=_M9,
        recorded_by=_MARSH,
    ),
)

BOARD = DemoBoard(
    people=NEW_PEOPLE,
    members=MEMBERS,
    quorum=QUORUM,
    default_venue="Gun Wharf, Dock Road, Chatham",
    default_start=time(10, 0),
    meetings=MEETINGS,
    amendments=AMENDMENTS,
    clerk=_MARSH,
)
