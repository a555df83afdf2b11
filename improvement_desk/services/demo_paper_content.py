"""Demo content: the words of the demo board's papers, rendered to PDF by `demo_papers`.

Each paper is short, as a board paper summarising one piece of work is: a
purpose, a few paragraphs, a table where figures help. The figures agree with
the plan's updates and the risk register's reviews; the monthly scorecard is
built from one table of figures so every meeting's scorecard agrees with the
next. Text stays within Windows-1252, which the PDF's standard fonts can show.
"""

from __future__ import annotations

from dataclasses import dataclass

from improvement_desk.domain.marking import Marking
from improvement_desk.services.demo_scorecard_content import paper_row


@dataclass(frozen=True, slots=True)
class Heading:
    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells, the first row the header; `widths` are relative column widths."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class NewPage:
    """Starts the next block on a new page (an appendix)."""


PaperBlock = str | Heading | Table | NewPage


@dataclass(frozen=True, slots=True)
class DemoPaper:
    key: str
    title: str
    blocks: tuple[PaperBlock, ...]
    marking: Marking = Marking.OFFICIAL


# Monthly figures as the scorecard reported them ("" where not yet measured). The measures the
# board's scorecard also holds come from its content, rounded, so the papers quote it.
_MONTHS = (
    "Apr 2013",
    "May 2013",
    "Jun 2013",
    "Jul 2013",
    "Aug 2013",
    "Sep 2013",
    "Oct 2013",
    "Nov 2013",
    "Dec 2013",
    "Jan 2014",
)
_MONTH_NAMES = {
    "Jan": "January",
    "Feb": "February",
    "Mar": "March",
    "Apr": "April",
    "May": "May",
    "Jun": "June",
    "Jul": "July",
    "Aug": "August",
    "Sep": "September",
    "Oct": "October",
    "Nov": "November",
    "Dec": "December",
}
_MEASURES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Contacts received",
        "",
        ("1,160", "1,210", "1,190", "1,120", "980", "1,340", "1,280", "1,230", "1,050", "1,290"),
    ),
    (
        "Contacts decided within 24 hours (%)",
        "95",
        ("68", "71", "78", "81", "82", "74", "80", "86", "85", "84"),
    ),
    ("Re-referrals within 12 months (%)", *paper_row("PI02", _MONTHS)),
    (
        "Case notes recorded within 5 working days (%)",
        "90",
        ("", "", "64", "66", "68", "71", "74", "76", "78", "80"),
    ),
    (
        "Audited cases rated good or adequate (%)",
        "80",
        ("", "", "", "54", "58", "60", "61", "63", "66", "68"),
    ),
    ("Average caseload, safeguarding teams", *paper_row("PI08", _MONTHS)),
    ("Social worker vacancy rate (%)", *paper_row("PI09", _MONTHS)),
    ("Agency social workers in post", *paper_row("PI10", _MONTHS)),
)


def scorecard(last_month: str, months: int = 3) -> Table:
    """The scorecard's table for the months up to `last_month`, newest last."""
    end = _MONTHS.index(last_month) + 1
    start = max(0, end - months)
    header = ("Measure", "Target", *_MONTHS[start:end])
    rows = [header]
    for name, target, values in _MEASURES:
        rows.append((name, target or "-", *(v or "-" for v in values[start:end])))
    return Table(tuple(rows), (5, 1, *([1] * (end - start))))


def _scorecard_paper(key: str, month: str, commentary: tuple[str, ...]) -> DemoPaper:
    return DemoPaper(
        key,
        f"Performance scorecard: {_MONTH_NAMES[month[:3]]} {month[4:]}",
        (
            Heading("Purpose"),
            "To report the children's social care scorecard for the latest month, with the two "
            "months before it, so the board can see the direction of travel.",
            scorecard(month),
            Heading("Commentary"),
            *commentary,
        ),
    )


def _highlight(key: str, title: str, rows: tuple[tuple[str, ...], ...], note: str) -> DemoPaper:
    return DemoPaper(
        key,
        title,
        (
            Heading("Purpose"),
            "To report progress on the improvement plan by workstream, with the exceptions the "
            "board is asked to consider.",
            Table(
                (("Workstream", "Blue", "Green", "Amber", "Red", "Not started"), *rows),
                (4, 1, 1, 1, 1, 1),
            ),
            Heading("Exceptions"),
            note,
        ),
    )


