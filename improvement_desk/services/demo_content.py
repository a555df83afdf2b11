"""Demo content: a realistic improvement action plan for the demo board.

The board is fictional but plausible. It is built on the facts of two council
reports: Medway Council's Cabinet report of 23 May 2013 on the Ofsted
inspection of child protection arrangements (7–16 January 2013, judged
inadequate), which gives the leadership, workforce, systems and practice
recommendations; and Walsall Council's Cabinet report of 21 June 2018 on its
scrutiny working group, which gives the recommendations on thresholds of need
and frontline management oversight. Walsall's material has been re-dated into
2013–14 so that the whole plan sits in one timeline, viewed as at 31 March
2014. People named in the Medway report keep their names and roles; everyone
else is invented, and no child is ever named. Figures not in the reports are
invented, modest and meant only to look like a board's progress updates.

This module is pure data plus `validate()`, which checks the rules the demo
must meet; the loader lives in `demo.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True, slots=True)
class DemoPerson:
    name: str
    role: str
    organisation: str


@dataclass(frozen=True, slots=True)
class DemoUpdate:
    on: date
    text: str


@dataclass(frozen=True, slots=True)
class DemoRevision:
    new_date: date
    reason: str
    revised_on: date


@dataclass(frozen=True, slots=True)
class DemoAction:
    reference: str
    description: str
    lead: str
    start: date
    target: date
    success_measures: str
    status: str
    confidence: str | None
    evidence: str = ""
    decision_ref: str = ""
    updates: tuple[DemoUpdate, ...] = ()
    revisions: tuple[DemoRevision, ...] = ()


@dataclass(frozen=True, slots=True)
class DemoRecommendation:
    source: str
    reference: str
    text: str
    theme: str
    actions: tuple[DemoAction, ...]


BOARD_NAME: str = "Medway Children's Services Improvement Board"
AS_AT: date = date(2014, 3, 31)

# The people who lead actions. Names from the Medway report where it gives them.
_PEACOCK = "Barbara Peacock"
_QUIRKE_THORNTON = "David Quirke-Thornton"
_WATSON = "Phil Watson"
_BRAZIL = "Eleanor Brazil"
_CROSS = "Jo Cross"
_MITCHELL = "Sarah Mitchell"
_OKAFOR = "Daniel Okafor"
_WHITFIELD = "Claire Whitfield"
_HOLLIS = "Mark Hollis"
_RAMAN = "Priya Raman"
_HARDING = "Neil Harding"
_COLES = "Linda Coles"

PEOPLE: tuple[DemoPerson, ...] = (
    DemoPerson(_PEACOCK, "Director of Children and Adults", "Medway Council"),
    DemoPerson(_QUIRKE_THORNTON, "Deputy Director, Children and Adults", "Medway Council"),
    DemoPerson(_WATSON, "Assistant Director, Children's Social Care", "Medway Council"),
    DemoPerson(
        _BRAZIL,
        "Independent Chair, Medway Safeguarding Children Board",
        "Medway Safeguarding Children Board",
    ),
    DemoPerson(_CROSS, "Manager, Looked After Children", "Medway Council"),
    DemoPerson(_MITCHELL, "Head of Safeguarding and Quality Assurance", "Medway Council"),
    DemoPerson(_OKAFOR, "Head of First Response and Assessment", "Medway Council"),
    DemoPerson(_WHITFIELD, "Principal Social Worker", "Medway Council"),
    DemoPerson(_HOLLIS, "Head of HR Services", "Medway Council"),
    DemoPerson(_RAMAN, "Head of Performance and Intelligence", "Medway Council"),
    DemoPerson(_HARDING, "Detective Chief Inspector, Public Protection", "Kent Police"),
    DemoPerson(_COLES, "Designated Nurse for Safeguarding Children", "NHS Medway CCG"),
)


# R1 — Leadership and governance (Medway)
_R1_ACTIONS = (
    DemoAction(
        reference="1.1",
        description=(
            "Establish a Children's Improvement Board with an independent external chair, "
            "statutory partners from health, police and schools, elected members, the Chief "
            "Executive and an external Director of Children's Services to provide challenge."
        ),
        lead=_PEACOCK,
        start=date(2013, 2, 18),
        target=date(2013, 3, 31),
        success_measures=(
            "Board established with agreed terms of reference; meets every six weeks; health, "
            "police and schools represented at every meeting; independent challenge recorded in "
            "the minutes."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "The board, chaired by Jane Held, has met every six weeks since 27 March 2013 with the "
            "Leader, the Lead Member, the Portfolio Holder, the Chief Executive and the Director "
            "of Children and Adults. Julian Wooster of Portsmouth attends as external Director of "
            "Children's Services. Health, police and schools were represented at all four meetings "
            "held to date."
        ),
        decision_ref="Improvement Board 31 Jul 2013, minute 4",
        updates=(
            DemoUpdate(
                date(2013, 3, 1),
                (
                    "Jane Held has agreed to chair the Improvement Board. She brings considerable "
                    "experience in safeguarding and service improvement. Draft terms of reference "
                    "shared with partners."
                ),
            ),
            DemoUpdate(
                date(2013, 3, 28),
                (
                    "First meeting held on 27 March 2013. Julian Wooster, Director of Children's "
                    "Services at Portsmouth, has joined as external DCS to build on the sector-led "
                    "approach to improvement."
                ),
            ),
            DemoUpdate(
                date(2013, 7, 24),
                (
                    "Board has met on a six-weekly cycle since March with health, police and "
                    "schools present each time. Closure proposed at the July meeting."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="1.2",
        description=(
            "Establish an internal Children's Programme Board, chaired by the Chief Executive, to "
            "mobilise the resources needed for improvement and hold officers to account for "
            "delivery."
        ),
        lead=_PEACOCK,
        start=date(2013, 2, 18),
        target=date(2014, 12, 31),
        success_measures=(
            "Programme Board meets monthly; every workstream reports against the plan at least "
            "quarterly; requests for resources decided within one meeting cycle."
        ),
        status="green",
        confidence="high",
        updates=(
            DemoUpdate(
                date(2013, 4, 30),
                (
                    "Programme Board meeting monthly under the Chief Executive. The council has "
                    "agreed to invest an additional £1.1m in children's social care, including "
                    "£350,000 specifically for safeguarding improvement."
                ),
            ),
            DemoUpdate(
                date(2013, 10, 31),
                (
                    "Every workstream has now reported to the Programme Board at least twice. "
                    "Temporary funding approved in September for the MASH project team (action "
                    "5.2)."
                ),
            ),
            DemoUpdate(
                date(2014, 2, 28),
                (
                    "Meeting cycle for 2014–15 agreed and aligned with Improvement Board dates, so "
                    "exceptions reach the board within two weeks."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="1.3",
        description=(
            "Strengthen senior management capacity by establishing a Deputy Director of Children "
            "and Adults, and move the child protection and looked after children reviewing service "
            "and support to the Safeguarding Children Board under the Deputy Director."
        ),
        lead=_PEACOCK,
        start=date(2013, 3, 1),
        target=date(2013, 5, 31),
        success_measures=(
            "Deputy Director in post; reviewing service and MSCB support line-managed by the "
            "Deputy Director; no gap in reviewing officer supervision during the move."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "Full Council on 25 April 2013 agreed the post and the appointment of David "
            "Quirke-Thornton. The reviewing service and MSCB support moved from Business Support "
            "to the Deputy Director on 1 May 2013, as planned, with no gap in supervision of "
            "reviewing officers."
        ),
        decision_ref="Improvement Board 19 Jun 2013, minute 6",
        updates=(
            DemoUpdate(
                date(2013, 4, 26),
                (
                    "Full Council agreed the Deputy Director post and the appointment of David "
                    "Quirke-Thornton on 25 April 2013."
                ),
            ),
            DemoUpdate(
                date(2013, 5, 2),
                (
                    "Child protection and looked after children's reviewing service and MSCB "
                    "support moved under the Deputy Director on 1 May, as planned."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="1.4",
        description=(
            "Strengthen elected member oversight: regular progress reports to Cabinet and to the "
            "Children and Young People Overview and Scrutiny Committee, and a programme of member "
            "visits to frontline teams."
        ),
        lead=_QUIRKE_THORNTON,
        start=date(2013, 3, 1),
        target=date(2014, 9, 30),
        success_measures=(
            "Progress reported to Cabinet and scrutiny at least every six months; every frontline "
            "team visited by members at least twice a year; members' feedback reported to the "
            "Programme Board."
        ),
        status="green",
        confidence="high",
        updates=(
            DemoUpdate(
                date(2013, 3, 26),
                (
                    "Children and Young People Overview and Scrutiny Committee considered the "
                    "inspection outcome today."
                ),
            ),
            DemoUpdate(
                date(2013, 5, 23),
                (
                    "Three-month update presented to Cabinet on 23 May 2013 by the Director of "
                    "Children and Adults. Cabinet noted progress and the improvement arrangements "
                    "set up in response to the DfE's improvement notice."
                ),
            ),
            DemoUpdate(
                date(2013, 11, 29),
                (
                    "Six-month report taken to Cabinet and scrutiny in November. Member visits "
                    "began in September; 9 of 14 teams visited so far."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 14),
                (
                    "All 14 teams visited at least once. The Lead Member's feedback on caseload "
                    "pressure in the safeguarding teams has gone to the Programme Board."
                ),
            ),
        ),
    ),
)

# R2 — Workforce (Medway)
_R2_ACTIONS = (
    DemoAction(
        reference="2.1",
        description=(
            "Establish a baseline of social workers in post, vacancies and turnover, and make exit "
            "interviews a routine part of the leaving process rather than optional."
        ),
        lead=_HOLLIS,
        start=date(2013, 2, 18),
        target=date(2013, 4, 30),
        success_measures=(
            "Monthly workforce report covering establishment, vacancies, turnover and agency use; "
            "exit interview completed for at least 80% of leavers."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "Baseline established in April 2013 and reported monthly to the Programme Board since "
            "May. Exit interviews held with 17 of 20 social care leavers between May and August "
            "2013 (85%). Workload and travel between sites were the reasons most often given; both "
            "are addressed by actions 3.4 and 3.5."
        ),
        decision_ref="Improvement Board 11 Sep 2013, minute 5",
        updates=(
            DemoUpdate(
                date(2013, 4, 15),
                (
                    "Baseline of social workers in post, vacancies and turnover now established. "
                    "Exit interviews are a routine part of the leaving process from this month."
                ),
            ),
            DemoUpdate(
                date(2013, 9, 2),
                (
                    "Exit interviews completed for 17 of 20 leavers, May–August (85%). Themes "
                    "shared with the staff focus groups. Ready for closure."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="2.2",
        description=(
            "Benchmark social workers' salaries and introduce a market supplement for social "
            "workers in the referral and assessment and safeguarding teams."
        ),
        lead=_HOLLIS,
        start=date(2013, 2, 18),
        target=date(2013, 4, 1),
        success_measures=(
            "Supplement paid from 1 April 2013; turnover in the referral and assessment and "
            "safeguarding teams lower at 12 months than the 2012–13 baseline."
        ),
        status="green",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 3, 20),
                (
                    "Benchmarking of social workers' salaries against neighbouring authorities "
                    "completed."
                ),
            ),
            DemoUpdate(
                date(2013, 4, 5),
                (
                    "Market supplement introduced from 1 April 2013 for social workers in the "
                    "referral and assessment and safeguarding teams."
                ),
            ),
            DemoUpdate(
                date(2014, 2, 20),
                (
                    "Supplement still being paid. Twelve-month turnover figures are due in April; "
                    "we will propose closure once they show whether the supplement has helped "
                    "retention."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="2.3",
        description=(
            "Move the hiring of agency social workers from the service to a single arrangement "
            "managed by Human Resources, giving one view of cost and quality."
        ),
        lead=_HOLLIS,
        start=date(2013, 3, 1),
        target=date(2014, 4, 30),
        success_measures=(
            "All agency bookings made through HR; monthly report on numbers, cost and quality "
            "checks; no agency worker starts before references and registration are checked."
        ),
        status="green",
        confidence="high",
        updates=(
            DemoUpdate(
                date(2013, 4, 2),
                (
                    "New arrangement live from 1 April 2013. Managers in children's social care no "
                    "longer handle agency bookings."
                ),
            ),
            DemoUpdate(
                date(2013, 10, 15),
                (
                    "Monthly agency report now goes to the Programme Board: 31 agency social "
                    "workers in post in September, against 36 in April."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 10),
                (
                    "Twelve-month review under way with the service. Early findings: quicker "
                    "starts and consistent pre-employment checks. Review report due in April."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="2.4",
        description=(
            "Develop and implement a recruitment and retention strategy for social workers, shaped "
            "by focus groups with frontline staff."
        ),
        lead=_HOLLIS,
        start=date(2013, 4, 1),
        target=date(2013, 5, 31),
        success_measures=(
            "Strategy agreed by Cabinet; social worker vacancy rate below 15% and agency use down "
            "by a third by December 2014."
        ),
        status="amber",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 4, 29),
                (
                    "Focus groups held with frontline staff to shape the strategy and test early "
                    "ideas. Open rolling advert for qualified and experienced social workers in "
                    "place, with a ready interview panel."
                ),
            ),
            DemoUpdate(
                date(2013, 6, 12),
                (
                    "Staff want a clear progression route and protected caseloads for newly "
                    "qualified social workers built in. Redraft needed – new date going to the "
                    "June board."
                ),
            ),
            DemoUpdate(
                date(2013, 10, 16),
                (
                    "Strategy redrafted, but approval depends on the outcome of the council-wide "
                    "pay and grading review. Asking the board for a January date."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 18),
                (
                    "Strategy agreed by the Programme Board on 27 February; Cabinet in April. "
                    "January date missed because the Cabinet cycle moved. Vacancy rate 19% in "
                    "February."
                ),
            ),
        ),
        revisions=(
            DemoRevision(
                date(2013, 9, 30),
                (
                    "Focus groups asked for a career progression framework and a newly qualified "
                    "social worker offer to be built in; strategy redrafted. Board agreed new "
                    "date."
                ),
                date(2013, 6, 19),
            ),
            DemoRevision(
                date(2014, 1, 31),
                (
                    "Final approval held until the council's pay and grading review reports in "
                    "November; board agreed new date."
                ),
                date(2013, 10, 23),
            ),
        ),
    ),
    DemoAction(
        reference="2.5",
        description=(
            "Source permanent qualified and experienced social workers through an agency, learning "
            "from other authorities that have done so."
        ),
        lead=_HOLLIS,
        start=date(2013, 4, 1),
        target=date(2013, 9, 30),
        success_measures=(
            "Arrangement in place delivering at least 10 permanent qualified and experienced "
            "social workers within 12 months, at no more than the cost of agency cover."
        ),
        status="red",
        confidence="low",
        updates=(
            DemoUpdate(
                date(2013, 5, 10),
                (
                    "Agencies were asked to work with Medway on this. The specifications received "
                    "back were not satisfactory on cost, quality or the ability to deliver."
                ),
            ),
            DemoUpdate(
                date(2013, 8, 30),
                (
                    "Spoke to two other authorities about their experience of managed recruitment. "
                    "Re-specification going to the September board."
                ),
            ),
            DemoUpdate(
                date(2014, 2, 14),
                (
                    "Revised specification issued in January drew one response, which was later "
                    "withdrawn. No viable route at present – options paper to the Programme Board "
                    "in April."
                ),
            ),
        ),
        revisions=(
            DemoRevision(
                date(2014, 6, 30),
                (
                    "No agency specification met the council's requirements on cost, quality or "
                    "ability to deliver; board agreed to re-specify, drawing on other authorities' "
                    "experience, before testing the market again."
                ),
                date(2013, 9, 11),
            ),
        ),
    ),
    DemoAction(
        reference="2.6",
        description=(
            "Fill key senior posts with permanent appointments: Assistant Director for Children's "
            "Social Care, manager for Looked After Children and Assistant Director for Partnership "
            "Commissioning."
        ),
        lead=_PEACOCK,
        start=date(2013, 2, 18),
        target=date(2013, 8, 31),
        success_measures="All three posts filled by permanent staff; interim cover ended.",
        status="blue",
        confidence=None,
        evidence=(
            "Jo Cross started as manager for Looked After Children on 1 April 2013; Phil Watson "
            "joined as Assistant Director for Children's Social Care on 8 July 2013; the new "
            "Assistant Director for Partnership Commissioning started in August 2013. All interim "
            "cover for these posts has ended."
        ),
        decision_ref="Improvement Board 11 Sep 2013, minute 4",
        updates=(
            DemoUpdate(
                date(2013, 4, 2),
                (
                    "Jo Cross started as the new permanent manager for Looked After Children on 1 "
                    "April."
                ),
            ),
            DemoUpdate(
                date(2013, 5, 15),
                (
                    "Phil Watson appointed Assistant Director for Children's Social Care and joins "
                    "on 8 July. Formal offer made for the Assistant Director for Partnership "
                    "Commissioning, starting in August."
                ),
            ),
            DemoUpdate(
                date(2013, 8, 30),
                "All three posts now held by permanent staff. Recommend closure.",
            ),
        ),
    ),
    DemoAction(
        reference="2.7",
        description=(
            "Introduce a career progression framework for social workers, as set out in the "
            "recruitment and retention strategy."
        ),
        lead=_HOLLIS,
        start=date(2014, 4, 14),
        target=date(2014, 10, 31),
        success_measures=(
            "Framework published; at least 80% of social workers have a development plan linked to "
            "it; fewer leavers among social workers with two to five years' experience."
        ),
        status="not_started",
        confidence=None,
    ),
)

# R3 — Systems and processes (Medway)
_R3_ACTIONS = (
    DemoAction(
        reference="3.1",
        description=(
            "Implement the new electronic recording system for children's social care "
            "(Framework-i): migrate data, review business processes and train all social workers, "
            "managers and administrators."
        ),
        lead=_RAMAN,
        start=date(2013, 2, 1),
        target=date(2013, 4, 2),
        success_measures=(
            "System live on the scheduled date; all staff trained before go-live; legacy case "
            "records migrated and checked."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "Framework-i went live on 2 April 2013, the date scheduled, within the £1.4m approved "
            "in July 2012. Data was migrated, business processes reviewed and all social workers, "
            "managers and administrators trained beforehand. Post-go-live support closed in June "
            "with no outstanding priority-one faults."
        ),
        decision_ref="Improvement Board 19 Jun 2013, minute 7",
        updates=(
            DemoUpdate(
                date(2013, 3, 15),
                (
                    "Trial data migration completed. Training for all social workers, managers and "
                    "administrators under way."
                ),
            ),
            DemoUpdate(
                date(2013, 4, 3),
                (
                    "Framework-i went live on 2 April 2013 as scheduled. There is still embedding "
                    "and learning to do, but this is a considerable achievement by all the staff "
                    "involved."
                ),
            ),
            DemoUpdate(
                date(2013, 6, 7),
                (
                    "Floor-walking support ended. Remaining issues are about reporting and are "
                    "picked up under action 3.3."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="3.2",
        description=(
            "Set and embed recording standards in Framework-i, with refresher training and a "
            "monthly check of the timeliness and quality of case recording."
        ),
        lead=_MITCHELL,
        start=date(2013, 4, 15),
        target=date(2014, 9, 30),
        success_measures=(
            "90% of case notes recorded within five working days; recording rated good or adequate "
            "in at least 80% of audited cases."
        ),
        status="amber",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 6, 28),
                "Recording standards issued to all teams alongside the new practice guidance.",
            ),
            DemoUpdate(
                date(2013, 10, 31),
                (
                    "September check: 71% of case notes recorded within five working days. "
                    "Refresher sessions booked for every team."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 7),
                (
                    "February: 82% within five working days, still short of 90%. The safeguarding "
                    "teams lag because of caseload pressure – rated amber."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="3.3",
        description=(
            "Complete the staffing of the performance and intelligence hub, build key data "
            "dashboards for the service and join the South East regional benchmarking club."
        ),
        lead=_RAMAN,
        start=date(2013, 3, 1),
        target=date(2014, 6, 30),
        success_measures=(
            "Monthly performance report to the Improvement Board within ten working days of month "
            "end; measures benchmarked against the region and statistical neighbours."
        ),
        status="green",
        confidence="high",
        updates=(
            DemoUpdate(
                date(2013, 5, 15),
                (
                    "Hub almost fully staffed and the first dashboards are in use. Medway has "
                    "joined the SE Region benchmarking club."
                ),
            ),
            DemoUpdate(
                date(2013, 9, 20),
                (
                    "Monthly scorecard now reaches the board within ten working days; regional "
                    "comparison included for 12 of 18 measures."
                ),
            ),
            DemoUpdate(
                date(2014, 2, 28),
                (
                    "Scorecard shows statistical neighbour figures for every measure where they "
                    "are published. Teams now receive their own monthly pages."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="3.4",
        description=(
            "Bring the two initial referral and assessment teams together on one site and the two "
            "safeguarding teams together on one site, for a more consistent approach and mutual "
            "support."
        ),
        lead=_OKAFOR,
        start=date(2013, 3, 11),
        target=date(2013, 5, 31),
        success_measures=(
            "Teams co-located; one duty rota for each service; staff survey shows better access to "
            "advice and peer support."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "The moves were completed smoothly on 14 May 2013 after consultation with staff. A "
            "single duty rota has run since June. In the September staff survey 74% of respondents "
            "in these teams said they could get advice from a colleague or manager when they "
            "needed it, up from 52% in February."
        ),
        decision_ref="Improvement Board 23 Oct 2013, minute 6",
        updates=(
            DemoUpdate(
                date(2013, 4, 19),
                "Staff consultation completed; the move is agreed for 14 May.",
            ),
            DemoUpdate(
                date(2013, 5, 15),
                "Move completed smoothly on 14 May 2013.",
            ),
            DemoUpdate(
                date(2013, 10, 4),
                "Staff survey shows better peer support (74% against 52%). Recommend closure.",
            ),
        ),
    ),
    DemoAction(
        reference="3.5",
        description=(
            "Develop a workload management tool, drawing on best practice from other authorities, "
            "so that each social worker's caseload stays within professional limits."
        ),
        lead=_WATSON,
        start=date(2013, 5, 1),
        target=date(2013, 9, 30),
        success_measures=(
            "Every social worker's weighted workload reported monthly; no social worker above the "
            "agreed ceiling for more than two months running."
        ),
        status="amber",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 5, 20),
                (
                    "Reading's model is the best fit for Medway. A safeguarding team is testing "
                    "how it applies here."
                ),
            ),
            DemoUpdate(
                date(2013, 7, 26),
                "Testing extended through June; consultation on a Medway scheme opened this month.",
            ),
            DemoUpdate(
                date(2013, 12, 13),
                (
                    "Staff and unions support the weightings, but counting by hand is too slow to "
                    "run monthly. We need a Framework-i report before roll-out."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 21),
                (
                    "Report specification signed off; supplier release scheduled for April. Hand "
                    "counts show an average caseload of 22 in the safeguarding teams."
                ),
            ),
        ),
        revisions=(
            DemoRevision(
                date(2013, 12, 31),
                (
                    "Consultation with staff and trade unions extended so the weightings can be "
                    "tested in a second team; board agreed new date."
                ),
                date(2013, 9, 11),
            ),
            DemoRevision(
                date(2014, 5, 30),
                (
                    "The weightings need a Framework-i report to count cases automatically and the "
                    "supplier's release is due in April; board agreed new date."
                ),
                date(2014, 1, 22),
            ),
        ),
    ),
    DemoAction(
        reference="3.6",
        description=(
            "Complete and test a new child protection process map, including revised guidance on "
            "core group meetings, removing steps that cause delay or duplication."
        ),
        lead=_MITCHELL,
        start=date(2013, 4, 15),
        target=date(2013, 5, 31),
        success_measures=(
            "Revised guidance issued; first core group held within 10 working days of the initial "
            "conference in 90% of cases; no duplicated recording steps in the workflow."
        ),
        status="red",
        confidence="low",
        updates=(
            DemoUpdate(
                date(2013, 5, 24),
                "First draft of the process map tested with two safeguarding teams.",
            ),
            DemoUpdate(
                date(2013, 6, 14),
                (
                    "Testing showed the map does not match the Framework-i workflow or the single "
                    "assessment. Redraft needed."
                ),
            ),
            DemoUpdate(
                date(2013, 11, 15),
                (
                    "Redraft complete, but the core group guidance is not yet agreed with "
                    "partners. October target missed."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 12),
                (
                    "Comments still awaited from two agencies; escalated to the MSCB chair. Core "
                    "groups within 10 working days: 76% in February."
                ),
            ),
        ),
        revisions=(
            DemoRevision(
                date(2013, 10, 31),
                (
                    "Process map has to be rebuilt around the Framework-i workflow and the single "
                    "assessment; board agreed new date."
                ),
                date(2013, 6, 19),
            ),
        ),
    ),
)

# R4 — Quality of practice (Medway)
_R4_ACTIONS = (
    DemoAction(
        reference="4.1",
        description=(
            "Replace initial and core assessments with a single integrated assessment from 1 April "
            "2013, supported by new Medway practice guidance based on the 5 Anchor Principles."
        ),
        lead=_WHITFIELD,
        start=date(2013, 2, 18),
        target=date(2013, 4, 1),
        success_measures=(
            "Single assessment used for all new referrals from 1 April 2013; 80% completed within "
            "45 working days; analysis rated adequate or better in 75% of audited assessments."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "Every new assessment since 1 April 2013 has been a single assessment. The October "
            "2013 audit of 40 assessments found 83% completed within 45 working days and analysis "
            "rated adequate or better in 78%. Families interviewed for the audit said the "
            "assessment was easier to understand."
        ),
        decision_ref="Improvement Board 4 Dec 2013, minute 5",
        updates=(
            DemoUpdate(
                date(2013, 3, 22),
                (
                    "Practice guidance drafted using Research in Practice material and "
                    "consultation with staff and partners. Built on the 5 Anchor Principles, "
                    "starting with 'What is the assessment for?'"
                ),
            ),
            DemoUpdate(
                date(2013, 4, 2),
                (
                    "Single integrated assessment live from 1 April. It helps social workers tell "
                    "the child's story."
                ),
            ),
            DemoUpdate(
                date(2013, 11, 1),
                (
                    "October audit: 83% in timescale, analysis adequate or better in 78%. "
                    "Recommend closure; quality will be kept under review through the QA framework "
                    "(action 4.2)."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="4.2",
        description=(
            "Finalise and implement the quality assurance framework and case audit tool, giving "
            "independent oversight of case work and shared learning across the service."
        ),
        lead=_MITCHELL,
        start=date(2013, 4, 1),
        target=date(2014, 6, 30),
        success_measures=(
            "Framework adopted; at least 30 case audits a month; findings reported quarterly to "
            "the Improvement Board; actions on cases judged inadequate completed within 20 working "
            "days."
        ),
        status="green",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 5, 10),
                (
                    "Draft framework consulted on; front line staff and managers have helped shape "
                    "it. New audit tool ready."
                ),
            ),
            DemoUpdate(
                date(2013, 7, 19),
                "Framework adopted by the Programme Board. First monthly audit covered 28 cases.",
            ),
            DemoUpdate(
                date(2013, 12, 13),
                (
                    "Audits running at 30–35 cases a month. First quarterly report goes to the "
                    "January board."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 14),
                "Audited cases rated good or adequate: 71% in February, up from 54% in July.",
            ),
        ),
    ),
    DemoAction(
        reference="4.3",
        description=(
            "Issue new guidance on strategy discussions based on the 5 Anchor Principles, and "
            "sample strategy discussions every month with feedback to workers and managers."
        ),
        lead=_MITCHELL,
        start=date(2013, 4, 1),
        target=date(2014, 4, 30),
        success_measures=(
            "Guidance issued; monthly sample of strategy discussions; 90% compliant with the "
            "guidance by April 2014."
        ),
        status="green",
        confidence="high",
        updates=(
            DemoUpdate(
                date(2013, 4, 15),
                "New guidance on strategy discussions issued today.",
            ),
            DemoUpdate(
                date(2013, 5, 3),
                (
                    "Small audit at the end of April checked early compliance. Feedback to workers "
                    "and managers this week."
                ),
            ),
            DemoUpdate(
                date(2013, 11, 8),
                (
                    "Monthly sampling established. Compliance 81% in October, up from 60% in the "
                    "April audit."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 7),
                "Compliance 88% in February. On course for 90% by April.",
            ),
        ),
    ),
    DemoAction(
        reference="4.4",
        description=(
            "Build critical thinking and professional curiosity across all social workers through "
            "Principal Social Worker visits to teams, practice workshops and reflective group "
            "supervision."
        ),
        lead=_WHITFIELD,
        start=date(2013, 4, 1),
        target=date(2014, 7, 31),
        success_measures=(
            "Every social worker attends the critical thinking workshop; audits show better "
            "analysis; staff report greater confidence in the annual practice survey."
        ),
        status="amber",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 5, 17),
                (
                    "Principal Social Worker has visited all social work teams to talk through the "
                    "new approach, the single assessment guidance and the 5 Anchor Principles. "
                    "Well received."
                ),
            ),
            DemoUpdate(
                date(2013, 10, 25),
                "Workshops started in September: 58 of 120 social workers have attended.",
            ),
            DemoUpdate(
                date(2014, 3, 14),
                (
                    "86 of 120 attended. The remaining places are hard to fill because of caseload "
                    "pressure – at risk of slipping beyond July."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="4.5",
        description=(
            "Make child protection conferences shorter and more dynamic, with clear SMART outcomes "
            "based on the 5 Anchor Principles, and use dip samples of conference minutes in each "
            "reviewing officer's supervision."
        ),
        lead=_MITCHELL,
        start=date(2013, 4, 1),
        target=date(2014, 6, 30),
        success_measures=(
            "Monthly dip sample of minutes; 85% of child protection plans rated SMART; parents' "
            "feedback collected after every initial conference."
        ),
        status="green",
        confidence="high",
        updates=(
            DemoUpdate(
                date(2013, 4, 26),
                (
                    "Dip samples of child protection minutes now taken by the manager and used in "
                    "supervision with each reviewing officer."
                ),
            ),
            DemoUpdate(
                date(2013, 6, 21),
                (
                    "Revised conference format agreed with reviewing officers at the May workshop; "
                    "in use from June."
                ),
            ),
            DemoUpdate(
                date(2014, 1, 17),
                (
                    "72% of plans sampled in December rated SMART, against 45% in May. Parent "
                    "feedback forms now in use."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 21),
                "February: 79% of plans rated SMART.",
            ),
        ),
    ),
    DemoAction(
        reference="4.6",
        description=(
            "Commission a diagnostic review of services for looked after children ahead of "
            "Ofsted's new inspection framework, and deliver the resulting action plan."
        ),
        lead=_CROSS,
        start=date(2013, 4, 15),
        target=date(2014, 9, 30),
        success_measures=(
            "Diagnostic report received; action plan agreed by the board; reviews and visits to "
            "looked after children in timescale above 90%."
        ),
        status="amber",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 6, 14),
                (
                    "Diagnostic review by Core Assets reported back in early June. Action plan "
                    "drafted."
                ),
            ),
            DemoUpdate(
                date(2013, 9, 13),
                "Action plan agreed at the Programme Board: 14 actions, six due by December.",
            ),
            DemoUpdate(
                date(2014, 2, 21),
                (
                    "Four of the six December actions done. Visits to looked after children in "
                    "timescale 86% in January, below the 90% target."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="4.7",
        description=(
            "Seek the views of children and families in every case audit and report what they tell "
            "us to the Improvement Board."
        ),
        lead=_WHITFIELD,
        start=date(2014, 4, 7),
        target=date(2014, 10, 31),
        success_measures=(
            "Views sought in at least 60% of audited cases; quarterly summary to the board with "
            "examples of changes made as a result."
        ),
        status="not_started",
        confidence=None,
    ),
)

# R5 — Thresholds and the front door (Walsall, re-dated)
_R5_ACTIONS = (
    DemoAction(
        reference="5.1",
        description=(
            "Pilot a triage approach to the initial screening of contacts and referrals, with the "
            "CAF co-ordinator signposting families and referrers to the right service, then roll "
            "it out across the front door."
        ),
        lead=_OKAFOR,
        start=date(2013, 4, 1),
        target=date(2014, 5, 30),
        success_measures=(
            "Pilot evaluated; triage applied to all contacts; re-referrals within 12 months below "
            "20%; fewer contacts needing an early help response passed to social care."
        ),
        status="green",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 4, 29),
                "Six-week pilot went live today after consultation with staff and partners.",
            ),
            DemoUpdate(
                date(2013, 6, 28),
                (
                    "Pilot evaluated: about one in four contacts redirected to early help. "
                    "Roll-out plan agreed."
                ),
            ),
            DemoUpdate(
                date(2013, 12, 6),
                (
                    "Triage now applied to all contacts in office hours. Re-referral rate 22% in "
                    "November, down from 27% in April."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 14),
                "Out-of-hours contacts will come under triage when the MASH opens (action 5.2).",
            ),
        ),
    ),
    DemoAction(
        reference="5.2",
        description=(
            "Establish a Multi-Agency Safeguarding Hub (MASH) bringing children's social care, "
            "police, health and early help staff together to share information and make threshold "
            "decisions at the front door."
        ),
        lead=_OKAFOR,
        start=date(2013, 7, 1),
        target=date(2014, 1, 31),
        success_measures=(
            "MASH operating with co-located partners; information-sharing agreement signed by all "
            "partners; 95% of contacts decided within 24 hours."
        ),
        status="amber",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 7, 31),
                "MASH operational group formed with Kent Police, NHS Medway CCG and schools.",
            ),
            DemoUpdate(
                date(2013, 11, 22),
                (
                    "Information-sharing agreement out for signature. Accommodation works will not "
                    "finish before February."
                ),
            ),
            DemoUpdate(
                date(2014, 2, 28),
                (
                    "Agreement signed by all partners except one health provider. Works due to "
                    "finish in May; soft launch planned for June."
                ),
            ),
        ),
        revisions=(
            DemoRevision(
                date(2014, 6, 30),
                (
                    "Co-location of police and health staff delayed by accommodation works and "
                    "sign-off of the information-sharing agreement; board agreed new date."
                ),
                date(2013, 12, 4),
            ),
        ),
    ),
    DemoAction(
        reference="5.3",
        description=(
            "Strengthen the MASH with a mental health nurse and a housing worker, and ask health "
            "partners to increase the nursing support they provide to the MASH."
        ),
        lead=_COLES,
        start=date(2013, 10, 1),
        target=date(2014, 2, 28),
        success_measures=(
            "Funding agreed; mental health nurse, housing worker and additional health staff in "
            "post when the MASH opens."
        ),
        status="red",
        confidence="low",
        updates=(
            DemoUpdate(
                date(2013, 11, 29),
                (
                    "Business case for a mental health nurse submitted to the CCG. Housing input "
                    "discussed with the council's housing service."
                ),
            ),
            DemoUpdate(
                date(2014, 1, 24),
                (
                    "Housing service will provide a worker two days a week. CCG decision on the "
                    "nurse deferred to its March meeting."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 21),
                (
                    "CCG has still not agreed funding; escalated to the Improvement Board chair. "
                    "Without a decision the MASH will open without mental health input."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="5.4",
        description=(
            "Revise and launch the MSCB's multi-agency threshold guidance, setting out the "
            "escalation policy and how to escalate a case, and make sure every partner builds it "
            "into its own processes and training."
        ),
        lead=_BRAZIL,
        start=date(2013, 5, 1),
        target=date(2013, 10, 31),
        success_measures=(
            "Guidance launched and on the MSCB website; every partner agency confirms it is in its "
            "procedures; audit of contacts shows 85% of referrals meet the threshold."
        ),
        status="green",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 7, 12),
                "Draft guidance shared with partners for comment.",
            ),
            DemoUpdate(
                date(2013, 10, 4),
                (
                    "Partners want clearer examples and the escalation policy set out in full. "
                    "Redraft needed."
                ),
            ),
            DemoUpdate(
                date(2014, 2, 7),
                (
                    "Launched at the MSCB on 29 January 2014. Partner confirmations coming in (7 "
                    "of 11). Impact audit planned for May before we propose closure."
                ),
            ),
        ),
        revisions=(
            DemoRevision(
                date(2014, 1, 31),
                (
                    "Guidance redrafted to fit Working Together 2013 and partners' comments; MSCB "
                    "agreed a January launch."
                ),
                date(2013, 10, 23),
            ),
        ),
    ),
    DemoAction(
        reference="5.5",
        description=(
            "Deliver multi-agency training on thresholds and escalation, and evaluate every event "
            "with a follow-up within six weeks, reported to the MSCB Learning & Development "
            "sub-group."
        ),
        lead=_BRAZIL,
        start=date(2014, 1, 6),
        target=date(2014, 9, 30),
        success_measures=(
            "400 practitioners trained; six-week follow-up returned by 60% of attendees; evidence "
            "of changed practice reported to the MSCB."
        ),
        status="green",
        confidence="high",
        updates=(
            DemoUpdate(
                date(2014, 2, 14),
                (
                    "Twelve sessions booked for February–July, with a six-week follow-up survey "
                    "built into each booking."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 28),
                "Three sessions held, 96 attendees. First six-week follow-ups go out in April.",
            ),
        ),
    ),
    DemoAction(
        reference="5.6",
        description=(
            "Develop a clear and coherent early help strategy, commissioned through Core Assets, "
            "to guide the commissioning and decommissioning of services."
        ),
        lead=_QUIRKE_THORNTON,
        start=date(2013, 4, 1),
        target=date(2013, 6, 30),
        success_measures=(
            "Strategy agreed by Cabinet and the MSCB; commissioning plans aligned to it; more "
            "early help assessments (CAFs) registered."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "Strategy agreed by Cabinet in December 2013 and endorsed by the MSCB. Two contracts "
            "have been re-commissioned against it, and early help assessments registered rose from "
            "64 in July–September to 97 in October–December 2013."
        ),
        decision_ref="Improvement Board 5 Mar 2014, minute 6",
        updates=(
            DemoUpdate(
                date(2013, 4, 30),
                "Core Assets have started work on the strategy with us.",
            ),
            DemoUpdate(
                date(2013, 7, 19),
                (
                    "Consultation shows partners want their own early help offer in the strategy. "
                    "Asking the board for a November date."
                ),
            ),
            DemoUpdate(
                date(2013, 12, 13),
                "Strategy agreed by Cabinet this week.",
            ),
            DemoUpdate(
                date(2014, 2, 21),
                (
                    "CAFs registered: 97 in October–December against 64 in July–September. "
                    "Proposing closure at the March board."
                ),
            ),
        ),
        revisions=(
            DemoRevision(
                date(2013, 11, 30),
                (
                    "Strategy widened to include partners' early help offer after consultation; "
                    "board agreed new date."
                ),
                date(2013, 7, 31),
            ),
        ),
    ),
    DemoAction(
        reference="5.7",
        description=(
            "Run a regular audit of the quality of social work and early help assessments of "
            "families before cases are referred into the MASH, and feed the learning back to "
            "referrers."
        ),
        lead=_MITCHELL,
        start=date(2014, 4, 14),
        target=date(2014, 12, 31),
        success_measures=(
            "Audit every quarter; findings shared with referring agencies; fewer contacts returned "
            "for more information."
        ),
        status="not_started",
        confidence=None,
    ),
)

# R6 — Frontline management oversight (Walsall, re-dated)
_R6_ACTIONS = (
    DemoAction(
        reference="6.1",
        description=(
            "Run a management development course for all social work managers in child protection "
            "and safeguarding services, focused on reflective supervision and performance "
            "management, with 1:1 confidential coaching."
        ),
        lead=_WHITFIELD,
        start=date(2013, 2, 4),
        target=date(2013, 9, 30),
        success_measures=(
            "All team and practice managers complete the course; supervision audit shows "
            "reflective discussion recorded in 70% of sessions."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "All 22 team and practice managers completed the course by July 2013, with 1:1 "
            "coaching for those who asked for it. The September supervision audit found reflective "
            "discussion recorded in 73% of sessions sampled, against 40% in the February baseline."
        ),
        decision_ref="Improvement Board 23 Oct 2013, minute 7",
        updates=(
            DemoUpdate(
                date(2013, 2, 28),
                (
                    "Course running since February for all social work managers in child "
                    "protection and safeguarding."
                ),
            ),
            DemoUpdate(
                date(2013, 5, 10),
                (
                    "Very well received by managers and supplemented by 1:1 confidential coaching "
                    "sessions."
                ),
            ),
            DemoUpdate(
                date(2013, 10, 11),
                (
                    "Supervision audit: reflective discussion recorded in 73% of sessions. "
                    "Recommend closure."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="6.2",
        description=(
            "Amend the supervision monitoring tool so that it takes account of staff absence, such "
            "as sickness or maternity leave, and records why a supervision did not take place."
        ),
        lead=_MITCHELL,
        start=date(2013, 9, 2),
        target=date(2013, 12, 31),
        success_measures=(
            "Amended tool trialled and in use; supervision compliance reported accurately; 90% of "
            "supervisions held when due."
        ),
        status="amber",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 10, 18),
                (
                    "Supervision compliance reported as 68%, but the figure counts staff on leave. "
                    "Changes specified."
                ),
            ),
            DemoUpdate(
                date(2013, 11, 29),
                "Supplier cannot release the change to the supervision form before April.",
            ),
            DemoUpdate(
                date(2014, 3, 14),
                (
                    "An interim adjustment by hand shows true compliance of 81% in February. Trial "
                    "of the amended tool booked for April."
                ),
            ),
        ),
        revisions=(
            DemoRevision(
                date(2014, 4, 30),
                (
                    "The change to the Framework-i supervision form needs a supplier release, so "
                    "the trial moves to April; board agreed new date."
                ),
                date(2013, 12, 4),
            ),
        ),
    ),
    DemoAction(
        reference="6.3",
        description=(
            "Give team managers dashboards that produce 'in time' data and reports on their own "
            "teams' cases, for use in supervision and performance meetings."
        ),
        lead=_RAMAN,
        start=date(2013, 7, 1),
        target=date(2013, 12, 31),
        success_measures=(
            "Dashboards live for every team manager and refreshed daily; the supervision audit "
            "confirms they are used in supervision."
        ),
        status="red",
        confidence="low",
        updates=(
            DemoUpdate(
                date(2013, 8, 16),
                (
                    "Requirements agreed with team managers: child protection visits, assessments "
                    "and supervision first."
                ),
            ),
            DemoUpdate(
                date(2013, 11, 15),
                (
                    "Reporting tool licence not yet bought; procurement is waiting for the "
                    "corporate ICT contract review."
                ),
            ),
            DemoUpdate(
                date(2014, 2, 21),
                (
                    "Still no licence, so managers rely on a weekly spreadsheet. Target missed – "
                    "the board may need to unblock the funding."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="6.4",
        description=(
            "Make sure management decisions and informal case discussions between managers and "
            "social workers are recorded on the child's file and brought into formal supervision."
        ),
        lead=_WHITFIELD,
        start=date(2013, 6, 3),
        target=date(2014, 6, 30),
        success_measures=(
            "Management oversight case note in use; audited files show the reasons for key "
            "decisions in 85% of cases."
        ),
        status="green",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 7, 26),
                (
                    "Principal Social Worker has met social workers and managers to explore how "
                    "informal discussions can be better recorded. A 'management oversight' case "
                    "note has been added to Framework-i."
                ),
            ),
            DemoUpdate(
                date(2014, 1, 10),
                "Audit: reasons for key decisions recorded in 74% of files, up from 49% in June.",
            ),
            DemoUpdate(
                date(2014, 3, 21),
                "February: 80%.",
            ),
        ),
    ),
    DemoAction(
        reference="6.5",
        description=(
            "Introduce regular observation of practice by team managers, with the feedback "
            "discussed in supervision."
        ),
        lead=_WATSON,
        start=date(2014, 4, 28),
        target=date(2014, 11, 28),
        success_measures=(
            "Each social worker observed at least twice a year; findings summarised quarterly for "
            "the board."
        ),
        status="not_started",
        confidence=None,
    ),
)

# R7 — Leadership and governance: the Safeguarding Children Board (Medway)
_R7_ACTIONS = (
    DemoAction(
        reference="7.1",
        description=(
            "Commission an external review of the MSCB against the revised Working Together, "
            "including its data and quality assurance systems, and implement its recommendations."
        ),
        lead=_BRAZIL,
        start=date(2013, 5, 1),
        target=date(2014, 6, 30),
        success_measures=(
            "Review reported; MSCB action plan agreed; all recommendations implemented; "
            "multi-agency dataset reported to every MSCB meeting."
        ),
        status="amber",
        confidence="medium",
        updates=(
            DemoUpdate(
                date(2013, 5, 2),
                "Eleanor Brazil took up the role of Independent Chair of the MSCB on 1 May 2013.",
            ),
            DemoUpdate(
                date(2013, 7, 26),
                "External review reported in July; all 11 recommendations accepted.",
            ),
            DemoUpdate(
                date(2013, 12, 13),
                "Six of 11 recommendations complete. New sub-group structure in place.",
            ),
            DemoUpdate(
                date(2014, 3, 7),
                "Multi-agency dataset still lacks health and police measures – at risk.",
            ),
        ),
    ),
    DemoAction(
        reference="7.2",
        description=(
            "Carry out an MSCB thematic audit of children whose parents have mental health issues "
            "and are known to KMPT, and act on the learning."
        ),
        lead=_BRAZIL,
        start=date(2013, 2, 18),
        target=date(2013, 5, 31),
        success_measures=(
            "Audit reported to the MSCB; learning points built into multi-agency training and KMPT "
            "procedures."
        ),
        status="blue",
        confidence=None,
        evidence=(
            "Findings and learning points reported to the MSCB in May 2013. KMPT now prompts staff "
            "to ask about dependent children in adult assessments, and a follow-up audit in "
            "November found the prompt completed in 84% of cases."
        ),
        decision_ref="Improvement Board 4 Dec 2013, minute 8",
        updates=(
            DemoUpdate(
                date(2013, 4, 19),
                "Audit fieldwork complete.",
            ),
            DemoUpdate(
                date(2013, 5, 24),
                "Findings and learning points reported to the MSCB.",
            ),
            DemoUpdate(
                date(2013, 11, 22),
                (
                    "Follow-up audit: dependent children prompt completed in 84% of cases. "
                    "Proposing closure."
                ),
            ),
        ),
    ),
    DemoAction(
        reference="7.3",
        description=(
            "Ensure Kent Police attend all strategy discussions and initial child protection "
            "conferences, and share police information with the front door within agreed "
            "timescales."
        ),
        lead=_HARDING,
        start=date(2013, 6, 3),
        target=date(2014, 9, 30),
        success_measures=(
            "Police attendance at strategy discussions and initial conferences at least 90%; "
            "police information returned within 24 hours in 95% of cases."
        ),
        status="green",
        confidence="high",
        updates=(
            DemoUpdate(
                date(2013, 8, 30),
                "Police attendance at initial conferences 84% in July.",
            ),
            DemoUpdate(
                date(2013, 12, 20),
                (
                    "Attendance 93% in November. Briefing on the improvement plan given to the "
                    "Kent Police & Crime Commissioner's office."
                ),
            ),
            DemoUpdate(
                date(2014, 3, 21),
                "Attendance above 90% for four months running.",
            ),
        ),
    ),
)

RECOMMENDATIONS: tuple[DemoRecommendation, ...] = (
    DemoRecommendation(
        source="ofsted_inspection",
        reference="R1",
        text=(
            "Ensure that senior leaders, elected members and partners provide strong leadership "
            "and effective governance of children's services, so that the pace of improvement, "
            "which has been too slow, increases and is sustained."
        ),
        theme="Leadership and governance",
        actions=_R1_ACTIONS,
    ),
    DemoRecommendation(
        source="ofsted_inspection",
        reference="R2",
        text=(
            "Ensure that there is a strong and stable workforce, with enough qualified and "
            "experienced social workers and managers, so that children benefit from consistent "
            "relationships with the professionals who help and protect them."
        ),
        theme="Workforce",
        actions=_R2_ACTIONS,
    ),
    DemoRecommendation(
        source="ofsted_inspection",
        reference="R3",
        text=(
            "Ensure that case recording is up to date and of a consistently good standard, so that "
            "the work done with children and the reasons for decisions are clear, and that "
            "managers have accurate and timely performance information."
        ),
        theme="Systems and processes",
        actions=_R3_ACTIONS,
    ),
    DemoRecommendation(
        source="ofsted_inspection",
        reference="R4",
        text=(
            "Improve the consistency and quality of social work practice, including the analysis "
            "of risk in assessments and plans, so that every child receives a service focused on "
            "their needs and experiences."
        ),
        theme="Quality of practice",
        actions=_R4_ACTIONS,
    ),
    DemoRecommendation(
        source="ofsted_inspection",
        reference="R5",
        text=(
            "Ensure that thresholds of need are understood and applied at every stage of the "
            "child's journey."
        ),
        theme="Thresholds and the front door",
        actions=_R5_ACTIONS,
    ),
    DemoRecommendation(
        source="ofsted_inspection",
        reference="R6",
        text=(
            "Ensure that frontline management oversight of practice improves the quality of "
            "decisions and the provision of help to children."
        ),
        theme="Quality of practice",
        actions=_R6_ACTIONS,
    ),
    DemoRecommendation(
        source="dfe_notice",
        reference="R7",
        text=(
            "Ensure that the Medway Safeguarding Children Board meets the requirements of the "
            "revised Working Together and robustly challenges all partners on the quality of "
            "multi-agency safeguarding practice."
        ),
        theme="Leadership and governance",
        actions=_R7_ACTIONS,
    ),
)


# Validation ------------------------------------------------------------------

_STATUSES = ("not_started", "red", "amber", "green", "blue")
_CONFIDENCES = ("high", "medium", "low")
_SOURCES = ("ofsted_inspection", "monitoring_visit", "dfe_notice", "peer_review", "board")
_THEMES = (
    "Leadership and governance",
    "Workforce",
    "Systems and processes",
    "Quality of practice",
    "Thresholds and the front door",
)
_PLAN_FROM = date(2013, 2, 1)
_PLAN_TO = date(2014, 12, 31)
_MAX_TEXT = 1000
_SHORT_TEXT = 200
_MINIMUM_STATUS_COUNTS = {"blue": 5, "green": 8, "amber": 5, "red": 3, "not_started": 3}
_WALSALL_WORDS = (
    "thresholds of need are understood and applied",
    "frontline management oversight of practice",
)
_MARKUP = ("<", ">", "**", "__", "`", "[", "]", "#", "\t")


def _current_target(action: DemoAction) -> date:
    """The target after the last re-baselining (the original if never revised)."""
    return action.revisions[-1].new_date if action.revisions else action.target


def _is_overdue(action: DemoAction, as_at: date = AS_AT) -> bool:
    return action.status != "blue" and _current_target(action) < as_at


def _all_actions() -> tuple[DemoAction, ...]:
    return tuple(a for r in RECOMMENDATIONS for a in r.actions)


def _check_people(problems: list[str]) -> None:
    if not 8 <= len(PEOPLE) <= 12:
        problems.append(f"there are {len(PEOPLE)} people; expected 8 to 12")
    names = [p.name for p in PEOPLE]
    if len(set(names)) != len(names):
        problems.append("people's names are not unique")
    leads = {a.lead for a in _all_actions()}
    unknown = sorted(leads - set(names))
    if unknown:
        problems.append(f"leads not in PEOPLE: {', '.join(unknown)}")
    counts = sorted((sum(a.lead == n for a in _all_actions()) for n in names), reverse=True)
    if counts and counts[0] < 5:
        problems.append("no lead owns five or more actions; the spread should be uneven")


def _check_recommendations(problems: list[str]) -> None:
    if not 7 <= len(RECOMMENDATIONS) <= 9:
        problems.append(f"there are {len(RECOMMENDATIONS)} recommendations; expected 7 to 9")
    total = len(_all_actions())
    if not 28 <= total <= 40:
        problems.append(f"there are {total} actions; expected 28 to 40")
    refs = [r.reference for r in RECOMMENDATIONS]
    if len(set(refs)) != len(refs):
        problems.append("recommendation references are not unique")
    action_refs = [a.reference for a in _all_actions()]
    if len(set(action_refs)) != len(action_refs):
        problems.append("action references are not unique")
    missing = sorted(set(_THEMES) - {r.theme for r in RECOMMENDATIONS})
    if missing:
        problems.append(f"themes not covered: {', '.join(missing)}")
    for words in _WALSALL_WORDS:
        if not any(words in r.text for r in RECOMMENDATIONS):
            problems.append(f"no recommendation quotes Ofsted's words '{words}'")
    for r in RECOMMENDATIONS:
        _check_recommendation(r, problems)


def _check_recommendation(r: DemoRecommendation, problems: list[str]) -> None:
    if r.source not in _SOURCES:
        problems.append(f"{r.reference}: unknown source {r.source!r}")
    if r.theme not in _THEMES:
        problems.append(f"{r.reference}: unknown theme {r.theme!r}")
    if not r.actions:
        problems.append(f"{r.reference}: has no actions")
    number = r.reference.removeprefix("R")
    for a in r.actions:
        head, dot, tail = a.reference.partition(".")
        if head != number or not dot or not tail.isdigit():
            problems.append(f"{a.reference}: reference does not belong to {r.reference}")


def _check_dates(a: DemoAction, problems: list[str]) -> None:
    where = a.reference
    for label, value in (("start", a.start), ("target", a.target)):
        if not _PLAN_FROM <= value <= _PLAN_TO:
            problems.append(f"{where}: {label} {value} is outside {_PLAN_FROM}–{_PLAN_TO}")
    if a.start > a.target:
        problems.append(f"{where}: starts ({a.start}) after its target ({a.target})")
    previous = a.target
    for rev in a.revisions:
        if rev.new_date <= previous:
            problems.append(f"{where}: revision to {rev.new_date} is not after {previous}")
        if rev.new_date > _PLAN_TO:
            problems.append(f"{where}: revision to {rev.new_date} is after {_PLAN_TO}")
        if not a.start <= rev.revised_on <= AS_AT:
            problems.append(f"{where}: revision agreed on {rev.revised_on} is out of range")
        if rev.new_date <= rev.revised_on:
            problems.append(f"{where}: revision agreed on {rev.revised_on} is already past")
        previous = rev.new_date
    agreed = [rev.revised_on for rev in a.revisions]
    if agreed != sorted(agreed):
        problems.append(f"{where}: revisions are not in chronological order")
    days = [u.on for u in a.updates]
    if days != sorted(days):
        problems.append(f"{where}: updates are not in date order")
    if days and (days[0] < a.start or days[-1] > AS_AT):
        problems.append(f"{where}: an update is dated before the start or after {AS_AT}")


def _check_status(a: DemoAction, problems: list[str]) -> None:
    where = a.reference
    if a.status not in _STATUSES:
        problems.append(f"{where}: unknown status {a.status!r}")
    if a.confidence is not None and a.confidence not in _CONFIDENCES:
        problems.append(f"{where}: unknown confidence {a.confidence!r}")
    if a.status == "blue" and not (a.evidence.strip() and a.decision_ref.strip()):
        problems.append(f"{where}: blue without evidence of impact and a board decision")
    if a.status != "blue" and (a.evidence or a.decision_ref):
        problems.append(f"{where}: evidence or a closure decision on an action that is not blue")
    if a.status == "not_started":
        if a.updates:
            problems.append(f"{where}: not started but has progress updates")
        if a.start < AS_AT - timedelta(days=31):
            problems.append(f"{where}: not started but its start date {a.start} is long past")
    elif not 1 <= len(a.updates) <= 4:
        problems.append(f"{where}: has {len(a.updates)} updates; expected 1 to 4")


def _check_totals(problems: list[str]) -> None:
    actions = _all_actions()
    for status, minimum in _MINIMUM_STATUS_COUNTS.items():
        found = sum(a.status == status for a in actions)
        if found < minimum:
            problems.append(f"only {found} {status} actions; expected at least {minimum}")
    overdue = [a for a in actions if _is_overdue(a)]
    if len(overdue) < 4:
        problems.append(f"only {len(overdue)} overdue actions; expected at least 4")
    for status in ("green", "red"):
        if not any(a.status == status for a in overdue):
            problems.append(f"no overdue action is rated {status}")
    revised = [a for a in actions if a.revisions]
    if len(revised) < 4:
        problems.append(f"only {len(revised)} re-baselined actions; expected at least 4")
    if not any(len(a.revisions) >= 2 for a in actions):
        problems.append("no action has been re-baselined twice")


def _texts() -> list[tuple[str, str, int]]:
    """Every string in the demo, with where it is and its length limit."""
    found: list[tuple[str, str, int]] = [("board name", BOARD_NAME, _SHORT_TEXT)]
    for p in PEOPLE:
        found.extend((f"person {p.name}", s, _SHORT_TEXT) for s in (p.name, p.role, p.organisation))
    for r in RECOMMENDATIONS:
        found.append((r.reference, r.text, _MAX_TEXT))
        for a in r.actions:
            found.extend(
                (a.reference, s, _MAX_TEXT) for s in (a.description, a.success_measures, a.evidence)
            )
            found.append((a.reference, a.decision_ref, _SHORT_TEXT))
            found.extend((f"{a.reference} update {u.on}", u.text, _MAX_TEXT) for u in a.updates)
            found.extend(
                (f"{a.reference} revision {v.revised_on}", v.reason, _MAX_TEXT) for v in a.revisions
            )
    return found


def _check_text(problems: list[str]) -> None:
    texts = _texts()
    for where, text, limit in texts:
        if len(text) >= limit:
            problems.append(f"{where}: text is {len(text)} characters; the limit is {limit}")
        if text != text.strip() or "  " in text or "\n" in text:
            problems.append(f"{where}: stray spaces or line breaks")
        if any(mark in text for mark in _MARKUP):
            problems.append(f"{where}: looks like markup")
    joined = " ".join(text for _, text, _ in texts)
    for char, name in (("'", "apostrophe"), ("&", "ampersand"), ("–", "en dash")):
        if char not in joined:
            problems.append(f"no {name} anywhere in the demo text")


def validate() -> list[str]:
    """Checks the demo against its rules; returns the problems (empty when all is well)."""
    problems: list[str] = []
    _check_people(problems)
    _check_recommendations(problems)
    for action in _all_actions():
        _check_dates(action, problems)
        _check_status(action, problems)
    _check_totals(problems)
    _check_text(problems)
    return problems