_PAPER_LIST: tuple[DemoPaper, ...] = (
    DemoPaper(
        "terms_of_reference",
        "Children's Services Improvement Board: terms of reference",
        (
            Heading("Purpose"),
            "To agree the terms of reference of the Improvement Board set up in response to the "
            "Ofsted inspection of January 2013 and the Department for Education's improvement "
            "notice.",
            Heading("Role of the board"),
            "The board will provide independent challenge to the council and its partners, hold "
            "them to account for delivering the improvement plan, and satisfy itself that the "
            "changes made are improving the help and protection children receive. It will report "
            "progress to the DfE through its adviser and to Cabinet through the Lead Member.",
            "The board does not manage services. The Children's Programme Board, chaired by the "
            "Chief Executive, mobilises the resources and holds officers to account for each "
            "action; exceptions come to the Improvement Board.",
            Heading("Membership"),
            Table(
                (
                    ("Seat", "Represented by"),
                    ("Independent Chair", "Jane Held"),
                    ("Elected members", "Leader, Lead Member, Portfolio Holder"),
                    ("Council", "Chief Executive, Director of Children and Adults"),
                    ("Partners", "Kent Police, NHS Medway CCG, schools, MSCB"),
                    ("Advisers", "External Director of Children's Services, DfE adviser"),
                ),
                (2, 3),
            ),
            NewPage(),
            Heading("Meetings and quorum"),
            "The board meets every six weeks. It is quorate when four voting members are present. "
            "Advisers and officers in attendance do not count towards the quorum, and a substitute "
            "attends to listen and report back rather than to vote.",
            "Papers are issued five working days before each meeting. Minutes are approved at the "
            "next meeting and published on the council's website; items exempt under Schedule 12A "
            "are left out of the published minutes.",
            Heading("Review"),
            "The terms of reference will be reviewed after four meetings and again in March 2014.",
        ),
    ),
    DemoPaper(
        "ofsted_findings",
        "Ofsted inspection of child protection arrangements: findings and the improvement notice",
        (
            Heading("Purpose"),
            "To summarise the findings of the unannounced inspection of 7 to 16 January 2013, "
            "published on 15 February 2013, and the requirements of the DfE's improvement notice.",
            Heading("Findings"),
            "Ofsted judged the overall effectiveness of the arrangements for the protection of "
            "children inadequate. It found strong political and corporate support, but a "
            "workforce with too many vacancies and agency staff, case recording that was not up "
            "to date, and practice whose quality varied too much between teams.",
            Table(
                (
                    ("Timescale", "Areas for improvement"),
                    ("Immediately", "Leadership capacity; management oversight of cases"),
                    ("Within three months", "Workforce stability; case recording; thresholds"),
                    ("Within six months", "Quality of assessments and plans; the MSCB"),
                ),
                (1, 3),
            ),
            NewPage(),
            Heading("The improvement notice"),
            "The notice requires the council to set up an improvement board with an independent "
            "chair, to agree an improvement plan with the DfE, and to show measurable progress "
            "at reviews every six months. The DfE will consider further intervention if progress "
            "is not made.",
        ),
    ),
    DemoPaper(
        "mscb_priorities",
        "Medway Safeguarding Children Board: priorities for 2013-14",
        (
            Heading("Purpose"),
            "To set out the priorities of the MSCB's new Independent Chair, who took up the role "
            "on 1 May 2013.",
            Heading("Priorities"),
            "First, a shared understanding of thresholds: an audit of April contacts found that "
            "46% of those from schools did not meet the threshold for social care. Second, "
            "stronger challenge to partners through the MSCB's quality assurance work. Third, an "
            "external review of the MSCB against the revised Working Together, reporting in July.",
            "The Chair will report progress on each priority to the Improvement Board.",
        ),
    ),
    DemoPaper(
        "workforce_focus_groups",
        "Social work recruitment and retention: baseline and focus group findings",
        (
            Heading("Purpose"),
            "To report the workforce baseline and what frontline staff told us in the focus "
            "groups, as the basis for the recruitment and retention strategy.",
            Table(
                (
                    ("Measure", "April 2013"),
                    ("Social worker posts", "142"),
                    ("Vacant posts", "34 (24%)"),
                    ("Agency social workers in post", "36"),
                    ("Applications from the rolling advert", "11"),
                    ("Appointments made", "4"),
                ),
                (3, 1),
            ),
            Heading("What staff told us"),
            "Staff want a clear progression route, protected caseloads for newly qualified social "
            "workers, and less travel between sites. The market supplement, paid since 1 April, "
            "was welcomed but is not in itself a reason to stay.",
        ),
    ),
    _scorecard_paper(
        "scorecard_2013_04",
        "Apr 2013",
        (
            "This is the first scorecard from Framework-i. Seven measures are still counted by "
            "hand from extracts and will be automated as the reports are built. Months before "
            "April are not comparable and are not shown.",
        ),
    ),
    DemoPaper(
        "deputy_director",
        "Senior management capacity: the Deputy Director post",
        (
            Heading("Purpose"),
            "To ask the board to close action 1.3 of the improvement plan.",
            Heading("Evidence"),
            "Full Council agreed the post of Deputy Director of Children and Adults and the "
            "appointment of David Quirke-Thornton on 25 April 2013. The child protection and "
            "looked after children reviewing service and the support to the MSCB moved under the "
            "Deputy Director on 1 May, so the service that reviews cases no longer reports to "
            "the managers of the teams whose cases it reviews.",
        ),
    ),
    DemoPaper(
        "framework_i",
        "Framework-i: review after go-live",
        (
            Heading("Purpose"),
            "To report on the first ten weeks of Framework-i and ask the board to close action "
            "3.1 of the improvement plan.",
            Heading("Go-live"),
            "Framework-i went live on 2 April 2013 as scheduled, after a trial migration in March "
            "and training for all social workers, managers and administrators.",
            Table(
                (
                    ("Measure", "Result"),
                    ("Staff trained before go-live", "91%"),
                    ("Helpdesk calls, first three weeks", "312"),
                    ("Helpdesk calls a week, early June", "about 60"),
                    ("Migrated documents misfiled and corrected", "40"),
                    ("Records lost in migration", "none"),
                    ("Priority-one faults outstanding", "none"),
                ),
                (3, 1),
            ),
            NewPage(),
            Heading("Next steps"),
            "Floor-walking support ended on 7 June. Remaining issues concern reporting and are "
            "picked up under action 3.3; the quality and timeliness of recording will be checked "
            "monthly under action 3.2.",
        ),
    ),
    _scorecard_paper(
        "scorecard_2013_05",
        "May 2013",
        (
            "Contacts decided within 24 hours remain well below the 95% standard while the triage "
            "pilot runs. The vacancy rate has fallen for a second month. 45% of child protection "
            "plans sampled in May were rated SMART.",
        ),
    ),
    DemoPaper(
        "board_review",
        "Review of the board's first four meetings",
        (
            Heading("Purpose"),
            "To review the board's first four meetings against its terms of reference, and to ask "
            "the board to close action 1.1 of the improvement plan.",
            Table(
                (
                    ("Meeting", "Health", "Police", "Schools", "Voting members present"),
                    ("27 March 2013", "Yes", "Yes", "Yes", "9 of 10"),
                    ("8 May 2013", "Yes", "Substitute", "Yes", "8 of 10"),
                    ("19 June 2013", "Yes", "Yes", "Yes", "10 of 10"),
                    ("31 July 2013", "Yes", "Yes", "Yes", "9 of 10"),
                ),
                (2, 1, 1, 1, 2),
            ),
            "The board has met on its six-weekly cycle, with health, police and schools "
            "represented at every meeting, and the independent challenge of the Chair and the "
            "external Director of Children's Services is recorded in the minutes.",
        ),
    ),
    _highlight(
        "highlight_2013_07",
        "Improvement plan highlight report: July 2013",
        (
            ("Leadership and governance", "1", "5", "1", "0", "0"),
            ("Workforce", "0", "4", "1", "1", "1"),
            ("Systems and processes", "1", "2", "2", "1", "0"),
            ("Quality of practice", "0", "7", "2", "0", "3"),
            ("Thresholds and the front door", "0", "3", "1", "0", "3"),
        ),
        "The early help strategy (action 5.6) has been widened to include partners' own early "
        "help offer; the board is asked to agree a new target date of 30 November 2013.",
    ),
    DemoPaper(
        "mscb_review",
        "External review of the Medway Safeguarding Children Board: summary",
        (
            Heading("Purpose"),
            "To report the findings of the external review of the MSCB, commissioned in May 2013, "
            "and the MSCB's acceptance of its recommendations.",
            Heading("Findings"),
            "The review found that the MSCB's challenge to partners was too weak, that its data "
            "gave little view of multi-agency practice, and that its sub-groups lacked clear "
            "priorities. The MSCB has accepted all 11 recommendations.",
            NewPage(),
            Table(
                (
                    ("Theme", "Recommendations", "Lead"),
                    ("Governance and challenge", "3", "Independent Chair"),
                    ("Data and quality assurance", "4", "QA sub-group"),
                    ("Learning and development", "2", "L and D sub-group"),
                    ("Partnership engagement", "2", "Business Manager"),
                ),
                (3, 1, 2),
            ),
            "A timetable for each recommendation will come to the September board.",
        ),
    ),
    DemoPaper(
        "senior_appointments",
        "Senior leadership appointments",
        (
            Heading("Purpose"),
            "To ask the board to close action 2.6 of the improvement plan and risk R10.",
            Table(
                (
                    ("Post", "Permanent appointment from"),
                    ("Manager, Looked After Children", "1 April 2013"),
                    ("Assistant Director, Children's Social Care", "8 July 2013"),
                    ("Assistant Director, Partnership Commissioning", "12 August 2013"),
                ),
                (3, 2),
            ),
            "All interim cover ended in August. Leadership capacity will continue to be watched "
            "through the risk on the pace of improvement (R5).",
        ),
    ),
    DemoPaper(
        "workforce_baseline",
        "Social work workforce: baseline and exit interviews",
        (
            Heading("Purpose"),
            "To report the workforce baseline and exit interviews, and ask the board to close "
            "action 2.1 of the improvement plan.",
            Table(
                (
                    ("Month", "Vacancy rate", "Agency social workers"),
                    ("April 2013", "23%", "36"),
                    ("May 2013", "22%", "35"),
                    ("June 2013", "20%", "34"),
                    ("July 2013", "18%", "33"),
                    ("August 2013", "17%", "31"),
                ),
                (2, 1, 1),
            ),
            NewPage(),
            Heading("Exit interviews"),
            "Exit interviews have been part of the leaving process since April. 17 of the 20 "
            "social workers who left between May and August were interviewed (85%). The themes "
            "most often raised were workload, travel between sites and the wish for a clearer "
            "progression route; they have been shared with the staff focus groups shaping the "
            "recruitment and retention strategy.",
        ),
    ),
    _scorecard_paper(
        "scorecard_2013_08",
        "Aug 2013",
        (
            "Contacts fell to 980 in August, as usual in the school holidays; a rise is expected "
            "when schools return. The vacancy rate is the lowest since the baseline. Regional "
            "comparison is now available for 12 of 18 measures and is shown in the appendix of "
            "the full scorecard.",
        ),
    ),
    DemoPaper(
        "agency_specification",
        "Permanent recruitment through an agency: revised specification",
        (
            Heading("Purpose"),
            "To approve a revised specification for recruiting permanent, qualified and "
            "experienced social workers through an agency.",
            Heading("Proposals received in May"),
            Table(
                (
                    ("Proposal", "Fee per hire", "Rebate period", "Assessment"),
                    ("Agency A", "22% of salary", "8 weeks", "Cost too high"),
                    ("Agency B", "18% of salary", "none", "No retention guarantee"),
                    ("Agency C", "15% of salary", "12 weeks", "Could not show it could deliver"),
                ),
                (2, 2, 2, 3),
            ),
            NewPage(),
            Heading("Revised specification"),
            "The revised specification caps the fee at 15% of salary, requires a full fee rebate "
            "if a social worker leaves within six months, and asks for evidence of placements "
            "made with other authorities. It will be issued once the pay and grading review "
            "reports, so candidates are offered settled terms.",
        ),
    ),
    DemoPaper(
        "co_location",
        "Bringing the assessment and safeguarding teams together",
        (
            Heading("Purpose"),
            "To ask the board to close action 3.4 of the improvement plan.",
            "The two initial referral and assessment teams moved to one site on 14 May 2013, and "
            "the two safeguarding teams to another. The September staff survey compared support "
            "from colleagues before and after the moves.",
            Table(
                (
                    ("Survey question", "Before", "September"),
                    ("I feel well supported by colleagues", "52%", "74%"),
                    ("I can consult a manager the same day", "61%", "80%"),
                ),
                (4, 1, 1),
            ),
        ),
    ),
    DemoPaper(
        "management_development",
        "Management development programme: evaluation",
        (
            Heading("Purpose"),
            "To ask the board to close action 6.1 of the improvement plan.",
            "All 22 team and practice managers completed the course by July 2013, supported by "
            "confidential 1:1 coaching. Supervision audits measure whether reflective discussion "
            "is recorded.",
            Table(
                (
                    ("Supervision audit", "Sessions with reflective discussion recorded"),
                    ("February 2013", "40%"),
                    ("September 2013", "73%"),
                ),
                (2, 3),
            ),
        ),
    ),
    _scorecard_paper(
        "scorecard_2013_09",
        "Sep 2013",
        (
            "September brought 1,340 contacts, the highest month on record, after schools "
            "returned; the share decided within 24 hours fell as a result. The average caseload "
            "in the safeguarding teams has fallen to 21.",
            "Supervision compliance is reported at 68%.",
        ),
    ),
    DemoPaper(
        "single_assessment",
        "Single assessment: audit after eight months",
        (
            Heading("Purpose"),
            "To report the October audit of single assessments and ask the board to close action "
            "4.1 of the improvement plan.",
            Table(
                (
                    ("Measure", "October 2013"),
                    ("Assessments audited", "40"),
                    ("Completed within 45 working days", "83%"),
                    ("Analysis adequate or better", "78%"),
                    ("Child's views recorded", "85%"),
                ),
                (3, 1),
            ),
            NewPage(),
            Heading("What social workers say"),
            "Social workers say the single assessment helps them tell the child's story. The 5 "
            "Anchor Principles, starting with 'What is the assessment for?', are now used in "
            "supervision. Quality will be kept under review through the quality assurance "
            "framework (action 4.2).",
        ),
    ),
    _highlight(
        "highlight_2013_11",
        "Improvement plan highlight report: November 2013",
        (
            ("Leadership and governance", "2", "4", "1", "0", "0"),
            ("Workforce", "2", "2", "1", "1", "1"),
            ("Systems and processes", "2", "1", "2", "1", "0"),
            ("Quality of practice", "1", "5", "3", "1", "2"),
            ("Thresholds and the front door", "0", "3", "1", "1", "2"),
        ),
        "The MASH (action 5.2) cannot open in January: accommodation works finish in February "
        "and the information-sharing agreement is out for signature. The board is asked to agree "
        "30 June 2014. The supervision form change (action 6.2) needs a supplier release in "
        "April; the board is asked to agree 30 April 2014.",
    ),
    DemoPaper(
        "mscb_thematic_audit",
        "MSCB thematic audit: children of parents with mental health needs",
        (
            Heading("Purpose"),
            "To report the MSCB's thematic audit and the follow-up audit, and ask the board to "
            "close action 7.2 of the improvement plan.",
            "The audit looked at children whose parents have mental health needs and are known "
            "to KMPT. Its learning was reported to the MSCB in May 2013. Adult mental health staff "
            "now record whether a patient has dependent children; the follow-up audit found this "
            "prompt completed in 84% of cases.",
        ),
    ),
    DemoPaper(
        "mash_information_sharing",
        "MASH: information sharing and police research support",
        (
            Heading("Purpose"),
            "To agree interim arrangements for police information at the front door until the "
            "Multi-Agency Safeguarding Hub opens.",
            "A police researcher will sit with the duty team two days a week from January 2014, "
            "with access to police systems under the draft information-sharing agreement. Checks "
            "will be requested for contacts where domestic abuse or adult offending is indicated, "
            "and the result recorded on the child's file within one working day.",
            "All partners are asked to sign the agreement by the end of January. One health "
            "provider has asked for changes to the clauses on consent.",
        ),
        Marking.OFFICIAL_SENSITIVE,
    ),
    _scorecard_paper(
        "scorecard_2013_12",
        "Dec 2013",
        (
            "Contacts fell to 1,050 over the holiday period. Re-referrals are at 22%, against 27% "
            "in April, and recording within five working days has improved every month since "
            "June, though it remains short of the 90% standard.",
        ),
    ),
    DemoPaper(
        "quarterly_audit",
        "Quality assurance: first quarterly audit report",
        (
            Heading("Purpose"),
            "To report the findings of case audits from October to December 2013 under the "
            "quality assurance framework.",
            Table(
                (
                    ("Measure", "Baseline", "December 2013"),
                    ("Audited cases rated good or adequate", "54% (July)", "66%"),
                    ("Child protection plans rated SMART", "45% (May)", "72%"),
                    ("Strategy discussions compliant", "60% (April)", "81% (October)"),
                ),
                (3, 1, 1),
            ),
            NewPage(),
            Heading("Cases rated inadequate"),
            "Every case rated inadequate was returned to its team manager, with actions to be "
            "completed within 20 working days and checked by the auditor. The themes of these "
            "cases, and what changed for each child, will be reported with the next quarterly "
            "report.",
        ),
    ),
    DemoPaper(
        "sif_self_assessment",
        "Ofsted's single inspection framework: self-assessment",
        (
            Heading("Purpose"),
            "To present the council's self-assessment against the judgements of Ofsted's single "
            "inspection framework, in force since 19 November 2013.",
            Table(
                (
                    ("Judgement", "Self-assessment"),
                    ("Children who need help and protection", "Requires improvement"),
                    ("Children looked after and achieving permanence", "Requires improvement"),
                    ("Adoption performance", "Good"),
                    ("Experiences of care leavers", "Requires improvement"),
                    ("Leadership, management and governance", "Improving"),
                ),
                (3, 2),
            ),
            NewPage(),
            Heading("Testing the self-assessment"),
            "The external Director of Children's Services will test this self-assessment through "
            "a peer challenge visit on 11 and 12 February 2014, run like an Ofsted monitoring "
            "visit, and the self-assessment will be updated for the March board.",
        ),
    ),
    _highlight(
        "highlight_2014_02",
        "Improvement plan highlight report: February 2014",
        (
            ("Leadership and governance", "3", "3", "1", "0", "0"),
            ("Workforce", "2", "2", "1", "1", "1"),
            ("Systems and processes", "2", "1", "2", "1", "0"),
            ("Quality of practice", "2", "4", "3", "1", "2"),
            ("Thresholds and the front door", "0", "4", "1", "1", "1"),
        ),
        "Six actions are past their target date. The team dashboards (action 6.3) are blocked by "
        "the reporting tool licence, and the CCG has not agreed funding for a mental health nurse "
        "in the MASH (action 5.3).",
    ),
    DemoPaper(
        "early_help",
        "Early help strategy: evidence of impact",
        (
            Heading("Purpose"),
            "To report the impact of the early help strategy and ask the board to close action "
            "5.6 of the improvement plan.",
            "The strategy, commissioned through Core Assets and widened to include partners' own "
            "early help offer, was agreed by Cabinet in December 2013 and endorsed by the MSCB. "
            "Two contracts have been re-commissioned against it.",
            Table(
                (
                    ("Quarter", "CAFs registered"),
                    ("January to March 2013", "51"),
                    ("July to September 2013", "64"),
                    ("October to December 2013", "97"),
                ),
                (3, 1),
            ),
            NewPage(),
            Heading("Next steps"),
            "Quarterly audits of the quality of early help assessments start in April 2014 under "
            "action 5.7, so the board can see whether families are helped earlier, not only "
            "whether more assessments are made.",
        ),
    ),
    DemoPaper(
        "peer_challenge",
        "Peer challenge visit, 11 and 12 February 2014: findings",
        (
            Heading("Purpose"),
            "To report the findings of the peer challenge visit led by the external Director of "
            "Children's Services, run like an Ofsted monitoring visit.",
            Heading("Strengths"),
            "Management oversight is stronger, and the reasons for key decisions are recorded in "
            "most files. Staff spoke well of the single assessment and of the support of their "
            "managers.",
            Heading("Areas for development"),
            "Recording in the safeguarding teams is inconsistent, and caseloads there are rising "
            "again as experienced staff leave. Out-of-hours contacts are still outside triage.",
            NewPage(),
            Table(
                (
                    ("Activity", "Number"),
                    ("Cases tracked with social workers", "12"),
                    ("Practice observations", "4"),
                    ("Focus groups with staff", "3"),
                    ("Meetings with partners", "5"),
                ),
                (3, 1),
            ),
        ),
    ),
    _scorecard_paper(
        "scorecard_2014_01",
        "Jan 2014",
        (
            "Contacts rose to 1,290 after the threshold guidance was launched on 29 January. "
            "Recording within five working days reached 80%. Supervision compliance, adjusted by "
            "hand for staff on leave, was about 79%.",
            "The costed proposal for the reporting tool licence needed for team dashboards is "
            "attached for the board's decision.",
        ),
    ),
)

PAPERS: dict[str, DemoPaper] = {paper.key: paper for paper in _PAPER_LIST}
